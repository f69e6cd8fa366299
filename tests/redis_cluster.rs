//! `netkit pub`/`sub` beyond one Redis server, against real peers: a 3-master
//! Redis Cluster on loopback (three `redis-server --cluster-enabled yes` +
//! `redis-cli --cluster create`, started once for this test binary and shared),
//! redis-py's `RedisCluster` as a second client, Redis Sentinel watching a master
//! and a replica, and a single redis-server restarted under `sub --reconnect`
//! (the `gap` event). A second, TLS-only 3-master cluster (`--tls-cluster yes`,
//! certificates from rcgen) is started only by the `rediss+cluster://` test.
//! JSON output is parsed, not grepped.

mod common;

#[path = "../src/net/tls/test_pki.rs"]
#[allow(unused)]
mod pki;

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{OnceLock, RwLock};
use std::thread;
use std::time::{Duration, Instant};

use common::*;
use serde_json::Value;

const T: Duration = Duration::from_secs(30);

/// Tests that move slots or restart a node take this for writing; the others read.
static CLUSTER_LOCK: RwLock<()> = RwLock::new(());

struct Cluster {
    ports: Vec<u16>,
    dir: PathBuf,
}

impl Cluster {
    fn url(&self) -> String {
        format!(
            "redis+cluster://127.0.0.1:{},127.0.0.1:{}",
            self.ports[0], self.ports[1]
        )
    }
    fn node_url(&self, i: usize) -> String {
        format!("redis://127.0.0.1:{}", self.ports[i])
    }
}

/// `redis-cli -p PORT ARGS...`, its output trimmed.
fn cli(port: u16, args: &[&str]) -> String {
    let out = Command::new("redis-cli")
        .args(["-h", "127.0.0.1", "-p", &port.to_string()])
        .args(args)
        .output()
        .expect("redis-cli");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// Start a cluster node that dies with this test process: a small shell keeps
/// watching our pid (statics are never dropped, so no guard could kill it).
fn start_node(port: u16, dir: &Path) {
    start_node_with(&format!("--port {port}"), port, dir)
}

/// [`start_node`] with `listen` saying how it listens (`--port P`, or TLS flags).
fn start_node_with(listen: &str, port: u16, dir: &Path) {
    let script = format!(
        "redis-server {listen} --bind 127.0.0.1 --cluster-enabled yes \
         --cluster-config-file nodes.conf --dir '{d}' --save '' --appendonly no \
         --logfile '{d}/log' & r=$!; \
         while kill -0 {me} 2>/dev/null && kill -0 $r 2>/dev/null; do sleep 0.2; done; kill $r 2>/dev/null",
        d = dir.display(),
        me = std::process::id()
    );
    let mut sh = Command::new("sh")
        .arg("-c")
        .arg(script)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("sh");
    thread::spawn(move || sh.wait()); // reaped when the node ends
    wait_tcp(&format!("127.0.0.1:{port}"), T);
}

fn wait_cluster_ok(port: u16) {
    let deadline = Instant::now() + T;
    while Instant::now() < deadline {
        if cli(port, &["cluster", "info"]).contains("cluster_state:ok") {
            return;
        }
        thread::sleep(Duration::from_millis(50));
    }
    panic!("cluster at {port} not ok within {T:?}");
}

fn cluster() -> &'static Cluster {
    static C: OnceLock<Cluster> = OnceLock::new();
    C.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("netkit-cluster-{}", std::process::id()));
        let ports: Vec<u16> = (0..3).map(|_| free_port()).collect();
        for p in &ports {
            let d = dir.join(p.to_string());
            std::fs::create_dir_all(&d).unwrap();
            start_node(*p, &d);
        }
        let addrs: Vec<String> = ports.iter().map(|p| format!("127.0.0.1:{p}")).collect();
        let st = Command::new("redis-cli")
            .args(["--cluster", "create"])
            .args(&addrs)
            .arg("--cluster-yes")
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(st.success(), "redis-cli --cluster create failed");
        for p in &ports {
            wait_cluster_ok(*p);
        }
        Cluster { ports, dir }
    })
}

/// A TLS-only 3-master cluster: its ports and the CA file.
struct TlsCluster {
    ports: Vec<u16>,
    ca: String,
}

fn tls_cluster() -> &'static TlsCluster {
    static C: OnceLock<TlsCluster> = OnceLock::new();
    C.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("netkit-tls-cluster-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let ca = pki::Ca::root("netkit test CA");
        let leaf = ca.leaf(
            "localhost",
            &["localhost", "127.0.0.1"],
            pki::Validity::Long,
        );
        let file = |name: &str, text: &str| {
            let p = dir.join(name);
            std::fs::write(&p, text).unwrap();
            p.display().to_string()
        };
        let (ca_file, cert, key) = (
            file("ca.pem", &ca.cert.pem),
            file("server.pem", &leaf.pem),
            file("server.key", &leaf.key_pem),
        );
        let ports: Vec<u16> = (0..3).map(|_| free_port()).collect();
        for p in &ports {
            let d = dir.join(p.to_string());
            std::fs::create_dir_all(&d).unwrap();
            let listen = format!(
                "--port 0 --tls-port {p} --tls-cluster yes --tls-replication yes \
                 --tls-cert-file '{cert}' --tls-key-file '{key}' --tls-ca-cert-file '{ca_file}' \
                 --tls-auth-clients no"
            );
            start_node_with(&listen, *p, &d);
        }
        let addrs: Vec<String> = ports.iter().map(|p| format!("127.0.0.1:{p}")).collect();
        let st = Command::new("redis-cli")
            .args(["--tls", "--cacert", &ca_file, "--cluster", "create"])
            .args(&addrs)
            .arg("--cluster-yes")
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(st.success(), "redis-cli --tls --cluster create failed");
        for p in &ports {
            let deadline = Instant::now() + T;
            loop {
                let out = Command::new("redis-cli")
                    .args(["--tls", "--cacert", &ca_file, "-h", "127.0.0.1", "-p"])
                    .arg(p.to_string())
                    .args(["cluster", "info"])
                    .output()
                    .unwrap();
                if String::from_utf8_lossy(&out.stdout).contains("cluster_state:ok") {
                    break;
                }
                assert!(Instant::now() < deadline, "TLS cluster at {p} not ok");
                thread::sleep(Duration::from_millis(50));
            }
        }
        TlsCluster { ports, ca: ca_file }
    })
}

/// The port of the master owning `slot`, from CLUSTER SHARDS via redis-cli.
fn owner_port(c: &Cluster, slot: u16) -> u16 {
    let out = cli(c.ports[0], &["cluster", "slots"]);
    let l: Vec<&str> = out.lines().collect();
    // Flat output: start, end, ip, port, id, (replicas...), start, end, ...
    let mut i = 0;
    while i + 3 < l.len() {
        if let (Ok(lo), Ok(hi)) = (l[i].parse::<u16>(), l[i + 1].parse::<u16>()) {
            if (lo..=hi).contains(&slot) && l[i + 2].contains('.') {
                return l[i + 3].parse().unwrap();
            }
        }
        i += 1;
    }
    panic!("no owner for slot {slot}: {out}");
}

fn slot(channel: &str) -> u16 {
    netkit::proto::slot::key_slot(channel.as_bytes())
}

/// `netkit sub ... --json`, waiting until `n` subscribe confirmations came.
fn start_sub(args: &[&str], n: usize) -> (Peer, Lines) {
    let mut c = netkit();
    c.arg("sub").args(args).arg("--json");
    c.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut peer = Peer::spawn("netkit sub", &mut c);
    let lines = Lines::new(peer.child.stdout.take().unwrap());
    let mut seen = 0;
    while seen < n {
        let ev = lines.next_json(T);
        if ev["type"].as_str().unwrap_or("").ends_with("subscribe") {
            seen += 1;
        }
    }
    (peer, lines)
}

fn finish(mut peer: Peer, lines: &Lines) -> (i32, Vec<Value>) {
    let evs = lines.rest_json(Duration::from_secs(60));
    (peer.child.wait().unwrap().code().unwrap_or(-1), evs)
}

fn pub_json(args: &[&str]) -> Vec<Value> {
    let mut a = vec!["pub"];
    a.extend_from_slice(args);
    a.push("--json");
    let (code, out, err) = run(&a);
    assert_eq!(code, 0, "pub {args:?}: {out}{err}");
    json_lines(&out)
}

#[test]
#[cfg_attr(
    not(all(peer = "redis-server", peer = "redis-cli")),
    ignore = "needs redis-server: sudo ./peers.sh"
)]
fn key_slots_match_cluster_keyslot() {
    if !require("redis-server") || !require("redis-cli") {
        return;
    }
    let c = cluster();
    let _r = CLUSTER_LOCK.read().unwrap();
    let mut names: Vec<String> = (0..300).map(|i| format!("chan:{i}")).collect();
    names.extend(
        [
            "foo",
            "{user1000}.following",
            "{user1000}.followers",
            "foo{}{bar}",
            "foo{{bar}}zap",
            "foo{bar}{zap}",
            "{}",
            "{",
            "}",
            "a{b",
            "x}{y}",
            "日本",
            "Hello!",
        ]
        .map(String::from),
    );
    let mut child = Command::new("redis-cli")
        .args(["-h", "127.0.0.1", "-p", &c.ports[0].to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = String::new();
    for n in &names {
        input.push_str(&format!("CLUSTER KEYSLOT \"{n}\"\n"));
    }
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = wait_output(child, T);
    let got: Vec<u16> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.trim().parse().unwrap())
        .collect();
    assert_eq!(got.len(), names.len());
    for (n, s) in names.iter().zip(got) {
        assert_eq!(slot(n), s, "slot of {n:?}");
    }
}

/// Channels whose slots are owned by at least two different masters.
fn spread_channels(c: &Cluster, prefix: &str, n: usize) -> Vec<String> {
    let chans: Vec<String> = (0..n).map(|i| format!("{prefix}{i}")).collect();
    let owners: HashSet<u16> = chans.iter().map(|ch| owner_port(c, slot(ch))).collect();
    assert!(owners.len() >= 2, "channels all on one node: {owners:?}");
    chans
}

#[test]
#[cfg_attr(
    not(all(peer = "redis-server", peer = "redis-cli")),
    ignore = "needs redis-server: sudo ./peers.sh"
)]
fn sharded_pubsub_across_nodes_and_hash_tags() {
    if !require("redis-server") || !require("redis-cli") {
        return;
    }
    let c = cluster();
    let _r = CLUSTER_LOCK.read().unwrap();
    let mut chans = spread_channels(c, "spread:", 6);
    chans.extend(["{tag}.a".to_string(), "{tag}.b".to_string()]);
    let url = c.url();
    let mut args: Vec<&str> = vec![&url, "--sharded", "--count"];
    let count = chans.len().to_string();
    args.push(&count);
    args.extend(chans.iter().map(String::as_str));
    let (sub, lines) = start_sub(&args, chans.len());
    for ch in &chans {
        // Any node as the entry point: netkit routes to the owner.
        let evs = pub_json(&[&c.node_url(1), "--sharded", ch, &format!("to {ch}")]);
        let p = &of_type(&evs, "published")[0];
        assert_eq!(p["receivers"], 1, "{p}");
    }
    let (code, evs) = finish(sub, &lines);
    assert_eq!(code, 0);
    let got: HashSet<String> = of_type(&evs, "smessage")
        .iter()
        .map(|e| {
            format!(
                "{} {}",
                e["channel"].as_str().unwrap(),
                e["data"].as_str().unwrap()
            )
        })
        .collect();
    let want: HashSet<String> = chans.iter().map(|ch| format!("{ch} to {ch}")).collect();
    assert_eq!(got, want);
}

#[test]
#[cfg_attr(
    not(all(peer = "redis-server", peer = "redis-cli")),
    ignore = "needs redis-server: sudo ./peers.sh"
)]
fn keyed_stdin_spreads_over_nodes_none_lost() {
    if !require("redis-server") || !require("redis-cli") {
        return;
    }
    let c = cluster();
    let _r = CLUSTER_LOCK.read().unwrap();
    let chans = spread_channels(c, "keyed:", 4);
    let url = c.url();
    let mut args: Vec<&str> = vec![&url, "--sharded", "--count", "2000"];
    args.extend(chans.iter().map(String::as_str));
    let (sub, lines) = start_sub(&args, chans.len());
    let input: String = (0..2000).map(|i| format!("{} m{i}\n", i % 4)).collect();
    let (code, out, err) = run_with_stdin(
        &[
            "pub",
            &url,
            "--sharded",
            "--keyed",
            "keyed:",
            "--json",
            "--quiet",
        ],
        Some(input.as_bytes()),
    );
    assert_eq!(code, 0, "{err}");
    let sum = &of_type(&json_lines(&out), "summary")[0].clone();
    assert_eq!(
        (sum["messages"].as_u64(), sum["receivers"].as_i64()),
        (Some(2000), Some(2000))
    );
    let (code, evs) = finish(sub, &lines);
    assert_eq!(code, 0);
    let msgs = of_type(&evs, "smessage");
    assert_eq!(msgs.len(), 2000);
    // Per channel, in publishing order.
    let on0: Vec<&str> = msgs
        .iter()
        .filter(|e| e["channel"] == "keyed:0")
        .map(|e| e["data"].as_str().unwrap())
        .collect();
    let want: Vec<String> = (0..2000).step_by(4).map(|i| format!("m{i}")).collect();
    assert_eq!(on0, want);
}

#[test]
#[cfg_attr(
    not(all(peer = "redis-server", peer = "redis-cli")),
    ignore = "needs redis-server: sudo ./peers.sh"
)]
fn classic_pubsub_across_nodes_counts_are_node_local() {
    if !require("redis-server") || !require("redis-cli") {
        return;
    }
    let c = cluster();
    let _r = CLUSTER_LOCK.read().unwrap();
    let (sub, lines) = start_sub(&[&c.node_url(0), "classic", "--count", "1"], 1);
    let evs = pub_json(&[&c.node_url(2), "classic", "across"]);
    let info = &of_type(&evs, "cluster")[0].clone();
    assert_eq!(info["nodes"], 3);
    assert!(
        info["note"].as_str().unwrap().contains("node-local"),
        "{info}"
    );
    // The subscriber is on another node: this node counts nobody...
    assert_eq!(of_type(&evs, "published")[0]["receivers"], 0);
    // ...and no "nobody is subscribed" warning, since that would be wrong.
    assert!(of_type(&evs, "warning").is_empty(), "{evs:?}");
    let (code, evs) = finish(sub, &lines);
    assert_eq!(code, 0);
    assert_eq!(of_type(&evs, "message")[0]["data"], "across");
}

/// Move `slot` to the master on `to` (every master told, as a reshard does).
fn move_slot(c: &Cluster, slot: u16, to: u16) {
    let id = cli(to, &["cluster", "myid"]);
    let from = owner_port(c, slot);
    // The importing side first, then the others, as redis-cli --cluster reshard does.
    for p in std::iter::once(to)
        .chain(std::iter::once(from))
        .chain(c.ports.iter().copied())
    {
        assert_eq!(
            cli(p, &["cluster", "setslot", &slot.to_string(), "node", &id]),
            "OK"
        );
    }
}

#[test]
#[cfg_attr(
    not(all(peer = "redis-server", peer = "redis-cli")),
    ignore = "needs redis-server: sudo ./peers.sh"
)]
fn slot_migration_resubscribes_and_moved_is_followed() {
    if !require("redis-server") || !require("redis-cli") {
        return;
    }
    let c = cluster();
    let _w = CLUSTER_LOCK.write().unwrap();
    let ch = "migrating:chan";
    let s = slot(ch);
    let home = owner_port(c, s);
    let other = *c.ports.iter().find(|p| **p != home).unwrap();
    let url = c.url();
    let (sub, lines) = start_sub(&[&url, "--sharded", ch, "--count", "2"], 1);
    assert_eq!(
        pub_json(&[&url, "--sharded", ch, "before"])[1]["receivers"],
        1
    );
    lines.until("\"before\"", T);
    move_slot(c, s, other);
    // The old owner unsubscribes us; netkit finds the new owner and says so.
    let ev = lines.until("\"gap\"", T);
    let gap: Value = serde_json::from_str(&ev).unwrap();
    assert!(gap["note"].as_str().unwrap().contains("does not replay"));
    // A publisher entering at the old owner gets MOVED and follows it.
    let home_url = format!("redis://127.0.0.1:{home}");
    let evs = pub_json(&[&home_url, "--sharded", ch, "after"]);
    assert_eq!(of_type(&evs, "published")[0]["receivers"], 1, "{evs:?}");
    let (code, evs) = finish(sub, &lines);
    move_slot(c, s, home);
    assert_eq!(code, 0);
    assert_eq!(of_type(&evs, "smessage")[0]["data"], "after");
}

#[test]
#[cfg_attr(
    not(all(peer = "redis-server", peer = "redis-cli")),
    ignore = "needs redis-server: sudo ./peers.sh"
)]
fn sharded_sub_reconnects_after_a_node_restart() {
    if !require("redis-server") || !require("redis-cli") {
        return;
    }
    let c = cluster();
    let _w = CLUSTER_LOCK.write().unwrap();
    let ch = "restart:chan";
    let port = owner_port(c, slot(ch));
    let url = c.url();
    let (sub, lines) = start_sub(&[&url, "--sharded", "--reconnect", ch, "--count", "1"], 1);
    cli(port, &["shutdown", "nosave"]);
    lines.until("reconnecting", T);
    start_node(port, &c.dir.join(port.to_string()));
    wait_cluster_ok(port);
    let gap: Value = serde_json::from_str(&lines.until("\"gap\"", T)).unwrap();
    assert!(gap["seconds"].as_f64().unwrap() > 0.0, "{gap}");
    assert!(!gap["started"].as_str().unwrap().is_empty());
    let evs = pub_json(&[&url, "--sharded", ch, "back"]);
    assert_eq!(of_type(&evs, "published")[0]["receivers"], 1);
    let (code, evs) = finish(sub, &lines);
    assert_eq!(code, 0);
    assert_eq!(of_type(&evs, "smessage")[0]["data"], "back");
    assert_eq!(of_type(&evs, "summary").len(), 0);
}

#[test]
#[cfg_attr(
    not(all(peer = "redis-server", peer = "redis-cli", peer = "py-redis")),
    ignore = "needs redis-server and redis-py: sudo ./peers.sh"
)]
fn redis_py_cluster_client_both_ways() {
    if !require("redis-server") || !require("redis-cli") || !require_python(&["redis"]) {
        return;
    }
    let c = cluster();
    let _r = CLUSTER_LOCK.read().unwrap();
    // redis-py subscribes (ssubscribe through RedisCluster), netkit publishes.
    let script = r#"
import sys, time
from redis.cluster import RedisCluster
rc = RedisCluster(host="127.0.0.1", port=int(sys.argv[1]))
p = rc.pubsub()
p.ssubscribe(sys.argv[2])
print("ready", flush=True)
deadline = time.time() + 20
while time.time() < deadline:
    m = p.get_sharded_message(timeout=0.5)
    if m and m["type"] == "smessage":
        print(m["channel"].decode(), m["data"].decode(), flush=True)
        break
"#;
    let port = c.ports[2].to_string();
    let mut py = python_command();
    py.arg("-c").arg(script).args([&port, "py:{x}"]);
    py.stdout(Stdio::piped()).stderr(Stdio::inherit());
    let mut peer = Peer::spawn("redis-py", &mut py);
    let lines = Lines::new(peer.child.stdout.take().unwrap());
    lines.until("ready", T);
    let url = c.url();
    let evs = pub_json(&[&url, "--sharded", "py:{x}", "from netkit"]);
    assert_eq!(of_type(&evs, "published")[0]["receivers"], 1);
    assert_eq!(lines.until("py:", T), "py:{x} from netkit");
    // netkit subscribes, redis-py publishes (spublish routed by RedisCluster).
    let (sub, lines) = start_sub(&[&url, "--sharded", "nk:{y}", "--count", "1"], 1);
    let (code, out, err) = python(
        "import sys\nfrom redis.cluster import RedisCluster\nrc = RedisCluster(host='127.0.0.1', port=int(sys.argv[1]))\nprint(rc.spublish('nk:{y}', 'from redis-py'))",
        &[&port],
    );
    assert_eq!((code, out.trim()), (0, "1"), "{err}");
    let (code, evs) = finish(sub, &lines);
    assert_eq!(code, 0);
    assert_eq!(of_type(&evs, "smessage")[0]["data"], "from redis-py");
}

#[test]
#[cfg_attr(
    not(all(peer = "redis-server", peer = "redis-cli")),
    ignore = "needs redis-server: sudo ./peers.sh"
)]
fn urls_that_cannot_work_are_usage_errors() {
    if !require("redis-server") || !require("redis-cli") {
        return;
    }
    // rediss+sentinel:// works now; without the master's name it cannot.
    let (code, out, _) = run(&["sub", "rediss+sentinel://127.0.0.1", "x", "--json"]);
    assert_eq!(code, 2);
    assert!(out.contains("master's name"), "{out}");
    assert_eq!(
        run(&["pub", "redis+cluster://127.0.0.1:1/3", "x", "y"]).0,
        2
    );
    assert_eq!(run(&["pub", "redis://a:1,b:2", "x", "y"]).0, 2);
    assert_eq!(run(&["pub", "redis+sentinel://127.0.0.1:1", "x", "y"]).0, 2);
    assert_eq!(run(&["pub", "--keyed", "x", "y"]).0, 2);
    // A plain server named as a cluster.
    let port = free_port();
    let s = plain_redis(port, &[]);
    let (code, out, _) = run(&[
        "pub",
        &format!("redis+cluster://127.0.0.1:{port}"),
        "x",
        "y",
        "--json",
    ]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("not in cluster mode"), "{out}");
    drop(s);
}

/// A plain redis-server on `port` (extra arguments appended); waits until ready.
fn plain_redis(port: u16, extra: &[&str]) -> (Peer, Lines) {
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
    .args(extra)
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    let mut peer = Peer::spawn("redis-server", &mut c);
    let lines = Lines::new(peer.child.stdout.take().unwrap());
    lines.until("Ready to accept connections", T);
    (peer, lines)
}

#[test]
#[cfg_attr(
    not(peer = "redis-server"),
    ignore = "needs redis-server: sudo ./peers.sh"
)]
fn reconnect_reports_the_gap_and_that_nothing_is_replayed() {
    if !require("redis-server") {
        return;
    }
    let port = free_port();
    let url = format!("redis://127.0.0.1:{port}");
    let s = plain_redis(port, &[]);
    let (sub, lines) = start_sub(&[&url, "news", "--reconnect", "--count", "1"], 1);
    drop(s);
    lines.until("reconnecting", T);
    let _s = plain_redis(port, &[]);
    let gap: Value = serde_json::from_str(&lines.until("\"gap\"", T)).unwrap();
    assert!(gap["seconds"].as_f64().unwrap() > 0.0);
    assert!(gap["started"].as_str().unwrap() < gap["ended"].as_str().unwrap());
    assert!(gap["note"].as_str().unwrap().contains("lost"), "{gap}");
    assert_eq!(run(&["pub", &url, "news", "back"]).0, 0);
    let (code, evs) = finish(sub, &lines);
    assert_eq!(code, 0);
    assert_eq!(of_type(&evs, "message")[0]["data"], "back");
}

#[test]
#[cfg_attr(
    not(peer = "redis-server"),
    ignore = "needs redis-server: sudo ./peers.sh"
)]
fn percent_encoded_password_in_the_url() {
    if !require("redis-server") {
        return;
    }
    let port = free_port();
    let _s = plain_redis(port, &["--requirepass", "p@ss"]);
    let good = format!("redis://:p%40ss@127.0.0.1:{port}");
    let (code, out, err) = run(&["pub", &good, "ch", "x", "--json"]);
    assert_eq!(code, 0, "{out}{err}");
    let raw = format!("redis://:p%2540ss@127.0.0.1:{port}");
    let (code, out, _) = run(&["pub", &raw, "ch", "x", "--json"]);
    assert_eq!(code, 3);
    assert_eq!(of_type(&json_lines(&out), "error")[0]["kind"], "auth");
}

/// A master, a replica and one sentinel, on free ports in a temp dir.
struct Sentinel {
    _peers: Vec<Peer>,
    port: u16,
    _dir: tempfile::TempDir,
}

fn start_sentinel() -> Sentinel {
    let dir = tempfile::tempdir().unwrap();
    let (m, r, s) = (free_port(), free_port(), free_port());
    let mut peers = vec![plain_redis(m, &[]).0];
    peers.push(plain_redis(r, &["--replicaof", "127.0.0.1", &m.to_string()]).0);
    let conf = dir.path().join("sentinel.conf");
    std::fs::write(
        &conf,
        format!(
            "port {s}\nbind 127.0.0.1\ndir {}\nsentinel monitor mym 127.0.0.1 {m} 1\n\
             sentinel down-after-milliseconds mym 1000\nsentinel failover-timeout mym 5000\n",
            dir.path().display()
        ),
    )
    .unwrap();
    let mut c = Command::new("redis-server");
    c.arg(&conf)
        .arg("--sentinel")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut p = Peer::spawn("redis-sentinel", &mut c);
    let lines = Lines::new(p.child.stdout.take().unwrap());
    lines.until("+monitor master mym", T);
    // The replica must be known before a failover can pick it.
    let deadline = Instant::now() + T;
    while !cli(s, &["sentinel", "replicas", "mym"]).contains(&r.to_string()) {
        assert!(Instant::now() < deadline, "sentinel never saw the replica");
        thread::sleep(Duration::from_millis(100));
    }
    peers.push(p);
    Sentinel {
        _peers: peers,
        port: s,
        _dir: dir,
    }
}

#[test]
#[cfg_attr(
    not(all(peer = "redis-server", peer = "redis-cli")),
    ignore = "needs redis-server: sudo ./peers.sh"
)]
fn sentinel_failover_is_followed() {
    if !require("redis-server") || !require("redis-cli") {
        return;
    }
    let s = start_sentinel();
    let url = format!("redis+sentinel://127.0.0.1:{}/mym", s.port);
    let (sub, lines) = start_sub(&[&url, "news", "--reconnect", "--count", "2"], 1);
    assert_eq!(pub_json(&[&url, "news", "before"])[0]["receivers"], 1);
    lines.until("\"before\"", T);
    let old = cli(s.port, &["sentinel", "get-master-addr-by-name", "mym"]);
    let deadline = Instant::now() + T;
    // SENTINEL FAILOVER may be refused right after start (INPROG/NOGOODSLAVE): retry.
    while cli(s.port, &["sentinel", "failover", "mym"]) != "OK" {
        assert!(Instant::now() < deadline, "SENTINEL FAILOVER refused");
        thread::sleep(Duration::from_millis(200));
    }
    let fo: Value = serde_json::from_str(&lines.until("\"failover\"", T)).unwrap();
    assert_eq!(fo["master"], "mym");
    assert_ne!(fo["from"], fo["to"]);
    assert!(old.contains(fo["from"].as_str().unwrap().rsplit(':').next().unwrap()));
    lines.until("\"gap\"", T);
    // Published through the sentinel URL: reaches the new master.
    let evs = pub_json(&[&url, "news", "after"]);
    assert_eq!(of_type(&evs, "published")[0]["receivers"], 1);
    let (code, evs) = finish(sub, &lines);
    assert_eq!(code, 0);
    assert_eq!(of_type(&evs, "message")[0]["data"], "after");
}

#[test]
#[cfg_attr(
    not(all(peer = "redis-server", peer = "py-redis")),
    ignore = "needs redis-server and redis-py: sudo ./peers.sh"
)]
fn sharded_on_one_server_is_spublish_there() {
    if !require("redis-server") || !require_python(&["redis"]) {
        return;
    }
    let port = free_port();
    let _s = plain_redis(port, &[]);
    let url = format!("redis://127.0.0.1:{port}");
    let script = "import sys, time, redis\nr = redis.Redis(port=int(sys.argv[1]))\np = r.pubsub()\np.ssubscribe('one')\nprint('ready', flush=True)\nend = time.time() + 20\nwhile time.time() < end:\n    m = p.get_sharded_message(timeout=0.5)\n    if m and m['type'] == 'smessage':\n        print(m['data'].decode(), flush=True)\n        break\n";
    let mut py = python_command();
    py.arg("-c").arg(script).arg(port.to_string());
    py.stdout(Stdio::piped()).stderr(Stdio::inherit());
    let mut peer = Peer::spawn("redis-py", &mut py);
    let lines = Lines::new(peer.child.stdout.take().unwrap());
    lines.until("ready", T);
    let evs = pub_json(&[&url, "--sharded", "one", "spublished"]);
    assert_eq!(of_type(&evs, "cluster")[0]["nodes"], 1);
    assert_eq!(of_type(&evs, "published")[0]["receivers"], 1);
    assert_eq!(lines.until("spub", T), "spublished");
    // A classic PUBLISH does not reach a sharded subscriber: the counts say so.
    let evs = pub_json(&[&url, "one", "classic"]);
    assert_eq!(of_type(&evs, "published")[0]["receivers"], 0);
}

#[test]
#[cfg_attr(
    not(all(peer = "redis-server", peer = "redis-cli")),
    ignore = "needs redis-server: sudo ./peers.sh"
)]
fn reshard_with_redis_cli_moves_a_subscribed_channel() {
    if !require("redis-server") || !require("redis-cli") {
        return;
    }
    let c = cluster();
    let _w = CLUSTER_LOCK.write().unwrap();
    // `--cluster reshard` moves the source's lowest slots: find a channel in the first.
    let src = c.ports[1];
    let first: u16 = cli(src, &["cluster", "slots"])
        .lines()
        .collect::<Vec<_>>()
        .windows(4)
        .filter(|w| w[3] == src.to_string() && w[2].contains('.'))
        .filter_map(|w| w[0].parse().ok())
        .min()
        .expect("a slot range of the source");
    let ch = (0..200_000)
        .map(|i| format!("reshard:{i}"))
        .find(|ch| slot(ch) == first)
        .expect("a channel in that slot");
    let dst = c.ports[2];
    let (sub, lines) = start_sub(&[&c.url(), "--sharded", &ch, "--count", "1"], 1);
    let st = Command::new("redis-cli")
        .args(["--cluster", "reshard", &format!("127.0.0.1:{src}")])
        .args(["--cluster-from", &cli(src, &["cluster", "myid"])])
        .args(["--cluster-to", &cli(dst, &["cluster", "myid"])])
        .args(["--cluster-slots", "1", "--cluster-yes"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(st.success(), "redis-cli --cluster reshard failed");
    let ev: Value = serde_json::from_str(&lines.until("\"resubscribed\"", T)).unwrap();
    assert!(
        ev["reason"].as_str().unwrap().contains("sunsubscribe"),
        "{ev}"
    );
    lines.until("\"gap\"", T);
    let evs = pub_json(&[&c.url(), "--sharded", &ch, "resharded"]);
    let (code, got) = finish(sub, &lines);
    move_slot(c, first, src);
    assert_eq!(of_type(&evs, "published")[0]["receivers"], 1, "{evs:?}");
    assert_eq!(code, 0);
    assert_eq!(of_type(&got, "smessage")[0]["data"], "resharded");
}

#[test]
#[cfg_attr(
    not(all(peer = "redis-server", peer = "redis-cli")),
    ignore = "needs redis-server: sudo ./peers.sh"
)]
fn sharded_pubsub_over_tls_rediss_cluster() {
    if !require("redis-server") || !require("redis-cli") {
        return;
    }
    let c = tls_cluster();
    let url = format!(
        "rediss+cluster://localhost:{},localhost:{}",
        c.ports[0], c.ports[1]
    );
    // One channel in each master's slots (redis-cli gives each a third).
    let third = |s: u16| match s {
        0..=5460 => 0,
        5461..=10922 => 1,
        _ => 2,
    };
    let chans: Vec<String> = (0..3)
        .map(|t| {
            (0..)
                .map(|i| format!("tls:{i}"))
                .find(|ch| third(slot(ch)) == t)
                .unwrap()
        })
        .collect();
    let count = (chans.len() + 300).to_string();
    let mut args: Vec<&str> = vec![&url, "--sharded", "--cacert", &c.ca, "--count", &count];
    args.extend(chans.iter().map(String::as_str));
    let mut cmd = netkit();
    cmd.arg("sub").args(&args).arg("--json");
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    let mut sub = Peer::spawn("netkit sub rediss+cluster://", &mut cmd);
    let lines = Lines::new(sub.child.stdout.take().unwrap());
    let mut confirmed = 0;
    while confirmed < chans.len() {
        let ev = lines.next_json(T);
        assert_ne!(ev["type"], "error", "{ev}");
        confirmed += usize::from(ev["type"] == "ssubscribe");
    }
    // Each master holds the one channel of its slots: routed by slot.
    let mut held: Vec<String> = c
        .ports
        .iter()
        .map(|p| {
            let out = Command::new("redis-cli")
                .args(["--tls", "--cacert", &c.ca, "-h", "127.0.0.1", "-p"])
                .arg(p.to_string())
                .args(["pubsub", "shardchannels"])
                .output()
                .unwrap();
            String::from_utf8_lossy(&out.stdout).trim().to_string()
        })
        .collect();
    held.sort();
    let mut want = chans.clone();
    want.sort();
    assert_eq!(held, want);
    for ch in &chans {
        let evs = pub_json(&[
            &url,
            "--sharded",
            "--cacert",
            &c.ca,
            ch,
            &format!("to {ch}"),
        ]);
        assert_eq!(of_type(&evs, "published")[0]["receivers"], 1, "{evs:?}");
    }
    // --keyed from stdin over the three TLS links: none lost, per channel in order.
    let keys: Vec<&str> = chans.iter().map(|ch| &ch["tls:".len()..]).collect();
    let input: String = (0..300)
        .map(|i| format!("{} m{i}\n", keys[i % 3]))
        .collect();
    let (code, out, err) = run_with_stdin(
        &[
            "pub",
            &url,
            "--sharded",
            "--keyed",
            "--cacert",
            &c.ca,
            "tls:",
            "--json",
            "--quiet",
        ],
        Some(input.as_bytes()),
    );
    assert_eq!(code, 0, "{err}");
    let sum = &of_type(&json_lines(&out), "summary")[0].clone();
    assert_eq!(
        (sum["messages"].as_u64(), sum["receivers"].as_i64()),
        (Some(300), Some(300)),
        "{sum}"
    );
    let (code, evs) = finish(sub, &lines);
    assert_eq!(code, 0);
    let msgs = of_type(&evs, "smessage");
    for (k, ch) in chans.iter().enumerate() {
        let on: Vec<&str> = msgs
            .iter()
            .filter(|e| e["channel"] == ch.as_str())
            .map(|e| e["data"].as_str().unwrap())
            .collect();
        let mut want = vec![format!("to {ch}")];
        want.extend((k..300).step_by(3).map(|i| format!("m{i}")));
        assert_eq!(on, want, "{ch}");
    }
    // A CA that did not sign the nodes' certificate: exit 3, the cause in words.
    let (code, _, err) = run(&[
        "pub",
        &url,
        "--sharded",
        "x",
        "m",
        "--cacert",
        "/etc/ssl/certs/ca-certificates.crt",
    ]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("netkit test CA"), "{err}");
}
