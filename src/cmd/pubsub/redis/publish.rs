//! `netkit pub` over Redis: PUBLISH each message and report PUBLISH's reply (how
//! many subscriptions received it). Messages come from the arguments or one per
//! stdin line. Without `--interval` they are pipelined: this thread writes
//! commands as fast as messages come, a reader thread pairs the replies with the
//! messages in order, and a bounded channel between them caps how many batches are
//! in flight. So `seq 100000 | netkit pub news` costs about what Redis needs, not
//! 100,000 round trips, and still reports every message's receiver count.

use std::io::Write;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::thread;
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::cmd::pubsub::events::Published;
use crate::cmd::pubsub::PubArgs;
use crate::cmd::Ctx;
use crate::exit::Kind;
use crate::exit::{self, Code, Failure};
use crate::input::Lines;
use crate::output::{Out, Palette, Render};
use crate::proto::resp::{encode_command, Value};
use crate::signal::{self, Stop};

use super::conn::{server_error, Conn};

/// Batches of messages in flight between the writer and the reply reader.
pub(super) const IN_FLIGHT: usize = 32;
/// Messages per batch at most.
const BATCH: usize = 2048;

/// The totals, printed at the end.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub channel: String,
    pub messages: u64,
    pub receivers: i64,
    pub unheard: u64,
    pub elapsed_s: f64,
    pub rate: f64,
}

impl Render for Summary {
    fn kind(&self) -> &str {
        "summary"
    }
    fn human(&self, p: &Palette) -> String {
        format!(
            "{} published to {} in {:.3}s ({:.0}/s), {}, {} heard by nobody",
            crate::output::plural(self.messages, "message"),
            p.name(&self.channel),
            self.elapsed_s,
            self.rate,
            crate::output::plural(self.receivers, "delivery"),
            self.unheard
        )
    }
}

/// A batch sent by the writer: how many messages, and their payloads when the
/// reader must print them.
struct Batch {
    first_seq: u64,
    n: usize,
    payloads: Vec<Vec<u8>>,
}

/// Publish `messages` (each `--count` times), or stdin lines (at most
/// `--max-size` each) when `messages` is empty.
pub fn publish(
    conn: Conn,
    channel: &str,
    messages: &[String],
    args: &PubArgs,
    node_local: bool,
    ctx: &Ctx,
) -> anyhow::Result<Code> {
    let (count, max_line) = (args.count, args.max_size);
    let started = Instant::now();
    let mut sum = Summary {
        channel: channel.to_string(),
        ..Summary::default()
    };
    if let Some(gap) = args.interval {
        one_by_one(conn, channel, messages, count, gap, ctx, &mut sum)?;
    } else {
        pipelined(conn, channel, messages, count, max_line, ctx, &mut sum)?;
    }
    report(sum, started, node_local, ctx)
}

/// Print the summary (and the warning when nobody heard anything).
/// `node_local`: classic PUBLISH on a cluster node, whose count leaves out the
/// subscribers of the other nodes. Stopped by Ctrl-C before any message was
/// published (a server that never answers, input that never came), there is
/// no result: exit 1 with kind `interrupted` (the README's Ctrl-C rule).
pub(super) fn report(
    mut sum: Summary,
    started: Instant,
    node_local: bool,
    ctx: &Ctx,
) -> anyhow::Result<Code> {
    if sum.messages == 0 && ctx.stop.is_stopped() {
        let to = format!("to {}", sum.channel);
        return Err(crate::cmd::pubsub::nothing_published(&to).into());
    }
    let secs = started.elapsed().as_secs_f64();
    sum.elapsed_s = (secs * 1000.0).round() / 1000.0;
    sum.rate = (sum.messages as f64 / secs.max(1e-9)).round();
    if sum.messages > 1 || ctx.out.is_json() || ctx.out.quiet() {
        ctx.out.emit(&sum)?;
    }
    if sum.messages > 0 && sum.unheard == sum.messages && !node_local {
        let channel = &sum.channel;
        ctx.out.warn(&format!(
            "nobody is subscribed to {channel}: the messages were dropped (start the subscriber first: a radio with no listener)"
        ))?;
    }
    Ok(Code::Ok)
}

/// `--interval`: one PUBLISH, one reply, a pause, and so on.
fn one_by_one(
    mut conn: Conn,
    channel: &str,
    messages: &[String],
    count: u64,
    gap: Duration,
    ctx: &Ctx,
    sum: &mut Summary,
) -> anyhow::Result<()> {
    let timeout = ctx.timeout_or(Duration::from_secs(10));
    let mut out = Vec::new();
    for _ in 0..count {
        for m in messages {
            if ctx.stop.is_stopped() {
                return Ok(());
            }
            if sum.messages > 0 {
                sleep_unless_stopped(gap, ctx);
            }
            out.clear();
            encode_command(&mut out, &[b"PUBLISH", channel.as_bytes(), m.as_bytes()]);
            conn.send(&out)?;
            let n = reply(&mut conn, timeout)?;
            record(sum, n, m.as_bytes(), channel, &ctx.out)?;
        }
    }
    Ok(())
}

fn sleep_unless_stopped(d: Duration, ctx: &Ctx) {
    let end = Instant::now() + d;
    while !ctx.stop.is_stopped() {
        let left = end.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        thread::sleep(left.min(signal::POLL));
    }
}

fn record(sum: &mut Summary, n: i64, msg: &[u8], channel: &str, out: &Out) -> anyhow::Result<()> {
    sum.messages += 1;
    sum.receivers += n;
    sum.unheard += u64::from(n == 0);
    if !out.quiet() {
        out.emit(&Published {
            receivers: Some(n),
            ..Published::new(sum.messages, channel, msg)
        })?;
    }
    Ok(())
}

/// PUBLISH's reply: an integer. Out-of-band pushes (RESP3) are skipped.
pub(super) fn reply(conn: &mut Conn, timeout: Duration) -> anyhow::Result<i64> {
    let deadline = Instant::now() + timeout;
    loop {
        match conn.recv(deadline)? {
            Some(Value::Integer(n)) => return Ok(n),
            Some(Value::Push(_)) => continue,
            Some(Value::Error(e)) => return Err(server_error(&conn.endpoint, "PUBLISH", &e).into()),
            Some(other) => {
                return Err(exit::network(
                    Kind::Protocol,
                    format!("{} answered PUBLISH with {other:?}", conn.endpoint),
                )
                .into())
            }
            None => {
                return Err(exit::network(
                    Kind::Timeout,
                    format!(
                        "{} did not answer PUBLISH within {timeout:?}",
                        conn.endpoint
                    ),
                )
                .into())
            }
        }
    }
}

/// Where pipelined messages come from: the arguments, or stdin lines read on a thread.
/// Each stdin line is at most `max_line` bytes (`--max-size`).
pub(crate) fn source(messages: &[String], count: u64, max_line: usize) -> Receiver<Input> {
    let (tx, rx) = mpsc::sync_channel::<Input>(IN_FLIGHT);
    if !messages.is_empty() {
        let msgs: Vec<Vec<u8>> = messages.iter().map(|m| m.as_bytes().to_vec()).collect();
        thread::spawn(move || {
            let mut batch = Vec::new();
            for _ in 0..count {
                for m in &msgs {
                    batch.push(m.clone());
                    if batch.len() >= BATCH && tx.send(Ok(std::mem::take(&mut batch))).is_err() {
                        return;
                    }
                }
            }
            let _ = tx.send(Ok(batch));
        });
    } else {
        thread::spawn(move || stdin_lines(tx, count, max_line));
    }
    rx
}

/// A person at a terminal with no MESSAGE argument: say what is happening.
pub(crate) fn stdin_hint(messages: &[String], out: &Out) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if messages.is_empty() && std::io::stdin().is_terminal() {
        out.warn("no MESSAGE given: publishing one message per line typed (Ctrl-D ends)")?;
    }
    Ok(())
}

/// One message per stdin line (without its `\n` / `\r\n`), sent in batches of what
/// is already buffered, so an interactive line goes out at once.
fn stdin_lines(tx: SyncSender<Input>, count: u64, max_line: usize) {
    let mut input = Lines::stdin(max_line, &Stop::new());
    let mut batch = Vec::new();
    loop {
        let line = match input.next_line() {
            Ok(Some(line)) => line,
            Ok(None) => break,
            Err(e) => {
                let _ = tx.send(Err(e.into()));
                return;
            }
        };
        for _ in 1..count {
            batch.push(line.clone());
        }
        batch.push(line);
        if (input.drained() || batch.len() >= BATCH)
            && tx.send(Ok(std::mem::take(&mut batch))).is_err()
        {
            return;
        }
    }
    if !batch.is_empty() {
        let _ = tx.send(Ok(batch));
    }
}

/// Messages from the source thread, or why stdin could not be read.
pub(crate) type Input = Result<Vec<Vec<u8>>, Failure>;

/// Write batches as they come; a reader thread matches replies to messages.
fn pipelined(
    conn: Conn,
    channel: &str,
    messages: &[String],
    count: u64,
    max_line: usize,
    ctx: &Ctx,
    sum: &mut Summary,
) -> anyhow::Result<()> {
    let Some(mut writer) = conn.writer()? else {
        return lockstep(conn, channel, messages, count, max_line, ctx, sum);
    };
    let endpoint = conn.endpoint.clone();
    let (btx, brx) = mpsc::sync_channel::<Batch>(IN_FLIGHT);
    let timeout = ctx.timeout_or(Duration::from_secs(10));
    let out = ctx.out.clone();
    let ch = channel.to_string();
    let reader = thread::spawn(move || read_replies(conn, brx, &ch, timeout, &out));
    stdin_hint(messages, &ctx.out)?;
    let input = source(messages, count, max_line);
    let mut buf = Vec::with_capacity(256 * 1024);
    let mut seq = 0u64;
    let keep = !ctx.out.quiet();
    let mut write_err = None;
    while !ctx.stop.is_stopped() {
        let msgs = match input.recv_timeout(signal::POLL) {
            Ok(Ok(m)) => m,
            Ok(Err(f)) => {
                write_err = Some(f);
                break;
            }
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        buf.clear();
        for m in &msgs {
            encode_command(&mut buf, &[b"PUBLISH", channel.as_bytes(), m.as_slice()]);
        }
        let batch = Batch {
            first_seq: seq + 1,
            n: msgs.len(),
            payloads: if keep { msgs } else { Vec::new() },
        };
        seq += batch.n as u64;
        // Hand the batch to the reader first: its replies may come back at once.
        if btx.send(batch).is_err() {
            break; // the reader failed: its error is reported below
        }
        if let Err(e) = writer.write_all(&buf) {
            write_err = Some(exit::network(
                Kind::ConnectionLost,
                format!("connection to {endpoint} lost while sending: {e}"),
            ));
            break;
        }
    }
    drop(btx);
    let totals = reader
        .join()
        .map_err(|_| anyhow::anyhow!("the reply reader panicked"))?;
    let (messages, receivers, unheard) = totals?;
    if let Some(e) = write_err {
        return Err(e.into());
    }
    sum.messages = messages;
    sum.receivers = receivers;
    sum.unheard = unheard;
    Ok(())
}

/// Read one reply per message, in order; print per-message events in batches.
fn read_replies(
    mut conn: Conn,
    batches: Receiver<Batch>,
    channel: &str,
    timeout: Duration,
    out: &Out,
) -> anyhow::Result<(u64, i64, u64)> {
    let mut totals = (0u64, 0i64, 0u64);
    for b in batches {
        read_batch(&mut conn, &b, channel, timeout, out, &mut totals)?;
    }
    Ok(totals)
}

/// The replies to one batch, added to `(messages, receivers, unheard)`.
fn read_batch(
    conn: &mut Conn,
    b: &Batch,
    channel: &str,
    timeout: Duration,
    out: &Out,
    (messages, receivers, unheard): &mut (u64, i64, u64),
) -> anyhow::Result<()> {
    let mut events = Vec::new();
    for i in 0..b.n {
        let n = reply(conn, timeout)?;
        *messages += 1;
        *receivers += n;
        *unheard += u64::from(n == 0);
        if let Some(p) = b.payloads.get(i) {
            events.push(Published {
                receivers: Some(n),
                ..Published::new(b.first_seq + i as u64, channel, p)
            });
        }
    }
    if !events.is_empty() {
        out.emit_all(&events)?;
    }
    Ok(())
}

/// Pipelining over TLS, where one session cannot be split between a writer and
/// a reader thread: write a whole batch, then read its replies, in one thread.
fn lockstep(
    mut conn: Conn,
    channel: &str,
    messages: &[String],
    count: u64,
    max_line: usize,
    ctx: &Ctx,
    sum: &mut Summary,
) -> anyhow::Result<()> {
    let timeout = ctx.timeout_or(Duration::from_secs(10));
    stdin_hint(messages, &ctx.out)?;
    let input = source(messages, count, max_line);
    let mut buf = Vec::with_capacity(256 * 1024);
    let mut totals = (0u64, 0i64, 0u64);
    let mut seq = 0u64;
    let keep = !ctx.out.quiet();
    while !ctx.stop.is_stopped() {
        let msgs = match input.recv_timeout(signal::POLL) {
            Ok(m) => m?,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        buf.clear();
        for m in &msgs {
            encode_command(&mut buf, &[b"PUBLISH", channel.as_bytes(), m.as_slice()]);
        }
        let batch = Batch {
            first_seq: seq + 1,
            n: msgs.len(),
            payloads: if keep { msgs } else { Vec::new() },
        };
        seq += batch.n as u64;
        conn.send(&buf)?;
        read_batch(&mut conn, &batch, channel, timeout, &ctx.out, &mut totals)?;
    }
    (sum.messages, sum.receivers, sum.unheard) = totals;
    Ok(())
}
