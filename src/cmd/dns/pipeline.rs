//! Batches over UDP on one thread: up to `window` queries in flight on one
//! socket, each reply matched to its query by ID and question
//! ([`message::check_reply`]), lost ones sent again after `--timeout` up to
//! `--retries` times, and every result handed on in input order.
//!
//! This is how the fast DNS batch tools work (one socket, many queries in flight):
//! a thread per query in flight spends more time switching than asking. It
//! covers plain UDP queries only; TCP, `--id` (one ID for every query), cookies
//! (a BADCOOKIE answer is asked again) and the transfers go through
//! [`client::in_order`] instead ([`usable`] says which). A truncated answer is
//! asked again over TCP on the spot, as [`Client::ask`] does.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::io;
use std::net::UdpSocket;
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

use hickory_proto::op::Message;
use hickory_proto::rr::{Name, RecordType};

use super::client::{Asked, Client, Got};
use super::message;
use super::wire::{self, WireError};
use crate::rng::Rng;
use crate::signal;

/// Replies kept per query to explain a timeout (wrong question, garbage...).
const IGNORED_KEPT: usize = 4;

/// One question of the batch: the name as the user wrote it, on the wire, and the type.
pub type Question<'a> = (&'a str, &'a Name, RecordType);

/// Whether this client's batches can run here (plain UDP: not TCP, TLS or HTTPS; random IDs; no cookie).
pub fn usable(client: &Client) -> bool {
    !client.tcp
        && client.secure.is_none()
        && client.opts.id.is_none()
        && client.opts.edns.as_ref().is_none_or(|e| e.cookie.is_none())
}

/// A query on its way.
struct Flight {
    index: usize,
    query: Message,
    bytes: Vec<u8>,
    first_sent: Instant,
    sends: u32,
    ignored: Vec<String>,
}

/// Ask every question with at most `window` in flight; `done(k, asked)` sees
/// them in input order. After Ctrl-C nothing new is sent and what is in flight
/// is handed on as interrupted.
pub fn run<'a>(
    client: &Client,
    questions: &[Question<'a>],
    window: usize,
    mut done: impl FnMut(usize, Asked) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let t = &client.transport;
    let sock = UdpSocket::bind(wire::local_for(t.server))?;
    sock.connect(t.server)?;
    sock.set_nonblocking(true)?;
    let mut b = Batch {
        client,
        questions,
        sock,
        window: window.max(1),
        rng: Rng::new(u64::from_be_bytes(message::random_bytes())),
        flights: HashMap::with_capacity(window),
        deadlines: VecDeque::with_capacity(window),
        ready: BTreeMap::new(),
        next: 0,
        want: 0,
        refused: false,
    };
    let mut buf = vec![0u8; wire::MAX_MESSAGE];
    while b.want < questions.len() {
        if t.stop.is_stopped() {
            b.interrupt();
            return b.flush(&mut done);
        }
        b.send_more()?;
        b.flush(&mut done)?;
        if b.want >= questions.len() {
            break;
        }
        let wait = b.next_wait();
        if !b.flights.is_empty() && crate::net::wait_readable(b.sock.as_raw_fd(), wait)? {
            b.receive(&mut buf)?;
        }
        b.expire()?;
        b.flush(&mut done)?;
    }
    Ok(())
}

struct Batch<'c, 'q, 'a> {
    client: &'c Client,
    questions: &'q [Question<'a>],
    sock: UdpSocket,
    window: usize,
    rng: Rng,
    /// In flight, by message ID.
    flights: HashMap<u16, Flight>,
    /// (deadline, ID, sends at the time): in deadline order, since every try
    /// waits the same `--timeout`; stale entries are skipped.
    deadlines: VecDeque<(Instant, u16, u32)>,
    /// Finished, waiting for the ones before them.
    ready: BTreeMap<usize, Asked>,
    next: usize,
    want: usize,
    /// The server's port is closed (ICMP port unreachable).
    refused: bool,
}

impl Batch<'_, '_, '_> {
    /// Send new queries until the window is full.
    fn send_more(&mut self) -> anyhow::Result<()> {
        while self.flights.len() < self.window && self.next < self.questions.len() {
            let index = self.next;
            if self.refused {
                self.next += 1;
                self.finish_err(index, Instant::now(), self.refused_error());
                continue;
            }
            let (_, name, qtype) = self.questions[index];
            let id = self.free_id();
            let mut query = message::build(name, qtype, &self.client.opts);
            query.metadata.id = id;
            let bytes = query.to_vec()?;
            let now = Instant::now();
            match self.sock.send(&bytes) {
                Ok(_) => {}
                // The socket's send buffer is full: try again after the next wait.
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(()),
                Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
                    self.refuse_all();
                    continue;
                }
                Err(e) => return Err(e.into()),
            }
            self.next += 1;
            self.deadlines
                .push_back((now + self.client.transport.timeout, id, 1));
            let flight = Flight {
                index,
                query,
                bytes,
                first_sent: now,
                sends: 1,
                ignored: Vec::new(),
            };
            self.flights.insert(id, flight);
        }
        Ok(())
    }

    /// A random ID no query in flight has.
    fn free_id(&mut self) -> u16 {
        loop {
            let id = self.rng.next_u64() as u16;
            if !self.flights.contains_key(&id) {
                return id;
            }
        }
    }

    /// Until the first deadline, at most one `POLL` (Ctrl-C is checked between).
    fn next_wait(&self) -> Duration {
        let now = Instant::now();
        self.deadlines
            .front()
            .map_or(signal::POLL, |(d, _, _)| d.saturating_duration_since(now))
            .min(signal::POLL)
    }

    /// Every datagram waiting on the socket.
    fn receive(&mut self, buf: &mut [u8]) -> anyhow::Result<()> {
        loop {
            let n = match self.sock.recv(buf) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(()),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
                    self.refuse_all();
                    return Ok(());
                }
                Err(e) => return Err(e.into()),
            };
            self.answer(&buf[..n]);
        }
    }

    /// One datagram: the reply to a query in flight, or noted as ignored.
    fn answer(&mut self, raw: &[u8]) {
        let Some(id) = raw.get(..2).map(|b| u16::from_be_bytes([b[0], b[1]])) else {
            return;
        };
        let Entry::Occupied(mut flight) = self.flights.entry(id) else {
            // A late reply to a query already answered or given up on.
            return;
        };
        let msg = match message::check_reply(raw, &flight.get().query) {
            Ok(m) => m,
            Err(why) => {
                let ignored = &mut flight.get_mut().ignored;
                if ignored.len() < IGNORED_KEPT {
                    ignored.push(why);
                }
                return;
            }
        };
        let f = flight.remove();
        let (asked, _, qtype) = self.questions[f.index];
        let got = if msg.metadata.truncation && self.client.tcp_fallback {
            // Rare, and TCP needs its own connection: asked on the spot.
            self.client.exchange_tcp(&f.query, &f.bytes)
        } else {
            Ok(Got {
                msg,
                raw: raw.to_vec(),
                protocol: "UDP",
                tc_retried: false,
                carrier: None,
            })
        };
        let a = self.client.asked(asked, qtype, f.first_sent.elapsed(), got);
        self.ready.insert(f.index, a);
    }

    /// Queries past their deadline: sent again, or given up on after `--retries`.
    fn expire(&mut self) -> anyhow::Result<()> {
        let now = Instant::now();
        let timeout = self.client.transport.timeout;
        while let Some(&(deadline, id, sends)) = self.deadlines.front() {
            if deadline > now {
                break;
            }
            self.deadlines.pop_front();
            let Some(f) = self.flights.get_mut(&id) else {
                continue;
            };
            if f.sends != sends {
                continue;
            }
            if f.sends <= self.client.transport.retries {
                match self.sock.send(&f.bytes) {
                    Ok(_) => {}
                    Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
                        self.refuse_all();
                        return Ok(());
                    }
                    // A full send buffer counts as a lost datagram: the next try resends.
                    Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                    Err(e) => return Err(e.into()),
                }
                f.sends += 1;
                self.deadlines.push_back((now + timeout, id, f.sends));
                continue;
            }
            if let Some(f) = self.flights.remove(&id) {
                let e = WireError::Timeout { ignored: f.ignored };
                self.finish_err(f.index, f.first_sent, e);
            }
        }
        Ok(())
    }

    fn refused_error(&self) -> WireError {
        WireError::Refused(self.client.transport.server)
    }

    /// Nothing listens on the server's port: every query in flight, and every
    /// one not yet sent, fails as refused (each would, one by one).
    fn refuse_all(&mut self) {
        self.refused = true;
        for (_, f) in std::mem::take(&mut self.flights) {
            self.finish_err(f.index, f.first_sent, self.refused_error());
        }
        self.deadlines.clear();
    }

    /// Ctrl-C: what is in flight ends as interrupted.
    fn interrupt(&mut self) {
        for (_, f) in std::mem::take(&mut self.flights) {
            self.finish_err(f.index, f.first_sent, WireError::Interrupted);
        }
        self.deadlines.clear();
    }

    fn finish_err(&mut self, index: usize, since: Instant, e: WireError) {
        let (asked, _, qtype) = self.questions[index];
        let a = self.client.asked(asked, qtype, since.elapsed(), Err(e));
        self.ready.insert(index, a);
    }

    /// Hand on the finished results that are next in input order.
    fn flush(
        &mut self,
        done: &mut impl FnMut(usize, Asked) -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        while let Some(a) = self.ready.remove(&self.want) {
            done(self.want, a)?;
            self.want += 1;
        }
        Ok(())
    }
}
