//! DoH's HTTP/2 side (RFC 8484 over RFC 9113): the `h2` crate on a
//! current-thread tokio runtime made for this connection only. The TLS handshake
//! is netkit's blocking one (`net::tls::client`: its deadlines, Ctrl-C checks and
//! error words); when ALPN picked `h2` the finished rustls connection and its
//! socket move to tokio here, and `tokio-rustls` carries the records.
//!
//! Each exchange runs inside `block_on`, bounded by `--timeout` and ended by
//! Ctrl-C within `signal::POLL`; the h2 connection task runs while it does. It
//! does not interpret the answer (`doh.rs` checks status, type and body).

use std::future::Future;
use std::io;

use bytes::Bytes;
use h2::client::SendRequest;
use rustls::pki_types::ServerName;

use super::doh::{Answer, CONTENT_TYPE};
use super::wire::{Transport, WireError, MAX_MESSAGE};
use crate::net::tls::{TlsClient, TlsStream};
use crate::signal::POLL;

/// An HTTP/2 connection: its runtime and the handle that opens streams.
pub struct H2 {
    rt: tokio::runtime::Runtime,
    send: SendRequest<Bytes>,
}

impl H2 {
    /// Take over a TLS connection whose handshake chose `h2` and send the
    /// HTTP/2 preface.
    pub fn start(
        s: TlsStream,
        tls: &TlsClient,
        name: ServerName<'static>,
        t: &Transport,
    ) -> Result<H2, WireError> {
        let rt = super::query::runtime().map_err(|e| io::Error::other(format!("{e:#}")))?;
        let (conn, sock) = s.into_parts();
        sock.set_read_timeout(None)?;
        sock.set_write_timeout(None)?;
        sock.set_nonblocking(true)?;
        let connector = tokio_rustls::TlsConnector::from(tls.config.clone());
        let send = rt.block_on(bounded(t, async move {
            let io = tokio::net::TcpStream::from_std(sock)?;
            // The handshake is over: the new session is replaced by the finished
            // one, so tokio-rustls has nothing left to negotiate.
            let stream = connector.connect_with(name, io, move |c| *c = conn).await?;
            let (send, connection) = h2::client::handshake(stream)
                .await
                .map_err(|e| h2_error(&e))?;
            tokio::spawn(async move {
                let _ = connection.await;
            });
            Ok(send)
        }))?;
        Ok(H2 { rt, send })
    }

    /// One request on a new stream; the whole response body, at most one DNS message.
    pub fn ask(
        &mut self,
        req: http::Request<()>,
        body: Option<Bytes>,
        t: &Transport,
    ) -> Result<Answer, WireError> {
        let send = self.send.clone();
        self.rt.block_on(bounded(t, async move {
            let mut send = send.ready().await.map_err(|e| h2_error(&e))?;
            let (response, mut stream) = send
                .send_request(req, body.is_none())
                .map_err(|e| h2_error(&e))?;
            if let Some(b) = body {
                stream.send_data(b, true).map_err(|e| h2_error(&e))?;
            }
            let (head, mut recv) = response.await.map_err(|e| h2_error(&e))?.into_parts();
            let mut out = Vec::new();
            while let Some(chunk) = recv.data().await {
                let chunk = chunk.map_err(|e| h2_error(&e))?;
                let _ = recv.flow_control().release_capacity(chunk.len());
                out.extend_from_slice(&chunk);
                if out.len() > MAX_MESSAGE {
                    return Err(WireError::Io(io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!("the response body is over {MAX_MESSAGE} bytes, more than a DNS message"),
                    )));
                }
            }
            let content_type = head
                .headers
                .get(http::header::CONTENT_TYPE)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
            Ok(Answer {
                status: head.status.as_u16(),
                reason: head.status.canonical_reason().unwrap_or("").to_string(),
                content_type,
                body: out,
                keep: true,
            })
        }))
    }
}

/// A request for `uri` (absolute: h2 takes `:scheme` and `:authority` from it).
pub fn request(uri: &str, post_len: Option<usize>) -> Result<http::Request<()>, WireError> {
    let mut b = http::Request::builder()
        .uri(uri)
        .header(http::header::ACCEPT, CONTENT_TYPE)
        .header(
            http::header::USER_AGENT,
            concat!("netkit/", env!("CARGO_PKG_VERSION")),
        );
    b = match post_len {
        Some(n) => b
            .method(http::Method::POST)
            .header(http::header::CONTENT_TYPE, CONTENT_TYPE)
            .header(http::header::CONTENT_LENGTH, n),
        None => b.method(http::Method::GET),
    };
    b.body(()).map_err(|e| {
        WireError::Io(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("building the request for {uri}: {e}"),
        ))
    })
}

fn h2_error(e: &h2::Error) -> WireError {
    if let Some(r) = e.reason() {
        return WireError::Io(io::Error::other(format!(
            "HTTP/2: the server reset the {} ({r:?})",
            if e.is_go_away() {
                "connection"
            } else {
                "stream"
            }
        )));
    }
    if e.is_io() {
        return WireError::Closed(format!("(HTTP/2: {e})"));
    }
    WireError::Io(io::Error::other(format!("HTTP/2: {e}")))
}

/// `work`, bounded by the transport's timeout and ended by Ctrl-C.
async fn bounded<T>(
    t: &Transport,
    work: impl Future<Output = Result<T, WireError>>,
) -> Result<T, WireError> {
    let stop = t.stop.clone();
    let stopped = async move {
        while !stop.is_stopped() {
            tokio::time::sleep(POLL).await;
        }
    };
    tokio::select! {
        r = tokio::time::timeout(t.timeout, work) => {
            r.unwrap_or(Err(WireError::Timeout { ignored: vec![] }))
        }
        _ = stopped => Err(WireError::Interrupted),
    }
}
