//! MessagePack-RPC messages (<https://github.com/msgpack-rpc/msgpack-rpc/blob/master/spec.md>)
//! on `rmpv`: request `[0, msgid, method, params]`, response
//! `[1, msgid, error, result]`, notification `[2, method, params]`, plus the
//! mapping between MessagePack values and JSON that netkit prints and reads.
//!
//! Messages follow each other on a TCP stream with no other framing, so
//! [`decode`] returns `Ok(None)` when the buffer holds only part of one.
//! Mapping: nil/bool/int/float/str/array map to their JSON twins; `bin` is
//! `{"$base64": "..."}` both ways; `ext` is `{"$ext": type, "$base64": "..."}`
//! with the type from -128 to 127 (any other `$ext` is refused, not wrapped);
//! map keys that are not strings are written as their JSON text; non-UTF-8 `str`
//! is shown with U+FFFD. This module does no I/O.

use std::io::Cursor;

use base64::Engine;
use rmpv::Value as Mp;
use serde_json::{Map, Number, Value as Json};
use thiserror::Error;

/// Deepest nesting accepted from a peer (rmpv's default is 1024 frames).
pub const MAX_DEPTH: usize = 64;

/// One MessagePack-RPC message.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    Request {
        msgid: u32,
        method: String,
        params: Vec<Mp>,
    },
    Response {
        msgid: u32,
        error: Mp,
        result: Mp,
    },
    Notification {
        method: String,
        params: Vec<Mp>,
    },
}

/// A stream that does not hold MessagePack-RPC messages.
#[derive(Debug, Error, PartialEq)]
pub enum MsgpackRpcError {
    #[error("invalid MessagePack: {0}")]
    Invalid(String),
    #[error("not a MessagePack-RPC message: {0}")]
    NotRpc(String),
    #[error("a MessagePack value claims {stated} bytes or items, over the limit of {max}")]
    TooLarge { stated: u64, max: usize },
    #[error("\"$ext\" must be an extension type from -128 to 127, got {stated}")]
    ExtType { stated: Json },
}

/// Append the encoding of `msg` to `buf`.
pub fn encode(msg: &Message, buf: &mut Vec<u8>) {
    let v = match msg {
        Message::Request {
            msgid,
            method,
            params,
        } => Mp::Array(vec![
            Mp::from(0),
            Mp::from(*msgid),
            Mp::from(method.as_str()),
            Mp::Array(params.clone()),
        ]),
        Message::Response {
            msgid,
            error,
            result,
        } => Mp::Array(vec![
            Mp::from(1),
            Mp::from(*msgid),
            error.clone(),
            result.clone(),
        ]),
        Message::Notification { method, params } => Mp::Array(vec![
            Mp::from(2),
            Mp::from(method.as_str()),
            Mp::Array(params.clone()),
        ]),
    };
    // Writing into a Vec cannot fail.
    let _ = rmpv::encode::write_value(buf, &v);
}

/// Decode one message from the front of `buf`: `Ok(None)` when more bytes are
/// needed, else the message and how many bytes it used.
pub fn decode(buf: &[u8]) -> Result<Option<(Message, usize)>, MsgpackRpcError> {
    if buf.is_empty() {
        return Ok(None);
    }
    let mut cur = Cursor::new(buf);
    let value = match rmpv::decode::read_value_with_max_depth(&mut cur, MAX_DEPTH) {
        Ok(v) => v,
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(MsgpackRpcError::Invalid(e.to_string())),
    };
    let used = cur.position() as usize;
    Ok(Some((message_of(value)?, used)))
}

/// [`decode`], after refusing from their headers alone values whose declared length
/// or item count cannot fit in `max` bytes (a string claiming 4 GB is refused at once,
/// not waited for and not allocated). The header walk also tells when the first
/// message is whole, so a message arriving in many reads is decoded once, when its
/// last byte is in, not again (allocating every value) on each read before.
pub fn decode_limited(buf: &[u8], max: usize) -> Result<Option<(Message, usize)>, MsgpackRpcError> {
    match check_declared(buf, max)? {
        Some(_) => decode(buf),
        None => Ok(None),
    }
}

/// Walk the headers of the first value in `buf` as far as the bytes go; every
/// element takes at least one byte, so a count or length over `max` cannot fit.
/// Returns the length of the first value once `buf` holds all of it, `None` while
/// bytes are missing. A reserved byte (0xc1) counts as whole: [`decode`] reports it.
pub fn check_declared(buf: &[u8], max: usize) -> Result<Option<usize>, MsgpackRpcError> {
    let big = |stated: u64| MsgpackRpcError::TooLarge { stated, max };
    let mut pos = 0usize;
    let mut pending: u64 = 1;
    // Items left in each open array or map, innermost last: nesting deeper than
    // MAX_DEPTH is refused here too, before the message is whole (rmpv counts two
    // levels per container, so [`decode`] is stricter; this never refuses more).
    let mut open: Vec<u64> = Vec::new();
    while pending > 0 {
        let Some(&m) = buf.get(pos) else {
            return Ok(None); // need more bytes
        };
        pos += 1;
        pending -= 1;
        if let Some(left) = open.last_mut() {
            *left -= 1;
        }
        // A big-endian length of `n` bytes at `pos`, or None while it is incomplete.
        let len_at = |pos: usize, n: usize| {
            buf.get(pos..pos + n)
                .map(|b| b.iter().fold(0u64, |a, &x| (a << 8) | u64::from(x)))
        };
        let (header, skip, items) = match m {
            0x00..=0x7f | 0xc0 | 0xc2 | 0xc3 | 0xe0..=0xff => (0, 0, 0),
            0x80..=0x8f => (0, 0, 2 * u64::from(m & 0x0f)),
            0x90..=0x9f => (0, 0, u64::from(m & 0x0f)),
            0xa0..=0xbf => (0, u64::from(m & 0x1f), 0),
            0xc4 | 0xd9 => (1, 0, 0),
            0xc5 | 0xda => (2, 0, 0),
            0xc6 | 0xdb => (4, 0, 0),
            0xc7 => (1, 1, 0),
            0xc8 => (2, 1, 0),
            0xc9 => (4, 1, 0),
            0xca | 0xce | 0xd2 => (0, 4, 0),
            0xcb | 0xcf | 0xd3 => (0, 8, 0),
            0xcc | 0xd0 => (0, 1, 0),
            0xcd | 0xd1 => (0, 2, 0),
            0xd4 => (0, 2, 0),
            0xd5 => (0, 3, 0),
            0xd6 => (0, 5, 0),
            0xd7 => (0, 9, 0),
            0xd8 => (0, 17, 0),
            0xdc => (2, 0, 1),
            0xdd => (4, 0, 1),
            0xde => (2, 0, 2),
            0xdf => (4, 0, 2),
            0xc1 => return Ok(Some(pos)), // never used: the decoder reports it
        };
        let (mut skip, mut items) = (skip, items);
        if header > 0 {
            let Some(n) = len_at(pos, header) else {
                return Ok(None);
            };
            pos += header;
            if items > 0 {
                items *= n; // arrays: n items; maps: 2n
            } else {
                skip += n; // strings, binaries, extensions: n bytes (+ a type byte)
            }
        }
        if skip > max as u64 || items > max as u64 {
            return Err(big(skip.max(items)));
        }
        pos = pos.saturating_add(skip as usize);
        pending += items;
        if items > 0 {
            open.push(items);
            if open.len() > MAX_DEPTH {
                return Err(MsgpackRpcError::Invalid(format!(
                    "nested deeper than {MAX_DEPTH} levels"
                )));
            }
        }
        while open.last() == Some(&0) {
            open.pop();
        }
        if pending > max as u64 {
            return Err(big(pending));
        }
        if pos > buf.len() {
            return Ok(None);
        }
    }
    Ok(Some(pos))
}

/// Interpret a decoded value as a message.
pub fn message_of(value: Mp) -> Result<Message, MsgpackRpcError> {
    let shown = || truncate(&to_json(&value).to_string());
    let Mp::Array(items) = &value else {
        return Err(MsgpackRpcError::NotRpc(format!(
            "expected an array, got {}",
            shown()
        )));
    };
    let bad = |why: &str| MsgpackRpcError::NotRpc(format!("{why}: {}", shown()));
    let msgid = |v: &Mp| {
        v.as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| bad("msgid must be a 32-bit unsigned integer"))
    };
    let method = |v: &Mp| {
        v.as_str()
            .map(str::to_string)
            .ok_or_else(|| bad("method must be a string"))
    };
    let params = |v: &Mp| match v {
        Mp::Array(a) => Ok(a.clone()),
        _ => Err(bad("params must be an array")),
    };
    match (items.first().and_then(Mp::as_u64), items.len()) {
        (Some(0), 4) => Ok(Message::Request {
            msgid: msgid(&items[1])?,
            method: method(&items[2])?,
            params: params(&items[3])?,
        }),
        (Some(1), 4) => Ok(Message::Response {
            msgid: msgid(&items[1])?,
            error: items[2].clone(),
            result: items[3].clone(),
        }),
        (Some(2), 3) => Ok(Message::Notification {
            method: method(&items[1])?,
            params: params(&items[2])?,
        }),
        _ => Err(bad(
            "expected [0, msgid, method, params], [1, msgid, error, result] or [2, method, params]",
        )),
    }
}

fn truncate(s: &str) -> String {
    if s.len() <= 120 {
        return s.to_string();
    }
    let mut cut = 120;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}…", &s[..cut])
}

/// A message as the JSON array it is on the wire (for traces and logs).
pub fn message_json(msg: &Message) -> Json {
    let list = |ps: &[Mp]| Json::Array(ps.iter().map(to_json).collect());
    match msg {
        Message::Request {
            msgid,
            method,
            params,
        } => Json::Array(vec![
            0.into(),
            (*msgid).into(),
            method.as_str().into(),
            list(params),
        ]),
        Message::Response {
            msgid,
            error,
            result,
        } => Json::Array(vec![
            1.into(),
            (*msgid).into(),
            to_json(error),
            to_json(result),
        ]),
        Message::Notification { method, params } => {
            Json::Array(vec![2.into(), method.as_str().into(), list(params)])
        }
    }
}

/// The error of a response as a fault code and message. Conventions differ:
/// nvim sends `[type, "message"]`, others a string or `{"code":..,"message":..}`.
pub fn fault_of(error: &Mp) -> (i64, String) {
    match error {
        Mp::Array(a) if a.len() == 2 && a[0].as_i64().is_some() => {
            let code = a[0].as_i64().unwrap_or(0);
            let msg = a[1]
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| to_json(&a[1]).to_string());
            (code, msg)
        }
        Mp::String(s) => (
            0,
            s.as_str()
                .map(str::to_string)
                .unwrap_or_else(|| to_json(error).to_string()),
        ),
        Mp::Map(_) => {
            let j = to_json(error);
            let code = j.get("code").and_then(Json::as_i64).unwrap_or(0);
            let msg = j
                .get("message")
                .and_then(Json::as_str)
                .map(str::to_string)
                .unwrap_or_else(|| j.to_string());
            (code, msg)
        }
        other => (0, to_json(other).to_string()),
    }
}

/// MessagePack → JSON (rules in the module docs).
pub fn to_json(v: &Mp) -> Json {
    let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
    match v {
        Mp::Nil => Json::Null,
        Mp::Boolean(b) => Json::Bool(*b),
        Mp::Integer(i) => match (i.as_i64(), i.as_u64()) {
            (Some(n), _) => Json::from(n),
            (None, Some(n)) => Json::from(n),
            _ => Json::Null,
        },
        Mp::F32(f) => Number::from_f64(*f as f64)
            .map(Json::Number)
            .unwrap_or_else(|| Json::String(f.to_string())),
        Mp::F64(f) => Number::from_f64(*f)
            .map(Json::Number)
            .unwrap_or_else(|| Json::String(f.to_string())),
        Mp::String(s) => Json::String(match s.as_str() {
            Some(t) => t.to_string(),
            None => String::from_utf8_lossy(s.as_bytes()).into_owned(),
        }),
        Mp::Binary(b) => single("$base64", Json::String(b64(b))),
        Mp::Array(a) => Json::Array(a.iter().map(to_json).collect()),
        Mp::Map(m) => Json::Object(
            m.iter()
                .map(|(k, v)| {
                    let key = match k.as_str() {
                        Some(s) => s.to_string(),
                        None => to_json(k).to_string(),
                    };
                    (key, to_json(v))
                })
                .collect(),
        ),
        Mp::Ext(t, data) => {
            let mut m = Map::new();
            m.insert("$ext".into(), Json::from(*t));
            m.insert("$base64".into(), Json::String(b64(data)));
            Json::Object(m)
        }
    }
}

fn single(k: &str, v: Json) -> Json {
    let mut m = Map::new();
    m.insert(k.to_string(), v);
    Json::Object(m)
}

/// JSON → MessagePack (rules in the module docs). A bad `$base64` stays a map; an
/// `$ext` type outside -128..=127 is an error (it used to wrap: 300 became 44).
pub fn from_json(j: &Json) -> Result<Mp, MsgpackRpcError> {
    Ok(match j {
        Json::Null => Mp::Nil,
        Json::Bool(b) => Mp::Boolean(*b),
        Json::Number(n) => {
            if let Some(i) = n.as_i64() {
                Mp::from(i)
            } else if let Some(u) = n.as_u64() {
                Mp::from(u)
            } else {
                Mp::F64(n.as_f64().unwrap_or(f64::NAN))
            }
        }
        Json::String(s) => Mp::from(s.as_str()),
        Json::Array(a) => Mp::Array(a.iter().map(from_json).collect::<Result<_, _>>()?),
        Json::Object(m) => {
            if let Some(bytes) = tagged_bytes(m) {
                return Ok(match m.get("$ext") {
                    Some(t) => {
                        let ty = t.as_i64().and_then(|t| i8::try_from(t).ok());
                        let ty =
                            ty.ok_or_else(|| MsgpackRpcError::ExtType { stated: t.clone() })?;
                        Mp::Ext(ty, bytes)
                    }
                    None => Mp::Binary(bytes),
                });
            }
            Mp::Map(
                m.iter()
                    .map(|(k, v)| Ok((Mp::from(k.as_str()), from_json(v)?)))
                    .collect::<Result<_, MsgpackRpcError>>()?,
            )
        }
    })
}

fn tagged_bytes(m: &Map<String, Json>) -> Option<Vec<u8>> {
    // `$ext` of any kind makes it an extension (a type that is not an i8 is refused).
    let ext_ok = m.len() == 1 || (m.len() == 2 && m.contains_key("$ext"));
    if !ext_ok {
        return None;
    }
    let text = m.get("$base64")?.as_str()?;
    base64::engine::general_purpose::STANDARD.decode(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn request_bytes_match_the_spec() {
        let mut buf = Vec::new();
        let req = Message::Request {
            msgid: 1,
            method: "double".into(),
            params: vec![Mp::from(7)],
        };
        encode(&req, &mut buf);
        assert_eq!(
            buf,
            [0x94, 0x00, 0x01, 0xa6, b'd', b'o', b'u', b'b', b'l', b'e', 0x91, 0x07]
        );
        assert_eq!(decode(&buf).unwrap(), Some((req, buf.len())));
    }

    #[test]
    fn partial_input_needs_more_bytes() {
        let mut buf = Vec::new();
        encode(
            &Message::Notification {
                method: "n".into(),
                params: vec![],
            },
            &mut buf,
        );
        for cut in 0..buf.len() {
            assert_eq!(decode(&buf[..cut]).unwrap(), None, "cut at {cut}");
        }
        // two messages back to back: the first is taken, the rest left
        let one = buf.len();
        buf.extend_from_slice(&buf.clone());
        let (_, used) = decode(&buf).unwrap().unwrap();
        assert_eq!(used, one);
    }

    #[test]
    fn response_from_bytes() {
        // [1, 5, nil, 14]
        let bytes = [0x94, 0x01, 0x05, 0xc0, 0x0e];
        let (m, _) = decode(&bytes).unwrap().unwrap();
        assert_eq!(
            m,
            Message::Response {
                msgid: 5,
                error: Mp::Nil,
                result: Mp::from(14)
            }
        );
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(decode(&[0xc1]).is_err()); // reserved marker
        assert!(matches!(
            decode(&[0x93, 0x07, 0x01, 0x02]),
            Err(MsgpackRpcError::NotRpc(_))
        ));
        assert!(matches!(
            decode(b"\xa3abc"),
            Err(MsgpackRpcError::NotRpc(_))
        ));
        // a huge declared array with no data: need more, without allocating it
        assert_eq!(decode(&[0xdd, 0xff, 0xff, 0xff, 0xff]).unwrap(), None);
        // The same claims are refused from their headers with a limit.
        for claim in [
            &[0xdd, 0xff, 0xff, 0xff, 0xff][..],
            &[0x94, 0x00, 0x01, 0xdb, 0xff, 0xff, 0xff, 0xff][..],
            &[0xc6, 0x00, 0x10, 0x00, 0x01][..],
        ] {
            assert!(matches!(
                decode_limited(claim, 1 << 20),
                Err(MsgpackRpcError::TooLarge { .. })
            ));
        }
        // A real request within the limit still decodes, whole or cut anywhere.
        let mut req = Vec::new();
        encode(
            &Message::Request {
                msgid: 1,
                method: "double".into(),
                params: vec![Mp::from(7)],
            },
            &mut req,
        );
        for cut in 0..req.len() {
            assert_eq!(decode_limited(&req[..cut], 64).unwrap(), None);
        }
        assert!(decode_limited(&req, 64).unwrap().is_some());
        // nesting deeper than MAX_DEPTH, refused before the message is whole too
        let deep = vec![0x91u8; 200];
        assert!(decode(&deep).is_err());
        assert!(matches!(
            decode_limited(&deep, 1 << 20),
            Err(MsgpackRpcError::Invalid(_))
        ));
        // deep but within what the decoder takes: [0, 1, "m", [[[...[7]...]]]] (the
        // walk is the more lenient of the two, so it never refuses what decodes)
        let mut ok = vec![0x94, 0x00, 0x01, 0xa1, b'm'];
        ok.extend(std::iter::repeat_n(0x91, MAX_DEPTH / 2 - 4));
        ok.push(0x07);
        assert!(check_declared(&ok, 1 << 20).unwrap().is_some());
        assert!(decode_limited(&ok, 1 << 20).unwrap().is_some());
    }

    #[test]
    fn faults_in_each_convention() {
        let nvim = Mp::Array(vec![
            Mp::from(0),
            Mp::from("Vim:E121: Undefined variable: x"),
        ]);
        assert_eq!(
            fault_of(&nvim),
            (0, "Vim:E121: Undefined variable: x".into())
        );
        assert_eq!(fault_of(&Mp::from("boom")), (0, "boom".into()));
        let map = from_json(&json!({"code": -32601, "message": "no such method"})).unwrap();
        assert_eq!(fault_of(&map), (-32601, "no such method".into()));
    }

    #[test]
    fn json_mapping_round_trips() {
        let j = json!([null, true, -3, 18446744073709551615u64, 2.5, "s", {"$base64": "AAE="}, {"k": [1]}, {"$ext": 3, "$base64": "AQ=="}]);
        assert_eq!(to_json(&from_json(&j).unwrap()), j);
        assert_eq!(
            from_json(&json!({"$base64": "AAE="})).unwrap(),
            Mp::Binary(vec![0, 1])
        );
        let m = Mp::Map(vec![(Mp::from(1), Mp::from("one"))]);
        assert_eq!(to_json(&m), json!({"1": "one"}));
    }

    #[test]
    fn ext_types_outside_i8_are_refused_not_wrapped() {
        for (t, ty) in [(json!(-128), -128i8), (json!(127), 127)] {
            let v = from_json(&json!({"$ext": t, "$base64": "AQ=="})).unwrap();
            assert_eq!(v, Mp::Ext(ty, vec![1]));
        }
        for t in [json!(300), json!(128), json!(-129), json!(1.5), json!("3")] {
            let j = json!([1, {"k": {"$ext": t, "$base64": "AQ=="}}]);
            let e = from_json(&j).unwrap_err();
            assert!(matches!(e, MsgpackRpcError::ExtType { .. }), "{t}: {e}");
            assert!(e.to_string().contains("-128 to 127"), "{e}");
        }
    }

    #[test]
    fn the_header_walk_knows_when_a_message_is_whole() {
        let mut buf = Vec::new();
        let params = vec![
            Mp::from("x".repeat(300)),
            Mp::Binary(vec![7; 70_000]),
            Mp::Ext(5, vec![1, 2, 3]),
            Mp::F64(1.5),
            Mp::Map(vec![(Mp::from(1), Mp::Nil)]),
        ];
        encode(
            &Message::Request {
                msgid: 9,
                method: "m".into(),
                params,
            },
            &mut buf,
        );
        let whole = buf.len();
        for cut in 0..whole {
            assert_eq!(
                check_declared(&buf[..cut], 1 << 20).unwrap(),
                None,
                "cut at {cut}"
            );
        }
        buf.extend_from_slice(&[0x91, 0x01]); // the start of the next message
        assert_eq!(check_declared(&buf, 1 << 20).unwrap(), Some(whole));
        let (_, used) = decode_limited(&buf, 1 << 20).unwrap().unwrap();
        assert_eq!(used, whole);
    }
}
