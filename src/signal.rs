//! Ctrl-C and SIGTERM, turned into a flag that servers and long-running clients poll
//! (they wait in short slices, so a stop takes effect within about 100 ms), and a
//! [`Stop`] token so a lab can stop a server it started in-process. It does not
//! print summaries: the commands do that when they see the flag.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// How long a blocking wait may last before checking the stop flag again.
pub const POLL: Duration = Duration::from_millis(100);

extern "C" fn on_signal(_sig: libc::c_int) {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Install the SIGINT/SIGTERM handler (once, from `main`).
pub fn install() {
    let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
    // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
    unsafe {
        libc::signal(libc::SIGINT, handler);
        libc::signal(libc::SIGTERM, handler);
    }
}

/// True once Ctrl-C or SIGTERM arrived.
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
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
