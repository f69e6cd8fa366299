//! `dns getaddrinfo HOST [PORT|SERVICE]`: the system resolver's answer (libc
//! getaddrinfo through `dns-lookup`), one tuple per line as Python shows it —
//! `(AddressFamily.AF_INET, SocketKind.SOCK_STREAM, 6, '', ('127.0.0.1', 80))`
//! (chapter §8) — with the hints Python takes (`--family`, `--type`, `--protocol`,
//! `--flags`) and a `--unique` view that folds the per-socket-type duplicates.
//! EAI errors keep their names and map to exit codes.
//!
//! This is what programs get: `/etc/hosts`, nsswitch and search domains apply. It
//! does not talk DNS itself (that is `dns lookup`).

use std::ffi::CStr;
use std::net::SocketAddr;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use clap::ValueEnum;
use dns_lookup::{AddrInfoHints, LookupError};
use serde::Serialize;

use crate::cmd::Ctx;
use crate::exit::Kind;
use crate::exit::{self, Code, Failure};
use crate::output::{ms, Palette, Render};

/// `netkit dns getaddrinfo HOST [PORT|SERVICE]`
#[derive(Debug, Clone, clap::Args)]
#[command(after_help = "\
Exit codes: EAI_NONAME/EAI_NODATA/EAI_ADDRFAMILY 1, EAI_AGAIN/EAI_FAIL 3,
EAI_SERVICE/EAI_BADFLAGS/EAI_SOCKTYPE/EAI_FAMILY 2, EAI_MEMORY/EAI_SYSTEM 4.

Examples:
  netkit dns getaddrinfo localhost 80                  # every (family, type) tuple
  netkit dns getaddrinfo python.org 80 --family inet --type stream
  netkit dns getaddrinfo localhost http --unique       # one line per address
  netkit dns getaddrinfo ::1 443 --flags numerichost,numericserv --json")]
pub struct Args {
    /// Host name or numeric address
    #[arg(value_name = "HOST")]
    pub host: String,

    /// Port number or service name (http, domain...); none gives port 0
    #[arg(value_name = "PORT|SERVICE")]
    pub service: Option<String>,

    /// Address family hint
    #[arg(long, value_enum, value_name = "FAMILY", default_value_t = Family::Unspec)]
    pub family: Family,

    /// Socket type hint
    #[arg(long = "type", value_enum, value_name = "TYPE")]
    pub socktype: Option<SockType>,

    /// Protocol hint
    #[arg(long, value_enum, value_name = "PROTO")]
    pub protocol: Option<Proto>,

    /// AI_* flags, comma-separated
    #[arg(long, value_enum, value_name = "FLAG,...", value_delimiter = ',')]
    pub flags: Vec<Flag>,

    /// One line per address (family, address, port) with its socket types
    #[arg(long)]
    pub unique: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Family {
    Inet,
    Inet6,
    Unspec,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SockType {
    Stream,
    Dgram,
    Raw,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Proto {
    Tcp,
    Udp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Flag {
    Canonname,
    Numerichost,
    Numericserv,
    Passive,
    Addrconfig,
    V4mapped,
    All,
}

impl Flag {
    fn bits(self) -> i32 {
        match self {
            Flag::Canonname => libc::AI_CANONNAME,
            Flag::Numerichost => libc::AI_NUMERICHOST,
            Flag::Numericserv => libc::AI_NUMERICSERV,
            Flag::Passive => libc::AI_PASSIVE,
            Flag::Addrconfig => libc::AI_ADDRCONFIG,
            Flag::V4mapped => libc::AI_V4MAPPED,
            Flag::All => libc::AI_ALL,
        }
    }
}

/// One tuple of the answer.
#[derive(Debug, Serialize, Clone)]
pub struct Tuple {
    pub family: String,
    pub socktype: String,
    pub protocol: i32,
    pub canonname: String,
    pub address: String,
    pub port: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flowinfo: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope_id: Option<u32>,
}

impl Tuple {
    fn sockaddr_py(&self) -> String {
        match (self.flowinfo, self.scope_id) {
            (Some(f), Some(s)) => format!("('{}', {}, {f}, {s})", self.address, self.port),
            _ => format!("('{}', {})", self.address, self.port),
        }
    }
}

impl Render for Tuple {
    fn kind(&self) -> &str {
        "addrinfo"
    }
    fn human(&self, p: &Palette) -> String {
        format!(
            "(AddressFamily.{}, SocketKind.{}, {}, '{}', {})",
            self.family,
            self.socktype,
            self.protocol,
            self.canonname,
            p.value(&self.sockaddr_py())
        )
    }
}

/// `--unique`: one address with every socket type it came with.
#[derive(Debug, Serialize)]
pub struct Address {
    pub family: String,
    pub address: String,
    pub port: u16,
    pub socktypes: Vec<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub canonname: String,
}

impl Render for Address {
    fn kind(&self) -> &str {
        "address"
    }
    fn human(&self, p: &Palette) -> String {
        let canon = if self.canonname.is_empty() {
            String::new()
        } else {
            format!("  {}", self.canonname)
        };
        format!(
            "{:<8} {} {}  {}{canon}",
            self.family,
            p.value(&self.address),
            self.port,
            self.socktypes.join(",")
        )
    }
}

/// The closing line: how many tuples, how long.
#[derive(Debug, Serialize)]
pub struct Done {
    pub host: String,
    pub service: Option<String>,
    pub tuples: usize,
    pub time_ms: f64,
}

impl Render for Done {
    fn kind(&self) -> &str {
        "summary"
    }
    fn human(&self, p: &Palette) -> String {
        p.dim(&format!(
            ";; getaddrinfo({}, {}): {} tuple{} in {} ms",
            self.host,
            self.service.as_deref().unwrap_or("None"),
            self.tuples,
            if self.tuples == 1 { "" } else { "s" },
            self.time_ms
        ))
    }
}

/// Why getaddrinfo gave no list: an EAI code, or an entry that could not be read.
enum Answer {
    Eai(LookupError),
    Entry(std::io::Error),
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<Code> {
    let hints = AddrInfoHints {
        flags: args.flags.iter().fold(0, |acc, f| acc | f.bits()),
        address: match args.family {
            Family::Inet => libc::AF_INET,
            Family::Inet6 => libc::AF_INET6,
            Family::Unspec => libc::AF_UNSPEC,
        },
        socktype: match args.socktype {
            Some(SockType::Stream) => libc::SOCK_STREAM,
            Some(SockType::Dgram) => libc::SOCK_DGRAM,
            Some(SockType::Raw) => libc::SOCK_RAW,
            None => 0,
        },
        protocol: match args.protocol {
            Some(Proto::Tcp) => libc::IPPROTO_TCP,
            Some(Proto::Udp) => libc::IPPROTO_UDP,
            None => 0,
        },
    };
    if let Some(port) = args
        .service
        .as_deref()
        .filter(|s| s.bytes().all(|b| b.is_ascii_digit()))
    {
        if port.parse::<u16>().is_err() {
            return Err(exit::usage(format!(
                "port {port} is out of range: ports go from 0 to 65535"
            ))
            .into());
        }
    }
    let what = format!(
        "getaddrinfo({:?}, {})",
        args.host,
        args.service
            .as_deref()
            .map(|s| format!("{s:?}"))
            .unwrap_or("None".into())
    );
    let start = Instant::now();
    let (host, service) = (args.host.clone(), args.service.clone());
    let limit = ctx.timeout_or(DEFAULT_TIMEOUT);
    let answer = with_limit(limit, &what, move || {
        let iter = dns_lookup::getaddrinfo(Some(&host), service.as_deref(), Some(hints))
            .map_err(Answer::Eai)?;
        iter.map(|ai| ai.map(|ai| tuple(&ai)))
            .collect::<std::io::Result<Vec<Tuple>>>()
            .map_err(Answer::Entry)
    })?;
    let tuples = answer.map_err(|e| match e {
        Answer::Eai(e) => eai_failure(&e, &what),
        Answer::Entry(e) => {
            exit::system(Kind::Getaddrinfo, format!("{what}: reading an entry: {e}"))
        }
    })?;
    let elapsed = start.elapsed();
    if args.unique {
        ctx.out.emit_all(&unique(&tuples))?;
    } else {
        ctx.out.emit_all(&tuples)?;
    }
    ctx.out.emit(&Done {
        host: args.host.clone(),
        service: args.service.clone(),
        tuples: tuples.len(),
        time_ms: ms(elapsed),
    })?;
    Ok(Code::Ok)
}

fn tuple(ai: &dns_lookup::AddrInfo) -> Tuple {
    let (flowinfo, scope_id) = match ai.sockaddr {
        SocketAddr::V6(v6) => (Some(v6.flowinfo()), Some(v6.scope_id())),
        SocketAddr::V4(_) => (None, None),
    };
    Tuple {
        family: family_name(ai.address),
        socktype: socktype_name(ai.socktype),
        protocol: ai.protocol,
        canonname: ai.canonname.clone().unwrap_or_default(),
        address: ai.sockaddr.ip().to_string(),
        port: ai.sockaddr.port(),
        flowinfo,
        scope_id,
    }
}

/// Fold tuples that differ only by socket type/protocol, keeping first-seen order.
pub fn unique(tuples: &[Tuple]) -> Vec<Address> {
    let mut out: Vec<Address> = Vec::new();
    for t in tuples {
        let found = out
            .iter_mut()
            .find(|a| a.family == t.family && a.address == t.address && a.port == t.port);
        match found {
            Some(a) => {
                if !a.socktypes.contains(&t.socktype) {
                    a.socktypes.push(t.socktype.clone());
                }
            }
            None => out.push(Address {
                family: t.family.clone(),
                address: t.address.clone(),
                port: t.port,
                socktypes: vec![t.socktype.clone()],
                canonname: t.canonname.clone(),
            }),
        }
    }
    out
}

fn family_name(f: i32) -> String {
    match f {
        libc::AF_INET => "AF_INET".into(),
        libc::AF_INET6 => "AF_INET6".into(),
        libc::AF_UNSPEC => "AF_UNSPEC".into(),
        n => n.to_string(),
    }
}

fn socktype_name(t: i32) -> String {
    match t {
        libc::SOCK_STREAM => "SOCK_STREAM".into(),
        libc::SOCK_DGRAM => "SOCK_DGRAM".into(),
        libc::SOCK_RAW => "SOCK_RAW".into(),
        n => n.to_string(),
    }
}

/// How long to wait for libc when `--timeout` is not given (libc applies
/// resolv.conf's own `timeout`/`attempts` inside this).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Run a blocking libc call on its own thread and wait at most `limit` for it: libc
/// takes no timeout. On expiry the thread is left to finish on its own (it ends
/// when libc gives up; the process usually exits first).
pub fn with_limit<T: Send + 'static>(
    limit: Duration,
    what: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Failure> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("resolver".into())
        .spawn(move || {
            let _ = tx.send(f());
        })
        .map_err(|e| exit::system(Kind::Thread, format!("{what}: starting a thread: {e}")))?;
    rx.recv_timeout(limit).map_err(|_| {
        exit::network(
            Kind::Timeout,
            format!(
                "{what}: timed out after {}",
                super::query::human_duration(limit)
            ),
        )
        .hint("the system resolver did not answer; check /etc/resolv.conf or raise --timeout")
    })
}

/// glibc's EAI_ADDRFAMILY (a GNU extension the libc crate does not export).
const EAI_ADDRFAMILY: i32 = -9;

/// The EAI_* name of a getaddrinfo/getnameinfo error code.
pub fn eai_name(code: i32) -> &'static str {
    match code {
        libc::EAI_NONAME => "EAI_NONAME",
        libc::EAI_NODATA => "EAI_NODATA",
        EAI_ADDRFAMILY => "EAI_ADDRFAMILY",
        libc::EAI_AGAIN => "EAI_AGAIN",
        libc::EAI_FAIL => "EAI_FAIL",
        libc::EAI_SERVICE => "EAI_SERVICE",
        libc::EAI_BADFLAGS => "EAI_BADFLAGS",
        libc::EAI_SOCKTYPE => "EAI_SOCKTYPE",
        libc::EAI_FAMILY => "EAI_FAMILY",
        libc::EAI_MEMORY => "EAI_MEMORY",
        libc::EAI_SYSTEM => "EAI_SYSTEM",
        libc::EAI_OVERFLOW => "EAI_OVERFLOW",
        _ => "EAI_UNKNOWN",
    }
}

/// Map an EAI error to netkit's exit codes, keeping its name and libc's message.
pub fn eai_failure(e: &LookupError, what: &str) -> Failure {
    let code = e.error_num();
    let name = eai_name(code);
    // SAFETY: gai_strerror returns a pointer to a static, NUL-terminated string.
    let text = unsafe { CStr::from_ptr(libc::gai_strerror(code)) }
        .to_string_lossy()
        .into_owned();
    let text = if code == libc::EAI_SYSTEM || name == "EAI_UNKNOWN" {
        format!("{text} ({})", std::io::Error::last_os_error())
    } else {
        text
    };
    let message = format!("{what}: {name}: {text}");
    let kind = match code {
        libc::EAI_NONAME => Kind::EaiNoname,
        libc::EAI_NODATA => Kind::EaiNodata,
        EAI_ADDRFAMILY => Kind::EaiAddrfamily,
        libc::EAI_AGAIN => Kind::EaiAgain,
        libc::EAI_FAIL => Kind::EaiFail,
        libc::EAI_SERVICE => Kind::EaiService,
        libc::EAI_BADFLAGS => Kind::EaiBadflags,
        libc::EAI_SOCKTYPE => Kind::EaiSocktype,
        libc::EAI_FAMILY => Kind::EaiFamily,
        _ => Kind::EaiSystem,
    };
    match code {
        libc::EAI_NONAME | libc::EAI_NODATA | EAI_ADDRFAMILY => {
            Failure::new(Code::Negative, kind, message)
        }
        libc::EAI_AGAIN | libc::EAI_FAIL => Failure::new(Code::Network, kind, message)
            .hint("the system's name server did not answer; check /etc/resolv.conf"),
        libc::EAI_SERVICE | libc::EAI_BADFLAGS | libc::EAI_SOCKTYPE | libc::EAI_FAMILY => {
            Failure::new(Code::Usage, kind, message)
        }
        _ => Failure::new(Code::System, kind, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(st: &str, addr: &str) -> Tuple {
        Tuple {
            family: "AF_INET".into(),
            socktype: st.into(),
            protocol: 0,
            canonname: String::new(),
            address: addr.into(),
            port: 80,
            flowinfo: None,
            scope_id: None,
        }
    }

    #[test]
    fn unique_folds_socket_types() {
        let v = [
            t("SOCK_STREAM", "10.0.0.1"),
            t("SOCK_DGRAM", "10.0.0.1"),
            t("SOCK_STREAM", "10.0.0.2"),
        ];
        let u = unique(&v);
        assert_eq!(u.len(), 2);
        assert_eq!(u[0].socktypes, ["SOCK_STREAM", "SOCK_DGRAM"]);
    }

    #[test]
    fn eai_codes_map() {
        let f = eai_failure(&LookupError::new(libc::EAI_NONAME), "x");
        assert_eq!((f.code, f.kind), (Code::Negative, Kind::EaiNoname));
        assert!(f.message.contains("EAI_NONAME"));
        let f = eai_failure(&LookupError::new(libc::EAI_AGAIN), "x");
        assert_eq!(f.code, Code::Network);
        let f = eai_failure(&LookupError::new(libc::EAI_SERVICE), "x");
        assert_eq!(f.code, Code::Usage);
        let f = eai_failure(&LookupError::new(libc::EAI_BADFLAGS), "x");
        assert_eq!(f.code, Code::Usage);
    }
}
