//! `dns diff NAME`: the two views side by side — the system resolver's answer
//! (libc getaddrinfo: hosts file, search list, nsswitch) beside the A and AAAA
//! answers of each resolv.conf server and each `--server` — with the
//! differences named: an address from the hosts file, a name completed by a
//! search domain, only one family, a server that disagrees.
//!
//! It compares addresses only (not TTLs or CNAME chains) and does not change any
//! file; `--resolv-conf` and `--hosts` name other files to read the servers,
//! search list and hosts entries from (the system view itself always uses the
//! machine's configuration, as libc does).

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;

use hickory_proto::rr::{RData, RecordType};
use serde::Serialize;

use super::client::Client;
use super::getaddrinfo::{eai_failure, with_limit};
use super::wire::Transport;
use crate::cmd::Ctx;
use crate::exit::Kind;
use crate::exit::{self, Code};
use crate::output::{Palette, Render};
use crate::proto::dnsname;

/// `netkit dns diff NAME`
#[derive(Debug, Clone, clap::Args)]
#[command(after_help = "\
Exit 0 when every view gives the same addresses, 1 when they differ, 2 for bad
input, 3 when no server answered.

Examples:
  netkit dns diff localhost                 # /etc/hosts vs the resolv.conf servers
  netkit dns diff www --server 127.0.0.1:5353 --resolv-conf ./resolv.conf")]
pub struct Args {
    /// The name, as a program would pass it to getaddrinfo
    #[arg(value_name = "NAME")]
    pub name: String,
    /// Another DNS server to compare, IP[:PORT] (repeatable)
    #[arg(long, short = 's', value_name = "IP[:PORT]")]
    pub server: Vec<String>,
    /// The resolv.conf to take servers and search domains from (`nameserver IP[:PORT]`)
    #[arg(long, value_name = "FILE", default_value = "/etc/resolv.conf")]
    pub resolv_conf: PathBuf,
    /// Skip the resolv.conf servers: compare with --server only
    #[arg(long)]
    pub no_resolv_servers: bool,
    /// The hosts file to name as the source of an address only the system gives
    #[arg(long, value_name = "FILE", default_value = "/etc/hosts")]
    pub hosts: PathBuf,
    /// Tries after the first for each server query
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub retries: u32,
}

/// What one view says.
#[derive(Debug, Serialize)]
pub struct View {
    /// `system` or `server IP:PORT`.
    pub source: String,
    pub addresses: Vec<String>,
    /// NOERROR, NXDOMAIN, TIMEOUT... (`ok` or the EAI name for the system).
    pub status: String,
}

impl Render for View {
    fn kind(&self) -> &str {
        "view"
    }
    fn human(&self, p: &Palette) -> String {
        let addrs = if self.addresses.is_empty() {
            p.err(&format!("({})", self.status))
        } else {
            p.value(&self.addresses.join(" "))
        };
        format!("{:<28} {addrs}", p.name(&self.source))
    }
}

/// One named difference.
#[derive(Debug, Serialize)]
pub struct Difference {
    /// `hosts_file`, `search_domain`, `one_family`, `server_disagrees`, `system_only`.
    pub kind: &'static str,
    pub message: String,
}

impl Render for Difference {
    fn kind(&self) -> &str {
        "difference"
    }
    fn human(&self, p: &Palette) -> String {
        format!("{} {}", p.warn("differs:"), self.message)
    }
}

/// resolv.conf's servers (`nameserver IP` or `IP:PORT`) and search domains.
pub fn parse_resolv_conf(text: &str) -> (Vec<SocketAddr>, Vec<String>) {
    let (mut servers, mut search) = (Vec::new(), Vec::new());
    for line in text.lines() {
        let mut w = line
            .split(['#', ';'])
            .next()
            .unwrap_or("")
            .split_whitespace();
        match w.next() {
            Some("nameserver") => {
                if let Some(s) = w.next().and_then(|s| dnsname::parse_server(s).ok()) {
                    servers.push(s);
                }
            }
            Some("search") | Some("domain") => search = w.map(str::to_string).collect(),
            _ => {}
        }
    }
    (servers, search)
}

/// The addresses a hosts file gives `name`.
pub fn hosts_entries(text: &str, name: &str) -> BTreeSet<IpAddr> {
    let want = name.trim_end_matches('.');
    text.lines()
        .filter_map(|l| {
            let mut w = l.split('#').next()?.split_whitespace();
            let ip: IpAddr = w.next()?.parse().ok()?;
            w.any(|n| n.eq_ignore_ascii_case(want)).then_some(ip)
        })
        .collect()
}

fn system_view(name: &str, ctx: &Ctx) -> anyhow::Result<(BTreeSet<IpAddr>, String)> {
    let hints = dns_lookup::AddrInfoHints {
        socktype: libc::SOCK_STREAM,
        ..Default::default()
    };
    let what = format!("getaddrinfo({name:?}, None)");
    let host = name.to_string();
    let limit = ctx.timeout_or(super::getaddrinfo::DEFAULT_TIMEOUT);
    let r = with_limit(limit, &what, move || {
        dns_lookup::getaddrinfo(Some(&host), None, Some(hints)).map(|it| {
            it.filter_map(|a| a.ok())
                .map(|a| a.sockaddr.ip())
                .collect::<BTreeSet<_>>()
        })
    })?;
    Ok(match r {
        Ok(set) => (set, "ok".into()),
        Err(e) => {
            let f = eai_failure(&e, &what);
            (BTreeSet::new(), f.kind.to_string())
        }
    })
}

/// A and AAAA of `name` at one server.
fn server_view(client: &Client, name: &str) -> anyhow::Result<(BTreeSet<IpAddr>, String)> {
    let wire = dnsname::wire_name(name).map_err(|e| exit::usage(e.to_string()))?;
    let mut set = BTreeSet::new();
    let mut status = String::new();
    for t in [RecordType::A, RecordType::AAAA] {
        let a = client.ask(name, &wire, t);
        for r in &a.outcome.records {
            match &r.data {
                RData::A(x) => drop(set.insert(IpAddr::V4(x.0))),
                RData::AAAA(x) => drop(set.insert(IpAddr::V6(x.0))),
                _ => {}
            }
        }
        if status.is_empty() || status == "NODATA" {
            status = a.outcome.status.word();
        }
    }
    Ok((set, status))
}

fn list(set: &BTreeSet<IpAddr>) -> Vec<String> {
    set.iter().map(ToString::to_string).collect()
}

/// The servers to compare (resolv.conf's, then `--server`s) and the search list.
fn servers(args: &Args) -> anyhow::Result<(Vec<SocketAddr>, Vec<String>)> {
    let (mut servers, mut search) = (Vec::new(), Vec::new());
    if !args.no_resolv_servers || args.server.is_empty() {
        let text = std::fs::read_to_string(&args.resolv_conf).map_err(|e| {
            let path = args.resolv_conf.display();
            exit::system(Kind::ResolvConf, format!("reading {path}: {e}"))
        })?;
        let (s, d) = parse_resolv_conf(&text);
        search = d;
        if !args.no_resolv_servers {
            servers = s;
        }
    }
    for s in &args.server {
        servers.push(dnsname::parse_server(s).map_err(|e| exit::usage(e.to_string()))?);
    }
    if servers.is_empty() {
        let why = "no server to compare with: give --server or a resolv.conf with nameservers";
        return Err(exit::usage(why).into());
    }
    Ok((servers, search))
}

/// One server's view.
struct ServerView {
    server: SocketAddr,
    addresses: BTreeSet<IpAddr>,
    status: String,
    client: Client,
}

fn families(s: &BTreeSet<IpAddr>) -> &'static str {
    match (s.iter().any(IpAddr::is_ipv4), s.iter().any(IpAddr::is_ipv6)) {
        (true, true) => "IPv4 and IPv6",
        (true, false) => "IPv4 only",
        (false, true) => "IPv6 only",
        (false, false) => "nothing",
    }
}

/// Name what differs between the system's answer and the servers'.
fn differences(
    args: &Args,
    system: &BTreeSet<IpAddr>,
    views: &[ServerView],
    search: &[String],
) -> anyhow::Result<Vec<Difference>> {
    let mut diffs = Vec::new();
    let mut say = |kind, message: String| diffs.push(Difference { kind, message });
    let first = &views[0];
    let dns = &first.addresses;
    for v in &views[1..] {
        if v.addresses != *dns {
            let (a, b) = (list(&v.addresses), list(dns));
            say(
                "server_disagrees",
                format!(
                    "server {} gives {a:?}, server {} gives {b:?}",
                    v.server, first.server
                ),
            );
        }
    }
    let hosts = std::fs::read_to_string(&args.hosts).unwrap_or_default();
    let from_hosts = hosts_entries(&hosts, &args.name);
    if system == dns {
        return Ok(diffs);
    }
    if !from_hosts.is_empty() {
        let (path, addrs) = (args.hosts.display(), list(&from_hosts).join(" "));
        say(
            "hosts_file",
            format!("the system answers from {path} ({addrs}), not from the DNS"),
        );
    } else if dns.is_empty() && !args.name.ends_with('.') {
        for d in search {
            let full = format!("{}.{d}", args.name);
            let (set, _) = server_view(&first.client, &full)?;
            if !set.is_empty() && set == *system {
                say(
                    "search_domain",
                    format!("the system completed the name with the search domain {d}: {full}"),
                );
                break;
            }
        }
    } else if !system.is_empty() && families(system) != families(dns) {
        say(
            "one_family",
            format!(
                "the system gives {}, the DNS {}",
                families(system),
                families(dns)
            ),
        );
    }
    if diffs.is_empty() {
        let (a, b) = (list(system), list(dns));
        diffs.push(Difference {
            kind: "system_only",
            message: format!(
                "the system gives {a:?}, server {} gives {b:?}",
                first.server
            ),
        });
    }
    Ok(diffs)
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<Code> {
    dnsname::validate_name(&args.name).map_err(|e| exit::usage(format!("{:?}: {e}", args.name)))?;
    let (servers, search) = servers(args)?;
    let (system, sys_status) = system_view(&args.name, ctx)?;
    let addresses = list(&system);
    ctx.out.emit(&View {
        source: "system (getaddrinfo)".into(),
        addresses,
        status: sys_status,
    })?;
    let mut views = Vec::new();
    for server in servers {
        let client = Client {
            transport: Transport {
                server,
                timeout: ctx.timeout_or(super::lookup::DEFAULT_TIMEOUT),
                retries: args.retries,
                stop: ctx.stop.clone(),
                reuse: false,
            },
            opts: super::message::QueryOpts::default(),
            tcp: false,
            tcp_fallback: true,
            secure: None,
        };
        let (addresses, status) = server_view(&client, &args.name)?;
        let (source, shown) = (format!("server {server}"), list(&addresses));
        ctx.out.emit(&View {
            source,
            addresses: shown,
            status: status.clone(),
        })?;
        views.push(ServerView {
            server,
            addresses,
            status,
            client,
        });
    }
    let answered =
        |v: &ServerView| !v.addresses.is_empty() || v.status == "NXDOMAIN" || v.status == "NODATA";
    if !views.iter().any(answered) {
        return Err(exit::network(Kind::NoAnswer, "no server answered").into());
    }
    let diffs = differences(args, &system, &views, &search)?;
    ctx.out.emit_all(&diffs)?;
    if diffs.is_empty() {
        let message = "every view gives the same addresses".into();
        ctx.out.emit(&Difference {
            kind: "same",
            message,
        })?;
        return Ok(Code::Ok);
    }
    Ok(Code::Negative)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolv_conf_and_hosts() {
        let (s, d) = parse_resolv_conf(
            "# x\nnameserver 127.0.0.1:5300\nnameserver ::1\nsearch a.test b.test\n",
        );
        assert_eq!(
            s,
            [
                "127.0.0.1:5300".parse().unwrap(),
                "[::1]:53".parse().unwrap()
            ]
        );
        assert_eq!(d, ["a.test", "b.test"]);
        let h = hosts_entries(
            "127.0.0.1 localhost\n::1 ip6-localhost localhost # x\n",
            "localhost.",
        );
        assert_eq!(h.len(), 2);
    }
}
