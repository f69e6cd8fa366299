//! One `rpc-serve` connection: HTTP/1.1 with keep-alive (XML-RPC, JSON-RPC),
//! newline-delimited JSON-RPC (a JSON-RPC connection whose first byte is `{` or
//! `[`), or a MessagePack-RPC stream. Each call goes to `methods::dispatch` and
//! is logged. Garbage, oversize messages or a silent peer end this connection
//! only, with a warning; nothing here can stop the server.

use std::net::{SocketAddr, TcpStream};
use std::time::Instant;

use serde_json::Value as Json;

use super::conn::Conn;
use super::http::{self, HttpError, Kind};
use super::methods;
use super::serve::{Served, Shared};
use super::Proto;
use crate::proto::{jsonrpc, msgpack_rpc, xmlrpc};

/// Longest a single write to a client may block.
const WRITE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Serve one client until it leaves, goes idle, misbehaves, or the server stops.
pub fn serve_connection(stream: TcpStream, peer: SocketAddr, shared: &Shared) {
    let _ = stream.set_nonblocking(false);
    // A client that stops reading holds its thread at most this long per write.
    let _ = stream.set_write_timeout(Some(shared.idle.min(WRITE_TIMEOUT)));
    let mut conn = match Conn::new(stream) {
        Ok(c) => c,
        Err(_) => return,
    };
    let result = match shared.proto {
        Proto::Xmlrpc => serve_http(&mut conn, shared),
        Proto::Msgpack => serve_msgpack(&mut conn, shared),
        Proto::Jsonrpc => match first_byte(&mut conn, shared) {
            Some(b'{' | b'[' | b' ' | b'\t') => serve_lines(&mut conn, shared),
            Some(_) => serve_http(&mut conn, shared),
            None => Ok(()),
        },
    };
    if let Err(why) = result {
        let _ = shared.out.warn(&format!("dropping {peer}: {why}"));
    }
}

/// Too many clients: say so (HTTP 503) and close.
pub fn turn_away(stream: TcpStream, proto: Proto) {
    if proto != Proto::Msgpack {
        use std::io::Write;
        let body = b"too many clients\n";
        let _ = (&stream).write_all(&http::response_bytes(
            503,
            "Service Unavailable",
            "text/plain",
            body,
            false,
        ));
    }
}

fn first_byte(conn: &mut Conn, shared: &Shared) -> Option<u8> {
    let until = Instant::now() + shared.idle;
    while conn.buffered().is_empty() {
        if !matches!(conn.fill(until, &shared.stop), Ok(n) if n > 0) {
            return None;
        }
    }
    conn.buffered().first().copied()
}

fn serve_http(conn: &mut Conn, shared: &Shared) -> Result<(), String> {
    loop {
        let until = Instant::now() + shared.idle;
        let req =
            match http::read_message(conn, Kind::Request, shared.max_size, until, &shared.stop) {
                Ok(Some(r)) => r,
                Ok(None) => return Ok(()),
                Err(HttpError::Io(_)) => return Ok(()), // idle timeout, stop, reset: just close
                Err(e @ HttpError::TooLarge { what, .. }) => {
                    let (code, reason) = if what == "body" {
                        (413, "Payload Too Large")
                    } else {
                        (431, "Request Header Fields Too Large")
                    };
                    let _ = conn.write_all(&http::response_bytes(
                        code,
                        reason,
                        "text/plain",
                        format!("{e}\n").as_bytes(),
                        false,
                    ));
                    return Err(e.to_string());
                }
                Err(e) => {
                    let _ = conn.write_all(&http::response_bytes(
                        400,
                        "Bad Request",
                        "text/plain",
                        format!("{e}\n").as_bytes(),
                        false,
                    ));
                    return Err(e.to_string());
                }
            };
        let keep = req.keep_alive() && !shared.stop.is_stopped();
        let mut log = Served::new(conn.peer, req.start.clone(), &shared.out);
        let (status, reason, ctype, body) = answer_http(&req, shared, &mut log);
        log.status = Some(status);
        if conn
            .write_all(&http::response_bytes(status, reason, ctype, &body, keep))
            .is_err()
        {
            return Ok(());
        }
        if !shared.out.quiet() {
            let _ = shared.out.emit(&log);
        }
        if !keep {
            return Ok(());
        }
    }
}

type HttpAnswer = (u16, &'static str, &'static str, Vec<u8>);

fn answer_http(req: &http::Message, shared: &Shared, log: &mut Served) -> HttpAnswer {
    let (verb, path, _) = req.parts();
    if verb != "POST" {
        log.outcome = "error";
        let body = format!("Unsupported method ({verb:?}): RPC calls are POST requests\n");
        return (501, "Not Implemented", "text/plain", body.into_bytes());
    }
    let path = path.split('?').next().unwrap_or("");
    if path != "/" && path != "/RPC2" {
        log.outcome = "error";
        return (
            404,
            "Not Found",
            "text/plain",
            b"RPC is served on / and /RPC2\n".to_vec(),
        );
    }
    if !shared.admit() {
        log.outcome = "error";
        return (
            503,
            "Service Unavailable",
            "text/plain",
            b"the server is stopping (--count reached)\n".to_vec(),
        );
    }
    match shared.proto {
        Proto::Xmlrpc => (
            200,
            "OK",
            "text/xml",
            xmlrpc_body(&req.body, shared, log).into_bytes(),
        ),
        _ => match jsonrpc_body(&req.body, shared, log) {
            Some(j) => (
                200,
                "OK",
                "application/json",
                serde_json::to_vec(&j).unwrap_or_default(),
            ),
            None => (204, "No Content", "application/json", Vec::new()),
        },
    }
}

fn xmlrpc_body(body: &[u8], shared: &Shared, log: &mut Served) -> String {
    let text = String::from_utf8_lossy(body);
    let (method, params) = match xmlrpc::decode_call(&text) {
        Ok(x) => x,
        Err(e) => {
            shared.record(true);
            log.outcome = "fault";
            log.fault = Some(jsonrpc::PARSE_ERROR);
            return xmlrpc::encode_fault(jsonrpc::PARSE_ERROR, &format!("parse error: {e}"));
        }
    };
    let outcome = methods::dispatch(&method, &params);
    log.method = Some(method);
    let resp = outcome.and_then(|v| {
        xmlrpc::encode_response(&v).map_err(|e| (jsonrpc::INTERNAL_ERROR, e.to_string()))
    });
    match resp {
        Ok(xml) => {
            shared.record(false);
            xml
        }
        Err((code, message)) => {
            shared.record(true);
            log.outcome = "fault";
            log.fault = Some(code);
            xmlrpc::encode_fault(code, &message)
        }
    }
}

/// Answer a JSON-RPC body (one request or a batch); `None` = nothing to send.
fn jsonrpc_body(body: &[u8], shared: &Shared, log: &mut Served) -> Option<Json> {
    let (items, batch) = match jsonrpc::decode_requests(body) {
        Ok(x) => x,
        Err(resp) => {
            shared.record(true);
            log.outcome = "fault";
            log.fault = resp["error"]["code"].as_i64();
            return Some(resp);
        }
    };
    let mut answers = Vec::new();
    let mut names = Vec::new();
    for item in items {
        let answer = match item {
            Err(resp) => Some(resp),
            Ok(req) => {
                names.push(req.method.clone());
                let outcome = methods::dispatch(&req.method, &req.params);
                req.id.map(|id| match outcome {
                    Ok(v) => jsonrpc::encode_result(&id, &v),
                    Err((code, message)) => jsonrpc::encode_error(&id, code, &message),
                })
            }
        };
        let fault = answer.as_ref().and_then(|a| a["error"]["code"].as_i64());
        shared.record(fault.is_some());
        if fault.is_some() {
            log.outcome = "fault";
            log.fault = fault;
        }
        answers.extend(answer);
    }
    log.method = Some(names.join(","));
    match (batch, answers.len()) {
        (_, 0) => None,
        (true, _) => Some(Json::Array(answers)),
        (false, _) => answers.pop(),
    }
}

fn serve_lines(conn: &mut Conn, shared: &Shared) -> Result<(), String> {
    loop {
        while let Some((line, used)) = jsonrpc::split_line(conn.buffered()) {
            let line = line.to_vec();
            conn.consume(used);
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if !shared.admit() {
                return Ok(()); // --count reached: no more calls
            }
            let mut log = Served::new(conn.peer, "JSON-RPC line".into(), &shared.out);
            if let Some(answer) = jsonrpc_body(&line, shared, &mut log) {
                let mut bytes = serde_json::to_vec(&answer).unwrap_or_default();
                bytes.push(b'\n');
                conn.write_all(&bytes)
                    .map_err(|e| format!("writing: {e}"))?;
            }
            log.request = log.method.clone().unwrap_or_else(|| "invalid".into());
            if !shared.out.quiet() {
                let _ = shared.out.emit(&log);
            }
        }
        if conn.buffered().len() > shared.max_size {
            return Err(format!(
                "a JSON-RPC line longer than {} bytes (--max-size)",
                shared.max_size
            ));
        }
        if !read_more(conn, shared)? {
            return Ok(());
        }
    }
}

fn serve_msgpack(conn: &mut Conn, shared: &Shared) -> Result<(), String> {
    loop {
        loop {
            let (msg, used) = match msgpack_rpc::decode_limited(conn.buffered(), shared.max_size) {
                Ok(Some(x)) => x,
                Ok(None) => break,
                Err(e) => return Err(e.to_string()),
            };
            conn.consume(used);
            let (msgid, method, params) = match msg {
                msgpack_rpc::Message::Request {
                    msgid,
                    method,
                    params,
                } => (Some(msgid), method, params),
                msgpack_rpc::Message::Notification { method, params } => (None, method, params),
                msgpack_rpc::Message::Response { .. } => continue, // we never call the client
            };
            if !shared.admit() {
                return Ok(()); // --count reached: no more calls
            }
            let params: Vec<Json> = params.iter().map(msgpack_rpc::to_json).collect();
            let mut log = Served::new(
                conn.peer,
                format!("{method} {}", Json::Array(params.clone())),
                &shared.out,
            );
            let outcome = methods::dispatch(&method, &params);
            shared.record(outcome.is_err());
            let (error, result) = match outcome {
                Ok(v) => (rmpv::Value::Nil, msgpack_rpc::from_json(&v)),
                Err((code, message)) => {
                    log.outcome = "fault";
                    log.fault = Some(code);
                    (
                        rmpv::Value::Array(vec![code.into(), message.into()]),
                        rmpv::Value::Nil,
                    )
                }
            };
            log.method = Some(method);
            if let Some(msgid) = msgid {
                let mut out = Vec::new();
                msgpack_rpc::encode(
                    &msgpack_rpc::Message::Response {
                        msgid,
                        error,
                        result,
                    },
                    &mut out,
                );
                conn.write_all(&out).map_err(|e| format!("writing: {e}"))?;
            }
            if !shared.out.quiet() {
                let _ = shared.out.emit(&log);
            }
        }
        if conn.buffered().len() > shared.max_size {
            return Err(format!(
                "a MessagePack message larger than {} bytes (--max-size)",
                shared.max_size
            ));
        }
        if !read_more(conn, shared)? {
            return Ok(());
        }
    }
}

/// More bytes from a raw TCP client: `false` when it left, went idle, or the server stops.
fn read_more(conn: &mut Conn, shared: &Shared) -> Result<bool, String> {
    match conn.fill(Instant::now() + shared.idle, &shared.stop) {
        Ok(0) => Ok(false),
        Ok(_) => Ok(true),
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::Interrupted
            ) =>
        {
            Ok(false)
        }
        Err(_) => Ok(false),
    }
}
