//! `rpc-call` and `rpc-serve` (chapter §10): RPC as marshalling plus transport.
//! One client and one server speak three families — XML-RPC over HTTP,
//! JSON-RPC 2.0 over HTTP or newline-delimited TCP, and MessagePack-RPC over
//! TCP — with the codecs in `proto::{xmlrpc, jsonrpc, msgpack_rpc}`.
//!
//! Two halves: [`client`] is `rpc-call` (`target`: URL and arguments → what
//! to call; the connection and one exchange per protocol; `call`: the command;
//! `load`: `--concurrency`; `failure`: wording of failed exchanges) and
//! [`server`] is `rpc-serve` (the listener and counters; `protocol`: the engine
//! protocol; `handlers`: what a connection speaks; `methods`: the seed's
//! `double`/`power` and introspection). Only [`Proto`] and the two argument
//! structs live here. HTTP over the client connection is `net::http`, `--trace`
//! rendering `output::wire`, the access-log line `output::access`. Not
//! supported: HTTP proxies and redirects, MessagePack-RPC over anything but TCP,
//! `--concurrency` over https://.

pub mod client;
pub mod server;

use std::time::Duration;

use clap::{Args, ValueEnum};
use serde::Serialize;

pub use client::call::run_call;
pub use server::{bind, run_serve, Server};

use crate::cli::parse_duration;

/// The RPC family on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Proto {
    /// XML-RPC over HTTP POST (the seed's SimpleXMLRPCServer)
    Xmlrpc,
    /// JSON-RPC 2.0 over HTTP POST, or newline-delimited over tcp://
    Jsonrpc,
    /// MessagePack-RPC over TCP (nvim, the seed's msgpackrpc)
    Msgpack,
}

impl Proto {
    pub fn name(self) -> &'static str {
        match self {
            Proto::Xmlrpc => "xmlrpc",
            Proto::Jsonrpc => "jsonrpc",
            Proto::Msgpack => "msgpack",
        }
    }
}

/// `netkit rpc-call URL METHOD [ARG...]`
#[derive(Debug, Clone, Args)]
#[command(after_help = "\
The protocol comes from --proto, or from the URL: http:// is XML-RPC, tcp:// is
MessagePack-RPC; JSON-RPC 2.0 (--proto jsonrpc) runs over http:// (POST) or tcp://
(one JSON text per line). A bare HOST:PORT means http://HOST:PORT/.

Arguments are JSON literals when they parse (7, 2.5, \"7\", true, null, [1,2], {\"a\":1}),
else strings. XML-RPC extras: {\"$base64\":\"aGk=\"} and {\"$datetime\":\"20200622T20:40:41\"}.

Exit: 0 result, 1 fault/error response, 2 bad input, 3 network or protocol failure.

Examples:
  netkit rpc-call http://localhost:6789/ double 7                 # 14
  netkit rpc-call http://localhost:6789/ --list                   # system.listMethods
  netkit rpc-call tcp://127.0.0.1:6666 nvim_eval '\"1+2\"'           # MessagePack-RPC: 3
  netkit rpc-call --proto jsonrpc http://127.0.0.1:8080/ power 7  # 49
  netkit rpc-call http://localhost:6789/ double 7 --repeat 10000 --quiet   # calls/s
  netkit rpc-call http://localhost:6789/ double 7 --repeat 10000 --concurrency 4 --quiet
  netkit rpc-call --cacert ca.pem https://localhost:8443/ double 7   # XML-RPC over TLS
  seq 1000 | netkit rpc-call http://localhost:6789/ double --stdin          # 1000 calls, one connection")]
pub struct CallArgs {
    /// Server: http://HOST:PORT/PATH, tcp://HOST:PORT, or HOST:PORT
    #[arg(value_name = "URL")]
    pub url: String,

    /// Method to call (not with --list, --method-help, --signature)
    #[arg(value_name = "METHOD", required_unless_present_any = ["list", "method_help", "signature", "stdin"])]
    pub method: Option<String>,

    /// Arguments: JSON literals, else strings
    #[arg(
        value_name = "ARG",
        allow_negative_numbers = true,
        conflicts_with = "params"
    )]
    pub args: Vec<String>,

    /// RPC family (default: from the URL scheme)
    #[arg(long, value_enum, value_name = "PROTO")]
    pub proto: Option<Proto>,

    /// The whole parameter list as one JSON array (an object: JSON-RPC named params); - reads stdin
    #[arg(long, value_name = "JSON")]
    pub params: Option<String>,

    /// List the server's methods (system.listMethods)
    #[arg(long, conflicts_with_all = ["method", "method_help", "signature"])]
    pub list: bool,

    /// Show a method's documentation (system.methodHelp)
    #[arg(long, value_name = "NAME", conflicts_with_all = ["method", "signature"])]
    pub method_help: Option<String>,

    /// Show a method's signatures (system.methodSignature)
    #[arg(long, value_name = "NAME", conflicts_with = "method")]
    pub signature: Option<String>,

    /// Send a notification: no reply expected (JSON-RPC, MessagePack-RPC)
    #[arg(long)]
    pub notify: bool,

    /// Show each request and response as it goes on the wire
    #[arg(long)]
    pub trace: bool,

    /// One call per stdin line (METHOD ARG..., or ARG... with METHOD given; or a JSON array), one connection
    #[arg(long, conflicts_with_all = ["args", "params", "list", "method_help", "signature", "repeat"])]
    pub stdin: bool,

    /// Make the same call N times over one kept-alive connection and report calls/s
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..))]
    pub repeat: u64,

    /// With --repeat N: keep C calls in flight on C connections (N calls in all), from one thread
    #[arg(long, value_name = "C", default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..10001),
          conflicts_with_all = ["stdin", "trace", "notify"])]
    pub concurrency: u64,

    /// Largest response accepted, in bytes
    #[arg(long, value_name = "SIZE", default_value_t = 64 * 1024 * 1024, value_parser = crate::value::parse_size)]
    pub max_size: usize,

    #[command(flatten)]
    pub tls: crate::net::tls::TlsClientArgs,
}

/// `netkit rpc-serve`
#[derive(Debug, Clone, Args)]
#[command(after_help = "\
Serves the seed's functions: double(num) \"return num + num\" and power(num)
\"return num * num\", plus system.listMethods, system.methodHelp and
system.methodSignature. XML-RPC and JSON-RPC answer HTTP POST on / and /RPC2
(JSON-RPC also takes newline-delimited JSON on the same port); MessagePack-RPC
takes [0, msgid, method, params] over TCP. Each call is logged like Python's
server: 127.0.0.1 - - [22/Jun/2020 20:40:41] \"POST / HTTP/1.1\" 200 -

Examples:
  netkit rpc-serve                                  # XML-RPC on 127.0.0.1:6789
  netkit rpc-serve --proto msgpack --listen :0      # any free port, printed first
  netkit rpc-serve --proto jsonrpc --count 10 --json")]
pub struct ServeArgs {
    /// RPC family to serve
    #[arg(long, value_enum, value_name = "PROTO", default_value_t = Proto::Xmlrpc)]
    pub proto: Proto,

    /// Address to listen on (HOST:PORT, [V6]:PORT, :PORT)
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:6789")]
    pub listen: String,

    /// Stop after N calls
    #[arg(long, value_name = "N")]
    pub count: Option<u64>,

    /// Most clients served at once; more are turned away
    #[arg(long, value_name = "N", default_value_t = 256)]
    pub max_clients: usize,

    /// Largest request body (or MessagePack/JSON message) accepted (1MiB, 64KB, bytes)
    #[arg(long, value_name = "SIZE", default_value = "1MiB", value_parser = crate::value::parse_size)]
    pub max_size: usize,

    /// Input held across all clients (partial requests); at it, the largest wait and stalled ones are closed, quiet longest first
    #[arg(long, value_name = "SIZE", default_value = "256MB", value_parser = crate::value::parse_size)]
    pub max_buffered: usize,

    /// Close a connection idle this long, or whose request is not whole by then
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "60s")]
    pub idle_timeout: Duration,

    #[command(flatten)]
    pub tls: crate::net::tls::TlsServerArgs,
}

#[cfg(test)]
mod tests {
    use crate::cli::{Cli, Command};
    use clap::Parser;

    fn call(args: &[&str]) -> Result<super::CallArgs, clap::Error> {
        let mut all = vec!["netkit", "rpc-call"];
        all.extend_from_slice(args);
        match Cli::try_parse_from(all)?.command {
            Command::RpcCall(a) => Ok(a),
            _ => unreachable!(),
        }
    }

    #[test]
    fn call_flags_parse() {
        let a = call(&["http://h/", "double", "-5", "x y"]).unwrap();
        assert_eq!(a.method.as_deref(), Some("double"));
        assert_eq!(a.args, ["-5", "x y"]);
        let a = call(&["tcp://h:1", "--list", "--json"]).unwrap();
        assert!(a.list && a.method.is_none());
        assert!(
            call(&["http://h/"]).is_err(),
            "a method or --list is needed"
        );
        assert!(call(&["http://h/", "m", "1", "--params", "[1]"]).is_err());
        assert!(call(&["http://h/", "--list", "--method-help", "x"]).is_err());
        assert!(call(&["http://h/", "m", "--repeat", "0"]).is_err());
        assert!(call(&["http://h/", "m", "--proto", "soap"]).is_err());
        assert!(call(&["http://h/", "--stdin"]).unwrap().stdin);
        assert!(call(&["http://h/", "m", "--stdin", "--repeat", "3"]).is_err());
        assert!(call(&["http://h/", "m", "1", "--stdin"]).is_err());
    }

    #[test]
    fn serve_defaults_follow_the_seed() {
        let cli = Cli::try_parse_from(["netkit", "rpc-serve"]).unwrap();
        let Command::RpcServe(a) = cli.command else {
            unreachable!()
        };
        assert_eq!(
            (a.proto, a.listen.as_str()),
            (super::Proto::Xmlrpc, "127.0.0.1:6789")
        );
    }
}
