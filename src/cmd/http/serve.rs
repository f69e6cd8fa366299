//! `netkit http serve [DIR]`: the flags, the listener, the counters and the
//! summary of the static file server; it runs on the connection engine
//! (`net::serve`) with the protocol in `files`. Lab API, as rpc-serve's:
//! [`bind`] → [`Server::local_addr`] → [`Server::run`]. `--tls-cert` serves
//! HTTPS through the engine's TLS transport (ALPN `http/1.1`).

use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use clap::Args as ClapArgs;
use serde::Serialize;

use super::files::Files;
use crate::cmd::Ctx;
use crate::exit::{self, Code};
use crate::net;
use crate::net::serve::{self, Config};
use crate::net::tls::ServerTls;
use crate::output::{plural, Out, Palette, Render};
use crate::signal::Stop;
use crate::value::parse_size;

/// `netkit http serve [DIR]`.
#[derive(Debug, Clone, ClapArgs)]
pub struct ServeArgs {
    /// Directory to serve (nothing outside it, symlinks included)
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,

    /// Address to listen on (a wildcard address warns)
    #[arg(
        long,
        short = 'l',
        value_name = "HOST:PORT",
        default_value = "127.0.0.1:8000"
    )]
    pub listen: String,

    /// Stop after answering N requests
    #[arg(long, value_name = "N")]
    pub count: Option<u64>,

    /// Most clients at once; more are answered 503 and closed
    #[arg(long, value_name = "N", default_value_t = 1024)]
    pub max_clients: usize,

    /// Close a connection idle (or a request unfinished) for this long
    #[arg(long, value_name = "DURATION", value_parser = super::duration, default_value = "30s")]
    pub idle_timeout: Duration,

    /// Largest request (head plus body) accepted; more is answered 431/413 and closed
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "64KiB")]
    pub max_request: usize,

    /// Partial input held across all connections; at it, the largest wait and stalled ones are closed, quiet longest first
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "256MiB")]
    pub max_buffered: usize,

    #[command(flatten)]
    pub tls: crate::net::tls::TlsServerArgs,
}

/// A bound server, not yet serving.
pub struct Server {
    listener: TcpListener,
    addr: SocketAddr,
    args: ServeArgs,
    root: PathBuf,
    tls: Option<ServerTls>,
}

/// What the workers share.
pub struct Shared {
    pub root: PathBuf,
    pub out: Out,
    pub max_request: usize,
    pub max_clients: usize,
    pub stop: Stop,
    pub outer: Stop,
    count: Option<u64>,
    pub requests: AtomicU64,
    pub refused: AtomicU64,
    pub bytes: AtomicU64,
}

impl Shared {
    /// Count one request; `--count` reached stops the server.
    pub fn record(&self, bytes: usize) {
        self.bytes.fetch_add(bytes as u64, Ordering::Relaxed);
        let n = self.requests.fetch_add(1, Ordering::SeqCst) + 1;
        if self.count.is_some_and(|c| n >= c) {
            self.stop.stop();
        }
    }
    pub fn stopping(&self) -> bool {
        if self.outer.is_stopped() {
            self.stop.stop();
        }
        self.stop.is_stopped()
    }
}

/// Printed when the server stops.
#[derive(Debug, Serialize)]
pub struct Summary {
    pub requests: u64,
    pub refused: u64,
    pub bytes: u64,
    pub connections: u64,
}

impl Render for Summary {
    fn kind(&self) -> &str {
        "summary"
    }
    fn human(&self, p: &Palette) -> String {
        format!(
            "{} served {} ({} refused, {} of bodies) over {}",
            p.name("http"),
            plural(self.requests, "request"),
            self.refused,
            plural(self.bytes, "byte"),
            plural(self.connections, "connection")
        )
    }
}

/// Bind the listener (port 0 picks a free one) and check DIR.
pub fn bind(args: &ServeArgs) -> anyhow::Result<Server> {
    if args.count == Some(0) || args.max_clients == 0 || args.idle_timeout.is_zero() {
        return Err(
            exit::usage("--count, --max-clients and --idle-timeout must be positive").into(),
        );
    }
    let root = args
        .dir
        .canonicalize()
        .ok()
        .filter(|p| p.is_dir())
        .ok_or_else(|| exit::usage(format!("{} is not a directory", args.dir.display())))?;
    let tls = ServerTls::from_args(&args.tls, &[b"http/1.1"])?;
    let addr = net::listen_addr(&args.listen, 8000)?;
    let listener = net::bind_tcp(addr, 1024)?;
    let addr = listener.local_addr()?;
    Ok(Server {
        listener,
        addr,
        args: args.clone(),
        root,
        tls,
    })
}

/// `netkit http serve`: bind, announce, serve.
pub fn run(args: &ServeArgs, ctx: &Ctx) -> anyhow::Result<Code> {
    let server = bind(args)?;
    server.announce(&ctx.out)?;
    server.run(ctx)
}

impl Server {
    /// Print `listening on http(s) ADDR` (with the TLS note), as the command does.
    pub fn announce(&self, out: &Out) -> anyhow::Result<()> {
        let proto = if self.tls.is_some() { "https" } else { "http" };
        net::announce_tls(out, proto, self.addr, self.tls.as_ref())
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serve until `--count` requests or a stop request; then the summary.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<Code> {
        let idle = ctx
            .timeout
            .filter(|t| !t.is_zero())
            .unwrap_or(self.args.idle_timeout);
        let sh = Shared {
            root: self.root,
            out: ctx.out.clone(),
            max_request: self.args.max_request,
            max_clients: self.args.max_clients,
            stop: Stop::new(),
            outer: ctx.stop.clone(),
            count: self.args.count,
            requests: AtomicU64::new(0),
            refused: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
        };
        let cfg = Config {
            workers: Config::default_workers(),
            max_clients: sh.max_clients,
            idle: Some(idle),
            stall: Some(idle),
            request: Some(idle),
            max_buffered: self.args.max_buffered,
            max_input: sh.max_request.saturating_add(1024),
            // Pipelined requests wait while a response is still going out.
            read_pause: 0,
            tls: self.tls.as_ref().map(|t| t.config.clone()),
        };
        let result = serve::run(&self.listener, cfg, &ctx.out, &ctx.stop, |_| Files {
            sh: &sh,
        });
        ctx.out.emit(&Summary {
            requests: sh.requests.load(Ordering::SeqCst),
            refused: sh.refused.load(Ordering::SeqCst),
            bytes: sh.bytes.load(Ordering::SeqCst),
            connections: result.as_ref().map_or(0, |r| r.connections),
        })?;
        result.map_err(|e| anyhow::Error::new(e).context("serving HTTP clients"))?;
        Ok(Code::Ok)
    }
}
