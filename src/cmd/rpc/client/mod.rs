//! The RPC client: one connection to the target, kept alive between calls.
//! Two pure functions hold each protocol's exchange — [`request_bytes`] (a call
//! as bytes on the wire) and [`reply_in`] (the answer found in bytes received,
//! with ids checked: a wrong msgid or id is a protocol failure, and a fault, the
//! server answering "no", is told from a failure, nothing usable coming back).
//! [`Client`] drives them over one blocking connection, `load` over many. It
//! prints only `--trace` events; `call` decides what the user sees. The rest
//! of the `rpc-call` half are its children: `target`, `call`, `load`, `failure`.

pub mod call;
pub mod failure;
pub mod load;
pub mod target;

use std::time::{Duration, Instant};

use serde_json::Value as Json;

use self::target::{Target, Transport};
use super::Proto;
use crate::exit;
use crate::net::conn::Conn;
use crate::net::http::{self, Kind};
use crate::net::stream::Stream;
use crate::net::tls::{self, TlsClient};
use crate::output::wire as trace;
use crate::output::Out;
use crate::proto::{jsonrpc, msgpack_rpc, xmlrpc};
use crate::signal::Stop;

/// What the server answered.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Value(Json),
    Fault {
        code: i64,
        message: String,
        data: Option<Json>,
    },
}

/// One client connection and its counters.
pub struct Client {
    target: Target,
    timeout: Duration,
    max_size: usize,
    stop: Stop,
    trace: Option<Out>,
    conn: Option<Conn>,
    /// `https://`: the TLS setup every connection uses.
    tls: Option<TlsClient>,
    next_id: u32,
    /// Connections opened so far.
    pub connections: u64,
}

impl Client {
    pub fn new(
        target: Target,
        timeout: Duration,
        max_size: usize,
        stop: Stop,
        trace: Option<Out>,
    ) -> Client {
        Client {
            target,
            timeout,
            max_size,
            stop,
            trace,
            conn: None,
            tls: None,
            next_id: 1,
            connections: 0,
        }
    }

    /// Speak TLS on every connection (`https://`).
    pub fn with_tls(mut self, tls: Option<TlsClient>) -> Client {
        self.tls = tls;
        self
    }

    /// Call `method` and wait for its answer.
    pub fn call(&mut self, method: &str, params: &Json) -> anyhow::Result<Outcome> {
        let id = self.next_id;
        self.next_id = self.next_id.wrapping_add(1);
        let req = request_bytes(&self.target, method, params, id)?;
        match (self.target.proto, &self.target.transport) {
            (Proto::Jsonrpc, Transport::Http { .. }) => {
                let resp = self.post(&req)?;
                jsonrpc_http_outcome(&self.target, &resp, id as u64)
            }
            (_, Transport::Http { .. }) => {
                let resp = self.post(&req)?;
                xmlrpc_outcome(&self.target, &resp)
            }
            (_, Transport::Tcp { .. }) => {
                self.send_raw(&req)?;
                self.tcp_answer(id)
            }
        }
    }

    /// Send a notification (no answer expected).
    pub fn notify(&mut self, method: &str, params: &Json) -> anyhow::Result<()> {
        let bytes = match (self.target.proto, &self.target.transport) {
            (Proto::Jsonrpc, Transport::Http { hp, path }) => {
                let body = jsonrpc::encode_request(method, params, None);
                let req = http::request_bytes(&hp.to_string(), path, "application/json", &body);
                let resp = self.post(&req)?;
                if !(200..300).contains(&resp.status()) {
                    return Err(failure::http_status(&self.target, &resp));
                }
                return Ok(());
            }
            (Proto::Jsonrpc, _) => {
                let mut b = jsonrpc::encode_request(method, params, None);
                b.push(b'\n');
                b
            }
            (Proto::Msgpack, _) => {
                let mut b = Vec::new();
                let params = msgpack_params(params)?;
                msgpack_rpc::encode(
                    &msgpack_rpc::Message::Notification {
                        method: method.into(),
                        params,
                    },
                    &mut b,
                );
                b
            }
            (Proto::Xmlrpc, _) => {
                return Err(exit::usage("XML-RPC has no notifications; drop --notify").into())
            }
        };
        self.send_raw(&bytes)
    }

    /// The answer to call `id` on a raw TCP connection (JSON lines or
    /// MessagePack-RPC), skipping what the server sends meanwhile (nvim may call
    /// or notify us).
    fn tcp_answer(&mut self, id: u32) -> anyhow::Result<Outcome> {
        let deadline = Instant::now() + self.timeout;
        loop {
            let conn = self.conn.as_mut().expect("connected by send_raw");
            let found = match reply_in(&self.target, conn.buffered(), false, id, self.max_size) {
                Ok(found) => found,
                Err(e) => {
                    self.conn = None;
                    return Err(e);
                }
            };
            let used = match &found {
                Some(Found::Skip(used) | Found::Answer { used, .. }) => *used,
                None => {
                    self.wait_more(deadline)?;
                    continue;
                }
            };
            let raw = conn.buffered()[..used].to_vec();
            conn.consume(used);
            self.trace_recv(&raw);
            if let Some(Found::Answer { outcome, .. }) = found {
                return Ok(outcome);
            }
        }
    }

    /// Wait for more bytes on a raw TCP connection.
    fn wait_more(&mut self, deadline: Instant) -> anyhow::Result<()> {
        let target = self.target.to_string();
        let timeout = self.timeout;
        let conn = self.conn.as_mut().expect("connected");
        match conn.fill(deadline, &self.stop) {
            Ok(0) => {
                self.conn = None;
                Err(exit::network(
                    exit::Kind::ConnectionLost,
                    format!("{target} closed the connection before answering"),
                )
                .into())
            }
            Ok(_) => Ok(()),
            Err(e) => {
                self.conn = None;
                Err(anyhow::Error::new(e)
                    .context(format!("waiting {timeout:?} for the answer from {target}")))
            }
        }
    }

    fn connect(&mut self) -> anyhow::Result<&mut Conn> {
        if self.conn.is_none() {
            let hp = self.target.host_port();
            let tcp = crate::net::connect_tcp(hp, self.timeout).map_err(failure::refused_hint)?;
            tcp.set_nodelay(true)?;
            let stream = match &self.tls {
                Some(c) => {
                    let deadline = Instant::now() + self.timeout;
                    let s = tls::connect(tcp, c, &hp.host, deadline, &self.stop)
                        .map_err(|e| e.into_failure(&format!("TLS with {hp}")))?;
                    if let Some(o) = &self.trace {
                        o.emit(s.info())?;
                    }
                    Stream::Tls(Box::new(s))
                }
                None => Stream::Plain(tcp),
            };
            stream.set_write_timeout(Some(self.timeout))?;
            // One message may hold the body limit plus a head and one read.
            let max = self.max_size.saturating_add(2 * http::MAX_HEAD);
            self.conn = Some(Conn::new(stream).with_max(max));
            self.connections += 1;
        }
        Ok(self.conn.as_mut().expect("just connected"))
    }

    fn send_raw(&mut self, bytes: &[u8]) -> anyhow::Result<()> {
        self.connect()?;
        if self.trace.is_some() {
            match self.target.proto {
                Proto::Msgpack => {
                    if let Ok(Some((m, _))) = msgpack_rpc::decode(bytes) {
                        self.trace_msgpack("send", bytes, &m);
                    }
                }
                _ => self.trace_text("send", bytes, String::from_utf8_lossy(bytes).into_owned()),
            }
        }
        let target = self.target.to_string();
        let conn = self.connect()?;
        if let Err(e) = conn.write_all(bytes) {
            self.conn = None;
            return Err(anyhow::Error::new(e).context(format!("sending to {target}")));
        }
        Ok(())
    }

    /// Send a POST request (`req`, head included) and read the response; on a
    /// kept-alive connection the server closed meanwhile, retry once.
    fn post(&mut self, req: &[u8]) -> anyhow::Result<http::Message> {
        for attempt in 0..2 {
            let fresh = self.conn.is_none();
            self.connect()?;
            if attempt == 0 {
                self.trace_text("send", req, String::from_utf8_lossy(req).into_owned());
            }
            let (timeout, max, stop) = (self.timeout, self.max_size, self.stop.clone());
            let tracing = self.trace.is_some();
            let conn = self.connect()?;
            if let Err(e) = conn.write_all(req) {
                self.conn = None;
                if fresh {
                    return Err(
                        anyhow::Error::new(e).context(format!("sending to {}", self.target))
                    );
                }
                continue;
            }
            let mut wire = Vec::new();
            let w = tracing.then_some(&mut wire);
            let until = Instant::now() + timeout;
            match http::read_message(conn, Kind::Response, max, until, &stop, w) {
                Ok(Some(resp)) => {
                    self.trace_text("recv", &wire, String::from_utf8_lossy(&wire).into_owned());
                    if !resp.keep_alive() {
                        self.conn = None;
                    }
                    return Ok(resp);
                }
                Ok(None) if !fresh => self.conn = None,
                Ok(None) => {
                    self.conn = None;
                    return Err(exit::network(
                        exit::Kind::ConnectionLost,
                        format!("{} closed the connection without answering", self.target),
                    )
                    .into());
                }
                Err(e) => {
                    self.conn = None;
                    return Err(failure::transport(e).context(format!(
                        "reading the HTTP response from {} (waited up to {timeout:?})",
                        self.target
                    )));
                }
            }
        }
        Err(exit::network(
            exit::Kind::ConnectionLost,
            format!("{} keeps closing the connection", self.target),
        )
        .into())
    }

    fn trace_text(&self, direction: &'static str, raw: &[u8], text: String) {
        if let Some(out) = &self.trace {
            trace::text(out, direction, raw, text);
        }
    }

    fn trace_msgpack(&self, direction: &'static str, raw: &[u8], msg: &msgpack_rpc::Message) {
        if let Some(out) = &self.trace {
            trace::msgpack(out, direction, raw, msg);
        }
    }

    /// Trace a message received on a raw TCP connection (not blank lines).
    fn trace_recv(&self, raw: &[u8]) {
        if self.trace.is_none() {
            return;
        }
        match self.target.proto {
            Proto::Msgpack => {
                if let Ok(Some((m, _))) = msgpack_rpc::decode(raw) {
                    self.trace_msgpack("recv", raw, &m);
                }
            }
            _ => {
                let line = raw.strip_suffix(b"\n").unwrap_or(raw);
                let line = line.strip_suffix(b"\r").unwrap_or(line);
                if !line.iter().all(u8::is_ascii_whitespace) {
                    self.trace_text("recv", line, String::from_utf8_lossy(line).into_owned());
                }
            }
        }
    }
}

/// An XML-RPC answer in an HTTP response: a value or a fault; any other
/// status, or a body that is not XML-RPC, is a failure.
fn xmlrpc_outcome(target: &Target, resp: &http::Message) -> anyhow::Result<Outcome> {
    if resp.status() != 200 {
        return Err(failure::http_status(target, resp));
    }
    let text = String::from_utf8_lossy(&resp.body);
    match xmlrpc::decode_response(&text) {
        Ok(xmlrpc::Response::Value(v)) => Ok(Outcome::Value(v)),
        Ok(xmlrpc::Response::Fault { code, message }) => Ok(Outcome::Fault {
            code,
            message,
            data: None,
        }),
        Err(e) => Err(failure::not_rpc(target, resp, &e.to_string())),
    }
}

/// JSON-RPC over HTTP: a 200 carries the answer; another status may carry an
/// error object (some servers answer 500 with one), which is still a fault.
fn jsonrpc_http_outcome(target: &Target, resp: &http::Message, id: u64) -> anyhow::Result<Outcome> {
    match jsonrpc::decode_response(&resp.body, id) {
        Ok(reply) if resp.status() == 200 || matches!(reply, jsonrpc::Reply::Error { .. }) => {
            Ok(reply_outcome(reply))
        }
        _ if resp.status() != 200 => Err(failure::http_status(target, resp)),
        Ok(_) => unreachable!("a 200 with a result is handled above"),
        Err(e) => Err(failure::not_rpc(target, resp, &e.to_string())),
    }
}

/// A MessagePack-RPC message read while waiting for the answer to `id`:
/// `Some` outcome for that answer, `None` for a request or notification from
/// the server (nvim sends some; they are skipped); another msgid is a failure.
fn msgpack_outcome(
    target: &Target,
    msg: msgpack_rpc::Message,
    id: u32,
) -> anyhow::Result<Option<Outcome>> {
    match msg {
        msgpack_rpc::Message::Response {
            msgid,
            error,
            result,
        } if msgid == id => Ok(Some(if error.is_nil() {
            Outcome::Value(msgpack_rpc::to_json(&result))
        } else {
            let (code, message) = msgpack_rpc::fault_of(&error);
            Outcome::Fault {
                code,
                message,
                data: Some(msgpack_rpc::to_json(&error)),
            }
        })),
        msgpack_rpc::Message::Response { msgid, .. } => Err(failure::protocol(
            target,
            &format!("response msgid {msgid} does not match request msgid {id}"),
        )),
        _ => Ok(None),
    }
}

/// The bytes of one call to `target` (with the HTTP head for HTTP targets),
/// for a caller that does its own I/O (`load`). `id` is the JSON-RPC id or
/// MessagePack-RPC msgid; XML-RPC has none.
pub fn request_bytes(
    target: &Target,
    method: &str,
    params: &Json,
    id: u32,
) -> anyhow::Result<Vec<u8>> {
    let post = |ctype: &str, body: &[u8]| match &target.transport {
        Transport::Http { hp, path } => {
            Some(http::request_bytes(&hp.to_string(), path, ctype, body))
        }
        Transport::Tcp { .. } => None,
    };
    Ok(match target.proto {
        Proto::Xmlrpc => {
            let body = xmlrpc::encode_call(method, params_list(params))
                .map_err(|e| exit::usage(e.to_string()))?;
            post("text/xml", body.as_bytes()).unwrap_or_else(|| body.into_bytes())
        }
        Proto::Jsonrpc => {
            let mut body = jsonrpc::encode_request(method, params, Some(id as u64));
            post("application/json", &body).unwrap_or_else(|| {
                body.push(b'\n');
                body
            })
        }
        Proto::Msgpack => {
            let params = msgpack_params(params)?;
            let mut out = Vec::new();
            msgpack_rpc::encode(
                &msgpack_rpc::Message::Request {
                    msgid: id,
                    method: method.into(),
                    params,
                },
                &mut out,
            );
            out
        }
    })
}

/// What [`reply_in`] found at the front of a buffer.
#[derive(Debug)]
pub enum Found {
    /// The answer to the call, the bytes it used, and whether the connection
    /// stays open after it.
    Answer {
        outcome: Outcome,
        used: usize,
        keep: bool,
    },
    /// Bytes to drop before the answer (a 1xx response, a blank line, a
    /// message from the server that is not the answer).
    Skip(usize),
}

/// Look for the answer to call `id` at the front of `buf` (pure: the bytes
/// received so far in, the answer out). `Ok(None)`: it is not all there yet.
/// `eof`: the server has closed (an HTTP body without a length ends there).
/// A failure (HTTP error status, garbage, wrong id, over `max`) is `Err`.
pub fn reply_in(
    target: &Target,
    buf: &[u8],
    eof: bool,
    id: u32,
    max: usize,
) -> anyhow::Result<Option<Found>> {
    let too_big = || {
        exit::network(
            exit::Kind::Protocol,
            format!("{target}: response larger than {max} bytes (see --max-size)"),
        )
    };
    if let Transport::Http { .. } = target.transport {
        let (resp, used) = match http::parse(buf, Kind::Response, max, eof) {
            Ok(http::Parsed::Message(m, used)) => (m, used),
            Ok(http::Parsed::Partial { .. }) => return Ok(None),
            Err(e) => {
                return Err(failure::transport(e)
                    .context(format!("reading the HTTP response from {target}")))
            }
        };
        if (100..200).contains(&resp.status()) {
            return Ok(Some(Found::Skip(used)));
        }
        let outcome = match target.proto {
            Proto::Jsonrpc => jsonrpc_http_outcome(target, &resp, id as u64)?,
            _ => xmlrpc_outcome(target, &resp)?,
        };
        let keep = resp.keep_alive();
        return Ok(Some(Found::Answer {
            outcome,
            used,
            keep,
        }));
    }
    match target.proto {
        Proto::Msgpack => match msgpack_rpc::decode_limited(buf, max) {
            Ok(Some((msg, used))) => Ok(Some(match msgpack_outcome(target, msg, id)? {
                Some(outcome) => Found::Answer {
                    outcome,
                    used,
                    keep: true,
                },
                None => Found::Skip(used),
            })),
            Ok(None) if buf.len() > max => Err(too_big().into()),
            Ok(None) => Ok(None),
            Err(e) => Err(failure::protocol(target, &e.to_string())),
        },
        _ => match jsonrpc::split_line(buf) {
            Some((line, used)) if line.iter().all(u8::is_ascii_whitespace) => {
                Ok(Some(Found::Skip(used)))
            }
            Some((line, used)) => {
                let reply = jsonrpc::decode_response(line, id as u64)
                    .map_err(|e| failure::protocol(target, &format!("{e}")))?;
                Ok(Some(Found::Answer {
                    outcome: reply_outcome(reply),
                    used,
                    keep: true,
                }))
            }
            None if buf.len() > max => Err(too_big().into()),
            None => Ok(None),
        },
    }
}

/// The parameters as MessagePack values; one that has none (`{"$ext": 300}`) is
/// bad input.
fn msgpack_params(params: &Json) -> anyhow::Result<Vec<rmpv::Value>> {
    params_list(params)
        .iter()
        .map(|p| msgpack_rpc::from_json(p).map_err(|e| exit::usage(e.to_string()).into()))
        .collect()
}

/// Positional parameters as a slice (named JSON-RPC params are one object).
fn params_list(params: &Json) -> &[Json] {
    match params {
        Json::Array(a) => a,
        other => std::slice::from_ref(other),
    }
}

fn reply_outcome(reply: jsonrpc::Reply) -> Outcome {
    match reply {
        jsonrpc::Reply::Result(v) => Outcome::Value(v),
        jsonrpc::Reply::Error {
            code,
            message,
            data,
        } => Outcome::Fault {
            code,
            message,
            data,
        },
    }
}
