//! A TCP connection with a read buffer, where every wait is bounded: reads wait
//! in `signal::POLL` slices so a deadline or a stop request (Ctrl-C, a lab) ends
//! them. Client and server, HTTP and raw TCP framings all read through this. It
//! does not parse anything: framing lives in `http` and `proto::*`.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Instant;

use crate::signal::{Stop, POLL};

/// First buffer size; it doubles while one message needs more.
const CHUNK: usize = 16 * 1024;

/// A buffered, deadline-aware TCP stream. `buf[start..end]` holds the bytes
/// received and not consumed; the rest of `buf` is room for the next read
/// (kept allocated and initialised, so a read costs no zeroing).
pub struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    pub peer: SocketAddr,
}

impl Conn {
    /// Wrap a connected stream (sets `TCP_NODELAY` and the poll-sized read timeout).
    pub fn new(stream: TcpStream) -> io::Result<Conn> {
        stream.set_nodelay(true)?;
        stream.set_read_timeout(Some(POLL))?;
        let peer = stream.peer_addr()?;
        Ok(Conn {
            stream,
            buf: vec![0; CHUNK],
            start: 0,
            end: 0,
            peer,
        })
    }

    /// Bytes received and not consumed yet.
    pub fn buffered(&self) -> &[u8] {
        &self.buf[self.start..self.end]
    }

    /// Mark `n` buffered bytes as used.
    pub fn consume(&mut self, n: usize) {
        self.start = (self.start + n).min(self.end);
        if self.start == self.end {
            self.start = 0;
            self.end = 0;
        }
    }

    /// Read more bytes into the buffer, waiting until `until` at most.
    /// Returns how many came (0 = the peer closed). A deadline is `TimedOut`,
    /// a stop request `Interrupted`.
    pub fn fill(&mut self, until: Instant, stop: &Stop) -> io::Result<usize> {
        if self.end == self.buf.len() {
            if self.start > 0 {
                self.buf.copy_within(self.start..self.end, 0);
                self.end -= self.start;
                self.start = 0;
            } else {
                self.buf.resize(self.buf.len() * 2, 0);
            }
        }
        loop {
            match self.stream.read(&mut self.buf[self.end..]) {
                Ok(n) => {
                    self.end += n;
                    return Ok(n);
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock
                            | io::ErrorKind::TimedOut
                            | io::ErrorKind::Interrupted
                    ) =>
                {
                    if stop.is_stopped() {
                        return Err(io::Error::new(io::ErrorKind::Interrupted, "stopped"));
                    }
                    if Instant::now() >= until {
                        return Err(io::Error::new(io::ErrorKind::TimedOut, "timed out"));
                    }
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// Write everything (bounded by the socket's write timeout, if set).
    pub fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.stream.write_all(bytes)
    }

    /// The underlying stream (timeouts, shutdown).
    pub fn stream(&self) -> &TcpStream {
        &self.stream
    }
}
