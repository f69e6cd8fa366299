//! The TCP echo server: an accept loop and one thread per connection, bounded by
//! `--max-clients`.
//!
//! Why threads and not a poll loop: each connection's code stays a plain blocking
//! read → frame → reply loop (the seed's shape, easy to read), a slow or idle client
//! only ever blocks its own thread, and on loopback a blocking thread per
//! connection costs about what socat's process per connection does, which is close
//! to an epoll server (see docs/performance/echo.md). Threads have small stacks
//! (128 KiB) so 1,024 clients cost little memory; beyond `--max-clients` a client
//! is accepted and closed at once with a log line, so it learns instead of hanging
//! in the backlog. Every read waits at most `signal::POLL`, so a stop, `--count` or
//! `--idle-timeout` takes effect promptly; writes time out too (a peer that never
//! reads). Bad input (a frame over `--max-size`) closes that client only.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Serialize;

use super::ServeArgs;
use crate::cmd::echo_stats::{wait_readable, Rng, ServerSummary};
use crate::cmd::Ctx;
use crate::exit::Code;
use crate::net;
use crate::output::{self, escape, Palette, Payload, Render};
use crate::proto::framing::{self, Framing};
use crate::signal::{Stop, POLL};

/// A bound listener, ready to [`Server::run`].
pub struct Server {
    listener: TcpListener,
    addr: SocketAddr,
    args: ServeArgs,
}

/// Bind the listener with `--backlog` (port 0 works).
pub fn bind(args: &ServeArgs) -> anyhow::Result<Server> {
    let addr = net::listen_addr(&args.listen, net::DEFAULT_PORT)?;
    let listener = net::bind_tcp(addr, args.backlog)?;
    let addr = listener.local_addr()?;
    Ok(Server {
        listener,
        addr,
        args: args.clone(),
    })
}

/// State shared by the accept loop and the connection threads.
struct Shared {
    args: ServeArgs,
    ctx: Ctx,
    /// Set when `--count` is reached (the server's own stop, besides `ctx.stop`).
    done: Stop,
    messages: AtomicU64,
    bytes: AtomicU64,
    active: AtomicUsize,
    refused: AtomicU64,
}

impl Shared {
    fn stopping(&self) -> bool {
        self.done.is_stopped() || self.ctx.stop.is_stopped()
    }
}

/// Decrements the active count however the connection thread ends.
struct ActiveGuard(Arc<Shared>);
impl Drop for ActiveGuard {
    fn drop(&mut self) {
        self.0.active.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A client connected or was closed.
#[derive(Debug, Serialize)]
struct ConnEvent {
    #[serde(rename = "type")]
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
        match &self.reason {
            Some(r) => format!(
                "{} {} closed: {r}",
                p.dim(&self.time),
                p.name(&self.peer.to_string())
            ),
            None => format!(
                "{} {} connected",
                p.dim(&self.time),
                p.name(&self.peer.to_string())
            ),
        }
    }
}

/// One message received (logged after its reply went out).
#[derive(Debug, Serialize)]
struct Message<'a> {
    time: String,
    peer: SocketAddr,
    bytes: usize,
    #[serde(flatten)]
    payload: Payload<'a>,
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
            escape(self.payload.0)
        )
    }
}

impl Server {
    /// The bound address (with the real port when `:0` was asked for).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Accept and serve until `--count` messages or a stop, then close every
    /// connection (waiting up to 2 s for their threads) and print the summary.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<Code> {
        let started = Instant::now();
        let shared = Arc::new(Shared {
            args: self.args.clone(),
            ctx: ctx.clone(),
            done: Stop::new(),
            messages: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
            active: AtomicUsize::new(0),
            refused: AtomicU64::new(0),
        });
        let mut peers = 0u64;
        let fd = self.listener.as_raw_fd();
        // Non-blocking listener: after each wake-up, accept everything queued.
        self.listener.set_nonblocking(true)?;
        while !shared.stopping() {
            if !wait_readable(fd, POLL)? {
                continue;
            }
            loop {
                let (stream, peer) = match self.listener.accept() {
                    Ok(x) => x,
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                    Err(e) => {
                        accept_error(ctx, &e)?;
                        break;
                    }
                };
                peers += 1;
                self.admit(&shared, stream, peer, peers);
            }
        }
        let deadline = Instant::now() + Duration::from_secs(2);
        while shared.active.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        ctx.out.emit(&ServerSummary {
            proto: "tcp",
            peers,
            messages: shared
                .messages
                .load(Ordering::SeqCst)
                .min(self.args.count.unwrap_or(u64::MAX)),
            bytes: shared.bytes.load(Ordering::SeqCst),
            duration_s: started.elapsed().as_secs_f64(),
            dropped: None,
            duplicated: None,
            refused: Some(shared.refused.load(Ordering::SeqCst)),
        })?;
        Ok(Code::Ok)
    }

    /// Start a thread for the client, or close it when over `--max-clients`.
    fn admit(&self, shared: &Arc<Shared>, stream: TcpStream, peer: SocketAddr, n: u64) {
        let out = &shared.ctx.out;
        if shared.active.load(Ordering::SeqCst) as u64 >= self.args.max_clients {
            shared.refused.fetch_add(1, Ordering::SeqCst);
            let _ = out.emit(&closed(
                peer,
                format!("over --max-clients {}", self.args.max_clients),
                0,
            ));
            return;
        }
        shared.active.fetch_add(1, Ordering::SeqCst);
        let guard = ActiveGuard(shared.clone());
        let seed = self.args.seed.map(|s| s.wrapping_add(n));
        let spawned = std::thread::Builder::new()
            .name(format!("tcp-echo {peer}"))
            .stack_size(128 * 1024)
            .spawn(move || {
                let sh = guard.0.clone();
                connection(&sh, stream, peer, seed);
                drop(guard);
            });
        if let Err(e) = spawned {
            // The guard moved into the closure and was dropped with it.
            shared.refused.fetch_add(1, Ordering::SeqCst);
            let _ = out.emit(&closed(peer, format!("cannot start a thread: {e}"), 0));
        }
    }
}

fn closed(peer: SocketAddr, reason: String, messages: u64) -> ConnEvent {
    ConnEvent {
        kind: "closed",
        time: output::timestamp(),
        peer,
        reason: Some(reason),
        messages: Some(messages),
    }
}

/// Out of file descriptors is worth a warning and a pause; the rest is transient.
fn accept_error(ctx: &Ctx, e: &io::Error) -> anyhow::Result<()> {
    match e.raw_os_error() {
        Some(libc::EMFILE) | Some(libc::ENFILE) | Some(libc::ENOBUFS) | Some(libc::ENOMEM) => {
            ctx.out
                .warn(&format!("accepting a client: {e}; pausing 100 ms"))?;
            std::thread::sleep(POLL);
        }
        _ => {}
    }
    Ok(())
}

/// Why a connection ended: a normal end, or bad input / limits (always logged).
enum End {
    Normal(String),
    Bad(String),
}

/// One client, start to end.
fn connection(sh: &Shared, stream: TcpStream, peer: SocketAddr, seed: Option<u64>) {
    let out = &sh.ctx.out;
    if !out.quiet() {
        let _ = out.emit(&ConnEvent {
            kind: "connection",
            time: output::timestamp(),
            peer,
            reason: None,
            messages: None,
        });
    }
    let mut conn = Conn {
        sh,
        stream,
        peer,
        messages: 0,
        rng: seed.map(Rng::new).unwrap_or_else(Rng::from_clock),
    };
    let end = conn.serve().unwrap_or_else(|e| End::Normal(io_reason(&e)));
    let _ = conn.stream.shutdown(Shutdown::Both);
    let ev = |r: String| closed(peer, r, conn.messages);
    match end {
        End::Bad(r) => {
            sh.refused.fetch_add(1, Ordering::SeqCst);
            let _ = out.emit(&ev(r));
        }
        End::Normal(r) if !out.quiet() => {
            let _ = out.emit(&ev(r));
        }
        End::Normal(_) => {}
    }
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::ConnectionReset => "reset by peer".into(),
        io::ErrorKind::BrokenPipe => "peer went away".into(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => {
            "peer is not reading (write timed out)".into()
        }
        _ => format!("error: {e}"),
    }
}

struct Conn<'a> {
    sh: &'a Shared,
    stream: TcpStream,
    peer: SocketAddr,
    messages: u64,
    rng: Rng,
}

impl Conn<'_> {
    /// Read, frame, reply, until the peer closes, misbehaves, idles, or we stop.
    fn serve(&mut self) -> io::Result<End> {
        let a = &self.sh.args;
        let max = a.max_size as usize;
        self.stream.set_nonblocking(false)?;
        self.stream.set_nodelay(true)?;
        self.stream.set_read_timeout(Some(POLL))?;
        self.stream
            .set_write_timeout(Some(a.idle_timeout.max(Duration::from_secs(1))))?;
        let mut chunk = vec![
            0u8;
            if a.framing == Framing::Raw {
                max.min(1 << 20)
            } else {
                64 * 1024
            }
        ];
        let mut pending: Vec<u8> = Vec::new();
        let mut reply = Vec::new();
        let mut last = Instant::now();
        loop {
            let n = match self.stream.read(&mut chunk) {
                Ok(0) => return Ok(End::Normal("closed by peer".into())),
                Ok(n) => n,
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock
                            | io::ErrorKind::TimedOut
                            | io::ErrorKind::Interrupted
                    ) =>
                {
                    if self.sh.stopping() {
                        return Ok(End::Normal("server stopping".into()));
                    }
                    if last.elapsed() >= a.idle_timeout {
                        return Ok(End::Bad(format!(
                            "idle for {:?} (--idle-timeout)",
                            a.idle_timeout
                        )));
                    }
                    continue;
                }
                Err(e) => return Err(e),
            };
            last = Instant::now();
            if a.framing == Framing::Raw {
                if !self.message(&chunk[..n], &mut reply)? {
                    return Ok(End::Normal("--count reached".into()));
                }
                continue;
            }
            pending.extend_from_slice(&chunk[..n]);
            if let Some(end) = self.frames(&mut pending, &mut reply)? {
                return Ok(end);
            }
        }
    }

    /// Answer every whole frame in `pending`; Some(end) closes the connection.
    fn frames(&mut self, pending: &mut Vec<u8>, reply: &mut Vec<u8>) -> io::Result<Option<End>> {
        let (framing, max) = (self.sh.args.framing, self.sh.args.max_size as usize);
        let mut used = 0;
        let mut end = None;
        loop {
            match framing::decode(framing, &pending[used..], max) {
                Ok(Some(f)) => {
                    used += f.consumed;
                    if !self.message(f.payload, reply)? {
                        end = Some(End::Normal("--count reached".into()));
                        break;
                    }
                }
                Ok(None) => break,
                Err(e) => {
                    end = Some(End::Bad(e.to_string()));
                    break;
                }
            }
        }
        pending.drain(..used);
        Ok(end)
    }

    /// Count, reply to and log one message; false once `--count` is reached.
    fn message(&mut self, data: &[u8], reply: &mut Vec<u8>) -> io::Result<bool> {
        let sh = self.sh;
        let n = sh.messages.fetch_add(1, Ordering::SeqCst) + 1;
        if sh.args.count.is_some_and(|c| n > c) {
            return Ok(false);
        }
        self.messages += 1;
        sh.bytes.fetch_add(data.len() as u64, Ordering::Relaxed);
        if let Some(d) = &sh.args.delay {
            std::thread::sleep(d.sample(&mut self.rng));
        }
        let answer = sh.args.reply.as_deref().map(str::as_bytes).unwrap_or(data);
        if sh.args.framing == Framing::Raw {
            self.stream.write_all(answer)?;
        } else {
            reply.clear();
            framing::encode(sh.args.framing, answer, reply)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
            self.stream.write_all(reply)?;
        }
        if !sh.ctx.out.quiet() {
            let _ = sh.ctx.out.emit(&Message {
                time: output::timestamp(),
                peer: self.peer,
                bytes: data.len(),
                payload: Payload(data),
            });
        }
        if sh.args.count.is_some_and(|c| n >= c) {
            sh.done.stop();
            return Ok(false);
        }
        Ok(true)
    }
}
