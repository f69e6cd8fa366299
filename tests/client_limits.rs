//! Clients that do not trust servers (issue 19): `rpc-call` stops reading an
//! endless chunked body at `--max-size` while holding about the limit, and a
//! 503 from a full server is worded as "full, retry", not as a wrong URL path.
//! The servers are small Python scripts on loopback.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::Stdio;
use std::thread;

use common::{json_lines, netkit, Peer};

/// A fake HTTP server: accepts one client, reads its request, sends `head` and
/// then `repeat` copies of `chunk`. Prints its port first.
const FAKE: &str = r#"
import socket, sys
head = sys.argv[1].encode().decode("unicode_escape").encode("latin-1")
size, repeat = int(sys.argv[2]), int(sys.argv[3])
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1)
print(s.getsockname()[1], flush=True)
c, _ = s.accept(); c.settimeout(20); c.recv(65536)
chunk = b"%x\r\n" % size + b"z" * size + b"\r\n"
try:
    c.sendall(head)
    for _ in range(repeat):
        c.sendall(chunk)
    c.recv(1)
except OSError:
    pass
"#;

fn fake(head: &str, size: usize, repeat: usize) -> (Peer, u16) {
    let mut cmd = common::python_command();
    cmd.args(["-c", FAKE, head, &size.to_string(), &repeat.to_string()])
        .stdout(Stdio::piped());
    let mut peer = Peer::spawn("fake http server", &mut cmd);
    let mut line = String::new();
    BufReader::new(peer.child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (peer, line.trim().parse().expect("a port"))
}

/// Run netkit to the end; (exit code, stdout, stderr, peak RSS in KiB).
#[allow(clippy::zombie_processes)] // reaped by wait4, which clippy does not know
fn run_measured(args: &[&str]) -> (i32, String, String, i64) {
    let mut child = netkit()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (mut o, mut e) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let out = thread::spawn(move || {
        let mut s = String::new();
        let _ = o.read_to_string(&mut s);
        s
    });
    let err = thread::spawn(move || {
        let mut s = String::new();
        let _ = e.read_to_string(&mut s);
        s
    });
    let (mut status, mut usage) = (0, unsafe { std::mem::zeroed::<libc::rusage>() });
    // SAFETY: waiting for our own child, with valid out-pointers.
    let r = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert_eq!(r, child.id() as i32);
    let code = libc::WEXITSTATUS(status);
    (
        code,
        out.join().unwrap(),
        err.join().unwrap(),
        usage.ru_maxrss,
    )
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn rpc_call_stops_an_endless_chunked_body_at_its_limit() {
    if !common::require_python(&[]) {
        return;
    }
    // 64 KiB chunks, up to 256 MB, never a last chunk.
    let head = r"HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nTransfer-Encoding: chunked\r\n\r\n";
    let (_peer, port) = fake(head, 65536, 4096);
    let url = format!("http://127.0.0.1:{port}/");
    let (code, out, err, rss) = run_measured(&[
        "rpc-call",
        &url,
        "double",
        "7",
        "--max-size",
        "16MiB",
        "--json",
    ]);
    assert_eq!(code, 3, "{out} {err}");
    let ev = json_lines(&out);
    let e = ev
        .iter()
        .find(|e| e["type"] == "error")
        .expect("an error event");
    assert!(
        e["message"].as_str().unwrap().contains("larger than"),
        "{e}"
    );
    // The limit plus buffering slack and the process itself; before, 2.7x the limit.
    assert!(rss < 40 * 1024, "peak RSS {rss} KiB with a 16 MiB limit");
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn a_full_server_is_reported_as_full() {
    if !common::require_python(&[]) {
        return;
    }
    let head = r"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 16\r\nConnection: close\r\n\r\ntoo many clients";
    let (_peer, port) = fake(head, 1, 0);
    let url = format!("http://127.0.0.1:{port}/RPC2");
    let (code, out, err, _) = run_measured(&["rpc-call", &url, "double", "7", "--json"]);
    assert_eq!(code, 3, "{out} {err}");
    let ev = json_lines(&out);
    let e = ev
        .iter()
        .find(|e| e["type"] == "error")
        .expect("an error event");
    let hint = e["hint"].as_str().unwrap_or("");
    assert!(hint.contains("full") && hint.contains("retry"), "{e}");
    assert!(!hint.contains("URL path"), "{e}");
}
