//! `netkit dns lookup --trace` through a root → TLD → zone hierarchy of three
//! knotd instances on 127.0.0.1, 127.0.0.2 and 127.0.0.3 (all loopback) on one
//! port, compared step by step with `dig +norecurse` against the server of each
//! step (`dig +trace` itself resolves name-server names through the system
//! resolver, off loopback, so it is not run here).

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{json_lines, of_type, run, Peer};

const ROOT: &str = ". 3600 IN SOA ns.root. h.root. 1 3600 600 86400 300
. 3600 IN NS ns.root.
ns.root. 3600 IN A 127.0.0.1
test. 3600 IN NS ns.test.
ns.test. 3600 IN A 127.0.0.2
";
const TLD: &str = "test. 3600 IN SOA ns.test. h.test. 1 3600 600 86400 300
test. 3600 IN NS ns.test.
ns.test. 3600 IN A 127.0.0.2
example.test. 3600 IN NS ns.example.test.
ns.example.test. 3600 IN A 127.0.0.3
";
const ZONE: &str = "example.test. 3600 IN SOA ns.example.test. h.example.test. 1 3600 600 86400 300
example.test. 3600 IN NS ns.example.test.
ns.example.test. 3600 IN A 127.0.0.3
host.example.test. 3600 IN A 10.0.0.5
";

struct Hierarchy {
    _peers: Vec<Peer>,
    dir: tempfile::TempDir,
    port: u16,
}

fn start_one(dir: &std::path::Path, ip: &str, port: u16, zone: &str, text: &str) -> Peer {
    let sub = dir.join(ip);
    std::fs::create_dir_all(sub.join("db")).unwrap();
    let file = if zone == "." { "root" } else { zone };
    std::fs::write(sub.join(format!("{file}.zone")), text).unwrap();
    let d = sub.display();
    let conf = format!(
        "server:\n    rundir: \"{d}\"\n    listen: {ip}@{port}\ndatabase:\n    storage: \"{d}/db\"\n\
         log:\n  - target: stderr\n    any: error\n\
         zone:\n  - domain: \"{zone}\"\n    storage: \"{d}\"\n    file: \"{file}.zone\"\n    zonefile-sync: -1\n    journal-content: none\n"
    );
    std::fs::write(sub.join("knot.conf"), conf).unwrap();
    let mut cmd = Command::new("knotd");
    cmd.arg("-c")
        .arg(sub.join("knot.conf"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    Peer::spawn("knotd", &mut cmd)
}

/// Readiness: every instance answers its SOA.
fn ready(port: u16) -> bool {
    let deadline = Instant::now() + Duration::from_secs(15);
    let soa = |ip: &str, zone: &str| {
        let out = Command::new("kdig")
            .args([
                &format!("@{ip}"),
                "-p",
                &port.to_string(),
                "+short",
                "+retry=0",
                "+timeout=1",
                zone,
                "SOA",
            ])
            .output()
            .unwrap();
        !out.stdout.is_empty()
    };
    while Instant::now() < deadline {
        if soa("127.0.0.1", ".") && soa("127.0.0.2", "test.") && soa("127.0.0.3", "example.test.") {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

fn start() -> Option<Hierarchy> {
    if !(common::require("knotd") && common::require("kdig")) {
        return None;
    }
    for _ in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let port = common::free_port();
        let peers = vec![
            start_one(dir.path(), "127.0.0.1", port, ".", ROOT),
            start_one(dir.path(), "127.0.0.2", port, "test.", TLD),
            start_one(dir.path(), "127.0.0.3", port, "example.test.", ZONE),
        ];
        if ready(port) {
            std::fs::write(
                dir.path().join("hints"),
                ". 3600 NS ns.root.\nns.root. 3600 A 127.0.0.1\n",
            )
            .unwrap();
            return Some(Hierarchy {
                _peers: peers,
                dir,
                port,
            });
        }
    }
    panic!("the knotd hierarchy did not start");
}

/// netkit's trace blocks: the records of each step (whitespace removed, sorted).
fn blocks(text: &str) -> Vec<Vec<String>> {
    let mut blocks = vec![];
    let mut cur: Vec<String> = vec![];
    for l in text.lines() {
        if l.starts_with(";; Received") {
            cur.sort();
            blocks.push(std::mem::take(&mut cur));
        } else if !l.starts_with(';') && !l.trim().is_empty() {
            cur.push(l.split_whitespace().collect());
        }
    }
    blocks
}

/// One section of `dig +norecurse` against one server (NS records only for AUTHORITY).
fn dig_section(ip: &str, port: &str, name: &str, t: &str, section: &str) -> Vec<String> {
    let out = Command::new("dig")
        .args([
            &format!("@{ip}"),
            "-p",
            port,
            "+norecurse",
            "+nocookie",
            "+tries=1",
            "+time=2",
            name,
            t,
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut inside = false;
    let mut v: Vec<String> = vec![];
    for l in text.lines() {
        if l.starts_with(";; ") && l.ends_with(" SECTION:") {
            inside = l == format!(";; {section} SECTION:");
        } else if l.trim().is_empty() {
            inside = false;
        } else if inside && (section != "AUTHORITY" || l.contains("\tNS\t")) {
            v.push(l.split_whitespace().collect());
        }
    }
    v.sort();
    v
}

#[test]
#[cfg_attr(
    not(all(peer = "knotd", peer = "kdig", peer = "dig")),
    ignore = "needs knotd, kdig, dig: sudo ./peers.sh"
)]
fn trace_follows_the_delegations_like_dig() {
    let Some(h) = start() else { return };
    if !common::require("dig") {
        return;
    }
    let hints = h.dir.path().join("hints");
    let port = h.port.to_string();
    let args = [
        "dns",
        "lookup",
        "host.example.test",
        "A",
        "--trace",
        "--port",
        &port,
        "--root-hints",
        hints.to_str().unwrap(),
    ];
    let (code, out, err) = run(&[&args[..], &["--color", "never"]].concat());
    assert_eq!(code, 0, "{err}");
    let ours = blocks(&out);
    // dig +trace looks the name servers' addresses up through the system's
    // resolver (not the glue), which would leave loopback: compare each step
    // with dig +norecurse against the server of that step instead.
    let theirs = vec![
        dig_section("127.0.0.1", &port, ".", "NS", "ANSWER"),
        dig_section("127.0.0.1", &port, "host.example.test", "A", "AUTHORITY"),
        dig_section("127.0.0.2", &port, "host.example.test", "A", "AUTHORITY"),
        dig_section("127.0.0.3", &port, "host.example.test", "A", "ANSWER"),
    ];
    assert_eq!(ours.len(), 4, "{out}");
    assert!(theirs.iter().all(|b| !b.is_empty()), "{theirs:?}");
    assert_eq!(ours, theirs, "{out}");
    // JSON: one trace_step per step, the servers on the way.
    let (_, out, _) = run(&[&args[..], &["--json"]].concat());
    let ev = json_lines(&out);
    let servers: Vec<&str> = of_type(&ev, "trace_step")
        .iter()
        .map(|s| s["server"].as_str().unwrap())
        .collect();
    let want: Vec<String> = ["127.0.0.1", "127.0.0.1", "127.0.0.2", "127.0.0.3"]
        .iter()
        .map(|ip| format!("{ip}#{port}"))
        .collect();
    assert_eq!(servers, want);
    // A name that does not exist: the last step says NXDOMAIN, exit 1.
    let (code, _, err) = run(&[
        "dns",
        "lookup",
        "nope.example.test",
        "A",
        "--trace",
        "--port",
        &port,
        "--root-hints",
        hints.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("NXDOMAIN"), "{err}");
}
