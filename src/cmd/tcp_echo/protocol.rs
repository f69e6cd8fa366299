//! The TCP echo server as an engine protocol (`net::serve`): frame what came
//! (raw, line, length), answer each message with itself or `--reply`, count,
//! and log. `--delay` replies wait in this worker's queue, in order per
//! connection, and go out through the engine when due; a peer that closed
//! with replies still queued is held open until they are out. Reading,
//! writing, limits and closing are the engine's; the summary is `server`'s.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::time::{Instant, SystemTime};

use super::server::{closed, message_event, opened, Shared};
use crate::cmd::echo_stats::Rng;
use crate::net::serve::{Close, Cx, Flow, Io, Protocol};
use crate::output::Render;
use crate::proto::framing::{self, FrameError, Framing};

/// One worker's echo protocol.
pub struct Echo<'a> {
    sh: &'a Shared,
    delayed: BinaryHeap<Reverse<Delayed>>,
    /// Delayed replies still queued per connection, and why to close it once
    /// they are out (set when it ended meanwhile).
    waiting: HashMap<u64, (usize, Option<Close>)>,
    order: u64,
    seed: Option<u64>,
    quiet: bool,
}

/// One connection's state.
pub struct Conn {
    token: u64,
    peer: SocketAddr,
    messages: u64,
    rng: Rng,
    last_due: Instant,
}

impl<'a> Echo<'a> {
    pub fn new(sh: &'a Shared, index: usize) -> Echo<'a> {
        Echo {
            sh,
            delayed: BinaryHeap::new(),
            waiting: HashMap::new(),
            order: 0,
            seed: (sh.args.seed).map(|s| s.wrapping_mul(1000).wrapping_add(index as u64)),
            quiet: sh.ctx.out.quiet(),
        }
    }

    fn log(&self, cx: &mut Cx<'_>, ev: &impl Render) {
        if let Ok(line) = self.sh.ctx.out.render(ev) {
            cx.log(line);
        }
    }

    /// Count one message and queue its reply. `false`: `--count` was reached.
    fn answer(&mut self, st: &mut Conn, out: &mut Vec<u8>, data: &[u8], cx: &mut Cx<'_>) -> bool {
        let sh = self.sh;
        let n = sh.messages.fetch_add(1, Ordering::SeqCst) + 1;
        if sh.args.count.is_some_and(|c| n > c) {
            return false;
        }
        sh.bytes.fetch_add(data.len() as u64, Ordering::Relaxed);
        st.messages += 1;
        let reply = sh.args.reply.as_deref().map(str::as_bytes).unwrap_or(data);
        match &sh.args.delay {
            None => {
                let _ = framing::encode(sh.args.framing, reply, out);
            }
            Some(d) => {
                let mut framed = Vec::new();
                let _ = framing::encode(sh.args.framing, reply, &mut framed);
                let due = (Instant::now() + d.sample(&mut st.rng)).max(st.last_due);
                st.last_due = due;
                self.order += 1;
                self.waiting.entry(st.token).or_default().0 += 1;
                self.delayed.push(Reverse(Delayed {
                    due,
                    order: self.order,
                    token: st.token,
                    data: framed,
                }));
            }
        }
        if !self.quiet {
            // Rendered on the logger thread: here only the payload is copied.
            let (at, peer, data) = (SystemTime::now(), st.peer, data.to_vec());
            cx.log_later(
                data.len(),
                Box::new(move |out| out.render(&message_event(at, peer, &data)).ok()),
            );
        }
        if sh.args.count.is_some_and(|c| n >= c) {
            cx.stop_server();
            return false;
        }
        true
    }

    /// The next whole message in `io.input`: `(start, len, used)`.
    fn next(&self, io: &mut Io<'_>) -> Result<Option<(usize, usize, usize)>, FrameError> {
        let max = self.sh.args.max_size as usize;
        let data = io.input.data();
        match self.sh.args.framing {
            Framing::Raw if data.is_empty() => Ok(None),
            Framing::Raw => Ok(Some((0, data.len().min(max), data.len().min(max)))),
            Framing::Line => {
                // Only the bytes not searched before: a long line is scanned once.
                let from = io.input.scanned();
                match data[from..].iter().position(|&b| b == b'\n') {
                    Some(i) if from + i > max => Err(FrameError::LineTooLong { max }),
                    Some(i) => Ok(Some((0, from + i, from + i + 1))),
                    None if data.len() > max => Err(FrameError::LineTooLong { max }),
                    None => {
                        let len = data.len();
                        io.input.set_scanned(len);
                        Ok(None)
                    }
                }
            }
            Framing::Length => match framing::decode(Framing::Length, data, max)? {
                Some(f) => Ok(Some((framing::HEADER, f.payload.len(), f.consumed))),
                None if data.len() >= framing::HEADER => {
                    let stated = u32::from_be_bytes([data[0], data[1], data[2], data[3]]);
                    io.input.expect(framing::HEADER + stated as usize);
                    Ok(None)
                }
                None => Ok(None),
            },
        }
    }

    /// How a connection that ended its input ends (held while replies wait).
    fn end(&mut self, token: u64, why: Close) -> Flow {
        match self.waiting.get_mut(&token) {
            Some(w) if w.0 > 0 => {
                w.1 = Some(why);
                Flow::Hold
            }
            _ => Flow::Close(why),
        }
    }
}

impl Protocol for Echo<'_> {
    type State = Conn;

    fn open(&mut self, cx: &mut Cx<'_>, token: u64, peer: SocketAddr) -> Conn {
        self.sh.peers.fetch_add(1, Ordering::SeqCst);
        if !self.quiet {
            self.log(cx, &opened(peer));
        }
        let rng = (self.seed)
            .map(|s| Rng::new(s ^ token))
            .unwrap_or_else(Rng::from_clock);
        Conn {
            token,
            peer,
            messages: 0,
            rng,
            last_due: Instant::now(),
        }
    }

    fn input(&mut self, st: &mut Conn, io: &mut Io<'_>, cx: &mut Cx<'_>) -> Flow {
        loop {
            let (start, len, used) = match self.next(io) {
                Ok(Some(x)) => x,
                Ok(None) => break,
                Err(e) => return Flow::Close(Close::Bad(e.to_string())),
            };
            let data = &io.input.data()[start..start + len];
            let more = self.answer(st, io.out, data, cx);
            io.input.consume(used);
            if !more {
                return self.end(io.token, Close::Done("--count reached".into()));
            }
        }
        if !io.eof {
            return Flow::Go;
        }
        // A last line without its newline is still a line (as Python's readline
        // and `read` in a shell see it). A cut length-prefixed frame is not.
        let rest = io.input.len();
        if rest > 0 && self.sh.args.framing == Framing::Line {
            let more = self.answer(st, io.out, io.input.data(), cx);
            io.input.consume(rest);
            if !more {
                return self.end(io.token, Close::Done("--count reached".into()));
            }
        } else if rest > 0 {
            io.input.consume(rest);
            let why = format!("closed in the middle of a frame ({rest} bytes)");
            return self.end(io.token, Close::Bad(why));
        }
        self.end(io.token, Close::PeerClosed)
    }

    fn closed(&mut self, st: Conn, peer: SocketAddr, why: &Close, cx: &mut Cx<'_>) {
        self.waiting.remove(&st.token);
        let trouble = why.is_trouble();
        if trouble {
            self.sh.refused.fetch_add(1, Ordering::SeqCst);
        }
        if trouble || !self.quiet {
            self.log(cx, &closed(peer, why.to_string(), st.messages));
        }
    }

    fn turned_away(&mut self, cx: &mut Cx<'_>, peer: SocketAddr) -> Option<Vec<u8>> {
        let sh = self.sh;
        sh.peers.fetch_add(1, Ordering::SeqCst);
        sh.refused.fetch_add(1, Ordering::SeqCst);
        let why = format!("over --max-clients {}", sh.args.max_clients);
        self.log(cx, &closed(peer, why, 0));
        None
    }

    fn tick(&mut self, cx: &mut Cx<'_>, now: Instant) -> Option<Instant> {
        while self.delayed.peek().is_some_and(|d| d.0.due <= now) {
            let Some(Reverse(d)) = self.delayed.pop() else {
                break;
            };
            let _ = cx.send_to(d.token, &d.data, None);
            if let Some(w) = self.waiting.get_mut(&d.token) {
                w.0 = w.0.saturating_sub(1);
                if w.0 == 0 {
                    if let Some(why) = w.1.take() {
                        cx.close(d.token, why);
                    }
                    self.waiting.remove(&d.token);
                }
            }
        }
        self.delayed.peek().map(|d| d.0.due)
    }
}

/// A reply waiting for `--delay` (ordered by due time, then arrival).
struct Delayed {
    due: Instant,
    order: u64,
    token: u64,
    data: Vec<u8>,
}

impl PartialEq for Delayed {
    fn eq(&self, o: &Self) -> bool {
        (self.due, self.order) == (o.due, o.order)
    }
}
impl Eq for Delayed {}
impl PartialOrd for Delayed {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Delayed {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        (self.due, self.order).cmp(&(o.due, o.order))
    }
}
