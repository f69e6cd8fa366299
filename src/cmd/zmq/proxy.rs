//! `netkit zmq proxy FRONTEND BACKEND`: the zguide's shared queue. By default a
//! ROUTER binds FRONTEND (REQ clients connect) and a DEALER binds BACKEND (REP
//! workers connect): requests are fair-queued from clients and load-balanced
//! over workers, replies find their way back by the identity frames ROUTER
//! adds. With `--pubsub` it is the XSUB↔XPUB forwarder (publishers connect to
//! FRONTEND, subscribers to BACKEND, subscriptions flow upstream).
//!
//! It is our own loop rather than `zmq_proxy`, so it can count each direction,
//! show traffic (`--capture`, one event per message) and stop on Ctrl-C with a
//! summary. It only reads a side when the other side can take a message, so a
//! full or workerless backend holds messages in the queue instead of dropping.

use std::time::Instant;

use clap::Args as ClapArgs;
use serde::Serialize;

use super::events::{payloads, show_frames};
use super::sock::{Opts, Sock};
use super::split_args;
use crate::cmd::Ctx;
use crate::exit::{self, Code};
use crate::output::{Palette, Payload, Render};
use crate::signal::POLL;

/// Messages forwarded in one go before polling again.
const BURST: usize = 1024;

/// `netkit zmq proxy FRONTEND BACKEND`
#[derive(Debug, Clone, ClapArgs)]
pub struct ProxyArgs {
    /// FRONTEND BACKEND: the two endpoints to bind (clients/publishers connect to the first)
    #[arg(value_name = "ENDPOINT", num_args = 2, required = true)]
    pub endpoints: Vec<String>,

    /// Connect both sides instead of binding them
    #[arg(long)]
    pub connect: bool,

    /// Largest message forwarded (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE on both sides)
    #[arg(long, value_name = "SIZE", default_value_t = super::DEFAULT_MAX_SIZE, value_parser = crate::value::parse_size)]
    pub max_size: usize,

    /// High-water mark per peer on both sides (ZMQ_SNDHWM/RCVHWM)
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub hwm: i32,

    /// An XSUB↔XPUB forwarder for pub/sub instead of the ROUTER↔DEALER queue
    #[arg(long)]
    pub pubsub: bool,

    /// Print every message forwarded as an event (direction and frames)
    #[arg(long)]
    pub capture: bool,
}

/// One message forwarded (with --capture).
#[derive(Debug, Serialize)]
struct Forward<'a> {
    direction: &'static str,
    frames: Vec<Payload<'a>>,
}

impl Render for Forward<'_> {
    fn kind(&self) -> &str {
        "forward"
    }
    fn human(&self, p: &Palette) -> String {
        let frames: Vec<&[u8]> = self.frames.iter().map(|f| f.0).collect();
        format!("{} {}", p.dim(self.direction), show_frames(&frames))
    }
}

/// Counts per direction, printed at the end.
#[derive(Debug, Default, Serialize)]
struct ProxySummary {
    mode: &'static str,
    frontend_to_backend: u64,
    backend_to_frontend: u64,
    bytes_frontend_to_backend: u64,
    bytes_backend_to_frontend: u64,
    elapsed_s: f64,
}

impl Render for ProxySummary {
    fn kind(&self) -> &str {
        "summary"
    }
    fn human(&self, p: &Palette) -> String {
        format!(
            "proxy ({}) forwarded {} frontend→backend ({} bytes), {} backend→frontend ({} bytes) in {:.3}s",
            self.mode,
            p.value(&self.frontend_to_backend.to_string()),
            self.bytes_frontend_to_backend,
            p.value(&self.backend_to_frontend.to_string()),
            self.bytes_backend_to_frontend,
            self.elapsed_s
        )
    }
}

pub fn run(a: &ProxyArgs, ctx: &Ctx) -> anyhow::Result<Code> {
    if a.max_size == 0 || a.hwm < 0 {
        return Err(exit::usage("--max-size must be at least 1 and --hwm at least 0").into());
    }
    let split = split_args(&a.endpoints)?;
    if split.urls.len() != 2 || !split.messages.is_empty() {
        return Err(exit::usage(
            "proxy takes exactly two endpoints: FRONTEND BACKEND (e.g. tcp://127.0.0.1:5559 tcp://127.0.0.1:5560)",
        )
        .into());
    }
    let (fk, bk, mode) = if a.pubsub {
        (zmq::XSUB, zmq::XPUB, "xsub-xpub")
    } else {
        (zmq::ROUTER, zmq::DEALER, "router-dealer")
    };
    // Bound like zguide's broker unless --connect says otherwise.
    let bind = !a.connect;
    let o = Opts {
        max_size: a.max_size,
        hwm: a.hwm,
        identity: None,
        timeout: ctx.timeout,
    };
    let mut front = Sock::open(fk, &split.urls[..1], bind, &o, |_| Ok(()))?;
    let mut back = Sock::open(bk, &split.urls[1..], bind, &o, |_| Ok(()))?;
    front.announce(ctx)?;
    back.announce(ctx)?;
    let mut sum = ProxySummary {
        mode,
        ..ProxySummary::default()
    };
    let started = Instant::now();
    while !ctx.stop.is_stopped() {
        let front_in = writable(&back) as i16 * zmq::POLLIN.bits();
        let back_in = writable(&front) as i16 * zmq::POLLIN.bits();
        let mut items = [
            front
                .link
                .socket
                .as_poll_item(zmq::PollEvents::from_bits_truncate(front_in)),
            back.link
                .socket
                .as_poll_item(zmq::PollEvents::from_bits_truncate(back_in)),
            front.link.monitor().as_poll_item(zmq::POLLIN),
            back.link.monitor().as_poll_item(zmq::POLLIN),
        ];
        match zmq::poll(&mut items, POLL.as_millis() as i64) {
            Ok(_) | Err(zmq::Error::EINTR) => {}
            Err(e) => return Err(anyhow::Error::new(e).context("polling the proxy sockets")),
        }
        let (fr, br) = (items[0].is_readable(), items[1].is_readable());
        let (fm, bm) = (items[2].is_readable(), items[3].is_readable());
        if fm {
            front.notes(ctx)?;
        }
        if bm {
            back.notes(ctx)?;
        }
        if fr {
            let (n, b) = forward(&front, &back, "frontend→backend", a.capture, ctx)?;
            sum.frontend_to_backend += n;
            sum.bytes_frontend_to_backend += b;
        }
        if br {
            let (n, b) = forward(&back, &front, "backend→frontend", a.capture, ctx)?;
            sum.backend_to_frontend += n;
            sum.bytes_backend_to_frontend += b;
        }
    }
    sum.elapsed_s = (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0;
    ctx.out.emit(&sum)?;
    Ok(Code::Ok)
}

/// Can `s` take a message now (a peer is there and under its HWM)?
fn writable(s: &Sock) -> bool {
    s.link
        .socket
        .get_events()
        .map(|e| e.contains(zmq::POLLOUT))
        .unwrap_or(false)
}

/// Move up to [`BURST`] whole messages from `from` to `to`.
fn forward(
    from: &Sock,
    to: &Sock,
    direction: &'static str,
    capture: bool,
    ctx: &Ctx,
) -> anyhow::Result<(u64, u64)> {
    let (mut n, mut bytes) = (0u64, 0u64);
    let mut frames: Vec<zmq::Message> = Vec::new();
    while (n as usize) < BURST && writable(to) {
        frames.clear();
        match from.link.socket.recv_msg(zmq::DONTWAIT) {
            Ok(m) => frames.push(m),
            Err(zmq::Error::EAGAIN) | Err(zmq::Error::EINTR) => break,
            Err(e) => return Err(anyhow::Error::new(e).context("receiving in the proxy")),
        }
        while frames.last().is_some_and(|m| m.get_more()) {
            let m = from
                .link
                .socket
                .recv_msg(0)
                .map_err(|e| anyhow::Error::new(e).context("receiving in the proxy"))?;
            frames.push(m);
        }
        if capture && !ctx.out.quiet() {
            ctx.out.emit(&Forward {
                direction,
                frames: payloads(&frames),
            })?;
        }
        bytes += frames.iter().map(|f| f.len() as u64).sum::<u64>();
        let last = frames.len() - 1;
        for (i, m) in frames.drain(..).enumerate() {
            let flags = if i < last { zmq::SNDMORE } else { 0 };
            match to.link.socket.send(m, flags) {
                Ok(()) => {}
                // A ROUTER reply to a client that left: dropped, as zmq_proxy does.
                Err(zmq::Error::EHOSTUNREACH) => break,
                Err(e) => return Err(anyhow::Error::new(e).context("sending in the proxy")),
            }
        }
        n += 1;
    }
    Ok((n, bytes))
}
