//! Rendering what commands return: human lines or JSON Lines, one event at a time,
//! flushed per event so `| grep` and `| while read` see each line at once.
//!
//! A command builds a value that implements [`Render`] (a `Serialize` struct plus a
//! human view) and hands it to [`Out::emit`]. With `--json` the value becomes one
//! JSON object with a `"type"` field; otherwise its human line is printed with the
//! palette. An [`Out`] can be labelled with a side (`server`, `client`...) for lab
//! transcripts, and can write to a buffer instead of stdout. This module does not
//! decide what to print or how commands behave; it never touches sockets.

pub mod access;
mod ending;
pub mod palette;
pub mod payload;
pub mod trim;
pub mod wire;

use std::io::{self, Write};
use std::os::fd::RawFd;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::Context;
use serde::Serialize;

pub use palette::{ColorChoice, Palette};
pub use payload::{escape, Payload};
pub use trim::Trim;

use crate::exit::{self, StdoutClosed};

/// Human or JSON Lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Human,
    Json,
}

/// One event a command reports.
pub trait Render: Serialize {
    /// The JSON `"type"` of this event (`reply`, `record`, `summary`...); the
    /// event's own fields must not include one.
    fn kind(&self) -> &str;
    /// The human line(s), without the trailing newline.
    fn human(&self, p: &Palette) -> String;
}

/// The writer, its descriptor when it is stdout, and the end of its writes.
struct SinkCell {
    w: Mutex<Box<dyn Write + Send>>,
    fd: Option<RawFd>,
    ending: ending::Ending,
}

type Sink = Arc<SinkCell>;

/// Where events go. Cheap to clone; clones share the sink, so threads of one server
/// write whole lines without interleaving.
#[derive(Clone)]
pub struct Out {
    sink: Sink,
    mode: Mode,
    palette: Palette,
    side: Option<String>,
    quiet: bool,
    /// A copy of every event as JSON, for a caller that checks what was said (labs).
    capture: Option<SharedBuf>,
    /// Human warnings and errors go to stderr (true for stdout); an `Out` writing
    /// to a buffer keeps them in the buffer too.
    diagnostics_to_stderr: bool,
    /// A lab transcript trimmed for reading (see [`Trim`]): hidden kinds and
    /// repeated warnings are not printed.
    trim: Option<Trim>,
    /// Human lines are not printed (still captured): a lab step said before.
    muted: bool,
    /// Servers run by this `Out` do not bound the end of its writes
    /// ([`Out::end_by`]): a lab goes on after them and waits for its reader.
    patient: bool,
}

impl Out {
    /// Events to stdout.
    pub fn stdout(mode: Mode, palette: Palette, quiet: bool) -> Out {
        let mut out = Out::new(Box::new(io::stdout()), mode, palette, quiet, true);
        Arc::get_mut(&mut out.sink).expect("a new sink").fd = Some(1);
        out
    }

    /// Events to an in-memory buffer (tests, lab transcripts); returns the buffer.
    /// Warnings and errors go into the buffer too.
    pub fn buffer(mode: Mode) -> (Out, SharedBuf) {
        let buf = SharedBuf::default();
        let out = Out::new(Box::new(buf.clone()), mode, Palette::plain(), false, false);
        (out, buf)
    }

    fn new(
        sink: Box<dyn Write + Send>,
        mode: Mode,
        palette: Palette,
        quiet: bool,
        diagnostics_to_stderr: bool,
    ) -> Out {
        Out {
            sink: Arc::new(SinkCell {
                w: Mutex::new(sink),
                fd: None,
                ending: ending::Ending::default(),
            }),
            mode,
            palette,
            side: None,
            quiet,
            capture: None,
            diagnostics_to_stderr,
            trim: None,
            muted: false,
            patient: false,
        }
    }

    /// The same sink; servers run with it leave its writes unbounded (a lab,
    /// which goes on after its servers and waits for a slow reader).
    pub fn patient(&self) -> Out {
        Out {
            patient: true,
            ..self.clone()
        }
    }

    /// The end of a server: from now on a write to stdout that cannot be done
    /// by `deadline` (a full pipe nobody reads, or a logger stuck in a write)
    /// is dropped, counted and named once on stderr, so the process exits on
    /// time. Nothing for a patient `Out` or a buffer.
    pub fn end_by(&self, deadline: Instant) {
        if !self.patient && self.sink.fd.is_some() {
            self.sink.ending.set(deadline);
        }
    }

    /// The same sink, printing a trimmed transcript (a lab without `--verbose`).
    pub fn with_trim(&self, trim: Trim) -> Out {
        Out {
            trim: Some(trim),
            ..self.clone()
        }
    }

    /// The same sink, printing no events (they are still captured); warnings still
    /// go through the trim and errors are still reported.
    pub fn muted(&self) -> Out {
        Out {
            muted: true,
            ..self.clone()
        }
    }

    /// The same sink, with every event labelled by `side` (`[server] ...` in human
    /// output, `"side": "server"` in JSON).
    pub fn with_side(&self, side: &str) -> Out {
        Out {
            side: Some(side.to_string()),
            ..self.clone()
        }
    }

    /// The same sink, also copying every event as a JSON line into the returned
    /// buffer, so the caller can check what a command reported.
    pub fn with_capture(&self) -> (Out, SharedBuf) {
        let buf = SharedBuf::default();
        let out = Out {
            capture: Some(buf.clone()),
            ..self.clone()
        };
        (out, buf)
    }

    /// The same sink with `--quiet` set as given.
    pub fn with_quiet(&self, quiet: bool) -> Out {
        Out {
            quiet,
            ..self.clone()
        }
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }
    pub fn is_json(&self) -> bool {
        self.mode == Mode::Json
    }
    /// `--quiet`: commands skip per-message lines and keep summaries and errors.
    pub fn quiet(&self) -> bool {
        self.quiet
    }

    /// Print one event and flush.
    pub fn emit<E: Render + ?Sized>(&self, ev: &E) -> anyhow::Result<()> {
        let line = self.render(ev)?;
        self.write_text(&line)
    }

    /// Print several events in one write (a batch of replies, records...).
    pub fn emit_all<E: Render>(&self, evs: &[E]) -> anyhow::Result<()> {
        let mut text = String::new();
        for ev in evs {
            text.push_str(&self.render(ev)?);
        }
        self.write_line(&text)
    }

    /// One event as the line [`Out::emit`] would print (newline included),
    /// without printing it: an event loop gathers a round's lines and prints
    /// them with one [`Out::write_text`]. Captured events are captured here.
    pub fn render<E: Render + ?Sized>(&self, ev: &E) -> anyhow::Result<String> {
        self.capture_event(ev)?;
        let side = self.side.as_deref();
        if self.muted || self.trim.as_ref().is_some_and(|t| t.hides(side, ev.kind())) {
            return Ok(String::new());
        }
        Ok(match self.mode {
            Mode::Json => self.json_line(ev.kind(), ev)?,
            Mode::Human => self.human_line(&ev.human(&self.palette)),
        })
    }

    /// Print lines made by [`Out::render`], in one write, and flush.
    pub fn write_text(&self, text: &str) -> anyhow::Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        self.write_line(text)
    }

    /// A warning: `netkit: warning: ...` on stderr, or a `warning` event with `--json`.
    pub fn warn(&self, message: &str) -> anyhow::Result<()> {
        if self.is_json() {
            let line = self.json_line("warning", &serde_json::json!({ "message": message }))?;
            self.write_line(&line)
        } else {
            let side = self
                .side
                .as_ref()
                .map(|s| format!("[{s}] "))
                .unwrap_or_default();
            if self
                .trim
                .as_ref()
                .is_some_and(|t| !t.first_warning(&side, message))
            {
                return Ok(());
            }
            self.diagnostic(&format!(
                "{side}netkit: {} {message}",
                self.palette.warn("warning:")
            ));
            Ok(())
        }
    }

    /// Say once, with its count, each warning the trim held back (end of a lab).
    pub fn report_repeats(&self) {
        let Some(trim) = &self.trim else { return };
        for r in trim.take_repeats() {
            self.diagnostic(&format!(
                "{}netkit: {} {} more like this, the last: {} (--verbose shows each)",
                r.side,
                self.palette.warn("warning:"),
                r.again,
                r.last
            ));
        }
    }

    /// Raw bytes (an HTTP body) to the sink, flushed. In a lab (a side is set)
    /// text is labelled line by line like every event of that side.
    pub fn write_bytes(&self, bytes: &[u8]) -> anyhow::Result<()> {
        if self.side.is_some() {
            if let Ok(text) = std::str::from_utf8(bytes) {
                if self.muted {
                    return Ok(());
                }
                return self.write_line(&self.human_line(text.trim_end_matches('\n')));
            }
        }
        self.write_sink(bytes)
    }

    /// Is this stdout, and a terminal? (Binary bodies are not dumped there.)
    pub fn to_terminal(&self) -> bool {
        use std::io::IsTerminal;
        self.diagnostics_to_stderr && io::stdout().is_terminal()
    }

    /// A human side note (`< HTTP/1.1 200 OK`): stderr, or the sink when it is a
    /// buffer; in a lab (a side is set) a labelled line of the transcript.
    pub fn note(&self, text: &str) {
        if self.side.is_some() {
            if !self.muted {
                let _ = self.write_line(&self.human_line(text));
            }
            return;
        }
        self.diagnostic(text);
    }

    /// Record an event for a caller that checks it (a lab's capture) without
    /// printing it: a command whose human view is made of notes and raw bytes.
    pub fn capture(&self, ev: &(impl Render + ?Sized)) -> anyhow::Result<()> {
        self.capture_event(ev)
    }

    /// The palette human output uses.
    pub fn palette(&self) -> &Palette {
        &self.palette
    }

    /// A human warning or error line: stderr, or the sink when it is a buffer.
    fn diagnostic(&self, text: &str) {
        if self.diagnostics_to_stderr {
            stderr_line(text);
        } else {
            let _ = self.write_line(&format!("{text}\n"));
        }
    }

    fn capture_event<E: Render + ?Sized>(&self, ev: &E) -> anyhow::Result<()> {
        if let Some(buf) = &self.capture {
            let line = self.json_line(ev.kind(), ev)?;
            buf.clone().write_all(line.as_bytes())?;
        }
        Ok(())
    }

    fn human_line(&self, text: &str) -> String {
        let mut line = String::with_capacity(text.len() + 16);
        match &self.side {
            Some(side) => {
                let label = self.palette.side(&format!("{side:>10} |"));
                for (i, l) in text.lines().enumerate() {
                    if i > 0 {
                        line.push('\n');
                    }
                    line.push_str(&label);
                    line.push(' ');
                    line.push_str(l);
                }
            }
            None => line.push_str(text),
        }
        line.push('\n');
        line
    }

    fn json_line<T: Serialize + ?Sized>(&self, kind: &str, value: &T) -> anyhow::Result<String> {
        // `type` and `side` are spliced in front of the event's own fields, with
        // no intermediate map (a server logs one line per call). A value that is
        // not an object becomes `{"type": ..., "value": ...}`.
        let body = serde_json::to_string(value).context("encoding an event as JSON")?;
        let mut s = String::with_capacity(body.len() + kind.len() + 32);
        s.push_str("{\"type\":");
        push_json_str(&mut s, kind);
        if let Some(side) = &self.side {
            s.push_str(",\"side\":");
            push_json_str(&mut s, side);
        }
        match body.strip_prefix('{') {
            Some(fields) => {
                debug_assert!(
                    !fields.starts_with("\"type\":"),
                    "an event's type comes from Render::kind, not a field: {body}"
                );
                if fields != "}" {
                    s.push(',');
                }
                s.push_str(fields);
            }
            None => {
                s.push_str(",\"value\":");
                s.push_str(&body);
                s.push('}');
            }
        }
        s.push('\n');
        Ok(s)
    }

    fn write_line(&self, text: &str) -> anyhow::Result<()> {
        self.write_sink(text.as_bytes())
    }

    /// Write and flush; after [`Out::end_by`], straight to the descriptor
    /// (what std buffers is always flushed) and given up at the deadline.
    fn write_sink(&self, bytes: &[u8]) -> anyhow::Result<()> {
        let cell = &*self.sink;
        if let (Some(fd), Some(deadline)) = (cell.fd, cell.ending.deadline()) {
            let first_loss = cell
                .ending
                .write(&cell.w, fd, bytes, deadline)
                .map_err(StdoutClosed)?;
            if first_loss {
                let note = "netkit: warning: stdout stayed full (nobody reads it): \
                            what was left to print (log lines, the summary) was dropped\n";
                let _ = ending::write_until(2, note.as_bytes(), Instant::now());
            }
            return Ok(());
        }
        let mut sink = cell.w.lock().unwrap_or_else(|p| p.into_inner());
        sink.write_all(bytes)
            .and_then(|_| sink.flush())
            .map_err(|e| StdoutClosed(e).into())
    }

    /// Report a failed command: `netkit: error: ...` on stderr, or an `error`
    /// event on stdout with `--json`. Returns the exit code.
    pub fn report_error(&self, err: &anyhow::Error) -> i32 {
        if exit::is_broken_pipe(err) {
            return 0;
        }
        let c = exit::classify(err);
        let message = strip_os_error(&format!("{err:#}"));
        if self.is_json() {
            let ev = serde_json::json!({
                "kind": c.kind,
                "code": c.code.as_i32(),
                "message": message,
                "hint": c.hint,
            });
            if let Ok(line) = self.json_line("error", &ev) {
                let _ = self.write_line(&line);
            }
        } else {
            let hint = c.hint.map(|h| format!(" ({h})")).unwrap_or_default();
            let side = self
                .side
                .as_ref()
                .map(|s| format!("[{s}] "))
                .unwrap_or_default();
            self.diagnostic(&format!(
                "{side}netkit: {} {message}{hint}",
                self.palette.err("error:")
            ));
        }
        c.code.as_i32()
    }
}

/// Append `text` as a JSON string.
fn push_json_str(out: &mut String, text: &str) {
    if text
        .bytes()
        .all(|b| b >= 0x20 && b != b'"' && b != b'\\' && b < 0x7f)
    {
        out.push('"');
        out.push_str(text);
        out.push('"');
    } else {
        out.push_str(&serde_json::Value::from(text).to_string());
    }
}

/// Write one whole line to stderr in a single write, so that lines other threads
/// print to stdout cannot land in the middle of it on a shared terminal.
fn stderr_line(text: &str) {
    let mut line = String::with_capacity(text.len() + 1);
    line.push_str(text);
    line.push('\n');
    let _ = io::stderr().lock().write_all(line.as_bytes());
}

/// Drop the " (os error N)" that std appends to I/O errors: the text before it
/// already says what happened, and the number means nothing to a user.
fn strip_os_error(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(" (os error ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " (os error ".len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with(')') {
            rest = &after[digits + 1..];
        } else {
            out.push_str(" (os error ");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// A cloneable in-memory writer (see [`Out::buffer`]).
#[derive(Clone, Default)]
pub struct SharedBuf(Arc<Mutex<Vec<u8>>>);

impl SharedBuf {
    /// The buffer parsed as JSON Lines (lines that are not JSON are skipped).
    pub fn events(&self) -> Vec<serde_json::Value> {
        self.contents()
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    }

    pub fn contents(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap_or_else(|p| p.into_inner())).into_owned()
    }
}

impl Write for SharedBuf {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Local time with microseconds, as every log line shows it.
pub fn timestamp() -> String {
    chrono::Local::now()
        .format("%Y-%m-%d %H:%M:%S%.6f")
        .to_string()
}

/// RFC 3339 local time with microseconds, for JSON events.
pub fn timestamp_rfc3339() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, false)
}

/// `1 peer`, `2 peers`, `3 deliveries`: a count with its noun.
pub fn plural(n: impl Into<i128>, word: &str) -> String {
    let n = n.into();
    if n == 1 {
        return format!("1 {word}");
    }
    match word.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'i', 'o', 'u']) => format!("{n} {stem}ies"),
        _ => format!("{n} {word}s"),
    }
}

/// Milliseconds with three decimals, for RTTs and query times.
pub fn ms(d: std::time::Duration) -> f64 {
    (d.as_secs_f64() * 1_000_000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Ev {
        n: u32,
    }
    impl Render for Ev {
        fn kind(&self) -> &str {
            "thing"
        }
        fn human(&self, _: &Palette) -> String {
            format!("n = {}", self.n)
        }
    }

    #[test]
    fn json_lines_have_type_first_and_side() {
        let (out, buf) = Out::buffer(Mode::Json);
        out.with_side("server").emit(&Ev { n: 3 }).unwrap();
        assert_eq!(
            buf.contents(),
            "{\"type\":\"thing\",\"side\":\"server\",\"n\":3}\n"
        );
    }

    #[test]
    fn plurals() {
        assert_eq!(plural(1u64, "peer"), "1 peer");
        assert_eq!(plural(2u64, "peer"), "2 peers");
        assert_eq!(plural(0i64, "delivery"), "0 deliveries");
        assert_eq!(plural(3usize as u64, "key"), "3 keys");
    }

    #[test]
    fn os_error_numbers_are_dropped() {
        assert_eq!(
            strip_os_error("connecting to x: Connection refused (os error 111) (hint)"),
            "connecting to x: Connection refused (hint)"
        );
        assert_eq!(strip_os_error("a (os error x)"), "a (os error x)");
    }

    #[test]
    fn human_lines_are_labelled() {
        let (out, buf) = Out::buffer(Mode::Human);
        out.emit(&Ev { n: 1 }).unwrap();
        out.with_side("client").emit(&Ev { n: 2 }).unwrap();
        assert_eq!(buf.contents(), "n = 1\n    client | n = 2\n");
    }
}
