//! `netkit broker` against real clients: redis-cli (PUBLISH, SUBSCRIBE, PUBSUB,
//! unknown commands), redis-py (many subscribers at once), and raw sockets sending
//! garbage or never reading (a slow subscriber). The pub/sub scenarios shared with
//! redis-server are in `redis_pubsub.rs`.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;

const T: Duration = Duration::from_secs(20);

fn broker(extra: &[&str]) -> (Peer, SocketAddr, Lines) {
    let mut args = vec!["broker", "--listen", "127.0.0.1:0"];
    args.extend_from_slice(extra);
    start_netkit_server(&args)
}

fn cli(addr: SocketAddr, args: &[&str]) -> String {
    let out = Command::new("redis-cli")
        .args(["-p", &addr.port().to_string()])
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run redis-cli");
    assert!(out.status.success(), "redis-cli {args:?} failed");
    String::from_utf8_lossy(&out.stdout).trim_end().to_string()
}

/// Send raw bytes and read what comes back until the broker closes or `limit`.
fn raw(addr: SocketAddr, bytes: &[u8], limit: Duration) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(limit)).unwrap();
    s.write_all(bytes).unwrap();
    let mut got = Vec::new();
    let _ = s.read_to_end(&mut got);
    String::from_utf8_lossy(&got).into_owned()
}

#[test]
#[cfg_attr(not(peer = "redis-cli"), ignore = "needs redis-cli: sudo ./peers.sh")]
fn redis_cli_publish_subscribe_and_pubsub_numsub() {
    if !require("redis-cli") {
        return;
    }
    let (_b, addr, logs) = broker(&[]);
    assert_eq!(cli(addr, &["PING"]), "PONG");
    assert_eq!(cli(addr, &["PUBLISH", "news", "nobody"]), "0");
    let mut c = Command::new("redis-cli");
    c.args(["-p", &addr.port().to_string(), "SUBSCRIBE", "news", "catA"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut sub = Peer::spawn("redis-cli subscribe", &mut c);
    let lines = Lines::new(sub.child.stdout.take().unwrap());
    // redis-cli prints each confirmation as three lines: subscribe, channel, count.
    let first: Vec<String> = (0..6).map(|_| lines.next(T).unwrap()).collect();
    assert_eq!(first, ["subscribe", "news", "1", "subscribe", "catA", "2"]);
    logs.until("\"subscription\"", T);
    assert_eq!(
        cli(addr, &["PUBSUB", "NUMSUB", "news", "other"]),
        "news\n1\nother\n0"
    );
    assert_eq!(cli(addr, &["PUBSUB", "CHANNELS"]), "catA\nnews");
    assert_eq!(cli(addr, &["PUBSUB", "CHANNELS", "n*"]), "news");
    assert_eq!(cli(addr, &["PUBSUB", "NUMPAT"]), "0");
    assert_eq!(cli(addr, &["PUBLISH", "news", "hello"]), "1");
    let msg: Vec<String> = (0..3).map(|_| lines.next(T).unwrap()).collect();
    assert_eq!(msg, ["message", "news", "hello"]);
}

#[test]
#[cfg_attr(not(peer = "redis-cli"), ignore = "needs redis-cli: sudo ./peers.sh")]
fn redis_cli_sees_redis_shaped_errors_and_connection_commands() {
    if !require("redis-cli") {
        return;
    }
    let (_b, addr, _logs) = broker(&[]);
    assert_eq!(
        cli(addr, &["GET", "key"]),
        "ERR unknown command 'GET', with args beginning with: 'key'" // redis-cli's line, trimmed
    );
    assert_eq!(
        cli(addr, &["PUBLISH", "x"]),
        "ERR wrong number of arguments for 'publish' command"
    );
    assert_eq!(cli(addr, &["ECHO", "hi there"]), "hi there");
    assert_eq!(cli(addr, &["SELECT", "0"]), "OK");
    assert_eq!(cli(addr, &["SELECT", "1"]), "OK"); // pub/sub ignores the database, as Redis does
    assert_eq!(cli(addr, &["SELECT", "16"]), "ERR DB index is out of range");
    assert_eq!(cli(addr, &["CLIENT", "SETNAME", "lab"]), "OK");
    assert!(cli(addr, &["CLIENT", "ID"]).parse::<u64>().is_ok());
    assert_eq!(cli(addr, &["COMMAND", "COUNT"]), "15");
    assert_eq!(cli(addr, &["COMMAND", "DOCS"]), "");
    assert!(cli(addr, &["-3", "HELLO", "3"]).contains("proto 3"));
    // The interactive start-up path (COMMAND DOCS) through a pipe works too.
    let out = Command::new("redis-cli")
        .args(["-p", &addr.port().to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin.take().unwrap().write_all(b"PING\nPUBLISH a b\n")?;
            c.wait_with_output()
        })
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "PONG\n0\n");
}

#[test]
fn garbage_closes_only_that_client() {
    let (_b, addr, logs) = broker(&[]);
    let mut c = netkit();
    c.args([
        "sub",
        &format!("redis://{addr}"),
        "news",
        "--json",
        "--count",
        "1",
    ])
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    let mut sub = Peer::spawn("netkit sub", &mut c);
    let lines = Lines::new(sub.child.stdout.take().unwrap());
    assert_eq!(lines.next_json(T)["type"], "subscribe");

    let reply = raw(addr, b"*1\r\n$abc\r\n", T);
    assert!(
        reply.starts_with("-ERR Protocol error: invalid length"),
        "{reply}"
    );
    let reply = raw(addr, b"*1\r\n*1\r\n$1\r\na\r\n", T);
    assert!(reply.starts_with("-ERR Protocol error: nesting"), "{reply}");
    let reply = raw(addr, b"*100000\r\n", T);
    assert!(reply.contains("over the limit"), "{reply}");
    let reply = raw(
        addr,
        b"*3\r\n$7\r\nPUBLISH\r\n$4\r\nnews\r\n$4294967296\r\n",
        T,
    );
    assert!(reply.contains("over the limit"), "{reply}");
    let reply = raw(
        addr,
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
        Duration::from_secs(1),
    );
    assert!(reply.is_empty() || reply.starts_with("-ERR"), "{reply}");
    // Inline commands, as typed into telnet, work.
    let reply = raw(addr, b"PING\r\nECHO \"a b\"\r\nQUIT\r\n", T);
    assert_eq!(reply, "+PONG\r\n$3\r\na b\r\n+OK\r\n");
    logs.until("protocol error", T);

    let (code, out, _) = run(&[
        "pub",
        &format!("redis://{addr}"),
        "news",
        "still here",
        "--json",
    ]);
    assert_eq!(code, 0);
    assert_eq!(of_type(&json_lines(&out), "published")[0]["receivers"], 1);
    assert_eq!(lines.next_json(T)["data"], "still here");
    assert_eq!(sub.child.wait().unwrap().code(), Some(0));
}

#[test]
fn slow_subscriber_is_disconnected_at_the_output_limit() {
    let (_b, addr, logs) = broker(&["--output-limit", "256KB"]);
    // A subscriber that never reads.
    let mut slow = TcpStream::connect(addr).unwrap();
    slow.write_all(b"SUBSCRIBE flood\r\n").unwrap();
    logs.until("\"subscription\"", T);
    // 40 MB of messages: far more than the kernel's socket buffers hold.
    let line = "x".repeat(10_000);
    let input: Vec<u8> = (0..4000)
        .flat_map(|_| format!("{line}\n").into_bytes())
        .collect();
    let (code, out, err) = run_with_stdin(
        &[
            "pub",
            &format!("redis://{addr}"),
            "flood",
            "--json",
            "--quiet",
        ],
        Some(&input),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(of_type(&json_lines(&out), "summary")[0]["messages"], 4000);
    let l = logs.until("slow subscriber", T);
    assert!(l.contains("\"disconnected\""), "{l}");
    // The broker goes on serving.
    assert_eq!(raw(addr, b"PING\r\nQUIT\r\n", T), "+PONG\r\n+OK\r\n");
}

#[test]
#[cfg_attr(not(peer = "py-redis"), ignore = "needs py-redis: sudo ./peers.sh")]
fn many_redis_py_subscribers_at_once() {
    if !require_python(&["redis"]) {
        return;
    }
    let (_b, addr, _logs) = broker(&["--quiet"]);
    let script = r#"
import sys, redis, subprocess
port = int(sys.argv[1])
subs = []
for i in range(40):
    p = redis.Redis(port=port).pubsub()
    p.subscribe('fan')
    assert p.get_message(timeout=5)['type'] == 'subscribe'
    subs.append(p)
print(redis.Redis(port=port).pubsub_numsub('fan'))
n = redis.Redis(port=port).publish('fan', 'out')
got = sum(1 for p in subs if p.get_message(timeout=5)['data'] == b'out')
print(n, got)
"#;
    let (code, out, err) = python(script, &[&addr.port().to_string()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "[(b'fan', 40)]\n40 40\n");
}

#[test]
fn ctrl_c_prints_a_summary() {
    let (mut b, addr, logs) = broker(&[]);
    assert_eq!(raw(addr, b"PUBLISH a b\r\nQUIT\r\n", T), ":0\r\n+OK\r\n");
    assert_eq!(b.interrupt(), Some(0));
    let l = logs.until("\"summary\"", T);
    let v: serde_json::Value = serde_json::from_str(&l).unwrap();
    assert_eq!(
        (v["published"].as_u64(), v["connections"].as_u64()),
        (Some(1), Some(1))
    );
}

#[test]
fn address_in_use_is_exit_4() {
    let (_b, addr, _logs) = broker(&[]);
    let (code, _, err) = run(&["broker", "--listen", &addr.to_string()]);
    assert_eq!(code, 4, "{err}");
}

#[test]
fn broker_stopped_during_sub_is_exit_3() {
    let (mut b, addr, _logs) = broker(&[]);
    let mut c = netkit();
    c.args(["sub", &format!("redis://{addr}"), "news", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut sub = Peer::spawn("netkit sub", &mut c);
    let lines = Lines::new(sub.child.stdout.take().unwrap());
    assert_eq!(lines.next_json(T)["type"], "subscribe");
    assert_eq!(b.interrupt(), Some(0));
    let err = lines.next_json(T);
    assert_eq!(
        (err["type"].as_str(), err["kind"].as_str()),
        (Some("error"), Some("connection_lost"))
    );
    assert_eq!(sub.child.wait().unwrap().code(), Some(3));
}

#[test]
fn clients_over_the_limit_are_refused() {
    let (_b, addr, _logs) = broker(&["--max-clients", "1"]);
    let mut first = TcpStream::connect(addr).unwrap();
    first.write_all(b"PING\r\n").unwrap();
    let mut buf = [0u8; 7];
    first.read_exact(&mut buf).unwrap();
    assert_eq!(&buf, b"+PONG\r\n");
    assert_eq!(
        raw(addr, b"PING\r\n", T),
        "-ERR max number of clients reached\r\n"
    );
}
