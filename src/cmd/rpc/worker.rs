//! `rpc-serve`'s event loop: one epoll set per worker thread, non-blocking
//! sockets, level-triggered. Every worker waits on the shared listener
//! (`EPOLLEXCLUSIVE`, so one is woken per connection); a new connection goes to
//! the worker serving the fewest, handed over through that worker's [`Mailbox`]
//! when another accepted it. A connection is a small state machine: read what
//! is there, cut it into requests (HTTP, JSON lines or MessagePack, by
//! `--proto` and, for JSON-RPC, by its first byte), queue the answers
//! `handlers` gives, and write them when every ready connection has had its
//! turn. While answers are unsent (a client that does not read) the connection
//! is not read from, so its memory stays bounded by one read's worth of
//! requests plus `--max-size`. The log lines of one round go out in one write
//! before the worker waits again. Idle connections, and requests not whole
//! within `--idle-timeout`, are swept every `signal::POLL`. Garbage, oversize
//! messages or a silent peer end that connection only, with a warning; running
//! out of file descriptors pauses accepting, not serving. It does not print
//! summaries; `serve` does.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::handlers::{self, Caller};
use super::http::{self, HttpError, Kind, Parsed};
use super::serve::{Served, Shared};
use super::Proto;
use crate::net::epoll::{Accepted, Epoll, SharedListener, IN, OUT};
use crate::proto::{jsonrpc, msgpack_rpc};
use crate::signal::POLL;

const LISTENER: u64 = u64::MAX;
/// This worker's eventfd: another worker handed it connections.
const WAKE: u64 = u64::MAX - 1;
/// Most bytes read from one socket at a time.
const CHUNK: usize = 64 * 1024;
/// How long the answers still queued when the server stops may take to go out,
/// all of them together.
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
    /// When the first byte of the request now being read came: a request must
    /// be whole within `--idle-timeout` (a client sending a byte at a time
    /// does not keep a connection forever).
    started: Option<Instant>,
}

impl Conn {
    fn pending(&self) -> bool {
        self.sent < self.output.len()
    }
}

/// One worker: its epoll set and its connections.
pub struct Worker<'a> {
    sh: &'a Shared,
    /// This worker's place in `Shared::workers`.
    index: usize,
    accepting: SharedListener<'a>,
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
    pub fn new(sh: &'a Shared, listener: &'a TcpListener, index: usize) -> io::Result<Worker<'a>> {
        let ep = Epoll::new()?;
        ep.ctl(
            libc::EPOLL_CTL_ADD,
            sh.workers[index].wake.as_raw_fd(),
            libc::EPOLLIN as u32,
            WAKE,
        )?;
        let accepting = SharedListener::watch(listener, &ep, LISTENER)?;
        Ok(Worker {
            sh,
            index,
            accepting,
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
            self.accepting.resume(&self.ep);
            let n = self.ep.wait(&mut events, POLL)?;
            for ev in &events[..n] {
                match ev.u64 {
                    LISTENER => self.accept_all(),
                    WAKE => self.take_handed(),
                    slot => self.drive(slot as usize),
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
        let deadline = Instant::now() + LAST_WRITE;
        for slot in 0..self.conns.len() {
            if let Some(c) = self.conns[slot].as_mut() {
                let left = deadline.saturating_duration_since(Instant::now());
                if c.pending() && !left.is_zero() && c.stream.set_nonblocking(false).is_ok() {
                    let _ = c.stream.set_write_timeout(Some(left));
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
            match self.accepting.accept(&self.ep) {
                Accepted::Conn(stream, peer) => {
                    self.sh.out_of_fds.store(false, Ordering::Relaxed);
                    self.admit(stream, peer);
                }
                Accepted::Drained => return,
                Accepted::Exhausted(e) => {
                    if !self.sh.out_of_fds.swap(true, Ordering::Relaxed) {
                        self.warn(&format!(
                            "accepting a connection: {e}; new connections wait"
                        ));
                    }
                    return;
                }
            }
        }
    }

    /// Connections another worker accepted for this one.
    fn take_handed(&mut self) {
        let me = &self.sh.workers[self.index];
        let mut count = [0u8; 8];
        // SAFETY: reading 8 bytes into a local buffer from our own eventfd.
        let _ = unsafe { libc::read(me.wake.as_raw_fd(), count.as_mut_ptr().cast(), 8) };
        let handed = std::mem::take(&mut *me.inbox.lock().unwrap_or_else(|p| p.into_inner()));
        for (stream, peer) in handed {
            self.register(stream, peer);
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
        // The worker serving the fewest clients gets this one: the listener
        // wakes whichever worker waits first, which would pile every
        // connection of a quiet moment onto one thread.
        let least = (0..sh.workers.len())
            .min_by_key(|&i| {
                (
                    sh.workers[i].clients.load(Ordering::SeqCst),
                    i != self.index,
                )
            })
            .unwrap_or(self.index);
        if least != self.index {
            let to = &sh.workers[least];
            to.clients.fetch_add(1, Ordering::SeqCst);
            to.inbox
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push((stream, peer));
            let one = 1u64.to_ne_bytes();
            // SAFETY: writing 8 bytes from a local buffer to the worker's eventfd.
            let _ = unsafe { libc::write(to.wake.as_raw_fd(), one.as_ptr().cast(), 8) };
            return;
        }
        sh.workers[self.index]
            .clients
            .fetch_add(1, Ordering::SeqCst);
        self.register(stream, peer);
    }

    /// Serve a connection from now on (accepted here or handed over).
    fn register(&mut self, stream: TcpStream, peer: SocketAddr) {
        let sh = self.sh;
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
            sh.workers[self.index]
                .clients
                .fetch_sub(1, Ordering::SeqCst);
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
            started: None,
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
            c.started = match c.input.is_empty() {
                true => None,
                false => c.started.or(Some(c.last)),
            };
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
            let Some(c) = self.conns[slot].as_mut() else {
                continue;
            };
            if c.started.is_some_and(|t| t.elapsed() >= idle) {
                c.trouble = Some(format!(
                    "a request still incomplete after {idle:?} (--idle-timeout)"
                ));
                self.close(slot);
            } else if c.last.elapsed() >= idle {
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
        self.sh.workers[self.index]
            .clients
            .fetch_sub(1, Ordering::SeqCst);
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

/// What the workers know of each other: how many clients each serves, and
/// where to hand one a connection (its inbox, and an eventfd to wake it).
pub struct Mailbox {
    pub clients: AtomicUsize,
    inbox: Mutex<Vec<(TcpStream, SocketAddr)>>,
    wake: OwnedFd,
}

impl Mailbox {
    pub fn new() -> io::Result<Mailbox> {
        // SAFETY: plain syscall; the returned fd is owned from here on.
        let fd = unsafe { libc::eventfd(0, libc::EFD_NONBLOCK | libc::EFD_CLOEXEC) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(Mailbox {
            clients: AtomicUsize::new(0),
            inbox: Mutex::new(Vec::new()),
            // SAFETY: fd is a fresh, valid descriptor nobody else owns.
            wake: unsafe { OwnedFd::from_raw_fd(fd) },
        })
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
