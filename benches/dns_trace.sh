#!/usr/bin/env bash
# `dns lookup --trace` against `dig +trace`, side by side in one run (hyperfine),
# through a root -> test. -> example.test. hierarchy of three knotd instances on
# 127.0.0.1, .2 and .3, port 53, inside a network namespace this script makes
# (its own loopback: nothing leaves it). `dig +trace` looks the name servers'
# addresses up through resolv.conf, so the namespace gets its own resolv.conf
# (`ip netns exec` bind-mounts /etc/netns/NAME/resolv.conf) naming an unbound on
# 127.0.0.4 that resolves from the same root; netkit reads the glue. Needs root,
# iproute2, knotd, unbound, dig, hyperfine.
#
#   cargo build --release && sudo benches/dns_trace.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
NETKIT=$(realpath "${NETKIT:-target/release/netkit}")
RUNS=${1:-30}
NS=nktrace$$
W=$(mktemp -d)
for t in ip knotd unbound dig hyperfine; do command -v "$t" >/dev/null || { echo "needs $t" >&2; exit 2; }; done
cleanup() { ip netns pids "$NS" 2>/dev/null | xargs -r kill 2>/dev/null || true; sleep 0.2
  ip netns del "$NS" 2>/dev/null || true; rm -rf "/etc/netns/$NS" "$W"; }
trap cleanup EXIT
ip netns add "$NS"
ip netns exec "$NS" ip link set lo up
mkdir -p "/etc/netns/$NS"
echo "nameserver 127.0.0.4" > "/etc/netns/$NS/resolv.conf"
in_ns() { ip netns exec "$NS" "$@"; }

zone() { # dir ip zone-name file-text
  mkdir -p "$W/$1/db"; printf '%s' "$4" > "$W/$1/z.zone"
  cat > "$W/$1/knot.conf" <<CONF
server:
    rundir: "$W/$1"
    listen: $2@53
database:
    storage: "$W/$1/db"
log:
  - target: stderr
    any: error
zone:
  - domain: "$3"
    storage: "$W/$1"
    file: "z.zone"
    zonefile-sync: -1
    journal-content: none
CONF
  in_ns knotd -c "$W/$1/knot.conf" >/dev/null 2>&1 &
}
zone root 127.0.0.1 . ". 3600 IN SOA ns.root. h.root. 1 3600 600 86400 300
. 3600 IN NS ns.root.
ns.root. 3600 IN A 127.0.0.1
test. 3600 IN NS ns.test.
ns.test. 3600 IN A 127.0.0.2
"
zone tld 127.0.0.2 test. "test. 3600 IN SOA ns.test. h.test. 1 3600 600 86400 300
test. 3600 IN NS ns.test.
ns.test. 3600 IN A 127.0.0.2
example.test. 3600 IN NS ns.example.test.
ns.example.test. 3600 IN A 127.0.0.3
"
zone zone 127.0.0.3 example.test. "example.test. 3600 IN SOA ns.example.test. h.example.test. 1 3600 600 86400 300
example.test. 3600 IN NS ns.example.test.
ns.example.test. 3600 IN A 127.0.0.3
host.example.test. 3600 IN A 10.0.0.5
"
printf '.  3600 IN NS ns.root.\nns.root. 3600 IN A 127.0.0.1\n' > "$W/root.hints"
cat > "$W/unbound.conf" <<CONF
server:
    interface: 127.0.0.4
    port: 53
    do-daemonize: no
    chroot: ""
    username: ""
    directory: "$W"
    pidfile: ""
    use-syslog: no
    logfile: ""
    verbosity: 0
    do-ip6: no
    do-not-query-localhost: no
    access-control: 127.0.0.0/8 allow
    root-hints: "$W/root.hints"
    module-config: "iterator"
    harden-referral-path: no
    qname-minimisation: no
    local-zone: "test." nodefault
remote-control:
    control-enable: no
CONF
in_ns unbound -c "$W/unbound.conf" >/dev/null 2>&1 &
for _ in $(seq 100); do
  in_ns dig @127.0.0.4 +short +tries=1 +time=1 host.example.test A 2>/dev/null | grep -q 10.0.0.5 && break
  sleep 0.1
done
echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); hierarchy in netns $NS"
echo "-- netkit:"; in_ns "$NETKIT" dns lookup host.example.test A --trace --root-hints "$W/root.hints" | grep -E "^host|from" | head -4
echo "-- dig:";    in_ns dig +trace host.example.test A | grep -E "^host|from" | head -4
hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$W/t.json" \
  -n "netkit --trace" "ip netns exec $NS $NETKIT dns lookup host.example.test A --trace --root-hints $W/root.hints" \
  -n "dig +trace" "ip netns exec $NS dig +trace host.example.test A" >/dev/null
python3 - "$W/t.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
n, d = r["netkit --trace"], r["dig +trace"]
for k, x in (("netkit --trace", n), ("dig +trace", d)):
    print(f"  {k:<15} mean {x['mean']*1000:7.2f} ms  median {x['median']*1000:7.2f} ms")
print(f"  netkit/dig = {n['median']/d['median']:.2f}x the time (median; target <= 1.0)")
PY
