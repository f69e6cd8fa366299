//! `netkit http`: an HTTP/1.1 client (`get|head|post|put|delete URL`) that shows
//! where the time went (resolve, connect, TLS, send, first byte, body — the
//! curl `-w` / httpstat breakdown), and `http serve [DIR]`, a static file server
//! on the connection engine. The web section of the chapter
//! (`docs/material.md#9-web-services-and-apis`): fetch structured data, not pages.
//!
//! The codec is `proto::http`; this module holds the flags and the dispatch. It
//! does not do HTTP/2, proxies, cookies or authentication schemes.

pub mod client;
mod files;
mod serve;
mod show;

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args as ClapArgs, Subcommand};

use crate::cmd::Ctx;
use crate::exit::Code;
use crate::net::tls::TlsClientArgs;
use crate::value::{parse_duration, parse_size};

pub use serve::{bind, ServeArgs, Server};

/// `netkit http METHOD URL ...` or `netkit http serve [DIR]`.
#[derive(Debug, Clone, ClapArgs)]
#[command(after_help = "\
Exit codes: 0 for a 2xx/3xx answer, 1 for 4xx/5xx (like curl --fail), 2 usage, 3 network or protocol failure.

Examples:
  netkit http get http://127.0.0.1:8000/users/octocat.json
  netkit http get --timing --repeat 20 http://127.0.0.1:8000/
  netkit http post http://127.0.0.1:8000/api --json-body '{\"name\":\"x\"}'
  netkit http serve ./site --listen 127.0.0.1:8000")]
pub struct Args {
    #[command(subcommand)]
    pub command: HttpCommand,
}

/// The methods, and the server.
#[derive(Debug, Clone, Subcommand)]
pub enum HttpCommand {
    /// GET a URL: headers as `<` lines on stderr, the body on stdout
    Get(RequestArgs),
    /// HEAD: the status line and headers only
    Head(RequestArgs),
    /// POST a body (argument, @file, - for stdin, or --json-body)
    Post(RequestArgs),
    /// PUT a body (argument, @file, - for stdin, or --json-body)
    Put(RequestArgs),
    /// DELETE a URL
    Delete(RequestArgs),
    /// Serve a directory's files over HTTP/1.1 (like python3 -m http.server)
    Serve(ServeArgs),
}

/// What every request takes.
#[derive(Debug, Clone, ClapArgs)]
pub struct RequestArgs {
    /// http:// or https:// URL
    #[arg(value_name = "URL")]
    pub url: String,

    /// Request body: text, @FILE, or - for stdin (bounded by --max-body)
    #[arg(value_name = "BODY")]
    pub body: Option<String>,

    /// A request header 'Name: value' (repeatable)
    #[arg(long = "header", short = 'H', value_name = "HEADER")]
    pub headers: Vec<String>,

    /// A JSON body (checked), sent with Content-Type and Accept application/json
    #[arg(long, value_name = "JSON", conflicts_with = "body")]
    pub json_body: Option<String>,

    /// Redirects followed at most (each hop shown; more is an error, exit 3); 0 shows the redirect itself
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub max_redirects: u32,

    /// Send the request N times over one keep-alive connection (p50/p99 per phase)
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub repeat: u32,

    /// Show the timing phases (always in --json)
    #[arg(long)]
    pub timing: bool,

    /// Show the bytes of each request and response as they went on the wire
    #[arg(long)]
    pub trace: bool,

    /// Largest response body accepted
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "64MiB")]
    pub max_body: usize,

    /// Write the body to FILE instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[command(flatten)]
    pub tls: TlsClientArgs,
}

/// Default limit on each phase (`--timeout` overrides).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Run `netkit http ...`.
pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<Code> {
    let (method, req) = match &args.command {
        HttpCommand::Get(r) => ("GET", r),
        HttpCommand::Head(r) => ("HEAD", r),
        HttpCommand::Post(r) => ("POST", r),
        HttpCommand::Put(r) => ("PUT", r),
        HttpCommand::Delete(r) => ("DELETE", r),
        HttpCommand::Serve(s) => return serve::run(s, ctx),
    };
    client::run(method, req, ctx)
}

/// `parse_duration` for the server's flags.
fn duration(s: &str) -> Result<Duration, String> {
    parse_duration(s)
}
