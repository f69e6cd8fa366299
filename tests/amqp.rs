//! `netkit pub`/`sub` over AMQP against a real rabbitmq-server, with pika (the
//! chapter's tutorial client) as the other side. One broker is started for the
//! whole test binary (it takes seconds to boot) on free loopback ports, with its
//! own temp dirs, Erlang cookie and epmd port, in its own process group; a
//! watchdog shell kills that group and removes the dirs when this binary exits
//! (its stdin pipe closes), so no beam.smp outlives `cargo test`. Tests that
//! need `rabbitmqctl` reach the same node through its name, epmd port and cookie.
//! The broker also has a TLS listener (`amqps://`) from the start, with
//! certificates rcgen makes before it boots (rabbit reads them as files).

mod common;

#[path = "../src/net/tls/test_pki.rs"]
#[allow(unused)]
mod pki;

use std::io::Write;
use std::net::TcpStream;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use common::{json_lines, of_type, run, run_with_stdin, Lines, Peer};
use serde_json::Value;

/// The shared broker: its AMQP and AMQPS ports, the CA of its TLS certificate
/// and another CA (PEM files), how `rabbitmqctl` reaches it (node name, epmd
/// port, the HOME holding its Erlang cookie), and the pipe whose closing stops it.
struct Rabbit {
    port: u16,
    tls_port: u16,
    ca: String,
    other_ca: String,
    node: String,
    epmd: u16,
    home: String,
    _stdin: Mutex<ChildStdin>,
}

/// Started once; a failure to start is kept too, so the other tests fail at once.
static RABBIT: OnceLock<Result<Rabbit, String>> = OnceLock::new();

/// Waits for its stdin to close (this test binary exiting, however it exits),
/// then kills the broker's process group and its private epmd and removes the dirs.
const WATCHDOG: &str = r#"
read _ignored || true
kill -9 "-$1" 2>/dev/null
for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$1" 2>/dev/null || break; sleep 0.2; done
epmd -kill >/dev/null 2>&1
rm -rf "$2"
"#;

fn server_program() -> String {
    let direct = Path::new("/usr/lib/rabbitmq/bin/rabbitmq-server");
    if direct.exists() {
        direct.display().to_string()
    } else {
        common::program_path("rabbitmq-server")
            .expect("rabbitmq-server")
            .display()
            .to_string()
    }
}

fn start_rabbit() -> Result<Rabbit, String> {
    let dir = tempfile::Builder::new()
        .prefix("netkit-rabbit-")
        .tempdir()
        .expect("temp dir")
        .keep();
    for sub in ["mnesia", "log", "home"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    std::fs::write(dir.join("enabled_plugins"), "[].\n").unwrap();
    let (port, tls_port, dist, epmd) = (
        common::free_port(),
        common::free_port(),
        common::free_port(),
        common::free_port(),
    );
    let d = |s: &str| dir.join(s).display().to_string();
    let node = format!("netkit-test-{}@localhost", std::process::id());
    let ca = pki::Ca::root("netkit test CA");
    let leaf = ca.leaf(
        "localhost",
        &["localhost", "127.0.0.1"],
        pki::Validity::Long,
    );
    std::fs::write(dir.join("ca.pem"), &ca.cert.pem).unwrap();
    std::fs::write(dir.join("server.pem"), &leaf.pem).unwrap();
    std::fs::write(dir.join("server.key"), &leaf.key_pem).unwrap();
    std::fs::write(
        dir.join("other.pem"),
        &pki::Ca::root("some other CA").cert.pem,
    )
    .unwrap();
    std::fs::write(
        dir.join("rabbitmq.conf"),
        format!(
            "log.console = false\n\
             listeners.ssl.1 = 127.0.0.1:{tls_port}\n\
             ssl_options.cacertfile = {}\n\
             ssl_options.certfile = {}\n\
             ssl_options.keyfile = {}\n\
             ssl_options.verify = verify_none\n\
             ssl_options.fail_if_no_peer_cert = false\n",
            d("ca.pem"),
            d("server.pem"),
            d("server.key")
        ),
    )
    .unwrap();
    let mut c = Command::new(server_program());
    c.env("HOME", d("home"))
        .env("RABBITMQ_NODE_PORT", port.to_string())
        .env("RABBITMQ_DIST_PORT", dist.to_string())
        .env("ERL_EPMD_PORT", epmd.to_string())
        .env("ERL_EPMD_ADDRESS", "127.0.0.1")
        .env(
            "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS",
            "-kernel inet_dist_use_interface {127,0,0,1}",
        )
        .env("RABBITMQ_NODENAME", &node)
        .env("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1")
        .env("RABBITMQ_MNESIA_BASE", d("mnesia"))
        .env("RABBITMQ_LOG_BASE", d("log"))
        .env("RABBITMQ_CONFIG_FILE", d("rabbitmq"))
        .env("RABBITMQ_ENABLED_PLUGINS_FILE", d("enabled_plugins"))
        .process_group(0)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(dir.join("server.log")).unwrap())
        .stderr(Stdio::null());
    let server = c.spawn().expect("starting rabbitmq-server");
    let mut w = Command::new("sh");
    w.arg("-c")
        .arg(WATCHDOG)
        .arg("watchdog")
        .arg(server.id().to_string())
        .arg(dir.display().to_string())
        .env("ERL_EPMD_PORT", epmd.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut watchdog = w.spawn().expect("starting the rabbitmq watchdog");
    let stdin = watchdog.stdin.take().unwrap();
    // Neither is waited for: they outlive every test and end with this binary.
    std::mem::forget((server, watchdog));
    let deadline = Instant::now() + Duration::from_secs(180);
    for p in [port, tls_port] {
        let addr = format!("127.0.0.1:{p}");
        while TcpStream::connect(&addr).is_err() {
            if Instant::now() > deadline {
                return Err(format!(
                    "rabbitmq-server did not listen on {addr} within 180 s; log: {}",
                    std::fs::read_to_string(dir.join("server.log")).unwrap_or_default()
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
    Ok(Rabbit {
        port,
        node,
        epmd,
        home: d("home"),
        tls_port,
        ca: d("ca.pem"),
        other_ca: d("other.pem"),
        _stdin: Mutex::new(stdin),
    })
}

/// The broker's URL (starting it on first use); None when a peer is missing.
fn broker(pika: bool) -> Option<String> {
    if !common::require("rabbitmq-server") || (pika && !common::require_python(&["pika"])) {
        return None;
    }
    match RABBIT.get_or_init(start_rabbit) {
        Ok(r) => Some(format!("amqp://127.0.0.1:{}", r.port)),
        Err(e) => panic!("{e}"),
    }
}

/// `rabbitmqctl ARGS` against the shared broker (started already); its stdout.
fn rabbitmqctl(args: &[&str]) -> String {
    let Some(Ok(r)) = RABBIT.get() else {
        panic!("the broker is not running")
    };
    let ctl = Path::new(&server_program()).with_file_name("rabbitmqctl");
    let out = Command::new(ctl)
        .env("HOME", &r.home)
        .env("ERL_EPMD_PORT", r.epmd.to_string())
        .env("ERL_EPMD_ADDRESS", "127.0.0.1")
        .args(["-n", &r.node])
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("running rabbitmqctl");
    assert!(
        out.status.success(),
        "rabbitmqctl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The broker's TLS side: its `amqps://` URL (by name, so the certificate's
/// `localhost` is checked), its port, the CA file and another CA's file.
fn tls_broker() -> Option<(String, u16, String, String)> {
    broker(false)?;
    let r = RABBIT.get().unwrap().as_ref().unwrap();
    Some((
        format!("amqps://localhost:{}", r.tls_port),
        r.port,
        r.ca.clone(),
        r.other_ca.clone(),
    ))
}

/// A unique name per test, so tests sharing the broker never see each other.
fn name(base: &str) -> String {
    format!("{base}-{}", std::process::id())
}

/// Start `netkit sub --json ...` and wait for its `subscribe` event.
fn start_sub(args: &[&str]) -> (Peer, Lines) {
    let mut c = common::netkit();
    c.arg("sub").args(args).arg("--json").stdout(Stdio::piped());
    let mut p = Peer::spawn("netkit sub", &mut c);
    let lines = Lines::new(p.child.stdout.take().unwrap());
    let first = lines.next_json(Duration::from_secs(30));
    assert_eq!(first["type"], "subscribe", "{first}");
    (p, lines)
}

/// `message` events until `n` arrived (panics after `limit`).
fn messages(lines: &Lines, n: usize, limit: Duration) -> Vec<Value> {
    let deadline = Instant::now() + limit;
    let mut got = Vec::new();
    while got.len() < n {
        let left = deadline.saturating_duration_since(Instant::now());
        let l = lines
            .next(left)
            .unwrap_or_else(|| panic!("{} of {n} messages", got.len()));
        let v: Value = serde_json::from_str(&l).unwrap();
        if v["type"] == "message" {
            got.push(v);
        }
    }
    got
}

fn data(v: &[Value]) -> Vec<String> {
    v.iter()
        .map(|m| m["data"].as_str().unwrap().to_string())
        .collect()
}

const PIKA_EMIT_LOG: &str = r#"
import sys, pika
conn = pika.BlockingConnection(pika.URLParameters(sys.argv[1]))
ch = conn.channel()
ch.exchange_declare(exchange=sys.argv[2], exchange_type='fanout')
for m in sys.argv[3:]:
    ch.basic_publish(exchange=sys.argv[2], routing_key='', body=m.encode())
conn.close()
"#;

#[test]
#[cfg_attr(
    not(all(peer = "rabbitmq-server", peer = "py-pika")),
    ignore = "needs rabbitmq-server and pika: sudo ./peers.sh"
)]
fn pika_publisher_to_netkit_subscriber() {
    let Some(url) = broker(true) else { return };
    let ex = name("logs-a");
    let (mut sub, lines) = start_sub(&[&url, &ex, "--count", "2"]);
    let (code, _, err) =
        common::python(PIKA_EMIT_LOG, &[&url, &ex, "info: Hello World!", "\u{ff}"]);
    assert_eq!(code, 0, "{err}");
    let got = messages(&lines, 2, Duration::from_secs(20));
    assert_eq!(data(&got), ["info: Hello World!", "\u{ff}"]);
    assert_eq!(
        (got[0]["channel"].as_str(), got[0]["routing_key"].as_str()),
        (Some(ex.as_str()), Some(""))
    );
    assert_eq!(got[0]["pattern"], Value::Null);
    let sum = lines.next_json(Duration::from_secs(10));
    assert_eq!(
        (sum["type"].as_str(), sum["messages"].as_u64()),
        (Some("summary"), Some(2))
    );
    assert_eq!(sub.child.wait().unwrap().code(), Some(0));
}

const PIKA_RECEIVE_LOGS: &str = r#"
import sys, pika
conn = pika.BlockingConnection(pika.URLParameters(sys.argv[1]))
ch = conn.channel()
ch.exchange_declare(exchange=sys.argv[2], exchange_type='fanout')
q = ch.queue_declare(queue='', exclusive=True).method.queue
ch.queue_bind(exchange=sys.argv[2], queue=q)
print('ready', flush=True)
want = int(sys.argv[3])
got = []
def callback(ch, method, properties, body):
    got.append(body)
    print(body.decode(), flush=True)
    if len(got) == want:
        ch.stop_consuming()
ch.basic_consume(queue=q, on_message_callback=callback, auto_ack=True)
ch.start_consuming()
conn.close()
"#;

#[test]
#[cfg_attr(
    not(all(peer = "rabbitmq-server", peer = "py-pika")),
    ignore = "needs rabbitmq-server and pika: sudo ./peers.sh"
)]
fn netkit_publisher_to_pika_consumer() {
    let Some(url) = broker(true) else { return };
    let ex = name("logs-b");
    let mut c = common::python_command();
    c.arg("-c")
        .arg(PIKA_RECEIVE_LOGS)
        .args([&url, &ex, "3"])
        .stdout(Stdio::piped());
    let mut pika = Peer::spawn("pika consumer", &mut c);
    let lines = Lines::new(pika.child.stdout.take().unwrap());
    lines.until("ready", Duration::from_secs(30));
    let (code, out, err) = run(&["pub", &url, &ex, "catA", "hatB", "catC", "--json"]);
    assert_eq!(code, 0, "{err}");
    let evs = json_lines(&out);
    let published = of_type(&evs, "published");
    assert_eq!(published.len(), 3);
    assert!(
        published.iter().all(|e| e["status"] == "confirmed"),
        "{out}"
    );
    assert_eq!(of_type(&evs, "summary")[0]["confirmed"], 3);
    let got: Vec<String> = (0..3)
        .filter_map(|_| lines.next(Duration::from_secs(20)))
        .collect();
    assert_eq!(got, ["catA", "hatB", "catC"]);
    assert_eq!(pika.child.wait().unwrap().code(), Some(0));
}

#[test]
#[cfg_attr(
    not(peer = "rabbitmq-server"),
    ignore = "needs rabbitmq-server: sudo ./peers.sh"
)]
fn topic_routing_with_binding_keys() {
    let Some(url) = broker(false) else { return };
    let ex = name("topic-logs");
    let (mut sub, lines) = start_sub(&[
        &url,
        &ex,
        "kern.*",
        "--binding-key",
        "*.critical",
        "--exchange-type",
        "topic",
        "--count",
        "3",
    ]);
    for (key, msg) in [
        ("kern.info", "k1"),
        ("user.info", "nope"),
        ("app.critical", "c1"),
        ("kern.warn.x", "nope2"),
        ("kern.crit", "k2"),
    ] {
        let (code, _, err) = run(&[
            "pub",
            &url,
            &ex,
            msg,
            "--exchange-type",
            "topic",
            "--routing-key",
            key,
            "-q",
        ]);
        assert_eq!(code, 0, "{err}");
    }
    let got = messages(&lines, 3, Duration::from_secs(20));
    assert_eq!(data(&got), ["k1", "c1", "k2"]);
    assert_eq!(got[1]["routing_key"], "app.critical");
    assert_eq!(sub.child.wait().unwrap().code(), Some(0));
}

#[test]
#[cfg_attr(
    not(peer = "rabbitmq-server"),
    ignore = "needs rabbitmq-server: sudo ./peers.sh"
)]
fn durable_queue_competing_consumers() {
    let Some(url) = broker(false) else { return };
    let (ex, q) = (name("tasks-ex"), name("tasks"));
    let args = [url.as_str(), &ex, "--queue", &q, "--ack", "--prefetch", "1"];
    let (mut a, la) = start_sub(&args);
    let (mut b, lb) = start_sub(&args);
    let input: String = (1..=20).map(|i| format!("task{i}\n")).collect();
    let (code, out, err) = run_with_stdin(&["pub", &url, &ex, "--json"], Some(input.as_bytes()));
    assert_eq!(code, 0, "{err}");
    assert_eq!(of_type(&json_lines(&out), "summary")[0]["confirmed"], 20);
    // Read both until all 20 are in, then Ctrl-C both.
    let (mut got_a, mut got_b) = (Vec::new(), Vec::new());
    let deadline = Instant::now() + Duration::from_secs(30);
    while got_a.len() + got_b.len() < 20 && Instant::now() < deadline {
        for (l, got) in [(&la, &mut got_a), (&lb, &mut got_b)] {
            if let Some(line) = l.next(Duration::from_millis(50)) {
                let v: Value = serde_json::from_str(&line).unwrap();
                if v["type"] == "message" {
                    got.push(v["data"].as_str().unwrap().to_string());
                }
            }
        }
    }
    assert!(
        !got_a.is_empty() && !got_b.is_empty(),
        "a={got_a:?} b={got_b:?}"
    );
    let mut all: Vec<String> = got_a.iter().chain(&got_b).cloned().collect();
    all.sort_by_key(|t| t[4..].parse::<u32>().unwrap());
    let want: Vec<String> = (1..=20).map(|i| format!("task{i}")).collect();
    assert_eq!(all, want, "each task went to exactly one consumer");
    assert_eq!(a.interrupt(), Some(0));
    assert_eq!(b.interrupt(), Some(0));
    let sum = la.until("summary", Duration::from_secs(5));
    assert!(sum.contains("\"messages\":"), "{sum}");
}

#[test]
#[cfg_attr(
    not(peer = "rabbitmq-server"),
    ignore = "needs rabbitmq-server: sudo ./peers.sh"
)]
fn stdin_pipeline_with_confirms_loses_nothing() {
    let Some(url) = broker(false) else { return };
    let ex = name("pipe");
    let (mut sub, lines) = start_sub(&[&url, &ex, "--count", "5000", "-q"]);
    let input: String = (1..=5000).map(|i| format!("{i}\n")).collect();
    let (code, out, err) = run_with_stdin(&["pub", &url, &ex, "--json"], Some(input.as_bytes()));
    assert_eq!(code, 0, "{err}");
    let evs = json_lines(&out);
    let published = of_type(&evs, "published");
    assert_eq!(published.len(), 5000);
    assert!(
        published
            .iter()
            .enumerate()
            .all(|(i, e)| e["seq"] == i as u64 + 1
                && e["data"].as_str() == Some(&(i + 1).to_string()))
    );
    let sum = of_type(&evs, "summary")[0];
    assert_eq!(
        (sum["confirmed"].as_u64(), sum["unconfirmed"].as_u64()),
        (Some(5000), Some(0))
    );
    let sub_sum = lines.next_json(Duration::from_secs(30));
    assert_eq!(
        (sub_sum["type"].as_str(), sub_sum["messages"].as_u64()),
        (Some("summary"), Some(5000))
    );
    assert_eq!(sub.child.wait().unwrap().code(), Some(0));
}

#[test]
#[cfg_attr(
    not(peer = "rabbitmq-server"),
    ignore = "needs rabbitmq-server: sudo ./peers.sh"
)]
fn mandatory_unroutable_is_returned() {
    let Some(url) = broker(false) else { return };
    let ex = name("direct-unbound");
    let (code, out, _) = run(&[
        "pub",
        &url,
        &ex,
        "lost",
        "--exchange-type",
        "direct",
        "--routing-key",
        "error",
        "--mandatory",
        "--json",
    ]);
    assert_eq!(code, 1, "{out}");
    let evs = json_lines(&out);
    let p = of_type(&evs, "published")[0];
    assert_eq!(
        (
            p["status"].as_str(),
            p["reply_code"].as_u64(),
            p["reply_text"].as_str()
        ),
        (Some("returned"), Some(312), Some("NO_ROUTE"))
    );
    assert_eq!(of_type(&evs, "summary")[0]["returned"], 1);
    // Without --mandatory the broker drops it silently and confirms.
    let (code, out, _) = run(&[
        "pub",
        &url,
        &ex,
        "lost",
        "--exchange-type",
        "direct",
        "--routing-key",
        "error",
    ]);
    assert_eq!(code, 0);
    assert!(out.contains(": confirmed"), "{out}");
}

const PIKA_FULL_QUEUE: &str = r#"
import sys, pika
conn = pika.BlockingConnection(pika.URLParameters(sys.argv[1]))
ch = conn.channel()
ch.exchange_declare(exchange=sys.argv[2], exchange_type='direct')
ch.queue_declare(queue=sys.argv[3], arguments={'x-max-length': 1, 'x-overflow': 'reject-publish'})
ch.queue_bind(exchange=sys.argv[2], queue=sys.argv[3], routing_key='k')
conn.close()
"#;

#[test]
#[cfg_attr(
    not(all(peer = "rabbitmq-server", peer = "py-pika")),
    ignore = "needs rabbitmq-server and pika: sudo ./peers.sh"
)]
fn full_queue_nacks() {
    let Some(url) = broker(true) else { return };
    let (ex, q) = (name("nack-ex"), name("nack-q"));
    let (code, _, err) = common::python(PIKA_FULL_QUEUE, &[&url, &ex, &q]);
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = run(&[
        "pub",
        &url,
        &ex,
        "one",
        "two",
        "--exchange-type",
        "direct",
        "--routing-key",
        "k",
        "--json",
    ]);
    assert_eq!(code, 3, "a nack is a failure: {out}");
    let evs = json_lines(&out);
    let status: Vec<&str> = of_type(&evs, "published")
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    assert_eq!(status, ["confirmed", "nacked"]);
}

fn error_of(out: &str, err: &str) -> Value {
    json_lines(out)
        .into_iter()
        .chain(json_lines(err))
        .find(|v| v["type"] == "error")
        .unwrap_or_else(|| panic!("no error event: {out} {err}"))
}

#[test]
#[cfg_attr(
    not(peer = "rabbitmq-server"),
    ignore = "needs rabbitmq-server: sudo ./peers.sh"
)]
fn refused_login_missing_vhost_and_wrong_exchange_type() {
    let Some(url) = broker(false) else { return };
    let bad = url.replace("amqp://", "amqp://guest:wrong@");
    let (code, out, err) = run(&["pub", &bad, "x", "m", "--json"]);
    assert_eq!(code, 3);
    let e = error_of(&out, &err);
    assert_eq!(e["kind"], "auth");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("403 ACCESS_REFUSED"),
        "{e}"
    );

    let (code, out, err) = run(&["sub", &format!("{url}/nosuch"), "x", "--json"]);
    assert_eq!(code, 3);
    let e = error_of(&out, &err);
    assert!(
        e["message"].as_str().unwrap().contains("530 NOT_ALLOWED"),
        "{e}"
    );

    let ex = name("typed");
    assert_eq!(run(&["pub", &url, &ex, "m", "-q"]).0, 0);
    let (code, out, err) = run(&["sub", &url, &ex, "--exchange-type", "direct", "--json"]);
    assert_eq!(code, 3);
    let e = error_of(&out, &err);
    assert_eq!(e["kind"], "precondition_failed");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("406 PRECONDITION_FAILED"),
        "{e}"
    );
}

#[test]
#[cfg_attr(
    not(peer = "rabbitmq-server"),
    ignore = "needs rabbitmq-server: sudo ./peers.sh"
)]
fn idle_timeout_and_ctrl_c() {
    let Some(url) = broker(false) else { return };
    let ex = name("idle");
    let (code, out, _) = run(&["sub", &url, &ex, "--timeout", "1s", "--json"]);
    assert_eq!(code, 1, "{out}");
    let (mut sub, lines) = start_sub(&[&url, &ex]);
    let t = Instant::now();
    assert_eq!(sub.interrupt(), Some(0));
    assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());
    let sum = lines.next_json(Duration::from_secs(5));
    assert_eq!(
        (sum["type"].as_str(), sum["messages"].as_u64()),
        (Some("summary"), Some(0))
    );
}

#[test]
fn usage_errors_need_no_broker() {
    let (code, _, err) = run(&["pub", "amqp://127.0.0.1:1", "logs", "m", "--insecure"]);
    assert_eq!(code, 2);
    assert!(err.contains("use amqps://"), "{err}");
    let (code, _, err) = run(&["pub", "redis://127.0.0.1:1", "news", "m", "--mandatory"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(&["sub", "amqp://127.0.0.1:1", "logs", "--pattern"]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(&["sub", "amqp://127.0.0.1:1", ""]);
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(&["pub", "amqp://127.0.0.1:1", "logs", "m"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("refused"), "{err}");
    let _ = std::io::stderr().flush();
}

#[test]
#[cfg_attr(
    not(peer = "rabbitmq-server"),
    ignore = "needs rabbitmq-server: sudo ./peers.sh"
)]
fn lab_runs_against_the_broker() {
    let Some(url) = broker(false) else { return };
    let out = common::netkit()
        .args(["lab", "pubsub-rabbitmq", "--json", "--explain"])
        .env("NETKIT_AMQP_URL", &url)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let ev = json_lines(&text);
    let checks = of_type(&ev, "check");
    assert_eq!(checks.len(), 4, "{text}");
    assert!(checks.iter().all(|c| c["ok"] == true), "{text}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
#[cfg_attr(
    not(peer = "rabbitmq-server"),
    ignore = "needs rabbitmq-server: sudo ./peers.sh"
)]
fn ctrl_c_stops_a_publisher_waiting_for_stdin() {
    let Some(url) = broker(false) else { return };
    let ex = name("ctrl-c");
    let mut c = common::netkit();
    c.args(["pub", &url, &ex, "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped());
    let mut p = Peer::spawn("netkit pub", &mut c);
    let mut input = p.child.stdin.take().unwrap();
    let lines = Lines::new(p.child.stdout.take().unwrap());
    input.write_all(b"first\n").unwrap();
    let ev = lines.next_json(Duration::from_secs(30));
    assert_eq!(
        (ev["type"].as_str(), ev["status"].as_str()),
        (Some("published"), Some("confirmed"))
    );
    let t = Instant::now();
    assert_eq!(p.interrupt(), Some(0), "stdin still open, Ctrl-C ends it");
    assert!(t.elapsed() < Duration::from_secs(3), "{:?}", t.elapsed());
    let sum = lines.next_json(Duration::from_secs(5));
    assert_eq!(
        (sum["type"].as_str(), sum["confirmed"].as_u64()),
        (Some("summary"), Some(1))
    );
}

#[test]
fn a_peer_that_is_not_amqp_is_a_clear_failure() {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for s in l.incoming().take(1) {
            let mut s = s.unwrap();
            let _ = s.write_all(b"HTTP/1.1 400 Bad Request\r\n\r\n");
        }
    });
    let (code, _, err) = run(&[
        "pub",
        &format!("amqp://127.0.0.1:{port}"),
        "logs",
        "m",
        "--timeout",
        "5s",
    ]);
    assert_eq!(code, 3, "{err}");
    assert!(
        err.starts_with("netkit: error: connecting to 127.0.0.1:"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

/// The broker closes `sub`'s connection (`rabbitmqctl close_connection`): a
/// clear error naming the reply code and text, exit 3 (issue 16). The
/// subscriber uses a vhost of its own, so only its connection is closed.
#[test]
#[cfg_attr(
    not(peer = "rabbitmq-server"),
    ignore = "needs rabbitmq-server: sudo ./peers.sh"
)]
fn connection_closed_by_the_broker_is_exit_3_with_the_reply() {
    let Some(url) = broker(false) else { return };
    let vhost = name("loss");
    rabbitmqctl(&["add_vhost", &vhost]);
    rabbitmqctl(&["set_permissions", "-p", &vhost, "guest", ".*", ".*", ".*"]);
    let (mut sub, lines) = start_sub(&[&format!("{url}/{vhost}"), "logs"]);
    let listed = rabbitmqctl(&["list_connections", "pid", "vhost", "--silent"]);
    let pids: Vec<&str> = listed
        .lines()
        .filter(|l| l.split('\t').nth(1) == Some(vhost.as_str()))
        .filter_map(|l| l.split('\t').next())
        .collect();
    assert_eq!(pids.len(), 1, "{listed}");
    rabbitmqctl(&["close_connection", pids[0], "closed by the netkit test"]);
    assert_eq!(sub.exit_code(Duration::from_secs(20)), 3);
    let rest = lines.rest_json(Duration::from_secs(5));
    let e = of_type(&rest, "error")[0];
    let msg = e["message"].as_str().unwrap();
    assert!(msg.contains("320"), "{e}");
    assert!(msg.contains("CONNECTION_FORCED"), "{e}");
    assert!(msg.contains("closed by the netkit test"), "{e}");
    assert_eq!(e["code"], 3, "{e}");
    assert_eq!(e["kind"], "connection_lost", "{e}");
    rabbitmqctl(&["delete_vhost", &vhost]);
}

#[test]
#[cfg_attr(
    not(peer = "rabbitmq-server"),
    ignore = "needs rabbitmq-server: sudo ./peers.sh"
)]
fn amqps_publisher_to_amqps_subscriber() {
    let Some((url, _, ca, _)) = tls_broker() else {
        return;
    };
    let ex = name("tls-logs");
    let mut c = common::netkit();
    c.args([
        "sub", &url, &ex, "--count", "2", "--cacert", &ca, "--trace", "--json",
    ])
    .stdout(Stdio::piped());
    let mut sub = Peer::spawn("netkit sub amqps://", &mut c);
    let lines = Lines::new(sub.child.stdout.take().unwrap());
    let hs = lines.next_json(Duration::from_secs(30));
    assert_eq!(hs["type"], "tls_handshake", "{hs}");
    assert_eq!(hs["sni"], "localhost", "{hs}");
    assert_eq!(
        lines.next_json(Duration::from_secs(30))["type"],
        "subscribe"
    );
    let (code, out, err) = run(&["pub", &url, &ex, "over", "TLS", "--cacert", &ca, "--json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        of_type(&json_lines(&out), "summary")[0]["confirmed"],
        2,
        "{out}"
    );
    let got = messages(&lines, 2, Duration::from_secs(20));
    assert_eq!(data(&got), ["over", "TLS"]);
    assert_eq!(sub.child.wait().unwrap().code(), Some(0));
    // By address with --servername, and with --insecure (a warning says so).
    let by_ip = url.replace("localhost", "127.0.0.1");
    let (code, _, err) = run(&[
        "pub",
        &by_ip,
        &ex,
        "m",
        "--cacert",
        &ca,
        "--servername",
        "localhost",
        "-q",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(&["pub", &by_ip, &ex, "m", "--insecure", "-q"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("--insecure"), "{err}");
}

#[test]
#[cfg_attr(
    not(peer = "rabbitmq-server"),
    ignore = "needs rabbitmq-server: sudo ./peers.sh"
)]
fn amqps_failures_name_their_cause() {
    let Some((url, plain_port, ca, other_ca)) = tls_broker() else {
        return;
    };
    // Another CA: exit 3, and the verification cause in words.
    let (code, out, err) = run(&["pub", &url, "x", "m", "--cacert", &other_ca, "--json"]);
    assert_eq!(code, 3, "{out}{err}");
    let e = error_of(&out, &err);
    assert_eq!(e["kind"], "unknown_issuer", "{e}");
    let msg = e["message"].as_str().unwrap();
    assert!(msg.starts_with("TLS with localhost:"), "{e}");
    assert!(msg.contains("netkit test CA"), "{e}");
    // A name the certificate does not have.
    let by_ip = url.replace("localhost", "127.0.0.1");
    let (code, _, err) = run(&[
        "sub",
        &by_ip,
        "x",
        "--cacert",
        &ca,
        "--servername",
        "wrong.test",
    ]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("not valid for name \"wrong.test\""), "{err}");
    // amqps:// to the plaintext port: told so, well within --timeout.
    let t = Instant::now();
    let plain = format!("amqps://127.0.0.1:{plain_port}");
    let (code, out, err) = run(&[
        "pub",
        &plain,
        "x",
        "m",
        "--cacert",
        &ca,
        "--timeout",
        "5s",
        "--json",
    ]);
    assert_eq!(code, 3, "{out}{err}");
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    let e = error_of(&out, &err);
    assert_eq!(e["kind"], "not_tls", "{e}");
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("does not speak TLS"),
        "{e}"
    );
    // amqp:// to the TLS port: bounded by --timeout, exit 3.
    let r = RABBIT.get().unwrap().as_ref().unwrap();
    let (code, _, err) = run(&[
        "pub",
        &format!("amqp://127.0.0.1:{}", r.tls_port),
        "x",
        "m",
        "--timeout",
        "2s",
    ]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("use amqps://"), "{err}");
    assert!(!err.contains("Parser"), "no Debug output: {err}");
}
