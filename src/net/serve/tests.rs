//! The engine in-process with a test protocol (line echo): backpressure,
//! idle and stalled closes, max-clients, the input budget, large lines,
//! stop. The out-of-fds pause is tested end to end in `tests/tcp_echo.rs`
//! (it needs a process of its own to lower `RLIMIT_NOFILE`).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::*;
use crate::output::Mode;

#[derive(Default)]
struct Seen {
    consumed: AtomicU64,
    closes: Mutex<Vec<Close>>,
}

struct LineEcho(Arc<Seen>);

impl Protocol for LineEcho {
    type State = ();
    fn open(&mut self, _: &mut Cx<'_>, _: u64, _: SocketAddr) {}
    fn input(&mut self, _: &mut (), io: &mut Io<'_>, _: &mut Cx<'_>) -> Flow {
        loop {
            let from = io.input.scanned();
            let data = io.input.data();
            match data[from..].iter().position(|&b| b == b'\n') {
                Some(i) => {
                    io.out.extend_from_slice(&data[..from + i + 1]);
                    self.0
                        .consumed
                        .fetch_add((from + i + 1) as u64, Ordering::SeqCst);
                    io.input.consume(from + i + 1);
                }
                None => {
                    let n = data.len();
                    io.input.set_scanned(n);
                    return Flow::Go;
                }
            }
        }
    }
    fn closed(&mut self, _: (), _: SocketAddr, why: &Close, _: &mut Cx<'_>) {
        self.0.closes.lock().unwrap().push(why.clone());
    }
    fn turned_away(&mut self, _: &mut Cx<'_>, _: SocketAddr) -> Option<Vec<u8>> {
        Some(b"full\n".to_vec())
    }
}

fn config() -> Config {
    Config {
        workers: 2,
        max_clients: 100,
        idle: Some(Duration::from_secs(10)),
        stall: Some(Duration::from_secs(10)),
        request: None,
        max_buffered: 64 << 20,
        max_input: 32 << 20,
        read_pause: 0,
        tls: None,
    }
}

struct Running {
    addr: SocketAddr,
    seen: Arc<Seen>,
    stop: Stop,
    handle: Option<JoinHandle<Report>>,
}

impl Running {
    fn stop(mut self) -> (Report, Duration) {
        let t = Instant::now();
        self.stop.stop();
        let r = self.handle.take().unwrap().join().unwrap();
        (r, t.elapsed())
    }
    fn closes(&self) -> Vec<Close> {
        self.seen.closes.lock().unwrap().clone()
    }
    fn wait_close(&self, what: impl Fn(&Close) -> bool) -> bool {
        let until = Instant::now() + Duration::from_secs(5);
        while Instant::now() < until {
            if self.closes().iter().any(&what) {
                return true;
            }
            thread::sleep(Duration::from_millis(20));
        }
        false
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop.stop();
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn start(cfg: Config) -> Running {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = Arc::new(Seen::default());
    let stop = Stop::new();
    let (s, st) = (seen.clone(), stop.clone());
    let handle = thread::spawn(move || {
        let (out, _) = Out::buffer(Mode::Json);
        run(&listener, cfg, &out, &st, |_| LineEcho(s.clone())).unwrap()
    });
    Running {
        addr,
        seen,
        stop,
        handle: Some(handle),
    }
}

fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s
}

fn echo_once(addr: SocketAddr, line: &[u8]) -> Vec<u8> {
    let mut s = connect(addr);
    s.write_all(line).unwrap();
    let mut got = vec![0; line.len()];
    s.read_exact(&mut got).unwrap();
    got
}

#[test]
fn echoes_and_stops_within_a_poll() {
    let r = start(config());
    assert_eq!(echo_once(r.addr, b"hello\n"), b"hello\n");
    let _open = connect(r.addr);
    thread::sleep(Duration::from_millis(100));
    let (report, took) = r.stop();
    assert!(took < Duration::from_millis(500), "{took:?}");
    assert_eq!(report.connections, 2);
}

#[test]
fn a_client_that_does_not_read_is_not_read_either() {
    let r = start(config());
    let mut s = connect(r.addr);
    s.set_write_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let chunk = vec![b'x'; 1023]
        .into_iter()
        .chain([b'\n'])
        .collect::<Vec<_>>();
    let mut written = 0u64;
    while written < 200 << 20 {
        match s.write(&chunk) {
            Ok(n) => written += n as u64,
            Err(_) => break,
        }
    }
    let consumed = r.seen.consumed.load(Ordering::SeqCst);
    assert!(written < 200 << 20, "the server kept reading: {written}");
    assert!(consumed < 32 << 20, "consumed {consumed} bytes");
    // It still answers once the client reads.
    let mut buf = vec![0; 1024];
    s.read_exact(&mut buf).unwrap();
    assert_eq!(buf, chunk);
}

#[test]
fn idle_and_stalled_connections_are_closed() {
    let r = start(Config {
        idle: Some(Duration::from_millis(300)),
        stall: Some(Duration::from_millis(300)),
        ..config()
    });
    let mut idle = connect(r.addr);
    let mut partial = connect(r.addr);
    partial.write_all(b"no newline yet").unwrap();
    let t = Instant::now();
    let mut b = [0u8; 8];
    assert_eq!(idle.read(&mut b).unwrap(), 0);
    assert_eq!(partial.read(&mut b).unwrap(), 0);
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    assert!(r.wait_close(|c| matches!(c, Close::Idle(_))));
    assert!(r.wait_close(|c| matches!(c, Close::Stalled(_))));
}

#[test]
fn a_request_deadline_closes_a_slow_sender() {
    let r = start(Config {
        request: Some(Duration::from_millis(300)),
        ..config()
    });
    let mut s = connect(r.addr);
    let t = Instant::now();
    let mut closed = false;
    while t.elapsed() < Duration::from_secs(3) {
        if s.write_all(b"x").is_err() {
            closed = true;
            break;
        }
        thread::sleep(Duration::from_millis(50));
    }
    assert!(closed || r.wait_close(|c| matches!(c, Close::Stalled(_))));
    assert!(r.wait_close(|c| matches!(c, Close::Stalled(_))));
}

#[test]
fn over_max_clients_is_told_and_closed() {
    let r = start(Config {
        max_clients: 2,
        ..config()
    });
    let a = connect(r.addr);
    let b = connect(r.addr);
    thread::sleep(Duration::from_millis(100));
    let mut c = connect(r.addr);
    let mut got = String::new();
    c.read_to_string(&mut got).unwrap();
    assert_eq!(got, "full\n");
    drop((a, b));
    thread::sleep(Duration::from_millis(200));
    assert_eq!(echo_once(r.addr, b"again\n"), b"again\n");
}

#[test]
fn the_input_budget_closes_the_oldest_partial_message() {
    let r = start(Config {
        max_buffered: 1 << 20,
        ..config()
    });
    let partial = vec![b'p'; 60 * 1024];
    let mut held = Vec::new();
    for _ in 0..40 {
        let mut s = connect(r.addr);
        s.write_all(&partial).unwrap();
        held.push(s);
        thread::sleep(Duration::from_millis(5));
    }
    assert!(r.wait_close(|c| matches!(c, Close::OverBudget(_))));
    // The first one waited longest: it is among the closed.
    let mut b = [0u8; 1];
    held[0]
        .set_read_timeout(Some(Duration::from_secs(3)))
        .unwrap();
    assert!(matches!(held[0].read(&mut b), Ok(0) | Err(_)));
    assert_eq!(echo_once(r.addr, b"served\n"), b"served\n");
}

#[test]
fn at_the_budget_the_largest_wait_small_ones_are_served_stalled_ones_close() {
    let r = start(Config {
        workers: 1,
        max_buffered: 2 << 20,
        ..config()
    });
    // Nine clients hold 240 KiB each (2.25 MiB of buffers: over the budget,
    // under its hard limit): they hold more than a fair share.
    let big = vec![b'p'; 240 * 1024];
    let mut held = Vec::new();
    for _ in 0..9 {
        let mut s = connect(r.addr);
        s.write_all(&big).unwrap();
        held.push(s);
    }
    thread::sleep(Duration::from_millis(100));
    // A small partial line is read on and answered while they wait.
    let mut small = connect(r.addr);
    small.write_all(b"hel").unwrap();
    thread::sleep(Duration::from_millis(30));
    small.write_all(b"lo\n").unwrap();
    let mut got = [0u8; 6];
    small.read_exact(&mut got).unwrap();
    assert_eq!(&got, b"hello\n");
    // The stalled big ones are closed, quiet longest first, to get under it.
    assert!(r.wait_close(|c| matches!(c, Close::OverBudget(_))));
    let mut b = [0u8; 1];
    assert!(matches!(held[0].read(&mut b), Ok(0) | Err(_)));
    assert_eq!(echo_once(r.addr, b"served\n"), b"served\n");
}

#[test]
fn a_large_line_comes_back_whole() {
    let r = start(config());
    let mut line: Vec<u8> = (0..16 << 20).map(|i| b'a' + (i % 26) as u8).collect();
    line.push(b'\n');
    let mut s = connect(r.addr);
    let w = {
        let (mut s, line) = (s.try_clone().unwrap(), line.clone());
        thread::spawn(move || s.write_all(&line).unwrap())
    };
    let mut got = vec![0; line.len()];
    s.read_exact(&mut got).unwrap();
    w.join().unwrap();
    assert!(got == line);
}

#[test]
fn input_buffer_consumes_and_scans_linearly() {
    let mut i = Input::with_capacity(8);
    assert!(i.is_empty());
    i.set_scanned(3);
    i.consume(1);
    assert_eq!(i.scanned(), 0);
    assert_eq!(i.capacity(), 8);
}
