#!/usr/bin/env bash
# benches/engine.sh: the server engine's targets (docs/engine.md), every ratio
# from one run, each row the median of RUNS runs, rows interleaved so a busy
# machine hurts all servers alike:
#   - TCP echo, 16 and 256 connections, 64-byte messages, C load generator:
#     netkit (quiet and default logging) vs socat and the C epoll baseline,
#     and an older netkit binary (BEFORE=path) when given;
#   - one 64 MB line and one 64 MB length frame echoed (MB/s), and the time
#     per byte of a 16 MB frame against a 1 MB one (linear buffering).
# Bounded: about 2 minutes with the defaults.
#
#   benches/engine.sh                       # RUNS=3 DURATION=3
#   ONLY=frames benches/engine.sh           # the large frames only (raw framing beside)
#   BEFORE=/tmp/netkit-old benches/engine.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
DURATION=${DURATION:-3}
NETKIT=${NETKIT:-target/release/netkit}
BEFORE=${BEFORE:-}
WORK=$(mktemp -d)
BASE=$WORK/echo_baseline
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

[ -x "$NETKIT" ] || cargo build --release --quiet
cc -O2 -pthread -o "$BASE" benches/echo_baseline.c
command -v socat >/dev/null || { echo "missing socat" >&2; exit 1; }

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.05; done; }

start() { # start NAME PORT
  case "$1" in
    netkit) "$NETKIT" tcp-echo serve --listen 127.0.0.1:$2 --quiet >/dev/null & ;;
    netkit-log) "$NETKIT" tcp-echo serve --listen 127.0.0.1:$2 >/dev/null & ;;
    before) "$BEFORE" tcp-echo serve --listen 127.0.0.1:$2 --quiet >/dev/null & ;;
    socat) socat TCP-LISTEN:$2,bind=127.0.0.1,fork,reuseaddr,backlog=1024 PIPE & ;;
    baseline) "$BASE" tcp-server $2 & ;;
  esac
  SERVER=$!; PIDS+=("$SERVER"); wait_port "$2"
}
stop() { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; }

declare -A ALL ERRS
measure() { # measure NAME CONC: appends one rate
  local port out rate err
  port=$(free_port); start "$1" "$port"
  out=$("$BASE" tcp-load 127.0.0.1 "$port" "$2" "$DURATION" 64); stop
  rate=$(sed -E 's/.*rate=([0-9.]+).*/\1/' <<<"$out")
  err=$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$out")
  ALL[$1/$2]="${ALL[$1/$2]:-} $rate"; ERRS[$1/$2]=$(( ${ERRS[$1/$2]:-0} + err ))
}
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

ONLY=${ONLY:-}
SERVERS="netkit netkit-log socat baseline"
[ -n "$BEFORE" ] && SERVERS="$SERVERS before"
echo "== $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), ${DURATION}s per row, median of $RUNS =="
if [ "$ONLY" != frames ]; then
for run in $(seq "$RUNS"); do
  for s in $SERVERS; do measure "$s" 16; done
  for s in netkit baseline; do measure "$s" 256; done
done
declare -A M
for k in "${!ALL[@]}"; do M[$k]=$(median "${ALL[$k]}"); done
for k in $(printf '%s\n' "${!M[@]}" | sort); do
  printf "%-16s %10s rt/s  (runs:%s, errors %s)\n" "$k" "${M[$k]}" "${ALL[$k]}" "${ERRS[$k]}"
done
echo "tcp 16:  netkit/socat $(ratio "${M[netkit/16]}" "${M[socat/16]}") (>= 1.2)   netkit/baseline $(ratio "${M[netkit/16]}" "${M[baseline/16]}") (>= 1.0)   logging/quiet $(ratio "${M[netkit-log/16]}" "${M[netkit/16]}") (>= 0.9)"
[ -n "$BEFORE" ] && echo "tcp 16:  netkit/before $(ratio "${M[netkit/16]}" "${M[before/16]}")"
echo "tcp 256: netkit/baseline $(ratio "${M[netkit/256]}" "${M[baseline/256]}") (>= 1.0), errors ${ERRS[netkit/256]}"
fi

# Large frames: one frame each way, timed by a Python client.
big() { # big FRAMING MB: prints MB/s (FRAMING raw: netkit's raw echo, the same bytes)
  local port; port=$(free_port)
  "$NETKIT" tcp-echo serve --listen 127.0.0.1:$port --framing "$1" --max-size 64MB --quiet >/dev/null &
  SERVER=$!; PIDS+=("$SERVER"); wait_port "$port"
  python3 - "$port" "$1" "$2" <<'PY'
import socket, sys, threading, time
port, framing, mb = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
n = mb * 1024 * 1024 - (1 if framing == "line" else 0)
payload = b"x" * n
msg = (len(payload).to_bytes(4, "big") + payload) if framing == "length" else payload + b"\n"
s = socket.create_connection(("127.0.0.1", port))
t0 = time.perf_counter()
w = threading.Thread(target=s.sendall, args=(msg,)); w.start()
got = 0
buf = bytearray(1 << 20)
while got < len(msg):
    k = s.recv_into(buf)
    if not k: break
    got += k
w.join()
dt = time.perf_counter() - t0
assert got == len(msg), (got, len(msg))
print(f"{len(msg) / dt / 1e6:.0f}")
PY
  stop
}
bigm() { # bigm FRAMING MB: median MB/s of RUNS runs
  local all=""
  for _ in $(seq "$RUNS"); do all="$all $(big "$1" "$2")"; done
  median "$all"
}
s64=$(bigm raw 64)
for f in line length; do
  r64=$(bigm $f 64); r16=$(bigm $f 16); r1=$(bigm $f 1)
  echo "$f framing: 64 MB frame $r64 MB/s (>= 100; raw framing $s64 MB/s), 16 MB $r16 MB/s, 1 MB $r1 MB/s; per-byte time 16MB/1MB $(ratio "$r1" "$r16") (<= 4)"
done
