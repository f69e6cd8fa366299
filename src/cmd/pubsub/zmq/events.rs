//! The events ZeroMQ `pub` and `sub` print: one `Serialize` struct per kind with
//! its human line. Published and received messages are the events shared with
//! Redis and AMQP (`pubsub::events`); this module only renders, it never touches
//! a socket.

use std::borrow::Cow;

use serde::Serialize;

pub use crate::cmd::pubsub::events::{Message, Published};
use crate::output::{escape, timestamp, Palette, Payload, Render};

/// A bound `ipc://` endpoint (TCP binds use `net::announce`).
#[derive(Debug, Serialize)]
pub struct ListeningIpc<'a> {
    pub proto: &'a str,
    pub address: &'a str,
}

impl Render for ListeningIpc<'_> {
    fn kind(&self) -> &str {
        "listening"
    }
    fn human(&self, p: &Palette) -> String {
        format!("listening on {} {}", self.proto, p.name(self.address))
    }
}

/// A socket connecting to an endpoint (ZeroMQ connects in the background and
/// keeps retrying, so this is a start, not a success).
#[derive(Debug, Serialize)]
pub struct Connecting<'a> {
    pub socket: &'a str,
    pub endpoint: &'a str,
}

impl Render for Connecting<'_> {
    fn kind(&self) -> &str {
        "connecting"
    }
    fn human(&self, p: &Palette) -> String {
        format!("{} connecting to {}", self.socket, p.name(self.endpoint))
    }
}

/// The subscriber's own subscription, as redis-py reports one (`data` = how many
/// subscriptions it now holds; `pattern` is always null: ZeroMQ topics are prefixes).
#[derive(Debug, Serialize)]
pub struct Subscribe {
    pub time: String,
    pub pattern: Option<String>,
    pub channel: String,
    pub data: usize,
}

impl Render for Subscribe {
    fn kind(&self) -> &str {
        "subscribe"
    }
    fn human(&self, p: &Palette) -> String {
        let s = if self.data == 1 { "" } else { "s" };
        let what = if self.channel.is_empty() {
            "'' (every topic)".to_string()
        } else {
            format!("{}*", p.name(&self.channel))
        };
        format!(
            "{} subscribe {what} ({} subscription{s})",
            p.dim(&timestamp()),
            self.data
        )
    }
}

/// A peer joined, left, or was dropped for not speaking ZeroMQ.
#[derive(Debug, Serialize)]
pub struct PeerEvent<'a> {
    pub event: &'a str,
    pub endpoint: &'a str,
    /// Connections open now.
    pub peers: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'a str>,
    #[serde(skip)]
    pub role: &'a str,
}

impl Render for PeerEvent<'_> {
    fn kind(&self) -> &str {
        "peer"
    }
    fn human(&self, p: &Palette) -> String {
        match self.reason {
            Some(r) => format!(
                "{} dropped a peer on {}: {r}",
                p.warn("!"),
                p.name(self.endpoint)
            ),
            None => format!(
                "{} {} on {} ({} connected)",
                self.role,
                self.event,
                p.name(self.endpoint),
                self.peers
            ),
        }
    }
}

/// A subscription the publisher's XPUB socket received (`\x01topic`/`\x00topic`).
#[derive(Debug, Serialize)]
pub struct Subscription {
    pub topic: String,
    pub subscribed: bool,
}

impl Render for Subscription {
    fn kind(&self) -> &str {
        "subscription"
    }
    fn human(&self, p: &Palette) -> String {
        let t = if self.topic.is_empty() {
            "every topic ('')".to_string()
        } else {
            p.name(&self.topic)
        };
        if self.subscribed {
            format!("a subscriber subscribed to {t}")
        } else {
            format!("the last subscriber to {t} unsubscribed")
        }
    }
}

/// The publisher waits for subscribers (the slow-joiner guard).
#[derive(Debug, Serialize)]
pub struct Waiting {
    pub subscribers: usize,
    pub timeout_ms: u128,
}

impl Render for Waiting {
    fn kind(&self) -> &str {
        "waiting"
    }
    fn human(&self, _: &Palette) -> String {
        let s = if self.subscribers == 1 { "" } else { "s" };
        format!(
            "waiting up to {:.1}s for {} subscriber{s} (--no-wait publishes at once)",
            self.timeout_ms as f64 / 1000.0,
            self.subscribers
        )
    }
}

/// One message received: `[topic, payload]` as the seed sends it, a single frame,
/// or more frames, as the shared [`Message`] event.
pub fn message_of<'a>(time: &'a str, frames: &'a [zmq::Message]) -> Message<'a> {
    let bytes = |m: &'a zmq::Message| -> &'a [u8] { m };
    match frames {
        [one] => Message {
            frames: Some(1),
            ..Message::new(time.into(), None, Cow::Borrowed(bytes(one)))
        },
        [topic, data, rest @ ..] => {
            // A topic is bytes: text as is, anything else escaped (\xNN), as for Redis.
            let channel = match std::str::from_utf8(topic) {
                Ok(t) => t.to_string(),
                Err(_) => escape(topic),
            };
            Message {
                frames: (!rest.is_empty()).then_some(frames.len()),
                more: rest.iter().map(|m| Payload(bytes(m))).collect(),
                ..Message::new(time.into(), Some(channel), Cow::Borrowed(bytes(data)))
            }
        }
        [] => Message {
            frames: Some(0),
            ..Message::new(time.into(), None, Cow::Borrowed(b""))
        },
    }
}

/// What a publisher did, printed last (field names shared with Redis `pub`).
#[derive(Debug, Serialize)]
pub struct PubSummary {
    pub channel: String,
    pub messages: u64,
    pub bytes: u64,
    /// Messages sent while no connected subscriber wanted their topic (ZeroMQ drops them).
    pub unheard: u64,
    /// Connections open when the publisher finished.
    pub subscribers: usize,
    /// From the first message to the end of the flush.
    pub elapsed_s: f64,
    pub rate: f64,
    /// Whether every queued message left before the linger (`--timeout`) ran out.
    pub flushed: bool,
}

impl Render for PubSummary {
    fn kind(&self) -> &str {
        "summary"
    }
    fn human(&self, p: &Palette) -> String {
        format!(
            "{} published to {} in {:.3}s ({:.0}/s), {} connected, {} heard by nobody{}",
            p.value(&crate::output::plural(self.messages, "message")),
            p.name(&self.channel),
            self.elapsed_s,
            self.rate,
            crate::output::plural(self.subscribers as u64, "subscriber"),
            self.unheard,
            if self.flushed {
                ""
            } else {
                "; NOT all flushed"
            }
        )
    }
}

/// What a subscriber received, printed last.
#[derive(Debug, Serialize)]
pub struct SubSummary {
    pub messages: u64,
    /// Payload bytes (frames after the topic).
    pub bytes: u64,
    /// From the start to the end of the subscription.
    pub elapsed_s: f64,
    /// Messages per second from the first message to the last (absent when too
    /// few to tell).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate: Option<f64>,
}

impl Render for SubSummary {
    fn kind(&self) -> &str {
        "summary"
    }
    fn human(&self, p: &Palette) -> String {
        let rate = self
            .rate
            .map(|r| format!(" ({r:.0}/s)"))
            .unwrap_or_default();
        format!(
            "{} ({} bytes) in {:.1}s{rate}",
            p.value(&crate::output::plural(self.messages, "message")),
            self.bytes,
            self.elapsed_s,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(v: &[&[u8]]) -> Vec<zmq::Message> {
        v.iter().map(|f| zmq::Message::from(*f)).collect()
    }

    #[test]
    fn two_frame_message_json() {
        let f = frames(&[b"catC", b"hatB"]);
        let v = serde_json::to_value(message_of("t0", &f)).unwrap();
        assert_eq!(v["channel"], "catC");
        assert_eq!(v["data"], "hatB");
        assert_eq!(v["encoding"], "utf-8");
        assert!(v.get("frames").is_none());
        let h = message_of("t0", &f).human(&Palette::plain());
        assert!(h.ends_with(" catC hatB"), "{h}");
    }

    #[test]
    fn one_and_three_frames() {
        let f = frames(&[b"solo"]);
        let v = serde_json::to_value(message_of("t0", &f)).unwrap();
        assert_eq!(v["channel"], serde_json::Value::Null);
        assert_eq!(v["data"], "solo");
        assert_eq!(v["frames"], 1);
        let f = frames(&[b"t", b"a", &[0xff, 0]]);
        let v = serde_json::to_value(message_of("t0", &f)).unwrap();
        assert_eq!(v["frames"], 3);
        assert_eq!(v["more"][0]["encoding"], "base64");
        let h = message_of("t0", &f).human(&Palette::plain());
        assert!(h.ends_with(" t a | \\xff\\x00"), "{h}");
    }
}
