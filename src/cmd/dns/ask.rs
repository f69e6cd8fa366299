//! `dns lookup` in its default, message-level mode: the query options dig users
//! expect (`--norecurse`, `--dnssec`, `--bufsize`, `--nsid`, `--subnet`...), one
//! message per (name, type) shown as the server sent it, zone transfers, and
//! batches from stdin (over UDP many queries in flight on one socket,
//! `pipeline.rs`; otherwise a bounded pool of threads), printed in input order
//! with one summary at the end.
//!
//! It does not chase CNAMEs or apply a search list (that is `--resolve`,
//! `lookup.rs`), and does not validate DNSSEC.

use std::net::IpAddr;
use std::time::Instant;

use hickory_proto::rr::{DNSClass, RecordType};
use serde::Serialize;

use super::client::{self, Asked, Client};
use super::lookup::{self, Args, Job};
use super::message::{EdnsOpts, QueryOpts, DEFAULT_BUFSIZE};
use super::pipeline;
use super::present::MessageEvent;
use super::query::{self, Status, Via};
use super::rdata::present;
use super::render::{Hostent, Summary};
use super::wire::Transport;
use crate::cmd::Ctx;
use crate::exit::Kind;
use crate::exit::{self, Code, Failure};
use crate::output::{ms, Palette, Render};
use crate::proto::dnsname;

/// Query options of the message-level mode.
#[derive(Debug, Clone, clap::Args)]
pub struct QueryArgs {
    /// Do not ask the server to recurse (RD off), like dig +norecurse
    #[arg(long)]
    pub norecurse: bool,
    /// Set the DO bit: ask for DNSSEC records (RRSIG, NSEC...); nothing is validated
    #[arg(long)]
    pub dnssec: bool,
    /// Set CD (checking disabled): a validating resolver returns unvalidated data
    #[arg(long)]
    pub cd: bool,
    /// Set AD in the query: ask whether the data was validated (RFC 6840 §5.7)
    #[arg(long)]
    pub ad: bool,
    /// EDNS UDP buffer size to advertise (512-65535, default 1232)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(512..))]
    pub bufsize: Option<u16>,
    /// Send no OPT record (plain RFC 1035 query, 512-byte UDP answers)
    #[arg(long, conflicts_with_all = ["bufsize", "dnssec", "nsid", "cookie", "subnet"])]
    pub no_edns: bool,
    /// Ask the server for its name server identifier (RFC 5001)
    #[arg(long)]
    pub nsid: bool,
    /// Send a random client cookie (RFC 7873); the server's is shown, and a
    /// BADCOOKIE answer is asked again once with it (as dig does)
    #[arg(long)]
    pub cookie: bool,
    /// EDNS client subnet to send, ADDR/PREFIX (RFC 7871), e.g. 192.0.2.0/24
    #[arg(long, value_name = "CIDR")]
    pub subnet: Option<String>,
    /// Query class: IN (default), CH, HS, ANY or CLASS<n> (e.g. version.bind TXT --class CH)
    #[arg(long, value_name = "CLASS", default_value = "IN")]
    pub class: String,
    /// Message ID to use (random by default), for reproducible captures
    #[arg(long, value_name = "N")]
    pub id: Option<u16>,
    /// A truncated (TC) UDP answer is final: do not ask again over TCP
    #[arg(long)]
    pub no_tcp_fallback: bool,
    /// Resolve iteratively from the root hints, one block per delegation step (like dig +trace)
    #[arg(long, conflicts_with = "server")]
    pub trace: bool,
    /// Root hints for --trace (named.root format; default: the IANA list built in)
    #[arg(long, value_name = "FILE", requires = "trace")]
    pub root_hints: Option<std::path::PathBuf>,
    /// Port of every server --trace asks, root hints included (default 53), like dig -p
    #[arg(long, value_name = "PORT", requires = "trace", value_parser = clap::value_parser!(u16).range(1..))]
    pub port: Option<u16>,
    /// Longest stdin line accepted with NAME `-`, in bytes
    #[arg(long, value_name = "SIZE", default_value_t = 255, value_parser = crate::value::parse_size)]
    pub max_size: usize,
}

/// `--class`.
fn parse_class(s: &str) -> Result<DNSClass, Failure> {
    let up = s.to_ascii_uppercase();
    if let Some(n) = up.strip_prefix("CLASS").and_then(|n| n.parse::<u16>().ok()) {
        return Ok(DNSClass::from(n));
    }
    up.parse().map_err(|_| {
        exit::usage(format!(
            "unknown class {s:?} (try IN, CH, HS, ANY or CLASS<n>)"
        ))
    })
}

/// `--subnet ADDR/PREFIX` (a bare address is a /32 or /128).
fn parse_subnet(s: &str) -> Result<(IpAddr, u8), Failure> {
    let bad = |why: &str| exit::usage(format!("bad --subnet {s:?}: {why}"));
    let (addr, prefix) = s.split_once('/').unwrap_or((s, ""));
    let ip: IpAddr = addr.parse().map_err(|_| bad("not an address"))?;
    let max = if ip.is_ipv4() { 32 } else { 128 };
    let p = if prefix.is_empty() {
        max
    } else {
        prefix
            .parse()
            .map_err(|_| bad("the prefix is not a number"))?
    };
    if p > max {
        return Err(bad(&format!("the prefix is over {max}")));
    }
    Ok((ip, p))
}

impl QueryArgs {
    pub fn opts(&self) -> Result<QueryOpts, Failure> {
        let edns = if self.no_edns {
            None
        } else {
            Some(EdnsOpts {
                bufsize: self.bufsize.unwrap_or(DEFAULT_BUFSIZE),
                dnssec: self.dnssec,
                nsid: self.nsid,
                cookie: self
                    .cookie
                    .then(|| super::message::random_bytes::<8>().to_vec()),
                subnet: self.subnet.as_deref().map(parse_subnet).transpose()?,
            })
        };
        Ok(QueryOpts {
            class: parse_class(&self.class)?,
            recurse: !self.norecurse,
            cd: self.cd,
            ad: self.ad,
            edns,
            id: self.id,
            ixfr_serial: None,
        })
    }
}

/// The client these flags describe.
pub fn client(args: &Args, ctx: &Ctx) -> anyhow::Result<Client> {
    let timeout = ctx.timeout_or(lookup::DEFAULT_TIMEOUT);
    let secure =
        super::secure::setup(&args.secure, args.conn.server.as_deref(), timeout, &ctx.out)?;
    let server = match (&secure, &args.conn.server) {
        (Some((_, addr)), _) => *addr,
        (None, Some(s)) => dnsname::parse_server(s).map_err(|e| exit::usage(e.to_string()))?,
        // --trace picks its servers from the root hints.
        (None, None) if args.query.trace => std::net::SocketAddr::from(([127, 0, 0, 1], 53)),
        (None, None) => query::system_server()?,
    };
    let mut opts = args.query.opts()?;
    if args.secure.https.is_some() && opts.id.is_none() {
        // RFC 8484 §4.1: ID 0, so the same query is the same HTTP request (caches).
        opts.id = Some(0);
    }
    Ok(Client {
        transport: Transport {
            server,
            timeout,
            retries: args.conn.retries,
            stop: ctx.stop.clone(),
            reuse: false,
        },
        opts,
        tcp: args.conn.tcp,
        tcp_fallback: !args.query.no_tcp_fallback,
        secure: secure.map(|s| s.0),
    })
}

/// The end of a batch from stdin.
#[derive(Debug, Serialize)]
pub struct BatchSummary {
    pub names: usize,
    pub queries: usize,
    pub answered: usize,
    pub failed: usize,
    pub elapsed_ms: f64,
}

impl Render for BatchSummary {
    fn kind(&self) -> &str {
        "batch"
    }
    fn human(&self, p: &Palette) -> String {
        p.dim(&format!(
            ";; {} names, {} queries: {} answered, {} failed, {} ms",
            self.names, self.queries, self.answered, self.failed, self.elapsed_ms
        ))
    }
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<Code> {
    let mut client = client(args, ctx)?;
    let batch = args.name == "-";
    // A batch keeps a connection per worker; DoT and DoH keep theirs between
    // the types of one name too (a handshake per query would be most of the time).
    client.transport.reuse = batch || client.secure.is_some();
    let jobs = if batch {
        if !args.types.is_empty() {
            return Err(exit::usage(
                "with NAME `-`, give types per line on stdin, not as arguments",
            )
            .into());
        }
        lookup::read_jobs(args, args.query.max_size)?
    } else {
        vec![lookup::job(args, &args.name, &args.types)?]
    };
    if args.query.trace {
        return match &jobs[..] {
            [one] => super::trace::run(args, ctx, &client, one),
            _ => Err(exit::usage("--trace follows one name").into()),
        };
    }
    let transfer = |t: &RecordType| matches!(t, RecordType::AXFR | RecordType::IXFR);
    if args.secure.https.is_some() && jobs.iter().flat_map(|j| &j.types).any(transfer) {
        return Err(exit::usage(
            "AXFR and IXFR go over TCP or --tls, not DNS over HTTPS (RFC 8484 carries one message per answer)",
        )
        .into());
    }
    if let [one] = &jobs[..] {
        if one.types.len() == 1 && transfer(&one.types[0]) {
            return run_transfer(args, ctx, &client, one);
        }
    }
    if jobs.iter().flat_map(|j| &j.types).any(transfer) {
        return Err(exit::usage("AXFR and IXFR go alone: one zone, one type per call").into());
    }
    let mut items = Vec::new();
    for (i, j) in jobs.iter().enumerate() {
        let name = dnsname::wire_name(&j.name).map_err(|e| exit::usage(e.to_string()))?;
        items.extend(j.types.iter().map(|t| (i, name.clone(), *t)));
    }
    let concurrency = usize::from(args.query_concurrency());
    let via = client.via();
    let start = Instant::now();
    let mut failures = Vec::new();
    let (mut held, mut answered): (Vec<Asked>, usize) = (Vec::new(), 0);
    let mut current = 0;
    let done = |k: usize, asked: Asked| {
        answered += usize::from(asked.reply.is_some());
        held.push(asked);
        current = items[k].0;
        let job = &jobs[current];
        if held.len() == job.types.len() {
            failures.extend(emit(args, ctx, &via, job, &std::mem::take(&mut held))?);
        }
        Ok(())
    };
    if batch && items.len() > 1 && pipeline::usable(&client) {
        let questions: Vec<pipeline::Question> = items
            .iter()
            .map(|(i, name, t)| (jobs[*i].name.as_str(), name, *t))
            .collect();
        pipeline::run(&client, &questions, concurrency, done)?;
    } else {
        client::in_order(
            &items,
            if batch { concurrency } else { 1 },
            &ctx.stop,
            |(i, name, t)| client.ask(&jobs[*i].name, name, *t),
            done,
        )?;
    }
    // Ctrl-C: the queries not started are not asked; show the part of the job
    // that was, and say how far it got.
    if !held.is_empty() {
        failures.extend(emit(args, ctx, &via, &jobs[current], &held)?);
    }
    if ctx.stop.is_stopped() && failures.is_empty() && answered < items.len() {
        failures.push(exit::negative(
            Kind::Interrupted,
            format!("stopped after {answered} of {} queries", items.len()),
        ));
    }
    if batch {
        ctx.out.emit(&BatchSummary {
            names: jobs.len(),
            queries: items.len(),
            answered,
            failed: failures.len(),
            elapsed_ms: ms(start.elapsed()),
        })?;
    }
    lookup::finish(failures, items.len())
}

impl Args {
    /// `--concurrency`, default 64 over UDP and 8 over TCP, TLS and HTTPS (a
    /// connection each).
    fn query_concurrency(&self) -> u16 {
        let stream = self.conn.tcp || self.secure.tls || self.secure.https.is_some();
        self.concurrency.unwrap_or(if stream { 8 } else { 64 })
    }
}

/// Print one job's replies; return the failures it counts.
fn emit(
    args: &Args,
    ctx: &Ctx,
    via: &Via,
    job: &Job,
    asked: &[Asked],
) -> anyhow::Result<Vec<Failure>> {
    let outcomes: Vec<query::Outcome> = asked.iter().map(|a| a.outcome.clone()).collect();
    let any_answer = outcomes.iter().any(|o| o.status == Status::NoError);
    if args.hostent {
        if any_answer {
            ctx.out
                .emit(&Hostent::from_outcomes(&job.name, &outcomes))?;
        }
    } else {
        for a in asked {
            show(args, ctx, via, a)?;
        }
    }
    let forgiven = job.lenient && any_answer;
    Ok(outcomes
        .iter()
        .filter(|_| !forgiven)
        .filter_map(|o| o.failure(via))
        .collect())
}

/// One reply (or the summary saying why none came).
fn show(args: &Args, ctx: &Ctx, via: &Via, a: &Asked) -> anyhow::Result<()> {
    let json = ctx.out.is_json();
    match &a.reply {
        Some(r) if args.short && !json => {
            let lines: Vec<String> = r.msg.answers.iter().map(|x| present(&x.data)).collect();
            if !lines.is_empty() && !ctx.out.quiet() {
                ctx.out.write_text(&(lines.join("\n") + "\n"))?;
            }
        }
        Some(r) => {
            if !ctx.out.quiet() || json {
                ctx.out.emit(&MessageEvent {
                    reply: r,
                    bare: false,
                })?;
            }
            if json {
                ctx.out.emit(&Summary::new(&a.outcome, via))?;
            }
        }
        None => ctx.out.emit(&Summary::new(&a.outcome, via))?,
    }
    Ok(())
}

/// AXFR / IXFR: every message printed as it comes; one summary.
fn run_transfer(args: &Args, ctx: &Ctx, client: &Client, job: &Job) -> anyhow::Result<Code> {
    let name = dnsname::wire_name(&job.name).map_err(|e| exit::usage(e.to_string()))?;
    let mut c = client.clone();
    c.opts.ixfr_serial = job.ixfr;
    c.tcp = true;
    let via = c.via();
    let mut records = 0;
    let mut outcome = c.transfer(&job.name, &name, job.types[0], |r| {
        records += r.msg.answers.len();
        if args.short && !ctx.out.is_json() {
            let lines: Vec<String> = r.msg.answers.iter().map(|x| present(&x.data)).collect();
            if !lines.is_empty() {
                ctx.out.write_text(&(lines.join("\n") + "\n"))?;
            }
            return Ok(());
        }
        if !ctx.out.quiet() || ctx.out.is_json() {
            ctx.out.emit(&MessageEvent {
                reply: r,
                bare: false,
            })?;
        }
        Ok(())
    })?;
    outcome.records = vec![];
    let mut sum = Summary::new(&outcome, &via);
    sum.answers = records;
    if ctx.out.is_json() || outcome.status != Status::NoError {
        ctx.out.emit(&sum)?;
    }
    lookup::finish(outcome.failure(&via).into_iter().collect(), 1)
}
