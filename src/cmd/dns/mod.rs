//! `dns`: the two views of name resolution from chapter §8, side by side.
//!
//! - `dns lookup` asks a DNS server directly, any record type, and shows the
//!   server's whole message (hickory-proto over std sockets), like dig/kdig;
//!   `--resolve` gives hickory-resolver's view instead.
//! - `dns getaddrinfo` asks the system resolver (libc getaddrinfo: /etc/hosts,
//!   nsswitch, search domains): what programs get, like Python's `socket.getaddrinfo`.
//! - `dns diff` puts the two views side by side and names the differences.
//! - `dns reverse` maps an address back to a name, through the DNS (PTR) or
//!   through the system (getnameinfo).
//!
//! This module holds only the subcommand tree and the dispatch; each view lives in
//! its own file. Nothing here caches between runs or writes any file.

pub mod ask;
pub mod client;
pub mod diff;
pub mod doh;
pub mod doh_h2;
pub mod dot;
pub mod getaddrinfo;
pub mod lookup;
pub mod message;
pub mod pipeline;
pub mod present;
pub mod query;
pub mod quick;
pub mod rdata;
pub mod render;
pub mod resolve;
pub mod reverse;
pub mod secure;
pub mod trace;
pub mod wire;

use clap::Subcommand;

use crate::cmd::Ctx;
use crate::exit::Code;

/// `netkit dns ...`
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: DnsCommand,
}

/// The `dns` subcommands.
#[derive(Debug, Subcommand)]
pub enum DnsCommand {
    /// Query a DNS server for any record type (the DNS view, like dig)
    Lookup(lookup::Args),
    /// Ask the system resolver (libc getaddrinfo), one line per tuple (Python's view)
    Getaddrinfo(getaddrinfo::Args),
    /// Map an address back to a name: PTR through the DNS, or getnameinfo with --system
    Reverse(reverse::Args),
    /// The system resolver beside each DNS server, with the differences named
    Diff(diff::Args),
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<Code> {
    match &args.command {
        DnsCommand::Lookup(a) => lookup::run(a, ctx),
        DnsCommand::Getaddrinfo(a) => getaddrinfo::run(a, ctx),
        DnsCommand::Reverse(a) => reverse::run(a, ctx),
        DnsCommand::Diff(a) => diff::run(a, ctx),
    }
}
