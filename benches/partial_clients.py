#!/usr/bin/env python3
"""Hold N connections to a netkit server, each with one unfinished message
(the --max-buffered probe of docs/engine.md): KIND length (tcp-echo --framing
length), http (rpc-serve POST body), head (http serve request head), resp
(broker PUBLISH bulk). Prints "held N", then waits for stdin's EOF.

    partial_clients.py KIND HOST:PORT N SIZE
"""
import socket, sys, time
kind, addr, n, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
host, port = addr.rsplit(':', 1)
def msg():
    if kind == 'length': return (size).to_bytes(4,'big') + b'x'*(size-1)
    if kind == 'http': return b'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n' % size + b'x'*(size-1)
    if kind == 'head': return b'GET / HTTP/1.1\r\nHost: x\r\nX-Pad: ' + b'a'*(size)
    if kind == 'resp': return b'*3\r\n$7\r\nPUBLISH\r\n$4\r\nnews\r\n$%d\r\n' % size + b'x'*(size-1)
held=[]
for i in range(n):
    try:
        s = socket.create_connection((host, int(port)), timeout=5)
        s.setblocking(False)
        m = msg()
        try: s.send(m)
        except BlockingIOError: pass
        held.append(s)
    except OSError as e:
        pass
print("held", len(held), flush=True)
sys.stdin.read()
