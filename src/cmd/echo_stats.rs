//! Shared by `udp-echo` and `tcp-echo`: round-trip statistics (ping's
//! min/avg/max/mdev plus nearest-rank p50/p90/p99), the summary events their
//! clients, load generators and servers print, the payload builder for `--size`,
//! and a tiny seeded PRNG for the servers' `--drop/--duplicate/--delay` knobs.
//! It does not touch sockets.

use std::time::Duration;

use serde::Serialize;

use crate::output::{Palette, Render};

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

/// A client's ping-like summary.
#[derive(Debug, Serialize)]
pub struct ClientSummary {
    pub proto: &'static str,
    pub target: String,
    pub sent: u64,
    pub received: u64,
    pub lost: u64,
    pub loss_pct: f64,
    pub duplicates: u64,
    pub late: u64,
    pub reordered: u64,
    pub duration_ms: f64,
    pub rtt: Option<RttStats>,
}

impl ClientSummary {
    /// `lost` is `sent - received`, so the numbers always add up.
    pub fn new(proto: &'static str, target: String, sent: u64, received: u64) -> ClientSummary {
        let lost = sent.saturating_sub(received);
        let loss_pct = if sent == 0 {
            0.0
        } else {
            (lost as f64 * 1000.0 / sent as f64).round() / 10.0
        };
        ClientSummary {
            proto,
            target,
            sent,
            received,
            lost,
            loss_pct,
            duplicates: 0,
            late: 0,
            reordered: 0,
            duration_ms: 0.0,
            rtt: None,
        }
    }
}

impl Render for ClientSummary {
    fn kind(&self) -> &str {
        "summary"
    }
    fn human(&self, p: &Palette) -> String {
        let loss = format!("{:.1}% loss", self.loss_pct);
        let loss = if self.lost == 0 {
            p.ok(&loss)
        } else {
            p.err(&loss)
        };
        let mut s = format!(
            "--- {} {}-echo statistics ---\n{} sent, {} received, {}, {} duplicates",
            self.target, self.proto, self.sent, self.received, loss, self.duplicates
        );
        if self.proto == "udp" {
            s.push_str(&format!(
                ", {} late, {} reordered",
                self.late, self.reordered
            ));
        }
        s.push_str(&format!(", time {:.0} ms", self.duration_ms));
        if let Some(r) = &self.rtt {
            s.push('\n');
            s.push_str(&r.human());
        }
        s
    }
}

/// A load run's result: round trips per second and latency.
#[derive(Debug, Serialize)]
pub struct LoadSummary {
    pub proto: &'static str,
    pub target: String,
    pub concurrency: usize,
    pub size: usize,
    pub duration_s: f64,
    pub round_trips: u64,
    pub rate: f64,
    pub errors: u64,
    /// Connections (or sockets) that completed at least one round trip.
    pub served: usize,
    pub rtt: Option<RttStats>,
}

impl Render for LoadSummary {
    fn kind(&self) -> &str {
        "load"
    }
    fn human(&self, p: &Palette) -> String {
        let mut s = format!(
            "--- {} {}-echo load: {} connections x {} bytes for {:.2} s ---\n{} round trips, {} /s, {} errors, {}/{} connections served",
            self.target,
            self.proto,
            self.concurrency,
            self.size,
            self.duration_s,
            self.round_trips,
            p.value(&format!("{:.0}", self.rate)),
            self.errors,
            self.served,
            self.concurrency
        );
        if let Some(r) = &self.rtt {
            s.push('\n');
            s.push_str(&r.human());
        }
        s
    }
}

/// A server's summary at Ctrl-C or `--count`.
#[derive(Debug, Serialize, Default)]
pub struct ServerSummary {
    pub proto: &'static str,
    pub peers: u64,
    pub messages: u64,
    pub bytes: u64,
    pub duration_s: f64,
    /// UDP knobs: replies dropped / duplicated on purpose.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dropped: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duplicated: Option<u64>,
    /// TCP: connections closed for bad input (oversized frame, idle, over max-clients).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refused: Option<u64>,
}

impl Render for ServerSummary {
    fn kind(&self) -> &str {
        "summary"
    }
    fn human(&self, _p: &Palette) -> String {
        let mut s = format!(
            "--- {}-echo server: {}, {}, {} in {:.3} s",
            self.proto,
            crate::output::plural(self.peers, "peer"),
            crate::output::plural(self.messages, "message"),
            crate::output::plural(self.bytes, "byte"),
            self.duration_s
        );
        if let Some(d) = self.dropped {
            s.push_str(&format!(", {d} dropped"));
        }
        if let Some(d) = self.duplicated {
            s.push_str(&format!(", {d} duplicated"));
        }
        if let Some(r) = self.refused {
            s.push_str(&format!(", {r} clients closed for bad input or limits"));
        }
        s.push_str(" ---");
        s
    }
}

/// Longest payload a human line shows; JSON always carries the whole payload.
pub const SHOWN: usize = 256;

/// A payload for a human line: escaped, cut after [`SHOWN`] bytes with a count
/// of the rest, so one 64 KiB read does not flood the terminal.
pub fn shown(data: &[u8]) -> String {
    if data.len() <= SHOWN {
        return crate::output::escape(data);
    }
    format!(
        "{}… (+{} bytes)",
        crate::output::escape(&data[..SHOWN]),
        data.len() - SHOWN
    )
}

/// `--size N`: the message, cut or padded with `.` to exactly `size` bytes.
pub fn sized(message: &[u8], size: Option<usize>) -> Vec<u8> {
    let mut v = message.to_vec();
    if let Some(n) = size {
        v.resize(n, b'.');
    }
    v
}

pub use crate::value::{parse_delay, parse_percent, Delay};

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

/// Wait until `fd` is readable or `wait` passes (true = readable). Uses `ppoll`,
/// which keeps microsecond precision where `SO_RCVTIMEO` rounds up to the
/// kernel's tick (4 ms at HZ=250), so a `--delay 1ms` really is about 1 ms.
pub fn wait_readable(fd: std::os::fd::RawFd, wait: Duration) -> std::io::Result<bool> {
    let mut pfd = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    let ts = libc::timespec {
        tv_sec: wait.as_secs() as libc::time_t,
        tv_nsec: wait.subsec_nanos() as libc::c_long,
    };
    // SAFETY: one valid pollfd on the stack, a valid timespec, no signal mask.
    let rc = unsafe { libc::ppoll(&mut pfd, 1, &ts, std::ptr::null()) };
    match rc {
        -1 => {
            let e = std::io::Error::last_os_error();
            if e.kind() == std::io::ErrorKind::Interrupted {
                Ok(false)
            } else {
                Err(e)
            }
        }
        0 => Ok(false),
        _ => Ok(true),
    }
}

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
    fn summary_adds_up() {
        let s = ClientSummary::new("udp", "x".into(), 1000, 803);
        assert_eq!(s.lost, 197);
        assert_eq!(s.loss_pct, 19.7);
        assert_eq!(ClientSummary::new("tcp", "x".into(), 0, 0).loss_pct, 0.0);
    }

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

    #[test]
    fn long_payloads_are_cut_for_humans() {
        assert_eq!(shown(b"Hello!"), "Hello!");
        let long = vec![b'a'; 300];
        assert!(shown(&long).ends_with("… (+44 bytes)"));
    }

    #[test]
    fn sizes() {
        assert_eq!(sized(b"Hello!", Some(8)), b"Hello!..");
        assert_eq!(sized(b"Hello!", Some(2)), b"He");
        assert_eq!(sized(b"Hello!", None), b"Hello!");
    }
}
