//! The events `netkit zmq` prints: one `Serialize` struct per kind with its human
//! line. Frames are shown one by one (`a | b | c` for people; a `frames` array of
//! `data` + `encoding` in JSON, base64 for binary, as pub/sub does). This module
//! only renders; it never touches a socket.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::cmd::echo_stats::RttStats;
use crate::output::{escape, plural, timestamp, Palette, Payload, Render};

/// Frames as `a | b | c` (escaped), `(empty)` for an empty frame.
pub fn show_frames<T: std::ops::Deref<Target = [u8]>>(frames: &[T]) -> String {
    frames
        .iter()
        .map(|f| {
            let f: &[u8] = f;
            if f.is_empty() {
                "(empty)".to_string()
            } else {
                escape(f)
            }
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Frames for JSON.
pub fn payloads<T: std::ops::Deref<Target = [u8]>>(frames: &[T]) -> Vec<Payload<'_>> {
    frames.iter().map(|f| Payload(f)).collect()
}

/// A message received by pull, pair, router or dealer.
#[derive(Debug, Serialize)]
pub struct Received<'a> {
    pub time: String,
    pub seq: u64,
    /// ROUTER: the sender's routing identity frame.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity: Option<Payload<'a>>,
    pub frames: Vec<Payload<'a>>,
    pub bytes: usize,
}

impl Render for Received<'_> {
    fn kind(&self) -> &str {
        "message"
    }
    fn human(&self, p: &Palette) -> String {
        let from = self
            .identity
            .as_ref()
            .map(|id| format!("from {} ", p.name(&escape(id.0))))
            .unwrap_or_default();
        let frames: Vec<&[u8]> = self.frames.iter().map(|f| f.0).collect();
        format!(
            "{} #{} {from}{}",
            p.dim(&timestamp()),
            self.seq,
            p.value(&show_frames(&frames))
        )
    }
}

/// A request a REP socket received (the chapter's `Request says:` line).
#[derive(Debug, Serialize)]
pub struct Request<'a> {
    pub time: String,
    pub seq: u64,
    pub frames: Vec<Payload<'a>>,
    /// What was sent back.
    pub reply: Vec<Payload<'a>>,
}

impl Render for Request<'_> {
    fn kind(&self) -> &str {
        "request"
    }
    fn human(&self, _: &Palette) -> String {
        let frames: Vec<&[u8]> = self.frames.iter().map(|f| f.0).collect();
        format!("Request says:{}", show_frames(&frames))
    }
}

/// A message sent (push, pair, dealer, router --to).
#[derive(Debug, Serialize)]
pub struct Sent<'a> {
    pub seq: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<Payload<'a>>,
    pub frames: Vec<Payload<'a>>,
}

impl Render for Sent<'_> {
    fn kind(&self) -> &str {
        "sent"
    }
    fn human(&self, p: &Palette) -> String {
        let to = self
            .to
            .as_ref()
            .map(|id| format!(" to {}", p.name(&escape(id.0))))
            .unwrap_or_default();
        let frames: Vec<&[u8]> = self.frames.iter().map(|f| f.0).collect();
        format!("Sent #{}{to}: {}", self.seq, p.value(&show_frames(&frames)))
    }
}

/// A REQ round trip: the chapter's `Sent message #1, received Stop saying: ...`.
#[derive(Debug, Serialize)]
pub struct Reply<'a> {
    pub seq: u64,
    pub request: Vec<Payload<'a>>,
    pub frames: Vec<Payload<'a>>,
    pub rtt_ms: f64,
    /// 1 for the first try, 2 after one retry...
    pub attempt: u32,
}

impl Render for Reply<'_> {
    fn kind(&self) -> &str {
        "reply"
    }
    fn human(&self, p: &Palette) -> String {
        let req: Vec<&[u8]> = self.request.iter().map(|f| f.0).collect();
        let rep: Vec<&[u8]> = self.frames.iter().map(|f| f.0).collect();
        format!(
            "Sent {}, received {} {}",
            show_frames(&req),
            show_frames(&rep),
            p.dim(&format!("({:.3} ms)", self.rtt_ms))
        )
    }
}

/// The Lazy Pirate: no reply in time, so a fresh socket resends.
#[derive(Debug, Serialize)]
pub struct Retry {
    pub seq: u64,
    pub attempt: u32,
    pub retries: u32,
    pub waited_ms: f64,
    /// The connection dropped while waiting (a reply over --max-size does that).
    pub dropped: bool,
}

impl Render for Retry {
    fn kind(&self) -> &str {
        "retry"
    }
    fn human(&self, p: &Palette) -> String {
        format!(
            "{} no reply within {}, retrying ({}/{}) on a fresh socket{}",
            p.warn("!"),
            secs(self.waited_ms),
            self.attempt,
            self.retries,
            dropped_note(self.dropped)
        )
    }
}

/// `2s`, `1.5s`, `250ms`.
pub fn secs(ms: f64) -> String {
    if ms >= 1000.0 {
        format!("{}s", (ms / 100.0).round() / 10.0)
    } else {
        format!("{ms:.0}ms")
    }
}

pub fn dropped_note(dropped: bool) -> &'static str {
    if dropped {
        " (the connection dropped meanwhile: a reply over --max-size closes it)"
    } else {
        ""
    }
}

/// A REQ client's summary, like the echo clients'.
#[derive(Debug, Serialize)]
pub struct ReqSummary {
    pub target: String,
    pub sent: u64,
    pub answered: u64,
    pub unanswered: u64,
    pub retries: u64,
    pub duration_ms: f64,
    pub rtt: Option<RttStats>,
}

impl Render for ReqSummary {
    fn kind(&self) -> &str {
        "summary"
    }
    fn human(&self, p: &Palette) -> String {
        let un = format!("{} unanswered", self.unanswered);
        let un = if self.unanswered == 0 {
            p.ok(&un)
        } else {
            p.err(&un)
        };
        let mut s = format!(
            "--- {} zmq-req statistics ---\n{} sent, {} answered, {un}, {}, time {:.0} ms",
            self.target,
            self.sent,
            self.answered,
            plural(self.retries, "retry"),
            self.duration_ms
        );
        if let Some(r) = &self.rtt {
            s.push('\n');
            s.push_str(&r.human());
        }
        s
    }
}

/// What a sender did.
#[derive(Debug, Serialize)]
pub struct SendSummary {
    pub socket: &'static str,
    pub sent: u64,
    pub bytes: u64,
    /// Replies read back (dealer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replies: Option<u64>,
    pub elapsed_s: f64,
    pub rate: f64,
}

impl Render for SendSummary {
    fn kind(&self) -> &str {
        "summary"
    }
    fn human(&self, p: &Palette) -> String {
        let replies = self
            .replies
            .map(|r| format!(", {}", plural(r, "reply")))
            .unwrap_or_default();
        format!(
            "{} {} sent ({} bytes) in {:.3}s ({:.0}/s){replies}",
            self.socket,
            p.value(&plural(self.sent, "message")),
            self.bytes,
            self.elapsed_s,
            self.rate
        )
    }
}

/// What a receiver (rep, pull, pair, router) got.
#[derive(Debug, Serialize)]
pub struct RecvSummary {
    pub socket: &'static str,
    pub messages: u64,
    pub bytes: u64,
    /// Replies sent (rep, router --reply).
    pub replies: u64,
    /// Messages forwarded to `--push` (a pipeline worker).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forwarded: Option<u64>,
    pub elapsed_s: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate: Option<f64>,
    /// Messages per sender: the ROUTER identity, or a multipart message's first frame.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub per_sender: BTreeMap<String, u64>,
}

impl Render for RecvSummary {
    fn kind(&self) -> &str {
        "summary"
    }
    fn human(&self, p: &Palette) -> String {
        let rate = self
            .rate
            .map(|r| format!(" ({r:.0}/s)"))
            .unwrap_or_default();
        let mut s = format!(
            "{} {} ({} bytes) in {:.3}s{rate}",
            self.socket,
            p.value(&plural(self.messages, "message")),
            self.bytes,
            self.elapsed_s
        );
        if self.replies > 0 {
            s.push_str(&format!(", {} sent", plural(self.replies, "reply")));
        }
        if let Some(f) = self.forwarded {
            s.push_str(&format!(", {f} forwarded"));
        }
        if !self.per_sender.is_empty() {
            let per: Vec<String> = self
                .per_sender
                .iter()
                .map(|(k, v)| format!("{}: {v}", p.name(k)))
                .collect();
            s.push_str(&format!("; per sender: {}", per.join(", ")));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chapter_lines() {
        let p = Palette::plain();
        let r = Request {
            time: String::new(),
            seq: 1,
            frames: vec![Payload(b"message #1")],
            reply: vec![],
        };
        assert_eq!(r.human(&p), "Request says:message #1");
        let r = Reply {
            seq: 1,
            request: vec![Payload(b"message #1")],
            frames: vec![Payload(b"Stop saying: message #1")],
            rtt_ms: 0.5,
            attempt: 1,
        };
        assert!(r
            .human(&p)
            .starts_with("Sent message #1, received Stop saying: message #1 ("));
        assert_eq!(
            show_frames(&[b"a".as_slice(), b"", &[0xff]]),
            "a | (empty) | \\xff"
        );
        assert_eq!(secs(2000.0), "2s");
    }
}
