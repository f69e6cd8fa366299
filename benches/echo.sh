#!/usr/bin/env bash
# benches/echo.sh: round trips per second of small messages on loopback, netkit's
# echo servers side by side with socat, ncat and a minimal C baseline
# (benches/echo_baseline.c: epoll TCP, recvfrom/sendto UDP), every server driven
# by the same load generator (the C one), plus netkit's own load mode against the
# baseline server. Bounded: about 2 minutes with the defaults. Prints p50/p99
# beside every rate and the ratios the issue asks for.
#
#   benches/echo.sh                 # DURATION=3 SIZE=64
#   DURATION=5 benches/echo.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-3}
SIZE=${SIZE:-64}
NETKIT=${NETKIT:-target/release/netkit}
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
for t in socat ncat; do command -v $t >/dev/null || { echo "missing $t" >&2; exit 1; }; done

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

start() { # start NAME PROTO PORT: starts the named server, waits until ready
  local name=$1 proto=$2 port=$3
  case "$name/$proto" in
    netkit/tcp) "$NETKIT" tcp-echo serve --listen 127.0.0.1:$port --quiet >/dev/null & ;;
    netkit/udp) "$NETKIT" udp-echo serve --listen 127.0.0.1:$port --quiet >/dev/null & ;;
    socat/tcp) socat TCP-LISTEN:$port,bind=127.0.0.1,fork,reuseaddr,backlog=1024 PIPE & ;;
    socat/udp) socat UDP-RECVFROM:$port,bind=127.0.0.1,fork PIPE & ;;
    ncat/tcp) ncat -l -k -m 2000 127.0.0.1 $port --exec /bin/cat & ;;
    baseline/tcp) "$BASE" tcp-server $port & ;;
    baseline/udp) "$BASE" udp-server $port & ;;
  esac
  SERVER=$!
  PIDS+=("$SERVER")
  for _ in $(seq 100); do
    if [ "$proto" = tcp ]; then
      (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && return 0
    else
      sleep 0.2; return 0
    fi
    sleep 0.05
  done
}

stop() { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; }

declare -A RATE P50 P99 ERR
measure() { # measure NAME PROTO CONC: one row, via the C load generator
  local name=$1 proto=$2 conc=$3 port out
  port=$(free_port)
  start "$name" "$proto" "$port"
  out=$("$BASE" $proto-load 127.0.0.1 "$port" "$conc" "$DURATION" "$SIZE")
  stop
  local key="$name/$proto/$conc"
  RATE[$key]=$(sed -E 's/.*rate=([0-9.]+).*/\1/' <<<"$out")
  P50[$key]=$(sed -E 's/.*p50_ms=([0-9.]+).*/\1/' <<<"$out")
  P99[$key]=$(sed -E 's/.*p99_ms=([0-9.]+).*/\1/' <<<"$out")
  ERR[$key]=$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$out")
  printf "%-4s %-9s %5s conns %10s rt/s   p50 %7s ms   p99 %7s ms   errors %s\n" \
    "$proto" "$name" "$conc" "${RATE[$key]}" "${P50[$key]}" "${P99[$key]}" "${ERR[$key]}"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

echo "== $(nproc) cores, ${DURATION}s per row, ${SIZE}-byte messages, load generator: echo_baseline (C) =="
for conc in 1 16 256; do
  for s in netkit socat ncat baseline; do measure $s tcp $conc; done
done
for conc in 1 16; do
  for s in netkit socat baseline; do measure $s udp $conc; done
done

# netkit's load mode against the baseline server, beside the C load generator.
port=$(free_port)
start baseline tcp "$port"
nk=$("$NETKIT" --json tcp-echo send 127.0.0.1:$port --concurrency 16 --duration ${DURATION}s --size "$SIZE")
c=$("$BASE" tcp-load 127.0.0.1 "$port" 16 "$DURATION" "$SIZE")
stop
NK_RATE=$(python3 -c 'import json,sys; print(round(json.loads(sys.argv[1])["rate"]))' "$nk")
NK_P=$(python3 -c 'import json,sys; r=json.loads(sys.argv[1])["rtt"]; print(r["p50_ms"], r["p99_ms"])' "$nk")
C_RATE=$(sed -E 's/.*rate=([0-9.]+).*/\1/' <<<"$c")
echo "load generators vs baseline tcp server, 16 conns: netkit $NK_RATE rt/s (p50/p99 $NK_P ms), C $C_RATE rt/s ($c)"

echo
echo "== ratios (targets from issue 3) =="
r() { ratio "${RATE[$1]}" "${RATE[$2]}"; }
echo "tcp 16:  netkit/socat $(r netkit/tcp/16 socat/tcp/16) (>= 1.0)   netkit/ncat $(r netkit/tcp/16 ncat/tcp/16) (>= 1.3)   netkit/baseline $(r netkit/tcp/16 baseline/tcp/16) (>= 0.9)"
echo "tcp 256: netkit/baseline $(r netkit/tcp/256 baseline/tcp/256) (>= 0.8)   errors: netkit ${ERR[netkit/tcp/256]}, socat ${ERR[socat/tcp/256]}, ncat ${ERR[ncat/tcp/256]}"
echo "udp 16:  netkit/socat $(r netkit/udp/16 socat/udp/16) (>= 20)   netkit/baseline $(r netkit/udp/16 baseline/udp/16) (>= 0.8)"
echo "tcp 1 p50 RTT: netkit/baseline $(ratio "${P50[netkit/tcp/1]}" "${P50[baseline/tcp/1]}") (<= 1.1)"
echo "load generator: netkit/C $(ratio "$NK_RATE" "$C_RATE") (>= 0.8)"
