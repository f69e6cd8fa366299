//! Reading what the user feeds netkit — stdin lines, and files that may be FIFOs
//! — with a bound and with Ctrl-C: every read waits in `poll` slices of
//! [`POLL`], so a stop request ends it within 100 ms, and a line longer than the
//! limit is refused (exit 2, quoting at most its first 64 bytes) while memory
//! stays within a small multiple of the limit. Every command that reads stdin
//! lines reads them here. It does not interpret the lines.

use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use thiserror::Error;

use crate::exit::Kind;
use crate::exit::{self, Failure};
use crate::signal::{Stop, POLL};

/// Default bound on one message line read from stdin.
pub const MAX_LINE: usize = 1 << 20;
/// How much of an oversized line an error quotes.
const QUOTE: usize = 64;
/// Bytes asked for per read.
const READ: usize = 64 * 1024;

/// What went wrong reading input.
#[derive(Debug, Error)]
pub enum InputError {
    #[error("{what} has a line longer than {max} bytes (it starts {head:?})")]
    TooLong {
        what: String,
        max: usize,
        head: String,
    },
    #[error("{what}: larger than {max} bytes")]
    TooBig { what: String, max: usize },
    #[error("{what}: {source}")]
    Io { what: String, source: io::Error },
}

impl From<InputError> for Failure {
    fn from(e: InputError) -> Failure {
        match &e {
            InputError::TooLong { .. } | InputError::TooBig { .. } => exit::usage(e.to_string()),
            InputError::Io { source, .. } => {
                let (code, kind) = exit::classify_io(source);
                Failure::new(code, kind, e.to_string())
            }
        }
    }
}

/// The failure of input ended by Ctrl-C before the command had anything to do
/// (exit 1: no result).
pub fn interrupted(what: &str) -> Failure {
    exit::negative(
        Kind::Interrupted,
        format!("stopped by Ctrl-C while reading {what}"),
    )
}

/// A whole file or stdin (`-`), at most `max` bytes, stoppable (FIFOs too).
pub fn read_all(path: &Path, max: usize) -> Result<Vec<u8>, Failure> {
    let stop = Stop::new();
    let mut l = if path == Path::new("-") {
        Lines::stdin(max, &stop)
    } else {
        Lines::open(path, max, &stop).map_err(|source| InputError::Io {
            what: path.display().to_string(),
            source,
        })?
    };
    let all = l.read_all()?;
    if l.stopped() {
        return Err(interrupted(&l.what));
    }
    Ok(all)
}

/// A bounded, stoppable line reader over stdin or an opened file.
pub struct Lines {
    fd: RawFd,
    _file: Option<File>,
    what: String,
    buf: Vec<u8>,
    start: usize,
    /// Where the search for the next newline resumes (never rescans).
    scanned: usize,
    max: usize,
    stop: Stop,
    eof: bool,
    stopped: bool,
}

impl Lines {
    /// Lines of stdin, each at most `max` bytes.
    pub fn stdin(max: usize, stop: &Stop) -> Lines {
        Lines::over(0, None, "stdin".into(), max, stop)
    }

    /// Lines of a file; a FIFO is opened without blocking for its writer (the
    /// wait for it is a stoppable poll, like every read).
    pub fn open(path: &Path, max: usize, stop: &Stop) -> io::Result<Lines> {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)?;
        let fd = file.as_raw_fd();
        Ok(Lines::over(
            fd,
            Some(file),
            path.display().to_string(),
            max,
            stop,
        ))
    }

    fn over(fd: RawFd, file: Option<File>, what: String, max: usize, stop: &Stop) -> Lines {
        Lines {
            fd,
            _file: file,
            what,
            buf: Vec::new(),
            start: 0,
            scanned: 0,
            max,
            stop: stop.clone(),
            eof: false,
            stopped: false,
        }
    }

    /// True when reading ended because of a stop request, not the end of input.
    pub fn stopped(&self) -> bool {
        self.stopped
    }

    /// True when no read-ahead bytes wait in the buffer (an interactive line
    /// should go out before the next is typed).
    pub fn drained(&self) -> bool {
        self.start == self.buf.len()
    }

    /// The next line without its `\n` or `\r\n`; `Ok(None)` at the end of input
    /// or on a stop request. A last line without a newline is still a line.
    pub fn next_line(&mut self) -> Result<Option<Vec<u8>>, InputError> {
        loop {
            if let Some(i) = self.buf[self.scanned..].iter().position(|&b| b == b'\n') {
                let end = self.scanned + i;
                let mut line = self.buf[self.start..end].to_vec();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                self.start = end + 1;
                self.scanned = self.start;
                self.check_len(line.len())?;
                return Ok(Some(line));
            }
            self.scanned = self.buf.len();
            self.check_len(self.buf.len() - self.start)?;
            if self.eof || self.stopped {
                if self.start == self.buf.len() || self.stopped {
                    return Ok(None);
                }
                let line = self.buf[self.start..].to_vec();
                self.start = self.buf.len();
                return Ok(Some(line));
            }
            self.read_more()?;
        }
    }

    /// Everything up to the end (or a stop), at most `max` bytes in all.
    pub fn read_all(&mut self) -> Result<Vec<u8>, InputError> {
        while !self.eof && !self.stopped {
            self.read_more()?;
            if self.buf.len() - self.start > self.max {
                return Err(InputError::TooBig {
                    what: self.what.clone(),
                    max: self.max,
                });
            }
        }
        Ok(std::mem::take(&mut self.buf).split_off(self.start))
    }

    fn check_len(&self, len: usize) -> Result<(), InputError> {
        if len <= self.max {
            return Ok(());
        }
        let head = &self.buf[self.start..self.start + QUOTE.min(len)];
        Err(InputError::TooLong {
            what: self.what.clone(),
            max: self.max,
            head: String::from_utf8_lossy(head).into_owned(),
        })
    }

    /// Wait (in stoppable slices) until the input is readable, then read once.
    fn read_more(&mut self) -> Result<(), InputError> {
        if self.start > 0 && self.start * 2 >= self.buf.len() {
            self.buf.drain(..self.start);
            self.scanned -= self.start;
            self.start = 0;
        }
        loop {
            if self.stop.is_stopped() {
                self.stopped = true;
                return Ok(());
            }
            let mut pfd = libc::pollfd {
                fd: self.fd,
                events: libc::POLLIN,
                revents: 0,
            };
            // SAFETY: one valid pollfd, for the duration of the call.
            let r = unsafe { libc::poll(&mut pfd, 1, POLL.as_millis() as libc::c_int) };
            if r < 0 {
                let e = io::Error::last_os_error();
                if e.kind() == io::ErrorKind::Interrupted {
                    continue;
                }
                return Err(self.io(e));
            }
            if r == 0 {
                continue;
            }
            let len = self.buf.len();
            self.buf.resize(len + READ, 0);
            // SAFETY: the buffer has READ writable bytes from `len`.
            let n = unsafe { libc::read(self.fd, self.buf[len..].as_mut_ptr().cast(), READ) };
            let e = (n < 0).then(io::Error::last_os_error);
            self.buf.truncate(len + n.max(0) as usize);
            match e {
                None if n == 0 => self.eof = true,
                None => {}
                Some(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted
                    ) =>
                {
                    continue
                }
                Some(e) => return Err(self.io(e)),
            }
            return Ok(());
        }
    }

    fn io(&self, source: io::Error) -> InputError {
        InputError::Io {
            what: self.what.clone(),
            source,
        }
    }
}

impl Iterator for Lines {
    type Item = Result<Vec<u8>, InputError>;
    fn next(&mut self) -> Option<Self::Item> {
        self.next_line().transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn file_with(bytes: &[u8]) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(bytes).unwrap();
        f
    }

    #[test]
    fn lines_lose_their_endings_and_the_last_needs_none() {
        let f = file_with(b"a\r\nbc\n\nlast");
        let got: Vec<Vec<u8>> = Lines::open(f.path(), 10, &Stop::new())
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(got, [&b"a"[..], b"bc", b"", b"last"]);
    }

    #[test]
    fn a_long_line_is_refused_quoting_64_bytes() {
        let f = file_with(&[b'x'; 300_000]);
        let mut l = Lines::open(f.path(), 1000, &Stop::new()).unwrap();
        let e = l.next_line().unwrap_err();
        match &e {
            InputError::TooLong { head, max, .. } => assert_eq!((head.len(), *max), (64, 1000)),
            other => panic!("{other}"),
        }
        assert!(l.buf.len() <= 1000 + 2 * READ);
        assert_eq!(Failure::from(e).code, exit::Code::Usage);
    }

    #[test]
    fn read_all_is_bounded() {
        let f = file_with(&[b'y'; 5000]);
        let mut l = Lines::open(f.path(), 100_000, &Stop::new()).unwrap();
        assert_eq!(l.read_all().unwrap().len(), 5000);
        let mut l = Lines::open(f.path(), 100, &Stop::new()).unwrap();
        assert!(matches!(l.read_all(), Err(InputError::TooBig { .. })));
    }

    #[test]
    fn a_fifo_without_writer_waits_until_stopped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fifo");
        let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
        // SAFETY: a valid C string.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let stop = Stop::new();
        let mut l = Lines::open(&path, 100, &stop).unwrap();
        let s = stop.clone();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(150));
            s.stop();
        });
        let t0 = std::time::Instant::now();
        assert!(l.next_line().unwrap().is_none());
        assert!(l.stopped());
        assert!(t0.elapsed() < std::time::Duration::from_millis(500));
    }
}
