//! `netkit http` against real peers: a Python `http.server` with handlers that
//! answer chunked, by Content-Length, redirect, close mid-body, never answer,
//! echo the request and count connections; curl and Python `requests` against
//! `netkit http serve`; traversal attempts, a huge request header, a 200 MB file.

mod common;

#[path = "../src/net/tls/test_pki.rs"]
#[allow(unused)]
mod pki;

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

const SEC: Duration = Duration::from_secs(20);

/// A test HTTP/1.1 server on the standard library. Prints its port first.
const PY_SERVER: &str = r#"
import json, sys, time, threading
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler
conns = [0]
lock = threading.Lock()
class H(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    def log_message(self, *a): pass
    def setup(self):
        super().setup()
        with lock: conns[0] += 1
    def send(self, status, body, ctype='text/plain', extra=()):
        self.send_response(status)
        self.send_header('Content-Type', ctype)
        self.send_header('Content-Length', str(len(body)))
        for k, v in extra: self.send_header(k, v)
        self.end_headers()
        if self.command != 'HEAD': self.wfile.write(body)
    def body(self):
        n = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(n)
    def echo(self):
        b = self.body()
        doc = {'method': self.command, 'path': self.path,
               'headers': {k.lower(): v for k, v in self.headers.items()},
               'body': b.decode('utf-8', 'replace')}
        self.send(200, json.dumps(doc).encode(), 'application/json')
    do_POST = do_PUT = do_DELETE = echo
    def do_GET(self):
        p = self.path
        if p == '/json':
            self.send(200, b'{"login": "octocat", "id": 1}', 'application/json')
        elif p == '/chunked':
            self.send_response(200)
            self.send_header('Transfer-Encoding', 'chunked')
            self.end_headers()
            for part in (b'hello ', b'chunked ', b'world'):
                self.wfile.write(b'%x\r\n%s\r\n' % (len(part), part))
            self.wfile.write(b'0\r\n\r\n')
        elif p.startswith('/redirect/'):
            n = int(p.rsplit('/', 1)[1])
            loc = '/redirect/%d' % (n - 1) if n > 1 else '/json'
            self.send(302, b'', extra=[('Location', loc)])
        elif p.startswith('/status/'):
            self.send(int(p.rsplit('/', 1)[1]), b'status body\n')
        elif p == '/close-mid-body':
            self.send_response(200)
            self.send_header('Content-Length', '1000')
            self.end_headers()
            self.wfile.write(b'x' * 100)
            self.wfile.flush()
            self.close_connection = True
        elif p == '/hang':
            time.sleep(30)
        elif p == '/conns':
            self.send(200, str(conns[0]).encode())
        elif p == '/echo':
            self.echo()
        else:
            self.send(404, b'no\n')
s = ThreadingHTTPServer(('127.0.0.1', 0), H)
s.daemon_threads = True
if len(sys.argv) > 2:
    import ssl
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(sys.argv[1], sys.argv[2])
    s.socket = ctx.wrap_socket(s.socket, server_side=True)
print(s.server_address[1], flush=True)
s.serve_forever()
"#;

/// Start [`PY_SERVER`]; returns the guard and `http://127.0.0.1:PORT`.
fn py_server() -> (Peer, String) {
    py_server_with(&[], "http")
}

/// [`PY_SERVER`] with `args` (a certificate and key: wrapped in `ssl`), as `scheme://127.0.0.1:PORT`.
fn py_server_with(args: &[&str], scheme: &str) -> (Peer, String) {
    let mut c = python_command();
    c.arg("-c")
        .arg(PY_SERVER)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped());
    let mut peer = Peer::spawn("python http.server", &mut c);
    let lines = Lines::new(peer.child.stdout.take().unwrap());
    let port = lines.next(SEC).expect("python server port");
    (peer, format!("{scheme}://127.0.0.1:{}", port.trim()))
}

fn get_json(args: &[&str]) -> (i32, Vec<Value>, String) {
    let mut a = vec!["http"];
    a.extend_from_slice(args);
    a.push("--json");
    let (code, out, err) = run(&a);
    (code, json_lines(&out), err)
}

fn responses(events: &[Value]) -> Vec<&Value> {
    of_type(events, "response")
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn get_json_event_has_status_headers_timing_and_parsed_body() {
    require("python3");
    let (_p, base) = py_server();
    let (code, ev, err) = get_json(&["get", &format!("{base}/json")]);
    assert_eq!(code, 0, "{err}");
    let r = responses(&ev);
    assert_eq!(r.len(), 1, "{ev:?}");
    let r = r[0];
    assert_eq!(r["status"], 200);
    assert_eq!(r["method"], "GET");
    assert_eq!(r["headers"]["content-type"], "application/json");
    assert_eq!(r["body"]["login"], "octocat");
    assert_eq!(r["body"]["id"], 1);
    let t = &r["timing"];
    let parts: f64 = [
        "dns_ms",
        "connect_ms",
        "tls_ms",
        "send_ms",
        "wait_ms",
        "body_ms",
    ]
    .iter()
    .map(|k| t[k].as_f64().unwrap_or_else(|| panic!("timing.{k} in {t}")))
    .sum();
    let total = t["total_ms"].as_f64().unwrap();
    assert!(total > 0.0);
    assert!(
        (parts - total).abs() <= 1.0,
        "phases {parts} vs total {total}"
    );
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn exit_codes_follow_the_status_class_and_network_failures() {
    require("python3");
    let (_p, base) = py_server();
    for (status, want) in [(200, 0), (204, 0), (404, 1), (500, 1), (503, 1)] {
        let (code, ev, err) = get_json(&["get", &format!("{base}/status/{status}")]);
        assert_eq!(code, want, "status {status}: {err}");
        assert_eq!(responses(&ev)[0]["status"], status);
    }
    // A 3xx not followed is still a success.
    let (code, ev, _) = get_json(&["get", "--max-redirects", "0", &format!("{base}/redirect/1")]);
    assert_eq!(code, 0);
    assert_eq!(responses(&ev)[0]["status"], 302);
    // Nothing listening: network failure.
    let port = free_port();
    let (code, _, err) = run(&["http", "get", &format!("http://127.0.0.1:{port}/")]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("refused"), "{err}");
    // Not a URL: usage.
    let (code, _, err) = run(&["http", "get", "ftp://127.0.0.1/x"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn chunked_and_content_length_bodies() {
    require("python3");
    let (_p, base) = py_server();
    let (code, out, err) = run(&["http", "get", &format!("{base}/chunked")]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "hello chunked world");
    let (code, out, _) = run(&["http", "get", &format!("{base}/status/200")]);
    assert_eq!(code, 0);
    assert_eq!(out, "status body\n");
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn redirects_are_followed_shown_and_bounded() {
    require("python3");
    let (_p, base) = py_server();
    let (code, ev, err) = get_json(&["get", &format!("{base}/redirect/3")]);
    assert_eq!(code, 0, "{err}");
    // Each hop is an event of its own, then the final response lists them.
    let hops = of_type(&ev, "redirect");
    let statuses: Vec<i64> = hops.iter().map(|e| e["status"].as_i64().unwrap()).collect();
    assert_eq!(statuses, [302, 302, 302], "{ev:?}");
    assert!(hops[2]["to"].as_str().unwrap().ends_with("/json"));
    let r = responses(&ev);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0]["status"], 200);
    assert_eq!(r[0]["redirects"].as_array().unwrap().len(), 3);
    assert_eq!(r[0]["body"]["login"], "octocat");
    // Too many: an error, not a silent stop.
    let (code, _, err) = run(&[
        "http",
        "get",
        "--max-redirects",
        "2",
        &format!("{base}/redirect/3"),
    ]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("after 2 redirects"), "{err}");
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn a_server_closing_mid_body_is_a_network_error() {
    require("python3");
    let (_p, base) = py_server();
    let (code, _, err) = run(&["http", "get", &format!("{base}/close-mid-body")]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("100") || err.contains("closed") || err.contains("short"),
        "{err}"
    );
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn a_server_that_never_answers_is_bounded_by_timeout() {
    require("python3");
    let (_p, base) = py_server();
    let t = Instant::now();
    let (code, _, err) = run(&["http", "get", "--timeout", "500ms", &format!("{base}/hang")]);
    let took = t.elapsed();
    assert_eq!(code, 3, "{err}");
    assert!(took < Duration::from_secs(5), "took {took:?}");
    assert!(err.contains("no response within 500ms"), "{err}");
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn trace_shows_the_wire_bytes() {
    require("python3");
    let (_p, base) = py_server();
    let (code, out, err) = run(&["http", "get", "--trace", &format!("{base}/json")]);
    assert_eq!(code, 0, "{err}");
    let all = format!("{out}{err}");
    assert!(all.contains("> GET /json HTTP/1.1"), "{all}");
    assert!(all.contains("> Host: 127.0.0.1:"), "{all}");
    assert!(
        all.contains("< HTTP/1.0 200 OK") || all.contains("< HTTP/1.1 200 OK"),
        "{all}"
    );
    assert!(all.contains("Content-Type: application/json"), "{all}");
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn headers_json_body_file_and_stdin_bodies_reach_the_server() {
    require("python3");
    let (_p, base) = py_server();
    let url = format!("{base}/echo");
    let echoed = |ev: &[Value]| responses(ev)[0]["body"].clone();

    let (code, ev, err) = get_json(&[
        "post",
        &url,
        "--json-body",
        r#"{"a":[1,2]}"#,
        "-H",
        "X-Test: yes",
    ]);
    assert_eq!(code, 0, "{err}");
    let e = echoed(&ev);
    assert_eq!(e["method"], "POST");
    assert_eq!(e["headers"]["x-test"], "yes");
    assert_eq!(e["headers"]["content-type"], "application/json");
    let sent: Value = serde_json::from_str(e["body"].as_str().unwrap()).unwrap();
    assert_eq!(sent, serde_json::json!({"a": [1, 2]}));

    // Bad JSON is refused before anything is sent.
    let (code, _, err) = run(&["http", "post", &url, "--json-body", "{nope"]);
    assert_eq!(code, 2, "{err}");

    let dir = tempdir();
    let f = dir.join("body.txt");
    fs::write(&f, "from a file\n").unwrap();
    let (code, ev, err) = get_json(&["put", &url, &format!("@{}", f.display())]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(echoed(&ev)["method"], "PUT");
    assert_eq!(echoed(&ev)["body"], "from a file\n");

    let (code, out, err) =
        run_with_stdin(&["http", "post", &url, "-", "--json"], Some(b"from stdin"));
    assert_eq!(code, 0, "{err}");
    let ev = json_lines(&out);
    assert_eq!(echoed(&ev)["body"], "from stdin");

    let (code, ev, err) = get_json(&["delete", &url]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(echoed(&ev)["method"], "DELETE");
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn repeat_reuses_one_keep_alive_connection() {
    require("python3");
    let (_p, base) = py_server();
    let before: u64 = run(&["http", "get", &format!("{base}/conns")])
        .1
        .trim()
        .parse()
        .unwrap();
    let (code, ev, err) = get_json(&["get", "--repeat", "5", &format!("{base}/json")]);
    assert_eq!(code, 0, "{err}");
    let r = responses(&ev);
    assert_eq!(r.len(), 5, "{ev:?}");
    assert_eq!(r[0]["reused"], false);
    assert!(r[1..].iter().all(|e| e["reused"] == true), "{ev:?}");
    let after: u64 = run(&["http", "get", &format!("{base}/conns")])
        .1
        .trim()
        .parse()
        .unwrap();
    // One connection for the five, one for the /conns fetch itself.
    assert_eq!(
        after - before,
        2,
        "server saw {} connections",
        after - before - 1
    );
}

/// Python's `http.server` wrapped in `ssl` with a certificate from a test CA:
/// `http get https://...` verified with `--cacert`, timing with a TLS phase,
/// chunked bodies, redirects and keep-alive over TLS; the wrong CA is exit 3.
#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn https_against_an_ssl_wrapped_python_http_server() {
    require("python3");
    let dir = tempfile::tempdir().unwrap();
    let ca = pki::Ca::root("netkit test CA");
    let leaf = ca.leaf(
        "localhost",
        &["localhost", "127.0.0.1"],
        pki::Validity::Long,
    );
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let (ca_pem, cert, key) = (
        write("ca.pem", &ca.cert.pem),
        write("server.pem", &leaf.pem),
        write("server.key", &leaf.key_pem),
    );
    let other = write("other.pem", &pki::Ca::root("another CA").cert.pem);
    let (_p, base) = py_server_with(&[&cert, &key], "https");

    let (code, ev, err) = get_json(&["get", &format!("{base}/json"), "--cacert", &ca_pem]);
    assert_eq!(code, 0, "{err}");
    let r = responses(&ev)[0];
    assert_eq!(
        (r["status"].as_u64(), r["body"]["login"].as_str()),
        (Some(200), Some("octocat"))
    );
    let t = &r["timing"];
    assert!(t["tls_ms"].as_f64().unwrap() > 0.0, "no TLS phase: {t}");
    let sum: f64 = [
        "dns_ms",
        "connect_ms",
        "tls_ms",
        "send_ms",
        "wait_ms",
        "body_ms",
    ]
    .iter()
    .map(|k| t[k].as_f64().unwrap())
    .sum();
    assert!((sum - t["total_ms"].as_f64().unwrap()).abs() <= 1.0, "{t}");

    let (code, body, err) = run(&[
        "http",
        "get",
        &format!("{base}/chunked"),
        "--cacert",
        &ca_pem,
    ]);
    assert_eq!((code, body.as_str()), (0, "hello chunked world"), "{err}");

    let (code, ev, err) = get_json(&["get", &format!("{base}/redirect/2"), "--cacert", &ca_pem]);
    assert_eq!(code, 0, "{err}");
    let r = responses(&ev)[0];
    assert_eq!(r["redirects"].as_array().map(Vec::len), Some(2), "{r}");
    assert_eq!(r["body"]["login"], "octocat");

    let (code, ev, err) = get_json(&[
        "get",
        &format!("{base}/json"),
        "--cacert",
        &ca_pem,
        "--repeat",
        "3",
    ]);
    assert_eq!(code, 0, "{err}");
    let r = responses(&ev);
    assert_eq!(r.len(), 3, "{ev:?}");
    assert!(
        r[1..]
            .iter()
            .all(|e| e["reused"] == true && e["timing"]["tls_ms"] == 0.0),
        "{ev:?}"
    );

    let (code, ev, _) = get_json(&["get", &format!("{base}/json"), "--cacert", &other]);
    assert_eq!(code, 3, "{ev:?}");
    assert!(responses(&ev).is_empty());
}

// ---- http serve ----

fn tempdir() -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!(
        "netkit-http-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    fs::create_dir_all(&d).unwrap();
    d
}

/// A served directory: text, JSON, binary, a subdirectory, a symlink to /etc.
fn site() -> std::path::PathBuf {
    let d = tempdir();
    fs::write(d.join("index.txt"), "hello\n").unwrap();
    fs::write(d.join("user.json"), r#"{"login":"octocat"}"#).unwrap();
    let bin: Vec<u8> = (0..300_000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    fs::write(d.join("blob.bin"), bin).unwrap();
    fs::create_dir(d.join("sub")).unwrap();
    fs::write(d.join("sub/a b.txt"), "spaced\n").unwrap();
    std::os::unix::fs::symlink("/etc", d.join("etc")).unwrap();
    d
}

fn sha256(data: &[u8]) -> String {
    let mut c = Command::new("sha256sum")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    c.stdin.take().unwrap().write_all(data).unwrap();
    let out = c.wait_with_output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .unwrap()
        .to_string()
}

fn serve(dir: &Path, extra: &[&str]) -> (Peer, String, Lines) {
    let d = dir.to_str().unwrap();
    let mut args = vec!["http", "serve", d, "--listen", "127.0.0.1:0"];
    args.extend_from_slice(extra);
    let (p, addr, lines) = start_netkit_server(&args);
    (p, format!("http://{addr}"), lines)
}

fn curl(args: &[&str]) -> (i32, Vec<u8>) {
    let out = Command::new("curl")
        .args(["-s", "--max-time", "10"])
        .args(args)
        .output()
        .unwrap();
    (out.status.code().unwrap_or(-1), out.stdout)
}

#[test]
#[cfg_attr(not(peer = "curl"), ignore = "needs curl: sudo ./peers.sh")]
fn serve_gives_curl_identical_bytes_and_content_types() {
    require("curl");
    let dir = site();
    let (_p, base, _l) = serve(&dir, &[]);
    let (code, body) = curl(&[&format!("{base}/blob.bin")]);
    assert_eq!(code, 0);
    assert_eq!(
        sha256(&body),
        sha256(&fs::read(dir.join("blob.bin")).unwrap())
    );
    let (_, ct) = curl(&[
        "-o",
        "/dev/null",
        "-w",
        "%{content_type}",
        &format!("{base}/user.json"),
    ]);
    assert_eq!(String::from_utf8_lossy(&ct), "application/json");
    let (_, ct) = curl(&[
        "-o",
        "/dev/null",
        "-w",
        "%{content_type}",
        &format!("{base}/index.txt"),
    ]);
    assert!(String::from_utf8_lossy(&ct).starts_with("text/plain"));
    let (_, body) = curl(&[&format!("{base}/sub/a%20b.txt")]);
    assert_eq!(body, b"spaced\n");
    // Directory listing links every entry.
    let (_, body) = curl(&[&format!("{base}/")]);
    let html = String::from_utf8_lossy(&body);
    for name in ["index.txt", "user.json", "blob.bin", "sub/"] {
        assert!(html.contains(name), "{name} missing from {html}");
    }
    // HEAD: headers, no body.
    let (_, head) = curl(&["-I", &format!("{base}/blob.bin")]);
    let head = String::from_utf8_lossy(&head).to_lowercase();
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(head.contains("content-length: 300000"), "{head}");
    // 404.
    let (_, code) = curl(&[
        "-o",
        "/dev/null",
        "-w",
        "%{http_code}",
        &format!("{base}/missing"),
    ]);
    assert_eq!(String::from_utf8_lossy(&code), "404");
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn serve_gives_python_requests_identical_bytes_and_json() {
    require("python3");
    require_python(&["requests"]);
    let dir = site();
    let (_p, base, _l) = serve(&dir, &[]);
    let script = r#"
import sys, hashlib, requests
b = sys.argv[1]
r = requests.get(b + '/blob.bin')
print(r.status_code, hashlib.sha256(r.content).hexdigest())
j = requests.get(b + '/user.json')
print(j.headers['Content-Type'], j.json()['login'])
"#;
    let (code, out, err) = python(script, &[&base]);
    assert_eq!(code, 0, "{err}");
    let want = sha256(&fs::read(dir.join("blob.bin")).unwrap());
    assert_eq!(out, format!("200 {want}\napplication/json octocat\n"));
}

#[test]
#[cfg_attr(not(peer = "curl"), ignore = "needs curl: sudo ./peers.sh")]
fn traversal_attempts_are_refused_with_404_and_logged() {
    require("curl");
    let dir = site();
    let (_p, base, lines) = serve(&dir, &[]);
    for path in [
        "/../etc/passwd",
        "/%2e%2e/etc/passwd",
        "/sub/..%2f..%2fetc/passwd",
        "/etc/passwd",
    ] {
        let (_, out) = curl(&[
            "--path-as-is",
            "-o",
            "/dev/null",
            "-w",
            "%{http_code}",
            &format!("{base}{path}"),
        ]);
        assert_eq!(String::from_utf8_lossy(&out), "404", "{path}");
        let (_, body) = curl(&["--path-as-is", &format!("{base}{path}")]);
        assert!(
            !String::from_utf8_lossy(&body).contains("root:"),
            "{path} leaked /etc/passwd"
        );
    }
    let log = lines.rest(Duration::from_secs(1)).join("\n");
    assert!(
        log.contains("passwd"),
        "no log line for the refusals: {log}"
    );
}

#[test]
fn serve_log_lines_look_like_python_http_server() {
    let dir = site();
    let mut c = netkit();
    c.args([
        "http",
        "serve",
        dir.to_str().unwrap(),
        "--listen",
        "127.0.0.1:0",
    ])
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut p = Peer::spawn("netkit http serve", &mut c);
    let out = Lines::new(p.child.stdout.take().unwrap());
    let first = out.next(SEC).unwrap();
    let addr = first.rsplit(' ').next().unwrap().trim().to_string();
    let (code, body, err) = run(&["http", "get", &format!("http://{addr}/index.txt")]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(body, "hello\n");
    let line = out.next(SEC).unwrap();
    // 127.0.0.1 - - [02/Dec/2026 21:08:57] "GET /index.txt HTTP/1.1" 200 -
    assert!(line.starts_with("127.0.0.1 - - ["), "{line}");
    assert!(line.contains("] \"GET /index.txt HTTP/1.1\" 200"), "{line}");
}

#[test]
fn wildcard_bind_warns() {
    let dir = site();
    let port = free_port();
    let mut c = netkit();
    c.args([
        "http",
        "serve",
        dir.to_str().unwrap(),
        "--listen",
        &format!("0.0.0.0:{port}"),
        "--count",
        "1",
    ])
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut p = Peer::spawn("netkit http serve", &mut c);
    let err = Lines::new(p.child.stderr.take().unwrap());
    let warning = err.until("warning", SEC);
    assert!(
        warning.contains("0.0.0.0") || warning.contains("every"),
        "{warning}"
    );
}

fn vm_hwm_kib(pid: u32) -> u64 {
    let s = fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = s
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .unwrap()
        .to_string();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn a_huge_request_header_is_refused_without_memory_growth() {
    let dir = site();
    let (p, base, _l) = serve(&dir, &[]);
    let addr = base.trim_start_matches("http://");
    let before = vm_hwm_kib(p.pid());
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(SEC)).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: ")
        .unwrap();
    let chunk = vec![b'a'; 1 << 20];
    let mut sent = 0u64;
    // Up to 1 GiB; the server answers and closes long before.
    while sent < (1 << 30) {
        if s.write_all(&chunk).is_err() {
            break;
        }
        sent += chunk.len() as u64;
    }
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 431"), "{text}");
    let after = vm_hwm_kib(p.pid());
    assert!(
        after < before + 16 * 1024,
        "VmHWM grew from {before} to {after} KiB after {sent} bytes"
    );
    // Still serving.
    let (code, body, _) = run(&["http", "get", &format!("{base}/index.txt")]);
    assert_eq!((code, body.as_str()), (0, "hello\n"));
}

#[test]
#[cfg_attr(not(peer = "curl"), ignore = "needs curl: sudo ./peers.sh")]
fn a_200_mb_file_streams_without_reading_it_whole() {
    require("curl");
    let dir = tempdir();
    let big = dir.join("big.bin");
    {
        let f = fs::File::create(&big).unwrap();
        f.set_len(200 << 20).unwrap();
    }
    let (p, base, _l) = serve(&dir, &[]);
    let (code, out) = curl(&[
        "-o",
        "/dev/null",
        "-w",
        "%{size_download}",
        &format!("{base}/big.bin"),
    ]);
    assert_eq!(code, 0);
    assert_eq!(String::from_utf8_lossy(&out), (200u64 << 20).to_string());
    let hwm = vm_hwm_kib(p.pid());
    assert!(hwm < 64 * 1024, "VmHWM {hwm} KiB after serving 200 MiB");
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
#[cfg_attr(not(peer = "curl"), ignore = "needs curl: sudo ./peers.sh")]
fn conditional_get_and_ranges() {
    require("curl");
    let dir = site();
    let (_p, base, _l) = serve(&dir, &[]);
    let url = format!("{base}/index.txt");
    let (_, head) = curl(&["-D", "-", "-o", "/dev/null", &url]);
    let head = String::from_utf8_lossy(&head).to_string();
    let etag = head
        .lines()
        .find_map(|l| {
            l.strip_prefix("ETag: ")
                .or_else(|| l.strip_prefix("etag: "))
        })
        .unwrap()
        .trim()
        .to_string();
    let (_, code) = curl(&[
        "-o",
        "/dev/null",
        "-w",
        "%{http_code}",
        "-H",
        &format!("If-None-Match: {etag}"),
        &url,
    ]);
    assert_eq!(String::from_utf8_lossy(&code), "304");
    let (_, body) = curl(&["-r", "1-3", &url]);
    assert_eq!(body, b"ell");
}

#[test]
fn a_streamed_file_then_a_pipelined_request_reach_a_half_closed_client() {
    let dir = tempdir();
    let big: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
    fs::write(dir.join("big.bin"), &big).unwrap();
    fs::write(dir.join("small.txt"), "small\n").unwrap();
    let (_p, base, _l) = serve(&dir, &[]);
    let mut s = TcpStream::connect(base.trim_start_matches("http://")).unwrap();
    s.set_read_timeout(Some(SEC)).unwrap();
    s.write_all(b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\nGET /small.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    s.shutdown(std::net::Shutdown::Write).unwrap();
    let mut all = Vec::new();
    s.read_to_end(&mut all).unwrap();
    let head_end = all.windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
    let head = String::from_utf8_lossy(&all[..head_end]);
    assert!(head.starts_with("HTTP/1.1 200 OK"), "{head}");
    assert!(head.contains("Content-Length: 3000000"), "{head}");
    let body = &all[head_end..head_end + big.len()];
    assert!(body == &big[..], "the streamed body differs");
    let rest = String::from_utf8_lossy(&all[head_end + big.len()..]);
    assert!(rest.starts_with("HTTP/1.1 200 OK"), "{rest}");
    assert!(rest.ends_with("\r\n\r\nsmall\n"), "{rest}");
}

/// RFC 9112 §9.3 on one connection: HTTP/1.0 with `Connection: keep-alive` stays
/// open and is told so; HTTP/1.0 without it closes; HTTP/1.1 `Connection: close` closes.
#[test]
fn http_1_0_keep_alive_is_kept_and_said_and_close_closes() {
    let dir = site();
    let (_p, base, _l) = serve(&dir, &[]);
    let addr = base.trim_start_matches("http://");
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(SEC)).unwrap();
    for _ in 0..2 {
        s.write_all(b"GET /index.txt HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")
            .unwrap();
        let (head, body) = read_http_response(&mut s);
        assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
        assert!(head.contains("\r\nConnection: keep-alive\r\n"), "{head}");
        assert_eq!(body, b"hello\n");
    }
    // HEAD and an error page keep it open too.
    s.write_all(b"HEAD /user.json HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        .unwrap();
    let head = read_http_head(&mut s);
    assert!(head.contains("Connection: keep-alive"), "{head}");
    s.write_all(b"GET /missing HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        .unwrap();
    let (head, _) = read_http_response(&mut s);
    assert!(head.starts_with("HTTP/1.1 404"), "{head}");
    assert!(head.contains("Connection: keep-alive"), "{head}");
    // The last one without keep-alive: answered, said, closed.
    s.write_all(b"GET /index.txt HTTP/1.0\r\n\r\n").unwrap();
    let (head, body) = read_http_response(&mut s);
    assert!(head.contains("\r\nConnection: close\r\n"), "{head}");
    assert_eq!(body, b"hello\n");
    assert_closed(&mut s);

    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(SEC)).unwrap();
    s.write_all(b"GET /index.txt HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let (head, _) = read_http_response(&mut s);
    assert!(
        !head.contains("Connection:"),
        "HTTP/1.1 needs no header: {head}"
    );
    s.write_all(b"GET /index.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let (head, _) = read_http_response(&mut s);
    assert!(head.contains("\r\nConnection: close\r\n"), "{head}");
    assert_closed(&mut s);
}

/// `ab -k` speaks HTTP/1.0 with `Connection: Keep-Alive`: every request on a kept
/// connection, none failed (it used to wait for a close that never came).
#[test]
#[cfg_attr(not(peer = "ab"), ignore = "needs ab (apache2-utils): sudo ./peers.sh")]
fn apache_bench_keep_alive_against_serve() {
    require("ab");
    let dir = site();
    let (_p, base, _l) = serve(&dir, &[]);
    let out = Command::new("ab")
        .args(["-k", "-n", "200", "-c", "4", "-s", "10", "-q"])
        .arg(format!("{base}/user.json"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let field = |name: &str| -> u64 {
        text.lines()
            .find_map(|l| l.strip_prefix(name))
            .unwrap_or_else(|| panic!("no {name} in {text}"))
            .trim()
            .parse()
            .unwrap()
    };
    assert_eq!(field("Complete requests:"), 200, "{text}");
    assert_eq!(field("Failed requests:"), 0, "{text}");
    assert_eq!(field("Keep-Alive requests:"), 200, "{text}");
}
