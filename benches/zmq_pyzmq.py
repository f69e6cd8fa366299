#!/usr/bin/env python3
"""pyzmq baseline for benches/zmq.sh: a PUB->SUB pair in two processes moving the
same two-frame messages as `seq N | netkit pub ENDPOINT n` ([b"n", b"1"], [b"n", b"2"]...).

  zmq_pyzmq.py pub ENDPOINT N    bind an XPUB (NODROP, like netkit), wait for one
                                 subscription, send N messages, flush, print JSON
  zmq_pyzmq.py sub ENDPOINT N    connect a SUB to everything, receive N messages,
                                 print JSON with the rate from first to last message
"""
import json
import sys
import time

import zmq


def pub(endpoint, n):
    ctx = zmq.Context()
    s = ctx.socket(zmq.XPUB)
    s.setsockopt(zmq.XPUB_NODROP, 1)  # block instead of dropping, as netkit does
    s.setsockopt(zmq.SNDHWM, 10000)
    s.bind(endpoint)
    s.RCVTIMEO = 30000
    s.recv()  # the subscription: no slow joiner
    t = time.perf_counter()
    for i in range(1, n + 1):
        s.send_multipart([b"n", str(i).encode()])
    s.close(linger=30000)
    ctx.term()
    secs = time.perf_counter() - t
    print(json.dumps({"type": "summary", "published": n, "seconds": round(secs, 3)}))


def sub(endpoint, n):
    ctx = zmq.Context()
    s = ctx.socket(zmq.SUB)
    s.setsockopt(zmq.RCVHWM, 10000)
    s.setsockopt(zmq.SUBSCRIBE, b"")
    s.connect(endpoint)
    s.RCVTIMEO = 30000
    got = 0
    first = None
    try:
        while got < n:
            s.recv_multipart()
            got += 1
            if first is None:
                first = time.perf_counter()
    except zmq.Again:
        pass
    secs = time.perf_counter() - (first or time.perf_counter())
    rate = round(got / secs) if secs > 0 else None
    print(json.dumps({"type": "summary", "messages": got, "seconds": round(secs, 3), "rate": rate}))
    s.close(linger=0)
    ctx.term()


if __name__ == "__main__":
    {"pub": pub, "sub": sub}[sys.argv[1]](sys.argv[2], int(sys.argv[3]))
