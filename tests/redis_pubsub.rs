//! `netkit pub` / `netkit sub` over Redis, against real peers: redis-server 7 on a
//! free port, and the same scenarios against `netkit broker`; redis-py as the
//! other side where the seed uses it (SEED §2). JSON output is parsed, not grepped.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

use base64::Engine;
use common::*;
use serde_json::Value;

const T: Duration = Duration::from_secs(20);

/// A running Redis-protocol server (redis-server or netkit broker).
struct Server {
    _peer: Peer,
    _lines: Lines,
    port: u16,
}

impl Server {
    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }
}

#[derive(Clone, Copy, Debug)]
enum Backend {
    Redis,
    Broker,
}

fn start_redis_on(port: u16) -> Server {
    let mut c = Command::new("redis-server");
    c.args([
        "--port",
        &port.to_string(),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
    ])
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    let mut peer = Peer::spawn("redis-server", &mut c);
    let lines = Lines::new(peer.child.stdout.take().unwrap());
    lines.until("Ready to accept connections", T);
    Server {
        _peer: peer,
        _lines: lines,
        port,
    }
}

fn start(b: Backend) -> Option<Server> {
    match b {
        Backend::Redis => {
            if !require("redis-server") {
                return None;
            }
            Some(start_redis_on(free_port()))
        }
        Backend::Broker => {
            let (peer, addr, lines) = start_netkit_server(&["broker", "--listen", "127.0.0.1:0"]);
            Some(Server {
                _peer: peer,
                _lines: lines,
                port: addr.port(),
            })
        }
    }
}

/// Start `netkit sub ... --json` and wait for its subscribe confirmations.
fn start_sub(args: &[&str], confirmations: usize) -> (Peer, Lines) {
    let mut c = netkit();
    c.arg("sub").args(args).arg("--json");
    c.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut peer = Peer::spawn("netkit sub", &mut c);
    let lines = Lines::new(peer.child.stdout.take().unwrap());
    for _ in 0..confirmations {
        let ev = lines.next_json(T);
        assert!(
            ev["type"] == "subscribe" || ev["type"] == "psubscribe",
            "expected a subscribe event, got {ev}"
        );
    }
    (peer, lines)
}

/// Wait for the sub to exit; return its code, and its remaining JSON events.
fn finish(mut peer: Peer, lines: &Lines) -> (i32, Vec<Value>) {
    let events = lines.rest_json(Duration::from_secs(90));
    let code = peer.child.wait().unwrap().code().unwrap_or(-1);
    (code, events)
}

fn data(ev: &Value) -> Vec<u8> {
    let d = ev["data"].as_str().unwrap();
    match ev["encoding"].as_str() {
        Some("base64") => base64::engine::general_purpose::STANDARD.decode(d).unwrap(),
        _ => d.as_bytes().to_vec(),
    }
}

fn scenario_netkit_to_netkit(b: Backend) {
    let Some(s) = start(b) else { return };
    let url = s.url();
    let (sub, lines) = start_sub(&[&url, "catA", "catC", "--count", "2"], 2);
    let (code, out, err) = run(&["pub", &url, "catA", "hatB", "--json"]);
    assert_eq!(code, 0, "{err}");
    let evs = json_lines(&out);
    assert_eq!(of_type(&evs, "published")[0]["receivers"], 1);
    let (_, out, _) = run(&["pub", &url, "catB", "nobody", "--json"]);
    assert_eq!(of_type(&json_lines(&out), "published")[0]["receivers"], 0);
    assert_eq!(run(&["pub", &url, "catC", "hatA"]).0, 0);
    let (code, evs) = finish(sub, &lines);
    assert_eq!(code, 0);
    let msgs = of_type(&evs, "message");
    assert_eq!(msgs.len(), 2, "{evs:?}");
    assert_eq!(
        (msgs[0]["channel"].as_str(), msgs[0]["data"].as_str()),
        (Some("catA"), Some("hatB"))
    );
    assert_eq!(
        (msgs[1]["channel"].as_str(), msgs[1]["data"].as_str()),
        (Some("catC"), Some("hatA"))
    );
    assert!(msgs[0]["pattern"].is_null());
}

/// The seed's redis_pub.py, with a fixed list instead of random picks.
const SEED_PUB: &str = r#"
import sys, redis
conn = redis.Redis(port=int(sys.argv[1]))
pairs = [('catA','hatB'),('catB','hatA'),('catC','hatD'),('catD','hatC'),('catA','hatC'),
         ('catC','hatA'),('catB','hatB'),('catA','hatD'),('catD','hatA'),('catC','hatB')]
for cat, hat in pairs:
    print('Publish: %s wears a %s' % (cat, hat))
    conn.publish(cat, hat)
"#;

fn scenario_redis_py_publisher(b: Backend) {
    let Some(s) = start(b) else { return };
    if !require_python(&["redis"]) {
        return;
    }
    let url = s.url();
    let (sub, lines) = start_sub(&[&url, "catA", "catC", "--count", "6"], 2);
    let (code, _, err) = python(SEED_PUB, &[&s.port.to_string()]);
    assert_eq!(code, 0, "{err}");
    let (code, evs) = finish(sub, &lines);
    assert_eq!(code, 0);
    let got: Vec<String> = of_type(&evs, "message")
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["channel"].as_str().unwrap(),
                e["data"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "catA hatB",
            "catC hatD",
            "catA hatC",
            "catC hatA",
            "catA hatD",
            "catC hatB"
        ]
    );
}

/// The seed's redis_sub.py: pubsub().subscribe([...]) and listen(), printing dicts.
const SEED_SUB: &str = r#"
import sys, redis
conn = redis.Redis(port=int(sys.argv[1]), protocol=int(sys.argv[3]))
sub = conn.pubsub()
sub.subscribe(['catA', 'catC'])
want = int(sys.argv[2])
for msg in sub.listen():
    print(msg, flush=True)
    if msg['type'] == 'message':
        print('Subscribe: %s wears a %s' % (msg['channel'], msg['data']), flush=True)
        want -= 1
        if want == 0:
            break
"#;

fn scenario_redis_py_subscriber(b: Backend, resp: &str) {
    let Some(s) = start(b) else { return };
    if !require_python(&["redis"]) {
        return;
    }
    let mut c = common::python_command();
    c.args(["-c", SEED_SUB, &s.port.to_string(), "2", resp])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    let mut py = Peer::spawn("redis-py subscriber", &mut c);
    let lines = Lines::new(py.child.stdout.take().unwrap());
    assert_eq!(
        lines.next(T).unwrap(),
        "{'type': 'subscribe', 'pattern': None, 'channel': b'catA', 'data': 1}"
    );
    lines.until("b'catC', 'data': 2}", T);
    let url = s.url();
    let (code, out, _) = run(&["pub", &url, "catA", "hatB", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(of_type(&json_lines(&out), "published")[0]["receivers"], 1);
    assert_eq!(run(&["pub", &url, "catC", "hatA"]).0, 0);
    let rest = lines.rest(T);
    assert_eq!(
        rest,
        [
            "{'type': 'message', 'pattern': None, 'channel': b'catA', 'data': b'hatB'}",
            "Subscribe: b'catA' wears a b'hatB'",
            "{'type': 'message', 'pattern': None, 'channel': b'catC', 'data': b'hatA'}",
            "Subscribe: b'catC' wears a b'hatA'",
        ]
    );
}

fn scenario_patterns(b: Backend) {
    let Some(s) = start(b) else { return };
    let url = s.url();
    let (sub, lines) = start_sub(&[&url, "--pattern", "cat[AC]", "h?t*", "--count", "3"], 2);
    let (code, out, _) = run(&["pub", &url, "catA", "x", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(of_type(&json_lines(&out), "published")[0]["receivers"], 1);
    run(&["pub", &url, "catB", "not me"]);
    let (_, out, _) = run(&["pub", &url, "hat1", "y", "--json"]);
    assert_eq!(of_type(&json_lines(&out), "published")[0]["receivers"], 1);
    run(&["pub", &url, "catC", "z"]);
    let (code, evs) = finish(sub, &lines);
    assert_eq!(code, 0);
    let got: Vec<(String, String, String)> = of_type(&evs, "pmessage")
        .iter()
        .map(|e| {
            (
                e["pattern"].as_str().unwrap().to_string(),
                e["channel"].as_str().unwrap().to_string(),
                e["data"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("cat[AC]", "catA", "x"),
        ("h?t*", "hat1", "y"),
        ("cat[AC]", "catC", "z"),
    ];
    let want: Vec<(String, String, String)> = want
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(got, want);
}

/// Lines from stdin, in order, some of them not UTF-8, all arriving intact.
fn scenario_order_and_binary(b: Backend, resp3: bool) {
    let Some(s) = start(b) else { return };
    let url = if resp3 {
        format!("{}?protocol=resp3", s.url())
    } else {
        s.url()
    };
    let mut input = Vec::new();
    let mut want = Vec::new();
    for i in 0..500u32 {
        let line = if i % 7 == 0 {
            vec![0xff, 0x00, b'\r', (i % 9) as u8, b'\t', 0x80]
        } else {
            format!("msg {i} é").into_bytes()
        };
        input.extend_from_slice(&line);
        input.push(b'\n');
        want.push(line);
    }
    let (sub, lines) = start_sub(&[&url, "bin", "--count", "500"], 1);
    let (code, out, err) = run_with_stdin(&["pub", &url, "bin", "--json"], Some(&input));
    assert_eq!(code, 0, "{err}");
    let evs = json_lines(&out);
    let published = of_type(&evs, "published");
    assert_eq!(published.len(), 500);
    assert!(published.iter().all(|e| e["receivers"] == 1));
    assert_eq!(of_type(&evs, "summary")[0]["messages"], 500);
    let (code, evs) = finish(sub, &lines);
    assert_eq!(code, 0);
    let got: Vec<Vec<u8>> = of_type(&evs, "message").iter().map(|e| data(e)).collect();
    assert_eq!(got.len(), 500);
    assert!(got == want, "payloads differ or are out of order");
}

/// 100,000 stdin lines, pipelined, all arriving at a netkit sub, in order.
fn scenario_100k(b: Backend) {
    let Some(s) = start(b) else { return };
    let url = s.url();
    let (sub, lines) = start_sub(&[&url, "news", "--count", "100000", "--timeout", "30s"], 1);
    let input: Vec<u8> = (1..=100_000)
        .flat_map(|i| format!("{i}\n").into_bytes())
        .collect();
    let (code, out, err) =
        run_with_stdin(&["pub", &url, "news", "--json", "--quiet"], Some(&input));
    assert_eq!(code, 0, "{err}");
    let sum = &of_type(&json_lines(&out), "summary")[0].clone();
    assert_eq!(sum["messages"], 100_000);
    assert_eq!(sum["receivers"], 100_000);
    let (code, evs) = finish(sub, &lines);
    assert_eq!(code, 0);
    let msgs = of_type(&evs, "message");
    assert_eq!(msgs.len(), 100_000);
    for (i, m) in msgs.iter().enumerate() {
        assert_eq!(
            m["data"].as_str().unwrap(),
            (i + 1).to_string(),
            "order kept"
        );
    }
}

fn scenario_idle_timeout(b: Backend) {
    let Some(s) = start(b) else { return };
    let (code, out, _) = run(&["sub", &s.url(), "quiet", "--timeout", "300ms", "--json"]);
    assert_eq!(code, 1);
    let evs = json_lines(&out);
    assert_eq!(of_type(&evs, "subscribe").len(), 1);
    assert_eq!(of_type(&evs, "error")[0]["kind"], "timeout");
}

/// Each scenario twice: against redis-server and against `netkit broker`.
/// `[py_redis]` marks the scenarios that run the seed's redis-py programs; a missing
/// peer marks the test ignored.
macro_rules! both {
    ($($name:ident $([$py:ident])? => $body:expr;)*) => {
        mod redis_server {
            use super::*;
            $( both!(@redis $name $([$py])? $body); )*
        }
        mod netkit_broker {
            use super::*;
            $( both!(@broker $name $([$py])? $body); )*
        }
    };
    (@redis $name:ident [py_redis] $body:expr) => {
        #[test]
        #[cfg_attr(
            not(all(peer = "redis-server", peer = "py-redis")),
            ignore = "needs redis-server, py-redis: sudo ./peers.sh"
        )]
        fn $name() { $body(Backend::Redis) }
    };
    (@redis $name:ident $body:expr) => {
        #[test]
        #[cfg_attr(not(peer = "redis-server"), ignore = "needs redis-server: sudo ./peers.sh")]
        fn $name() { $body(Backend::Redis) }
    };
    (@broker $name:ident [py_redis] $body:expr) => {
        #[test]
        #[cfg_attr(not(peer = "py-redis"), ignore = "needs py-redis: sudo ./peers.sh")]
        fn $name() { $body(Backend::Broker) }
    };
    (@broker $name:ident $body:expr) => {
        #[test]
        fn $name() { $body(Backend::Broker) }
    };
}

both! {
    netkit_sub_receives_netkit_pub => scenario_netkit_to_netkit;
    netkit_sub_receives_the_seed_publisher [py_redis] => scenario_redis_py_publisher;
    seed_subscriber_receives_netkit_pub [py_redis] => |b| scenario_redis_py_subscriber(b, "2");
    seed_subscriber_resp3_receives_netkit_pub [py_redis] => |b| scenario_redis_py_subscriber(b, "3");
    pattern_subscriptions => scenario_patterns;
    order_and_binary_payloads => |b| scenario_order_and_binary(b, false);
    order_and_binary_payloads_resp3 => |b| scenario_order_and_binary(b, true);
    hundred_thousand_stdin_lines_all_arrive => scenario_100k;
    idle_timeout_is_exit_1 => scenario_idle_timeout;
}

#[test]
fn nothing_listening_is_exit_3_with_the_broker_hint() {
    let url = format!("redis://127.0.0.1:{}", free_port());
    let (code, _, err) = run(&["sub", &url, "news"]);
    assert_eq!(code, 3);
    assert!(
        err.contains("connection refused") && err.contains("netkit broker"),
        "{err}"
    );
    let (code, out, _) = run(&["pub", &url, "news", "x", "--json"]);
    assert_eq!(code, 3);
    let e = &json_lines(&out)[0];
    assert_eq!(
        (e["type"].as_str(), e["kind"].as_str()),
        (Some("error"), Some("refused"))
    );
    assert!(e["hint"].as_str().unwrap().contains("netkit broker"));
}

#[test]
#[cfg_attr(
    not(peer = "redis-server"),
    ignore = "needs redis-server: sudo ./peers.sh"
)]
fn server_killed_during_sub_is_exit_3() {
    if !require("redis-server") {
        return;
    }
    let s = start_redis_on(free_port());
    let (mut sub, lines) = start_sub(&[&s.url(), "news"], 1);
    drop(s);
    let (code, evs) = finish_with(&mut sub, &lines);
    assert_eq!(code, 3);
    let err = of_type(&evs, "error")[0].clone();
    assert_eq!(err["kind"], "connection_lost");
    assert!(err["hint"].as_str().unwrap().contains("--reconnect"));
}

fn finish_with(peer: &mut Peer, lines: &Lines) -> (i32, Vec<Value>) {
    let evs = lines.rest_json(T);
    (peer.child.wait().unwrap().code().unwrap_or(-1), evs)
}

#[test]
#[cfg_attr(
    not(peer = "redis-server"),
    ignore = "needs redis-server: sudo ./peers.sh"
)]
fn reconnect_resubscribes_after_a_restart() {
    if !require("redis-server") {
        return;
    }
    let port = free_port();
    let s = start_redis_on(port);
    let (sub, lines) = start_sub(&[&s.url(), "news", "--reconnect", "--count", "1"], 1);
    drop(s);
    let s = start_redis_on(port);
    // The sub resubscribes: wait for its new confirmation, then publish.
    let ev = lines.next_json(T);
    assert_eq!(ev["type"], "warning", "{ev}");
    let mut ev = lines.next_json(T);
    while ev["type"] == "warning" {
        ev = lines.next_json(T);
    }
    assert_eq!(ev["type"], "subscribe", "{ev}");
    assert_eq!(run(&["pub", &s.url(), "news", "back"]).0, 0);
    let (code, evs) = finish(sub, &lines);
    assert_eq!(code, 0);
    assert_eq!(of_type(&evs, "message")[0]["data"], "back");
}

#[test]
#[cfg_attr(
    not(peer = "redis-server"),
    ignore = "needs redis-server: sudo ./peers.sh"
)]
fn password_and_database_in_the_url() {
    if !require("redis-server") {
        return;
    }
    let port = free_port();
    let mut c = Command::new("redis-server");
    c.args([
        "--port",
        &port.to_string(),
        "--save",
        "",
        "--appendonly",
        "no",
        "--requirepass",
        "s3cret",
    ])
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    let mut peer = Peer::spawn("redis-server", &mut c);
    let l = Lines::new(peer.child.stdout.take().unwrap());
    l.until("Ready to accept connections", T);
    let good = format!("redis://:s3cret@127.0.0.1:{port}/3");
    let (code, _, err) = run(&["pub", &good, "ch", "x"]);
    assert_eq!(code, 0, "{err}");
    let good3 = format!("redis://default:s3cret@127.0.0.1:{port}/1?protocol=resp3");
    assert_eq!(run(&["pub", &good3, "ch", "x"]).0, 0);
    let bad = format!("redis://:nope@127.0.0.1:{port}");
    let (code, out, _) = run(&["pub", &bad, "ch", "x", "--json"]);
    assert_eq!(code, 3);
    assert_eq!(json_lines(&out)[0]["kind"], "auth");
    let noauth = format!("redis://127.0.0.1:{port}");
    for cmd in ["pub", "sub"] {
        let (code, out, _) = run(&[cmd, &noauth, "ch", "x", "--json"]);
        assert_eq!(code, 3);
        let e = &of_type(&json_lines(&out), "error")[0].clone();
        assert_eq!(e["kind"], "auth", "{e}");
        assert!(e["hint"].as_str().unwrap().contains("redis://:PASSWORD@"));
    }
}

#[test]
fn bad_urls_and_flags_are_usage_errors() {
    assert_eq!(run(&["pub", "redis://h?protocol=9", "ch", "x"]).0, 2);
    assert_eq!(run(&["pub", "redis://h/abc", "ch", "x"]).0, 2);
    assert_eq!(run(&["sub", "redis://127.0.0.1:1"]).0, 2);
    assert_eq!(run(&["pub", "ch", "x", "--delay", "1s"]).0, 2);
}

#[test]
fn human_output_and_shell_use() {
    let Some(s) = start(Backend::Broker) else {
        return;
    };
    let url = s.url();
    let mut c = netkit();
    c.args(["sub", &url, "news", "--count", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut sub = Peer::spawn("netkit sub", &mut c);
    let lines = Lines::new(sub.child.stdout.take().unwrap());
    assert!(lines
        .until("subscribe", T)
        .contains("news (1 subscription)"));
    let mut p = netkit()
        .args(["pub", &url, "news"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    p.stdin.take().unwrap().write_all(b"hello\x01\n").unwrap();
    let out = wait_output(p, T);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("published to news hello\\x01: 1 receiver")
    );
    let rest = lines.rest(T);
    assert!(rest[0].ends_with(" news hello\\x01"), "{rest:?}");
    assert_eq!(sub.child.wait().unwrap().code(), Some(0));
}
