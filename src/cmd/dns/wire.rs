//! DNS messages over netkit's own std sockets: one UDP exchange (answers that
//! fail the caller's check — wrong ID, wrong question, garbage — are ignored while
//! waiting and remembered for the error), and TCP-framed DNS (RFC 1035 §4.2.2: a
//! 2-byte length before each message) over any `Read + Write` stream, so the TLS
//! stream of `dot.rs` carries the same code (RFC 7858).
//!
//! Every wait is cut into slices of `signal::POLL`, so `--timeout` and Ctrl-C
//! take effect at once. It does not build or parse messages (that is
//! `message.rs` with hickory-proto); it only moves bytes and keeps time.

use std::io::{self, Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpStream, UdpSocket};
use std::time::{Duration, Instant};

use thiserror::Error;

use crate::signal::{self, Stop};

/// The biggest DNS message (the TCP length prefix is 16 bits).
pub const MAX_MESSAGE: usize = 65_535;

/// What went wrong moving a message.
#[derive(Debug, Error)]
pub enum WireError {
    /// Nothing acceptable arrived in time; `ignored` says what did arrive.
    #[error("no answer{}", ignored_note(.ignored))]
    Timeout { ignored: Vec<String> },
    #[error("stopped before the answer")]
    Interrupted,
    #[error("connection refused: nothing listens on {0}")]
    Refused(SocketAddr),
    #[error("the server closed the connection {0}")]
    Closed(String),
    /// A failure already put in words with its kind and hint (TLS, HTTP).
    #[error("{0}")]
    Classified(crate::exit::Failure),
    #[error("{0}")]
    Io(#[from] io::Error),
}

fn ignored_note(ignored: &[String]) -> String {
    match ignored {
        [] => String::new(),
        [one] => format!(" (ignored 1 reply: {one})"),
        [first, ..] => format!(" (ignored {} replies; the first: {first})", ignored.len()),
    }
}

/// Where to send and how long to wait.
#[derive(Debug, Clone)]
pub struct Transport {
    pub server: SocketAddr,
    /// Per try.
    pub timeout: Duration,
    /// Tries after the first.
    pub retries: u32,
    pub stop: Stop,
    /// Keep one UDP socket per thread for this server (batches: fewer system
    /// calls per query, one source port per worker instead of per query).
    pub reuse: bool,
}

/// A batch worker's connection to one server, kept between its queries in a
/// thread-local (see [`Transport::reuse`]): UDP sockets here, TLS and HTTPS
/// sessions in `dot.rs` and `doh.rs`.
pub type Kept<O> = std::thread::LocalKey<std::cell::RefCell<Option<(SocketAddr, O)>>>;

thread_local! {
    /// The socket a batch worker keeps (see [`Transport::reuse`]).
    static KEPT: std::cell::RefCell<Option<(SocketAddr, UdpSocket)>> = const { std::cell::RefCell::new(None) };
}

/// The local address a query socket binds: loopback for a loopback server.
pub fn local_for(server: SocketAddr) -> SocketAddr {
    let ip = match server.ip() {
        IpAddr::V4(v4) if v4.is_loopback() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::UNSPECIFIED),
        IpAddr::V6(v6) if v6.is_loopback() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        IpAddr::V6(_) => IpAddr::V6(Ipv6Addr::UNSPECIFIED),
    };
    SocketAddr::new(ip, 0)
}

fn is_wait(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut | io::ErrorKind::Interrupted
    )
}

impl Transport {
    /// Send `query` over UDP and return the first datagram `accept` takes
    /// (`Err(why)` = ignore it and keep waiting). Each try resends the same query.
    pub fn udp(
        &self,
        query: &[u8],
        mut accept: impl FnMut(&[u8]) -> Result<(), String>,
    ) -> Result<Vec<u8>, WireError> {
        let sock = match self.take_kept(&KEPT) {
            Some(s) => s,
            None => {
                let s = UdpSocket::bind(local_for(self.server))?;
                // connect(): the kernel drops datagrams from any other source, and
                // a closed port comes back as ECONNREFUSED instead of a timeout.
                s.connect(self.server)?;
                s
            }
        };
        let got = self.udp_on(&sock, query, &mut accept);
        self.keep(&KEPT, sock);
        got
    }

    /// This thread's kept connection to this server, when batches keep one.
    pub fn take_kept<O>(&self, kept: &'static Kept<O>) -> Option<O> {
        if !self.reuse {
            return None;
        }
        kept.with(|k| k.borrow_mut().take())
            .filter(|(server, _)| *server == self.server)
            .map(|(_, o)| o)
    }

    /// Keep `o` for this thread's next query to this server (batches only).
    pub fn keep<O>(&self, kept: &'static Kept<O>, o: O) {
        if self.reuse {
            kept.with(|k| *k.borrow_mut() = Some((self.server, o)));
        }
    }

    fn udp_on(
        &self,
        sock: &UdpSocket,
        query: &[u8],
        accept: &mut impl FnMut(&[u8]) -> Result<(), String>,
    ) -> Result<Vec<u8>, WireError> {
        // Not zeroed: a 64 KiB memset was 7% of a one-shot query's instructions.
        let mut buf: Vec<u8> = Vec::with_capacity(MAX_MESSAGE);
        let mut ignored = Vec::new();
        for _ in 0..=self.retries {
            match sock.send(query) {
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
                    return Err(WireError::Refused(self.server))
                }
                Err(e) => return Err(e.into()),
            }
            let deadline = Instant::now() + self.timeout;
            while let Some(slice) = self.slice(deadline)? {
                sock.set_read_timeout(Some(slice))?;
                match socket2::SockRef::from(sock).recv(buf.spare_capacity_mut()) {
                    Ok(n) => match accept(recvd(&buf, n)) {
                        Ok(()) => {
                            // SAFETY: recv initialised the first n bytes.
                            unsafe { buf.set_len(n) };
                            return Ok(buf);
                        }
                        Err(why) => ignored.push(why),
                    },
                    Err(e) if is_wait(&e) => {}
                    Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
                        return Err(WireError::Refused(self.server))
                    }
                    Err(e) => return Err(e.into()),
                }
            }
        }
        Err(WireError::Timeout { ignored })
    }

    /// The next wait before `deadline` (at most `POLL`), `None` when it passed;
    /// Ctrl-C is an error.
    fn slice(&self, deadline: Instant) -> Result<Option<Duration>, WireError> {
        if self.stop.is_stopped() {
            return Err(WireError::Interrupted);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(None);
        }
        Ok(Some(left.min(signal::POLL)))
    }

    /// A TCP connection to the server, its reads cut into `POLL` slices (the
    /// connect itself sees Ctrl-C within `POLL`).
    pub fn connect(&self) -> Result<TcpStream, WireError> {
        let s = match crate::net::connect_addr(&self.server, self.timeout) {
            Ok(s) => s,
            Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
                return Err(WireError::Refused(self.server))
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return Err(WireError::Interrupted),
            Err(e) if is_wait(&e) => return Err(WireError::Timeout { ignored: vec![] }),
            Err(e) => return Err(e.into()),
        };
        s.set_nodelay(true)?;
        s.set_read_timeout(Some(signal::POLL))?;
        s.set_write_timeout(Some(self.timeout))?;
        Ok(s)
    }

    /// One query over a new TCP connection, retried on timeout; `accept` as for UDP.
    pub fn tcp(
        &self,
        query: &[u8],
        mut accept: impl FnMut(&[u8]) -> Result<(), String>,
    ) -> Result<Vec<u8>, WireError> {
        let mut ignored = Vec::new();
        for _ in 0..=self.retries {
            let mut s = match self.connect() {
                Err(WireError::Timeout { .. }) => continue,
                other => other?,
            };
            write_framed(&mut s, query)?;
            loop {
                match self.read_framed(&mut s) {
                    Ok(reply) => match accept(&reply) {
                        Ok(()) => return Ok(reply),
                        Err(why) => ignored.push(why),
                    },
                    Err(WireError::Timeout { .. }) => break,
                    Err(e) => return Err(e),
                }
            }
        }
        Err(WireError::Timeout { ignored })
    }

    /// Read one length-prefixed message, waiting at most the timeout for it
    /// (the stream must have a read timeout of about `POLL`).
    pub fn read_framed<S: Read>(&self, s: &mut S) -> Result<Vec<u8>, WireError> {
        let deadline = Instant::now() + self.timeout;
        let mut len = [0u8; 2];
        if !self.fill(s, &mut len, deadline, true)? {
            return Err(WireError::Closed("before sending an answer".into()));
        }
        let mut msg = vec![0u8; usize::from(u16::from_be_bytes(len))];
        self.fill(s, &mut msg, deadline, false)?;
        Ok(msg)
    }

    /// Fill `buf` completely; `Ok(false)` for a clean end of stream before the
    /// first byte when `eof_ok`.
    fn fill<S: Read>(
        &self,
        s: &mut S,
        buf: &mut [u8],
        deadline: Instant,
        eof_ok: bool,
    ) -> Result<bool, WireError> {
        let mut got = 0;
        while got < buf.len() {
            if self.slice(deadline)?.is_none() {
                return Err(WireError::Timeout { ignored: vec![] });
            }
            match s.read(&mut buf[got..]) {
                Ok(0) if got == 0 && eof_ok => return Ok(false),
                Ok(0) => {
                    return Err(WireError::Closed(format!(
                        "in the middle of a message ({got} of {} bytes)",
                        buf.len()
                    )))
                }
                Ok(n) => got += n,
                Err(e) if is_wait(&e) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(true)
    }
}

/// The `n` bytes `recv` wrote into `buf`'s spare capacity.
fn recvd(buf: &Vec<u8>, n: usize) -> &[u8] {
    let n = n.min(buf.capacity());
    // SAFETY: the kernel initialised the first n bytes of the spare capacity
    // (buf is empty, so they start at its pointer), and n is within it.
    unsafe { std::slice::from_raw_parts(buf.as_ptr(), n) }
}

/// Write one message with its 2-byte length, in one write.
pub fn write_framed<S: Write>(s: &mut S, msg: &[u8]) -> io::Result<()> {
    let len = u16::try_from(msg.len())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "message over 65535 bytes"))?;
    let mut framed = Vec::with_capacity(msg.len() + 2);
    framed.extend_from_slice(&len.to_be_bytes());
    framed.extend_from_slice(msg);
    s.write_all(&framed)?;
    s.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transport() -> Transport {
        Transport {
            server: "127.0.0.1:9".parse().unwrap(),
            timeout: Duration::from_millis(300),
            retries: 0,
            stop: Stop::new(),
            reuse: false,
        }
    }

    #[test]
    fn framing_round_trip_and_short_stream() {
        let mut v = Vec::new();
        write_framed(&mut v, b"hello").unwrap();
        assert_eq!(v, b"\x00\x05hello");
        let t = transport();
        assert_eq!(t.read_framed(&mut &v[..]).unwrap(), b"hello");
        let cut = &v[..4];
        let e = t.read_framed(&mut &cut[..]).unwrap_err();
        assert!(e.to_string().contains("2 of 5 bytes"), "{e}");
        let e = t.read_framed(&mut &b""[..]).unwrap_err();
        assert!(matches!(e, WireError::Closed(_)));
    }

    #[test]
    fn timeout_names_what_was_ignored() {
        let e = WireError::Timeout {
            ignored: vec!["wrong ID 0x1234".into(), "x".into()],
        };
        assert_eq!(
            e.to_string(),
            "no answer (ignored 2 replies; the first: wrong ID 0x1234)"
        );
    }
}
