//! `dns lookup --tls` (DoT) and `--https` (DoH) against unbound serving plain
//! DNS, DNS over TLS and DNS over HTTPS (HTTP/2 only, as unbound does) from one
//! config the test writes: a static local zone, no recursion, nothing sent
//! beyond loopback. Answers must equal the plain UDP answer record by record;
//! verification failures, plaintext ports and stalled handshakes get clear
//! errors. HTTP/1.1 DoH (what ALPN picks when the server has no h2) is tested
//! against a small Python relay in front of unbound's UDP port, which also
//! serves the wrong answers (404, text/html, garbage). Certificates are made by
//! rcgen at test time.

mod common;

#[path = "../src/net/tls/test_pki.rs"]
mod pki;

use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::{json_lines, of_type, run, run_with_stdin, Lines, Peer};
use pki::{Ca, Validity};
use serde_json::Value;

/// CA and server certificate files shared by every test of this binary.
struct Pki {
    dir: tempfile::TempDir,
}

impl Pki {
    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }
}

fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| {
        let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
        let ca = Ca::root("netkit test CA");
        let server = ca.leaf("localhost", &["localhost", "127.0.0.1"], Validity::Long);
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write("ca.pem", &ca.cert.pem);
        write("server.pem", &server.pem);
        write("server.key", &server.key_pem);
        Pki { dir }
    })
}

/// unbound on 127.0.0.1: plain DNS, DoT and DoH ports (killed on drop).
struct Unbound {
    _peer: Peer,
    _dir: tempfile::TempDir,
    plain: u16,
    tls: u16,
    https: u16,
}

impl Unbound {
    fn plain(&self) -> String {
        format!("127.0.0.1:{}", self.plain)
    }
    fn dot(&self) -> String {
        format!("127.0.0.1:{}", self.tls)
    }
    fn doh(&self) -> String {
        format!("https://127.0.0.1:{}/dns-query", self.https)
    }
}

fn unbound_conf(dir: &Path, plain: u16, tls: u16, https: u16) -> String {
    let (d, p) = (dir.display(), pki());
    format!(
        r#"server:
    interface: 127.0.0.1@{plain}
    interface: 127.0.0.1@{tls}
    interface: 127.0.0.1@{https}
    tls-port: {tls}
    https-port: {https}
    http-endpoint: "/dns-query"
    tls-service-pem: "{cert}"
    tls-service-key: "{key}"
    do-daemonize: no
    chroot: ""
    username: ""
    directory: "{d}"
    pidfile: ""
    use-syslog: no
    logfile: ""
    verbosity: 0
    num-threads: 1
    module-config: "iterator"
    do-not-query-localhost: yes
    outgoing-interface: 127.0.0.1
    access-control: 127.0.0.0/8 allow
    local-zone: "." refuse
    local-zone: "example.test." static
    local-data: "www.example.test. 300 IN A 10.1.2.3"
    local-data: "www.example.test. 300 IN AAAA 2001:db8::3"
    local-data: 'www.example.test. 300 IN TXT "hello" "world"'
    local-data: "mail.example.test. 300 IN A 10.1.2.4"
remote-control:
    control-enable: no
"#,
        cert = p.path("server.pem"),
        key = p.path("server.key"),
    )
}

/// Start unbound and wait until its plain port answers (retrying on a port clash).
fn start_unbound() -> Option<Unbound> {
    if !common::require("unbound") {
        return None;
    }
    for _ in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let (plain, tls, https) = (
            common::free_port(),
            common::free_port(),
            common::free_port(),
        );
        let conf = dir.path().join("unbound.conf");
        std::fs::write(&conf, unbound_conf(dir.path(), plain, tls, https)).unwrap();
        let mut cmd = Command::new(common::program_path("unbound").unwrap());
        cmd.arg("-d")
            .arg("-c")
            .arg(&conf)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut peer = Peer::spawn("unbound", &mut cmd);
        let server = format!("127.0.0.1:{plain}");
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = peer.child.try_wait() {
                break;
            }
            let (code, _, _) = run(&[
                "dns",
                "lookup",
                "www.example.test",
                "A",
                "--server",
                &server,
                "--timeout",
                "200ms",
                "--retries",
                "0",
                "--short",
            ]);
            if code == 0 {
                common::wait_tcp(&format!("127.0.0.1:{tls}"), Duration::from_secs(5));
                common::wait_tcp(&format!("127.0.0.1:{https}"), Duration::from_secs(5));
                return Some(Unbound {
                    _peer: peer,
                    _dir: dir,
                    plain,
                    tls,
                    https,
                });
            }
        }
    }
    panic!("unbound did not start");
}

/// Run `dns lookup ... --json`: (exit code, events, stderr).
fn lookup(args: &[&str]) -> (i32, Vec<Value>, String) {
    let mut all = vec!["dns", "lookup"];
    all.extend(args);
    all.push("--json");
    let (code, out, err) = run(&all);
    assert!(!err.contains("panicked"), "{err}");
    (code, json_lines(&out), err)
}

/// The answer records of the one message event.
fn answers(events: &[Value]) -> Value {
    let m = of_type(events, "message");
    assert_eq!(m.len(), 1, "{events:?}");
    m[0]["answerRRs"].clone()
}

fn error_of(events: &[Value]) -> &Value {
    of_type(events, "error")
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no error event: {events:?}"))
}

#[test]
#[cfg_attr(not(peer = "unbound"), ignore = "needs unbound: sudo ./peers.sh")]
fn dot_and_doh_answers_equal_the_plain_answer() {
    let Some(u) = start_unbound() else { return };
    let ca = pki().path("ca.pem");
    let (plain, dot, doh) = (u.plain(), u.dot(), u.doh());
    for t in ["A", "AAAA", "TXT"] {
        let (code, ev, err) = lookup(&["www.example.test", t, "--server", &plain]);
        assert_eq!(code, 0, "{err}");
        let want = answers(&ev);
        assert!(want.as_array().is_some_and(|a| !a.is_empty()), "{ev:?}");
        let ways: [&[&str]; 4] = [
            &["--tls", "--server", &dot],
            &["--https", &doh],
            &["--https", &doh, "--https-get"],
            &["--tls", "--server", &dot, "--servername", "localhost"],
        ];
        for way in ways {
            let mut args = vec!["www.example.test", t, "--cacert", &ca];
            args.extend(way);
            let (code, ev, err) = lookup(&args);
            assert_eq!(code, 0, "{args:?}: {err} {ev:?}");
            assert_eq!(answers(&ev), want, "{args:?}");
            let m = of_type(&ev, "message")[0];
            let tls = &m["tls"];
            assert_eq!(tls["verified"], true, "{m}");
            let name = if way.contains(&"localhost") {
                "localhost"
            } else {
                "127.0.0.1"
            };
            assert_eq!(tls["servername"], name, "{m}");
            if way[0] == "--tls" {
                assert_eq!(m["protocol"], "tls", "{m}");
                assert_eq!(m["server"], dot, "{m}");
            } else {
                assert_eq!(m["protocol"], "https", "{m}");
                assert_eq!(m["ID"], 0, "RFC 8484 §4.1: {m}");
                assert_eq!(m["http"], "HTTP/2", "{m}");
                assert_eq!(tls["alpn"], "h2", "{m}");
                let method = if way.contains(&"--https-get") {
                    "GET"
                } else {
                    "POST"
                };
                assert_eq!(m["method"], method, "{m}");
                assert_eq!(m["url"], doh, "{m}");
            }
            let sum = of_type(&ev, "summary")[0];
            assert_eq!(sum["protocol"], m["protocol"], "{sum}");
        }
    }
    // The human form names the protocol and the verification name.
    let (code, out, err) = run(&[
        "dns",
        "lookup",
        "www.example.test",
        "A",
        "--tls",
        "--server",
        &dot,
        "--cacert",
        &ca,
        "--servername",
        "localhost",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("(TLS)"), "{out}");
    assert!(out.contains("verified as \"localhost\""), "{out}");
    let (code, out, err) = run(&[
        "dns",
        "lookup",
        "www.example.test",
        "A",
        "--https",
        &doh,
        "--cacert",
        &ca,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("(HTTPS)") && out.contains("POST https://"),
        "{out}"
    );
    assert!(
        out.contains("(HTTP/2)") && out.contains("verified as \"127.0.0.1\""),
        "{out}"
    );
}

#[test]
#[cfg_attr(not(peer = "unbound"), ignore = "needs unbound: sudo ./peers.sh")]
fn verification_fails_without_the_ca_or_with_a_wrong_name() {
    let Some(u) = start_unbound() else { return };
    let ca = pki().path("ca.pem");
    let (dot, doh) = (u.dot(), u.doh());
    for way in [
        ["--tls", "--server", &dot],
        ["--https", &doh, "--https-get"],
    ] {
        let mut args = vec!["www.example.test", "A"];
        args.extend(way);
        // System roots: the test CA is not among them (or, on a machine
        // without ca-certificates, there are none).
        let (code, ev, _) = lookup(&args);
        assert_eq!(code, 3, "{args:?} {ev:?}");
        let e = error_of(&ev);
        let msg = e["message"].as_str().unwrap();
        let kind = e["kind"].as_str().unwrap();
        if kind == "no_roots" {
            assert!(msg.contains("no trusted roots"), "{e}");
        } else {
            assert!(
                msg.contains("system roots") && msg.contains("netkit test CA"),
                "{e}"
            );
            assert!(
                ["incomplete_chain", "unknown_issuer"].contains(&kind),
                "{e}"
            );
        }
        assert!(e["hint"].as_str().unwrap().contains("--cacert"), "{e}");
        // A name the certificate does not carry.
        args.extend(["--cacert", &ca, "--servername", "wrong.example"]);
        let (code, ev, _) = lookup(&args);
        assert_eq!(code, 3, "{args:?} {ev:?}");
        let e = error_of(&ev);
        assert_eq!(e["kind"], "wrong_name", "{e}");
        assert!(
            e["message"].as_str().unwrap().contains("\"wrong.example\""),
            "{e}"
        );
    }
}

#[test]
#[cfg_attr(not(peer = "unbound"), ignore = "needs unbound: sudo ./peers.sh")]
fn insecure_works_and_warns() {
    let Some(u) = start_unbound() else { return };
    let (dot, doh) = (u.dot(), u.doh());
    let ways: [&[&str]; 2] = [&["--tls", "--server", &dot], &["--https", &doh]];
    for way in ways {
        let mut args = vec!["dns", "lookup", "www.example.test", "A", "--insecure"];
        args.extend(way);
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(
            err.contains("--insecure: the server's certificate is not verified"),
            "{err}"
        );
        assert!(out.contains("NOT verified (--insecure)"), "{out}");
        assert!(out.contains("10.1.2.3"), "{out}");
    }
    let (code, ev, _) = lookup(&["www.example.test", "A", "--https", &doh, "--insecure"]);
    assert_eq!(code, 0);
    assert_eq!(of_type(&ev, "warning").len(), 1, "{ev:?}");
    assert_eq!(of_type(&ev, "message")[0]["tls"]["verified"], false);
}

#[test]
#[cfg_attr(not(peer = "unbound"), ignore = "needs unbound: sudo ./peers.sh")]
fn plaintext_ports_are_clear_errors_within_the_timeout() {
    let Some(u) = start_unbound() else { return };
    let plain = u.plain();
    let doh_on_plain = format!("https://{plain}/dns-query");
    let http_on_tls = format!("http://127.0.0.1:{}/dns-query", u.https);
    let cases: [(&[&str], &str); 3] = [
        (&["--tls", "--server", &plain], "did not finish within"),
        (&["--https", &doh_on_plain], "did not finish within"),
        (&["--https", &http_on_tls], "without an HTTP answer"),
    ];
    for (way, says) in cases {
        let mut args = vec!["www.example.test", "A", "--timeout", "1s"];
        args.extend(way);
        let t0 = Instant::now();
        let (code, ev, _) = lookup(&args);
        let took = t0.elapsed();
        assert_eq!(code, 3, "{args:?} {ev:?}");
        let e = error_of(&ev);
        assert!(
            e["message"].as_str().unwrap().contains(says),
            "{args:?}: {e}"
        );
        assert!(e["hint"].is_string(), "{e}");
        assert!(took < Duration::from_secs(4), "{args:?} took {took:?}");
    }
}

#[test]
#[cfg_attr(not(peer = "unbound"), ignore = "needs unbound: sudo ./peers.sh")]
fn batches_reuse_one_connection_per_worker() {
    let Some(u) = start_unbound() else { return };
    let ca = pki().path("ca.pem");
    let mut input = String::new();
    for i in 0..60 {
        let name = if i % 2 == 0 { "www" } else { "mail" };
        input.push_str(&format!("{name}.example.test A\n"));
    }
    let (dot, doh) = (u.dot(), u.doh());
    for way in [
        ["--tls", "--server", &dot],
        ["--https", &doh, "--https-get"],
    ] {
        let mut args = vec!["dns", "lookup", "-", "--cacert", &ca, "--json"];
        args.extend(way);
        let (code, out, err) = run_with_stdin(&args, Some(input.as_bytes()));
        assert_eq!(code, 0, "{args:?}: {err}");
        let ev = json_lines(&out);
        let msgs = of_type(&ev, "message");
        assert_eq!(msgs.len(), 60);
        for (i, m) in msgs.iter().enumerate() {
            let want = if i % 2 == 0 { "10.1.2.3" } else { "10.1.2.4" };
            assert_eq!(m["answerRRs"][0]["rdataA"], want, "input order: {m}");
        }
        let batch = of_type(&ev, "batch")[0];
        assert_eq!(
            (batch["answered"].as_u64(), batch["failed"].as_u64()),
            (Some(60), Some(0))
        );
    }
}

/// An HTTP/1.1 DoH server in front of unbound's UDP port, with wrong answers at
/// /missing (404), /text (text/html) and /garbage (not a DNS message). With a
/// certificate it speaks TLS and offers ALPN http/1.1 only.
const RELAY: &str = r#"
import base64, socket, ssl, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs
upstream = int(sys.argv[1])
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def reply(self, code, ctype, body):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def answer(self, q):
        p = urlparse(self.path).path
        if p == "/missing": return self.reply(404, "text/plain", b"no such endpoint")
        if p == "/text": return self.reply(200, "text/html", b"<html>hi</html>")
        if p == "/garbage": return self.reply(200, "application/dns-message", b"not dns")
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.settimeout(2)
        s.sendto(q, ("127.0.0.1", upstream))
        self.reply(200, "application/dns-message", s.recv(65535))
    def do_POST(self):
        self.answer(self.rfile.read(int(self.headers.get("Content-Length", 0))))
    def do_GET(self):
        d = parse_qs(urlparse(self.path).query)["dns"][0]
        self.answer(base64.urlsafe_b64decode(d + "=" * (-len(d) % 4)))
srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
if len(sys.argv) > 3:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(sys.argv[2], sys.argv[3])
    ctx.set_alpn_protocols(["http/1.1"])
    srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
print(srv.server_address[1], flush=True)
srv.serve_forever()
"#;

fn start_relay(upstream: u16, tls: bool) -> (Peer, u16) {
    let p = pki();
    let (cert, key) = (p.path("server.pem"), p.path("server.key"));
    let mut args = vec![upstream.to_string()];
    if tls {
        args.extend([cert, key]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (peer, lines): (Peer, Lines) = common::start_python(RELAY, &args);
    let port = lines
        .next(Duration::from_secs(20))
        .expect("relay port")
        .trim()
        .parse()
        .unwrap();
    (peer, port)
}

#[test]
#[cfg_attr(
    not(all(peer = "unbound", peer = "python3")),
    ignore = "needs unbound, python3: sudo ./peers.sh"
)]
fn http1_doh_when_alpn_picks_it_and_wrong_answers() {
    let Some(u) = start_unbound() else { return };
    if !common::require_python(&[]) {
        return;
    }
    let ca = pki().path("ca.pem");
    let (code, ev, err) = lookup(&["www.example.test", "TXT", "--server", &u.plain()]);
    assert_eq!(code, 0, "{err}");
    let want = answers(&ev);
    let (_tls_relay, tls_port) = start_relay(u.plain, true);
    let (_plain_relay, plain_port) = start_relay(u.plain, false);
    let https = format!("https://127.0.0.1:{tls_port}/dns-query");
    let http = format!("http://127.0.0.1:{plain_port}/dns-query");
    for (url, get) in [
        (&https, false),
        (&https, true),
        (&http, false),
        (&http, true),
    ] {
        let mut args = vec!["www.example.test", "TXT", "--https", url];
        if url.starts_with("https") {
            args.extend(["--cacert", &ca]);
        }
        if get {
            args.push("--https-get");
        }
        let (code, ev, err) = lookup(&args);
        assert_eq!(code, 0, "{args:?}: {err} {ev:?}");
        assert_eq!(answers(&ev), want);
        let m = of_type(&ev, "message")[0];
        assert_eq!(m["http"], "HTTP/1.1", "{m}");
        if url.starts_with("https") {
            assert_eq!(m["tls"]["alpn"], "http/1.1", "{m}");
        } else {
            assert_eq!(m["protocol"], "http", "{m}");
            assert!(m.get("tls").is_none(), "{m}");
        }
    }
    let bad = |path: &str| format!("https://127.0.0.1:{tls_port}{path}");
    for (path, says) in [
        ("/missing", "answered HTTP 404"),
        (
            "/text",
            "Content-Type text/html, not application/dns-message",
        ),
        ("/garbage", "the body is not the DNS answer"),
    ] {
        let url = bad(path);
        let (code, ev, _) = lookup(&["www.example.test", "A", "--https", &url, "--cacert", &ca]);
        assert_eq!(code, 3, "{path}: {ev:?}");
        let e = error_of(&ev);
        assert!(e["message"].as_str().unwrap().contains(says), "{path}: {e}");
    }
}

/// A TCP port that accepts and never says anything: the TLS handshake stalls.
fn silent_listener() -> (String, std::sync::mpsc::Receiver<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let held = listener.accept();
        let _ = tx.send(());
        std::thread::sleep(Duration::from_secs(15));
        drop(held);
    });
    (addr, rx)
}

/// Ctrl-C during a stalled handshake ends at once: exit 1, kind `interrupted`.
#[test]
fn ctrl_c_during_a_stalled_handshake() {
    for doh in [false, true] {
        let (addr, accepted) = silent_listener();
        let url = format!("https://{addr}/dns-query");
        let mut cmd = common::netkit();
        cmd.args([
            "dns",
            "lookup",
            "www.example.test",
            "A",
            "--json",
            "--timeout",
            "30s",
        ]);
        if doh {
            cmd.args(["--https", &url]);
        } else {
            cmd.args(["--tls", "--server", &addr]);
        }
        cmd.stdout(Stdio::piped()).stderr(Stdio::null());
        let mut peer = Peer::spawn("netkit dns lookup", &mut cmd);
        accepted
            .recv_timeout(Duration::from_secs(10))
            .expect("netkit connected");
        let t0 = Instant::now();
        let code = peer.interrupt();
        assert!(t0.elapsed() < Duration::from_secs(2), "{:?}", t0.elapsed());
        assert_eq!(code, Some(1), "doh={doh}");
        let mut out = String::new();
        std::io::Read::read_to_string(peer.child.stdout.as_mut().unwrap(), &mut out).unwrap();
        let ev = json_lines(&out);
        assert_eq!(error_of(&ev)["kind"], "interrupted", "{ev:?}");
    }
}

const ZONE: &str = r#"$ORIGIN example.test.
$TTL 3600
@ IN SOA ns1 hostmaster 7 3600 600 86400 300
@ NS ns1
ns1 A 127.0.0.1
www A 10.0.1.1
mail A 10.0.1.2
"#;

/// AXFR over TLS: knotd (which serves no TLS itself) behind `socat OPENSSL-LISTEN`
/// with the test certificate; the transfer equals the one over plain TCP.
#[test]
#[cfg_attr(
    not(all(peer = "knotd", peer = "socat")),
    ignore = "needs knotd, socat: sudo ./peers.sh"
)]
fn axfr_over_tls_equals_axfr_over_tcp() {
    if !(common::require("knotd") && common::require("socat")) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().display().to_string();
    std::fs::write(dir.path().join("example.test.zone"), ZONE).unwrap();
    let (kport, tport) = (common::free_port(), common::free_port());
    let conf = format!(
        "server:\n    rundir: \"{d}\"\n    listen: 127.0.0.1@{kport}\ndatabase:\n    storage: \"{d}/db\"\n\
         acl:\n  - id: xfr\n    address: 127.0.0.0/8\n    action: transfer\n\
         template:\n  - id: default\n    storage: \"{d}\"\n    file: \"%s.zone\"\n\
         zone:\n  - domain: example.test\n    acl: xfr\n"
    );
    std::fs::write(dir.path().join("knot.conf"), conf).unwrap();
    let mut k = Command::new(common::program_path("knotd").unwrap());
    k.arg("-c")
        .arg(dir.path().join("knot.conf"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let _knot = Peer::spawn("knotd", &mut k);
    let p = pki();
    let mut s = Command::new("socat");
    s.arg(format!(
        "OPENSSL-LISTEN:{tport},bind=127.0.0.1,reuseaddr,fork,verify=0,cert={},key={}",
        p.path("server.pem"),
        p.path("server.key")
    ))
    .arg(format!("TCP:127.0.0.1:{kport}"))
    .stdin(Stdio::null())
    .stdout(Stdio::null())
    .stderr(Stdio::null());
    let _socat = Peer::spawn("socat", &mut s);
    let plain = format!("127.0.0.1:{kport}");
    let tls = format!("127.0.0.1:{tport}");
    common::wait_tcp(&tls, Duration::from_secs(10));
    let records = |args: &[&str]| -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let (code, ev, err) = lookup(args);
            if code == 0 {
                return of_type(&ev, "message")
                    .iter()
                    .flat_map(|m| m["answerRRs"].as_array().unwrap().clone())
                    .collect();
            }
            assert!(Instant::now() < deadline, "{args:?}: {err} {ev:?}");
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    let want = records(&["example.test", "AXFR", "--server", &plain]);
    assert_eq!(want.len(), 6, "{want:?}");
    let ca = p.path("ca.pem");
    let got = records(&[
        "example.test",
        "AXFR",
        "--tls",
        "--server",
        &tls,
        "--cacert",
        &ca,
    ]);
    assert_eq!(got, want);
}
