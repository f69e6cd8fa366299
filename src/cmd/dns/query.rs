//! The DNS query engine behind `dns lookup` and `dns reverse`: a hickory-resolver
//! `Resolver` on a current-thread tokio runtime, configured as a diagnostic tool
//! wants it — no cache, no `/etc/hosts`, no search list, one server (from
//! `--server`, else the first of `/etc/resolv.conf`'s), UDP or TCP — and one
//! [`Outcome`] per (name, type) that says what the server answered and how long it took.
//!
//! It does not print; `lookup` and `reverse` render outcomes. It reads
//! `/etc/resolv.conf` only when no `--server` is given (that read is startup work a
//! single query should not pay for).

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use anyhow::Context;
use hickory_resolver::config::{ConnectionConfig, NameServerConfig, ResolveHosts, ResolverConfig};
use hickory_resolver::net::runtime::TokioRuntimeProvider;
use hickory_resolver::net::{DnsError, NetError};
use hickory_resolver::proto::op::ResponseCode;
use hickory_resolver::proto::rr::{Record, RecordType};
use hickory_resolver::TokioResolver;

use crate::exit::Kind;
use crate::exit::{self, Code};
use crate::proto::dnsname;
use crate::signal::{self, Stop};

/// How to reach the DNS.
#[derive(Debug, Clone)]
pub struct Setup {
    /// `--server`; `None` = the system's first name server.
    pub server: Option<SocketAddr>,
    pub tcp: bool,
    /// Per-try limit.
    pub timeout: Duration,
    /// Tries after the first (hickory's `attempts`).
    pub retries: usize,
    /// Keep answers between queries of one run (`--cache`).
    pub cache: bool,
    /// Apply resolv.conf's search list to names without a trailing dot (`--search`).
    pub search: bool,
    /// Queries in flight at once (batch).
    pub concurrency: usize,
    /// Ctrl-C / a lab's stop: pending queries give up within `signal::POLL`.
    pub stop: Stop,
}

/// A resolver plus the description of where it asks.
pub struct Engine {
    resolver: TokioResolver,
    pub via: Via,
    setup: Setup,
}

/// Where queries went and how long each try could wait (for messages and summaries).
#[derive(Debug, Clone)]
pub struct Via {
    /// The server asked, as `IP:PORT`.
    pub server: String,
    /// `udp` or `tcp`.
    pub protocol: &'static str,
    pub timeout: Duration,
    pub retries: usize,
}

/// What became of one query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Answer records came back.
    NoError,
    /// The name does not exist.
    NxDomain,
    /// The name exists but has no record of this type.
    NoData,
    /// The server answered with an error code (SERVFAIL, REFUSED...).
    Rcode(ResponseCode),
    /// No answer within the limit.
    Timeout,
    /// Anything else (refused connection, malformed reply...).
    Failed(String),
    /// A failure with its own kind and hint (TLS, HTTP).
    Broken(Box<exit::Failure>),
    /// Ctrl-C (or a lab's stop) before the answer came.
    Interrupted,
}

impl Status {
    /// The word shown to users and in JSON (`NOERROR`, `NXDOMAIN`, `NODATA`, `SERVFAIL`...).
    pub fn word(&self) -> String {
        match self {
            Status::NoError => "NOERROR".into(),
            Status::NxDomain => "NXDOMAIN".into(),
            Status::NoData => "NODATA".into(),
            Status::Rcode(c) => rcode_word(*c),
            Status::Timeout => "TIMEOUT".into(),
            Status::Failed(_) | Status::Broken(_) => "ERROR".into(),
            Status::Interrupted => "INTERRUPTED".into(),
        }
    }

    /// A few words for the summary line (`no such name`, `no A record`...).
    pub fn note(&self, qtype: RecordType) -> String {
        match self {
            Status::NoError => String::new(),
            Status::NxDomain => "no such name".into(),
            Status::NoData => format!("the name has no {} record", super::render::type_name(qtype)),
            Status::Rcode(ResponseCode::Refused) => {
                "the server refused: it does not serve this name or does not recurse".into()
            }
            Status::Rcode(_) => "the server failed to answer".into(),
            Status::Timeout => "no answer".into(),
            Status::Failed(why) => why.clone(),
            Status::Broken(w) => w.message.clone(),
            Status::Interrupted => "stopped before the answer".into(),
        }
    }

    /// The exit code this outcome means.
    pub fn code(&self) -> Code {
        match self {
            Status::NoError => Code::Ok,
            Status::NxDomain | Status::NoData | Status::Interrupted => Code::Negative,
            Status::Broken(w) => w.code,
            _ => Code::Network,
        }
    }

    /// The `kind` word of the error this outcome raises.
    pub fn kind(&self) -> Kind {
        match self {
            Status::NoError => Kind::Ok,
            Status::NxDomain => Kind::Nxdomain,
            Status::NoData => Kind::Nodata,
            Status::Rcode(ResponseCode::Refused) => Kind::Refused,
            Status::Rcode(ResponseCode::ServFail) => Kind::Servfail,
            Status::Rcode(_) => Kind::Rcode,
            Status::Timeout => Kind::Timeout,
            Status::Failed(_) => Kind::Protocol,
            Status::Broken(w) => w.kind,
            Status::Interrupted => Kind::Interrupted,
        }
    }
}

fn rcode_word(c: ResponseCode) -> String {
    super::rdata::rcode_name(u16::from(c))
}

/// One (name, type) query and what came of it.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The name as the user typed it.
    pub name: String,
    pub qtype: RecordType,
    /// The answer section (CNAME chain included).
    pub records: Vec<Record>,
    pub status: Status,
    pub elapsed: Duration,
}

impl Outcome {
    /// The sentence for a failed query (`None` when it succeeded).
    pub fn message(&self, via: &Via) -> Option<String> {
        let (name, t, srv) = (&self.name, self.qtype, &via.server);
        Some(match &self.status {
            Status::NoError => return None,
            Status::NxDomain => format!("no such name: {name} (NXDOMAIN from {srv})"),
            Status::NoData => {
                let t = super::render::type_name(t);
                format!("{name} exists but has no {t} record (NODATA from {srv})")
            }
            Status::Rcode(_) => format!("{srv} answered {} for {name}", self.status.word()),
            Status::Timeout => format!(
                "timed out after {} waiting for {srv} ({} {} of {}) for {name}",
                human_duration(via.timeout * (via.retries as u32 + 1)),
                via.retries + 1,
                if via.retries == 0 { "try" } else { "tries" },
                human_duration(via.timeout),
            ),
            Status::Interrupted => format!("interrupted before {srv} answered for {name} {t}"),
            Status::Failed(why) => {
                format!("asking {srv} ({}) for {name} {t}: {why}", via.protocol)
            }
            // The connection failed, not the query: one sentence for every name.
            Status::Broken(w) => w.message.clone(),
        })
    }

    /// The failure this outcome raises, if it failed.
    pub fn failure(&self, via: &Via) -> Option<exit::Failure> {
        let message = self.message(via)?;
        let f = exit::Failure::new(self.status.code(), self.status.kind(), message);
        if self.name.parse::<std::net::IpAddr>().is_ok() {
            let n = &self.name;
            return Some(f.hint(format!("{n} is an address: try `netkit dns reverse {n}`")));
        }
        Some(match &self.status {
            Status::Timeout => f.hint("is the server up? try --timeout, --retries or --tcp"),
            Status::Failed(_) => f.hint("check --server and the port"),
            Status::Broken(w) => match &w.hint {
                Some(h) => f.hint(h.clone()),
                None => f,
            },
            _ => f,
        })
    }
}

/// `250 ms`, `2 s`, `1.5 s`.
pub fn human_duration(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{} ms", d.as_millis())
    } else {
        format!("{} s", d.as_secs_f64())
    }
}

/// A current-thread runtime: DNS is the only async part of netkit.
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .context("starting the async runtime for DNS")
}

impl Engine {
    /// Build the resolver (call inside the runtime).
    pub fn new(setup: Setup) -> anyhow::Result<Engine> {
        let (config, mut opts, server) = match setup.server {
            Some(addr) => {
                let ns = name_server(addr, setup.tcp);
                (
                    ResolverConfig::from_parts(None, vec![], vec![ns]),
                    Default::default(),
                    addr,
                )
            }
            None => system_config(setup.tcp, setup.search)?,
        };
        opts.timeout = setup.timeout;
        opts.attempts = setup.retries;
        opts.cache_size = if setup.cache { 8192 } else { 0 };
        opts.use_hosts_file = ResolveHosts::Never;
        opts.num_concurrent_reqs = 1;
        opts.max_active_requests = setup.concurrency.max(32);
        opts.preserve_intermediates = true;
        opts.try_tcp_on_error = false;
        let resolver = TokioResolver::builder_with_config(config, TokioRuntimeProvider::default())
            .with_options(opts)
            .build()
            .context("configuring the resolver")?;
        Ok(Engine {
            resolver,
            via: Via {
                server: server.to_string(),
                protocol: if setup.tcp { "tcp" } else { "udp" },
                timeout: setup.timeout,
                retries: setup.retries,
            },
            setup,
        })
    }

    /// Ask for one (name, type); never fails, the outcome says what happened.
    pub async fn query(&self, name: &str, qtype: RecordType) -> Outcome {
        let start = Instant::now();
        let target = if self.setup.search {
            name.to_string()
        } else {
            dnsname::fqdn(name)
        };
        let limit =
            self.setup.timeout * (self.setup.retries as u32 + 1) + Duration::from_millis(50);
        let stop = self.setup.stop.clone();
        let stopped = async move {
            while !stop.is_stopped() {
                tokio::time::sleep(signal::POLL).await;
            }
        };
        let lookup = tokio::time::timeout(limit, self.resolver.lookup(target.as_str(), qtype));
        let result = tokio::select! {
            r = lookup => Some(r),
            _ = stopped => None,
        };
        let elapsed = start.elapsed();
        let (records, status) = match result {
            None => (vec![], Status::Interrupted),
            Some(Err(_)) => (vec![], Status::Timeout),
            Some(Ok(Ok(lookup))) => {
                let records = lookup.answers().to_vec();
                let status = if records.is_empty() {
                    Status::NoData
                } else {
                    Status::NoError
                };
                (records, status)
            }
            Some(Ok(Err(e))) => (vec![], status_of(&e)),
        };
        Outcome {
            name: name.to_string(),
            qtype,
            records,
            status,
            elapsed,
        }
    }
}

/// A configuration for one server over one transport.
fn name_server(addr: SocketAddr, tcp: bool) -> NameServerConfig {
    let mut conn = if tcp {
        ConnectionConfig::tcp()
    } else {
        ConnectionConfig::udp()
    };
    conn.port = addr.port();
    let mut ns = NameServerConfig::udp(addr.ip());
    ns.connections = vec![conn];
    ns
}

type SystemConfig = (
    ResolverConfig,
    hickory_resolver::config::ResolverOpts,
    SocketAddr,
);

/// The first name server of `/etc/resolv.conf` (the default `--server`).
pub fn system_server() -> anyhow::Result<SocketAddr> {
    Ok(system_config(false, false)?.2)
}

/// `/etc/resolv.conf`, reduced to its first server on one transport.
fn system_config(tcp: bool, search: bool) -> anyhow::Result<SystemConfig> {
    let (config, opts) = hickory_resolver::system_conf::read_system_conf().map_err(|e| {
        exit::system(Kind::ResolvConf, format!("reading /etc/resolv.conf: {e}"))
            .hint("give a server with --server IP[:PORT]")
    })?;
    let (domain, search_list, servers) = config.into_parts();
    let first = servers.into_iter().next().ok_or_else(|| {
        exit::system(Kind::ResolvConf, "/etc/resolv.conf names no name server")
            .hint("give a server with --server IP[:PORT]")
    })?;
    let port = first.connections.first().map(|c| c.port).unwrap_or(53);
    let addr = SocketAddr::new(first.ip, port);
    let config = if search {
        ResolverConfig::from_parts(domain, search_list, vec![name_server(addr, tcp)])
    } else {
        ResolverConfig::from_parts(None, vec![], vec![name_server(addr, tcp)])
    };
    Ok((config, opts, addr))
}

/// Map hickory's error to what the server said.
fn status_of(e: &NetError) -> Status {
    match e {
        NetError::Dns(DnsError::NoRecordsFound(nr)) => match nr.response_code {
            ResponseCode::NXDomain => Status::NxDomain,
            ResponseCode::NoError => Status::NoData,
            other => Status::Rcode(other),
        },
        NetError::Dns(DnsError::ResponseCode(code)) => Status::Rcode(*code),
        NetError::Timeout => Status::Timeout,
        NetError::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => Status::Timeout,
        NetError::NoConnections => Status::Failed("no connection could be made".into()),
        NetError::Io(io) => Status::Failed(io.to_string()),
        other => Status::Failed(other.to_string()),
    }
}
