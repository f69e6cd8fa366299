//! The HTTP client: one request (or `--repeat N` over one keep-alive
//! connection) through `net::conn`, plain or TLS, with every phase timed by
//! instants taken between the steps, so the phases add up to the total
//! exactly. Redirects are followed here (each hop reported). It does not render:
//! `show` does.

use std::io;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use anyhow::Context;

use super::show::{self, Hop, Phases, Response};
use super::RequestArgs;
use crate::cmd::Ctx;
use crate::exit::{self, Code, Failure};
use crate::net::conn::Conn;
use crate::net::stream::Stream;
use crate::net::tls::{self, TlsClient};
use crate::net::{self as nk, HostPort};
use crate::output::wire as trace;
use crate::proto::http::{self as codec, HttpError, Kind, Message};
use crate::signal::Stop;

/// Where a request goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub https: bool,
    pub host: String,
    pub port: u16,
    /// Path and query, as sent on the request line.
    pub path: String,
}

impl Target {
    /// The `Host` header: the port only when it is not the scheme's default.
    pub fn authority(&self) -> String {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        match (self.https, self.port) {
            (false, 80) | (true, 443) => host,
            _ => format!("{host}:{}", self.port),
        }
    }
    pub fn url(&self) -> String {
        let scheme = if self.https { "https" } else { "http" };
        format!("{scheme}://{}{}", self.authority(), self.path)
    }
}

/// Parse an http:// or https:// URL (exit 2 otherwise).
pub fn target(url: &str) -> Result<Target, Failure> {
    let u = nk::parse_url(url).map_err(|e| exit::usage(format!("bad URL: {e}")))?;
    let https = match u.scheme.as_str() {
        "http" => false,
        "https" => true,
        s => {
            return Err(exit::usage(format!(
                "{s}:// is not HTTP: give an http:// or https:// URL"
            )))
        }
    };
    let mut path = if u.path.is_empty() {
        "/".into()
    } else {
        u.path
    };
    if let Some(q) = u.query {
        path = format!("{path}?{q}");
    }
    if path.bytes().any(|b| b <= b' ' || b == 0x7f) {
        return Err(exit::usage(
            "bad URL: spaces or control bytes in the path (percent-encode them)",
        ));
    }
    Ok(Target {
        https,
        port: u.port.unwrap_or(if https { 443 } else { 80 }),
        host: u.host,
        path,
    })
}

/// Resolve a `Location` against the URL it came from.
pub fn join(base: &Target, location: &str) -> Result<Target, Failure> {
    if nk::is_url(location) {
        return target(location);
    }
    let scheme = if base.https { "https:" } else { "http:" };
    if location.starts_with("//") {
        return target(&format!("{scheme}{location}"));
    }
    let path = if location.starts_with('/') {
        location.to_string()
    } else {
        let dir = base.path.split('?').next().unwrap_or("/");
        let dir = &dir[..dir.rfind('/').map_or(0, |i| i + 1)];
        format!("{dir}{location}")
    };
    Ok(Target {
        path,
        ..base.clone()
    })
}

/// An open connection and where it goes.
struct Open {
    to: (bool, String, u16),
    conn: Conn,
    keep_alive: bool,
}

/// A client: the TLS setup, the connection kept alive, the limits.
pub struct Client {
    tls: Option<TlsClient>,
    open: Option<Open>,
    timeout: Duration,
    max_body: usize,
    stop: Stop,
    trace: Option<crate::output::Out>,
    tls_args: tls::TlsClientArgs,
}

impl Client {
    pub fn new(args: &RequestArgs, ctx: &Ctx) -> Client {
        Client {
            tls: None,
            open: None,
            timeout: ctx.timeout_or(super::DEFAULT_TIMEOUT),
            max_body: args.max_body,
            stop: ctx.stop.clone(),
            trace: args.trace.then(|| ctx.out.clone()),
            tls_args: args.tls.clone(),
        }
    }

    fn tls_client(&mut self, out: &crate::output::Out) -> anyhow::Result<TlsClient> {
        if self.tls.is_none() {
            let c = TlsClient::new(&self.tls_args)?;
            if let Some(w) = c.warning() {
                out.warn(w)?;
            }
            self.tls = Some(c);
        }
        Ok(self.tls.clone().expect("just set"))
    }

    /// Connect (resolve, TCP, TLS), noting the instant after each step.
    fn connect(
        &mut self,
        t: &Target,
        marks: &mut [Instant; 3],
        out: &crate::output::Out,
    ) -> anyhow::Result<Conn> {
        let hp = HostPort {
            host: t.host.clone(),
            port: t.port,
        };
        let addrs = nk::resolve_within(&hp, self.timeout)?;
        marks[0] = Instant::now();
        let tcp =
            connect_any(&addrs, self.timeout).with_context(|| format!("connecting to {hp}"))?;
        tcp.set_nodelay(true)?;
        marks[1] = Instant::now();
        let stream = if t.https {
            let c = self.tls_client(out)?;
            let deadline = Instant::now() + self.timeout;
            let s = tls::connect(tcp, &c, &t.host, deadline, &self.stop)
                .map_err(|e| e.into_failure(&format!("TLS with {hp}")))?;
            Stream::Tls(Box::new(s))
        } else {
            Stream::Plain(tcp)
        };
        marks[2] = Instant::now();
        stream.set_write_timeout(Some(self.timeout))?;
        Ok(Conn::new(stream).with_max(self.max_body.saturating_add(codec::MAX_HEAD)))
    }

    /// One exchange; a kept-alive connection the server closed meanwhile is
    /// replaced once.
    pub fn exchange(
        &mut self,
        method: &str,
        t: &Target,
        head: &[u8],
        body: &[u8],
        out: &crate::output::Out,
    ) -> anyhow::Result<Response> {
        let to = (t.https, t.host.clone(), t.port);
        let reuse = self
            .open
            .as_ref()
            .is_some_and(|o| o.to == to && o.keep_alive);
        match self.attempt(method, t, head, body, reuse, out) {
            Err(e) if reuse && stale(&e) => self.attempt(method, t, head, body, false, out),
            r => r,
        }
    }

    fn attempt(
        &mut self,
        method: &str,
        t: &Target,
        head: &[u8],
        body: &[u8],
        reuse: bool,
        out: &crate::output::Out,
    ) -> anyhow::Result<Response> {
        let t0 = Instant::now();
        let mut marks = [t0; 3];
        if !reuse {
            self.open = None;
            let conn = self.connect(t, &mut marks, out)?;
            self.open = Some(Open {
                to: (t.https, t.host.clone(), t.port),
                conn,
                keep_alive: true,
            });
        }
        let timeout = self.timeout;
        let stop = self.stop.clone();
        let trace = self.trace.clone();
        let open = self.open.as_mut().expect("connected");
        let mut wire = Vec::with_capacity(head.len() + body.len());
        wire.extend_from_slice(head);
        wire.extend_from_slice(body);
        if let Some(o) = &trace {
            trace::text(
                o,
                "send",
                &wire,
                String::from_utf8_lossy(&wire).into_owned(),
            );
        }
        open.conn.write_all(&wire).context("sending the request")?;
        let sent = Instant::now();
        while open.conn.buffered().is_empty() {
            match open.conn.fill(sent + timeout, &stop) {
                Ok(0) => {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "the server closed the connection without answering",
                    )
                    .into())
                }
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::TimedOut => {
                    return Err(exit::network(
                        exit::Kind::Timeout,
                        format!("{}: no response within {}", t.url(), show::secs(timeout)),
                    )
                    .into())
                }
                Err(e) => return Err(anyhow::Error::new(e).context("waiting for the response")),
            }
        }
        let first = Instant::now();
        let mut raw = trace.as_ref().map(|_| Vec::new());
        let msg = read_response(
            &mut open.conn,
            method == "HEAD",
            self.max_body,
            first + timeout,
            &stop,
            raw.as_mut(),
        )
        .map_err(|e| body_error(e, t, timeout))?;
        let done = Instant::now();
        if let (Some(o), Some(raw)) = (&trace, &raw) {
            trace::text(o, "recv", raw, String::from_utf8_lossy(raw).into_owned());
        }
        open.keep_alive = msg.keep_alive();
        let phases = Phases::from_marks(t0, marks, sent, first, done);
        Ok(Response::new(method, t.url(), msg, phases, reuse))
    }
}

/// Did a reused connection fail before any answer (the server closed it)?
fn stale(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<io::Error>())
        .any(|io| {
            matches!(
                io.kind(),
                io::ErrorKind::UnexpectedEof
                    | io::ErrorKind::ConnectionReset
                    | io::ErrorKind::BrokenPipe
            )
        })
}

fn connect_any(addrs: &[SocketAddr], timeout: Duration) -> io::Result<std::net::TcpStream> {
    let mut last = io::Error::from(io::ErrorKind::AddrNotAvailable);
    for a in addrs {
        match nk::connect_addr(a, timeout) {
            Ok(s) => return Ok(s),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return Err(e),
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// Read a response (a head only, for HEAD), bytes kept in `wire` for `--trace`.
fn read_response(
    conn: &mut Conn,
    head_only: bool,
    max_body: usize,
    until: Instant,
    stop: &Stop,
    wire: Option<&mut Vec<u8>>,
) -> Result<Message, HttpError> {
    if !head_only {
        return crate::net::http::read_message(conn, Kind::Response, max_body, until, stop, wire)?
            .ok_or(HttpError::Truncated);
    }
    let mut wire = wire;
    loop {
        if let Some((msg, used)) = codec::parse_head_only(conn.buffered(), Kind::Response)? {
            if let Some(w) = wire.as_deref_mut() {
                w.extend_from_slice(&conn.buffered()[..used]);
            }
            conn.consume(used);
            if (100..200).contains(&msg.status()) {
                continue;
            }
            return Ok(msg);
        }
        if conn.fill(until, stop)? == 0 {
            return Err(HttpError::Truncated);
        }
    }
}

fn body_error(e: HttpError, t: &Target, timeout: Duration) -> anyhow::Error {
    match e {
        HttpError::Io(io) if io.kind() == io::ErrorKind::TimedOut => exit::network(
            exit::Kind::Timeout,
            format!(
                "{}: the response did not finish within {}",
                t.url(),
                show::secs(timeout)
            ),
        )
        .into(),
        HttpError::Io(io) => {
            anyhow::Error::new(io).context(format!("reading the response from {}", t.url()))
        }
        other => exit::network(exit::Kind::Protocol, format!("{}: {other}", t.url())).into(),
    }
}

/// The request head for `method` (User-Agent, Host, Accept, the user's headers).
fn request_head(
    method: &str,
    t: &Target,
    extra: &[(String, String)],
    body: Option<&[u8]>,
) -> Vec<u8> {
    let mut h = format!(
        "{method} {} HTTP/1.1\r\nHost: {}\r\n",
        t.path,
        t.authority()
    );
    let has = |n: &str| extra.iter().any(|(k, _)| k.eq_ignore_ascii_case(n));
    if !has("user-agent") {
        h.push_str(&format!(
            "User-Agent: netkit/{}\r\n",
            env!("CARGO_PKG_VERSION")
        ));
    }
    if !has("accept") {
        h.push_str("Accept: */*\r\n");
    }
    for (k, v) in extra {
        h.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(b) = body {
        h.push_str(&format!("Content-Length: {}\r\n", b.len()));
    }
    h.push_str("\r\n");
    h.into_bytes()
}

/// Parse `-H 'Name: value'` (exit 2 on a malformed one).
fn parse_headers(raw: &[String]) -> Result<Vec<(String, String)>, Failure> {
    raw.iter()
        .map(|h| {
            let (k, v) = h
                .split_once(':')
                .ok_or_else(|| exit::usage(format!("bad header {h:?}: expected 'Name: value'")))?;
            let k = k.trim();
            let token = !k.is_empty()
                && k.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
            if !token || v.bytes().any(|b| b == b'\r' || b == b'\n') {
                return Err(exit::usage(format!(
                    "bad header {h:?}: expected 'Name: value'"
                )));
            }
            Ok((k.to_string(), v.trim().to_string()))
        })
        .collect()
}

/// The body and headers the flags ask for.
fn body_of(
    args: &RequestArgs,
    headers: &mut Vec<(String, String)>,
) -> Result<Option<Vec<u8>>, Failure> {
    if let Some(j) = &args.json_body {
        serde_json::from_str::<serde_json::Value>(j)
            .map_err(|e| exit::usage(format!("--json-body is not JSON: {e}")))?;
        for (k, v) in [
            ("Content-Type", "application/json"),
            ("Accept", "application/json"),
        ] {
            if !headers.iter().any(|(h, _)| h.eq_ignore_ascii_case(k)) {
                headers.push((k.into(), v.into()));
            }
        }
        return Ok(Some(j.clone().into_bytes()));
    }
    Ok(match args.body.as_deref() {
        None => None,
        Some("-") => Some(crate::input::read_all(
            std::path::Path::new("-"),
            args.max_body,
        )?),
        Some(b) => match b.strip_prefix('@') {
            Some(f) => Some(crate::input::read_all(
                std::path::Path::new(f),
                args.max_body,
            )?),
            None => Some(b.as_bytes().to_vec()),
        },
    })
}

/// `netkit http METHOD URL`: run, follow, repeat, show; exit 1 for 4xx/5xx.
pub fn run(method: &str, args: &RequestArgs, ctx: &Ctx) -> anyhow::Result<Code> {
    let first = target(&args.url)?;
    if args.repeat == 0 {
        return Err(exit::usage("--repeat 0 would send nothing: give a positive value").into());
    }
    let mut headers = parse_headers(&args.headers)?;
    let body = body_of(args, &mut headers)?;
    let mut client = Client::new(args, ctx);
    let mut results = Vec::new();
    let mut code = Code::Ok;
    for i in 0..args.repeat {
        match fetch(
            &mut client,
            method,
            &first,
            &headers,
            body.as_deref(),
            args,
            ctx,
        ) {
            Ok(r) => {
                code = if r.status >= 400 {
                    Code::Negative
                } else {
                    Code::Ok
                };
                show::response(&ctx.out, &r, args, i == 0)?;
                results.push(r);
            }
            Err(e) if crate::net::conn::is_stop(&e) && !results.is_empty() => break,
            Err(e) => return Err(e),
        }
        if ctx.stop.is_stopped() {
            break;
        }
    }
    if args.repeat > 1 {
        show::summary(&ctx.out, &results)?;
    }
    Ok(code)
}

/// One request, following redirects (reported as hops).
fn fetch(
    client: &mut Client,
    method: &str,
    start: &Target,
    headers: &[(String, String)],
    body: Option<&[u8]>,
    args: &RequestArgs,
    ctx: &Ctx,
) -> anyhow::Result<Response> {
    let (mut method, mut t, mut body) =
        (method.to_string(), start.clone(), body.map(<[u8]>::to_vec));
    let mut hops = Vec::new();
    loop {
        let head = request_head(&method, &t, headers, body.as_deref());
        let mut r =
            client.exchange(&method, &t, &head, body.as_deref().unwrap_or(b""), &ctx.out)?;
        let location = r.location.clone();
        let redirect = matches!(r.status, 301 | 302 | 303 | 307 | 308);
        match location {
            Some(loc) if redirect && (hops.len() as u32) < args.max_redirects => {
                let next = join(&t, &loc)?;
                let hop = Hop {
                    status: r.status,
                    from: t.url(),
                    to: next.url(),
                    timing: r.timing.clone(),
                };
                show::hop(&ctx.out, &hop)?;
                hops.push(hop);
                if r.status == 303 || (matches!(r.status, 301 | 302) && method == "POST") {
                    method = "GET".into();
                    body = None;
                }
                t = next;
            }
            Some(loc) if redirect && args.max_redirects > 0 => {
                // Like curl's "Maximum (N) redirects followed": a loop, or a
                // chain longer than allowed, is a failure, not an answer.
                return Err(exit::network(
                    exit::Kind::Http,
                    format!(
                        "stopped after {} redirects (--max-redirects): {} redirects again to {loc}",
                        hops.len(),
                        t.url()
                    ),
                )
                .hint("a redirect loop? raise --max-redirects if the chain is just long")
                .into());
            }
            _ => {
                r.redirects = hops;
                return Ok(r);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_locations() {
        let t = target("http://127.0.0.1:8000/a/b?x=1").unwrap();
        assert_eq!((t.port, t.path.as_str()), (8000, "/a/b?x=1"));
        assert_eq!(join(&t, "c").unwrap().path, "/a/c");
        assert_eq!(join(&t, "/d").unwrap().path, "/d");
        assert_eq!(join(&t, "https://h/e").unwrap().url(), "https://h/e");
        assert_eq!(target("https://[::1]/").unwrap().url(), "https://[::1]/");
        assert!(target("ftp://x/").is_err());
        assert!(parse_headers(&["X-A: 1".into()]).is_ok());
        assert!(parse_headers(&["no colon".into()]).is_err());
        assert!(parse_headers(&["X: a\r\nInjected: 1".into()]).is_err());
    }
}
