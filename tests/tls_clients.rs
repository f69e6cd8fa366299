//! The TLS clients against real TLS peers started here: `sub`/`pub rediss://`
//! against redis-server's `--tls-port` (with and without client certificates),
//! and the TLS error cases (plaintext peer on a TLS port, TLS peer on a plaintext
//! port, wrong name, unknown CA, a stalled handshake), each with its own message
//! and exit 3. Certificates are made by rcgen in the test; nothing is committed.

mod common;

#[path = "../src/net/tls/test_pki.rs"]
#[allow(unused)]
mod pki;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;
use pki::{Ca, Validity};

const T: Duration = Duration::from_secs(20);

/// A CA, a server leaf for localhost/127.0.0.1 and a client leaf, as PEM files.
struct Pki {
    _dir: tempfile::TempDir,
    ca: PathBuf,
    cert: PathBuf,
    key: PathBuf,
    client_cert: PathBuf,
    client_key: PathBuf,
    other_ca: PathBuf,
}

fn pki() -> Pki {
    let dir = tempfile::tempdir().unwrap();
    let ca = Ca::root("netkit test CA");
    let leaf = ca.leaf("localhost", &["localhost", "127.0.0.1"], Validity::Long);
    let client = ca.leaf("netkit client", &["client.test"], Validity::Long);
    let other = Ca::root("some other CA");
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    Pki {
        ca: write("ca.pem", &ca.cert.pem),
        cert: write("server.pem", &leaf.pem),
        key: write("server.key", &leaf.key_pem),
        client_cert: write("client.pem", &client.pem),
        client_key: write("client.key", &client.key_pem),
        other_ca: write("other.pem", &other.cert.pem),
        _dir: dir,
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// redis-server with a TLS-only port; `auth_clients`: require client certificates.
fn start_redis_tls(p: &Pki, auth_clients: bool) -> (Peer, Lines, u16) {
    let port = free_port();
    let mut c = Command::new("redis-server");
    c.args(["--port", "0", "--tls-port", &port.to_string()])
        .args(["--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        .args(["--tls-cert-file", s(&p.cert), "--tls-key-file", s(&p.key)])
        .args(["--tls-ca-cert-file", s(&p.ca)])
        .args([
            "--tls-auth-clients",
            if auth_clients { "yes" } else { "no" },
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut peer = Peer::spawn("redis-server", &mut c);
    let lines = Lines::new(peer.child.stdout.take().unwrap());
    lines.until("Ready to accept connections", T);
    (peer, lines, port)
}

/// Start `netkit sub ... --json` and wait for its subscribe confirmation,
/// returning the events seen before it (the `--trace` handshake line).
fn start_sub(args: &[&str]) -> (Peer, Lines, Vec<serde_json::Value>) {
    let mut c = netkit();
    c.arg("sub").args(args).arg("--json");
    c.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut peer = Peer::spawn("netkit sub", &mut c);
    let lines = Lines::new(peer.child.stdout.take().unwrap());
    let mut before = Vec::new();
    loop {
        let ev = lines.next_json(T);
        if ev["type"] == "subscribe" {
            return (peer, lines, before);
        }
        before.push(ev);
    }
}

fn rediss_round_trip(auth_clients: bool) {
    if !require("redis-server") {
        return;
    }
    let p = pki();
    let (_redis, _l, port) = start_redis_tls(&p, auth_clients);
    let url = format!("rediss://127.0.0.1:{port}");
    let mut tls = vec!["--cacert", s(&p.ca)];
    if auth_clients {
        tls.extend(["--cert", s(&p.client_cert), "--key", s(&p.client_key)]);
    }
    let mut sub_args = vec![url.as_str(), "news", "--count", "2", "--trace"];
    sub_args.extend(&tls);
    let (mut sub, lines, before) = start_sub(&sub_args);
    let hs = of_type(&before, "tls_handshake");
    assert_eq!(
        hs.len(),
        1,
        "one handshake summary before subscribing: {before:?}"
    );
    assert_eq!(hs[0]["version"], "TLSv1.3", "{}", hs[0]);
    let mut pub_args = vec!["pub", url.as_str(), "news", "hello over TLS", "--json"];
    pub_args.extend(&tls);
    let (code, out, err) = run(&pub_args);
    assert_eq!(code, 0, "{err}");
    assert_eq!(of_type(&json_lines(&out), "published")[0]["receivers"], 1);
    // Pipelined stdin over TLS: the batch is written, then its replies read.
    let mut stdin_args = vec!["pub", url.as_str(), "news", "--json"];
    stdin_args.extend(&tls);
    let (code, out, err) = run_with_stdin(&stdin_args, Some(b"second\n"));
    assert_eq!(code, 0, "{err}");
    assert_eq!(of_type(&json_lines(&out), "published").len(), 1, "{out}");
    let msgs = lines.rest_json(T);
    let got: Vec<&str> = of_type(&msgs, "message")
        .iter()
        .map(|m| m["data"].as_str().unwrap())
        .collect();
    assert_eq!(got, ["hello over TLS", "second"]);
    assert_eq!(sub.child.wait().unwrap().code(), Some(0));
}

#[test]
#[cfg_attr(
    not(peer = "redis-server"),
    ignore = "needs redis-server: sudo ./peers.sh"
)]
fn rediss_pub_sub_without_client_certificates() {
    rediss_round_trip(false);
}

#[test]
#[cfg_attr(
    not(peer = "redis-server"),
    ignore = "needs redis-server: sudo ./peers.sh"
)]
fn rediss_pub_sub_with_a_client_certificate() {
    rediss_round_trip(true);
}

#[test]
#[cfg_attr(
    not(peer = "redis-server"),
    ignore = "needs redis-server: sudo ./peers.sh"
)]
fn rediss_errors_name_their_cause() {
    if !require("redis-server") {
        return;
    }
    let p = pki();
    let (_redis, _l, port) = start_redis_tls(&p, true);
    let tls_url = format!("rediss://127.0.0.1:{port}");
    // A client certificate required and none given.
    let (code, _, err) = run(&["pub", &tls_url, "x", "y", "--cacert", s(&p.ca)]);
    assert_eq!(code, 3, "{err}");
    // Unknown CA.
    let (code, _, err) = run(&["pub", &tls_url, "x", "y", "--cacert", s(&p.other_ca)]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("--cacert"), "names the next step: {err}");
    // Wrong name.
    let (code, _, err) = run(&[
        "pub",
        &tls_url,
        "x",
        "y",
        "--cacert",
        s(&p.ca),
        "--servername",
        "wrong.test",
    ]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("wrong.test"), "names the name: {err}");
    // A plaintext client on the TLS port.
    let plain_url = format!("redis://127.0.0.1:{port}");
    let (code, _, err) = run(&["pub", &plain_url, "x", "y", "--timeout", "5s"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("rediss://"), "suggests rediss://: {err}");
    // TLS flags on a plaintext URL are refused, not ignored.
    let (code, _, err) = run(&["pub", &plain_url, "x", "y", "--cacert", s(&p.ca)]);
    assert_eq!(code, 2, "{err}");
}

#[test]
#[cfg_attr(
    not(peer = "redis-server"),
    ignore = "needs redis-server: sudo ./peers.sh"
)]
fn rediss_to_a_plaintext_redis_says_so() {
    if !require("redis-server") {
        return;
    }
    let port = free_port();
    let mut c = Command::new("redis-server");
    c.args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
        .args(["--save", "", "--appendonly", "no"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut peer = Peer::spawn("redis-server", &mut c);
    let lines = Lines::new(peer.child.stdout.take().unwrap());
    lines.until("Ready to accept connections", T);
    let (code, _, err) = run(&[
        "pub",
        &format!("rediss://127.0.0.1:{port}"),
        "x",
        "y",
        "--insecure",
        "--timeout",
        "1s",
    ]);
    // redis-server waits for a line ending that a ClientHello never brings: the
    // handshake stalls, and the message asks whether the port speaks TLS.
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("is this a TLS port"), "{err}");
}

#[test]
fn a_stalled_handshake_is_bounded_by_the_timeout() {
    // A listener that accepts and never answers the ClientHello.
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let started = std::time::Instant::now();
    let (code, _, err) = run(&[
        "pub",
        &format!("rediss://127.0.0.1:{port}"),
        "x",
        "y",
        "--insecure",
        "--timeout",
        "1s",
    ]);
    assert_eq!(code, 3, "{err}");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(err.contains("handshake"), "{err}");
    drop(l);
}

/// `socat OPENSSL-LISTEN:P,fork PIPE`: the TLS echo server people use today.
fn start_socat_tls(p: &Pki) -> (Peer, u16) {
    let port = free_port();
    let mut c = Command::new("socat");
    c.arg(format!(
        "OPENSSL-LISTEN:{port},bind=127.0.0.1,reuseaddr,fork,cert={},key={},verify=0",
        s(&p.cert),
        s(&p.key)
    ))
    .arg("PIPE")
    .stdin(Stdio::null())
    .stdout(Stdio::null())
    .stderr(Stdio::null());
    let peer = Peer::spawn("socat", &mut c);
    wait_tcp(&format!("127.0.0.1:{port}"), T);
    (peer, port)
}

#[test]
#[cfg_attr(not(peer = "socat"), ignore = "needs socat: sudo ./peers.sh")]
fn tcp_echo_send_tls_against_socat_openssl_listen() {
    if !require("socat") {
        return;
    }
    let p = pki();
    let (_socat, port) = start_socat_tls(&p);
    let target = format!("localhost:{port}");
    let message = "Hello over TLS! \u{e9}";
    let (code, out, err) = run(&[
        "tcp-echo",
        "send",
        &target,
        message,
        "--tls",
        "--cacert",
        s(&p.ca),
        "--trace",
        "--count",
        "3",
        "--interval",
        "10ms",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let evs = json_lines(&out);
    let types: Vec<&str> = evs.iter().map(|e| e["type"].as_str().unwrap()).collect();
    let hs = types
        .iter()
        .position(|t| *t == "tls_handshake")
        .expect("--trace summary");
    let first_reply = types.iter().position(|t| *t == "reply").expect("a reply");
    assert!(
        hs < first_reply,
        "the summary comes before the bytes: {types:?}"
    );
    assert_eq!(evs[hs]["sni"], "localhost");
    let replies = of_type(&evs, "reply");
    assert_eq!(replies.len(), 3);
    for r in replies {
        assert_eq!(r["data"], message, "{r}");
        assert_eq!(r["bytes"], message.len());
    }
    // Load mode over TLS: four sessions, every round trip an echo.
    let (code, out, err) = run(&[
        "tcp-echo",
        "send",
        &target,
        "ping",
        "--tls",
        "--cacert",
        s(&p.ca),
        "--concurrency",
        "4",
        "--duration",
        "1s",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let load = json_lines(&out).pop().unwrap();
    assert!(load["round_trips"].as_u64().unwrap() > 10, "{load}");
    assert_eq!(load["errors"], 0, "{load}");
    assert_eq!(load["served"], 4, "{load}");
    // Unknown CA and wrong name: exit 3, each naming its cause.
    let (code, _, err) = run(&[
        "tcp-echo",
        "send",
        &target,
        "x",
        "--tls",
        "--cacert",
        s(&p.other_ca),
    ]);
    assert_eq!(code, 3, "{err}");
    let (code, _, err) = run(&[
        "tcp-echo",
        "send",
        &format!("127.0.0.1:{port}"),
        "x",
        "--tls",
        "--cacert",
        s(&p.ca),
        "--servername",
        "elsewhere.test",
    ]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("elsewhere.test"), "{err}");
}

#[test]
#[cfg_attr(not(peer = "socat"), ignore = "needs socat: sudo ./peers.sh")]
fn tcp_echo_send_tls_to_a_plaintext_echo_server_says_so() {
    if !require("socat") {
        return;
    }
    let port = free_port();
    let mut c = Command::new("socat");
    c.arg(format!("TCP-LISTEN:{port},bind=127.0.0.1,reuseaddr,fork"))
        .arg("PIPE")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let _socat = Peer::spawn("socat", &mut c);
    wait_tcp(&format!("127.0.0.1:{port}"), T);
    // The echo server sends our ClientHello back: not a TLS answer.
    let (code, _, err) = run(&[
        "tcp-echo",
        "send",
        &format!("127.0.0.1:{port}"),
        "x",
        "--tls",
        "--insecure",
    ]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("TLS"), "{err}");
    // TLS flags without --tls are refused.
    let (code, _, err) = run(&[
        "tcp-echo",
        "send",
        &format!("127.0.0.1:{port}"),
        "x",
        "--insecure",
    ]);
    assert_eq!(code, 2, "{err}");
}

/// Python's SimpleXMLRPCServer over TLS (`ssl.SSLContext.wrap_socket`), with
/// HTTP/1.1 keep-alive, answering JSON-RPC 2.0 POSTs (application/json) too.
/// argv: cert key [client-ca]: with a client CA, client certificates are required.
const PY_TLS_RPC_SERVER: &str = r#"
import json, ssl, sys
from xmlrpc.server import SimpleXMLRPCServer, SimpleXMLRPCRequestHandler
class H(SimpleXMLRPCRequestHandler):
    protocol_version = 'HTTP/1.1'
    def log_message(self, *a): pass
    def do_POST(self):
        if self.headers.get('Content-Type', '').startswith('application/json'):
            req = json.loads(self.rfile.read(int(self.headers['Content-Length'])))
            f = {'double': double, 'power': power}[req['method']]
            body = json.dumps({'jsonrpc': '2.0', 'id': req['id'], 'result': f(*req['params'])}).encode()
            self.send_response(200)
            self.send_header('Content-Type', 'application/json')
            self.send_header('Content-Length', str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_POST()
def double(num):
    "return num + num"
    return 2 * num
def power(num):
    return num ** 2
s = SimpleXMLRPCServer(('127.0.0.1', 0), requestHandler=H, logRequests=False, bind_and_activate=True)
s.register_function(double)
s.register_function(power)
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[1], sys.argv[2])
if len(sys.argv) > 3:
    ctx.verify_mode = ssl.CERT_REQUIRED
    ctx.load_verify_locations(sys.argv[3])
s.socket = ctx.wrap_socket(s.socket, server_side=True)
print(s.server_address[1], flush=True)
s.serve_forever()
"#;

fn start_py_tls_rpc(p: &Pki, mutual: bool) -> (Peer, u16) {
    start_py_tls_rpc_as(PY_TLS_RPC_SERVER, p, mutual)
}

/// The same server speaking HTTP/1.0: it closes after every answer, so each
/// call is a new TLS handshake (and one connection at a time is enough for it).
fn start_py_tls_rpc_closing(p: &Pki, mutual: bool) -> (Peer, u16) {
    let script = PY_TLS_RPC_SERVER.replace("'HTTP/1.1'", "'HTTP/1.0'");
    start_py_tls_rpc_as(&script, p, mutual)
}

fn start_py_tls_rpc_as(script: &str, p: &Pki, mutual: bool) -> (Peer, u16) {
    let mut c = python_command();
    c.arg("-c").arg(script).args([s(&p.cert), s(&p.key)]);
    if mutual {
        c.arg(s(&p.ca));
    }
    c.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut peer = Peer::spawn("python TLS XML-RPC server", &mut c);
    let lines = Lines::new(peer.child.stdout.take().unwrap());
    let port = lines.next(T).expect("no port").trim().parse().unwrap();
    (peer, port)
}

fn rpc(args: &[&str]) -> (i32, Vec<serde_json::Value>, String) {
    let mut all = vec!["rpc-call"];
    all.extend(args);
    all.push("--json");
    let (code, out, err) = run(&all);
    // With --json an error is a JSON line on stdout: keep both for messages.
    (code, json_lines(&out), format!("{err}{out}"))
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn rpc_call_https_xmlrpc_jsonrpc_and_keep_alive() {
    if !require_python(&[]) {
        return;
    }
    let p = pki();
    let (_py, port) = start_py_tls_rpc(&p, false);
    let url = format!("https://localhost:{port}/");
    let (code, evs, err) = rpc(&[&url, "double", "21", "--cacert", s(&p.ca), "--trace"]);
    assert_eq!(code, 0, "{err}");
    let types: Vec<&str> = evs.iter().map(|e| e["type"].as_str().unwrap()).collect();
    let hs = types
        .iter()
        .position(|t| *t == "tls_handshake")
        .expect("--trace summary");
    assert!(
        hs < types.iter().position(|t| *t == "trace").unwrap(),
        "{types:?}"
    );
    assert_eq!(of_type(&evs, "result")[0]["result"], 42, "{evs:?}");
    let (code, evs, err) = rpc(&[
        &url,
        "power",
        "7",
        "--proto",
        "jsonrpc",
        "--cacert",
        s(&p.ca),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(of_type(&evs, "result")[0]["result"], 49, "{evs:?}");
    // --repeat over one kept-alive TLS connection.
    let (code, evs, err) = rpc(&[&url, "double", "2", "--repeat", "50", "--cacert", s(&p.ca)]);
    assert_eq!(code, 0, "{err}");
    let sum = evs.last().unwrap();
    assert_eq!(
        (sum["calls"].as_u64(), sum["connections"].as_u64()),
        (Some(50), Some(1)),
        "{sum}"
    );
    // A wrong name and an unknown CA: exit 3.
    let (code, _, err) = rpc(&[
        &format!("https://127.0.0.1:{port}/"),
        "double",
        "1",
        "--cacert",
        s(&p.ca),
        "--servername",
        "nope.test",
    ]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("nope.test"), "{err}");
    let (code, _, err) = rpc(&[&url, "double", "1", "--cacert", s(&p.other_ca)]);
    assert_eq!(code, 3, "{err}");
    // https:// to a plaintext HTTP port, and http:// to the TLS port.
    let (code, _, err) = rpc(&[
        &format!("http://127.0.0.1:{port}/"),
        "double",
        "1",
        "--timeout",
        "2s",
    ]);
    assert_eq!(code, 3, "{err}");
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn rpc_call_https_mutual_tls() {
    if !require_python(&[]) {
        return;
    }
    let p = pki();
    let (_py, port) = start_py_tls_rpc(&p, true);
    let url = format!("https://localhost:{port}/");
    let (code, _, err) = rpc(&[&url, "double", "4", "--cacert", s(&p.ca), "--timeout", "3s"]);
    assert_eq!(code, 3, "refused without --cert: {err}");
    let (code, evs, err) = rpc(&[
        &url,
        "double",
        "4",
        "--cacert",
        s(&p.ca),
        "--cert",
        s(&p.client_cert),
        "--key",
        s(&p.client_key),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(of_type(&evs, "result")[0]["result"], 8, "{evs:?}");
}

#[test]
fn rpc_call_https_concurrency_against_rpc_serve() {
    let p = pki();
    for proto in ["xmlrpc", "jsonrpc"] {
        let (_srv, addr, _lines) = start_netkit_server(&[
            "rpc-serve",
            "--proto",
            proto,
            "--listen",
            "127.0.0.1:0",
            "--tls-cert",
            s(&p.cert),
            "--tls-key",
            s(&p.key),
        ]);
        let url = format!("https://localhost:{}/", addr.port());
        let (code, evs, err) = rpc(&[
            "--proto",
            proto,
            &url,
            "power",
            "12",
            "--repeat",
            "300",
            "--concurrency",
            "8",
            "--cacert",
            s(&p.ca),
        ]);
        assert_eq!(code, 0, "{proto}: {err}");
        let results = of_type(&evs, "result");
        assert_eq!(results.len(), 300, "{proto}");
        assert!(results.iter().all(|r| r["result"] == 144), "{proto}");
        let sum = of_type(&evs, "summary")[0];
        assert_eq!(
            (
                sum["calls"].as_u64(),
                sum["connections"].as_u64(),
                sum["concurrency"].as_u64()
            ),
            (Some(300), Some(8), Some(8)),
            "{proto}: {sum}"
        );
    }
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn rpc_call_https_concurrency_against_python_reconnects() {
    if !require_python(&[]) {
        return;
    }
    let p = pki();
    let (_py, port) = start_py_tls_rpc_closing(&p, false);
    let url = format!("https://localhost:{port}/");
    let (code, evs, err) = rpc(&[
        &url,
        "double",
        "21",
        "--repeat",
        "20",
        "--concurrency",
        "4",
        "--cacert",
        s(&p.ca),
    ]);
    assert_eq!(code, 0, "{err}");
    let results = of_type(&evs, "result");
    assert_eq!(results.len(), 20);
    assert!(results.iter().all(|r| r["result"] == 42), "{evs:?}");
    let sum = of_type(&evs, "summary")[0];
    assert_eq!(
        (sum["calls"].as_u64(), sum["connections"].as_u64()),
        (Some(20), Some(20)),
        "one TLS connection per call: {sum}"
    );
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn rpc_call_https_concurrency_mutual_tls_and_failures() {
    if !require_python(&[]) {
        return;
    }
    let p = pki();
    let (_py, port) = start_py_tls_rpc_closing(&p, true);
    let url = format!("https://localhost:{port}/");
    let many = ["--repeat", "6", "--concurrency", "3", "--timeout", "5s"];
    let mut args = vec![url.as_str(), "double", "4", "--cacert", s(&p.ca)];
    args.extend(many);
    let (code, evs, err) = rpc(&[
        &args[..],
        &["--cert", s(&p.client_cert), "--key", s(&p.client_key)],
    ]
    .concat());
    assert_eq!(code, 0, "{err}");
    assert_eq!(of_type(&evs, "result").len(), 6, "{evs:?}");
    // Without a client certificate the server refuses: exit 3.
    let (code, _, err) = rpc(&args);
    assert_eq!(code, 3, "{err}");
    // Another CA: exit 3 with the cause, as for one call.
    let mut other = vec![url.as_str(), "double", "4", "--cacert", s(&p.other_ca)];
    other.extend(many);
    let (code, evs, err) = rpc(&other);
    assert_eq!(code, 3, "{err}");
    let e = of_type(&evs, "error")[0];
    assert_eq!(e["kind"], "unknown_issuer", "{e}");
}
