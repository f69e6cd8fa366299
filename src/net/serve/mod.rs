//! The server engine every TCP server of netkit runs on (`tcp-echo serve`,
//! `rpc-serve`, `broker`): epoll workers sharing one listener, a connection
//! slab with stable tokens, backpressure, deadlines, budgets, batched logging
//! on a logger thread, and `Stop`. A server only writes a [`Protocol`]: bytes
//! in, bytes out, close, log lines, timers. See `docs/engine.md`.
//!
//! It does not parse any protocol, print summaries or choose flags; TLS is a
//! [`conn::Transport`] variant (`tls`), not a change to the protocols.

mod budget;
mod conn;
mod log;
mod mailbox;
mod slab;
mod tls;
mod worker;

#[cfg(test)]
mod tests;

use std::io;
use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use conn::{Close, Input};
pub use log::{Later, LogSink, Logger};
pub use tls::HandshakeEvent;

use crate::output::Out;
use crate::signal::Stop;
use worker::{Mailbox, Worker};

/// Default of `--max-buffered`: input held across all connections of a server.
pub const DEFAULT_MAX_BUFFERED: usize = 256 << 20;

/// How a server wants to be run. Every limit is here, with its flag.
#[derive(Clone, Debug)]
pub struct Config {
    /// Event-loop threads (each an epoll set); at least 1.
    pub workers: usize,
    /// `--max-clients`: more are accepted, told (`Protocol::turned_away`), closed.
    pub max_clients: usize,
    /// `--idle-timeout`: no byte in or out for this long closes a connection
    /// (`None`: idle clients stay, as the broker's subscribers do).
    pub idle: Option<Duration>,
    /// A partial message with no byte for this long closes its connection.
    pub stall: Option<Duration>,
    /// A message must be whole within this long of its first byte (rpc-serve).
    pub request: Option<Duration>,
    /// `--max-buffered`: input held by all connections together; at it, partial
    /// messages are not read and the oldest stalled one is closed.
    pub max_buffered: usize,
    /// Largest input one connection may hold (`--max-size` plus framing).
    pub max_input: usize,
    /// A connection is read from only while its unsent output is at most this.
    pub read_pause: usize,
    /// Serve TLS with this config (`--tls-cert`); the handshake must finish
    /// within `request`, else `stall`, else `idle`, else 10 s.
    pub tls: Option<Arc<rustls::ServerConfig>>,
}

impl Config {
    /// One worker per core, at most four.
    pub fn default_workers() -> usize {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4)
    }
}

/// Where a connection's protocol steers it after an `input` call.
#[derive(Debug, PartialEq, Eq)]
pub enum Flow {
    /// Keep serving.
    Go,
    /// Send what is queued, then close.
    Close(Close),
    /// Close now, dropping what is queued.
    Abort(Close),
    /// Stop reading but stay open until the protocol calls [`Cx::close`]
    /// (tcp-echo's delayed replies after the peer's EOF).
    Hold,
}

/// What a connection's protocol sees of it during `input`.
pub struct Io<'a> {
    pub token: u64,
    pub peer: SocketAddr,
    /// Bytes received and not yet consumed.
    pub input: &'a mut Input,
    /// Bytes to send (appended).
    pub out: &'a mut Vec<u8>,
    /// The peer closed its side: no more input will come.
    pub eof: bool,
}

/// A server's protocol, one instance per worker.
pub trait Protocol {
    /// Per-connection state.
    type State: Send;
    /// A connection was admitted on this worker.
    fn open(&mut self, cx: &mut Cx<'_>, token: u64, peer: SocketAddr) -> Self::State;
    /// New bytes (or the EOF) arrived: consume whole messages, queue replies.
    fn input(&mut self, st: &mut Self::State, io: &mut Io<'_>, cx: &mut Cx<'_>) -> Flow;
    /// The connection is gone, for `why`.
    fn closed(&mut self, st: Self::State, peer: SocketAddr, why: &Close, cx: &mut Cx<'_>);
    /// The connection's unsent output fell to `read_pause` or below after a
    /// write: queue more of a long answer (http serve's files, in chunks, so
    /// the client's reading paces the server's). Called again, a few times a
    /// round, while it queues something.
    fn drained(&mut self, _st: &mut Self::State, _io: &mut Io<'_>, _cx: &mut Cx<'_>) -> Flow {
        Flow::Go
    }
    /// A client over `--max-clients`: the bytes it is sent before it is closed.
    fn turned_away(&mut self, _cx: &mut Cx<'_>, _peer: SocketAddr) -> Option<Vec<u8>> {
        None
    }
    /// Timers: called every round; returns when it wants to be called next.
    fn tick(&mut self, _cx: &mut Cx<'_>, _now: Instant) -> Option<Instant> {
        None
    }
}

/// The engine's side of a call into a protocol: logging, other connections'
/// output (PUBLISH fan-out, delayed replies), closing, stopping.
pub struct Cx<'a> {
    pub(crate) log: &'a mut LogSink,
    pub(crate) others: &'a mut dyn Others,
    pub(crate) stop: &'a Stop,
}

/// Other connections of the same worker, as [`Cx`] reaches them.
pub(crate) trait Others {
    fn send_to(&mut self, token: u64, bytes: &[u8], limit: Option<usize>) -> Delivery;
    fn close(&mut self, token: u64, why: Close);
}

/// What [`Cx::send_to`] did.
#[derive(Debug, PartialEq, Eq)]
pub enum Delivery {
    Queued,
    /// The connection is gone (or closing).
    Gone,
    /// Its unsent output would pass the limit: it is being closed.
    OverLimit,
}

impl Cx<'_> {
    /// One rendered log line (newline included), printed by the logger thread.
    pub fn log(&mut self, line: String) {
        self.log.line(line);
    }
    /// A log line rendered by the logger thread (off the serving thread).
    /// `payload`: about how many bytes the line will take.
    pub fn log_later(&mut self, payload: usize, f: Later) {
        self.log.later(payload, f);
    }
    /// A warning, printed by the logger thread.
    pub fn warn(&mut self, message: String) {
        self.log.warn(message);
    }
    /// Queue bytes on another connection of this worker (`limit`: close it
    /// instead when its unsent output would pass this).
    pub fn send_to(&mut self, token: u64, bytes: &[u8], limit: Option<usize>) -> Delivery {
        self.others.send_to(token, bytes, limit)
    }
    /// Close a connection once its output is sent.
    pub fn close(&mut self, token: u64, why: Close) {
        self.others.close(token, why);
    }
    /// Stop the whole server (`--count` reached).
    pub fn stop_server(&mut self) {
        self.stop.stop();
    }
    pub fn stopping(&self) -> bool {
        self.stop.is_stopped()
    }
}

/// What every worker shares.
pub(crate) struct Shared {
    pub cfg: Config,
    pub stop: Stop,
    pub outer: Stop,
    pub active: AtomicUsize,
    pub budget: budget::Budget,
    pub out_of_fds: AtomicBool,
    pub accepted: AtomicU64,
    pub workers: Vec<Mailbox>,
}

impl Shared {
    pub fn stopping(&self) -> bool {
        if self.outer.is_stopped() {
            self.stop.stop();
        }
        self.stop.is_stopped()
    }
    pub fn over_budget(&self) -> bool {
        self.budget.over()
    }
}

/// What a run of the engine did, for the server's summary.
#[derive(Debug, Default)]
pub struct Report {
    /// Connections admitted.
    pub connections: u64,
    /// Log lines dropped because stdout was not read fast enough.
    pub dropped_log_lines: u64,
}

/// Serve `listener` with one protocol per worker (`make(i)`) until `outer`
/// or a protocol stops the server; then send what is queued (for at most a
/// second), close every connection and return.
pub fn run<P, F>(
    listener: &TcpListener,
    cfg: Config,
    out: &Out,
    outer: &Stop,
    mut make: F,
) -> io::Result<Report>
where
    P: Protocol + Send,
    F: FnMut(usize) -> P,
{
    raise_nofile_limit();
    listener.set_nonblocking(true)?;
    let n = cfg.workers.max(1);
    let budget = budget::Budget::new(cfg.max_buffered);
    let sh = Shared {
        budget,
        cfg,
        stop: Stop::new(),
        outer: outer.clone(),
        active: AtomicUsize::new(0),
        out_of_fds: AtomicBool::new(false),
        accepted: AtomicU64::new(0),
        workers: (0..n).map(|_| Mailbox::new()).collect::<io::Result<_>>()?,
    };
    let logger = Logger::start(out.clone(), sh.stop.clone());
    // Every worker's epoll set exists before any serves: created inside the
    // threads, a late one could find the descriptors used up by then.
    let ready = (0..n)
        .map(|i| Worker::new(&sh, listener, i, make(i), logger.sink()))
        .collect::<io::Result<Vec<_>>>()?;
    let results = crate::net::epoll::run_loops(ready, &sh.stop, Worker::run);
    let dropped = logger.finish();
    if dropped > 0 {
        let _ = out.warn(&format!(
            "{dropped} log lines dropped: stdout was not read fast enough (serving went on)"
        ));
    }
    for r in results {
        r?;
    }
    Ok(Report {
        connections: sh.accepted.load(Ordering::SeqCst),
        dropped_log_lines: dropped,
    })
}

/// Raise the soft limit on open files to the hard one (as Go's runtime and
/// most servers do): the default `--max-clients 1024` exceeds a soft limit of
/// 1024 otherwise. Failure changes nothing.
pub fn raise_nofile_limit() {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: plain syscalls on a local struct.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) == 0 && lim.rlim_cur < lim.rlim_max {
            lim.rlim_cur = lim.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
        }
    }
}
