#!/usr/bin/env bash
# benches/tls_echo.sh: the TLS echo server, `netkit tcp-echo serve --tls` side by
# side with `socat OPENSSL-LISTEN,fork,reuseaddr,cert=…,verify=0 PIPE`, same
# certificate (EC P-256, made here), both driven by one load generator in C with
# OpenSSL (benches/tls_echo.c, compiled here): round trips/s of SIZE-byte
# messages over CONNS connections, and new handshakes/s (connect, full TLS
# handshake, one 64-byte echo, close) from HS_CONNS client threads. RUNS runs
# each, alternated; prints every run and the medians, and the load average.
#
# Round trips are measured three ways. "shared": servers and load generator float
# over every core, so the scheduler's split between the load generator's CONNS
# threads and the server (16 socat processes, or netkit's few workers) is part of
# the figure. "epoll": the same, driven by one load-generator thread that keeps
# every connection busy through epoll (less of the CPU goes to the client). "pinned" (needs taskset and 2+ cores): a second pair of servers is
# confined to the last core and the load generator to the others, the usual way
# to measure a server on the machine that also drives it; netkit then starts one
# worker, socat forks its 16 processes on that one core.
#
#   benches/tls_echo.sh            # RUNS=3 DURATION=3 CONNS=16 HS_CONNS=4 SIZE=64
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
DURATION=${DURATION:-3}
CONNS=${CONNS:-16}
HS_CONNS=${HS_CONNS:-4}
SIZE=${SIZE:-64}
NETKIT=${NETKIT:-target/release/netkit}
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
command -v socat >/dev/null || { echo "missing socat" >&2; exit 1; }
[ -x "$NETKIT" ] || cargo build --release --quiet
cc -O2 -pthread -o "$WORK/load" benches/tls_echo.c -lssl -lcrypto
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
  -keyout "$WORK/key.pem" -out "$WORK/cert.pem" -subj "/CN=localhost" \
  -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" 2>/dev/null
cat "$WORK/cert.pem" "$WORK/key.pem" > "$WORK/both.pem"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return; sleep 0.05; done; echo "port $1 never opened" >&2; exit 1; }

NK_PORT=$(free_port)
"$NETKIT" tcp-echo serve --tls --tls-cert "$WORK/cert.pem" --tls-key "$WORK/key.pem" \
  -l "127.0.0.1:$NK_PORT" --quiet >/dev/null 2>&1 &
PIDS+=($!)
SO_PORT=$(free_port)
socat "OPENSSL-LISTEN:$SO_PORT,bind=127.0.0.1,fork,reuseaddr,cert=$WORK/both.pem,verify=0" PIPE 2>/dev/null &
PIDS+=($!)
wait_port "$NK_PORT"; wait_port "$SO_PORT"
PIN=""
if command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
  LAST=$(( $(nproc) - 1 )); PIN="0-$(( LAST - 1 ))"
  NKP_PORT=$(free_port)
  taskset -c "$LAST" "$NETKIT" tcp-echo serve --tls --tls-cert "$WORK/cert.pem" --tls-key "$WORK/key.pem" \
    -l "127.0.0.1:$NKP_PORT" --quiet >/dev/null 2>&1 &
  PIDS+=($!)
  SOP_PORT=$(free_port)
  taskset -c "$LAST" socat "OPENSSL-LISTEN:$SOP_PORT,bind=127.0.0.1,fork,reuseaddr,cert=$WORK/both.pem,verify=0" PIPE 2>/dev/null &
  PIDS+=($!)
  wait_port "$NKP_PORT"; wait_port "$SOP_PORT"
fi

declare -A R
for i in $(seq "$RUNS"); do
  for s in netkit socat; do
    port=$NK_PORT; [ $s = socat ] && port=$SO_PORT
    R[$s,rtt]+="$("$WORK/load" rtt 127.0.0.1 "$port" "$CONNS" "$DURATION" "$SIZE") "
    R[$s,ev]+="$("$WORK/load" rtt-epoll 127.0.0.1 "$port" "$CONNS" "$DURATION" "$SIZE") "
    R[$s,hs]+="$("$WORK/load" hs 127.0.0.1 "$port" "$HS_CONNS" "$DURATION") "
    if [ -n "$PIN" ]; then
      port=$NKP_PORT; [ $s = socat ] && port=$SOP_PORT
      R[$s,pin]+="$(taskset -c "$PIN" "$WORK/load" rtt 127.0.0.1 "$port" "$CONNS" "$DURATION" "$SIZE") "
    fi
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)   runs=$RUNS duration=${DURATION}s size=$SIZE"
printf '%-8s %-34s %10s   %-30s %10s\n' server "round trips/s ($CONNS conns), runs" median "handshakes/s ($HS_CONNS thr), runs" median
for s in netkit socat; do
  printf '%-8s %-34s %10s   %-30s %10s\n' $s "${R[$s,rtt]}" "$(echo "${R[$s,rtt]}" | median)" "${R[$s,hs]}" "$(echo "${R[$s,hs]}" | median)"
done
nr=$(echo "${R[netkit,rtt]}" | median); sr=$(echo "${R[socat,rtt]}" | median)
nh=$(echo "${R[netkit,hs]}" | median); sh=$(echo "${R[socat,hs]}" | median)
python3 -c "print(f'netkit/socat: round trips {$nr/$sr:.2f}x shared (target >= 1.5), handshakes {$nh/$sh:.2f}x (target >= 1.0)')"
# One table of round trips: report KEY TITLE LABEL.
report() {
  printf '%-8s %-34s %10s\n' server "$2" median
  for s in netkit socat; do
    printf '%-8s %-34s %10s\n' $s "${R[$s,$1]}" "$(echo "${R[$s,$1]}" | median)"
  done
  local n d
  n=$(echo "${R[netkit,$1]}" | median); d=$(echo "${R[socat,$1]}" | median)
  python3 -c "print(f'netkit/socat: round trips {$n/$d:.2f}x $3 (target >= 1.5)')"
}
report ev "one-thread epoll load generator" "shared, epoll load generator"
if [ -n "$PIN" ]; then
  report pin "pinned: server on cpu $LAST, load on $PIN" pinned
fi
