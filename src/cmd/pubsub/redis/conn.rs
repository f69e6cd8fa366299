//! One connection to a Redis server (or `netkit broker`), spoken with netkit's
//! own RESP codec over a std `TcpStream`, or TLS over it for `rediss://`
//! (`net::tls`, the same flags as every TLS client): connect with a timeout, the handshake
//! the URL asks for (`HELLO 3` for `?protocol=resp3`, `AUTH` for a password,
//! `SELECT` for a `/db`), then raw sends and receives with deadlines.
//!
//! Receiving goes through the one client connection (`net::conn`) and decodes
//! with `proto::resp`, so a read that times out part-way through a frame loses
//! nothing: the sub loop can wait in short slices (Ctrl-C, `--timeout`) without
//! corrupting the stream. It does not know what the commands mean; `publish` and
//! `subscribe` do.

use std::io::{self, Cursor};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use anyhow::Context;

use crate::exit::Kind;
use crate::exit::{self, Failure};
use crate::net::conn::{self as client, Recv};
use crate::net::stream::Stream;
use crate::net::tls::{self, TlsClient, TlsClientArgs};
use crate::net::{self, Url};
use crate::output::Out;
use crate::proto::resp::{self, encode_command, Limits, Value};
use crate::signal::Stop;

/// Redis's port.
pub const DEFAULT_PORT: u16 = 6379;

/// What the URL asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub endpoint: net::HostPort,
    pub user: Option<String>,
    pub password: Option<String>,
    pub db: i64,
    pub proto: u8,
    /// `rediss://`: TLS on every connection (data nodes and sentinels alike).
    pub tls: Option<Tls>,
}

impl Settings {
    /// Read `redis://[user:pass@]host[:port][/db][?protocol=resp3]`.
    pub fn from_url(url: &Url) -> Result<Settings, Failure> {
        let db = match url.path.trim_start_matches('/') {
            "" => 0,
            d => d.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| {
                exit::usage(format!(
                    "invalid database {d:?} in the URL (expected /0, /1, ...)"
                ))
            })?,
        };
        let proto = match url.query_param("protocol") {
            None | Some("2") | Some("resp2") => 2,
            Some("3") | Some("resp3") => 3,
            Some(other) => {
                return Err(exit::usage(format!(
                    "unknown protocol {other:?} in the URL (use ?protocol=resp2 or ?protocol=resp3)"
                )))
            }
        };
        Ok(Settings {
            endpoint: url.host_port(DEFAULT_PORT),
            user: url.user.clone(),
            password: url.password.clone(),
            db,
            proto,
            tls: None,
        })
    }
}

/// TLS for `rediss://`: the client setup built once from the flags, and where
/// `--trace` prints each handshake's summary.
#[derive(Clone)]
pub struct Tls {
    pub client: TlsClient,
    pub trace: Option<Out>,
}

impl Tls {
    /// Build from the shared TLS flags (the `--insecure` warning goes out here).
    pub fn new(args: &TlsClientArgs, trace: bool, out: &Out) -> anyhow::Result<Tls> {
        let client = TlsClient::new(args)?;
        if let Some(w) = client.warning() {
            out.warn(w)?;
        }
        Ok(Tls {
            client,
            trace: trace.then(|| out.clone()),
        })
    }
}

/// Two settings are equal with the same TLS setup (the same shared config).
impl PartialEq for Tls {
    fn eq(&self, other: &Tls) -> bool {
        std::sync::Arc::ptr_eq(&self.client.config, &other.client.config)
    }
}

impl Eq for Tls {}

impl std::fmt::Debug for Tls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tls")
    }
}

pub struct Conn {
    conn: client::Conn,
    limits: Limits,
    pub endpoint: String,
    pub proto: u8,
    /// Whether any byte came back yet (a silent close hints at a TLS-only port).
    heard: bool,
    tls: bool,
}

/// An error reply (`-NOAUTH ...`, `-ERR ...`) to `what`, as exit 3 with a hint
/// where one helps.
pub fn server_error(endpoint: &str, what: &str, e: &str) -> Failure {
    let auth = e.starts_with("NOAUTH") || e.starts_with("WRONGPASS");
    let f = exit::network(
        if auth { Kind::Auth } else { Kind::RedisError },
        format!("{endpoint} answered {what} with {e}"),
    );
    if auth {
        f.hint("put the password in the URL: redis://:PASSWORD@HOST:PORT (or USER:PASSWORD@)")
    } else {
        f
    }
}

/// The error for a refused connection, with the hint every Redis user needs.
fn refused_hint(e: anyhow::Error, endpoint: &str) -> anyhow::Error {
    let refused = e
        .chain()
        .filter_map(|c| c.downcast_ref::<io::Error>())
        .any(|io| io.kind() == io::ErrorKind::ConnectionRefused);
    if refused {
        exit::network(
            Kind::Refused,
            format!("connecting to {endpoint}: connection refused"),
        )
        .hint("is redis-server running? `netkit broker` starts a local one")
        .into()
    } else {
        e
    }
}

impl Conn {
    /// Connect and do the handshake, each step bounded by `timeout`.
    pub fn open(s: &Settings, timeout: Duration) -> anyhow::Result<Conn> {
        let endpoint = s.endpoint.to_string();
        let tcp = net::connect_tcp(&s.endpoint, timeout).map_err(|e| refused_hint(e, &endpoint))?;
        tcp.set_nodelay(true).context("setting up the socket")?;
        let stream = match &s.tls {
            Some(t) => {
                let deadline = Instant::now() + timeout;
                let ts = tls::connect(tcp, &t.client, &s.endpoint.host, deadline, &Stop::new())
                    .map_err(|e| e.into_failure(&format!("TLS with {endpoint}")))?;
                if let Some(o) = &t.trace {
                    o.emit(ts.info())?;
                }
                Stream::Tls(Box::new(ts))
            }
            None => Stream::Plain(tcp),
        };
        stream
            .set_write_timeout(Some(timeout))
            .context("setting a write timeout")?;
        let limits = Limits::default();
        let conn = client::Conn::new(stream).with_max(limits.max_bulk.saturating_add(64 * 1024));
        let mut c = Conn {
            conn,
            limits,
            endpoint,
            proto: 2,
            heard: false,
            tls: s.tls.is_some(),
        };
        c.handshake(s, timeout)?;
        Ok(c)
    }

    fn handshake(&mut self, s: &Settings, timeout: Duration) -> anyhow::Result<()> {
        let pass = s.password.as_deref();
        let user = s.user.as_deref().unwrap_or("default");
        if s.proto == 3 {
            let mut args = vec!["HELLO", "3"];
            if let Some(p) = pass {
                args.extend(["AUTH", user, p]);
            }
            match self.call(&args, timeout)? {
                Value::Map(_) | Value::Array(_) => self.proto = 3,
                Value::Error(e) if e.contains("unknown command") || e.starts_with("NOPROTO") => {
                    return Err(exit::network(
                        Kind::Protocol,
                        format!("{} does not speak RESP3 (HELLO 3: {e})", self.endpoint),
                    )
                    .hint("drop ?protocol=resp3 to use RESP2")
                    .into())
                }
                other => return Err(self.refusal("HELLO 3", other)),
            }
        } else if let Some(p) = pass {
            let args = match &s.user {
                Some(u) => vec!["AUTH", u.as_str(), p],
                None => vec!["AUTH", p],
            };
            match self.call(&args, timeout)? {
                Value::Simple(_) => {}
                other => return Err(self.refusal("AUTH", other)),
            }
        }
        if s.db != 0 {
            match self.call(&["SELECT", &s.db.to_string()], timeout)? {
                Value::Simple(_) => {}
                other => return Err(self.refusal("SELECT", other)),
            }
        }
        Ok(())
    }

    fn refusal(&self, what: &str, v: Value) -> anyhow::Error {
        let text = match v {
            Value::Error(e) => e,
            other => format!("unexpected reply {other:?}"),
        };
        let kind = if text.starts_with("WRONGPASS") || text.starts_with("NOAUTH") {
            Kind::Auth
        } else {
            Kind::Protocol
        };
        exit::network(kind, format!("{} refused {what}: {text}", self.endpoint)).into()
    }

    /// Send one command and wait for its reply (handshake only: no pipelining).
    pub fn call(&mut self, args: &[&str], timeout: Duration) -> anyhow::Result<Value> {
        let mut out = Vec::new();
        encode_command(&mut out, args);
        self.send(&out)?;
        let deadline = Instant::now() + timeout;
        loop {
            match self.recv(deadline)? {
                Some(Value::Push(_)) => continue,
                Some(v) => return Ok(v),
                None => {
                    return Err(exit::network(
                        Kind::Timeout,
                        format!(
                            "{} did not answer {} within {timeout:?}",
                            self.endpoint, args[0]
                        ),
                    )
                    .into())
                }
            }
        }
    }

    /// Write all bytes (bounded by the write timeout).
    pub fn send(&mut self, bytes: &[u8]) -> anyhow::Result<()> {
        self.conn
            .write_all(bytes)
            .map_err(|e| self.lost(e, "sending"))
    }

    /// A second handle on the socket, for a writer thread; `None` over TLS,
    /// whose one session cannot be shared by a reader and a writer thread.
    pub fn writer(&self) -> anyhow::Result<Option<TcpStream>> {
        match self.conn.stream() {
            Stream::Plain(s) => Ok(Some(s.try_clone().context("cloning the socket")?)),
            Stream::Tls(_) => Ok(None),
        }
    }

    /// The next value already in the buffer, without reading.
    pub fn try_next(&mut self) -> anyhow::Result<Option<Value>> {
        match decode(self.conn.buffered(), &self.limits, &self.endpoint)? {
            Some((v, used)) => {
                self.conn.consume(used);
                Ok(Some(v))
            }
            None => Ok(None),
        }
    }

    /// The next value, waiting until `deadline`; `Ok(None)` if none came in time
    /// or a stop request (Ctrl-C) came first.
    pub fn recv(&mut self, deadline: Instant) -> anyhow::Result<Option<Value>> {
        let (limits, endpoint) = (&self.limits, &self.endpoint);
        let got = self.conn.recv(deadline, &Stop::new(), |buf, _| {
            decode(buf, limits, endpoint)
        });
        match got {
            Ok(Recv::Item(v)) => {
                self.heard = true;
                Ok(Some(v))
            }
            Ok(Recv::Timeout | Recv::Stopped) => Ok(None),
            Ok(Recv::Closed) => {
                let e = io::Error::new(io::ErrorKind::UnexpectedEof, "the server closed it");
                Err(self.lost(e, "reading"))
            }
            Err(e) => match e.downcast::<io::Error>() {
                Ok(io) => Err(self.lost(io, "reading")),
                Err(e) => Err(e),
            },
        }
    }

    fn lost(&self, e: io::Error, doing: &str) -> anyhow::Error {
        let f = exit::network(
            Kind::ConnectionLost,
            format!("connection to {} lost while {doing}: {e}", self.endpoint),
        );
        if !self.heard && !self.tls && e.kind() != io::ErrorKind::TimedOut {
            return f
                .hint("closed before any reply: if that port speaks TLS (redis-server --tls-port), use rediss://")
                .into();
        }
        f.into()
    }
}

/// One RESP value from the front of `buf` and the bytes it used; garbage is exit 3.
fn decode(buf: &[u8], limits: &Limits, endpoint: &str) -> anyhow::Result<Option<(Value, usize)>> {
    let mut cur = Cursor::new(buf);
    match resp::decode(&mut cur, limits) {
        Ok(v) => Ok(v.map(|v| (v, cur.position() as usize))),
        Err(e) => Err(exit::network(
            Kind::Protocol,
            format!("malformed reply from {endpoint}: {e}"),
        )
        .hint("is that a Redis server?")
        .into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::parse_url;

    #[test]
    fn settings_from_urls() {
        let s =
            Settings::from_url(&parse_url("redis://u:p@h:1/2?protocol=resp3").unwrap()).unwrap();
        assert_eq!((s.db, s.proto, s.endpoint.port), (2, 3, 1));
        assert_eq!(
            (s.user.as_deref(), s.password.as_deref()),
            (Some("u"), Some("p"))
        );
        let s = Settings::from_url(&parse_url("redis://127.0.0.1").unwrap()).unwrap();
        assert_eq!((s.db, s.proto, s.endpoint.port), (0, 2, 6379));
        assert!(Settings::from_url(&parse_url("redis://h/x").unwrap()).is_err());
        assert!(Settings::from_url(&parse_url("redis://h?protocol=9").unwrap()).is_err());
    }
}
