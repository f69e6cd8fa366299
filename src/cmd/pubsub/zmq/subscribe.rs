//! The ZeroMQ subscriber: a SUB socket on one or more endpoints, prefix
//! subscriptions, messages printed in batches (each batch flushed at once), and
//! the stop rules: `--count`, the idle `--timeout`, Ctrl-C or a lab's stop. It
//! does not publish and does not filter beyond what libzmq's prefix match does.

use std::time::{Duration, Instant};

use super::events::{message_of, Message, SubSummary, Subscribe};
use super::link::Link;
use super::{handshake_limit, report_note};
use crate::cmd::pubsub::{split_target, SubArgs, Target};
use crate::cmd::Ctx;
use crate::exit::Kind;
use crate::exit::{self, Code};
use crate::output::{timestamp_rfc3339, Out};
use crate::signal::POLL;

/// Messages read in one go before printing them (one write, one flush).
const BATCH: usize = 256;
/// Messages libzmq queues for us before it stops reading the TCP socket (the
/// publisher then waits: nothing is dropped, see `ZMQ_XPUB_NODROP`).
const RCVHWM: i32 = 10_000;

/// A connected (or bound) subscriber, ready to [`run`](Subscriber::run).
pub struct Subscriber {
    link: Link,
    topics: Vec<Vec<u8>>,
    count: Option<u64>,
}

/// What the receive loop has seen.
#[derive(Debug)]
struct Tally {
    started: Instant,
    messages: u64,
    bytes: u64,
    /// When the first and the latest message arrived (the rate is over that span).
    first: Option<Instant>,
    latest: Option<Instant>,
}

impl Subscriber {
    /// Parse the URLs in `args`, connect/bind and subscribe (labs: then `run`).
    /// `timeout` (`--timeout`) also bounds each ZeroMQ handshake (see [`handshake_limit`]).
    pub fn open(args: &SubArgs, timeout: Option<Duration>) -> anyhow::Result<Subscriber> {
        let target = split_target(&args.args)?;
        Subscriber::with_target(args, &target, timeout)
    }

    /// Connect (default) or bind a SUB socket on the target's endpoints.
    pub fn with_target(
        args: &SubArgs,
        target: &Target,
        timeout: Option<Duration>,
    ) -> anyhow::Result<Subscriber> {
        if args.pattern {
            return Err(
                exit::usage("--pattern is for Redis; ZeroMQ topics are prefixes already").into(),
            );
        }
        if args.max_size == 0 {
            return Err(exit::usage("--max-size must be at least 1 byte").into());
        }
        let mut topics: Vec<Vec<u8>> = target.rest.iter().map(|t| t.as_bytes().to_vec()).collect();
        if topics.is_empty() {
            topics.push(Vec::new()); // b'': everything
        }
        let link = Link::open(
            zmq::SUB,
            &target.urls,
            args.bind,
            handshake_limit(timeout),
            |s| {
                s.set_linger(0)?;
                s.set_rcvhwm(RCVHWM)?;
                s.set_maxmsgsize(args.max_size.min(i64::MAX as usize) as i64)?;
                for t in &topics {
                    s.set_subscribe(t)?;
                }
                Ok(())
            },
        )?;
        Ok(Subscriber {
            link,
            topics,
            count: args.count,
        })
    }

    /// The endpoints connected or bound (real ports after port 0).
    pub fn endpoints(&self) -> &[String] {
        &self.link.endpoints
    }

    /// The first bound TCP address (with `--bind`).
    pub fn local_addr(&self) -> Option<std::net::SocketAddr> {
        self.link.local_addr()
    }

    /// The `listening`/`connecting` lines, then one `subscribe` per prefix.
    pub fn announce(&self, out: &Out) -> anyhow::Result<()> {
        super::announce(&self.link, "SUB", out)?;
        for (i, t) in self.topics.iter().enumerate() {
            out.emit(&Subscribe {
                time: timestamp_rfc3339(),
                pattern: None,
                channel: String::from_utf8_lossy(t).into_owned(),
                data: i + 1,
            })?;
        }
        Ok(())
    }

    /// Receive until `--count`, the idle timeout (`ctx.timeout`), or a stop.
    pub fn run(mut self, ctx: &Ctx) -> anyhow::Result<Code> {
        let mut last = Instant::now();
        let mut tally = Tally {
            started: Instant::now(),
            messages: 0,
            bytes: 0,
            first: None,
            latest: None,
        };
        let mut batch: Vec<Vec<zmq::Message>> = Vec::with_capacity(BATCH);
        loop {
            if ctx.stop.is_stopped() || self.count.is_some_and(|n| tally.messages >= n) {
                break;
            }
            let mut wait = POLL;
            if let Some(idle) = ctx.timeout {
                let left = idle.saturating_sub(last.elapsed());
                if left.is_zero() {
                    return self.idle_out(ctx, &tally, idle);
                }
                wait = wait.min(left);
            }
            self.poll(wait)?;
            self.handle_notes(ctx)?;
            let room = self.count.map_or(BATCH as u64, |n| n - tally.messages);
            self.recv_batch(&mut batch, room.min(BATCH as u64) as usize)?;
            if batch.is_empty() {
                continue;
            }
            if self.link.peers.handshakes == 0 {
                self.handle_notes(ctx)?;
                if self.link.peers.handshakes == 0 {
                    let f = exit::network(Kind::Protocol, "received data from a peer that never did the ZeroMQ 3 handshake: not a ZeroMQ peer (or an ancient libzmq 2)")
                        .hint("check the endpoint: it should be a ZeroMQ PUB/XPUB socket");
                    return Err(f.into());
                }
            }
            last = Instant::now();
            self.show(ctx, &batch, &mut tally)?;
            batch.clear();
        }
        self.summary(ctx, &tally)?;
        Ok(Code::Ok)
    }

    fn poll(&self, d: Duration) -> anyhow::Result<()> {
        let mut items = [
            self.link.socket.as_poll_item(zmq::POLLIN),
            self.link.monitor().as_poll_item(zmq::POLLIN),
        ];
        match zmq::poll(&mut items, d.as_millis().max(1) as i64) {
            Ok(_) | Err(zmq::Error::EINTR) => Ok(()),
            Err(e) => Err(anyhow::Error::new(e).context("polling the ZeroMQ socket")),
        }
    }

    /// Read up to `max` whole messages without blocking.
    fn recv_batch(&self, batch: &mut Vec<Vec<zmq::Message>>, max: usize) -> anyhow::Result<()> {
        let s = &self.link.socket;
        while batch.len() < max {
            let first = match s.recv_msg(zmq::DONTWAIT) {
                Ok(m) => m,
                Err(zmq::Error::EAGAIN) | Err(zmq::Error::EINTR) => break,
                Err(e) => return Err(anyhow::Error::new(e).context("receiving a ZeroMQ message")),
            };
            let mut more = first.get_more();
            let mut frames = vec![first];
            while more {
                // The rest of a multipart message is already here (atomic delivery).
                let m = s
                    .recv_msg(0)
                    .map_err(|e| anyhow::Error::new(e).context("receiving a ZeroMQ frame"))?;
                more = m.get_more();
                frames.push(m);
            }
            batch.push(frames);
        }
        Ok(())
    }

    fn show(
        &self,
        ctx: &Ctx,
        batch: &[Vec<zmq::Message>],
        tally: &mut Tally,
    ) -> anyhow::Result<()> {
        let now = Instant::now();
        tally.first.get_or_insert(now);
        tally.latest = Some(now);
        for frames in batch {
            tally.messages += 1;
            let skip = usize::from(frames.len() > 1);
            tally.bytes += frames[skip..].iter().map(|m| m.len() as u64).sum::<u64>();
        }
        if !ctx.out.quiet() {
            let time = timestamp_rfc3339();
            let evs: Vec<Message> = batch.iter().map(|f| message_of(&time, f)).collect();
            ctx.out.emit_all(&evs)?;
        }
        Ok(())
    }

    /// Peer events; on a connect endpoint, a peer that is not ZeroMQ is fatal.
    fn handle_notes(&mut self, ctx: &Ctx) -> anyhow::Result<()> {
        for note in self.link.drain_monitor() {
            report_note(
                &self.link,
                ctx,
                &note,
                "publisher",
                "a ZeroMQ PUB (or XPUB)",
            )?;
        }
        Ok(())
    }

    /// The idle timeout passed: exit 1 unless messages came and no `--count` was missed.
    fn idle_out(&self, ctx: &Ctx, tally: &Tally, idle: Duration) -> anyhow::Result<Code> {
        if tally.messages == 0 {
            let trouble = self
                .link
                .peers
                .last_trouble
                .as_ref()
                .map(|t| format!(" ({t})"))
                .unwrap_or_default();
            let f = exit::negative(Kind::Timeout, format!("no message within {idle:?} on {}{trouble}", self.link.endpoints.join(", ")))
                .hint("is the publisher running and publishing to these topics? ZeroMQ drops what is published before the subscriber joins");
            return Err(f.into());
        }
        self.summary(ctx, tally)?;
        match self.count {
            Some(n) if tally.messages < n => {
                ctx.out.warn(&format!(
                    "only {} of {n} messages before the idle timeout ({idle:?})",
                    tally.messages
                ))?;
                Ok(Code::Negative)
            }
            _ => Ok(Code::Ok),
        }
    }

    fn summary(&self, ctx: &Ctx, tally: &Tally) -> anyhow::Result<()> {
        let seconds = match (tally.first, tally.latest) {
            (Some(a), Some(b)) => (b - a).as_secs_f64(),
            _ => 0.0,
        };
        ctx.out.emit(&SubSummary {
            messages: tally.messages,
            bytes: tally.bytes,
            elapsed_s: (tally.started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
            rate: (seconds >= 0.001).then(|| (tally.messages as f64 / seconds).round()),
        })
    }
}
