"""The seed's XML-RPC server (SEED §10), for benches/rpc.sh: SimpleXMLRPCServer
serving double/power with introspection. Prints its port first (argv[1], 0 = any)."""
import sys
from xmlrpc.server import SimpleXMLRPCServer


def double(num):
    "return num + num"
    return 2 * num


def power(num):
    "return num * num"
    return num ** 2


server = SimpleXMLRPCServer(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 0))
server.register_function(double)
server.register_function(power)
server.register_introspection_functions()
print(server.server_address[1], flush=True)
try:
    server.serve_forever()
except KeyboardInterrupt:
    pass
