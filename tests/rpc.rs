//! rpc-call and rpc-serve against real peers: Python's SimpleXMLRPCServer and
//! ServerProxy, nvim's MessagePack-RPC API, Python clients on `msgpack` and the
//! standard library's JSON, and misbehaving servers that answer HTML, garbage,
//! the wrong msgid, or nothing at all.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Stdio;
use std::time::Duration;

use common::*;
use serde_json::{json, Value};

const SEC: Duration = Duration::from_secs(20);

/// The seed's server, plus functions that return None, raise, and echo.
const PY_XMLRPC_SERVER: &str = r#"
import sys
from xmlrpc.server import SimpleXMLRPCServer
s = SimpleXMLRPCServer(('127.0.0.1', 0), allow_none=True, logRequests=False)
def double(num):
    "return num + num"
    return 2 * num
def power(num):
    "return num * num"
    return num ** 2
def nothing():
    return None
def boom():
    raise ValueError('boom')
def echo(*args):
    return list(args)
for f in (double, power, nothing, boom, echo):
    s.register_function(f)
if sys.argv[1] == 'introspect':
    s.register_introspection_functions()
print(s.server_address[1], flush=True)
s.serve_forever()
"#;

/// A JSON-RPC 2.0 server on the standard library, with an HTTP-500 error body.
const PY_JSONRPC_SERVER: &str = r#"
import json
from http.server import HTTPServer, BaseHTTPRequestHandler
class H(BaseHTTPRequestHandler):
    def log_message(self, *a): pass
    def do_POST(self):
        req = json.loads(self.rfile.read(int(self.headers['Content-Length'])))
        if 'id' not in req:
            self.send_response(204); self.end_headers(); return
        m, p, i = req['method'], req.get('params', []), req['id']
        status, ctype = 200, 'application/json'
        if m == 'double':
            body = json.dumps({'jsonrpc': '2.0', 'result': 2 * p[0], 'id': i})
        elif m == 'fail500':
            status = 500
            body = json.dumps({'jsonrpc': '2.0', 'error': {'code': -32000, 'message': 'server blew up', 'data': {'where': 'here'}}, 'id': i})
        elif m == 'html500':
            status, ctype, body = 500, 'text/html', '<html><body>Internal Server Error</body></html>'
        elif m == 'wrongid':
            body = json.dumps({'jsonrpc': '2.0', 'result': 1, 'id': i + 1})
        else:
            body = json.dumps({'jsonrpc': '2.0', 'error': {'code': -32601, 'message': 'Method not found'}, 'id': i})
        data = body.encode()
        self.send_response(status)
        self.send_header('Content-Type', ctype)
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)
s = HTTPServer(('127.0.0.1', 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
"#;

/// A TCP server that answers every connection badly, in the mode given.
const PY_BAD_SERVER: &str = r#"
import sys, socket, threading, time
mode = sys.argv[1]
l = socket.socket(); l.bind(('127.0.0.1', 0)); l.listen(16)
print(l.getsockname()[1], flush=True)
def handle(c):
    data = c.recv(65536)
    if mode == 'html':
        c.sendall(b'HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>It works!</body></html>')
    elif mode == 'garbage':
        c.sendall(b'\xc1\xff garbage \x00\r\n\r\n')
    elif mode == 'wrongid':
        import msgpack
        req = msgpack.unpackb(data)
        c.sendall(msgpack.packb([1, req[1] + 1, None, 1]))
    elif mode == 'http404':
        c.sendall(b'HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot here\n')
    elif mode == 'silent':
        time.sleep(30)
    elif mode == 'chunkbomb':
        c.sendall(b'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\nffffffffffffffff\r\n')
    c.close()
while True:
    c, _ = l.accept()
    threading.Thread(target=handle, args=(c,), daemon=True).start()
"#;

/// Start a Python script that prints its port first.
fn py_server(script: &str, args: &[&str]) -> (Peer, u16) {
    let mut c = common::python_command();
    c.arg("-c")
        .arg(script)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    let mut peer = Peer::spawn("python server", &mut c);
    let lines = Lines::new(peer.child.stdout.take().unwrap());
    let port = lines
        .next(SEC)
        .expect("python server printed no port")
        .trim()
        .parse()
        .unwrap();
    (peer, port)
}

/// rpc-call with --json: exit code and events.
fn call_json(args: &[&str]) -> (i32, Vec<Value>, String) {
    let mut all = vec!["rpc-call", "--json"];
    all.extend_from_slice(args);
    let (code, out, err) = run(&all);
    (code, json_lines(&out), err)
}

fn result_of(events: &[Value]) -> Value {
    of_type(events, "result")
        .first()
        .map(|e| e["result"].clone())
        .unwrap_or_else(|| panic!("no result in {events:?}"))
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn calls_pythons_xmlrpc_server_without_introspection() {
    if !require("python3") {
        return;
    }
    let (_py, port) = py_server(PY_XMLRPC_SERVER, &["plain"]);
    let url = format!("http://127.0.0.1:{port}/");
    let (code, ev, _) = call_json(&[&url, "double", "7"]);
    assert_eq!(code, 0);
    assert_eq!(result_of(&ev), json!(14));
    assert_eq!(ev[0]["method"], "double");
    assert_eq!(ev[0]["protocol"], "xmlrpc");
    assert!(ev[0]["elapsed_ms"].as_f64().unwrap() > 0.0);

    // Plain output is the JSON value itself.
    let (code, out, _) = run(&["rpc-call", &url, "power", "7"]);
    assert_eq!((code, out.trim()), (0, "49"));

    // The seed's lesson: no introspection → exit 1 with the hint, not a raw fault.
    let (code, ev, _) = call_json(&[&url, "--list"]);
    assert_eq!(code, 1);
    let f = of_type(&ev, "fault")[0];
    assert!(
        f["hint"]
            .as_str()
            .unwrap()
            .contains("register_introspection_functions()"),
        "{f}"
    );
    let (code, _, err) = run(&["rpc-call", &url, "--method-help", "double"]);
    assert_eq!(code, 1);
    assert!(err.contains("register_introspection_functions()"), "{err}");

    // A function that raises → fault 1 with Python's message.
    let (code, ev, _) = call_json(&[&url, "boom"]);
    assert_eq!(code, 1);
    let f = of_type(&ev, "fault")[0];
    assert_eq!(f["code"], 1);
    assert!(f["message"].as_str().unwrap().contains("boom"), "{f}");
    assert!(f.get("hint").is_none());
    let (code, _, err) = run(&["rpc-call", &url, "boom"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("fault 1") && err.contains("ValueError"),
        "{err}"
    );

    // allow_none=True: None comes back as null.
    let (code, ev, _) = call_json(&[&url, "nothing"]);
    assert_eq!((code, result_of(&ev)), (0, Value::Null));
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn xmlrpc_type_mapping_round_trips_through_python() {
    if !require("python3") {
        return;
    }
    let (_py, port) = py_server(PY_XMLRPC_SERVER, &["plain"]);
    let url = format!("http://127.0.0.1:{port}/");
    let params = json!([7, 2.5, true, "s<&>", null, [1, [2]], {"b": 1, "a": "x"},
        {"$base64": "AAEC/w=="}, {"$datetime": "20200622T20:40:41"}]);
    let (code, ev, _) = call_json(&[&url, "echo", "--params", &params.to_string()]);
    assert_eq!(code, 0, "{ev:?}");
    assert_eq!(result_of(&ev), params);
    // Strings that are not JSON stay strings; "7" in quotes is a string.
    let (_, ev, _) = call_json(&[&url, "echo", "hello world", "\"7\"", "-3"]);
    assert_eq!(result_of(&ev), json!(["hello world", "7", -3]));
    // --params from stdin
    let (code, out, _) = run_with_stdin(
        &["rpc-call", &url, "double", "--params", "-"],
        Some(b"[21]"),
    );
    assert_eq!((code, out.trim()), (0, "42"));
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn introspection_and_repeat_against_python() {
    if !require("python3") {
        return;
    }
    let (_py, port) = py_server(PY_XMLRPC_SERVER, &["introspect"]);
    let url = format!("http://127.0.0.1:{port}/");
    let (code, ev, _) = call_json(&[&url, "--list"]);
    assert_eq!(code, 0);
    let list = result_of(&ev);
    for m in ["double", "power", "system.listMethods", "system.methodHelp"] {
        assert!(list.as_array().unwrap().contains(&json!(m)), "{list}");
    }
    let (_, ev, _) = call_json(&[&url, "--method-help", "double"]);
    assert_eq!(result_of(&ev), json!("return num + num"));
    let (code, _, _) = call_json(&[&url, "--signature", "double"]);
    assert_eq!(code, 0);
    // Python's server speaks HTTP/1.0 and closes: --repeat reconnects each time.
    let (code, ev, _) = call_json(&[&url, "double", "7", "--repeat", "20", "--quiet"]);
    assert_eq!(code, 0);
    let s = of_type(&ev, "summary")[0];
    assert_eq!(
        (
            s["calls"].as_u64(),
            s["connections"].as_u64(),
            s["faults"].as_u64()
        ),
        (Some(20), Some(20), Some(0))
    );
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn python_serverproxy_against_rpc_serve() {
    if !require("python3") {
        return;
    }
    let (_srv, addr, lines) = start_netkit_server(&["rpc-serve", "--listen", "127.0.0.1:0"]);
    let script = r#"
import sys, xmlrpc.client, threading
p = xmlrpc.client.ServerProxy('http://127.0.0.1:%s/' % sys.argv[1])
assert p.double(7) == 14
assert p.power(7) == 49
assert p.system.listMethods()[:2] == ['double', 'power']
assert p.system.methodHelp('double') == 'return num + num'
assert p.system.methodHelp('power') == 'return num * num'
assert p.double(2.5) == 5.0
for bad in ((1, 2), ('x',), ()):
    try:
        p.double(*bad)
        raise SystemExit('no fault for %r' % (bad,))
    except xmlrpc.client.Fault as f:
        assert f.faultCode == -32602, f
try:
    p.rm('-rf')
    raise SystemExit('no fault')
except xmlrpc.client.Fault as f:
    assert f.faultCode == -32601 and 'not supported' in f.faultString, f
# concurrent clients, each on its own kept-alive connection
errors = []
def worker(n):
    q = xmlrpc.client.ServerProxy('http://127.0.0.1:%s/RPC2' % sys.argv[1])
    for i in range(50):
        if q.power(n + i) != (n + i) ** 2:
            errors.append(n)
ts = [threading.Thread(target=worker, args=(k * 100,)) for k in range(8)]
[t.start() for t in ts]
[t.join() for t in ts]
assert not errors, errors
print('ok')
"#;
    let (code, out, err) = python(script, &[&addr.port().to_string()]);
    assert_eq!((code, out.trim()), (0, "ok"), "{err}");
    // The log: one request event per call, like Python's server.
    let first = lines.next_json(SEC);
    assert_eq!(first["type"], "request");
    assert_eq!(first["request"], "POST / HTTP/1.1");
    assert_eq!(first["status"], 200);
    assert_eq!(first["method"], "double");
    assert_eq!(
        first["peer"].as_str().unwrap().split(':').next(),
        Some("127.0.0.1")
    );
}

#[test]
fn human_log_looks_like_pythons() {
    // start_netkit_server adds --json; run a human one by hand.
    let mut c = netkit();
    c.args(["rpc-serve", "--listen", "127.0.0.1:0", "--count", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut srv = Peer::spawn("rpc-serve", &mut c);
    let lines = Lines::new(srv.child.stdout.take().unwrap());
    let first = lines.next(SEC).unwrap();
    let addr = first.rsplit(' ').next().unwrap().to_string();
    let (code, out, _) = run(&["rpc-call", &format!("http://{addr}/"), "double", "7"]);
    assert_eq!((code, out.trim()), (0, "14"));
    let log = lines.next(SEC).unwrap();
    assert!(log.starts_with("127.0.0.1 - - ["), "{log}");
    assert!(log.ends_with("] \"POST / HTTP/1.1\" 200 -"), "{log}");
    let summary = lines.next(SEC).unwrap();
    assert!(
        summary.contains("served 1 call (0 faults) over 1 connection"),
        "{summary}"
    );
}

#[test]
#[cfg_attr(not(peer = "nvim"), ignore = "needs nvim: sudo ./peers.sh")]
fn msgpack_rpc_against_nvim() {
    if !require("nvim") {
        return;
    }
    let port = free_port();
    let mut c = std::process::Command::new("nvim");
    c.args([
        "--headless",
        "--clean",
        "--listen",
        &format!("127.0.0.1:{port}"),
    ])
    .stdin(Stdio::null())
    .stdout(Stdio::null())
    .stderr(Stdio::null());
    let _nvim = Peer::spawn("nvim", &mut c);
    wait_tcp(&format!("127.0.0.1:{port}"), SEC);
    let url = format!("tcp://127.0.0.1:{port}");
    let (code, ev, _) = call_json(&[&url, "nvim_eval", "\"1+2\""]);
    assert_eq!(code, 0, "{ev:?}");
    assert_eq!(result_of(&ev), json!(3));
    assert_eq!(ev[0]["protocol"], "msgpack");
    let (code, out, _) = run(&["rpc-call", &url, "nvim_eval", "\"[1, {'a': 2}]\""]);
    assert_eq!((code, out.trim()), (0, "[1,{\"a\":2}]"));
    // An nvim error is a fault (exit 1) with nvim's message.
    let (code, ev, _) = call_json(&[&url, "nvim_eval", "no_such_variable"]);
    assert_eq!(code, 1);
    let f = of_type(&ev, "fault")[0];
    assert!(f["message"].as_str().unwrap().contains("E121"), "{f}");
    // Many calls on one connection.
    let (code, ev, _) = call_json(&[&url, "nvim_eval", "\"2*21\"", "--repeat", "50", "-q"]);
    assert_eq!(code, 0);
    assert_eq!(of_type(&ev, "summary")[0]["connections"], 1);
}

#[test]
#[cfg_attr(not(peer = "py-msgpack"), ignore = "needs py-msgpack: sudo ./peers.sh")]
fn python_msgpack_client_against_rpc_serve() {
    if !require_python(&["msgpack"]) {
        return;
    }
    let (_srv, addr, lines) =
        start_netkit_server(&["rpc-serve", "--proto", "msgpack", "--listen", "127.0.0.1:0"]);
    let script = r#"
import msgpack, socket, sys
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
u = msgpack.Unpacker()
def call(msgid, m, p):
    s.sendall(msgpack.packb([0, msgid, m, p]))
    while True:
        for msg in u:
            return msg
        u.feed(s.recv(65536))
assert call(1, 'double', [7]) == [1, 1, None, 14]
assert call(2, 'power', [7]) == [1, 2, None, 49]
r = call(3, 'double', ['x'])
assert r[2][0] == -32602 and r[3] is None, r
s.sendall(msgpack.packb([2, 'double', [1]]))
assert call(4, 'system.listMethods', [])[3][:2] == ['double', 'power']
assert call(5, 'system.methodHelp', ['power'])[3] == 'return num * num'
print('ok')
"#;
    let (code, out, err) = python(script, &[&addr.port().to_string()]);
    assert_eq!((code, out.trim()), (0, "ok"), "{err}");
    let first = lines.next_json(SEC);
    assert_eq!(
        (first["method"].as_str(), first["outcome"].as_str()),
        (Some("double"), Some("ok"))
    );
    // netkit's own client too, with a notification.
    let url = format!("tcp://{addr}");
    let (code, ev, _) = call_json(&[&url, "power", "7"]);
    assert_eq!((code, result_of(&ev)), (0, json!(49)));
    let (code, ev, _) = call_json(&[&url, "double", "1", "--notify"]);
    assert_eq!(code, 0);
    assert_eq!(ev[0]["type"], "notified");
}

#[test]
fn jsonrpc_netkit_to_netkit_over_http_and_tcp() {
    let (_srv, addr, _lines) =
        start_netkit_server(&["rpc-serve", "--proto", "jsonrpc", "--listen", "127.0.0.1:0"]);
    for url in [format!("http://{addr}/"), format!("tcp://{addr}")] {
        let (code, ev, _) = call_json(&["--proto", "jsonrpc", &url, "double", "7"]);
        assert_eq!((code, result_of(&ev)), (0, json!(14)), "{url}");
        let (code, ev, _) = call_json(&[
            "--proto",
            "jsonrpc",
            &url,
            "power",
            "--params",
            "{\"num\": 5}",
        ]);
        assert_eq!((code, result_of(&ev)), (0, json!(25)), "{url}");
        let (code, ev, _) = call_json(&["--proto", "jsonrpc", &url, "nope"]);
        assert_eq!(code, 1);
        assert_eq!(of_type(&ev, "fault")[0]["code"], -32601);
        let (code, ev, _) = call_json(&["--proto", "jsonrpc", &url, "double", "1", "--notify"]);
        assert_eq!(
            (code, ev[0]["type"].as_str()),
            (0, Some("notified")),
            "{url}"
        );
        let (code, ev, _) = call_json(&[
            "--proto", "jsonrpc", &url, "double", "3", "--repeat", "200", "-q",
        ]);
        assert_eq!(code, 0);
        let s = of_type(&ev, "summary")[0];
        assert_eq!(
            (s["calls"].as_u64(), s["connections"].as_u64()),
            (Some(200), Some(1)),
            "{url}"
        );
    }
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn python_jsonrpc_client_against_rpc_serve() {
    if !require("python3") {
        return;
    }
    let (_srv, addr, _lines) =
        start_netkit_server(&["rpc-serve", "--proto", "jsonrpc", "--listen", "127.0.0.1:0"]);
    let script = r#"
import json, sys, socket, urllib.request
port = int(sys.argv[1])
def post(obj):
    req = urllib.request.Request('http://127.0.0.1:%d/' % port, data=json.dumps(obj).encode(),
                                 headers={'Content-Type': 'application/json'})
    with urllib.request.urlopen(req) as r:
        return r.status, r.read()
st, b = post({'jsonrpc': '2.0', 'method': 'double', 'params': [7], 'id': 1})
assert st == 200 and json.loads(b) == {'jsonrpc': '2.0', 'result': 14, 'id': 1}, b
st, b = post({'jsonrpc': '2.0', 'method': 'nope', 'params': [], 'id': 2})
assert json.loads(b)['error']['code'] == -32601, b
st, b = post({'jsonrpc': '2.0', 'method': 'power', 'params': [7]})
assert st == 204 and b == b'', (st, b)
st, b = post([{'jsonrpc': '2.0', 'method': 'double', 'params': [1], 'id': 1},
              {'jsonrpc': '2.0', 'method': 'power', 'params': [3], 'id': 2}, 5])
r = json.loads(b)
assert [x.get('result') for x in r[:2]] == [2, 9] and r[2]['error']['code'] == -32600, r
s = socket.create_connection(('127.0.0.1', port))
f = s.makefile('rwb')
f.write(b'{"jsonrpc":"2.0","method":"power","params":[7],"id":"x"}\n{oops\n')
f.flush()
assert json.loads(f.readline()) == {'jsonrpc': '2.0', 'result': 49, 'id': 'x'}
assert json.loads(f.readline())['error']['code'] == -32700
print('ok')
"#;
    let (code, out, err) = python(script, &[&addr.port().to_string()]);
    assert_eq!((code, out.trim()), (0, "ok"), "{err}");
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn jsonrpc_client_against_python_server() {
    if !require("python3") {
        return;
    }
    let (_py, port) = py_server(PY_JSONRPC_SERVER, &[]);
    let url = format!("http://127.0.0.1:{port}/");
    let (code, ev, _) = call_json(&["--proto", "jsonrpc", &url, "double", "21"]);
    assert_eq!((code, result_of(&ev)), (0, json!(42)));
    // Error object → fault exit 1.
    let (code, ev, _) = call_json(&["--proto", "jsonrpc", &url, "missing"]);
    assert_eq!(code, 1);
    assert_eq!(of_type(&ev, "fault")[0]["code"], -32601);
    // HTTP 500 carrying a JSON-RPC error body: still a fault, with its data.
    let (code, ev, _) = call_json(&["--proto", "jsonrpc", &url, "fail500"]);
    assert_eq!(code, 1, "{ev:?}");
    let f = of_type(&ev, "fault")[0];
    assert_eq!(
        (f["code"].as_i64(), f["data"]["where"].as_str()),
        (Some(-32000), Some("here"))
    );
    // HTTP 500 with an HTML page: a protocol failure, exit 3.
    let (code, ev, _) = call_json(&["--proto", "jsonrpc", &url, "html500"]);
    assert_eq!(code, 3);
    assert!(
        of_type(&ev, "error")[0]["message"]
            .as_str()
            .unwrap()
            .contains("500"),
        "{ev:?}"
    );
    // Wrong id: exit 3.
    let (code, ev, _) = call_json(&["--proto", "jsonrpc", &url, "wrongid"]);
    assert_eq!(code, 3);
    assert!(
        of_type(&ev, "error")[0]["message"]
            .as_str()
            .unwrap()
            .contains("does not match"),
        "{ev:?}"
    );
    // Notification: 204, exit 0.
    let (code, _, _) = call_json(&["--proto", "jsonrpc", &url, "double", "1", "--notify"]);
    assert_eq!(code, 0);
}

#[test]
fn bad_input_is_exit_2() {
    for args in [
        vec!["rpc-call", "http//localhost:6789", "double", "7"],
        vec!["rpc-call", "ftp://localhost/", "double"],
        vec!["rpc-call", "http://localhost:1/", "double", "--insecure"],
        vec!["rpc-call", "--proto", "soap", "http://localhost/", "double"],
        vec![
            "rpc-call",
            "tcp://localhost:1",
            "double",
            "--proto",
            "xmlrpc",
        ],
        vec!["rpc-call", "http://localhost:1/", "double", "--notify"],
        vec![
            "rpc-call",
            "http://localhost:1/",
            "double",
            "--params",
            "[1",
        ],
        vec![
            "rpc-call",
            "http://localhost:1/",
            "echo",
            "{\"$base64\": \"!!\"}",
        ],
        vec!["rpc-call", "http://localhost:1/"],
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
#[cfg_attr(not(peer = "py-msgpack"), ignore = "needs py-msgpack: sudo ./peers.sh")]
fn broken_servers_are_exit_3() {
    if !require_python(&["msgpack"]) {
        return;
    }
    let cases: &[(&str, &str, &[&str], &str)] = &[
        ("html", "http", &[], "HTML"),
        ("garbage", "http", &[], "malformed"),
        ("http404", "http", &[], "404"),
        ("garbage", "tcp", &[], "MessagePack"),
        ("wrongid", "tcp", &[], "msgid"),
        ("silent", "http", &["--timeout", "300ms"], "timed out"),
        ("silent", "tcp", &["--timeout", "300ms"], "timed out"),
    ];
    for (mode, scheme, extra, needle) in cases {
        let (_py, port) = py_server(PY_BAD_SERVER, &[mode]);
        let url = format!("{scheme}://127.0.0.1:{port}/");
        let url = if *scheme == "tcp" {
            url.trim_end_matches('/').to_string()
        } else {
            url
        };
        let mut args = vec![url.as_str(), "double", "7"];
        args.extend_from_slice(extra);
        let (code, ev, _) = call_json(&args);
        assert_eq!(code, 3, "{mode} over {scheme}: {ev:?}");
        let msg = of_type(&ev, "error")[0]["message"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(msg.contains(needle), "{mode}: {msg}");
    }
    // Nobody listening: refused, exit 3.
    let port = free_port();
    let (code, ev, _) = call_json(&[&format!("http://127.0.0.1:{port}/"), "double", "7"]);
    assert_eq!(code, 3);
    assert_eq!(of_type(&ev, "error")[0]["kind"], "refused");
}

#[test]
fn rpc_serve_drops_only_the_bad_client() {
    let (_srv, addr, _lines) =
        start_netkit_server(&["rpc-serve", "--listen", "127.0.0.1:0", "--max-size", "4096"]);
    // Garbage: 400 and closed.
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(SEC)).unwrap();
    s.write_all(b"\x16\x03\x01\x02\x00 not http at all\r\n\r\n")
        .unwrap();
    let mut got = String::new();
    let _ = s.read_to_string(&mut got);
    assert!(got.starts_with("HTTP/1.1 400"), "{got}");
    // Too big a body: 413 before reading it.
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(SEC)).unwrap();
    s.write_all(b"POST / HTTP/1.1\r\nContent-Length: 100000\r\n\r\n")
        .unwrap();
    let mut got = String::new();
    let _ = s.read_to_string(&mut got);
    assert!(got.starts_with("HTTP/1.1 413"), "{got}");
    // Endless headers: refused at the head limit.
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(SEC)).unwrap();
    let junk = format!("POST / HTTP/1.1\r\nX: {}\r\n", "a".repeat(20000));
    let _ = s.write_all(junk.as_bytes());
    let mut got = String::new();
    let _ = s.read_to_string(&mut got);
    assert!(got.starts_with("HTTP/1.1 431"), "{got}");
    // GET: 501; malformed XML: a fault, HTTP 200.
    let (code, ev, _) = call_json(&[&format!("http://{addr}/"), "double", "7"]);
    assert_eq!((code, result_of(&ev)), (0, json!(14)));
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(SEC)).unwrap();
    s.write_all(b"POST / HTTP/1.0\r\nContent-Length: 5\r\n\r\n<oops")
        .unwrap();
    let mut got = String::new();
    let _ = s.read_to_string(&mut got);
    assert!(
        got.starts_with("HTTP/1.1 200") && got.contains("<fault>") && got.contains("-32700"),
        "{got}"
    );
    // MessagePack garbage closes only that connection.
    let (_m, maddr, _ml) =
        start_netkit_server(&["rpc-serve", "--proto", "msgpack", "--listen", "127.0.0.1:0"]);
    let mut s = TcpStream::connect(maddr).unwrap();
    s.set_read_timeout(Some(SEC)).unwrap();
    s.write_all(b"\xc1\xc1\xc1").unwrap();
    let mut buf = [0u8; 16];
    assert_eq!(s.read(&mut buf).unwrap_or(0), 0);
    let (code, ev, _) = call_json(&[&format!("tcp://{maddr}"), "double", "8"]);
    assert_eq!((code, result_of(&ev)), (0, json!(16)));
}

#[test]
fn rpc_serve_stops_at_count_with_summary() {
    let (mut srv, addr, lines) =
        start_netkit_server(&["rpc-serve", "--listen", "127.0.0.1:0", "--count", "3"]);
    let (code, ev, _) = call_json(&[
        &format!("http://{addr}/"),
        "power",
        "3",
        "--repeat",
        "3",
        "-q",
    ]);
    assert_eq!(code, 0, "{ev:?}");
    let rest = lines.rest_json(SEC);
    let summary = of_type(&rest, "summary")[0];
    assert_eq!(
        (summary["calls"].as_u64(), summary["faults"].as_u64()),
        (Some(3), Some(0))
    );
    assert_eq!(srv.child.wait().unwrap().code(), Some(0));
}

#[test]
fn rpc_serve_answers_expect_100_continue() {
    let (_srv, addr, _lines) = start_netkit_server(&["rpc-serve", "--listen", "127.0.0.1:0"]);
    let body = "<?xml version=\"1.0\"?><methodCall><methodName>power</methodName><params><param><value><int>5</int></value></param></params></methodCall>";
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(SEC)).unwrap();
    let head = format!(
        "POST /RPC2 HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    let mut interim = [0u8; 25];
    s.read_exact(&mut interim).unwrap();
    assert_eq!(&interim, b"HTTP/1.1 100 Continue\r\n\r\n");
    s.write_all(body.as_bytes()).unwrap();
    let mut got = String::new();
    let _ = s.read_to_string(&mut got);
    assert!(
        got.starts_with("HTTP/1.1 200") && got.contains("<i4>25</i4>"),
        "{got}"
    );
}

/// HTTP/1.0 with `Connection: keep-alive` (what `ab -k` and old clients send):
/// two calls on one connection, each answer saying `Connection: keep-alive`
/// (RFC 9112 §9.3); a third without it is answered `Connection: close` and closed.
#[test]
fn rpc_serve_keeps_an_http_1_0_keep_alive_connection() {
    let (_srv, addr, _lines) = start_netkit_server(&["rpc-serve", "--listen", "127.0.0.1:0"]);
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(SEC)).unwrap();
    for (n, keep) in [(2, true), (3, true), (4, false)] {
        let body = format!("<?xml version=\"1.0\"?><methodCall><methodName>double</methodName><params><param><value><int>{n}</int></value></param></params></methodCall>");
        let conn = if keep {
            "Connection: keep-alive\r\n"
        } else {
            ""
        };
        let req = format!(
            "POST /RPC2 HTTP/1.0\r\nContent-Type: text/xml\r\n{conn}Content-Length: {}\r\n\r\n{body}",
            body.len()
        );
        s.write_all(req.as_bytes()).unwrap();
        let (head, reply) = read_http_response(&mut s);
        let want = if keep { "keep-alive" } else { "close" };
        assert!(
            head.contains(&format!("\r\nConnection: {want}\r\n")),
            "{head}"
        );
        assert!(
            String::from_utf8_lossy(&reply).contains(&format!("<i4>{}</i4>", 2 * n)),
            "{}",
            String::from_utf8_lossy(&reply)
        );
    }
    assert_closed(&mut s);
}

#[test]
fn stdin_batch_on_one_connection() {
    let (_srv, addr, _lines) =
        start_netkit_server(&["rpc-serve", "--proto", "msgpack", "--listen", "127.0.0.1:0"]);
    let url = format!("tcp://{addr}");
    let input: String = (1..=100).map(|i| format!("{i}\n")).collect();
    let (code, out, err) = run_with_stdin(
        &["rpc-call", "--json", &url, "double", "--stdin"],
        Some(input.as_bytes()),
    );
    assert_eq!(code, 0, "{err}");
    let ev = json_lines(&out);
    let results: Vec<i64> = of_type(&ev, "result")
        .iter()
        .map(|e| e["result"].as_i64().unwrap())
        .collect();
    assert_eq!(results, (1..=100).map(|i| 2 * i).collect::<Vec<_>>());
    let s = of_type(&ev, "summary")[0];
    assert_eq!(
        (s["calls"].as_u64(), s["connections"].as_u64()),
        (Some(100), Some(1))
    );
    // Method on each line, a fault in the middle: exit 1, the rest still runs.
    let input = b"power 3\n\n[\"double\", 4]\nnope\npower 5\n";
    let (code, out, _) = run_with_stdin(&["rpc-call", "--json", &url, "--stdin"], Some(input));
    assert_eq!(code, 1);
    let ev = json_lines(&out);
    let results: Vec<i64> = of_type(&ev, "result")
        .iter()
        .map(|e| e["result"].as_i64().unwrap())
        .collect();
    assert_eq!(results, [9, 8, 25]);
    assert_eq!(of_type(&ev, "fault")[0]["code"], -32601);
    // A line that names no method: exit 2.
    let (code, _, err) = run_with_stdin(&["rpc-call", &url, "--stdin"], Some(b"7\n"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("stdin line 1"), "{err}");
}

/// Read from `s` until `n` HTTP responses have arrived (or the peer closes).
fn read_responses(s: &mut TcpStream, n: usize) -> String {
    let mut got = Vec::new();
    let mut buf = [0u8; 65536];
    while String::from_utf8_lossy(&got)
        .matches("</methodResponse>")
        .count()
        < n
    {
        match s.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(k) => got.extend_from_slice(&buf[..k]),
        }
    }
    String::from_utf8_lossy(&got).into_owned()
}

fn xml_call(method: &str, n: i64) -> String {
    let body = format!("<?xml version=\"1.0\"?><methodCall><methodName>{method}</methodName><params><param><value><int>{n}</int></value></param></params></methodCall>");
    format!(
        "POST /RPC2 HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

#[test]
fn rpc_serve_answers_pipelined_requests_in_order() {
    let (_srv, addr, _lines) = start_netkit_server(&["rpc-serve", "--listen", "127.0.0.1:0"]);
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(SEC)).unwrap();
    // 50 requests in one write, the last one split in the middle of its body.
    let all: String = (1..=50).map(|i| xml_call("power", i)).collect();
    let (a, b) = all.split_at(all.len() - 20);
    s.write_all(a.as_bytes()).unwrap();
    std::thread::sleep(Duration::from_millis(50)); // let the server see a partial request
    s.write_all(b.as_bytes()).unwrap();
    let got = read_responses(&mut s, 50);
    let values: Vec<i64> = got
        .split("<i4>")
        .skip(1)
        .map(|v| v.split('<').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(values, (1..=50).map(|i| i * i).collect::<Vec<_>>());
    assert_eq!(got.matches("HTTP/1.1 200 OK").count(), 50);
}

#[test]
fn rpc_serve_keeps_serving_while_one_client_does_not_read() {
    let (_srv, addr, _lines) = start_netkit_server(&[
        "rpc-serve",
        "--listen",
        "127.0.0.1:0",
        "--max-size",
        "65536",
    ]);
    // A client that sends thousands of requests and reads none of the answers.
    let mut hog = TcpStream::connect(addr).unwrap();
    hog.set_write_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let req = xml_call("double", 1);
    let mut sent = 0;
    for _ in 0..20000 {
        if hog.write_all(req.as_bytes()).is_err() {
            break; // its buffers are full: the server stopped reading it
        }
        sent += 1;
    }
    assert!(sent > 0);
    // Everybody else is still served, at once.
    let url = format!("http://{addr}/");
    for i in 0..5 {
        let (code, ev, err) = call_json(&["--timeout", "5s", &url, "double", &i.to_string()]);
        assert_eq!((code, result_of(&ev)), (0, json!(2 * i)), "{err}");
    }
    // And the hog gets its answers, in order, once it reads.
    hog.set_read_timeout(Some(SEC)).unwrap();
    let got = read_responses(&mut hog, 3);
    assert!(
        got.starts_with("HTTP/1.1 200 OK"),
        "{}",
        &got[..got.len().min(200)]
    );
}

#[test]
fn rpc_serve_serves_many_clients_at_once() {
    let (mut srv, addr, lines) =
        start_netkit_server(&["rpc-serve", "--proto", "jsonrpc", "--listen", "127.0.0.1:0"]);
    let url = format!("http://{addr}/");
    let clients: Vec<_> = (0..40)
        .map(|i| {
            let url = url.clone();
            std::thread::spawn(move || {
                call_json(&[
                    "--proto",
                    "jsonrpc",
                    &url,
                    "power",
                    &i.to_string(),
                    "--repeat",
                    "25",
                    "-q",
                ])
            })
        })
        .collect();
    for c in clients {
        let (code, ev, err) = c.join().unwrap();
        assert_eq!(code, 0, "{err}");
        let s = of_type(&ev, "summary")[0];
        assert_eq!(
            (s["calls"].as_u64(), s["faults"].as_u64()),
            (Some(25), Some(0))
        );
    }
    // 1,000 request lines in the log, one per call, every one of them whole.
    let _ = srv.interrupt();
    let log = lines.rest_json(SEC);
    assert_eq!(of_type(&log, "request").len(), 1000);
    let summary = of_type(&log, "summary")[0];
    assert_eq!(
        (summary["calls"].as_u64(), summary["connections"].as_u64()),
        (Some(1000), Some(40))
    );
}

#[test]
fn rpc_serve_answers_a_last_json_line_without_newline() {
    let (_srv, addr, _lines) =
        start_netkit_server(&["rpc-serve", "--proto", "jsonrpc", "--listen", "127.0.0.1:0"]);
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(SEC)).unwrap();
    s.write_all(br#"{"jsonrpc":"2.0","method":"double","params":[21],"id":7}"#)
        .unwrap();
    s.shutdown(std::net::Shutdown::Write).unwrap();
    let mut got = String::new();
    s.read_to_string(&mut got).unwrap();
    let v: Value = serde_json::from_str(got.trim()).unwrap();
    assert_eq!(
        (v["result"].clone(), v["id"].clone()),
        (json!(42), json!(7))
    );
}

#[test]
fn concurrency_against_rpc_serve_every_protocol() {
    for (proto, scheme) in [
        ("xmlrpc", "http"),
        ("jsonrpc", "http"),
        ("jsonrpc", "tcp"),
        ("msgpack", "tcp"),
    ] {
        let (_srv, addr, _lines) =
            start_netkit_server(&["rpc-serve", "--proto", proto, "--listen", "127.0.0.1:0"]);
        let url = format!("{scheme}://{addr}/");
        let url = if scheme == "tcp" {
            url.trim_end_matches('/').to_string()
        } else {
            url
        };
        let (code, ev, err) = call_json(&[
            "--proto",
            proto,
            &url,
            "power",
            "12",
            "--repeat",
            "500",
            "--concurrency",
            "8",
        ]);
        assert_eq!(code, 0, "{proto} {url}: {err}");
        let results = of_type(&ev, "result");
        assert_eq!(results.len(), 500, "{proto}");
        assert!(results.iter().all(|r| r["result"] == json!(144)));
        let s = of_type(&ev, "summary")[0];
        assert_eq!(
            (
                s["calls"].as_u64(),
                s["connections"].as_u64(),
                s["concurrency"].as_u64()
            ),
            (Some(500), Some(8), Some(8)),
            "{proto}: {s}"
        );
        assert!(
            s["p99_ms"].is_null() && s["rtt"]["p99_ms"].as_f64().unwrap() > 0.0,
            "{s}"
        );
    }
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn concurrency_against_python_reconnects_and_counts_faults() {
    if !require_python(&[]) {
        return;
    }
    let (_py, port) = py_server(PY_XMLRPC_SERVER, &["plain"]);
    let url = format!("http://127.0.0.1:{port}/");
    // Python's server answers HTTP/1.0 and closes: one connection per call.
    let (code, ev, err) = call_json(&[
        &url,
        "double",
        "21",
        "--repeat",
        "60",
        "--concurrency",
        "4",
        "-q",
    ]);
    assert_eq!(code, 0, "{err}");
    let s = of_type(&ev, "summary")[0];
    assert_eq!(
        (s["calls"].as_u64(), s["connections"].as_u64()),
        (Some(60), Some(60)),
        "{s}"
    );
    // A method that raises: every call is a fault, exit 1, the run goes on.
    let (code, ev, _) = call_json(&[&url, "boom", "--repeat", "10", "--concurrency", "3"]);
    assert_eq!(code, 1);
    assert_eq!(of_type(&ev, "fault").len(), 10);
    assert_eq!(of_type(&ev, "summary")[0]["faults"].as_u64(), Some(10));
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn concurrency_failures_are_exit_3() {
    let five_calls = |port: u16| {
        let url = format!("http://127.0.0.1:{port}/");
        run(&[
            "rpc-call",
            &url,
            "double",
            "1",
            "--repeat",
            "5",
            "--concurrency",
            "2",
        ])
    };
    // Nobody listening: refused, with the hint.
    let (code, _, err) = five_calls(free_port());
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("refused"), "{err}");
    // A server that answers garbage.
    if !require_python(&[]) {
        return;
    }
    let (_bad, port) = py_server(PY_BAD_SERVER, &["garbage"]);
    let (code, _, err) = five_calls(port);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("malformed HTTP"), "{err}");
    // --concurrency 0 is a usage error.
    let (code, _, _) = run(&["rpc-call", "http://127.0.0.1:1/", "x", "--concurrency", "0"]);
    assert_eq!(code, 2);
}

/// The chunk size that used to wrap around: 413 from the server (which serves
/// on), exit 3 from the client, a panic nowhere.
#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn a_wrapping_chunk_size_is_refused_not_a_panic() {
    let (_srv, addr, lines) = start_netkit_server(&["rpc-serve", "--listen", "127.0.0.1:0"]);
    for _ in 0..4 {
        // Four times: once per worker at least.
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(SEC)).unwrap();
        s.write_all(
            b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\nffffffffffffffff\r\n",
        )
        .unwrap();
        let mut got = String::new();
        let _ = s.read_to_string(&mut got);
        assert!(got.starts_with("HTTP/1.1 413"), "{got}");
    }
    let url = format!("http://{addr}/");
    let (code, ev, err) = call_json(&[&url, "double", "4", "--repeat", "20", "--concurrency", "4"]);
    assert_eq!((code, of_type(&ev, "result").len()), (0, 20), "{err}");
    assert!(lines.until("larger than", SEC).contains("warning"));
    if !require_python(&[]) {
        return;
    }
    let (_bad, port) = py_server(PY_BAD_SERVER, &["chunkbomb"]);
    let url = format!("http://127.0.0.1:{port}/");
    for extra in [&[][..], &["--repeat", "4", "--concurrency", "2"][..]] {
        let mut args = vec!["rpc-call", url.as_str(), "double", "1"];
        args.extend_from_slice(extra);
        let (code, _, err) = run(&args);
        assert_eq!(code, 3, "{err}");
        assert!(
            !err.contains("panicked") && err.contains("larger than"),
            "{err}"
        );
    }
}

#[test]
fn a_request_must_be_whole_within_the_idle_timeout() {
    let (_srv, addr, lines) = start_netkit_server(&[
        "rpc-serve",
        "--listen",
        "127.0.0.1:0",
        "--idle-timeout",
        "1s",
    ]);
    // One byte every 200 ms: never idle, never done.
    let mut s = TcpStream::connect(addr).unwrap();
    let req = xml_call("double", 1);
    let t0 = std::time::Instant::now();
    let mut closed = false;
    for b in req.as_bytes() {
        if s.write_all(&[*b]).is_err() {
            closed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(200));
        if t0.elapsed() > Duration::from_secs(6) {
            break;
        }
    }
    assert!(
        closed,
        "a byte-at-a-time request kept its connection for {:?}",
        t0.elapsed()
    );
    let warning = lines.until("incomplete", SEC);
    assert!(warning.contains("--idle-timeout"), "{warning}");
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn concurrency_run_stops_on_ctrl_c_with_calls_in_flight() {
    if !require_python(&[]) {
        return;
    }
    let (_bad, port) = py_server(PY_BAD_SERVER, &["silent"]);
    let mut c = netkit();
    c.args([
        "rpc-call",
        "--json",
        &format!("http://127.0.0.1:{port}/"),
        "double",
        "1",
        "--repeat",
        "10",
        "--concurrency",
        "2",
    ])
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let child = c.spawn().unwrap();
    // No readiness line to wait for: give it time to connect and send.
    std::thread::sleep(Duration::from_millis(500));
    signal(child.id(), libc::SIGINT);
    let t0 = std::time::Instant::now();
    let out = wait_output(child, Duration::from_secs(5));
    assert!(
        t0.elapsed() < Duration::from_secs(3),
        "took {:?}",
        t0.elapsed()
    );
    assert_eq!(out.status.code(), Some(0));
    let ev = json_lines(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(of_type(&ev, "summary")[0]["calls"].as_u64(), Some(0));
}

#[test]
fn out_of_file_descriptors_pauses_accepting_not_serving() {
    let (_srv, addr, lines) =
        start_netkit_server_with_fds(24, &["rpc-serve", "--listen", "127.0.0.1:0"]);
    let mut kept = TcpStream::connect(addr).unwrap();
    kept.set_read_timeout(Some(SEC)).unwrap();
    kept.write_all(xml_call("power", 3).as_bytes()).unwrap();
    assert!(read_responses(&mut kept, 1).contains("<i4>9</i4>"));
    // Far more connections than descriptors left.
    let crowd: Vec<TcpStream> = (0..40)
        .filter_map(|_| TcpStream::connect(addr).ok())
        .collect();
    assert!(crowd.len() > 20);
    let warning = lines.until("warning", SEC);
    assert!(warning.contains("new clients wait"), "{warning}");
    // The kept connection is still answered, at once.
    for i in 1..=5 {
        let t0 = std::time::Instant::now();
        kept.write_all(xml_call("power", i).as_bytes()).unwrap();
        let got = read_responses(&mut kept, 1);
        if !got.contains(&format!("<i4>{}</i4>", i * i)) {
            panic!(
                "call {i}: {got}\nserver said: {:?}",
                lines.rest(Duration::from_millis(500))
            );
        }
        assert!(t0.elapsed() < Duration::from_secs(2), "{:?}", t0.elapsed());
    }
    drop(crowd);
    // A warning per episode (when accepting works again, the crowd's closed
    // connections start another), not one per 100 ms round.
    let rest = lines.rest(Duration::from_millis(500));
    let warnings = rest
        .iter()
        .filter(|l| l.contains("new clients wait"))
        .count();
    assert!(warnings <= 3, "{rest:?}");
}
