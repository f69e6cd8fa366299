//! Just enough HTTP/1.1 (RFC 9112) for RPC over POST, on both sides: reading a
//! request or response head and its body (Content-Length, chunked, or — for a
//! response — until the peer closes), with limits on head and body size, and
//! writing both. Keep-alive follows the version and the `Connection` header.
//!
//! Why not ureq: `--trace` must show the bytes really sent and received, the
//! server needs this parser anyway, one keep-alive connection must be reused
//! across `--repeat` calls with netkit's own deadlines, and the build carries no
//! TLS either way. This module does not do TLS, redirects or proxies; a client
//! skips interim 1xx responses, a server answers `Expect: 100-continue`.

use std::io;
use std::ops::Range;
use std::time::Instant;

use thiserror::Error;

use crate::net::conn::Conn;
use crate::signal::Stop;

/// Bound on a request or status line plus headers.
pub const MAX_HEAD: usize = 16 * 1024;

/// What went wrong reading an HTTP message.
#[derive(Debug, Error)]
pub enum HttpError {
    #[error("{0}")]
    Io(#[from] io::Error),
    #[error("malformed HTTP: {0}")]
    Malformed(String),
    #[error("HTTP {what} larger than {limit} bytes")]
    TooLarge { what: &'static str, limit: usize },
    #[error("connection closed in the middle of an HTTP message")]
    Truncated,
}

/// A request or response: its first line, headers, body, and the raw head (for traces).
#[derive(Debug, Clone)]
pub struct Message {
    pub start: String,
    /// Header names and values, as byte ranges of `head`.
    headers: Vec<(Range<usize>, Range<usize>)>,
    pub body: Vec<u8>,
    /// The head as received (checked to be UTF-8).
    head: String,
}

impl Message {
    /// A header's value (names compare case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| self.head[k.clone()].eq_ignore_ascii_case(name))
            .map(|(_, v)| &self.head[v.clone()])
    }

    /// The head (first line and headers) as received, for traces.
    pub fn raw_head(&self) -> &[u8] {
        self.head.as_bytes()
    }

    /// The three parts of the first line (`POST / HTTP/1.1`, `HTTP/1.1 200 OK`).
    pub fn parts(&self) -> (&str, &str, &str) {
        let mut it = self.start.splitn(3, ' ');
        (
            it.next().unwrap_or(""),
            it.next().unwrap_or(""),
            it.next().unwrap_or(""),
        )
    }

    /// The status code of a response (0 when it has none).
    pub fn status(&self) -> u16 {
        self.parts().1.parse().unwrap_or(0)
    }

    /// Does the sender keep the connection open after this message?
    pub fn keep_alive(&self) -> bool {
        let version = if self.start.starts_with("HTTP/") {
            self.parts().0
        } else {
            self.parts().2
        };
        let conn = self.header("connection").unwrap_or("").to_ascii_lowercase();
        if version == "HTTP/1.0" {
            conn.contains("keep-alive")
        } else {
            !conn.contains("close")
        }
    }
}

/// Which side's message is being read (a response may run until EOF).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Request,
    Response,
}

/// What [`parse`] found at the front of a buffer.
#[derive(Debug)]
pub enum Parsed {
    /// A whole message, and how many bytes of the buffer it (and any blank
    /// lines before it) used.
    Message(Message, usize),
    /// Not all there yet. `wants_continue`: the head of a request is complete,
    /// asks for `100 Continue`, and its body (within the limit) has not started.
    Partial { wants_continue: bool },
}

/// Parse one message from the front of `buf` (pure: bytes in, message out).
/// `eof`: the peer has closed, so a response without a length ends here.
/// Body limit `max_body`, head limit [`MAX_HEAD`]; a `Content-Length` over the
/// limit is refused from the head alone. Interim (1xx) responses come back as
/// messages of their own.
pub fn parse(buf: &[u8], kind: Kind, max_body: usize, eof: bool) -> Result<Parsed, HttpError> {
    // RFC 9112 §2.2: empty lines before a request line are ignored.
    let blank = buf
        .iter()
        .take_while(|&&b| b == b'\r' || b == b'\n')
        .count();
    let rest = &buf[blank..];
    let Some(head_len) = head_end(rest) else {
        if rest.len() > MAX_HEAD {
            return Err(HttpError::TooLarge {
                what: "head",
                limit: MAX_HEAD,
            });
        }
        return Ok(Parsed::Partial {
            wants_continue: false,
        });
    };
    if head_len > MAX_HEAD {
        return Err(HttpError::TooLarge {
            what: "head",
            limit: MAX_HEAD,
        });
    }
    let mut msg = parse_head(&rest[..head_len])?;
    let start = blank + head_len;
    let body = &buf[start..];
    let partial = |msg: &Message| Parsed::Partial {
        wants_continue: kind == Kind::Request
            && body.is_empty()
            && msg
                .header("expect")
                .is_some_and(|e| e.eq_ignore_ascii_case("100-continue")),
    };
    match framing(&msg, kind, max_body)? {
        BodyFraming::Empty => Ok(Parsed::Message(msg, start)),
        BodyFraming::Length(len) => {
            if body.len() < len {
                return Ok(partial(&msg));
            }
            msg.body = body[..len].to_vec();
            Ok(Parsed::Message(msg, start + len))
        }
        BodyFraming::Chunked => match dechunk(body, max_body)? {
            Some((data, used)) => {
                msg.body = data;
                Ok(Parsed::Message(msg, start + used))
            }
            None => Ok(partial(&msg)),
        },
        BodyFraming::UntilClose => {
            if body.len() > max_body {
                return Err(HttpError::TooLarge {
                    what: "body",
                    limit: max_body,
                });
            }
            if !eof {
                return Ok(partial(&msg));
            }
            msg.body = body.to_vec();
            Ok(Parsed::Message(msg, buf.len()))
        }
    }
}

/// Does `buf` hold nothing but the blank lines allowed between requests?
pub fn only_blank(buf: &[u8]) -> bool {
    buf.iter().all(|&b| b == b'\r' || b == b'\n')
}

/// Read one message through a blocking connection (the client's side).
/// `Ok(None)`: the peer closed before sending a byte (an idle keep-alive
/// connection ending). Interim (1xx) responses are skipped; a request that asks
/// for `100 Continue` gets it.
pub fn read_message(
    conn: &mut Conn,
    kind: Kind,
    max_body: usize,
    until: Instant,
    stop: &Stop,
) -> Result<Option<Message>, HttpError> {
    let mut eof = false;
    let mut continued = false;
    loop {
        match parse(conn.buffered(), kind, max_body, eof)? {
            Parsed::Message(msg, used) => {
                conn.consume(used);
                if kind == Kind::Response && (100..200).contains(&msg.status()) {
                    continue;
                }
                return Ok(Some(msg));
            }
            Parsed::Partial { wants_continue } => {
                if eof {
                    return if only_blank(conn.buffered()) {
                        Ok(None)
                    } else {
                        Err(HttpError::Truncated)
                    };
                }
                if wants_continue && !continued {
                    conn.write_all(CONTINUE)?;
                    continued = true;
                }
                eof = conn.fill(until, stop)? == 0;
            }
        }
    }
}

/// The interim response a client that sent `Expect: 100-continue` waits for
/// (curl does for bodies over 1 KiB).
pub const CONTINUE: &[u8] = b"HTTP/1.1 100 Continue\r\n\r\n";

/// End of the head (after the blank line).
fn head_end(buf: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(j) = buf[i..].iter().position(|&b| b == b'\n') {
        i += j;
        if buf.get(i + 1) == Some(&b'\n') {
            return Some(i + 2);
        }
        if buf.get(i + 1) == Some(&b'\r') && buf.get(i + 2) == Some(&b'\n') {
            return Some(i + 3);
        }
        i += 1;
    }
    None
}

fn parse_head(raw: &[u8]) -> Result<Message, HttpError> {
    let text =
        std::str::from_utf8(raw).map_err(|_| HttpError::Malformed("head is not text".into()))?;
    let first = text.find('\n').unwrap_or(text.len());
    let start = text[..first].trim_end_matches('\r');
    let looks_http = start.starts_with("HTTP/1.")
        || start.ends_with(" HTTP/1.1")
        || start.ends_with(" HTTP/1.0");
    if !looks_http || start.split(' ').count() < 2 {
        return Err(HttpError::Malformed(format!(
            "bad first line {:?}",
            crate::output::escape(start.as_bytes())
        )));
    }
    let mut headers = Vec::with_capacity(8);
    let mut at = (first + 1).min(text.len());
    for line in text[at..].split('\n') {
        let here = at;
        at += line.len() + 1;
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            continue;
        }
        let colon = line
            .find(':')
            .ok_or_else(|| HttpError::Malformed(format!("bad header line {line:?}")))?;
        let trimmed = |from: usize, to: usize| {
            let part = &line[from..to];
            let lead = part.len() - part.trim_start().len();
            here + from + lead..here + from + lead + part.trim().len()
        };
        headers.push((trimmed(0, colon), trimmed(colon + 1, line.len())));
    }
    Ok(Message {
        start: start.to_string(),
        headers,
        body: Vec::new(),
        head: text.to_string(),
    })
}

/// How a message's body is delimited (RFC 9112 §6.3).
enum BodyFraming {
    Empty,
    Length(usize),
    Chunked,
    /// A response without a length: until the server closes.
    UntilClose,
}

fn framing(msg: &Message, kind: Kind, max: usize) -> Result<BodyFraming, HttpError> {
    let status = msg.status();
    if kind == Kind::Response && ((100..200).contains(&status) || status == 204 || status == 304) {
        return Ok(BodyFraming::Empty);
    }
    if msg
        .header("transfer-encoding")
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"))
    {
        return Ok(BodyFraming::Chunked);
    }
    if let Some(len) = msg.header("content-length") {
        let len: usize = len
            .parse()
            .map_err(|_| HttpError::Malformed(format!("bad Content-Length {len:?}")))?;
        if len > max {
            return Err(HttpError::TooLarge {
                what: "body",
                limit: max,
            });
        }
        return Ok(BodyFraming::Length(len));
    }
    Ok(match kind {
        Kind::Request => BodyFraming::Empty,
        Kind::Response => BodyFraming::UntilClose,
    })
}

/// One line of a chunked body (without its CRLF), and where the next starts.
fn chunk_line(buf: &[u8], at: usize) -> Result<Option<(&[u8], usize)>, HttpError> {
    match buf[at..].iter().position(|&b| b == b'\n') {
        Some(i) => {
            let line = &buf[at..at + i];
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            Ok(Some((line, at + i + 1)))
        }
        None if buf.len() - at > MAX_HEAD => Err(HttpError::TooLarge {
            what: "chunk line",
            limit: MAX_HEAD,
        }),
        None => Ok(None),
    }
}

/// Decode a whole chunked body from the front of `buf`: the data and the bytes
/// used, or `None` while it is incomplete.
fn dechunk(buf: &[u8], max: usize) -> Result<Option<(Vec<u8>, usize)>, HttpError> {
    let mut body = Vec::new();
    let mut at = 0;
    loop {
        let Some((line, next)) = chunk_line(buf, at)? else {
            return Ok(None);
        };
        let text = String::from_utf8_lossy(line);
        let size_text = text.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|_| HttpError::Malformed(format!("bad chunk size {:?}", text.trim())))?;
        at = next;
        if size == 0 {
            // Trailers, then the blank line.
            loop {
                let Some((line, next)) = chunk_line(buf, at)? else {
                    return Ok(None);
                };
                at = next;
                if line.is_empty() {
                    return Ok(Some((body, at)));
                }
            }
        }
        // A size near usize::MAX must not wrap around: compare by subtraction.
        if size > max.saturating_sub(body.len()) {
            return Err(HttpError::TooLarge {
                what: "body",
                limit: max,
            });
        }
        if buf.len() - at < size {
            return Ok(None);
        }
        body.extend_from_slice(&buf[at..at + size]);
        at += size;
        let Some((_, next)) = chunk_line(buf, at)? else {
            return Ok(None);
        };
        at = next;
    }
}

/// Write a POST request with `body`.
pub fn request_bytes(host: &str, path: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: netkit/{}\r\nContent-Type: {content_type}\r\nAccept: {content_type}\r\nContent-Length: {}\r\n\r\n",
        env!("CARGO_PKG_VERSION"),
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

/// Write a response with `body` (`keep_alive` false adds `Connection: close`).
pub fn response_bytes(
    status: u16,
    reason: &str,
    content_type: &str,
    body: &[u8],
    keep_alive: bool,
) -> Vec<u8> {
    let conn = if keep_alive {
        ""
    } else {
        "Connection: close\r\n"
    };
    let mut out = format!(
        "HTTP/1.1 {status} {reason}\r\nServer: netkit/{}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n{conn}\r\n",
        env!("CARGO_PKG_VERSION"),
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::net::{TcpListener, TcpStream};
    use std::time::Duration;

    fn pair(bytes: &'static [u8]) -> Conn {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut c = TcpStream::connect(l.local_addr().unwrap()).unwrap();
        let (s, _) = l.accept().unwrap();
        c.write_all(bytes).unwrap();
        drop(c);
        Conn::tcp(s).unwrap()
    }

    fn read(conn: &mut Conn, kind: Kind) -> Result<Option<Message>, HttpError> {
        read_message(
            conn,
            kind,
            1024,
            Instant::now() + Duration::from_secs(5),
            &Stop::new(),
        )
    }

    #[test]
    fn request_then_eof() {
        let mut c = pair(b"\r\nPOST /RPC2 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcPOST / HTTP/1.0\r\n\r\n\r\n");
        let m = read(&mut c, Kind::Request).unwrap().unwrap();
        assert_eq!(m.parts(), ("POST", "/RPC2", "HTTP/1.1"));
        assert_eq!(m.body, b"abc");
        assert!(m.keep_alive());
        let m = read(&mut c, Kind::Request).unwrap().unwrap();
        assert!(!m.keep_alive() && m.body.is_empty());
        assert!(read(&mut c, Kind::Request).unwrap().is_none());
    }

    #[test]
    fn chunked_and_until_close_responses() {
        let mut c = pair(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\nHTTP/1.0 500 Oops\r\n\r\nrest");
        let m = read(&mut c, Kind::Response).unwrap().unwrap();
        assert_eq!((m.status(), m.body.as_slice()), (200, &b"abcde"[..]));
        let m = read(&mut c, Kind::Response).unwrap().unwrap();
        assert_eq!((m.status(), m.body.as_slice()), (500, &b"rest"[..]));
    }

    fn parsed(buf: &[u8], kind: Kind, eof: bool) -> Parsed {
        parse(buf, kind, 1024, eof).unwrap()
    }

    #[test]
    fn parse_is_pure_and_incremental() {
        let two = b"POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcPOST /RPC2 HTTP/1.1\r\nContent-Length: 2\r\n\r\nxy";
        let Parsed::Message(m, used) = parsed(two, Kind::Request, false) else {
            panic!("first request")
        };
        assert_eq!(
            (m.parts().1, m.body.as_slice(), used),
            ("/", &b"abc"[..], 41)
        );
        let Parsed::Message(m, rest) = parsed(&two[used..], Kind::Request, false) else {
            panic!("second request")
        };
        assert_eq!((m.parts().1, m.body.as_slice()), ("/RPC2", &b"xy"[..]));
        assert_eq!(used + rest, two.len());
        // Every prefix is partial, never an error or a message.
        for cut in 0..used {
            assert!(matches!(
                parsed(&two[..cut], Kind::Request, false),
                Parsed::Partial { .. }
            ));
        }
        assert_eq!(m.header("CONTENT-length"), Some("2"));
        assert_eq!(
            m.raw_head(),
            b"POST /RPC2 HTTP/1.1\r\nContent-Length: 2\r\n\r\n"
        );
    }

    #[test]
    fn parse_continue_chunked_and_interim() {
        let head = b"POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n";
        assert!(matches!(
            parsed(head, Kind::Request, false),
            Parsed::Partial {
                wants_continue: true
            }
        ));
        let mut started = head.to_vec();
        started.extend_from_slice(b"ab");
        assert!(matches!(
            parsed(&started, Kind::Request, false),
            Parsed::Partial {
                wants_continue: false
            }
        ));
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
        assert!(matches!(
            parsed(&chunked[..chunked.len() - 2], Kind::Response, false),
            Parsed::Partial { .. }
        ));
        let Parsed::Message(m, used) = parsed(chunked, Kind::Response, false) else {
            panic!("chunked")
        };
        assert_eq!((m.body.as_slice(), used), (&b"abc"[..], chunked.len()));
        let Parsed::Message(m, _) = parsed(b"HTTP/1.1 100 Continue\r\n\r\n", Kind::Response, false)
        else {
            panic!("interim")
        };
        assert_eq!(m.status(), 100);
        // Until close: partial while open, the rest at EOF.
        let open = b"HTTP/1.0 200 OK\r\n\r\nbody";
        assert!(matches!(
            parsed(open, Kind::Response, false),
            Parsed::Partial { .. }
        ));
        let Parsed::Message(m, _) = parsed(open, Kind::Response, true) else {
            panic!("until close")
        };
        assert_eq!(m.body, b"body");
        // A chunk size that would wrap around is refused, not a panic.
        let evil =
            b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\nffffffffffffffff\r\n";
        assert!(matches!(
            parse(evil, Kind::Request, 1024, false),
            Err(HttpError::TooLarge { what: "body", .. })
        ));
        assert!(matches!(
            parse(evil, Kind::Request, usize::MAX, false),
            Err(HttpError::TooLarge { what: "body", .. })
        ));
        let big =
            b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\nffffffffffffff\r\n";
        assert!(matches!(
            parse(big, Kind::Request, usize::MAX, false),
            Ok(Parsed::Partial { .. })
        ));
        // A 4 GB claim is refused from the head alone.
        assert!(matches!(
            parse(
                b"POST / HTTP/1.1\r\nContent-Length: 4294967296\r\n\r\n",
                Kind::Request,
                1024,
                false
            ),
            Err(HttpError::TooLarge { what: "body", .. })
        ));
    }

    #[test]
    fn limits_and_garbage() {
        let mut c = pair(b"POST / HTTP/1.1\r\nContent-Length: 5000\r\n\r\n");
        assert!(matches!(
            read(&mut c, Kind::Request),
            Err(HttpError::TooLarge { .. })
        ));
        let mut c = pair(b"\x16\x03\x01 hello tls\r\n\r\n");
        assert!(matches!(
            read(&mut c, Kind::Request),
            Err(HttpError::Malformed(_))
        ));
        let mut c = pair(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        assert!(matches!(
            read(&mut c, Kind::Response),
            Err(HttpError::Truncated)
        ));
        let mut c = pair(b"POST / HTTP/1.1\r\nbad header\r\n\r\n");
        assert!(matches!(
            read(&mut c, Kind::Request),
            Err(HttpError::Malformed(_))
        ));
    }
}
