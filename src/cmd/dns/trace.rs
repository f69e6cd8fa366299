//! `dns lookup --trace`: iterative resolution from the root hints, like `dig
//! +trace` — ask a root server for the root NS set, then ask the name (RD off)
//! at each delegation in turn, following the referral's glue, and print one
//! block per step (the records that step returned and which server sent them).
//! `--port` applies to every server on the way, so a test can build a root →
//! TLD → zone hierarchy on 127.0.0.1, 127.0.0.2, 127.0.0.3.
//!
//! It follows glue only (a referral whose name servers have no address in the
//! additional section ends the trace with exit 3), keeps no cache and does not
//! validate DNSSEC.

use std::net::{IpAddr, SocketAddr};

use hickory_proto::rr::{Name, RData, Record, RecordType};
use serde::Serialize;
use serde_json::Value;

use super::ask::QueryArgs;
use super::client::{status_of, Client};
use super::lookup::{self, Job};
use super::present::{record_json, record_line, Reply};
use super::query::{Outcome, Status};
use crate::cmd::Ctx;
use crate::exit::Kind;
use crate::exit::{self, Code, Failure};
use crate::output::{ms, Palette, Render};

/// The IANA root hints (named.root), addresses only: name and IPv4 address.
const ROOT_HINTS: &str = include_str!("root_hints.txt");

/// Delegation steps before giving up (a loop in the referrals).
const MAX_STEPS: usize = 30;

/// Name servers and their addresses.
type Servers = Vec<(String, SocketAddr)>;

/// One step of the trace.
#[derive(Debug, Serialize)]
pub struct TraceStep {
    /// The zone whose servers were asked (`.` first).
    pub zone: String,
    pub server: String,
    pub server_name: String,
    pub protocol: String,
    pub status: String,
    pub size: usize,
    pub time_ms: f64,
    pub records: Vec<Value>,
    #[serde(skip)]
    lines: Vec<Record>,
}

impl Render for TraceStep {
    fn kind(&self) -> &str {
        "trace_step"
    }
    fn human(&self, p: &Palette) -> String {
        let mut s: String = self
            .lines
            .iter()
            .map(|r| record_line(r, p) + "\n")
            .collect();
        s.push_str(&p.dim(&format!(
            ";; Received {} bytes from {}({}) in {} ms",
            self.size, self.server, self.server_name, self.time_ms
        )));
        s.push('\n');
        s
    }
}

/// `NAME ADDRESS` pairs from a hints file: named.root's `NAME TTL [IN] A ADDR`
/// lines (AAAA and NS lines are skipped; `;` starts a comment).
pub fn parse_hints(text: &str) -> Vec<(String, IpAddr)> {
    text.lines()
        .filter_map(|l| {
            let l = l.split(';').next().unwrap_or("");
            let w: Vec<&str> = l.split_whitespace().collect();
            let at = w.iter().position(|x| x.eq_ignore_ascii_case("A"))?;
            let ip = w.get(at + 1)?.parse().ok()?;
            Some((w.first()?.to_string(), ip))
        })
        .collect()
}

fn hints(q: &QueryArgs) -> anyhow::Result<Vec<(String, IpAddr)>> {
    let text = match &q.root_hints {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| exit::usage(format!("reading --root-hints {}: {e}", path.display())))?,
        None => ROOT_HINTS.to_string(),
    };
    let h = parse_hints(&text);
    if h.is_empty() {
        return Err(exit::usage("the root hints name no server with an A address").into());
    }
    Ok(h)
}

/// Ask each server in turn until one answers.
fn ask_any(
    client: &Client,
    servers: &[(String, SocketAddr)],
    name: &Name,
    asked: &str,
    t: RecordType,
) -> Result<(String, Reply), Outcome> {
    let mut last = None;
    for (ns, addr) in servers {
        let mut c = client.clone();
        c.transport.server = *addr;
        let a = c.ask(asked, name, t);
        match a.reply {
            Some(r) => return Ok((ns.clone(), r)),
            None => last = Some(a.outcome),
        }
    }
    Err(last.unwrap_or(Outcome {
        name: asked.to_string(),
        qtype: t,
        records: vec![],
        status: Status::Failed("no server to ask".into()),
        elapsed: Default::default(),
    }))
}

fn step(zone: &Name, ns: &str, r: &Reply, records: Vec<Record>) -> TraceStep {
    TraceStep {
        zone: zone.to_ascii(),
        server: format!("{}#{}", r.server.ip(), r.server.port()),
        server_name: ns.to_string(),
        protocol: r.protocol.to_lowercase(),
        status: r.status(),
        size: r.size,
        time_ms: ms(r.elapsed),
        records: records.iter().map(record_json).collect(),
        lines: records,
    }
}

/// The next zone and its servers (from glue) if `r` is a referral below `zone`.
fn referral(r: &Reply, zone: &Name, port: u16) -> Option<(Name, Servers)> {
    let m = &r.msg;
    if m.metadata.response_code != hickory_proto::op::ResponseCode::NoError || !m.answers.is_empty()
    {
        return None;
    }
    let ns: Vec<&Record> = m
        .authorities
        .iter()
        .filter(|x| x.record_type() == RecordType::NS)
        .collect();
    let child = ns.first()?.name.clone();
    if !(zone.zone_of(&child) && child.num_labels() > zone.num_labels()) {
        return None;
    }
    let names: Vec<String> = ns
        .iter()
        .filter_map(|x| match &x.data {
            RData::NS(n) => Some(n.0.to_ascii()),
            _ => None,
        })
        .collect();
    let glue = m
        .additionals
        .iter()
        .filter(|x| names.contains(&x.name.to_ascii()))
        .filter_map(|x| match &x.data {
            RData::A(a) => Some((x.name.to_ascii(), SocketAddr::new(IpAddr::V4(a.0), port))),
            _ => None,
        })
        .collect();
    Some((child, glue))
}

/// Run the trace for one name and type.
pub fn run(args: &lookup::Args, ctx: &Ctx, client: &Client, job: &Job) -> anyhow::Result<Code> {
    let port = args.query.port.unwrap_or(53);
    let mut c = client.clone();
    c.opts.recurse = false;
    let name =
        crate::proto::dnsname::wire_name(&job.name).map_err(|e| exit::usage(e.to_string()))?;
    let t = job.types[0];
    let mut servers: Vec<(String, SocketAddr)> = hints(&args.query)?
        .into_iter()
        .map(|(n, ip)| (n, SocketAddr::new(ip, port)))
        .collect();
    let via = c.via();
    let fail = |o: Outcome| -> anyhow::Result<Code> {
        ctx.out.emit(&super::render::Summary::new(&o, &via))?;
        lookup::finish(o.failure(&via).into_iter().collect(), 1)
    };
    // The root NS set, from the first root server that answers.
    let (ns, r) = match ask_any(&c, &servers, &Name::root(), ".", RecordType::NS) {
        Ok(x) => x,
        Err(o) => return fail(o),
    };
    ctx.out
        .emit(&step(&Name::root(), &ns, &r, r.msg.answers.clone()))?;
    let mut zone = Name::root();
    for _ in 0..MAX_STEPS {
        let (ns, r) = match ask_any(&c, &servers, &name, &job.name, t) {
            Ok(x) => x,
            Err(o) => return fail(o),
        };
        match referral(&r, &zone, port) {
            Some((child, glue)) => {
                let recs: Vec<Record> = r
                    .msg
                    .authorities
                    .iter()
                    .filter(|x| x.name == child)
                    .cloned()
                    .collect();
                ctx.out.emit(&step(&zone, &ns, &r, recs))?;
                if glue.is_empty() {
                    return Err(Failure::new(
                        Code::Network,
                        Kind::NoGlue,
                        format!("the referral to {} names no server with a glue address (--trace follows glue only)", child.to_ascii()),
                    )
                    .into());
                }
                zone = child;
                servers = glue;
            }
            None => {
                let mut recs = r.msg.answers.clone();
                recs.extend(r.msg.authorities.iter().cloned());
                ctx.out.emit(&step(&zone, &ns, &r, recs))?;
                let o = Outcome {
                    name: job.name.clone(),
                    qtype: t,
                    records: r.msg.answers.clone(),
                    status: status_of(&r.msg, t),
                    elapsed: r.elapsed,
                };
                let mut v = via.clone();
                v.server = r.server.to_string();
                return lookup::finish(o.failure(&v).into_iter().collect(), 1);
            }
        }
    }
    Err(exit::network(
        Kind::Loop,
        format!("more than {MAX_STEPS} referrals: a delegation loop?"),
    )
    .into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_hints_have_the_13_roots() {
        let h = parse_hints(ROOT_HINTS);
        assert_eq!(h.len(), 13);
        assert_eq!(h[0].0, "A.ROOT-SERVERS.NET.");
        assert_eq!(h[0].1, "198.41.0.4".parse::<IpAddr>().unwrap());
        let mine = parse_hints(". 3600 NS ns.root.\nns.root. 3600 IN A 127.0.0.1 ; local\n");
        assert_eq!(
            mine,
            [("ns.root.".to_string(), "127.0.0.1".parse().unwrap())]
        );
    }
}
