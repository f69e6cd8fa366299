//! DNS over HTTPS (RFC 8484): one DNS message per HTTP exchange, POSTed as
//! `application/dns-message` (or `GET ?dns=` with the message in base64url
//! without padding, `--https-get`). The TLS handshake offers ALPN `h2` and
//! `http/1.1`: HTTP/2 goes to `doh_h2.rs`; HTTP/1.1 (ALPN's choice, or an
//! `http://` URL, plaintext, for labs) is spoken here with netkit's own codec
//! (`proto::http`) over the one client connection (`net::conn`).
//!
//! The answer must be `200`, `application/dns-message`, and a DNS message that
//! answers the query; anything else is a clear error (exit 3). A batch keeps one
//! connection per worker thread, replaced once if the server closed it while
//! idle. It does not build or parse DNS messages (`message.rs`).

use std::cell::RefCell;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use base64::Engine;
use bytes::Bytes;

use super::doh_h2::{self, H2};
use super::dot::tls_failure;
use super::secure::{Broken, Carrier, TlsFacts};
use super::wire::{Transport, WireError, MAX_MESSAGE};
use crate::cmd::http::client::Target;
use crate::exit::{self, Kind};
use crate::net::conn::Conn;
use crate::net::http::{read_message, HttpError, Kind as HttpKind, MAX_HEAD};
use crate::net::stream::Stream;
use crate::net::tls::{self, tls_on_plaintext_port, TlsClient};
use crate::signal::POLL;

/// The media type of RFC 8484 §6.
pub const CONTENT_TYPE: &str = "application/dns-message";

/// A DoH endpoint and its TLS setup (`None` for `http://`).
pub struct Doh {
    pub target: Target,
    pub tls: Option<TlsClient>,
    /// `--https-get`.
    pub get: bool,
    pub broken: Broken,
}

/// What the server sent back.
pub struct Answer {
    pub status: u16,
    pub reason: String,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    /// The connection may carry the next query.
    pub keep: bool,
}

enum Session {
    H1(Box<Conn>),
    H2(H2),
}

struct Open {
    session: Session,
    carrier: Arc<Carrier>,
}

thread_local! {
    /// The connection a batch worker keeps (see [`Transport::reuse`]).
    static KEPT: RefCell<Option<(SocketAddr, Open)>> = const { RefCell::new(None) };
}

impl Doh {
    /// The request target: the URL's path, plus `dns=` for GET.
    fn path(&self, query: &[u8]) -> String {
        if !self.get {
            return self.target.path.clone();
        }
        let sep = if self.target.path.contains('?') {
            '&'
        } else {
            '?'
        };
        let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(query);
        format!("{}{sep}dns={b64}", self.target.path)
    }

    fn method(&self) -> &'static str {
        if self.get {
            "GET"
        } else {
            "POST"
        }
    }

    /// TCP, TLS (ALPN decides between HTTP/2 and HTTP/1.1), each within the timeout.
    fn open(&self, t: &Transport) -> Result<Open, WireError> {
        self.broken.check()?;
        let tcp = t.connect()?;
        let h1 = |s: Stream| {
            let c = Conn::new(s).with_max(MAX_MESSAGE + MAX_HEAD);
            Session::H1(Box::new(c))
        };
        let (session, facts, http) = match &self.tls {
            None => (h1(Stream::Plain(tcp)), None, "HTTP/1.1"),
            Some(c) => {
                let deadline = Instant::now() + t.timeout;
                let host = &self.target.host;
                let s = tls::connect(tcp, c, host, deadline, &t.stop).map_err(|e| {
                    let e = tls_failure(e, &format!("TLS with {}", self.target.url()));
                    self.broken.note(&e);
                    e
                })?;
                let name = c.servername.clone().unwrap_or_else(|| host.clone());
                let facts = TlsFacts::new(c, &name, s.info());
                if s.info().alpn.as_deref() == Some("h2") {
                    let sn = c.name_for(host).map_err(WireError::Classified)?;
                    (Session::H2(H2::start(s, c, sn, t)?), Some(facts), "HTTP/2")
                } else {
                    s.set_write_timeout(Some(t.timeout))?;
                    s.set_read_timeout(Some(POLL))?;
                    (h1(Stream::Tls(Box::new(s))), Some(facts), "HTTP/1.1")
                }
            }
        };
        let carrier = Carrier {
            tls: facts,
            url: Some(self.target.url()),
            method: Some(self.method()),
            http: Some(http),
        };
        Ok(Open {
            session,
            carrier: Arc::new(carrier),
        })
    }

    /// One query; the body must be the DNS answer `accept` takes.
    pub fn exchange(
        &self,
        t: &Transport,
        query: &[u8],
        accept: impl FnOnce(&[u8]) -> Result<(), String>,
    ) -> Result<(Vec<u8>, Arc<Carrier>), WireError> {
        let mut tries = 0;
        while tries <= t.retries {
            let kept = t.take_kept(&KEPT);
            let fresh = kept.is_none();
            tries += u32::from(fresh);
            let mut open = match kept {
                Some(o) => o,
                None => match self.open(t) {
                    Err(WireError::Timeout { .. }) => continue,
                    other => other?,
                },
            };
            let answer = match self.ask(&mut open.session, t, query) {
                Ok(a) => a,
                Err(WireError::Timeout { .. }) => {
                    tries += u32::from(!fresh);
                    continue;
                }
                // A kept connection the server closed while idle: open a new one.
                Err(WireError::Closed(_) | WireError::Io(_) | WireError::Classified(_))
                    if !fresh =>
                {
                    continue
                }
                Err(e) => return Err(e),
            };
            self.check(&answer)?;
            accept(&answer.body).map_err(|why| {
                WireError::Classified(exit::network(
                    Kind::Protocol,
                    format!(
                        "{}: the body is not the DNS answer: {why}",
                        self.target.url()
                    ),
                ))
            })?;
            let carrier = open.carrier.clone();
            if answer.keep {
                t.keep(&KEPT, open);
            }
            return Ok((answer.body, carrier));
        }
        Err(WireError::Timeout { ignored: vec![] })
    }

    fn ask(&self, s: &mut Session, t: &Transport, query: &[u8]) -> Result<Answer, WireError> {
        let path = self.path(query);
        match s {
            Session::H2(h2) => {
                let uri = format!(
                    "{}://{}{path}",
                    if self.target.https { "https" } else { "http" },
                    self.target.authority()
                );
                let post = (!self.get).then_some(query.len());
                let req = doh_h2::request(&uri, post)?;
                let body = (!self.get).then(|| Bytes::copy_from_slice(query));
                h2.ask(req, body, t)
            }
            Session::H1(conn) => self.ask_h1(conn, t, &path, query),
        }
    }

    fn ask_h1(
        &self,
        conn: &mut Conn,
        t: &Transport,
        path: &str,
        query: &[u8],
    ) -> Result<Answer, WireError> {
        let host = self.target.authority();
        let req = if self.get {
            format!(
                "GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: netkit/{}\r\nAccept: {CONTENT_TYPE}\r\n\r\n",
                env!("CARGO_PKG_VERSION")
            )
            .into_bytes()
        } else {
            crate::proto::http::request_bytes(&host, path, CONTENT_TYPE, query)
        };
        match conn.write_all(&req) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                return Err(WireError::Interrupted)
            }
            Err(e) => return Err(self.no_http_answer(Some(e))),
        }
        let until = Instant::now() + t.timeout;
        match read_message(conn, HttpKind::Response, MAX_MESSAGE, until, &t.stop, None) {
            Ok(Some(m)) => Ok(Answer {
                status: m.status(),
                reason: m.parts().2.to_string(),
                content_type: m.header("content-type").map(str::to_string),
                keep: m.keep_alive(),
                body: m.body,
            }),
            Ok(None) => Err(self.no_http_answer(None)),
            Err(HttpError::Io(e)) if e.kind() == std::io::ErrorKind::TimedOut => {
                Err(WireError::Timeout { ignored: vec![] })
            }
            Err(HttpError::Io(e)) if e.kind() == std::io::ErrorKind::Interrupted => {
                Err(WireError::Interrupted)
            }
            Err(HttpError::Io(e))
                if conn.buffered().is_empty()
                    && exit::classify_io(&e).1 == Kind::ConnectionLost =>
            {
                Err(self.no_http_answer(Some(e)))
            }
            Err(HttpError::Io(e)) => Err(WireError::Io(e)),
            Err(e) => {
                let why = tls_on_plaintext_port(conn.buffered())
                    .map_or_else(|| e.to_string(), str::to_string);
                Err(WireError::Classified(exit::network(
                    Kind::Http,
                    format!("{}: {why}", self.target.url()),
                )))
            }
        }
    }

    /// The server hung up instead of answering. Over http:// that is usually a
    /// TLS port reading our plaintext request; over https:// (or a connection
    /// kept from an earlier query: an idle close) `exchange` decides.
    fn no_http_answer(&self, e: Option<std::io::Error>) -> WireError {
        if self.target.https {
            return match e {
                Some(e) => WireError::Io(e),
                None => WireError::Closed("before sending an answer".into()),
            };
        }
        let why = e.map_or(String::new(), |e| format!(" ({e})"));
        WireError::Classified(
            exit::network(
                Kind::Http,
                format!(
                    "{}: the server closed the connection without an HTTP answer{why}",
                    self.target.url()
                ),
            )
            .hint("is this port serving HTTPS? try https://"),
        )
    }

    /// RFC 8484 §4.2.1: a 2xx answer of type `application/dns-message`.
    fn check(&self, a: &Answer) -> Result<(), WireError> {
        let url = self.target.url();
        let fail = |msg: String, hint: &str| {
            WireError::Classified(exit::network(Kind::Http, msg).hint(hint))
        };
        if a.status != 200 {
            let text = crate::output::escape(&a.body[..a.body.len().min(60)]);
            let said = if text.trim().is_empty() {
                String::new()
            } else {
                format!(": {:?}", text.trim())
            };
            return Err(fail(
                format!("{url} answered HTTP {} {}{said}", a.status, a.reason),
                "check the URL's path (DoH servers usually serve /dns-query) and --https-get",
            ));
        }
        let ct = a.content_type.as_deref().unwrap_or("");
        let base = ct.split(';').next().unwrap_or("").trim();
        if !base.eq_ignore_ascii_case(CONTENT_TYPE) {
            let ct = if ct.is_empty() { "none" } else { ct };
            return Err(fail(
                format!("{url} answered with Content-Type {ct}, not {CONTENT_TYPE}"),
                "is this URL a DoH endpoint (RFC 8484)?",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmd::http::client::target;

    fn doh(url: &str, get: bool) -> Doh {
        Doh {
            target: target(url).unwrap(),
            tls: None,
            get,
            broken: Broken::default(),
        }
    }

    #[test]
    fn get_puts_the_message_in_base64url_without_padding() {
        // RFC 8484 §4.1.1's example query for www.example.com A, ID 0.
        let q = b"\x00\x00\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00\x03www\x07example\x03com\x00\x00\x01\x00\x01";
        let d = doh("https://dns.example/dns-query", true);
        assert_eq!(
            d.path(q),
            "/dns-query?dns=AAABAAABAAAAAAAAA3d3dwdleGFtcGxlA2NvbQAAAQAB"
        );
        assert_eq!(
            doh("https://h/q?ct", true).path(b"\xff").as_str(),
            "/q?ct&dns=_w"
        );
        assert_eq!(doh("https://h/q", false).path(q), "/q");
    }

    #[test]
    fn status_and_content_type_are_checked() {
        let d = doh("http://h/dns-query", false);
        let answer = |status, ct: &str| Answer {
            status,
            reason: "X".into(),
            content_type: Some(ct.into()),
            body: b"nope".to_vec(),
            keep: true,
        };
        assert!(d.check(&answer(200, "application/dns-message")).is_ok());
        assert!(d
            .check(&answer(200, "Application/DNS-Message; charset=x"))
            .is_ok());
        let e = d.check(&answer(404, CONTENT_TYPE)).unwrap_err().to_string();
        assert!(e.contains("answered HTTP 404 X: \"nope\""), "{e}");
        let e = d.check(&answer(200, "text/html")).unwrap_err().to_string();
        assert!(e.contains("Content-Type text/html"), "{e}");
    }
}
