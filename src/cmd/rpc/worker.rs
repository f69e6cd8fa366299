//! `rpc-serve`'s event loop: one epoll set per worker thread, non-blocking
//! sockets, level-triggered. Every worker waits on the shared listener
//! (`EPOLLEXCLUSIVE`, so one is woken per connection) and serves the
//! connections it accepted. A connection is a small state machine: read what is
//! there, cut it into requests (HTTP, JSON lines or MessagePack, by `--proto`
//! and, for JSON-RPC, by its first byte), queue the answers `handlers` gives,
//! write what the socket takes. While answers are unsent (a client that does
//! not read) the connection is not read from, so its memory stays bounded by
//! one read's worth of requests plus `--max-size`. The log lines of one round
//! go out in one write before the worker waits again. Idle connections are
//! swept every `signal::POLL`. Garbage, oversize messages or a silent peer end
//! that connection only, with a warning. It does not print summaries; `serve`
//! does.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use super::handlers::{self, Caller};
use super::http::{self, HttpError, Kind, Parsed};
use super::serve::{Served, Shared};
use super::Proto;
use crate::net::epoll::{Epoll, IN, OUT};
use crate::proto::{jsonrpc, msgpack_rpc};
use crate::signal::POLL;

const LISTENER: u64 = u64::MAX;
/// Most bytes read from one socket at a time.
const CHUNK: usize = 64 * 1024;
/// How long the answers still queued when the server stops may take to go out.
const LAST_WRITE: Duration = Duration::from_secs(1);

/// What a connection speaks, decided by `--proto` (and for JSON-RPC by the
/// first byte: `{`, `[` or a blank is a JSON line, anything else HTTP).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wire {
    Undecided,
    Http,
    Lines,
    Msgpack,
}

struct Conn {
    stream: TcpStream,
    caller: Caller,
    wire: Wire,
    /// Bytes received and not yet answered.
    input: Vec<u8>,
    /// Answers not yet written, from `sent` on.
    output: Vec<u8>,
    sent: usize,
    /// Watching for writability (answers are waiting) instead of readability.
    writing: bool,
    /// The peer closed its side.
    eof: bool,
    /// `100 Continue` went out for the request being read.
    continued: bool,
    /// Close once `output` is written (`Connection: close`, an error, `--count`).
    closing: bool,
    /// Why it is being closed, when that deserves a warning.
    trouble: Option<String>,
    last: Instant,
}

impl Conn {
    fn pending(&self) -> bool {
        self.sent < self.output.len()
    }
}

/// One worker: its epoll set and its connections.
pub struct Worker<'a> {
    sh: &'a Shared,
    listener: &'a TcpListener,
    ep: Epoll,
    conns: Vec<Option<Conn>>,
    free: Vec<usize>,
    chunk: Vec<u8>,
    /// Connections driven this round, whose answers are still to be sent.
    ready: Vec<usize>,
    /// This round's log lines, printed in one write before waiting again.
    log: String,
}

impl<'a> Worker<'a> {
    pub fn new(sh: &'a Shared, listener: &'a TcpListener) -> io::Result<Worker<'a>> {
        let ep = Epoll::new()?;
        let flags = libc::EPOLLIN as u32 | libc::EPOLLEXCLUSIVE as u32;
        ep.ctl(libc::EPOLL_CTL_ADD, listener.as_raw_fd(), flags, LISTENER)?;
        Ok(Worker {
            sh,
            listener,
            ep,
            conns: Vec::new(),
            free: Vec::new(),
            chunk: vec![0u8; CHUNK],
            ready: Vec::new(),
            log: String::new(),
        })
    }

    /// Serve until the server stops, then send what is queued and close everything.
    pub fn run(mut self) -> io::Result<()> {
        let mut events = vec![libc::epoll_event { events: 0, u64: 0 }; 256];
        let mut last_sweep = Instant::now();
        while !self.sh.stopping() {
            let n = self.ep.wait(&mut events, POLL)?;
            for ev in &events[..n] {
                if ev.u64 == LISTENER {
                    self.accept_all();
                } else {
                    self.drive(ev.u64 as usize);
                }
            }
            let mut ready = std::mem::take(&mut self.ready);
            for slot in ready.drain(..) {
                self.settle(slot);
            }
            self.ready = ready;
            self.print_log();
            if last_sweep.elapsed() >= POLL {
                last_sweep = Instant::now();
                self.sweep_idle();
            }
        }
        for slot in 0..self.conns.len() {
            if let Some(c) = self.conns[slot].as_mut() {
                if c.pending() && c.stream.set_nonblocking(false).is_ok() {
                    let _ = c.stream.set_write_timeout(Some(LAST_WRITE));
                    let _ = c.stream.write_all(&c.output[c.sent..]);
                }
                self.close(slot);
            }
        }
        self.print_log();
        Ok(())
    }

    fn accept_all(&mut self) {
        loop {
            match self.listener.accept() {
                Ok((stream, peer)) => self.admit(stream, peer),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return,
                Err(e) => {
                    if matches!(
                        e.raw_os_error(),
                        Some(libc::EMFILE | libc::ENFILE | libc::ENOBUFS | libc::ENOMEM)
                    ) {
                        self.warn(&format!("accepting a connection: {e}; pausing 100 ms"));
                        std::thread::sleep(POLL);
                    }
                    return;
                }
            }
        }
    }

    fn admit(&mut self, stream: TcpStream, peer: SocketAddr) {
        let sh = self.sh;
        if sh.active.fetch_add(1, Ordering::SeqCst) >= sh.max_clients {
            sh.active.fetch_sub(1, Ordering::SeqCst);
            self.warn(&format!(
                "turning away {peer}: {} clients already (--max-clients)",
                sh.max_clients
            ));
            if let Some(bytes) = handlers::turn_away(sh.proto) {
                // A fresh socket's buffer takes this whole; if not, nothing is lost.
                let _ = stream.set_nonblocking(true);
                let _ = (&stream).write(&bytes);
            }
            return;
        }
        sh.connections.fetch_add(1, Ordering::SeqCst);
        let _ = stream.set_nodelay(true);
        let slot = self.free.pop().unwrap_or_else(|| {
            self.conns.push(None);
            self.conns.len() - 1
        });
        let registered = stream.set_nonblocking(true).and_then(|_| {
            self.ep
                .ctl(libc::EPOLL_CTL_ADD, stream.as_raw_fd(), IN, slot as u64)
        });
        if registered.is_err() {
            sh.active.fetch_sub(1, Ordering::SeqCst);
            self.free.push(slot);
            return;
        }
        let wire = match sh.proto {
            Proto::Xmlrpc => Wire::Http,
            Proto::Msgpack => Wire::Msgpack,
            Proto::Jsonrpc => Wire::Undecided,
        };
        self.conns[slot] = Some(Conn {
            stream,
            caller: Caller {
                peer: peer.to_string(),
                ip: peer.ip().to_string(),
            },
            wire,
            input: Vec::new(),
            output: Vec::new(),
            sent: 0,
            writing: false,
            eof: false,
            continued: false,
            closing: false,
            trouble: None,
            last: Instant::now(),
        });
    }

    /// React to readiness: send what still waits, then read and answer what
    /// came. The answers go out in [`Worker::settle`], after every ready
    /// connection has had its turn: a round's answers then wake their clients
    /// together (as Redis writes its replies before it sleeps), instead of each
    /// write waking a client that preempts the worker in the middle of the round.
    fn drive(&mut self, slot: usize) {
        let sh = self.sh;
        let Some(c) = self.conns.get_mut(slot).and_then(|c| c.as_mut()) else {
            return;
        };
        c.last = Instant::now();
        if c.pending() {
            if !flush(c) {
                return self.close(slot);
            }
            if c.pending() {
                return; // the client still does not read: wait until it does
            }
        }
        // Read and answer until the socket is drained (a short read: level-
        // triggered epoll reports anything that comes later), a read's worth of
        // answers is queued, or the connection is ending.
        let mut drained = false;
        while !drained && !c.closing && !c.eof && c.output.len() < CHUNK {
            match c.stream.read(&mut self.chunk) {
                Ok(0) => c.eof = true,
                Ok(n) => {
                    c.input.extend_from_slice(&self.chunk[..n]);
                    drained = n < self.chunk.len();
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => {
                    c.eof = true;
                    c.input.clear();
                }
            }
            answer(c, sh, &mut self.log);
        }
        self.ready.push(slot);
    }

    /// Send a driven connection's answers; close it when it is done, or watch
    /// it for writability while answers are left over.
    fn settle(&mut self, slot: usize) {
        let Some(c) = self.conns.get_mut(slot).and_then(|c| c.as_mut()) else {
            return;
        };
        if !flush(c) || (!c.pending() && (c.closing || c.eof)) {
            return self.close(slot);
        }
        let want_out = c.pending();
        if want_out != c.writing {
            c.writing = want_out;
            let interest = if want_out { OUT } else { IN };
            let fd = c.stream.as_raw_fd();
            if self
                .ep
                .ctl(libc::EPOLL_CTL_MOD, fd, interest, slot as u64)
                .is_err()
            {
                self.close(slot);
            }
        }
    }

    fn sweep_idle(&mut self) {
        let idle = self.sh.idle;
        for slot in 0..self.conns.len() {
            if self.conns[slot]
                .as_ref()
                .is_some_and(|c| c.last.elapsed() >= idle)
            {
                self.close(slot);
            }
        }
    }

    fn close(&mut self, slot: usize) {
        let Some(c) = self.conns.get_mut(slot).and_then(Option::take) else {
            return;
        };
        let _ = self
            .ep
            .ctl(libc::EPOLL_CTL_DEL, c.stream.as_raw_fd(), 0, slot as u64);
        self.sh.active.fetch_sub(1, Ordering::SeqCst);
        self.free.push(slot);
        if let Some(why) = &c.trouble {
            self.warn(&format!("dropping {}: {why}", c.caller.peer));
        }
    }

    /// Print this round's log lines; a closed stdout (`| head`) stops the server.
    fn print_log(&mut self) {
        if let Err(e) = self.sh.out.write_text(&self.log) {
            if crate::exit::is_broken_pipe(&e) {
                self.sh.stop.stop();
            }
        }
        self.log.clear();
    }

    fn warn(&mut self, message: &str) {
        self.print_log();
        let _ = self.sh.out.warn(message);
    }
}

/// Write what the socket takes. `false`: the peer is gone.
fn flush(c: &mut Conn) -> bool {
    while c.pending() {
        match c.stream.write(&c.output[c.sent..]) {
            Ok(0) => return false,
            Ok(n) => c.sent += n,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return true,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
    c.output.clear();
    c.sent = 0;
    true
}

/// Answer every whole request in `c.input`, queueing the replies in
/// `c.output` and the log lines in `log`.
fn answer(c: &mut Conn, sh: &Shared, log: &mut String) {
    if c.wire == Wire::Undecided {
        c.wire = match c.input.first() {
            None => return,
            Some(b'{' | b'[' | b' ' | b'\t') => Wire::Lines,
            Some(_) => Wire::Http,
        };
    }
    let mut input = std::mem::take(&mut c.input);
    let mut used = 0;
    while !c.closing {
        let rest = &input[used..];
        let step = match c.wire {
            Wire::Http => http_step(c, rest, sh, log),
            Wire::Lines => line_step(c, rest, sh, log),
            Wire::Msgpack => msgpack_step(c, rest, sh, log),
            Wire::Undecided => None,
        };
        match step {
            Some(n) => used += n,
            None => break,
        }
    }
    if !c.closing {
        input.drain(..used);
        c.input = input;
    }
}

/// Log a served call (unless `--quiet`).
fn record(sh: &Shared, log: &mut String, entry: &Served) {
    if !sh.out.quiet() {
        if let Ok(line) = sh.out.render(entry) {
            log.push_str(&line);
        }
    }
}

/// One HTTP request from the front of `rest`: the bytes used, or `None` when
/// more must come first (or the connection is ending).
fn http_step(c: &mut Conn, rest: &[u8], sh: &Shared, log: &mut String) -> Option<usize> {
    let err = match http::parse(rest, Kind::Request, sh.max_size, false) {
        Ok(Parsed::Message(req, used)) => {
            c.continued = false;
            let reply = handlers::http_request(&req, sh, &c.caller);
            c.output.extend_from_slice(&reply.bytes);
            record(sh, log, &reply.log);
            c.closing = !reply.keep;
            return Some(used);
        }
        Ok(Parsed::Partial { wants_continue }) => {
            if wants_continue && !c.continued {
                c.output.extend_from_slice(http::CONTINUE);
                c.continued = true;
            }
            if !c.eof || http::only_blank(rest) {
                return None;
            }
            HttpError::Truncated
        }
        Err(e) => e,
    };
    c.output.extend_from_slice(&handlers::http_error(&err));
    c.trouble = Some(err.to_string());
    c.closing = true;
    None
}

/// One line of newline-delimited JSON-RPC (at the end of the stream, an
/// unterminated last line counts too).
fn line_step(c: &mut Conn, rest: &[u8], sh: &Shared, log: &mut String) -> Option<usize> {
    let (line, used) = match jsonrpc::split_line(rest) {
        Some(x) => x,
        None if c.eof && !rest.is_empty() => (rest, rest.len()),
        None => {
            if rest.len() > sh.max_size {
                c.trouble = Some(format!(
                    "a JSON-RPC line longer than {} bytes (--max-size)",
                    sh.max_size
                ));
                c.closing = true;
            }
            return None;
        }
    };
    if line.iter().all(u8::is_ascii_whitespace) {
        return Some(used);
    }
    match handlers::json_line(line, sh, &c.caller) {
        Some((reply, entry)) => {
            c.output.extend(reply.unwrap_or_default());
            record(sh, log, &entry);
            Some(used)
        }
        None => {
            c.closing = true; // --count reached: no more calls
            None
        }
    }
}

/// One MessagePack-RPC message.
fn msgpack_step(c: &mut Conn, rest: &[u8], sh: &Shared, log: &mut String) -> Option<usize> {
    let (msg, used) = match msgpack_rpc::decode_limited(rest, sh.max_size) {
        Ok(Some(x)) => x,
        Ok(None) => {
            if rest.len() > sh.max_size {
                c.trouble = Some(format!(
                    "a MessagePack message larger than {} bytes (--max-size)",
                    sh.max_size
                ));
                c.closing = true;
            }
            return None;
        }
        Err(e) => {
            c.trouble = Some(e.to_string());
            c.closing = true;
            return None;
        }
    };
    match handlers::msgpack_message(msg, sh, &c.caller) {
        Some((reply, entry)) => {
            c.output.extend(reply.unwrap_or_default());
            if let Some(entry) = entry {
                record(sh, log, &entry);
            }
            Some(used)
        }
        None => {
            c.closing = true; // --count reached: no more calls
            None
        }
    }
}
