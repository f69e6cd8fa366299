//! Defects found by reviewing the built binary as a user would, each pinned by a
//! test against real peers (netkit's own servers, pyzmq): closed stdout under a
//! Redis subscriber, `rpc-serve --count`, RTT of a short fixed reply, input the
//! echo framings cannot carry, dns input errors, and JSON usage errors.

mod common;

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::Duration;

use common::*;

const SEC: Duration = Duration::from_secs(10);

#[test]
fn redis_sub_into_a_closed_pipe_exits_quietly() {
    let (_broker, addr, _log) = start_netkit_server(&["broker", "--listen", "127.0.0.1:0"]);
    let url = format!("redis://{addr}");
    let mut child = netkit()
        .args(["sub", &url, "news"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap(); // the subscribe confirmation
    if first.is_empty() {
        let out = wait_output(child, SEC);
        panic!(
            "sub ended at once: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(
        first.contains("subscribe") && first.contains("news"),
        "{first}"
    );
    drop(out); // like `| head -1`
    for _ in 0..3 {
        let (code, _, err) = run(&["pub", &url, "news", "hello"]);
        assert_eq!(code, 0, "{err}");
    }
    let out = wait_output(child, SEC);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn rpc_serve_count_is_exact_on_a_kept_alive_connection() {
    let (mut srv, addr, lines) = start_netkit_server(&[
        "rpc-serve",
        "--proto",
        "msgpack",
        "--listen",
        "127.0.0.1:0",
        "--count",
        "1",
    ]);
    let url = format!("tcp://{addr}");
    let (code, _, _) = run(&[
        "rpc-call",
        &url,
        "double",
        "1",
        "--repeat",
        "3",
        "--timeout",
        "2s",
    ]);
    assert_ne!(code, 0, "calls after --count must not be answered");
    let rest = lines.rest(SEC);
    let summary = rest
        .iter()
        .find(|l| l.contains("\"summary\""))
        .expect("a summary");
    let v: serde_json::Value = serde_json::from_str(summary).unwrap();
    assert_eq!(v["calls"], 1, "{summary}");
    let _ = srv.child.wait();
    let (code, _, err) = run(&["rpc-serve", "--count", "0", "--listen", "127.0.0.1:0"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn tcp_rtt_of_a_short_fixed_reply_is_not_the_quiet_period() {
    let (_srv, addr, _log) = start_netkit_server(&[
        "tcp-echo",
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--reply",
        "Yes!",
    ]);
    let (code, out, err) = run(&[
        "tcp-echo",
        "send",
        &addr.to_string(),
        "Hello there",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let ev = json_lines(&out);
    let reply = of_type(&ev, "reply")[0];
    assert_eq!(reply["data"], "Yes!");
    // The raw framing waits 200 ms of quiet to know the reply is whole; the RTT ends
    // at the last byte, far below that even on a loaded machine.
    assert!(reply["rtt_ms"].as_f64().unwrap() < 150.0, "{reply}");
}

#[test]
fn echo_input_the_framing_cannot_carry_is_a_usage_error() {
    for (args, needle) in [
        (
            vec![
                "tcp-echo",
                "send",
                "127.0.0.1:9",
                "two\nlines",
                "--framing",
                "line",
            ],
            "newline",
        ),
        (vec!["tcp-echo", "send", "127.0.0.1:9", ""], "empty message"),
        (
            vec![
                "tcp-echo",
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--idle-timeout",
                "0s",
            ],
            "--idle-timeout",
        ),
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}

#[test]
fn dns_input_errors_are_exit_2_and_readable() {
    let (code, _, err) = run(&["dns", "getaddrinfo", "localhost", "70000"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(&["dns", "lookup", "ex\"ample.test", "--server", "127.0.0.1:9"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("not allowed") && !err.contains("Err("),
        "{err}"
    );
    let (code, _, err) = run_with_stdin(
        &["dns", "lookup", "-", "--server", "127.0.0.1:9"],
        Some(b"\xff\n"),
    );
    assert_eq!(code, 2, "{err}");
}

#[test]
fn json_usage_errors_name_what_is_missing() {
    let (code, out, _) = run(&["--json", "dns", "lookup"]);
    assert_eq!(code, 2);
    let ev = json_lines(&out);
    assert!(
        ev[0]["message"].as_str().unwrap().contains("<NAME>"),
        "{out}"
    );
    let (code, out, _) = run(&["--json", "dns"]);
    assert_eq!(code, 2);
    assert_eq!(json_lines(&out)[0]["type"], "error");
}

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs py-zmq: sudo ./peers.sh")]
fn zmq_topic_that_is_not_utf8_is_escaped() {
    if !require_python(&["zmq"]) {
        return;
    }
    let port = free_port();
    let endpoint = format!("tcp://127.0.0.1:{port}");
    let sub = netkit()
        .args([
            "sub",
            &endpoint,
            "--count",
            "1",
            "--json",
            "--timeout",
            "20s",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // pyzmq XPUB: wait for the subscription, then send a topic with a 0xff byte.
    let script = r#"
import sys, zmq
ctx = zmq.Context(); s = ctx.socket(zmq.XPUB); s.bind(sys.argv[1])
s.setsockopt(zmq.RCVTIMEO, 15000); s.recv()
s.send_multipart([b'\xffcatA', b'bin topic']); s.close(linger=2000); ctx.term()
"#;
    let (code, _, err) = python(script, &[&endpoint]);
    assert_eq!(code, 0, "{err}");
    let out = wait_output(sub, SEC);
    let ev = json_lines(&String::from_utf8_lossy(&out.stdout));
    let msg = of_type(&ev, "message")[0];
    assert_eq!(msg["channel"], "\\xffcatA", "{msg}");
    assert_eq!(msg["data"], "bin topic");
}

#[test]
#[cfg_attr(not(peer = "dnsmasq"), ignore = "needs dnsmasq: sudo ./peers.sh")]
fn dns_numeric_types_keep_their_number() {
    if !require("dnsmasq") {
        return;
    }
    // dnsmasq binds the port for UDP and TCP: find one free for both.
    let port = (0..20)
        .map(|_| free_udp_port())
        .find(|p| std::net::TcpListener::bind(("127.0.0.1", *p)).is_ok())
        .expect("a port free for UDP and TCP");
    let mut c = std::process::Command::new("dnsmasq");
    c.args([
        "--keep-in-foreground",
        "--log-facility=-",
        "--no-resolv",
        "--no-hosts",
        "--bind-interfaces",
        "--listen-address=127.0.0.1",
        "--pid-file=",
        "--user=root",
        "--address=/example.test/10.1.2.3",
    ])
    .arg(format!("--port={port}"))
    .stdout(Stdio::null())
    .stderr(Stdio::piped());
    let mut dns = Peer::spawn("dnsmasq", &mut c);
    let log = Lines::new(dns.child.stderr.take().unwrap());
    log.until("started", SEC); // dnsmasq's readiness line
    let server = format!("127.0.0.1:{port}");
    let (_, out, err) = run(&[
        "dns",
        "lookup",
        "example.test",
        "TYPE99",
        "--server",
        &server,
        "--json",
    ]);
    let ev = json_lines(&out);
    let summary = of_type(&ev, "summary")[0];
    assert_eq!(summary["qtype"], "TYPE99", "{out}{err}");
}

#[test]
fn tcp_echo_server_stops_quietly_when_its_stdout_closes() {
    let mut child = netkit()
        .args(["tcp-echo", "serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    let addr = first.trim().rsplit(' ').next().unwrap().to_string();
    drop(out); // like `| head -1`
    let _ = run(&["tcp-echo", "send", &addr, "hi", "--timeout", "1s"]);
    let out = wait_output(child, SEC);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn msgpack_length_claiming_4gb_is_refused_from_its_header() {
    use std::io::{Read, Write};
    let (_srv, addr, _log) =
        start_netkit_server(&["rpc-serve", "--proto", "msgpack", "--listen", "127.0.0.1:0"]);
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    // [0, 1, <str32 claiming 4 GB>...: a request whose method name could never fit.
    s.write_all(&[0x94, 0x00, 0x01, 0xdb, 0xff, 0xff, 0xff, 0xff])
        .unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut buf = [0u8; 16];
    let n = s
        .read(&mut buf)
        .expect("closed at once, not after the idle timeout");
    assert_eq!(n, 0, "the server closes that connection");
    // Everyone else is still served.
    let (code, out, err) = run(&["rpc-call", &format!("tcp://{addr}"), "double", "7"]);
    assert_eq!((code, out.trim()), (0, "14"), "{err}");
}
