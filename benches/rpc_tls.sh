#!/usr/bin/env bash
# benches/rpc_tls.sh — XML-RPC calls per second over https, side by side on loopback:
# `netkit rpc-call --repeat N` vs Python's xmlrpc.client.ServerProxy (one kept-alive
# connection each), both against the same server: Python's SimpleXMLRPCServer
# wrapped in ssl (HTTP/1.1 keep-alive), then `netkit rpc-serve --tls-cert` (fast
# enough that the ratio measures the clients). Certificates made by openssl in a
# temp dir.
# Usage: benches/rpc_tls.sh [N] [RUNS]   (default 2000 calls, 5 runs; prints medians)
# Needs: a release build (or NETKIT=path), python3, openssl.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-2000}
RUNS=${2:-5}
BIN=${NETKIT:-target/release/netkit}
[ -x "$BIN" ] || { echo "build first: cargo build --release" >&2; exit 2; }
TMP=$(mktemp -d)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
cd "$TMP"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout ca.key \
  -out ca.pem -days 1 -subj "/CN=bench CA" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout server.key \
  -out server.csr -subj "/CN=localhost" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem \
  -days 1 -extfile ext 2>/dev/null
cat >server.py <<'PY'
import ssl, sys
from xmlrpc.server import SimpleXMLRPCServer, SimpleXMLRPCRequestHandler
class H(SimpleXMLRPCRequestHandler):
    protocol_version = 'HTTP/1.1'
s = SimpleXMLRPCServer(('127.0.0.1', 0), requestHandler=H, logRequests=False)
s.register_function(lambda n: 2 * n, 'double')
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain('server.pem', 'server.key')
s.socket = ctx.wrap_socket(s.socket, server_side=True)
print(s.server_address[1], flush=True)
s.serve_forever()
PY
cat >client.py <<'PY'
import ssl, sys, time, xmlrpc.client
url, n = sys.argv[1], int(sys.argv[2])
p = xmlrpc.client.ServerProxy(url, context=ssl.create_default_context(cafile='ca.pem'))
t = time.perf_counter()
for _ in range(n):
    assert p.double(7) == 14
print(round(n / (time.perf_counter() - t)))
PY
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for server in python netkit; do
  : > port
  if [ "$server" = python ]; then
    python3 server.py >port &
  else
    "$OLDPWD/$BIN" rpc-serve --listen 127.0.0.1:0 --tls-cert server.pem --tls-key server.key -q --json >serve.out &
  fi
  PID=$!
  for _ in $(seq 100); do
    [ "$server" = netkit ] && [ -s serve.out ] &&
      python3 -c 'import json; print(json.loads(open("serve.out").readline())["port"])' >port
    [ -s port ] && break; sleep 0.05
  done
  URL="https://localhost:$(cat port)/"
  nk=() py=()
  for _ in $(seq "$RUNS"); do
    nk+=("$(timeout 120 "$OLDPWD/$BIN" rpc-call "$URL" double 7 --repeat "$N" --cacert ca.pem --quiet --json |
      python3 -c 'import json,sys; print(round([json.loads(l) for l in sys.stdin][-1]["calls_per_sec"]))')")
    py+=("$(timeout 120 python3 client.py "$URL" "$N")")
  done
  NK=$(printf '%s\n' "${nk[@]}" | median)
  PY=$(printf '%s\n' "${py[@]}" | median)
  echo "https XML-RPC against $server's server, $N calls, median of $RUNS: netkit rpc-call $NK calls/s, python ServerProxy $PY calls/s, ratio $(python3 -c "print(round($NK / $PY, 2))")"
  kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true
  PID=
done
