//! Trimming a lab transcript so a student can read it top to bottom: connection logs
//! (a client connected, a peer left) are not printed, and a warning like one already
//! printed is only counted, then said once with its count at the end of the lab.
//! `netkit lab --verbose` turns this off. It only changes which human lines are
//! printed: captured events (what a lab checks) and `--json` keep everything, and it
//! never changes what a command does.

use std::sync::{Arc, Mutex};

/// Event kinds that log connections rather than the exchange a lab teaches: a
/// server's accept and close lines, the broker's, a ZeroMQ peer joining or leaving.
pub const CONNECTION_LOGS: &[&str] =
    &["disconnected", "connection", "closed", "connecting", "peer"];

/// `connected` is the broker's log of a client, hidden; from a client it is the
/// handshake's time (`connected to ... in 0.08 ms`), which chapter §4 teaches
/// (docs/material.md#4-tcpip), and is kept.
const BROKER_CONNECTED: (&str, &str) = ("broker", "connected");

/// Shared by every side of one lab (clones share the counts).
#[derive(Clone, Default)]
pub struct Trim(Arc<Mutex<Vec<Repeat>>>);

/// A warning said before, and how often it came again.
#[derive(Debug, Clone, PartialEq)]
pub struct Repeat {
    /// `[side] ` or empty, for the line that reports the count.
    pub side: String,
    key: String,
    /// The text of the last repetition.
    pub last: String,
    /// How many times it came after the first.
    pub again: usize,
}

impl Trim {
    /// Is an event of this kind, said by `side`, left out of the transcript?
    pub fn hides(&self, side: Option<&str>, kind: &str) -> bool {
        CONNECTION_LOGS.contains(&kind)
            || (side, kind) == (Some(BROKER_CONNECTED.0), BROKER_CONNECTED.1)
    }

    /// Should this warning be printed? The first of its kind is; a later one like
    /// it (same side, same text once the subject before the first `: ` and the
    /// numbers are set aside) is counted instead.
    pub fn first_warning(&self, side: &str, message: &str) -> bool {
        let key = format!("{side}{}", warning_key(message));
        let mut seen = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(r) = seen.iter_mut().find(|r| r.key == key) {
            r.again += 1;
            r.last = message.to_string();
            return false;
        }
        seen.push(Repeat {
            side: side.to_string(),
            key,
            last: String::new(),
            again: 0,
        });
        true
    }

    /// The warnings that came more than once since the last call, in the order
    /// they first came; the counts start again from zero.
    pub fn take_repeats(&self) -> Vec<Repeat> {
        let mut seen = self.0.lock().unwrap_or_else(|p| p.into_inner());
        std::mem::take(&mut *seen)
            .into_iter()
            .filter(|r| r.again > 0)
            .collect()
    }
}

/// What makes two warnings "the same": `nobody is subscribed to catB: the messages
/// were dropped` and `... to catD: ...` differ only in their subject, `1 message(s)`
/// and `3 message(s)` only in a number.
fn warning_key(message: &str) -> String {
    let body = message.split_once(": ").map_or(message, |(_, rest)| rest);
    let mut key = String::with_capacity(body.len());
    for c in body.chars() {
        if c.is_ascii_digit() {
            if !key.ends_with('#') {
                key.push('#');
            }
        } else {
            key.push(c);
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_warning_like_one_said_before_is_counted() {
        let t = Trim::default();
        let w = |ch: &str| format!("nobody is subscribed to {ch}: the messages were dropped");
        assert!(t.first_warning("[publisher] ", &w("catA")));
        assert!(!t.first_warning("[publisher] ", &w("catB")));
        assert!(!t.first_warning("[publisher] ", &w("catD")));
        assert!(t.first_warning("[other] ", &w("catB")), "another side");
        assert!(t.first_warning("[publisher] ", "1 message(s) went out"));
        assert!(!t.first_warning("[publisher] ", "13 message(s) went out"));
        let r = t.take_repeats();
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].again, r[0].last.as_str()), (2, w("catD").as_str()));
        assert_eq!(r[1].again, 1);
        assert!(t.take_repeats().is_empty());
        assert!(
            t.first_warning("[publisher] ", &w("catA")),
            "counts start again"
        );
    }

    #[test]
    fn connection_logs_are_hidden_the_exchange_is_not() {
        let t = Trim::default();
        assert!(t.hides(Some("broker"), "connected") && t.hides(Some("subscriber"), "peer"));
        assert!(t.hides(Some("server"), "connection") && t.hides(Some("server"), "closed"));
        assert!(
            !t.hides(Some("client"), "connected"),
            "the handshake time is a lesson"
        );
        for kind in ["message", "check", "warning", "reply", "summary"] {
            assert!(!t.hides(Some("server"), kind), "{kind}");
        }
    }
}
