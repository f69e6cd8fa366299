//! Ctrl-C, one rule everywhere: a client stuck on a silent peer (or on input that
//! never comes) gets SIGINT and must end within a second, with its summary and the
//! exit code its results so far deserve — never "error: stopped" with exit 4 — and
//! a second SIGINT exits 130 at once.

mod common;

use std::io::Read;
use std::net::{TcpListener, UdpSocket};
use std::process::{Child, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use common::{
    assert_line_refused, json_lines, netkit, run_with_endless_line, signal, wait_output, Lines,
    Peer,
};

/// A TCP peer that accepts and never answers; returns once a client connected
/// and sent something (so the client is waiting for the answer).
struct Silent {
    listener: TcpListener,
}

impl Silent {
    fn new() -> Silent {
        Silent {
            listener: TcpListener::bind("127.0.0.1:0").unwrap(),
        }
    }
    fn addr(&self) -> String {
        self.listener.local_addr().unwrap().to_string()
    }
    /// Accept one client and wait for its first bytes.
    fn accept_request(&self) -> std::net::TcpStream {
        let (mut s, _) = self.listener.accept().unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut b = [0u8; 256];
        let _ = s.read(&mut b);
        s
    }
}

fn spawn(args: &[&str]) -> Child {
    spawn_with(args, Stdio::null())
}

/// [`spawn`] with a stdin pipe that stays open (take it and hold it): input that
/// never comes.
fn spawn_waiting_for_input(args: &[&str]) -> Child {
    spawn_with(args, Stdio::piped())
}

fn spawn_with(args: &[&str], stdin: Stdio) -> Child {
    netkit()
        .args(args)
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// SIGINT now; returns (exit code, seconds it took, stdout, stderr).
fn interrupt(child: Child) -> (i32, f64, String, String) {
    let t0 = Instant::now();
    signal(child.id(), libc::SIGINT);
    let out = wait_output(child, Duration::from_secs(20));
    (
        out.status.code().unwrap_or(-1),
        t0.elapsed().as_secs_f64(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The process is blocked somewhere: give it time to get there (no readiness
/// signal exists for "now waiting on stdin").
fn settle() {
    thread::sleep(Duration::from_millis(400));
}

/// A summary event was printed (`context` goes into the failure message).
fn assert_summary(out: &str, context: &str) {
    assert!(
        json_lines(out).iter().any(|e| e["type"] == "summary"),
        "no summary: {out} {context}"
    );
}

fn assert_quick(took: f64, what: &str, stderr: &str) {
    assert!(took < 1.0, "{what} took {took:.2}s after SIGINT: {stderr}");
    assert!(!stderr.contains("error: stopped"), "{what}: {stderr}");
}

#[test]
fn tcp_echo_send_stops_waiting_for_a_silent_peer() {
    let peer = Silent::new();
    let child = spawn(&[
        "tcp-echo",
        "send",
        &peer.addr(),
        "hi",
        "--timeout",
        "8s",
        "--json",
    ]);
    let _s = peer.accept_request();
    let (code, took, out, err) = interrupt(child);
    assert_quick(took, "tcp-echo send", &err);
    let ev = json_lines(&out);
    let s = ev
        .iter()
        .find(|e| e["type"] == "summary")
        .expect("a summary");
    assert_eq!(
        (s["sent"].as_u64(), s["received"].as_u64()),
        (Some(1), Some(0))
    );
    assert_eq!(code, 1, "sent one, no reply: {out} {err}");
}

#[test]
fn tcp_echo_send_stdin_stops_while_waiting_for_input() {
    let peer = Silent::new();
    let mut child = spawn_waiting_for_input(&["tcp-echo", "send", &peer.addr(), "-", "--json"]);
    let _input = child.stdin.take();
    let _s = peer.listener.accept().unwrap();
    settle();
    let (code, took, out, err) = interrupt(child);
    assert_quick(took, "tcp-echo send -", &err);
    assert_summary(&out, &err);
    assert_eq!(code, 0, "nothing sent, nothing failed: {err}");
}

#[test]
fn udp_echo_send_stops_waiting_for_a_silent_peer() {
    let peer = UdpSocket::bind("127.0.0.1:0").unwrap();
    let addr = peer.local_addr().unwrap().to_string();
    let child = spawn(&["udp-echo", "send", &addr, "hi", "--timeout", "8s", "--json"]);
    peer.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let _ = peer.recv_from(&mut [0u8; 64]).unwrap();
    let (code, took, out, err) = interrupt(child);
    assert_quick(took, "udp-echo send", &err);
    assert_summary(&out, &err);
    assert_eq!(code, 1, "no reply: {err}");
}

#[test]
fn rpc_call_stops_waiting_for_a_silent_server() {
    let peer = Silent::new();
    let url = format!("http://{}/RPC2", peer.addr());
    let child = spawn(&["rpc-call", &url, "double", "7", "--timeout", "8s", "--json"]);
    let _s = peer.accept_request();
    let (code, took, out, err) = interrupt(child);
    assert_quick(took, "rpc-call", &format!("{out}{err}"));
    assert_eq!(code, 1, "no answer: {out} {err}");
    let ev = json_lines(&out);
    assert!(ev.iter().any(|e| e["kind"] == "interrupted"), "{out}");
}

#[test]
fn rpc_call_stdin_stops_while_waiting_for_input() {
    let mut child =
        spawn_waiting_for_input(&["rpc-call", "http://127.0.0.1:1/", "--stdin", "--json"]);
    let _input = child.stdin.take();
    settle();
    let (code, took, out, err) = interrupt(child);
    assert_quick(took, "rpc-call --stdin", &format!("{out}{err}"));
    assert_ne!(code, 4, "{out} {err}");
}

#[test]
fn sub_redis_stops_waiting_for_a_silent_server() {
    let peer = Silent::new();
    let url = format!("redis://{}", peer.addr());
    let child = spawn(&["sub", &url, "news", "--json"]);
    let _s = peer.accept_request();
    let (code, took, out, err) = interrupt(child);
    assert_quick(took, "sub redis", &err);
    assert_summary(&out, &err);
    assert_eq!(code, 0, "{err}");
}

/// `pub` stopped before anything was published (the server never answers
/// its first command): no result, so exit 1 with kind `interrupted`.
#[test]
fn pub_redis_stops_waiting_for_a_silent_server() {
    let peer = Silent::new();
    let url = format!("redis://{}", peer.addr());
    let child = spawn(&["pub", &url, "news", "hello", "--timeout", "8s", "--json"]);
    let _s = peer.accept_request();
    let (code, took, out, err) = interrupt(child);
    assert!(took < 0.5, "pub redis took {took:.2}s after SIGINT: {err}");
    assert_quick(took, "pub redis", &err);
    assert_eq!(code, 1, "nothing published: {out} {err}");
    let ev = json_lines(&out);
    let e = ev.iter().find(|e| e["type"] == "error").expect("an error");
    assert_eq!(e["kind"], "interrupted", "{out}");
    assert!(ev.iter().all(|e| e["type"] != "published"), "{out}");
}

/// `http get` waiting for the response of a server that never answers.
#[test]
fn http_get_stops_waiting_for_a_silent_server() {
    let peer = Silent::new();
    let url = format!("http://{}/", peer.addr());
    let child = spawn(&["http", "get", &url, "--timeout", "8s", "--json"]);
    let _s = peer.accept_request();
    let (code, took, out, err) = interrupt(child);
    assert!(took < 0.5, "http get took {took:.2}s after SIGINT: {err}");
    assert_quick(took, "http get", &err);
    assert_eq!(code, 1, "no response: {out} {err}");
    let ev = json_lines(&out);
    assert!(ev.iter().any(|e| e["kind"] == "interrupted"), "{out}");
}

/// `pub` over ZeroMQ stopped while it waits for its first subscriber, and over
/// AMQP while a silent peer never answers the handshake: nothing was published,
/// so exit 1 with kind `interrupted`, as for Redis.
#[test]
fn pub_zmq_and_amqp_stopped_before_publishing_exit_1() {
    let mut c = netkit();
    c.args(["pub", "tcp://127.0.0.1:0", "news", "hello", "--json"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut p = Peer::spawn("netkit pub tcp://", &mut c);
    let lines = Lines::new(p.child.stdout.take().unwrap());
    lines.until("\"waiting\"", Duration::from_secs(10));
    let t = Instant::now();
    assert_eq!(p.interrupt(), Some(1), "nothing published");
    assert!(t.elapsed() < Duration::from_secs(1), "{:?}", t.elapsed());
    let rest = lines.rest_json(Duration::from_secs(5));
    let e = rest
        .iter()
        .find(|e| e["type"] == "error")
        .expect("an error");
    assert_eq!(
        (e["kind"].as_str(), e["code"].as_i64()),
        (Some("interrupted"), Some(1))
    );

    let peer = Silent::new();
    let url = format!("amqp://{}", peer.addr());
    let child = spawn(&["pub", &url, "logs", "hello", "--timeout", "8s", "--json"]);
    let _s = peer.accept_request();
    let (code, took, out, err) = interrupt(child);
    assert_quick(took, "pub amqp", &err);
    assert_eq!(code, 1, "nothing published: {out} {err}");
    let ev = json_lines(&out);
    let e = ev.iter().find(|e| e["type"] == "error").expect("an error");
    assert_eq!(e["kind"], "interrupted", "{out}");
}

#[test]
fn sub_zmq_stops_waiting_for_a_publisher() {
    let port = common::free_port();
    let url = format!("tcp://127.0.0.1:{port}");
    let child = spawn(&["sub", &url, "news", "--json"]);
    settle();
    let (code, took, out, err) = interrupt(child);
    assert_quick(took, "sub zmq", &err);
    assert_summary(&out, &err);
    assert!(code == 0 || code == 1, "{code}: {err}");
}

#[test]
fn dns_lookup_stdin_stops_while_waiting_for_names() {
    let mut child =
        spawn_waiting_for_input(&["dns", "lookup", "-", "--server", "127.0.0.1:1", "--json"]);
    let _input = child.stdin.take(); // held open: no end of input
    settle();
    let (code, took, out, err) = interrupt(child);
    assert_quick(took, "dns lookup -", &format!("{out}{err}"));
    assert_eq!(code, 1, "interrupted before any name: {out} {err}");
}

#[test]
fn serv_by_name_stops_waiting_on_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("services");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let child = spawn(&[
        "serv-by-name",
        "http",
        "--file",
        fifo.to_str().unwrap(),
        "--json",
    ]);
    settle();
    let (code, took, out, err) = interrupt(child);
    assert_quick(took, "serv-by-name --file FIFO", &format!("{out}{err}"));
    assert_eq!(code, 1, "{out} {err}");
}

#[test]
fn a_second_sigint_exits_130_at_once() {
    let peer = Silent::new();
    // Two different signals, so the kernel cannot merge them into one pending
    // signal: SIGTERM counts as a Ctrl-C too.
    let child = spawn(&["tcp-echo", "send", &peer.addr(), "hi", "--timeout", "8s"]);
    let _s = peer.accept_request();
    let t0 = Instant::now();
    signal(child.id(), libc::SIGTERM);
    signal(child.id(), libc::SIGINT);
    let out = wait_output(child, Duration::from_secs(20));
    assert!(t0.elapsed() < Duration::from_secs(1));
    assert_eq!(out.status.code(), Some(130), "{out:?}");
}

#[test]
fn a_non_utf8_argument_is_a_usage_error_not_a_panic() {
    use std::os::unix::ffi::OsStrExt;
    let bad = std::ffi::OsStr::from_bytes(b"\xff\xfe");
    let mut c = netkit();
    c.arg("serv-by-name").arg(bad).arg("--bogus").arg("--json");
    let out = wait_output(
        c.stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
        Duration::from_secs(20),
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(2), "{err}");
}

#[test]
fn stdin_lines_are_bounded_tcp_echo_send() {
    let peer = Silent::new();
    let addr = peer.addr();
    thread::spawn(move || peer.accept_request());
    let r = run_with_endless_line(&["tcp-echo", "send", &addr, "-"]);
    assert_line_refused("tcp-echo send -", r);
}

#[test]
fn stdin_lines_are_bounded_rpc_call_and_dns_lookup() {
    let r = run_with_endless_line(&[
        "rpc-call",
        "http://127.0.0.1:1/",
        "--stdin",
        "--max-size",
        "1MiB",
    ]);
    assert_line_refused("rpc-call --stdin", r);
    let r = run_with_endless_line(&["dns", "lookup", "-", "--server", "127.0.0.1:1"]);
    assert_line_refused("dns lookup -", r);
}
