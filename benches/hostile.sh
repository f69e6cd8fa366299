#!/usr/bin/env bash
# Issue 19's three memory probes, after: peak RSS (VmHWM) of netkit under each.
#   1. `sub tcp://` against a pyzmq PUB that sends one 1 GB frame (issue: 206 MB)
#   2. `pub tcp://` reading 100 MB without a newline on stdin (issue: 468 MB)
#   3. `broker` with 8 clients each stalled halfway through a 64 MB PUBLISH bulk (issue: 389 MB)
# Loopback only; every step bounded by `timeout`.
set -euo pipefail
cd "$(dirname "$0")/.."
NETKIT=${NETKIT:-target/release/netkit}
PY=${PYTHON:-$( [ -x target/peers-venv/bin/python3 ] && echo target/peers-venv/bin/python3 || echo python3)}
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
hwm() { awk '/VmHWM/ {print $2/1024 " MB"}' "/proc/$1/status"; }
echo "== load $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. sub tcp:// and a 1 GB frame.
p=$(free_port)
"$PY" - "$p" <<'PYEOF' &
import sys, time, zmq
ctx = zmq.Context(); s = ctx.socket(zmq.XPUB); s.bind("tcp://127.0.0.1:%s" % sys.argv[1])
s.recv()                                  # the subscription
big = b"x" * (1 << 30)
s.send_multipart([b"news", big]); time.sleep(12)
PYEOF
pub=$!
sleep 0.5
set +e
/usr/bin/time -o /tmp/hostile.time -f "1. sub tcp:// vs a 1 GB frame: peak RSS %M KiB, exit %x" \
  timeout 20 "$NETKIT" sub "tcp://127.0.0.1:$p" news --timeout 10s --count 1 --json > /tmp/hostile.out 2>/tmp/hostile.err
cat /tmp/hostile.time; grep -m1 '"left"' /tmp/hostile.out | cut -c1-200
set -e
wait "$pub" 2>/dev/null || true

# 2. pub tcp:// and 100 MB without a newline.
p=$(free_port)
set +e
head -c 100000000 /dev/zero | tr '\0' 'a' | /usr/bin/time -f "2. pub tcp:// with a 100 MB stdin line: peak RSS %M KiB, exit %x" \
  timeout 20 "$NETKIT" pub "tcp://127.0.0.1:$p" news --delay 0s > /dev/null 2>/tmp/hostile.err
tail -1 /tmp/hostile.err; head -1 /tmp/hostile.err | cut -c1-160
set -e

# 3. broker and 8 half-sent 64 MB bulks.
p=$(free_port)
"$NETKIT" broker --listen "127.0.0.1:$p" -q > /dev/null 2>&1 &
broker=$!
trap 'kill "$broker" 2>/dev/null' EXIT
for _ in $(seq 50); do "$PY" -c "import socket,sys; socket.create_connection(('127.0.0.1',$p),0.2)" 2>/dev/null && break; sleep 0.1; done
"$PY" - "$p" <<'PYEOF'
import socket, sys, threading, time
def hold():
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
    s.sendall(b"*3\r\n$7\r\nPUBLISH\r\n$4\r\nnews\r\n$%d\r\n" % (64 << 20))
    try:
        s.sendall(b"x" * (32 << 20))          # half the bulk, then silence
    except OSError:
        pass
    time.sleep(3)
    s.close()
ts = [threading.Thread(target=hold) for _ in range(8)]
[t.start() for t in ts]; [t.join() for t in ts]
PYEOF
echo "3. broker, 8 clients x half of a 64 MB bulk: peak RSS $(hwm $broker) (--max-buffered 256 MiB by default)"
kill "$broker"
