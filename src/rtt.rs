//! Round-trip statistics for the echo and RPC clients: ping's min/avg/max/mdev
//! plus p50/p90/p99. [`Rtts`] keeps every sample (exact nearest-rank
//! percentiles: `send --count`, `rpc-call --repeat`); [`RttHistogram`] keeps an
//! HDR histogram (bounded memory for an hour of load, 3 significant digits: the
//! load modes). It does not time anything itself.

use std::time::Duration;

use hdrhistogram::Histogram;
use serde::Serialize;

/// RTT samples in microseconds (u32: over an hour per sample is not a round trip).
#[derive(Debug, Default, Clone)]
pub struct Rtts(Vec<u32>);

impl Rtts {
    pub fn new() -> Rtts {
        Rtts::default()
    }
    pub fn push(&mut self, d: Duration) {
        self.0.push(d.as_micros().min(u32::MAX as u128) as u32);
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Merge another collector (load mode: one per connection).
    pub fn extend(&mut self, other: Rtts) {
        self.0.extend(other.0);
    }
    /// The statistics, or None when there is no sample.
    pub fn stats(&mut self) -> Option<RttStats> {
        if self.0.is_empty() {
            return None;
        }
        self.0.sort_unstable();
        let n = self.0.len() as f64;
        let ms = |us: f64| (us).round() / 1000.0;
        let sum: f64 = self.0.iter().map(|&x| x as f64).sum();
        let mean = sum / n;
        let var = self
            .0
            .iter()
            .map(|&x| (x as f64 - mean).powi(2))
            .sum::<f64>()
            / n;
        Some(RttStats {
            min_ms: ms(self.0[0] as f64),
            avg_ms: ms(mean),
            max_ms: ms(*self.0.last().unwrap_or(&0) as f64),
            mdev_ms: ms(var.sqrt()),
            p50_ms: ms(percentile(&self.0, 50.0) as f64),
            p90_ms: ms(percentile(&self.0, 90.0) as f64),
            p99_ms: ms(percentile(&self.0, 99.0) as f64),
        })
    }
}

/// Nearest-rank percentile of sorted samples.
pub fn percentile(sorted: &[u32], p: f64) -> u32 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// Round-trip statistics in milliseconds (mdev as ping: the standard deviation).
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct RttStats {
    pub min_ms: f64,
    pub avg_ms: f64,
    pub max_ms: f64,
    pub mdev_ms: f64,
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
}

impl RttStats {
    /// `rtt min/avg/max/mdev = ... ms, p50/p90/p99 = ... ms`.
    pub fn human(&self) -> String {
        format!(
            "rtt min/avg/max/mdev = {:.3}/{:.3}/{:.3}/{:.3} ms, p50/p90/p99 = {:.3}/{:.3}/{:.3} ms",
            self.min_ms,
            self.avg_ms,
            self.max_ms,
            self.mdev_ms,
            self.p50_ms,
            self.p90_ms,
            self.p99_ms
        )
    }
}

/// RTTs of a load run in an HDR histogram: memory does not grow with the number
/// of samples (microseconds from 1 µs to an hour, 3 significant digits).
#[derive(Debug, Clone)]
pub struct RttHistogram(Histogram<u64>);

impl Default for RttHistogram {
    fn default() -> RttHistogram {
        RttHistogram(
            Histogram::new_with_bounds(1, 3_600_000_000, 3).expect("valid histogram bounds"),
        )
    }
}

impl RttHistogram {
    pub fn new() -> RttHistogram {
        RttHistogram::default()
    }
    pub fn push(&mut self, d: Duration) {
        self.0.saturating_record((d.as_micros() as u64).max(1));
    }
    pub fn len(&self) -> u64 {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Merge another histogram (one per connection or thread).
    pub fn extend(&mut self, other: RttHistogram) {
        // Same bounds on both sides: adding cannot fail.
        let _ = self.0.add(other.0);
    }
    /// The statistics, or None when there is no sample.
    pub fn stats(&self) -> Option<RttStats> {
        if self.0.is_empty() {
            return None;
        }
        let ms = |us: f64| us.round() / 1000.0;
        let q = |p: f64| ms(self.0.value_at_quantile(p) as f64);
        Some(RttStats {
            min_ms: ms(self.0.min() as f64),
            avg_ms: ms(self.0.mean()),
            max_ms: ms(self.0.max() as f64),
            mdev_ms: ms(self.0.stdev()),
            p50_ms: q(0.50),
            p90_ms: q(0.90),
            p99_ms: q(0.99),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_like_ping() {
        let mut r = Rtts::new();
        for us in [100, 200, 300, 400] {
            r.push(Duration::from_micros(us));
        }
        let s = r.stats().unwrap();
        assert_eq!(s.min_ms, 0.1);
        assert_eq!(s.max_ms, 0.4);
        assert_eq!(s.avg_ms, 0.25);
        assert_eq!(s.mdev_ms, 0.112);
        assert_eq!(s.p50_ms, 0.2);
        assert_eq!(s.p99_ms, 0.4);
        assert!(Rtts::new().stats().is_none());
    }

    #[test]
    fn percentiles_nearest_rank() {
        let v: Vec<u32> = (1..=100).collect();
        assert_eq!(percentile(&v, 50.0), 50);
        assert_eq!(percentile(&v, 90.0), 90);
        assert_eq!(percentile(&v, 99.0), 99);
        assert_eq!(percentile(&[7], 99.0), 7);
    }

    #[test]
    fn the_histogram_agrees_with_exact_samples() {
        let (mut exact, mut hdr) = (Rtts::new(), RttHistogram::new());
        for us in 1..=10_000u64 {
            exact.push(Duration::from_micros(us * 3));
            hdr.push(Duration::from_micros(us * 3));
        }
        let (e, h) = (exact.stats().unwrap(), hdr.stats().unwrap());
        for (a, b) in [
            (e.p50_ms, h.p50_ms),
            (e.p99_ms, h.p99_ms),
            (e.avg_ms, h.avg_ms),
        ] {
            assert!((a - b).abs() <= a * 0.002, "{a} vs {b}");
        }
        let mut other = RttHistogram::new();
        other.push(Duration::from_secs(1));
        hdr.extend(other);
        assert_eq!(hdr.len(), 10_001);
        assert!(RttHistogram::new().stats().is_none());
    }
}
