//! `netkit dns` against real peers: a dnsmasq started by each test on a free
//! loopback port (every record type, NXDOMAIN, NODATA, REFUSED; UDP and TCP),
//! answers compared with `dig +short` type by type; a Python responder that
//! answers SERVFAIL; a silent UDP socket for timeouts; getaddrinfo compared with
//! Python's `socket.getaddrinfo` field by field; exit codes for every failure.

mod common;

use std::net::UdpSocket;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{json_lines, of_type, run, run_with_stdin, Lines, Peer};
use serde_json::Value;

/// SOA rdata for example.test (ns1.example.test. hostmaster.example.test. 2026112901 3600 600 86400 300).
const SOA_HEX: &str = "036e7331076578616d706c650474657374000a686f73746d6173746572076578616d706c6504746573740078c4078500000e1000000258000151800000012c";
/// NS rdata: ns1.example.test.
const NS_HEX: &str = "036e7331076578616d706c65047465737400";

/// A dnsmasq serving example.test on 127.0.0.1:port (killed on drop).
struct Dnsmasq {
    _peer: Peer,
    port: u16,
    ip: &'static str,
}

impl Dnsmasq {
    fn server(&self) -> String {
        let ip: std::net::IpAddr = self.ip.parse().unwrap();
        std::net::SocketAddr::new(ip, self.port).to_string()
    }
}

fn dnsmasq_args(port: u16, ip: &str) -> Vec<String> {
    let mut v: Vec<String> = [
        "--no-daemon",
        "--no-resolv",
        "--no-hosts",
        "--bind-interfaces",
        "--pid-file=",
        "--log-facility=/dev/null",
        "--local=/example.test/",
        "--address=/addr.example.test/10.1.2.3",
        "--host-record=host.example.test,10.0.0.5,fd00::5",
        "--host-record=v4only.example.test,10.0.0.6",
        "--cname=www.example.test,alias2.example.test",
        "--cname=alias2.example.test,host.example.test",
        "--mx-host=example.test,mail.example.test,10",
        "--txt-record=example.test,v=spf1 -all,second string",
        "--srv-host=_sip._tcp.example.test,sip.example.test,5060,10,20",
        "--ptr-record=9.9.0.10.in-addr.arpa,printer.example.test",
        "--caa-record=example.test,0,issue,letsencrypt.org",
        "--dns-rr=opaque.example.test,65534,01020304",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.push(format!("--dns-rr=example.test,2,{NS_HEX}"));
    v.push(format!("--dns-rr=example.test,6,{SOA_HEX}"));
    v.push(format!("--port={port}"));
    v.push(format!("--listen-address={ip}"));
    v
}

/// Start dnsmasq and wait until it answers a query (retrying on a port clash).
fn start_dnsmasq() -> Option<Dnsmasq> {
    start_dnsmasq_on("127.0.0.1")
}

fn start_dnsmasq_on(ip: &'static str) -> Option<Dnsmasq> {
    if !common::require("dnsmasq") {
        return None;
    }
    for _ in 0..5 {
        let port = common::free_port();
        let mut cmd = Command::new("dnsmasq");
        cmd.args(dnsmasq_args(port, ip))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut peer = Peer::spawn("dnsmasq", &mut cmd);
        if wait_dns(&mut peer, ip, port) {
            return Some(Dnsmasq {
                _peer: peer,
                port,
                ip,
            });
        }
    }
    panic!("dnsmasq did not start");
}

/// A minimal query (host.example.test A) as bytes, RFC 1035 §4.1.
fn probe_query() -> Vec<u8> {
    let mut q = vec![0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0];
    for label in ["host", "example", "test"] {
        q.push(label.len() as u8);
        q.extend_from_slice(label.as_bytes());
    }
    q.extend_from_slice(&[0, 0, 1, 0, 1]);
    q
}

/// Readiness: dnsmasq answers a UDP query (false if it exited, e.g. port in use).
fn wait_dns(peer: &mut Peer, ip: &str, port: u16) -> bool {
    let sock = UdpSocket::bind((ip, 0)).unwrap();
    sock.set_read_timeout(Some(Duration::from_millis(50)))
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut buf = [0u8; 512];
    while Instant::now() < deadline {
        if let Ok(Some(_)) = peer.child.try_wait() {
            return false;
        }
        let _ = sock.send_to(&probe_query(), (ip, port));
        if let Ok((n, _)) = sock.recv_from(&mut buf) {
            if n > 12 && buf[0] == 0x12 && buf[1] == 0x34 {
                return true;
            }
        }
    }
    false
}

fn dig_short(port: u16, name: &str, rtype: &str, tcp: bool) -> Vec<String> {
    let mut c = Command::new("dig");
    c.arg("@127.0.0.1")
        .arg("-p")
        .arg(port.to_string())
        .args(["+short", "+tries=1", "+time=2", name, rtype]);
    if tcp {
        c.arg("+tcp");
    }
    let out = c.output().expect("run dig");
    sorted_lines(&String::from_utf8_lossy(&out.stdout))
}

fn sorted_lines(s: &str) -> Vec<String> {
    let mut v: Vec<String> = s
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    v.sort();
    v
}

#[test]
#[cfg_attr(
    not(all(peer = "dig", peer = "dnsmasq")),
    ignore = "needs dig, dnsmasq: sudo ./peers.sh"
)]
fn every_type_matches_dig_over_udp_and_tcp() {
    let Some(d) = start_dnsmasq() else { return };
    if !common::require("dig") {
        return;
    }
    let cases = [
        ("host.example.test", "A"),
        ("host.example.test", "AAAA"),
        ("addr.example.test", "A"),
        ("www.example.test", "CNAME"),
        ("www.example.test", "A"),
        ("example.test", "MX"),
        ("example.test", "NS"),
        ("example.test", "TXT"),
        ("example.test", "SOA"),
        ("9.9.0.10.in-addr.arpa", "PTR"),
        ("_sip._tcp.example.test", "SRV"),
        ("example.test", "CAA"),
        ("opaque.example.test", "TYPE65534"),
    ];
    for tcp in [false, true] {
        for (name, t) in cases {
            let mut args = vec!["dns", "lookup", name, t, "--short", "--server"];
            let server = d.server();
            args.push(&server);
            if tcp {
                args.push("--tcp");
            }
            let (code, out, err) = run(&args);
            assert_eq!(code, 0, "{name} {t} tcp={tcp}: {err}");
            let ours = sorted_lines(&out);
            let theirs = dig_short(d.port, name, t, tcp);
            assert!(!theirs.is_empty(), "dig gave nothing for {name} {t}");
            assert_eq!(ours, theirs, "{name} {t} (tcp={tcp})");
        }
    }
}

#[test]
#[cfg_attr(not(peer = "dnsmasq"), ignore = "needs dnsmasq: sudo ./peers.sh")]
fn json_records_and_summary() {
    let Some(d) = start_dnsmasq() else { return };
    let (code, out, err) = run(&[
        "dns",
        "lookup",
        "example.test",
        "TXT",
        "MX",
        "--server",
        &d.server(),
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let ev = json_lines(&out);
    let recs = answers(&ev);
    assert_eq!(recs.len(), 2, "{out}");
    let txt = recs.iter().find(|r| r["TYPEname"] == "TXT").unwrap();
    assert_eq!(txt["rdataTXT"], "\"v=spf1 -all\" \"second string\"");
    assert_eq!(txt["NAME"], "example.test.");
    assert_eq!(txt["CLASSname"], "IN");
    assert_eq!(txt["TYPE"], 16);
    assert_eq!(
        txt["RDATAHEX"],
        "0B763D73706631202D616C6C0D7365636F6E6420737472696E67"
    );
    let mx = recs.iter().find(|r| r["TYPEname"] == "MX").unwrap();
    assert_eq!(mx["rdataMX"], "10 mail.example.test.");
    let msgs = of_type(&ev, "message");
    assert_eq!(msgs.len(), 2);
    for m in msgs {
        assert_eq!(
            (m["QR"].clone(), m["AA"].clone(), m["RCODE"].clone()),
            (1.into(), 1.into(), 0.into())
        );
        assert_eq!(m["ANCOUNT"], 1);
        assert_eq!(m["ARCOUNT"], 1, "the OPT record counts");
        assert_eq!(m["edns"]["udp"], 1232);
    }
    let sums = of_type(&ev, "summary");
    assert_eq!(sums.len(), 2);
    for s in sums {
        assert_eq!(s["status"], "NOERROR");
        assert_eq!(s["server"], d.server());
        assert_eq!(s["protocol"], "udp");
        assert!(s["query_time_ms"].as_f64().unwrap() >= 0.0);
    }
    // Human output is dig's layout.
    let (_, out, _) = run(&[
        "dns",
        "lookup",
        "host.example.test",
        "A",
        "--server",
        &d.server(),
    ]);
    assert!(
        out.contains(";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: "),
        "{out}"
    );
    assert!(
        out.contains(";; flags: qr aa rd ra; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1"),
        "{out}"
    );
    let rec = out
        .lines()
        .skip_while(|l| !l.starts_with(";; ANSWER"))
        .nth(1)
        .unwrap();
    let cols: Vec<&str> = rec.split('\t').collect();
    assert_eq!(cols, ["host.example.test.", "0", "IN", "A", "10.0.0.5"]);
    let server = format!(";; SERVER: 127.0.0.1#{}(127.0.0.1) (UDP)", d.port);
    assert!(out.contains(&server), "{out}");
}

/// Every answer record of every `message` event.
fn answers(ev: &[Value]) -> Vec<Value> {
    of_type(ev, "message")
        .iter()
        .flat_map(|m| m["answerRRs"].as_array().cloned().unwrap_or_default())
        .collect()
}

#[test]
#[cfg_attr(not(peer = "dnsmasq"), ignore = "needs dnsmasq: sudo ./peers.sh")]
fn negative_answers_exit_1() {
    let Some(d) = start_dnsmasq() else { return };
    let s = d.server();
    let (code, _, err) = run(&["dns", "lookup", "nope.example.test", "--server", &s]);
    assert_eq!(code, 1);
    assert!(err.contains("no such name"), "{err}");
    let (code, out, _) = run(&[
        "dns",
        "lookup",
        "nope.example.test",
        "A",
        "--server",
        &s,
        "--json",
    ]);
    assert_eq!(code, 1);
    let ev = json_lines(&out);
    assert_eq!(of_type(&ev, "summary")[0]["status"], "NXDOMAIN");
    assert_eq!(of_type(&ev, "error")[0]["kind"], "nxdomain");

    let (code, _, err) = run(&[
        "dns",
        "lookup",
        "v4only.example.test",
        "AAAA",
        "--server",
        &s,
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("has no AAAA record") && err.contains("NODATA"),
        "{err}"
    );
    // With the default types, one of A/AAAA answering is success.
    let (code, out, err) = run(&["dns", "lookup", "v4only.example.test", "--server", &s]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("10.0.0.6") && out.contains("NODATA"), "{out}");
}

#[test]
#[cfg_attr(
    not(all(peer = "dnsmasq", peer = "python3")),
    ignore = "needs dnsmasq, python3: sudo ./peers.sh"
)]
fn refused_and_servfail_exit_3() {
    let Some(d) = start_dnsmasq() else { return };
    // dnsmasq with no upstream refuses names outside its local domain.
    let (code, _, err) = run(&[
        "dns",
        "lookup",
        "elsewhere.example",
        "A",
        "--server",
        &d.server(),
        "--retries",
        "0",
    ]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("REFUSED"), "{err}");

    if !common::require("python3") {
        return;
    }
    let (_peer, port) = servfail_responder();
    let (code, out, err) = run(&[
        "dns",
        "lookup",
        "any.test",
        "A",
        "--server",
        &format!("127.0.0.1:{port}"),
        "--retries",
        "0",
        "--json",
    ]);
    assert_eq!(code, 3, "{out} {err}");
    let ev = json_lines(&out);
    assert_eq!(of_type(&ev, "summary")[0]["status"], "SERVFAIL");
    assert!(of_type(&ev, "error")[0]["message"]
        .as_str()
        .unwrap()
        .contains("SERVFAIL"));
}

/// A Python UDP responder that answers every query with SERVFAIL.
fn servfail_responder() -> (Peer, u16) {
    let script = r#"
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1], flush=True)
while True:
    q, peer = s.recvfrom(4096)
    if len(q) < 12:
        continue
    # same id; QR, opcode 0, RD copied, RA, rcode 2; the question echoed; no records
    i = 12
    while q[i] != 0:
        i += q[i] + 1
    question = q[12:i + 5]
    s.sendto(q[:2] + bytes([0x81, 0x82]) + b"\x00\x01\x00\x00\x00\x00\x00\x00" + question, peer)
"#;
    let mut cmd = common::python_command();
    cmd.arg("-c")
        .arg(script)
        .stdout(Stdio::piped())
        .stdin(Stdio::null());
    let mut peer = Peer::spawn("servfail responder", &mut cmd);
    let lines = Lines::new(peer.child.stdout.take().unwrap());
    let port: u16 = lines
        .next(Duration::from_secs(10))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    (peer, port)
}

#[test]
fn silent_server_times_out_with_exit_3() {
    let silent = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = silent.local_addr().unwrap().to_string();
    let start = Instant::now();
    let (code, out, err) = run(&[
        "dns",
        "lookup",
        "example.test",
        "A",
        "--server",
        &addr,
        "--timeout",
        "200ms",
        "--retries",
        "1",
        "--json",
    ]);
    let took = start.elapsed();
    assert_eq!(code, 3, "{out} {err}");
    let ev = json_lines(&out);
    assert_eq!(of_type(&ev, "summary")[0]["status"], "TIMEOUT");
    let e = of_type(&ev, "error")[0];
    assert_eq!(e["kind"], "timeout");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("timed out after 400 ms"),
        "{e}"
    );
    assert!(
        took >= Duration::from_millis(380) && took < Duration::from_secs(5),
        "{took:?}"
    );
}

#[test]
fn bad_input_exits_2() {
    let long_label = format!("{}.test", "x".repeat(64));
    let long_name = vec!["abcdefghi"; 26].join(".");
    let cases: Vec<Vec<&str>> = vec![
        vec!["dns", "lookup", "", "--server", "127.0.0.1"],
        vec!["dns", "lookup", &long_label, "--server", "127.0.0.1"],
        vec!["dns", "lookup", &long_name, "--server", "127.0.0.1"],
        vec!["dns", "lookup", "a..b", "--server", "127.0.0.1"],
        vec![
            "dns",
            "lookup",
            "example.test",
            "BOGUS",
            "--server",
            "127.0.0.1",
        ],
        vec!["dns", "lookup", "example.test", "--server", "not-an-ip"],
        vec!["dns", "lookup", "example.test", "--server", "1.2.3.4:99999"],
        vec![
            "dns",
            "lookup",
            "example.test",
            "MX",
            "--hostent",
            "--server",
            "127.0.0.1",
        ],
        vec!["dns", "reverse", "not-an-address"],
        vec![
            "dns",
            "lookup",
            "x.test",
            "--server",
            "127.0.0.1",
            "--class",
            "BOGUS",
        ],
        vec![
            "dns",
            "lookup",
            "x.test",
            "--server",
            "127.0.0.1",
            "--subnet",
            "10.0.0.0/33",
        ],
        vec![
            "dns",
            "lookup",
            "x.test",
            "IXFR=abc",
            "--server",
            "127.0.0.1",
        ],
        vec!["dns", "lookup", "x.test", "--server", "[::1]:0"],
    ];
    for args in cases {
        let (code, out, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {out} {err}");
        assert!(err.contains("netkit: error:"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    // A bare IPv6 literal whose last group looks like a port is warned about
    // (the bad class stops the command before anything is sent).
    let (code, _, err) = run(&[
        "dns", "lookup", "x.test", "--server", "::1:53", "--class", "NOPE",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean [::1]:53?"), "{err}");
    let (code, _, err) = run(&["dns", "lookup", "x.test", "--server", "[::1]:0"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("port 0 is not a destination"), "{err}");
    let (code, out, _) = run(&["dns", "lookup", "example.test", "BOGUS", "--json"]);
    assert_eq!(code, 2);
    assert_eq!(json_lines(&out)[0]["type"], "error");
}

#[test]
#[cfg_attr(not(peer = "dnsmasq"), ignore = "needs dnsmasq: sudo ./peers.sh")]
fn hostent_view() {
    let Some(d) = start_dnsmasq() else { return };
    let (code, out, err) = run(&[
        "dns",
        "lookup",
        "www.example.test",
        "--hostent",
        "--server",
        &d.server(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.trim(),
        "('host.example.test', ['www.example.test', 'alias2.example.test'], ['10.0.0.5'])"
    );
    let (_, out, _) = run(&[
        "dns",
        "lookup",
        "host.example.test",
        "A",
        "AAAA",
        "--hostent",
        "--server",
        &d.server(),
        "--json",
    ]);
    let h = &json_lines(&out)[0];
    assert_eq!(h["type"], "hostent");
    assert_eq!(h["canonical"], "host.example.test");
    assert_eq!(h["aliases"], serde_json::json!([]));
    assert_eq!(h["addresses"], serde_json::json!(["10.0.0.5", "fd00::5"]));
}

#[test]
#[cfg_attr(not(peer = "dnsmasq"), ignore = "needs dnsmasq: sudo ./peers.sh")]
fn batch_from_stdin_keeps_input_order() {
    let Some(d) = start_dnsmasq() else { return };
    let input = "# names\nhost.example.test A\naddr.example.test\nexample.test MX\n\nv4only.example.test A\n";
    let (code, out, err) = run_with_stdin(
        &[
            "dns",
            "lookup",
            "-",
            "--server",
            &d.server(),
            "--json",
            "--concurrency",
            "3",
        ],
        Some(input.as_bytes()),
    );
    assert_eq!(code, 0, "{err}");
    let ev = json_lines(&out);
    let order: Vec<(String, String)> = of_type(&ev, "summary")
        .iter()
        .map(|s| {
            (
                s["query"].as_str().unwrap().to_string(),
                s["qtype"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("host.example.test", "A"),
        ("addr.example.test", "A"),
        ("addr.example.test", "AAAA"),
        ("example.test", "MX"),
        ("v4only.example.test", "A"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(order, want);

    // Many names, one failing: exit 1 and the rest still answered, in order.
    let mut input = String::new();
    for i in 0..200 {
        input.push_str(if i == 150 {
            "missing.example.test A\n"
        } else {
            "host.example.test A\n"
        });
    }
    let (code, out, err) = run_with_stdin(
        &["dns", "lookup", "-", "--server", &d.server(), "--short"],
        Some(input.as_bytes()),
    );
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        out.lines().filter(|l| *l == "10.0.0.5").count(),
        199,
        "{out}"
    );
    assert!(err.contains("no such name: missing.example.test"), "{err}");

    // A bad line is a usage error naming the line.
    let (code, _, err) = run_with_stdin(
        &["dns", "lookup", "-", "--server", &d.server()],
        Some(b"host.example.test A\nhost.example.test NOTATYPE\n"),
    );
    assert_eq!(code, 2);
    assert!(err.contains("stdin line 2"), "{err}");
}

#[test]
#[cfg_attr(
    not(all(peer = "dnsmasq", peer = "python3")),
    ignore = "needs dnsmasq, python3: sudo ./peers.sh"
)]
fn reverse_through_dns_and_system() {
    let Some(d) = start_dnsmasq() else { return };
    let (code, out, err) = run(&[
        "dns",
        "reverse",
        "10.0.9.9",
        "--server",
        &d.server(),
        "--short",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), "printer.example.test.");
    // --host-record also publishes the IPv6 PTR under ip6.arpa.
    let (code, out, err) = run(&[
        "dns",
        "reverse",
        "fd00::5",
        "--server",
        &d.server(),
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let ev = json_lines(&out);
    let r = of_type(&ev, "record")[0];
    assert_eq!(r["data"], "host.example.test.");
    assert!(
        r["name"].as_str().unwrap().ends_with(".0.0.d.f.ip6.arpa."),
        "{r}"
    );

    if !common::require("python3") {
        return;
    }
    let (code, out, err) = run(&["dns", "reverse", "127.0.0.1", "--system", "--json"]);
    assert_eq!(code, 0, "{err}");
    let (_, py, _) = common::python(
        "import socket; print(socket.getnameinfo(('127.0.0.1', 0), socket.NI_NAMEREQD)[0])",
        &[],
    );
    assert_eq!(json_lines(&out)[0]["name"], py.trim());
}

/// Python's getaddrinfo as JSON rows: [family, type, proto, canonname, addr, port].
fn python_gai(
    host: &str,
    port: &str,
    family: &str,
    socktype: &str,
    proto: &str,
    flags: &str,
) -> Vec<Value> {
    let script = r#"
import json, socket, sys
host, port, fam, typ, proto, flags = sys.argv[1:7]
fam = getattr(socket, fam) if fam else 0
typ = getattr(socket, typ) if typ else 0
proto = getattr(socket, proto) if proto else 0
fl = 0
for f in filter(None, flags.split(",")):
    fl |= getattr(socket, f)
rows = []
try:
    for f, t, p, c, sa in socket.getaddrinfo(host, int(port), fam, typ, proto, fl):
        rows.append([f.name, t.name, p, c, sa[0], sa[1]])
except socket.gaierror as e:
    rows = []
print(json.dumps(rows))
"#;
    let (code, out, err) = common::python(script, &[host, port, family, socktype, proto, flags]);
    assert_eq!(code, 0, "python getaddrinfo: {err}");
    serde_json::from_str(out.trim()).unwrap()
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn getaddrinfo_matches_python_field_by_field() {
    if !common::require("python3") {
        return;
    }
    let hosts_name = std::fs::read_to_string("/etc/hosts").ok().and_then(|h| {
        h.lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .flat_map(|l| {
                l.split_whitespace()
                    .skip(1)
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .find(|n| n != "localhost" && !n.contains("localhost"))
    });
    let mut hosts = vec!["localhost".to_string(), "127.0.0.1".into(), "::1".into()];
    hosts.extend(hosts_name);
    // (netkit flags, python family, type, proto, flags)
    let hints: [(&[&str], &str, &str, &str, &str); 8] = [
        (&[], "", "", "", ""),
        (&["--family", "inet"], "AF_INET", "", "", ""),
        (&["--family", "unspec"], "", "", "", ""),
        (&["--type", "stream"], "", "SOCK_STREAM", "", ""),
        (&["--type", "dgram"], "", "SOCK_DGRAM", "", ""),
        (&["--protocol", "udp"], "", "", "IPPROTO_UDP", ""),
        (
            &["--type", "stream", "--protocol", "tcp"],
            "",
            "SOCK_STREAM",
            "IPPROTO_TCP",
            "",
        ),
        (
            &["--flags", "canonname,addrconfig"],
            "",
            "",
            "",
            "AI_CANONNAME,AI_ADDRCONFIG",
        ),
    ];
    for host in &hosts {
        for (flags, fam, typ, proto, pyflags) in hints {
            let mut args = vec!["dns", "getaddrinfo", host.as_str(), "8080", "--json"];
            args.extend_from_slice(flags);
            let (code, out, err) = run(&args);
            let py = python_gai(host, "8080", fam, typ, proto, pyflags);
            if code != 0 {
                assert!(
                    py.is_empty(),
                    "{host} {flags:?}: netkit failed ({err}) but Python answered"
                );
                assert!(out.contains("EAI_"), "{out} {err}");
                continue;
            }
            assert!(
                !py.is_empty(),
                "{host} {flags:?}: Python failed, netkit answered {out}"
            );
            let ours: Vec<Value> = of_type(&json_lines(&out), "addrinfo")
                .iter()
                .map(|t| {
                    serde_json::json!([
                        t["family"],
                        t["socktype"],
                        t["protocol"],
                        t["canonname"],
                        t["address"],
                        t["port"]
                    ])
                })
                .collect();
            assert_eq!(ours, py, "{host} {flags:?}");
        }
    }
    // IPv6 numeric with --family inet6 (a 4-tuple sockaddr in Python).
    let (code, out, _) = run(&[
        "dns",
        "getaddrinfo",
        "::1",
        "443",
        "--family",
        "inet6",
        "--type",
        "stream",
    ]);
    assert_eq!(code, 0);
    assert_eq!(
        out.lines().next().unwrap(),
        "(AddressFamily.AF_INET6, SocketKind.SOCK_STREAM, 6, '', ('::1', 443, 0, 0))"
    );
}

#[test]
fn getaddrinfo_unique_and_errors() {
    let (code, out, err) = run(&[
        "dns",
        "getaddrinfo",
        "127.0.0.1",
        "80",
        "--unique",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let ev = json_lines(&out);
    let addrs = of_type(&ev, "address");
    assert_eq!(addrs.len(), 1, "{out}");
    assert_eq!(
        addrs[0]["socktypes"],
        serde_json::json!(["SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW"])
    );

    let (code, _, err) = run(&["dns", "getaddrinfo", "no-such-host.invalid", "80"]);
    assert_eq!(code, 1);
    assert!(err.contains("EAI_NONAME"), "{err}");
    let (code, _, err) = run(&["dns", "getaddrinfo", "localhost", "no-such-service"]);
    assert_eq!(code, 2);
    assert!(err.contains("EAI_SERVICE"), "{err}");
    let (code, _, err) = run(&[
        "dns",
        "getaddrinfo",
        "localhost",
        "80",
        "--flags",
        "numerichost",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("EAI_NONAME"), "{err}");
    let (code, _, err) = run(&[
        "dns",
        "getaddrinfo",
        "localhost",
        "http",
        "--flags",
        "numericserv",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("EAI_NONAME"), "{err}");
    let (code, out, _) = run(&[
        "dns",
        "getaddrinfo",
        "localhost",
        "http",
        "--type",
        "raw",
        "--json",
    ]);
    assert_eq!(code, 2);
    assert_eq!(json_lines(&out)[0]["kind"], "eai_service");
    let (code, _, _) = run(&["dns", "getaddrinfo", "localhost", "80", "--type", "bogus"]);
    assert_eq!(code, 2);
}

#[test]
#[cfg_attr(not(peer = "dnsmasq"), ignore = "needs dnsmasq: sudo ./peers.sh")]
fn ipv6_server_and_tcp_negative_answers() {
    if UdpSocket::bind("[::1]:0").is_err() {
        eprintln!("\n*** SKIPPED: no IPv6 loopback here ***\n");
        return;
    }
    let Some(d) = start_dnsmasq_on("::1") else {
        return;
    };
    let server = d.server();
    assert_eq!(server, format!("[::1]:{}", d.port));
    let (code, out, err) = run(&[
        "dns",
        "lookup",
        "host.example.test",
        "AAAA",
        "--server",
        &server,
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let ev = json_lines(&out);
    assert_eq!(answers(&ev)[0]["rdataAAAA"], "fd00::5");
    assert_eq!(of_type(&ev, "summary")[0]["server"], server);
    for tcp in [false, true] {
        let mut args = vec![
            "dns",
            "lookup",
            "nope.example.test",
            "A",
            "--server",
            &server,
        ];
        if tcp {
            args.push("--tcp");
        }
        let (code, _, err) = run(&args);
        assert_eq!(code, 1, "tcp={tcp}: {err}");
        assert!(err.contains("no such name"), "{err}");
        let mut args = vec![
            "dns",
            "lookup",
            "v4only.example.test",
            "AAAA",
            "--server",
            &server,
        ];
        if tcp {
            args.push("--tcp");
        }
        let (code, _, err) = run(&args);
        assert_eq!(code, 1, "tcp={tcp}: {err}");
        assert!(err.contains("NODATA"), "{err}");
    }
}

#[test]
fn ctrl_c_stops_a_pending_query() {
    let silent = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = silent.local_addr().unwrap().to_string();
    let mut cmd = common::netkit();
    cmd.args([
        "dns",
        "lookup",
        "example.test",
        "A",
        "--server",
        &addr,
        "--timeout",
        "20s",
        "--json",
    ])
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    let mut peer = Peer::spawn("netkit lookup", &mut cmd);
    let lines = Lines::new(peer.child.stdout.take().unwrap());
    // Let it send its query (the silent socket receives it), then interrupt.
    silent
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut buf = [0u8; 512];
    silent.recv_from(&mut buf).expect("netkit sent a query");
    let start = Instant::now();
    let code = peer.interrupt();
    assert_eq!(code, Some(1));
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    let ev = lines.rest_json(Duration::from_secs(2));
    assert_eq!(of_type(&ev, "summary")[0]["status"], "INTERRUPTED");
    assert_eq!(of_type(&ev, "error")[0]["kind"], "interrupted");
}
