"""pyzmq peers for benches/zmq_reqrep.sh, in the same shapes as the netkit side.

  rep EP                 REP: echo every request until killed (connects if EP starts with 'c:')
  req EP N               REQ: N round trips of b"x"; prints {"rate":..,"p50_us":..}
  proxy FRONT BACK       zmq.proxy(ROUTER bound on FRONT, DEALER bound on BACK)
  push EP N              PUSH (connects): N small messages b"1".."N", then linger
  pull EP N              PULL (binds): N messages; prints {"messages":..,"rate":..} (first to last)
"""
import json, sys, time
import zmq

ctx = zmq.Context()
mode, ep = sys.argv[1], sys.argv[2]

if mode == "rep":
    s = ctx.socket(zmq.REP)
    if ep.startswith("c:"):
        s.connect(ep[2:])
    else:
        s.bind(ep)
    while True:
        s.send(s.recv())
elif mode == "req":
    n = int(sys.argv[3])
    s = ctx.socket(zmq.REQ)
    s.connect(ep)
    rtts = []
    t0 = time.perf_counter()
    for _ in range(n):
        a = time.perf_counter()
        s.send(b"x")
        s.recv()
        rtts.append(time.perf_counter() - a)
    el = time.perf_counter() - t0
    rtts.sort()
    print(json.dumps({"rate": n / el, "p50_us": rtts[len(rtts) // 2] * 1e6}))
elif mode == "proxy":
    f = ctx.socket(zmq.ROUTER)
    f.bind(ep)
    b = ctx.socket(zmq.DEALER)
    b.bind(sys.argv[3])
    zmq.proxy(f, b)
elif mode == "push":
    n = int(sys.argv[3])
    s = ctx.socket(zmq.PUSH)
    s.connect(ep)
    for i in range(1, n + 1):
        s.send(b"%d" % i)
    s.close(linger=30000)
elif mode == "pull":
    n = int(sys.argv[3])
    s = ctx.socket(zmq.PULL)
    s.bind(ep)
    s.recv()
    t0 = time.perf_counter()
    for _ in range(n - 1):
        s.recv()
    el = time.perf_counter() - t0
    print(json.dumps({"messages": n, "rate": (n - 1) / el}), flush=True)
ctx.destroy(linger=0)
