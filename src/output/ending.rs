//! A bounded end on a stdout nobody reads. A server's logger may be stuck in a
//! write to a full pipe, holding the output lock; what the server prints after
//! it (the summary) would then wait forever. Once [`Ending`] has a deadline,
//! every write to stdout waits for the lock and for room in the pipe until
//! then, and what does not fit is dropped, counted and named once on stderr,
//! so the process exits on time with its normal code. Before a deadline is set
//! writes block as usual (a slow reader is waited for). Buffers (labs, tests)
//! never block and are not affected. Linux `poll(2)`; no other system call.

use std::io;
use std::os::fd::RawFd;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock, TryLockError};
use std::time::{Duration, Instant};

/// How often a write that waits for the lock looks again.
const LOCK_POLL: Duration = Duration::from_millis(2);

/// The deadline of a sink's last writes, and what they could not write.
#[derive(Default)]
pub(super) struct Ending {
    deadline: OnceLock<Instant>,
    unwritten: AtomicU64,
}

impl Ending {
    /// From now on writes give up at `deadline` (the first one set stays).
    pub fn set(&self, deadline: Instant) {
        let _ = self.deadline.set(deadline);
    }

    pub fn deadline(&self) -> Option<Instant> {
        self.deadline.get().copied()
    }

    /// Bytes dropped because stdout stayed full until the deadline.
    #[cfg(test)]
    pub fn unwritten(&self) -> u64 {
        self.unwritten.load(Ordering::Relaxed)
    }

    /// Write `bytes` to `fd` under `lock`, giving up at the deadline; true
    /// when this is the first write that lost bytes (say so once). An error
    /// only for a closed pipe (the caller's broken-pipe path).
    pub fn write<T>(
        &self,
        lock: &Mutex<T>,
        fd: RawFd,
        bytes: &[u8],
        deadline: Instant,
    ) -> io::Result<bool> {
        let written = match lock_until(lock, deadline) {
            Some(_guard) => write_until(fd, bytes, deadline)?,
            None => 0,
        };
        let lost = (bytes.len() - written) as u64;
        Ok(lost > 0 && self.unwritten.fetch_add(lost, Ordering::Relaxed) == 0)
    }
}

fn lock_until<T>(lock: &Mutex<T>, deadline: Instant) -> Option<MutexGuard<'_, T>> {
    loop {
        match lock.try_lock() {
            Ok(g) => return Some(g),
            Err(TryLockError::Poisoned(p)) => return Some(p.into_inner()),
            Err(TryLockError::WouldBlock) if Instant::now() >= deadline => return None,
            Err(TryLockError::WouldBlock) => std::thread::sleep(LOCK_POLL),
        }
    }
}

/// Write to `fd` while `poll` says there is room before `deadline`, in pieces
/// of at most `PIPE_BUF` (a pipe with room takes that much without blocking).
/// Returns how many bytes went out.
pub(super) fn write_until(fd: RawFd, bytes: &[u8], deadline: Instant) -> io::Result<usize> {
    let mut done = 0;
    while done < bytes.len() {
        let left = deadline.saturating_duration_since(Instant::now());
        let mut p = libc::pollfd {
            fd,
            events: libc::POLLOUT,
            revents: 0,
        };
        // SAFETY: one valid pollfd on the stack.
        let n = unsafe { libc::poll(&mut p, 1, left.as_millis().min(i32::MAX as u128) as i32) };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                continue;
            }
            return Err(e);
        }
        if n == 0 {
            break; // no room before the deadline
        }
        let piece = &bytes[done..bytes.len().min(done + libc::PIPE_BUF)];
        // SAFETY: writing from a live slice of the given length.
        let w = unsafe { libc::write(fd, piece.as_ptr().cast(), piece.len()) };
        if w < 0 {
            let e = io::Error::last_os_error();
            match e.kind() {
                io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock => continue,
                _ => return Err(e),
            }
        }
        done += w as usize;
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::fd::AsRawFd;

    fn pipe() -> (std::fs::File, std::fs::File) {
        let mut fds = [0; 2];
        // SAFETY: pipe2 fills two descriptors we then own.
        assert_eq!(unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) }, 0);
        use std::os::fd::FromRawFd;
        // SAFETY: fresh descriptors, owned once each.
        unsafe {
            (
                std::fs::File::from_raw_fd(fds[0]),
                std::fs::File::from_raw_fd(fds[1]),
            )
        }
    }

    #[test]
    fn a_full_pipe_drops_the_rest_at_the_deadline() {
        let (_r, w) = pipe();
        let e = Ending::default();
        let lock = Mutex::new(());
        let t = Instant::now();
        // A pipe holds 64 KiB: 1 MiB cannot fit, and nobody reads.
        e.write(
            &lock,
            w.as_raw_fd(),
            &vec![b'x'; 1 << 20],
            t + Duration::from_millis(100),
        )
        .unwrap();
        assert!(t.elapsed() < Duration::from_secs(1), "{:?}", t.elapsed());
        assert!(
            e.unwritten() > 0 && e.unwritten() < 1 << 20,
            "{}",
            e.unwritten()
        );
    }

    #[test]
    fn a_held_lock_drops_the_write_at_the_deadline() {
        let (mut r, w) = pipe();
        let e = Ending::default();
        let lock = Mutex::new(());
        let _held = lock.lock().unwrap();
        e.write(
            &lock,
            w.as_raw_fd(),
            b"summary\n",
            Instant::now() + Duration::from_millis(20),
        )
        .unwrap();
        assert_eq!(e.unwritten(), 8);
        drop(w);
        let mut s = String::new();
        std::io::Read::read_to_string(&mut r, &mut s).unwrap();
        assert_eq!(s, "");
    }

    #[test]
    fn a_pipe_with_room_takes_everything() {
        let (mut r, w) = pipe();
        let e = Ending::default();
        let lock = Mutex::new(());
        e.write(&lock, w.as_raw_fd(), b"summary\n", Instant::now())
            .unwrap();
        assert_eq!(e.unwritten(), 0);
        drop(w);
        let mut s = String::new();
        std::io::Read::read_to_string(&mut r, &mut s).unwrap();
        assert_eq!(s, "summary\n");
    }
}
