//! What the broker logs: connections, subscriptions, disconnections (with the
//! reason: hung up, protocol error, slow subscriber), and the summary on Ctrl-C.
//! Data only; the output layer renders it as a human line or JSON.

use std::time::Duration;

use serde::Serialize;

use crate::output::{self, escape, Palette, Render};

/// Counters for the summary.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Stats {
    pub connections: u64,
    pub max_clients: usize,
    pub refused: u64,
    pub commands: u64,
    pub published: u64,
    pub delivered: u64,
    pub slow_dropped: u64,
    pub protocol_errors: u64,
}

#[derive(Debug, Serialize)]
pub struct Connected {
    pub client: u64,
    pub peer: String,
    pub clients: usize,
}

impl Render for Connected {
    fn kind(&self) -> &str {
        "connected"
    }
    fn human(&self, p: &Palette) -> String {
        format!(
            "{} client #{} connected from {} ({} connected)",
            p.dim(&output::timestamp()),
            self.client,
            p.name(&self.peer),
            self.clients
        )
    }
}

#[derive(Debug, Serialize)]
pub struct Disconnected {
    pub client: u64,
    pub peer: String,
    pub reason: String,
    pub clients: usize,
}

impl Render for Disconnected {
    fn kind(&self) -> &str {
        "disconnected"
    }
    fn human(&self, p: &Palette) -> String {
        let reason = if self.reason.starts_with("closed") {
            self.reason.clone()
        } else {
            p.warn(&self.reason)
        };
        format!(
            "{} client #{} {} disconnected: {} ({} connected)",
            p.dim(&output::timestamp()),
            self.client,
            self.peer,
            reason,
            self.clients
        )
    }
}

/// A SUBSCRIBE / PSUBSCRIBE / UNSUBSCRIBE / PUNSUBSCRIBE of one channel or pattern.
#[derive(Debug, Serialize)]
pub struct Subscription {
    pub client: u64,
    pub action: &'static str,
    pub channel: String,
    /// The client's subscriptions after this one (what Redis replies).
    pub subscriptions: usize,
}

impl Render for Subscription {
    fn kind(&self) -> &str {
        "subscription"
    }
    fn human(&self, p: &Palette) -> String {
        format!(
            "{} client #{} {} {} ({} subscription{})",
            p.dim(&output::timestamp()),
            self.client,
            self.action,
            p.value(&self.channel),
            self.subscriptions,
            if self.subscriptions == 1 { "" } else { "s" }
        )
    }
}

impl Subscription {
    pub fn new(client: u64, action: &'static str, channel: &[u8], subscriptions: usize) -> Self {
        Subscription {
            client,
            action,
            channel: escape(channel),
            subscriptions,
        }
    }
}

/// Printed when the broker stops.
#[derive(Debug, Serialize)]
pub struct Summary {
    #[serde(flatten)]
    pub stats: Stats,
    pub uptime_s: f64,
}

impl Summary {
    pub fn new(stats: &Stats, uptime: Duration) -> Summary {
        Summary {
            stats: stats.clone(),
            uptime_s: (uptime.as_secs_f64() * 1000.0).round() / 1000.0,
        }
    }
}

impl Render for Summary {
    fn kind(&self) -> &str {
        "summary"
    }
    fn human(&self, p: &Palette) -> String {
        let s = &self.stats;
        let mut line = format!(
            "--- broker summary ---\n{} connections (at most {} at once), {} commands, {} published, {} delivered",
            s.connections, s.max_clients, s.commands, s.published, s.delivered
        );
        if s.slow_dropped + s.protocol_errors + s.refused > 0 {
            line.push_str(&p.warn(&format!(
                "\n{} slow subscribers dropped, {} protocol errors, {} refused (too many clients)",
                s.slow_dropped, s.protocol_errors, s.refused
            )));
        }
        line.push_str(&format!("\nup {:.1}s", self.uptime_s));
        line
    }
}
