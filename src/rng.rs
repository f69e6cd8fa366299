//! The tiny seeded PRNG behind the echo servers' `--drop`, `--duplicate` and
//! `--delay` jitter knobs (splitmix64: reproducible from `--seed`, no `rand`
//! crate for a coin toss per datagram), and how a delay with jitter is drawn; the
//! DNS batch draws its query IDs from it too (seeded from getrandom).
//! It does not decide what to drop; the servers do.

use std::time::Duration;

use crate::value::Delay;

/// splitmix64: small, fast, and reproducible from `--seed` (no `rand` crate needed
/// for a coin toss per datagram).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    /// Seeded from the clock when the user gave no `--seed`.
    pub fn from_clock() -> Rng {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0x9e37_79b9);
        Rng(t ^ u64::from(std::process::id()))
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// A float in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: f64) -> bool {
        percent > 0.0 && self.unit() * 100.0 < percent
    }
}

impl Delay {
    /// One delay: base ± a uniform draw within the jitter (never below zero).
    pub fn sample(&self, rng: &mut Rng) -> Duration {
        if self.jitter.is_zero() {
            return self.base;
        }
        let j = self.jitter.as_secs_f64() * (rng.unit() * 2.0 - 1.0);
        Duration::from_secs_f64((self.base.as_secs_f64() + j).max(0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::parse_delay;
    #[test]
    fn rng_is_reproducible_and_fair() {
        let mut a = Rng::new(1);
        let mut b = Rng::new(1);
        assert_eq!(a.next_u64(), b.next_u64());
        let hits = (0..10_000).filter(|_| a.chance(20.0)).count();
        assert!((1800..2200).contains(&hits), "{hits}");
        assert!(!a.chance(0.0));
    }

    #[test]
    fn delays_sample_within_their_jitter() {
        let d = parse_delay("50ms±10ms").unwrap();
        let mut rng = Rng::new(3);
        for _ in 0..100 {
            let x = d.sample(&mut rng);
            assert!(x >= Duration::from_millis(40) && x <= Duration::from_millis(60));
        }
    }
}
