//! `dns lookup --tls` (DNS over TLS, RFC 7858) and `--https URL` (DNS over
//! HTTPS, RFC 8484): the flags, checked once per run, and the setup every query
//! of the run shares — the server's address (port 853 by default for DoT), the
//! name the certificate is checked against, and one [`TlsClient`] built by
//! `net::tls` from the same flags every TLS client of netkit takes.
//!
//! The transports themselves are `dot.rs` (TCP-framed DNS over the blocking TLS
//! stream) and `doh.rs` / `doh_h2.rs` (HTTP/1.1 and HTTP/2). This module also
//! holds [`Carrier`], what a reply says about how it travelled (TLS version,
//! the verification name, the URL). It opens no connection itself.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;

use super::doh::Doh;
use super::dot::Dot;
use super::wire::WireError;
use crate::cmd::http::client::{target, Target};
use crate::exit::{self, Failure};
use crate::net::tls::{HandshakeInfo, TlsClient, TlsClientArgs, VerifyMode};
use crate::net::{self as nk, HostPort};
use crate::output::Out;

/// The DoT port (RFC 7858 §3.1).
pub const DOT_PORT: u16 = 853;

/// DoT and DoH flags of `dns lookup`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SecureArgs {
    /// Ask over TLS (DoT, RFC 7858): port 853 unless --server names one; --server
    /// may then be a host name, which the certificate must carry (or --servername)
    #[arg(long, conflicts_with_all = ["tcp", "https", "resolve", "trace"])]
    pub tls: bool,

    /// Ask over HTTPS (DoH, RFC 8484) at URL, e.g. https://dns.example/dns-query
    /// (HTTP/2 or HTTP/1.1 as ALPN decides; http:// speaks plaintext HTTP/1.1, for labs)
    #[arg(long, value_name = "URL", conflicts_with_all = ["server", "tcp", "resolve", "trace"])]
    pub https: Option<String>,

    /// With --https: GET /path?dns=BASE64URL instead of POST
    #[arg(long, requires = "https")]
    pub https_get: bool,

    #[command(flatten)]
    pub tls_flags: Box<TlsClientArgs>,
}

/// How queries travel when not over plain UDP/TCP.
#[derive(Clone)]
pub enum Secure {
    Dot(Arc<Dot>),
    Doh(Arc<Doh>),
}

impl std::fmt::Debug for Secure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Secure::Dot(d) => write!(f, "Dot({})", d.endpoint),
            Secure::Doh(d) => write!(f, "Doh({})", d.target.url()),
        }
    }
}

impl Secure {
    /// `tls` or `https`, for summaries (the reply says `TLS` / `HTTPS`).
    pub fn protocol(&self) -> &'static str {
        match self {
            Secure::Dot(_) => "tls",
            Secure::Doh(d) if d.target.https => "https",
            Secure::Doh(_) => "http",
        }
    }

    /// Where queries go, as summaries show it.
    pub fn server(&self, addr: SocketAddr) -> String {
        match self {
            Secure::Dot(d) if d.host.parse::<IpAddr>().is_ok() => d.endpoint.clone(),
            Secure::Dot(d) => format!("{} ({addr})", d.endpoint),
            Secure::Doh(d) => d.target.url(),
        }
    }
}

/// The first failed handshake of a run, given again to every later query at
/// once: the same server fails the same way, and each query would wait for it.
#[derive(Default)]
pub struct Broken(std::sync::Mutex<Option<Failure>>);

impl Broken {
    /// Remember a classified failure (the first one wins).
    pub fn note(&self, e: &WireError) {
        if let WireError::Classified(f) = e {
            let mut g = self.0.lock().unwrap_or_else(|p| p.into_inner());
            g.get_or_insert_with(|| f.clone());
        }
    }

    /// The remembered failure, as a new error.
    pub fn check(&self) -> Result<(), WireError> {
        let g = self.0.lock().unwrap_or_else(|p| p.into_inner());
        match &*g {
            Some(f) => Err(WireError::Classified(f.clone())),
            None => Ok(()),
        }
    }
}

/// What a reply says about how it travelled beyond UDP/TCP (`tls`, `url`...).
#[derive(Debug, Clone, Serialize)]
pub struct Carrier {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls: Option<TlsFacts>,
    /// DoH: the URL, the method and the HTTP version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub http: Option<&'static str>,
}

/// The TLS side of a connection, for the reply.
#[derive(Debug, Clone, Serialize)]
pub struct TlsFacts {
    /// The name the certificate was checked against (and sent as SNI unless an IP address).
    pub servername: String,
    /// False with --insecure.
    pub verified: bool,
    /// What the chain was checked against.
    pub trust: String,
    pub version: String,
    pub cipher_suite: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alpn: Option<String>,
}

impl TlsFacts {
    pub fn new(tls: &TlsClient, name: &str, info: &HandshakeInfo) -> TlsFacts {
        TlsFacts {
            servername: name.to_string(),
            verified: tls.mode != VerifyMode::Insecure,
            trust: tls.trust.to_string(),
            version: info.version.clone(),
            cipher_suite: info.cipher_suite.clone(),
            alpn: info.alpn.clone(),
        }
    }
}

impl Carrier {
    /// The `;;` lines of dig's layout.
    pub fn lines(&self) -> Vec<String> {
        let mut v = Vec::new();
        if let Some(t) = &self.tls {
            let alpn = t
                .alpn
                .as_deref()
                .map_or(String::new(), |a| format!(", alpn {a}"));
            let check = if t.verified {
                format!("verified as {:?} against {}", t.servername, t.trust)
            } else {
                format!("NOT verified (--insecure), name {:?}", t.servername)
            };
            v.push(format!(
                ";; TLS: {} {}{alpn}; {check}",
                t.version, t.cipher_suite
            ));
        }
        if let (Some(url), Some(m)) = (&self.url, self.method) {
            v.push(format!(
                ";; URL: {m} {url} ({})",
                self.http.unwrap_or("HTTP")
            ));
        }
        v
    }
}

/// The `--server` of a DoT query: an address or a host name (resolved through the
/// system resolver within `timeout`), port 853 unless given. Returns the address
/// and the name the certificate is checked against.
fn dot_server(server: Option<&str>, timeout: Duration) -> anyhow::Result<(SocketAddr, String)> {
    let hp = match server {
        Some(s) => match s.trim().parse::<IpAddr>() {
            Ok(ip) => HostPort {
                host: ip.to_string(),
                port: DOT_PORT,
            },
            Err(_) => nk::parse_host_port(s, nk::DEFAULT_HOST, Some(DOT_PORT))
                .map_err(|e| exit::usage(format!("bad --server: {e}")))?,
        },
        None => {
            let sys = super::query::system_server()?;
            HostPort {
                host: sys.ip().to_string(),
                port: DOT_PORT,
            }
        }
    };
    let addr = nk::resolve_within(&hp, timeout)?[0];
    Ok((addr, hp.host))
}

/// The DoH URL and its first address.
fn doh_server(url: &str, timeout: Duration) -> Result<(SocketAddr, Target), Failure> {
    let t = target(url).map_err(|mut f| {
        f.message = format!("--https: {}", f.message);
        f
    })?;
    let hp = HostPort {
        host: t.host.clone(),
        port: t.port,
    };
    let addr = nk::resolve_within(&hp, timeout)?[0];
    Ok((addr, t))
}

/// Check the flags and build the setup: `None` for plain UDP/TCP. TLS flags
/// without --tls or an https:// URL are refused (exit 2); `--insecure` warns once.
pub fn setup(
    args: &SecureArgs,
    server: Option<&str>,
    timeout: Duration,
    out: &Out,
) -> anyhow::Result<Option<(Secure, SocketAddr)>> {
    let https_url = args.https.as_deref().filter(|u| !u.starts_with("http://"));
    if args.tls_flags.used() && !args.tls && https_url.is_none() {
        return Err(exit::usage(
            "--cacert, --insecure, --servername, --cert, --key and --alpn apply to --tls or an https:// --https URL",
        )
        .into());
    }
    let tls_client = |alpn: &[&str]| -> anyhow::Result<TlsClient> {
        let mut flags = (*args.tls_flags).clone();
        if flags.alpn.is_empty() {
            flags.alpn = alpn.iter().map(|s| s.to_string()).collect();
        }
        let c = TlsClient::new(&flags)?;
        if let Some(w) = c.warning() {
            out.warn(w)?;
        }
        Ok(c)
    };
    if args.tls {
        let (addr, host) = dot_server(server, timeout)?;
        let tls = tls_client(&[])?;
        let name = tls.servername.clone().unwrap_or_else(|| host.clone());
        tls.name_for(&host)?;
        let endpoint = HostPort {
            host: host.clone(),
            port: addr.port(),
        }
        .to_string();
        let dot = Dot {
            tls,
            host,
            name,
            endpoint,
            broken: Default::default(),
        };
        return Ok(Some((Secure::Dot(Arc::new(dot)), addr)));
    }
    let Some(url) = &args.https else {
        return Ok(None);
    };
    let (addr, target) = doh_server(url, timeout)?;
    let tls = if target.https {
        let tls = tls_client(&["h2", "http/1.1"])?;
        tls.name_for(&target.host)?;
        Some(tls)
    } else {
        None
    };
    let doh = Doh {
        target,
        tls,
        get: args.https_get,
        broken: Default::default(),
    };
    Ok(Some((Secure::Doh(Arc::new(doh)), addr)))
}
