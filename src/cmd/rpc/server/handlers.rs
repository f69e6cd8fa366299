//! What `rpc-serve` answers, with no I/O: an HTTP request (XML-RPC, JSON-RPC),
//! a line of newline-delimited JSON-RPC, or a MessagePack-RPC message goes in;
//! the bytes to send back and the call's log entry come out. Each call goes to
//! `methods::dispatch`. Reading, writing, limits on the connection and its
//! lifetime are `worker`'s; nothing here can stop the server.

use serde_json::Value as Json;

use super::methods;
use super::Shared;
use crate::cmd::rpc::Proto;
use crate::net::http::{self, HttpError};
use crate::output::access::Caller;
use crate::output::access::Served;
use crate::proto::{jsonrpc, msgpack_rpc, xmlrpc};

/// Who is calling, formatted once per connection for the log.
/// The answer to one HTTP request: the response bytes, whether the connection
/// stays open, and the log entry.
pub struct HttpReply {
    pub bytes: Vec<u8>,
    pub keep: bool,
    pub log: Served,
}

/// Answer one HTTP request.
pub fn http_request(req: &http::Message, shared: &Shared, caller: &Caller) -> HttpReply {
    let persist = req.persist().or_close(shared.stop.is_stopped());
    let mut log = Served::new(caller, req.start.clone(), &shared.out);
    let (status, reason, ctype, body) = answer_http(req, shared, &mut log);
    log.status = Some(status);
    HttpReply {
        bytes: http::response_bytes(status, reason, ctype, &body, persist),
        keep: persist.is_open(),
        log,
    }
}

/// The response to a request that could not be read (then the connection closes).
pub fn http_error(e: &HttpError) -> Vec<u8> {
    let (code, reason) = match e {
        HttpError::TooLarge { what: "body", .. } => (413, "Payload Too Large"),
        HttpError::TooLarge { .. } => (431, "Request Header Fields Too Large"),
        _ => (400, "Bad Request"),
    };
    http::response_bytes(
        code,
        reason,
        "text/plain",
        format!("{e}\n").as_bytes(),
        http::Persist::Close,
    )
}

/// What a client over `--max-clients` is told before it is closed (HTTP 503;
/// MessagePack-RPC has no way to say it, so nothing).
pub fn turn_away(proto: Proto) -> Option<Vec<u8>> {
    (proto != Proto::Msgpack).then(|| {
        http::response_bytes(
            503,
            "Service Unavailable",
            "text/plain",
            b"too many clients\n",
            http::Persist::Close,
        )
    })
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

/// Answer one line of newline-delimited JSON-RPC: the reply line (none for
/// notifications) and the log entry. `None`: `--count` is reached, close.
pub fn json_line(
    line: &[u8],
    shared: &Shared,
    caller: &Caller,
) -> Option<(Option<Vec<u8>>, Served)> {
    if !shared.admit() {
        return None;
    }
    let mut log = Served::new(caller, String::new(), &shared.out);
    let reply = jsonrpc_body(line, shared, &mut log).map(|answer| {
        let mut bytes = serde_json::to_vec(&answer).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    });
    log.request = log.method.clone().unwrap_or_else(|| "invalid".into());
    Some((reply, log))
}

/// Answer one MessagePack-RPC message: the response (none for notifications,
/// and for responses, since the server never calls the client) and the log
/// entry. `None`: `--count` is reached, close.
pub fn msgpack_message(
    msg: msgpack_rpc::Message,
    shared: &Shared,
    caller: &Caller,
) -> Option<(Option<Vec<u8>>, Option<Served>)> {
    let (msgid, method, params) = match msg {
        msgpack_rpc::Message::Request {
            msgid,
            method,
            params,
        } => (Some(msgid), method, params),
        msgpack_rpc::Message::Notification { method, params } => (None, method, params),
        msgpack_rpc::Message::Response { .. } => return Some((None, None)),
    };
    if !shared.admit() {
        return None;
    }
    let params: Vec<Json> = params.iter().map(msgpack_rpc::to_json).collect();
    let request = if shared.out.quiet() {
        String::new()
    } else {
        format!("{method} {}", Json::Array(params.clone()))
    };
    let mut log = Served::new(caller, request, &shared.out);
    let outcome = methods::dispatch(&method, &params);
    shared.record(outcome.is_err());
    // A result with no MessagePack form (`{"$ext": 300}`) is a fault, not wrapped.
    let outcome = outcome.and_then(|v| {
        msgpack_rpc::from_json(&v).map_err(|e| (jsonrpc::INTERNAL_ERROR, e.to_string()))
    });
    let (error, result) = match outcome {
        Ok(v) => (rmpv::Value::Nil, v),
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
    let reply = msgid.map(|msgid| {
        let mut out = Vec::new();
        msgpack_rpc::encode(
            &msgpack_rpc::Message::Response {
                msgid,
                error,
                result,
            },
            &mut out,
        );
        out
    });
    Some((reply, Some(log)))
}
