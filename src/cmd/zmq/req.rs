//! `netkit zmq req`: the chapter's REQ client (one request at a time, each reply
//! printed with its RTT) and the Lazy Pirate recovery (zguide ch. 4): a REQ
//! socket that sent and got no reply is stuck in its "waiting for a reply"
//! state (a second send fails with EFSM), so after `--timeout` the socket is
//! closed with linger 0, a fresh one is opened and the request is sent again, up
//! to `--retries` times; then the client gives up with exit 1. It does not
//! serve requests (see `recv.rs`).

use std::time::{Duration, Instant};

use super::events::{dropped_note, payloads, secs, Reply, ReqSummary, Retry};
use super::send::{pause, Source};
use super::sock::{Got, Opts, Sock};
use super::{binds, check_common, split_args, ReqArgs, DEFAULT_TIMEOUT};
use crate::cmd::echo_stats::Rtts;
use crate::cmd::Ctx;
use crate::exit::Kind;
use crate::exit::{self, Code};
use crate::net::Url;

struct Client<'a> {
    urls: &'a [Url],
    bind: bool,
    opts: Opts<'a>,
    timeout: Duration,
    retries: u32,
    sock: Option<Sock>,
    rtts: Rtts,
    sent: u64,
    answered: u64,
    retried: u64,
}

/// The end of one request.
enum Outcome {
    Answered,
    Stopped,
    GaveUp { dropped: bool },
}

pub fn run(a: &ReqArgs, ctx: &Ctx) -> anyhow::Result<Code> {
    check_common(&a.sock)?;
    let split = split_args(&a.sock.args)?;
    let timeout = ctx.timeout_or(DEFAULT_TIMEOUT);
    let opts = Opts::from_args(&a.sock, Some(timeout));
    let bind = binds(&a.sock, false);
    let sock = Sock::open(zmq::REQ, &split.urls, bind, &opts, |_| Ok(()))?;
    sock.announce(ctx)?;
    let stdin = split
        .messages
        .is_empty()
        .then(|| Box::new(std::io::stdin()) as Box<dyn std::io::Read>);
    let mut source = Source::new(&split.messages, &a.sock, stdin);
    let mut c = Client {
        urls: &split.urls,
        bind,
        opts,
        timeout,
        retries: a.retries,
        sock: Some(sock),
        rtts: Rtts::new(),
        sent: 0,
        answered: 0,
        retried: 0,
    };
    let started = Instant::now();
    let mut failure = None;
    while let Some((seq, frames)) = source.next_message()? {
        if c.sent > 0 {
            if let Some(iv) = a.sock.interval {
                if !pause(ctx, iv) {
                    break;
                }
            }
        }
        if ctx.stop.is_stopped() {
            break;
        }
        match c.request(ctx, seq, &frames)? {
            Outcome::Answered => {}
            Outcome::Stopped => break,
            Outcome::GaveUp { dropped } => {
                failure = Some(dropped);
                break;
            }
        }
    }
    let target = c.sock().link.endpoints.join(", ");
    ctx.out.emit(&ReqSummary {
        target: target.clone(),
        sent: c.sent,
        answered: c.answered,
        unanswered: c.sent - c.answered,
        retries: c.retried,
        duration_ms: (started.elapsed().as_secs_f64() * 1e6).round() / 1000.0,
        rtt: c.rtts.stats(),
    })?;
    if let Some(dropped) = failure {
        let tries = c.retries + 1;
        let f = exit::negative(
            Kind::NoReply,
            format!(
                "no reply from {target} within {} ({}){}",
                secs(c.timeout.as_secs_f64() * 1000.0),
                crate::output::plural(tries, "try"),
                dropped_note(dropped)
            ),
        )
        .hint(
            "is a REP (or ROUTER) bound there and answering? --retries N resends on a fresh socket",
        );
        return Err(f.into());
    }
    Ok(if c.answered == 0 && c.sent > 0 {
        Code::Negative
    } else {
        Code::Ok
    })
}

impl Client<'_> {
    fn sock(&mut self) -> &mut Sock {
        self.sock.as_mut().expect("a REQ socket is open")
    }

    /// Send one request and wait for its reply, retrying on a fresh socket.
    fn request(&mut self, ctx: &Ctx, seq: u64, frames: &[Vec<u8>]) -> anyhow::Result<Outcome> {
        let refs: Vec<&[u8]> = frames.iter().map(Vec::as_slice).collect();
        let mut attempt = 1;
        let timeout = self.timeout;
        loop {
            self.sock().dropped = false;
            let t0 = Instant::now();
            match self.sock().send(ctx, &refs, timeout, "")? {
                Got::Done(()) => {}
                Got::Stopped => return Ok(Outcome::Stopped),
                Got::TimedOut => {}
            }
            if attempt == 1 {
                self.sent += 1;
            }
            let left = timeout.saturating_sub(t0.elapsed());
            match self.sock().recv(ctx, Some(left))? {
                Got::Done(reply) => {
                    let rtt = t0.elapsed();
                    self.rtts.push(rtt);
                    self.answered += 1;
                    if !ctx.out.quiet() {
                        ctx.out.emit(&Reply {
                            seq,
                            request: payloads(frames),
                            frames: payloads(&reply),
                            rtt_ms: crate::output::ms(rtt),
                            attempt,
                        })?;
                    }
                    return Ok(Outcome::Answered);
                }
                Got::Stopped => return Ok(Outcome::Stopped),
                Got::TimedOut => {}
            }
            let dropped = self.sock().dropped;
            if attempt > self.retries {
                return Ok(Outcome::GaveUp { dropped });
            }
            ctx.out.emit(&Retry {
                seq,
                attempt,
                retries: self.retries,
                waited_ms: crate::output::ms(self.timeout),
                dropped,
            })?;
            attempt += 1;
            self.retried += 1;
            self.reopen(ctx)?;
        }
    }

    /// The Lazy Pirate step: a REQ that got no reply cannot send again (EFSM), so
    /// close it without waiting (linger 0) and open a fresh one.
    fn reopen(&mut self, ctx: &Ctx) -> anyhow::Result<()> {
        // Close first: a bound socket's address must be free for the fresh one.
        if let Some(old) = self.sock.take() {
            old.link.close();
        }
        self.sock = Some(Sock::open(
            zmq::REQ,
            self.urls,
            self.bind,
            &self.opts,
            |_| Ok(()),
        )?);
        if self.bind {
            self.sock().announce(ctx)?;
        }
        Ok(())
    }
}
