#!/usr/bin/env bash
# Sharded publish over a 3-master Redis Cluster on loopback, side by side in one run:
#   `seq N | awk '{print $1%64, $1}' | netkit pub --sharded --keyed` (64 channels
#   spread over the 3 masters, with a `netkit sub --sharded` on all 64 that must
#   receive all N) vs `redis-benchmark -P 16 SPUBLISH` on one node (a channel that
#   node owns). Prints the rates and netkit's rate per node used / redis-benchmark's.
# Bounded: every step has a timeout. Usage: benches/redis_cluster.sh [RUNS]
# (env: N=100000 NETKIT=target/release/netkit)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
RUNS=${1:-3}
NETKIT=${NETKIT:-target/release/netkit}
[ -x "$NETKIT" ] || { echo "build first: cargo build --release" >&2; exit 2; }
for t in redis-server redis-benchmark redis-cli python3; do
  command -v "$t" >/dev/null || { echo "missing $t" >&2; exit 2; }
done
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
rate() { python3 -c "import sys; n,a,b=map(float,sys.argv[1:]); print(f'{n/(b-a):.0f}')" "$@"; }

DIR=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$DIR"; }
trap cleanup EXIT

PORTS=()
for _ in 1 2 3; do
  p=$(free_port); PORTS+=("$p"); mkdir -p "$DIR/$p"
  redis-server --port "$p" --bind 127.0.0.1 --cluster-enabled yes --cluster-config-file nodes.conf \
    --dir "$DIR/$p" --save '' --appendonly no >/dev/null &
  PIDS+=($!)
done
for p in "${PORTS[@]}"; do
  for _ in $(seq 100); do [ "$(redis-cli -p "$p" PING 2>/dev/null)" = PONG ] && break; sleep 0.1; done
done
redis-cli --cluster create "${PORTS[@]/#/127.0.0.1:}" --cluster-yes >/dev/null
for _ in $(seq 200); do
  redis-cli -p "${PORTS[0]}" CLUSTER INFO | grep -q cluster_state:ok && break; sleep 0.1
done
URL="redis+cluster://127.0.0.1:${PORTS[0]}"
CHANNELS=$(seq 0 63 | sed 's/^/bench:/')
NODES=$(for c in $CHANNELS; do redis-cli -p "${PORTS[0]}" CLUSTER KEYSLOT "$c"; done |
  python3 -c "
import sys, subprocess
out = subprocess.run(['redis-cli','-p','${PORTS[0]}','CLUSTER','SLOTS'], capture_output=True, text=True).stdout.split()
slots = [int(l) for l in sys.stdin]
ranges = [(int(out[i]), int(out[i+1]), out[i+3]) for i in range(len(out)-3) if out[i].isdigit() and out[i+1].isdigit() and '.' in out[i+2]]
print(len({p for s in slots for lo, hi, p in ranges if lo <= s <= hi}))")
# A channel owned by the first node, for redis-benchmark there.
ONE=$(for i in $(seq 0 999); do
  s=$(redis-cli -p "${PORTS[0]}" CLUSTER KEYSLOT "one:$i")
  [ "$(redis-cli -p "${PORTS[0]}" CLUSTER COUNTKEYSINSLOT "$s" 2>/dev/null)" = 0 ] &&
    redis-cli -p "${PORTS[0]}" SPUBLISH "one:$i" x 2>/dev/null | grep -q '^0$' && { echo "one:$i"; break; }
done)

netkit_run() {
  # shellcheck disable=SC2086
  timeout 120 "$NETKIT" sub "$URL" --sharded --count "$N" --quiet --timeout 20s $CHANNELS >/dev/null &
  local sub=$! subs
  for _ in $(seq 200); do
    subs=0
    for p in "${PORTS[@]}"; do
      subs=$((subs + $(redis-cli -p "$p" PUBSUB SHARDNUMSUB $CHANNELS | awk 'NR%2==0' | paste -sd+ | bc)))
    done
    [ "$subs" = 64 ] && break; sleep 0.05
  done
  local a b
  a=$(now)
  seq "$N" | awk '{print $1%64, $1}' | timeout 120 "$NETKIT" pub "$URL" --sharded --keyed bench: --quiet >/dev/null
  b=$(now)
  if ! wait "$sub"; then echo "netkit sub --sharded did not receive all $N messages" >&2; exit 1; fi
  rate "$N" "$a" "$b"
}
# The same publish with nobody subscribed, as redis-benchmark runs.
netkit_alone() {
  local a b
  a=$(now)
  seq "$N" | awk '{print $1%64, $1}' | timeout 120 "$NETKIT" pub "$URL" --sharded --keyed bench: --quiet >/dev/null 2>&1
  b=$(now)
  rate "$N" "$a" "$b"
}
bench_run() {
  timeout 120 redis-benchmark -p "${PORTS[0]}" -n "$N" -P 16 --csv SPUBLISH "$ONE" msg 2>/dev/null |
    tail -1 | cut -d, -f2 | tr -d '"' | cut -d. -f1
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

NK=(); NA=(); RB=()
for _ in $(seq "$RUNS"); do NK+=("$(netkit_run)"); NA+=("$(netkit_alone)"); RB+=("$(bench_run)"); done
nk=$(printf '%s\n' "${NK[@]}" | median); na=$(printf '%s\n' "${NA[@]}" | median)
rb=$(printf '%s\n' "${RB[@]}" | median)
echo "runs: netkit+sub ${NK[*]} · netkit alone ${NA[*]} · redis-benchmark ${RB[*]}"
echo "netkit pub --sharded --keyed, $N msgs over 64 channels on $NODES masters, sub got all: $nk msg/s (median)"
echo "same, nobody subscribed: $na msg/s (median)"
echo "redis-benchmark -P 16 SPUBLISH on one node, nobody subscribed: $rb msg/s (median)"
python3 -c "a,n,r,k=$na,$nk,$rb,$NODES; print(f'per node used / redis-benchmark one node: alone {a/k/r:.2f}x, with sub {n/k/r:.2f}x  (totals {a/r:.2f}x, {n/r:.2f}x)')"
