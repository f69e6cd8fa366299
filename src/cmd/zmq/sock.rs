//! One ZeroMQ socket for `netkit zmq`: opened through `pubsub::zmq::link` with
//! every limit set (linger 0, high-water marks, `ZMQ_MAXMSGSIZE`, the handshake
//! bound), and the two waits every type needs: receive one whole message and send
//! one, each bounded by a deadline and by `Stop` (checked every 100 ms), with the
//! socket monitor drained on the way so peers joining, leaving or failing the
//! handshake are reported. It does not decide what to send or print.

use std::time::{Duration, Instant};

use super::SockArgs;
use crate::cmd::pubsub::zmq::link::{Link, Note};
use crate::cmd::pubsub::zmq::{announce, handshake_limit, report_note};
use crate::cmd::Ctx;
use crate::exit;
use crate::exit::Kind;
use crate::net::Url;
use crate::signal::POLL;

/// A socket and what its reports say about peers.
pub struct Sock {
    pub link: Link,
    /// The socket type's name (REQ, PULL...), for `listening on zmq-req` lines.
    pub name: &'static str,
    /// What a peer is to us, in peer lines ("worker", "client"...).
    pub peer_role: &'static str,
    /// What the peer should be, for the hint when a handshake fails.
    pub wanted: &'static str,
    /// A peer left during the current wait (a message over --max-size also closes it).
    pub dropped: bool,
    /// The `ZMQ_RCVTIMEO` set now (one poll slice), to set it only when it changes.
    rcvtimeo: Option<Duration>,
    /// When the monitor was last drained.
    notes_at: Instant,
}

/// The outcome of a bounded wait.
pub enum Got<T> {
    Done(T),
    Stopped,
    TimedOut,
}

/// Socket options from the shared flags.
pub struct Opts<'a> {
    pub max_size: usize,
    pub hwm: i32,
    pub identity: Option<&'a str>,
    pub timeout: Option<Duration>,
}

impl<'a> Opts<'a> {
    pub fn from_args(a: &'a SockArgs, timeout: Option<Duration>) -> Opts<'a> {
        Opts {
            max_size: a.max_size,
            hwm: a.hwm,
            identity: a.identity.as_deref(),
            timeout,
        }
    }
}

impl Sock {
    /// Open a socket of `kind` on `urls`, and set `extra` options.
    pub fn open(
        kind: zmq::SocketType,
        urls: &[Url],
        bind: bool,
        o: &Opts,
        extra: impl FnOnce(&zmq::Socket) -> zmq::Result<()>,
    ) -> anyhow::Result<Sock> {
        let link = Link::open(kind, urls, bind, handshake_limit(o.timeout), |s| {
            s.set_linger(0)?;
            s.set_sndhwm(o.hwm)?;
            s.set_rcvhwm(o.hwm)?;
            s.set_maxmsgsize(o.max_size.min(i64::MAX as usize) as i64)?;
            if let Some(id) = o.identity {
                s.set_identity(id.as_bytes())?;
            }
            extra(s)
        })?;
        let (name, peer_role, wanted) = names(kind);
        Ok(Sock {
            link,
            name,
            peer_role,
            wanted,
            dropped: false,
            rcvtimeo: None,
            notes_at: Instant::now(),
        })
    }

    /// Print the `listening`/`connecting` lines.
    pub fn announce(&self, ctx: &Ctx) -> anyhow::Result<()> {
        announce(&self.link, self.name, &ctx.out)
    }

    /// Report pending monitor events; a bad peer on a connecting socket is an error.
    pub fn notes(&mut self, ctx: &Ctx) -> anyhow::Result<()> {
        for note in self.link.drain_monitor() {
            if matches!(note, Note::Left { .. }) {
                self.dropped = true;
            }
            report_note(&self.link, ctx, &note, self.peer_role, self.wanted)?;
        }
        Ok(())
    }

    /// Wait up to `d` (at most one poll slice) for `events` on the socket or the monitor.
    fn poll(&mut self, ctx: &Ctx, events: zmq::PollEvents, d: Duration) -> anyhow::Result<()> {
        let mut items = [
            self.link.socket.as_poll_item(events),
            self.link.monitor().as_poll_item(zmq::POLLIN),
        ];
        match zmq::poll(&mut items, d.as_millis().clamp(1, POLL.as_millis()) as i64) {
            Ok(_) | Err(zmq::Error::EINTR) => {}
            Err(e) => return Err(anyhow::Error::new(e).context("polling a ZeroMQ socket")),
        }
        if items[1].is_readable() {
            self.notes(ctx)?;
        }
        Ok(())
    }

    /// Wait until `n` peers have completed the handshake; false if stopped.
    pub fn wait_peers(&mut self, ctx: &Ctx, n: usize, limit: Duration) -> anyhow::Result<bool> {
        let start = Instant::now();
        while (self.link.peers.handshakes as usize) < n {
            if ctx.stop.is_stopped() {
                return Ok(false);
            }
            let left = limit.saturating_sub(start.elapsed());
            if left.is_zero() {
                let f = exit::network(
                    Kind::Timeout,
                    format!(
                        "only {} of {n} peers connected to {} within {limit:?}",
                        self.link.peers.handshakes,
                        self.link.endpoints.join(", ")
                    ),
                );
                return Err(f.into());
            }
            self.poll(ctx, zmq::PollEvents::empty(), left)?;
        }
        Ok(true)
    }

    /// Receive one whole message (every frame), waiting up to `limit` (None: no limit).
    pub fn recv(
        &mut self,
        ctx: &Ctx,
        limit: Option<Duration>,
    ) -> anyhow::Result<Got<Vec<zmq::Message>>> {
        let deadline = limit.map(|l| Instant::now() + l);
        let mut first = true;
        loop {
            if ctx.stop.is_stopped() {
                return Ok(Got::Stopped);
            }
            // Peer reports between messages too, at most every slice.
            if self.notes_at.elapsed() >= POLL {
                self.drain(ctx)?;
            }
            let left = match deadline {
                Some(d) => d.saturating_duration_since(Instant::now()),
                None => POLL,
            };
            if left.is_zero() {
                if first {
                    match self.link.socket.recv_msg(zmq::DONTWAIT) {
                        Ok(m) => return Ok(Got::Done(self.rest_of(m)?)),
                        Err(zmq::Error::EAGAIN) | Err(zmq::Error::EINTR) => {}
                        Err(e) => return Err(recv_error(e)),
                    }
                }
                return Ok(Got::TimedOut);
            }
            first = false;
            // Block inside libzmq for one slice, as a C client's zmq_recv does: one
            // wake-up per message (zmq_poll, or a DONTWAIT try first, costs syscalls).
            let slice = left.min(POLL).max(Duration::from_millis(1));
            if self.rcvtimeo != Some(slice) {
                let ms = slice.as_millis() as i32;
                self.link
                    .socket
                    .set_rcvtimeo(ms)
                    .map_err(|e| anyhow::Error::new(e).context("setting ZMQ_RCVTIMEO"))?;
                self.rcvtimeo = Some(slice);
            }
            match self.link.socket.recv_msg(0) {
                Ok(m) => return Ok(Got::Done(self.rest_of(m)?)),
                Err(zmq::Error::EAGAIN) | Err(zmq::Error::EINTR) => self.drain(ctx)?,
                Err(e) => return Err(recv_error(e)),
            }
        }
    }

    fn drain(&mut self, ctx: &Ctx) -> anyhow::Result<()> {
        self.notes_at = Instant::now();
        self.notes(ctx)
    }

    fn rest_of(&self, first: zmq::Message) -> anyhow::Result<Vec<zmq::Message>> {
        let mut more = first.get_more();
        let mut frames = vec![first];
        while more {
            // The rest of a multipart message is already here (atomic delivery).
            let m = self.link.socket.recv_msg(0).map_err(recv_error)?;
            more = m.get_more();
            frames.push(m);
        }
        Ok(frames)
    }

    /// Send one message, waiting up to `limit` while the high-water mark or the
    /// lack of any peer blocks it. `waiting` is said once if it blocks a second.
    pub fn send(
        &mut self,
        ctx: &Ctx,
        frames: &[&[u8]],
        limit: Duration,
        waiting: &str,
    ) -> anyhow::Result<Got<()>> {
        let start = Instant::now();
        let mut said = false;
        loop {
            match self.try_send(frames) {
                Ok(true) => return Ok(Got::Done(())),
                Ok(false) => {}
                Err(e) => return Err(e),
            }
            if ctx.stop.is_stopped() {
                return Ok(Got::Stopped);
            }
            let elapsed = start.elapsed();
            if elapsed >= limit {
                return Ok(Got::TimedOut);
            }
            if !said && elapsed >= Duration::from_secs(1) && !waiting.is_empty() {
                ctx.out.warn(waiting)?;
                said = true;
            }
            self.poll(ctx, zmq::POLLOUT, limit - elapsed)?;
        }
    }

    /// One non-blocking send of every frame; Ok(false) when it would block.
    /// Frames after the first never block: libzmq queues a message atomically.
    pub fn try_send(&self, frames: &[&[u8]]) -> anyhow::Result<bool> {
        let s = &self.link.socket;
        let last = frames.len().saturating_sub(1);
        for (i, f) in frames.iter().enumerate() {
            let flags = if i < last { zmq::SNDMORE } else { 0 };
            let flags = if i == 0 { flags | zmq::DONTWAIT } else { flags };
            match s.send(*f, flags) {
                Ok(()) => {}
                Err(zmq::Error::EAGAIN) if i == 0 => return Ok(false),
                Err(zmq::Error::EHOSTUNREACH) => {
                    let f = exit::network(
                        Kind::Unreachable,
                        format!(
                            "no connected peer has the routing identity {}",
                            crate::output::escape(frames[0])
                        ),
                    )
                    .hint("--router-mandatory refuses unknown identities; check the peer's --identity");
                    return Err(f.into());
                }
                Err(e) => {
                    return Err(anyhow::Error::new(e).context("sending a ZeroMQ message"));
                }
            }
        }
        Ok(true)
    }
}

fn recv_error(e: zmq::Error) -> anyhow::Error {
    anyhow::Error::new(e).context("receiving a ZeroMQ message")
}

/// The type's name, what its peers are called, and what a peer should be.
fn names(kind: zmq::SocketType) -> (&'static str, &'static str, &'static str) {
    match kind {
        zmq::REQ => ("REQ", "server", "a ZeroMQ REP (or ROUTER)"),
        zmq::REP => ("REP", "client", "a ZeroMQ REQ (or DEALER)"),
        zmq::PUSH => ("PUSH", "worker", "a ZeroMQ PULL"),
        zmq::PULL => ("PULL", "producer", "a ZeroMQ PUSH"),
        zmq::DEALER => ("DEALER", "peer", "a ZeroMQ ROUTER, REP or DEALER"),
        zmq::ROUTER => ("ROUTER", "peer", "a ZeroMQ REQ, DEALER or ROUTER"),
        zmq::PAIR => ("PAIR", "peer", "a ZeroMQ PAIR"),
        zmq::XSUB => ("XSUB", "publisher", "a ZeroMQ PUB"),
        zmq::XPUB => ("XPUB", "subscriber", "a ZeroMQ SUB"),
        _ => ("ZMQ", "peer", "a matching ZeroMQ socket"),
    }
}

/// The frames of one message to send: the arguments themselves with `--frames`,
/// else each message split at `--separator` (or whole).
pub fn frames_of(text: &str, separator: Option<&str>) -> Vec<Vec<u8>> {
    match separator {
        Some(sep) => text.split(sep).map(|f| f.as_bytes().to_vec()).collect(),
        None => vec![text.as_bytes().to_vec()],
    }
}

/// A message with `{n}` replaced by its sequence number.
pub fn numbered(template: &str, n: u64) -> String {
    if template.contains("{n}") {
        template.replace("{n}", &n.to_string())
    } else {
        template.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_and_numbers() {
        assert_eq!(
            frames_of("a|b", Some("|")),
            vec![b"a".to_vec(), b"b".to_vec()]
        );
        assert_eq!(frames_of("a|b", None), vec![b"a|b".to_vec()]);
        assert_eq!(numbered("message #{n}", 3), "message #3");
        assert_eq!(numbered("plain", 3), "plain");
    }
}
