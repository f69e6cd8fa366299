//! The command line, as clap derive types: the global flags shared by every
//! command and the subcommand tree. Each subcommand's own flags live in its module
//! (`cmd::<name>::Args`), so this file stays a table of contents. It does not run
//! anything; `main` dispatches through `cmd::run`.

use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::cmd;
use crate::exit::EXIT_CODES_HELP;
use crate::output::ColorChoice;

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
    /// UDP echo server and client (RFC 862; SEED §5)
    UdpEcho(cmd::udp_echo::Args),
    /// TCP echo server and client with framing and a load mode (SEED §5)
    TcpEcho(cmd::tcp_echo::Args),
    /// DNS queries, the system's getaddrinfo, and reverse lookups (SEED §8)
    Dns(cmd::dns::Args),
    /// Look up services by name in the services database (getservbyname; SEED §8)
    ServByName(cmd::serv::ByNameArgs),
    /// Look up services by port in the services database (getservbyport; SEED §8)
    ServByPort(cmd::serv::ByPortArgs),
    /// Publish messages over Redis (redis://) or ZeroMQ (tcp://, ipc://) (SEED §2, §3)
    Pub(cmd::pubsub::PubArgs),
    /// Subscribe to channels over Redis (redis://) or ZeroMQ (tcp://, ipc://) (SEED §2, §3)
    Sub(cmd::pubsub::SubArgs),
    /// Run an embedded Redis-protocol pub/sub server for labs without Redis (SEED §2)
    Broker(cmd::broker::Args),
    /// Call an XML-RPC, JSON-RPC 2.0 or MessagePack-RPC method (SEED §10)
    RpcCall(cmd::rpc::CallArgs),
    /// Serve double/power with introspection over XML-RPC, JSON-RPC or MessagePack-RPC (SEED §10)
    RpcServe(cmd::rpc::ServeArgs),
    /// Run the material's scenarios end to end on loopback, both sides narrated
    Lab(cmd::lab::Args),
}

/// Parse a humane duration: `500ms`, `2s`, `1.5s`, `1m`, `1h`, `250us`; a bare
/// number is seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let value: f64 = num
        .parse()
        .map_err(|_| format!("invalid duration {s:?} (expected e.g. 500ms, 2s, 1m)"))?;
    let scale = match unit.trim() {
        "" | "s" | "sec" | "secs" => 1.0,
        "ms" => 1e-3,
        "us" | "µs" => 1e-6,
        "ns" => 1e-9,
        "m" | "min" => 60.0,
        "h" => 3600.0,
        other => return Err(format!("invalid duration unit {other:?} in {s:?} (use ns, us, ms, s, m or h)")),
    };
    let secs = value * scale;
    if !secs.is_finite() || secs < 0.0 || secs > 1e9 {
        return Err(format!("duration {s:?} is out of range"));
    }
    Ok(Duration::from_secs_f64(secs))
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
    fn durations() {
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("2s"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_duration("2"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("1m"), Ok(Duration::from_secs(60)));
        assert!(parse_duration("abc").is_err());
        assert!(parse_duration("5 parsecs").is_err());
        assert!(parse_duration("").is_err());
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

/// Print a clap error (help and version go to stdout with exit 0; usage errors
/// exit 2, as JSON when `--json` is among the arguments). Returns the exit code.
pub fn report_parse_error(e: clap::Error) -> i32 {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                2
            } else {
                0
            }
        }
        _ if std::env::args().any(|a| a == "--json") => {
            let text = e.render().to_string();
            let message = text
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("invalid usage")
                .trim_start_matches("error: ")
                .to_string();
            let ev = serde_json::json!({
                "type": "error", "kind": "usage", "code": 2, "message": message, "hint": "see --help",
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
