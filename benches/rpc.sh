#!/usr/bin/env bash
# benches/rpc.sh — XML-RPC calls per second, side by side on loopback (SEED §10):
#   1. client: `netkit rpc-call --repeat N` vs Python's ServerProxy, both against `netkit rpc-serve`
#   2. server: `netkit rpc-serve` vs Python's SimpleXMLRPCServer under the same client load:
#      a. one `netkit rpc-call --repeat C*N --concurrency C` (C connections, one call in flight
#         on each, one event-driven thread: the load generator, like `ab -c`/wrk)
#      b. C concurrent `netkit rpc-call --repeat N` processes (one blocking connection each)
#      c. one Python ServerProxy
#   3. for reference: netkit client ↔ netkit server over JSON-RPC (HTTP, TCP lines) and MessagePack-RPC
# Usage: benches/rpc.sh [N] [C]   (N calls per client, default 5000; C concurrent clients, default 4)
# Needs: a release build (cargo build --release), python3. Every step is bounded by `timeout`.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-5000}
C=${2:-4}
BIN=${NETKIT:-target/release/netkit}
[ -x "$BIN" ] || { echo "build first: cargo build --release" >&2; exit 2; }
TMP=$(mktemp -d)
PIDS=()
# start_netkit runs in $(...), a subshell: its servers are found through their pid files.
cleanup() {
  for p in "${PIDS[@]}" $(cat "$TMP"/pid-* 2>/dev/null); do kill "$p" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT

start_netkit() { # $1 = proto → prints port (pid in $TMP/pid-$1)
  local out="$TMP/serve-$1"
  "$BIN" rpc-serve --proto "$1" --listen 127.0.0.1:0 --json >"$out" 2>/dev/null &
  PIDS+=($!)
  echo $! >"$TMP/pid-$1"
  for _ in $(seq 100); do [ -s "$out" ] && break; sleep 0.05; done
  python3 -c 'import json,sys; print(json.loads(open(sys.argv[1]).readline())["port"])' "$out"
}

netkit_rate() { # URL [extra args] → calls/s of one rpc-call --repeat N
  local url=$1; shift
  timeout 120 "$BIN" rpc-call "$url" double 7 --repeat "$N" --quiet --json "$@" |
    python3 -c 'import json,sys; print(round([json.loads(l) for l in sys.stdin][-1]["calls_per_sec"]))'
}

cpu_ticks() { # PID → utime+stime in clock ticks
  awk '{print $14 + $15}' "/proc/$1/stat"
}

load_rate() { # URL SERVER_PID → "calls/s server-CPU-us-per-call" under C concurrent rpc-call --repeat N
  local url=$1 pid=$2 t0 t1 c0 c1 cpids=()
  c0=$(cpu_ticks "$pid")
  t0=$(date +%s.%N)
  for _ in $(seq "$C"); do
    timeout 120 "$BIN" rpc-call "$url" double 7 --repeat "$N" --quiet >/dev/null &
    cpids+=($!)
  done
  wait "${cpids[@]}"
  t1=$(date +%s.%N)
  c1=$(cpu_ticks "$pid")
  python3 -c "print(round($C * $N / ($t1 - $t0)), round(($c1 - $c0) / $(getconf CLK_TCK) * 1e6 / ($C * $N), 1))"
}

gen_rate() { # URL SERVER_PID CALLS → "calls/s server-CPU-us-per-call" for one rpc-call --concurrency C
  local url=$1 pid=$2 calls=$3 c0 c1 rate
  c0=$(cpu_ticks "$pid")
  rate=$(timeout 120 "$BIN" rpc-call "$url" double 7 --repeat "$calls" --concurrency "$C" --quiet --json |
    python3 -c 'import json,sys; print(round(json.loads(sys.stdin.readlines()[-1])["calls_per_sec"]))')
  c1=$(cpu_ticks "$pid")
  python3 -c "print($rate, round(($c1 - $c0) / $(getconf CLK_TCK) * 1e6 / $calls, 1))"
}

ratio() { python3 -c "print(f'{$1 / $2:.1f}x')"; }

NK=$(start_netkit xmlrpc)
python3 benches/rpc_server.py 0 >"$TMP/py-port" 2>/dev/null &
PIDS+=($!)
PYPID=$!
for _ in $(seq 100); do [ -s "$TMP/py-port" ] && break; sleep 0.05; done
PY=$(head -1 "$TMP/py-port")
NKURL="http://127.0.0.1:$NK/"
PYURL="http://127.0.0.1:$PY/"
echo "# rpc bench: N=$N calls per client, C=$C concurrent clients, $(nproc) cores, $(date -u +%FT%TZ)"

echo "## 1. client: calls/s against netkit rpc-serve (one connection, sequential)"
a=$(netkit_rate "$NKURL")
b=$(timeout 120 python3 benches/rpc_client.py "$NKURL" "$N")
printf "netkit rpc-call --repeat   %8s calls/s\npython ServerProxy         %8s calls/s\nratio                      %8s   (target >= 3x)\n" "$a" "$b" "$(ratio "$a" "$b")"

echo "## 2. server: same client load against each server"
read -r a acpu < <(gen_rate "$NKURL" "$(cat "$TMP/pid-xmlrpc")" $((C * N)))
read -r b bcpu < <(gen_rate "$PYURL" "$PYPID" $((C * N / 10)))
printf "rpc-call --concurrency %s -> netkit rpc-serve       %8s calls/s  %7s us server CPU per call\n" "$C" "$a" "$acpu"
printf "rpc-call --concurrency %s -> python SimpleXMLRPC    %8s calls/s  %7s us server CPU per call\n" "$C" "$b" "$bcpu"
printf "ratio                                            %8s          %7s   (target >= 10x; client and server share the cores)\n" "$(ratio "$a" "$b")" "$(ratio "$bcpu" "$acpu")"
read -r a acpu < <(load_rate "$NKURL" "$(cat "$TMP/pid-xmlrpc")")
read -r b bcpu < <(load_rate "$PYURL" "$PYPID")
printf "%s x netkit rpc-call -> netkit rpc-serve          %8s calls/s  %7s us server CPU per call\n" "$C" "$a" "$acpu"
printf "%s x netkit rpc-call -> python SimpleXMLRPCServer %8s calls/s  %7s us server CPU per call\n" "$C" "$b" "$bcpu"
printf "ratio                                            %8s          %7s\n" "$(ratio "$a" "$b")" "$(ratio "$bcpu" "$acpu")"
a=$(timeout 120 python3 benches/rpc_client.py "$NKURL" "$N")
b=$(timeout 120 python3 benches/rpc_client.py "$PYURL" "$N")
printf "python ServerProxy -> netkit rpc-serve          %8s calls/s\n" "$a"
printf "python ServerProxy -> python SimpleXMLRPCServer %8s calls/s\n" "$b"
printf "ratio                                            %8s   (the Python client is the bottleneck here)\n" "$(ratio "$a" "$b")"

echo "## 3. reference: netkit client and server, one connection"
JS=$(start_netkit jsonrpc)
MP=$(start_netkit msgpack)
printf "xmlrpc  over HTTP          %8s calls/s\n" "$(netkit_rate "$NKURL")"
printf "jsonrpc over HTTP          %8s calls/s\n" "$(netkit_rate "http://127.0.0.1:$JS/" --proto jsonrpc)"
printf "jsonrpc over TCP lines     %8s calls/s\n" "$(netkit_rate "tcp://127.0.0.1:$JS" --proto jsonrpc)"
printf "msgpack over TCP           %8s calls/s\n" "$(netkit_rate "tcp://127.0.0.1:$MP")"
