//! `netkit zmq ...` against real pyzmq peers (chapter §6 and the §1 patterns):
//! the chapter's REP server and REQ client shapes with their exact transcript
//! lines, PUSH/PULL and DEALER/ROUTER both ways with multipart intact, IPv6 and
//! ipc://, `zmq proxy` between pyzmq REQ clients and REP workers, the Lazy
//! Pirate retry, and bad input (malformed endpoints, address in use, REQ to a
//! PUB, TCP garbage, oversize messages, Ctrl-C). Python peers print their
//! endpoint when bound; netkit servers print a `listening` event first.

mod common;

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

const LIMIT: Duration = Duration::from_secs(20);

/// netkit with piped stdout (and `--json` when `json`).
fn start(args: &[&str], json: bool) -> (Peer, Lines) {
    start_netkit(args, Spawn { json, stdin: false })
}

fn pyzmq() -> bool {
    require_python(&["zmq"])
}

/// The frames of an event as strings.
fn frames(ev: &Value) -> Vec<String> {
    ev["frames"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["data"].as_str().unwrap().to_string())
        .collect()
}

/// The chapter's zmq_server.py (REP binds, `Stop saying: ` reply), for N requests.
const PY_CHAPTER_SERVER: &str = r#"
import sys, zmq
ctx = zmq.Context()
s = ctx.socket(zmq.REP)
s.bind(sys.argv[1])
print(s.getsockopt(zmq.LAST_ENDPOINT).decode(), flush=True)
s.RCVTIMEO = 15000
for _ in range(int(sys.argv[2])):
    m = s.recv()
    print("Request says:%s" % m.decode(), flush=True)
    s.send(b"Stop saying: " + m)
s.close(linger=5000)
ctx.term()  # the last reply is written before the process exits (see PY_PUSH)
"#;

/// The chapter's zmq_client.py (REQ connects, message #1..#5), without the sleep.
const PY_CHAPTER_CLIENT: &str = r#"
import sys, zmq
ctx = zmq.Context()
s = ctx.socket(zmq.REQ)
s.connect(sys.argv[1])
s.RCVTIMEO = 15000
for num in range(1, 6):
    s.send(("message #%s" % num).encode())
    r = s.recv()
    print("Sent message #%s, received %s" % (num, r.decode()), flush=True)
"#;

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs pyzmq: sudo ./peers.sh")]
fn chapter_server_answers_netkit_req_with_the_chapter_lines() {
    if !pyzmq() {
        return;
    }
    let (_srv, slines) = start_python(PY_CHAPTER_SERVER, &["tcp://127.0.0.1:*", "5"]);
    let ep = slines.next(LIMIT).unwrap();
    let (code, out, err) = run(&["zmq", "req", &ep, "message #{n}", "--count", "5"]);
    assert_eq!(code, 0, "{out}{err}");
    let sent: Vec<&str> = out.lines().filter(|l| l.starts_with("Sent ")).collect();
    assert_eq!(sent.len(), 5, "{out}");
    for (i, l) in sent.iter().enumerate() {
        let want = format!(
            "Sent message #{n}, received Stop saying: message #{n} (",
            n = i + 1
        );
        assert!(l.starts_with(&want), "{l}");
    }
    assert!(out.contains("5 sent, 5 answered, 0 unanswered"), "{out}");
    for n in 1..=5 {
        assert_eq!(
            slines.next(LIMIT).unwrap(),
            format!("Request says:message #{n}")
        );
    }
}

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs pyzmq: sudo ./peers.sh")]
fn chapter_client_gets_the_chapter_lines_from_netkit_rep() {
    if !pyzmq() {
        return;
    }
    let (mut rep, lines) = start(
        &[
            "zmq",
            "rep",
            "--bind",
            "tcp://127.0.0.1:0",
            "--reply",
            "Stop saying: {}",
            "--count",
            "5",
            "--color",
            "never",
        ],
        false,
    );
    let first = lines.next(LIMIT).unwrap();
    let addr = first.rsplit(' ').next().unwrap().to_string();
    assert!(first.starts_with("listening on zmq-rep "), "{first}");
    let (code, out, err) = python(PY_CHAPTER_CLIENT, &[&format!("tcp://{addr}")]);
    assert_eq!(code, 0, "{err}");
    let want: Vec<String> = (1..=5)
        .map(|n| format!("Sent message #{n}, received Stop saying: message #{n}"))
        .collect();
    assert_eq!(out.lines().collect::<Vec<_>>(), want);
    assert_eq!(rep.exit_code(LIMIT), 0);
    let said: Vec<String> = lines
        .rest(LIMIT)
        .into_iter()
        .filter(|l| l.starts_with("Request says:"))
        .collect();
    let want: Vec<String> = (1..=5)
        .map(|n| format!("Request says:message #{n}"))
        .collect();
    assert_eq!(said, want);
}

/// pyzmq PUSH: connect, send each argument (frames split at '|'), then linger.
const PY_PUSH: &str = r#"
import sys, zmq
ctx = zmq.Context()
s = ctx.socket(zmq.PUSH)
if sys.argv[1].startswith("tcp://[") : s.setsockopt(zmq.IPV6, 1)
s.connect(sys.argv[1])
for m in sys.argv[2:]:
    fs = [bytes.fromhex(f[4:]) if f.startswith("hex:") else f.encode() for f in m.split("|")]
    s.send_multipart(fs)
s.close(linger=10000)
# The linger is spent in ctx.term(): a process that exits without it drops
# whatever its I/O thread has not written yet (the handshake may still be going).
ctx.term()
"#;

/// pyzmq PULL: bind, print the endpoint, then N messages as JSON lists.
const PY_PULL: &str = r#"
import sys, json, zmq
ctx = zmq.Context()
s = ctx.socket(zmq.PULL)
s.bind(sys.argv[1])
print(s.getsockopt(zmq.LAST_ENDPOINT).decode(), flush=True)
s.RCVTIMEO = 15000
for _ in range(int(sys.argv[2])):
    print(json.dumps([f.hex() for f in s.recv_multipart()]), flush=True)
"#;

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs pyzmq: sudo ./peers.sh")]
fn pyzmq_push_to_netkit_pull_keeps_multipart_and_binary_frames() {
    if !pyzmq() {
        return;
    }
    let (mut pull, lines) = start(&["zmq", "pull", "tcp://127.0.0.1:0", "--count", "3"], true);
    let ep = zmq_bound(&lines, LIMIT);
    let (_push, _) = start_python(PY_PUSH, &[&ep, "w1|one", "w2|two|three", "w1|hex:ff00"]);
    assert_eq!(pull.exit_code(LIMIT), 0);
    let evs = lines.rest_json(LIMIT);
    let msgs = of_type(&evs, "message");
    assert_eq!(msgs.len(), 3);
    assert_eq!(frames(msgs[0]), ["w1", "one"]);
    assert_eq!(frames(msgs[1]), ["w2", "two", "three"]);
    assert_eq!(msgs[2]["frames"][1]["encoding"], "base64");
    assert_eq!(msgs[2]["frames"][1]["data"], "/wA=");
    let sum = of_type(&evs, "summary")[0];
    assert_eq!(sum["messages"], 3);
    assert_eq!(sum["per_sender"]["w1"], 2);
    assert_eq!(sum["per_sender"]["w2"], 1);
}

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs pyzmq: sudo ./peers.sh")]
fn netkit_push_to_pyzmq_pull_loses_nothing_from_stdin() {
    if !pyzmq() {
        return;
    }
    let (_pull, plines) = start_python(PY_PULL, &["tcp://127.0.0.1:*", "1000"]);
    let ep = plines.next(LIMIT).unwrap();
    let input: String = (1..=1000).map(|n| format!("{n}|x\n")).collect();
    let (code, out, err) = run_with_stdin(
        &["zmq", "push", &ep, "--separator", "|", "-q", "--json"],
        Some(input.as_bytes()),
    );
    assert_eq!(code, 0, "{out}{err}");
    let got = plines.rest(LIMIT);
    assert_eq!(got.len(), 1000);
    let last: Vec<String> = serde_json::from_str(&got[999]).unwrap();
    assert_eq!(
        last,
        [
            "1000"
                .bytes()
                .map(|b| format!("{b:02x}"))
                .collect::<String>(),
            "78".to_string()
        ]
    );
    let sum = json_lines(&out)
        .into_iter()
        .find(|e| e["type"] == "summary")
        .unwrap();
    assert_eq!(sum["sent"], 1000);
}

/// pyzmq DEALER with an identity: send each argument, print each reply.
const PY_DEALER: &str = r#"
import sys, json, zmq
ctx = zmq.Context()
s = ctx.socket(zmq.DEALER)
s.setsockopt(zmq.IDENTITY, sys.argv[2].encode())
s.connect(sys.argv[1])
s.RCVTIMEO = 15000
for m in sys.argv[3:]:
    s.send_multipart([b"", m.encode()])
    print(json.dumps([f.decode() for f in s.recv_multipart()]), flush=True)
"#;

/// pyzmq ROUTER: bind, print the endpoint, answer N messages [id, ..., x] with [id, ..., "re:" x].
const PY_ROUTER: &str = r#"
import sys, json, zmq
ctx = zmq.Context()
s = ctx.socket(zmq.ROUTER)
s.bind(sys.argv[1])
print(s.getsockopt(zmq.LAST_ENDPOINT).decode(), flush=True)
s.RCVTIMEO = 15000
for _ in range(int(sys.argv[2])):
    fs = s.recv_multipart()
    print(json.dumps([f.decode() for f in fs]), flush=True)
    s.send_multipart(fs[:-1] + [b"re:" + fs[-1]])
s.close(linger=5000)
ctx.term()  # the last reply is written before the process exits (see PY_PUSH)
"#;

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs pyzmq: sudo ./peers.sh")]
fn pyzmq_dealer_to_netkit_router_sees_identity_and_gets_replies() {
    if !pyzmq() {
        return;
    }
    let (mut router, lines) = start(
        &[
            "zmq",
            "router",
            "tcp://127.0.0.1:0",
            "--reply",
            "got {}",
            "--count",
            "2",
        ],
        true,
    );
    let ep = zmq_bound(&lines, LIMIT);
    let (code, out, err) = python(PY_DEALER, &[&ep, "worker-7", "a", "b"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "[\"\", \"got a\"]\n[\"\", \"got b\"]\n");
    assert_eq!(router.exit_code(LIMIT), 0);
    let evs = lines.rest_json(LIMIT);
    let msgs = of_type(&evs, "message");
    assert_eq!(msgs[0]["identity"]["data"], "worker-7");
    assert_eq!(frames(msgs[1]), ["b"]);
    assert_eq!(of_type(&evs, "summary")[0]["per_sender"]["worker-7"], 2);
}

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs pyzmq: sudo ./peers.sh")]
fn netkit_dealer_to_pyzmq_router_multipart_round_trip() {
    if !pyzmq() {
        return;
    }
    let (_r, rlines) = start_python(PY_ROUTER, &["tcp://127.0.0.1:*", "2"]);
    let ep = rlines.next(LIMIT).unwrap();
    let (code, out, err) = run(&[
        "zmq",
        "dealer",
        &ep,
        "--identity",
        "d9",
        "--frames",
        "f1",
        "f2",
        "--count",
        "2",
        "--json",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let evs = json_lines(&out);
    let replies = of_type(&evs, "message");
    assert_eq!(replies.len(), 2);
    assert_eq!(frames(replies[0]), ["f1", "re:f2"]);
    let seen: Vec<String> = serde_json::from_str(&rlines.next(LIMIT).unwrap()).unwrap();
    assert_eq!(seen, ["d9", "f1", "f2"]);
}

/// pyzmq REP: bind, print the endpoint, echo N requests upper-cased.
const PY_REP_UPPER: &str = r#"
import sys, zmq
ctx = zmq.Context()
s = ctx.socket(zmq.REP)
if sys.argv[1].startswith("tcp://[") : s.setsockopt(zmq.IPV6, 1)
s.bind(sys.argv[1])
print(s.getsockopt(zmq.LAST_ENDPOINT).decode(), flush=True)
s.RCVTIMEO = 15000
for _ in range(int(sys.argv[2])):
    s.send(s.recv().upper())
s.close(linger=5000)
ctx.term()  # the last reply is written before the process exits (see PY_PUSH)
"#;

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs pyzmq: sudo ./peers.sh")]
fn dealer_envelope_talks_to_pyzmq_rep_over_ipv6() {
    if !pyzmq() {
        return;
    }
    let (_r, rlines) = start_python(PY_REP_UPPER, &["tcp://[::1]:*", "1"]);
    let ep = rlines.next(LIMIT).unwrap();
    assert!(ep.starts_with("tcp://[::1]:"), "{ep}");
    let (code, out, err) = run(&["zmq", "dealer", &ep, "--envelope", "hello", "--json"]);
    assert_eq!(code, 0, "{out}{err}");
    let evs = json_lines(&out);
    assert_eq!(frames(of_type(&evs, "message")[0]), ["HELLO"]);
}

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs pyzmq: sudo ./peers.sh")]
fn ipv6_rep_and_ipc_pull() {
    if !pyzmq() {
        return;
    }
    let (mut rep, lines) = start(&["zmq", "rep", "tcp://[::1]:0", "--count", "1"], true);
    let ep = zmq_bound(&lines, LIMIT);
    assert!(ep.starts_with("tcp://[::1]:"), "{ep}");
    let script = r#"
import sys, zmq
s = zmq.Context().socket(zmq.REQ)
s.setsockopt(zmq.IPV6, 1)
s.connect(sys.argv[1])
s.RCVTIMEO = 15000
s.send(b"v6?")
print(s.recv().decode())
"#;
    let (code, out, err) = python(script, &[&ep]);
    assert_eq!((code, out.trim()), (0, "v6?"), "{err}");
    assert_eq!(rep.exit_code(LIMIT), 0);

    let dir = tempfile::tempdir().unwrap();
    let ipc = format!("ipc://{}/pull.sock", dir.path().display());
    let (mut pull, lines) = start(&["zmq", "pull", &ipc, "--count", "1"], true);
    assert_eq!(zmq_bound(&lines, LIMIT), ipc);
    let (_push, _) = start_python(PY_PUSH, &[&ipc, "over|ipc"]);
    assert_eq!(pull.exit_code(LIMIT), 0);
    let evs = lines.rest_json(LIMIT);
    assert_eq!(frames(of_type(&evs, "message")[0]), ["over", "ipc"]);
}

/// pyzmq REP worker: connect to the proxy backend, answer "NAME:request" until killed.
const PY_WORKER: &str = r#"
import sys, zmq
s = zmq.Context().socket(zmq.REP)
s.connect(sys.argv[1])
while True:
    m = s.recv()
    s.send(sys.argv[2].encode() + b":" + m)
"#;

/// pyzmq REQ client: N requests "CLIENT-i", print each reply.
const PY_CLIENT: &str = r#"
import sys, zmq
s = zmq.Context().socket(zmq.REQ)
s.connect(sys.argv[1])
s.RCVTIMEO = 15000
for i in range(int(sys.argv[3])):
    s.send(("%s-%d" % (sys.argv[2], i)).encode())
    print(s.recv().decode(), flush=True)
"#;

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs pyzmq: sudo ./peers.sh")]
fn proxy_between_pyzmq_clients_and_workers_answers_every_request_once() {
    if !pyzmq() {
        return;
    }
    let (mut proxy, lines) = start(
        &["zmq", "proxy", "tcp://127.0.0.1:0", "tcp://127.0.0.1:0"],
        true,
    );
    let front = zmq_bound(&lines, LIMIT);
    let back = zmq_bound(&lines, LIMIT);
    let _w1 = start_python(PY_WORKER, &[&back, "w1"]);
    let _w2 = start_python(PY_WORKER, &[&back, "w2"]);
    // Both workers' handshakes, as the proxy reports them, before any request.
    lines.until("joined", LIMIT);
    lines.until("joined", LIMIT);
    let clients: Vec<_> = (1..=3)
        .map(|c| {
            let front = front.clone();
            thread::spawn(move || python(PY_CLIENT, &[&front, &format!("c{c}"), "20"]))
        })
        .collect();
    let mut workers = std::collections::HashSet::new();
    for (c, t) in clients.into_iter().enumerate() {
        let (code, out, err) = t.join().unwrap();
        assert_eq!(code, 0, "{err}");
        let replies: Vec<&str> = out.lines().collect();
        assert_eq!(replies.len(), 20);
        for (i, r) in replies.iter().enumerate() {
            let (w, req) = r.split_once(':').unwrap();
            assert_eq!(req, format!("c{}-{i}", c + 1));
            workers.insert(w.to_string());
        }
    }
    assert_eq!(workers.len(), 2, "both workers served: {workers:?}");
    assert_eq!(proxy.interrupt(), Some(0));
    let evs = lines.rest_json(LIMIT);
    let sum = of_type(&evs, "summary")[0];
    assert_eq!(sum["frontend_to_backend"], 60);
    assert_eq!(sum["backend_to_frontend"], 60);
}

/// A server that drops the first request (a ROUTER can leave it unanswered,
/// where a REP could not), then answers the next.
const PY_DROP_FIRST: &str = r#"
import sys, zmq
ctx = zmq.Context()
s = ctx.socket(zmq.ROUTER)
port = s.bind_to_random_port("tcp://127.0.0.1")
print("tcp://127.0.0.1:%d" % port, flush=True)
s.RCVTIMEO = 15000
s.recv_multipart()
ident, empty, m = s.recv_multipart()
s.send_multipart([ident, empty, b"second time: " + m])
s.close(linger=2000)
ctx.term()
"#;

/// A REP that reads requests and never answers.
const PY_SILENT: &str = r#"
import sys, zmq, time
s = zmq.Context().socket(zmq.ROUTER)
port = s.bind_to_random_port("tcp://127.0.0.1")
print("tcp://127.0.0.1:%d" % port, flush=True)
time.sleep(30)
"#;

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs pyzmq: sudo ./peers.sh")]
fn lazy_pirate_recovers_on_a_fresh_socket() {
    if !pyzmq() {
        return;
    }
    let (_r, rlines) = start_python(PY_DROP_FIRST, &[]);
    let ep = rlines.next(LIMIT).unwrap();
    let (code, out, err) = run(&[
        "zmq",
        "req",
        &ep,
        "ping",
        "--timeout",
        "700ms",
        "--retries",
        "2",
        "--json",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let evs = json_lines(&out);
    assert_eq!(of_type(&evs, "retry").len(), 1, "{out}");
    let reply = of_type(&evs, "reply")[0];
    assert_eq!(frames(reply), ["second time: ping"]);
    assert_eq!(reply["attempt"], 2);
    let sum = of_type(&evs, "summary")[0];
    assert_eq!(
        (sum["answered"].as_u64(), sum["retries"].as_u64()),
        (Some(1), Some(1))
    );
}

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs pyzmq: sudo ./peers.sh")]
fn lazy_pirate_gives_up_with_exit_1_in_the_allowed_time() {
    if !pyzmq() {
        return;
    }
    let (_r, rlines) = start_python(PY_SILENT, &[]);
    let ep = rlines.next(LIMIT).unwrap();
    let t = Instant::now();
    let (code, out, err) = run(&[
        "zmq",
        "req",
        &ep,
        "anyone?",
        "--timeout",
        "400ms",
        "--retries",
        "2",
    ]);
    let took = t.elapsed();
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        took >= Duration::from_millis(1200) && took < Duration::from_secs(4),
        "{took:?}"
    );
    assert!(
        out.contains("no reply within 400ms, retrying (1/2)"),
        "{out}"
    );
    assert!(
        out.contains("no reply within 400ms, retrying (2/2)"),
        "{out}"
    );
    assert!(err.contains("no reply from"), "{err}");
}

#[test]
fn malformed_endpoints_are_exit_2() {
    for ep in [
        "tcp://127.0.0.1",
        "tcp://127.0.0.1:1/path",
        "redis://127.0.0.1:1",
        "tcp://*:5",
    ] {
        let (code, _, err) = run(&["zmq", "req", ep, "x", "--timeout", "1s"]);
        assert_eq!(code, 2, "{ep}: {err}");
        assert!(err.contains("error:"), "{err}");
    }
    let (code, _, _) = run(&["zmq", "proxy", "tcp://127.0.0.1:1"]);
    assert_eq!(code, 2);
}

#[test]
fn address_in_use_is_exit_4() {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let ep = format!("tcp://{}", l.local_addr().unwrap());
    let (code, _, err) = run(&["zmq", "rep", &ep, "--count", "1"]);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("in use"), "{err}");
}

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs pyzmq: sudo ./peers.sh")]
fn req_to_a_pub_is_a_protocol_error() {
    if !pyzmq() {
        return;
    }
    let script = r#"
import zmq, time
s = zmq.Context().socket(zmq.PUB)
port = s.bind_to_random_port("tcp://127.0.0.1")
print("tcp://127.0.0.1:%d" % port, flush=True)
time.sleep(30)
"#;
    let (_p, lines) = start_python(script, &[]);
    let ep = lines.next(LIMIT).unwrap();
    let t = Instant::now();
    let (code, out, err) = run(&["zmq", "req", &ep, "hi", "--timeout", "5s"]);
    assert_eq!(code, 3, "{out}{err}");
    assert!(t.elapsed() < Duration::from_secs(5));
    assert!(err.contains("REP (or ROUTER)"), "{err}");
}

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs pyzmq: sudo ./peers.sh")]
fn tcp_garbage_is_dropped_and_the_rep_keeps_serving() {
    if !pyzmq() {
        return;
    }
    let (mut rep, lines) = start(&["zmq", "rep", "tcp://127.0.0.1:0", "--count", "1"], true);
    let ep = zmq_bound(&lines, LIMIT);
    let mut junk = TcpStream::connect(ep.trim_start_matches("tcp://")).unwrap();
    junk.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let rejected = lines.until("rejected", LIMIT);
    assert!(rejected.contains("\"type\":\"peer\""), "{rejected}");
    let (_r, plines) = start_python(PY_CHAPTER_CLIENT, &[&ep]);
    assert_eq!(
        plines.next(LIMIT).as_deref(),
        Some("Sent message #1, received message #1")
    );
    assert_eq!(rep.exit_code(LIMIT), 0);
}

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs pyzmq: sudo ./peers.sh")]
fn an_oversize_message_drops_only_its_sender() {
    if !pyzmq() {
        return;
    }
    let (mut pull, lines) = start(
        &[
            "zmq",
            "pull",
            "tcp://127.0.0.1:0",
            "--count",
            "1",
            "--max-size",
            "1000",
        ],
        true,
    );
    let ep = zmq_bound(&lines, LIMIT);
    let big = "x".repeat(5000);
    let (_big, _) = start_python(PY_PUSH, &[&ep, &big]);
    let (_small, _) = start_python(PY_PUSH, &[&ep, "small"]);
    assert_eq!(pull.exit_code(LIMIT), 0);
    let evs = lines.rest_json(LIMIT);
    assert_eq!(frames(of_type(&evs, "message")[0]), ["small"]);
}

#[test]
fn rep_exec_answers_with_the_command_output() {
    let (mut rep, lines) = start(
        &[
            "zmq",
            "rep",
            "tcp://127.0.0.1:0",
            "--exec",
            "tr a-z A-Z",
            "--count",
            "2",
        ],
        true,
    );
    let ep = zmq_bound(&lines, LIMIT);
    let (code, out, err) = run(&["zmq", "req", &ep, "shout", "--count", "2", "--json"]);
    assert_eq!(code, 0, "{out}{err}");
    let evs = json_lines(&out);
    let replies = of_type(&evs, "reply");
    assert_eq!(replies.len(), 2);
    assert_eq!(frames(replies[1]), ["SHOUT"]);
    assert_eq!(rep.exit_code(LIMIT), 0);
}

#[test]
fn router_mandatory_refuses_an_unknown_identity() {
    let (mut router, lines) = start(
        &[
            "zmq",
            "router",
            "tcp://127.0.0.1:0",
            "--to",
            "nobody",
            "hi",
            "--router-mandatory",
            "--timeout",
            "5s",
        ],
        true,
    );
    let ep = zmq_bound(&lines, LIMIT);
    let (_d, _) = start(
        &[
            "zmq",
            "dealer",
            &ep,
            "--identity",
            "somebody",
            "x",
            "--timeout",
            "3s",
        ],
        true,
    );
    assert_eq!(router.exit_code(LIMIT), 3);
}

#[test]
fn ctrl_c_ends_a_waiting_req_quickly_with_exit_1() {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    drop(l);
    let (mut req, lines) = start(
        &[
            "zmq",
            "req",
            &format!("tcp://127.0.0.1:{port}"),
            "hi",
            "--timeout",
            "30s",
        ],
        true,
    );
    lines.until("connecting", LIMIT);
    thread::sleep(Duration::from_millis(200));
    let t = Instant::now();
    assert_eq!(req.interrupt(), Some(1));
    assert!(
        t.elapsed() < Duration::from_millis(1000),
        "{:?}",
        t.elapsed()
    );
    let rest = lines.rest(LIMIT);
    assert!(
        rest.iter().any(|l| l.contains("\"type\":\"summary\"")),
        "{rest:?}"
    );
}

#[test]
fn pubsub_proxy_forwards_subscriptions_and_messages() {
    let (mut proxy, lines) = start(
        &[
            "zmq",
            "proxy",
            "--pubsub",
            "tcp://127.0.0.1:0",
            "tcp://127.0.0.1:0",
            "--capture",
        ],
        true,
    );
    let front = zmq_bound(&lines, LIMIT);
    let back = zmq_bound(&lines, LIMIT);
    let (mut sub, slines) = start(
        &["sub", &back, "catA", "--count", "1", "--timeout", "10s"],
        true,
    );
    slines.until("subscribe", LIMIT);
    // The publisher waits until the subscription has come through the proxy.
    let (code, out, err) = run(&[
        "pub",
        &front,
        "--connect",
        "catA",
        "hatB",
        "--timeout",
        "10s",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(sub.exit_code(LIMIT), 0);
    let got = slines.rest_json(LIMIT);
    let m = of_type(&got, "message")[0];
    assert_eq!(
        (m["channel"].as_str(), m["data"].as_str()),
        (Some("catA"), Some("hatB"))
    );
    assert_eq!(proxy.interrupt(), Some(0));
    let evs = lines.rest_json(LIMIT);
    let fwd = of_type(&evs, "forward");
    assert!(
        fwd.iter().any(|f| f["direction"] == "backend→frontend"),
        "the subscription went upstream: {evs:?}"
    );
    assert_eq!(of_type(&evs, "summary")[0]["frontend_to_backend"], 1);
}

#[test]
#[cfg_attr(not(peer = "py-zmq"), ignore = "needs pyzmq: sudo ./peers.sh")]
fn sub_max_size_drops_an_oversize_publisher_connection() {
    if !pyzmq() {
        return;
    }
    // XPUB: wait for the subscription, then send 1 MB to a sub allowing 1000 bytes.
    let script = r#"
import zmq, time
s = zmq.Context().socket(zmq.XPUB)
port = s.bind_to_random_port("tcp://127.0.0.1")
print("tcp://127.0.0.1:%d" % port, flush=True)
s.RCVTIMEO = 15000
s.recv()
s.send_multipart([b"catA", b"x" * 1000000])
time.sleep(30)
"#;
    let (_p, plines) = start_python(script, &[]);
    let ep = plines.next(LIMIT).unwrap();
    let (mut sub, lines) = start(
        &[
            "sub",
            &ep,
            "catA",
            "--count",
            "1",
            "--max-size",
            "1000",
            "--timeout",
            "3s",
        ],
        true,
    );
    // libzmq closes the connection instead of delivering (or buffering) the message.
    assert_eq!(sub.exit_code(LIMIT), 1);
    let evs = lines.rest_json(LIMIT);
    assert!(of_type(&evs, "message").is_empty(), "{evs:?}");
    assert!(
        of_type(&evs, "peer").iter().any(|e| e["event"] == "left"),
        "the oversize connection was dropped: {evs:?}"
    );
}

/// A connecting PUSH with nobody listening sends nothing (ZMQ_IMMEDIATE):
/// no `sent` event, the waiting warning, then exit 3 at `--timeout`.
#[test]
fn push_to_an_endpoint_nobody_listens_on_fails_with_exit_3() {
    let ep = format!("tcp://127.0.0.1:{}", free_port());
    let t = Instant::now();
    let (code, out, err) = run(&[
        "zmq",
        "push",
        &ep,
        "one",
        "two",
        "--timeout",
        "1500ms",
        "--json",
    ]);
    assert_eq!(code, 3, "{out}{err}");
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    let evs = json_lines(&out);
    assert!(of_type(&evs, "sent").is_empty(), "{out}");
    let warned = of_type(&evs, "warning");
    assert!(
        warned.iter().any(|w| w["message"]
            .as_str()
            .unwrap()
            .contains("no PULL peer has taken a message yet")),
        "{out}"
    );
    let e = of_type(&evs, "error")[0];
    assert_eq!(e["kind"], "timeout", "{e}");
    assert!(
        e["message"].as_str().unwrap().contains("0 sent before"),
        "{e}"
    );
}

/// The same PUSH waits for a PULL that comes late, and then delivers both.
#[test]
fn push_waits_for_a_late_pull_and_loses_nothing() {
    let port = free_port();
    let ep = format!("tcp://127.0.0.1:{port}");
    let (mut push, plines) = start(
        &["zmq", "push", &ep, "one", "two", "--timeout", "20s"],
        true,
    );
    let connecting = plines.next_json(LIMIT);
    assert_eq!(connecting["type"], "connecting", "{connecting}");
    let w = plines.next_json(LIMIT);
    assert_eq!(w["type"], "warning", "{w}");
    let (mut pull, lines) = start(&["zmq", "pull", &ep, "--bind", "--count", "2"], true);
    assert_eq!(pull.exit_code(LIMIT), 0);
    assert_eq!(push.exit_code(LIMIT), 0);
    let evs = lines.rest_json(LIMIT);
    let msgs = of_type(&evs, "message");
    assert_eq!(frames(msgs[0]), ["one"]);
    assert_eq!(frames(msgs[1]), ["two"]);
    let sent = plines.rest_json(LIMIT);
    assert_eq!(of_type(&sent, "sent").len(), 2, "{sent:?}");
}

#[test]
fn pair_sends_and_receives_multipart() {
    let (mut rx, lines) = start(&["zmq", "pair", "tcp://127.0.0.1:0", "--count", "2"], true);
    let ep = zmq_bound(&lines, LIMIT);
    let (code, out, err) = run(&["zmq", "pair", &ep, "a|b", "c", "--separator", "|"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(rx.exit_code(LIMIT), 0);
    let evs = lines.rest_json(LIMIT);
    let msgs = of_type(&evs, "message");
    assert_eq!(frames(msgs[0]), ["a", "b"]);
    assert_eq!(frames(msgs[1]), ["c"]);
}

#[test]
fn zmq_pub_and_sub_are_the_top_level_commands() {
    let (mut sub, lines) = start(
        &[
            "zmq",
            "sub",
            "tcp://127.0.0.1:0",
            "--bind",
            "t",
            "--count",
            "1",
        ],
        true,
    );
    let ep = zmq_bound(&lines, LIMIT);
    let (code, out, err) = run(&[
        "zmq",
        "pub",
        &ep,
        "--connect",
        "t",
        "hello",
        "--timeout",
        "10s",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(sub.exit_code(LIMIT), 0);
    let evs = lines.rest_json(LIMIT);
    assert_eq!(of_type(&evs, "message")[0]["data"], "hello");
}
