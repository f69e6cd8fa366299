//! The broker's state: clients with their subscriptions and staged replies,
//! the channel and pattern tables, delivery of published messages to other
//! clients' output (through the engine, bounded by `--output-limit`), and the
//! bounds on one client's input. It is the broker's engine protocol
//! (`net::serve`); what each command does is in `commands`; what is logged is
//! in `events`. It does no socket I/O.

use std::collections::HashMap;
use std::io::Cursor;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use crate::net::serve::{Close, Cx, Delivery, Flow, Io, Protocol};
use crate::output::{Out, Render};
use crate::proto::glob;
use crate::proto::resp::{self, encode_bulk, Limits};

use super::events::{Connected, Disconnected, Stats};
use super::Args;

/// Stop running a client's commands while this much of its output is unsent.
pub const PAUSE_OUTPUT: usize = 1 << 20;

/// Why a client is going away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Closing {
    /// Send what is queued (QUIT, a protocol error's reply), then close.
    AfterFlush(String),
}

pub struct Client {
    pub id: u64,
    token: u64,
    pub peer: SocketAddr,
    /// Replies staged by the commands, moved to the connection after each input.
    out: Vec<u8>,
    /// RESP version spoken to this client (2, or 3 after HELLO 3).
    pub proto: u8,
    /// Channels, in subscription order.
    pub subs: Vec<Vec<u8>>,
    /// Patterns, in subscription order.
    pub psubs: Vec<Vec<u8>>,
    pub name: Option<String>,
    pub closing: Option<Closing>,
}

impl Client {
    pub fn subscriptions(&self) -> usize {
        self.subs.len() + self.psubs.len()
    }

    /// Append encoded bytes to the output buffer.
    pub fn send(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    /// Append a reply value.
    pub fn reply(&mut self, v: &resp::Value) {
        v.encode(&mut self.out);
    }
}

pub struct State {
    pub channels: HashMap<Vec<u8>, Vec<u64>>,
    pub patterns: HashMap<Vec<u8>, Vec<u64>>,
    pub stats: Stats,
    pub out: Out,
    /// Client id to its engine token and RESP version, for deliveries.
    tokens: HashMap<u64, (u64, u8)>,
    /// Deliveries of the command being run: (token, index into `frames`).
    outbox: Vec<(u64, usize)>,
    frames: Vec<Vec<u8>>,
    /// Log lines of the command being run.
    lines: Vec<String>,
    next_id: u64,
    limits: Limits,
    output_limit: usize,
    query_limit: usize,
}

impl State {
    pub fn new(args: &Args, out: Out) -> State {
        State {
            channels: HashMap::new(),
            patterns: HashMap::new(),
            stats: Stats::default(),
            out,
            tokens: HashMap::new(),
            outbox: Vec::new(),
            frames: Vec::new(),
            lines: Vec::new(),
            next_id: 1,
            // Commands are flat arrays of bulk strings: nothing nests, and no
            // command needs more than 64Ki arguments.
            limits: Limits {
                max_bulk: args.max_size,
                max_elems: 64 * 1024,
                max_depth: 1,
                ..Limits::default()
            },
            output_limit: args.output_limit,
            query_limit: args.max_size.saturating_add(1 << 20),
        }
    }

    /// The largest input one client may hold (a command and its headers).
    pub fn query_limit(&self) -> usize {
        self.query_limit
    }

    /// Log an event (unless `--quiet`), printed by the engine's logger.
    pub fn emit<E: Render>(&mut self, ev: &E) -> anyhow::Result<()> {
        if !self.out.quiet() {
            self.lines.push(self.out.render(ev)?);
        }
        Ok(())
    }

    /// Run the complete commands in `input`; returns the bytes used.
    fn process(&mut self, c: &mut Client, input: &[u8], cx: &mut Cx<'_>) -> usize {
        let mut pos = 0;
        while c.closing.is_none() && c.out.len() <= PAUSE_OUTPUT {
            let mut cur = Cursor::new(&input[pos..]);
            match resp::decode_command(&mut cur, &self.limits) {
                Ok(None) => break,
                Ok(Some(args)) => {
                    pos += cur.position() as usize;
                    if !args.is_empty() {
                        self.stats.commands += 1;
                        let _ = self.execute(c, args);
                        self.deliver(cx);
                    }
                }
                Err(e) => {
                    c.send(format!("-ERR Protocol error: {e}\r\n").as_bytes());
                    c.closing = Some(Closing::AfterFlush(format!("protocol error: {e}")));
                    self.stats.protocol_errors += 1;
                    break;
                }
            }
        }
        if c.closing.is_none() && input.len() - pos > self.query_limit {
            c.send(b"-ERR Protocol error: query buffer over the limit\r\n");
            c.closing = Some(Closing::AfterFlush("query buffer over the limit".into()));
            self.stats.protocol_errors += 1;
        }
        pos
    }

    /// Hand this command's deliveries and log lines to the engine.
    fn deliver(&mut self, cx: &mut Cx<'_>) {
        for (token, i) in self.outbox.drain(..) {
            if cx.send_to(token, &self.frames[i], Some(self.output_limit)) == Delivery::OverLimit {
                self.stats.slow_dropped += 1;
            }
        }
        self.frames.clear();
        for line in self.lines.drain(..) {
            cx.log(line);
        }
    }

    /// Deliver a published message; returns how many subscriptions received it.
    pub fn publish(&mut self, me: &mut Client, channel: &[u8], msg: &[u8]) -> i64 {
        let mut count = 0;
        if let Some(ids) = self.channels.get(channel) {
            let mut frames: [Option<usize>; 2] = [None, None];
            for id in ids {
                count += 1;
                queue(
                    me,
                    *id,
                    &self.tokens,
                    &mut self.outbox,
                    &mut self.frames,
                    &mut frames,
                    || (None, channel, msg),
                );
            }
        }
        for (pattern, ids) in &self.patterns {
            if !glob::matches(pattern, channel) {
                continue;
            }
            let mut frames: [Option<usize>; 2] = [None, None];
            for id in ids {
                count += 1;
                queue(
                    me,
                    *id,
                    &self.tokens,
                    &mut self.outbox,
                    &mut self.frames,
                    &mut frames,
                    || (Some(pattern.as_slice()), channel, msg),
                );
            }
        }
        self.stats.published += 1;
        self.stats.delivered += count as u64;
        count
    }

    /// Remove every subscription of a client from the tables (no replies).
    pub fn unsubscribe_all(&mut self, c: &mut Client) {
        for ch in std::mem::take(&mut c.subs) {
            remove_from(&mut self.channels, &ch, c.id);
        }
        for p in std::mem::take(&mut c.psubs) {
            remove_from(&mut self.patterns, &p, c.id);
        }
    }
}

/// Queue one message for subscriber `id` (the publisher itself directly).
/// Frames are encoded once per RESP version.
fn queue<'m>(
    me: &mut Client,
    id: u64,
    tokens: &HashMap<u64, (u64, u8)>,
    outbox: &mut Vec<(u64, usize)>,
    frames: &mut Vec<Vec<u8>>,
    cache: &mut [Option<usize>; 2],
    what: impl Fn() -> (Option<&'m [u8]>, &'m [u8], &'m [u8]),
) {
    let (pattern, channel, msg) = what();
    let Some(&(token, proto)) = tokens.get(&id) else {
        return;
    };
    let proto = if id == me.id { me.proto } else { proto };
    let i = usize::from(proto == 3);
    let index = *cache[i].get_or_insert_with(|| {
        frames.push(frame(proto, pattern, channel, msg));
        frames.len() - 1
    });
    if id == me.id {
        me.out.extend_from_slice(&frames[index]);
    } else {
        outbox.push((token, index));
    }
}

/// The broker as an engine protocol (one worker: the tables need no locks).
/// Its counters go to `report` when the worker ends, for the summary.
pub struct Broker {
    pub st: State,
    pub report: Arc<Mutex<Stats>>,
    /// Clients connected now.
    clients: usize,
}

impl Broker {
    pub fn new(st: State, report: Arc<Mutex<Stats>>) -> Broker {
        Broker {
            st,
            report,
            clients: 0,
        }
    }
}

impl Drop for Broker {
    fn drop(&mut self) {
        *self.report.lock().unwrap_or_else(|p| p.into_inner()) = self.st.stats.clone();
    }
}

impl Protocol for Broker {
    type State = Client;

    fn open(&mut self, cx: &mut Cx<'_>, token: u64, peer: SocketAddr) -> Client {
        let st = &mut self.st;
        let id = st.next_id;
        st.next_id += 1;
        st.tokens.insert(id, (token, 2));
        self.clients += 1;
        st.stats.connections += 1;
        st.stats.max_clients = st.stats.max_clients.max(self.clients);
        let clients = self.clients;
        let _ = st.emit(&Connected {
            client: id,
            peer: peer.to_string(),
            clients,
        });
        st.deliver(cx);
        Client {
            id,
            token,
            peer,
            out: Vec::new(),
            proto: 2,
            subs: Vec::new(),
            psubs: Vec::new(),
            name: None,
            closing: None,
        }
    }

    fn input(&mut self, c: &mut Client, io: &mut Io<'_>, cx: &mut Cx<'_>) -> Flow {
        let used = self.st.process(c, io.input.data(), cx);
        io.input.consume(used);
        self.st.tokens.insert(c.id, (c.token, c.proto));
        io.out.append(&mut c.out);
        if io.eof && c.closing.is_none() {
            // Commands that came before an EOF still ran (`printf 'PUBLISH a b\r\n' | nc`).
            c.closing = Some(Closing::AfterFlush("closed by the client".into()));
        }
        match c.closing.take() {
            None => Flow::Go,
            Some(Closing::AfterFlush(r)) if r.starts_with("closed") => Flow::Close(Close::Done(r)),
            Some(Closing::AfterFlush(r)) => Flow::Close(Close::Bad(r)),
        }
    }

    fn closed(&mut self, mut c: Client, peer: SocketAddr, why: &Close, cx: &mut Cx<'_>) {
        let st = &mut self.st;
        st.unsubscribe_all(&mut c);
        st.tokens.remove(&c.id);
        self.clients -= 1;
        let reason = match why {
            Close::PeerClosed => "closed by the client".to_string(),
            Close::Io(e) if e.contains("reset") => "closed by the client".to_string(),
            Close::SlowReader(n) => {
                format!("slow subscriber: output buffer passed the limit of {n} bytes")
            }
            why => why.to_string(),
        };
        let _ = st.emit(&Disconnected {
            client: c.id,
            peer: peer.to_string(),
            reason,
            clients: self.clients,
        });
        st.deliver(cx);
    }

    fn turned_away(&mut self, _cx: &mut Cx<'_>, _peer: SocketAddr) -> Option<Vec<u8>> {
        self.st.stats.refused += 1;
        Some(b"-ERR max number of clients reached\r\n".to_vec())
    }
}

/// Remove `id` from the list under `key`, and the key when nobody is left.
pub fn remove_from(table: &mut HashMap<Vec<u8>, Vec<u64>>, key: &[u8], id: u64) {
    if let Some(ids) = table.get_mut(key) {
        ids.retain(|x| *x != id);
        if ids.is_empty() {
            table.remove(key);
        }
    }
}

/// `message`/`pmessage` as an array (RESP2) or a push (RESP3), encoded once.
pub fn frame(proto: u8, pattern: Option<&[u8]>, channel: &[u8], msg: &[u8]) -> Vec<u8> {
    let mut f = Vec::with_capacity(msg.len() + channel.len() + 48);
    f.push(if proto == 3 { b'>' } else { b'*' });
    match pattern {
        Some(p) => {
            f.extend_from_slice(b"4\r\n");
            encode_bulk(&mut f, b"pmessage");
            encode_bulk(&mut f, p);
        }
        None => {
            f.extend_from_slice(b"3\r\n");
            encode_bulk(&mut f, b"message");
        }
    }
    encode_bulk(&mut f, channel);
    encode_bulk(&mut f, msg);
    f
}
