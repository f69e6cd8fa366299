//! TLS as an engine transport: a non-blocking `TcpStream` with a
//! [`ServerSession`] on it, read and written by the worker exactly as a plain
//! socket is (`read` gives plaintext, `write` takes plaintext), so protocols do
//! not know whether they run over TLS. The handshake runs inside `read` as the
//! ClientHello and Finished arrive (never a blocking call); handshake records
//! and encrypted replies the socket did not take wait in `backlog`, which the
//! worker counts as pending output (EPOLLOUT). A failed handshake (plaintext
//! client, bad client certificate, alert) is an `io::Error` carrying a
//! [`TlsFailure`], which the worker turns into `Close::Tls`; closing sends
//! close_notify when the socket takes it.
//!
//! It does not build configs (that is `net::tls::server_config`) or decide
//! deadlines (the worker's sweep closes a handshake that stalls).

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::time::Instant;

use rustls::ServerConfig;
use serde::Serialize;

use crate::net::tls::{cert::CertSummary, CloseReason, Closed, ServerSession};
use crate::output::{Palette, Render};

/// Plaintext handed to the engine per `write` call at most (one encryption step).
const CHUNK: usize = 64 * 1024;
/// Ciphertext read from the socket per step.
const RAW: usize = 17 * 1024;

/// One TLS connection: the socket, the session, and the bytes between them.
pub struct Tls {
    sock: TcpStream,
    session: ServerSession,
    /// Records for the socket, from `sent` on.
    backlog: Vec<u8>,
    sent: usize,
    /// Plaintext decrypted and not yet handed to the engine, from `taken` on.
    plain: Vec<u8>,
    taken: usize,
    /// The client sent close_notify.
    peer_closed: bool,
    /// The handshake finished and its line was not yet logged.
    fresh_info: bool,
    pub accepted: Instant,
}

/// Why a TLS connection failed, inside the `io::Error` that `read`/`write` return.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct TlsFailure(pub CloseReason);

impl Tls {
    pub fn new(sock: TcpStream, config: Arc<ServerConfig>) -> io::Result<Tls> {
        let session = ServerSession::new(config).map_err(|r| io::Error::other(TlsFailure(r)))?;
        Ok(Tls {
            sock,
            session,
            backlog: Vec::new(),
            sent: 0,
            plain: Vec::new(),
            taken: 0,
            peer_closed: false,
            fresh_info: false,
            accepted: Instant::now(),
        })
    }

    pub fn sock(&self) -> &TcpStream {
        &self.sock
    }

    /// Ciphertext queued for the socket.
    pub fn backlog(&self) -> usize {
        self.backlog.len() - self.sent
    }

    /// Decrypted bytes the engine has not read yet (the socket may be drained).
    pub fn buffered(&self) -> bool {
        self.taken < self.plain.len()
    }

    pub fn is_handshaking(&self) -> bool {
        self.session.is_handshaking()
    }

    /// Plaintext from the client: `Ok(0)` at close_notify or EOF, `WouldBlock`
    /// when the socket is drained (also when it held only handshake records).
    pub fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.buffered() {
                let n = (self.plain.len() - self.taken).min(buf.len());
                buf[..n].copy_from_slice(&self.plain[self.taken..self.taken + n]);
                self.taken += n;
                return Ok(n);
            }
            if self.peer_closed {
                return Ok(0);
            }
            let mut raw = [0u8; RAW];
            let n = self.sock.read(&mut raw)?;
            if n == 0 {
                return Ok(0);
            }
            self.plain.clear();
            self.taken = 0;
            match self.session.feed(&raw[..n], &mut self.plain) {
                Ok(fed) => {
                    self.peer_closed |= fed.peer_closed;
                    self.fresh_info |= fed.handshake_done;
                }
                Err(Closed { reason, goodbye }) => {
                    self.backlog.extend_from_slice(&goodbye);
                    let _ = self.push();
                    return Err(io::Error::other(TlsFailure(reason)));
                }
            }
            self.session.take_tls(&mut self.backlog);
            match self.push() {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// Encrypt up to [`CHUNK`] bytes of `buf` and send what the socket takes;
    /// `WouldBlock` while earlier records still wait (backpressure).
    /// `write(&[])` only pushes the backlog (`Ok(0)` once it is out).
    pub fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.push()?;
        if buf.is_empty() {
            return Ok(0);
        }
        let chunk = &buf[..buf.len().min(CHUNK)];
        if let Err(Closed { reason, goodbye }) = self.session.encrypt(chunk, &mut self.backlog) {
            self.backlog.extend_from_slice(&goodbye);
            let _ = self.push();
            return Err(io::Error::other(TlsFailure(reason)));
        }
        self.session.take_tls(&mut self.backlog);
        match self.push() {
            Ok(()) => Ok(chunk.len()),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => Ok(chunk.len()),
            Err(e) => Err(e),
        }
    }

    /// Write the backlog; `WouldBlock` if the socket did not take all of it.
    fn push(&mut self) -> io::Result<()> {
        while self.sent < self.backlog.len() {
            match self.sock.write(&self.backlog[self.sent..]) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => self.sent += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        self.backlog.clear();
        self.sent = 0;
        Ok(())
    }

    /// Queue close_notify and send it if the socket takes it now.
    pub fn close_notify(&mut self) {
        self.session.close(&mut self.backlog);
        let _ = self.push();
    }

    /// The handshake's line, once, right after it finished.
    pub fn take_handshake(&mut self) -> Option<HandshakeEvent> {
        if !std::mem::take(&mut self.fresh_info) {
            return None;
        }
        let info = self.session.info()?;
        let client = (info.peer_chain.first())
            .and_then(CertSummary::parse)
            .map(|c| c.subject);
        Some(HandshakeEvent {
            time: crate::output::timestamp(),
            peer: self.sock.peer_addr().ok().map(|a| a.to_string()),
            version: info.version.clone(),
            cipher_suite: info.cipher_suite.clone(),
            key_exchange: info.key_exchange.clone(),
            alpn: info.alpn.clone(),
            sni: info.sni.clone(),
            client_cert: client,
            handshake_ms: info.handshake_ms,
        })
    }
}

/// The `tls_handshake` log line of a server: what a client negotiated.
#[derive(Debug, Serialize)]
pub struct HandshakeEvent {
    time: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    peer: Option<String>,
    version: String,
    cipher_suite: String,
    key_exchange: Option<String>,
    alpn: Option<String>,
    sni: Option<String>,
    /// The client certificate's subject (mutual TLS).
    client_cert: Option<String>,
    handshake_ms: f64,
}

impl Render for HandshakeEvent {
    fn kind(&self) -> &str {
        "tls_handshake"
    }
    fn human(&self, p: &Palette) -> String {
        let mut s = format!(
            "{} {} tls: {} {}",
            p.dim(&self.time),
            p.name(self.peer.as_deref().unwrap_or("?")),
            self.version,
            self.cipher_suite
        );
        if let Some(g) = &self.key_exchange {
            s.push_str(&format!(" {g}"));
        }
        if let Some(a) = &self.alpn {
            s.push_str(&format!(" alpn={a}"));
        }
        if let Some(n) = &self.sni {
            s.push_str(&format!(" sni={n}"));
        }
        match &self.client_cert {
            Some(c) => s.push_str(&format!(" client={c}")),
            None => s.push_str(" no client cert"),
        }
        s.push_str(&format!(" {:.1} ms", self.handshake_ms));
        s
    }
}
