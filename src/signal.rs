//! Ctrl-C and SIGTERM, one rule for every command: the first one sets a flag that
//! every wait polls (connects, name resolution, socket reads, stdin and FIFO reads,
//! sleeps all wait in slices of at most [`POLL`]), so the command stops within
//! 100 ms, prints its summary and exits with the code its results so far deserve;
//! a second one exits 130 at once. [`Stop`] is the token a lab uses to stop a
//! server it started in-process. It does not print summaries: the commands do
//! that when they see the flag.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// How long a blocking wait may last before checking the stop flag again.
pub const POLL: Duration = Duration::from_millis(100);

/// The exit status of a second Ctrl-C (128 + SIGINT, as shells report it).
pub const SECOND_SIGNAL_EXIT: i32 = 130;

extern "C" fn on_signal(_sig: libc::c_int) {
    if INTERRUPTED.swap(true, Ordering::SeqCst) {
        // SAFETY: _exit is async-signal-safe; a second signal means "now".
        unsafe { libc::_exit(SECOND_SIGNAL_EXIT) };
    }
}

/// Install the SIGINT/SIGTERM handler (once, from `main`).
pub fn install() {
    let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
    // SAFETY: the handler only swaps an atomic and may call _exit, both
    // async-signal-safe.
    unsafe {
        libc::signal(libc::SIGINT, handler);
        libc::signal(libc::SIGTERM, handler);
    }
}

/// True once Ctrl-C or SIGTERM arrived.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Sleep for `d`, or less if a stop request comes; false if one came.
pub fn sleep(d: Duration, stop: &Stop) -> bool {
    let end = std::time::Instant::now() + d;
    loop {
        if stop.is_stopped() {
            return false;
        }
        let left = end.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return true;
        }
        std::thread::sleep(left.min(POLL));
    }
}

/// A stop request: set by a signal (for every token) or by [`Stop::stop`] (this
/// token and its clones only).
#[derive(Clone, Default, Debug)]
pub struct Stop(Arc<AtomicBool>);

impl Stop {
    pub fn new() -> Stop {
        Stop::default()
    }
    pub fn stop(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
    pub fn is_stopped(&self) -> bool {
        self.0.load(Ordering::SeqCst) || interrupted()
    }

    /// A guard that sets this token when dropped, even by a panic unwinding
    /// through a server's worker: the other workers then stop too, instead of
    /// the server serving on with fewer of them.
    pub fn on_drop(&self) -> StopOnDrop<'_> {
        StopOnDrop(self)
    }
}

/// See [`Stop::on_drop`].
pub struct StopOnDrop<'a>(&'a Stop);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_is_shared_by_clones() {
        let s = Stop::new();
        let c = s.clone();
        assert!(!c.is_stopped());
        s.stop();
        assert!(c.is_stopped());
        assert!(!Stop::new().is_stopped() || interrupted());
    }
}
