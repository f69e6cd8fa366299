//! Starting long-running peers whose stdout the test reads line by line: a Python
//! script given as text, or netkit itself; waiting for one to exit with a bound;
//! the endpoint a bound ZeroMQ socket announces. Not for one-shot runs (that is
//! `run`) nor for netkit servers with a TCP address (that is `start_netkit_server`).

use std::process::Stdio;
use std::thread;
use std::time::{Duration, Instant};

use super::{netkit, python_command, Lines, Peer};

/// Start a Python script (text) with args, in the peers' venv; its stdout lines
/// are readable, its stderr goes to the test's.
pub fn start_python(script: &str, args: &[&str]) -> (Peer, Lines) {
    let mut c = python_command();
    c.arg("-c")
        .arg(script)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    let mut p = Peer::spawn("python3", &mut c);
    let lines = Lines::new(p.child.stdout.take().unwrap());
    (p, lines)
}

/// How [`start_netkit`] sets the child up.
#[derive(Clone, Copy, Default)]
pub struct Spawn {
    /// Append `--json`.
    pub json: bool,
    /// Give it a stdin pipe (in `peer.child.stdin`) instead of /dev/null.
    pub stdin: bool,
}

/// Start netkit with `args`; its stdout lines are readable.
pub fn start_netkit(args: &[&str], how: Spawn) -> (Peer, Lines) {
    let mut c = netkit();
    c.args(args)
        .stdin(if how.stdin {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    if how.json {
        c.arg("--json");
    }
    let mut p = Peer::spawn("netkit", &mut c);
    let lines = Lines::new(p.child.stdout.take().unwrap());
    (p, lines)
}

impl Peer {
    /// Wait for the child's exit code; panics after `limit`.
    pub fn exit_code(&mut self, limit: Duration) -> i32 {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Ok(Some(st)) = self.child.try_wait() {
                return st.code().unwrap_or(-1);
            }
            thread::sleep(Duration::from_millis(10));
        }
        panic!("{} did not exit within {limit:?}", self.name);
    }
}

/// The endpoint a bound netkit ZeroMQ socket announces in its first (`listening`)
/// event: `tcp://ADDR`, or the `ipc://` address as it is.
pub fn zmq_bound(lines: &Lines, limit: Duration) -> String {
    let ev = lines.next_json(limit);
    assert_eq!(ev["type"], "listening", "{ev}");
    let a = ev["address"].as_str().unwrap();
    if a.starts_with("ipc://") {
        a.to_string()
    } else {
        format!("tcp://{a}")
    }
}
