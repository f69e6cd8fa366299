//! `netkit sub --sharded` on a Redis Cluster: `SSUBSCRIBE` each channel at the
//! master that owns its slot — one connection per node involved, one `SSUBSCRIBE`
//! per slot (Redis refuses channels of several slots in one) — and print the
//! `smessage`s of every node as they come (a reader thread per connection feeds one
//! queue). When a slot moves, the old owner sends an unsolicited `sunsubscribe`:
//! the topology is read again and the channel subscribed at its new owner, with a
//! `resubscribed` and a `gap` event. A `MOVED` answer does the same. A lost node
//! is exit 3, or with `--reconnect` a fresh topology and every channel again.
//! Over TLS (`rediss+cluster://`) the reader thread also sends the commands the
//! main thread hands it (one TLS session cannot be shared by two threads).

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::io::Write;
use std::net::TcpStream;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::{Duration, Instant};

use crate::cmd::Ctx;
use crate::exit::Kind;
use crate::exit::{self, Code};
use crate::net::HostPort;
use crate::output;
use crate::proto::resp::{encode_command, Value};
use crate::proto::slot::key_slot;
use crate::signal::{self, Stop};

use super::cluster::{discover, node_settings, parse_redirect, Topology};
use super::conn::{server_error, Conn, Settings};
use super::notice::{Gap, Resubscribed};
use super::subscribe::{event_of, idle_since, Event, Summary};

pub struct Job<'a> {
    pub base: &'a Settings,
    pub seeds: &'a [HostPort],
    pub channels: &'a [String],
    pub count: Option<u64>,
    pub reconnect: bool,
}

/// Where a node's commands go: the socket's write half, or over TLS the reader
/// thread, which owns the one session and sends them between reads.
enum Writer {
    Socket(TcpStream),
    Thread(Sender<Vec<u8>>),
}

impl Writer {
    fn send(&mut self, buf: Vec<u8>) -> std::io::Result<()> {
        match self {
            Writer::Socket(s) => s.write_all(&buf),
            Writer::Thread(tx) => tx.send(buf).map_err(|_| {
                std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the connection is closed")
            }),
        }
    }
}

/// A node's subscription connection: the write half, its reader's stop token,
/// and the `SSUBSCRIBE` groups still waiting for their confirmations.
struct Link {
    writer: Writer,
    stop: Stop,
    pending: VecDeque<(Vec<String>, usize)>,
}

impl Drop for Link {
    fn drop(&mut self) {
        self.stop.stop();
    }
}

type Incoming = (usize, anyhow::Result<Value>);

/// Over TLS: how long a reader waits for data before looking for commands to send.
const READ_SLICE: Duration = Duration::from_millis(20);

struct State<'a> {
    job: &'a Job<'a>,
    topo: Topology,
    links: HashMap<usize, Link>,
    tx: Sender<Incoming>,
    timeout: Duration,
    messages: u64,
    last: Instant,
    reconnects: u64,
    gap: Option<(String, Instant, String)>,
}

impl State<'_> {
    fn link(&mut self, node: usize, ctx: &Ctx) -> anyhow::Result<&mut Link> {
        if !self.links.contains_key(&node) {
            let hp = self.topo.nodes[node].clone();
            let mut conn = Conn::open(&node_settings(self.job.base, &hp), self.timeout)?;
            let (cmd_tx, cmds) = mpsc::channel::<Vec<u8>>();
            let writer = match conn.writer()? {
                Some(socket) => Writer::Socket(socket),
                None => Writer::Thread(cmd_tx),
            };
            let slice = match writer {
                Writer::Socket(_) => signal::POLL,
                Writer::Thread(_) => READ_SLICE,
            };
            let stop = Stop::new();
            let (tx, mine, outer) = (self.tx.clone(), stop.clone(), ctx.stop.clone());
            thread::spawn(move || loop {
                if mine.is_stopped() || outer.is_stopped() {
                    return;
                }
                while let Ok(buf) = cmds.try_recv() {
                    if let Err(e) = conn.send(&buf) {
                        let _ = tx.send((node, Err(e)));
                        return;
                    }
                }
                match conn.recv(Instant::now() + slice) {
                    Ok(None) => {}
                    Ok(Some(v)) => {
                        if tx.send((node, Ok(v))).is_err() {
                            return;
                        }
                    }
                    Err(e) => {
                        let _ = tx.send((node, Err(e)));
                        return;
                    }
                }
            });
            self.links.insert(
                node,
                Link {
                    writer,
                    stop,
                    pending: VecDeque::new(),
                },
            );
        }
        Ok(self.links.get_mut(&node).expect("just inserted"))
    }

    /// SSUBSCRIBE `channels` at their owners, one command per slot.
    fn subscribe(&mut self, channels: &[String], ctx: &Ctx) -> anyhow::Result<Vec<usize>> {
        let mut groups: BTreeMap<(usize, u16), Vec<String>> = BTreeMap::new();
        for ch in channels {
            let slot = key_slot(ch.as_bytes());
            let node = self.topo.owner(slot).ok_or_else(|| {
                exit::network(
                    Kind::Cluster,
                    format!("no node owns slot {slot} (channel {ch:?}): is the cluster state ok?"),
                )
            })?;
            groups.entry((node, slot)).or_default().push(ch.clone());
        }
        let mut nodes = Vec::new();
        for ((node, _), group) in groups {
            let link = self.link(node, ctx)?;
            let mut cmd = vec!["SSUBSCRIBE"];
            cmd.extend(group.iter().map(String::as_str));
            let mut buf = Vec::new();
            encode_command(&mut buf, &cmd);
            link.writer.send(buf).map_err(|e| {
                exit::network(Kind::ConnectionLost, format!("sending SSUBSCRIBE: {e}"))
            })?;
            let n = group.len();
            link.pending.push_back((group, n));
            nodes.push(node);
        }
        Ok(nodes)
    }

    /// Subscribe `channels` at their owners again, after reading the topology
    /// again (from any node known) when `rediscover` (a `MOVED` says it already).
    fn move_channels(
        &mut self,
        channels: Vec<String>,
        why: String,
        rediscover: bool,
        ctx: &Ctx,
    ) -> anyhow::Result<()> {
        let lost = (output::timestamp_rfc3339(), Instant::now());
        let mut seeds = self.topo.nodes.clone();
        seeds.extend(self.job.seeds.iter().cloned());
        let fresh = match rediscover {
            true => discover(&seeds, self.job.base, self.timeout)?,
            false => None,
        };
        if let Some(t) = fresh {
            // Keep node indices stable: open links stay valid.
            for (slot, hp) in t.owners() {
                self.topo.moved(slot, hp);
            }
        }
        let nodes = self.subscribe(&channels, ctx)?;
        let node = nodes.first().map(|n| self.topo.nodes[*n].to_string());
        ctx.out.emit(&Resubscribed {
            channels,
            node: node.unwrap_or_default(),
            reason: why.clone(),
        })?;
        // A gap already open (sunsubscribe, then MOVED) keeps its start.
        self.gap.get_or_insert((lost.0, lost.1, why));
        Ok(())
    }

    /// Everything again from a fresh topology (after a lost node, `--reconnect`).
    fn restart(&mut self, why: String, ctx: &Ctx) -> anyhow::Result<bool> {
        self.links.clear();
        let lost = (output::timestamp_rfc3339(), Instant::now());
        let mut backoff = Duration::from_millis(100);
        let mut seeds = self.topo.nodes.clone();
        seeds.extend(self.job.seeds.iter().cloned());
        ctx.out
            .warn(&format!("{why}; reconnecting (--reconnect)"))?;
        loop {
            if ctx.stop.is_stopped() {
                return Ok(false);
            }
            self.idle_check(ctx)?;
            let found = match discover(&seeds, self.job.base, self.timeout) {
                // One server, not a cluster: it owns every slot.
                Ok(None) => Ok(Some(Topology::single(&self.job.seeds[0]))),
                other => other,
            };
            let ok = match found {
                Ok(Some(t)) if t.covered() == 16384 => {
                    self.topo = t;
                    self.subscribe(self.job.channels, ctx).is_ok()
                }
                _ => false,
            };
            if ok {
                self.reconnects += 1;
                self.gap = Some((lost.0, lost.1, why));
                return Ok(true);
            }
            self.links.clear();
            let end = Instant::now() + backoff;
            while !ctx.stop.is_stopped() && Instant::now() < end {
                thread::sleep(signal::POLL.min(end - Instant::now()));
            }
            backoff = (backoff * 2).min(Duration::from_secs(2));
        }
    }

    fn idle_check(&self, ctx: &Ctx) -> anyhow::Result<()> {
        idle_since(self.last, self.messages, ctx, self.job.channels)
    }
}

/// Subscribe to every channel and print until `--count`, the idle timeout or Ctrl-C.
pub fn subscribe(topo: Topology, job: &Job, ctx: &Ctx) -> anyhow::Result<Code> {
    let started = Instant::now();
    let (tx, rx) = mpsc::channel();
    let mut st = State {
        job,
        topo,
        links: HashMap::new(),
        tx,
        timeout: ctx.timeout_or(Duration::from_secs(10)),
        messages: 0,
        last: Instant::now(),
        reconnects: 0,
        gap: None,
    };
    st.subscribe(job.channels, ctx)?;
    if let Some(code) = listen(&mut st, &rx, ctx)? {
        return Ok(code);
    }
    ctx.out.emit(&Summary {
        messages: st.messages,
        elapsed_s: (started.elapsed().as_secs_f64() * 10.0).round() / 10.0,
        reconnects: st.reconnects,
    })?;
    Ok(Code::Ok)
}

fn listen(st: &mut State, rx: &Receiver<Incoming>, ctx: &Ctx) -> anyhow::Result<Option<Code>> {
    while !ctx.stop.is_stopped() {
        st.idle_check(ctx)?;
        let (node, got) = match rx.recv_timeout(signal::POLL) {
            Ok(x) => x,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return Ok(None),
        };
        if !st.links.contains_key(&node) {
            continue; // from a connection already given up
        }
        let v = match got {
            Ok(v) => v,
            Err(e) if st.job.reconnect && exit::classify(&e).kind == Kind::ConnectionLost => {
                if !st.restart(format!("{e:#}"), ctx)? {
                    return Ok(None);
                }
                continue;
            }
            Err(e) if exit::classify(&e).kind == Kind::ConnectionLost => {
                return Err(exit::network(Kind::ConnectionLost, format!("{e:#}"))
                    .hint("use --reconnect to subscribe again after a lost connection")
                    .into())
            }
            Err(e) => return Err(e),
        };
        if let Value::Error(e) = &v {
            let link = st.links.get_mut(&node).expect("checked");
            let (group, _) = link.pending.pop_front().unwrap_or_default();
            let endpoint = st.topo.nodes[node].to_string();
            match parse_redirect(e) {
                Some(r) if !group.is_empty() => {
                    st.topo.moved(r.slot, &r.to);
                    let why = format!("{endpoint} answered {e}");
                    st.move_channels(group, why, false, ctx)?;
                    continue;
                }
                _ => return Err(server_error(&endpoint, "SSUBSCRIBE", e).into()),
            }
        }
        let Some(ev) = event_of(&v, &st.topo.nodes[node].to_string())? else {
            continue;
        };
        let (kind, channel) = match &ev {
            Event::Confirm(c) => (c.kind, c.channel.clone()),
            Event::Message(m) => (m.kind, m.channel.clone().unwrap_or_default()),
        };
        match kind {
            "ssubscribe" => {
                let link = st.links.get_mut(&node).expect("checked");
                if let Some(head) = link.pending.front_mut() {
                    head.1 -= 1;
                    if head.1 == 0 {
                        link.pending.pop_front();
                    }
                }
                ctx.out.emit(&ev)?;
                if let Some((since, at, why)) = st.gap.take() {
                    ctx.out.emit(&Gap::new(since, at, why))?;
                }
            }
            "sunsubscribe" => {
                ctx.out.emit(&ev)?;
                let slot = key_slot(channel.as_bytes());
                let why = format!(
                    "slot {slot} moved away from {} (unsolicited sunsubscribe)",
                    st.topo.nodes[node]
                );
                st.move_channels(vec![channel], why, true, ctx)?;
            }
            "smessage" | "message" => {
                st.messages += 1;
                st.last = Instant::now();
                if !ctx.out.quiet() {
                    ctx.out.emit(&ev)?;
                }
                if st.job.count == Some(st.messages) {
                    return Ok(Some(Code::Ok));
                }
            }
            _ => {}
        }
    }
    Ok(None)
}
