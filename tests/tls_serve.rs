//! The server side of TLS: netkit servers started with `--tls-cert/--tls-key`
//! (and `--tls-client-ca`) on free loopback ports, against real TLS clients:
//! `openssl s_client` and `socat OPENSSL:` (tcp-echo), Python's
//! `xmlrpc.client` over https (rpc-serve, also mutual TLS), redis-py with
//! `ssl=True` (broker), `curl --cacert` (http serve); and misbehaving clients
//! (plaintext on the TLS port, a stalled handshake) dropped while another is
//! served. Certificates are made by rcgen at test time.

mod common;

#[path = "../src/net/tls/test_pki.rs"]
mod pki;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::Duration;

use common::{python, start_netkit_server, wait_output, Lines};
use pki::{Ca, Validity};
use serde_json::Value;

/// Certificate files shared by every test of this binary.
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
        let client_ca = Ca::root("netkit client CA");
        let client = client_ca.leaf("alice", &["alice.example"], Validity::Long);
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write("ca.pem", &ca.cert.pem);
        write("server.pem", &server.pem);
        write("server.key", &server.key_pem);
        write("client-ca.pem", &client_ca.cert.pem);
        write("client.pem", &client.pem);
        write("client.key", &client.key_pem);
        Pki { dir }
    })
}

fn tls_flags(mutual: bool) -> Vec<String> {
    let p = pki();
    let mut v = vec![
        "--tls-cert".to_string(),
        p.path("server.pem"),
        "--tls-key".into(),
        p.path("server.key"),
    ];
    if mutual {
        v.extend(["--tls-client-ca".to_string(), p.path("client-ca.pem")]);
    }
    v
}

/// Start a netkit server with TLS flags; check the listening line says TLS.
fn start(args: &[&str], mutual: bool) -> (common::Peer, SocketAddr, Lines) {
    let flags = tls_flags(mutual);
    let mut all: Vec<&str> = args.to_vec();
    all.extend(flags.iter().map(String::as_str));
    let (peer, addr, lines) = start_netkit_server(&all);
    (peer, addr, lines)
}

fn listening_line(args: &[&str], mutual: bool) -> Value {
    let flags = tls_flags(mutual);
    let mut c = common::netkit();
    c.args(args).args(&flags).arg("--json");
    c.stdin(Stdio::null()).stdout(Stdio::piped());
    let mut peer = common::Peer::spawn("netkit", &mut c);
    let lines = Lines::new(peer.child.stdout.take().unwrap());
    lines.next_json(Duration::from_secs(20))
}

#[test]
fn listening_line_says_tls_and_client_certs() {
    let plain = listening_line(&["tcp-echo", "serve", "-l", "127.0.0.1:0"], false);
    assert_eq!(plain["type"], "listening");
    assert_eq!(plain["tls"]["client_certs_required"], false, "{plain}");
    let mutual = listening_line(&["rpc-serve", "--listen", "127.0.0.1:0"], true);
    assert_eq!(mutual["tls"]["client_certs_required"], true, "{mutual}");
}

#[test]
fn bad_certificate_files_fail_before_listening() {
    let (code, _, err) = common::run(&[
        "tcp-echo",
        "serve",
        "-l",
        "127.0.0.1:0",
        "--tls-cert",
        "/nonexistent/cert.pem",
        "--tls-key",
        "/nonexistent/key.pem",
    ]);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("/nonexistent/cert.pem"), "{err}");
    // --tls alone: the certificate is missing.
    let (code, _, err) = common::run(&["tcp-echo", "serve", "--tls"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--tls-cert"), "{err}");
}

fn openssl_echo(addr: SocketAddr, payload: &[u8]) -> Vec<u8> {
    let p = pki();
    let mut child = Command::new("openssl")
        .args(["s_client", "-connect", &addr.to_string(), "-quiet"])
        .args(["-CAfile", &p.path("ca.pem"), "-verify_return_error"])
        .args(["-servername", "localhost"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("openssl");
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(payload).unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut got = vec![0u8; payload.len()];
    stdout
        .read_exact(&mut got)
        .expect("echo from the TLS server");
    drop(stdin);
    let _ = child.kill();
    let _ = child.wait();
    got
}

#[test]
#[cfg_attr(not(peer = "openssl"), ignore = "needs openssl: sudo ./peers.sh")]
fn openssl_s_client_against_tcp_echo_tls() {
    common::require("openssl");
    let (_srv, addr, lines) = start(&["tcp-echo", "serve", "-l", "127.0.0.1:0", "--tls"], false);
    let payload: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    assert_eq!(openssl_echo(addr, &payload), payload);
    let hs = lines.until("tls_handshake", Duration::from_secs(10));
    let hs: Value = serde_json::from_str(&hs).unwrap();
    assert_eq!(hs["sni"], "localhost", "{hs}");
    assert!(
        hs["version"].as_str().unwrap().starts_with("TLSv1."),
        "{hs}"
    );
    assert!(hs["client_cert"].is_null(), "{hs}");
}

#[test]
#[cfg_attr(not(peer = "socat"), ignore = "needs socat: sudo ./peers.sh")]
fn socat_openssl_against_tcp_echo_tls() {
    common::require("socat");
    let (_srv, addr, _lines) = start(&["tcp-echo", "serve", "-l", "127.0.0.1:0", "--tls"], false);
    let p = pki();
    let target = format!(
        "OPENSSL:{addr},cafile={},commonname=localhost,shut-down",
        p.path("ca.pem")
    );
    let payload = b"hello over TLS\nsecond line\n".repeat(100);
    let mut child = Command::new("socat")
        .args(["-t", "2", "-T", "5", "-", &target])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&payload).unwrap();
    let out = wait_output(child, Duration::from_secs(20));
    assert_eq!(
        out.stdout,
        payload,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
#[cfg_attr(not(peer = "openssl"), ignore = "needs openssl: sudo ./peers.sh")]
fn plaintext_and_stalled_clients_are_dropped_others_served() {
    common::require("openssl");
    let (_srv, addr, lines) = start(
        &[
            "tcp-echo",
            "serve",
            "-l",
            "127.0.0.1:0",
            "--tls",
            "--idle-timeout",
            "1s",
        ],
        false,
    );
    // A client that connects and sends half a ClientHello, then stalls.
    let mut stalled = TcpStream::connect(addr).unwrap();
    stalled
        .write_all(&[0x16, 0x03, 0x01, 0x02, 0x00, 0x01])
        .unwrap();
    // A plaintext client on the TLS port.
    let mut plain = TcpStream::connect(addr).unwrap();
    plain.write_all(b"hello in the clear\n").unwrap();
    plain
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut buf = Vec::new();
    let _ = plain.read_to_end(&mut buf); // an alert, then EOF
    assert!(buf.len() < 64, "a plaintext client gets at most an alert");
    // Meanwhile a real TLS client is served.
    assert_eq!(openssl_echo(addr, b"still here\n"), b"still here\n");
    let mut reasons = Vec::new();
    while reasons.len() < 2 {
        let l = lines.until("\"closed\"", Duration::from_secs(10));
        let v: Value = serde_json::from_str(&l).unwrap();
        let r = v["reason"].as_str().unwrap().to_string();
        if r.contains("TLS") {
            reasons.push(r);
        }
    }
    assert!(
        reasons.iter().any(|r| r.contains("does not speak TLS")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("handshake did not finish")),
        "{reasons:?}"
    );
    stalled
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut rest = Vec::new();
    let _ = stalled.read_to_end(&mut rest);
}

const XMLRPC_CLIENT: &str = r#"
import ssl, sys, xmlrpc.client
port, ca = sys.argv[1], sys.argv[2]
ctx = ssl.create_default_context(cafile=ca)
if len(sys.argv) > 3:
    ctx.load_cert_chain(sys.argv[3], sys.argv[4])
p = xmlrpc.client.ServerProxy(f"https://localhost:{port}/", context=ctx)
try:
    print(p.double(21), p.power(3))
except Exception as e:
    print("ERROR", type(e).__name__, e)
"#;

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn python_xmlrpc_over_https_against_rpc_serve() {
    common::require("python3");
    let (_srv, addr, _lines) = start(&["rpc-serve", "--listen", "127.0.0.1:0"], false);
    let p = pki();
    let port = addr.port().to_string();
    let (code, out, err) = python(XMLRPC_CLIENT, &[&port, &p.path("ca.pem")]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "42 9", "{out}{err}");
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn rpc_serve_mutual_tls_requires_a_client_certificate() {
    common::require("python3");
    let (_srv, addr, lines) = start(&["rpc-serve", "--listen", "127.0.0.1:0"], true);
    let p = pki();
    let port = addr.port().to_string();
    let (_, out, err) = python(XMLRPC_CLIENT, &[&port, &p.path("ca.pem")]);
    assert!(
        out.starts_with("ERROR"),
        "no client cert must fail: {out}{err}"
    );
    // (the refusal is warned on stderr: "dropping …: TLS handshake failed: …")
    let (code, out, err) = python(
        XMLRPC_CLIENT,
        &[
            &port,
            &p.path("ca.pem"),
            &p.path("client.pem"),
            &p.path("client.key"),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "42 9", "{out}{err}");
    let hs = lines.until("tls_handshake", Duration::from_secs(10));
    let hs: Value = serde_json::from_str(&hs).unwrap();
    assert!(
        hs["client_cert"].as_str().unwrap_or("").contains("alice"),
        "{hs}"
    );
}

#[test]
#[cfg_attr(not(peer = "py-redis"), ignore = "needs py-redis: sudo ./peers.sh")]
fn redis_py_ssl_against_broker() {
    common::require_python(&["redis"]);
    let (_srv, addr, _lines) = start(&["broker", "--listen", "127.0.0.1:0"], false);
    let script = r#"
import sys, redis
port, ca = int(sys.argv[1]), sys.argv[2]
def conn():
    return redis.Redis(host="localhost", port=port, ssl=True, ssl_ca_certs=ca, socket_timeout=10)
sub = conn().pubsub()
sub.subscribe("news")
first = sub.get_message(timeout=5)
assert first["type"] == "subscribe", first
n = conn().publish("news", b"over tls " * 1000)
msg = sub.get_message(timeout=5)
print(n, msg["channel"].decode(), len(msg["data"]), msg["data"][:9].decode())
"#;
    let (code, out, err) = python(script, &[&addr.port().to_string(), &pki().path("ca.pem")]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "1 news 9000 over tls", "{out}{err}");
}

fn sha256(path: &Path) -> String {
    let out = Command::new("sha256sum").arg(path).output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .unwrap()
        .to_string()
}

#[test]
#[cfg_attr(not(peer = "curl"), ignore = "needs curl: sudo ./peers.sh")]
fn curl_against_http_serve_tls() {
    common::require("curl");
    let root = tempfile::tempdir().unwrap();
    let file: PathBuf = root.path().join("big.bin");
    let data: Vec<u8> = (0..3_000_000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(&file, &data).unwrap();
    let dir = root.path().display().to_string();
    let (_srv, addr, lines) = start(&["http", "serve", &dir, "--listen", "127.0.0.1:0"], false);
    let got = root.path().join("got.bin");
    let url = format!("https://localhost:{}/big.bin", addr.port());
    let out = Command::new("curl")
        .args(["-sS", "--fail", "--cacert", &pki().path("ca.pem")])
        .args(["--resolve", &format!("localhost:{}:127.0.0.1", addr.port())])
        .args(["-o", &got.display().to_string(), &url])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(sha256(&got), sha256(&file));
    let hs = lines.until("tls_handshake", Duration::from_secs(10));
    let hs: Value = serde_json::from_str(&hs).unwrap();
    assert_eq!(hs["alpn"], "http/1.1", "{hs}");
}
