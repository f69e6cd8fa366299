//! The two events every pub/sub transport prints — [`Published`] (one message
//! sent) and [`Message`] (one message received) — so Redis, ZeroMQ and AMQP
//! output has one shape: `type`, `channel`, `data` + `encoding` (from
//! `output::Payload`), and the fields only one transport knows left out where
//! they do not apply. Summaries and transport-specific events stay with their
//! transport. This module only renders; it never touches a socket.

use std::borrow::Cow;

use serde::{Serialize, Serializer};

use crate::output::{escape, timestamp, Palette, Payload, Render};

/// A payload that is borrowed from a frame or owned (`data` + `encoding` in JSON,
/// as [`Payload`]).
#[derive(Debug, Clone)]
pub struct Body<'a>(pub Cow<'a, [u8]>);

impl Serialize for Body<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Payload(&self.0).serialize(s)
    }
}

/// Why the broker gave a message back (AMQP `basic.return`).
#[derive(Debug, Clone, Serialize)]
pub struct Reply {
    pub reply_code: u16,
    pub reply_text: String,
}

/// One message published.
#[derive(Debug, Serialize)]
pub struct Published<'a> {
    pub seq: u64,
    pub channel: &'a str,
    #[serde(flatten)]
    pub payload: Payload<'a>,
    /// Redis: how many subscriptions received it (PUBLISH's reply). ZeroMQ and
    /// AMQP cannot tell, so it is absent there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub receivers: Option<i64>,
    /// AMQP: the routing key, when one was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub routing_key: Option<&'a str>,
    /// AMQP: what the broker said — `confirmed`, `returned` (unroutable with
    /// `--mandatory`) or `nacked`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'static str>,
    /// AMQP: the return's reply code and text.
    #[serde(flatten)]
    pub returned: Option<Reply>,
}

impl<'a> Published<'a> {
    /// A message with none of the transport-specific fields filled.
    pub fn new(seq: u64, channel: &'a str, payload: &'a [u8]) -> Published<'a> {
        Published {
            seq,
            channel,
            payload: Payload(payload),
            receivers: None,
            routing_key: None,
            status: None,
            returned: None,
        }
    }
}

impl Render for Published<'_> {
    fn kind(&self) -> &str {
        "published"
    }
    fn human(&self, p: &Palette) -> String {
        let key = self
            .routing_key
            .map(|k| format!(" [{}]", p.name(&escape(k.as_bytes()))))
            .unwrap_or_default();
        let outcome = match (self.receivers, self.status, &self.returned) {
            (Some(0), ..) => format!(": {}", p.warn("0 receivers")),
            (Some(1), ..) => ": 1 receiver".to_string(),
            (Some(n), ..) => format!(": {n} receivers"),
            (None, Some("returned"), Some(r)) => format!(
                ": {} ({} {})",
                p.warn("returned unroutable"),
                r.reply_code,
                r.reply_text
            ),
            (None, Some("confirmed"), _) => ": confirmed".to_string(),
            (None, Some(other), _) => format!(": {}", p.warn(other)),
            (None, None, _) => String::new(),
        };
        // The AMQP default exchange is named '' (an empty name would vanish).
        let channel = if self.channel.is_empty() {
            "''"
        } else {
            self.channel
        };
        format!(
            "published to {}{key} {}{outcome}",
            p.name(channel),
            p.value(&escape(self.payload.0))
        )
    }
}

/// What a broker adds to a delivery (AMQP): the routing key it was published
/// with and whether it is a redelivery.
#[derive(Debug, Clone, Serialize)]
pub struct Delivery {
    pub routing_key: String,
    pub redelivered: bool,
}

/// One message received, shaped like redis-py's dict (`type` message or
/// pmessage, `pattern`, `channel`, `data`) plus a timestamp and `encoding`.
#[derive(Debug, Serialize)]
pub struct Message<'a> {
    /// The JSON `type`: `message`, or `pmessage` for a Redis pattern match.
    #[serde(skip)]
    pub kind: &'static str,
    pub time: Cow<'a, str>,
    /// The pattern that matched (Redis PSUBSCRIBE); null otherwise.
    pub pattern: Option<String>,
    /// Redis channel, ZeroMQ topic frame, AMQP exchange; null for a one-frame
    /// ZeroMQ message.
    pub channel: Option<String>,
    #[serde(flatten)]
    pub payload: Body<'a>,
    /// ZeroMQ: how many frames, when not the usual two.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frames: Option<usize>,
    /// ZeroMQ: frames after the second, each as `data` + `encoding`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub more: Vec<Payload<'a>>,
    #[serde(flatten)]
    pub delivery: Option<Delivery>,
}

impl<'a> Message<'a> {
    /// A plain `message` on `channel`, with no transport-specific fields.
    pub fn new(time: Cow<'a, str>, channel: Option<String>, payload: Cow<'a, [u8]>) -> Self {
        Message {
            kind: "message",
            time,
            pattern: None,
            channel,
            payload: Body(payload),
            frames: None,
            more: Vec::new(),
            delivery: None,
        }
    }
}

impl Render for Message<'_> {
    fn kind(&self) -> &str {
        self.kind
    }
    fn human(&self, p: &Palette) -> String {
        let ts = p.dim(&timestamp());
        let data = p.value(&escape(&self.payload.0));
        let Some(channel) = &self.channel else {
            return format!("{ts} {data} {}", p.dim("(one frame)"));
        };
        let mut line = format!("{ts} {}", p.name(&escape(channel.as_bytes())));
        if let Some(pat) = &self.pattern {
            line.push_str(&format!(" ({})", p.dim(pat)));
        }
        if let Some(d) = &self.delivery {
            if !d.routing_key.is_empty() {
                line.push_str(&format!(" [{}]", p.name(&escape(d.routing_key.as_bytes()))));
            }
        }
        line.push(' ');
        line.push_str(&data);
        for m in &self.more {
            line.push_str(" | ");
            line.push_str(&escape(m.0));
        }
        if self.delivery.as_ref().is_some_and(|d| d.redelivered) {
            line.push_str(&format!(" {}", p.dim("(redelivered)")));
        }
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_shapes() {
        let mut e = Published::new(1, "news", b"hello\x01");
        e.receivers = Some(1);
        let h = e.human(&Palette::plain());
        assert_eq!(h, "published to news hello\\x01: 1 receiver");
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!((v["receivers"].as_i64(), v.get("status")), (Some(1), None));
        let mut e = Published::new(2, "logs", b"x");
        e.status = Some("returned");
        e.returned = Some(Reply {
            reply_code: 312,
            reply_text: "NO_ROUTE".into(),
        });
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(
            (v["status"].as_str(), v["reply_code"].as_u64()),
            (Some("returned"), Some(312))
        );
        assert!(v.get("receivers").is_none());
        assert!(e
            .human(&Palette::plain())
            .ends_with("returned unroutable (312 NO_ROUTE)"));
    }

    #[test]
    fn message_shapes() {
        let mut m = Message::new("t0".into(), Some("logs".into()), Cow::Borrowed(b"hi"));
        m.delivery = Some(Delivery {
            routing_key: "kern.crit".into(),
            redelivered: false,
        });
        let v = serde_json::to_value(&m).unwrap();
        assert_eq!(
            (v["channel"].as_str(), v["data"].as_str()),
            (Some("logs"), Some("hi"))
        );
        assert_eq!(v["routing_key"], "kern.crit");
        assert_eq!(v["pattern"], serde_json::Value::Null);
        assert!(m.human(&Palette::plain()).ends_with(" logs [kern.crit] hi"));
    }
}
