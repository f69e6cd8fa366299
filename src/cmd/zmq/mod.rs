//! `netkit zmq TYPE ...`: the ZeroMQ socket types beyond PUB/SUB (chapter §6,
//! [docs/material.md](../../../docs/material.md#6-zeromq-request-reply), and the
//! §1 patterns): REQ/REP request-reply with the Lazy Pirate retry, PUSH/PULL
//! pipelines, DEALER/ROUTER with routing identities, PAIR, and `proxy` (the
//! ROUTER↔DEALER queue and the XSUB↔XPUB forwarder).
//!
//! This module holds the command line and the dispatch. Sockets are opened
//! through `pubsub::zmq::link` (endpoint checks, a private context, the socket
//! monitor that tells a non-ZeroMQ peer apart), so `pub`/`sub` and these share
//! one way of binding, connecting and reporting peers. It does not implement
//! ZMTP: libzmq (the `zmq` crate) does.

mod events;
mod exec;
mod proxy;
mod recv;
mod req;
mod send;
mod sock;

use std::time::Duration;

use clap::{Args as ClapArgs, Subcommand};

use crate::cli::parse_duration;
use crate::cmd::Ctx;
use crate::exit::{self, Code};
use crate::net::{is_url, parse_url, Url};

/// The endpoint used when none is given (the chapter's `tcp://127.0.0.1:6789`).
pub const DEFAULT_ENDPOINT: &str = "tcp://127.0.0.1:6789";
/// `--max-size` default: the largest message accepted (`ZMQ_MAXMSGSIZE`).
pub const DEFAULT_MAX_SIZE: usize = 1024 * 1024;
/// `--timeout` default for a REQ reply and for a blocked send.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

/// `netkit zmq TYPE [ENDPOINT...] [MESSAGE...]`
#[derive(Debug, Clone, ClapArgs)]
#[command(after_help = "\
Examples:
  netkit zmq rep --reply 'Stop saying: {}'              # the chapter's zmq_server.py
  netkit zmq req 'message #{n}' --count 5 --interval 2s # the chapter's zmq_client.py
  netkit zmq req tcp://127.0.0.1:6789 hi --timeout 2s --retries 3   # Lazy Pirate
  seq 10 | netkit zmq push tcp://127.0.0.1:5557        # one message per stdin line
  netkit zmq pull --bind tcp://127.0.0.1:5557 --count 10
  netkit zmq proxy tcp://127.0.0.1:5559 tcp://127.0.0.1:5560        # ROUTER/DEALER queue
Endpoints: tcp://HOST:PORT, tcp://[V6]:PORT, ipc:///PATH (default tcp://127.0.0.1:6789).
See docs/zmq.md and chapter §6 (docs/material.md#6-zeromq-request-reply).")]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

/// The socket types.
#[derive(Debug, Clone, Subcommand)]
pub enum Action {
    /// REQ: send each request, wait for its reply (RTT shown); --retries is the Lazy Pirate
    Req(ReqArgs),
    /// REP: answer each request (echo, --reply TEXT with {} = the request, or --exec CMD)
    Rep(RepArgs),
    /// PUSH: send messages round-robin to the connected PULL workers (blocks, never drops)
    Push(PushArgs),
    /// PULL: receive from any number of PUSH producers (fair-queued); --push makes it a pipeline worker
    Pull(PullArgs),
    /// DEALER: send asynchronously and read replies (--envelope adds the empty frame REP wants)
    Dealer(DealerArgs),
    /// ROUTER: receive with the sender's routing identity; --reply answers it, --to sends to one
    Router(RouterArgs),
    /// PAIR: one peer; with messages it sends them, without it receives
    Pair(SockArgs),
    /// A queue between FRONTEND and BACKEND: ROUTER↔DEALER, or XSUB↔XPUB with --pubsub
    Proxy(proxy::ProxyArgs),
    /// The same as `netkit pub` (ZeroMQ PUB)
    Pub(crate::cmd::pubsub::PubArgs),
    /// The same as `netkit sub` (ZeroMQ SUB)
    Sub(crate::cmd::pubsub::SubArgs),
}

/// What every socket type takes.
#[derive(Debug, Clone, ClapArgs)]
pub struct SockArgs {
    /// [ENDPOINT...] [MESSAGE...]: endpoints tcp://HOST:PORT or ipc:///PATH (default tcp://127.0.0.1:6789); senders with no MESSAGE read one per stdin line; {n} in a message is its sequence number
    #[arg(value_name = "ARGS", num_args = 0..)]
    pub args: Vec<String>,

    /// Bind the endpoints (the default for rep, pull, router, and a receiving pair)
    #[arg(long, conflicts_with = "connect")]
    pub bind: bool,

    /// Connect to the endpoints (the default for req, push, dealer, and a sending pair)
    #[arg(long)]
    pub connect: bool,

    /// Senders: send each message N times; receivers: stop after N messages
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,

    /// Wait this long between messages sent (e.g. 100ms)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub interval: Option<Duration>,

    /// The MESSAGE arguments are the frames of one multipart message
    #[arg(long, conflicts_with = "separator")]
    pub frames: bool,

    /// Split each message (argument or stdin line) into frames at SEP (e.g. '|')
    #[arg(long, value_name = "SEP")]
    pub separator: Option<String>,

    /// Largest message accepted (64KB, 1MiB, bytes; ZMQ_MAXMSGSIZE: a peer sending more is disconnected and reported)
    #[arg(long, value_name = "SIZE", default_value_t = DEFAULT_MAX_SIZE, value_parser = crate::value::parse_size)]
    pub max_size: usize,

    /// High-water mark: messages queued per peer before a send blocks (ZMQ_SNDHWM/RCVHWM)
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub hwm: i32,

    /// The socket's routing identity (ZMQ_ROUTING_ID), as a ROUTER peer sees it
    #[arg(long, value_name = "NAME")]
    pub identity: Option<String>,
}

/// `netkit zmq req`
#[derive(Debug, Clone, ClapArgs)]
pub struct ReqArgs {
    #[command(flatten)]
    pub sock: SockArgs,

    /// After a reply timeout (--timeout, default 5s), close the socket, open a fresh one and resend, up to N times
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub retries: u32,
}

/// `netkit zmq rep`
#[derive(Debug, Clone, ClapArgs)]
pub struct RepArgs {
    #[command(flatten)]
    pub sock: SockArgs,

    /// Answer with TEXT, {} replaced by the request ('Stop saying: {}' is the chapter's server); default: echo
    #[arg(long, value_name = "TEXT", conflicts_with = "exec")]
    pub reply: Option<String>,

    /// Answer with CMD's stdout, the request on its stdin (split like a shell line, but no shell runs unless CMD names one)
    #[arg(long, value_name = "CMD")]
    pub exec: Option<String>,

    /// How long one --exec run may take before it is killed (the reply is then an error text)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "5s")]
    pub exec_timeout: Duration,

    /// Wait this long before each reply (simulates work, as the chapter's sleep)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub delay: Option<Duration>,
}

/// `netkit zmq push`
#[derive(Debug, Clone, ClapArgs)]
pub struct PushArgs {
    #[command(flatten)]
    pub sock: SockArgs,

    /// Wait until N peers have connected before sending (so PUSH round-robins over all of them)
    #[arg(long, value_name = "N")]
    pub wait_peers: Option<usize>,
}

/// `netkit zmq pull`
#[derive(Debug, Clone, ClapArgs)]
pub struct PullArgs {
    #[command(flatten)]
    pub sock: SockArgs,

    /// A pipeline worker: forward each message to this PUSH endpoint (connects) after --delay
    #[arg(long, value_name = "ENDPOINT")]
    pub push: Option<String>,

    /// With --push: put TEXT as a first frame on each forwarded message (the sink counts per tag)
    #[arg(long, value_name = "TEXT", requires = "push")]
    pub tag: Option<String>,

    /// Wait this long per message before showing/forwarding it (simulated work)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub delay: Option<Duration>,
}

/// `netkit zmq dealer`
#[derive(Debug, Clone, ClapArgs)]
pub struct DealerArgs {
    #[command(flatten)]
    pub sock: SockArgs,

    /// Add the empty delimiter frame a REP (or REQ) expects, and strip it from replies
    #[arg(long)]
    pub envelope: bool,
}

/// `netkit zmq router`
#[derive(Debug, Clone, ClapArgs)]
pub struct RouterArgs {
    #[command(flatten)]
    pub sock: SockArgs,

    /// Answer each message to its sender with TEXT ({} = the last frame received)
    #[arg(long, value_name = "TEXT", conflicts_with = "to")]
    pub reply: Option<String>,

    /// Send the MESSAGE arguments to the peer with this routing identity
    #[arg(long, value_name = "IDENTITY")]
    pub to: Option<String>,

    /// A message to an identity that is not connected is an error (exit 3), not dropped silently
    #[arg(long)]
    pub router_mandatory: bool,
}

/// Endpoints and messages split from the positional arguments.
#[derive(Debug, Clone)]
pub struct Split {
    pub urls: Vec<Url>,
    pub messages: Vec<String>,
}

/// Split `[ENDPOINT...] [MESSAGE...]`: leading arguments that look like URLs are
/// endpoints (default [`DEFAULT_ENDPOINT`]), the rest messages.
pub fn split_args(args: &[String]) -> Result<Split, exit::Failure> {
    let n = args.iter().take_while(|a| is_url(a)).count();
    let mut urls = Vec::with_capacity(n.max(1));
    for a in &args[..n] {
        let u = parse_url(a).map_err(|e| exit::usage(format!("bad endpoint {a}: {e}")))?;
        if !matches!(u.scheme.as_str(), "tcp" | "ipc") {
            return Err(exit::usage(format!(
                "{}:// is not a ZeroMQ transport (use tcp:// or ipc://)",
                u.scheme
            )));
        }
        urls.push(u);
    }
    if urls.is_empty() {
        urls.push(parse_url(DEFAULT_ENDPOINT).expect("default endpoint parses"));
    }
    Ok(Split {
        urls,
        messages: args[n..].to_vec(),
    })
}

/// Bind or connect: the flags, else the type's default.
pub fn binds(a: &SockArgs, default_bind: bool) -> bool {
    if a.bind {
        true
    } else if a.connect {
        false
    } else {
        default_bind
    }
}

/// `netkit zmq ...`
pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<Code> {
    match &args.action {
        Action::Req(a) => req::run(a, ctx),
        Action::Rep(a) => recv::run_rep(a, ctx),
        Action::Push(a) => send::run(&a.sock, zmq::PUSH, a.wait_peers, ctx),
        Action::Pull(a) => recv::run_pull(a, ctx),
        Action::Dealer(a) => send::run_dealer(a, ctx),
        Action::Router(a) => recv::run_router(a, ctx),
        Action::Pair(a) => {
            let split = split_args(&a.args)?;
            if split.messages.is_empty() {
                recv::run_plain(a, zmq::PAIR, None, ctx)
            } else {
                send::run(a, zmq::PAIR, None, ctx)
            }
        }
        Action::Proxy(a) => proxy::run(a, ctx),
        Action::Pub(a) => crate::cmd::pubsub::run_pub(a, ctx),
        Action::Sub(a) => crate::cmd::pubsub::run_sub(a, ctx),
    }
}

/// Check the flags shared by every type.
fn check_common(a: &SockArgs) -> Result<(), exit::Failure> {
    if a.max_size == 0 {
        return Err(exit::usage("--max-size must be at least 1 byte"));
    }
    if a.hwm < 0 {
        return Err(exit::usage("--hwm must be 0 (no limit) or more"));
    }
    if a.separator.as_deref() == Some("") {
        return Err(exit::usage("--separator must not be empty"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn endpoints_then_messages() {
        let sp = split_args(&s(&["tcp://127.0.0.1:1", "ipc:///tmp/x", "hi", "there"])).unwrap();
        assert_eq!(sp.urls.len(), 2);
        assert_eq!(sp.messages, s(&["hi", "there"]));
        let sp = split_args(&s(&["hi"])).unwrap();
        assert_eq!(sp.urls[0].port, Some(6789));
        assert!(split_args(&s(&["redis://x:1", "hi"])).is_err());
    }

    #[test]
    fn chapter_lines_parse() {
        use crate::cli::{Cli, Command};
        use clap::Parser;
        let c = Cli::try_parse_from([
            "netkit",
            "zmq",
            "rep",
            "--reply",
            "Stop saying: {}",
            "--count",
            "5",
        ])
        .unwrap();
        let Command::Zmq(Args {
            action: Action::Rep(r),
        }) = c.command
        else {
            panic!("not rep");
        };
        assert_eq!(r.reply.as_deref(), Some("Stop saying: {}"));
        assert_eq!(r.sock.count, Some(5));
        assert!(
            Cli::try_parse_from(["netkit", "zmq", "rep", "--reply", "x", "--exec", "cat"]).is_err()
        );
    }
}
