//! The ZeroMQ publisher: an XPUB socket (a PUB that also hands us the
//! subscriptions), the slow-joiner guard, and `[topic, payload]` sends that block
//! rather than drop. It does not receive messages and does not retry binds.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use anyhow::Context as _;

use super::events::{PubSummary, Subscription, Waiting};
use super::link::{set_nodrop, Link};
use super::wire::{self, Subscription as Sub};
use super::{handshake_limit, ms_i32, report_note, PUB_TIMEOUT};
use crate::cmd::pubsub::{split_target, PubArgs, Target};
use crate::cmd::Ctx;
use crate::exit::Kind;
use crate::exit::{self, Code};
use crate::output::Out;
use crate::signal::POLL;

/// Messages queued per subscriber before a send blocks (`ZMQ_SNDHWM`); with
/// `ZMQ_XPUB_NODROP` a full queue means "wait", never "drop".
const SNDHWM: i32 = 10_000;
/// During a stream, read subscriptions and peer events every this many sends.
const PUMP_EVERY: u64 = 1024;
/// How long queued messages may take to leave after a stop (Ctrl-C).
const STOPPED_LINGER: Duration = Duration::from_secs(2);

/// What to wait for before the first message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitPlan {
    /// Subscribers to wait for (0: none).
    pub subscribers: usize,
    /// Then sleep this long (the seed's `sleep(1)`).
    pub delay: Option<Duration>,
}

/// `--wait-subscribers N` (default 1), `--delay D` (alone: no waiting for
/// subscribers), `--no-wait` (neither).
pub fn wait_plan(args: &PubArgs) -> WaitPlan {
    if args.no_wait {
        return WaitPlan {
            subscribers: 0,
            delay: None,
        };
    }
    let subscribers = match (args.wait_subscribers, args.delay) {
        (Some(n), _) => n,
        (None, Some(_)) => 0,
        (None, None) => 1,
    };
    WaitPlan {
        subscribers,
        delay: args.delay,
    }
}

/// A bound (or connected) publisher, ready to [`run`](Publisher::run).
pub struct Publisher {
    link: Link,
    pub(super) topic: Vec<u8>,
    /// Messages from the command line; empty means one per stdin line.
    pub(super) messages: Vec<String>,
    pub(super) count: u64,
    pub(super) interval: Option<Duration>,
    /// `--max-size`: the longest stdin line.
    max_line: usize,
    plan: WaitPlan,
    /// Prefixes some subscriber holds (XPUB tells us; `\x00` when the last one goes).
    topics: HashSet<Vec<u8>>,
    subscriptions_seen: usize,
    warned_nobody: bool,
    warned_topic: bool,
    unmatched: u64,
    sends: u64,
}

impl Publisher {
    /// Parse the URLs in `args` and bind/connect (labs: then `run`).
    /// `timeout` is `--timeout` (it bounds each ZeroMQ handshake too).
    pub fn open(args: &PubArgs, timeout: Option<Duration>) -> anyhow::Result<Publisher> {
        let target = split_target(&args.args)?;
        Publisher::with_target(args, &target, timeout)
    }

    /// Bind (default) or connect an XPUB socket on the target's endpoints.
    pub fn with_target(
        args: &PubArgs,
        target: &Target,
        timeout: Option<Duration>,
    ) -> anyhow::Result<Publisher> {
        let Some((topic, messages)) = target.rest.split_first() else {
            return Err(exit::usage(
                "pub needs a TOPIC (netkit pub tcp://HOST:PORT TOPIC [MESSAGE...])",
            )
            .into());
        };
        let mut link = Link::open(
            zmq::XPUB,
            &target.urls,
            !args.connect,
            handshake_limit(timeout),
            |s| {
                s.set_xpub_verbose(true)?;
                s.set_sndhwm(SNDHWM)?;
                s.set_sndtimeo(ms_i32(POLL))
            },
        )?;
        set_nodrop(&mut link.socket).context("setting ZMQ_XPUB_NODROP")?;
        Ok(Publisher {
            link,
            topic: topic.as_bytes().to_vec(),
            messages: messages.to_vec(),
            count: args.count.max(1),
            interval: args.interval,
            max_line: args.max_size,
            plan: wait_plan(args),
            topics: HashSet::new(),
            subscriptions_seen: 0,
            warned_nobody: false,
            warned_topic: false,
            unmatched: 0,
            sends: 0,
        })
    }

    /// The endpoints bound or connected (real ports after port 0).
    pub fn endpoints(&self) -> &[String] {
        &self.link.endpoints
    }

    /// The first bound TCP address.
    pub fn local_addr(&self) -> Option<std::net::SocketAddr> {
        self.link.local_addr()
    }

    /// The `listening` (bound) or `connecting` lines.
    pub fn announce(&self, out: &Out) -> anyhow::Result<()> {
        super::announce(&self.link, "PUB", out)
    }

    /// Wait for subscribers, publish every message, flush, print the summary.
    pub fn run(mut self, ctx: &Ctx) -> anyhow::Result<Code> {
        let timeout = ctx.timeout_or(PUB_TIMEOUT);
        if !self.wait_subscribers(ctx, timeout)? {
            return self.finish(ctx, 0, 0, Instant::now(), timeout);
        }
        if let Some(d) = self.plan.delay {
            self.pause(ctx, d)?;
        }
        let start = Instant::now();
        let (sent, bytes) = if self.messages.is_empty() {
            let lines = crate::input::Lines::stdin(self.max_line, &ctx.stop);
            self.publish_lines(ctx, lines, timeout)?
        } else {
            self.publish_args(ctx, timeout)?
        };
        self.finish(ctx, sent, bytes, start, timeout)
    }

    /// The slow-joiner guard. Ok(false) when stopped (Ctrl-C) while waiting.
    fn wait_subscribers(&mut self, ctx: &Ctx, timeout: Duration) -> anyhow::Result<bool> {
        let n = self.plan.subscribers;
        if n == 0 {
            return Ok(true);
        }
        if !ctx.out.quiet() {
            ctx.out.emit(&Waiting {
                subscribers: n,
                timeout_ms: timeout.as_millis(),
            })?;
        }
        let deadline = Instant::now() + timeout;
        loop {
            self.pump(ctx)?;
            let p = &self.link.peers;
            if p.count() >= n && p.handshakes as usize >= n && self.subscriptions_seen >= n {
                return Ok(true);
            }
            if ctx.stop.is_stopped() {
                return Ok(false);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                let s = if n == 1 { "" } else { "s" };
                let f = exit::negative(
                    Kind::Timeout,
                    format!(
                        "no{} subscriber{s} within {timeout:?} on {} ({} connected); nothing was published",
                        if n == 1 { String::new() } else { format!(" {n}") },
                        self.link.endpoints.join(", "),
                        self.link.peers.count()
                    ),
                )
                .hint("start the subscriber first (netkit sub ENDPOINT TOPIC), raise --timeout, or publish anyway with --no-wait");
                return Err(f.into());
            }
            self.poll_events(left.min(POLL))?;
        }
    }

    /// Sleep `d` in short slices, still reading subscriptions.
    pub(super) fn pause(&mut self, ctx: &Ctx, d: Duration) -> anyhow::Result<()> {
        let until = Instant::now() + d;
        while !ctx.stop.is_stopped() {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            self.poll_events(left.min(POLL))?;
            self.pump(ctx)?;
        }
        Ok(())
    }

    /// Block up to `d` until the socket or its monitor has something to read.
    fn poll_events(&self, d: Duration) -> anyhow::Result<()> {
        let mut items = [
            self.link.socket.as_poll_item(zmq::POLLIN),
            self.link.monitor().as_poll_item(zmq::POLLIN),
        ];
        match zmq::poll(&mut items, d.as_millis().max(1) as i64) {
            Ok(_) | Err(zmq::Error::EINTR) => Ok(()),
            Err(e) => Err(anyhow::Error::new(e).context("polling the ZeroMQ socket")),
        }
    }

    /// Handle pending monitor events and subscriptions, without blocking.
    fn pump(&mut self, ctx: &Ctx) -> anyhow::Result<()> {
        for note in self.link.drain_monitor() {
            report_note(
                &self.link,
                ctx,
                &note,
                "subscriber",
                "a ZeroMQ SUB (or XSUB)",
            )?;
        }
        while let Ok(frame) = self.link.socket.recv_bytes(zmq::DONTWAIT) {
            let (topic, subscribed) = match wire::decode_subscription(&frame) {
                Some(Sub::Subscribe(t)) => (t, true),
                Some(Sub::Unsubscribe(t)) => (t, false),
                None => continue,
            };
            if subscribed {
                self.subscriptions_seen += 1;
                self.topics.insert(topic.to_vec());
            } else {
                self.topics.remove(topic);
            }
            if !ctx.out.quiet() {
                ctx.out.emit(&Subscription {
                    topic: String::from_utf8_lossy(topic).into_owned(),
                    subscribed,
                })?;
            }
        }
        Ok(())
    }

    /// Send `[topic, payload]`. With NODROP a full queue makes the send wait
    /// (in POLL slices, reading subscriptions meanwhile) up to `timeout`.
    pub(super) fn send(
        &mut self,
        ctx: &Ctx,
        payload: &[u8],
        timeout: Duration,
    ) -> anyhow::Result<()> {
        self.sends += 1;
        if self.sends.is_multiple_of(PUMP_EVERY) {
            // Subscribers come and go during a long stream: keep the counts fresh.
            self.pump(ctx)?;
        }
        self.warn_if_unheard(ctx)?;
        let mut blocked: Option<Instant> = None;
        loop {
            match self.link.socket.send(&self.topic[..], zmq::SNDMORE) {
                Ok(()) => break,
                Err(zmq::Error::EAGAIN) | Err(zmq::Error::EINTR) => {
                    let since = *blocked.get_or_insert_with(Instant::now);
                    if since.elapsed() >= timeout {
                        let f = exit::network(
                            Kind::Timeout,
                            format!(
                                "subscribers have not read for {timeout:?}: the send queue is full"
                            ),
                        )
                        .hint("a subscriber is stuck; raise --timeout or stop it");
                        return Err(f.into());
                    }
                    if ctx.stop.is_stopped() {
                        return Err(exit::negative(
                            Kind::Stopped,
                            "stopped while a send was waiting",
                        )
                        .into());
                    }
                    self.pump(ctx)?;
                }
                Err(e) => return Err(anyhow::Error::new(e).context("sending a ZeroMQ message")),
            }
        }
        loop {
            match self.link.socket.send(payload, 0) {
                Ok(()) => return Ok(()),
                Err(zmq::Error::EAGAIN) | Err(zmq::Error::EINTR) => continue,
                Err(e) => return Err(anyhow::Error::new(e).context("sending a ZeroMQ message")),
            }
        }
    }

    /// Say so (once) when a message goes out with nobody to hear it.
    fn warn_if_unheard(&mut self, ctx: &Ctx) -> anyhow::Result<()> {
        if self.link.peers.count() == 0 {
            self.unmatched += 1;
            if !self.warned_nobody {
                self.warned_nobody = true;
                ctx.out.warn("publishing with no subscriber connected: ZeroMQ drops these messages (wait with --wait-subscribers, or start the subscriber first)")?;
            }
        } else if !self.topics.is_empty() && !wire::matches(&self.topics, &self.topic) {
            self.unmatched += 1;
            if !self.warned_topic {
                self.warned_topic = true;
                ctx.out.warn(&format!(
                    "no subscriber subscribed to a prefix of {:?}: ZeroMQ drops these messages",
                    String::from_utf8_lossy(&self.topic)
                ))?;
            }
        }
        Ok(())
    }

    /// Read the last subscriptions, flush the queue (linger = timeout), summarise.
    fn finish(
        mut self,
        ctx: &Ctx,
        sent: u64,
        bytes: u64,
        start: Instant,
        timeout: Duration,
    ) -> anyhow::Result<Code> {
        let _ = self.pump(ctx);
        if sent == 0 && ctx.stop.is_stopped() {
            // Still waiting for a subscriber, or for input: nothing to linger for.
            let _ = self.link.socket.set_linger(0);
            let on = format!("on {:?}", String::from_utf8_lossy(&self.topic));
            return Err(crate::cmd::pubsub::nothing_published(&on).into());
        }
        let subscribers = self.link.peers.count();
        let unmatched = self.unmatched;
        let self_topic = self.topic.clone();
        // After Ctrl-C, flush briefly rather than for the whole --timeout.
        let linger = if ctx.stop.is_stopped() {
            timeout.min(STOPPED_LINGER)
        } else {
            timeout
        };
        self.link
            .socket
            .set_linger(ms_i32(linger))
            .context("setting ZMQ_LINGER")?;
        let took = self.link.close();
        let flushed = took + Duration::from_millis(50) < linger;
        let seconds = start.elapsed().as_secs_f64();
        if !flushed {
            ctx.out.warn(&format!("gave up flushing after {linger:?}: some messages may not have reached subscribers (raise --timeout)"))?;
        }
        if unmatched > 0 {
            ctx.out.warn(&format!(
                "{unmatched} message(s) went out while no subscriber wanted them (dropped by ZeroMQ)"
            ))?;
        }
        ctx.out.emit(&PubSummary {
            channel: String::from_utf8_lossy(&self_topic).into_owned(),
            messages: sent,
            bytes,
            unheard: unmatched,
            subscribers,
            elapsed_s: (seconds * 1000.0).round() / 1000.0,
            rate: if seconds > 0.0 {
                (sent as f64 / seconds).round()
            } else {
                0.0
            },
            flushed,
        })?;
        // Messages still queued at the end were lost: that is a failure (exit 3).
        Ok(if flushed { Code::Ok } else { Code::Network })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(extra: impl FnOnce(&mut PubArgs)) -> PubArgs {
        let mut a = PubArgs {
            args: vec!["tcp://127.0.0.1:0".into(), "catA".into()],
            count: 1,
            interval: None,
            bind: false,
            connect: false,
            wait_subscribers: None,
            delay: None,
            no_wait: false,
            sharded: false,
            keyed: false,
            trace: false,
            max_size: crate::input::MAX_LINE,
            tls: Default::default(),
            amqp: Default::default(),
        };
        extra(&mut a);
        a
    }

    #[test]
    fn wait_plans() {
        let one = WaitPlan {
            subscribers: 1,
            delay: None,
        };
        assert_eq!(wait_plan(&args(|_| {})), one);
        assert_eq!(wait_plan(&args(|a| a.no_wait = true)).subscribers, 0);
        let d = Some(Duration::from_secs(1));
        assert_eq!(
            wait_plan(&args(|a| a.delay = d)),
            WaitPlan {
                subscribers: 0,
                delay: d
            }
        );
        let p = wait_plan(&args(|a| {
            a.delay = d;
            a.wait_subscribers = Some(3)
        }));
        assert_eq!((p.subscribers, p.delay), (3, d));
    }
}
