//! The TCP echo server: `bind` (the listener, with `--backlog`), and `run`,
//! which serves it on the connection engine (`net::serve`, one worker per
//! core, the protocol in `protocol`) and prints the summary when it stops
//! (`--count`, Ctrl-C, or a lab's stop token). This module holds the shared
//! counters and the log events.
//!
//! Why an event loop and not a thread per connection: a first version had one
//! blocking thread per connection — the seed's shape, and about as fast as
//! socat's process per connection on a quiet machine. But with 256 busy
//! connections on a loaded 2-core machine, hundreds of runnable threads made the
//! scheduler leave some of them waiting for up to a second, and clients timed out;
//! a few event-loop threads do not have that failure. Limits: `--max-clients`
//! (over it, a client is accepted and closed at once with a log line, instead of
//! hanging in the backlog), `--idle-timeout`, `--max-size` (a bigger frame closes
//! that client only), `--max-buffered` (partial messages of all clients).

use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use serde::Serialize;

use super::protocol::Echo;
use super::ServeArgs;
use crate::cmd::echo_stats::{shown, ServerSummary};
use crate::cmd::Ctx;
use crate::exit::Code;
use crate::net;
use crate::net::serve::{self, Config};
use crate::net::tls::ServerTls;
use crate::output::{self, Palette, Payload, Render};
use crate::proto::framing::Framing;

/// A bound listener, ready to [`Server::run`].
pub struct Server {
    listener: TcpListener,
    addr: SocketAddr,
    args: ServeArgs,
    tls: Option<ServerTls>,
}

/// Bind the listener with `--backlog` (port 0 works).
pub fn bind(args: &ServeArgs) -> anyhow::Result<Server> {
    if args.idle_timeout.is_zero() {
        return Err(crate::exit::usage(
            "--idle-timeout 0 would close every client at once (give a duration such as 60s)",
        )
        .into());
    }
    let tls = ServerTls::from_args(&args.tls_args, &[])?;
    let addr = net::listen_addr(&args.listen, net::DEFAULT_PORT)?;
    let listener = net::bind_tcp(addr, args.backlog)?;
    let addr = listener.local_addr()?;
    Ok(Server {
        listener,
        addr,
        args: args.clone(),
        tls,
    })
}

/// Counters and settings the workers' protocols share.
pub struct Shared {
    pub args: ServeArgs,
    pub ctx: Ctx,
    pub messages: AtomicU64,
    pub bytes: AtomicU64,
    pub peers: AtomicU64,
    pub refused: AtomicU64,
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

/// The `message` event, for a message received at `at`.
pub fn message_event(at: std::time::SystemTime, peer: SocketAddr, data: &[u8]) -> Message<'_> {
    Message {
        time: chrono::DateTime::<chrono::Local>::from(at)
            .format("%Y-%m-%d %H:%M:%S%.6f")
            .to_string(),
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

    /// The TLS it serves (`--tls-cert`), for the startup line.
    pub fn tls(&self) -> Option<&ServerTls> {
        self.tls.as_ref()
    }

    /// Serve until `--count` messages or a stop, close every connection, print
    /// the summary.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<Code> {
        let started = Instant::now();
        let shared = Shared {
            args: self.args.clone(),
            ctx: ctx.clone(),
            messages: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
            peers: AtomicU64::new(0),
            refused: AtomicU64::new(0),
        };
        let a = &self.args;
        let slack = match a.framing {
            Framing::Raw => 0,
            Framing::Line => 1,
            Framing::Length => crate::proto::framing::HEADER,
        };
        // The global --timeout, when given, is the idle timeout (as for rpc-serve).
        let idle = (ctx.timeout)
            .filter(|t| !t.is_zero())
            .unwrap_or(a.idle_timeout);
        let cfg = Config {
            workers: Config::default_workers(),
            max_clients: a.max_clients as usize,
            idle: Some(idle),
            stall: Some(idle),
            request: None,
            max_buffered: a.max_buffered,
            max_input: a.max_size as usize + slack,
            read_pause: 0,
            tls: self.tls.as_ref().map(|t| t.config.clone()),
        };
        let result = serve::run(&self.listener, cfg, &ctx.out, &ctx.stop, |i| {
            Echo::new(&shared, i)
        });
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
        result.map_err(|e| anyhow::Error::new(e).context("serving TCP clients"))?;
        Ok(Code::Ok)
    }
}
