//! `pub` and `sub` over ZeroMQ (chapter §3; socket model §6): brokerless
//! publish/subscribe with libzmq (the `zmq` crate, the library pyzmq wraps too),
//! interoperable with pyzmq's `PUB`/`SUB`.
//!
//! - [`Publisher`] binds an XPUB socket by default (the seed's publisher binds
//!   `tcp://*:6789`), sends `[topic, payload]` two-frame messages, and guards
//!   against the slow joiner: it waits until subscribers have subscribed (XPUB
//!   hands each subscription to us as `\x01topic`), or `--delay`, or `--no-wait`,
//!   and says so when it publishes with nobody listening. It never drops silently
//!   (`ZMQ_XPUB_NODROP`: a full queue blocks instead) and lingers up to
//!   `--timeout` at exit so queued messages leave.
//! - [`Subscriber`] connects a SUB socket by default (or binds), to one or more
//!   endpoints, subscribes by prefix (none = everything), prints each message,
//!   and stops at `--count`, at the idle `--timeout` (exit 1), or on Ctrl-C.
//!
//! Both watch a socket monitor so a peer that is not ZeroMQ is reported (exit 3)
//! instead of retried forever. For labs: `Publisher::open(&PubArgs)` /
//! `Subscriber::open(&SubArgs)`, then `announce` and `run(self, &Ctx)`; each owns
//! its own `zmq::Context`, closed when `run` returns.
//! This module does not speak Redis (see `pubsub::redis`) and has no broker.

mod events;
pub mod link;
mod publish;
mod source;
mod subscribe;
pub mod wire;

use std::time::Duration;

pub use publish::{wait_plan, Publisher, WaitPlan};
pub use subscribe::Subscriber;

use super::{PubArgs, SubArgs, Target};
use crate::cmd::Ctx;
use crate::exit::Code;
use crate::exit::Kind;
use crate::output::Out;
use link::Link;

/// `--timeout` default for the publisher: the wait for subscribers, a send
/// blocked by slow subscribers, and the flush at exit.
pub const PUB_TIMEOUT: Duration = Duration::from_secs(30);

/// How long a ZeroMQ handshake may take at most (`ZMQ_HANDSHAKE_IVL`).
pub const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// The handshake limit for a `--timeout`: half of it (so a peer that never
/// completes the handshake is reported as such before an idle timeout fires),
/// between 100 ms and [`HANDSHAKE_TIMEOUT`].
pub fn handshake_limit(timeout: Option<Duration>) -> Duration {
    timeout.map_or(HANDSHAKE_TIMEOUT, |t| {
        (t / 2).clamp(Duration::from_millis(100), HANDSHAKE_TIMEOUT)
    })
}

/// `netkit pub tcp://... TOPIC [MESSAGE...]`: open, announce, publish.
pub fn run_pub(args: &PubArgs, target: &Target, ctx: &Ctx) -> anyhow::Result<Code> {
    let p = Publisher::with_target(args, target, ctx.timeout)?;
    p.announce(&ctx.out)?;
    p.run(ctx)
}

/// `netkit sub tcp://... [TOPIC...]`: open, announce, receive.
pub fn run_sub(args: &SubArgs, target: &Target, ctx: &Ctx) -> anyhow::Result<Code> {
    let s = Subscriber::with_target(args, target, ctx.timeout)?;
    s.announce(&ctx.out)?;
    s.run(ctx)
}

/// Print where a link listens (bound) or what it connects to.
pub fn announce(link: &Link, role: &str, out: &Out) -> anyhow::Result<()> {
    for e in &link.endpoints {
        if !link.bound {
            out.emit(&events::Connecting {
                socket: role,
                endpoint: e,
            })?;
        } else if let Some(addr) = link::tcp_addr(e) {
            crate::net::announce(out, &format!("zmq-{}", role.to_lowercase()), addr)?;
        } else {
            out.emit(&events::ListeningIpc {
                proto: &format!("zmq-{}", role.to_lowercase()),
                address: e,
            })?;
        }
    }
    Ok(())
}

/// Print a peer event (`role` is what the peer is to us). On a socket that
/// connects, a peer that is not ZeroMQ ends the command (exit 3, with `wanted`
/// in the hint); a bound socket only drops that peer and keeps serving.
pub fn report_note(
    link: &Link,
    ctx: &Ctx,
    note: &link::Note,
    role: &str,
    wanted: &str,
) -> anyhow::Result<()> {
    use link::Note;
    let (event, endpoint, reason) = match note {
        Note::Joined { endpoint } => ("joined", endpoint, None),
        Note::Left { endpoint } => ("left", endpoint, None),
        Note::BadPeer { endpoint, why } => {
            if !link.bound {
                let f = crate::exit::network(Kind::Protocol, format!("{endpoint}: {why}"))
                    .hint(format!("check that {wanted} socket listens there"));
                return Err(f.into());
            }
            ("rejected", endpoint, Some(why.as_str()))
        }
    };
    if reason.is_some() || !ctx.out.quiet() {
        ctx.out.emit(&events::PeerEvent {
            event,
            endpoint,
            peers: link.peers.count(),
            reason,
            role,
        })?;
    }
    Ok(())
}

/// Milliseconds for a libzmq option (which takes an i32).
fn ms_i32(d: Duration) -> i32 {
    d.as_millis().min(i32::MAX as u128) as i32
}

#[cfg(test)]
mod tests {
    //! The in-process API a lab uses: a subscriber and a publisher in one process,
    //! each with its own context, output captured, stopped by `--count` or `Stop`.
    use super::*;
    use crate::output::{Mode, Out};

    fn sub_args(args: &[&str], count: Option<u64>) -> SubArgs {
        SubArgs {
            args: args.iter().map(|s| s.to_string()).collect(),
            pattern: false,
            count,
            reconnect: false,
            bind: true,
            connect: false,
            max_size: 1024,
            sharded: false,
            trace: false,
            tls: Default::default(),
            amqp: Default::default(),
        }
    }

    #[test]
    fn publisher_and_subscriber_in_one_process() {
        let (out, buf) = Out::buffer(Mode::Json);
        let ctx = Ctx::new(out, Some(Duration::from_secs(10)));
        let sub = Subscriber::open(
            &sub_args(&["tcp://127.0.0.1:0", "catA"], Some(2)),
            ctx.timeout,
        )
        .unwrap();
        let addr = sub.local_addr().unwrap();
        sub.announce(&ctx.out).unwrap();
        let sub_ctx = ctx.with_side("sub");
        let t = std::thread::spawn(move || sub.run(&sub_ctx).unwrap());
        let p = PubArgs {
            args: vec![
                format!("tcp://{addr}"),
                "catA".into(),
                "hatB".into(),
                "hatC".into(),
            ],
            count: 1,
            interval: None,
            bind: false,
            connect: true,
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
        let publisher = Publisher::open(&p, ctx.timeout).unwrap();
        assert_eq!(publisher.run(&ctx.with_side("pub")).unwrap(), Code::Ok);
        assert_eq!(t.join().unwrap(), Code::Ok);
        let text = buf.contents();
        let got: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .filter(|v: &serde_json::Value| v["type"] == "message")
            .collect();
        assert_eq!(got.len(), 2, "{text}");
        assert_eq!(got[1]["data"], "hatC");
        assert_eq!(got[0]["side"], "sub");
    }

    #[test]
    fn handshake_limits() {
        assert_eq!(handshake_limit(None), HANDSHAKE_TIMEOUT);
        assert_eq!(
            handshake_limit(Some(Duration::from_secs(3))),
            Duration::from_millis(1500)
        );
        assert_eq!(
            handshake_limit(Some(Duration::from_millis(10))),
            Duration::from_millis(100)
        );
        assert_eq!(
            handshake_limit(Some(Duration::from_secs(600))),
            HANDSHAKE_TIMEOUT
        );
    }

    #[test]
    fn stop_ends_a_waiting_subscriber() {
        let (out, _buf) = Out::buffer(Mode::Json);
        let ctx = Ctx::new(out, None);
        let sub = Subscriber::open(&sub_args(&["tcp://127.0.0.1:0"], None), None).unwrap();
        let stop = ctx.stop.clone();
        let t = std::thread::spawn(move || sub.run(&ctx).unwrap());
        std::thread::sleep(Duration::from_millis(150));
        stop.stop();
        assert_eq!(t.join().unwrap(), Code::Ok);
    }
}
