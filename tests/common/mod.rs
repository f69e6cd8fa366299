//! Shared helpers for the integration tests: run the built binary, start real peers
//! on free loopback ports (killed on drop), wait for their readiness signal, parse
//! JSON Lines. Not every test file uses every helper.
//!
//! Peers: `build.rs` finds them and sets `cfg(peer = "NAME")`; a test that needs one
//! carries `#[cfg_attr(not(peer = "NAME"), ignore = "needs NAME: sudo ./peers.sh")]`,
//! so cargo counts it as ignored where the peer is missing. With `CI=true` every
//! peer counts as present and [`require`] fails the test when one is not there.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read};
use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

mod spawn;
#[allow(unused_imports)]
pub use spawn::*;

/// Path of the built `netkit` binary.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_netkit"))
}

/// A `Command` for the built binary, with colour off.
pub fn netkit() -> Command {
    let mut c = Command::new(bin());
    c.env("NO_COLOR", "1");
    c
}

/// Run netkit to completion with a watchdog; returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    run_with_stdin(args, None)
}

/// Like [`run`], feeding `stdin` when given.
pub fn run_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> (i32, String, String) {
    let mut c = netkit();
    c.args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().expect("spawn netkit");
    if let Some(input) = stdin {
        let mut w = child.stdin.take().unwrap();
        let input = input.to_vec();
        thread::spawn(move || {
            use std::io::Write;
            let _ = w.write_all(&input);
        });
    }
    let out = wait_output(child, Duration::from_secs(120));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Wait for a child with a hard limit, so a hung command fails its test instead of CI.
pub fn wait_output(child: Child, limit: Duration) -> std::process::Output {
    let id = child.id();
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(out) => out.expect("wait for child"),
        Err(_) => {
            signal(id, 9);
            panic!("command did not finish within {limit:?}");
        }
    }
}

extern "C" {
    fn kill(pid: i32, sig: i32) -> i32;
}

/// Send a signal to a process.
pub fn signal(pid: u32, sig: i32) {
    // SAFETY: kill(2) with a pid we started; no memory is shared.
    unsafe { kill(pid as i32, sig) };
}

/// Parse JSON Lines; panics (failing the test) on a line that is not JSON.
pub fn json_lines(s: &str) -> Vec<Value> {
    s.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// Events of one `"type"`.
pub fn of_type<'a>(events: &'a [Value], kind: &str) -> Vec<&'a Value> {
    events.iter().filter(|e| e["type"] == kind).collect()
}

/// A free TCP port on 127.0.0.1 (bound and released).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A free UDP port on 127.0.0.1.
pub fn free_udp_port() -> u16 {
    UdpSocket::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Where a program is: PATH, then the sbin folders (dnsmasq, knotd live there).
pub fn program_path(program: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    dirs.extend(["/usr/local/sbin", "/usr/sbin", "/sbin"].map(PathBuf::from));
    dirs.into_iter()
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

/// The python3 the tests run: the venv `peers.sh` made (with pyzmq, redis-py,
/// msgpack, pika, requests), else `python3` on PATH. Found by `build.rs`.
pub fn python3() -> &'static str {
    env!("NETKIT_TEST_PYTHON")
}

/// A `Command` for [`python3`].
pub fn python_command() -> Command {
    Command::new(python3())
}

/// Is a program installed? In CI a missing one panics; locally it prints a loud skip
/// (the test's `#[ignore]` attribute normally keeps it from running at all).
pub fn require(program: &str) -> bool {
    let found = if program == "python3" {
        Command::new(python3())
            .arg("-c")
            .arg("")
            .status()
            .is_ok_and(|s| s.success())
    } else {
        program_path(program).is_some()
    };
    if !found {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("peer {program} is missing in CI: .ci/run must install it");
        }
        eprintln!("\n*** SKIPPED: {program} is not installed (sudo ./peers.sh) ***\n");
    }
    found
}

/// Can Python import these modules? Same CI rule as [`require`].
pub fn require_python(modules: &[&str]) -> bool {
    if !require("python3") {
        return false;
    }
    if modules.is_empty() {
        return true;
    }
    let ok = python_command()
        .arg("-c")
        .arg(format!("import {}", modules.join(", ")))
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !ok {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("python modules {modules:?} are missing in CI: .ci/run must pip install them");
        }
        eprintln!("\n*** SKIPPED: python3 cannot import {modules:?} (sudo ./peers.sh) ***\n");
    }
    ok
}

/// A child process killed (and reaped) when dropped.
pub struct Peer {
    pub child: Child,
    pub name: String,
}

impl Peer {
    pub fn spawn(name: &str, cmd: &mut Command) -> Peer {
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("starting {name}: {e}"));
        Peer {
            child,
            name: name.to_string(),
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Send SIGINT (Ctrl-C) and wait for the exit status, bounded.
    pub fn interrupt(&mut self) -> Option<i32> {
        signal(self.child.id(), 2);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(st)) = self.child.try_wait() {
                return st.code();
            }
            thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Lines from a child's stdout, read on a thread so reads can time out.
pub struct Lines {
    rx: mpsc::Receiver<String>,
}

impl Lines {
    pub fn new(stdout: impl Read + Send + 'static) -> Lines {
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                match line {
                    Ok(l) => {
                        if tx.send(l).is_err() {
                            break;
                        }
                    }
                    Err(_) => break,
                }
            }
        });
        Lines { rx }
    }

    /// The next line, or None after `limit` (or when the stream closed).
    pub fn next(&self, limit: Duration) -> Option<String> {
        self.rx.recv_timeout(limit).ok()
    }

    /// The next line parsed as JSON; panics on timeout.
    pub fn next_json(&self, limit: Duration) -> Value {
        let l = self
            .next(limit)
            .unwrap_or_else(|| panic!("no line within {limit:?}"));
        serde_json::from_str(&l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}"))
    }

    /// Lines until one contains `needle` (returned), or panic after `limit`.
    pub fn until(&self, needle: &str, limit: Duration) -> String {
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.next(left) {
                Some(l) if l.contains(needle) => return l,
                Some(_) => continue,
                None => panic!("no line containing {needle:?} within {limit:?}"),
            }
        }
    }

    /// Everything left until the stream closes or `limit` passes.
    pub fn rest(&self, limit: Duration) -> Vec<String> {
        let deadline = Instant::now() + limit;
        let mut v = Vec::new();
        while let Some(l) = self.next(deadline.saturating_duration_since(Instant::now())) {
            v.push(l);
        }
        v
    }

    /// [`Lines::rest`], each line parsed as JSON (panics on a line that is not).
    pub fn rest_json(&self, limit: Duration) -> Vec<Value> {
        self.rest(limit)
            .iter()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
            .collect()
    }
}

/// Start a netkit server with `--json` and read its first line (the `listening`
/// event): returns the guard, the bound address, and the rest of its stdout.
pub fn start_netkit_server(args: &[&str]) -> (Peer, SocketAddr, Lines) {
    let mut c = netkit();
    c.args(args).arg("--json");
    start_server(c)
}

/// [`start_netkit_server`] with at most `fds` open file descriptors (`ulimit -n`).
pub fn start_netkit_server_with_fds(fds: u32, args: &[&str]) -> (Peer, SocketAddr, Lines) {
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg(format!("ulimit -n {fds} && exec \"$0\" \"$@\" --json"))
        .arg(bin())
        .args(args);
    start_server(c)
}

fn start_server(mut c: Command) -> (Peer, SocketAddr, Lines) {
    c.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    let mut peer = Peer::spawn("netkit server", &mut c);
    let lines = Lines::new(peer.child.stdout.take().unwrap());
    let first = lines.next_json(Duration::from_secs(20));
    assert_eq!(
        first["type"], "listening",
        "first line must be the listening event: {first}"
    );
    let addr: SocketAddr = first["address"].as_str().unwrap().parse().unwrap();
    (peer, addr, lines)
}

/// Wait until a TCP port accepts connections (for peers with no readiness line).
pub fn wait_tcp(addr: &str, limit: Duration) {
    let sa: SocketAddr = addr.parse().unwrap();
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if TcpStream::connect_timeout(&sa, Duration::from_millis(200)).is_ok() {
            return;
        }
        thread::sleep(Duration::from_millis(20));
    }
    panic!("{addr} did not accept connections within {limit:?}");
}

/// Run a Python script given as text with arguments; returns (code, stdout, stderr).
pub fn python(script: &str, args: &[&str]) -> (i32, String, String) {
    let child = python_command()
        .arg("-c")
        .arg(script)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn python3");
    let out = wait_output(child, Duration::from_secs(120));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Run netkit with 100 MB without a newline on stdin (written on a thread in
/// 1 MiB pieces; the child may stop reading early); returns (exit code, stderr,
/// peak RSS in KiB from wait4). The test process holds no 100 MB buffer: a
/// forked child would count it in its own peak.
#[allow(clippy::zombie_processes)] // reaped by wait4, which clippy does not know
pub fn run_with_endless_line(args: &[&str]) -> (i32, String, i64) {
    let mut child = netkit()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut w = child.stdin.take().unwrap();
    thread::spawn(move || {
        use std::io::Write;
        let chunk = vec![b'x'; 1 << 20];
        for _ in 0..100 {
            if w.write_all(&chunk).is_err() {
                break;
            }
        }
    });
    let mut err = child.stderr.take().unwrap();
    let errs = thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let (mut status, mut usage) = (0, unsafe { std::mem::zeroed::<libc::rusage>() });
    // SAFETY: waiting for our own child, with valid out-pointers.
    let r = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(r, child.id() as i32);
    (
        libc::WEXITSTATUS(status),
        errs.join().unwrap(),
        usage.ru_maxrss,
    )
}

pub fn assert_line_refused(what: &str, (code, err, rss_kib): (i32, String, i64)) {
    assert_eq!(code, 2, "{what}: {err}");
    assert!(err.contains("longer than"), "{what}: {err}");
    assert!(err.len() < 400, "{what}: the error quotes too much: {err}");
    assert!(
        !err.contains(&"x".repeat(65)),
        "{what}: more than 64 bytes quoted: {err}"
    );
    assert!(rss_kib < 48 * 1024, "{what}: peak RSS {rss_kib} KiB");
}

/// Read one HTTP response head (through the blank line) a byte at a time, so
/// nothing of the body or of the next response is consumed.
pub fn read_http_head(s: &mut TcpStream) -> String {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        let n = s.read(&mut byte).expect("reading a response head");
        assert_eq!(n, 1, "closed before a whole head: {buf:?}");
        buf.push(byte[0]);
    }
    String::from_utf8(buf).unwrap()
}

/// Read one HTTP response with a `Content-Length` body: (head, body).
pub fn read_http_response(s: &mut TcpStream) -> (String, Vec<u8>) {
    let head = read_http_head(s);
    let len: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("Content-Length: "))
        .expect("Content-Length")
        .trim()
        .parse()
        .unwrap();
    let mut body = vec![0; len];
    s.read_exact(&mut body).unwrap();
    (head, body)
}

/// The peer has closed: a read gets EOF (not a timeout) and no more bytes.
pub fn assert_closed(s: &mut TcpStream) {
    let mut rest = Vec::new();
    s.read_to_end(&mut rest).expect("EOF, not a timeout");
    assert!(rest.is_empty(), "bytes after the last response: {rest:?}");
}
