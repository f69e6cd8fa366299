//! `tcp-echo serve` and `tcp-echo send` (chapter §5): a concurrent TCP echo
//! server with framing (raw/line/length), limits and the seed's fixed-reply mode,
//! and a client that reports connect time and RTT, with a load mode. This file
//! holds the flags and the dispatch; `server`, `client` and `load` do the work,
//! `proto::framing` finds message boundaries. It does no TLS and no proxying.

pub mod client;
pub mod load;
mod protocol;
pub mod server;

use std::time::Duration;

use crate::cli::parse_duration;
use crate::cmd::echo_stats::{parse_delay, Delay};
use crate::cmd::Ctx;
use crate::exit::Code;
use crate::proto::framing::Framing;

pub use client::send;
pub use server::{bind, Server};

/// Flags of `tcp-echo`.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

/// `serve` or `send`.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Action {
    /// Serve many clients at once, echoing (or answering with --reply) per message
    Serve(ServeArgs),
    /// Connect, send, receive: connect time and RTT; or a load run with --concurrency
    Send(SendArgs),
}

/// Flags of `tcp-echo serve`.
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

    /// Answer every message with this text instead of echoing it (the seed's server)
    #[arg(long, value_name = "TEXT")]
    pub reply: Option<String>,

    /// Stop after N messages (over all clients)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,

    /// How messages are delimited: raw (every read), line (newline), length (4-byte big-endian prefix)
    #[arg(long, value_enum, value_name = "MODE", default_value_t = Framing::Raw)]
    pub framing: Framing,

    /// Most clients served at once; more are accepted and closed at once, with a log line
    #[arg(long, value_name = "N", default_value_t = 1024, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub max_clients: u64,

    /// Close a client that sends nothing for this long
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "60s")]
    pub idle_timeout: Duration,

    /// Largest message (64KB, 1MiB, bytes); a bigger frame or line closes that client (raw: the read size)
    #[arg(long, value_name = "SIZE", default_value = "64KB", value_parser = crate::value::parse_frame_size)]
    pub max_size: u64,

    /// Input held across all clients (partial messages); at it, the largest wait and stalled ones are closed, quiet longest first
    #[arg(long, value_name = "SIZE", default_value = "256MB", value_parser = crate::value::parse_size)]
    pub max_buffered: usize,

    /// Length of the kernel's queue of connections not yet accepted (listen(2))
    #[arg(long, value_name = "N", default_value_t = 1024, value_parser = clap::value_parser!(i32).range(1..=65535))]
    pub backlog: i32,

    /// Delay every reply, with optional uniform jitter: 50ms, 50ms±20ms
    #[arg(long, value_name = "DURATION[±JITTER]", value_parser = parse_delay)]
    pub delay: Option<Delay>,

    /// Seed for --delay's jitter
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,

    /// Serve TLS (the TLS echo server, like socat OPENSSL-LISTEN … PIPE); needs --tls-cert/--tls-key
    #[arg(long, requires = "tls_cert")]
    pub tls: bool,

    #[command(flatten)]
    pub tls_args: crate::net::tls::TlsServerArgs,
}

/// Flags of `tcp-echo send`.
#[derive(Debug, Clone, clap::Args)]
pub struct SendArgs {
    /// Where to connect: HOST:PORT, [V6]:PORT, :PORT
    #[arg(value_name = "TARGET", default_value = "127.0.0.1:6789")]
    pub target: String,

    /// The message; `-` sends one message per stdin line
    #[arg(value_name = "MESSAGE", default_value = "Hello!")]
    pub message: String,

    /// Number of messages to send
    #[arg(long, short = 'c', value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub count: u64,

    /// Time between messages
    #[arg(long, short = 'i', value_name = "DURATION", value_parser = parse_duration, default_value = "1s")]
    pub interval: Duration,

    /// Pad (or cut) every payload to exactly N bytes
    #[arg(long, short = 's', value_name = "N", value_parser = clap::value_parser!(u64).range(0..=(1u64 << 30)))]
    pub size: Option<u64>,

    /// Framing, matching the server's: raw, line, length
    #[arg(long, value_enum, value_name = "MODE", default_value_t = Framing::Raw)]
    pub framing: Framing,

    /// Load mode: this many connections in parallel, each sending as fast as replies come
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=10000))]
    pub concurrency: Option<u64>,

    /// Load mode: how long to run (default 5s when --concurrency is given)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub duration: Option<Duration>,

    /// Longest stdin line (with `-`) and reply accepted: 64KB, 1MiB, bytes
    #[arg(long, value_name = "SIZE", default_value_t = crate::input::MAX_LINE, value_parser = crate::value::parse_size)]
    pub max_size: usize,

    /// Speak TLS to the server (like `socat - OPENSSL:HOST:PORT`); verified unless --insecure
    #[arg(long)]
    pub tls: bool,

    /// --tls: print the TLS handshake summary before the messages
    #[arg(long, requires = "tls")]
    pub trace: bool,

    #[command(flatten)]
    pub tls_args: crate::net::tls::TlsClientArgs,
}

/// Default connect and reply timeout of the clients (`--timeout` overrides).
pub const REPLY_TIMEOUT: Duration = Duration::from_secs(2);

/// With raw framing, a reply shorter than the message is complete after this long
/// without more bytes (a fixed-reply server answers with any length).
pub const RAW_IDLE: Duration = Duration::from_millis(200);

/// Run `tcp-echo serve` or `tcp-echo send`.
pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<Code> {
    match &args.action {
        Action::Serve(a) => {
            let server = bind(a)?;
            crate::net::announce_tls(&ctx.out, "tcp", server.local_addr(), server.tls())?;
            server.run(ctx)
        }
        Action::Send(a) if a.concurrency.is_some() || a.duration.is_some() => load::run(a, ctx),
        Action::Send(a) => send(a, ctx),
    }
}
