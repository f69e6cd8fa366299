//! `pub` and `sub` over Redis (SEED §2: the seed's `redis_pub.py` and
//! `redis_sub.py`), against redis-server or `netkit broker`.
//!
//! The client speaks RESP with netkit's own codec (`proto::resp`) over a std
//! `TcpStream` rather than through the `redis` crate's sync API, for three
//! reasons found while building it: the crate's `PubSub` swallows the
//! subscribe confirmations that redis-py shows (and `--json` must carry); its
//! blocking parser cannot resume a frame cut by a read timeout, yet `sub` must
//! wait in short slices for Ctrl-C and `--timeout`; and pipelining 100,000
//! PUBLISHes while pairing each reply with its message is a writer thread and a
//! reader thread over one socket, which is simplest on raw bytes. The same codec
//! serves `netkit broker`, so both sides are tested against real Redis peers.
//!
//! Here: the URL and argument checks; [`conn`] connects and does the handshake,
//! [`publish`] and [`subscribe`] do the work.

mod conn;
mod publish;
mod subscribe;

use super::{PubArgs, SubArgs, Target};
use crate::cmd::Ctx;
use crate::exit::{self, Code};

pub use conn::Settings;
// The message reader AMQP `pub` shares.
pub(crate) use publish::{source as message_source, stdin_hint};

/// `netkit pub [redis://...] CHANNEL [MESSAGE...]`
pub fn run_pub(args: &PubArgs, target: &Target, ctx: &Ctx) -> anyhow::Result<Code> {
    let settings = Settings::from_url(&target.urls[0])?;
    if args.zmq_flags_used() {
        return Err(exit::usage(
            "--bind, --connect, --wait-subscribers, --delay and --no-wait are for ZeroMQ (tcp://, ipc://), not Redis",
        )
        .into());
    }
    let channel = &target.rest[0];
    let messages = &target.rest[1..];
    let timeout = ctx.timeout_or(std::time::Duration::from_secs(10));
    let conn = conn::Conn::open(&settings, timeout)?;
    publish::publish(conn, channel, messages, args.count, args.interval, ctx)
}

/// `netkit sub [redis://...] CHANNEL...` (or patterns with `--pattern`)
pub fn run_sub(args: &SubArgs, target: &Target, ctx: &Ctx) -> anyhow::Result<Code> {
    let settings = Settings::from_url(&target.urls[0])?;
    if args.bind || args.connect {
        return Err(
            exit::usage("--bind and --connect are for ZeroMQ (tcp://, ipc://), not Redis").into(),
        );
    }
    if target.rest.is_empty() {
        return Err(
            exit::usage("sub needs at least one channel (netkit sub [URL] CHANNEL...)").into(),
        );
    }
    let o = subscribe::Options {
        settings,
        topics: &target.rest,
        pattern: args.pattern,
        count: args.count,
        reconnect: args.reconnect,
    };
    subscribe::subscribe(&o, ctx)
}
