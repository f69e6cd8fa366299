#!/usr/bin/env bash
# AMQP publish rate with publisher confirms, side by side on loopback, in one run:
# `seq N | netkit pub amqp://… bench` (confirms pipelined) against a pika
# BlockingConnection with confirm_delivery() publishing PY_N messages (each
# basic_publish waits for its confirm), both to a fanout exchange with a
# `netkit sub --count` that must receive every message (none lost). RUNS rounds;
# prints each rate, the medians and the ratio.
# The broker: AMQP_URL if set, else a rabbitmq-server started here on free loopback
# ports in a temp dir (its own epmd), killed at the end.
# Usage: benches/amqp.sh   (env: N=100000 PY_N=20000 RUNS=3 AMQP_URL= NETKIT=target/release/netkit)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
PY_N=${PY_N:-20000}
RUNS=${RUNS:-3}
NETKIT=${NETKIT:-target/release/netkit}
PY=${PYTHON:-python3}
[ -x target/peers-venv/bin/python3 ] && PY=${PYTHON:-target/peers-venv/bin/python3}
[ -x "$NETKIT" ] || { echo "build first: cargo build --release" >&2; exit 2; }
"$PY" -c 'import pika' || { echo "pika is missing: sudo ./peers.sh" >&2; exit 2; }

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }
rate() { "$PY" -c "import sys; n,a,b=map(float,sys.argv[1:]); print(f'{n/(b-a):.0f}')" "$@"; }
median() { "$PY" -c "import sys,statistics; print(int(statistics.median(map(float,sys.argv[1:]))))" "$@"; }

TMP=$(mktemp -d)
RABBIT=
cleanup() {
  [ -n "$RABBIT" ] && kill -9 "-$RABBIT" 2>/dev/null || true
  [ -n "${EPMD_PORT:-}" ] && ERL_EPMD_PORT=$EPMD_PORT epmd -kill >/dev/null 2>&1 || true
  rm -rf "$TMP"
}
trap cleanup EXIT

if [ -z "${AMQP_URL:-}" ]; then
  PORT=$(free_port); EPMD_PORT=$(free_port)
  mkdir -p "$TMP/mnesia" "$TMP/log" "$TMP/home"
  echo '[].' > "$TMP/enabled_plugins"; : > "$TMP/rabbitmq.conf"
  HOME=$TMP/home RABBITMQ_NODE_PORT=$PORT RABBITMQ_DIST_PORT=$(free_port) \
  ERL_EPMD_PORT=$EPMD_PORT ERL_EPMD_ADDRESS=127.0.0.1 \
  RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}' \
  RABBITMQ_NODENAME=netkit-bench-$$@localhost RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
  RABBITMQ_MNESIA_BASE=$TMP/mnesia RABBITMQ_LOG_BASE=$TMP/log \
  RABBITMQ_CONFIG_FILE=$TMP/rabbitmq RABBITMQ_ENABLED_PLUGINS_FILE=$TMP/enabled_plugins \
    setsid /usr/lib/rabbitmq/bin/rabbitmq-server > "$TMP/server.log" 2>&1 &
  RABBIT=$!
  for _ in $(seq 1800); do (echo > "/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.1; done
  AMQP_URL=amqp://127.0.0.1:$PORT
fi

# A netkit sub that must get $1 messages from exchange $2; prints its pid.
start_sub() {
  timeout 300 "$NETKIT" sub "$AMQP_URL" "$2" --count "$1" --quiet --json > "$TMP/sub.json" &
  SUB=$!
  for _ in $(seq 300); do grep -q '"subscribe"' "$TMP/sub.json" 2>/dev/null && return 0; sleep 0.1; done
  echo "netkit sub did not start" >&2; exit 3
}
check_sub() {
  wait "$SUB" || { echo "netkit sub did not receive all $1 messages" >&2; exit 1; }
}

netkit_pub() {
  start_sub "$N" bench-netkit
  local a b
  a=$(now)
  seq "$N" | timeout 300 "$NETKIT" pub "$AMQP_URL" bench-netkit --quiet --json > "$TMP/pub.json"
  b=$(now)
  grep -q "\"confirmed\":$N," "$TMP/pub.json" || { echo "not all confirmed: $(cat "$TMP/pub.json")" >&2; exit 1; }
  check_sub "$N"
  rate "$N" "$a" "$b"
}

pika_pub() {
  start_sub "$PY_N" bench-pika
  timeout 300 "$PY" - "$AMQP_URL" "$PY_N" <<'PY'
import sys, time, pika
conn = pika.BlockingConnection(pika.URLParameters(sys.argv[1]))
ch = conn.channel()
ch.exchange_declare(exchange='bench-pika', exchange_type='fanout')
ch.confirm_delivery()
n = int(sys.argv[2])
t = time.perf_counter()
for i in range(1, n + 1):
    ch.basic_publish(exchange='bench-pika', routing_key='', body=str(i).encode())
print(int(n / (time.perf_counter() - t)))
conn.close()
PY
  check_sub "$PY_N"
}

echo "N=$N (pika: $PY_N), $RUNS runs, $(nproc) cores, load: $(cut -d' ' -f1-3 /proc/loadavg), broker $AMQP_URL"
NK=(); PK=()
for r in $(seq "$RUNS"); do
  NK+=("$(netkit_pub)")
  PK+=("$(pika_pub)")
  echo "run $r: netkit ${NK[-1]} msg/s, pika ${PK[-1]} msg/s"
done
MN=$(median "${NK[@]}"); MP=$(median "${PK[@]}")
echo
echo "median: netkit pub $MN msg/s, pika BlockingConnection+confirms $MP msg/s, ratio $("$PY" -c "print(f'{$MN/$MP:.1f}')")x"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
