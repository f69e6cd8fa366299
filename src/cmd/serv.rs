//! `serv-by-name` and `serv-by-port`: the services database in both directions
//! (chapter §8: `getservbyname('http')` → 80, `getservbyport(443)` → 'https').
//! Reads `/etc/services` (or `--file`, or `$NETKIT_SERVICES_FILE`), falls back to
//! the embedded registry when the system file is missing, and answers as glibc
//! does: first entry per protocol. It does not ask NSS backends other than files.

use std::borrow::Cow;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use crate::cmd::Ctx;
use crate::exit::Kind;
use crate::exit::{self, Code};
use crate::output::{Palette, Render};
use crate::proto::services::{self, Database, Service};

/// The system file read by default.
pub const SYSTEM_FILE: &str = "/etc/services";
/// Environment variable naming another default file (tests, containers).
pub const FILE_ENV: &str = "NETKIT_SERVICES_FILE";

/// Where the database comes from.
#[derive(Debug, Clone, Args)]
pub struct SourceArgs {
    /// Protocol to match (tcp, udp, sctp, ddp...); default: every protocol
    #[arg(long, value_name = "PROTO")]
    pub proto: Option<String>,

    /// Read this services file instead of /etc/services (an error if it cannot be read)
    #[arg(long, value_name = "PATH", conflicts_with = "embedded")]
    pub file: Option<PathBuf>,

    /// Use the embedded copy of the registry, not the system file
    #[arg(long)]
    pub embedded: bool,

    /// List every entry (of --proto, if given) instead of looking up
    #[arg(long)]
    pub list: bool,
}

/// `netkit serv-by-name NAME...`
#[derive(Debug, Clone, Args)]
#[command(after_help = "\
The database is /etc/services, or $NETKIT_SERVICES_FILE, or --file; when the default file
is missing, an embedded copy of the registry answers (the output names the source).

Examples:
  netkit serv-by-name http https        # http 80/tcp (aliases: www) ...
  netkit serv-by-name domain --proto udp
  netkit serv-by-name --list --proto tcp --json")]
pub struct ByNameArgs {
    /// Service names or aliases (www resolves to http)
    #[arg(value_name = "NAME", required_unless_present = "list")]
    pub names: Vec<String>,

    #[command(flatten)]
    pub source: SourceArgs,
}

/// `netkit serv-by-port PORT...`
#[derive(Debug, Clone, Args)]
#[command(after_help = "\
Examples:
  netkit serv-by-port 80 443            # http 80/tcp ..., https 443/tcp
  netkit serv-by-port 53/udp            # PORT/PROTO limits one port to one protocol")]
pub struct ByPortArgs {
    /// Port numbers (0-65535), optionally as PORT/PROTO
    #[arg(value_name = "PORT", required_unless_present = "list")]
    pub ports: Vec<String>,

    #[command(flatten)]
    pub source: SourceArgs,
}

/// One answer.
#[derive(Debug, Serialize)]
pub struct Entry<'a> {
    pub query: Option<String>,
    #[serde(flatten)]
    pub service: &'a Service<'a>,
    pub source: &'a str,
}

impl Render for Entry<'_> {
    fn kind(&self) -> &str {
        "service"
    }
    fn human(&self, p: &Palette) -> String {
        let s = self.service;
        let mut line = format!(
            "{} {}",
            p.name(s.name),
            p.value(&format!("{}/{}", s.port, s.protocol))
        );
        if !s.aliases.is_empty() {
            line.push_str(&format!(" (aliases: {})", s.aliases.join(", ")));
        }
        line.push_str(&p.dim(&format!("  [{}]", self.source)));
        line
    }
}

/// A query with no answer (exit 1 at the end).
#[derive(Debug, Serialize)]
pub struct NotFound {
    pub query: String,
    pub proto: Option<String>,
    pub message: String,
    pub source: String,
}

impl Render for NotFound {
    fn kind(&self) -> &str {
        "not_found"
    }
    fn human(&self, p: &Palette) -> String {
        format!("{} {}", p.err("not found:"), self.message)
    }
}

/// The database's text and where it came from; parse it with `services::parse`.
pub struct Loaded {
    pub text: Cow<'static, str>,
    pub source: String,
}

impl Loaded {
    /// Every entry.
    pub fn db(&self) -> Database<'_> {
        services::parse(&self.text)
    }

    /// The entries on lines that mention one of `words` (enough for lookups).
    pub fn db_mentioning(&self, words: &[&str]) -> Database<'_> {
        services::parse_lines(&self.text, |line| words.iter().any(|w| line.contains(w)))
    }
}

/// Load the database: `--embedded`, `--file` (must be readable), else the default
/// file (`$NETKIT_SERVICES_FILE` or /etc/services), else the embedded copy when the
/// default file does not exist.
pub fn load(args: &SourceArgs) -> anyhow::Result<Loaded> {
    let embedded = || Loaded {
        text: Cow::Borrowed(services::EMBEDDED),
        source: "embedded".to_string(),
    };
    if args.embedded {
        return Ok(embedded());
    }
    let (path, explicit) = match &args.file {
        Some(p) => (p.clone(), true),
        None => (
            std::env::var_os(FILE_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(SYSTEM_FILE)),
            false,
        ),
    };
    // Read with a bound and stoppable by Ctrl-C: the file may be a FIFO.
    match crate::input::read_all(&path, MAX_FILE) {
        Ok(bytes) => Ok(Loaded {
            text: Cow::Owned(
                String::from_utf8(bytes)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
            ),
            source: path.display().to_string(),
        }),
        Err(f) if !explicit && f.kind == Kind::FileNotFound => Ok(embedded()),
        Err(f) if f.kind == Kind::Interrupted => Err(f.into()),
        Err(mut f) => {
            f.message = format!("reading services file {}", f.message);
            f.hint = Some("--embedded uses the built-in copy of the registry".into());
            Err(f.into())
        }
    }
}

/// Largest services file read (the registry's is about 1 MB).
const MAX_FILE: usize = 64 << 20;

fn check_proto(proto: &Option<String>) -> anyhow::Result<Option<&str>> {
    match proto.as_deref() {
        Some("") => Err(exit::usage("--proto is empty (use tcp, udp, sctp...)").into()),
        Some(p) if p.contains(char::is_whitespace) || p.contains('/') => {
            Err(exit::usage(format!("invalid protocol {p:?}")).into())
        }
        other => Ok(other),
    }
}

fn list(db: &Database, source: &str, proto: Option<&str>, ctx: &Ctx) -> anyhow::Result<Code> {
    let entries: Vec<Entry> = db
        .list(proto)
        .into_iter()
        .map(|service| Entry {
            query: None,
            service,
            source,
        })
        .collect();
    ctx.out.emit_all(&entries)?;
    Ok(if entries.is_empty() {
        Code::Negative
    } else {
        Code::Ok
    })
}

/// Run the lookups, one event per answer; exit 1 when any query found nothing.
fn answer<'a>(
    source: &str,
    queries: Vec<(String, Option<String>, Vec<&'a Service<'a>>)>,
    ctx: &Ctx,
) -> anyhow::Result<Code> {
    let mut code = Code::Ok;
    for (query, proto, found) in queries {
        if found.is_empty() {
            code = Code::Negative;
            let within = proto.as_ref().map(|p| format!("/{p}")).unwrap_or_default();
            ctx.out.emit(&NotFound {
                message: format!("no service {query:?}{within} in {source}"),
                query,
                proto,
                source: source.to_string(),
            })?;
            continue;
        }
        let entries: Vec<Entry> = found
            .into_iter()
            .map(|service| Entry {
                query: Some(query.clone()),
                service,
                source,
            })
            .collect();
        ctx.out.emit_all(&entries)?;
    }
    Ok(code)
}

pub fn run_by_name(args: &ByNameArgs, ctx: &Ctx) -> anyhow::Result<Code> {
    let proto = check_proto(&args.source.proto)?;
    if let Some(bad) = args.names.iter().find(|n| n.trim().is_empty()) {
        return Err(exit::usage(format!("invalid service name {bad:?}: empty")).into());
    }
    if args.source.list && !args.names.is_empty() {
        return Err(exit::usage("--list lists every entry: give it no NAME").into());
    }
    let loaded = load(&args.source)?;
    if args.source.list {
        return list(&loaded.db(), &loaded.source, proto, ctx);
    }
    let words: Vec<&str> = args.names.iter().map(String::as_str).collect();
    let db = loaded.db_mentioning(&words);
    let queries = args
        .names
        .iter()
        .map(|n| {
            let found = db.by_name(n, proto);
            (n.clone(), proto.map(str::to_string), found)
        })
        .collect();
    answer(&loaded.source, queries, ctx)
}

/// Parse `PORT` or `PORT/PROTO`.
pub fn parse_port_query(s: &str) -> Result<(u16, Option<&str>), exit::Failure> {
    let (num, proto) = match s.split_once('/') {
        Some((_, p)) if p.contains('/') => {
            return Err(exit::usage(format!(
                "invalid port {s:?}: expected PORT or PORT/PROTO"
            )))
        }
        Some((n, p)) if !p.is_empty() => (n, Some(p)),
        Some(_) => {
            return Err(exit::usage(format!(
                "invalid port {s:?}: empty protocol after '/'"
            )))
        }
        None => (s, None),
    };
    let num = num.trim();
    if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
        return Err(exit::usage(format!(
            "invalid port {s:?}: expected a number from 0 to 65535 (for names use serv-by-name)"
        )));
    }
    match num.parse::<u32>() {
        Ok(n) if n <= 65535 => Ok((n as u16, proto)),
        _ => Err(exit::usage(format!(
            "port {num} is out of range: ports go from 0 to 65535"
        ))),
    }
}

pub fn run_by_port(args: &ByPortArgs, ctx: &Ctx) -> anyhow::Result<Code> {
    let proto = check_proto(&args.source.proto)?;
    let parsed = args
        .ports
        .iter()
        .map(|p| parse_port_query(p))
        .collect::<Result<Vec<_>, _>>()?;
    if args.source.list && !args.ports.is_empty() {
        return Err(exit::usage("--list lists every entry: give it no PORT").into());
    }
    let loaded = load(&args.source)?;
    if args.source.list {
        return list(&loaded.db(), &loaded.source, proto, ctx);
    }
    let numbers: Vec<String> = parsed.iter().map(|(port, _)| port.to_string()).collect();
    let words: Vec<&str> = numbers.iter().map(String::as_str).collect();
    let db = loaded.db_mentioning(&words);
    let queries = args
        .ports
        .iter()
        .zip(parsed)
        .map(|(q, (port, p))| {
            let p = p.or(proto);
            (q.clone(), p.map(str::to_string), db.by_port(port, p))
        })
        .collect();
    answer(&loaded.source, queries, ctx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_queries() {
        assert_eq!(parse_port_query("80").unwrap(), (80, None));
        assert_eq!(parse_port_query("53/udp").unwrap(), (53, Some("udp")));
        assert_eq!(parse_port_query("70000").unwrap_err().code, Code::Usage);
        assert_eq!(parse_port_query("abc").unwrap_err().code, Code::Usage);
        assert_eq!(parse_port_query("-1").unwrap_err().code, Code::Usage);
        assert_eq!(parse_port_query("80/").unwrap_err().code, Code::Usage);
        assert_eq!(
            parse_port_query("53/udp/tcp").unwrap_err().code,
            Code::Usage
        );
        assert_eq!(parse_port_query("").unwrap_err().code, Code::Usage);
    }
}
