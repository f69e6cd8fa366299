//! The broker's state and socket I/O: clients with their input and output
//! buffers, the channel and pattern tables, delivery of published messages, and
//! the rules that bound memory (pause a client whose replies pile up, drop a
//! subscriber whose output passes the limit, refuse oversized input). What each
//! command does is in `commands`; what is logged is in `events`.

use std::collections::HashMap;
use std::io::{self, Cursor, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::fd::AsRawFd;

use crate::output::Out;
use crate::proto::glob;
use crate::proto::resp::{self, encode_bulk, Limits};

use super::events::{Connected, Disconnected, Stats};
use super::Args;

/// Stop reading a client's commands while this much of its output is unsent.
const PAUSE_OUTPUT: usize = 1 << 20;
/// Read at most this much from one client per round (fairness).
const READ_PER_ROUND: usize = 256 * 1024;

/// Why a client is going away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Closing {
    /// Send what is queued (QUIT, a protocol error's reply), then close.
    AfterFlush(String),
    /// Close now, dropping queued output.
    Now(String),
}

pub struct Client {
    pub id: u64,
    pub stream: TcpStream,
    pub peer: SocketAddr,
    inbuf: Vec<u8>,
    out: Vec<u8>,
    out_pos: usize,
    /// RESP version spoken to this client (2, or 3 after HELLO 3).
    pub proto: u8,
    /// Channels, in subscription order.
    pub subs: Vec<Vec<u8>>,
    /// Patterns, in subscription order.
    pub psubs: Vec<Vec<u8>>,
    pub name: Option<String>,
    pub closing: Option<Closing>,
    /// Commands are waiting in `inbuf` (processing stopped at the output pause).
    unprocessed: bool,
}

impl Client {
    fn new(id: u64, stream: TcpStream, peer: SocketAddr) -> Client {
        Client {
            id,
            stream,
            peer,
            inbuf: Vec::new(),
            out: Vec::new(),
            out_pos: 0,
            proto: 2,
            subs: Vec::new(),
            psubs: Vec::new(),
            name: None,
            closing: None,
            unprocessed: false,
        }
    }

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

    fn pending(&self) -> usize {
        self.out.len() - self.out_pos
    }

    fn paused(&self) -> bool {
        self.pending() > PAUSE_OUTPUT
    }

    /// Commands wait in the input buffer and the output has drained enough.
    fn resumable(&self) -> bool {
        self.unprocessed && !self.paused() && self.closing.is_none()
    }

    /// Ready to be dropped: closing now, or closing after a flush that is complete.
    fn done(&self) -> bool {
        match &self.closing {
            Some(Closing::Now(_)) => true,
            Some(Closing::AfterFlush(_)) => self.pending() == 0,
            None => false,
        }
    }

    /// Write as much queued output as the socket takes now.
    fn flush(&mut self) {
        while self.pending() > 0 {
            match self.stream.write(&self.out[self.out_pos..]) {
                Ok(0) => {
                    self.closing = Some(Closing::Now("connection closed while writing".into()));
                    return;
                }
                Ok(n) => self.out_pos += n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.closing = Some(Closing::Now(format!("write failed: {e}")));
                    return;
                }
            }
        }
        if self.out_pos == self.out.len() {
            self.out.clear();
            self.out_pos = 0;
        } else if self.out_pos > (1 << 20) && self.out_pos * 2 > self.out.len() {
            self.out.drain(..self.out_pos);
            self.out_pos = 0;
        }
    }
}

pub struct State {
    pub clients: HashMap<u64, Client>,
    pub channels: HashMap<Vec<u8>, Vec<u64>>,
    pub patterns: HashMap<Vec<u8>, Vec<u64>>,
    pub stats: Stats,
    pub out: Out,
    next_id: u64,
    limits: Limits,
    max_clients: usize,
    output_limit: usize,
    query_limit: usize,
}

impl State {
    pub fn new(args: &Args, out: Out) -> State {
        State {
            clients: HashMap::new(),
            channels: HashMap::new(),
            patterns: HashMap::new(),
            stats: Stats::default(),
            out,
            next_id: 1,
            // Commands are flat arrays of bulk strings: nothing nests, and no
            // command needs more than 64Ki arguments (a partial command is parsed
            // again on each read, so its size bounds that work too).
            limits: Limits {
                max_bulk: args.max_size,
                max_elems: 64 * 1024,
                max_depth: 1,
                ..Limits::default()
            },
            max_clients: args.max_clients,
            output_limit: args.output_limit,
            query_limit: args.max_size.saturating_add(1 << 20),
        }
    }

    /// The poll set: every client, reading unless paused, writing when output waits.
    pub fn poll_set(&self, fds: &mut Vec<libc::pollfd>, ids: &mut Vec<u64>) {
        for c in self.clients.values() {
            let mut events = 0;
            if !c.paused() && c.closing.is_none() {
                events |= libc::POLLIN;
            }
            if c.pending() > 0 {
                events |= libc::POLLOUT;
            }
            fds.push(libc::pollfd {
                fd: c.stream.as_raw_fd(),
                events,
                revents: 0,
            });
            ids.push(c.id);
        }
    }

    /// Accept every waiting connection.
    pub fn accept_all(&mut self, listener: &TcpListener) -> anyhow::Result<()> {
        loop {
            let (stream, peer) = match listener.accept() {
                Ok(x) => x,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(()),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    // EMFILE and friends: say so and keep serving the clients we have.
                    self.out
                        .warn(&format!("accepting a connection failed: {e}"))?;
                    return Ok(());
                }
            };
            if self.clients.len() >= self.max_clients {
                let _ = (&stream).write(b"-ERR max number of clients reached\r\n");
                self.stats.refused += 1;
                continue;
            }
            if stream.set_nonblocking(true).is_err() {
                continue;
            }
            let _ = stream.set_nodelay(true);
            let id = self.next_id;
            self.next_id += 1;
            self.clients.insert(id, Client::new(id, stream, peer));
            self.stats.connections += 1;
            self.stats.max_clients = self.stats.max_clients.max(self.clients.len());
            if !self.out.quiet() {
                self.out.emit(&Connected {
                    client: id,
                    peer: peer.to_string(),
                    clients: self.clients.len(),
                })?;
            }
        }
    }

    /// Handle poll's answer for one client.
    pub fn on_ready(&mut self, id: u64, revents: libc::c_short) -> anyhow::Result<()> {
        let Some(mut c) = self.clients.remove(&id) else {
            return Ok(());
        };
        if revents & libc::POLLOUT != 0 {
            c.flush();
        }
        if revents & (libc::POLLIN | libc::POLLHUP | libc::POLLERR) != 0 && c.closing.is_none() {
            // Commands that came before an EOF still run (`printf 'PUBLISH a b\r\n' | nc`).
            let eof = read_some(&mut c, self.query_limit);
            self.process(&mut c)?;
            if eof.is_some() && !matches!(c.closing, Some(Closing::Now(_))) {
                c.closing = eof;
            }
        }
        self.clients.insert(id, c);
        Ok(())
    }

    /// Run the complete commands in a client's input buffer.
    fn process(&mut self, c: &mut Client) -> anyhow::Result<()> {
        let mut pos = 0;
        c.unprocessed = false;
        while c.closing.is_none() {
            if c.paused() {
                c.unprocessed = true;
                break;
            }
            let mut cur = Cursor::new(&c.inbuf[pos..]);
            match resp::decode_command(&mut cur, &self.limits) {
                Ok(None) => break,
                Ok(Some(args)) => {
                    pos += cur.position() as usize;
                    if !args.is_empty() {
                        self.stats.commands += 1;
                        self.execute(c, args)?;
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
        c.inbuf.drain(..pos);
        if c.closing.is_none() && c.inbuf.len() > self.query_limit {
            c.send(b"-ERR Protocol error: query buffer over the limit\r\n");
            c.closing = Some(Closing::AfterFlush("query buffer over the limit".into()));
            self.stats.protocol_errors += 1;
        }
        c.flush();
        Ok(())
    }

    /// Deliver a published message; returns how many subscriptions received it.
    pub fn publish(&mut self, me: &mut Client, channel: &[u8], msg: &[u8]) -> i64 {
        let mut count = 0;
        let mut frames: [Option<Vec<u8>>; 2] = [None, None];
        if let Some(ids) = self.channels.get(channel) {
            for id in ids {
                let target = if *id == me.id {
                    Some(&mut *me)
                } else {
                    self.clients.get_mut(id)
                };
                if let Some(t) = target {
                    let i = usize::from(t.proto == 3);
                    let f = frames[i].get_or_insert_with(|| frame(t.proto, None, channel, msg));
                    deliver(t, f, self.output_limit, &mut self.stats);
                    count += 1;
                }
            }
        }
        for (pattern, ids) in &self.patterns {
            if !glob::matches(pattern, channel) {
                continue;
            }
            let mut pframes: [Option<Vec<u8>>; 2] = [None, None];
            for id in ids {
                let target = if *id == me.id {
                    Some(&mut *me)
                } else {
                    self.clients.get_mut(id)
                };
                if let Some(t) = target {
                    let i = usize::from(t.proto == 3);
                    let f = pframes[i]
                        .get_or_insert_with(|| frame(t.proto, Some(pattern), channel, msg));
                    deliver(t, f, self.output_limit, &mut self.stats);
                    count += 1;
                }
            }
        }
        self.stats.published += 1;
        self.stats.delivered += count as u64;
        count
    }

    /// After a round: flush everyone, run paused commands that may go on now, and
    /// drop the clients that are done.
    pub fn after_round(&mut self) -> anyhow::Result<()> {
        // Flush in place; only clients with work left are taken out of the map.
        let mut todo = Vec::new();
        for c in self.clients.values_mut() {
            if c.pending() > 0 {
                c.flush();
            }
            if c.resumable() || c.done() {
                todo.push(c.id);
            }
        }
        for id in todo {
            let Some(mut c) = self.clients.remove(&id) else {
                continue;
            };
            if c.resumable() {
                self.process(&mut c)?;
            }
            if c.done() {
                self.drop_client(c)?;
            } else {
                self.clients.insert(id, c);
            }
        }
        Ok(())
    }

    fn drop_client(&mut self, mut c: Client) -> anyhow::Result<()> {
        self.unsubscribe_all(&mut c);
        let reason = match c.closing.take() {
            Some(Closing::Now(r)) | Some(Closing::AfterFlush(r)) => r,
            None => "closed".into(),
        };
        if !self.out.quiet() {
            self.out.emit(&Disconnected {
                client: c.id,
                peer: c.peer.to_string(),
                reason,
                clients: self.clients.len(),
            })?;
        }
        let _ = c.stream.shutdown(std::net::Shutdown::Both);
        Ok(())
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

    /// Close every client (the broker is stopping).
    pub fn shutdown(&mut self) {
        for (_, c) in self.clients.drain() {
            let _ = c.stream.shutdown(std::net::Shutdown::Both);
        }
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

/// Read what the socket has (bounded per round). Returns how the client must
/// close after its commands ran, when it hung up or failed.
fn read_some(c: &mut Client, query_limit: usize) -> Option<Closing> {
    let mut buf = [0u8; 64 * 1024];
    let mut total = 0;
    while total < READ_PER_ROUND && c.inbuf.len() <= query_limit {
        match c.stream.read(&mut buf) {
            Ok(0) => return Some(Closing::AfterFlush("closed by the client".into())),
            Ok(n) => {
                c.inbuf.extend_from_slice(&buf[..n]);
                total += n;
                if n < buf.len() {
                    // A short read drained the socket: skip the read that would say WouldBlock.
                    return None;
                }
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return None,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Some(Closing::Now(format!("read failed: {e}"))),
        }
    }
    None
}

/// Queue a message frame for a subscriber, or drop a subscriber that is too slow.
fn deliver(t: &mut Client, frame: &[u8], limit: usize, stats: &mut Stats) {
    if matches!(t.closing, Some(Closing::Now(_))) {
        return;
    }
    if t.pending() + frame.len() > limit {
        t.closing = Some(Closing::Now(format!(
            "slow subscriber: output buffer passed the limit of {limit} bytes"
        )));
        stats.slow_dropped += 1;
        return;
    }
    t.send(frame);
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
