//! JSON-RPC 2.0 (<https://www.jsonrpc.org/specification>): request, notification,
//! response and error objects, batches on the server side, and the
//! newline-delimited framing netkit uses on raw TCP (one JSON text per line).
//!
//! The standard error codes live here too; netkit uses the same codes for
//! XML-RPC and MessagePack-RPC faults (they come from the XML-RPC fault-code
//! convention of xmlrpc-epi). This module does no I/O.

use serde_json::{json, Map, Value as Json};
use thiserror::Error;

/// Invalid JSON was received.
pub const PARSE_ERROR: i64 = -32700;
/// The JSON sent is not a valid request object.
pub const INVALID_REQUEST: i64 = -32600;
/// The method does not exist.
pub const METHOD_NOT_FOUND: i64 = -32601;
/// Invalid method parameters (arity or types).
pub const INVALID_PARAMS: i64 = -32602;
/// Internal error.
pub const INTERNAL_ERROR: i64 = -32603;

/// A response that is not what JSON-RPC 2.0 promises.
#[derive(Debug, Error, PartialEq)]
pub enum JsonRpcError {
    #[error("invalid JSON: {0}")]
    Json(String),
    #[error("not a JSON-RPC 2.0 response: {0}")]
    NotResponse(String),
    #[error("response id {got} does not match request id {want}")]
    WrongId { got: String, want: u64 },
}

/// What a response carried.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    Result(Json),
    Error {
        code: i64,
        message: String,
        data: Option<Json>,
    },
}

/// A request as the server sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub method: String,
    /// Positional parameters (named ones arrive as a one-element list holding the object).
    pub params: Vec<Json>,
    /// `None` for a notification.
    pub id: Option<Json>,
}

/// A request (with `id`) or a notification (`id` = None). `params` is an
/// array or an object (named parameters).
pub fn encode_request(method: &str, params: &Json, id: Option<u64>) -> Vec<u8> {
    let mut m = Map::new();
    m.insert("jsonrpc".into(), "2.0".into());
    m.insert("method".into(), method.into());
    m.insert("params".into(), params.clone());
    if let Some(id) = id {
        m.insert("id".into(), id.into());
    }
    serde_json::to_vec(&Json::Object(m)).unwrap_or_default()
}

/// Decode the response to request `want_id`.
pub fn decode_response(bytes: &[u8], want_id: u64) -> Result<Reply, JsonRpcError> {
    let v: Json = serde_json::from_slice(bytes).map_err(|e| JsonRpcError::Json(e.to_string()))?;
    let shown = || short(&v.to_string());
    let obj = v
        .as_object()
        .ok_or_else(|| JsonRpcError::NotResponse(format!("expected an object, got {}", shown())))?;
    if obj.get("jsonrpc").and_then(Json::as_str) != Some("2.0") {
        return Err(JsonRpcError::NotResponse(format!(
            "missing \"jsonrpc\": \"2.0\" in {}",
            shown()
        )));
    }
    let id = obj.get("id").cloned().unwrap_or(Json::Null);
    if let Some(err) = obj.get("error") {
        // An error with id null is allowed (the server could not read the id).
        if !id.is_null() && id.as_u64() != Some(want_id) {
            return Err(JsonRpcError::WrongId {
                got: id.to_string(),
                want: want_id,
            });
        }
        let code = err.get("code").and_then(Json::as_i64);
        let message = err.get("message").and_then(Json::as_str);
        return match (code, message) {
            (Some(code), Some(message)) => Ok(Reply::Error {
                code,
                message: message.to_string(),
                data: err.get("data").cloned(),
            }),
            _ => Err(JsonRpcError::NotResponse(format!(
                "error object without code and message: {}",
                shown()
            ))),
        };
    }
    if id.as_u64() != Some(want_id) {
        return Err(JsonRpcError::WrongId {
            got: id.to_string(),
            want: want_id,
        });
    }
    match obj.get("result") {
        Some(r) => Ok(Reply::Result(r.clone())),
        None => Err(JsonRpcError::NotResponse(format!(
            "neither result nor error in {}",
            shown()
        ))),
    }
}

fn short(s: &str) -> String {
    if s.len() <= 160 {
        return s.to_string();
    }
    let mut cut = 160;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}…", &s[..cut])
}

/// One element of what a server received: a request, or the error to answer.
pub type Incoming = Result<Request, Json>;

/// Parse what a client sent: one request or a batch. `Err` is a whole error
/// response to send back at once (parse error, empty batch).
pub fn decode_requests(bytes: &[u8]) -> Result<(Vec<Incoming>, bool), Json> {
    let v: Json = serde_json::from_slice(bytes)
        .map_err(|e| encode_error(&Json::Null, PARSE_ERROR, &format!("Parse error: {e}")))?;
    match v {
        Json::Array(items) if items.is_empty() => Err(encode_error(
            &Json::Null,
            INVALID_REQUEST,
            "Invalid Request: empty batch",
        )),
        Json::Array(items) => Ok((items.into_iter().map(request_of).collect(), true)),
        single => Ok((vec![request_of(single)], false)),
    }
}

fn request_of(v: Json) -> Incoming {
    let id = v.get("id").cloned();
    let invalid = |why: &str| {
        encode_error(
            id.as_ref().unwrap_or(&Json::Null),
            INVALID_REQUEST,
            &format!("Invalid Request: {why}"),
        )
    };
    let Some(obj) = v.as_object() else {
        return Err(invalid("expected an object"));
    };
    if obj.get("jsonrpc").and_then(Json::as_str) != Some("2.0") {
        return Err(invalid("\"jsonrpc\" must be \"2.0\""));
    }
    if let Some(id) = &id {
        if !(id.is_string() || id.is_number() || id.is_null()) {
            return Err(invalid("id must be a string, number or null"));
        }
    }
    let Some(method) = obj.get("method").and_then(Json::as_str) else {
        return Err(invalid("\"method\" must be a string"));
    };
    let params = match obj.get("params") {
        None => Vec::new(),
        Some(Json::Array(a)) => a.clone(),
        Some(o @ Json::Object(_)) => vec![o.clone()],
        Some(_) => return Err(invalid("params must be an array or an object")),
    };
    Ok(Request {
        method: method.to_string(),
        params,
        id,
    })
}

/// A success response.
pub fn encode_result(id: &Json, result: &Json) -> Json {
    json!({"jsonrpc": "2.0", "result": result, "id": id})
}

/// An error response.
pub fn encode_error(id: &Json, code: i64, message: &str) -> Json {
    json!({"jsonrpc": "2.0", "error": {"code": code, "message": message}, "id": id})
}

/// Newline-delimited framing: the first complete line of `buf` (without its
/// `\n` or `\r\n`) and the bytes used, or `None` when no newline came yet.
pub fn split_line(buf: &[u8]) -> Option<(&[u8], usize)> {
    let i = buf.iter().position(|&b| b == b'\n')?;
    let line = &buf[..i];
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    Some((line, i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_and_notification_bytes() {
        let r = encode_request("double", &json!([7]), Some(1));
        assert_eq!(
            r,
            br#"{"jsonrpc":"2.0","method":"double","params":[7],"id":1}"#
        );
        let n = encode_request("log", &json!({"x": 1}), None);
        assert_eq!(n, br#"{"jsonrpc":"2.0","method":"log","params":{"x":1}}"#);
    }

    #[test]
    fn responses() {
        let ok = br#"{"jsonrpc":"2.0","result":14,"id":3}"#;
        assert_eq!(decode_response(ok, 3), Ok(Reply::Result(json!(14))));
        let err =
            br#"{"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found"},"id":3}"#;
        assert_eq!(
            decode_response(err, 3),
            Ok(Reply::Error {
                code: -32601,
                message: "Method not found".into(),
                data: None
            })
        );
        let null_id = br#"{"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error","data":"x"},"id":null}"#;
        assert!(matches!(
            decode_response(null_id, 9),
            Ok(Reply::Error {
                code: -32700,
                data: Some(_),
                ..
            })
        ));
    }

    #[test]
    fn bad_responses() {
        assert!(matches!(
            decode_response(br#"{"jsonrpc":"2.0","result":1,"id":4}"#, 3),
            Err(JsonRpcError::WrongId { .. })
        ));
        assert!(matches!(
            decode_response(b"<html>", 1),
            Err(JsonRpcError::Json(_))
        ));
        assert!(matches!(
            decode_response(br#"{"result":1,"id":1}"#, 1),
            Err(JsonRpcError::NotResponse(_))
        ));
        assert!(matches!(
            decode_response(br#"{"jsonrpc":"2.0","id":1}"#, 1),
            Err(JsonRpcError::NotResponse(_))
        ));
        assert!(matches!(
            decode_response(br#"[1]"#, 1),
            Err(JsonRpcError::NotResponse(_))
        ));
        assert!(matches!(
            decode_response(br#"{"jsonrpc":"2.0","error":{"code":"x"},"id":1}"#, 1),
            Err(JsonRpcError::NotResponse(_))
        ));
    }

    #[test]
    fn server_side_requests_and_batches() {
        let (reqs, batch) =
            decode_requests(br#"{"jsonrpc":"2.0","method":"double","params":[7],"id":"a"}"#)
                .unwrap();
        assert!(!batch);
        assert_eq!(
            reqs[0],
            Ok(Request {
                method: "double".into(),
                params: vec![json!(7)],
                id: Some(json!("a"))
            })
        );
        let (reqs, batch) = decode_requests(
            br#"[{"jsonrpc":"2.0","method":"n"}, 5, {"jsonrpc":"1.0","method":"x","id":2}]"#,
        )
        .unwrap();
        assert!(batch);
        assert_eq!(reqs[0].as_ref().unwrap().id, None);
        assert_eq!(
            reqs[1].as_ref().unwrap_err()["error"]["code"],
            INVALID_REQUEST
        );
        assert_eq!(reqs[2].as_ref().unwrap_err()["id"], 2);
        assert_eq!(
            decode_requests(b"{oops").unwrap_err()["error"]["code"],
            PARSE_ERROR
        );
        assert_eq!(
            decode_requests(b"[]").unwrap_err()["error"]["code"],
            INVALID_REQUEST
        );
    }

    #[test]
    fn line_framing() {
        assert_eq!(split_line(b"{}\r\n{"), Some((&b"{}"[..], 4)));
        assert_eq!(split_line(b"{\"a\":1}"), None);
        assert_eq!(split_line(b"\n"), Some((&b""[..], 1)));
    }
}
