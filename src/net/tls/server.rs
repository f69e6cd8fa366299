//! The server side of TLS as a layer the server engine drives, pure with respect
//! to sockets: bytes from the socket in, plaintext and bytes to write back out.
//! A client that fails its handshake ends with a typed [`CloseReason`] and the
//! alert to send it, and only that connection is dropped.
//!
//! How the engine calls it, per connection (non-blocking socket, epoll):
//! 1. on accept: `ServerSession::new(config)` (config from `tls::server_config`);
//! 2. on readable: read what the socket has into `buf`, then
//!    `session.feed(&buf[..n], &mut plaintext)`; hand `plaintext` to the protocol
//!    (tcp-echo, RESP, HTTP) exactly as it would get bytes from a plain socket.
//!    `Fed::handshake_done` says the handshake finished in this call (log it with
//!    `session.info()`), `Fed::peer_closed` that the client sent close_notify;
//! 3. to send the protocol's reply: `session.encrypt(reply, &mut out)`;
//! 4. after every feed/encrypt: `session.take_tls(&mut out)` appends the records
//!    rustls has queued (handshake messages, alerts, data); write `out` to the
//!    socket, keeping what the socket did not take for EPOLLOUT, as for plain bytes;
//!    `wants_write()` says whether anything is still queued inside;
//! 5. on `Err(Closed { reason, goodbye })`: write `goodbye` (the alert) if the
//!    socket takes it, log `reason`, close this connection only;
//! 6. to close: `session.close(&mut out)` queues close_notify; write, then close.
//!    On read EOF without close_notify just drop the connection.
//!
//! The handshake deadline is the engine's idle/request deadline: a client that
//! stalls mid-handshake is closed like an idle one (`is_handshaking()` tells which).

use std::io::{Read, Write};
use std::sync::Arc;
use std::time::Instant;

use rustls::{ServerConfig, ServerConnection};

use super::HandshakeInfo;

/// One server-side TLS connection.
pub struct ServerSession {
    conn: ServerConnection,
    started: Instant,
    info: Option<HandshakeInfo>,
    /// No byte has come from the client yet.
    fresh: bool,
}

/// What one [`ServerSession::feed`] produced besides plaintext.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Fed {
    /// Plaintext bytes appended.
    pub plaintext: usize,
    /// The handshake finished during this call.
    pub handshake_done: bool,
    /// The client sent close_notify: no more data will come.
    pub peer_closed: bool,
}

/// Why a TLS connection must be closed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CloseReason {
    /// The client sent something that is not TLS (plaintext on a TLS port).
    #[error("the client does not speak TLS (it sent {0})")]
    NotTls(String),
    /// The handshake failed: no shared version or cipher, a bad client certificate, an alert.
    #[error("TLS handshake failed: {0}")]
    Handshake(String),
    /// TLS failed after the handshake (a bad record, a decrypt error).
    #[error("TLS error: {0}")]
    Protocol(String),
}

/// A connection to close, and the bytes (an alert) to send it first.
#[derive(Debug, thiserror::Error)]
#[error("{reason}")]
pub struct Closed {
    pub reason: CloseReason,
    pub goodbye: Vec<u8>,
}

impl ServerSession {
    /// A new connection, before the ClientHello.
    pub fn new(config: Arc<ServerConfig>) -> Result<ServerSession, CloseReason> {
        let conn =
            ServerConnection::new(config).map_err(|e| CloseReason::Handshake(e.to_string()))?;
        Ok(ServerSession {
            conn,
            started: Instant::now(),
            info: None,
            fresh: true,
        })
    }

    /// Feed bytes read from the socket; plaintext is appended to `plaintext`.
    pub fn feed(&mut self, mut input: &[u8], plaintext: &mut Vec<u8>) -> Result<Fed, Closed> {
        let first = self.fresh;
        self.fresh &= input.is_empty();
        let head = input;
        let mut fed = Fed::default();
        while !input.is_empty() {
            if let Err(e) = self.conn.read_tls(&mut input) {
                return Err(self.fail(CloseReason::Protocol(e.to_string())));
            }
            match self.conn.process_new_packets() {
                Ok(state) => {
                    fed.peer_closed |= state.peer_has_closed();
                }
                Err(e) => {
                    let reason = if first && !looks_like_tls(head) {
                        CloseReason::NotTls(crate::output::escape(&head[..head.len().min(24)]))
                    } else if self.conn.is_handshaking() {
                        CloseReason::Handshake(e.to_string())
                    } else {
                        CloseReason::Protocol(e.to_string())
                    };
                    return Err(self.fail(reason));
                }
            }
            fed.plaintext += self.drain(plaintext);
        }
        if self.info.is_none() && !self.conn.is_handshaking() {
            let sni = self.conn.server_name().map(str::to_string);
            self.info = Some(HandshakeInfo::from_conn(
                &self.conn,
                sni,
                self.started.elapsed(),
            ));
            fed.handshake_done = true;
        }
        Ok(fed)
    }

    fn drain(&mut self, plaintext: &mut Vec<u8>) -> usize {
        let before = plaintext.len();
        let mut chunk = [0u8; 16 * 1024];
        loop {
            match self.conn.reader().read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => plaintext.extend_from_slice(&chunk[..n]),
            }
        }
        plaintext.len() - before
    }

    fn fail(&mut self, reason: CloseReason) -> Closed {
        let mut goodbye = Vec::new();
        self.take_tls(&mut goodbye);
        Closed { reason, goodbye }
    }

    /// Encrypt `plain` for the client; the records go to `out` (before the
    /// handshake ends they wait inside and come out of a later `take_tls`).
    pub fn encrypt(&mut self, mut plain: &[u8], out: &mut Vec<u8>) -> Result<(), Closed> {
        while !plain.is_empty() {
            let n = match self.conn.writer().write(plain) {
                Ok(n) => n,
                Err(e) => return Err(self.fail(CloseReason::Protocol(e.to_string()))),
            };
            plain = &plain[n..];
            self.take_tls(out);
            if n == 0 && self.conn.is_handshaking() {
                // Buffer full before the handshake: the caller should wait for it.
                return Err(self.fail(CloseReason::Protocol(
                    "too much data queued before the handshake finished".into(),
                )));
            }
        }
        Ok(())
    }

    /// Append every TLS record rustls has queued (handshake, alerts, data) to `out`.
    pub fn take_tls(&mut self, out: &mut Vec<u8>) {
        while self.conn.wants_write() {
            if self.conn.write_tls(out).is_err() {
                break;
            }
        }
    }

    /// Anything queued for the socket?
    pub fn wants_write(&self) -> bool {
        self.conn.wants_write()
    }

    pub fn is_handshaking(&self) -> bool {
        self.conn.is_handshaking()
    }

    /// Queue close_notify and append it to `out`.
    pub fn close(&mut self, out: &mut Vec<u8>) {
        self.conn.send_close_notify();
        self.take_tls(out);
    }

    /// The handshake's facts, once it finished (the client's certificates in `peer_chain`).
    pub fn info(&self) -> Option<&HandshakeInfo> {
        self.info.as_ref()
    }
}

fn looks_like_tls(head: &[u8]) -> bool {
    head.len() < 2 || ((20..=23).contains(&head[0]) && head[1] == 3)
}

#[cfg(test)]
#[path = "server_tests.rs"]
pub(crate) mod tests;
