//! Shared by `udp-echo` and `tcp-echo`: the summary events their clients, load
//! generators and servers print, how a payload is shown, and the payload builder
//! for `--size`. RTT statistics live in `crate::rtt`, the PRNG in `crate::rng`, the
//! `ppoll` wait in `net::wait_readable` (re-exported here for existing callers).
//! It does not touch sockets.

use serde::Serialize;

use crate::output::{Palette, Render};

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

pub use crate::net::wait_readable;
pub use crate::rng::Rng;
pub use crate::rtt::{percentile, RttHistogram, RttStats, Rtts};
pub use crate::value::{parse_delay, parse_percent, Delay};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_adds_up() {
        let s = ClientSummary::new("udp", "x".into(), 1000, 803);
        assert_eq!(s.lost, 197);
        assert_eq!(s.loss_pct, 19.7);
        assert_eq!(ClientSummary::new("tcp", "x".into(), 0, 0).loss_pct, 0.0);
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
