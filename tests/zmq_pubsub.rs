//! `netkit pub` / `netkit sub` over ZeroMQ against real pyzmq peers (SEED.md §3):
//! the seed's publisher shape into `netkit sub`, `netkit pub` into pyzmq SUB,
//! bind/connect reversed, IPv6, ipc://, 100,000 messages from stdin with none
//! lost, and bad input (malformed endpoints, address in use, non-ZeroMQ peers).
//! Python peers wait for subscriptions on an XPUB socket instead of sleeping.

mod common;

use std::io::Write;
use std::net::{Shutdown, TcpListener};
use std::process::Stdio;
use std::thread;
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

const LIMIT: Duration = Duration::from_secs(20);

/// netkit with `--json` and piped stdout (and a stdin pipe when `stdin`).
fn start_json(args: &[&str], stdin: bool) -> (Peer, Lines) {
    start_netkit(args, Spawn { json: true, stdin })
}

fn pyzmq() -> bool {
    require_python(&["zmq"])
}

fn messages(events: &[Value]) -> Vec<(String, String)> {
    of_type(events, "message")
        .iter()
        .map(|m| {
            (
                m["channel"].as_str().unwrap_or("").to_string(),
                m["data"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// pyzmq publisher in the seed's shape (PUB-like socket that binds, sends
/// `[cat, hat]`), but an XPUB so it can wait for `want` subscriptions instead of
/// the seed's sleep(1). Prints the endpoint, then sends the pairs given.
const PY_SEED_PUB: &str = r#"
import sys, zmq
ctx = zmq.Context()
pub = ctx.socket(zmq.XPUB)
pub.bind(sys.argv[1])
print(pub.getsockopt(zmq.LAST_ENDPOINT).decode(), flush=True)
want = int(sys.argv[2])
pub.RCVTIMEO = 15000
for _ in range(want):
    pub.recv()
for pair in sys.argv[3:]:
    frames = [f.encode() for f in pair.split(":")]
    pub.send_multipart(frames)
pub.close(linger=5000)
ctx.term()
"#;

/// pyzmq SUB: connect, subscribe, recv_multipart N messages, print them as JSON.
const PY_SUB: &str = r#"
import sys, json, zmq
ctx = zmq.Context()
sub = ctx.socket(zmq.SUB)
sub.setsockopt(zmq.SUBSCRIBE, sys.argv[2].encode())
if sys.argv[4] == "bind":
    sub.bind(sys.argv[1])
    print(sub.getsockopt(zmq.LAST_ENDPOINT).decode(), flush=True)
else:
    sub.connect(sys.argv[1])
sub.RCVTIMEO = 15000
for _ in range(int(sys.argv[3])):
    print(json.dumps([f.decode() for f in sub.recv_multipart()]), flush=True)
"#;

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs py-zmq: sudo ./peers.sh")]
fn seed_publisher_to_netkit_sub_gets_exactly_the_matching_messages_in_order() {
    if !pyzmq() {
        return;
    }
    let pairs = [
        "catA:hatB",
        "catB:hatA",
        "catC:hatD",
        "catD:hatC",
        "catA:hatA",
        "catC:hatC",
        "catAB:hatX",
        "catB:hatB",
        "catc:hatZ",
        "catC:hatB",
    ];
    let mut args = vec!["tcp://127.0.0.1:*", "2"];
    args.extend(pairs);
    let (_py, py_out) = start_python(PY_SEED_PUB, &args);
    let endpoint = py_out.next(LIMIT).expect("python prints its endpoint");
    let (code, out, err) = run(&[
        "sub",
        &endpoint,
        "catA",
        "catC",
        "--count",
        "6",
        "--timeout",
        "15s",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let ev = json_lines(&out);
    let got = messages(&ev);
    let want: Vec<(String, String)> = pairs
        .iter()
        .map(|p| p.split_once(':').unwrap())
        .filter(|(c, _)| c.starts_with("catA") || c.starts_with("catC"))
        .map(|(c, h)| (c.to_string(), h.to_string()))
        .collect();
    assert_eq!(got, want);
    let subs: Vec<_> = of_type(&ev, "subscribe")
        .iter()
        .map(|e| e["channel"].clone())
        .collect();
    assert_eq!(subs, vec!["catA", "catC"]);
    assert_eq!(of_type(&ev, "summary")[0]["messages"], 6);
}

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs py-zmq: sudo ./peers.sh")]
fn single_and_three_frame_messages_are_shown() {
    if !pyzmq() {
        return;
    }
    let (_py, py_out) = start_python(PY_SEED_PUB, &["tcp://127.0.0.1:*", "1", "solo", "t:a:b"]);
    let endpoint = py_out.next(LIMIT).unwrap();
    let (code, out, err) = run(&[
        "sub",
        &endpoint,
        "--count",
        "2",
        "--timeout",
        "15s",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let ev = json_lines(&out);
    let m = of_type(&ev, "message");
    assert_eq!(m[0]["channel"], Value::Null);
    assert_eq!(m[0]["data"], "solo");
    assert_eq!(m[0]["frames"], 1);
    assert_eq!(m[1]["channel"], "t");
    assert_eq!(m[1]["data"], "a");
    assert_eq!(m[1]["frames"], 3);
    assert_eq!(m[1]["more"][0]["data"], "b");
    // Human output shows the same safely.
    let (_py, py_out) = start_python(PY_SEED_PUB, &["tcp://127.0.0.1:*", "1", "t:a\tb"]);
    let endpoint = py_out.next(LIMIT).unwrap();
    let (code, out, _) = run(&["sub", &endpoint, "--count", "1", "--timeout", "15s"]);
    assert_eq!(code, 0);
    assert!(out.lines().any(|l| l.ends_with(" t a\\tb")), "{out}");
}

/// netkit pub (binds, waits for the subscriber) → pyzmq SUB with `prefix`.
fn netkit_pub_to_pyzmq_sub(prefix: &str) {
    let (mut pubr, lines) = start_json(
        &[
            "pub",
            "tcp://127.0.0.1:0",
            "catA",
            "hatA",
            "hatB",
            "hatC",
            "--timeout",
            "15s",
        ],
        false,
    );
    let endpoint = zmq_bound(&lines, LIMIT);
    let (code, out, err) = python(PY_SUB, &[&endpoint, prefix, "3", "connect"]);
    assert_eq!(code, 0, "pyzmq SUB failed: {err}");
    let got: Vec<Value> = json_lines(&out);
    assert_eq!(
        got,
        vec![
            serde_json::json!(["catA", "hatA"]),
            serde_json::json!(["catA", "hatB"]),
            serde_json::json!(["catA", "hatC"]),
        ]
    );
    assert_eq!(pubr.exit_code(LIMIT), 0);
    let ev = lines.rest_json(LIMIT);
    let subs = of_type(&ev, "subscription");
    assert_eq!(subs[0]["topic"], prefix);
    let sum = of_type(&ev, "summary");
    assert_eq!(sum[0]["messages"], 3);
    assert_eq!(sum[0]["flushed"], true);
}

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs py-zmq: sudo ./peers.sh")]
fn netkit_pub_to_pyzmq_sub_prefix() {
    if pyzmq() {
        netkit_pub_to_pyzmq_sub("cat");
    }
}

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs py-zmq: sudo ./peers.sh")]
fn netkit_pub_to_pyzmq_sub_everything() {
    if pyzmq() {
        netkit_pub_to_pyzmq_sub("");
    }
}

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs py-zmq: sudo ./peers.sh")]
fn reversed_netkit_pub_connects_to_bound_pyzmq_sub() {
    if !pyzmq() {
        return;
    }
    let (mut py, py_out) = start_python(PY_SUB, &["tcp://127.0.0.1:*", "news", "2", "bind"]);
    let endpoint = py_out.next(LIMIT).unwrap();
    let (code, out, err) = run(&[
        "pub",
        "--connect",
        &endpoint,
        "news",
        "one",
        "two",
        "--timeout",
        "15s",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(of_type(&json_lines(&out), "connecting").len(), 1);
    assert_eq!(py_out.next(LIMIT).unwrap(), r#"["news", "one"]"#);
    assert_eq!(py_out.next(LIMIT).unwrap(), r#"["news", "two"]"#);
    assert_eq!(py.exit_code(LIMIT), 0);
}

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs py-zmq: sudo ./peers.sh")]
fn reversed_pyzmq_pub_connects_to_bound_netkit_sub() {
    if !pyzmq() {
        return;
    }
    let (mut sub, lines) = start_json(
        &[
            "sub",
            "--bind",
            "tcp://127.0.0.1:0",
            "catC",
            "--count",
            "1",
            "--timeout",
            "15s",
        ],
        false,
    );
    let endpoint = zmq_bound(&lines, LIMIT);
    // XPUB connecting: it learns the subscription once connected, then sends.
    let script = PY_SEED_PUB.replace("pub.bind(sys.argv[1])", "pub.connect(sys.argv[1])");
    let (code, _, err) = python(&script, &[&endpoint, "1", "catA:no", "catC:hatC"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(sub.exit_code(LIMIT), 0);
    let ev = lines.rest_json(LIMIT);
    assert_eq!(
        messages(&ev),
        vec![("catC".to_string(), "hatC".to_string())]
    );
}

/// netkit sub binds `bind_url`, netkit pub connects to what it reports.
fn netkit_to_netkit(bind_url: &str) -> Vec<Value> {
    let (mut sub, lines) = start_json(
        &[
            "sub",
            "--bind",
            bind_url,
            "--count",
            "2",
            "--timeout",
            "15s",
        ],
        false,
    );
    let endpoint = zmq_bound(&lines, LIMIT);
    let (code, _, err) = run(&[
        "pub",
        "--connect",
        &endpoint,
        "t",
        "a",
        "b",
        "--timeout",
        "15s",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(sub.exit_code(LIMIT), 0);
    lines.rest_json(LIMIT)
}

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs py-zmq: sudo ./peers.sh")]
fn ipv6_loopback_both_ways() {
    if std::net::TcpListener::bind("[::1]:0").is_err() {
        eprintln!("\n*** SKIPPED: no IPv6 loopback here ***\n");
        return;
    }
    let ev = netkit_to_netkit("tcp://[::1]:0");
    assert_eq!(
        messages(&ev),
        vec![("t".into(), "a".into()), ("t".into(), "b".into())]
    );
    if !pyzmq() {
        return;
    }
    // netkit pub binds [::1], pyzmq SUB (with IPV6) connects.
    let (mut pubr, lines) = start_json(
        &["pub", "tcp://[::1]:0", "v6", "hello", "--timeout", "15s"],
        false,
    );
    let endpoint = zmq_bound(&lines, LIMIT);
    assert!(endpoint.starts_with("tcp://[::1]:"), "{endpoint}");
    let script = PY_SUB.replace(
        "sub = ctx.socket(zmq.SUB)",
        "sub = ctx.socket(zmq.SUB); sub.ipv6 = True",
    );
    let (code, out, err) = python(&script, &[&endpoint, "v6", "1", "connect"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), r#"["v6", "hello"]"#);
    assert_eq!(pubr.exit_code(LIMIT), 0);
}

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs py-zmq: sudo ./peers.sh")]
fn ipc_endpoints_work_and_a_live_socket_is_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("ipc://{}/nk.sock", dir.path().display());
    let (mut sub, lines) = start_json(
        &["sub", "--bind", &url, "--count", "2", "--timeout", "15s"],
        false,
    );
    assert_eq!(zmq_bound(&lines, LIMIT), url);
    // A second bind on the live socket: address in use (exit 4), not stolen.
    let (code, _, err) = run(&["sub", "--bind", &url, "--timeout", "1s"]);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("in use"), "{err}");
    let (code, _, err) = run(&["pub", "--connect", &url, "t", "a", "b", "--timeout", "15s"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(sub.exit_code(LIMIT), 0);
    let ev = lines.rest_json(LIMIT);
    assert_eq!(messages(&ev).len(), 2);
    // A regular file at the path is never replaced.
    let file = dir.path().join("keep.txt");
    std::fs::write(&file, "precious").unwrap();
    let (code, _, err) = run(&[
        "pub",
        &format!("ipc://{}", file.display()),
        "t",
        "--no-wait",
    ]);
    assert_eq!(code, 4, "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "precious");
    // And pyzmq talks to netkit over ipc:// too.
    if pyzmq() {
        let url = format!("ipc://{}/py.sock", dir.path().display());
        let (mut pubr, _lines) = start_json(&["pub", &url, "ip", "c", "--timeout", "15s"], false);
        let (code, out, err) = python(PY_SUB, &[&url, "", "1", "connect"]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(out.trim(), r#"["ip", "c"]"#);
        assert_eq!(pubr.exit_code(LIMIT), 0);
    }
}

#[test]
fn hundred_thousand_stdin_messages_none_lost_and_publisher_exits_flushed() {
    const N: usize = 100_000;
    // The publisher binds and waits for the subscriber before reading stdin.
    let (mut pubr, pub_lines) = start_json(
        &[
            "pub",
            "tcp://127.0.0.1:0",
            "seq",
            "--quiet",
            "--timeout",
            "30s",
        ],
        true,
    );
    let endpoint = zmq_bound(&pub_lines, LIMIT);
    let mut c = netkit();
    c.args([
        "sub",
        &endpoint,
        "--count",
        &N.to_string(),
        "--timeout",
        "30s",
        "--json",
    ])
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let sub = c.spawn().unwrap();
    let mut input = String::with_capacity(N * 7);
    for i in 1..=N {
        input.push_str(&i.to_string());
        input.push('\n');
    }
    let mut stdin = pubr.child.stdin.take().unwrap();
    let writer = thread::spawn(move || {
        stdin.write_all(input.as_bytes()).unwrap();
        // EOF: the publisher exits right after the last message.
    });
    let out = wait_output(sub, Duration::from_secs(90));
    writer.join().unwrap();
    assert_eq!(pubr.exit_code(LIMIT), 0);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut expect = 1usize;
    for line in text.lines().filter(|l| l.contains("\"message\"")) {
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(
            v["data"].as_str().unwrap(),
            expect.to_string(),
            "out of order or lost"
        );
        expect += 1;
    }
    assert_eq!(expect - 1, N, "messages received");
    let summary = pub_lines.rest_json(LIMIT);
    let s = of_type(&summary, "summary")[0];
    assert_eq!(s["messages"], N);
    assert_eq!(s["flushed"], true);
    assert_eq!(s["unheard"], 0);
}

#[test]
fn malformed_endpoints_are_usage_errors() {
    for bad in [
        "tcp://127.0.0.1",
        "tcp://127.0.0.1:99999",
        "tcp://[::1:5",
        "tcp://h:1/x",
    ] {
        let (code, _, err) = run(&["sub", bad, "--timeout", "1s"]);
        assert_eq!(code, 2, "{bad}: {err}");
        let (code, _, err) = run(&["pub", bad, "t", "m", "--timeout", "1s"]);
        assert_eq!(code, 2, "{bad}: {err}");
    }
    let (code, _, err) = run(&["sub", "tcp://*:5555", "--timeout", "1s"]);
    assert_eq!(code, 2, "connect to * must be refused: {err}");
    let (code, out, _) = run(&[
        "sub",
        "tcp://no-such-host.invalid:5",
        "--timeout",
        "1s",
        "--json",
    ]);
    assert_eq!(code, 2, "{out}");
}

#[test]
fn address_in_use_is_exit_4() {
    let held = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("tcp://{}", held.local_addr().unwrap());
    let (code, out, _) = run(&["pub", &url, "t", "m", "--no-wait", "--json"]);
    assert_eq!(code, 4);
    let ev = json_lines(&out);
    assert_eq!(of_type(&ev, "error")[0]["kind"], "address_in_use");
    let (code, _, err) = run(&["sub", "--bind", &url, "--timeout", "1s"]);
    assert_eq!(code, 4, "{err}");
}

/// A plain TCP server that is not ZeroMQ: `reply` is what it sends, then it
/// closes (`close`) or keeps the connection open and silent.
fn garbage_server(reply: &'static [u8], close: bool) -> String {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    thread::spawn(move || {
        let mut keep = Vec::new();
        for s in l.incoming().take(50).flatten() {
            let mut s = s;
            let _ = s.write_all(reply);
            if close {
                let _ = s.shutdown(Shutdown::Both);
            } else {
                keep.push(s);
            }
        }
    });
    format!("tcp://{addr}")
}

#[test]
fn non_zeromq_peers_fail_clearly_within_the_timeout() {
    let cases = [
        (garbage_server(b"garbage\r\n", true), "sub"),
        (
            garbage_server(
                b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n",
                false,
            ),
            "sub",
        ),
        (garbage_server(&[0xff; 64], false), "sub"),
        (garbage_server(b"", false), "sub"), // silent: the handshake times out
        (garbage_server(b"garbage\r\n", true), "pub"),
    ];
    for (url, cmd) in &cases {
        let t = Instant::now();
        let args: Vec<&str> = match *cmd {
            "sub" => vec!["sub", url, "--timeout", "2s"],
            _ => vec!["pub", "--connect", url, "t", "m", "--timeout", "2s"],
        };
        let (code, _, err) = run(&args);
        assert!(code == 3 || code == 1, "{cmd} {url}: exit {code}: {err}");
        assert!(
            t.elapsed() < Duration::from_secs(6),
            "{cmd} {url} hung for {:?}",
            t.elapsed()
        );
        assert!(err.contains("netkit: error:"), "{err}");
    }
    // A peer that answers with garbage is named as not ZeroMQ (exit 3).
    let (code, _, err) = run(&["sub", &cases[0].0, "--timeout", "5s"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("not a ZeroMQ peer"), "{err}");
}

#[test]
fn publisher_waits_then_gives_up_and_no_wait_warns() {
    let (code, out, _) = run(&[
        "pub",
        "tcp://127.0.0.1:0",
        "t",
        "m",
        "--timeout",
        "300ms",
        "--json",
    ]);
    assert_eq!(code, 1);
    let ev = json_lines(&out);
    assert_eq!(of_type(&ev, "waiting").len(), 1);
    assert!(
        of_type(&ev, "published").is_empty(),
        "nothing is published after a failed wait"
    );
    assert_eq!(of_type(&ev, "error")[0]["kind"], "timeout");
    let (code, out, _) = run(&["pub", "tcp://127.0.0.1:0", "t", "m", "--no-wait", "--json"]);
    assert_eq!(code, 0);
    let ev = json_lines(&out);
    assert!(
        !of_type(&ev, "warning").is_empty(),
        "publishing to nobody must warn"
    );
    assert_eq!(of_type(&ev, "summary")[0]["unheard"], 1);
}

#[test]
fn subscriber_idle_timeout_is_exit_1() {
    let (code, out, _) = run(&[
        "sub",
        &format!("tcp://127.0.0.1:{}", free_port()),
        "--timeout",
        "300ms",
        "--json",
    ]);
    assert_eq!(code, 1);
    let ev = json_lines(&out);
    assert_eq!(of_type(&ev, "error")[0]["kind"], "timeout");
}

#[test]
fn one_subscriber_on_several_endpoints() {
    let (mut p1, l1) = start_json(
        &["pub", "tcp://127.0.0.1:0", "one", "a", "--timeout", "15s"],
        false,
    );
    let e1 = zmq_bound(&l1, LIMIT);
    let dir = tempfile::tempdir().unwrap();
    let ipc = format!("ipc://{}/two.sock", dir.path().display());
    let (mut p2, l2) = start_json(&["pub", &ipc, "two", "b", "--timeout", "15s"], false);
    assert_eq!(zmq_bound(&l2, LIMIT), ipc);
    let (code, out, err) = run(&[
        "sub",
        &e1,
        &ipc,
        "--count",
        "2",
        "--timeout",
        "15s",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let mut got = messages(&json_lines(&out));
    got.sort();
    assert_eq!(
        got,
        vec![("one".into(), "a".into()), ("two".into(), "b".into())]
    );
    assert_eq!(p1.exit_code(LIMIT), 0);
    assert_eq!(p2.exit_code(LIMIT), 0);
}

#[test]
fn interrupted_subscriber_prints_its_summary_and_exits_0() {
    let (mut sub, lines) = start_json(
        &["sub", "--bind", "tcp://127.0.0.1:0", "--timeout", "30s"],
        false,
    );
    let endpoint = zmq_bound(&lines, LIMIT);
    let (code, _, err) = run(&[
        "pub",
        "--connect",
        &endpoint,
        "t",
        "x",
        "--count",
        "3",
        "--interval",
        "10ms",
        "--timeout",
        "15s",
    ]);
    assert_eq!(code, 0, "{err}");
    lines.until("\"message\"", LIMIT);
    lines.until("\"message\"", LIMIT);
    lines.until("\"message\"", LIMIT);
    assert_eq!(sub.interrupt(), Some(0));
    let rest = lines.rest(LIMIT);
    let last: Value = serde_json::from_str(rest.last().expect("a summary")).unwrap();
    assert_eq!(last["type"], "summary");
    assert_eq!(last["messages"], 3);
}

/// pyzmq SUB that subscribes to everything and never reads (RCVHWM 1).
const PY_STUCK_SUB: &str = r#"
import sys, time, zmq
ctx = zmq.Context()
sub = ctx.socket(zmq.SUB)
sub.setsockopt(zmq.RCVHWM, 1)
sub.setsockopt(zmq.RCVBUF, 4096)
sub.setsockopt(zmq.SUBSCRIBE, b"")
sub.connect(sys.argv[1])
print("connected", flush=True)
time.sleep(30)
"#;

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs py-zmq: sudo ./peers.sh")]
fn a_subscriber_that_stops_reading_blocks_the_publisher_then_fails_it() {
    if !pyzmq() {
        return;
    }
    let big = "x".repeat(4096);
    // Far more than the queues hold: the send blocks (no drop), then --timeout.
    let (mut pubr, lines) = start_json(
        &[
            "pub",
            "tcp://127.0.0.1:0",
            "t",
            &big,
            "--count",
            "60000",
            "--quiet",
            "--timeout",
            "1s",
        ],
        false,
    );
    let endpoint = zmq_bound(&lines, LIMIT);
    let (_py, _out) = start_python(PY_STUCK_SUB, &[&endpoint]);
    let t = Instant::now();
    assert_eq!(pubr.exit_code(LIMIT), 3);
    assert!(t.elapsed() < Duration::from_secs(10), "{:?}", t.elapsed());
    let ev = lines.rest_json(LIMIT);
    let err = of_type(&ev, "error");
    assert!(
        err[0]["message"]
            .as_str()
            .unwrap()
            .contains("have not read"),
        "{err:?}"
    );
}

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs py-zmq: sudo ./peers.sh")]
fn messages_left_in_the_queue_at_exit_are_reported_not_hidden() {
    if !pyzmq() {
        return;
    }
    let big = "x".repeat(4096);
    // Fits the queue, so every send succeeds, but the stuck subscriber never
    // takes it: the flush at exit gives up after --timeout and says so (exit 3).
    let (mut pubr, lines) = start_json(
        &[
            "pub",
            "tcp://127.0.0.1:0",
            "t",
            &big,
            "--count",
            "5000",
            "--quiet",
            "--timeout",
            "1s",
        ],
        false,
    );
    let endpoint = zmq_bound(&lines, LIMIT);
    let (_py, _out) = start_python(PY_STUCK_SUB, &[&endpoint]);
    assert_eq!(pubr.exit_code(LIMIT), 3);
    let ev = lines.rest_json(LIMIT);
    assert_eq!(of_type(&ev, "summary")[0]["flushed"], false);
    assert!(!of_type(&ev, "warning").is_empty());
}

#[test]
fn a_bound_subscriber_drops_a_garbage_peer_and_keeps_serving() {
    let (mut sub, lines) = start_json(
        &[
            "sub",
            "--bind",
            "tcp://127.0.0.1:0",
            "--count",
            "1",
            "--timeout",
            "15s",
        ],
        false,
    );
    let endpoint = zmq_bound(&lines, LIMIT);
    let addr = endpoint.trim_start_matches("tcp://");
    let mut junk = std::net::TcpStream::connect(addr).unwrap();
    junk.write_all(b"garbage\r\n").unwrap();
    junk.shutdown(Shutdown::Both).unwrap();
    let rejected: Value = serde_json::from_str(&lines.until("rejected", LIMIT)).unwrap();
    assert_eq!(rejected["type"], "peer");
    assert!(rejected["reason"]
        .as_str()
        .unwrap()
        .contains("not a ZeroMQ peer"));
    let (code, _, err) = run(&[
        "pub",
        "--connect",
        &endpoint,
        "t",
        "still here",
        "--timeout",
        "15s",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(sub.exit_code(LIMIT), 0);
    let ev = lines.rest_json(LIMIT);
    assert_eq!(messages(&ev), vec![("t".into(), "still here".into())]);
}
