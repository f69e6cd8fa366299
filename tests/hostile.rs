//! Hostile peers and careless input (issue #19), seen from outside: port 0 as
//! a destination, the `--max-buffered` budget of rpc-serve, the broker and
//! `http serve` (VmHWM), and stdin lines over `--max-size` for `pub` (and
//! `pub --max-size` raising it, against redis-server) and `rpc-call --params -`,
//! and the warning for `--server ::1:53` (checked without sending a query). The tcp-echo budget and large frames are in
//! `tests/engine.rs`; the clients' body and frame limits in
//! `tests/client_limits.rs` and `tests/zmq.rs`.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use common::*;

const T: Duration = Duration::from_secs(20);

#[test]
fn port_0_is_not_a_destination_in_any_client() {
    let cases: &[&[&str]] = &[
        &["tcp-echo", "send", "127.0.0.1:0", "hi"],
        &["tcp-echo", "send", "[::1]:0", "hi"],
        &["udp-echo", "send", "[::1]:0", "hi"],
        &["rpc-call", "http://[::1]:0/", "m"],
        &["http", "get", "http://127.0.0.1:0/"],
        &["pub", "redis://127.0.0.1:0", "ch", "x"],
        &["sub", "redis://127.0.0.1:0", "ch", "--reconnect"],
        &["pub", "amqp://127.0.0.1:0", "ch", "x"],
        // (sizes with units parse for the ZeroMQ --max-size too)
        &[
            "sub",
            "tcp://[::1]:0",
            "ch",
            "--count",
            "1",
            "--max-size",
            "64KB",
        ],
        &["zmq", "req", "tcp://127.0.0.1:0", "x", "--max-size", "1MiB"],
        &["tls", "127.0.0.1:0"],
    ];
    for args in cases {
        let (code, out, err) = run(args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(
            err.contains("port 0 is not a destination"),
            "{args:?}: {err}"
        );
    }
    // Binding port 0 stays fine: a ZeroMQ publisher binds by default.
    let (code, out, err) = run(&["pub", "tcp://127.0.0.1:0", "ch", "x", "--no-wait"]);
    assert_eq!(code, 0, "{out}{err}");
}

fn vm_hwm_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// Start `args` with `--max-buffered 4MB`, hold `n` connections each sending
/// `partial` (an unfinished message), check a close names `--max-buffered`,
/// `serve_one` still works, and VmHWM grew by at most the budget, its hard
/// quarter and a constant 12 MB. Returns the growth in KiB.
fn holds_the_budget(
    args: &[&str],
    n: usize,
    partial: &[u8],
    serve_one: impl Fn(SocketAddr),
) -> u64 {
    let mut all = args.to_vec();
    all.extend([
        "--listen",
        "127.0.0.1:0",
        "--max-buffered",
        "4MB",
        "--max-clients",
        "2000",
    ]);
    let (srv, addr, lines) = start_netkit_server(&all);
    let before = vm_hwm_kib(srv.pid());
    let mut held = Vec::new();
    for _ in 0..n {
        if let Ok(s) = TcpStream::connect_timeout(&addr, T) {
            s.set_nonblocking(true).unwrap();
            let _ = (&s).write(partial);
            held.push(s);
        }
    }
    assert!(held.len() > n / 2, "only {} connected", held.len());
    serve_one(addr);
    let closed = lines.until("max-buffered", T);
    assert!(closed.contains("partial"), "{closed}");
    serve_one(addr);
    let grown = vm_hwm_kib(srv.pid()).saturating_sub(before);
    assert!(
        grown < 5 * 1024 + 12 * 1024,
        "{args:?}: VmHWM grew by {grown} KiB"
    );
    grown
}

fn exchange(addr: SocketAddr, send: &[u8], expect: &str) {
    drop(exchange_kept(addr, send, expect));
}

/// [`exchange`], handing back the connection still open.
fn exchange_kept(addr: SocketAddr, send: &[u8], expect: &str) -> TcpStream {
    let mut s = TcpStream::connect_timeout(&addr, T).unwrap();
    s.set_read_timeout(Some(T)).unwrap();
    s.write_all(send).unwrap();
    let mut got = Vec::new();
    let mut b = [0u8; 4096];
    while !String::from_utf8_lossy(&got).contains(expect) {
        let n = s.read(&mut b).unwrap();
        assert!(
            n > 0,
            "closed before {expect:?}: {:?}",
            String::from_utf8_lossy(&got)
        );
        got.extend_from_slice(&b[..n]);
    }
    s
}

#[test]
fn rpc_serve_holds_its_input_budget() {
    // 200 requests announcing 1 MB bodies, each 1 byte short: 200 MB without a budget.
    let size = 1_000_000;
    let mut req = format!(
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: {size}\r\n\r\n"
    )
    .into_bytes();
    req.resize(req.len() + size - 1, b' ');
    holds_the_budget(&["rpc-serve"], 200, &req, |addr| {
        let url = format!("http://{addr}/");
        let (code, out, err) = run(&["rpc-call", &url, "double", "21", "--json"]);
        assert_eq!(code, 0, "{out}{err}");
        assert_eq!(json_lines(&out)[0]["result"], 42, "{out}");
    });
}

#[test]
fn broker_holds_its_input_budget() {
    // 200 PUBLISH commands whose 1 MB message is 1 byte short.
    let size = 1_000_000;
    let mut cmd = format!("*3\r\n$7\r\nPUBLISH\r\n$4\r\nnews\r\n${size}\r\n").into_bytes();
    cmd.resize(cmd.len() + size - 1, b'x');
    holds_the_budget(&["broker", "--max-size", "1MB"], 200, &cmd, |addr| {
        exchange(addr, b"PING\r\n", "+PONG\r\n")
    });
}

#[test]
fn http_serve_holds_its_input_budget() {
    // 1,900 request heads of 15,000 bytes (under the 16 KiB head limit), unfinished.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "hello").unwrap();
    let mut head = b"GET /a.txt HTTP/1.1\r\nHost: x\r\nX-Pad: ".to_vec();
    head.resize(15_000, b'a');
    let d = dir.path().to_str().unwrap();
    holds_the_budget(&["http", "serve", d], 1900, &head, |addr| {
        exchange(
            addr,
            b"GET /a.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            "hello",
        )
    });
}

#[test]
fn pub_refuses_a_stdin_line_over_its_limit() {
    let (_broker, addr, _l) =
        start_netkit_server(&["broker", "--listen", "127.0.0.1:0", "--quiet"]);
    let url = format!("redis://{addr}");
    assert_line_refused("pub redis://", run_with_endless_line(&["pub", &url, "ch"]));
    let r = run_with_endless_line(&["pub", "tcp://127.0.0.1:0", "ch", "--no-wait"]);
    assert_line_refused("pub tcp://", r);
}

/// `pub --max-size` (issue 19): a 2 MB stdin line is refused by default
/// (1 MiB, exit 2) and reaches a redis-server subscriber whole with 4MB.
#[test]
#[cfg_attr(
    not(peer = "redis-server"),
    ignore = "needs redis-server: sudo ./peers.sh"
)]
fn pub_max_size_raises_the_stdin_line_limit() {
    if !require("redis-server") {
        return;
    }
    let port = free_port();
    let mut c = std::process::Command::new("redis-server");
    c.args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
        .args(["--save", "", "--appendonly", "no"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null());
    let mut redis = Peer::spawn("redis-server", &mut c);
    let lines = Lines::new(redis.child.stdout.take().unwrap());
    lines.until("Ready to accept connections", T);
    let url = format!("redis://127.0.0.1:{port}");
    let line = format!("{}\n", "y".repeat(2_000_000));

    let (code, _, err) = run_with_stdin(&["pub", &url, "ch"], Some(line.as_bytes()));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("longer than 1048576 bytes"), "{err}");

    let (_sub, subs) = start_netkit(
        &["sub", &url, "ch", "--count", "1"],
        Spawn {
            json: true,
            stdin: false,
        },
    );
    assert_eq!(subs.next_json(T)["type"], "subscribe");
    let (code, out, err) = run_with_stdin(
        &["pub", &url, "ch", "--max-size", "4MB", "--json"],
        Some(line.as_bytes()),
    );
    assert_eq!(code, 0, "{out}{err}");
    let published = json_lines(&out);
    assert_eq!(of_type(&published, "published")[0]["receivers"], 1, "{out}");
    let msg = subs.next_json(T);
    assert_eq!(msg["type"], "message", "{msg}");
    assert_eq!(msg["data"].as_str().unwrap().len(), 2_000_000);
}

/// `--server ::1:53` is the IPv6 address `::1:53` (port 53), not loopback:
/// netkit warns "did you mean [::1]:53?" (issue 19). The command is stopped by
/// a usage error (`--subnet nonsense`, parsed before any socket exists) right
/// after the warning, so no query is ever sent; where an empty network
/// namespace is available (`unshare -rn`) it runs in one as well, so not even
/// a mistake here could reach [::1:53]:53.
#[test]
fn ipv6_server_that_looks_like_a_port_warns_and_sends_nothing() {
    let args = [
        "dns",
        "lookup",
        "example.test",
        "--server",
        "::1:53",
        "--subnet",
        "nonsense",
        "--json",
    ];
    let isolated = std::process::Command::new("unshare")
        .args(["-rn", "true"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let out = if isolated {
        std::process::Command::new("unshare")
            .arg("-rn")
            .arg(bin())
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    } else {
        netkit()
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    let evs = json_lines(&stdout);
    assert_eq!(evs.len(), 2, "{stdout}");
    assert_eq!(evs[0]["type"], "warning", "{stdout}");
    let w = evs[0]["message"].as_str().unwrap();
    assert!(w.contains("did you mean [::1]:53?"), "{w}");
    assert_eq!(evs[1]["kind"], "usage", "{stdout}");
    assert!(
        evs[1]["message"].as_str().unwrap().contains("--subnet"),
        "the usage error, not a query: {stdout}"
    );
}

#[test]
fn rpc_call_params_from_stdin_are_bounded() {
    let (code, err, rss_kib) =
        run_with_endless_line(&["rpc-call", "http://127.0.0.1:1/", "m", "--params", "-"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("larger than 1048576 bytes"), "{err}");
    assert!(err.len() < 400, "{err}");
    assert!(rss_kib < 48 * 1024, "peak RSS {rss_kib} KiB");
}

/// A pyzmq peer that sends one 100 MB frame as soon as it can: XPUB after the
/// subscription, PUSH after connecting.
const PY_BIG: &str = r#"
import sys, time, zmq
kind = sys.argv[1]
s = zmq.Context().socket(zmq.XPUB if kind == "xpub" else zmq.PUSH)
port = s.bind_to_random_port("tcp://127.0.0.1")
print("tcp://127.0.0.1:%d" % port, flush=True)
if kind == "xpub":
    s.RCVTIMEO = 15000
    s.recv()
s.send_multipart([b"catA", b"x" * 100000000])
print("sent", flush=True)
time.sleep(30)
"#;

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs pyzmq: sudo ./peers.sh")]
fn zmq_clients_drop_a_100_mb_frame_without_holding_it() {
    if !require_python(&["zmq"]) {
        return;
    }
    for (kind, args) in [
        ("xpub", &["sub", "EP", "catA"][..]),
        ("push", &["zmq", "pull", "EP", "--connect"][..]),
    ] {
        let mut c = python_command();
        c.arg("-c").arg(PY_BIG).arg(kind);
        c.stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped());
        let mut py = Peer::spawn("python3", &mut c);
        let plines = Lines::new(py.child.stdout.take().unwrap());
        let ep = plines.next(T).unwrap();
        // Default --max-size: 1 MiB (ZMQ_MAXMSGSIZE).
        let mut all: Vec<&str> = args
            .iter()
            .map(|&a| if a == "EP" { &ep } else { a })
            .collect();
        all.extend(["--count", "1", "--json"]);
        let mut n = netkit();
        n.args(&all)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped());
        let mut sub = Peer::spawn("netkit", &mut n);
        let lines = Lines::new(sub.child.stdout.take().unwrap());
        plines.until("sent", T);
        let left = lines.until("\"left\"", T);
        assert!(left.contains("\"peer\""), "{kind}: {left}");
        let hwm = vm_hwm_kib(sub.pid());
        eprintln!("{kind}: netkit VmHWM {hwm} KiB after a 100 MB frame");
        assert!(hwm < 48 * 1024, "{kind}: netkit's VmHWM is {hwm} KiB");
    }
}

#[test]
fn rpc_call_turned_away_by_a_full_rpc_serve_hears_it_is_full() {
    let (srv, addr, _lines) =
        start_netkit_server(&["rpc-serve", "--listen", "127.0.0.1:0", "--max-clients", "1"]);
    // One client served and kept alive holds the only place.
    let body = "<?xml version=\"1.0\"?><methodCall><methodName>double</methodName>\
                <params><param><value><int>2</int></value></param></params></methodCall>";
    let req = format!(
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    let _held = exchange_kept(addr, req.as_bytes(), "</methodResponse>");
    let url = format!("http://{addr}/");
    let (code, out, err) = run(&["rpc-call", &url, "double", "7", "--json"]);
    assert_eq!(code, 3, "{out}{err}");
    let ev = json_lines(&out);
    let e = of_type(&ev, "error")[0];
    let text = format!("{} {}", e["message"], e["hint"]);
    assert!(
        text.contains("503") && text.contains("full") && text.contains("retry"),
        "{e}"
    );
    assert!(!text.contains("URL path"), "{e}");
    drop(srv);
}
