//! `udp-echo serve` and `udp-echo send` (chapter §5, RFC 862): a UDP echo server
//! with the seed's fixed-reply mode and lossy-network knobs, and a ping-like client
//! with sequence-numbered probes and a load mode. This file holds the flags and the
//! dispatch; `server`, `client` and `load` do the work. It does not frame anything:
//! a datagram is a message.

pub mod client;
pub mod load;
mod probes;
pub mod server;

use std::time::Duration;

use crate::cli::parse_duration;
use crate::cmd::echo_stats::{parse_delay, parse_percent, Delay};
use crate::cmd::Ctx;
use crate::exit::Code;

pub use client::send;
pub use server::{bind, Server};

/// Flags of `udp-echo`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

/// `serve` or `send`.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Action {
    /// Echo datagrams back (or answer with --reply), one line per datagram
    Serve(ServeArgs),
    /// Send datagrams and match replies: RTT, loss, duplicates; or a load run
    Send(SendArgs),
}

/// Flags of `udp-echo serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on: HOST:PORT, [V6]:PORT, :PORT; port 0 picks a free one
    #[arg(
        long,
        short = 'l',
        value_name = "ADDR",
        default_value = "127.0.0.1:6789"
    )]
    pub listen: String,

    /// Answer every datagram with this text instead of echoing it (the seed's server)
    #[arg(long, value_name = "TEXT")]
    pub reply: Option<String>,

    /// Stop after N datagrams
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,

    /// Drop this percentage of replies (a lossy network, reproducible with --seed)
    #[arg(long, value_name = "PERCENT", value_parser = parse_percent, default_value = "0")]
    pub drop: f64,

    /// Delay every reply, with optional uniform jitter: 50ms, 50ms±20ms, 50ms+-20ms
    #[arg(long, value_name = "DURATION[±JITTER]", value_parser = parse_delay)]
    pub delay: Option<Delay>,

    /// Send this percentage of replies twice
    #[arg(long, value_name = "PERCENT", value_parser = parse_percent, default_value = "0")]
    pub duplicate: f64,

    /// Seed for --drop/--delay/--duplicate, so a run can be repeated exactly
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
}

/// When probes carry a sequence number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SeqMode {
    /// Only when more than one datagram is sent (a single probe is sent exactly as given)
    #[default]
    Auto,
    /// Always prefix `#N ` to the payload
    On,
    /// Never: replies are matched in order of arrival
    Off,
}

/// Flags of `udp-echo send`.
#[derive(Debug, Clone, clap::Args)]
pub struct SendArgs {
    /// Where to send: HOST:PORT, [V6]:PORT, :PORT
    #[arg(value_name = "TARGET", default_value = "127.0.0.1:6789")]
    pub target: String,

    /// The message; `-` sends one datagram per stdin line
    #[arg(value_name = "MESSAGE", default_value = "Hello!")]
    pub message: String,

    /// Number of probes to send
    #[arg(long, short = 'c', value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub count: u64,

    /// Time between probes (like ping's -i); with MESSAGE `-` stdin lines go out as they come, and --count does not apply
    #[arg(long, short = 'i', value_name = "DURATION", value_parser = parse_duration, default_value = "1s")]
    pub interval: Duration,

    /// Pad (or cut) every payload to exactly N bytes
    #[arg(long, short = 's', value_name = "N", value_parser = clap::value_parser!(u64).range(0..=65507))]
    pub size: Option<u64>,

    /// Sequence numbers in probes (`#N ` prefix), so late, duplicate and reordered replies are told apart
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = SeqMode::Auto)]
    pub seq: SeqMode,

    /// Load mode: this many sockets sending in parallel (each waits for its reply)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=10000))]
    pub concurrency: Option<u64>,

    /// Load mode: how long to run (default 5s when --concurrency is given)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub duration: Option<Duration>,
}

/// Default reply timeout of the clients (`--timeout` overrides).
pub const REPLY_TIMEOUT: Duration = Duration::from_secs(1);

/// Run `udp-echo serve` or `udp-echo send`.
pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<Code> {
    match &args.action {
        Action::Serve(a) => {
            let server = bind(a)?;
            crate::net::announce(&ctx.out, "udp", server.local_addr())?;
            server.run(ctx)
        }
        Action::Send(a) if a.concurrency.is_some() || a.duration.is_some() => load::run(a, ctx),
        Action::Send(a) => send(a, ctx),
    }
}
