//! The message-level client behind `dns lookup`: one query over UDP (a truncated
//! answer asked again over TCP unless `--no-tcp-fallback`) or TCP, a zone
//! transfer (AXFR, `IXFR=serial`) streamed message by message, and a batch of
//! queries run by a bounded pool of threads with the results handed back in
//! input order (UDP batches: `pipeline.rs`). DoT and DoH go through `secure.rs`.
//!
//! No resolver logic: no CNAME chasing, no search list, no cache. What the
//! server sent is what the caller gets ([`Reply`]), or an [`Outcome`] saying why
//! nothing usable came.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Instant;

use hickory_proto::op::{Message, ResponseCode};
use hickory_proto::rr::{Name, RData, RecordType};

use super::message::{self, check_reply, QueryOpts};
use super::present::Reply;
use super::query::{Outcome, Status, Via};
use super::secure::{Carrier, Secure};
use super::wire::{Transport, WireError};
use crate::net::stream::Stream;

/// RFC 7873's extended rcode for a missing or wrong server cookie.
const BADCOOKIE: u16 = 23;

/// How to ask.
#[derive(Debug, Clone)]
pub struct Client {
    pub transport: Transport,
    pub opts: QueryOpts,
    pub tcp: bool,
    pub tcp_fallback: bool,
    /// `--tls` / `--https`: DoT or DoH instead of UDP/TCP.
    pub secure: Option<Secure>,
}

/// A reply's bytes and how they came.
pub(super) struct Got {
    pub msg: Message,
    pub raw: Vec<u8>,
    pub protocol: &'static str,
    pub tc_retried: bool,
    pub carrier: Option<Arc<Carrier>>,
}

/// One (name, type) and what came of it.
#[derive(Debug, Clone)]
pub struct Asked {
    pub outcome: Outcome,
    pub reply: Option<Reply>,
}

fn now_rfc3339() -> String {
    crate::output::timestamp_rfc3339()
}

impl Client {
    /// Where queries go, for messages and summaries.
    pub fn via(&self) -> Via {
        let (server, protocol) = match &self.secure {
            Some(s) => (s.server(self.transport.server), s.protocol()),
            None if self.tcp => (self.transport.server.to_string(), "tcp"),
            None => (self.transport.server.to_string(), "udp"),
        };
        Via {
            server,
            protocol,
            timeout: self.transport.timeout,
            retries: self.transport.retries as usize,
        }
    }

    /// Ask once (twice when the server answers BADCOOKIE with its cookie); never
    /// fails, the outcome says what happened.
    pub fn ask(&self, asked: &str, name: &Name, qtype: RecordType) -> Asked {
        let first = self.ask_once(asked, name, qtype);
        let bad_cookie = first.reply.as_ref().filter(|r| r.rcode() == BADCOOKIE);
        match bad_cookie.and_then(|r| message::reply_cookie(&r.msg)) {
            Some(cookie) if self.opts.edns.as_ref().is_some_and(|e| e.cookie.is_some()) => {
                let mut again = self.clone();
                if let Some(e) = again.opts.edns.as_mut() {
                    e.cookie = Some(cookie);
                }
                again.ask_once(asked, name, qtype)
            }
            _ => first,
        }
    }

    fn ask_once(&self, asked: &str, name: &Name, qtype: RecordType) -> Asked {
        let start = Instant::now();
        let query = message::build(name, qtype, &self.opts);
        let got = self.exchange(&query);
        self.asked(asked, qtype, start.elapsed(), got)
    }

    /// What an exchange came to: the reply with its status, or why there is none.
    pub(super) fn asked(
        &self,
        asked: &str,
        qtype: RecordType,
        elapsed: std::time::Duration,
        got: Result<Got, WireError>,
    ) -> Asked {
        let outcome = |records, status| Outcome {
            name: asked.to_string(),
            qtype,
            records,
            status,
            elapsed,
        };
        match got {
            Ok(g) => {
                let status = status_of(&g.msg, qtype);
                let mut reply = self.reply(asked, &g.raw, g.msg, elapsed, g.protocol, g.tc_retried);
                reply.carrier = g.carrier;
                Asked {
                    outcome: outcome(reply.msg.answers.clone(), status),
                    reply: Some(reply),
                }
            }
            Err(e) => Asked {
                outcome: outcome(vec![], wire_status(e)),
                reply: None,
            },
        }
    }

    /// A reply as it came.
    fn reply(
        &self,
        asked: &str,
        raw: &[u8],
        msg: Message,
        elapsed: std::time::Duration,
        protocol: &'static str,
        tc_retried: bool,
    ) -> Reply {
        Reply {
            asked: asked.to_string(),
            counts: message::counts(raw),
            size: raw.len(),
            elapsed,
            server: self.transport.server,
            protocol,
            tc_retried,
            when: now_rfc3339(),
            msg,
            carrier: None,
        }
    }

    /// The reply message, its bytes, the protocol that carried it, and whether a
    /// TC answer was retried over TCP.
    fn exchange(&self, query: &Message) -> Result<Got, WireError> {
        let bytes = query.to_vec().map_err(|e| {
            WireError::Io(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                e.to_string(),
            ))
        })?;
        let parsed = std::cell::RefCell::new(None);
        let accept = |raw: &[u8]| {
            *parsed.borrow_mut() = Some(check_reply(raw, query)?);
            Ok(())
        };
        let got = |raw, protocol, tc_retried, carrier| -> Result<Got, WireError> {
            let msg = parsed.take().ok_or(WireError::Interrupted)?;
            Ok(Got {
                msg,
                raw,
                protocol,
                tc_retried,
                carrier,
            })
        };
        match &self.secure {
            Some(Secure::Dot(d)) => {
                let (raw, c) = d.exchange(&self.transport, &bytes, accept)?;
                return got(raw, "TLS", false, Some(c));
            }
            Some(Secure::Doh(d)) => {
                let (raw, c) = d.exchange(&self.transport, &bytes, accept)?;
                let p = if d.target.https { "HTTPS" } else { "HTTP" };
                return got(raw, p, false, Some(c));
            }
            None => {}
        }
        if !self.tcp {
            let raw = self.transport.udp(&bytes, accept)?;
            let g = got(raw, "UDP", false, None)?;
            if !(g.msg.metadata.truncation && self.tcp_fallback) {
                return Ok(g);
            }
        }
        let mut g = self.exchange_tcp(query, &bytes)?;
        g.tc_retried = !self.tcp;
        Ok(g)
    }

    /// The query (and its bytes) over TCP: `--tcp`, or a truncated UDP answer
    /// asked again (which is what `tc_retried` says until the caller knows).
    pub(super) fn exchange_tcp(&self, query: &Message, bytes: &[u8]) -> Result<Got, WireError> {
        let mut parsed = None;
        let raw = self.transport.tcp(bytes, |raw: &[u8]| {
            parsed = Some(check_reply(raw, query)?);
            Ok(())
        })?;
        let msg = parsed.take().ok_or(WireError::Interrupted)?;
        Ok(Got {
            msg,
            raw,
            protocol: "TCP",
            tc_retried: true,
            carrier: None,
        })
    }

    /// A connection for a zone transfer: TCP, or TLS with `--tls`.
    fn transfer_stream(&self) -> Result<(Stream, Option<Arc<Carrier>>, &'static str), WireError> {
        match &self.secure {
            Some(Secure::Dot(d)) => {
                let (s, c) = d.connect(&self.transport)?;
                Ok((Stream::Tls(Box::new(s)), Some(c), "TLS"))
            }
            _ => Ok((Stream::Plain(self.transport.connect()?), None, "TCP")),
        }
    }

    /// A zone transfer over TCP: every message goes to `each` as it arrives.
    /// Ends after the closing SOA (RFC 5936 §2.2; RFC 1995 §4 for IXFR).
    pub fn transfer(
        &self,
        asked: &str,
        name: &Name,
        qtype: RecordType,
        mut each: impl FnMut(&Reply) -> anyhow::Result<()>,
    ) -> anyhow::Result<Outcome> {
        let start = Instant::now();
        let query = message::build(name, qtype, &self.opts);
        let bytes = query.to_vec()?;
        let fail = |status| Outcome {
            name: asked.to_string(),
            qtype,
            records: vec![],
            status,
            elapsed: start.elapsed(),
        };
        let (mut s, carrier, protocol) = match self.transfer_stream() {
            Ok(s) => s,
            Err(e) => return Ok(fail(wire_status(e))),
        };
        super::wire::write_framed(&mut s, &bytes)?;
        let mut progress = Transfer::default();
        let last = loop {
            let raw = match self.transport.read_framed(&mut s) {
                Ok(r) => r,
                Err(e) => return Ok(fail(wire_status(e))),
            };
            // Later messages of a transfer may leave the question out.
            let msg = match check_reply(&raw, &query).or_else(|why| {
                if progress.first_serial.is_some() {
                    Message::from_vec(&raw).map_err(|e| format!("malformed reply: {e}"))
                } else {
                    Err(why)
                }
            }) {
                Ok(m) => m,
                Err(why) => return Ok(fail(Status::Failed(why))),
            };
            let mut reply = self.reply(asked, &raw, msg, start.elapsed(), protocol, false);
            reply.carrier = carrier.clone();
            each(&reply)?;
            if let Some(status) = progress.step(&reply.msg, qtype) {
                break status;
            }
        };
        Ok(Outcome {
            records: vec![],
            status: last,
            elapsed: start.elapsed(),
            ..fail(Status::NoError)
        })
    }
}

/// How far a zone transfer got.
#[derive(Default)]
struct Transfer {
    first_serial: Option<u32>,
    records: usize,
}

impl Transfer {
    /// Count one message; `Some(status)` when the transfer is over.
    fn step(&mut self, m: &Message, qtype: RecordType) -> Option<Status> {
        if m.metadata.response_code != ResponseCode::NoError {
            return Some(status_of(m, qtype));
        }
        self.records += m.answers.len();
        let serial = |r: &hickory_proto::rr::Record| match &r.data {
            RData::SOA(soa) => Some(soa.serial),
            _ => None,
        };
        if self.first_serial.is_none() {
            self.first_serial = m.answers.first().and_then(serial);
            if self.first_serial.is_none() {
                return Some(Status::Failed(
                    "the transfer did not start with an SOA".into(),
                ));
            }
        }
        let closing = m.answers.last().and_then(serial);
        let up_to_date = self.records == 1 && qtype == RecordType::IXFR;
        let closed = self.records > 1 && closing == self.first_serial;
        (m.answers.is_empty() || up_to_date || closed).then_some(Status::NoError)
    }
}

/// What a response means for the exit code.
pub fn status_of(m: &Message, qtype: RecordType) -> Status {
    match m.metadata.response_code {
        ResponseCode::NXDomain => Status::NxDomain,
        ResponseCode::NoError if m.answers.is_empty() && qtype != RecordType::ANY => Status::NoData,
        ResponseCode::NoError => Status::NoError,
        other => Status::Rcode(other),
    }
}

fn wire_status(e: WireError) -> Status {
    match e {
        WireError::Timeout { ignored } if ignored.is_empty() => Status::Timeout,
        WireError::Interrupted => Status::Interrupted,
        WireError::Classified(f) if f.kind == crate::exit::Kind::Interrupted => Status::Interrupted,
        WireError::Classified(f) => Status::Broken(Box::new(f)),
        other => Status::Failed(other.to_string()),
    }
}

/// Run `work` over `items` on `concurrency` threads and hand each result to
/// `done` in input order (results that finish early wait in a reorder buffer).
/// After `stop`, no new item is started.
pub fn in_order<T: Sync, R: Send>(
    items: &[T],
    concurrency: usize,
    stop: &crate::signal::Stop,
    work: impl Fn(&T) -> R + Sync,
    mut done: impl FnMut(usize, R) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    if concurrency <= 1 || items.len() <= 1 {
        // One at a time: on this thread (a thread of its own costs a one-shot
        // query about a tenth of its run time).
        for (i, item) in items.iter().enumerate() {
            if stop.is_stopped() {
                break;
            }
            done(i, work(item))?;
        }
        return Ok(());
    }
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<(usize, R)>(concurrency.max(1) * 2);
    std::thread::scope(|scope| {
        for _ in 0..concurrency.clamp(1, items.len().max(1)) {
            let tx = tx.clone();
            let (next, work) = (&next, &work);
            scope.spawn(move || loop {
                if stop.is_stopped() {
                    break;
                }
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                if tx.send((i, work(item))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut waiting = BTreeMap::new();
        let mut want = 0;
        let mut result = Ok(());
        for (i, r) in rx {
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&want) {
                want += 1;
                if result.is_ok() {
                    result = done(want - 1, r);
                }
                if result.is_err() {
                    // Stop handing out work; the workers finish what they hold.
                    next.store(items.len(), Ordering::Relaxed);
                }
            }
        }
        result
    })
}
