//! `dns reverse ADDR`: from an address back to a name. By default a PTR query
//! through the DNS for the `in-addr.arpa` / `ip6.arpa` name built from the address
//! (printed like `dns lookup`); with `--system`, libc's getnameinfo with
//! NI_NAMEREQD (what programs get: `/etc/hosts` first, then the DNS).
//!
//! It takes addresses only, not names, and does not check that the name maps back
//! to the address (forward-confirmed reverse DNS).

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Instant;

use hickory_resolver::proto::rr::RecordType;
use serde::Serialize;

use super::getaddrinfo::{self, eai_failure};
use super::lookup::{self, Job, ServerArgs};
use super::query::{self, Engine};
use super::resolve::View;
use crate::cmd::Ctx;
use crate::exit::Kind;
use crate::exit::{self, Code};
use crate::output::{ms, Palette, Render};
use crate::proto::dnsname;

/// `netkit dns reverse ADDR`
#[derive(Debug, Clone, clap::Args)]
#[command(after_help = "\
Examples:
  netkit dns reverse 8.8.8.8                        # PTR 8.8.8.8.in-addr.arpa.
  netkit dns reverse 2001:4860:4860::8888 --short
  netkit dns reverse 127.0.0.1 --system             # getnameinfo: localhost (from /etc/hosts)")]
pub struct Args {
    /// IPv4 or IPv6 address
    #[arg(value_name = "ADDR")]
    pub addr: String,

    /// Ask the system (getnameinfo) instead of the DNS
    #[arg(long, conflicts_with_all = ["server", "tcp"])]
    pub system: bool,

    /// Print names only
    #[arg(long)]
    pub short: bool,

    #[command(flatten)]
    pub conn: ServerArgs,
}

/// getnameinfo's answer.
#[derive(Debug, Serialize)]
pub struct NameInfo {
    pub address: String,
    pub name: String,
    pub source: &'static str,
    pub time_ms: f64,
    #[serde(skip)]
    pub short: bool,
}

impl Render for NameInfo {
    fn kind(&self) -> &str {
        "name"
    }
    fn human(&self, p: &Palette) -> String {
        if self.short {
            return self.name.clone();
        }
        format!(
            "{}\t{}\t{}",
            self.address,
            p.name(&self.name),
            p.dim(&format!(";; getnameinfo in {} ms", self.time_ms))
        )
    }
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<Code> {
    let ip: IpAddr = args.addr.trim().parse().map_err(|_| {
        exit::usage(format!("{:?} is not an IPv4 or IPv6 address", args.addr))
            .hint("dns reverse takes an address; for a name use dns lookup")
    })?;
    if args.system {
        return system(ip, args, ctx);
    }
    let setup = args.conn.setup(ctx)?;
    let job = Job {
        name: dnsname::reverse_name(ip),
        types: vec![RecordType::PTR],
        lenient: false,
        ixfr: None,
    };
    let view = View {
        short: args.short,
        hostent: false,
    };
    let rt = query::runtime()?;
    let failures = rt.block_on(async {
        let engine = Arc::new(Engine::new(setup)?);
        let mut failures = Vec::new();
        let jobs = [job];
        super::resolve::run_jobs(&engine, &jobs, 1, ctx, |job, outcomes| {
            failures.extend(super::resolve::emit_job(
                view, ctx, &engine, job, &outcomes,
            )?);
            Ok(())
        })
        .await?;
        anyhow::Ok(failures)
    })?;
    lookup::finish(failures, 1)
}

fn system(ip: IpAddr, args: &Args, ctx: &Ctx) -> anyhow::Result<Code> {
    let start = Instant::now();
    let what = format!("getnameinfo({ip})");
    let limit = ctx.timeout_or(getaddrinfo::DEFAULT_TIMEOUT);
    let answer = getaddrinfo::with_limit(limit, &what, move || {
        dns_lookup::getnameinfo(&SocketAddr::new(ip, 0), libc::NI_NAMEREQD)
    })?;
    let (name, _) = answer.map_err(|e| {
        let f = eai_failure(&e, &what);
        if f.code == Code::Negative {
            exit::negative(Kind::NotFound, format!("no name for {ip} ({})", f.message))
        } else {
            f
        }
    })?;
    ctx.out.emit(&NameInfo {
        address: ip.to_string(),
        name,
        source: "getnameinfo",
        time_ms: ms(start.elapsed()),
        short: args.short,
    })?;
    Ok(Code::Ok)
}
