//! `pub` and `sub`: one command line for two transports. The first positional
//! arguments that look like URLs choose the transport — `redis://` (the default,
//! `redis://127.0.0.1:6379`) goes to [`redis`], `tcp://` and `ipc://` go to [`zmq`],
//! `amqp://` to [`amqp`] — and the rest are the channel/topics and messages. This module only parses and
//! dispatches; it does not talk to any peer.

pub mod amqp;
pub mod events;
pub mod redis;
pub mod zmq;

use std::time::Duration;

use clap::Args;

use crate::cli::parse_duration;
use crate::cmd::Ctx;
use crate::exit::{self, Code, Failure};
use crate::net::tls::TlsClientArgs;
use crate::net::{is_url, parse_url, Url};

/// The default Redis URL, as in the seed (`redis.Redis()`).
pub const DEFAULT_REDIS_URL: &str = "redis://127.0.0.1:6379";

/// `netkit pub [URL] CHANNEL [MESSAGE...]`
#[derive(Debug, Clone, Args)]
#[command(after_help = "\
Examples:
  netkit pub catA hatB                        # Redis on 127.0.0.1:6379
  seq 100000 | netkit pub news                # one message per stdin line, pipelined
  netkit pub tcp://127.0.0.1:6789 catA hatB   # ZeroMQ PUB, binds like the seed's publisher
  netkit pub --sharded redis+cluster://127.0.0.1:7000 news hi   # SPUBLISH at the slot's owner
  netkit pub amqp://127.0.0.1 logs 'info: Hello World!'   # RabbitMQ fanout exchange, confirmed
  netkit pub --cacert ca.pem rediss://127.0.0.1:6380 news hi   # Redis over TLS")]
pub struct PubArgs {
    /// [URL] CHANNEL [MESSAGE...]: URL is redis://... or rediss://... (TLS) (default redis://127.0.0.1:6379), redis+cluster://H1:P1,H2:P2, redis+sentinel://S1[:26379][,S2]/MASTER, tcp://HOST:PORT, ipc:///PATH or amqp://[USER:PASS@]HOST[:PORT][/VHOST] (CHANNEL = the exchange); no MESSAGE reads one message per stdin line
    #[arg(value_name = "ARGS", required = true, num_args = 1..)]
    pub args: Vec<String>,

    /// Send each message N times
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub count: u64,

    /// Wait this long between messages (e.g. 100ms)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub interval: Option<Duration>,

    /// ZeroMQ: bind the endpoint (the default for pub, like the seed's publisher)
    #[arg(long, conflicts_with = "connect")]
    pub bind: bool,

    /// ZeroMQ: connect to the endpoint instead of binding
    #[arg(long)]
    pub connect: bool,

    /// ZeroMQ: before publishing, wait until N subscribers have subscribed (default 1)
    #[arg(long, value_name = "N", conflicts_with = "no_wait")]
    pub wait_subscribers: Option<usize>,

    /// ZeroMQ: sleep this long before publishing instead of waiting for subscribers (the seed's sleep(1))
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, conflicts_with = "no_wait")]
    pub delay: Option<Duration>,

    /// ZeroMQ: publish at once, even with nobody subscribed
    #[arg(long)]
    pub no_wait: bool,

    /// Redis Cluster: SPUBLISH to the node owning each channel's slot (sharded pub/sub)
    #[arg(long)]
    pub sharded: bool,

    /// Redis: each stdin line is `KEY MESSAGE`, published to channel CHANNEL+KEY
    #[arg(long)]
    pub keyed: bool,

    /// rediss://: print the TLS handshake summary before the messages
    #[arg(long)]
    pub trace: bool,

    /// Longest stdin line accepted as one message (64KB, 1MiB, bytes); a longer one is refused with exit 2
    #[arg(long, value_name = "SIZE", default_value_t = crate::input::MAX_LINE, value_parser = crate::value::parse_size)]
    pub max_size: usize,

    #[command(flatten)]
    pub tls: TlsClientArgs,

    #[command(flatten)]
    pub amqp: amqp::PubFlags,
}

impl PubArgs {
    /// Whether a ZeroMQ-only flag was given (refused by the other transports).
    pub fn zmq_flags_used(&self) -> bool {
        self.bind
            || self.connect
            || self.wait_subscribers.is_some()
            || self.delay.is_some()
            || self.no_wait
    }
}

/// `netkit sub [URL...] TOPIC...`
#[derive(Debug, Clone, Args)]
#[command(after_help = "\
Examples:
  netkit sub catA catC                          # Redis SUBSCRIBE
  netkit sub --pattern 'cat*'                   # Redis PSUBSCRIBE
  netkit sub news --count 1 --json | jq .data
  netkit sub tcp://127.0.0.1:6789 catA catC     # ZeroMQ SUB, prefix match; no topic = all
  netkit sub --reconnect redis+sentinel://127.0.0.1:26379/mymaster news   # follows a failover
  netkit sub amqp://127.0.0.1 logs              # RabbitMQ: exclusive queue bound to exchange logs")]
pub struct SubArgs {
    /// [URL...] TOPIC...: URLs as for pub (ZeroMQ takes several); Redis needs at least one channel, ZeroMQ with no topic receives everything, AMQP takes EXCHANGE [BINDING_KEY...]
    #[arg(value_name = "ARGS", num_args = 0..)]
    pub args: Vec<String>,

    /// Redis: topics are glob patterns (PSUBSCRIBE: *, ?, [...])
    #[arg(long)]
    pub pattern: bool,

    /// Exit after N messages
    #[arg(long, value_name = "N")]
    pub count: Option<u64>,

    /// Redis: after a lost connection, reconnect and subscribe again
    #[arg(long)]
    pub reconnect: bool,

    /// Redis Cluster: SSUBSCRIBE at the node owning each channel's slot (sharded pub/sub)
    #[arg(long, conflicts_with = "pattern")]
    pub sharded: bool,

    /// ZeroMQ: bind the endpoint instead of connecting
    #[arg(long, conflicts_with = "connect")]
    pub bind: bool,

    /// ZeroMQ: connect to the endpoint (the default for sub)
    #[arg(long)]
    pub connect: bool,

    /// ZeroMQ: largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a publisher sending more is disconnected and reported)
    #[arg(long, value_name = "SIZE", default_value_t = crate::cmd::zmq::DEFAULT_MAX_SIZE, value_parser = crate::value::parse_size)]
    pub max_size: usize,

    /// rediss://: print the TLS handshake summary before the messages
    #[arg(long)]
    pub trace: bool,

    #[command(flatten)]
    pub tls: TlsClientArgs,

    #[command(flatten)]
    pub amqp: amqp::SubFlags,
}

/// Which transport a URL selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    Redis,
    Zmq,
    Amqp,
}

fn transport_of(url: &Url) -> Result<Transport, Failure> {
    match url.scheme.as_str() {
        "redis" | "rediss" | "redis+cluster" | "redis+sentinel" | "rediss+cluster"
        | "rediss+sentinel" => Ok(Transport::Redis),
        "tcp" | "ipc" => Ok(Transport::Zmq),
        "amqp" | "amqps" => Ok(Transport::Amqp),
        other => Err(exit::usage(format!(
            "unknown scheme {other}:// (use redis://, tcp://, ipc:// or amqp://)"
        ))),
    }
}

/// Positional arguments split into endpoints and the rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub transport: Transport,
    /// The URLs given (at least one: the default Redis URL when none was).
    pub urls: Vec<Url>,
    /// Channels/topics and messages, in order.
    pub rest: Vec<String>,
}

/// Split `[URL...] REST...`; the URLs must all select the same transport.
pub fn split_target(args: &[String]) -> Result<Target, Failure> {
    let n = args.iter().take_while(|a| is_url(a)).count();
    let mut urls = Vec::with_capacity(n.max(1));
    for a in &args[..n] {
        urls.push(parse_url(a).map_err(|e| exit::usage(e.to_string()))?);
    }
    if urls.is_empty() {
        urls.push(parse_url(DEFAULT_REDIS_URL).expect("default URL parses"));
    }
    let transport = transport_of(&urls[0])?;
    for u in &urls[1..] {
        if transport_of(u)? != transport {
            return Err(exit::usage("all URLs must use the same transport"));
        }
    }
    if transport == Transport::Redis && urls.len() > 1 {
        return Err(exit::usage("give one redis:// URL"));
    }
    Ok(Target {
        transport,
        urls,
        rest: args[n..].to_vec(),
    })
}

pub fn run_pub(args: &PubArgs, ctx: &Ctx) -> anyhow::Result<Code> {
    let target = split_target(&args.args)?;
    if target.rest.is_empty() {
        return Err(
            exit::usage("pub needs a CHANNEL (netkit pub [URL] CHANNEL [MESSAGE...])").into(),
        );
    }
    if args.count == 0 {
        return Err(exit::usage("--count must be at least 1").into());
    }
    amqp::check_pub_flags(&args.amqp, target.transport)?;
    match target.transport {
        Transport::Redis => redis::run_pub(args, &target, ctx),
        Transport::Zmq => zmq::run_pub(args, &target, ctx),
        Transport::Amqp => amqp::run_pub(args, &target, ctx),
    }
}

pub fn run_sub(args: &SubArgs, ctx: &Ctx) -> anyhow::Result<Code> {
    let target = split_target(&args.args)?;
    if args.count == Some(0) {
        return Err(exit::usage("--count must be at least 1").into());
    }
    amqp::check_sub_flags(&args.amqp, target.transport)?;
    match target.transport {
        Transport::Redis => redis::run_sub(args, &target, ctx),
        Transport::Zmq => zmq::run_sub(args, &target, ctx),
        Transport::Amqp => amqp::run_sub(args, &target, ctx),
    }
}

/// The README's Ctrl-C rule for every `pub`: stopped before any message was
/// published (a broker that never answered, no subscriber yet, input that never
/// came) is no result, exit 1 with kind `interrupted`. `to` says where: "to
/// CHANNEL", "to exchange X", "on TOPIC".
pub fn nothing_published(to: &str) -> Failure {
    exit::negative(
        exit::Kind::Interrupted,
        format!("stopped by Ctrl-C before any message was published {to}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn default_is_redis() {
        let t = split_target(&s(&["catA", "hatB"])).unwrap();
        assert_eq!(t.transport, Transport::Redis);
        assert_eq!(t.urls[0].port, Some(6379));
        assert_eq!(t.rest, s(&["catA", "hatB"]));
    }

    #[test]
    fn zmq_urls_and_mixing() {
        let t = split_target(&s(&["tcp://127.0.0.1:1", "ipc:///tmp/x", "catA"])).unwrap();
        assert_eq!(t.transport, Transport::Zmq);
        assert_eq!(t.urls.len(), 2);
        assert!(split_target(&s(&["tcp://a:1", "redis://b"])).is_err());
        assert!(split_target(&s(&["http://a:1", "x"])).is_err());
    }
}
