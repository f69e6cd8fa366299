//! `tcp-echo` against real peers (the seed's Python shapes, socat, ncat, IPv6) and
//! the reliability cases: 100 MB through raw framing, bad frames closing only their
//! client, 200 concurrent and 500 idle clients, fd count after many connect/close
//! cycles, limits, exit codes, and the in-process API.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

const T: Duration = Duration::from_secs(20);

fn send_json(args: &[&str]) -> (i32, Vec<Value>, String) {
    let mut a = vec!["tcp-echo", "send", "--json"];
    a.extend_from_slice(args);
    let (code, out, err) = run(&a);
    (code, json_lines(&out), err)
}

fn one(events: &[Value], kind: &str) -> Value {
    of_type(events, kind)
        .last()
        .map(|v| (*v).clone())
        .unwrap_or_else(|| panic!("no {kind} event in {events:?}"))
}

fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect_timeout(&addr, T).unwrap();
    s.set_read_timeout(Some(T)).unwrap();
    s
}

/// Echo one message through a raw connection and check it came back.
fn echo_ok(addr: SocketAddr, msg: &[u8]) {
    let mut s = connect(addr);
    s.write_all(msg).unwrap();
    let mut b = vec![0u8; msg.len()];
    s.read_exact(&mut b).unwrap();
    assert_eq!(b, msg);
}

/// Lines until a `closed` event for a bad-input reason, returned.
fn next_bad_close(lines: &Lines) -> Value {
    let deadline = Instant::now() + T;
    loop {
        let v = lines.next_json(deadline.saturating_duration_since(Instant::now()));
        if v["type"] == "closed" && v["reason"] != "closed by peer" {
            return v;
        }
    }
}

/// The seed's tcp_client.py, unchanged but for the port.
const SEED_TCP_CLIENT: &str = r#"
import socket, sys
from datetime import datetime
address = ('localhost', int(sys.argv[1]))
print('Starting the client at', datetime.now())
client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.settimeout(10)
client.connect(address)
client.sendall(b'Hello!')
data = client.recv(4096)
print('At', datetime.now(), 'someone replied', data)
client.close()
"#;

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn seed_python_client_against_fixed_reply_server() {
    if !require("python3") {
        return;
    }
    let (mut server, addr, lines) = start_netkit_server(&[
        "tcp-echo",
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--reply",
        "Are you talking to me?",
        "--count",
        "1",
    ]);
    let (code, out, err) = python(SEED_TCP_CLIENT, &[&addr.port().to_string()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("someone replied b'Are you talking to me?'"),
        "{out}"
    );
    let events = lines.rest_json(T);
    assert_eq!(one(&events, "message")["data"], "Hello!");
    assert_eq!(one(&events, "summary")["messages"], 1);
    assert_eq!(server.child.wait().unwrap().code(), Some(0));
}

/// The seed's tcp_server.py shape: accept once, recv, fixed answer, close.
const SEED_TCP_SERVER: &str = r#"
import socket
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(('127.0.0.1', 0))
server.listen(5)
print(server.getsockname()[1], flush=True)
client, addr = server.accept()
data = client.recv(4096)
client.sendall(b'Are you talking to me?')
client.close()
server.close()
"#;

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn netkit_client_against_seed_python_server() {
    if !require("python3") {
        return;
    }
    let mut c = common::python_command();
    c.arg("-c").arg(SEED_TCP_SERVER).stdout(Stdio::piped());
    let mut py = Peer::spawn("python tcp server", &mut c);
    let lines = Lines::new(py.child.stdout.take().unwrap());
    let port = lines.next(T).expect("python prints its port");
    let (code, ev, err) = send_json(&[&format!("127.0.0.1:{port}")]);
    assert_eq!(code, 0, "{err}");
    assert!(one(&ev, "connected")["connect_ms"].as_f64().unwrap() >= 0.0);
    let reply = one(&ev, "reply");
    assert_eq!(reply["data"], "Are you talking to me?");
    assert_eq!(reply["bytes"], 22);
    assert_eq!(one(&ev, "summary")["received"], 1);
}

fn third_party(name: &str, cmd: &mut std::process::Command, port: u16) -> Peer {
    let p = Peer::spawn(name, cmd);
    wait_tcp(&format!("127.0.0.1:{port}"), T);
    p
}

fn check_echo_and_load(port: u16) {
    let target = format!("127.0.0.1:{port}");
    let (code, ev, err) = send_json(&[
        &target,
        "--count",
        "3",
        "--interval",
        "10ms",
        "--size",
        "100",
    ]);
    assert_eq!(code, 0, "{err}");
    let s = one(&ev, "summary");
    assert_eq!(
        (s["sent"].as_u64(), s["received"].as_u64()),
        (Some(3), Some(3)),
        "{s}"
    );
    assert_eq!(one(&ev, "reply")["bytes"], 100);
    let (code, ev, err) = send_json(&[
        &target,
        "--concurrency",
        "4",
        "--duration",
        "300ms",
        "--size",
        "64",
    ]);
    assert_eq!(code, 0, "{err}");
    let load = one(&ev, "load");
    assert!(load["round_trips"].as_u64().unwrap() > 10, "{load}");
    assert_eq!(load["served"], 4);
    assert!(load["rtt"]["p99_ms"].as_f64().is_some());
}

#[test]
#[cfg_attr(not(peer = "socat"), ignore = "needs socat: sudo ./peers.sh")]
fn against_socat_fork_pipe() {
    if !require("socat") {
        return;
    }
    let port = free_port();
    let mut c = std::process::Command::new("socat");
    c.arg(format!("TCP-LISTEN:{port},bind=127.0.0.1,fork,reuseaddr"))
        .arg("PIPE");
    let _p = third_party("socat", &mut c, port);
    check_echo_and_load(port);
}

#[test]
#[cfg_attr(not(peer = "ncat"), ignore = "needs ncat: sudo ./peers.sh")]
fn against_ncat_exec_cat() {
    if !require("ncat") {
        return;
    }
    let port = free_port();
    let mut c = std::process::Command::new("ncat");
    c.args([
        "-l",
        "-k",
        "127.0.0.1",
        &port.to_string(),
        "--exec",
        "/bin/cat",
    ]);
    let _p = third_party("ncat", &mut c, port);
    check_echo_and_load(port);
}

#[test]
fn ipv6_loopback() {
    if std::net::TcpListener::bind("[::1]:0").is_err() {
        eprintln!("*** SKIPPED: no IPv6 loopback ***");
        return;
    }
    let (mut server, addr, _l) =
        start_netkit_server(&["tcp-echo", "serve", "--listen", "[::1]:0", "-q"]);
    assert!(addr.is_ipv6());
    let (code, ev, err) = send_json(&[&addr.to_string(), "--count", "2", "--interval", "1ms"]);
    assert_eq!(code, 0, "{err}");
    assert!(one(&ev, "connected")["address"]
        .as_str()
        .unwrap()
        .starts_with("[::1]:"));
    assert_eq!(one(&ev, "summary")["received"], 2);
    assert_eq!(server.interrupt(), Some(0));
}

#[test]
fn framing_line_and_length_with_netkit_client() {
    for framing in ["line", "length"] {
        let (_s, addr, lines) = start_netkit_server(&[
            "tcp-echo",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--framing",
            framing,
        ]);
        let input: &[u8] = b"one\ntwo\n\xffbin\n";
        let args = [
            "tcp-echo",
            "send",
            &addr.to_string(),
            "-",
            "--framing",
            framing,
            "--json",
        ];
        let (code, out, err) = run_with_stdin(&args, Some(input));
        assert_eq!(code, 0, "{err}");
        let ev = json_lines(&out);
        let data: Vec<&str> = of_type(&ev, "reply")
            .iter()
            .map(|r| r["data"].as_str().unwrap())
            .collect();
        assert_eq!(data, vec!["one", "two", "/2Jpbg=="], "{framing}");
        let m = lines.until("\"message\"", T);
        assert!(m.contains("\"data\":\"one\""), "{m}");
    }
    // TCP is a stream: two length frames written in one segment are still two messages.
    let (_s, addr, lines) = start_netkit_server(&[
        "tcp-echo",
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--framing",
        "length",
    ]);
    let mut s = connect(addr);
    s.write_all(b"\0\0\0\x05hello\0\0\0\x05world").unwrap();
    let mut b = [0u8; 18];
    s.read_exact(&mut b).unwrap();
    assert_eq!(&b, b"\0\0\0\x05hello\0\0\0\x05world");
    lines.until("\"data\":\"hello\"", T);
    lines.until("\"data\":\"world\"", T);
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn hundred_megabytes_raw_come_back_identical() {
    if !require("python3") {
        return;
    }
    let (_s, addr, _l) =
        start_netkit_server(&["tcp-echo", "serve", "--listen", "127.0.0.1:0", "-q"]);
    let script = r#"
import socket, sys, os, hashlib, threading
n = 100 * 1024 * 1024
data = os.urandom(n)
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=60)
def writer():
    s.sendall(data)
    s.shutdown(socket.SHUT_WR)
t = threading.Thread(target=writer); t.start()
h = hashlib.sha256(); got = 0
while True:
    b = s.recv(1 << 20)
    if not b: break
    h.update(b); got += len(b)
t.join()
print(got, h.hexdigest() == hashlib.sha256(data).hexdigest())
"#;
    let (code, out, err) = python(script, &[&addr.port().to_string()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), format!("{} True", 100 * 1024 * 1024), "{out}");
}

#[test]
fn bad_frames_close_only_that_client() {
    let (_s, addr, lines) = start_netkit_server(&[
        "tcp-echo",
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--framing",
        "length",
        "--max-size",
        "1024",
    ]);
    let mut good = connect(addr);
    let roundtrip = |s: &mut TcpStream| {
        s.write_all(b"\0\0\0\x02ok").unwrap();
        let mut b = [0u8; 6];
        s.read_exact(&mut b).unwrap();
        assert_eq!(&b, b"\0\0\0\x02ok");
    };
    roundtrip(&mut good);
    // A frame claiming 4 GB: refused from its header.
    let mut evil = connect(addr);
    evil.write_all(&[0xff, 0xff, 0xff, 0xff]).unwrap();
    let mut b = [0u8; 1];
    assert!(
        matches!(evil.read(&mut b), Ok(0) | Err(_)),
        "the server closes the bad client"
    );
    let ev = next_bad_close(&lines);
    assert!(
        ev["reason"].as_str().unwrap().contains("4294967295"),
        "{ev}"
    );
    // Random garbage: a nonsense length.
    let mut junk = connect(addr);
    junk.write_all(b"\x7fGARBAGE\x00\x13\x37 not a frame")
        .unwrap();
    assert!(matches!(junk.read(&mut b), Ok(0) | Err(_)));
    assert!(next_bad_close(&lines)["reason"]
        .as_str()
        .unwrap()
        .contains("over the limit"));
    roundtrip(&mut good);

    // A line longer than --max-size.
    let (_s2, addr2, lines2) = start_netkit_server(&[
        "tcp-echo",
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--framing",
        "line",
        "--max-size",
        "1024",
    ]);
    let mut good = connect(addr2);
    let mut long = connect(addr2);
    let _ = long.write_all(&[b'a'; 5000]);
    assert!(matches!(long.read(&mut b), Ok(0) | Err(_)));
    assert!(next_bad_close(&lines2)["reason"]
        .as_str()
        .unwrap()
        .contains("line longer"));
    good.write_all(b"still here\n").unwrap();
    let mut r = [0u8; 11];
    good.read_exact(&mut r).unwrap();
    assert_eq!(&r, b"still here\n");
}

#[test]
fn two_hundred_concurrent_clients_are_served() {
    let (_s, addr, _l) =
        start_netkit_server(&["tcp-echo", "serve", "--listen", "127.0.0.1:0", "-q"]);
    let (code, ev, err) = send_json(&[
        &addr.to_string(),
        "--concurrency",
        "200",
        "--duration",
        "1s",
        "--size",
        "64",
    ]);
    assert_eq!(code, 0, "{err}");
    let load = one(&ev, "load");
    assert_eq!(load["served"], 200, "{load}");
    assert_eq!(load["errors"], 0, "{load}");
}

#[test]
fn five_hundred_idle_connections_do_not_block_a_new_client() {
    let (_s, addr, _l) =
        start_netkit_server(&["tcp-echo", "serve", "--listen", "127.0.0.1:0", "-q"]);
    let idle: Vec<TcpStream> = (0..500).map(|_| connect(addr)).collect();
    let t0 = Instant::now();
    let (code, ev, err) = send_json(&[&addr.to_string(), "--timeout", "5s"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(one(&ev, "summary")["received"], 1);
    assert!(t0.elapsed() < Duration::from_secs(5));
    drop(idle);
}

fn fd_count(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|d| d.count())
        .unwrap_or(0)
}

#[test]
fn fds_return_to_start_after_many_connect_close_cycles() {
    let (server, addr, _l) =
        start_netkit_server(&["tcp-echo", "serve", "--listen", "127.0.0.1:0", "-q"]);
    echo_ok(addr, b"warm up");
    std::thread::sleep(Duration::from_millis(300));
    let before = fd_count(server.pid());
    // 10,000 cycles; every tenth one also echoes a message.
    for i in 0..10_000 {
        if i % 10 == 0 {
            echo_ok(addr, b"x");
        } else {
            drop(TcpStream::connect(addr).unwrap());
        }
    }
    let deadline = Instant::now() + T;
    let mut now = fd_count(server.pid());
    while now != before && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
        now = fd_count(server.pid());
    }
    assert_eq!(now, before, "server fds before {before}, after {now}");
}

#[test]
fn limits_max_clients_and_idle_timeout() {
    let (_s, addr, lines) = start_netkit_server(&[
        "tcp-echo",
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--max-clients",
        "1",
        "--idle-timeout",
        "300ms",
    ]);
    let _first = connect(addr);
    lines.until("\"connection\"", T);
    let mut second = connect(addr);
    let mut b = [0u8; 1];
    assert!(matches!(second.read(&mut b), Ok(0) | Err(_)));
    let ev = next_bad_close(&lines);
    assert!(
        ev["reason"].as_str().unwrap().contains("max-clients"),
        "{ev}"
    );
    let ev = next_bad_close(&lines);
    assert!(ev["reason"].as_str().unwrap().contains("idle"), "{ev}");
}

#[test]
fn sigint_prints_summary_and_exits_0() {
    let mut c = netkit();
    c.args([
        "tcp-echo",
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--delay",
        "5ms",
    ])
    .stdout(Stdio::piped());
    let mut server = Peer::spawn("netkit", &mut c);
    let lines = Lines::new(server.child.stdout.take().unwrap());
    let first = lines.next(T).unwrap();
    let target = first.rsplit(' ').next().unwrap().to_string();
    let (code, out, err) = run(&[
        "tcp-echo",
        "send",
        &target,
        "--count",
        "2",
        "--interval",
        "1ms",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("connected to"), "{out}");
    assert!(out.contains("2 sent, 2 received, 0.0% loss"), "{out}");
    let rtt_line = out.lines().find(|l| l.starts_with("6 bytes from")).unwrap();
    assert!(rtt_line.contains("time="), "{rtt_line}");
    lines.until("said 6 bytes: Hello!", T);
    assert_eq!(server.interrupt(), Some(0));
    let rest = lines.rest(T).join("\n");
    assert!(rest.contains("1 peer, 2 messages, 12 bytes"), "{rest}");
}

#[test]
fn exit_codes() {
    let port = free_port();
    let (code, _, err) = run(&["tcp-echo", "send", &format!("127.0.0.1:{port}")]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("refused"), "{err}");
    for args in [
        vec!["tcp-echo", "send", "no-such-host.invalid:9"],
        vec!["tcp-echo", "send", "127.0.0.1:70000"],
        vec!["tcp-echo", "send", "--framing", "bogus"],
        vec!["tcp-echo", "serve", "--framing", "bogus"],
        vec!["tcp-echo", "send", "--count", "0"],
        vec!["tcp-echo", "serve", "--count", "0"],
        vec!["tcp-echo", "serve", "--listen", "nonsense:port"],
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains("error"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    // A JSON error object for scripts.
    let (code, out, _) = run(&["tcp-echo", "send", "--json", "127.0.0.1:70000"]);
    assert_eq!(code, 2);
    assert_eq!(json_lines(&out)[0]["type"], "error");
    // A server that accepts but never answers: exit 1 (no reply), not a hang.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let (code, _, err) = run(&[
        "tcp-echo",
        "send",
        &silent.local_addr().unwrap().to_string(),
        "--timeout",
        "300ms",
    ]);
    assert_eq!(code, 1, "{err}");
}

#[test]
fn in_process_api_for_labs() {
    use netkit::cmd::tcp_echo::{bind, ServeArgs};
    use netkit::cmd::Ctx;
    use netkit::output::{Mode, Out};
    use netkit::proto::framing::Framing;
    let args = ServeArgs {
        listen: "127.0.0.1:0".into(),
        reply: Some("Are you talking to me?".into()),
        count: None,
        framing: Framing::Raw,
        max_clients: 8,
        idle_timeout: Duration::from_secs(5),
        max_size: 4096,
        max_buffered: 1 << 20,
        backlog: 5,
        delay: None,
        seed: None,
        tls: false,
        tls_args: Default::default(),
    };
    let server = bind(&args).unwrap();
    let addr = server.local_addr();
    let (out, buf) = Out::buffer(Mode::Json);
    let ctx = Ctx::new(out, None);
    let stop = ctx.stop.clone();
    let h = std::thread::spawn(move || server.run(&ctx).unwrap());
    let mut s = connect(addr);
    s.write_all(b"Hello!").unwrap();
    let mut b = [0u8; 22];
    s.read_exact(&mut b).unwrap();
    assert_eq!(&b, b"Are you talking to me?");
    drop(s);
    stop.stop();
    assert_eq!(h.join().unwrap(), netkit::exit::Code::Ok);
    let ev = json_lines(&buf.contents());
    assert_eq!(one(&ev, "summary")["messages"], 1);
}

#[test]
fn a_client_that_never_reads_does_not_block_others() {
    let (_s, addr, _l) =
        start_netkit_server(&["tcp-echo", "serve", "--listen", "127.0.0.1:0", "-q"]);
    // Writes 16 MB and never reads: its socket buffers fill and the server stops
    // reading from it (backpressure), without stalling anyone else.
    let mut hog = connect(addr);
    hog.set_write_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let block = vec![b'z'; 1 << 20];
    for _ in 0..16 {
        if hog.write_all(&block).is_err() {
            break;
        }
    }
    let t0 = Instant::now();
    for _ in 0..20 {
        echo_ok(addr, b"still served");
    }
    assert!(t0.elapsed() < Duration::from_secs(5));
    drop(hog);
}

#[test]
fn delayed_replies_keep_stream_order() {
    let (_s, addr, _l) = start_netkit_server(&[
        "tcp-echo",
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--framing",
        "line",
        "--delay",
        "3ms±2ms",
        "--seed",
        "4",
        "-q",
    ]);
    let mut s = connect(addr);
    let msgs: String = (0..50).map(|i| format!("m{i}\n")).collect();
    s.write_all(msgs.as_bytes()).unwrap();
    let mut back = vec![0u8; msgs.len()];
    let t0 = Instant::now();
    s.read_exact(&mut back).unwrap();
    assert_eq!(
        String::from_utf8(back).unwrap(),
        msgs,
        "jitter must not reorder a stream"
    );
    assert!(t0.elapsed() >= Duration::from_millis(1));
}

#[test]
fn a_last_line_without_newline_is_answered_and_a_cut_frame_is_logged() {
    // Send `bytes`, half-close, read to the end: what came back, and the log.
    let half_close = |framing: &str, bytes: &[u8]| {
        let (srv, addr, lines) = start_netkit_server(&[
            "tcp-echo",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--framing",
            framing,
        ]);
        let mut s = connect(addr);
        s.write_all(bytes).unwrap();
        s.shutdown(std::net::Shutdown::Write).unwrap();
        let mut got = Vec::new();
        s.read_to_end(&mut got).unwrap();
        (got, lines, srv)
    };
    let (got, lines, _srv) = half_close("line", b"one\ntwo");
    assert_eq!(got, b"one\ntwo\n");
    let said: Vec<String> = (0..3)
        .map(|_| lines.next_json(T))
        .filter(|v| v["type"] == "message")
        .map(|v| v["data"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(said, ["one", "two"]);
    let (got, lines, _srv) = half_close("length", b"\0\0\0\x0aabc");
    assert!(got.is_empty());
    let closed = next_bad_close(&lines);
    assert_eq!(
        closed["reason"],
        "closed in the middle of a frame (7 bytes)"
    );
}

#[test]
fn out_of_file_descriptors_pauses_accepting_not_serving() {
    let (_srv, addr, lines) =
        start_netkit_server_with_fds(24, &["tcp-echo", "serve", "--listen", "127.0.0.1:0", "-q"]);
    let mut kept = connect(addr);
    let crowd: Vec<TcpStream> = (0..40)
        .filter_map(|_| TcpStream::connect(addr).ok())
        .collect();
    assert!(crowd.len() > 20);
    let warning = lines.until("warning", T);
    assert!(warning.contains("new clients wait"), "{warning}");
    for i in 0..5u8 {
        let t0 = Instant::now();
        kept.write_all(&[b'a' + i; 3]).unwrap();
        let mut b = [0u8; 3];
        kept.read_exact(&mut b).unwrap();
        assert_eq!(b, [b'a' + i; 3]);
        assert!(t0.elapsed() < Duration::from_secs(2), "{:?}", t0.elapsed());
    }
}

#[test]
fn global_timeout_is_the_servers_idle_timeout() {
    let (_s, addr, lines) = start_netkit_server(&[
        "tcp-echo",
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--timeout",
        "300ms",
    ]);
    let mut s = connect(addr);
    let mut b = [0u8; 1];
    assert_eq!(s.read(&mut b).unwrap(), 0, "closed by the server");
    let closed = lines.until("closed", T);
    assert!(closed.contains("idle for 300ms"), "{closed}");
}
