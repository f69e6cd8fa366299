//! `netkit broker`: a pub/sub server that speaks enough of the Redis protocol
//! (RESP2, and RESP3 after `HELLO 3`) for redis-py, redis-cli and `netkit pub/sub`
//! to work against it unchanged, so a lab needs no Redis install (chapter §2).
//!
//! It runs on the connection engine (`net::serve`) with one worker, like
//! Redis's own single event loop: the channel and pattern tables are then plain
//! maps with no locks, and a PUBLISH appends the message to each subscriber's
//! output buffer in the same step. Memory is bounded per client: an input
//! buffer of at most one command (`--max-size` plus headers), a subscriber's
//! unsent output up to `--output-limit` (then it is disconnected, like Redis's
//! `client-output-buffer-limit pubsub`), a normal client whose replies pile up is
//! not read until it drains them; and for all clients together by
//! `--max-buffered`. A half-sent command stalled for `--idle-timeout` closes its
//! client (idle clients with nothing half-sent stay, as in Redis). Malformed RESP
//! gets `-ERR Protocol error` and closes that client only.
//!
//! It stores no keys, has no persistence, no AUTH checks (any password is accepted),
//! no sharded pub/sub and no cluster: it is a teaching broker, not a Redis.

mod commands;
mod events;
mod state;

use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args as ClapArgs;

use crate::cli::parse_duration;
use crate::cmd::Ctx;
use crate::exit::{self, Code};
use crate::net;
use crate::net::serve::{self, Config};
use crate::net::tls::ServerTls;

use events::{Stats, Summary};
use state::{Broker, State};

/// The broker's default address: Redis's port, on loopback.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:6379";

/// `netkit broker [--listen HOST:PORT]`
#[derive(Debug, Clone, ClapArgs)]
#[command(after_help = "\
Examples:
  netkit broker                                  # 127.0.0.1:6379, like redis-server
  netkit broker --listen :0 --json               # any free port, printed first
  redis-cli -p 6379 PUBLISH catA hatB            # redis-cli, redis-py and netkit work against it

Commands: PING ECHO QUIT RESET HELLO AUTH SELECT CLIENT COMMAND SUBSCRIBE UNSUBSCRIBE
PSUBSCRIBE PUNSUBSCRIBE PUBLISH PUBSUB; others get Redis's -ERR unknown command.")]
pub struct Args {
    /// Address to listen on (HOST:PORT, [V6]:PORT, :PORT; port 0 = any free port)
    #[arg(long, value_name = "HOST:PORT", default_value = DEFAULT_LISTEN)]
    pub listen: String,

    /// Most clients connected at once; more are refused with -ERR max number of clients reached
    #[arg(long, value_name = "N", default_value_t = 1024)]
    pub max_clients: usize,

    /// Disconnect a subscriber whose unsent output passes this size (e.g. 32MB, 512KB)
    #[arg(long, value_name = "SIZE", default_value = "32MB", value_parser = crate::value::parse_size)]
    pub output_limit: usize,

    /// Largest bulk string (channel or message) a client may send (e.g. 64MB)
    #[arg(long, value_name = "SIZE", default_value = "64MB", value_parser = crate::value::parse_size)]
    pub max_size: usize,

    /// Input held across all clients (half-sent commands); at it, the largest wait and stalled ones are closed, quiet longest first
    #[arg(long, value_name = "SIZE", default_value = "256MB", value_parser = crate::value::parse_size)]
    pub max_buffered: usize,

    /// Close a client whose half-sent command gets no byte for this long
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "60s")]
    pub idle_timeout: Duration,

    #[command(flatten)]
    pub tls: crate::net::tls::TlsServerArgs,
}

impl Default for Args {
    fn default() -> Args {
        Args {
            listen: DEFAULT_LISTEN.to_string(),
            max_clients: 1024,
            output_limit: 32 * 1024 * 1024,
            max_size: 64 * 1024 * 1024,
            max_buffered: serve::DEFAULT_MAX_BUFFERED,
            idle_timeout: Duration::from_secs(60),
            tls: Default::default(),
        }
    }
}

/// A bound broker, not yet serving (the lab's in-process API).
pub struct Server {
    listener: TcpListener,
    addr: SocketAddr,
    args: Args,
    tls: Option<ServerTls>,
}

/// Bind the listening socket.
pub fn bind(args: &Args) -> anyhow::Result<Server> {
    if args.max_clients == 0 {
        return Err(exit::usage("--max-clients must be at least 1").into());
    }
    let tls = ServerTls::from_args(&args.tls, &[])?;
    let addr = net::listen_addr(&args.listen, 6379)?;
    let listener = net::bind_tcp(addr, 511)?;
    listener
        .set_nonblocking(true)
        .context("making the listener non-blocking")?;
    let addr = listener.local_addr().context("reading the bound address")?;
    Ok(Server {
        listener,
        addr,
        args: args.clone(),
        tls,
    })
}

impl Server {
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The TLS it serves (`--tls-cert`), for the startup line.
    pub fn tls(&self) -> Option<&ServerTls> {
        self.tls.as_ref()
    }

    /// Serve until Ctrl-C or `ctx.stop`, then print the summary.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<Code> {
        let started = Instant::now();
        let a = &self.args;
        if a.idle_timeout.is_zero() {
            return Err(exit::usage("--idle-timeout 0 would close every client at once").into());
        }
        let st = State::new(a, ctx.out.clone());
        let cfg = Config {
            workers: 1,
            max_clients: a.max_clients,
            idle: None,
            stall: Some(a.idle_timeout),
            request: None,
            max_buffered: a.max_buffered,
            max_input: st.query_limit().saturating_add(1),
            read_pause: state::PAUSE_OUTPUT,
            tls: self.tls.as_ref().map(|t| t.config.clone()),
        };
        let report = Arc::new(Mutex::new(Stats::default()));
        let mut proto = Some(Broker::new(st, report.clone()));
        let result = serve::run(&self.listener, cfg, &ctx.out, &ctx.stop, |_| {
            proto.take().expect("one worker")
        });
        let stats = report.lock().unwrap_or_else(|p| p.into_inner()).clone();
        ctx.out.emit(&Summary::new(&stats, started.elapsed()))?;
        result.context("serving Redis clients")?;
        Ok(Code::Ok)
    }
}

/// `netkit broker`: bind, announce, serve.
pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<Code> {
    let server = bind(args)?;
    net::announce_tls(&ctx.out, "redis", server.local_addr(), server.tls())?;
    server.run(ctx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{Mode, Out};
    use std::io::{Read, Write};

    #[test]
    fn in_process_bind_run_and_stop() {
        let server = bind(&Args {
            listen: "127.0.0.1:0".into(),
            ..Args::default()
        })
        .unwrap();
        let addr = server.local_addr();
        let (out, buf) = Out::buffer(Mode::Json);
        let ctx = Ctx::new(out, None);
        let stopper = ctx.stop.clone();
        let t = std::thread::spawn(move || server.run(&ctx).unwrap());
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_secs(5)))
            .unwrap();
        s.write_all(b"*1\r\n$4\r\nPING\r\nQUIT\r\n").unwrap();
        let mut got = String::new();
        s.read_to_string(&mut got).unwrap();
        assert_eq!(got, "+PONG\r\n+OK\r\n");
        stopper.stop();
        assert_eq!(t.join().unwrap(), Code::Ok);
        assert!(buf.contents().contains("\"type\":\"summary\""));
    }
}
