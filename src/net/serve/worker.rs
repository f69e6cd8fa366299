//! One engine worker: an epoll set (level-triggered), the shared listener,
//! a slab of connections addressed by stable tokens (slot and generation),
//! and the round: wait, accept or take handed-over connections, drive every
//! ready connection (write what waits, read until `WouldBlock` or the round's
//! cap, call the protocol), then settle them (write the round's replies
//! together, switch interest, close), run timers, hand the log batch over.
//! Nothing in it blocks but `epoll_wait`.

use std::io;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use super::budget::{self, Holder};
use super::conn::{Close, Conn, Input, Transport};
pub(crate) use super::mailbox::Mailbox;
use super::slab::{slot_of, Slab};
use super::tls::Tls;
use super::{Cx, Flow, Io, LogSink, Protocol, Shared};
use crate::net::epoll::{Accepted, Epoll, SharedListener, IN, OUT};
use crate::signal::POLL;

const LISTENER: u64 = u64::MAX;
/// This worker's eventfd: another worker handed it connections.
const WAKE: u64 = u64::MAX - 1;
/// Most bytes read from one connection in one round (fairness).
const READ_CAP: usize = 512 * 1024;
/// Stop reading a connection in a round once this much output is queued.
const OUT_CAP: usize = 64 * 1024;
/// The spare read buffer lent to a connection with nothing buffered.
const SPARE: usize = 64 * 1024;
/// `Protocol::drained` calls per connection per round at most.
const FEED_ROUNDS: usize = 4;
/// How long output still queued when the server stops may take to go out.
const LAST_WRITE: Duration = Duration::from_secs(1);
/// A TLS handshake must finish within this long when no deadline is configured.
const HANDSHAKE: Duration = Duration::from_secs(10);

/// One worker: its epoll set, its connections, its protocol.
pub(crate) struct Worker<'a, P: Protocol> {
    sh: &'a Shared,
    index: usize,
    accepting: SharedListener<'a>,
    ep: Epoll,
    slab: Slab<P::State>,
    proto: P,
    log: LogSink,
    spare: Input,
    next_tick: Option<Instant>,
    /// Connections whose transport holds decrypted input the socket will not
    /// announce again: driven next round without waiting.
    again: Vec<u64>,
}

impl<'a, P: Protocol> Worker<'a, P> {
    pub fn new(
        sh: &'a Shared,
        listener: &'a TcpListener,
        index: usize,
        proto: P,
        log: LogSink,
    ) -> io::Result<Self> {
        let ep = Epoll::new()?;
        let wake = sh.workers[index].wake.as_raw_fd();
        ep.ctl(libc::EPOLL_CTL_ADD, wake, libc::EPOLLIN as u32, WAKE)?;
        let accepting = SharedListener::watch(listener, &ep, LISTENER)?;
        Ok(Worker {
            sh,
            index,
            accepting,
            ep,
            slab: Slab {
                conns: Vec::new(),
                gens: Vec::new(),
                free: Vec::new(),
                ready: Vec::new(),
            },
            proto,
            log,
            spare: Input::default(),
            next_tick: None,
            again: Vec::new(),
        })
    }

    fn cx<'b>(slab: &'b mut Slab<P::State>, log: &'b mut LogSink, sh: &'b Shared) -> Cx<'b> {
        Cx {
            log,
            others: slab,
            stop: &sh.stop,
        }
    }

    /// Serve until the server stops, then send what is queued and close all.
    pub fn run(mut self) -> io::Result<()> {
        let mut events = vec![libc::epoll_event { events: 0, u64: 0 }; 256];
        let mut last_sweep = Instant::now();
        self.tick();
        while !self.sh.stopping() {
            self.accepting.resume(&self.ep);
            let wait = self.next_tick.map_or(POLL, |t| {
                t.saturating_duration_since(Instant::now()).min(POLL)
            });
            let wait = if self.again.is_empty() {
                wait
            } else {
                Duration::ZERO
            };
            let n = self.ep.wait(&mut events, wait)?;
            for ev in &events[..n] {
                match ev.u64 {
                    LISTENER => self.accept_all(),
                    WAKE => self.take_handed(),
                    token => self.drive(token),
                }
            }
            for token in std::mem::take(&mut self.again) {
                self.drive(token);
            }
            // Timers run every round: a protocol may have queued new ones.
            self.tick();
            self.settle_all();
            if self.sh.over_budget() {
                self.enforce_budget();
                self.settle_all();
            }
            if last_sweep.elapsed() >= POLL {
                last_sweep = Instant::now();
                self.sweep();
                self.settle_all();
            }
            self.log.flush();
        }
        self.last_write();
        for slot in 0..self.slab.conns.len() {
            self.finish(slot, Close::Stopping);
        }
        self.log.flush();
        Ok(())
    }

    fn tick(&mut self) {
        let mut cx = Self::cx(&mut self.slab, &mut self.log, self.sh);
        self.next_tick = self.proto.tick(&mut cx, Instant::now());
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
                        self.log
                            .warn(format!("accepting a client: {e}; new clients wait"));
                    }
                    return;
                }
            }
        }
    }

    fn admit(&mut self, stream: TcpStream, peer: SocketAddr) {
        let sh = self.sh;
        if sh.active.fetch_add(1, Ordering::SeqCst) >= sh.cfg.max_clients {
            sh.active.fetch_sub(1, Ordering::SeqCst);
            let mut cx = Self::cx(&mut self.slab, &mut self.log, sh);
            if let Some(bytes) = self.proto.turned_away(&mut cx, peer) {
                // A fresh socket's buffer takes this whole; if not, nothing is lost.
                let _ = stream.set_nonblocking(true);
                let _ = io::Write::write(&mut &stream, &bytes);
            }
            return;
        }
        sh.accepted.fetch_add(1, Ordering::SeqCst);
        // The worker serving the fewest gets it: the listener wakes whichever
        // worker waits first, which would pile a quiet moment's clients on one.
        let least = (0..sh.workers.len())
            .min_by_key(|&i| {
                (
                    sh.workers[i].clients.load(Ordering::SeqCst),
                    i != self.index,
                )
            })
            .unwrap_or(self.index);
        sh.workers[least].clients.fetch_add(1, Ordering::SeqCst);
        if least != self.index {
            sh.workers[least].hand(stream, peer);
        } else {
            self.register(stream, peer);
        }
    }

    fn take_handed(&mut self) {
        for (stream, peer) in self.sh.workers[self.index].take() {
            self.register(stream, peer);
        }
    }

    /// Serve a connection from now on (accepted here or handed over).
    fn register(&mut self, stream: TcpStream, peer: SocketAddr) {
        let _ = stream.set_nodelay(true);
        let fd = stream.as_raw_fd();
        let t = match &self.sh.cfg.tls {
            None => Ok(Transport::Plain(stream)),
            Some(config) => Tls::new(stream, config.clone()).map(|t| Transport::Tls(Box::new(t))),
        };
        let Ok(t) = t else {
            return self.forget();
        };
        let slot = self.slab.insert(|token| Conn::new(t, peer, token));
        let token = self.slab.conns[slot].as_ref().map_or(0, |c| c.token);
        let ok = (self.slab.conns[slot].as_ref())
            .is_some_and(|c| c.t.stream().set_nonblocking(true).is_ok())
            && self.ep.ctl(libc::EPOLL_CTL_ADD, fd, IN, token).is_ok();
        if !ok {
            self.slab.conns[slot] = None;
            self.slab.free.push(slot);
            self.forget();
            return;
        }
        let mut cx = Self::cx(&mut self.slab, &mut self.log, self.sh);
        let st = self.proto.open(&mut cx, token, peer);
        if let Some(c) = self.slab.conns[slot].as_mut() {
            c.state = Some(st);
            c.interest = IN;
        }
    }

    fn forget(&self) {
        self.sh.active.fetch_sub(1, Ordering::SeqCst);
        self.sh.workers[self.index]
            .clients
            .fetch_sub(1, Ordering::SeqCst);
    }

    /// React to readiness: send what waits, then read and answer what came.
    /// Replies go out in `settle`, after every ready connection had its turn.
    fn drive(&mut self, token: u64) {
        let slot = slot_of(token);
        let Some(mut c) = self.slab.conns.get_mut(slot).and_then(Option::take) else {
            return;
        };
        if c.token != token {
            self.slab.conns[slot] = Some(c);
            return;
        }
        self.serve(&mut c);
        self.slab.conns[slot] = Some(c);
        self.slab.ready.push(slot);
        if self.sh.over_budget() {
            self.enforce_budget(); // at once: a round may read from hundreds
        }
    }

    fn serve(&mut self, c: &mut Conn<P::State>) {
        if c.interest == 0 || c.closing.is_some() {
            // Only an error or hang-up wakes a connection watched for nothing.
            if c.interest == 0 && c.closing.is_none() {
                c.closing = Some(Close::Io("peer went away".into()));
                c.abort = true;
            }
            if let Err(e) = c.flush() {
                c.closing = Some(e);
                c.abort = true;
            }
            return;
        }
        let had = c.pending() > 0;
        if let Err(e) = c.flush() {
            c.closing = Some(e);
            c.abort = true;
            return;
        }
        if had {
            self.feed(c);
        }
        if c.pending() > self.sh.cfg.read_pause {
            return; // the client does not read: wait until it does
        }
        if !c.input.is_empty() {
            self.call(c); // input left while output was pending
        }
        let mut total = 0;
        while c.closing.is_none() && !c.eof && !c.held && total < READ_CAP {
            if c.pending() > OUT_CAP.max(self.sh.cfg.read_pause) {
                break;
            }
            if self.sh.budget.starves(c.input.len()) {
                c.starved = true;
                break;
            }
            let mut drained = false;
            match self.read(c) {
                Ok((0, _)) => c.eof = true,
                Ok((n, full)) => {
                    total += n;
                    drained = !full;
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    c.closing = Some(Close::io(&e));
                    c.abort = true;
                    break;
                }
            }
            self.call(c);
            if drained {
                break; // level-triggered epoll reports whatever comes later
            }
        }
    }

    /// One read, into the connection's buffer, or the spare when it has none.
    fn read(&mut self, c: &mut Conn<P::State>) -> io::Result<(usize, bool)> {
        if c.input.is_empty() {
            if self.spare.capacity() < SPARE {
                self.spare = Input::with_capacity(SPARE);
            }
            std::mem::swap(&mut c.input, &mut self.spare);
        }
        let max = self.sh.cfg.max_input;
        let n = c.input.read_from(&mut c.t, max.saturating_add(1));
        if n.as_ref().is_ok_and(|&(n, _)| n > 0) {
            c.last = Instant::now();
        }
        if let Transport::Tls(t) = &mut c.t {
            // The handshake finished in this read (or in the WouldBlock one).
            if let Some(ev) = t.take_handshake() {
                let line = move |out: &crate::output::Out| {
                    (!out.quiet()).then(|| out.render(&ev).ok()).flatten()
                };
                self.log.later(0, Box::new(line));
            }
        }
        n
    }

    /// Let the protocol consume what came; keep the buffer only if it must.
    fn call(&mut self, c: &mut Conn<P::State>) {
        let Some(mut st) = c.state.take() else {
            return;
        };
        let mut io = Io {
            token: c.token,
            peer: c.peer,
            input: &mut c.input,
            out: &mut c.out,
            eof: c.eof,
        };
        let mut cx = Self::cx(&mut self.slab, &mut self.log, self.sh);
        let flow = self.proto.input(&mut st, &mut io, &mut cx);
        c.state = Some(st);
        Self::steer(c, flow);
        if c.closing.is_none() && c.input.len() > self.sh.cfg.max_input {
            c.closing = Some(Close::Bad(format!(
                "more than {} bytes of one message (--max-size)",
                self.sh.cfg.max_input
            )));
        }
        if c.eof && c.closing.is_none() && !c.held {
            c.closing = Some(match c.input.is_empty() {
                true => Close::PeerClosed,
                false => Close::Bad(format!(
                    "closed in the middle of a message ({} bytes)",
                    c.input.len()
                )),
            });
        }
        self.account(c);
    }

    /// Apply a protocol's [`Flow`].
    fn steer(c: &mut Conn<P::State>, flow: Flow) {
        match flow {
            Flow::Go => {}
            Flow::Hold => c.held = true,
            Flow::Close(why) => {
                c.closing.get_or_insert(why);
            }
            Flow::Abort(why) => {
                c.closing = Some(why);
                c.abort = true;
            }
        }
    }

    /// Output went out and at most `read_pause` is left: let the protocol
    /// queue more ([`Protocol::drained`]) and send it, while it does (a few
    /// times, then the other connections' turn; the socket's readiness
    /// brings it back).
    fn feed(&mut self, c: &mut Conn<P::State>) {
        for round in 1..=FEED_ROUNDS {
            if c.abort || c.closing.is_some() || c.pending() > self.sh.cfg.read_pause {
                return;
            }
            let Some(mut st) = c.state.take() else {
                return;
            };
            let before = c.out.len();
            let mut io = Io {
                token: c.token,
                peer: c.peer,
                input: &mut c.input,
                out: &mut c.out,
                eof: c.eof,
            };
            let mut cx = Self::cx(&mut self.slab, &mut self.log, self.sh);
            let flow = self.proto.drained(&mut st, &mut io, &mut cx);
            c.state = Some(st);
            Self::steer(c, flow);
            if c.out.len() == before || round == FEED_ROUNDS {
                return; // what is left unsent brings the connection back
            }
            if let Err(e) = c.flush() {
                c.closing = Some(e);
                c.abort = true;
                return;
            }
        }
    }

    /// Give an empty buffer back to the spare; count what is held.
    fn account(&mut self, c: &mut Conn<P::State>) {
        if c.input.is_empty() {
            c.started = None;
            if c.input.capacity() > 0 {
                let buf = std::mem::take(&mut c.input);
                if buf.capacity() <= 4 * SPARE {
                    self.spare = buf;
                }
            }
        } else {
            c.started.get_or_insert(c.last);
        }
        let now = c.input.capacity();
        if now != c.counted {
            self.sh.budget.account(c.counted, now);
            c.counted = now;
        }
    }

    fn settle_all(&mut self) {
        while let Some(slot) = self.slab.ready.pop() {
            self.settle(slot);
        }
    }

    /// Send a connection's replies; close it when done, else set its interest.
    fn settle(&mut self, slot: usize) {
        let Some(mut taken) = self.slab.conns.get_mut(slot).and_then(Option::take) else {
            return;
        };
        if !taken.abort {
            let had = taken.pending() > 0;
            if let Err(e) = taken.flush() {
                taken.closing = Some(e);
                taken.abort = true;
            } else if had {
                self.feed(&mut taken);
            }
        }
        self.slab.conns[slot] = Some(taken);
        let Some(c) = self.slab.conns[slot].as_mut() else {
            return;
        };
        if c.closing.is_some() && (c.abort || c.pending() == 0) {
            let why = c.closing.take().unwrap_or(Close::PeerClosed);
            return self.finish(slot, why);
        }
        if c.starved && !self.sh.budget.starves(c.input.len()) {
            c.starved = false;
        }
        let reading = c.closing.is_none()
            && !c.eof
            && !c.held
            && !c.starved
            && c.pending() <= self.sh.cfg.read_pause;
        if reading && c.t.buffered() {
            self.again.push(c.token);
        }
        let want = if c.pending() > 0 { OUT } else { 0 } | if reading { IN } else { 0 };
        if want != c.interest {
            c.interest = want;
            let (fd, token) = (c.t.fd(), c.token);
            if self.ep.ctl(libc::EPOLL_CTL_MOD, fd, want, token).is_err() {
                self.finish(slot, Close::Io("epoll_ctl failed".into()));
            }
        }
    }

    /// Idle and stalled connections; the budget's oldest stalled partial input;
    /// starved connections to wake when the budget allows again.
    fn sweep(&mut self) {
        let cfg = &self.sh.cfg;
        for slot in 0..self.slab.conns.len() {
            let Some(c) = self.slab.conns[slot].as_mut() else {
                continue;
            };
            if c.held {
                continue;
            }
            let quiet = c.last.elapsed();
            let partial = c.started.map(|t| t.elapsed());
            let handshake = match &c.t {
                Transport::Tls(t) if t.is_handshaking() => Some(t.accepted.elapsed()),
                _ => None,
            };
            let limit = (cfg.request.or(cfg.stall).or(cfg.idle)).unwrap_or(HANDSHAKE);
            let why = match (partial, cfg.stall, cfg.idle, cfg.request) {
                _ if handshake.is_some_and(|h| h >= limit) => Some(Close::Tls(format!(
                    "the TLS handshake did not finish within {limit:?}"
                ))),
                (Some(_), Some(s), _, _) if quiet >= s => Some(Close::Stalled(s)),
                (_, _, Some(i), _) if quiet >= i => Some(Close::Idle(i)),
                (Some(p), _, _, Some(r)) if p >= r => Some(Close::Stalled(r)),
                _ => None,
            };
            if let Some(why) = why {
                c.closing = Some(why);
                c.abort = true;
                self.slab.ready.push(slot);
            } else if c.starved && !self.sh.budget.starves(c.input.len()) {
                self.slab.ready.push(slot);
            }
        }
    }

    /// At the budget: the largest partial inputs are not read (`starved`,
    /// see `serve`); this worker's stalled ones are closed, quiet longest
    /// first, until the server is under the budget again (past the hard limit,
    /// any partial input, quiet longest first), each with a logged reason.
    fn enforce_budget(&mut self) {
        let holders = (self.slab.conns.iter().enumerate())
            .filter_map(|(slot, c)| {
                let c = c.as_ref()?;
                (c.started.is_some() && c.closing.is_none() && !c.held)
                    .then_some(Holder { slot, last: c.last })
            })
            .collect();
        let b = &self.sh.budget;
        for slot in budget::victims(holders, Instant::now(), b.hard()) {
            if !b.over() {
                break;
            }
            self.finish(slot, Close::OverBudget(b.held()));
        }
    }

    /// Output queued at the stop goes out within [`LAST_WRITE`], never blocking.
    fn last_write(&mut self) {
        let deadline = Instant::now() + LAST_WRITE;
        let mut events = vec![libc::epoll_event { events: 0, u64: 0 }; 64];
        loop {
            let mut waiting = false;
            for c in self.slab.conns.iter_mut().flatten() {
                if c.pending() > 0 && !c.abort {
                    if c.flush().is_err() {
                        c.abort = true;
                    }
                    waiting |= c.pending() > 0 && !c.abort;
                }
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if !waiting || left.is_zero() {
                return;
            }
            let _ = self
                .ep
                .wait(&mut events, left.min(Duration::from_millis(10)));
        }
    }

    /// Deregister, close, tell the protocol why.
    fn finish(&mut self, slot: usize, why: Close) {
        let Some(mut c) = self.slab.conns.get_mut(slot).and_then(Option::take) else {
            return;
        };
        let _ = self.ep.ctl(libc::EPOLL_CTL_DEL, c.t.fd(), 0, 0);
        c.t.shutdown();
        self.sh.budget.account(c.counted, 0);
        self.slab.free.push(slot);
        self.forget();
        if let Some(st) = c.state.take() {
            let mut cx = Self::cx(&mut self.slab, &mut self.log, self.sh);
            self.proto.closed(st, c.peer, &why, &mut cx);
        }
    }
}
