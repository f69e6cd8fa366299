#!/usr/bin/env bash
# ZeroMQ pub -> sub throughput: `seq N | netkit pub` -> `netkit sub` against a
# pyzmq PUB -> SUB pair (benches/zmq_pyzmq.py) moving the same two-frame messages
# ([b"n", b"1"], [b"n", b"2"], ...), side by side, on loopback TCP.
# Rates are measured by each subscriber from its first message to its last; every
# run must deliver all N messages (the script fails otherwise). Bounded: each side
# is killed after LIMIT seconds.
#
#   benches/zmq.sh                 # N=1000000, ROUNDS=3
#   N=200000 ROUNDS=1 benches/zmq.sh
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-1000000}
ROUNDS=${ROUNDS:-3}
LIMIT=${LIMIT:-60}
NETKIT=${NETKIT:-target/release/netkit}
PY=benches/zmq_pyzmq.py

[ -x "$NETKIT" ] || cargo build --release --quiet
python3 -c 'import zmq' || { echo "pyzmq is missing: pip install pyzmq" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
field() { python3 -c 'import json,sys; print(json.loads(sys.stdin.readlines()[-1]).get(sys.argv[1]))' "$1"; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run_netkit() {
  local port; port=$(free_port)
  timeout "$LIMIT" "$NETKIT" sub "tcp://127.0.0.1:$port" --count "$N" --timeout 30s --quiet --json \
    | grep '"summary"' > "$tmp/nk_sub" &
  local sub=$!
  seq "$N" | timeout "$LIMIT" "$NETKIT" pub "tcp://127.0.0.1:$port" n --quiet --json --timeout 30s > /dev/null
  wait "$sub"
  local got; got=$(field messages < "$tmp/nk_sub")
  [ "$got" = "$N" ] || { echo "netkit: received $got of $N" >&2; exit 1; }
  field rate < "$tmp/nk_sub"
}

run_pyzmq() {
  local port; port=$(free_port)
  timeout "$LIMIT" python3 "$PY" sub "tcp://127.0.0.1:$port" "$N" > "$tmp/py_sub" &
  local sub=$!
  timeout "$LIMIT" python3 "$PY" pub "tcp://127.0.0.1:$port" "$N" > /dev/null
  wait "$sub"
  local got; got=$(field messages < "$tmp/py_sub")
  [ "$got" = "$N" ] || { echo "pyzmq: received $got of $N" >&2; exit 1; }
  field rate < "$tmp/py_sub"
}

echo "ZeroMQ pub->sub, $N two-frame messages per run, $ROUNDS round(s), $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %14s %14s %8s\n' round "netkit msg/s" "pyzmq msg/s" ratio
: > "$tmp/nk_rates"; : > "$tmp/py_rates"
for r in $(seq "$ROUNDS"); do
  nk=$(run_netkit); py=$(run_pyzmq)
  echo "$nk" >> "$tmp/nk_rates"; echo "$py" >> "$tmp/py_rates"
  printf '%-8s %14.0f %14.0f %7.2fx\n' "$r" "$nk" "$py" "$(echo "$nk / $py" | bc -l)"
done
nk=$(median < "$tmp/nk_rates"); py=$(median < "$tmp/py_rates")
printf '%-8s %14.0f %14.0f %7.2fx   (all %s messages delivered in every run)\n' median "$nk" "$py" "$(echo "$nk / $py" | bc -l)" "$N"
