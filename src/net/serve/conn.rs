//! One connection as the engine holds it: its transport (plain TCP, or TLS
//! through `serve::tls`), its input buffer (linear: bytes are
//! read in place, the buffer grows geometrically and a protocol remembers how
//! far it scanned), its output and its timers, and the one typed reason a
//! connection ends. No policy: `worker` decides when to read, write and close.

use std::fmt;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::fd::{AsRawFd, RawFd};
use std::time::{Duration, Instant};

use super::tls::{Tls, TlsFailure};

/// What bytes travel over: plain TCP, or a TLS session over it (`serve::tls`);
/// the protocols never see the difference.
pub enum Transport {
    Plain(TcpStream),
    Tls(Box<Tls>),
}

impl Transport {
    pub fn fd(&self) -> RawFd {
        match self {
            Transport::Plain(s) => s.as_raw_fd(),
            Transport::Tls(t) => t.sock().as_raw_fd(),
        }
    }
    pub fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Transport::Plain(s) => s.read(buf),
            Transport::Tls(t) => t.read(buf),
        }
    }
    pub fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Transport::Plain(s) => s.write(buf),
            Transport::Tls(t) => t.write(buf),
        }
    }
    /// Output the transport holds itself (TLS records the socket did not take).
    pub fn backlog(&self) -> usize {
        match self {
            Transport::Plain(_) => 0,
            Transport::Tls(t) => t.backlog(),
        }
    }
    /// Input the transport holds itself (decrypted, not yet read).
    pub fn buffered(&self) -> bool {
        matches!(self, Transport::Tls(t) if t.buffered())
    }
    pub fn stream(&self) -> &TcpStream {
        match self {
            Transport::Plain(s) => s,
            Transport::Tls(t) => t.sock(),
        }
    }
    /// Close: TLS sends close_notify first (if the socket takes it now).
    pub fn shutdown(&mut self) {
        if let Transport::Tls(t) = self {
            t.close_notify();
        }
        let _ = self.stream().shutdown(std::net::Shutdown::Both);
    }
}

/// Why a connection ended: one type for every server's log and counters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Close {
    /// The peer closed its side (and everything it sent was answered).
    PeerClosed,
    /// The protocol ended it normally (QUIT, `Connection: close`, `--count`).
    Done(String),
    /// Bad input from the peer (oversize, malformed, cut frame).
    Bad(String),
    /// No byte in or out for this long (`--idle-timeout`).
    Idle(Duration),
    /// A partial message not completed within this long.
    Stalled(Duration),
    /// The server's input budget was reached and this one waited longest.
    OverBudget(usize),
    /// Unsent output passed this limit (a slow subscriber).
    SlowReader(usize),
    /// A socket error.
    Io(String),
    /// TLS failed: not TLS, a failed or stalled handshake, a bad record.
    Tls(String),
    /// The server is stopping.
    Stopping,
}

impl Close {
    /// Worth a warning or a `refused` count: the peer misbehaved or was cut off.
    pub fn is_trouble(&self) -> bool {
        matches!(
            self,
            Close::Bad(_)
                | Close::Tls(_)
                | Close::Idle(_)
                | Close::Stalled(_)
                | Close::OverBudget(_)
                | Close::SlowReader(_)
        )
    }

    pub fn io(e: &io::Error) -> Close {
        if let Some(f) = e.get_ref().and_then(|i| i.downcast_ref::<TlsFailure>()) {
            return Close::Tls(f.to_string());
        }
        Close::Io(match e.kind() {
            io::ErrorKind::ConnectionReset => "reset by peer".into(),
            io::ErrorKind::BrokenPipe => "peer went away".into(),
            _ => format!("error: {e}"),
        })
    }
}

impl fmt::Display for Close {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Close::PeerClosed => f.write_str("closed by peer"),
            Close::Done(s) | Close::Bad(s) | Close::Io(s) | Close::Tls(s) => f.write_str(s),
            Close::Idle(d) => write!(f, "idle for {d:?} (--idle-timeout)"),
            Close::Stalled(d) => {
                write!(f, "a message still incomplete after {d:?} (--idle-timeout)")
            }
            Close::OverBudget(n) => write!(
                f,
                "the server holds {n} bytes of partial input (--max-buffered) \
                 and this partial message waited longest"
            ),
            Close::SlowReader(n) => write!(
                f,
                "slow reader: output buffer passed the limit of {n} bytes"
            ),
            Close::Stopping => f.write_str("server stopping"),
        }
    }
}

/// Bytes received and not yet consumed: `buf[start..end]`, read in place.
#[derive(Default)]
pub struct Input {
    buf: Vec<u8>,
    start: usize,
    end: usize,
    /// How far the protocol already looked for a boundary (from `start`).
    scanned: usize,
    /// The size the message being read will need (a length prefix said so).
    want: usize,
}

/// Smallest read buffer.
pub const MIN_READ: usize = 16 * 1024;

impl Input {
    pub fn with_capacity(n: usize) -> Input {
        Input {
            buf: vec![0; n],
            ..Input::default()
        }
    }
    /// The unconsumed bytes.
    pub fn data(&self) -> &[u8] {
        &self.buf[self.start..self.end]
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// Bytes allocated (what the memory budget counts).
    pub fn capacity(&self) -> usize {
        self.buf.len()
    }
    /// The first `n` bytes are used up.
    pub fn consume(&mut self, n: usize) {
        let n = n.min(self.len());
        self.start += n;
        self.scanned = self.scanned.saturating_sub(n);
        if self.start == self.end {
            self.start = 0;
            self.end = 0;
            self.scanned = 0;
            self.want = 0;
        }
    }
    /// Bytes from `start` already searched for a boundary.
    pub fn scanned(&self) -> usize {
        self.scanned.min(self.len())
    }
    pub fn set_scanned(&mut self, n: usize) {
        self.scanned = n;
    }
    /// The whole message will be `n` bytes: make room once, not by doubling.
    pub fn expect(&mut self, n: usize) {
        self.want = n;
    }

    /// Read once from `t` into free space (growing or compacting first):
    /// the bytes read (`0` is the EOF) and whether they filled the space (if
    /// not, the socket is drained: no read that would only say `WouldBlock`).
    pub fn read_from(&mut self, t: &mut Transport, max: usize) -> io::Result<(usize, bool)> {
        self.make_room(max);
        let room = self.buf.len() - self.end;
        let n = t.read(&mut self.buf[self.end..])?;
        self.end += n;
        Ok((n, n == room))
    }

    /// Free space for at least one good read, never past `max` bytes held.
    fn make_room(&mut self, max: usize) {
        let live = self.len();
        if self.buf.len() - self.end >= MIN_READ.min(max.saturating_sub(live).max(1)) {
            return;
        }
        if self.start > 0 && self.start >= live {
            self.buf.copy_within(self.start..self.end, 0);
            self.end = live;
            self.start = 0;
            if self.buf.len() - self.end >= MIN_READ {
                return;
            }
        }
        let need = (live + MIN_READ).max(self.want);
        let new = (self.buf.len() * 2)
            .max(need)
            .max(MIN_READ)
            .min(max.max(need));
        self.buf.resize(new, 0);
    }
}

/// A connection in a worker's slab.
pub struct Conn<S> {
    pub t: Transport,
    pub peer: SocketAddr,
    pub token: u64,
    pub state: Option<S>,
    pub input: Input,
    /// Output not yet written, from `sent` on.
    pub out: Vec<u8>,
    pub sent: usize,
    /// The epoll interest now registered.
    pub interest: u32,
    pub eof: bool,
    pub held: bool,
    /// Set: close once the output is written (or now, for `abort`).
    pub closing: Option<Close>,
    pub abort: bool,
    /// Not read because the server's input budget is reached.
    pub starved: bool,
    /// Last byte in or out.
    pub last: Instant,
    /// When the partial message now held began.
    pub started: Option<Instant>,
    /// Input bytes this connection counts against the budget.
    pub counted: usize,
}

impl<S> Conn<S> {
    pub fn new(t: Transport, peer: SocketAddr, token: u64) -> Conn<S> {
        Conn {
            t,
            peer,
            token,
            state: None,
            input: Input::default(),
            out: Vec::new(),
            sent: 0,
            interest: 0,
            eof: false,
            held: false,
            closing: None,
            abort: false,
            starved: false,
            last: Instant::now(),
            started: None,
            counted: 0,
        }
    }

    pub fn pending(&self) -> usize {
        self.out.len() - self.sent + self.t.backlog()
    }

    /// Write what the socket takes now. `Err`: the peer is gone.
    pub fn flush(&mut self) -> Result<(), Close> {
        while self.pending() > 0 {
            match self.t.write(&self.out[self.sent..]) {
                // (a TLS write of nothing pushes its records: 0 once they are out)
                Ok(0) if self.sent < self.out.len() => {
                    return Err(Close::Io("peer went away".into()))
                }
                Ok(n) => {
                    self.sent += n;
                    self.last = Instant::now();
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(Close::io(&e)),
            }
        }
        if self.sent == self.out.len() {
            self.out.clear();
            self.sent = 0;
        } else if self.sent > (1 << 20) && self.sent * 2 > self.out.len() {
            self.out.drain(..self.sent);
            self.sent = 0;
        }
        Ok(())
    }
}
