//! The common one-shot line, `netkit dns lookup NAME [TYPE...] --server S
//! [--short] [--json]...`, read without building clap's parser.
//!
//! Building the parser for `dns lookup` (some forty flags, each with its help
//! text, defaults and conflicts) and running it was about a third of the time of
//! a whole query: the start-up that issue 13 times against kdig. This reads only
//! the words listed in [`parse`] and returns `None` for anything else (another
//! flag, help, `--`, a repeated or malformed value), and the caller then parses
//! the line with clap as usual: clap stays the definition of the command line,
//! and every message, conflict and help text is clap's. The test
//! `quick_parse_equals_clap` holds the result to clap's for the same words, which
//! also catches a default changed in one place and not the other.
//!
//! It does not run anything or check values beyond what clap would (the name and
//! types are checked by `lookup::run`, as for a clap-parsed line).

use std::ffi::OsString;

use super::ask::QueryArgs;
use super::lookup::{Args, ServerArgs};
use super::secure::SecureArgs;
use crate::cli::{Cli, Command, GlobalArgs};
use crate::net::tls::TlsClientArgs;
use crate::output::ColorChoice;

/// The line as clap would parse it, if it only holds words this knows.
pub fn parse(args: &[OsString]) -> Option<Cli> {
    let mut words = Vec::with_capacity(args.len());
    for a in args.iter().skip(1) {
        words.push(a.to_str()?);
    }
    let mut global = GlobalArgs {
        json: false,
        color: ColorChoice::Auto,
        timeout: None,
        quiet: false,
    };
    let mut positionals = Vec::new();
    let mut server = None;
    let (mut short, mut tcp, mut norecurse, mut dnssec) = (false, false, false, false);
    let mut path = 0; // how many of "dns", "lookup" have been seen
    let mut it = words.into_iter();
    while let Some(w) = it.next() {
        // A flag given twice is clap's error to report: `set` refuses it here.
        match w {
            "--json" => set(&mut global.json)?,
            "-q" | "--quiet" => set(&mut global.quiet)?,
            "--short" if path == 2 => set(&mut short)?,
            "--tcp" if path == 2 => set(&mut tcp)?,
            "--norecurse" if path == 2 => set(&mut norecurse)?,
            "--dnssec" if path == 2 => set(&mut dnssec)?,
            "-s" | "--server" if path == 2 => once(&mut server, value(it.next()?)?)?,
            w if path == 2 && w.starts_with("--server=") => once(&mut server, value(&w[9..])?)?,
            "--timeout" => once(&mut global.timeout, parse_time(it.next()?)?)?,
            w if w.starts_with("--timeout=") => once(&mut global.timeout, parse_time(&w[10..])?)?,
            "dns" if path == 0 => path = 1,
            "lookup" if path == 1 => path = 2,
            // `-` alone is a name (stdin); any other flag is clap's to read.
            w if path == 2 && (w == "-" || !w.starts_with('-')) => positionals.push(w.to_string()),
            _ => return None,
        }
    }
    if path != 2 || positionals.is_empty() {
        return None;
    }
    let name = positionals.remove(0);
    let lookup = Args {
        name,
        types: positionals,
        conn: ServerArgs {
            server: server.map(str::to_string),
            tcp,
            retries: 1,
        },
        short,
        hostent: false,
        concurrency: None,
        resolve: false,
        cache: false,
        search: false,
        query: QueryArgs {
            norecurse,
            dnssec,
            cd: false,
            ad: false,
            bufsize: None,
            no_edns: false,
            nsid: false,
            cookie: false,
            subnet: None,
            class: "IN".to_string(),
            id: None,
            no_tcp_fallback: false,
            trace: false,
            root_hints: None,
            port: None,
            max_size: 255,
        },
        secure: SecureArgs {
            tls: false,
            https: None,
            https_get: false,
            tls_flags: Box::new(TlsClientArgs {
                cacert: None,
                insecure: false,
                servername: None,
                cert: None,
                key: None,
                alpn: Vec::new(),
            }),
        },
    };
    Some(Cli {
        global,
        command: Command::Dns(super::Args {
            command: super::DnsCommand::Lookup(lookup),
        }),
    })
}

/// Set a flag once; `None` (clap's turn) if it is already set.
fn set(flag: &mut bool) -> Option<()> {
    (!*flag).then(|| *flag = true)
}

/// Take a value once; `None` (clap's turn) if it is already there.
fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    slot.is_none().then(|| *slot = Some(value))
}

/// A flag's value as clap takes it without `allow_hyphen_values`: not empty,
/// not starting with `-` (those are clap's to refuse or explain).
fn value(v: &str) -> Option<&str> {
    (!v.is_empty() && !v.starts_with('-')).then_some(v)
}

fn parse_time(v: &str) -> Option<std::time::Duration> {
    crate::value::parse_duration(value(v)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn args(line: &[&str]) -> Vec<OsString> {
        std::iter::once("netkit")
            .chain(line.iter().copied())
            .map(OsString::from)
            .collect()
    }

    #[test]
    fn quick_parse_equals_clap() {
        let lines: &[&[&str]] = &[
            &["dns", "lookup", "example.com"],
            &[
                "dns",
                "lookup",
                "host.example.test",
                "A",
                "--server",
                "127.0.0.1:5399",
            ],
            &[
                "dns",
                "lookup",
                "example.com",
                "MX",
                "TXT",
                "-s",
                "1.1.1.1",
                "--short",
            ],
            &[
                "--json",
                "dns",
                "lookup",
                "example.com",
                "--server=[::1]:53",
            ],
            &[
                "dns",
                "--json",
                "lookup",
                "-",
                "--tcp",
                "-q",
                "--timeout",
                "300ms",
            ],
            &[
                "dns",
                "lookup",
                "a.test",
                "AAAA",
                "--norecurse",
                "--dnssec",
                "--timeout=2s",
            ],
            &["--quiet", "dns", "lookup", "x.test", "--json"],
        ];
        for line in lines {
            let a = args(line);
            let quick = parse(&a).unwrap_or_else(|| panic!("not read quickly: {line:?}"));
            let clap = Cli::try_parse_from(a).unwrap();
            assert_eq!(format!("{quick:?}"), format!("{clap:?}"), "{line:?}");
        }
    }

    #[test]
    fn anything_else_is_left_to_clap() {
        let lines: &[&[&str]] = &[
            &["dns", "lookup"],
            &["dns", "lookup", "--help"],
            &["dns", "lookup", "-h"],
            &["dns", "lookup", "x", "--hostent"],
            &["dns", "lookup", "x", "--", "-y"],
            &["dns", "lookup", "x", "--server", "a", "--server", "b"],
            &["dns", "lookup", "x", "--short", "--short"],
            &["dns", "lookup", "x", "--server"],
            &["dns", "lookup", "x", "--server", "-"],
            &["dns", "lookup", "x", "--server="],
            &["dns", "lookup", "x", "--timeout", "soon"],
            &["dns", "lookup", "x", "--color", "never"],
            &["dns", "getaddrinfo", "x"],
            &["dns", "x", "lookup"],
            &["lookup", "x"],
            &["--short", "dns", "lookup", "x"],
            &["serv-by-name", "http"],
        ];
        for line in lines {
            assert!(parse(&args(line)).is_none(), "{line:?} must go to clap");
        }
    }
}
