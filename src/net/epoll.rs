//! A thin epoll(7) wrapper over libc for the servers' event loops (tcp-echo,
//! rpc-serve): create, register, wait — the syscalls and nothing more — and
//! [`SharedListener`], how those loops share one listener. It holds no policy
//! about connections: the workers decide what to watch and when.

use std::io;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::time::{Duration, Instant};

use crate::signal::{Stop, POLL};

/// A thin epoll(7) wrapper.
pub struct Epoll(OwnedFd);

impl Epoll {
    pub fn new() -> io::Result<Epoll> {
        // SAFETY: plain syscall; the returned fd is owned from here on.
        let fd = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: fd is a fresh, valid descriptor nobody else owns.
        Ok(Epoll(unsafe { OwnedFd::from_raw_fd(fd) }))
    }

    pub fn ctl(&self, op: libc::c_int, fd: RawFd, events: u32, token: u64) -> io::Result<()> {
        let mut ev = libc::epoll_event { events, u64: token };
        // SAFETY: valid epoll fd, valid event struct on the stack.
        if unsafe { libc::epoll_ctl(self.0.as_raw_fd(), op, fd, &mut ev) } < 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(())
    }

    pub fn wait(&self, events: &mut [libc::epoll_event], timeout: Duration) -> io::Result<usize> {
        let ms = timeout.as_micros().div_ceil(1000).min(i32::MAX as u128) as i32;
        // SAFETY: the buffer is valid for events.len() entries.
        let n = unsafe {
            libc::epoll_wait(
                self.0.as_raw_fd(),
                events.as_mut_ptr(),
                events.len() as i32,
                ms,
            )
        };
        if n < 0 {
            let e = io::Error::last_os_error();
            return if e.kind() == io::ErrorKind::Interrupted {
                Ok(0)
            } else {
                Err(e)
            };
        }
        Ok(n as usize)
    }
}

pub const IN: u32 = libc::EPOLLIN as u32 | libc::EPOLLRDHUP as u32;
pub const OUT: u32 = libc::EPOLLOUT as u32;

/// A listener shared by several event loops, each watching it in its own epoll
/// set with `EPOLLEXCLUSIVE` (one loop is woken per connection). When accept(2)
/// runs out of descriptors or memory, the loop stops watching it for
/// `signal::POLL`: it stays readable, so watching it would spin, and the
/// clients already connected are served meanwhile.
pub struct SharedListener<'a> {
    pub listener: &'a TcpListener,
    token: u64,
    paused: Option<Instant>,
}

/// What [`SharedListener::accept`] got.
pub enum Accepted {
    Conn(TcpStream, SocketAddr),
    /// Nothing more waiting (or a connection that went away before accept).
    Drained,
    /// Out of descriptors or memory: not watched until the pause is over.
    Exhausted(io::Error),
}

impl<'a> SharedListener<'a> {
    /// Start watching `listener` in `ep`, its events carrying `token`.
    pub fn watch(listener: &'a TcpListener, ep: &Epoll, token: u64) -> io::Result<Self> {
        let shared = SharedListener {
            listener,
            token,
            paused: None,
        };
        shared.add(ep)?;
        Ok(shared)
    }

    fn add(&self, ep: &Epoll) -> io::Result<()> {
        let flags = libc::EPOLLIN as u32 | libc::EPOLLEXCLUSIVE as u32;
        ep.ctl(
            libc::EPOLL_CTL_ADD,
            self.listener.as_raw_fd(),
            flags,
            self.token,
        )
    }

    /// Watch again once a pause is over (call before each wait).
    pub fn resume(&mut self, ep: &Epoll) {
        if self.paused.is_some_and(|until| Instant::now() >= until) {
            self.paused = match self.add(ep) {
                Ok(()) => None,
                Err(_) => Some(Instant::now() + POLL),
            };
        }
    }

    /// Accept one connection.
    pub fn accept(&mut self, ep: &Epoll) -> Accepted {
        match self.listener.accept() {
            Ok((stream, peer)) => Accepted::Conn(stream, peer),
            Err(e)
                if matches!(
                    e.raw_os_error(),
                    Some(libc::EMFILE | libc::ENFILE | libc::ENOBUFS | libc::ENOMEM)
                ) =>
            {
                let fd = self.listener.as_raw_fd();
                if ep.ctl(libc::EPOLL_CTL_DEL, fd, 0, self.token).is_ok() {
                    self.paused = Some(Instant::now() + POLL);
                }
                Accepted::Exhausted(e)
            }
            Err(_) => Accepted::Drained,
        }
    }
}

/// Run each event loop on a thread of its own until all have returned. One
/// loop ending — done, failed, or panicking — sets `stop`, so the others end
/// too instead of serving on with fewer threads. The loops are built by the
/// caller before this starts: every epoll set exists before any loop serves.
pub fn run_loops<W: Send>(
    loops: Vec<W>,
    stop: &Stop,
    run: impl Fn(W) -> io::Result<()> + Sync,
) -> Vec<io::Result<()>> {
    std::thread::scope(|s| {
        let handles: Vec<_> = loops
            .into_iter()
            .map(|w| {
                let run = &run;
                s.spawn(move || {
                    let _stop_all = stop.on_drop();
                    run(w)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(io::Error::other("a worker panicked")))
            })
            .collect()
    })
}
