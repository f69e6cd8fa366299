//! `netkit http` (chapter §9) against real peers: Python's `http.server` (and a
//! `BaseHTTPRequestHandler` for redirects and chunked bodies) as the server for
//! `http get`, curl against `netkit http serve`; a fake TCP peer only for what no
//! server does on purpose (closing mid-body, never answering). Content is checked
//! from `--json`: status, parsed body, timing phases that add up, keep-alive reuse,
//! byte-identical files, content types, traversal refused.

mod common;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

const T: Duration = Duration::from_secs(20);

/// Python's http.server on a free port serving `dir`; waits until it accepts.
fn python_http_server(dir: &Path) -> (Peer, u16) {
    let port = free_port();
    let mut c = python_command();
    c.args([
        "-m",
        "http.server",
        "-b",
        "127.0.0.1",
        &port.to_string(),
        "-d",
    ])
    .arg(dir)
    .stdout(std::process::Stdio::null())
    .stderr(std::process::Stdio::null());
    let p = Peer::spawn("python3 -m http.server", &mut c);
    wait_tcp(&format!("127.0.0.1:{port}"), T);
    (p, port)
}

/// A BaseHTTPRequestHandler server: `/chunked` answers a chunked body,
/// `/go` redirects (302) to `/chunked`, `/loop` redirects to itself.
const PY_SHAPES: &str = r#"
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def do_GET(self):
        if self.path == "/chunked":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for part in [b'{"parts":', b'[1,2,', b'3]}']:
                self.wfile.write(b"%x\r\n%s\r\n" % (len(part), part))
            self.wfile.write(b"0\r\n\r\n")
        elif self.path in ("/go", "/loop"):
            self.send_response(302)
            self.send_header("Location", "/chunked" if self.path == "/go" else "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_error(404)
s = HTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
s.serve_forever()
"#;

fn py_shapes() -> (Peer, u16) {
    let (p, lines) = start_python(PY_SHAPES, &[]);
    let port = lines.next(T).expect("port").trim().parse().unwrap();
    (p, port)
}

fn response(out: &str) -> Value {
    json_lines(out)
        .into_iter()
        .rfind(|e| e["type"] == "response")
        .unwrap_or_else(|| panic!("no response event: {out}"))
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn get_json_from_python_http_server_like_requests_json() {
    if !require("python3") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("users")).unwrap();
    std::fs::write(
        dir.path().join("users/octocat.json"),
        br#"{"login":"octocat","id":583231,"public_repos":8}"#,
    )
    .unwrap();
    let (_srv, port) = python_http_server(dir.path());
    let url = format!("http://127.0.0.1:{port}/users/octocat.json");
    let (code, out, err) = run(&["http", "get", &url, "--json"]);
    assert_eq!(code, 0, "{out}{err}");
    let r = response(&out);
    assert_eq!(r["status"], 200);
    assert_eq!(r["body"]["login"], "octocat");
    assert_eq!(r["body"]["public_repos"], 8);
    // The phases add up to the total (within 1 ms).
    let t = &r["timing"];
    let sum: f64 = [
        "dns_ms",
        "connect_ms",
        "tls_ms",
        "send_ms",
        "wait_ms",
        "body_ms",
    ]
    .iter()
    .map(|k| t[*k].as_f64().unwrap_or_else(|| panic!("{k} missing: {t}")))
    .sum();
    let total = t["total_ms"].as_f64().unwrap();
    assert!(
        (sum - total).abs() <= 1.0,
        "phases {sum} vs total {total}: {t}"
    );

    // Piped human output: the body raw on stdout, the head on stderr.
    let (code, out, err) = run(&["http", "get", &url]);
    assert_eq!(code, 0, "{err}");
    let body: Value = serde_json::from_str(out.trim()).expect("the body as it came");
    assert_eq!(body["id"], 583231);
    assert!(err.contains("200"), "{err}");

    // 404 is exit 1, like curl --fail.
    let (code, out, _) = run(&[
        "http",
        "get",
        &format!("http://127.0.0.1:{port}/nope"),
        "--json",
    ]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(response(&out)["status"], 404);
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn chunked_bodies_and_redirects_from_base_http_request_handler() {
    if !require("python3") {
        return;
    }
    let (_srv, port) = py_shapes();
    let base = format!("http://127.0.0.1:{port}");
    let (code, out, err) = run(&["http", "get", &format!("{base}/chunked"), "--json"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(
        response(&out)["body"]["parts"],
        serde_json::json!([1, 2, 3])
    );

    // A redirect is followed and shown.
    let (code, out, err) = run(&["http", "get", &format!("{base}/go"), "--json"]);
    assert_eq!(code, 0, "{out}{err}");
    let evs = json_lines(&out);
    let hop = of_type(&evs, "redirect");
    assert_eq!(hop.len(), 1, "{out}");
    assert_eq!(hop[0]["status"], 302);
    assert!(
        hop[0]["to"].as_str().unwrap().ends_with("/chunked"),
        "{out}"
    );
    let r = response(&out);
    assert_eq!(
        (r["status"].as_u64(), r["reused"].as_bool()),
        (Some(200), Some(true))
    );
    assert_eq!(r["redirects"][0]["status"], 302);
    assert_eq!(response(&out)["body"]["parts"][2], 3);

    // A redirect loop stops at --max-redirects with a clear error.
    let (code, out, err) = run(&[
        "http",
        "get",
        &format!("{base}/loop"),
        "--max-redirects",
        "3",
    ]);
    assert_eq!(code, 3, "{out}");
    assert!(err.contains("stopped after 3 redirects"), "{err}");
}

/// A TCP peer that reads a request, then runs `then` on the stream.
fn fake(then: impl FnOnce(std::net::TcpStream) + Send + 'static) -> String {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap().to_string();
    thread::spawn(move || {
        let (mut s, _) = l.accept().unwrap();
        let mut b = [0u8; 4096];
        let _ = s.read(&mut b);
        then(s);
    });
    addr
}

#[test]
fn a_server_that_closes_mid_body_or_never_answers_is_exit_3() {
    let addr = fake(|mut s| {
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b");
    });
    let (code, out, err) = run(&["http", "get", &format!("http://{addr}/"), "--json"]);
    assert_eq!(code, 3, "{out}{err}");
    let e = of_type(&json_lines(&out), "error")[0].clone();
    assert!(e["message"].as_str().unwrap().contains("closed"), "{e}");

    let addr = fake(|s| {
        thread::sleep(Duration::from_secs(10));
        drop(s);
    });
    let t0 = Instant::now();
    let (code, _, err) = run(&["http", "get", &format!("http://{addr}/"), "--timeout", "1s"]);
    assert_eq!(code, 3, "{err}");
    assert!(t0.elapsed() < Duration::from_secs(5), "{:?}", t0.elapsed());
    assert!(
        err.contains("1s") || err.contains("timed out") || err.contains("within"),
        "{err}"
    );
}

#[test]
fn bad_urls_are_usage_errors() {
    for bad in [
        "ftp://127.0.0.1/",
        "http://",
        "http://127.0.0.1:0/",
        "not a url",
    ] {
        let (code, _, err) = run(&["http", "get", bad]);
        assert_eq!(code, 2, "{bad}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

fn sha256(b: &[u8]) -> String {
    use std::fmt::Write as _;
    // The same digest netkit's own code uses (ring, through rustls).
    let d = ring::digest::digest(&ring::digest::SHA256, b);
    d.as_ref().iter().fold(String::new(), |mut s, x| {
        let _ = write!(s, "{x:02x}");
        s
    })
}

#[test]
#[cfg_attr(not(peer = "curl"), ignore = "needs curl: sudo ./peers.sh")]
fn curl_against_http_serve_files_types_and_traversal() {
    if !require("curl") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("www");
    std::fs::create_dir(&root).unwrap();
    let big: Vec<u8> = (0..3_000_000u32).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(root.join("blob.bin"), &big).unwrap();
    std::fs::write(root.join("api.json"), br#"{"ok":true}"#).unwrap();
    std::os::unix::fs::symlink("/etc", root.join("etc")).unwrap();
    let (_srv, addr, lines) = start_netkit_server(&[
        "http",
        "serve",
        root.to_str().unwrap(),
        "--listen",
        "127.0.0.1:0",
    ]);
    let curl = |path: &str| -> (String, Vec<u8>) {
        let out = Command::new("curl")
            .args(["-s", "--path-as-is", "-w", "\n%{http_code} %{content_type}"])
            .arg(format!("http://{addr}{path}"))
            .output()
            .unwrap();
        let mut body = out.stdout;
        let at = body.iter().rposition(|&b| b == b'\n').unwrap();
        let meta = String::from_utf8_lossy(&body[at + 1..]).into_owned();
        body.truncate(at);
        (meta, body)
    };
    let (meta, body) = curl("/blob.bin");
    assert!(meta.starts_with("200"), "{meta}");
    assert_eq!(sha256(&body), sha256(&big));
    let (meta, body) = curl("/api.json");
    assert_eq!(meta, "200 application/json");
    assert_eq!(body, br#"{"ok":true}"#);
    let (meta, body) = curl("/");
    assert!(meta.starts_with("200 text/html"), "{meta}");
    assert!(String::from_utf8_lossy(&body).contains("api.json"));
    for bad in [
        "/../etc/passwd",
        "/%2e%2e/etc/passwd",
        "/%2E%2E%2Fetc%2Fpasswd",
        "/etc/passwd",
    ] {
        let (meta, body) = curl(bad);
        assert!(meta.starts_with("404"), "{bad}: {meta}");
        assert!(!String::from_utf8_lossy(&body).contains("root:"), "{bad}");
    }
    // Each refusal is logged.
    let mut refused = 0;
    let deadline = Instant::now() + T;
    while refused < 4 && Instant::now() < deadline {
        let l = lines.until("\"type\":\"warning\"", T);
        if l.contains("outside the served directory") {
            refused += 1;
        }
    }
    assert_eq!(refused, 4, "each refusal is logged");

    // netkit's own client over keep-alive: one connection, reused.
    let (code, out, err) = run(&[
        "http",
        "get",
        &format!("http://{addr}/api.json"),
        "--repeat",
        "3",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let reused: Vec<_> = of_type(&json_lines(&out), "response")
        .iter()
        .map(|r| r["reused"].as_bool().unwrap())
        .collect();
    assert_eq!(reused, [false, true, true], "{out}");
}
