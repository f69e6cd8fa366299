//! The server engine seen from outside, through netkit's own servers: logging
//! that never stops serving (a stdout nobody reads) nor holds the end after a
//! Ctrl-C, log lines that a client cannot forge, the `--max-buffered` memory
//! budget (VmHWM), stalled half-sent commands in the broker, the broker out of
//! descriptors, and large frames echoed whole (line and length framing, linear
//! buffering).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{ChildStdout, Stdio};
use std::time::{Duration, Instant};

use common::*;

const T: Duration = Duration::from_secs(20);

fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect_timeout(&addr, T).unwrap();
    s.set_read_timeout(Some(T)).unwrap();
    s.set_nodelay(true).unwrap();
    s
}

/// Start a server whose stdout is a pipe; read only its first line (the
/// bound address, JSON) one byte at a time, and hand back the pipe unread.
fn start_unread(args: &[&str]) -> (Peer, SocketAddr, ChildStdout) {
    let mut c = netkit();
    c.args(args)
        .arg("--json")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut peer = Peer::spawn("netkit server", &mut c);
    let mut out = peer.child.stdout.take().unwrap();
    let mut line = Vec::new();
    let mut b = [0u8; 1];
    while out.read(&mut b).unwrap() == 1 && b[0] != b'\n' {
        line.push(b[0]);
    }
    let first: serde_json::Value = serde_json::from_slice(&line).unwrap();
    let addr = first["address"].as_str().unwrap().parse().unwrap();
    (peer, addr, out)
}

fn vm_hwm_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

#[test]
fn tcp_echo_keeps_serving_when_nobody_reads_its_stdout() {
    let (_srv, addr, _unread) = start_unread(&[
        "tcp-echo",
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--framing",
        "line",
    ]);
    let mut s = connect(addr);
    let mut r = BufReader::new(s.try_clone().unwrap());
    let mut line = String::new();
    for i in 0..5000 {
        let msg = format!("message number {i} with some padding to fill the log\n");
        s.write_all(msg.as_bytes()).unwrap();
        line.clear();
        r.read_line(&mut line).unwrap();
        assert!(
            line.starts_with(&format!("message number {i} ")),
            "{line:?}"
        );
    }
}

#[test]
fn rpc_serve_keeps_serving_when_nobody_reads_its_stdout() {
    let (_srv, addr, _unread) =
        start_unread(&["rpc-serve", "--proto", "jsonrpc", "--listen", "127.0.0.1:0"]);
    let mut s = connect(addr);
    let mut r = BufReader::new(s.try_clone().unwrap());
    let mut line = String::new();
    for i in 0..5000 {
        let call =
            format!("{{\"jsonrpc\":\"2.0\",\"method\":\"double\",\"params\":[{i}],\"id\":{i}}}\n");
        s.write_all(call.as_bytes()).unwrap();
        line.clear();
        r.read_line(&mut line).unwrap();
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["result"], 2 * i, "{line}");
    }
}

/// One SUBSCRIBE and UNSUBSCRIBE of a 1000-byte channel (two log lines of
/// about 1.1 KB), both answers read whole.
fn broker_round(s: &mut TcpStream, i: usize) {
    let ch = format!("{i:0>1000}");
    let cmd = |verb: &str| format!("*2\r\n${}\r\n{verb}\r\n$1000\r\n{ch}\r\n", verb.len());
    let answer = |verb: &str, n: u8| {
        format!(
            "*3\r\n${}\r\n{verb}\r\n$1000\r\n{ch}\r\n:{n}\r\n",
            verb.len()
        )
    };
    s.write_all((cmd("SUBSCRIBE") + &cmd("UNSUBSCRIBE")).as_bytes())
        .unwrap();
    let want = answer("subscribe", 1) + &answer("unsubscribe", 0);
    let mut got = vec![0u8; want.len()];
    s.read_exact(&mut got).unwrap();
    assert_eq!(String::from_utf8_lossy(&got), want);
}

#[test]
fn broker_keeps_serving_when_nobody_reads_its_stdout() {
    let (_srv, addr, _unread) = start_unread(&["broker", "--listen", "127.0.0.1:0"]);
    let mut s = connect(addr);
    for i in 0..3000 {
        broker_round(&mut s, i);
    }
}

/// Bytes waiting in a pipe, and how many it holds.
fn pipe_fill(out: &ChildStdout) -> (usize, usize) {
    use std::os::fd::AsRawFd;
    let fd = out.as_raw_fd();
    let mut queued: libc::c_int = 0;
    // SAFETY: FIONREAD and F_GETPIPE_SZ on our own pipe's read end.
    let size = unsafe {
        libc::ioctl(fd, libc::FIONREAD, &mut queued);
        libc::fcntl(fd, libc::F_GETPIPE_SZ)
    };
    (queued as usize, size as usize)
}

/// A server whose stdout pipe is full (traffic from `round` until it is) ends
/// on the first Ctrl-C with exit 0, promptly: the logger gives up after a
/// second and the summary after 100 ms more (issue 12).
fn ends_on_ctrl_c_with_its_stdout_full(args: &[&str], round: fn(&mut TcpStream, usize)) {
    let (mut srv, addr, unread) = start_unread(args);
    let mut s = connect(addr);
    let until = Instant::now() + T;
    let mut i = 0;
    // Full: the bytes queued stop growing. (A pipe can be full below its size:
    // an atomic write that does not fit in the last page's room takes a page of
    // its own, so up to a page per slot may stay empty.)
    let (mut last, mut same) = (0, 0);
    loop {
        round(&mut s, i);
        i += 1;
        let (queued, size) = pipe_fill(&unread);
        same = if queued == last { same + 1 } else { 0 };
        last = queued;
        if queued + 4096 >= size || (same >= 200 && queued >= size / 2) {
            break;
        }
        assert!(
            Instant::now() < until,
            "{args:?}: the pipe never filled ({queued} of {size})"
        );
    }
    // More log lines than the pipe holds: the logger is stuck in a write.
    for _ in 0..100 {
        round(&mut s, i);
        i += 1;
    }
    let t = Instant::now();
    let code = srv.interrupt();
    let took = t.elapsed();
    assert_eq!(code, Some(0), "{args:?}");
    assert!(
        took < Duration::from_secs(2),
        "{args:?}: exit took {took:?}"
    );
}

fn tcp_echo_round(s: &mut TcpStream, i: usize) {
    let msg = format!("message number {i:0>200}\n");
    s.write_all(msg.as_bytes()).unwrap();
    let mut got = vec![0u8; msg.len()];
    s.read_exact(&mut got).unwrap();
    assert_eq!(got, msg.as_bytes());
}

#[test]
fn tcp_echo_ends_on_ctrl_c_when_nobody_reads_its_stdout() {
    ends_on_ctrl_c_with_its_stdout_full(
        &[
            "tcp-echo",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--framing",
            "line",
        ],
        tcp_echo_round,
    );
}

#[test]
fn broker_ends_on_ctrl_c_when_nobody_reads_its_stdout() {
    ends_on_ctrl_c_with_its_stdout_full(&["broker", "--listen", "127.0.0.1:0"], broker_round);
}

#[test]
fn udp_echo_keeps_serving_when_nobody_reads_its_stdout() {
    let (_srv, addr, _unread) = start_unread(&["udp-echo", "serve", "--listen", "127.0.0.1:0"]);
    let sock = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(2))).unwrap();
    let mut b = [0u8; 64];
    for i in 0..5000 {
        let msg = format!("datagram {i}");
        sock.send_to(msg.as_bytes(), addr).unwrap();
        let n = sock.recv(&mut b).unwrap();
        assert_eq!(&b[..n], msg.as_bytes());
    }
}

#[test]
fn rpc_serve_log_lines_cannot_be_forged() {
    let port = free_port();
    let listen = format!("127.0.0.1:{port}");
    let mut c = netkit();
    c.args(["rpc-serve", "--proto", "jsonrpc", "--listen", &listen])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut srv = Peer::spawn("rpc-serve", &mut c);
    let lines = Lines::new(srv.child.stdout.take().unwrap());
    wait_tcp(&listen, T);
    let mut s = connect(listen.parse().unwrap());
    let forged =
        r#"x\n127.0.0.1 - - [01/Jan/2020 00:00:00] \"POST /forged HTTP/1.1\" 200 -\u001b[2J\u0007"#;
    writeln!(s, r#"{{"jsonrpc":"2.0","method":"{forged}","id":1}}"#).unwrap();
    // An HTTP request line carrying ESC and BEL: the HTTP parser refuses it (400),
    // so it never reaches the log as a call line.
    let mut h = connect(listen.parse().unwrap());
    let body = r#"{"jsonrpc":"2.0","method":"double","params":[1],"id":1}"#;
    let request = format!(
        "POST /\x1b[31mred\x07 HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    // One write; the server may answer 400 and close before reading it all.
    let _ = h.write_all(request.as_bytes());
    let mut answer = String::new();
    let _ = h.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 400 "), "{answer:?}");
    let mut seen = Vec::new();
    let until = Instant::now() + T;
    while seen.len() < 2 && Instant::now() < until {
        if let Some(l) = lines.next(Duration::from_millis(200)) {
            seen.push(l);
        }
    }
    let calls: Vec<&String> = seen.iter().filter(|l| l.contains(" - - [")).collect();
    assert_eq!(calls.len(), 1, "{seen:?}");
    for l in &seen {
        assert!(
            !l.contains('\x1b') && !l.contains('\x07'),
            "raw control byte: {l:?}"
        );
        assert!(
            !l.starts_with("127.0.0.1 - - [01/Jan/2020"),
            "forged line: {l:?}"
        );
    }
    assert!(seen.iter().any(|l| l.contains("\\x1b[2J\\x07")), "{seen:?}");
}

#[test]
fn max_buffered_bounds_memory_of_many_partial_frames() {
    let (srv, addr, lines) = start_netkit_server(&[
        "tcp-echo",
        "serve",
        "--listen",
        "127.0.0.1:0",
        "--framing",
        "length",
        "--max-size",
        "64KB",
        "--max-buffered",
        "4MB",
        "--quiet",
    ]);
    let before = vm_hwm_kib(srv.pid());
    // 400 clients, each holding 64 KiB - 1 of an announced 64 KiB frame:
    // 26 MB pinned without a budget.
    let mut held = Vec::new();
    let mut frame = 65536u32.to_be_bytes().to_vec();
    frame.resize(4 + 65535, b'x');
    for _ in 0..400 {
        if let Ok(mut s) = TcpStream::connect(addr) {
            let _ = s.write_all(&frame);
            held.push(s);
        }
    }
    // Other clients are still served meanwhile.
    let mut s = connect(addr);
    s.write_all(b"\0\0\0\x05hello").unwrap();
    let mut b = [0u8; 9];
    s.read_exact(&mut b).unwrap();
    assert_eq!(&b, b"\0\0\0\x05hello");
    let closed = lines.until("max-buffered", T);
    assert!(closed.contains("\"closed\""), "{closed}");
    let grown = vm_hwm_kib(srv.pid()).saturating_sub(before);
    assert!(grown < 4 * 1024 + 12 * 1024, "VmHWM grew by {grown} KiB");
}

#[test]
fn large_line_and_length_frames_come_back_whole() {
    for framing in ["line", "length"] {
        let (_srv, addr, _lines) = start_netkit_server(&[
            "tcp-echo",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--framing",
            framing,
            "--max-size",
            "16MiB",
            "--quiet",
        ]);
        let payload: Vec<u8> = (0..16 << 20).map(|i| b'a' + (i % 26) as u8).collect();
        let mut msg = Vec::new();
        if framing == "length" {
            msg.extend_from_slice(&(payload.len() as u32).to_be_bytes());
        }
        msg.extend_from_slice(&payload);
        if framing == "line" {
            msg.push(b'\n');
        }
        let mut s = connect(addr);
        let mut w = s.try_clone().unwrap();
        let send = msg.clone();
        let t = std::thread::spawn(move || w.write_all(&send).unwrap());
        let mut got = vec![0u8; msg.len()];
        s.read_exact(&mut got).unwrap();
        t.join().unwrap();
        assert!(got == msg, "{framing}: the echo differs");
    }
}

#[test]
fn broker_closes_a_stalled_half_sent_command_and_keeps_idle_subscribers() {
    let (_srv, addr, lines) = start_netkit_server(&[
        "broker",
        "--listen",
        "127.0.0.1:0",
        "--idle-timeout",
        "300ms",
    ]);
    let mut sub = connect(addr);
    sub.write_all(b"SUBSCRIBE news\r\n").unwrap();
    let mut b = [0u8; 64];
    let n = sub.read(&mut b).unwrap();
    assert!(n > 0);
    let mut stalled = connect(addr);
    stalled
        .write_all(b"*3\r\n$7\r\nPUBLISH\r\n$4\r\nnews\r\n$100\r\nonly part")
        .unwrap();
    let t = Instant::now();
    assert_eq!(stalled.read(&mut b).unwrap(), 0, "closed, no reply");
    assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());
    let ev = lines.until("incomplete", T);
    assert!(ev.contains("disconnected"), "{ev}");
    // The subscriber, idle longer than that, still gets messages.
    std::thread::sleep(Duration::from_millis(400));
    let mut publ = connect(addr);
    publ.write_all(b"PUBLISH news hello\r\n").unwrap();
    let mut got = Vec::new();
    while !String::from_utf8_lossy(&got).contains("hello") {
        let n = sub.read(&mut b).unwrap();
        assert!(n > 0, "subscriber closed");
        got.extend_from_slice(&b[..n]);
    }
}

#[test]
fn broker_out_of_descriptors_warns_once_and_serves_on() {
    let (_srv, addr, lines) =
        start_netkit_server_with_fds(12, &["broker", "--listen", "127.0.0.1:0"]);
    let mut kept = connect(addr);
    kept.write_all(b"PING\r\n").unwrap();
    let mut b = [0u8; 7];
    kept.read_exact(&mut b).unwrap();
    let crowd: Vec<TcpStream> = (0..15)
        .filter_map(|_| TcpStream::connect(addr).ok())
        .collect();
    assert!(!crowd.is_empty());
    let warning = lines.until("warning", T);
    assert!(warning.contains("new clients wait"), "{warning}");
    kept.write_all(b"PING\r\n").unwrap();
    kept.read_exact(&mut b).unwrap();
    assert_eq!(&b, b"+PONG\r\n");
    let rest = lines.rest(Duration::from_millis(500));
    let warnings = rest
        .iter()
        .filter(|l| l.contains("new clients wait"))
        .count();
    assert!(warnings <= 1, "{rest:?}");
}

#[test]
fn sizes_with_units_are_accepted_by_every_server() {
    for args in [
        ["tcp-echo", "serve", "--max-size"],
        ["rpc-serve", "--max-size", ""],
    ] {
        let mut c: Vec<&str> = args.iter().copied().filter(|a| !a.is_empty()).collect();
        c.extend(["64KB", "--listen", "127.0.0.1:0", "--count", "1"]);
        let (_s, addr, _l) = start_netkit_server(&c);
        drop(TcpStream::connect(addr).unwrap());
    }
    let (code, _, err) = run(&["tcp-echo", "serve", "--max-size", "12XB"]);
    assert_eq!(code, 2, "{err}");
}
