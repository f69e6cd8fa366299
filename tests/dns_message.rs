//! `netkit dns lookup` as a message-level client, against real servers started
//! here on loopback: knotd serving a zone this test writes (every common type, a
//! delegation with glue, 40 TXT records for truncation, a DNSSEC-signed zone
//! knot signs itself, AXFR allowed, NSID set), compared with dig section by
//! section and record by record (flags and rcode too); dnsmasq for the
//! localhost and CNAME cases of issue 13; a Python fake server for garbage,
//! truncated, wrong-ID and wrong-question replies.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{json_lines, of_type, run, run_with_stdin, Lines, Peer};

const ZONE: &str = r#"$ORIGIN example.test.
$TTL 3600
@ IN SOA ns1 hostmaster 2026120201 3600 600 86400 300
@ NS ns1
ns1 A 127.0.0.1
host A 10.0.0.5
host AAAA fd00::5
www CNAME host
@ MX 10 mail
mail A 10.0.0.25
@ TXT "v=spf1 -all" "second string"
_sip._tcp SRV 10 20 5060 sip
sip A 10.0.0.26
@ CAA 0 issue "letsencrypt.org"
9.9 PTR printer.example.test.
sub NS ns.sub
ns.sub A 10.0.0.53
opaque TYPE65534 \# 4 01020304
xn--bcher-kva A 10.0.0.7
"#;

const SIGNED: &str = r#"$ORIGIN signed.test.
$TTL 3600
@ IN SOA ns1 hostmaster 1 3600 600 86400 300
@ NS ns1
ns1 A 127.0.0.1
www A 10.0.1.1
"#;

/// A knotd on 127.0.0.1:port with its temporary directory (killed on drop).
struct Knot {
    _peer: Peer,
    _dir: tempfile::TempDir,
    port: u16,
}

impl Knot {
    fn server(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
}

fn knot_conf(dir: &Path, port: u16) -> String {
    let d = dir.display();
    format!(
        r#"server:
    rundir: "{d}"
    listen: 127.0.0.1@{port}
    identity: "netkit-test"
    nsid: "knot-test"
database:
    storage: "{d}/db"
log:
  - target: stderr
    any: error
acl:
  - id: xfr
    address: 127.0.0.0/8
    action: transfer
template:
  - id: default
    global-module: mod-cookies
    storage: "{d}"
    file: "%s.zone"
    zonefile-sync: -1
    journal-content: none
zone:
  - domain: example.test
    acl: xfr
  - domain: signed.test
    dnssec-signing: on
    acl: xfr
"#
    )
}

/// Start knotd and wait until the signed zone has its keys (retrying on a port clash).
fn start_knot() -> Option<Knot> {
    if !(common::require("knotd") && common::require("kdig")) {
        return None;
    }
    for _ in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let mut zone = ZONE.to_string();
        for i in 1..=40 {
            zone.push_str(&format!("big TXT \"{}-{i}\"\n", "x".repeat(60)));
        }
        std::fs::write(dir.path().join("example.test.zone"), zone).unwrap();
        std::fs::write(dir.path().join("signed.test.zone"), SIGNED).unwrap();
        std::fs::create_dir(dir.path().join("db")).unwrap();
        let port = common::free_port();
        let conf = dir.path().join("knot.conf");
        std::fs::write(&conf, knot_conf(dir.path(), port)).unwrap();
        let mut cmd = Command::new("knotd");
        cmd.arg("-c")
            .arg(&conf)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut peer = Peer::spawn("knotd", &mut cmd);
        if wait_knot(&mut peer, port) {
            return Some(Knot {
                _peer: peer,
                _dir: dir,
                port,
            });
        }
    }
    panic!("knotd did not start");
}

/// Readiness: kdig gets the signed zone's DNSKEYs (false if knotd exited).
fn wait_knot(peer: &mut Peer, port: u16) -> bool {
    let deadline = Instant::now() + Duration::from_secs(20);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = peer.child.try_wait() {
            return false;
        }
        let out = Command::new("kdig")
            .args(["@127.0.0.1", "-p", &port.to_string()])
            .args(["+short", "+retry=0", "+timeout=1", "signed.test", "DNSKEY"])
            .output()
            .unwrap();
        if String::from_utf8_lossy(&out.stdout).contains("257 3") {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

/// dig's layout, reduced to what both tools must agree on.
#[derive(Debug, PartialEq, Default)]
struct Parsed {
    status: String,
    flags: Vec<String>,
    /// Section name -> records, whitespace removed (dig splits base64 in groups).
    sections: BTreeMap<String, Vec<String>>,
}

fn parse_dig_layout(text: &str) -> Parsed {
    let mut p = Parsed::default();
    let mut section: Option<String> = None;
    for line in text.lines() {
        if let Some(rest) = line.split("status: ").nth(1) {
            p.status = rest.split(',').next().unwrap().to_string();
        } else if let Some(rest) = line.strip_prefix(";; flags:") {
            let f = rest.split(';').next().unwrap();
            p.flags = f.split_whitespace().map(str::to_string).collect();
            p.flags.sort();
        } else if let Some(name) = line
            .strip_prefix(";; ")
            .and_then(|l| l.strip_suffix(" SECTION:"))
        {
            section = Some(name.to_string());
        } else if line.trim().is_empty() {
            section = None;
        } else if let Some(s) = &section {
            if s != "QUESTION" && !line.starts_with(';') {
                let rec: String = line.split_whitespace().collect();
                p.sections.entry(s.clone()).or_default().push(rec);
            }
        }
    }
    for v in p.sections.values_mut() {
        v.sort();
    }
    p
}

fn dig(port: u16, args: &[&str]) -> String {
    let out = Command::new("dig")
        .args(["@127.0.0.1", "-p", &port.to_string()])
        .args(["+tries=1", "+time=2", "+noadflag", "+nocookie"])
        .args(args)
        .output()
        .expect("run dig");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// (netkit args, dig args) pairs that must give the same message.
fn cases() -> Vec<(Vec<&'static str>, Vec<&'static str>)> {
    let same = |v: &[&'static str]| (v.to_vec(), v.to_vec());
    vec![
        same(&["host.example.test", "A"]),
        same(&["host.example.test", "AAAA"]),
        same(&["www.example.test", "A"]),
        same(&["www.example.test", "CNAME"]),
        same(&["example.test", "MX"]),
        same(&["example.test", "NS"]),
        same(&["example.test", "TXT"]),
        same(&["example.test", "SOA"]),
        same(&["_sip._tcp.example.test", "SRV"]),
        same(&["example.test", "CAA"]),
        same(&["9.9.example.test", "PTR"]),
        same(&["opaque.example.test", "TYPE65534"]),
        same(&["www.sub.example.test", "A"]),
        same(&["nx.example.test", "A"]),
        same(&["host.example.test", "TXT"]),
        same(&["elsewhere.test", "A"]),
        (
            vec!["host.example.test", "A", "--norecurse"],
            vec!["host.example.test", "A", "+norecurse"],
        ),
        (
            vec!["www.signed.test", "A", "--dnssec"],
            vec!["www.signed.test", "A", "+dnssec"],
        ),
        (
            vec!["signed.test", "DNSKEY", "--dnssec"],
            vec!["signed.test", "DNSKEY", "+dnssec"],
        ),
        (
            vec!["nx.signed.test", "A", "--dnssec"],
            vec!["nx.signed.test", "A", "+dnssec"],
        ),
        (
            vec!["id.server", "TXT", "--class", "CH"],
            vec!["id.server", "TXT", "-c", "CH"],
        ),
    ]
}

#[test]
#[cfg_attr(
    not(all(peer = "knotd", peer = "kdig", peer = "dig")),
    ignore = "needs knotd, kdig, dig: sudo ./peers.sh"
)]
fn sections_flags_and_rcode_equal_digs() {
    let Some(k) = start_knot() else { return };
    if !common::require("dig") {
        return;
    }
    let server = k.server();
    for (ours, theirs) in cases() {
        let mut args = vec!["dns", "lookup"];
        args.extend(&ours);
        args.extend(["--server", &server, "--color", "never"]);
        let (code, out, err) = run(&args);
        assert!(!err.contains("panicked"), "{err}");
        let mine = parse_dig_layout(&out);
        let digs = parse_dig_layout(&dig(k.port, &theirs));
        assert!(!digs.status.is_empty(), "dig said nothing for {theirs:?}");
        assert_eq!(mine, digs, "{ours:?}\n{out}");
        let want = match digs.status.as_str() {
            "NOERROR" if digs.sections.contains_key("ANSWER") => 0,
            "NOERROR" if ours.contains(&"www.sub.example.test") => 1,
            "NOERROR" | "NXDOMAIN" => 1,
            _ => 3,
        };
        assert_eq!(code, want, "{ours:?}: {err}");
    }
}

#[test]
#[cfg_attr(
    not(all(peer = "knotd", peer = "kdig", peer = "dig")),
    ignore = "needs knotd, kdig, dig: sudo ./peers.sh"
)]
fn truncation_falls_back_to_tcp_and_axfr_equals_digs() {
    let Some(k) = start_knot() else { return };
    if !common::require("dig") {
        return;
    }
    let s = k.server();
    let base = ["dns", "lookup", "big.example.test", "TXT", "--server", &s];
    let (code, out, err) = run(&[&base[..], &["--bufsize", "512", "--json"]].concat());
    assert_eq!(code, 0, "{err}");
    let m = of_type(&json_lines(&out), "message")[0].clone();
    assert_eq!(
        (m["protocol"].as_str(), m["TC"].as_u64()),
        (Some("tcp"), Some(0))
    );
    assert_eq!(m["tc_retried"], true);
    assert_eq!(m["answerRRs"].as_array().unwrap().len(), 40);
    let (_, out, _) = run(&[&base[..], &["--bufsize", "512"]].concat());
    assert!(
        out.starts_with(";; Truncated, retrying in TCP mode."),
        "{out}"
    );
    let (_, out, _) = run(&[
        &base[..],
        &["--bufsize", "512", "--no-tcp-fallback", "--json"],
    ]
    .concat());
    let m = of_type(&json_lines(&out), "message")[0].clone();
    assert_eq!(
        (m["protocol"].as_str(), m["TC"].as_u64()),
        (Some("udp"), Some(1))
    );

    // AXFR: the same records as dig's, in the same order.
    let (code, out, err) = run(&[
        "dns",
        "lookup",
        "example.test",
        "AXFR",
        "--server",
        &s,
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let ev = json_lines(&out);
    let ours: Vec<String> = of_type(&ev, "message")
        .iter()
        .flat_map(|m| m["answerRRs"].as_array().cloned().unwrap_or_default())
        .map(|r| {
            let t = r["TYPEname"].as_str().unwrap().to_string();
            let data = r[format!("rdata{t}").as_str()]
                .as_str()
                .unwrap()
                .to_string();
            let line = format!(
                "{} {} {} {t} {data}",
                r["NAME"].as_str().unwrap(),
                r["TTL"],
                r["CLASSname"].as_str().unwrap()
            );
            line.split_whitespace().collect()
        })
        .collect();
    let theirs: Vec<String> = dig(k.port, &["example.test", "AXFR"])
        .lines()
        .filter(|l| !l.starts_with(';') && !l.trim().is_empty())
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert!(ours.len() > 40, "{out}");
    assert_eq!(ours, theirs);
    assert_eq!(of_type(&ev, "summary")[0]["answers"], theirs.len());
    // IXFR from the current serial: up to date, one SOA.
    let (code, out, err) = run(&[
        "dns",
        "lookup",
        "example.test",
        "IXFR=2026120201",
        "--server",
        &s,
        "--short",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.contains("2026120201"), "{out}");
}

#[test]
#[cfg_attr(
    not(all(peer = "knotd", peer = "kdig")),
    ignore = "needs knotd, kdig: sudo ./peers.sh"
)]
fn edns_options_idn_and_batches() {
    let Some(k) = start_knot() else { return };
    let s = k.server();
    let (code, out, err) = run(&[
        "dns",
        "lookup",
        "host.example.test",
        "A",
        "--server",
        &s,
        "--nsid",
        "--dnssec",
        "--id",
        "4242",
        "--subnet",
        "192.0.2.0/24",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let m = of_type(&json_lines(&out), "message")[0].clone();
    assert_eq!(m["ID"], 4242);
    assert_eq!(m["edns"]["DO"], true);
    let nsid = m["edns"]["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "NSID")
        .cloned();
    assert_eq!(nsid.unwrap()["text"], "knot-test");
    let (_, out, _) = run(&[
        "dns",
        "lookup",
        "host.example.test",
        "A",
        "--server",
        &s,
        "--nsid",
    ]);
    assert!(
        out.contains("; NSID: 6b 6e 6f 74 2d 74 65 73 74 (\"knot-test\")"),
        "{out}"
    );
    // Cookies (knot's mod-cookies): the first answer is BADCOOKIE with the
    // server's cookie; netkit asks again with it, as dig does.
    let (code, out, err) = run(&[
        "dns",
        "lookup",
        "host.example.test",
        "A",
        "--server",
        &s,
        "--cookie",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let m = of_type(&json_lines(&out), "message")[0].clone();
    let c = m["edns"]["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "COOKIE")
        .cloned()
        .unwrap();
    assert_eq!(
        (m["status"].as_str(), c["client"].as_str().unwrap().len()),
        (Some("NOERROR"), 16)
    );
    assert!(c["server"].as_str().unwrap().len() >= 16, "{c}");
    // No EDNS: no OPT pseudo-section, ARCOUNT 0.
    let (_, out, _) = run(&[
        "dns",
        "lookup",
        "host.example.test",
        "A",
        "--server",
        &s,
        "--no-edns",
        "--json",
    ]);
    let m = of_type(&json_lines(&out), "message")[0].clone();
    assert_eq!(m["ARCOUNT"], 0);
    assert!(m.get("edns").is_none());
    // An international name goes out in punycode.
    let (code, out, err) = run(&[
        "dns",
        "lookup",
        "bücher.example.test",
        "A",
        "--server",
        &s,
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let m = of_type(&json_lines(&out), "message")[0].clone();
    assert_eq!(m["QNAME"], "xn--bcher-kva.example.test.");
    assert_eq!(m["query"], "bücher.example.test");

    // A batch: input order, one summary at the end; a long line is refused.
    let mut input = String::new();
    for i in 0..300 {
        input.push_str(if i % 3 == 0 {
            "host.example.test A\n"
        } else {
            "mail.example.test A\n"
        });
    }
    let (code, out, err) = run_with_stdin(
        &["dns", "lookup", "-", "--server", &s, "--json"],
        Some(input.as_bytes()),
    );
    assert_eq!(code, 0, "{err}");
    let ev = json_lines(&out);
    let names: Vec<&str> = of_type(&ev, "message")
        .iter()
        .map(|m| m["query"].as_str().unwrap())
        .collect();
    let want: Vec<&str> = input
        .lines()
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(names, want);
    let b = of_type(&ev, "batch");
    assert_eq!(b.len(), 1);
    assert_eq!(
        (b[0]["queries"].as_u64(), b[0]["answered"].as_u64()),
        (Some(300), Some(300))
    );
    let long = format!("{}\n", "a".repeat(100_000));
    let (code, _, err) = run_with_stdin(
        &["dns", "lookup", "-", "--server", &s],
        Some(long.as_bytes()),
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("longer than 255 bytes") && err.len() < 300,
        "{err}"
    );
}

#[test]
#[cfg_attr(not(peer = "dnsmasq"), ignore = "needs dnsmasq: sudo ./peers.sh")]
fn the_server_answers_localhost_and_cnames_are_not_chased() {
    if !common::require("dnsmasq") {
        return;
    }
    let port = common::free_port();
    let mut cmd = Command::new("dnsmasq");
    cmd.args([
        "--no-daemon",
        "--no-resolv",
        "--no-hosts",
        "--bind-interfaces",
        "--pid-file=",
        "--log-facility=/dev/null",
        "--listen-address=127.0.0.1",
        "--local=/example.test/",
        "--address=/localhost/10.9.9.9",
        "--host-record=example.test,10.0.0.1",
        "--cname=www.example.test,example.test",
    ])
    .arg(format!("--port={port}"))
    .stdin(Stdio::null())
    .stdout(Stdio::null())
    .stderr(Stdio::null());
    let _peer = Peer::spawn("dnsmasq", &mut cmd);
    let s = format!("127.0.0.1:{port}");
    let deadline = Instant::now() + Duration::from_secs(10);
    let ask = |args: &[&str]| {
        let mut v = vec!["dns", "lookup"];
        v.extend(args);
        v.extend(["--server", &s, "--json", "--timeout", "200ms"]);
        run(&v)
    };
    while ask(&["example.test", "A"]).0 != 0 {
        assert!(Instant::now() < deadline, "dnsmasq did not answer");
    }
    let (code, out, _) = ask(&["localhost", "A", "--short"]);
    assert_eq!(code, 0);
    let m = of_type(&json_lines(&out), "message")[0].clone();
    assert_eq!(m["answerRRs"][0]["rdataA"], "10.9.9.9");
    let (_, out, _) = ask(&["www.example.test", "CNAME"]);
    let m = of_type(&json_lines(&out), "message")[0].clone();
    assert_eq!(m["ANCOUNT"], 1);
    assert_eq!(m["answerRRs"][0]["rdataCNAME"], "example.test.");
    // dns diff: the system answers localhost from the hosts file, the server
    // says 10.9.9.9. The resolv.conf is ours (the machine's servers are never
    // asked), and only `localhost` goes to getaddrinfo (the hosts file answers it).
    let dir = tempfile::tempdir().unwrap();
    let rc = dir.path().join("resolv.conf");
    std::fs::write(&rc, format!("nameserver {s}\n")).unwrap();
    let (code, out, err) = run(&[
        "dns",
        "diff",
        "localhost",
        "--resolv-conf",
        rc.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(code, 1, "{err}");
    let ev = json_lines(&out);
    let views = of_type(&ev, "view");
    assert_eq!(views[1]["addresses"], serde_json::json!(["10.9.9.9"]));
    assert!(
        !views[0]["addresses"].as_array().unwrap().is_empty(),
        "{out}"
    );
    assert_eq!(of_type(&ev, "difference")[0]["kind"], "hosts_file", "{out}");
    // --resolve is the resolver's view: hickory answers localhost itself.
    let (_, out, _) = run(&[
        "dns",
        "lookup",
        "localhost",
        "A",
        "--resolve",
        "--server",
        &s,
        "--short",
    ]);
    assert_eq!(out.trim(), "127.0.0.1");
}

/// A Python server answering by the first label: garbage, short, wrongid (a
/// wrong ID first, then the right answer), wrongq (only a wrong question).
fn fake_server() -> (Peer, u16) {
    let script = r#"
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1], flush=True)
def answer(q, qid, question):
    return qid + bytes([0x81, 0x80]) + b"\x00\x01\x00\x01\x00\x00\x00\x00" + question + \
        b"\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x04\x0a\x00\x00\x01"
while True:
    q, peer = s.recvfrom(4096)
    if len(q) < 12:
        continue
    i = 12
    while q[i] != 0:
        i += q[i] + 1
    question = q[12:i + 5]
    label = q[13:13 + q[12]]
    if label == b"garbage":
        s.sendto(q[:2] + b"\x81\x80\xff\xff\xff\xff" + b"\x07" * 30, peer)
    elif label == b"short":
        s.sendto(q[:5], peer)
    elif label == b"wrongid":
        bad = bytes([q[0] ^ 0xff, q[1]])
        s.sendto(answer(q, bad, question), peer)
        s.sendto(answer(q, q[:2], question), peer)
    elif label == b"wrongq":
        other = b"\x05other\x04test\x00\x00\x01\x00\x01"
        s.sendto(q[:2] + b"\x81\x80\x00\x01\x00\x00\x00\x00\x00\x00" + other, peer)
"#;
    python_server("fake DNS server", script)
}

/// Start a Python UDP server that prints its port first; (the peer, its port).
fn python_server(what: &str, script: &str) -> (Peer, u16) {
    let mut cmd = common::python_command();
    cmd.arg("-c")
        .arg(script)
        .stdout(Stdio::piped())
        .stdin(Stdio::null());
    let mut peer = Peer::spawn(what, &mut cmd);
    let lines = Lines::new(peer.child.stdout.take().unwrap());
    let port = lines
        .next(Duration::from_secs(10))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    (peer, port)
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn bad_replies_are_ignored_then_exit_3() {
    if !common::require_python(&[]) {
        return;
    }
    let (_peer, port) = fake_server();
    let s = format!("127.0.0.1:{port}");
    let ask = |name: &str| {
        run(&[
            "dns",
            "lookup",
            name,
            "A",
            "--server",
            &s,
            "--timeout",
            "300ms",
            "--retries",
            "0",
        ])
    };
    let (code, out, err) = ask("wrongid.test");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("10.0.0.1"), "{out}");
    for (name, why) in [
        ("garbage.test", "malformed reply"),
        ("short.test", "a truncated packet of 5 bytes"),
        ("wrongq.test", "wrong question other.test."),
    ] {
        let (code, _, err) = ask(name);
        assert_eq!(code, 3, "{name}: {err}");
        assert!(
            err.contains("ignored 1 reply") && err.contains(why),
            "{name}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

/// A Python server for batches: answers `nN`/`dropN`/`lateN`/`wrongidN` with
/// 10.0.0.N; drops the first copy of each `drop` query (the retry is answered),
/// holds `late` answers until the next query has been answered (out of order),
/// sends a wrong-ID copy before each `wrongid` answer, and never answers `silent`.
fn batch_server() -> (Peer, u16) {
    let script = r#"
import re, socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1], flush=True)
seen, held = set(), []
def answer(qid, question, n):
    return qid + bytes([0x81, 0x80]) + b"\x00\x01\x00\x01\x00\x00\x00\x00" + question + \
        b"\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x04\x0a\x00\x00" + bytes([n])
while True:
    q, peer = s.recvfrom(4096)
    i = 12
    while q[i] != 0:
        i += q[i] + 1
    question = q[12:i + 5]
    label = q[13:13 + q[12]].decode()
    if label == "silent":
        continue
    if label.startswith("drop") and question not in seen:
        seen.add(question)
        continue
    n = int(re.sub(r"\D", "", label))
    if label.startswith("wrongid"):
        s.sendto(answer(bytes([q[0] ^ 0xff, q[1]]), question, 99), peer)
    reply = answer(q[:2], question, n)
    if label.startswith("late"):
        held.append((reply, peer))
        continue
    s.sendto(reply, peer)
    for r, p in held:
        s.sendto(r, p)
    held.clear()
"#;
    python_server("fake DNS batch server", script)
}

/// A stdin batch over UDP has many queries in flight on one socket: every
/// reply is matched to its query whatever its order, a lost query is sent again,
/// a wrong-ID datagram is ignored, and the output keeps the input order.
#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn a_pipelined_batch_matches_replies_in_any_order() {
    if !common::require_python(&[]) {
        return;
    }
    let (_peer, port) = batch_server();
    let s = format!("127.0.0.1:{port}");
    let mut names: Vec<String> = (1..=40).map(|n| format!("n{n}.test")).collect();
    names[2] = "drop3.test".into();
    names[4] = "late5.test".into();
    names[8] = "wrongid9.test".into();
    names[20] = "late21.test".into();
    names[30] = "drop31.test".into();
    let input: String = names.iter().map(|n| format!("{n} A\n")).collect();
    let batch = |input: &str| {
        common::run_with_stdin(
            &[
                "dns",
                "lookup",
                "-",
                "--server",
                &s,
                "--json",
                "--timeout",
                "300ms",
                "--retries",
                "1",
                "--concurrency",
                "8",
            ],
            Some(input.as_bytes()),
        )
    };
    let (code, out, err) = batch(&input);
    assert_eq!(code, 0, "{err}");
    let events = json_lines(&out);
    let messages = of_type(&events, "message");
    let got: Vec<(String, String)> = messages
        .iter()
        .map(|m| {
            (
                m["query"].as_str().unwrap().to_string(),
                m["answerRRs"][0]["rdataA"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.clone(), format!("10.0.0.{}", i + 1)))
        .collect();
    assert_eq!(got, want);
    let summary = &of_type(&events, "batch")[0];
    assert_eq!(
        (summary["queries"].as_u64(), summary["answered"].as_u64()),
        (Some(40), Some(40))
    );

    // One that never answers: the others still do, and it alone fails (exit 3).
    let (code, out, err) = batch("n1.test A\nsilent.test A\nn3.test A\n");
    assert_eq!(code, 3, "{err}");
    let answered: Vec<_> = of_type(&json_lines(&out), "message")
        .iter()
        .map(|m| m["query"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(answered, ["n1.test", "n3.test"]);
    assert!(out.contains("silent.test"), "{out}");
}
