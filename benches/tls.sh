#!/usr/bin/env bash
# TLS handshakes: one-shot wall time of `netkit tls` (connect, TLS 1.3 handshake,
# verify the chain against a private CA, report, close) against
# `openssl s_client` doing the same against the same `openssl s_server`, side by
# side in one hyperfine run on loopback. Certificates are made here with openssl
# (EC P-256, a CA and a leaf for localhost). Prints medians, handshakes/s and the
# ratio. Usage: benches/tls.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-200}
command -v hyperfine >/dev/null || { echo "hyperfine is not installed (apt-get install hyperfine)"; exit 2; }
cargo build --release -q
nk=target/release/netkit
dir=$(mktemp -d)
out=$dir/hyperfine.json
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$dir"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
  -keyout "$dir/ca.key" -out "$dir/ca.pem" -subj "/CN=bench CA" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
  -keyout "$dir/leaf.key" -out "$dir/leaf.csr" -subj "/CN=localhost" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$dir/ext"
openssl x509 -req -in "$dir/leaf.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial \
  -days 2 -extfile "$dir/ext" -out "$dir/leaf.pem" 2>/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# -quiet ignores stdin's EOF, so the server keeps accepting.
openssl s_server -accept "127.0.0.1:$port" -cert "$dir/leaf.pem" -key "$dir/leaf.key" \
  -quiet </dev/null >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do "$nk" tls "127.0.0.1:$port" --cacert "$dir/ca.pem" --quiet >/dev/null 2>&1 && break; sleep 0.1; done
hyperfine -N --warmup 20 --runs "$runs" --export-json "$out" \
  "$nk tls 127.0.0.1:$port --cacert $dir/ca.pem --servername localhost" \
  "openssl s_client -connect 127.0.0.1:$port -CAfile $dir/ca.pem -servername localhost -verify_return_error -brief" \
  >/dev/null </dev/null
python3 - "$out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
nk, os_ = (x["median"] * 1000 for x in r)
print(f"{'command':22} {'median ms':>10} {'handshakes/s':>13}")
for name, m in (("netkit tls", nk), ("openssl s_client", os_)):
    print(f"{name:22} {m:10.2f} {1000/m:13.0f}")
print(f"netkit handshakes/s / openssl's = {os_/nk:.2f}x (one process per handshake; > 1: netkit faster)")
PY
