//! `dns lookup NAME [TYPE...]`: the command's flags, the jobs they describe
//! (name and types checked, `IXFR=serial`, stdin lines bounded by `--max-size`)
//! and the exit status of a run. The default mode shows the server's message
//! (`ask.rs`); `--resolve` the resolver's view (`resolve.rs`).
//!
//! It does not consult `/etc/hosts` or search domains (that is the system view:
//! `dns getaddrinfo`, and `dns diff` for both side by side) and does not validate
//! DNSSEC.

use std::time::Duration;

use hickory_resolver::proto::rr::RecordType;

use super::query::Setup;
use crate::cmd::Ctx;
use crate::exit::Kind;
use crate::exit::{self, Code, Failure};
use crate::input::Lines;
use crate::proto::dnsname;
use crate::signal::Stop;

/// Per-try limit when `--timeout` is not given.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(2);

/// `netkit dns lookup NAME [TYPE...]`
#[derive(Debug, Clone, clap::Args)]
#[command(after_help = "\
Shows the server's whole message as dig does (header, flags, OPT, every section);
--resolve shows hickory-resolver's view instead (CNAMEs chased, like doggo).
NXDOMAIN and NODATA exit 1; SERVFAIL, REFUSED and timeouts exit 3; a bad name, type or
server exits 2. With the default types (A and AAAA) one of them answering is success.
--timeout is per try (default 2s); the whole query may take (retries+1) x timeout.
With NAME `-`, stdin holds one `NAME [TYPE...]` per line (# starts a comment); the
names are resolved --concurrency at a time and printed in input order.

Examples:
  netkit dns lookup example.com                    # A and AAAA through /etc/resolv.conf
  netkit dns lookup example.com MX TXT --server 1.1.1.1
  netkit dns lookup example.com --short            # addresses only, like dig +short
  netkit dns lookup www.github.com --hostent       # ('github.com', ['www.github.com'], [...])
  netkit dns lookup example.com DNSKEY --dnssec --nsid --server 127.0.0.1:5353
  netkit dns lookup example.com AXFR --server 127.0.0.1:5353
  netkit dns lookup www.example.com --trace        # from the root hints, like dig +trace
  netkit dns lookup example.com --tls --server dns.quad9.net     # DNS over TLS, port 853
  netkit dns lookup example.com --https https://dns.google/dns-query --https-get
  netkit dns lookup - --server 127.0.0.1:5353 < names.txt")]
pub struct Args {
    /// The name to look up, or - to read `NAME [TYPE...]` lines from stdin
    #[arg(value_name = "NAME")]
    pub name: String,

    /// Record types: A AAAA CNAME MX NS TXT SOA PTR SRV CAA ..., TYPE<n>, AXFR, IXFR=SERIAL (default: A AAAA)
    #[arg(value_name = "TYPE")]
    pub types: Vec<String>,

    #[command(flatten)]
    pub conn: ServerArgs,

    /// Print record data only, one per line (like dig +short)
    #[arg(long)]
    pub short: bool,

    /// Print gethostbyname_ex's view: (canonical name, aliases, addresses); types A/AAAA (default A)
    #[arg(long, conflicts_with = "short")]
    pub hostent: bool,

    /// Queries in flight at once (default 64 over UDP, all on one socket; 8 over
    /// TCP, a connection each)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub concurrency: Option<u16>,

    /// The resolver's view instead of the server's message: hickory-resolver with
    /// CNAME chasing (and --search, --cache), answer records only, like doggo
    #[arg(long)]
    pub resolve: bool,

    /// With --resolve: keep answers for the rest of this run
    #[arg(long, requires = "resolve")]
    pub cache: bool,

    /// With --resolve: apply resolv.conf's search domains and ndots (not with --server)
    #[arg(long, conflicts_with = "server", requires = "resolve")]
    pub search: bool,

    #[command(flatten)]
    pub query: super::ask::QueryArgs,

    #[command(flatten)]
    pub secure: super::secure::SecureArgs,
}

/// Where and how to ask (shared by `lookup` and `reverse`).
#[derive(Debug, Clone, clap::Args)]
pub struct ServerArgs {
    /// DNS server to ask, IP[:PORT] or [IPv6]:PORT (default: the first in /etc/resolv.conf)
    #[arg(long, short = 's', value_name = "IP[:PORT]")]
    pub server: Option<String>,

    /// Ask over TCP instead of UDP
    #[arg(long)]
    pub tcp: bool,

    /// Tries after the first when a try times out or fails (0-100)
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(0..=100))]
    pub retries: u32,
}

impl ServerArgs {
    /// The engine setup these flags describe (`--server` checked: exit 2 when malformed).
    pub fn setup(&self, ctx: &Ctx) -> Result<Setup, Failure> {
        let server = match &self.server {
            Some(s) => Some(dnsname::parse_server(s).map_err(|e| exit::usage(e.to_string()))?),
            None => None,
        };
        Ok(Setup {
            server,
            tcp: self.tcp,
            timeout: ctx.timeout_or(DEFAULT_TIMEOUT),
            retries: self.retries as usize,
            cache: false,
            search: false,
            concurrency: 1,
            stop: ctx.stop.clone(),
        })
    }
}

/// One name and its types (a command line, or one stdin line).
#[derive(Debug, Clone)]
pub struct Job {
    pub name: String,
    pub types: Vec<RecordType>,
    /// The types were defaulted: one of them answering is success.
    pub lenient: bool,
    /// `IXFR=serial`: the serial we claim to have.
    pub ixfr: Option<u32>,
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<Code> {
    if let Some(w) = args
        .conn
        .server
        .as_deref()
        .and_then(dnsname::server_warning)
    {
        ctx.out.warn(&w)?;
    }
    if !args.resolve {
        return super::ask::run(args, ctx);
    }
    super::resolve::run(args, ctx)
}

/// Check a name and its types; the defaults depend on `--hostent`.
pub fn job(args: &Args, name: &str, types: &[String]) -> Result<Job, Failure> {
    dnsname::validate_name(name).map_err(|e| exit::usage(format!("{name:?}: {e}")))?;
    let lenient = types.is_empty();
    let mut ixfr = None;
    let types: Vec<RecordType> = if lenient {
        if args.hostent {
            vec![RecordType::A]
        } else {
            vec![RecordType::A, RecordType::AAAA]
        }
    } else {
        let mut v = Vec::with_capacity(types.len());
        for t in types {
            if let Some(serial) = t.to_ascii_uppercase().strip_prefix("IXFR=") {
                let n = serial.parse().map_err(|_| {
                    exit::usage(format!(
                        "{t:?}: IXFR=SERIAL wants a number up to 4294967295"
                    ))
                })?;
                ixfr = Some(n);
                v.push(RecordType::IXFR);
                continue;
            }
            v.push(dnsname::parse_type(t).map_err(|e| exit::usage(e.to_string()))?);
        }
        v
    };
    if args.hostent {
        if let Some(t) = types
            .iter()
            .find(|t| !matches!(t, RecordType::A | RecordType::AAAA))
        {
            return Err(exit::usage(format!(
                "--hostent shows addresses: use A and/or AAAA, not {t}"
            )));
        }
    }
    Ok(Job {
        name: name.to_string(),
        types,
        lenient: lenient || args.hostent,
        ixfr,
    })
}

/// Stdin lines to jobs; a bad or over-long line is an error naming its line number.
pub fn read_jobs(args: &Args, max: usize) -> anyhow::Result<Vec<Job>> {
    let mut jobs = Vec::new();
    let mut lines = Lines::stdin(max, &Stop::new());
    let mut i = 0;
    while let Some(line) = lines.next_line().map_err(exit::Failure::from)? {
        i += 1;
        let line = String::from_utf8_lossy(&line);
        if let Some((name, types)) = dnsname::parse_batch_line(&line) {
            let j = job(args, &name, &types).map_err(|mut f| {
                f.message = format!("stdin line {i}: {}", f.message);
                f
            })?;
            jobs.push(j);
        }
    }
    if lines.stopped() {
        return Err(crate::input::interrupted("names from stdin").into());
    }
    Ok(jobs)
}

/// The exit status of the run: success, or the worst failure (one message when
/// every failure says the same thing about the same name).
pub fn finish(mut failures: Vec<Failure>, total: usize) -> anyhow::Result<Code> {
    if failures.is_empty() {
        return Ok(Code::Ok);
    }
    let failed = failures.len();
    failures.dedup_by(|a, b| a.kind == b.kind && a.message == b.message);
    if failures.len() == 1 {
        return Err(failures.remove(0).into());
    }
    let worst = failures
        .iter()
        .map(|f| f.code)
        .max()
        .unwrap_or(Code::Network);
    let first = failures
        .iter()
        .find(|f| f.code == worst)
        .map(|f| (f.kind, f.message.clone()));
    let (kind, msg) = first.unwrap_or((Kind::Protocol, String::new()));
    Err(Failure::new(
        worst,
        kind,
        format!("{failed} of {total} queries failed; the worst: {msg}"),
    )
    .into())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::cli::{Cli, Command};
    use crate::cmd::dns::DnsCommand;
    use clap::Parser;

    fn parse(args: &[&str]) -> Result<Args, clap::Error> {
        let cli = Cli::try_parse_from(args)?;
        match cli.command {
            Command::Dns(d) => match d.command {
                DnsCommand::Lookup(a) => Ok(a),
                other => panic!("not lookup: {other:?}"),
            },
            other => panic!("not dns: {other:?}"),
        }
    }

    #[test]
    fn flags_parse() {
        let a = parse(&[
            "netkit", "dns", "lookup", "x.test", "MX", "txt", "-s", "[::1]:53", "--tcp",
        ])
        .unwrap();
        assert_eq!(a.types, ["MX", "txt"]);
        assert_eq!(a.conn.server.as_deref(), Some("[::1]:53"));
        assert!(a.conn.tcp && a.concurrency.is_none());
        assert!(parse(&["netkit", "dns", "lookup", "x", "--short", "--hostent"]).is_err());
        assert!(parse(&["netkit", "dns", "lookup", "x", "--concurrency", "0"]).is_err());
        assert!(
            parse(&["netkit", "dns", "lookup", "x", "--search", "--server", "1.1.1.1"]).is_err()
        );
        assert!(parse(&["netkit", "dns", "lookup", "x", "--cache"]).is_err());
    }

    #[test]
    fn dot_and_doh_flags() {
        let a = parse(&[
            "netkit", "dns", "lookup", "x", "--tls", "-s", "h:8853", "--cacert", "c.pem",
        ])
        .unwrap();
        assert!(a.secure.tls && a.secure.tls_flags.cacert.is_some());
        let a = parse(&[
            "netkit",
            "dns",
            "lookup",
            "x",
            "--https",
            "https://h/q",
            "--https-get",
        ])
        .unwrap();
        assert!(a.secure.https_get && a.secure.https.as_deref() == Some("https://h/q"));
        for bad in [
            &["--tls", "--tcp"][..],
            &["--tls", "--https", "https://h/"],
            &["--https", "https://h/", "--server", "1.1.1.1"],
            &["--tls", "--trace"],
            &["--https", "https://h/", "--resolve"],
            &["--https-get"],
        ] {
            let mut v = vec!["netkit", "dns", "lookup", "x"];
            v.extend(bad);
            assert!(parse(&v).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn jobs_default_and_check_types() {
        let a = parse(&["netkit", "dns", "lookup", "x.test"]).unwrap();
        let j = job(&a, "x.test", &[]).unwrap();
        assert_eq!(j.types, [RecordType::A, RecordType::AAAA]);
        assert!(j.lenient);
        let j = job(&a, "x.test", &["caa".into(), "TYPE65534".into()]).unwrap();
        assert_eq!(j.types, [RecordType::CAA, RecordType::Unknown(65534)]);
        assert!(!j.lenient);
        assert_eq!(
            job(&a, "x.test", &["NOPE".into()]).unwrap_err().code,
            Code::Usage
        );
        assert_eq!(job(&a, "", &[]).unwrap_err().code, Code::Usage);
        let h = parse(&["netkit", "dns", "lookup", "x.test", "--hostent"]).unwrap();
        assert_eq!(job(&h, "x.test", &[]).unwrap().types, [RecordType::A]);
        assert_eq!(
            job(&h, "x.test", &["MX".into()]).unwrap_err().code,
            Code::Usage
        );
    }

    #[test]
    fn failures_collapse_or_count() {
        let nx = || exit::negative(Kind::Nxdomain, "no such name: x");
        assert!(finish(vec![], 2).unwrap() == Code::Ok);
        let e = finish(vec![nx(), nx()], 2).unwrap_err();
        assert_eq!(format!("{e}"), "no such name: x");
        let e = finish(vec![nx(), exit::network(Kind::Timeout, "timed out")], 2).unwrap_err();
        let c = exit::classify(&e);
        assert_eq!((c.code, c.kind), (Code::Network, Kind::Timeout));
        assert!(format!("{e}").starts_with("2 of 2 queries failed"));
    }
}
