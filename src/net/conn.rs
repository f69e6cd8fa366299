//! The one client connection: a blocking, buffered reader/writer over a
//! [`Transport`] (plain TCP now, TLS later), where every wait is bounded. A read
//! waits in slices of at most [`POLL`], so a deadline or a stop request (Ctrl-C,
//! a lab) ends it within 100 ms. Messages come out through a decoder of one shape
//! for every protocol — bytes in, `Ok(Some((item, bytes used)))` or `Ok(None)` for
//! "need more" — so framing, RESP, HTTP, MessagePack-RPC and JSON-RPC lines all
//! read the same way. It does not parse anything itself: codecs live in `proto`.

use std::io;
use std::time::{Duration, Instant};

use super::stream::{Stream, Transport};
use crate::signal::{Stop, POLL};

/// First buffer size; the buffer doubles while one message needs more.
const CHUNK: usize = 16 * 1024;

/// How a wait for a message ended, when it did not fail.
#[derive(Debug, PartialEq, Eq)]
pub enum Recv<T> {
    /// A whole message.
    Item(T),
    /// The peer closed the stream and the decoder wanted no more
    /// ([`Conn::buffered`] holds what was left, if anything).
    Closed,
    /// The deadline passed first.
    Timeout,
    /// A stop request (Ctrl-C, SIGTERM, [`Stop::stop`]) came first.
    Stopped,
}

/// A buffered, deadline-aware connection. `buf[start..end]` holds the bytes
/// received and not consumed; the rest of `buf` is room for the next read (kept
/// allocated and initialised, so a read costs no zeroing).
pub struct Conn<S: Transport = Stream> {
    stream: S,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    /// Bound on the buffer: one message may use `max` bytes plus one read.
    max: usize,
    /// The read timeout last set on the stream (setting it is a system call).
    timeout: Option<Duration>,
    last_read: Option<Instant>,
}

impl Conn<Stream> {
    /// Wrap a connected TCP stream (sets `TCP_NODELAY`).
    pub fn tcp(stream: std::net::TcpStream) -> io::Result<Conn<Stream>> {
        stream.set_nodelay(true)?;
        Ok(Conn::new(Stream::Plain(stream)))
    }
}

impl<S: Transport> Conn<S> {
    /// Wrap any transport.
    pub fn new(stream: S) -> Conn<S> {
        Conn {
            stream,
            buf: vec![0; CHUNK],
            start: 0,
            end: 0,
            max: usize::MAX,
            timeout: None,
            last_read: None,
        }
    }

    /// Never buffer more than `max` bytes plus one read: a peer announcing or
    /// streaming a bigger message makes [`Conn::fill`] fail with `InvalidData`
    /// (decoders usually refuse it earlier, from its announced length).
    pub fn with_max(mut self, max: usize) -> Conn<S> {
        self.max = max;
        self
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

    /// When the latest bytes arrived (an RTT ends there).
    pub fn last_read(&self) -> Option<Instant> {
        self.last_read
    }

    /// The transport (addresses, options, shutdown).
    pub fn stream(&self) -> &S {
        &self.stream
    }

    /// Write everything (bounded by the stream's write timeout, if set).
    pub fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.stream.write_all(bytes)
    }

    /// Make room for the next read: move the unread bytes down when that frees
    /// at least half the buffer, else double it (so buffering is linear).
    fn make_room(&mut self) -> io::Result<()> {
        if self.end < self.buf.len() {
            return Ok(());
        }
        let pending = self.end - self.start;
        if self.start > 0 && pending <= self.buf.len() / 2 {
            self.buf.copy_within(self.start..self.end, 0);
            self.start = 0;
            self.end = pending;
            return Ok(());
        }
        if pending > self.max {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("message larger than {} bytes", self.max),
            ));
        }
        let cap = self.max.saturating_add(CHUNK).saturating_add(self.start);
        let len = (self.buf.len() * 2).min(cap).max(self.end + 1);
        self.buf.resize(len, 0);
        Ok(())
    }

    /// Read more bytes into the buffer, waiting until `until` at most. Returns
    /// how many came (0 = the peer closed). A deadline is `TimedOut`, a stop
    /// request `Interrupted` (a signal interrupting the read itself is retried).
    pub fn fill(&mut self, until: Instant, stop: &Stop) -> io::Result<usize> {
        self.make_room()?;
        loop {
            if stop.is_stopped() {
                return Err(super::stopped());
            }
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(io::Error::new(io::ErrorKind::TimedOut, "timed out"));
            }
            let slice = Some(left.min(POLL).max(Duration::from_millis(1)));
            if slice != self.timeout {
                self.stream.set_read_timeout(slice)?;
                self.timeout = slice;
            }
            match self.stream.read(&mut self.buf[self.end..]) {
                Ok(n) => {
                    self.end += n;
                    if n > 0 {
                        self.last_read = Some(Instant::now());
                    }
                    return Ok(n);
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock
                            | io::ErrorKind::TimedOut
                            | io::ErrorKind::Interrupted
                    ) => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// The next message: `decode(buffered, eof)` is asked first about the bytes
    /// already buffered, then after every read, until it returns an item and how
    /// many bytes it used. After the peer closed, it is asked once more with
    /// `eof = true` (for messages that end at the close) before [`Recv::Closed`].
    pub fn recv<T, E: From<io::Error>>(
        &mut self,
        until: Instant,
        stop: &Stop,
        mut decode: impl FnMut(&[u8], bool) -> Result<Option<(T, usize)>, E>,
    ) -> Result<Recv<T>, E> {
        let mut eof = false;
        loop {
            if let Some((item, used)) = decode(self.buffered(), eof)? {
                self.consume(used);
                return Ok(Recv::Item(item));
            }
            if eof {
                return Ok(Recv::Closed);
            }
            match self.fill(until, stop) {
                Ok(0) => eof = true,
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::TimedOut => return Ok(Recv::Timeout),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => return Ok(Recv::Stopped),
                Err(e) => return Err(e.into()),
            }
        }
    }
}

/// Is this error a stop request seen by [`Conn::fill`] (not a failure)?
pub fn is_stop(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<io::Error>())
        .any(|io| io.kind() == io::ErrorKind::Interrupted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::net::{TcpListener, TcpStream};
    use std::thread;

    /// A peer that writes `script` (bytes, then a pause) and keeps the socket
    /// open for `hold` before closing.
    fn scripted(script: Vec<(&'static [u8], u64)>, hold: u64) -> Conn {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = l.local_addr().unwrap();
        thread::spawn(move || {
            let (mut s, _) = l.accept().unwrap();
            for (bytes, pause) in script {
                s.write_all(bytes).unwrap();
                thread::sleep(Duration::from_millis(pause));
            }
            thread::sleep(Duration::from_millis(hold));
        });
        Conn::tcp(TcpStream::connect(addr).unwrap()).unwrap()
    }

    /// A line decoder.
    fn line(buf: &[u8], _eof: bool) -> io::Result<Option<(Vec<u8>, usize)>> {
        Ok(buf
            .iter()
            .position(|&b| b == b'\n')
            .map(|i| (buf[..i].to_vec(), i + 1)))
    }

    fn soon(ms: u64) -> Instant {
        Instant::now() + Duration::from_millis(ms)
    }

    #[test]
    fn partial_reads_make_one_message_and_keep_the_rest() {
        let mut c = scripted(vec![(b"hel", 30), (b"lo\nwor", 30), (b"ld\n", 0)], 0);
        let stop = Stop::new();
        assert_eq!(
            c.recv(soon(2000), &stop, line).unwrap(),
            Recv::Item(b"hello".to_vec())
        );
        assert_eq!(
            c.recv(soon(2000), &stop, line).unwrap(),
            Recv::Item(b"world".to_vec())
        );
        assert_eq!(c.recv(soon(2000), &stop, line).unwrap(), Recv::Closed);
    }

    #[test]
    fn close_mid_message_leaves_the_partial_bytes() {
        let mut c = scripted(vec![(b"half", 0)], 0);
        let r = c.recv(soon(2000), &Stop::new(), line).unwrap();
        assert_eq!((r, c.buffered()), (Recv::Closed, &b"half"[..]));
    }

    #[test]
    fn deadline_ends_a_wait_on_a_silent_peer() {
        let mut c = scripted(vec![(b"no newline", 0)], 3000);
        let t0 = Instant::now();
        assert_eq!(
            c.recv(soon(250), &Stop::new(), line).unwrap(),
            Recv::Timeout
        );
        let took = t0.elapsed();
        assert!(
            took >= Duration::from_millis(240) && took < Duration::from_millis(600),
            "{took:?}"
        );
    }

    #[test]
    fn stop_ends_a_wait_within_a_poll() {
        let mut c = scripted(vec![], 3000);
        let stop = Stop::new();
        let s = stop.clone();
        thread::spawn(move || {
            thread::sleep(Duration::from_millis(100));
            s.stop();
        });
        let t0 = Instant::now();
        assert_eq!(c.recv(soon(5000), &stop, line).unwrap(), Recv::Stopped);
        assert!(
            t0.elapsed() < Duration::from_millis(400),
            "{:?}",
            t0.elapsed()
        );
    }

    #[test]
    fn the_buffer_is_bounded_by_max_plus_a_read() {
        static BIG: [u8; 200_000] = [b'x'; 200_000];
        let mut c = scripted(vec![(&BIG, 0)], 1000).with_max(50_000);
        let e = c.recv(soon(3000), &Stop::new(), line).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidData);
        assert!(c.buf.len() <= 50_000 + 2 * CHUNK, "{}", c.buf.len());
    }

    #[test]
    fn eof_is_offered_to_the_decoder() {
        let mut c = scripted(vec![(b"until close", 0)], 0);
        let r = c
            .recv(soon(2000), &Stop::new(), |b: &[u8], eof| {
                io::Result::Ok(eof.then(|| (b.to_vec(), b.len())))
            })
            .unwrap();
        assert_eq!(r, Recv::Item(b"until close".to_vec()));
    }
}
