//! One module per subcommand. Each exposes its clap `Args` and a
//! `run(&Args, &Ctx) -> anyhow::Result<Code>` that does the work, returns data to
//! `output`, and reports a negative answer as `Code::Negative` (or an error). This
//! module holds only the shared [`Ctx`] and the dispatch table.

pub mod broker;
pub mod dns;
pub mod echo_stats;
pub mod http;
pub mod lab;
pub mod pubsub;
pub mod rpc;
pub mod serv;
pub mod tcp_echo;
pub mod tls;
pub mod udp_echo;
pub mod zmq;

use std::time::Duration;

use crate::cli::{Cli, Command};
use crate::exit::Code;
use crate::output::Out;
use crate::signal::Stop;

/// What every command gets besides its own flags.
#[derive(Clone)]
pub struct Ctx {
    /// Where events go (stdout, or a labelled buffer in a lab).
    pub out: Out,
    /// `--timeout`, if the user gave one; commands apply their own default otherwise.
    pub timeout: Option<Duration>,
    /// Set by Ctrl-C / SIGTERM, or by a lab that started this command in-process.
    pub stop: Stop,
}

impl Ctx {
    pub fn new(out: Out, timeout: Option<Duration>) -> Ctx {
        Ctx {
            out,
            timeout,
            stop: Stop::new(),
        }
    }

    /// `--timeout`, or the command's default.
    pub fn timeout_or(&self, default: Duration) -> Duration {
        self.timeout.unwrap_or(default)
    }

    /// The same context speaking as `side` (lab transcripts).
    pub fn with_side(&self, side: &str) -> Ctx {
        Ctx {
            out: self.out.with_side(side),
            ..self.clone()
        }
    }
}

/// Run the parsed command line.
pub fn run(cli: &Cli, ctx: &Ctx) -> anyhow::Result<Code> {
    match &cli.command {
        Command::UdpEcho(a) => udp_echo::run(a, ctx),
        Command::TcpEcho(a) => tcp_echo::run(a, ctx),
        Command::Dns(a) => dns::run(a, ctx),
        Command::ServByName(a) => serv::run_by_name(a, ctx),
        Command::ServByPort(a) => serv::run_by_port(a, ctx),
        Command::Pub(a) => pubsub::run_pub(a, ctx),
        Command::Sub(a) => pubsub::run_sub(a, ctx),
        Command::Broker(a) => broker::run(a, ctx),
        Command::RpcCall(a) => rpc::run_call(a, ctx),
        Command::RpcServe(a) => rpc::run_serve(a, ctx),
        Command::Lab(a) => lab::run(a, ctx),
        Command::Zmq(a) => zmq::run(a, ctx),
        Command::Tls(a) => tls::run(a, ctx),
        Command::Http(a) => http::run(a, ctx),
    }
}
