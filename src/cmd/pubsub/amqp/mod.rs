//! `pub` and `sub` over AMQP 0-9-1 (RabbitMQ), in the shape of the chapter's pika
//! publish/subscribe tutorial (chapter §3, [docs/material.md](../../../../docs/material.md)):
//! the publisher sends to an exchange (`fanout` by default, declared if missing),
//! each subscriber declares a queue — exclusive and server-named, or a durable
//! `--queue NAME` shared by competing consumers — binds it and consumes.
//!
//! The client is `lapin` on a current-thread tokio runtime created inside the
//! command (as `dns` does); the rest of netkit stays synchronous. Here: the flags,
//! the URL, connecting, and turning lapin's errors into exit codes that name the
//! AMQP reply code and text. [`publish`] and [`subscribe`] do the work.
//! `amqps://` (port 5671) runs the TLS handshake with the config `net::tls` builds
//! from the shared flags (`--cacert`, `--insecure`, `--servername`, `--cert/--key`
//! mean what they mean everywhere), handed to lapin as a rustls connector over
//! lapin's own socket. Not here: headers-exchange arguments, and reconnecting.

mod publish;
mod subscribe;

use std::future::Future;
use std::io;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clap::{Args, ValueEnum};
use lapin::tcp::{AsyncTcpStream, RustlsConnector};
use lapin::uri::{AMQPAuthority, AMQPQueryString, AMQPScheme, AMQPUri, AMQPUserInfo};
use lapin::{Channel, Connection, ConnectionProperties, ErrorKind, ExchangeKind};

use super::{PubArgs, SubArgs, Target, Transport};
use crate::cmd::Ctx;
use crate::exit::Kind;
use crate::exit::{self, Code, Failure};
use crate::net::tls::{HandshakeInfo, TlsClient, TlsClientArgs, TlsError};
use crate::net::Url;
use crate::output::Out;
use crate::signal::{self, Stop};

/// The AMQP port (RFC-less: the AMQP 0-9-1 specification's default).
pub const DEFAULT_PORT: u16 = 5672;

/// The AMQP-over-TLS port (`amqps://`, IANA's amqps).
pub const DEFAULT_TLS_PORT: u16 = 5671;

/// An exchange type (`exchange.declare`'s `type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExchangeType {
    Fanout,
    Direct,
    Topic,
    Headers,
}

impl ExchangeType {
    fn kind(self) -> ExchangeKind {
        match self {
            ExchangeType::Fanout => ExchangeKind::Fanout,
            ExchangeType::Direct => ExchangeKind::Direct,
            ExchangeType::Topic => ExchangeKind::Topic,
            ExchangeType::Headers => ExchangeKind::Headers,
        }
    }
}

/// `pub` flags that only AMQP uses.
#[derive(Debug, Clone, Default, Args)]
pub struct PubFlags {
    /// AMQP: the exchange's type, declared if missing (default fanout, as in the pika tutorial)
    #[arg(long, value_name = "TYPE", value_enum)]
    pub exchange_type: Option<ExchangeType>,

    /// AMQP: the routing key (direct and topic exchanges; the queue's name for the default exchange '')
    #[arg(long, value_name = "KEY")]
    pub routing_key: Option<String>,

    /// AMQP: have the broker return messages that no queue takes, and report them as returned (exit 1)
    #[arg(long)]
    pub mandatory: bool,
}

/// `sub` flags that only AMQP uses.
#[derive(Debug, Clone, Default, Args)]
pub struct SubFlags {
    /// AMQP: the exchange's type, declared if missing (default fanout)
    #[arg(long = "exchange-type", value_name = "TYPE", value_enum)]
    pub sub_exchange_type: Option<ExchangeType>,

    /// AMQP: consume from this durable queue, shared by every subscriber naming it (competing consumers), instead of a private server-named one
    #[arg(long, value_name = "NAME")]
    pub queue: Option<String>,

    /// AMQP: bind the queue with this key (repeatable; topic patterns like 'kern.*'); extra positional arguments are keys too
    #[arg(long, value_name = "KEY")]
    pub binding_key: Vec<String>,

    /// AMQP: acknowledge each message after printing it (manual acks) instead of auto-ack
    #[arg(long)]
    pub ack: bool,

    /// AMQP: at most N unacknowledged messages on their way to this subscriber (basic.qos; with --ack)
    #[arg(long, value_name = "N")]
    pub prefetch: Option<u16>,
}

/// Refuse AMQP-only flags on another transport (they would be silently ignored).
pub fn check_pub_flags(f: &PubFlags, t: Transport) -> Result<(), Failure> {
    if t != Transport::Amqp && (f.exchange_type.is_some() || f.routing_key.is_some() || f.mandatory)
    {
        return Err(exit::usage(
            "--exchange-type, --routing-key and --mandatory are for AMQP (amqp://)",
        ));
    }
    Ok(())
}

/// Refuse AMQP-only flags on another transport.
pub fn check_sub_flags(f: &SubFlags, t: Transport) -> Result<(), Failure> {
    let any = f.sub_exchange_type.is_some()
        || f.queue.is_some()
        || !f.binding_key.is_empty()
        || f.ack
        || f.prefetch.is_some();
    if t != Transport::Amqp && any {
        return Err(exit::usage(
            "--exchange-type, --queue, --binding-key, --ack and --prefetch are for AMQP (amqp://)",
        ));
    }
    Ok(())
}

/// Where to connect: lapin's URI plus `host:port` and vhost for messages.
#[derive(Clone)]
pub struct Settings {
    pub uri: AMQPUri,
    pub endpoint: String,
    /// `amqps://`: the TLS setup (set by the caller from the flags).
    pub tls: Option<Tls>,
}

/// TLS for `amqps://`: the shared client config, and where `--trace` goes.
#[derive(Clone)]
pub struct Tls {
    pub client: TlsClient,
    pub trace: Option<Out>,
}

impl Settings {
    /// Read `amqp[s]://[user:pass@]host[:port][/vhost]` (vhost `%2f` or none = `/`).
    /// For `amqps`, [`Settings::tls`] is left for the caller to fill in.
    pub fn from_url(url: &Url) -> Result<Settings, Failure> {
        let secure = url.scheme == "amqps";
        let default_port = if secure {
            DEFAULT_TLS_PORT
        } else {
            DEFAULT_PORT
        };
        if url.query.is_some() {
            return Err(exit::usage(
                "query parameters in amqp:// URLs are not supported",
            ));
        }
        let vhost = match url.path.as_str() {
            "" | "/" => "/".to_string(),
            p if p[1..].contains('/') => {
                return Err(exit::usage(format!(
                    "invalid vhost {p:?} in the URL (write a '/' inside a vhost as %2f)"
                )))
            }
            p => decode(&p[1..])?,
        };
        let user = url.user.as_deref().map(decode).transpose()?;
        let password = url.password.as_deref().map(decode).transpose()?;
        let port = url.port.unwrap_or(default_port);
        crate::net::check_destination(&url.host_port(default_port))
            .map_err(|e| exit::usage(e.to_string()))?;
        let endpoint = url.host_port(default_port).to_string();
        let uri = AMQPUri {
            scheme: if secure {
                AMQPScheme::AMQPS
            } else {
                AMQPScheme::AMQP
            },
            authority: AMQPAuthority {
                userinfo: AMQPUserInfo {
                    username: user.unwrap_or_else(|| "guest".into()),
                    password: password.unwrap_or_else(|| "guest".into()),
                },
                host: url.host.clone(),
                port,
            },
            vhost,
            query: AMQPQueryString::default(),
        };
        Ok(Settings {
            uri,
            endpoint,
            tls: None,
        })
    }
}

/// Percent-decode one URL component.
fn decode(s: &str) -> Result<String, Failure> {
    let bad = || exit::usage(format!("bad percent-encoding in {s:?}"));
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3).ok_or_else(bad)?;
            out.push(u8::from_str_radix(hex, 16).map_err(|_| bad())?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| bad())
}

/// The one URL, with TLS built from the flags for `amqps://` (TLS flags on an
/// `amqp://` URL are refused: they would be ignored).
fn one_url(
    target: &Target,
    tls: &TlsClientArgs,
    trace: bool,
    ctx: &Ctx,
) -> anyhow::Result<Settings> {
    if target.urls.len() > 1 {
        return Err(exit::usage("give one amqp:// URL").into());
    }
    let mut s = Settings::from_url(&target.urls[0])?;
    if s.uri.scheme == AMQPScheme::AMQPS {
        let client = TlsClient::new(tls)?;
        client.name_for(&s.uri.authority.host)?;
        if let Some(w) = client.warning() {
            ctx.out.warn(w)?;
        }
        s.tls = Some(Tls {
            client,
            trace: trace.then(|| ctx.out.clone()),
        });
    } else if tls.used() {
        return Err(exit::usage(
            "--cacert, --insecure, --servername, --cert, --key and --alpn are for TLS: use amqps://",
        )
        .into());
    }
    Ok(s)
}

/// Run `fut` on a current-thread runtime made for this command.
fn block_on<T>(fut: impl Future<Output = anyhow::Result<T>>) -> anyhow::Result<T> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| {
            exit::system(
                Kind::Runtime,
                format!("starting the async runtime for AMQP: {e}"),
            )
        })?;
    rt.block_on(fut)
}

/// `netkit pub amqp://... EXCHANGE [MESSAGE...]`
pub fn run_pub(args: &PubArgs, target: &Target, ctx: &Ctx) -> anyhow::Result<Code> {
    let settings = one_url(target, &args.tls, args.trace, ctx)?;
    if args.zmq_flags_used() {
        return Err(exit::usage(
            "--bind, --connect, --wait-subscribers, --delay and --no-wait are for ZeroMQ (tcp://, ipc://), not AMQP",
        )
        .into());
    }
    let f = &args.amqp;
    let plan = publish::Plan {
        exchange: &target.rest[0],
        kind: f.exchange_type.unwrap_or(ExchangeType::Fanout),
        routing_key: f.routing_key.as_deref().unwrap_or(""),
        mandatory: f.mandatory,
        messages: &target.rest[1..],
        count: args.count,
        interval: args.interval,
        max_line: args.max_size,
    };
    block_on(publish::publish(&settings, &plan, ctx))
}

/// `netkit sub amqp://... EXCHANGE [BINDING_KEY...]`
pub fn run_sub(args: &SubArgs, target: &Target, ctx: &Ctx) -> anyhow::Result<Code> {
    let settings = one_url(target, &args.tls, args.trace, ctx)?;
    if args.bind || args.connect || args.pattern || args.reconnect {
        return Err(exit::usage(
            "--bind, --connect, --pattern and --reconnect are not for AMQP (use --binding-key with a topic exchange for patterns)",
        )
        .into());
    }
    let f = &args.amqp;
    let Some(exchange) = target.rest.first() else {
        return Err(exit::usage(
            "sub needs an EXCHANGE (netkit sub amqp://HOST EXCHANGE [BINDING_KEY...]; '' with --queue for a plain queue)",
        )
        .into());
    };
    if exchange.is_empty() && f.queue.is_none() {
        return Err(
            exit::usage("the default exchange '' needs --queue NAME to consume from").into(),
        );
    }
    let mut keys: Vec<String> = target.rest[1..].to_vec();
    keys.extend(f.binding_key.iter().cloned());
    let plan = subscribe::Plan {
        exchange,
        kind: f.sub_exchange_type.unwrap_or(ExchangeType::Fanout),
        queue: f.queue.as_deref(),
        keys,
        ack: f.ack,
        prefetch: f.prefetch,
        count: args.count,
    };
    block_on(subscribe::subscribe(&settings, &plan, ctx))
}

/// Resolves when `stop` is set (checked every [`signal::POLL`]).
pub async fn stopped(stop: &Stop) {
    while !stop.is_stopped() {
        tokio::time::sleep(signal::POLL).await;
    }
}

/// Connect and open a channel within `timeout`; `None` when stopped first.
async fn open(
    s: &Settings,
    ctx: &Ctx,
    timeout: Duration,
) -> anyhow::Result<Option<(Connection, Channel)>> {
    let props = ConnectionProperties::default().with_connection_name("netkit".into());
    let handshake = Arc::new(Mutex::new(None));
    let connect = async {
        let conn = match &s.tls {
            None => Connection::connect_uri(s.uri.clone(), props).await,
            Some(tls) => connect_tls(s, &tls.client, props, handshake.clone()).await,
        }
        .map_err(|e| error(e, "connecting", s))?;
        let info = handshake.lock().ok().and_then(|mut h| h.take());
        if let (
            Some(info),
            Some(Tls {
                trace: Some(out), ..
            }),
        ) = (info, &s.tls)
        {
            out.emit(&info)?;
        }
        let ch = conn
            .create_channel()
            .await
            .map_err(|e| error(e, "opening a channel", s))?;
        anyhow::Ok((conn, ch))
    };
    tokio::select! {
        r = tokio::time::timeout(timeout, connect) => match r {
            Ok(r) => r.map(Some),
            Err(_) => Err(exit::network(
                Kind::Timeout,
                format!("connecting to {}: no AMQP handshake within {timeout:?}", s.endpoint),
            )
            .hint(if s.tls.is_none() {
                "is it a RabbitMQ (AMQP 0-9-1) port? if it speaks TLS (5671), use amqps://; raise --timeout if the broker is busy"
            } else {
                "is it a RabbitMQ (AMQP 0-9-1) port? raise --timeout if the broker is busy"
            })
            .into()),
        },
        _ = stopped(&ctx.stop) => Ok(None),
    }
}

/// Connect over TLS with netkit's own rustls config: lapin opens the socket on
/// its runtime, the handshake uses `tls` (so verification, SNI and client
/// certificates follow the shared flags); a failed handshake comes back as an
/// I/O error carrying the classified [`TlsError`] (see [`error`]).
async fn connect_tls(
    s: &Settings,
    tls: &TlsClient,
    props: ConnectionProperties,
    handshake: Arc<Mutex<Option<HandshakeInfo>>>,
) -> lapin::Result<Connection> {
    let connector = RustlsConnector::from(tls.config.clone());
    let name = tls
        .servername
        .clone()
        .unwrap_or_else(|| s.uri.authority.host.clone());
    let name = name
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_string();
    let runtime = lapin::runtime::default_runtime()?;
    Connection::connector(
        s.uri.clone(),
        runtime,
        async move |uri, runtime| {
            let addr = (uri.authority.host.clone(), uri.authority.port);
            let tcp = AsyncTcpStream::connect(&runtime, runtime.to_socket_addrs(addr)).await?;
            let started = Instant::now();
            let stream = tcp
                .into_rustls(&connector, &name)
                .await
                .map_err(tls_failure)?;
            if let AsyncTcpStream::Rustls(t) = &stream {
                let sni = name
                    .parse::<std::net::IpAddr>()
                    .is_err()
                    .then(|| name.clone());
                let info = HandshakeInfo::from_conn(t.get_ref().1, sni, started.elapsed());
                if let Ok(mut h) = handshake.lock() {
                    *h = Some(info);
                }
            }
            Ok(stream)
        },
        props,
    )
    .await
}

/// A failed handshake as an I/O error holding the [`TlsError`] in words.
fn tls_failure(e: io::Error) -> io::Error {
    let kind = e.kind();
    let tls = match e.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>()) {
        // A plaintext AMQP port answers a ClientHello with its protocol header, "AMQP…".
        Some(rustls::Error::InvalidMessage(_)) => TlsError::NotTls {
            answer: "with bytes that are not TLS (a plaintext AMQP port answers \"AMQP\" and closes; amqps:// is usually port 5671)".into(),
        },
        Some(r) => TlsError::from_rustls(r.clone(), &[], &[]),
        None if kind == io::ErrorKind::UnexpectedEof => TlsError::Closed,
        None => return e,
    };
    io::Error::new(kind, tls)
}

/// Declare the exchange (the default exchange '' and the broker's own `amq.*`
/// ones exist already and may not be declared).
async fn declare_exchange(
    ch: &Channel,
    name: &str,
    kind: ExchangeType,
    s: &Settings,
) -> anyhow::Result<()> {
    if name.is_empty() || name.starts_with("amq.") {
        return Ok(());
    }
    ch.exchange_declare(
        name.into(),
        kind.kind(),
        Default::default(),
        Default::default(),
    )
    .await
    .map_err(|e| error(e, &format!("declaring exchange {name:?}"), s))
}

/// A lapin error as a classified failure naming what was being done, and for a
/// broker's refusal its AMQP reply code and text.
pub fn error(e: lapin::Error, what: &str, s: &Settings) -> anyhow::Error {
    let at = &s.endpoint;
    let what = if what == "connecting" {
        format!("connecting to {at}")
    } else {
        format!("{what} on {at}")
    };
    if let ErrorKind::IOError(io) = e.kind() {
        if let Some(t) = io.get_ref().and_then(|i| i.downcast_ref::<TlsError>()) {
            let mut f = Failure::new(Code::Network, t.kind(), format!("TLS with {at}: {t}"));
            f.hint = t.hint();
            return f.into();
        }
    }
    let f = match e.kind() {
        ErrorKind::ProtocolError(amqp) => {
            let code = amqp.get_id();
            let text = amqp.get_message().as_str();
            let (kind, hint) = match code {
                403 => (Kind::Auth, "check the user and password in the URL (RabbitMQ lets guest in from localhost only)"),
                530 => (Kind::NotAllowed, "does the vhost exist, and may this user use it? (rabbitmqctl list_vhosts, list_permissions)"),
                404 => (Kind::NotFound, "declare it first, or check its name"),
                406 => (Kind::PreconditionFailed, "it exists with other settings: use its type (--exchange-type) or another name"),
                405 => (Kind::ResourceLocked, "an exclusive queue of another connection has that name"),
                320 => (Kind::ConnectionLost, "the broker closed the connection (an operator, or the broker shutting down): run it again"),
                _ => (Kind::AmqpError, ""),
            };
            let f = exit::network(kind, format!("{what}: the broker replied {code} {text}"));
            if hint.is_empty() {
                f
            } else {
                f.hint(hint)
            }
        }
        ErrorKind::IOError(io) => {
            let (code, kind) = exit::classify_io(io);
            let f = Failure::new(code, kind, format!("{what}: {io}"));
            match kind {
                Kind::Refused => f.hint("is rabbitmq-server running there?"),
                Kind::ConnectionLost if s.tls.is_none() && what.starts_with("connecting") => f.hint("the broker closed the connection: a refused login closes it too (check user, password and vhost); if that port speaks TLS (5671), use amqps://"),
                Kind::ConnectionLost => f.hint("the broker closed the connection (a refused login closes it too: check user, password and vhost)"),
                _ => f,
            }
        }
        ErrorKind::InvalidConnectionState(_) | ErrorKind::InvalidChannelState(..) => {
            exit::network(Kind::ConnectionLost, format!("{what}: {e}"))
        }
        ErrorKind::ParsingError(_) | ErrorKind::InvalidProtocolVersion(_) => {
            let f = exit::network(
                Kind::Protocol,
                format!("{what}: the peer's answer is not AMQP 0-9-1"),
            );
            if s.tls.is_none() {
                f.hint("is it a RabbitMQ (AMQP 0-9-1) port? if it speaks TLS (5671), use amqps://")
            } else {
                f.hint("is it a RabbitMQ (AMQP 0-9-1) port?")
            }
        }
        ErrorKind::MissingHeartbeatError => exit::network(
            Kind::ConnectionLost,
            format!("{what}: the broker stopped answering (no heartbeat)"),
        ),
        _ => exit::network(Kind::AmqpError, format!("{what}: {e}")),
    };
    f.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::parse_url;

    fn settings(u: &str) -> Result<Settings, Failure> {
        Settings::from_url(&parse_url(u).unwrap())
    }

    #[test]
    fn urls() {
        let s = settings("amqp://127.0.0.1").unwrap();
        assert_eq!((s.uri.vhost.as_str(), s.uri.authority.port), ("/", 5672));
        assert_eq!(s.uri.authority.userinfo.username, "guest");
        let s = settings("amqp://u%40x:p%3Aw@[::1]:5673/%2f").unwrap();
        assert_eq!(s.uri.vhost, "/");
        assert_eq!(s.uri.authority.userinfo.username, "u@x");
        assert_eq!(s.uri.authority.userinfo.password, "p:w");
        assert_eq!(s.uri.authority.host, "::1");
        assert_eq!(s.endpoint, "[::1]:5673");
        assert_eq!(settings("amqp://h/test").unwrap().uri.vhost, "test");
        let s = settings("amqps://h").unwrap();
        assert_eq!(
            (s.uri.scheme, s.endpoint.as_str()),
            (AMQPScheme::AMQPS, "h:5671")
        );
        assert_eq!(settings("amqps://h:5673").unwrap().uri.authority.port, 5673);
        assert!(settings("amqp://h/a/b").is_err());
        assert!(settings("amqp://h/%zz").is_err());
    }
}
