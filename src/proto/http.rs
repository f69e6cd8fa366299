//! Just enough HTTP/1.1 (RFC 9112) for RPC over POST, on both sides, as a pure
//! codec: bytes in, `(message, bytes used)` or "need more" out. The head is
//! parsed by `httparse` (header names checked as tokens, obs-fold refused,
//! non-UTF-8 values accepted); the body framing and the limits are netkit's own:
//! `Content-Length` (exactly one, digits only), chunked (the CRLF after every
//! chunk's data checked; decoded in one pass by [`Decoder`], which remembers how
//! far it got), or — for a response — until the peer closes. A message with both
//! `Content-Length` and `Transfer-Encoding` is read as chunked and its connection
//! closed after the answer (RFC 9112 §6.1). Writing both requests and responses.
//!
//! It does not do sockets (`net::http` reads through `net::conn`), TLS,
//! redirects or proxies.

use std::ops::Range;

use thiserror::Error;

/// Bound on a request or status line plus headers.
pub const MAX_HEAD: usize = 16 * 1024;
/// Most header lines in one head.
const MAX_HEADERS: usize = 64;

/// What went wrong reading an HTTP message.
#[derive(Debug, Error)]
pub enum HttpError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
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
    /// The head as received.
    head: Vec<u8>,
    /// Framing was ambiguous (`Content-Length` with `Transfer-Encoding`): the
    /// connection must close after this message.
    must_close: bool,
}

impl Message {
    /// A header's value as text (names compare case-insensitively); a value that
    /// is not UTF-8 reads as absent here, see [`Message::header_bytes`].
    pub fn header(&self, name: &str) -> Option<&str> {
        self.header_bytes(name)
            .and_then(|v| std::str::from_utf8(v).ok())
    }

    /// A header's raw value.
    pub fn header_bytes(&self, name: &str) -> Option<&[u8]> {
        self.headers
            .iter()
            .find(|(k, _)| self.head[k.clone()].eq_ignore_ascii_case(name.as_bytes()))
            .map(|(_, v)| &self.head[v.clone()])
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a {
        self.headers
            .iter()
            .filter(move |(k, _)| self.head[k.clone()].eq_ignore_ascii_case(name.as_bytes()))
            .map(|(_, v)| &self.head[v.clone()])
    }

    /// Every header, in order, as (name, value) bytes.
    pub fn headers(&self) -> impl Iterator<Item = (&[u8], &[u8])> + '_ {
        self.headers
            .iter()
            .map(|(k, v)| (&self.head[k.clone()], &self.head[v.clone()]))
    }

    /// The head (first line and headers) as received, for traces.
    pub fn raw_head(&self) -> &[u8] {
        &self.head
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
        self.persist().is_open()
    }

    /// What this request asks of the connection, for the server's answer
    /// (RFC 9112 §9.3): HTTP/1.1 stays open unless `Connection: close`; HTTP/1.0
    /// closes unless `Connection: keep-alive`, which the response must echo.
    pub fn persist(&self) -> Persist {
        if self.must_close {
            return Persist::Close;
        }
        let version = if self.start.starts_with("HTTP/") {
            self.parts().0
        } else {
            self.parts().2
        };
        let conn = self.header("connection").unwrap_or("");
        let has = |token: &str| {
            conn.split(',')
                .any(|t| t.trim().eq_ignore_ascii_case(token))
        };
        if version == "HTTP/1.0" {
            if has("keep-alive") && !has("close") {
                Persist::KeepAlive
            } else {
                Persist::Close
            }
        } else if has("close") {
            Persist::Close
        } else {
            Persist::Open
        }
    }
}

/// Whether a connection stays open after a response, and the `Connection`
/// header the response carries to say so (RFC 9112 §9.3 and §9.6; HTTP/1.0
/// keep-alive as RFC 7230 Appendix A.1.2 describes it). One answer for every
/// netkit server (`http serve`, `rpc-serve`): an HTTP/1.0 client that asked for
/// keep-alive and is not told so waits for a close that never comes (`ab -k`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persist {
    /// HTTP/1.1's default: open, nothing to say.
    Open,
    /// HTTP/1.0 with `Connection: keep-alive`: open, and said (`Content-Length`
    /// frames the body).
    KeepAlive,
    /// Closed after the response, which says `Connection: close`.
    Close,
}

impl Persist {
    /// Does the connection stay open?
    pub fn is_open(self) -> bool {
        self != Persist::Close
    }

    /// `Close` when `close` (the server is stopping, `--count` reached), else self.
    pub fn or_close(self, close: bool) -> Persist {
        if close {
            Persist::Close
        } else {
            self
        }
    }

    /// The header line (with its CRLF) a response carries, or nothing.
    pub fn header(self) -> &'static str {
        match self {
            Persist::Open => "",
            Persist::KeepAlive => "Connection: keep-alive\r\n",
            Persist::Close => "Connection: close\r\n",
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

/// Does `buf` hold nothing but the blank lines allowed between requests?
pub fn only_blank(buf: &[u8]) -> bool {
    buf.iter().all(|&b| b == b'\r' || b == b'\n')
}

/// The interim response a client that sent `Expect: 100-continue` waits for
/// (curl does for bodies over 1 KiB).
pub const CONTINUE: &[u8] = b"HTTP/1.1 100 Continue\r\n\r\n";

/// Parse one message from the front of `buf`, starting afresh (see [`Decoder`]
/// to resume where the last call stopped). `eof`: the peer has closed, so a
/// response without a length ends here. Body limit `max_body`, head limit
/// [`MAX_HEAD`]; a `Content-Length` over the limit is refused from the head
/// alone. Interim (1xx) responses come back as messages of their own.
pub fn parse(buf: &[u8], kind: Kind, max_body: usize, eof: bool) -> Result<Parsed, HttpError> {
    Decoder::new(kind, max_body).decode(buf, eof)
}

/// Parse only a head (the answer to `HEAD`, whose `Content-Length` announces a
/// body that is not sent): the message without a body, and the bytes it used.
pub fn parse_head_only(buf: &[u8], kind: Kind) -> Result<Option<(Message, usize)>, HttpError> {
    Ok(parse_head(buf, kind)?.map(|m| {
        let used = m.head.len();
        (m, used)
    }))
}

/// How a message's body is delimited (RFC 9112 §6.3).
#[derive(Debug, Clone, Copy)]
enum BodyFraming {
    Empty,
    Length(usize),
    Chunked,
    /// A response without a length: until the server closes.
    UntilClose,
}

/// Where a chunked body's decoding got to (offsets from the body's start).
#[derive(Debug, Default)]
struct Chunks {
    /// The next unread byte: a chunk-size line, or the trailers after the last.
    at: usize,
    /// The data of the chunks so far (ranges, copied once the body is whole).
    data: Vec<Range<usize>>,
    total: usize,
    /// The last chunk (size 0) was read; trailers follow.
    last: bool,
}

/// An incremental decoder of one message at a time: fed the same growing buffer
/// (the unconsumed bytes, from the message's first byte), it resumes where it
/// stopped, so a large chunked body is scanned once — linear, not quadratic. A
/// chunked body's data is copied out only when the body is whole, so a body that
/// never ends holds nothing beyond the buffer itself.
#[derive(Debug)]
pub struct Decoder {
    kind: Kind,
    max_body: usize,
    /// The head, once complete: the message so far, where its body starts, how
    /// the body is framed.
    head: Option<(Message, usize, BodyFraming)>,
    chunks: Chunks,
}

impl Decoder {
    pub fn new(kind: Kind, max_body: usize) -> Decoder {
        Decoder {
            kind,
            max_body,
            head: None,
            chunks: Chunks::default(),
        }
    }

    /// Decode from the front of `buf`; after a [`Parsed::Message`] the decoder
    /// is ready for the next message (from the bytes after the ones used).
    pub fn decode(&mut self, buf: &[u8], eof: bool) -> Result<Parsed, HttpError> {
        if self.head.is_none() {
            // RFC 9112 §2.2: empty lines before a request line are ignored.
            let blank = buf
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
            let Some(mut msg) = parse_head(&buf[blank..], self.kind)? else {
                return Ok(Parsed::Partial {
                    wants_continue: false,
                });
            };
            let start = blank + msg.head.len();
            let (framing, close) = framing(&msg, self.kind, self.max_body)?;
            msg.must_close = close;
            self.head = Some((msg, start, framing));
        }
        let (_, start, framing) = self.head.as_ref().expect("the head was just parsed");
        let (start, framing) = (*start, *framing);
        let body = &buf[start..];
        let done = match framing {
            BodyFraming::Empty => Some((Vec::new(), 0)),
            BodyFraming::Length(len) => (body.len() >= len).then(|| (body[..len].to_vec(), len)),
            BodyFraming::Chunked => self.dechunk(body)?,
            BodyFraming::UntilClose => {
                if body.len() > self.max_body {
                    return Err(HttpError::TooLarge {
                        what: "body",
                        limit: self.max_body,
                    });
                }
                eof.then(|| (body.to_vec(), body.len()))
            }
        };
        let Some((data, used)) = done else {
            let msg = &self.head.as_ref().expect("a head").0;
            let wants_continue = self.kind == Kind::Request
                && body.is_empty()
                && msg
                    .header("expect")
                    .is_some_and(|e| e.eq_ignore_ascii_case("100-continue"));
            return Ok(Parsed::Partial { wants_continue });
        };
        let (mut msg, _, _) = self.head.take().expect("a head");
        self.chunks = Chunks::default();
        msg.body = data;
        Ok(Parsed::Message(msg, start + used))
    }

    /// Continue a chunked body: the data and the bytes used once it is whole.
    fn dechunk(&mut self, body: &[u8]) -> Result<Option<(Vec<u8>, usize)>, HttpError> {
        let c = &mut self.chunks;
        loop {
            let Some((line, next)) = chunk_line(body, c.at)? else {
                return Ok(None);
            };
            if c.last {
                // Trailers, then the blank line.
                c.at = next;
                if line.is_empty() {
                    let mut data = Vec::with_capacity(c.total);
                    for r in &c.data {
                        data.extend_from_slice(&body[r.clone()]);
                    }
                    return Ok(Some((data, c.at)));
                }
                continue;
            }
            let size = chunk_size(line)?;
            if size == 0 {
                c.last = true;
                c.at = next;
                continue;
            }
            // A size near usize::MAX must not wrap around: compare by subtraction.
            if size > self.max_body.saturating_sub(c.total) {
                return Err(HttpError::TooLarge {
                    what: "body",
                    limit: self.max_body,
                });
            }
            if body.len() - next < size.saturating_add(2) {
                return Ok(None);
            }
            let end = next + size;
            match &body[end..end + 2] {
                b"\r\n" => {}
                _ => {
                    return Err(HttpError::Malformed(
                        "chunk data not followed by CRLF".into(),
                    ))
                }
            }
            c.data.push(next..end);
            c.total += size;
            c.at = end + 2;
        }
    }
}

/// Parse a head with httparse. `Ok(None)`: not complete yet.
fn parse_head(buf: &[u8], kind: Kind) -> Result<Option<Message>, HttpError> {
    let mut storage = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let malformed = |e: httparse::Error| {
        let first = buf.split(|&b| b == b'\n').next().unwrap_or(b"");
        HttpError::Malformed(match e {
            httparse::Error::Version | httparse::Error::Token
                if !buf.starts_with(b"HTTP/") && !first.ends_with(b"HTTP/1.1\r") =>
            {
                format!(
                    "bad first line {:?}",
                    crate::output::escape(first.strip_suffix(b"\r").unwrap_or(first))
                )
            }
            httparse::Error::TooManyHeaders => format!("more than {MAX_HEADERS} header lines"),
            other => format!("{other}"),
        })
    };
    let (len, start, headers) = match kind {
        Kind::Request => {
            let mut req = httparse::Request::new(&mut storage);
            match req.parse(buf).map_err(malformed)? {
                httparse::Status::Partial => return partial(buf),
                httparse::Status::Complete(len) => {
                    let start = format!(
                        "{} {} HTTP/1.{}",
                        req.method.unwrap_or(""),
                        req.path.unwrap_or(""),
                        req.version.unwrap_or(1)
                    );
                    (len, start, ranges(buf, req.headers))
                }
            }
        }
        Kind::Response => {
            let mut resp = httparse::Response::new(&mut storage);
            match resp.parse(buf).map_err(malformed)? {
                httparse::Status::Partial => return partial(buf),
                httparse::Status::Complete(len) => {
                    let start = format!(
                        "HTTP/1.{} {} {}",
                        resp.version.unwrap_or(1),
                        resp.code.unwrap_or(0),
                        resp.reason.unwrap_or("")
                    );
                    (len, start, ranges(buf, resp.headers))
                }
            }
        }
    };
    if len > MAX_HEAD {
        return Err(HttpError::TooLarge {
            what: "head",
            limit: MAX_HEAD,
        });
    }
    Ok(Some(Message {
        start: start.trim_end().to_string(),
        headers,
        body: Vec::new(),
        head: buf[..len].to_vec(),
        must_close: false,
    }))
}

fn partial(buf: &[u8]) -> Result<Option<Message>, HttpError> {
    if buf.len() > MAX_HEAD {
        return Err(HttpError::TooLarge {
            what: "head",
            limit: MAX_HEAD,
        });
    }
    Ok(None)
}

/// Header names and values as byte ranges of `buf` (httparse borrows from it).
fn ranges(buf: &[u8], headers: &[httparse::Header<'_>]) -> Vec<(Range<usize>, Range<usize>)> {
    let base = buf.as_ptr() as usize;
    let range = |s: &[u8]| {
        let at = s.as_ptr() as usize - base;
        at..at + s.len()
    };
    headers
        .iter()
        .map(|h| (range(h.name.as_bytes()), range(h.value)))
        .collect()
}

/// How the body is framed, and whether the connection must close after it.
fn framing(msg: &Message, kind: Kind, max: usize) -> Result<(BodyFraming, bool), HttpError> {
    let status = msg.status();
    if kind == Kind::Response && ((100..200).contains(&status) || status == 204 || status == 304) {
        return Ok((BodyFraming::Empty, false));
    }
    let lengths: Vec<&[u8]> = msg.all("content-length").collect();
    let te = msg.header_bytes("transfer-encoding");
    if let Some(te) = te {
        let te = String::from_utf8_lossy(te).to_ascii_lowercase();
        let chunked_last = te.rsplit(',').next().map(str::trim) == Some("chunked");
        // RFC 9112 §6.1: Transfer-Encoding wins over Content-Length, and the
        // connection closes after this message (a proxy may have read it the
        // other way: request smuggling).
        let close = !lengths.is_empty();
        if chunked_last {
            return Ok((BodyFraming::Chunked, close));
        }
        return match kind {
            Kind::Request => Err(HttpError::Malformed(format!(
                "Transfer-Encoding {te:?} without chunked last"
            ))),
            Kind::Response => Ok((BodyFraming::UntilClose, true)),
        };
    }
    match lengths.as_slice() {
        [] => Ok(match kind {
            Kind::Request => (BodyFraming::Empty, false),
            Kind::Response => (BodyFraming::UntilClose, false),
        }),
        [one] => {
            let len = content_length(one)?;
            if len > max {
                return Err(HttpError::TooLarge {
                    what: "body",
                    limit: max,
                });
            }
            Ok((BodyFraming::Length(len), false))
        }
        _ => Err(HttpError::Malformed(
            "more than one Content-Length header".into(),
        )),
    }
}

/// `Content-Length`: 1*DIGIT (RFC 9110 §8.6) — no sign, no spaces, no list.
fn content_length(v: &[u8]) -> Result<usize, HttpError> {
    let bad = || {
        HttpError::Malformed(format!(
            "bad Content-Length {:?}",
            String::from_utf8_lossy(v)
        ))
    };
    if v.is_empty() || !v.iter().all(u8::is_ascii_digit) {
        return Err(bad());
    }
    std::str::from_utf8(v)
        .ok()
        .and_then(|s| s.parse().ok())
        .ok_or(HttpError::TooLarge {
            what: "body",
            limit: usize::MAX,
        })
}

/// A chunk-size line: hex digits, then optional extensions after `;`.
fn chunk_size(line: &[u8]) -> Result<usize, HttpError> {
    let size = line
        .split(|&b| b == b';')
        .next()
        .unwrap_or(b"")
        .trim_ascii();
    let bad = || {
        HttpError::Malformed(format!(
            "bad chunk size {:?}",
            String::from_utf8_lossy(line.trim_ascii())
        ))
    };
    if size.is_empty() || !size.iter().all(u8::is_ascii_hexdigit) {
        return Err(bad());
    }
    let text = std::str::from_utf8(size).map_err(|_| bad())?;
    // More hex digits than a usize holds: a size no limit allows.
    Ok(usize::from_str_radix(text, 16).unwrap_or(usize::MAX))
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

/// Write a response with `body`; `persist` decides the `Connection` header.
pub fn response_bytes(
    status: u16,
    reason: &str,
    content_type: &str,
    body: &[u8],
    persist: Persist,
) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status} {reason}\r\nServer: netkit/{}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n{}\r\n",
        env!("CARGO_PKG_VERSION"),
        body.len(),
        persist.header(),
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn err(buf: &[u8], kind: Kind) -> HttpError {
        parse(buf, kind, 1024, false).unwrap_err()
    }

    #[test]
    fn chunk_data_must_end_in_crlf() {
        let bad = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcXY0\r\n\r\n";
        assert!(matches!(err(bad, Kind::Response), HttpError::Malformed(m) if m.contains("CRLF")));
        let bad = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n";
        assert!(
            matches!(err(bad, Kind::Response), HttpError::Malformed(m) if m.contains("chunk size"))
        );
    }

    #[test]
    fn content_length_must_be_one_plain_number() {
        for head in [
            &b"POST / HTTP/1.1\r\nContent-Length: +5\r\n\r\nhello"[..],
            b"POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
            b"POST / HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\nhello",
            b"POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
            b"POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
        ] {
            assert!(
                matches!(err(head, Kind::Request), HttpError::Malformed(_)),
                "{:?}",
                String::from_utf8_lossy(head)
            );
        }
    }

    #[test]
    fn length_with_transfer_encoding_is_chunked_then_closes() {
        let m = b"POST / HTTP/1.1\r\nContent-Length: 99\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n";
        let Parsed::Message(msg, used) = parsed(m, Kind::Request, false) else {
            panic!("a message")
        };
        assert_eq!((msg.body.as_slice(), used), (&b"hi"[..], m.len()));
        assert!(!msg.keep_alive());
    }

    #[test]
    fn persistence_follows_rfc_9112_9_3() {
        let cases: [(&[u8], Persist); 7] = [
            (b"GET / HTTP/1.1\r\n\r\n", Persist::Open),
            (
                b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n",
                Persist::Close,
            ),
            (
                b"GET / HTTP/1.1\r\nConnection: TE, Close\r\n\r\n",
                Persist::Close,
            ),
            (b"GET / HTTP/1.0\r\n\r\n", Persist::Close),
            (
                b"GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n",
                Persist::KeepAlive,
            ),
            (
                b"GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n",
                Persist::Close,
            ),
            (
                b"GET / HTTP/1.0\r\nConnection: keep-alivex\r\n\r\n",
                Persist::Close,
            ),
        ];
        for (req, want) in cases {
            let Parsed::Message(msg, _) = parsed(req, Kind::Request, false) else {
                panic!("a request")
            };
            assert_eq!(msg.persist(), want, "{}", String::from_utf8_lossy(req));
            assert_eq!(msg.keep_alive(), want.is_open());
        }
        let r = response_bytes(200, "OK", "text/plain", b"hi", Persist::KeepAlive);
        assert!(r.ends_with(b"Content-Length: 2\r\nConnection: keep-alive\r\n\r\nhi"));
        let r = response_bytes(200, "OK", "text/plain", b"", Persist::Open);
        assert!(!r.windows(11).any(|w| w == b"Connection:"));
        assert_eq!(Persist::KeepAlive.or_close(true), Persist::Close);
    }

    #[test]
    fn heads_go_through_httparse() {
        // obs-fold (a continuation line) is refused; a name must be a token.
        let fold = b"POST / HTTP/1.1\r\nX-A: 1\r\n  folded\r\n\r\n";
        assert!(matches!(err(fold, Kind::Request), HttpError::Malformed(_)));
        let bad_name = b"POST / HTTP/1.1\r\nX(A): 1\r\n\r\n";
        assert!(matches!(
            err(bad_name, Kind::Request),
            HttpError::Malformed(_)
        ));
        // A value that is not UTF-8 is accepted, and readable as bytes.
        let latin1 = b"POST / HTTP/1.1\r\nX-Name: Ren\xe9\r\n\r\n";
        let Parsed::Message(msg, _) = parsed(latin1, Kind::Request, false) else {
            panic!("a message")
        };
        assert_eq!(msg.header_bytes("x-name"), Some(&b"Ren\xe9"[..]));
        assert_eq!(msg.header("x-name"), None);
    }

    #[test]
    fn dechunking_resumes_where_it_stopped() {
        // Fed one byte more each time, the decoder finds the message exactly once,
        // at the end, and its state carries over between calls.
        let mut m = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        for _ in 0..200 {
            m.extend_from_slice(b"5\r\nhello\r\n");
        }
        m.extend_from_slice(b"0\r\nX-Trailer: 1\r\n\r\n");
        let mut d = Decoder::new(Kind::Response, 1 << 20);
        for cut in 0..m.len() {
            assert!(matches!(
                d.decode(&m[..cut], false).unwrap(),
                Parsed::Partial { .. }
            ));
        }
        let Parsed::Message(msg, used) = d.decode(&m, false).unwrap() else {
            panic!("the whole body")
        };
        assert_eq!((msg.body.len(), used), (1000, m.len()));
        assert!(d.chunks.data.is_empty() && d.head.is_none());
    }

    #[test]
    fn an_endless_chunked_body_stops_at_the_limit() {
        let mut m = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        let mut d = Decoder::new(Kind::Response, 10_000);
        let e = loop {
            m.extend_from_slice(b"400\r\n");
            m.extend_from_slice(&[b'z'; 0x400]);
            m.extend_from_slice(b"\r\n");
            match d.decode(&m, false) {
                Ok(Parsed::Partial { .. }) => assert!(m.len() < 20_000),
                Ok(Parsed::Message(..)) => panic!("no end was sent"),
                Err(e) => break e,
            }
        };
        assert!(matches!(
            e,
            HttpError::TooLarge {
                what: "body",
                limit: 10_000
            }
        ));
    }
}
