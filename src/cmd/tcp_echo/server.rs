//! The TCP echo server: `bind` (the listener, with `--backlog`), and `run`, which
//! starts one event-loop worker per core (`worker`) and prints the summary when
//! they stop (`--count`, Ctrl-C, or a lab's stop token).
//!
//! Why an epoll loop and not a thread per connection: a first version had one
//! blocking thread per connection — the seed's shape, and about as fast as
//! socat's process per connection on a quiet machine. But with 256 busy
//! connections on a loaded 2-core machine, hundreds of runnable threads made the
//! scheduler leave some of them waiting for up to a second, and clients timed out;
//! a few event-loop threads do not have that failure. Each worker serves many
//! connections without blocking on any: a slow or idle client only costs a slot in
//! an epoll set, and 500 idle clients cost no threads. Limits: `--max-clients`
//! (over it, a client is accepted and closed at once with a log line, instead of
//! hanging in the backlog), `--idle-timeout`, `--max-size` (a bigger frame closes
//! that client only). This module holds the shared state and the log events.

use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

use serde::Serialize;

use super::worker::Worker;
use super::ServeArgs;
use crate::cmd::echo_stats::{shown, ServerSummary};
use crate::cmd::Ctx;
use crate::exit::Code;
use crate::net;
use crate::output::{self, Palette, Payload, Render};
use crate::signal::Stop;

/// A bound listener, ready to [`Server::run`].
pub struct Server {
    listener: TcpListener,
    addr: SocketAddr,
    args: ServeArgs,
}

/// Bind the listener with `--backlog` (port 0 works).
pub fn bind(args: &ServeArgs) -> anyhow::Result<Server> {
    if args.idle_timeout.is_zero() {
        return Err(crate::exit::usage(
            "--idle-timeout 0 would close every client at once (give a duration such as 60s)",
        )
        .into());
    }
    let addr = net::listen_addr(&args.listen, net::DEFAULT_PORT)?;
    let listener = net::bind_tcp(addr, args.backlog)?;
    let addr = listener.local_addr()?;
    Ok(Server {
        listener,
        addr,
        args: args.clone(),
    })
}

/// State shared by the workers.
pub struct Shared {
    pub args: ServeArgs,
    pub ctx: Ctx,
    /// Set when `--count` is reached (the server's own stop, besides `ctx.stop`).
    pub done: Stop,
    pub messages: AtomicU64,
    pub bytes: AtomicU64,
    pub peers: AtomicU64,
    pub active: AtomicUsize,
    pub refused: AtomicU64,
    /// Out of file descriptors was reported, and no accept succeeded since.
    pub out_of_fds: AtomicBool,
}

impl Shared {
    pub fn stopping(&self) -> bool {
        self.done.is_stopped() || self.ctx.stop.is_stopped()
    }

    /// Print one log event; when stdout is gone (`| head -1`) the server stops, as
    /// udp-echo's does, instead of serving on with nowhere to log.
    pub fn log<E: crate::output::Render>(&self, ev: &E) {
        if let Err(e) = self.ctx.out.emit(ev) {
            if crate::exit::is_broken_pipe(&e) {
                self.done.stop();
            }
        }
    }
}

/// A client connected or was closed.
#[derive(Debug, Serialize)]
pub struct ConnEvent {
    /// The JSON `type` (given by `Render::kind`).
    #[serde(skip)]
    kind: &'static str,
    time: String,
    peer: SocketAddr,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    messages: Option<u64>,
}

impl Render for ConnEvent {
    fn kind(&self) -> &str {
        self.kind
    }
    fn human(&self, p: &Palette) -> String {
        let peer = p.name(&self.peer.to_string());
        match &self.reason {
            Some(r) => format!("{} {peer} closed: {r}", p.dim(&self.time)),
            None => format!("{} {peer} connected", p.dim(&self.time)),
        }
    }
}

/// The `connection` event.
pub fn opened(peer: SocketAddr) -> ConnEvent {
    ConnEvent {
        kind: "connection",
        time: output::timestamp(),
        peer,
        reason: None,
        messages: None,
    }
}

/// The `closed` event, with why.
pub fn closed(peer: SocketAddr, reason: String, messages: u64) -> ConnEvent {
    ConnEvent {
        kind: "closed",
        time: output::timestamp(),
        peer,
        reason: Some(reason),
        messages: Some(messages),
    }
}

/// One message received (logged after its reply went out).
#[derive(Debug, Serialize)]
pub struct Message<'a> {
    time: String,
    peer: SocketAddr,
    bytes: usize,
    #[serde(flatten)]
    payload: Payload<'a>,
}

/// The `message` event.
pub fn message_event(peer: SocketAddr, data: &[u8]) -> Message<'_> {
    Message {
        time: output::timestamp(),
        peer,
        bytes: data.len(),
        payload: Payload(data),
    }
}

impl Render for Message<'_> {
    fn kind(&self) -> &str {
        "message"
    }
    fn human(&self, p: &Palette) -> String {
        format!(
            "{} {} said {} bytes: {}",
            p.dim(&self.time),
            p.name(&self.peer.to_string()),
            self.bytes,
            shown(self.payload.0)
        )
    }
}

impl Server {
    /// The bound address (with the real port when `:0` was asked for).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serve until `--count` messages or a stop, close every connection, print
    /// the summary.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<Code> {
        let started = Instant::now();
        let shared = Shared {
            args: self.args.clone(),
            ctx: ctx.clone(),
            done: Stop::new(),
            messages: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
            peers: AtomicU64::new(0),
            active: AtomicUsize::new(0),
            refused: AtomicU64::new(0),
            out_of_fds: AtomicBool::new(false),
        };
        self.listener.set_nonblocking(true)?;
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 4);
        // Every worker's epoll set exists before any serves: created inside
        // the threads, a late one could find the descriptors used up by then.
        let ready = (0..workers)
            .map(|i| Worker::new(&shared, &self.listener, i as u64))
            .collect::<std::io::Result<Vec<_>>>()?;
        let results = net::epoll::run_loops(ready, &shared.done, Worker::run);
        let count = self.args.count.unwrap_or(u64::MAX);
        ctx.out.emit(&ServerSummary {
            proto: "tcp",
            peers: shared.peers.load(Ordering::SeqCst),
            messages: shared.messages.load(Ordering::SeqCst).min(count),
            bytes: shared.bytes.load(Ordering::SeqCst),
            duration_s: started.elapsed().as_secs_f64(),
            dropped: None,
            duplicated: None,
            refused: Some(shared.refused.load(Ordering::SeqCst)),
        })?;
        for r in results {
            r.map_err(|e| anyhow::Error::new(e).context("serving TCP clients"))?;
        }
        Ok(Code::Ok)
    }
}
