#!/usr/bin/env bash
# Redis publish rate, side by side on loopback, in one run:
#   1. against one redis-server: `seq N | netkit pub` (pipelined, with a concurrent
#      `netkit sub` that must receive all N) vs `redis-benchmark -P 16 PUBLISH` vs a
#      redis-py publish loop;
#   2. `netkit broker` vs redis-server with the same clients (netkit pub + sub,
#      redis-benchmark -P 16).
# Prints rates and ratios. Bounded: every step has a timeout.
# Usage: benches/redis.sh   (env: N=100000 PY_N=20000 NETKIT=target/release/netkit)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
PY_N=${PY_N:-20000}
NETKIT=${NETKIT:-target/release/netkit}
[ -x "$NETKIT" ] || { echo "build first: cargo build --release" >&2; exit 2; }
for t in redis-server redis-benchmark redis-cli python3; do
  command -v "$t" >/dev/null || { echo "missing $t" >&2; exit 2; }
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
rate() { python3 -c "import sys; n,a,b=map(float,sys.argv[1:]); print(f'{n/(b-a):.0f}')" "$@"; }
ratio() { python3 -c "import sys; a,b=map(float,sys.argv[1:]); print(f'{a/b:.2f}')" "$@"; }

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

wait_port() {
  for _ in $(seq 100); do redis-cli -p "$1" PING >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "port $1 did not answer" >&2; exit 3
}

RPORT=$(free_port)
redis-server --port "$RPORT" --bind 127.0.0.1 --save '' --appendonly no >/dev/null &
PIDS+=($!)
BPORT=$(free_port)
"$NETKIT" broker --listen "127.0.0.1:$BPORT" --quiet >/dev/null &
PIDS+=($!)
wait_port "$RPORT"; wait_port "$BPORT"

# netkit pub of N stdin lines with a netkit sub that must get all N; prints the rate.
netkit_pub() {
  local port=$1
  timeout 120 "$NETKIT" sub "redis://127.0.0.1:$port" bench --count "$N" --quiet --timeout 20s >/dev/null &
  local sub=$!
  # Wait until the subscriber is subscribed (PUBSUB NUMSUB says 1).
  for _ in $(seq 100); do
    [ "$(redis-cli -p "$port" PUBSUB NUMSUB bench | tail -1)" = 1 ] && break; sleep 0.05
  done
  local a b
  a=$(now)
  seq "$N" | timeout 120 "$NETKIT" pub "redis://127.0.0.1:$port" bench --quiet >/dev/null
  b=$(now)
  if ! wait "$sub"; then echo "netkit sub did not receive all $N messages" >&2; exit 1; fi
  rate "$N" "$a" "$b"
}

redis_benchmark() {
  timeout 120 redis-benchmark -p "$1" -n "$N" -P 16 --csv PUBLISH bench msg 2>/dev/null \
    | awk -F'","' 'NR==2 {print int($2)}'
}

redis_py() {
  timeout 120 python3 - "$1" "$PY_N" <<'PY'
import sys, time, redis
r = redis.Redis(port=int(sys.argv[1])); n = int(sys.argv[2])
t = time.perf_counter()
for i in range(n):
    r.publish('bench', str(i))
print(int(n / (time.perf_counter() - t)))
PY
}

echo "N=$N messages (redis-py: $PY_N), machine: $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
NK=$(netkit_pub "$RPORT")
RB=$(redis_benchmark "$RPORT")
PY=$(redis_py "$RPORT")
echo
echo "== publish rate against redis-server $(redis-server --version | awk '{print $3}')"
printf '%-44s %10s msg/s\n' "netkit pub (stdin, pipelined, sub got all)" "$NK"
printf '%-44s %10s msg/s\n' "redis-benchmark -P 16 PUBLISH (50 conns)" "$RB"
printf '%-44s %10s msg/s\n' "redis-py publish loop" "$PY"
echo "netkit / redis-benchmark = $(ratio "$NK" "$RB")   (target >= 0.5)"
echo "netkit / redis-py        = $(ratio "$NK" "$PY")   (target >= 10)"

BNK=$(netkit_pub "$BPORT")
BRB=$(redis_benchmark "$BPORT")
BPY=$(redis_py "$BPORT")
echo
echo "== netkit broker vs redis-server, same clients"
printf '%-30s %12s %12s %8s\n' "client" "broker" "redis" "ratio"
printf '%-30s %12s %12s %8s\n' "netkit pub + sub" "$BNK" "$NK" "$(ratio "$BNK" "$NK")"
printf '%-30s %12s %12s %8s\n' "redis-benchmark -P 16" "$BRB" "$RB" "$(ratio "$BRB" "$RB")"
printf '%-30s %12s %12s %8s\n' "redis-py loop" "$BPY" "$PY" "$(ratio "$BPY" "$PY")"
