//! `udp-echo` against real peers: the seed's Python client and server shapes,
//! socat, IPv6, the lossy-network knobs, exit codes, and the in-process API.

mod common;

use std::net::UdpSocket;
use std::process::Stdio;
use std::time::Duration;

use common::*;
use serde_json::Value;

const T: Duration = Duration::from_secs(20);

fn send_json(args: &[&str]) -> (i32, Vec<Value>, String) {
    let mut a = vec!["udp-echo", "send", "--json"];
    a.extend_from_slice(args);
    let (code, out, err) = run(&a);
    (code, json_lines(&out), err)
}

fn summary(events: &[Value]) -> Value {
    of_type(events, "summary")
        .last()
        .map(|v| (*v).clone())
        .expect("a summary event")
}

/// The seed's udp_client.py, unchanged but for the port.
const SEED_UDP_CLIENT: &str = r#"
import socket, sys
from datetime import datetime
server_address = ('localhost', int(sys.argv[1]))
client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
client.settimeout(10)
print('Starting the client at', datetime.now())
client.sendto(b'Hello!', server_address)
data, server = client.recvfrom(4096)
print('At', datetime.now(), server, 'said', data)
client.close()
"#;

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn seed_python_client_against_fixed_reply_server() {
    if !require("python3") {
        return;
    }
    let (mut server, addr, lines) = start_netkit_server(&[
        "udp-echo",
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--reply",
        "Are you talking to me?",
        "--count",
        "1",
    ]);
    let (code, out, err) = python(SEED_UDP_CLIENT, &[&addr.port().to_string()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("said b'Are you talking to me?'"), "{out}");
    let msg = lines.next_json(T);
    assert_eq!(msg["type"], "message");
    assert_eq!(msg["data"], "Hello!");
    assert_eq!(msg["bytes"], 6);
    assert!(msg["peer"].as_str().unwrap().starts_with("127.0.0.1:"));
    let sum = lines.next_json(T);
    assert_eq!(sum["type"], "summary");
    assert_eq!(sum["messages"], 1);
    let status = server.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

/// The seed's udp_server.py shape: one datagram, a fixed answer, exit.
const SEED_UDP_SERVER: &str = r#"
import socket
server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
server.bind(('127.0.0.1', 0))
print(server.getsockname()[1], flush=True)
data, client = server.recvfrom(4096)
server.sendto(b'Are you talking to me?', client)
server.close()
"#;

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn netkit_client_against_seed_python_server() {
    if !require("python3") {
        return;
    }
    let mut c = common::python_command();
    c.arg("-c").arg(SEED_UDP_SERVER).stdout(Stdio::piped());
    let mut py = Peer::spawn("python udp server", &mut c);
    let lines = Lines::new(py.child.stdout.take().unwrap());
    let port = lines.next(T).expect("python prints its port");
    let (code, ev, err) = send_json(&[&format!("127.0.0.1:{port}")]);
    assert_eq!(code, 0, "{err}");
    let reply = of_type(&ev, "reply")[0];
    assert_eq!(reply["data"], "Are you talking to me?");
    assert_eq!(reply["status"], "ok");
    assert!(reply["rtt_ms"].as_f64().unwrap() >= 0.0);
    assert_eq!(summary(&ev)["received"], 1);
}

#[test]
#[cfg_attr(not(peer = "socat"), ignore = "needs socat: sudo ./peers.sh")]
fn against_socat_fork_pipe() {
    if !require("socat") {
        return;
    }
    let port = free_udp_port();
    let mut c = std::process::Command::new("socat");
    c.arg(format!("UDP-RECVFROM:{port},bind=127.0.0.1,fork"))
        .arg("PIPE");
    let _socat = Peer::spawn("socat", &mut c);
    // socat has no readiness line: probe until it answers.
    let target = format!("127.0.0.1:{port}");
    let mut last = (0, Vec::new(), String::new());
    for _ in 0..50 {
        last = send_json(&[
            &target,
            "--count",
            "3",
            "--interval",
            "20ms",
            "--timeout",
            "500ms",
        ]);
        if last.0 == 0 {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let (code, ev, err) = last;
    assert_eq!(code, 0, "{err}");
    let s = summary(&ev);
    assert_eq!(s["sent"], 3);
    assert_eq!(s["received"], 3, "{s}");
    let seqs: Vec<u64> = of_type(&ev, "reply")
        .iter()
        .map(|r| r["seq"].as_u64().unwrap())
        .collect();
    assert_eq!(seqs, vec![1, 2, 3]);
    // Load mode drives socat too.
    let (code, ev, err) = send_json(&[
        &target,
        "--concurrency",
        "2",
        "--duration",
        "300ms",
        "--size",
        "64",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(of_type(&ev, "load")[0]["round_trips"].as_u64().unwrap() > 0);
}

#[test]
fn ipv6_loopback() {
    if UdpSocket::bind("[::1]:0").is_err() {
        eprintln!("*** SKIPPED: no IPv6 loopback ***");
        return;
    }
    let (mut server, addr, _lines) =
        start_netkit_server(&["udp-echo", "serve", "--listen", "[::1]:0"]);
    assert!(addr.is_ipv6());
    let (code, ev, err) = send_json(&[&addr.to_string(), "--count", "3", "--interval", "10ms"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(summary(&ev)["received"], 3);
    assert_eq!(of_type(&ev, "reply")[0]["data"], "#1 Hello!");
    assert_eq!(server.interrupt(), Some(0));
}

#[test]
fn drop_20_percent_over_1000_probes_adds_up() {
    let (mut server, addr, lines) = start_netkit_server(&[
        "udp-echo",
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--drop",
        "20",
        "--seed",
        "1",
        "--quiet",
    ]);
    let (code, ev, err) = send_json(&[
        &addr.to_string(),
        "--count",
        "1000",
        "--interval",
        "1ms",
        "--timeout",
        "500ms",
        "--quiet",
    ]);
    assert_eq!(code, 0, "{err}");
    let s = summary(&ev);
    let (sent, received, lost) = (
        s["sent"].as_u64().unwrap(),
        s["received"].as_u64().unwrap(),
        s["lost"].as_u64().unwrap(),
    );
    assert_eq!(sent, 1000);
    assert_eq!(sent, received + lost, "{s}");
    let loss = s["loss_pct"].as_f64().unwrap();
    assert!(
        (15.0..=25.0).contains(&loss),
        "loss {loss}% out of 15–25%: {s}"
    );
    assert!((loss - lost as f64 / 10.0).abs() < 0.05);
    assert_eq!(s["duplicates"], 0);
    let rtt = &s["rtt"];
    assert!(
        rtt["min_ms"].as_f64() <= rtt["p50_ms"].as_f64()
            && rtt["p50_ms"].as_f64() <= rtt["p99_ms"].as_f64()
    );
    assert!(rtt["p99_ms"].as_f64() <= rtt["max_ms"].as_f64());
    assert_eq!(server.interrupt(), Some(0));
    let ss = lines
        .rest(T)
        .iter()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|v| v["type"] == "summary")
        .unwrap();
    assert_eq!(ss["messages"], 1000);
    assert_eq!(
        ss["dropped"].as_u64().unwrap(),
        lost,
        "server's drops are the client's losses"
    );
}

#[test]
fn duplicates_and_delay_are_counted() {
    let (_server, addr, _l) = start_netkit_server(&[
        "udp-echo",
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--duplicate",
        "100",
        "--delay",
        "2ms±1ms",
        "--seed",
        "7",
        "-q",
    ]);
    let (code, ev, err) = send_json(&[
        &addr.to_string(),
        "--count",
        "20",
        "--interval",
        "1ms",
        "--timeout",
        "1s",
    ]);
    assert_eq!(code, 0, "{err}");
    let s = summary(&ev);
    assert_eq!(s["received"], 20);
    // The client stops once every probe is answered (as ping does), so the last
    // duplicates may arrive after it left.
    let dups = s["duplicates"].as_u64().unwrap();
    assert!(dups >= 15, "{s}");
    assert!(
        s["rtt"]["min_ms"].as_f64().unwrap() >= 0.9,
        "delay applies: {s}"
    );
    let events = of_type(&ev, "reply")
        .iter()
        .filter(|r| r["status"] == "duplicate")
        .count();
    assert_eq!(events as u64, dups);
}

#[test]
fn stdin_lines_binary_payloads_are_lossless() {
    let (mut server, addr, lines) =
        start_netkit_server(&["udp-echo", "serve", "--listen", "127.0.0.1:0"]);
    let input: &[u8] = b"plain text\n\xff\x00\x01binary\n";
    let (code, out, err) = run_with_stdin(
        &[
            "udp-echo",
            "send",
            &addr.to_string(),
            "-",
            "--json",
            "--seq",
            "off",
        ],
        Some(input),
    );
    assert_eq!(code, 0, "{err}");
    let ev = json_lines(&out);
    let replies = of_type(&ev, "reply");
    assert_eq!(replies.len(), 2);
    assert_eq!(replies[0]["data"], "plain text");
    assert_eq!(replies[1]["encoding"], "base64");
    let m1 = lines.next_json(T);
    let m2 = lines.next_json(T);
    assert_eq!(m1["data"], "plain text");
    assert_eq!(m2["encoding"], "base64");
    let bytes =
        netkit::output::payload::decode_json(m2["data"].as_str().unwrap(), "base64").unwrap();
    assert_eq!(bytes, b"\xff\x00\x01binary");
    assert_eq!(server.interrupt(), Some(0));
}

#[test]
fn sigint_prints_summary_and_exits_0() {
    let mut c = netkit();
    c.args(["udp-echo", "serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped());
    let mut server = Peer::spawn("netkit", &mut c);
    let lines = Lines::new(server.child.stdout.take().unwrap());
    let first = lines.next(T).unwrap();
    assert!(first.starts_with("listening on udp 127.0.0.1:"), "{first}");
    let target = first.rsplit(' ').next().unwrap().to_string();
    let (code, out, _) = run(&[
        "udp-echo",
        "send",
        &target,
        "hi",
        "--count",
        "2",
        "--interval",
        "10ms",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains("2 sent, 2 received, 0.0% loss"), "{out}");
    let line = lines.next(T).unwrap();
    assert!(line.contains("said 5 bytes: #1 hi"), "{line}");
    assert_eq!(server.interrupt(), Some(0));
    let rest = lines.rest(T).join("\n");
    assert!(rest.contains("1 peer, 2 messages, 10 bytes"), "{rest}");
}

#[test]
fn exit_codes() {
    // Refused: ICMP port unreachable on a connected socket → exit 3 with the why.
    let port = free_udp_port();
    let (code, _, err) = run(&["udp-echo", "send", &format!("127.0.0.1:{port}")]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("ICMP port unreachable"), "{err}");
    // A socket that never answers: exit 1 after the timeout.
    let silent = UdpSocket::bind("127.0.0.1:0").unwrap();
    let (code, out, err) = run(&[
        "udp-echo",
        "send",
        &silent.local_addr().unwrap().to_string(),
        "--timeout",
        "200ms",
        "--json",
    ]);
    assert_eq!(code, 1, "{err}");
    let ev = json_lines(&out);
    assert_eq!(summary(&ev)["lost"], 1);
    assert_eq!(of_type(&ev, "error")[0]["kind"], "no_reply");
    // Bad input: exit 2.
    for args in [
        vec!["udp-echo", "send", "no-such-host.invalid:9"],
        vec!["udp-echo", "send", "127.0.0.1:70000"],
        vec!["udp-echo", "send", "--count", "0"],
        vec!["udp-echo", "serve", "--drop", "150"],
        vec!["udp-echo", "serve", "--delay", "soon"],
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn in_process_api_for_labs() {
    use netkit::cmd::udp_echo::{bind, ServeArgs};
    use netkit::cmd::Ctx;
    use netkit::output::{Mode, Out};
    let args = ServeArgs {
        listen: "127.0.0.1:0".into(),
        reply: None,
        count: Some(1),
        drop: 0.0,
        delay: None,
        duplicate: 0.0,
        seed: None,
    };
    let server = bind(&args).unwrap();
    let addr = server.local_addr();
    let (out, buf) = Out::buffer(Mode::Json);
    let ctx = Ctx::new(out, None).with_side("server");
    let h = std::thread::spawn(move || server.run(&ctx).unwrap());
    let c = UdpSocket::bind("127.0.0.1:0").unwrap();
    c.set_read_timeout(Some(T)).unwrap();
    c.send_to(b"lab", addr).unwrap();
    let mut b = [0u8; 16];
    let (n, _) = c.recv_from(&mut b).unwrap();
    assert_eq!(&b[..n], b"lab");
    assert_eq!(h.join().unwrap(), netkit::exit::Code::Ok);
    let ev = json_lines(&buf.contents());
    assert_eq!(ev[0]["side"], "server");
    assert_eq!(summary(&ev)["messages"], 1);
}
