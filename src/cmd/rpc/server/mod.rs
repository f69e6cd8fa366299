//! `netkit rpc-serve` (the server half of `rpc`): the listener, the shared
//! counters and the summary (the call log line is `output::access`); it serves on the connection engine (`net::serve`, one
//! worker per core, at most four) with the protocol in `protocol`. What a connection speaks is in `handlers`; what the server runs is
//! in `methods` (nothing else).
//!
//! Why event loops and not a thread per client (the first version): a call is a
//! few microseconds of work, so a thread per client spent most of its time in
//! the scheduler — one wake-up per request, on a loaded 2-core machine often
//! more than the call itself. A worker that finds several requests ready
//! answers them all in one wake-up and prints their log lines in one write.
//! Lab API: [`bind`] → [`Server::local_addr`] → [`Server::run`], which returns
//! at `--count` calls or when `ctx.stop` is set, after printing its summary.

pub mod handlers;
pub mod methods;
pub mod protocol;

use std::net::{SocketAddr, TcpListener};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use serde::Serialize;

use self::protocol::Rpc;
use super::{Proto, ServeArgs};
use crate::cmd::Ctx;
use crate::exit::Code;
use crate::net;
use crate::net::serve::{self, Config};
use crate::net::tls::ServerTls;
use crate::output::{Out, Palette, Render};
use crate::signal::Stop;

/// A bound server, not yet serving.
pub struct Server {
    listener: TcpListener,
    addr: SocketAddr,
    args: ServeArgs,
    tls: Option<ServerTls>,
}

/// State the workers share.
pub struct Shared {
    pub proto: Proto,
    pub max_size: usize,
    pub max_clients: usize,
    pub idle: Duration,
    pub max_buffered: usize,
    pub out: Out,
    /// Set when the server stops (signal, lab, `--count` reached, stdout gone).
    pub stop: Stop,
    /// The command's stop token (Ctrl-C, a lab).
    pub outer: Stop,
    count: Option<u64>,
    /// Calls let in so far (see [`Shared::admit`]).
    admitted: AtomicU64,
    calls: AtomicU64,
    faults: AtomicU64,
}

impl Shared {
    /// Should the workers stop? (`--count`, a signal, a lab.)
    pub fn stopping(&self) -> bool {
        if self.outer.is_stopped() {
            self.stop.stop();
        }
        self.stop.is_stopped()
    }

    /// May one more call be served? With `--count N`, only N calls are let in, even
    /// when several connections ask at once; a refused caller is disconnected.
    pub fn admit(&self) -> bool {
        match self.count {
            None => !self.stop.is_stopped(),
            Some(n) => self.admitted.fetch_add(1, Ordering::SeqCst) < n,
        }
    }

    /// Count one call; reaching `--count` stops the server.
    pub fn record(&self, fault: bool) {
        let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
        if fault {
            self.faults.fetch_add(1, Ordering::SeqCst);
        }
        if self.count.is_some_and(|c| n >= c) {
            self.stop.stop();
        }
    }
}

/// What the server did, printed when it stops.
#[derive(Debug, Serialize)]
pub struct ServeSummary {
    pub proto: Proto,
    pub calls: u64,
    pub faults: u64,
    pub connections: u64,
}

impl Render for ServeSummary {
    fn kind(&self) -> &str {
        "summary"
    }
    fn human(&self, p: &Palette) -> String {
        format!(
            "{} served {} ({}) over {}",
            p.name(self.proto.name()),
            crate::output::plural(self.calls, "call"),
            crate::output::plural(self.faults, "fault"),
            crate::output::plural(self.connections, "connection")
        )
    }
}

/// Bind the listening socket (port 0 picks a free one).
pub fn bind(args: &ServeArgs) -> anyhow::Result<Server> {
    let zero = [
        (args.count == Some(0), "--count 0"),
        (args.max_size == 0, "--max-size 0"),
        (args.idle_timeout.is_zero(), "--idle-timeout 0"),
        (args.max_clients == 0, "--max-clients 0"),
    ];
    if let Some((_, flag)) = zero.iter().find(|(bad, _)| *bad) {
        return Err(crate::exit::usage(format!(
            "{flag} would serve nothing: give a positive value"
        ))
        .into());
    }
    let tls = ServerTls::from_args(&args.tls, &[b"http/1.1"])?;
    let addr = net::listen_addr(&args.listen, net::DEFAULT_PORT)?;
    let listener = net::bind_tcp(addr, 1024)?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    Ok(Server {
        listener,
        addr,
        args: args.clone(),
        tls,
    })
}

/// `rpc-serve`: bind, announce, serve.
pub fn run_serve(args: &ServeArgs, ctx: &Ctx) -> anyhow::Result<Code> {
    let server = bind(args)?;
    net::announce_tls(
        &ctx.out,
        args.proto.name(),
        server.local_addr(),
        server.tls(),
    )?;
    server.run(ctx)
}

impl Server {
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The TLS it serves (`--tls-cert`), for the startup line.
    pub fn tls(&self) -> Option<&ServerTls> {
        self.tls.as_ref()
    }

    /// Serve until `--count` calls or a stop request; then print the summary.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<Code> {
        let shared = Shared {
            proto: self.args.proto,
            max_size: self.args.max_size,
            max_clients: self.args.max_clients,
            idle: (ctx.timeout)
                .filter(|t| !t.is_zero())
                .unwrap_or(self.args.idle_timeout),
            max_buffered: self.args.max_buffered,
            out: ctx.out.clone(),
            stop: Stop::new(),
            outer: ctx.stop.clone(),
            count: self.args.count,
            admitted: AtomicU64::new(0),
            calls: AtomicU64::new(0),
            faults: AtomicU64::new(0),
        };
        let cfg = Config {
            workers: Config::default_workers(),
            max_clients: shared.max_clients,
            idle: Some(shared.idle),
            stall: Some(shared.idle),
            // A request must be whole within --idle-timeout too: a client
            // sending a byte at a time does not keep a connection forever.
            request: Some(shared.idle),
            max_buffered: shared.max_buffered,
            // An HTTP head (64 KiB at most) on top of the body.
            max_input: shared.max_size.saturating_add(64 * 1024),
            read_pause: 0,
            tls: self.tls.as_ref().map(|t| t.config.clone()),
        };
        let result = serve::run(&self.listener, cfg, &ctx.out, &ctx.stop, |_| Rpc {
            sh: &shared,
        });
        ctx.out.emit(&ServeSummary {
            proto: self.args.proto,
            calls: shared.calls.load(Ordering::SeqCst),
            faults: shared.faults.load(Ordering::SeqCst),
            connections: result.as_ref().map_or(0, |r| r.connections),
        })?;
        result.map_err(|e| anyhow::Error::new(e).context("serving RPC clients"))?;
        Ok(Code::Ok)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::rpc::client::target;
    use crate::cmd::rpc::client::{Client, Outcome};
    use crate::output::Mode;
    use std::thread;

    /// The lab's way: bind, read the address, run on a thread, call, stop.
    #[test]
    fn in_process_bind_run_stop() {
        for proto in [Proto::Xmlrpc, Proto::Jsonrpc, Proto::Msgpack] {
            let args = ServeArgs {
                proto,
                listen: "127.0.0.1:0".into(),
                count: None,
                max_clients: 4,
                max_size: 4096,
                max_buffered: 1 << 20,
                idle_timeout: Duration::from_secs(5),
                tls: Default::default(),
            };
            let server = bind(&args).unwrap();
            let addr = server.local_addr();
            let (out, buf) = Out::buffer(Mode::Json);
            let ctx = Ctx::new(out.with_side("server"), None);
            let stop = ctx.stop.clone();
            let t = thread::spawn(move || server.run(&ctx).unwrap());
            let url = match proto {
                Proto::Xmlrpc => format!("http://{addr}/"),
                _ => format!("tcp://{addr}"),
            };
            let tgt = target::target(&url, Some(proto)).unwrap();
            let mut c = Client::new(tgt, Duration::from_secs(5), 1 << 20, Stop::new(), None);
            let got = c.call("power", &serde_json::json!([7])).unwrap();
            assert_eq!(got, Outcome::Value(serde_json::json!(49)));
            stop.stop();
            assert_eq!(t.join().unwrap(), Code::Ok);
            let text = buf.contents();
            assert!(text.contains("\"type\":\"request\""), "{text}");
            assert!(
                text.contains("\"type\":\"summary\",\"side\":\"server\""),
                "{text}"
            );
        }
    }
}
