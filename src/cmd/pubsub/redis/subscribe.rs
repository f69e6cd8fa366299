//! `netkit sub` over Redis: SUBSCRIBE (or PSUBSCRIBE with `--pattern`), then one
//! event per message, flushed as it comes. JSON events carry what redis-py's
//! dicts carry — `type` (subscribe, psubscribe, message, pmessage), `pattern`,
//! `channel`, `data` — plus a timestamp and the payload's `encoding`.
//!
//! Waiting is done in short slices so Ctrl-C, `--count` and the idle `--timeout`
//! (exit 1) take effect at once. A lost connection is exit 3, or with
//! `--reconnect` a new connection and the same subscriptions (with backoff).

use std::time::{Duration, Instant};

use serde::Serialize;

use crate::cmd::Ctx;
use crate::exit::Kind;
use std::borrow::Cow;

use crate::cmd::pubsub::events::Message;
use crate::exit::{self, Code};
use crate::output::{self, escape, Palette, Render};
use crate::proto::resp::{encode_command, Value};
use crate::signal;

use std::sync::{Arc, Mutex};

use crate::net::HostPort;
use crate::signal::Stop;

use super::conn::{server_error, Conn, Settings};
use super::notice::{Failover, Gap};
use super::sentinel;

/// A subscription confirmation, shaped like redis-py's dict (`data` = how many
/// subscriptions the connection now holds).
#[derive(Debug, Serialize)]
pub struct Confirm {
    /// The JSON `type`: subscribe, psubscribe, unsubscribe or punsubscribe.
    #[serde(skip)]
    pub kind: &'static str,
    pub time: String,
    pub pattern: Option<String>,
    pub channel: String,
    pub data: i64,
}

impl Render for Confirm {
    fn kind(&self) -> &str {
        self.kind
    }
    fn human(&self, p: &Palette) -> String {
        let s = if self.data == 1 { "" } else { "s" };
        format!(
            "{} {} {} ({} subscription{s})",
            p.dim(&output::timestamp()),
            self.kind,
            p.name(&self.channel),
            self.data
        )
    }
}

/// One pub/sub frame: a message (the event shared with the other transports)
/// or a confirmation.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Event {
    Message(Message<'static>),
    Confirm(Confirm),
}

impl Render for Event {
    fn kind(&self) -> &str {
        match self {
            Event::Message(m) => m.kind(),
            Event::Confirm(c) => c.kind(),
        }
    }
    fn human(&self, p: &Palette) -> String {
        match self {
            Event::Message(m) => m.human(p),
            Event::Confirm(c) => c.human(p),
        }
    }
}

fn text(b: &[u8]) -> String {
    match std::str::from_utf8(b) {
        Ok(s) => s.to_string(),
        Err(_) => escape(b),
    }
}

/// Turn a pub/sub frame into an event; None for anything else (pong, etc.).
pub fn event_of(v: &Value, endpoint: &str) -> anyhow::Result<Option<Event>> {
    if let Value::Error(e) = v {
        return Err(server_error(endpoint, "SUBSCRIBE", e).into());
    }
    let Some(items) = v.as_items() else {
        return Ok(None);
    };
    let b = |i: usize| items.get(i).and_then(|x| x.as_bytes());
    let kind = b(0).map(|k| k.to_ascii_lowercase());
    let ev = |kind, pattern: Option<&[u8]>, channel: &[u8], raw: &[u8]| {
        Event::Message(Message {
            kind,
            pattern: pattern.map(text),
            ..Message::new(
                output::timestamp_rfc3339().into(),
                Some(text(channel)),
                Cow::Owned(raw.to_vec()),
            )
        })
    };
    Ok(match (kind.as_deref(), items.len()) {
        (Some(b"message"), 3) => Some(ev(
            "message",
            None,
            b(1).unwrap_or_default(),
            b(2).unwrap_or_default(),
        )),
        (Some(b"smessage"), 3) => Some(ev(
            "smessage",
            None,
            b(1).unwrap_or_default(),
            b(2).unwrap_or_default(),
        )),
        (Some(b"pmessage"), 4) => Some(ev(
            "pmessage",
            b(1),
            b(2).unwrap_or_default(),
            b(3).unwrap_or_default(),
        )),
        (
            Some(
                k @ (b"subscribe" | b"psubscribe" | b"unsubscribe" | b"punsubscribe"
                | b"ssubscribe" | b"sunsubscribe"),
            ),
            3,
        ) => {
            let kind = match k {
                b"subscribe" => "subscribe",
                b"psubscribe" => "psubscribe",
                b"unsubscribe" => "unsubscribe",
                b"ssubscribe" => "ssubscribe",
                b"sunsubscribe" => "sunsubscribe",
                _ => "punsubscribe",
            };
            let n = match items[2] {
                Value::Integer(n) => n,
                _ => 0,
            };
            Some(Event::Confirm(Confirm {
                kind,
                time: output::timestamp_rfc3339(),
                pattern: None,
                channel: b(1).map(text).unwrap_or_default(),
                data: n,
            }))
        }
        _ => None,
    })
}

/// How a subscription ended.
#[derive(Debug, Serialize)]
pub struct Summary {
    pub messages: u64,
    pub elapsed_s: f64,
    pub reconnects: u64,
}

impl Render for Summary {
    fn kind(&self) -> &str {
        "summary"
    }
    fn human(&self, _: &Palette) -> String {
        format!(
            "{} in {:.1}s{}",
            crate::output::plural(self.messages, "message"),
            self.elapsed_s,
            if self.reconnects > 0 {
                format!(", {}", crate::output::plural(self.reconnects, "reconnect"))
            } else {
                String::new()
            }
        )
    }
}

pub struct Options<'a> {
    pub settings: Settings,
    pub topics: &'a [String],
    pub pattern: bool,
    pub count: Option<u64>,
    pub reconnect: bool,
    /// `redis+sentinel://`: the sentinels and the master's name.
    pub sentinel: Option<(Vec<HostPort>, String)>,
}

struct Progress {
    messages: u64,
    last: Instant,
    reconnects: u64,
    /// Since when (text, instant) and why the subscription was lost.
    gap: Option<(String, Instant, String)>,
    /// The master followed (Sentinel).
    master: Option<HostPort>,
    /// Where the Sentinel watcher puts a `+switch-master` it heard.
    switch: Option<Arc<Mutex<Option<HostPort>>>>,
}

/// Connect: to the URL's server, or to the master the sentinels name.
fn connect(o: &Options, timeout: Duration, ctx: &Ctx, pr: &mut Progress) -> anyhow::Result<Conn> {
    let Some((sentinels, master)) = &o.sentinel else {
        return Conn::open(&o.settings, timeout);
    };
    let (conn, addr) = sentinel::open_master(sentinels, master, &o.settings, timeout)?;
    if let Some(old) = pr.master.replace(addr.clone()).filter(|old| *old != addr) {
        ctx.out.emit(&Failover {
            master: master.clone(),
            from: old.to_string(),
            to: addr.to_string(),
        })?;
    }
    Ok(conn)
}

/// Subscribe and print until `--count`, the idle timeout, Ctrl-C or a lost connection.
pub fn subscribe(o: &Options, ctx: &Ctx) -> anyhow::Result<Code> {
    let started = Instant::now();
    let connect_timeout = ctx.timeout_or(Duration::from_secs(10));
    let watcher = Stop::new();
    let _stop_watcher = watcher.on_drop();
    let mut pr = Progress {
        messages: 0,
        last: Instant::now(),
        reconnects: 0,
        gap: None,
        master: None,
        switch: o.sentinel.as_ref().map(|(s, m)| {
            sentinel::watch(
                s.clone(),
                m.clone(),
                o.settings.tls.clone(),
                watcher.clone(),
            )
        }),
    };
    let mut backoff = Duration::from_millis(100);
    loop {
        let conn = match connect(o, connect_timeout, ctx, &mut pr) {
            Ok(c) => c,
            Err(e) if pr.reconnects > 0 && exit::classify(&e).code == Code::Network => {
                wait_or_stop(backoff, ctx);
                backoff = (backoff * 2).min(Duration::from_secs(2));
                idle_check(&pr, ctx, o.topics)?;
                if ctx.stop.is_stopped() {
                    break;
                }
                continue;
            }
            Err(e) => return Err(e),
        };
        if pr.reconnects > 0 {
            ctx.out.warn(&format!(
                "reconnected to {}; subscribing again",
                conn.endpoint
            ))?;
        }
        backoff = Duration::from_millis(100);
        match listen(conn, o, ctx, &mut pr) {
            Ok(Some(code)) => return Ok(code),
            Ok(None) => break,
            Err(e) if o.reconnect && exit::classify(&e).kind == Kind::ConnectionLost => {
                ctx.out
                    .warn(&format!("{e:#}; reconnecting (--reconnect)"))?;
                pr.reconnects += 1;
                pr.gap = Some((
                    output::timestamp_rfc3339(),
                    Instant::now(),
                    format!("{e:#}"),
                ));
            }
            Err(e) if exit::classify(&e).kind == Kind::ConnectionLost => {
                let f = exit::network(Kind::ConnectionLost, format!("{e:#}"))
                    .hint("use --reconnect to subscribe again after a lost connection");
                return Err(f.into());
            }
            Err(e) => return Err(e),
        }
    }
    ctx.out.emit(&Summary {
        messages: pr.messages,
        elapsed_s: (started.elapsed().as_secs_f64() * 10.0).round() / 10.0,
        reconnects: pr.reconnects,
    })?;
    Ok(Code::Ok)
}

/// A `+switch-master` heard for a master other than the one `conn` is on.
fn switched(pr: &Progress, conn: &Conn) -> Option<HostPort> {
    let to = pr.switch.as_ref()?.lock().ok()?.clone()?;
    (to.to_string() != conn.endpoint).then_some(to)
}

fn wait_or_stop(d: Duration, ctx: &Ctx) {
    let end = Instant::now() + d;
    while !ctx.stop.is_stopped() && Instant::now() < end {
        std::thread::sleep(signal::POLL.min(end.saturating_duration_since(Instant::now())));
    }
}

/// The idle `--timeout`: exit 1 when nothing came for that long.
fn idle_check(pr: &Progress, ctx: &Ctx, topics: &[String]) -> anyhow::Result<()> {
    idle_since(pr.last, pr.messages, ctx, topics)
}

/// The idle `--timeout` for any subscriber: exit 1 when nothing came since `last`.
pub(super) fn idle_since(
    last: Instant,
    messages: u64,
    ctx: &Ctx,
    topics: &[String],
) -> anyhow::Result<()> {
    match ctx.timeout {
        Some(t) if last.elapsed() >= t => Err(exit::negative(
            Kind::Timeout,
            format!(
                "no message on {} within {t:?} ({messages} received before)",
                topics.join(", "),
            ),
        )
        .hint(
            "is anything publishing there? messages published before a subscriber starts are lost",
        )
        .into()),
        _ => Ok(()),
    }
}

/// Subscribe on `conn` and print. `Ok(Some(code))`: done (`--count`);
/// `Ok(None)`: stopped (Ctrl-C); `Err`: failure (lost connection, timeout).
fn listen(
    mut conn: Conn,
    o: &Options,
    ctx: &Ctx,
    pr: &mut Progress,
) -> anyhow::Result<Option<Code>> {
    let mut cmd: Vec<&[u8]> = vec![if o.pattern {
        b"PSUBSCRIBE"
    } else {
        b"SUBSCRIBE"
    }];
    cmd.extend(o.topics.iter().map(|t| t.as_bytes()));
    let mut buf = Vec::new();
    encode_command(&mut buf, &cmd);
    conn.send(&buf)?;
    let mut events = Vec::new();
    loop {
        if ctx.stop.is_stopped() {
            return Ok(None);
        }
        idle_check(pr, ctx, o.topics)?;
        if let Some(to) = switched(pr, &conn) {
            return Err(exit::network(
                Kind::ConnectionLost,
                format!(
                    "Sentinel moved the master from {} to {to} (+switch-master)",
                    conn.endpoint
                ),
            )
            .into());
        }
        let mut slice = signal::POLL;
        if let Some(t) = ctx.timeout {
            slice = slice.min(
                t.saturating_sub(pr.last.elapsed())
                    .max(Duration::from_millis(1)),
            );
        }
        let Some(first) = conn.recv(Instant::now() + slice)? else {
            continue;
        };
        // Print what is already buffered in one write (fast), each event flushed.
        let mut next = Some(first);
        while let Some(v) = next.take() {
            if let Some(ev) = event_of(&v, &conn.endpoint)? {
                let is_msg = matches!(ev, Event::Message(_));
                if !is_msg || !ctx.out.quiet() {
                    events.push(ev);
                }
                if !is_msg && pr.gap.is_some() {
                    // Subscribed again: the gap is over.
                    ctx.out.emit_all(&events)?;
                    events.clear();
                    let (since, at, why) = pr.gap.take().expect("checked");
                    ctx.out.emit(&Gap::new(since, at, why))?;
                }
                if is_msg {
                    pr.messages += 1;
                    pr.last = Instant::now();
                    if o.count == Some(pr.messages) {
                        ctx.out.emit_all(&events)?;
                        return Ok(Some(Code::Ok));
                    }
                }
            }
            if events.len() < 4096 {
                next = conn.try_next()?;
            }
        }
        if !events.is_empty() {
            ctx.out.emit_all(&events)?;
            events.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arr(items: &[&[u8]]) -> Vec<Value> {
        items.iter().map(Value::bulk).collect()
    }

    fn json(e: Event) -> serde_json::Value {
        let kind = e.kind().to_string();
        let mut v = serde_json::to_value(e).unwrap();
        v["type"] = kind.into();
        v
    }

    #[test]
    fn frames_become_redis_py_shaped_events() {
        let v = Value::Array(arr(&[b"message", b"catC", b"hatA"]));
        let e = json(event_of(&v, "x").unwrap().unwrap());
        assert_eq!(
            (
                e["type"].as_str(),
                e["channel"].as_str(),
                e["pattern"].as_str()
            ),
            (Some("message"), Some("catC"), None)
        );
        assert_eq!(e["data"], "hatA");
        let v = Value::Push(arr(&[b"pmessage", b"cat*", b"catA", b"\xff"]));
        let e = json(event_of(&v, "x").unwrap().unwrap());
        assert_eq!(
            (e["type"].as_str(), e["pattern"].as_str()),
            (Some("pmessage"), Some("cat*"))
        );
        assert_eq!(
            (e["data"].as_str(), e["encoding"].as_str()),
            (Some("/w=="), Some("base64"))
        );
        let mut items = arr(&[b"subscribe", b"catA"]);
        items.push(Value::Integer(1));
        let e = json(event_of(&Value::Push(items), "x").unwrap().unwrap());
        assert_eq!(
            (e["type"].as_str(), e["data"].as_i64()),
            (Some("subscribe"), Some(1))
        );
        assert!(e.get("encoding").is_none());
        assert!(event_of(&Value::Array(arr(&[b"pong", b""])), "x")
            .unwrap()
            .is_none());
        let err = event_of(
            &Value::Error("NOAUTH Authentication required.".into()),
            "h:1",
        );
        assert_eq!(exit::classify(&err.unwrap_err()).kind, Kind::Auth);
    }
}
