//! DNS over TLS (RFC 7858): TCP-framed DNS messages (the 2-byte length of RFC
//! 1035 §4.2.2, `wire.rs`) over netkit's blocking TLS client (`net::tls`), with
//! SNI and verification against `--server`'s host or `--servername`. A batch
//! keeps one TLS connection per worker thread and sends its queries one after
//! another on it (no pipelining); a kept connection the server closed meanwhile is
//! replaced once, without counting as a try.
//!
//! Every wait is bounded: the connect, the handshake and each answer by
//! `--timeout`, and Ctrl-C is seen within `signal::POLL`. It does not build or
//! check messages (`client.rs` with `message.rs` does).

use std::cell::RefCell;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use super::secure::{Broken, Carrier, TlsFacts};
use super::wire::{write_framed, Transport, WireError};
use crate::net::tls::{self, TlsClient, TlsError, TlsStream};
use crate::signal::POLL;

/// A DoT server and the TLS setup shared by every connection to it.
pub struct Dot {
    pub tls: TlsClient,
    /// The `--server` host as given (SNI and verification name unless `--servername`).
    pub host: String,
    /// The name the certificate is checked against.
    pub name: String,
    /// `HOST:PORT` as given, for summaries.
    pub endpoint: String,
    pub broken: Broken,
}

/// A connection and what the reply should say about it.
struct Open {
    stream: TlsStream,
    carrier: Arc<Carrier>,
}

thread_local! {
    /// The connection a batch worker keeps (see [`Transport::reuse`]).
    static KEPT: RefCell<Option<(SocketAddr, Open)>> = const { RefCell::new(None) };
}

/// A handshake failure as the error of a query (exit 3, its TLS kind and hint).
pub fn tls_failure(e: TlsError, context: &str) -> WireError {
    match e {
        TlsError::Stopped => WireError::Interrupted,
        other => WireError::Classified(other.into_failure(context)),
    }
}

impl Dot {
    /// TCP connect and TLS handshake, each within the transport's timeout.
    fn open(&self, t: &Transport) -> Result<Open, WireError> {
        self.broken.check()?;
        let tcp = t.connect()?;
        let deadline = Instant::now() + t.timeout;
        let stream = tls::connect(tcp, &self.tls, &self.host, deadline, &t.stop).map_err(|e| {
            let e = tls_failure(e, &format!("TLS with {}", self.endpoint));
            self.broken.note(&e);
            e
        })?;
        stream.set_read_timeout(Some(POLL))?;
        stream.set_write_timeout(Some(t.timeout))?;
        let carrier = Carrier {
            tls: Some(TlsFacts::new(&self.tls, &self.name, stream.info())),
            url: None,
            method: None,
            http: None,
        };
        Ok(Open {
            stream,
            carrier: Arc::new(carrier),
        })
    }

    /// A connection for a zone transfer (never kept).
    pub fn connect(&self, t: &Transport) -> Result<(TlsStream, Arc<Carrier>), WireError> {
        let o = self.open(t)?;
        Ok((o.stream, o.carrier))
    }

    /// One query: the first framed answer `accept` takes (others are ignored and
    /// remembered, as over TCP); a timeout is tried again on a new connection.
    pub fn exchange(
        &self,
        t: &Transport,
        query: &[u8],
        mut accept: impl FnMut(&[u8]) -> Result<(), String>,
    ) -> Result<(Vec<u8>, Arc<Carrier>), WireError> {
        let mut ignored = Vec::new();
        let mut tries = 0;
        while tries <= t.retries {
            let kept = t.take_kept(&KEPT);
            let fresh = kept.is_none();
            let mut open = match kept {
                Some(o) => o,
                None => {
                    tries += 1;
                    match self.open(t) {
                        Err(WireError::Timeout { .. }) => continue,
                        other => other?,
                    }
                }
            };
            match ask(t, &mut open.stream, query, &mut accept, &mut ignored) {
                Ok(Some(reply)) => {
                    let carrier = open.carrier.clone();
                    if t.reuse {
                        t.keep(&KEPT, open);
                    } else {
                        let _ = open.stream.shutdown();
                    }
                    return Ok((reply, carrier));
                }
                Ok(None) => {
                    tries += u32::from(!fresh);
                    continue;
                }
                // A kept connection the server closed while idle: open a new one.
                Err(WireError::Closed(_) | WireError::Io(_)) if !fresh => continue,
                Err(e) => return Err(e),
            }
        }
        Err(WireError::Timeout { ignored })
    }
}

/// Send and wait for an acceptable answer; `Ok(None)` on timeout.
fn ask(
    t: &Transport,
    s: &mut TlsStream,
    query: &[u8],
    accept: &mut impl FnMut(&[u8]) -> Result<(), String>,
    ignored: &mut Vec<String>,
) -> Result<Option<Vec<u8>>, WireError> {
    write_framed(s, query)?;
    // The server's session tickets and its answer are two writes: acknowledge
    // the first at once, or a server with Nagle's algorithm on holds the answer
    // for our delayed ACK (40 ms on Linux).
    let _ = socket2::SockRef::from(s.get_ref()).set_tcp_quickack(true);
    loop {
        match t.read_framed(s) {
            Ok(reply) => match accept(&reply) {
                Ok(()) => return Ok(Some(reply)),
                Err(why) => ignored.push(why),
            },
            Err(WireError::Timeout { .. }) => return Ok(None),
            Err(e) => return Err(e),
        }
    }
}
