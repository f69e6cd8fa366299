//! What `netkit http` prints: the response event (status, headers, timing
//! phases, body parsed when JSON), redirect hops, the `--repeat` summary with
//! p50/p99 per phase, and the human view — headers as `<` lines and timing on
//! stderr, the body on stdout (JSON pretty and coloured on a terminal, raw when
//! piped, binary never dumped on a terminal). It does not do network I/O.

use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::Value;

use super::RequestArgs;
use crate::cmd::echo_stats::Rtts;
use crate::exit::Kind;
use crate::output::{escape, ms, Out, Palette, Render};
use crate::proto::http::Message;

/// Where the time of one request went, in milliseconds; they add up to `total_ms`.
#[derive(Debug, Clone, Serialize)]
pub struct Phases {
    pub dns_ms: f64,
    pub connect_ms: f64,
    pub tls_ms: f64,
    pub send_ms: f64,
    pub wait_ms: f64,
    pub body_ms: f64,
    pub total_ms: f64,
}

/// Phase names, as shown and as summarised.
const NAMES: [&str; 7] = [
    "dns",
    "connect",
    "tls",
    "send",
    "first byte",
    "body",
    "total",
];

impl Phases {
    /// From the instants after resolve, connect, TLS, send, first byte, last byte.
    pub fn from_marks(
        t0: Instant,
        m: [Instant; 3],
        sent: Instant,
        first: Instant,
        done: Instant,
    ) -> Phases {
        let d = |a: Instant, b: Instant| ms(b.saturating_duration_since(a));
        Phases {
            dns_ms: d(t0, m[0]),
            connect_ms: d(m[0], m[1]),
            tls_ms: d(m[1], m[2]),
            send_ms: d(m[2], sent),
            wait_ms: d(sent, first),
            body_ms: d(first, done),
            total_ms: d(t0, done),
        }
    }
    fn values(&self) -> [f64; 7] {
        [
            self.dns_ms,
            self.connect_ms,
            self.tls_ms,
            self.send_ms,
            self.wait_ms,
            self.body_ms,
            self.total_ms,
        ]
    }
}

/// A redirect followed.
#[derive(Debug, Clone, Serialize)]
pub struct Hop {
    pub status: u16,
    pub from: String,
    pub to: String,
    pub timing: Phases,
}

impl Render for Hop {
    fn kind(&self) -> &str {
        "redirect"
    }
    fn human(&self, p: &Palette) -> String {
        format!(
            "{} {} → {}",
            p.warn(&self.status.to_string()),
            self.from,
            p.name(&self.to)
        )
    }
}

/// One response, as `--json` gives it.
#[derive(Debug, Serialize)]
pub struct Response {
    pub method: String,
    pub url: String,
    pub status: u16,
    pub reason: String,
    pub version: String,
    pub headers: serde_json::Map<String, Value>,
    pub timing: Phases,
    /// The connection was kept alive from the previous request.
    pub reused: bool,
    pub bytes: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub redirects: Vec<Hop>,
    /// The body: parsed when it is JSON, text when UTF-8, else absent (see `body_base64`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_base64: Option<String>,
    #[serde(skip)]
    pub raw: Vec<u8>,
    #[serde(skip)]
    pub head: Vec<String>,
    #[serde(skip)]
    pub location: Option<String>,
    #[serde(skip)]
    pub json: bool,
}

impl Response {
    pub fn new(method: &str, url: String, msg: Message, timing: Phases, reused: bool) -> Response {
        let (version, status, reason) = msg.parts();
        let (version, reason) = (version.to_string(), reason.to_string());
        let status: u16 = status.parse().unwrap_or(0);
        let mut headers = serde_json::Map::new();
        for (k, v) in msg.headers() {
            let (k, v) = (
                String::from_utf8_lossy(k).to_ascii_lowercase(),
                String::from_utf8_lossy(v).into_owned(),
            );
            match headers.get_mut(&k) {
                Some(Value::String(s)) => {
                    s.push_str(", ");
                    s.push_str(&v);
                }
                _ => {
                    headers.insert(k, Value::String(v));
                }
            }
        }
        let head = std::iter::once(msg.start.clone())
            .chain(
                msg.headers()
                    .map(|(k, v)| format!("{}: {}", escape(k), escape(v))),
            )
            .collect();
        let ct = msg
            .header("content-type")
            .unwrap_or("")
            .to_ascii_lowercase();
        let parsed = ct
            .contains("json")
            .then(|| serde_json::from_slice::<Value>(&msg.body).ok())
            .flatten();
        let json = parsed.is_some();
        let (body, body_base64) = match (parsed, std::str::from_utf8(&msg.body)) {
            _ if msg.body.is_empty() => (None, None),
            (Some(v), _) => (Some(v), None),
            (None, Ok(s)) => (Some(Value::String(s.to_string())), None),
            (None, Err(_)) => {
                use base64::Engine;
                (
                    None,
                    Some(base64::engine::general_purpose::STANDARD.encode(&msg.body)),
                )
            }
        };
        Response {
            method: method.to_string(),
            url,
            status,
            reason,
            version,
            headers,
            timing,
            reused,
            bytes: msg.body.len(),
            redirects: Vec::new(),
            body,
            body_base64,
            location: msg.header("location").map(str::to_string),
            raw: msg.body,
            head,
            json,
        }
    }
}

impl Render for Response {
    fn kind(&self) -> &str {
        "response"
    }
    fn human(&self, _p: &Palette) -> String {
        self.head.join("\n")
    }
}

/// Seconds as the user wrote them (`2s`, `500ms`).
pub fn secs(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{}ms", d.as_millis())
    }
}

/// Print a redirect hop (an event in JSON, a `<` note otherwise).
pub fn hop(out: &Out, h: &Hop) -> anyhow::Result<()> {
    if out.is_json() {
        return out.emit(h);
    }
    out.note(&format!("< {}", h.human(out.palette())));
    Ok(())
}

/// Print one response: the event in JSON; else head and timing on stderr,
/// the body on stdout (only the first of a `--repeat` run).
pub fn response(out: &Out, r: &Response, args: &RequestArgs, first: bool) -> anyhow::Result<()> {
    if out.is_json() {
        return out.emit(r);
    }
    out.capture(r)?;
    let p = out.palette();
    if first {
        for (i, line) in r.head.iter().enumerate() {
            let line = if i == 0 {
                status_colour(p, r.status, line)
            } else {
                p.dim(line)
            };
            out.note(&format!("{} {line}", p.dim("<")));
        }
    }
    if args.timing {
        out.note(&timing_line(p, &r.timing));
    }
    if !first {
        return Ok(());
    }
    if let Some(path) = &args.output {
        std::fs::write(path, &r.raw).map_err(|e| {
            crate::exit::system(Kind::Write, format!("writing {}: {e}", path.display()))
        })?;
        out.note(&format!(
            "saved {} to {}",
            crate::output::plural(r.bytes as u64, "byte"),
            path.display()
        ));
        return Ok(());
    }
    body(out, r)
}

fn status_colour(p: &Palette, status: u16, line: &str) -> String {
    match status {
        200..=299 => p.ok(line),
        300..=399 => p.warn(line),
        _ => p.err(line),
    }
}

fn body(out: &Out, r: &Response) -> anyhow::Result<()> {
    if r.raw.is_empty() {
        return Ok(());
    }
    let tty = out.to_terminal();
    if tty && r.json {
        let v: Value = serde_json::from_slice(&r.raw)?;
        let mut s = String::new();
        pretty(out.palette(), &v, 0, &mut s);
        s.push('\n');
        return out.write_bytes(s.as_bytes());
    }
    let binary = std::str::from_utf8(&r.raw).is_err() || r.raw.contains(&0);
    if tty && binary {
        let ct = r
            .headers
            .get("content-type")
            .and_then(Value::as_str)
            .unwrap_or("no content type");
        out.note(&format!(
            "binary body ({}, {ct}) not shown on a terminal: save it with --output FILE or pipe it",
            crate::output::plural(r.bytes as u64, "byte")
        ));
        return Ok(());
    }
    out.write_bytes(&r.raw)
}

/// JSON, indented by two, keys and scalars coloured.
fn pretty(p: &Palette, v: &Value, depth: usize, s: &mut String) {
    let pad = |n: usize| "  ".repeat(n);
    match v {
        Value::Object(m) if !m.is_empty() => {
            s.push_str("{\n");
            for (i, (k, x)) in m.iter().enumerate() {
                s.push_str(&pad(depth + 1));
                s.push_str(&p.name(&Value::String(k.clone()).to_string()));
                s.push_str(": ");
                pretty(p, x, depth + 1, s);
                s.push_str(if i + 1 < m.len() { ",\n" } else { "\n" });
            }
            s.push_str(&pad(depth));
            s.push('}');
        }
        Value::Array(a) if !a.is_empty() => {
            s.push_str("[\n");
            for (i, x) in a.iter().enumerate() {
                s.push_str(&pad(depth + 1));
                pretty(p, x, depth + 1, s);
                s.push_str(if i + 1 < a.len() { ",\n" } else { "\n" });
            }
            s.push_str(&pad(depth));
            s.push(']');
        }
        Value::String(_) => s.push_str(&p.value(&v.to_string())),
        other => s.push_str(&p.ok(&other.to_string())),
    }
}

/// `dns 0.02 | connect 0.10 | tls 0 | send 0.03 | first byte 0.41 | body 0.01 | total 0.57 ms`.
fn timing_line(p: &Palette, t: &Phases) -> String {
    let parts: Vec<String> = NAMES
        .iter()
        .zip(t.values())
        .map(|(n, v)| format!("{n} {}", p.value(&format!("{v:.3}"))))
        .collect();
    format!("{} {} ms", p.dim("timing:"), parts.join(" | "))
}

/// p50/p99 of one phase over a `--repeat` run.
#[derive(Debug, Serialize)]
pub struct PhaseStats {
    pub phase: &'static str,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

/// The `--repeat` summary.
#[derive(Debug, Serialize)]
pub struct Summary {
    pub requests: usize,
    pub connections: usize,
    pub statuses: serde_json::Map<String, Value>,
    pub phases: Vec<PhaseStats>,
}

impl Render for Summary {
    fn kind(&self) -> &str {
        "summary"
    }
    fn human(&self, p: &Palette) -> String {
        let mut s = format!(
            "{} over {}; statuses {}",
            crate::output::plural(self.requests as u64, "request"),
            crate::output::plural(self.connections as u64, "connection"),
            Value::Object(self.statuses.clone())
        );
        for ph in &self.phases {
            s.push_str(&format!(
                "\n  {:<10} p50 {} ms  p99 {} ms",
                ph.phase,
                p.value(&format!("{:.3}", ph.p50_ms)),
                p.value(&format!("{:.3}", ph.p99_ms))
            ));
        }
        s
    }
}

/// Print the summary of a `--repeat` run (to stdout: it is the result).
pub fn summary(out: &Out, rs: &[Response]) -> anyhow::Result<()> {
    let mut statuses = serde_json::Map::new();
    for r in rs {
        let n = statuses
            .entry(r.status.to_string())
            .or_insert(Value::from(0u64));
        *n = Value::from(n.as_u64().unwrap_or(0) + 1);
    }
    let phases = NAMES
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut rtts = Rtts::new();
            for r in rs {
                rtts.push(Duration::from_secs_f64(r.timing.values()[i] / 1000.0));
            }
            let st = rtts.stats();
            PhaseStats {
                phase: name,
                p50_ms: st.as_ref().map_or(0.0, |s| s.p50_ms),
                p99_ms: st.as_ref().map_or(0.0, |s| s.p99_ms),
            }
        })
        .collect();
    let ev = Summary {
        requests: rs.len(),
        connections: rs.iter().filter(|r| !r.reused).count(),
        statuses,
        phases,
    };
    if out.is_json() {
        out.emit(&ev)
    } else {
        out.note(&ev.human(out.palette()));
        Ok(())
    }
}
