"""The seed's XML-RPC client in a loop, for benches/rpc.sh: N calls of
double(7) through one ServerProxy; prints calls per second."""
import sys
import time
import xmlrpc.client

url, n = sys.argv[1], int(sys.argv[2])
proxy = xmlrpc.client.ServerProxy(url)
start = time.perf_counter()
for _ in range(n):
    assert proxy.double(7) == 14
elapsed = time.perf_counter() - start
print(f"{n / elapsed:.0f}")
