//! How workers hand each other connections: per worker, a count of the
//! clients it serves (for the least-loaded choice), an inbox, and an eventfd
//! that wakes it. No policy: the worker that accepted decides.

use std::io;
use std::net::{SocketAddr, TcpStream};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::sync::atomic::AtomicUsize;
use std::sync::Mutex;

/// What the workers know of each other: how many clients each serves, and
/// where to hand one a connection (its inbox, and an eventfd to wake it).
pub(crate) struct Mailbox {
    pub clients: AtomicUsize,
    inbox: Mutex<Vec<(TcpStream, SocketAddr)>>,
    pub wake: OwnedFd,
}

impl Mailbox {
    pub fn new() -> io::Result<Mailbox> {
        // SAFETY: plain syscall; the returned fd is owned from here on.
        let fd = unsafe { libc::eventfd(0, libc::EFD_NONBLOCK | libc::EFD_CLOEXEC) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(Mailbox {
            clients: AtomicUsize::new(0),
            inbox: Mutex::new(Vec::new()),
            // SAFETY: fd is a fresh, valid descriptor nobody else owns.
            wake: unsafe { OwnedFd::from_raw_fd(fd) },
        })
    }

    pub fn hand(&self, stream: TcpStream, peer: SocketAddr) {
        self.inbox
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push((stream, peer));
        let one = 1u64.to_ne_bytes();
        // SAFETY: writing 8 bytes from a local buffer to our own eventfd.
        let _ = unsafe { libc::write(self.wake.as_raw_fd(), one.as_ptr().cast(), 8) };
    }

    pub fn take(&self) -> Vec<(TcpStream, SocketAddr)> {
        let mut count = [0u8; 8];
        // SAFETY: reading 8 bytes into a local buffer from our own eventfd.
        let _ = unsafe { libc::read(self.wake.as_raw_fd(), count.as_mut_ptr().cast(), 8) };
        std::mem::take(&mut *self.inbox.lock().unwrap_or_else(|p| p.into_inner()))
    }
}
