//! RESP, the Redis serialization protocol (RESP2 and RESP3), as a pure codec:
//! [`decode`] reads one value from a `Cursor<&[u8]>` and returns `Ok(None)` when
//! the buffer holds only part of it ("need more bytes"); [`Value::encode`] and
//! [`encode_command`] append to a `Vec<u8>`. Spec: <https://redis.io/docs/latest/develop/reference/protocol-spec/>.
//!
//! Sizes are bounded by [`Limits`]: a bulk string or aggregate whose header claims
//! more than the limit is refused from the header alone, before any byte of it is
//! buffered, so a peer cannot make us allocate 4 GB by saying so. [`decode_command`]
//! also accepts Redis's inline commands (`PING\r\n`, as typed into telnet).
//! This module does no I/O and knows nothing about what the commands mean.

use std::io::Cursor;

use thiserror::Error;

/// One RESP value. RESP2 uses the first six kinds; the rest are RESP3.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `+OK`
    Simple(String),
    /// `-ERR ...` (and RESP3 blob errors `!`)
    Error(String),
    /// `:42`
    Integer(i64),
    /// `$3\r\nabc` (and RESP3 verbatim strings `=`, without their format prefix)
    Bulk(Vec<u8>),
    /// `$-1`, `*-1`, or RESP3 `_`
    Null,
    /// `*N` (and RESP3 sets `~`)
    Array(Vec<Value>),
    /// RESP3 `%N`: key/value pairs in order
    Map(Vec<(Value, Value)>),
    /// RESP3 `>N`: out-of-band data such as pub/sub messages
    Push(Vec<Value>),
    /// RESP3 `#t` / `#f`
    Boolean(bool),
    /// RESP3 `,1.5` (kept as text, as sent)
    Double(String),
    /// RESP3 `(123...` (kept as text)
    BigNumber(String),
}

impl Value {
    /// A bulk string from text.
    pub fn bulk(s: impl AsRef<[u8]>) -> Value {
        Value::Bulk(s.as_ref().to_vec())
    }

    /// The bytes of a bulk or simple string.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Value::Bulk(b) => Some(b),
            Value::Simple(s) => Some(s.as_bytes()),
            _ => None,
        }
    }

    /// The elements of an array or push.
    pub fn as_items(&self) -> Option<&[Value]> {
        match self {
            Value::Array(v) | Value::Push(v) => Some(v),
            _ => None,
        }
    }

    /// Append the wire form of this value. RESP3-only kinds are written as is;
    /// a RESP2 peer must be given only RESP2 kinds (the caller chooses).
    pub fn encode(&self, out: &mut Vec<u8>) {
        match self {
            Value::Simple(s) => line(out, b'+', s.as_bytes()),
            Value::Error(s) => line(out, b'-', s.as_bytes()),
            Value::Integer(n) => line(out, b':', n.to_string().as_bytes()),
            Value::Bulk(b) => encode_bulk(out, b),
            Value::Null => out.extend_from_slice(b"$-1\r\n"),
            Value::Array(v) => {
                line(out, b'*', v.len().to_string().as_bytes());
                v.iter().for_each(|x| x.encode(out));
            }
            Value::Push(v) => {
                line(out, b'>', v.len().to_string().as_bytes());
                v.iter().for_each(|x| x.encode(out));
            }
            Value::Map(kv) => {
                line(out, b'%', kv.len().to_string().as_bytes());
                for (k, v) in kv {
                    k.encode(out);
                    v.encode(out);
                }
            }
            Value::Boolean(b) => line(out, b'#', if *b { b"t" } else { b"f" }),
            Value::Double(s) => line(out, b',', s.as_bytes()),
            Value::BigNumber(s) => line(out, b'(', s.as_bytes()),
        }
    }

    /// The wire form as a new vector.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v = Vec::new();
        self.encode(&mut v);
        v
    }
}

fn line(out: &mut Vec<u8>, tag: u8, body: &[u8]) {
    out.push(tag);
    // Simple strings and errors cannot hold CR or LF: replace them.
    out.extend(
        body.iter()
            .map(|&b| if b == b'\r' || b == b'\n' { b' ' } else { b }),
    );
    out.extend_from_slice(b"\r\n");
}

/// Append `$len\r\nbytes\r\n`.
pub fn encode_bulk(out: &mut Vec<u8>, b: &[u8]) {
    out.push(b'$');
    out.extend_from_slice(b.len().to_string().as_bytes());
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(b);
    out.extend_from_slice(b"\r\n");
}

/// Append a command as an array of bulk strings (what clients send).
pub fn encode_command<A: AsRef<[u8]>>(out: &mut Vec<u8>, args: &[A]) {
    out.push(b'*');
    out.extend_from_slice(args.len().to_string().as_bytes());
    out.extend_from_slice(b"\r\n");
    for a in args {
        encode_bulk(out, a.as_ref());
    }
}

/// How much a peer may claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest bulk string, in bytes (Redis's `proto-max-bulk-len` is 512 MB).
    pub max_bulk: usize,
    /// Most elements in one aggregate.
    pub max_elems: usize,
    /// Deepest nesting of aggregates.
    pub max_depth: usize,
    /// Longest inline command or simple line.
    pub max_line: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_bulk: 512 * 1024 * 1024,
            max_elems: 1024 * 1024,
            max_depth: 32,
            max_line: 64 * 1024,
        }
    }
}

/// What was wrong with the bytes (the peer is broken or hostile: drop it).
#[derive(Debug, Error, PartialEq, Eq)]
pub enum RespError {
    #[error("unknown type byte {byte:#04x} ({shown:?})")]
    BadType { byte: u8, shown: char },
    #[error("invalid length {text:?}")]
    BadLength { text: String },
    #[error("bulk string of {stated} bytes is over the limit of {max}")]
    BulkTooLong { stated: u64, max: usize },
    #[error("aggregate of {stated} elements is over the limit of {max}")]
    TooManyElements { stated: u64, max: usize },
    #[error("nesting deeper than {max}")]
    TooDeep { max: usize },
    #[error("line longer than {max} bytes without CRLF")]
    LineTooLong { max: usize },
    #[error("bulk string not followed by CRLF")]
    MissingCrlf,
    #[error("invalid integer {text:?}")]
    BadInteger { text: String },
    #[error("invalid boolean {text:?}")]
    BadBoolean { text: String },
    #[error("unbalanced quotes in inline command")]
    BadInline,
    #[error("a command must be an array of bulk strings")]
    NotACommand,
}

/// Decode one value. On `Ok(None)` the cursor is back where it started; on
/// `Ok(Some(_))` it is just past the value.
pub fn decode(buf: &mut Cursor<&[u8]>, limits: &Limits) -> Result<Option<Value>, RespError> {
    let start = buf.position();
    let r = value(buf, limits, 0);
    if !matches!(r, Ok(Some(_))) {
        buf.set_position(start);
    }
    r
}

/// Decode one value from the front of `bytes`: the value and how many bytes it took.
pub fn decode_slice(bytes: &[u8], limits: &Limits) -> Result<Option<(Value, usize)>, RespError> {
    let mut c = Cursor::new(bytes);
    Ok(decode(&mut c, limits)?.map(|v| (v, c.position() as usize)))
}

/// Decode one command as a server reads it: an array of bulk strings, or an inline
/// command line (words split on spaces, with Redis's quoting). An empty inline
/// line is skipped (returns an empty argument list).
pub fn decode_command(
    buf: &mut Cursor<&[u8]>,
    limits: &Limits,
) -> Result<Option<Vec<Vec<u8>>>, RespError> {
    let start = buf.position();
    let rest = &buf.get_ref()[start as usize..];
    let Some(&first) = rest.first() else {
        return Ok(None);
    };
    if first != b'*' {
        let Some(text) = read_line(buf, limits)? else {
            buf.set_position(start);
            return Ok(None);
        };
        return split_inline(text).map(Some);
    }
    match decode(buf, limits)? {
        None => Ok(None),
        Some(Value::Array(items)) => items
            .into_iter()
            .map(|v| match v {
                Value::Bulk(b) => Ok(b),
                _ => Err(RespError::NotACommand),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        Some(Value::Null) => Ok(Some(Vec::new())),
        Some(_) => Err(RespError::NotACommand),
    }
}

/// Split an inline command like Redis's `sdssplitargs`: spaces separate words,
/// `"..."` (with `\n`, `\xHH` escapes) and `'...'` quote them.
fn split_inline(line: &[u8]) -> Result<Vec<Vec<u8>>, RespError> {
    let mut args = Vec::new();
    let mut i = 0;
    while i < line.len() {
        while i < line.len() && line[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= line.len() {
            break;
        }
        let mut word = Vec::new();
        let quote = match line[i] {
            q @ (b'"' | b'\'') => {
                i += 1;
                Some(q)
            }
            _ => None,
        };
        loop {
            let Some(&c) = line.get(i) else {
                if quote.is_some() {
                    return Err(RespError::BadInline);
                }
                break;
            };
            i += 1;
            match quote {
                None if c.is_ascii_whitespace() => break,
                None => word.push(c),
                Some(q) if c == q => {
                    if line.get(i).is_some_and(|n| !n.is_ascii_whitespace()) {
                        return Err(RespError::BadInline);
                    }
                    break;
                }
                Some(b'"') if c == b'\\' && i < line.len() => {
                    i += unescape(&line[i..], &mut word);
                }
                Some(_) => word.push(c),
            }
        }
        args.push(word);
    }
    Ok(args)
}

/// One escape after a backslash inside double quotes; returns bytes consumed.
fn unescape(s: &[u8], word: &mut Vec<u8>) -> usize {
    let hex = |c: u8| (c as char).to_digit(16);
    match s[0] {
        b'x' if s.len() >= 3 => {
            if let (Some(h), Some(l)) = (hex(s[1]), hex(s[2])) {
                word.push((h * 16 + l) as u8);
                return 3;
            }
            word.push(b'x');
            1
        }
        b'n' => (word.push(b'\n'), 1).1,
        b'r' => (word.push(b'\r'), 1).1,
        b't' => (word.push(b'\t'), 1).1,
        b'b' => (word.push(8), 1).1,
        b'a' => (word.push(7), 1).1,
        c => (word.push(c), 1).1,
    }
}

/// The bytes up to the next CRLF (cursor moved past it), or None if no CRLF yet.
fn read_line<'a>(
    buf: &mut Cursor<&'a [u8]>,
    limits: &Limits,
) -> Result<Option<&'a [u8]>, RespError> {
    let all: &'a [u8] = buf.get_ref();
    let start = buf.position() as usize;
    let rest = &all[start..];
    match rest.windows(2).position(|w| w == b"\r\n") {
        Some(i) if i > limits.max_line => Err(RespError::LineTooLong {
            max: limits.max_line,
        }),
        Some(i) => {
            buf.set_position((start + i + 2) as u64);
            Ok(Some(&rest[..i]))
        }
        None if rest.len() > limits.max_line + 1 => Err(RespError::LineTooLong {
            max: limits.max_line,
        }),
        None => Ok(None),
    }
}

fn int(text: &[u8]) -> Result<i64, RespError> {
    std::str::from_utf8(text)
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .ok_or_else(|| RespError::BadInteger {
            text: String::from_utf8_lossy(text).into_owned(),
        })
}

/// A length header: -1 is null, otherwise it must fit `max`.
fn length(text: &[u8], max: usize, bulk: bool) -> Result<Option<usize>, RespError> {
    let n = int(text).map_err(|_| RespError::BadLength {
        text: String::from_utf8_lossy(text).into_owned(),
    })?;
    if n == -1 {
        return Ok(None);
    }
    if n < 0 {
        return Err(RespError::BadLength {
            text: n.to_string(),
        });
    }
    let stated = n as u64;
    if stated > max as u64 {
        return Err(if bulk {
            RespError::BulkTooLong { stated, max }
        } else {
            RespError::TooManyElements { stated, max }
        });
    }
    Ok(Some(n as usize))
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn value(
    buf: &mut Cursor<&[u8]>,
    limits: &Limits,
    depth: usize,
) -> Result<Option<Value>, RespError> {
    if depth > limits.max_depth {
        return Err(RespError::TooDeep {
            max: limits.max_depth,
        });
    }
    let pos = buf.position() as usize;
    let Some(&tag) = buf.get_ref().get(pos) else {
        return Ok(None);
    };
    buf.set_position(pos as u64 + 1);
    let Some(head) = read_line(buf, limits)? else {
        return Ok(None);
    };
    let v = match tag {
        b'+' => Value::Simple(text(head)),
        b'-' => Value::Error(text(head)),
        b':' => Value::Integer(int(head)?),
        b'_' => Value::Null,
        b',' => Value::Double(text(head)),
        b'(' => Value::BigNumber(text(head)),
        b'#' => match head {
            b"t" => Value::Boolean(true),
            b"f" => Value::Boolean(false),
            _ => return Err(RespError::BadBoolean { text: text(head) }),
        },
        b'$' | b'!' | b'=' => {
            let Some(n) = length(head, limits.max_bulk, true)? else {
                return Ok(Some(Value::Null));
            };
            let Some(body) = bulk_body(buf, n)? else {
                return Ok(None);
            };
            match tag {
                b'!' => Value::Error(text(body)),
                // Verbatim strings start with a 3-letter format and ':' ("txt:").
                b'=' if body.len() >= 4 && body[3] == b':' => Value::Bulk(body[4..].to_vec()),
                _ => Value::Bulk(body.to_vec()),
            }
        }
        b'*' | b'~' | b'>' | b'%' | b'|' => return aggregate(tag, head, buf, limits, depth),
        other => {
            return Err(RespError::BadType {
                byte: other,
                shown: other as char,
            })
        }
    };
    Ok(Some(v))
}

/// The elements of an aggregate whose header line was `head`.
fn aggregate(
    tag: u8,
    head: &[u8],
    buf: &mut Cursor<&[u8]>,
    limits: &Limits,
    depth: usize,
) -> Result<Option<Value>, RespError> {
    let Some(n) = length(head, limits.max_elems, false)? else {
        return Ok(Some(Value::Null));
    };
    let pairs = matches!(tag, b'%' | b'|');
    let count = if pairs { n.checked_mul(2) } else { Some(n) };
    let count = count.ok_or(RespError::TooManyElements {
        stated: n as u64,
        max: limits.max_elems,
    })?;
    let mut items = Vec::with_capacity(count.min(1024));
    for _ in 0..count {
        match value(buf, limits, depth + 1)? {
            Some(v) => items.push(v),
            None => return Ok(None),
        }
    }
    Ok(Some(match tag {
        b'>' => Value::Push(items),
        b'%' => Value::Map(pair_up(items)),
        // An attribute describes the reply that follows it: skip to that reply
        // (one level deeper, so a run of attributes cannot recurse without bound).
        b'|' => return value(buf, limits, depth + 1),
        _ => Value::Array(items),
    }))
}

fn bulk_body<'a>(buf: &mut Cursor<&'a [u8]>, n: usize) -> Result<Option<&'a [u8]>, RespError> {
    let all: &'a [u8] = buf.get_ref();
    let start = buf.position() as usize;
    if all.len() - start < n + 2 {
        return Ok(None);
    }
    if &all[start + n..start + n + 2] != b"\r\n" {
        return Err(RespError::MissingCrlf);
    }
    buf.set_position((start + n + 2) as u64);
    Ok(Some(&all[start..start + n]))
}

fn pair_up(items: Vec<Value>) -> Vec<(Value, Value)> {
    let mut out = Vec::with_capacity(items.len() / 2);
    let mut it = items.into_iter();
    while let (Some(k), Some(v)) = (it.next(), it.next()) {
        out.push((k, v));
    }
    out
}

#[cfg(test)]
#[path = "resp_tests.rs"]
mod tests;
