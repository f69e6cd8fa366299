//! What `rpc-call` is asked to do, checked before any socket opens: the
//! protocol and transport from `--proto` and the URL, the method (or an
//! introspection call), and the parameters from the arguments or `--params`.
//! Every mistake here is a usage error (exit 2). No I/O except reading stdin
//! for `--params -`.

use std::fmt;

use serde_json::Value as Json;

use crate::cmd::rpc::{CallArgs, Proto};
use crate::exit::{self, Failure};
use crate::net::{self, HostPort};

/// How bytes reach the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transport {
    /// HTTP POST to `path` on `hp`.
    Http { hp: HostPort, path: String },
    /// A plain TCP stream.
    Tcp { hp: HostPort },
}

/// Protocol plus transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub proto: Proto,
    pub transport: Transport,
    /// `https://`: HTTP over TLS.
    pub https: bool,
}

impl Target {
    pub fn host_port(&self) -> &HostPort {
        match &self.transport {
            Transport::Http { hp, .. } | Transport::Tcp { hp } => hp,
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.transport {
            Transport::Http { hp, path } if self.https => write!(f, "https://{hp}{path}"),
            Transport::Http { hp, path } => write!(f, "http://{hp}{path}"),
            Transport::Tcp { hp } => write!(f, "tcp://{hp}"),
        }
    }
}

/// Work out protocol and transport from the URL and `--proto`.
pub fn target(url: &str, proto: Option<Proto>) -> Result<Target, Failure> {
    if !net::is_url(url) && url.contains('/') {
        return Err(exit::usage(format!(
            "bad URL {url:?}: expected http://HOST:PORT/PATH, tcp://HOST:PORT or HOST:PORT"
        )));
    }
    if !net::is_url(url) {
        let hp = net::parse_endpoint(url, None)?;
        let transport = match proto {
            None | Some(Proto::Xmlrpc) => Transport::Http {
                hp,
                path: "/".into(),
            },
            Some(_) => Transport::Tcp { hp },
        };
        return Ok(Target {
            proto: proto.unwrap_or(Proto::Xmlrpc),
            transport,
            https: false,
        });
    }
    let u = net::parse_url(url).map_err(|e| exit::usage(format!("bad URL: {e}")))?;
    match u.scheme.as_str() {
        "http" | "https" => {
            let https = u.scheme == "https";
            let proto = proto.unwrap_or(Proto::Xmlrpc);
            if proto == Proto::Msgpack {
                return Err(exit::usage("MessagePack-RPC runs over TCP, not HTTP")
                    .hint(format!("use tcp://{}", u.host_port(80))));
            }
            let path = if u.path.is_empty() {
                "/".to_string()
            } else {
                u.path.clone()
            };
            let path = match &u.query {
                Some(q) => format!("{path}?{q}"),
                None => path,
            };
            let hp = u.host_port(if https { 443 } else { 80 });
            Ok(Target {
                proto,
                transport: Transport::Http { hp, path },
                https,
            })
        }
        "tcp" => {
            let proto = proto.unwrap_or(Proto::Msgpack);
            if proto == Proto::Xmlrpc {
                return Err(exit::usage("XML-RPC runs over HTTP, not raw TCP")
                    .hint(format!("use http://{}/", u.host_port(80))));
            }
            let Some(port) = u.port else {
                return Err(exit::usage(format!(
                    "{url}: missing port (tcp://HOST:PORT)"
                )));
            };
            Ok(Target {
                proto,
                transport: Transport::Tcp {
                    hp: HostPort { host: u.host, port },
                },
                https: false,
            })
        }
        other => Err(exit::usage(format!("{url}: unsupported scheme {other:?}"))
            .hint("use http:// (XML-RPC, JSON-RPC) or tcp:// (MessagePack-RPC, JSON-RPC lines)")),
    }
}

/// One command-line argument: a JSON literal when it parses, else a string.
pub fn arg_value(s: &str) -> Json {
    serde_json::from_str(s).unwrap_or_else(|_| Json::String(s.to_string()))
}

/// The method to call and its parameters (an array, or an object for JSON-RPC
/// named parameters).
pub fn method_and_params(args: &CallArgs, proto: Proto) -> Result<(String, Json), Failure> {
    if args.list {
        return Ok(("system.listMethods".into(), Json::Array(vec![])));
    }
    if let Some(name) = &args.method_help {
        return Ok((
            "system.methodHelp".into(),
            Json::Array(vec![name.clone().into()]),
        ));
    }
    if let Some(name) = &args.signature {
        return Ok((
            "system.methodSignature".into(),
            Json::Array(vec![name.clone().into()]),
        ));
    }
    let method = args.method.clone().unwrap_or_default();
    if method.is_empty() {
        return Err(exit::usage("empty method name"));
    }
    let params = match &args.params {
        Some(text) => params_from(text, proto)?,
        None => Json::Array(args.args.iter().map(|a| arg_value(a)).collect()),
    };
    Ok((method, params))
}

/// One `--stdin` line: `METHOD ARG...` (or just `ARG...` when the method was
/// given on the command line), each ARG a JSON literal else a string; or a JSON
/// array: `["METHOD", ARG...]`, or the whole parameter list with a given method.
/// `Ok(None)` for a blank line.
pub fn call_from_line(line: &str, method: Option<&str>) -> Result<Option<(String, Json)>, String> {
    let line = line.trim();
    if line.is_empty() {
        return Ok(None);
    }
    let mut items: Vec<Json> = match serde_json::from_str::<Json>(line) {
        Ok(Json::Array(a)) if line.starts_with('[') => a,
        _ => line.split_whitespace().map(arg_value).collect(),
    };
    let method = match method {
        Some(m) => m.to_string(),
        None => match items.first() {
            Some(Json::String(m)) if !m.is_empty() => {
                let m = m.clone();
                items.remove(0);
                m
            }
            _ => {
                return Err(format!(
                    "expected METHOD ARG... or [\"METHOD\", ARG...], got {line:?}"
                ))
            }
        },
    };
    Ok(Some((method, Json::Array(items))))
}

fn params_from(text: &str, proto: Proto) -> Result<Json, Failure> {
    let text = if text == "-" {
        let bytes = crate::input::read_all(std::path::Path::new("-"), crate::input::MAX_LINE)?;
        String::from_utf8(bytes).map_err(|_| exit::usage("--params from stdin is not UTF-8"))?
    } else {
        text.to_string()
    };
    let v: Json = serde_json::from_str(text.trim())
        .map_err(|e| exit::usage(format!("--params is not JSON: {e}")))?;
    match (&v, proto) {
        (Json::Array(_), _) | (Json::Object(_), Proto::Jsonrpc) => Ok(v),
        _ => Err(exit::usage("--params must be a JSON array of parameters (an object is allowed for JSON-RPC named parameters)")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn t(url: &str, p: Option<Proto>) -> Result<Target, Failure> {
        target(url, p)
    }

    #[test]
    fn protocol_from_scheme_or_flag() {
        let x = t("http://localhost:6789/", None).unwrap();
        assert_eq!(x.proto, Proto::Xmlrpc);
        assert_eq!(x.to_string(), "http://localhost:6789/");
        let m = t("tcp://127.0.0.1:6666", None).unwrap();
        assert_eq!(m.proto, Proto::Msgpack);
        let j = t("tcp://127.0.0.1:6666", Some(Proto::Jsonrpc)).unwrap();
        assert!(matches!(j.transport, Transport::Tcp { .. }));
        let j = t("http://h/rpc?x=1", Some(Proto::Jsonrpc)).unwrap();
        assert_eq!(
            j.transport,
            Transport::Http {
                hp: HostPort {
                    host: "h".into(),
                    port: 80
                },
                path: "/rpc?x=1".into()
            }
        );
        let bare = t("127.0.0.1:6789", None).unwrap();
        assert_eq!(bare.to_string(), "http://127.0.0.1:6789/");
        assert!(matches!(
            t("[::1]:5", Some(Proto::Msgpack)).unwrap().transport,
            Transport::Tcp { .. }
        ));
    }

    #[test]
    fn bad_targets_are_usage_errors() {
        for (url, p) in [
            ("http//localhost", None),
            ("ftp://h:1/", None),
            ("https://h/", Some(Proto::Msgpack)),
            ("tcp://h", None),
            ("tcp://h:1", Some(Proto::Xmlrpc)),
            ("http://h:1/", Some(Proto::Msgpack)),
            ("http://h:99999/", None),
        ] {
            let e = t(url, p).unwrap_err();
            assert_eq!(e.code, exit::Code::Usage, "{url}");
        }
    }

    #[test]
    fn arguments_are_json_else_strings() {
        assert_eq!(arg_value("7"), json!(7));
        assert_eq!(arg_value("2.5"), json!(2.5));
        assert_eq!(arg_value("\"7\""), json!("7"));
        assert_eq!(arg_value("true"), json!(true));
        assert_eq!(arg_value("null"), Json::Null);
        assert_eq!(arg_value("[1,2]"), json!([1, 2]));
        assert_eq!(arg_value("{\"a\":1}"), json!({"a": 1}));
        assert_eq!(arg_value("hello world"), json!("hello world"));
        assert_eq!(arg_value("1+2"), json!("1+2"));
    }

    #[test]
    fn stdin_lines() {
        let got = call_from_line("double 7", None).unwrap().unwrap();
        assert_eq!(got, ("double".to_string(), json!([7])));
        let got = call_from_line("[\"echo\", \"a b\", [1]]", None)
            .unwrap()
            .unwrap();
        assert_eq!(got, ("echo".to_string(), json!(["a b", [1]])));
        let got = call_from_line("  21 ", Some("double")).unwrap().unwrap();
        assert_eq!(got, ("double".to_string(), json!([21])));
        let got = call_from_line("[1, 2]", Some("f")).unwrap().unwrap();
        assert_eq!(got.1, json!([1, 2]));
        assert_eq!(call_from_line("   ", None).unwrap(), None);
        assert!(call_from_line("7 8", None).is_err());
        assert!(call_from_line("[7]", None).is_err());
    }

    #[test]
    fn params_must_be_a_list() {
        assert!(params_from("[1]", Proto::Xmlrpc).is_ok());
        assert!(params_from("{\"a\":1}", Proto::Jsonrpc).is_ok());
        assert_eq!(
            params_from("{\"a\":1}", Proto::Msgpack).unwrap_err().code,
            exit::Code::Usage
        );
        assert_eq!(
            params_from("[1", Proto::Xmlrpc).unwrap_err().code,
            exit::Code::Usage
        );
    }
}
