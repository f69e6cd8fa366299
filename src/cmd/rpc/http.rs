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
use std::time::Instant;

use thiserror::Error;

use super::conn::Conn;
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
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub raw_head: Vec<u8>,
}

impl Message {
    /// A header's value (names compare case-insensitively).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
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

/// Read one message. `Ok(None)`: the peer closed before sending a byte (an idle
/// keep-alive connection ending). Body limit `max_body`, head limit [`MAX_HEAD`].
pub fn read_message(
    conn: &mut Conn,
    kind: Kind,
    max_body: usize,
    until: Instant,
    stop: &Stop,
) -> Result<Option<Message>, HttpError> {
    loop {
        let Some(mut msg) = read_head(conn, until, stop)? else {
            return Ok(None);
        };
        // Skip interim responses (100 Continue, 103 Early Hints).
        if kind == Kind::Response && (100..200).contains(&msg.status()) {
            continue;
        }
        // A client that asked may wait for "100 Continue" before sending the body
        // (curl does for bodies over 1 KiB). An oversize body is refused by read_body.
        let expects = msg
            .header("expect")
            .is_some_and(|e| e.eq_ignore_ascii_case("100-continue"));
        let fits = msg
            .header("content-length")
            .and_then(|l| l.parse::<usize>().ok())
            .is_some_and(|l| l <= max_body);
        if kind == Kind::Request && expects && fits && conn.buffered().is_empty() {
            conn.write_all(b"HTTP/1.1 100 Continue\r\n\r\n")?;
        }
        msg.body = read_body(conn, &msg, kind, max_body, until, stop)?;
        return Ok(Some(msg));
    }
}

fn read_head(conn: &mut Conn, until: Instant, stop: &Stop) -> Result<Option<Message>, HttpError> {
    let mut scanned = 0;
    loop {
        if scanned == 0 {
            // RFC 9112 §2.2: empty lines before a request line are ignored.
            let blank = conn
                .buffered()
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
            conn.consume(blank);
        }
        let buf = conn.buffered();
        if let Some(end) = head_end(buf, scanned) {
            let raw = buf[..end].to_vec();
            conn.consume(end);
            return parse_head(raw).map(Some);
        }
        scanned = buf.len().saturating_sub(3);
        if buf.len() > MAX_HEAD {
            return Err(HttpError::TooLarge {
                what: "head",
                limit: MAX_HEAD,
            });
        }
        let was_empty = buf.is_empty();
        if conn.fill(until, stop)? == 0 {
            return if was_empty {
                Ok(None)
            } else {
                Err(HttpError::Truncated)
            };
        }
    }
}

/// End of the head (after the blank line), searching from `from`.
fn head_end(buf: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < buf.len() {
        if buf[i] == b'\n' {
            if buf.get(i + 1) == Some(&b'\n') {
                return Some(i + 2);
            }
            if buf.get(i + 1) == Some(&b'\r') && buf.get(i + 2) == Some(&b'\n') {
                return Some(i + 3);
            }
        }
        i += 1;
    }
    None
}

fn parse_head(raw: Vec<u8>) -> Result<Message, HttpError> {
    let text =
        std::str::from_utf8(&raw).map_err(|_| HttpError::Malformed("head is not text".into()))?;
    let mut lines = text.split('\n').map(|l| l.trim_end_matches('\r'));
    let start = lines.next().unwrap_or("").to_string();
    let looks_http = start.starts_with("HTTP/1.")
        || start.ends_with(" HTTP/1.1")
        || start.ends_with(" HTTP/1.0");
    if !looks_http || start.split(' ').count() < 2 {
        return Err(HttpError::Malformed(format!(
            "bad first line {:?}",
            crate::output::escape(start.as_bytes())
        )));
    }
    let mut headers = Vec::new();
    for line in lines.filter(|l| !l.is_empty()) {
        let (k, v) = line
            .split_once(':')
            .ok_or_else(|| HttpError::Malformed(format!("bad header line {line:?}")))?;
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
    Ok(Message {
        start,
        headers,
        body: Vec::new(),
        raw_head: raw,
    })
}

fn read_body(
    conn: &mut Conn,
    msg: &Message,
    kind: Kind,
    max: usize,
    until: Instant,
    stop: &Stop,
) -> Result<Vec<u8>, HttpError> {
    let status = msg.status();
    if kind == Kind::Response && (status == 204 || status == 304) {
        return Ok(Vec::new());
    }
    if msg
        .header("transfer-encoding")
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"))
    {
        return read_chunked(conn, max, until, stop);
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
        return read_exact(conn, len, until, stop);
    }
    match kind {
        Kind::Request => Ok(Vec::new()),
        Kind::Response => read_to_eof(conn, max, until, stop),
    }
}

fn read_exact(
    conn: &mut Conn,
    len: usize,
    until: Instant,
    stop: &Stop,
) -> Result<Vec<u8>, HttpError> {
    while conn.buffered().len() < len {
        if conn.fill(until, stop)? == 0 {
            return Err(HttpError::Truncated);
        }
    }
    let body = conn.buffered()[..len].to_vec();
    conn.consume(len);
    Ok(body)
}

fn read_to_eof(
    conn: &mut Conn,
    max: usize,
    until: Instant,
    stop: &Stop,
) -> Result<Vec<u8>, HttpError> {
    while conn.fill(until, stop)? > 0 {
        if conn.buffered().len() > max {
            return Err(HttpError::TooLarge {
                what: "body",
                limit: max,
            });
        }
    }
    let body = conn.buffered().to_vec();
    conn.consume(body.len());
    Ok(body)
}

fn read_line(conn: &mut Conn, until: Instant, stop: &Stop) -> Result<String, HttpError> {
    loop {
        if let Some(i) = conn.buffered().iter().position(|&b| b == b'\n') {
            let line = String::from_utf8_lossy(&conn.buffered()[..i])
                .trim()
                .to_string();
            conn.consume(i + 1);
            return Ok(line);
        }
        if conn.buffered().len() > MAX_HEAD {
            return Err(HttpError::TooLarge {
                what: "chunk line",
                limit: MAX_HEAD,
            });
        }
        if conn.fill(until, stop)? == 0 {
            return Err(HttpError::Truncated);
        }
    }
}

fn read_chunked(
    conn: &mut Conn,
    max: usize,
    until: Instant,
    stop: &Stop,
) -> Result<Vec<u8>, HttpError> {
    let mut body = Vec::new();
    loop {
        let line = read_line(conn, until, stop)?;
        let size_text = line.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|_| HttpError::Malformed(format!("bad chunk size {line:?}")))?;
        if size == 0 {
            // Trailers, then the blank line.
            while !read_line(conn, until, stop)?.is_empty() {}
            return Ok(body);
        }
        if body.len() + size > max {
            return Err(HttpError::TooLarge {
                what: "body",
                limit: max,
            });
        }
        body.extend_from_slice(&read_exact(conn, size, until, stop)?);
        read_line(conn, until, stop)?;
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
        Conn::new(s).unwrap()
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
