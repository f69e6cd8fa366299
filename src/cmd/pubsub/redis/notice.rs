//! Events that only Redis `sub`/`pub` beyond one server print: the gap after a
//! reconnect (Redis pub/sub does not replay), a resubscription after a slot moved,
//! a Sentinel failover followed, and what a cluster's receiver counts mean. They
//! render themselves; they do not decide when they happen.

use serde::Serialize;

use crate::output::{Palette, Render};

/// A time during which `sub` was not subscribed: anything published then is lost.
#[derive(Debug, Serialize)]
pub struct Gap {
    /// When the subscription was lost (RFC 3339).
    pub started: String,
    /// When it was back (RFC 3339).
    pub ended: String,
    pub seconds: f64,
    /// Why (connection lost, slot moved, failover).
    pub reason: String,
    pub note: &'static str,
}

pub const NO_REPLAY: &str =
    "Redis pub/sub does not replay: messages published while unsubscribed are lost";

impl Gap {
    pub fn new(started: String, lost_at: std::time::Instant, reason: String) -> Gap {
        Gap {
            started,
            ended: crate::output::timestamp_rfc3339(),
            seconds: (lost_at.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
            reason,
            note: NO_REPLAY,
        }
    }
}

impl Render for Gap {
    fn kind(&self) -> &str {
        "gap"
    }
    fn human(&self, p: &Palette) -> String {
        format!(
            "{} subscribed again after a gap of {:.3}s ({}); {}",
            p.warn("gap:"),
            self.seconds,
            self.reason,
            self.note
        )
    }
}

/// Channels subscribed again at another node after their slot moved.
#[derive(Debug, Serialize)]
pub struct Resubscribed {
    pub channels: Vec<String>,
    pub node: String,
    pub reason: String,
}

impl Render for Resubscribed {
    fn kind(&self) -> &str {
        "resubscribed"
    }
    fn human(&self, p: &Palette) -> String {
        format!(
            "resubscribed {} at {} ({})",
            p.name(&self.channels.join(", ")),
            self.node,
            self.reason
        )
    }
}

/// Sentinel moved the master; `sub` follows it.
#[derive(Debug, Serialize)]
pub struct Failover {
    pub master: String,
    pub from: String,
    pub to: String,
}

impl Render for Failover {
    fn kind(&self) -> &str {
        "failover"
    }
    fn human(&self, p: &Palette) -> String {
        format!(
            "{} master {} moved from {} to {} (Sentinel +switch-master); following it",
            p.warn("failover:"),
            p.name(&self.master),
            self.from,
            self.to
        )
    }
}

/// What `pub`/`sub` found: a cluster of N masters, and how it will be used.
#[derive(Debug, Serialize)]
pub struct ClusterInfo {
    pub nodes: usize,
    pub sharded: bool,
    pub note: String,
}

impl Render for ClusterInfo {
    fn kind(&self) -> &str {
        "cluster"
    }
    fn human(&self, p: &Palette) -> String {
        let what = match self.nodes {
            1 => "one Redis server (not a cluster):".to_string(),
            n => format!("Redis Cluster of {n} masters:"),
        };
        format!("{} {}", p.dim(&what), self.note)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn human_lines_say_what_happened() {
        let p = Palette::plain();
        let g = Gap {
            started: "a".into(),
            ended: "b".into(),
            seconds: 1.5,
            reason: "connection lost".into(),
            note: NO_REPLAY,
        };
        let line = g.human(&p);
        assert!(line.starts_with("gap: subscribed again after a gap of 1.500s (connection lost)"));
        assert!(line.contains("does not replay"));
        let f = Failover {
            master: "m".into(),
            from: "h:1".into(),
            to: "h:2".into(),
        };
        assert!(f.human(&p).contains("m moved from h:1 to h:2"));
        let one = ClusterInfo {
            nodes: 1,
            sharded: true,
            note: "x".into(),
        };
        assert!(one.human(&p).starts_with("one Redis server"));
    }
}
