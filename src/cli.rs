//! The command line, as clap derive types: the global flags shared by every
//! command and the subcommand tree. Each subcommand's own flags live in its module
//! (`cmd::<name>::Args`), so this file stays a table of contents. It does not run
//! anything; `main` dispatches through `cmd::run`.

use std::time::Duration;

use std::ffi::OsString;

use clap::{Args, FromArgMatches, Parser, Subcommand};

use crate::cmd;
use crate::exit::EXIT_CODES_HELP;
use crate::output::ColorChoice;
pub use crate::value::parse_duration;

/// netkit: one binary for the networking chapter — echo servers and clients, DNS,
/// the services database, Redis and ZeroMQ pub/sub, RPC, and runnable labs.
#[derive(Debug, Parser)]
#[command(
    name = "netkit",
    version,
    about = "One binary for the networking chapter: UDP/TCP echo, DNS, services, Redis and ZeroMQ pub/sub, RPC, labs",
    after_help = EXIT_CODES_HELP,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command takes, before or after the subcommand.
#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Print JSON Lines: one object per event, each with a "type" (errors too)
    #[arg(long, global = true)]
    pub json: bool,

    /// When to colour human output (NO_COLOR is honoured in auto)
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Limit on every wait (connect, reply, idle), e.g. 500ms, 2s, 1m; each command documents its default
    #[arg(long, global = true, value_name = "DURATION", value_parser = parse_duration)]
    pub timeout: Option<Duration>,

    /// Print only summaries and errors, not one line per message
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// UDP echo server and client (RFC 862; chapter §5)
    UdpEcho(cmd::udp_echo::Args),
    /// TCP echo server and client with framing and a load mode (chapter §5)
    TcpEcho(cmd::tcp_echo::Args),
    /// DNS queries, the system's getaddrinfo, and reverse lookups (chapter §8)
    Dns(cmd::dns::Args),
    /// Look up services by name in the services database (getservbyname; chapter §8)
    ServByName(cmd::serv::ByNameArgs),
    /// Look up services by port in the services database (getservbyport; chapter §8)
    ServByPort(cmd::serv::ByPortArgs),
    /// Publish messages over Redis (redis://) or ZeroMQ (tcp://, ipc://) (chapter §2, §3)
    Pub(cmd::pubsub::PubArgs),
    /// Subscribe to channels over Redis (redis://) or ZeroMQ (tcp://, ipc://) (chapter §2, §3)
    Sub(cmd::pubsub::SubArgs),
    /// Run an embedded Redis-protocol pub/sub server for labs without Redis (chapter §2)
    Broker(cmd::broker::Args),
    /// Call an XML-RPC, JSON-RPC 2.0 or MessagePack-RPC method (chapter §10)
    RpcCall(cmd::rpc::CallArgs),
    /// Serve double/power with introspection over XML-RPC, JSON-RPC or MessagePack-RPC (chapter §10)
    RpcServe(cmd::rpc::ServeArgs),
    /// Run the material's scenarios end to end on loopback, both sides narrated
    Lab(cmd::lab::Args),
    /// ZeroMQ REQ/REP, PUSH/PULL, DEALER/ROUTER, PAIR and proxy (chapter §6, docs/material.md)
    Zmq(cmd::zmq::Args),
    /// A server's TLS handshake and certificate chain, verified (like openssl s_client, for scripts)
    Tls(cmd::tls::Args),
    /// HTTP/1.1 client with timing phases, and a static file server (chapter §9, docs/material.md)
    Http(cmd::http::Args),
}

impl Cli {
    /// Parse the process's arguments (see [`Cli::parse_from_fast`]).
    pub fn parse_args() -> Result<Cli, clap::Error> {
        Cli::parse_from_fast(std::env::args_os().collect())
    }

    /// Parse arguments, building only the subcommand they name.
    ///
    /// Building the whole command tree (every subcommand's every flag) and freeing
    /// it again was a third of the work of a one-shot command such as
    /// `netkit serv-by-name http`. So the common case builds just the named
    /// subcommand; anything that does not parse that way (help, version, a typo, a
    /// flag error) is parsed again with the full tree, so messages and help stay
    /// exactly clap's. `narrowed_parse_matches_full_parse` checks both agree.
    pub fn parse_from_fast(args: Vec<OsString>) -> Result<Cli, clap::Error> {
        // The one-shot `dns lookup NAME --server S` line, read without clap at all.
        if let Some(cli) = cmd::dns::quick::parse(&args) {
            return Ok(cli);
        }
        if let Some(mut cmd) = narrow_command(&args) {
            let parsed = cmd.try_get_matches_from_mut(&args);
            // The tree is used once per process: freeing its hundreds of small
            // allocations was 5% of a one-shot command's instructions.
            std::mem::forget(cmd);
            if let Ok(mut m) = parsed {
                // `_mut`: the plain form clones every match first.
                if let Ok(cli) = Cli::from_arg_matches_mut(&mut m) {
                    return Ok(cli);
                }
            }
        }
        Cli::try_parse_from(args)
    }
}

/// The top-level command with only the subcommand named in `args`, if one is.
fn narrow_command(args: &[OsString]) -> Option<clap::Command> {
    let mut rest = args.iter().skip(1);
    let name = next_word(&mut rest)?;
    let table: &[(&str, Augment)] = &[
        ("udp-echo", cmd::udp_echo::Args::augment_args),
        ("tcp-echo", cmd::tcp_echo::Args::augment_args),
        ("dns", cmd::dns::Args::augment_args),
        ("serv-by-name", cmd::serv::ByNameArgs::augment_args),
        ("serv-by-port", cmd::serv::ByPortArgs::augment_args),
        ("pub", cmd::pubsub::PubArgs::augment_args),
        ("sub", cmd::pubsub::SubArgs::augment_args),
        ("broker", cmd::broker::Args::augment_args),
        ("rpc-call", cmd::rpc::CallArgs::augment_args),
        ("rpc-serve", cmd::rpc::ServeArgs::augment_args),
        ("lab", cmd::lab::Args::augment_args),
        ("zmq", cmd::zmq::Args::augment_args),
        ("tls", cmd::tls::Args::augment_args),
        ("http", cmd::http::Args::augment_args),
    ];
    let &(name, augment) = table.iter().find(|(n, _)| *n == name)?;
    let sub = narrow_nested(name, &mut rest).unwrap_or_else(|| augment(clap::Command::new(name)));
    let top = clap::Command::new("netkit")
        .subcommand_required(true)
        .subcommand(sub);
    Some(GlobalArgs::augment_args(top))
}

type Augment = fn(clap::Command) -> clap::Command;

/// The next word that is not a global flag (or a global flag's value).
fn next_word<'a>(rest: &mut impl Iterator<Item = &'a OsString>) -> Option<&'a str> {
    loop {
        let a = rest.next()?.to_str()?;
        match a {
            "--color" | "--timeout" => {
                rest.next()?;
            }
            a if a.starts_with('-') => {}
            a => return Some(a),
        }
    }
}

/// `dns lookup` alone, without its sibling subcommands: building `dns getaddrinfo`,
/// `reverse` and `diff` too was a third of the parser's work for one query (the
/// start-up cost issue 13 measures against kdig). Other nested commands are cheap
/// enough built whole; None means "build the whole subcommand".
fn narrow_nested<'a>(
    top: &str,
    rest: &mut impl Iterator<Item = &'a OsString>,
) -> Option<clap::Command> {
    let table: &[(&str, &str, Augment)] =
        &[("dns", "lookup", cmd::dns::lookup::Args::augment_args)];
    let name = next_word(rest)?;
    let &(top, name, augment) = table.iter().find(|(t, n, _)| *t == top && *n == name)?;
    Some(
        clap::Command::new(top)
            .subcommand_required(true)
            .subcommand(augment(clap::Command::new(name))),
    )
}

/// Print a clap error (help and version go to stdout with exit 0; usage errors
/// exit 2, as JSON when `--json` is among the arguments). Returns the exit code.
pub fn report_parse_error(e: clap::Error) -> i32 {
    use clap::error::ErrorKind;
    let json = std::env::args_os().any(|a| a == "--json");
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            0
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand if !json => {
            let _ = e.print();
            2
        }
        _ if json => {
            let ev = serde_json::json!({
                "type": "error", "kind": "usage", "code": 2,
                "message": usage_message(&e), "hint": "see --help",
            });
            println!("{ev}");
            2
        }
        _ => {
            let _ = e.print();
            2
        }
    }
}

/// A clap error as one line: everything before its `Usage:` block, joined.
fn usage_message(e: &clap::Error) -> String {
    if e.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        return "a subcommand is required".to_string();
    }
    let text = e.render().to_string();
    let message = text
        .lines()
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let message = message.trim_start_matches("error: ").to_string();
    if message.is_empty() {
        "invalid usage".to_string()
    } else {
        message
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn narrowed_parse_matches_full_parse() {
        let lines: &[&[&str]] = &[
            &["serv-by-name", "http", "https", "--proto", "tcp"],
            &["--json", "serv-by-port", "80", "--timeout", "2s"],
            &[
                "--color",
                "never",
                "udp-echo",
                "send",
                "127.0.0.1:1",
                "hi",
                "--count",
                "3",
            ],
            &[
                "tcp-echo",
                "serve",
                "--listen",
                "127.0.0.1:0",
                "--framing",
                "line",
                "-q",
            ],
            &["dns", "lookup", "example.com", "MX", "--short"],
            &[
                "dns",
                "--json",
                "lookup",
                "example.com",
                "--timeout",
                "2s",
                "--dnssec",
            ],
            &["dns", "getaddrinfo", "localhost"],
            &["pub", "redis://127.0.0.1:1", "news", "a", "b"],
            &["sub", "tcp://127.0.0.1:1", "catA", "--count", "2", "--json"],
            &["broker", "--listen", "127.0.0.1:0"],
            &["rpc-call", "http://127.0.0.1:1/", "double", "7"],
            &["rpc-serve", "--proto", "msgpack"],
            &["lab", "--all", "--explain"],
            &["--timeout=1s", "lab"],
            &["zmq", "req", "tcp://127.0.0.1:1", "hi", "--retries", "2"],
            &[
                "tls",
                "[::1]:8443",
                "--cacert",
                "ca.pem",
                "--alpn",
                "h2",
                "--warn-days",
                "30",
            ],
        ];
        for line in lines {
            let args: Vec<OsString> = std::iter::once("netkit")
                .chain(line.iter().copied())
                .map(OsString::from)
                .collect();
            let full = Cli::try_parse_from(args.clone()).unwrap();
            let narrow = narrow_command(&args).expect("a subcommand is named");
            let fast = Cli::from_arg_matches(&narrow.try_get_matches_from(&args).unwrap()).unwrap();
            assert_eq!(format!("{fast:?}"), format!("{full:?}"), "{line:?}");
        }
        // Help and errors go through the full tree.
        let e = Cli::parse_from_fast(vec![
            "netkit".into(),
            "serv-by-name".into(),
            "--help".into(),
        ])
        .unwrap_err();
        assert!(e.to_string().contains("getservbyname") || e.render().to_string().contains("NAME"));
        assert!(Cli::parse_from_fast(vec!["netkit".into(), "bogus".into()]).is_err());
    }

    /// Every subcommand of the full tree is in the fast-parse table, and the
    /// narrowed tree gives it the same flags and subcommands (the dispatch in
    /// `cmd::run` is an exhaustive match: the compiler checks that one).
    #[test]
    fn fast_parse_table_covers_every_subcommand() {
        fn shape(c: &clap::Command) -> Vec<String> {
            let mut v: Vec<String> = c.get_arguments().map(|a| a.get_id().to_string()).collect();
            for sub in c.get_subcommands() {
                v.push(format!("{} {:?}", sub.get_name(), shape(sub)));
            }
            v.sort();
            v
        }
        let full = Cli::command();
        for sub in full.get_subcommands() {
            let name = sub.get_name();
            let args: Vec<OsString> = vec!["netkit".into(), name.into()];
            let narrow = narrow_command(&args)
                .unwrap_or_else(|| panic!("{name} is missing from narrow_command's table"));
            let fast = narrow.find_subcommand(name).expect("the named subcommand");
            assert_eq!(shape(fast), shape(sub), "{name}: the fast tree differs");
        }
        // The nested narrowing builds `dns lookup` with the same flags.
        let args: Vec<OsString> = ["netkit", "dns", "lookup"].map(OsString::from).to_vec();
        let narrow = narrow_command(&args).unwrap();
        let fast = narrow.find_subcommand("dns").unwrap();
        assert_eq!(fast.get_subcommands().count(), 1, "only lookup is built");
        let full_dns = full.find_subcommand("dns").unwrap();
        assert_eq!(
            shape(fast.find_subcommand("lookup").unwrap()),
            shape(full_dns.find_subcommand("lookup").unwrap())
        );
    }

    /// Every `--max-size` takes a size with units (value::parse_size); `dns
    /// lookup`'s refused `64KB` with "invalid digit" (issue 12).
    #[test]
    fn every_max_size_takes_units() {
        let lines: &[&[&str]] = &[
            &["dns", "lookup", "-", "--max-size", "64KB"],
            &["tcp-echo", "serve", "--max-size", "64KB"],
            &["tcp-echo", "send", "127.0.0.1:1", "--max-size", "64KB"],
            &["broker", "--max-size", "64KB"],
            &["rpc-serve", "--max-size", "64KB"],
            &[
                "rpc-call",
                "http://127.0.0.1:1/",
                "double",
                "--max-size",
                "64KB",
            ],
            &["sub", "tcp://127.0.0.1:1", "--max-size", "64KB"],
            &["zmq", "pull", "tcp://127.0.0.1:1", "--max-size", "64KB"],
        ];
        for line in lines {
            let args = std::iter::once("netkit").chain(line.iter().copied());
            if let Err(e) = Cli::try_parse_from(args) {
                panic!("{line:?}: {e}");
            }
        }
        let dns = |size: &str| {
            let cli = Cli::try_parse_from(["netkit", "dns", "lookup", "-", "--max-size", size]);
            match cli.map(|c| c.command) {
                Ok(Command::Dns(d)) => match d.command {
                    cmd::dns::DnsCommand::Lookup(a) => Ok(a.query.max_size),
                    other => panic!("not lookup: {other:?}"),
                },
                Ok(other) => panic!("not dns: {other:?}"),
                Err(e) => Err(e.to_string()),
            }
        };
        assert_eq!(dns("64KB"), Ok(64 << 10));
        assert_eq!(dns("1KiB"), Ok(1024));
        assert_eq!(dns("300"), Ok(300));
        let e = dns("12XB").unwrap_err();
        assert!(e.contains("--max-size"), "{e}");
        let default = Cli::try_parse_from(["netkit", "dns", "lookup", "-"]).unwrap();
        let Command::Dns(d) = default.command else {
            panic!()
        };
        let cmd::dns::DnsCommand::Lookup(a) = d.command else {
            panic!()
        };
        assert_eq!(a.query.max_size, 255);
    }

    #[test]
    fn global_flags_before_or_after() {
        let a = Cli::try_parse_from(["netkit", "--json", "serv-by-name", "http"]).unwrap();
        let b = Cli::try_parse_from(["netkit", "serv-by-name", "http", "--json"]).unwrap();
        assert!(a.global.json && b.global.json);
        let c = Cli::try_parse_from(["netkit", "serv-by-port", "80", "--timeout", "2s"]).unwrap();
        assert_eq!(c.global.timeout, Some(Duration::from_secs(2)));
    }
}
