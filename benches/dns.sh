#!/usr/bin/env bash
# DNS benchmarks: netkit dns lookup against dig and kdig, side by side in one run,
# all asking the same local dnsmasq on a free loopback port.
#   1. single-query process wall time (hyperfine): netkit vs kdig vs dig
#   2. 10,000 names from a file: `netkit dns lookup - < file` vs `dig -f file`
# Prints the means and the ratios. Bounded: ~1 minute on an idle 2-core machine.
#
# Usage: cargo build --release && benches/dns.sh [RUNS]   (RUNS for the single query, default 100)
set -euo pipefail

cd "$(dirname "$0")/.."
NETKIT=${NETKIT:-target/release/netkit}
RUNS=${1:-100}
for tool in dnsmasq dig kdig hyperfine python3; do
    command -v "$tool" >/dev/null || { echo "benches/dns.sh: $tool is not installed" >&2; exit 2; }
done
[ -x "$NETKIT" ] || { echo "benches/dns.sh: build first: cargo build --release" >&2; exit 2; }

WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dnsmasq --no-daemon --no-resolv --no-hosts --bind-interfaces --listen-address=127.0.0.1 \
    --port="$PORT" --pid-file= --log-facility=/dev/null --local=/example.test/ \
    --address=/addr.example.test/10.1.2.3 --host-record=host.example.test,10.0.0.5,fd00::5 &
DNSMASQ=$!
trap 'kill "$DNSMASQ" 2>/dev/null; rm -rf "$WORK"' EXIT

# Readiness: wait until it answers (at most 10 s).
for _ in $(seq 1 100); do
    if dig @127.0.0.1 -p "$PORT" +short +tries=1 +time=1 host.example.test A 2>/dev/null | grep -q 10.0.0.5; then
        break
    fi
    sleep 0.1
done

for i in $(seq 1 10000); do echo "n$i.addr.example.test A"; done >"$WORK/names.txt"

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); dnsmasq on 127.0.0.1:$PORT"
echo "== 1. single query (host.example.test A), $RUNS runs each"
hyperfine -N --warmup 10 --runs "$RUNS" --export-json "$WORK/single.json" \
    -n netkit "$NETKIT dns lookup host.example.test A --server 127.0.0.1:$PORT" \
    -n kdig "kdig @127.0.0.1 -p $PORT host.example.test A" \
    -n dig "dig @127.0.0.1 -p $PORT host.example.test A" >/dev/null

echo "== 2. 10,000 names from a file (A records), 5 runs each"
hyperfine --warmup 1 --runs 5 --export-json "$WORK/batch.json" \
    -n "netkit -" "$NETKIT dns lookup - --short --server 127.0.0.1:$PORT < $WORK/names.txt" \
    -n "dig -f" "dig @127.0.0.1 -p $PORT -f $WORK/names.txt +short" >/dev/null

# Check the batch answered everything before reporting its speed.
got=$("$NETKIT" dns lookup - --short --server "127.0.0.1:$PORT" <"$WORK/names.txt" | grep -c '^10.1.2.3$')
echo "   netkit answered $got of 10000 names"

python3 - "$WORK/single.json" "$WORK/batch.json" <<'EOF'
import json, sys
def load(p):
    return {r["command"]: r for r in json.load(open(p))["results"]}
s, b = load(sys.argv[1]), load(sys.argv[2])
ms = lambda r: r["mean"] * 1000
med = lambda r: r["median"] * 1000
print("single query   mean ms   median ms")
for name in ("netkit", "kdig", "dig"):
    print(f"  {name:<8} {ms(s[name]):8.2f}  {med(s[name]):9.2f}")
print(f"  netkit/kdig = {ms(s['netkit'])/ms(s['kdig']):.2f}x time (target <= 0.35)")
print(f"  netkit/kdig = {med(s['netkit'])/med(s['kdig']):.2f}x median time")
print(f"  netkit/dig  = {ms(s['netkit'])/ms(s['dig']):.2f}x time")
print("10,000 names   mean ms")
for name in ("netkit -", "dig -f"):
    print(f"  {name:<8} {ms(b[name]):8.1f}")
print(f"  dig -f / netkit = {ms(b['dig -f'])/ms(b['netkit -']):.1f}x faster (target >= 5)")
EOF
