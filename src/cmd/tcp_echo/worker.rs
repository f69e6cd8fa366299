//! The TCP server's event loop: one epoll set per worker thread, non-blocking
//! sockets, level-triggered. Every worker waits on the shared listener
//! (`EPOLLEXCLUSIVE`, so one is woken per connection) and serves the connections
//! it accepted. A connection is a small state machine: read what is there, frame
//! it, queue the replies, write what the socket takes; while replies are unsent
//! (a peer that does not read) it is not read from, so memory stays bounded by
//! one read's worth of replies. `--delay` replies wait in a per-worker queue,
//! in order per connection. Idle connections are swept every `signal::POLL`.
//! It does not print summaries; `server` does.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use super::poll::Delayed;
use super::server::{closed, message_event, opened, Shared};
use crate::cmd::echo_stats::Rng;
use crate::net::epoll::{Accepted, Epoll, SharedListener, IN, OUT};
use crate::proto::framing::{self, Framing};
use crate::signal::POLL;

const LISTENER: u64 = u64::MAX;

/// Why a connection ends; `bad` ones count as refused and are always logged.
pub struct End {
    pub reason: String,
    pub bad: bool,
}

fn normal(r: &str) -> End {
    End {
        reason: r.into(),
        bad: false,
    }
}

struct Conn {
    stream: TcpStream,
    peer: SocketAddr,
    generation: u64,
    pending: Vec<u8>,
    out: Vec<u8>,
    writing: bool,
    last: Instant,
    last_due: Instant,
    messages: u64,
    rng: Rng,
    end: Option<End>,
}

/// One worker: its epoll set, its connections, its delay queue.
pub struct Worker<'a> {
    sh: &'a Shared,
    accepting: SharedListener<'a>,
    ep: Epoll,
    conns: Vec<Option<Conn>>,
    free: Vec<usize>,
    generation: u64,
    delayed: BinaryHeap<Reverse<Delayed>>,
    /// Ended connections still waiting for delayed replies.
    closing: Vec<usize>,
    chunk: Vec<u8>,
    seed: Option<u64>,
}

impl<'a> Worker<'a> {
    pub fn new(sh: &'a Shared, listener: &'a TcpListener, index: u64) -> io::Result<Worker<'a>> {
        let ep = Epoll::new()?;
        let accepting = SharedListener::watch(listener, &ep, LISTENER)?;
        let max = sh.args.max_size as usize;
        let chunk = if sh.args.framing == Framing::Raw {
            max.min(1 << 20)
        } else {
            64 * 1024
        };
        Ok(Worker {
            sh,
            accepting,
            ep,
            conns: Vec::new(),
            free: Vec::new(),
            generation: 0,
            delayed: BinaryHeap::new(),
            closing: Vec::new(),
            chunk: vec![0u8; chunk],
            seed: sh
                .args
                .seed
                .map(|s| s.wrapping_mul(1000).wrapping_add(index)),
        })
    }

    /// Serve until the server stops, then close every connection.
    pub fn run(mut self) -> io::Result<()> {
        let mut events = vec![libc::epoll_event { events: 0, u64: 0 }; 256];
        let mut last_sweep = Instant::now();
        while !self.sh.stopping() {
            let now = Instant::now();
            self.accepting.resume(&self.ep);
            let next = self
                .delayed
                .peek()
                .map(|d| d.0.due.saturating_duration_since(now));
            let n = self
                .ep
                .wait(&mut events, next.map_or(POLL, |d| d.min(POLL)))?;
            for ev in &events[..n] {
                let (token, flags) = (ev.u64, ev.events);
                if token == LISTENER {
                    self.accept_all();
                } else {
                    self.on_event(token as usize, flags);
                }
            }
            self.fire_delayed();
            if last_sweep.elapsed() >= POLL {
                last_sweep = Instant::now();
                self.sweep_idle();
            }
        }
        for slot in 0..self.conns.len() {
            if let Some(c) = self.conns[slot].as_mut() {
                c.end.get_or_insert_with(|| normal("server stopping"));
                self.close(slot);
            }
        }
        Ok(())
    }

    fn accept_all(&mut self) {
        loop {
            match self.accepting.accept(&self.ep) {
                Accepted::Conn(stream, peer) => {
                    self.sh.out_of_fds.store(false, Ordering::Relaxed);
                    self.admit(stream, peer);
                }
                Accepted::Drained => return,
                Accepted::Exhausted(e) => {
                    if !self.sh.out_of_fds.swap(true, Ordering::Relaxed) {
                        let _ = self
                            .sh
                            .ctx
                            .out
                            .warn(&format!("accepting a client: {e}; new clients wait"));
                    }
                    return;
                }
            }
        }
    }

    fn admit(&mut self, stream: TcpStream, peer: SocketAddr) {
        let sh = self.sh;
        sh.peers.fetch_add(1, Ordering::SeqCst);
        if sh.active.fetch_add(1, Ordering::SeqCst) as u64 >= sh.args.max_clients {
            sh.active.fetch_sub(1, Ordering::SeqCst);
            sh.refused.fetch_add(1, Ordering::SeqCst);
            sh.log(&closed(
                peer,
                format!("over --max-clients {}", sh.args.max_clients),
                0,
            ));
            return;
        }
        let _ = stream.set_nodelay(true);
        if stream.set_nonblocking(true).is_err() {
            sh.active.fetch_sub(1, Ordering::SeqCst);
            return;
        }
        let slot = self.free.pop().unwrap_or_else(|| {
            self.conns.push(None);
            self.conns.len() - 1
        });
        if self
            .ep
            .ctl(libc::EPOLL_CTL_ADD, stream.as_raw_fd(), IN, slot as u64)
            .is_err()
        {
            sh.active.fetch_sub(1, Ordering::SeqCst);
            self.free.push(slot);
            return;
        }
        self.generation += 1;
        let now = Instant::now();
        let rng = self
            .seed
            .map(|s| Rng::new(s ^ self.generation))
            .unwrap_or_else(Rng::from_clock);
        self.conns[slot] = Some(Conn {
            stream,
            peer,
            generation: self.generation,
            pending: Vec::new(),
            out: Vec::new(),
            writing: false,
            last: now,
            last_due: now,
            messages: 0,
            rng,
            end: None,
        });
        if !sh.ctx.out.quiet() {
            sh.log(&opened(peer));
        }
    }

    fn on_event(&mut self, slot: usize, flags: u32) {
        let Some(c) = self.conns.get_mut(slot).and_then(Option::as_mut) else {
            return;
        };
        if c.writing {
            if flags & (OUT | libc::EPOLLERR as u32 | libc::EPOLLHUP as u32) != 0 {
                self.flush(slot);
            }
        } else if c.end.is_none()
            && flags & (IN | libc::EPOLLERR as u32 | libc::EPOLLHUP as u32) != 0
        {
            self.read(slot);
        }
        self.close_if_ended(slot);
    }

    /// Close an ended connection once its replies are out; with `--delay`, park
    /// it (no events) until its delayed replies have been sent.
    fn close_if_ended(&mut self, slot: usize) {
        let Some(c) = self.conns[slot].as_ref() else {
            return;
        };
        if c.end.is_none() || c.writing {
            return;
        }
        let gen = c.generation;
        let waiting = self.sh.args.delay.is_some()
            && self
                .delayed
                .iter()
                .any(|d| d.0.slot == slot && d.0.generation == gen);
        if !waiting {
            self.close(slot);
        } else if !self.closing.contains(&slot) {
            let _ = self
                .ep
                .ctl(libc::EPOLL_CTL_MOD, c.stream.as_raw_fd(), 0, slot as u64);
            self.closing.push(slot);
        }
    }

    /// One read, its messages answered and flushed.
    fn read(&mut self, slot: usize) {
        let sh = self.sh;
        let Some(c) = self.conns[slot].as_mut() else {
            return;
        };
        let n = match c.stream.read(&mut self.chunk) {
            Ok(0) => {
                // A last line without its newline is still a line (as Python's
                // readline and `read` in a shell see it): answer it before
                // closing. A cut length-prefixed frame is not a message.
                let last = std::mem::take(&mut c.pending);
                let (peer, cut) = (c.peer, !last.is_empty());
                if cut && sh.args.framing == Framing::Line {
                    if self.answer(slot, Some(&last), 0) && !sh.ctx.out.quiet() {
                        sh.log(&message_event(peer, &last));
                    }
                    self.flush(slot);
                } else if cut {
                    self.end(
                        slot,
                        End {
                            reason: format!(
                                "closed in the middle of a frame ({} bytes)",
                                last.len()
                            ),
                            bad: true,
                        },
                    );
                }
                self.end(slot, normal("closed by peer"));
                return;
            }
            Ok(n) => n,
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted
                ) =>
            {
                return
            }
            Err(e) => {
                c.end = Some(normal(&io_reason(&e)));
                return;
            }
        };
        c.last = Instant::now();
        let logs = self.messages_in(slot, n);
        self.flush(slot);
        if let Some(c) = self.conns[slot].as_ref() {
            for data in logs {
                sh.log(&message_event(c.peer, &data));
            }
        }
    }

    /// Answer the messages in the chunk's first `n` bytes (raw: one message;
    /// framed: every whole frame buffered). Returns payloads to log.
    fn messages_in(&mut self, slot: usize, n: usize) -> Vec<Vec<u8>> {
        let sh = self.sh;
        let mut logs: Vec<Vec<u8>> = Vec::new();
        let quiet = sh.ctx.out.quiet();
        if sh.args.framing == Framing::Raw {
            if self.answer(slot, None, n) && !quiet {
                logs.push(self.chunk[..n].to_vec());
            }
        } else {
            let Some(c) = self.conns[slot].as_mut() else {
                return logs;
            };
            c.pending.extend_from_slice(&self.chunk[..n]);
            let pending = std::mem::take(&mut c.pending);
            let mut used = 0;
            loop {
                match framing::decode(sh.args.framing, &pending[used..], sh.args.max_size as usize)
                {
                    Ok(Some(f)) => {
                        let payload = f.payload.to_vec();
                        used += f.consumed;
                        if !self.answer(slot, Some(&payload), 0) {
                            break;
                        }
                        if !quiet {
                            logs.push(payload);
                        }
                    }
                    Ok(None) => break,
                    Err(e) => {
                        self.end(
                            slot,
                            End {
                                reason: e.to_string(),
                                bad: true,
                            },
                        );
                        break;
                    }
                }
            }
            if let Some(c) = self.conns[slot].as_mut() {
                c.pending = pending[used..].to_vec();
            }
        }
        logs
    }

    fn end(&mut self, slot: usize, end: End) {
        if let Some(c) = self.conns[slot].as_mut() {
            c.end.get_or_insert(end);
        }
    }

    /// Count one message and queue its reply (`payload`, or the chunk's first
    /// `raw_len` bytes). False when `--count` was already reached.
    fn answer(&mut self, slot: usize, payload: Option<&[u8]>, raw_len: usize) -> bool {
        let sh = self.sh;
        let n = sh.messages.fetch_add(1, Ordering::SeqCst) + 1;
        if sh.args.count.is_some_and(|c| n > c) {
            self.end(slot, normal("--count reached"));
            return false;
        }
        let data = payload.unwrap_or(&self.chunk[..raw_len]);
        sh.bytes.fetch_add(data.len() as u64, Ordering::Relaxed);
        let reply = sh.args.reply.as_deref().map(str::as_bytes).unwrap_or(data);
        let Some(c) = self.conns[slot].as_mut() else {
            return false;
        };
        c.messages += 1;
        let mut framed = Vec::new();
        let target = if sh.args.delay.is_some() {
            &mut framed
        } else {
            &mut c.out
        };
        if framing::encode(sh.args.framing, reply, target).is_err() {
            c.end = Some(End {
                reason: "reply too long to frame".into(),
                bad: true,
            });
            return false;
        }
        if let Some(d) = &sh.args.delay {
            let due = (Instant::now() + d.sample(&mut c.rng)).max(c.last_due);
            c.last_due = due;
            let order = self
                .generation
                .wrapping_mul(1 << 20)
                .wrapping_add(self.delayed.len() as u64);
            let generation = c.generation;
            self.delayed.push(Reverse(Delayed {
                due,
                order,
                slot,
                generation,
                data: framed,
            }));
        }
        if sh.args.count.is_some_and(|c| n >= c) {
            sh.done.stop();
            self.end(slot, normal("--count reached"));
        }
        true
    }

    /// Write what the socket takes; watch for writability while some is left.
    fn flush(&mut self, slot: usize) {
        let Some(c) = self.conns[slot].as_mut() else {
            return;
        };
        let mut written = 0;
        while written < c.out.len() {
            match c.stream.write(&c.out[written..]) {
                Ok(0) => break,
                Ok(k) => written += k,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => {
                    c.out.clear();
                    written = 0;
                    c.end = Some(normal(&io_reason(&e)));
                    break;
                }
            }
        }
        c.out.drain(..written);
        let want = !c.out.is_empty();
        if want != c.writing {
            c.writing = want;
            let fd = c.stream.as_raw_fd();
            let _ = self.ep.ctl(
                libc::EPOLL_CTL_MOD,
                fd,
                if want { OUT } else { IN },
                slot as u64,
            );
        }
    }

    fn fire_delayed(&mut self) {
        let now = Instant::now();
        while self.delayed.peek().is_some_and(|d| d.0.due <= now) {
            let Some(Reverse(d)) = self.delayed.pop() else {
                break;
            };
            let live = self
                .conns
                .get_mut(d.slot)
                .and_then(Option::as_mut)
                .filter(|c| c.generation == d.generation);
            if let Some(c) = live {
                c.out.extend_from_slice(&d.data);
                self.flush(d.slot);
            }
        }
        for slot in std::mem::take(&mut self.closing) {
            self.close_if_ended(slot);
        }
    }

    fn sweep_idle(&mut self) {
        // The global --timeout, when given, is the idle timeout (as for rpc-serve).
        let idle = (self.sh.ctx.timeout)
            .filter(|t| !t.is_zero())
            .unwrap_or(self.sh.args.idle_timeout);
        for slot in 0..self.conns.len() {
            if let Some(c) = self.conns[slot].as_mut() {
                if c.end.is_none() && c.last.elapsed() >= idle {
                    c.end = Some(End {
                        reason: format!("idle for {idle:?} (--idle-timeout)"),
                        bad: true,
                    });
                    self.close(slot);
                }
            }
        }
    }

    /// Deregister, send what is left (briefly), close, and log why.
    fn close(&mut self, slot: usize) {
        let Some(mut c) = self.conns[slot].take() else {
            return;
        };
        self.free.push(slot);
        let _ = self.ep.ctl(libc::EPOLL_CTL_DEL, c.stream.as_raw_fd(), 0, 0);
        if !c.out.is_empty() && c.stream.set_nonblocking(false).is_ok() {
            let _ = c.stream.set_write_timeout(Some(Duration::from_millis(500)));
            let _ = c.stream.write_all(&c.out);
        }
        let _ = c.stream.shutdown(std::net::Shutdown::Both);
        let sh = self.sh;
        sh.active.fetch_sub(1, Ordering::SeqCst);
        let end = c.end.take().unwrap_or_else(|| normal("closed"));
        if end.bad {
            sh.refused.fetch_add(1, Ordering::SeqCst);
        }
        if end.bad || !sh.ctx.out.quiet() {
            sh.log(&closed(c.peer, end.reason, c.messages));
        }
    }
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::ConnectionReset => "reset by peer".into(),
        io::ErrorKind::BrokenPipe => "peer went away".into(),
        _ => format!("error: {e}"),
    }
}
