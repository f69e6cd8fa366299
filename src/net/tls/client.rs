//! The blocking TLS client stream: [`connect`] runs the handshake over an already
//! connected `TcpStream`, waiting in slices of at most [`POLL`] so a `Stop` (Ctrl-C)
//! is seen within 100 ms and the whole handshake is bounded by a deadline; the
//! result, [`TlsStream`], is `Read + Write` like the `TcpStream` it wraps.
//!
//! Contract for the client connection (`net::stream::Stream` can hold it as one
//! more variant, next to the plain `TcpStream`):
//! - `read`/`write` behave as on a `TcpStream` with the same timeouts:
//!   [`TlsStream::set_read_timeout`] / [`TlsStream::set_write_timeout`] pass
//!   through to the socket, and a read that times out returns
//!   `WouldBlock`/`TimedOut` with any partial TLS record kept inside, so the read can
//!   simply be retried (the deadline-per-wait loop of a plain stream works as is);
//! - `read` returning `Ok(0)` is a clean close (the peer's close_notify); a peer
//!   that closes without one gives `UnexpectedEof`, as rustls reports it;
//! - `write` encrypts and writes the whole record before returning; `flush` flushes;
//! - [`TlsStream::shutdown`] sends close_notify, then shuts the socket down;
//! - [`TlsStream::info`] is the [`HandshakeInfo`] for `--trace` and reports, and
//!   [`TlsStream::get_ref`] the socket (peer address, `set_nodelay`, and a plain
//!   `shutdown(how)` where `&self` is all there is: it skips close_notify);
//! - it is `Debug` (the socket, version and SNI), so `Stream` can keep its derive:
//!   `Stream::Tls(Box<TlsStream>)`, `tcp()` → `get_ref()`, and `Transport`'s
//!   `set_read_timeout` → [`TlsStream::set_read_timeout`].
//!
//! It does not resolve or connect: callers use `net::connect_tcp` first.

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

use rustls::pki_types::ServerName;
use rustls::{ClientConnection, StreamOwned};

use super::{HandshakeInfo, TlsClient, TlsError};
use crate::signal::{Stop, POLL};

/// How many of the peer's first bytes are kept to explain a failed handshake.
const KEEP: usize = 64;

/// A TLS client connection over a blocking `TcpStream`.
pub struct TlsStream {
    inner: StreamOwned<ClientConnection, TcpStream>,
    info: HandshakeInfo,
}

/// Run the TLS handshake on `tcp` as a client of `host` (or of `--servername`),
/// finishing by `deadline` and giving up early when `stop` is set. The socket's
/// read and write timeouts are left at `None`; set them on the returned stream.
pub fn connect(
    tcp: TcpStream,
    tls: &TlsClient,
    host: &str,
    deadline: Instant,
    stop: &Stop,
) -> Result<TlsStream, TlsError> {
    let name = tls
        .name_for(host)
        .map_err(|f| TlsError::Protocol(f.message))?;
    connect_name(tcp, tls, name, deadline, stop)
}

/// [`connect`] with the server name already made.
pub fn connect_name(
    mut tcp: TcpStream,
    tls: &TlsClient,
    name: ServerName<'static>,
    deadline: Instant,
    stop: &Stop,
) -> Result<TlsStream, TlsError> {
    let started = Instant::now();
    let sni = match &name {
        ServerName::DnsName(d) => Some(d.as_ref().to_string()),
        _ => None,
    };
    let mut conn = ClientConnection::new(tls.config.clone(), name)
        .map_err(|e| TlsError::Protocol(e.to_string()))?;
    let mut seen = Vec::new();
    let mut sent = Vec::new();
    let result = handshake(&mut conn, &mut tcp, deadline, stop, &mut seen, &mut sent);
    // Whatever happened, send what rustls queued (an alert, on failure).
    while conn.wants_write() {
        if conn.write_tls(&mut tcp).is_err() {
            break;
        }
    }
    match result {
        Ok(()) => {}
        Err(HandshakeError::Tls(e)) => return Err(TlsError::from_rustls(e, &seen, &sent)),
        Err(HandshakeError::Other(e)) => return Err(e),
    }
    tcp.set_read_timeout(None)?;
    tcp.set_write_timeout(None)?;
    let info = HandshakeInfo::from_conn(&conn, sni, started.elapsed());
    Ok(TlsStream {
        inner: StreamOwned::new(conn, tcp),
        info,
    })
}

enum HandshakeError {
    Tls(rustls::Error),
    Other(TlsError),
}

impl From<TlsError> for HandshakeError {
    fn from(e: TlsError) -> Self {
        HandshakeError::Other(e)
    }
}

fn handshake(
    conn: &mut ClientConnection,
    tcp: &mut TcpStream,
    deadline: Instant,
    stop: &Stop,
    seen: &mut Vec<u8>,
    sent: &mut Vec<u8>,
) -> Result<(), HandshakeError> {
    // For messages: the limit as the user gave it, to the millisecond.
    let total = deadline.saturating_duration_since(Instant::now());
    let total = Duration::from_millis((total.as_secs_f64() * 1000.0).round() as u64);
    while conn.is_handshaking() {
        let left = remaining(deadline, total)?;
        if stop.is_stopped() {
            return Err(TlsError::Stopped.into());
        }
        if conn.wants_write() {
            tcp.set_write_timeout(Some(left.min(POLL)))?;
            let mut buf = Vec::new();
            conn.write_tls(&mut buf)?;
            if sent.len() < KEEP {
                sent.extend_from_slice(&buf[..buf.len().min(KEEP)]);
            }
            write_all_until(tcp, &buf, deadline, total, stop)?;
            continue;
        }
        tcp.set_read_timeout(Some(left.min(POLL)))?;
        let mut buf = [0u8; 16 * 1024];
        let n = match tcp.read(&mut buf) {
            Ok(0) => return Err(closed(seen, sent)),
            Ok(n) => n,
            Err(e) if is_timeout(&e) => continue,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) if e.kind() == io::ErrorKind::ConnectionReset => return Err(closed(seen, sent)),
            Err(e) => return Err(TlsError::Io(e).into()),
        };
        if seen.len() < KEEP {
            seen.extend_from_slice(&buf[..n.min(KEEP - seen.len())]);
        }
        let mut rd = &buf[..n];
        while !rd.is_empty() {
            conn.read_tls(&mut rd)?;
            conn.process_new_packets().map_err(HandshakeError::Tls)?;
        }
    }
    Ok(())
}

/// The peer closed: a plaintext peer that said something first is "not TLS".
fn closed(seen: &[u8], sent: &[u8]) -> HandshakeError {
    if seen.is_empty() {
        HandshakeError::Other(TlsError::Closed)
    } else {
        HandshakeError::Other(TlsError::from_rustls(
            rustls::Error::HandshakeNotComplete,
            seen,
            sent,
        ))
    }
}

fn write_all_until(
    tcp: &mut TcpStream,
    mut buf: &[u8],
    deadline: Instant,
    total: Duration,
    stop: &Stop,
) -> Result<(), TlsError> {
    while !buf.is_empty() {
        remaining(deadline, total)?;
        if stop.is_stopped() {
            return Err(TlsError::Stopped);
        }
        match tcp.write(buf) {
            Ok(0) => return Err(TlsError::Closed),
            Ok(n) => buf = &buf[n..],
            Err(e) if is_timeout(&e) || e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(TlsError::Io(e)),
        }
    }
    Ok(())
}

fn remaining(deadline: Instant, total: Duration) -> Result<Duration, TlsError> {
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        Err(TlsError::Timeout(total))
    } else {
        Ok(left)
    }
}

fn is_timeout(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

impl From<io::Error> for HandshakeError {
    fn from(e: io::Error) -> Self {
        HandshakeError::Other(TlsError::Io(e))
    }
}

impl TlsStream {
    /// What the handshake negotiated, and the server's chain.
    pub fn info(&self) -> &HandshakeInfo {
        &self.info
    }
    /// The session and the socket, for a caller that drives them itself (the
    /// non-blocking `rpc-call --concurrency` load generator; DoH hands a finished
    /// handshake to tokio for HTTP/2).
    pub fn into_parts(self) -> (ClientConnection, TcpStream) {
        self.inner.into_parts()
    }
    /// The socket underneath.
    pub fn get_ref(&self) -> &TcpStream {
        &self.inner.sock
    }
    /// The rustls connection (negotiated parameters, peer certificates).
    pub fn conn(&self) -> &ClientConnection {
        &self.inner.conn
    }
    pub fn set_read_timeout(&self, d: Option<Duration>) -> io::Result<()> {
        self.inner.sock.set_read_timeout(d)
    }
    pub fn set_write_timeout(&self, d: Option<Duration>) -> io::Result<()> {
        self.inner.sock.set_write_timeout(d)
    }
    /// Wait up to `wait` for the server's first records after the handshake and
    /// process them. In TLS 1.3 the client's handshake ends before the server has
    /// checked the client's certificate: a refusal comes as an alert afterwards,
    /// usually with or instead of the session tickets. `netkit tls` calls this so
    /// its verdict includes that refusal; streams that go on to read get it then.
    pub fn settle(&mut self, wait: Duration) -> Result<(), TlsError> {
        if wait.is_zero() {
            return Ok(());
        }
        let mut buf = [0u8; 4096];
        self.inner.sock.set_read_timeout(Some(wait))?;
        let read = self.inner.sock.read(&mut buf);
        self.inner.sock.set_read_timeout(None)?;
        let n = match read {
            Ok(0) => return Err(TlsError::Closed),
            Ok(n) => n,
            Err(e) if is_timeout(&e) || e.kind() == io::ErrorKind::Interrupted => return Ok(()),
            Err(e) => return Err(TlsError::Io(e)),
        };
        let mut rd = &buf[..n];
        while !rd.is_empty() {
            self.inner.conn.read_tls(&mut rd)?;
            if let Err(e) = self.inner.conn.process_new_packets() {
                return Err(TlsError::from_rustls(e, &[], &[]));
            }
        }
        Ok(())
    }

    /// Send close_notify (best effort), then shut the socket down both ways.
    pub fn shutdown(&mut self) -> io::Result<()> {
        self.inner.conn.send_close_notify();
        let _ = self.inner.flush();
        self.inner.sock.shutdown(Shutdown::Both)
    }
}

impl std::fmt::Debug for TlsStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsStream")
            .field("sock", &self.inner.sock)
            .field("version", &self.info.version)
            .field("sni", &self.info.sni)
            .finish()
    }
}

impl Read for TlsStream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf)
    }
}

impl Write for TlsStream {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;
