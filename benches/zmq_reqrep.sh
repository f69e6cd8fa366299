#!/usr/bin/env bash
# ZeroMQ request-reply and pipelines, netkit against pyzmq of the same shape, side
# by side in one run on loopback TCP (benches/zmq_reqrep_pyzmq.py), plus a C
# libzmq REQ/REP and PUSH/PULL pair (benches/zmq_reqrep_c.c, linked against the libzmq zmq-sys
# built) as the latency floor:
#   1. REQ/REP, one client: round trips/s and p50 RTT (netkit req -> netkit rep,
#      pyzmq REQ -> pyzmq REP, C REQ -> C REP).
#   2. 4 REQ clients -> proxy (ROUTER/DEALER) -> 2 REP workers: aggregate round
#      trips/s (netkit zmq proxy + netkit rep/req against zmq.proxy + pyzmq).
#   3. PUSH -> PULL, N small messages, none lost: messages/s at the PULL side
#      (netkit push makes them in-process with --count, as the pyzmq and C loops
#      do; nk_stdin is `seq N | netkit zmq push`, a third process on the cores).
# Bounded: every process runs under `timeout LIMIT`.
#
#   benches/zmq_reqrep.sh                      # RT=20000 N=1000000 ROUNDS=3
#   RT=5000 N=200000 ROUNDS=1 benches/zmq_reqrep.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RT=${RT:-20000}
N=${N:-1000000}
ROUNDS=${ROUNDS:-3}
LIMIT=${LIMIT:-120}
NETKIT=${NETKIT:-target/release/netkit}
PYTHON=${PYTHON:-$( [ -x target/peers-venv/bin/python3 ] && echo target/peers-venv/bin/python3 || echo python3)}
PY=benches/zmq_reqrep_pyzmq.py

[ -x "$NETKIT" ] || cargo build --release --quiet
"$PYTHON" -c 'import zmq' || { echo "pyzmq is missing: sudo ./peers.sh" >&2; exit 1; }

tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$tmp"; }
trap cleanup EXIT

# The C pair links the libzmq that zmq-sys built for the release binary.
ZSYS=$(dirname "$(find target/release/build -path '*zmq-sys*/out/lib/libzmq.a' | head -1)")/..
CBIN=$tmp/zmq_reqrep_c
if [ -f "$ZSYS/lib/libzmq.a" ]; then
  cc -O2 -o "$CBIN" benches/zmq_reqrep_c.c -I"$ZSYS/source/include" "$ZSYS/lib/libzmq.a" -lstdc++ -lpthread 2>/dev/null || CBIN=
else
  CBIN=
fi

free_port() { "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
jget() { "$PYTHON" -c 'import json,sys
for l in sys.stdin:
    e=json.loads(l)
    if e.get("type","summary")=="summary": v=e
k=sys.argv[1].split(".")
for p in k: v=v[p]
print(v)' "$1"; }
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
bg() { timeout "$LIMIT" "$@" > /dev/null 2>&1 & pids+=($!); }
wait_port() { for _ in $(seq 200); do (echo > /dev/tcp/127.0.0.1/"$1") 2>/dev/null && return; sleep 0.02; done; }

one_netkit() {
  local p; p=$(free_port)
  bg "$NETKIT" zmq rep "tcp://127.0.0.1:$p" -q; wait_port "$p"
  timeout "$LIMIT" "$NETKIT" zmq req "tcp://127.0.0.1:$p" x --count "$RT" -q --json > "$tmp/nk1"
  kill "${pids[-1]}"
  local ms; ms=$(jget duration_ms < "$tmp/nk1")
  echo "$(echo "$RT * 1000 / $ms" | bc -l) $(echo "$(jget rtt.p50_ms < "$tmp/nk1") * 1000" | bc -l)"
}
one_py() {
  local p; p=$(free_port)
  bg "$PYTHON" $PY rep "tcp://127.0.0.1:$p"; wait_port "$p"
  timeout "$LIMIT" "$PYTHON" $PY req "tcp://127.0.0.1:$p" "$RT" > "$tmp/py1"
  kill "${pids[-1]}"
  echo "$(jget rate < "$tmp/py1") $(jget p50_us < "$tmp/py1")"
}
one_c() {
  [ -n "$CBIN" ] || { echo "nan nan"; return; }
  local p; p=$(free_port)
  bg "$CBIN" rep "tcp://127.0.0.1:$p"; wait_port "$p"
  timeout "$LIMIT" "$CBIN" req "tcp://127.0.0.1:$p" "$RT" > "$tmp/c1"
  kill "${pids[-1]}"
  echo "$(jget rate < "$tmp/c1") $(jget p50_us < "$tmp/c1")"
}

# 4 clients through a proxy to 2 workers: aggregate rate over the clients' wall time.
proxy_run() {
  local kind=$1 f b; f=$(free_port); b=$(free_port)
  local per=$((RT / 4)) start end
  if [ "$kind" = netkit ]; then
    bg "$NETKIT" zmq proxy "tcp://127.0.0.1:$f" "tcp://127.0.0.1:$b" -q
    wait_port "$f"
    bg "$NETKIT" zmq rep --connect "tcp://127.0.0.1:$b" -q
    bg "$NETKIT" zmq rep --connect "tcp://127.0.0.1:$b" -q
  else
    bg "$PYTHON" $PY proxy "tcp://127.0.0.1:$f" "tcp://127.0.0.1:$b"
    wait_port "$f"
    bg "$PYTHON" $PY rep "c:tcp://127.0.0.1:$b"
    bg "$PYTHON" $PY rep "c:tcp://127.0.0.1:$b"
  fi
  sleep 0.3 # both workers connected (they print nothing to wait on)
  start=$(date +%s.%N)
  local cl=()
  for _ in 1 2 3 4; do
    if [ "$kind" = netkit ]; then
      timeout "$LIMIT" "$NETKIT" zmq req "tcp://127.0.0.1:$f" x --count "$per" -q > /dev/null & cl+=($!)
    else
      timeout "$LIMIT" "$PYTHON" $PY req "tcp://127.0.0.1:$f" "$per" > /dev/null & cl+=($!)
    fi
  done
  for c in "${cl[@]}"; do wait "$c"; done
  end=$(date +%s.%N)
  for p in "${pids[@]: -3}"; do kill "$p" 2>/dev/null || true; done
  echo "$((per * 4)) / ($end - $start)" | bc -l
}

pipe_run() {
  local kind=$1 p; p=$(free_port)
  if [ "$kind" = netkit ] || [ "$kind" = netkit-stdin ]; then
    timeout "$LIMIT" "$NETKIT" zmq pull "tcp://127.0.0.1:$p" --count "$N" -q --json 2>/dev/null > "$tmp/pull" &
    local pull=$!; wait_port "$p"
    if [ "$kind" = netkit ]; then
      # Messages made in the process, as pyzmq's and C's loops do.
      timeout "$LIMIT" "$NETKIT" zmq push "tcp://127.0.0.1:$p" 1234567 --count "$N" -q > /dev/null
    else
      # One per stdin line: a third process (seq) on the same cores.
      seq "$N" | timeout "$LIMIT" "$NETKIT" zmq push "tcp://127.0.0.1:$p" -q > /dev/null
    fi
    wait "$pull"
    local got; got=$(jget messages < "$tmp/pull")
    [ "$got" = "$N" ] || { echo "netkit pull got $got of $N" >&2; exit 1; }
    jget rate < "$tmp/pull"
  elif [ "$kind" = c ]; then
    [ -n "$CBIN" ] || { echo 0; return; }
    timeout "$LIMIT" "$CBIN" pull "tcp://127.0.0.1:$p" "$N" > "$tmp/pull" &
    local pull=$!; wait_port "$p"
    timeout "$LIMIT" "$CBIN" push "tcp://127.0.0.1:$p" "$N"
    wait "$pull"
    local got; got=$(jget messages < "$tmp/pull")
    [ "$got" = "$N" ] || { echo "C pull got $got of $N" >&2; exit 1; }
    jget rate < "$tmp/pull"
  else
    timeout "$LIMIT" "$PYTHON" $PY pull "tcp://127.0.0.1:$p" "$N" > "$tmp/pull" &
    local pull=$!; wait_port "$p"
    timeout "$LIMIT" "$PYTHON" $PY push "tcp://127.0.0.1:$p" "$N"
    wait "$pull"
    local got; got=$(jget messages < "$tmp/pull")
    [ "$got" = "$N" ] || { echo "pyzmq pull got $got of $N" >&2; exit 1; }
    jget rate < "$tmp/pull"
  fi
}

echo "ZeroMQ REQ/REP ($RT round trips) and PUSH/PULL ($N messages), $ROUNDS round(s), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %11s %11s %11s %8s %8s %8s %11s %11s %11s %11s %11s %11s\n' round nk_rt/s py_rt/s c_rt/s nk_p50us py_p50us c_p50us nk_proxy py_proxy nk_push py_push c_push nk_stdin
for f in nk_rt py_rt c_rt nk_p50 py_p50 c_p50 nk_px py_px nk_pp py_pp c_pp nk_si; do : > "$tmp/$f"; done
for r in $(seq "$ROUNDS"); do
  read -r nr np < <(one_netkit); read -r pr pp < <(one_py); read -r cr cp < <(one_c)
  nx=$(proxy_run netkit); px=$(proxy_run pyzmq)
  nq=$(pipe_run netkit); pq=$(pipe_run pyzmq); cq=$(pipe_run c); sq=$(pipe_run netkit-stdin)
  echo "$nr" >> "$tmp/nk_rt"; echo "$pr" >> "$tmp/py_rt"; echo "$cr" >> "$tmp/c_rt"
  echo "$np" >> "$tmp/nk_p50"; echo "$pp" >> "$tmp/py_p50"; echo "$cp" >> "$tmp/c_p50"
  echo "$nx" >> "$tmp/nk_px"; echo "$px" >> "$tmp/py_px"; echo "$nq" >> "$tmp/nk_pp"; echo "$pq" >> "$tmp/py_pp"; echo "$cq" >> "$tmp/c_pp"; echo "$sq" >> "$tmp/nk_si"
  printf '%-6s %11.0f %11.0f %11.0f %8.1f %8.1f %8.1f %11.0f %11.0f %11.0f %11.0f %11.0f %11.0f\n' "$r" "$nr" "$pr" "$cr" "$np" "$pp" "$cp" "$nx" "$px" "$nq" "$pq" "$cq" "$sq"
done
m() { median < "$tmp/$1"; }
printf '%-6s %11.0f %11.0f %11.0f %8.1f %8.1f %8.1f %11.0f %11.0f %11.0f %11.0f %11.0f %11.0f\n' median \
  "$(m nk_rt)" "$(m py_rt)" "$(m c_rt)" "$(m nk_p50)" "$(m py_p50)" "$(m c_p50)" "$(m nk_px)" "$(m py_px)" "$(m nk_pp)" "$(m py_pp)" "$(m c_pp)" "$(m nk_si)"
ratio() { echo "$1 / $2" | bc -l; }
printf 'ratios (median): REQ/REP %.2fx pyzmq; proxy %.2fx pyzmq; PUSH/PULL %.2fx pyzmq (from stdin %.2fx; C libzmq pair %.2fx); p50 %.2fx C libzmq (all %s PUSH/PULL messages delivered)\n' \
  "$(ratio "$(m nk_rt)" "$(m py_rt)")" "$(ratio "$(m nk_px)" "$(m py_px)")" "$(ratio "$(m nk_pp)" "$(m py_pp)")" "$(ratio "$(m nk_si)" "$(m py_pp)")" "$(ratio "$(m c_pp)" "$(m py_pp)")" "$(ratio "$(m nk_p50)" "$(m c_p50)")" "$N"
