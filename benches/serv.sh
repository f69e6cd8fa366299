#!/usr/bin/env bash
# Services lookups: one-shot wall time of `netkit serv-by-name http` against
# `getent services http` and Python's socket.getservbyname, side by side in one
# hyperfine run. Prints the medians and the ratios. Usage: benches/serv.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-200}
command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install hyperfine)"; exit 2; }
cargo build --release -q
nk=target/release/netkit
out=$(mktemp)
trap 'rm -f "$out"' EXIT
hyperfine -N --warmup 20 --runs "$runs" --export-json "$out" \
  "$nk serv-by-name http" \
  "getent services http" \
  "python3 -c 'import socket; print(socket.getservbyname(\"http\"))'" >/dev/null
python3 - "$out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
med = {x["command"]: x["median"] * 1000 for x in r}
nk, ge, py = (med[c["command"]] for c in r)
print(f"{'command':50} {'median ms':>10}")
for c in r:
    print(f"{c['command'][:50]:50} {c['median']*1000:10.2f}")
print(f"netkit / getent  = {nk/ge:.2f}x  (target <= 1.5x)")
print(f"python3 / netkit = {py/nk:.1f}x (netkit faster when > 1)")
PY
