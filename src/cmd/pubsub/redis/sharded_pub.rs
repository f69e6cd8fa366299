//! `netkit pub --sharded` on a Redis Cluster: `SPUBLISH` each message to the
//! master that owns its channel's slot, one pipelined connection per node with a
//! reply reader per node (as `publish` does for one server). With `--keyed` each
//! stdin line is `KEY MESSAGE` and goes to channel `CHANNEL` + `KEY`, so one
//! stream spreads over many channels and nodes. A `MOVED` reply updates the slot
//! map and the message is published again at the new owner (`ASK`: `ASKING` once,
//! then the command), so a reshard while publishing loses nothing. Over TLS
//! (`rediss+cluster://`) one session cannot be shared by a writer and a reader
//! thread, so the node's thread writes each batch itself, then reads its replies.

use std::collections::HashMap;
use std::io::Write;
use std::net::TcpStream;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, SyncSender};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::cmd::Ctx;
use crate::exit;
use crate::exit::Kind;
use crate::net::HostPort;
use crate::output::Out;
use crate::proto::resp::{encode_command, Value};
use crate::proto::slot::key_slot;
use crate::signal;

use super::cluster::{node_settings, parse_redirect, Redirect, Topology};
use super::conn::{server_error, Conn, Settings};
use super::publish::{source, stdin_hint, Summary, IN_FLIGHT};
use crate::cmd::pubsub::events::Published;

/// What `pub --sharded` was asked to do.
pub struct Job<'a> {
    pub base: &'a Settings,
    pub channel: &'a str,
    pub keyed: bool,
    pub messages: &'a [String],
    pub count: u64,
    /// `--max-size`: the longest stdin line.
    pub max_line: usize,
}

/// One message in flight to one node.
struct Item {
    seq: u64,
    channel: String,
    payload: Vec<u8>,
}

/// A batch for a node's thread: the items, and over TLS the encoded commands
/// for the thread to send (empty when the main thread writes to the socket).
type Batch = (Vec<Item>, Vec<u8>);

/// A node's pipelined connection: the write half (`None` over TLS: the reply
/// reader sends too) and its reply reader.
struct Link {
    writer: Option<TcpStream>,
    batches: SyncSender<Batch>,
    reader: JoinHandle<anyhow::Result<(u64, i64, u64)>>,
}

fn open_link(
    node: &HostPort,
    base: &Settings,
    timeout: Duration,
    moved: Sender<Redirect>,
    out: &Out,
    quiet: bool,
) -> anyhow::Result<Link> {
    let conn = Conn::open(&node_settings(base, node), timeout)?;
    let writer = conn.writer()?;
    let (tx, rx) = mpsc::sync_channel::<Batch>(IN_FLIGHT);
    let out = out.clone();
    let base = base.clone();
    let reader = thread::spawn(move || read_replies(conn, rx, &base, timeout, &moved, &out, quiet));
    Ok(Link {
        writer,
        batches: tx,
        reader,
    })
}

/// The channel of one message, and its payload.
fn split<'m>(job: &Job, m: &'m [u8]) -> (String, &'m [u8]) {
    if !job.keyed {
        return (job.channel.to_string(), m);
    }
    let (key, rest) = match m.iter().position(|&b| b == b' ') {
        Some(i) => (&m[..i], &m[i + 1..]),
        None => (m, &b""[..]),
    };
    (
        format!("{}{}", job.channel, String::from_utf8_lossy(key)),
        rest,
    )
}

/// Publish everything; returns the totals in `sum`.
pub fn publish(mut topo: Topology, job: &Job, ctx: &Ctx, sum: &mut Summary) -> anyhow::Result<()> {
    let timeout = ctx.timeout_or(Duration::from_secs(10));
    let (moved_tx, moved_rx) = mpsc::channel::<Redirect>();
    let mut links: HashMap<usize, Link> = HashMap::new();
    let quiet = ctx.out.quiet();
    stdin_hint(job.messages, &ctx.out)?;
    let input = source(job.messages, job.count, job.max_line);
    let mut seq = 0u64;
    let mut bufs: HashMap<usize, (Vec<u8>, Vec<Item>)> = HashMap::new();
    let mut failure = None;
    'outer: while !ctx.stop.is_stopped() {
        let msgs = match input.recv_timeout(signal::POLL) {
            Ok(Ok(m)) => m,
            Ok(Err(f)) => {
                failure = Some(f);
                break;
            }
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        while let Ok(r) = moved_rx.try_recv() {
            topo.moved(r.slot, &r.to);
        }
        for m in &msgs {
            let (channel, payload) = split(job, m);
            let slot = key_slot(channel.as_bytes());
            let Some(node) = topo.owner(slot) else {
                failure = Some(exit::network(
                    Kind::Cluster,
                    format!(
                        "no node owns slot {slot} (channel {channel:?}): is the cluster state ok?"
                    ),
                ));
                break 'outer;
            };
            seq += 1;
            let (buf, items) = bufs.entry(node).or_default();
            encode_command(buf, &[b"SPUBLISH", channel.as_bytes(), payload]);
            items.push(Item {
                seq,
                channel,
                payload: if quiet { Vec::new() } else { payload.to_vec() },
            });
        }
        for (node, (buf, items)) in bufs.iter_mut() {
            if items.is_empty() {
                continue;
            }
            if !links.contains_key(node) {
                let l = open_link(
                    &topo.nodes[*node],
                    job.base,
                    timeout,
                    moved_tx.clone(),
                    &ctx.out,
                    quiet,
                )?;
                links.insert(*node, l);
            }
            let link = &mut links.get_mut(node).expect("just opened");
            // Hand the batch to the reader first: its replies may come back at once.
            let bytes = match link.writer {
                Some(_) => Vec::new(),
                None => std::mem::take(buf),
            };
            if link.batches.send((std::mem::take(items), bytes)).is_err() {
                break 'outer; // the reader failed: its error is reported below
            }
            let Some(writer) = link.writer.as_mut() else {
                continue;
            };
            if let Err(e) = writer.write_all(buf) {
                failure = Some(exit::network(
                    Kind::ConnectionLost,
                    format!(
                        "connection to {} lost while sending: {e}",
                        topo.nodes[*node]
                    ),
                ));
                break 'outer;
            }
            buf.clear();
        }
    }
    drop(moved_tx);
    let mut first_err = None;
    for (_, link) in links {
        drop(link.batches);
        match link.reader.join() {
            Ok(Ok((m, r, u))) => {
                sum.messages += m;
                sum.receivers += r;
                sum.unheard += u;
            }
            Ok(Err(e)) => first_err = first_err.or(Some(e)),
            Err(_) => first_err = first_err.or(Some(anyhow::anyhow!("a reply reader panicked"))),
        }
    }
    match (first_err, failure) {
        (Some(e), _) => Err(e),
        (None, Some(f)) => Err(f.into()),
        (None, None) => Ok(()),
    }
}

/// SPUBLISH's reply; a redirection is followed at once on a side connection.
fn one_reply(
    conn: &mut Conn,
    item: &Item,
    side: &mut HashMap<String, Conn>,
    base: &Settings,
    timeout: Duration,
    moved: &Sender<Redirect>,
) -> anyhow::Result<i64> {
    let mut v = match conn.recv(Instant::now() + timeout)? {
        Some(v) => v,
        None => {
            return Err(exit::network(
                Kind::Timeout,
                format!(
                    "{} did not answer SPUBLISH within {timeout:?}",
                    conn.endpoint
                ),
            )
            .into())
        }
    };
    // A slot can move twice while we follow it: a few hops at most.
    for _ in 0..5 {
        match v {
            Value::Integer(n) => return Ok(n),
            Value::Push(_) => return one_reply(conn, item, side, base, timeout, moved),
            Value::Error(ref e) => {
                let Some(r) = parse_redirect(e) else {
                    return Err(server_error(&conn.endpoint, "SPUBLISH", e).into());
                };
                if !r.ask {
                    let _ = moved.send(r.clone());
                }
                let c = match side.entry(r.to.to_string()) {
                    std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        slot.insert(Conn::open(&node_settings(base, &r.to), timeout)?)
                    }
                };
                let mut out = Vec::new();
                if r.ask {
                    encode_command(&mut out, &["ASKING"]);
                }
                encode_command(
                    &mut out,
                    &[b"SPUBLISH", item.channel.as_bytes(), &item.payload],
                );
                c.send(&out)?;
                if r.ask {
                    c.recv(Instant::now() + timeout)?;
                }
                v = c.recv(Instant::now() + timeout)?.unwrap_or(Value::Null);
            }
            other => {
                return Err(exit::network(
                    Kind::Protocol,
                    format!("{} answered SPUBLISH with {other:?}", conn.endpoint),
                )
                .into())
            }
        }
    }
    Err(exit::network(
        Kind::Cluster,
        format!("channel {:?} kept moving between nodes", item.channel),
    )
    .into())
}

/// One node's replies, in order; per-message events printed in batches.
fn read_replies(
    mut conn: Conn,
    batches: Receiver<Batch>,
    base: &Settings,
    timeout: Duration,
    moved: &Sender<Redirect>,
    out: &Out,
    quiet: bool,
) -> anyhow::Result<(u64, i64, u64)> {
    let (mut messages, mut receivers, mut unheard) = (0u64, 0i64, 0u64);
    let mut side = HashMap::new();
    for (batch, bytes) in batches {
        if !bytes.is_empty() {
            conn.send(&bytes)?;
        }
        let mut counts = Vec::with_capacity(batch.len());
        for item in &batch {
            let n = one_reply(&mut conn, item, &mut side, base, timeout, moved)?;
            messages += 1;
            receivers += n;
            unheard += u64::from(n == 0);
            counts.push(n);
        }
        if !quiet {
            let events: Vec<Published> = batch
                .iter()
                .zip(counts)
                .map(|(i, n)| Published {
                    receivers: Some(n),
                    ..Published::new(i.seq, &i.channel, &i.payload)
                })
                .collect();
            out.emit_all(&events)?;
        }
    }
    Ok((messages, receivers, unheard))
}
