//! The server's input budget (`--max-buffered`), shared by every worker: how
//! many bytes of partial input all connections hold, how many connections
//! hold some, and the policy at the limit, as Redis bounds client query
//! buffers: the connections holding the most (at least a fair share of the
//! budget) are not read; connections with no byte for [`STALLED`] are closed,
//! the one quiet longest first, until the server is under the budget; past
//! the hard limit ([`Budget::hard`]: a quarter more) the one quiet longest is
//! closed whether it stalled or not.
//!
//! It does not read, write or close anything itself: `worker` asks it.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A partial input with no byte for this long counts as stalled at the budget.
pub const STALLED: Duration = Duration::from_millis(500);

/// Bytes and holders of partial input across the server.
pub(crate) struct Budget {
    pub limit: usize,
    held: AtomicUsize,
    holders: AtomicUsize,
}

impl Budget {
    pub fn new(limit: usize) -> Budget {
        Budget {
            limit,
            held: AtomicUsize::new(0),
            holders: AtomicUsize::new(0),
        }
    }
    /// Bytes of input buffers held now.
    pub fn held(&self) -> usize {
        self.held.load(Ordering::Relaxed)
    }
    pub fn over(&self) -> bool {
        self.held() >= self.limit
    }
    /// A quarter over the budget: close even connections still sending.
    pub fn hard(&self) -> bool {
        self.held() >= self.limit.saturating_add(self.limit / 4)
    }
    /// At the budget, a connection holding this much or more is not read.
    pub fn fair_share(&self) -> usize {
        self.limit / self.holders.load(Ordering::Relaxed).max(1)
    }
    /// Should a connection with `held` bytes of partial input wait instead of
    /// reading? (The budget counts buffers; the share compares what was sent.)
    pub fn starves(&self, held: usize) -> bool {
        held > 0 && self.over() && held >= self.fair_share()
    }
    /// A connection went from `before` bytes to `now` bytes held.
    pub fn account(&self, before: usize, now: usize) {
        if now > before {
            self.held.fetch_add(now - before, Ordering::Relaxed);
        } else {
            self.held.fetch_sub(before - now, Ordering::Relaxed);
        }
        match (before > 0, now > 0) {
            (false, true) => {
                self.holders.fetch_add(1, Ordering::Relaxed);
            }
            (true, false) => {
                self.holders.fetch_sub(1, Ordering::Relaxed);
            }
            _ => {}
        }
    }
}

/// A connection holding partial input, as the policy sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Holder {
    pub slot: usize,
    /// Its last byte in.
    pub last: Instant,
}

/// The order to close holders in at the budget: quiet longest first; unless
/// `hard`, only those stalled (no byte for [`STALLED`]).
pub(crate) fn victims(mut holders: Vec<Holder>, now: Instant, hard: bool) -> Vec<usize> {
    holders.retain(|h| hard || now.saturating_duration_since(h.last) >= STALLED);
    holders.sort_unstable_by_key(|h| (h.last, h.slot));
    holders.into_iter().map(|h| h.slot).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_largest_holders_starve_the_small_ones_read_on() {
        let b = Budget::new(1000);
        b.account(0, 900);
        b.account(0, 100);
        assert!(b.over());
        assert_eq!(b.fair_share(), 500);
        assert!(b.starves(900));
        assert!(!b.starves(100));
        assert!(!b.starves(0));
        b.account(900, 0);
        assert!(!b.over());
        assert!(!b.starves(100));
    }

    #[test]
    fn the_quiet_longest_goes_first_and_only_stalled_ones_below_the_hard_limit() {
        let now = Instant::now() + Duration::from_secs(10);
        let h = |slot, ago_ms| Holder {
            slot,
            last: now - Duration::from_millis(ago_ms),
        };
        let all = vec![h(1, 100), h(2, 5000), h(3, 800), h(4, 2000)];
        assert_eq!(victims(all.clone(), now, false), vec![2, 4, 3]);
        assert_eq!(victims(all, now, true), vec![2, 4, 3, 1]);
    }

    #[test]
    fn the_hard_limit_is_a_quarter_over() {
        let b = Budget::new(1000);
        b.account(0, 1249);
        assert!(b.over() && !b.hard());
        b.account(1249, 1250);
        assert!(b.hard());
    }
}
