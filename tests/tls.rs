//! `netkit tls` against `openssl s_server` (started here on free loopback ports)
//! with certificates rcgen makes at test time: a valid chain, expired, wrong name,
//! self-signed, incomplete chain, unknown issuer, SNI, ALPN, client certificates,
//! `--warn-days`; and against plaintext and silent servers. JSON output is parsed.

mod common;

#[path = "../src/net/tls/test_pki.rs"]
mod pki;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use common::{free_port, json_lines, run, Peer};
use pki::{Ca, Validity};
use serde_json::Value;

/// Certificate files shared by every test of this binary.
struct Files {
    dir: tempfile::TempDir,
    leaf_sha256: String,
}

fn files() -> &'static Files {
    static FILES: OnceLock<Files> = OnceLock::new();
    FILES.get_or_init(|| {
        // Under target/tmp: a static is never dropped, so the folder outlives the run.
        let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
        let ca = Ca::root("netkit test CA");
        let other_ca = Ca::root("some other CA");
        let inter = ca.intermediate("netkit intermediate");
        let leaf = ca.leaf(
            "localhost",
            &["localhost", "127.0.0.1", "::1"],
            Validity::Long,
        );
        let inter_leaf = inter.leaf("chained.test", &["localhost", "127.0.0.1"], Validity::Long);
        let expired = ca.leaf(
            "expired.test",
            &["localhost", "127.0.0.1"],
            Validity::Expired,
        );
        let soon = chrono::Utc::now() + chrono::Duration::days(10);
        let soon_date = (
            soon.format("%Y").to_string().parse().unwrap(),
            soon.format("%m").to_string().parse().unwrap(),
            soon.format("%d").to_string().parse().unwrap(),
        );
        let soon = ca.leaf(
            "soon.test",
            &["127.0.0.1"],
            Validity::Until(soon_date.0, soon_date.1, soon_date.2),
        );
        let other = ca.leaf("other.test", &["other.test"], Validity::Long);
        let selfsigned = pki::self_signed("self.test", &["localhost", "127.0.0.1"]);
        let client = ca.leaf("client.test", &["client.test"], Validity::Long);
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write("ca.pem", &ca.cert.pem);
        write("ca.key", &ca.cert.key_pem);
        write("other-ca.pem", &other_ca.cert.pem);
        write("inter.pem", &inter.cert.pem);
        for (name, l) in [
            ("leaf", &leaf),
            ("inter-leaf", &inter_leaf),
            ("expired", &expired),
            ("soon", &soon),
            ("other", &other),
            ("self", &selfsigned),
            ("client", &client),
        ] {
            write(&format!("{name}.pem"), &l.pem);
            write(&format!("{name}.key"), &l.key_pem);
        }
        let digest = ring::digest::digest(&ring::digest::SHA256, leaf.der.as_ref());
        let leaf_sha256 = digest
            .as_ref()
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect::<Vec<_>>()
            .join(":");
        Files { dir, leaf_sha256 }
    })
}

fn path(name: &str) -> String {
    let p: PathBuf = files().dir.path().join(name);
    p.to_string_lossy().into_owned()
}

/// `openssl s_server` serving `cert` (NAME.pem/NAME.key) plus `extra` flags, ready
/// once it printed ACCEPT. Returns the server and its `127.0.0.1:PORT`.
fn s_server(cert: &str, extra: &[&str]) -> (Peer, String) {
    s_server_at(&format!("127.0.0.1:{}", free_port()), cert, extra)
}

/// [`s_server`] on a given address (`[::1]:PORT` for IPv6).
fn s_server_at(addr: &str, cert: &str, extra: &[&str]) -> (Peer, String) {
    let addr = addr.to_string();
    let mut cmd = Command::new("openssl");
    cmd.args(["s_server", "-accept", &addr, "-ign_eof"])
        .args([
            "-cert",
            &path(&format!("{cert}.pem")),
            "-key",
            &path(&format!("{cert}.key")),
        ])
        .args(extra)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut peer = Peer::spawn("openssl s_server", &mut cmd);
    let stdout = peer.child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.contains("ACCEPT") {
                let _ = tx.send(());
            }
        }
    });
    rx.recv_timeout(Duration::from_secs(10))
        .expect("s_server printed ACCEPT");
    (peer, addr)
}

/// `netkit tls ARGS --json`: exit code, the handshake event (or error event), stderr.
fn tls_json(args: &[&str]) -> (i32, Value, String) {
    let mut all = vec!["tls", "--json", "--timeout", "5s"];
    all.extend_from_slice(args);
    let (code, out, err) = run(&all);
    let events = json_lines(&out);
    let ev = events
        .iter()
        .find(|e| e["type"] == "handshake" || e["type"] == "error")
        .cloned()
        .unwrap_or_else(|| panic!("no handshake or error event in {out:?} / {err:?}"));
    (code, ev, err)
}

macro_rules! need_openssl {
    () => {
        if !common::require("openssl") {
            return;
        }
    };
}

#[test]
#[cfg_attr(not(peer = "openssl"), ignore = "needs openssl: sudo ./peers.sh")]
fn valid_chain_with_cacert() {
    need_openssl!();
    let (_s, addr) = s_server("leaf", &[]);
    let (code, ev, _) = tls_json(&[&addr, "--cacert", &path("ca.pem")]);
    assert_eq!(code, 0, "{ev}");
    assert_eq!(ev["verification"]["verified"], true, "{ev}");
    assert_eq!(ev["verification"]["name"], "127.0.0.1");
    assert_eq!(ev["verification"]["trust"]["kind"], "file");
    assert_eq!(ev["version"], "TLSv1.3");
    assert!(
        ev["cipher_suite"].as_str().unwrap().starts_with("TLS13_"),
        "{ev}"
    );
    assert!(
        ev["key_exchange"].as_str().is_some_and(|g| !g.is_empty()),
        "{ev}"
    );
    assert!(ev["handshake_ms"].as_f64().unwrap() > 0.0);
    assert_eq!(ev["sni"], Value::Null, "no SNI for an IP address");
    assert_eq!(ev["ocsp_staple"], Value::Null);
    let leaf = &ev["chain"][0];
    assert_eq!(leaf["subject"], "CN=localhost, O=netkit tests");
    assert_eq!(leaf["issuer"], "CN=netkit test CA, O=netkit tests");
    assert_eq!(
        leaf["sans"],
        serde_json::json!(["DNS:localhost", "IP:127.0.0.1", "IP:::1"])
    );
    assert_eq!(leaf["not_after"], "2099-01-01T00:00:00Z");
    assert_eq!(leaf["key_type"], "EC P-256");
    assert_eq!(leaf["key_bits"], 256);
    assert_eq!(leaf["sha256"], files().leaf_sha256.as_str());
    assert!(leaf["days_left"].as_i64().unwrap() > 20_000);
}

#[test]
#[cfg_attr(not(peer = "openssl"), ignore = "needs openssl: sudo ./peers.sh")]
fn expired_certificate_is_exit_1_with_its_reason() {
    need_openssl!();
    let (_s, addr) = s_server("expired", &[]);
    let (code, ev, _) = tls_json(&[&addr, "--cacert", &path("ca.pem")]);
    assert_eq!(code, 1, "{ev}");
    let problem = &ev["verification"]["problem"];
    assert_eq!(problem["reason"], "expired", "{ev}");
    assert!(
        problem["message"]
            .as_str()
            .unwrap()
            .contains("expired on 2021-01-01"),
        "{problem}"
    );
    assert_eq!(
        ev["chain"][0]["subject"], "CN=expired.test, O=netkit tests",
        "the chain is still shown"
    );
}

#[test]
#[cfg_attr(not(peer = "openssl"), ignore = "needs openssl: sudo ./peers.sh")]
fn wrong_name_says_which_names_and_what_to_pass() {
    need_openssl!();
    let (_s, addr) = s_server("leaf", &[]);
    let (code, ev, _) = tls_json(&[
        &addr,
        "--cacert",
        &path("ca.pem"),
        "--servername",
        "wrong.example",
    ]);
    assert_eq!(code, 1, "{ev}");
    let problem = &ev["verification"]["problem"];
    assert_eq!(problem["reason"], "wrong_name");
    let msg = problem["message"].as_str().unwrap();
    assert!(
        msg.contains(r#"not valid for name "wrong.example""#) && msg.contains("DNS:localhost"),
        "{msg}"
    );
    assert!(
        problem["hint"]
            .as_str()
            .unwrap()
            .contains("--servername localhost"),
        "{problem}"
    );
    // Human output carries the same words.
    let (code, out, _) = run(&[
        "tls",
        &addr,
        "--cacert",
        &path("ca.pem"),
        "--servername",
        "wrong.example",
    ]);
    assert_eq!(code, 1);
    assert!(
        out.contains("FAILED (wrong_name)") && out.contains("next: "),
        "{out}"
    );
}

#[test]
#[cfg_attr(not(peer = "openssl"), ignore = "needs openssl: sudo ./peers.sh")]
fn self_signed_and_insecure() {
    need_openssl!();
    let (_s, addr) = s_server("self", &[]);
    let (code, ev, _) = tls_json(&[&addr, "--cacert", &path("ca.pem")]);
    assert_eq!(code, 1, "{ev}");
    assert_eq!(
        ev["verification"]["problem"]["reason"], "self_signed",
        "{ev}"
    );
    assert_eq!(ev["chain"][0]["self_signed"], true);
    // --insecure: reported, not fatal, and said on stderr.
    let (code, out, err) = run(&["tls", &addr, "--insecure"]);
    assert_eq!(code, 0, "{out} {err}");
    assert!(err.contains("--insecure"), "{err}");
    assert!(out.contains("FAILED (self_signed)"), "{out}");
}

#[test]
#[cfg_attr(not(peer = "openssl"), ignore = "needs openssl: sudo ./peers.sh")]
fn incomplete_chain_then_complete_chain() {
    need_openssl!();
    let (_s, addr) = s_server("inter-leaf", &[]);
    let (code, ev, _) = tls_json(&[&addr, "--cacert", &path("ca.pem")]);
    assert_eq!(code, 1, "{ev}");
    assert_eq!(
        ev["verification"]["problem"]["reason"], "incomplete_chain",
        "{ev}"
    );
    assert!(ev["verification"]["problem"]["message"]
        .as_str()
        .unwrap()
        .contains("netkit intermediate"));

    let (_s2, addr2) = s_server("inter-leaf", &["-cert_chain", &path("inter.pem")]);
    let (code, ev, _) = tls_json(&[&addr2, "--cacert", &path("ca.pem")]);
    assert_eq!(code, 0, "{ev}");
    assert_eq!(ev["chain"].as_array().unwrap().len(), 2);
    assert_eq!(ev["chain"][1]["is_ca"], true);

    // The full chain, but from a CA this client does not trust.
    let (code, ev, _) = tls_json(&[&addr2, "--cacert", &path("other-ca.pem")]);
    assert_eq!(code, 1, "{ev}");
    assert_eq!(
        ev["verification"]["problem"]["reason"], "unknown_issuer",
        "{ev}"
    );
    assert!(ev["verification"]["problem"]["message"]
        .as_str()
        .unwrap()
        .contains("netkit test CA"));
}

#[test]
#[cfg_attr(not(peer = "openssl"), ignore = "needs openssl: sudo ./peers.sh")]
fn sni_is_seen_by_the_server_and_alpn_negotiated() {
    need_openssl!();
    // The server answers SNI "localhost" with leaf.pem, anything else with other.pem.
    let (_s, addr) = s_server(
        "other",
        &[
            "-servername",
            "localhost",
            "-cert2",
            &path("leaf.pem"),
            "-key2",
            &path("leaf.key"),
        ],
    );
    let ca = path("ca.pem");
    let (code, ev, _) = tls_json(&[&addr, "--cacert", &ca, "--servername", "localhost"]);
    assert_eq!(code, 0, "{ev}");
    assert_eq!(ev["sni"], "localhost");
    assert_eq!(
        ev["chain"][0]["subject"], "CN=localhost, O=netkit tests",
        "server chose by SNI"
    );
    let (_, ev, _) = tls_json(&[&addr, "--cacert", &ca, "--servername", "other.test"]);
    assert_eq!(ev["chain"][0]["subject"], "CN=other.test, O=netkit tests");
    assert_eq!(ev["verification"]["verified"], true);

    let (_s2, addr2) = s_server("leaf", &["-alpn", "h2,http/1.1"]);
    let (code, ev, _) = tls_json(&[
        &addr2, "--cacert", &ca, "--alpn", "spdy/3", "--alpn", "http/1.1",
    ]);
    assert_eq!(code, 0, "{ev}");
    assert_eq!(ev["alpn"], "http/1.1");
    let (_, ev, _) = tls_json(&[&addr2, "--cacert", &ca]);
    assert_eq!(ev["alpn"], Value::Null, "nothing offered, nothing chosen");
}

#[test]
#[cfg_attr(not(peer = "openssl"), ignore = "needs openssl: sudo ./peers.sh")]
fn client_certificate_required() {
    need_openssl!();
    let ca = path("ca.pem");
    let (_s, addr) = s_server("leaf", &["-Verify", "1", "-CAfile", &ca]);
    let (code, ev, _) = tls_json(&[&addr, "--cacert", &ca]);
    assert_eq!(code, 3, "{ev}");
    assert_eq!(ev["type"], "error");
    assert_eq!(ev["kind"], "tls_alert", "{ev}");
    assert!(
        ev["message"]
            .as_str()
            .unwrap()
            .contains("certificate_required"),
        "{ev}"
    );
    assert!(
        ev["hint"]
            .as_str()
            .unwrap()
            .contains("--cert FILE --key FILE"),
        "{ev}"
    );
    let (code, ev, _) = tls_json(&[
        &addr,
        "--cacert",
        &ca,
        "--cert",
        &path("client.pem"),
        "--key",
        &path("client.key"),
    ]);
    assert_eq!(code, 0, "{ev}");
    assert_eq!(ev["verification"]["verified"], true);
}

#[test]
#[cfg_attr(not(peer = "openssl"), ignore = "needs openssl: sudo ./peers.sh")]
fn warn_days() {
    need_openssl!();
    let (_s, addr) = s_server("soon", &[]);
    let ca = path("ca.pem");
    let (code, ev, _) = tls_json(&[&addr, "--cacert", &ca, "--warn-days", "30"]);
    assert_eq!(code, 1, "{ev}");
    assert_eq!(ev["expiring"], serde_json::json!([0]));
    assert_eq!(ev["verification"]["verified"], true);
    let (code, ev, _) = tls_json(&[&addr, "--cacert", &ca, "--warn-days", "5"]);
    assert_eq!(code, 0, "{ev}");
    assert!(
        (9..=10).contains(&ev["chain"][0]["days_left"].as_i64().unwrap()),
        "{ev}"
    );
}

#[test]
fn plaintext_server_is_a_clear_exit_3() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        for mut conn in listener.incoming().flatten().take(2) {
            let _ = conn.write_all(b"220 plain.test ESMTP ready\r\n");
            std::thread::sleep(Duration::from_millis(200));
        }
    });
    let (code, ev, _) = tls_json(&[&addr]);
    assert_eq!(code, 3, "{ev}");
    assert_eq!(ev["kind"], "not_tls", "{ev}");
    assert!(
        ev["message"]
            .as_str()
            .unwrap()
            .contains("220 plain.test ESMTP"),
        "{ev}"
    );
}

#[test]
fn echo_server_sends_our_hello_back() {
    let (_server, addr, _lines) =
        common::start_netkit_server(&["tcp-echo", "serve", "--listen", "127.0.0.1:0"]);
    let (code, ev, _) = tls_json(&[&addr.to_string()]);
    assert_eq!(code, 3, "{ev}");
    assert_eq!(ev["kind"], "not_tls");
    assert!(
        ev["message"].as_str().unwrap().contains("echoed back"),
        "{ev}"
    );
}

#[test]
fn silent_server_is_bounded_by_timeout() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        let held: Vec<_> = listener.incoming().take(1).collect();
        std::thread::sleep(Duration::from_secs(5));
        drop(held);
    });
    let started = Instant::now();
    let (code, out, _) = run(&["tls", &addr, "--json", "--timeout", "400ms"]);
    let took = started.elapsed();
    let ev = &json_lines(&out)[0];
    assert_eq!(code, 3, "{out}");
    assert_eq!(ev["kind"], "timeout", "{ev}");
    assert!(ev["hint"].as_str().unwrap().contains("ClientHello"), "{ev}");
    assert!(took < Duration::from_secs(3), "{took:?}");
}

#[test]
fn bad_flags_are_usage_errors() {
    let (code, _, _) = run(&["tls", "127.0.0.1:99999"]);
    assert_eq!(code, 2);
    let (code, out, _) = run(&[
        "tls",
        "127.0.0.1:1",
        "--json",
        "--cacert",
        "/nonexistent/ca.pem",
    ]);
    assert_eq!(code, 4, "{out}");
    let (code, _, _) = run(&["tls", "127.0.0.1:1", "--cert", "x.pem"]);
    assert_eq!(code, 2, "--cert needs --key");
    let (code, out, _) = run(&[
        "tls",
        "127.0.0.1:1",
        "--json",
        "--cacert",
        &path("leaf.key"),
    ]);
    assert_eq!(code, 2, "{out}");
}

#[test]
#[cfg_attr(not(peer = "openssl"), ignore = "needs openssl: sudo ./peers.sh")]
fn ipv6_literal_target() {
    need_openssl!();
    let Ok(probe) = TcpListener::bind("[::1]:0") else {
        eprintln!("no IPv6 loopback here: skipped");
        return;
    };
    let port = probe.local_addr().unwrap().port();
    drop(probe);
    let (_s, addr) = s_server_at(&format!("[::1]:{port}"), "leaf", &[]);
    let (code, ev, _) = tls_json(&[&addr, "--cacert", &path("ca.pem")]);
    assert_eq!(code, 0, "{ev}");
    assert_eq!(ev["address"], addr.as_str());
    assert_eq!(
        ev["verification"]["name"], "::1",
        "an IP literal is verified as an IP SAN"
    );
}

/// A fake SMTP server: greeting, EHLO, STARTTLS, then TLS (rustls, configured by
/// netkit's own `server_config`) on the same connection.
#[test]
fn starttls_smtp() {
    use netkit::net::tls::{server_config, TlsServerArgs};
    let args = TlsServerArgs {
        tls_cert: Some(path("leaf.pem").into()),
        tls_key: Some(path("leaf.key").into()),
        tls_client_ca: None,
    };
    let config = server_config(&args, &[]).unwrap().unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let seen = std::thread::spawn(move || {
        let (sock, _) = listener.accept().unwrap();
        sock.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut reader = BufReader::new(sock.try_clone().unwrap());
        let mut w = sock.try_clone().unwrap();
        let mut said = Vec::new();
        w.write_all(b"220 fake.test ESMTP\r\n").unwrap();
        for answer in [
            &b"250-fake.test\r\n250 STARTTLS\r\n"[..],
            b"220 go ahead\r\n",
        ] {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            said.push(line.trim_end().to_string());
            w.write_all(answer).unwrap();
        }
        let mut conn = rustls::ServerConnection::new(config).unwrap();
        let mut sock = sock;
        while conn.is_handshaking() {
            if conn.complete_io(&mut sock).is_err() {
                break;
            }
        }
        let _ = conn.complete_io(&mut sock);
        said
    });
    let (code, ev, _) = tls_json(&[&addr, "--starttls", "smtp", "--cacert", &path("ca.pem")]);
    assert_eq!(code, 0, "{ev}");
    assert_eq!(ev["verification"]["verified"], true);
    assert_eq!(seen.join().unwrap(), ["EHLO netkit.invalid", "STARTTLS"]);
}

#[test]
#[cfg_attr(not(peer = "openssl"), ignore = "needs openssl: sudo ./peers.sh")]
fn tls12_server() {
    need_openssl!();
    let (_s, addr) = s_server("leaf", &["-tls1_2"]);
    let (code, ev, _) = tls_json(&[&addr, "--cacert", &path("ca.pem")]);
    assert_eq!(code, 0, "{ev}");
    assert_eq!(ev["version"], "TLSv1.2");
    assert!(
        ev["cipher_suite"]
            .as_str()
            .unwrap()
            .starts_with("TLS_ECDHE_ECDSA_"),
        "{ev}"
    );
}

/// An OCSP response made with `openssl ocsp` (status unknown: the index is empty),
/// stapled by `s_server -status_file`: reported by size, not checked.
#[test]
#[cfg_attr(not(peer = "openssl"), ignore = "needs openssl: sudo ./peers.sh")]
fn ocsp_staple_is_reported() {
    need_openssl!();
    let dir = files().dir.path();
    let (index, req, resp) = (
        dir.join("index.txt"),
        dir.join("req.der"),
        dir.join("resp.der"),
    );
    std::fs::write(&index, "").unwrap();
    let ok = |args: &[&str]| {
        let st = Command::new("openssl")
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(st.success(), "openssl {args:?}");
    };
    let (ca, leaf) = (path("ca.pem"), path("leaf.pem"));
    let (req_s, resp_s, index_s) = (
        req.to_str().unwrap(),
        resp.to_str().unwrap(),
        index.to_str().unwrap(),
    );
    ok(&[
        "ocsp",
        "-issuer",
        &ca,
        "-cert",
        &leaf,
        "-no_nonce",
        "-reqout",
        req_s,
    ]);
    ok(&[
        "ocsp",
        "-index",
        index_s,
        "-rsigner",
        &ca,
        "-rkey",
        &path("ca.key"),
        "-CA",
        &ca,
        "-reqin",
        req_s,
        "-respout",
        resp_s,
        "-ndays",
        "1",
    ]);
    let size = std::fs::metadata(&resp).unwrap().len();
    let (_s, addr) = s_server("leaf", &["-status_file", resp_s]);
    let (code, ev, _) = tls_json(&[&addr, "--cacert", &ca]);
    assert_eq!(code, 0, "{ev}");
    assert_eq!(ev["ocsp_staple"], size, "{ev}");
}

/// Ctrl-C during a stalled handshake ends it at once: exit 1 (nothing to report), not 4.
#[test]
fn ctrl_c_during_the_handshake() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let held = listener.accept();
        let _ = tx.send(());
        std::thread::sleep(Duration::from_secs(10));
        drop(held);
    });
    let mut cmd = common::netkit();
    cmd.args(["tls", &addr, "--json", "--timeout", "30s"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut peer = Peer::spawn("netkit tls", &mut cmd);
    // Accepted: netkit has its signal handler and is sending or awaiting the hello.
    rx.recv_timeout(Duration::from_secs(10))
        .expect("netkit connected");
    let started = Instant::now();
    let code = peer.interrupt();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(code, Some(1));
    let mut out = String::new();
    std::io::Read::read_to_string(peer.child.stdout.as_mut().unwrap(), &mut out).unwrap();
    let ev = &json_lines(&out)[0];
    assert_eq!(ev["kind"], "interrupted", "{ev}");
}
