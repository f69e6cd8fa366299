//! `netkit rpc-serve`: the listener, one thread per client (bounded by
//! `--max-clients`), the call log, and the summary. What each connection speaks
//! is in `handlers`; what the server runs is in `methods` (nothing else).
//! Lab API: [`bind`] → [`Server::local_addr`] → [`Server::run`], which returns
//! at `--count` calls or when `ctx.stop` is set, after printing its summary.

use std::net::{SocketAddr, TcpListener};
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use serde::Serialize;

use super::{handlers, Proto, ServeArgs};
use crate::cmd::Ctx;
use crate::exit::Code;
use crate::net;
use crate::output::{Out, Palette, Render};
use crate::signal::{Stop, POLL};

/// A bound server, not yet serving.
pub struct Server {
    listener: TcpListener,
    addr: SocketAddr,
    args: ServeArgs,
}

/// State every connection thread shares.
pub struct Shared {
    pub proto: Proto,
    pub max_size: usize,
    pub idle: Duration,
    pub out: Out,
    /// Set when the server stops (signal, lab, or `--count` reached).
    pub stop: Stop,
    count: Option<u64>,
    /// Calls let in so far (see [`Shared::admit`]).
    admitted: AtomicU64,
    calls: AtomicU64,
    faults: AtomicU64,
}

impl Shared {
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

/// One call (or HTTP request) served, logged like Python's server.
#[derive(Debug, Serialize)]
pub struct Served {
    pub peer: String,
    pub time: String,
    pub request: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    pub outcome: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fault: Option<i64>,
    #[serde(skip)]
    pub ip: String,
    #[serde(skip)]
    pub clf_time: String,
}

impl Served {
    /// A log entry; only the timestamp the output mode shows is formatted.
    pub fn new(peer: SocketAddr, request: String, out: &Out) -> Served {
        let now = chrono::Local::now();
        let (time, clf_time) = match (out.quiet(), out.is_json()) {
            (true, _) => (String::new(), String::new()),
            (false, true) => (
                now.to_rfc3339_opts(chrono::SecondsFormat::Micros, false),
                String::new(),
            ),
            (false, false) => (String::new(), now.format("%d/%b/%Y %H:%M:%S").to_string()),
        };
        Served {
            peer: peer.to_string(),
            time,
            request,
            status: None,
            method: None,
            outcome: "ok",
            fault: None,
            ip: peer.ip().to_string(),
            clf_time,
        }
    }
}

impl Render for Served {
    fn kind(&self) -> &str {
        "request"
    }
    fn human(&self, p: &Palette) -> String {
        let status = match self.status {
            Some(s) => s.to_string(),
            None => self.outcome.to_string(),
        };
        let status = if self.outcome == "ok" {
            p.ok(&status)
        } else {
            p.warn(&status)
        };
        format!(
            "{} - - [{}] \"{}\" {status} -",
            self.ip, self.clf_time, self.request
        )
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
    let addr = net::listen_addr(&args.listen, net::DEFAULT_PORT)?;
    let listener = net::bind_tcp(addr, 1024)?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    Ok(Server {
        listener,
        addr,
        args: args.clone(),
    })
}

/// `rpc-serve`: bind, announce, serve.
pub fn run_serve(args: &ServeArgs, ctx: &Ctx) -> anyhow::Result<Code> {
    let server = bind(args)?;
    net::announce(&ctx.out, args.proto.name(), server.local_addr())?;
    server.run(ctx)
}

impl Server {
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serve until `--count` calls or a stop request; then print the summary.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<Code> {
        let shared = Arc::new(Shared {
            proto: self.args.proto,
            max_size: self.args.max_size,
            idle: ctx.timeout.unwrap_or(self.args.idle_timeout),
            out: ctx.out.clone(),
            stop: Stop::new(),
            count: self.args.count,
            admitted: AtomicU64::new(0),
            calls: AtomicU64::new(0),
            faults: AtomicU64::new(0),
        });
        let active = Arc::new(AtomicUsize::new(0));
        let mut threads: Vec<thread::JoinHandle<()>> = Vec::new();
        let mut connections = 0u64;
        loop {
            if ctx.stop.is_stopped() {
                shared.stop.stop();
            }
            if shared.stop.is_stopped() {
                break;
            }
            if !readable(&self.listener, POLL) {
                threads.retain(|t| !t.is_finished());
                continue;
            }
            let (stream, peer) = match self.listener.accept() {
                Ok(x) => x,
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
                Err(e) => {
                    ctx.out.warn(&format!("accepting a connection: {e}"))?;
                    thread::sleep(POLL);
                    continue;
                }
            };
            if active.load(Ordering::SeqCst) >= self.args.max_clients {
                ctx.out.warn(&format!(
                    "turning away {peer}: {} clients already (--max-clients)",
                    self.args.max_clients
                ))?;
                handlers::turn_away(stream, self.args.proto);
                continue;
            }
            connections += 1;
            active.fetch_add(1, Ordering::SeqCst);
            let (shared, active) = (shared.clone(), active.clone());
            let spawned = thread::Builder::new()
                .name(format!("rpc {peer}"))
                .spawn(move || {
                    handlers::serve_connection(stream, peer, &shared);
                    active.fetch_sub(1, Ordering::SeqCst);
                });
            match spawned {
                Ok(t) => threads.push(t),
                Err(e) => ctx
                    .out
                    .warn(&format!("cannot start a thread for {peer}: {e}"))?,
            }
        }
        for t in threads {
            let _ = t.join();
        }
        ctx.out.emit(&ServeSummary {
            proto: self.args.proto,
            calls: shared.calls.load(Ordering::SeqCst),
            faults: shared.faults.load(Ordering::SeqCst),
            connections,
        })?;
        Ok(Code::Ok)
    }
}

/// Wait up to `wait` for a connection to accept (poll(2) on the listener).
fn readable(listener: &TcpListener, wait: Duration) -> bool {
    let mut p = libc::pollfd {
        fd: listener.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd for a socket this function borrows; poll does not keep it.
    let n = unsafe { libc::poll(&mut p, 1, wait.as_millis() as libc::c_int) };
    n > 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::rpc::client::{Client, Outcome};
    use crate::cmd::rpc::target;
    use crate::output::Mode;

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
                idle_timeout: Duration::from_secs(5),
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
