//! `udp-echo send`: ping for UDP echo servers. Probes go out every `--interval`
//! without waiting for replies (as ping does); each has `--timeout` to be answered.
//! With sequence numbers (`#N ` before the payload) a reply is matched to its probe,
//! so duplicates, late replies (after their probe was declared lost) and reordered
//! replies are counted apart. A reply without a number (the seed's fixed-reply
//! server) answers the oldest probe still waiting.
//!
//! The socket is `connect`ed to the target: the kernel then only delivers that
//! peer's datagrams, and an ICMP "port unreachable" for an earlier datagram surfaces
//! as `ECONNREFUSED` on the next call — the only way UDP ever says "nobody is
//! listening" (exit 3). It does not retransmit: a lost probe is counted, not retried.

use std::io::{self, BufRead};
use std::net::{SocketAddr, UdpSocket};
use std::os::fd::AsRawFd;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use serde::Serialize;

use super::{SendArgs, SeqMode, REPLY_TIMEOUT};
use crate::cmd::echo_stats::{sized, wait_readable, ClientSummary, Rtts};
use crate::cmd::Ctx;
use crate::exit::{self, Code};
use crate::net;
use crate::output::{self, escape, Palette, Payload, Render};

/// Resolve the target and open a UDP socket connected to it (the OS picks the
/// local port, as the seed's client does).
pub fn connect_udp(target: &str) -> anyhow::Result<(UdpSocket, SocketAddr)> {
    let hp = net::parse_endpoint(target, Some(net::DEFAULT_PORT))?;
    let addr = net::resolve(&hp)?[0];
    let local: SocketAddr = if addr.is_ipv4() {
        "0.0.0.0:0".parse()?
    } else {
        "[::]:0".parse()?
    };
    let sock = UdpSocket::bind(local)?;
    sock.connect(addr)
        .map_err(|e| anyhow::Error::new(e).context(format!("connecting UDP socket to {addr}")))?;
    Ok((sock, addr))
}

/// The error for an ICMP port unreachable, with the explanation users need.
pub fn refused(addr: SocketAddr) -> anyhow::Error {
    exit::network("refused", format!("sending to UDP {addr}: connection refused"))
        .hint("nothing listens on that UDP port: the target answered with ICMP port unreachable, which the kernel reports on the next send/receive of a connected socket")
        .into()
}

/// Prefix `#N ` to a payload.
pub fn tag(seq: u64, message: &[u8], size: Option<usize>, out: &mut Vec<u8>) {
    use std::io::Write;
    out.clear();
    let _ = write!(out, "#{seq} ");
    out.extend_from_slice(message);
    if let Some(n) = size {
        out.resize(n, b'.');
    }
}

/// The sequence number of a tagged payload (`#N ...`), if it has one.
pub fn parse_tag(data: &[u8]) -> Option<u64> {
    let rest = data.strip_prefix(b"#")?;
    let end = rest.iter().position(|&b| b == b' ')?;
    if end == 0 || end > 19 {
        return None;
    }
    std::str::from_utf8(&rest[..end]).ok()?.parse().ok()
}

/// One reply, as printed.
#[derive(Debug, Serialize)]
struct Reply<'a> {
    seq: Option<u64>,
    from: SocketAddr,
    bytes: usize,
    rtt_ms: Option<f64>,
    /// `ok`, `duplicate`, `late` (its probe was already counted lost) or `unmatched`.
    status: &'static str,
    reordered: bool,
    time: String,
    #[serde(flatten)]
    payload: Payload<'a>,
}

impl Render for Reply<'_> {
    fn kind(&self) -> &str {
        "reply"
    }
    fn human(&self, p: &Palette) -> String {
        let seq = self.seq.map(|s| format!(" seq={s}")).unwrap_or_default();
        let rtt = self
            .rtt_ms
            .map(|r| format!(" time={} ms", p.value(&format!("{r:.3}"))))
            .unwrap_or_default();
        let mut flags = String::new();
        match self.status {
            "duplicate" => flags.push_str(" (DUP!)"),
            "late" => flags.push_str(" (late)"),
            "unmatched" => flags.push_str(" (unmatched)"),
            _ => {}
        }
        if self.reordered {
            flags.push_str(" (reordered)");
        }
        format!(
            "{} bytes from {}:{seq}{rtt}{}: {}",
            self.bytes,
            p.name(&self.from.to_string()),
            p.warn(&flags),
            escape(self.payload.0)
        )
    }
}

/// A probe that got no reply in time.
#[derive(Debug, Serialize)]
struct Lost {
    seq: u64,
    after_ms: f64,
}

impl Render for Lost {
    fn kind(&self) -> &str {
        "timeout"
    }
    fn human(&self, p: &Palette) -> String {
        p.err(&format!(
            "no reply to seq={} within {:.0} ms",
            self.seq, self.after_ms
        ))
    }
}

/// Where messages come from: the argument `--count` times, or stdin lines.
enum Source {
    Fixed { message: Vec<u8>, left: u64 },
    Stdin(Receiver<Vec<u8>>),
}

enum Next {
    Message(Vec<u8>),
    NotYet,
    Done,
}

impl Source {
    fn new(args: &SendArgs) -> Source {
        if args.message != "-" {
            return Source::Fixed {
                message: args.message.as_bytes().to_vec(),
                left: args.count,
            };
        }
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in io::stdin().lock().split(b'\n') {
                let Ok(mut line) = line else { break };
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Source::Stdin(rx)
    }

    /// True when a fixed source has nothing left (so the prober stops waiting at once).
    fn is_done(&self) -> bool {
        matches!(self, Source::Fixed { left: 0, .. })
    }

    fn next(&mut self) -> Next {
        match self {
            Source::Fixed { left: 0, .. } => Next::Done,
            Source::Fixed { message, left } => {
                *left -= 1;
                Next::Message(message.clone())
            }
            Source::Stdin(rx) => match rx.try_recv() {
                Ok(m) => Next::Message(m),
                Err(TryRecvError::Empty) => Next::NotYet,
                Err(TryRecvError::Disconnected) => Next::Done,
            },
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Waiting,
    Received,
    Lost,
}

/// The prober's bookkeeping: one entry per probe sent (index = seq - 1).
struct Probes {
    sent_at: Vec<Instant>,
    state: Vec<State>,
    /// Oldest probe that may still be waiting (probes expire in order).
    oldest: usize,
    max_seen: u64,
    received: u64,
    duplicates: u64,
    late: u64,
    reordered: u64,
    rtts: Rtts,
}

impl Probes {
    fn waiting(&self) -> bool {
        self.state[self.oldest.min(self.state.len())..].contains(&State::Waiting)
    }

    fn advance_oldest(&mut self) {
        while self.oldest < self.state.len() && self.state[self.oldest] != State::Waiting {
            self.oldest += 1;
        }
    }

    /// Classify a reply; returns (seq, rtt, status, reordered).
    fn on_reply(
        &mut self,
        tag: Option<u64>,
        now: Instant,
    ) -> (Option<u64>, Option<Duration>, &'static str, bool) {
        let seq = match tag {
            Some(s) if s >= 1 && (s as usize) <= self.state.len() => s,
            _ => {
                self.advance_oldest();
                if self.oldest >= self.state.len() {
                    self.duplicates += 1;
                    return (None, None, "unmatched", false);
                }
                self.oldest as u64 + 1
            }
        };
        let i = seq as usize - 1;
        let rtt = now.saturating_duration_since(self.sent_at[i]);
        let status = match self.state[i] {
            State::Waiting => {
                self.state[i] = State::Received;
                self.received += 1;
                self.rtts.push(rtt);
                "ok"
            }
            State::Received => {
                self.duplicates += 1;
                "duplicate"
            }
            State::Lost => {
                self.late += 1;
                "late"
            }
        };
        let reordered = status == "ok" && seq < self.max_seen;
        if reordered {
            self.reordered += 1;
        }
        self.max_seen = self.max_seen.max(seq);
        (Some(seq), Some(rtt), status, reordered)
    }
}

/// Run the prober; exit 0 if any reply came, 1 if none, 3 if refused.
pub fn send(args: &SendArgs, ctx: &Ctx) -> anyhow::Result<Code> {
    let (sock, addr) = connect_udp(&args.target)?;
    let timeout = ctx.timeout_or(REPLY_TIMEOUT);
    let tagging = match args.seq {
        SeqMode::On => true,
        SeqMode::Off => false,
        SeqMode::Auto => args.message == "-" || args.count > 1,
    };
    let stdin = args.message == "-";
    let interval = if stdin { Duration::ZERO } else { args.interval };
    let size = args.size.map(|s| s as usize);
    let mut source = Source::new(args);
    let mut p = Probes {
        sent_at: Vec::new(),
        state: Vec::new(),
        oldest: 0,
        max_seen: 0,
        received: 0,
        duplicates: 0,
        late: 0,
        reordered: 0,
        rtts: Rtts::new(),
    };
    let started = Instant::now();
    let mut next_send = started;
    let mut exhausted = false;
    let mut buf = vec![0u8; 65536];
    let mut payload = Vec::new();
    while !ctx.stop.is_stopped() {
        let now = Instant::now();
        if !exhausted && now >= next_send {
            match source.next() {
                Next::Message(m) => {
                    let seq = p.sent_at.len() as u64 + 1;
                    if tagging {
                        tag(seq, &m, size, &mut payload);
                    } else {
                        payload = sized(&m, size);
                    }
                    p.sent_at.push(Instant::now());
                    p.state.push(State::Waiting);
                    if let Err(e) = sock.send(&payload) {
                        on_error(ctx, &e, addr, p.received)?;
                    }
                    next_send = now + interval;
                    exhausted = source.is_done();
                }
                Next::NotYet => {}
                Next::Done => exhausted = true,
            }
        }
        expire(ctx, &mut p, timeout)?;
        if exhausted && !p.waiting() {
            break;
        }
        let mut wait = Duration::from_millis(100);
        if let Some(t) = p.sent_at.get(p.oldest) {
            wait = wait.min((*t + timeout).saturating_duration_since(Instant::now()));
        }
        if !exhausted {
            let cap = if stdin {
                Duration::from_millis(10)
            } else {
                next_send.saturating_duration_since(Instant::now())
            };
            wait = wait.min(cap);
        }
        if !wait_readable(sock.as_raw_fd(), wait)? {
            continue;
        }
        match sock.recv(&mut buf) {
            Ok(n) => {
                let data = &buf[..n];
                let tag = if tagging { parse_tag(data) } else { None };
                let (seq, rtt, status, reordered) = p.on_reply(tag, Instant::now());
                if !ctx.out.quiet() {
                    ctx.out.emit(&Reply {
                        seq,
                        from: addr,
                        bytes: n,
                        rtt_ms: rtt.map(output::ms),
                        status,
                        reordered,
                        time: output::timestamp(),
                        payload: Payload(data),
                    })?;
                }
            }
            Err(e) => on_error(ctx, &e, addr, p.received)?,
        }
    }
    finish(ctx, p, addr, started, timeout)
}

/// Declare probes lost once their timeout passed.
fn expire(ctx: &Ctx, p: &mut Probes, timeout: Duration) -> anyhow::Result<()> {
    let now = Instant::now();
    while p.oldest < p.state.len() {
        let i = p.oldest;
        if p.state[i] == State::Waiting {
            if now < p.sent_at[i] + timeout {
                break;
            }
            p.state[i] = State::Lost;
            if !ctx.out.quiet() {
                ctx.out.emit(&Lost {
                    seq: i as u64 + 1,
                    after_ms: output::ms(timeout),
                })?;
            }
        }
        p.oldest += 1;
    }
    Ok(())
}

/// A receive/send error: timeouts are normal; a refusal before any reply ends the
/// run (exit 3), after one it is only reported.
fn on_error(ctx: &Ctx, e: &io::Error, addr: SocketAddr, received: u64) -> anyhow::Result<()> {
    match e.kind() {
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut | io::ErrorKind::Interrupted => Ok(()),
        io::ErrorKind::ConnectionRefused if received == 0 => Err(refused(addr)),
        io::ErrorKind::ConnectionRefused => ctx.out.warn(&format!(
            "UDP {addr}: port unreachable (ICMP); the server went away?"
        )),
        _ => Err(anyhow::Error::new(io::Error::new(e.kind(), e.to_string()))
            .context(format!("talking to UDP {addr}"))),
    }
}

fn finish(
    ctx: &Ctx,
    mut p: Probes,
    addr: SocketAddr,
    started: Instant,
    timeout: Duration,
) -> anyhow::Result<Code> {
    let sent = p.sent_at.len() as u64;
    let mut s = ClientSummary::new("udp", addr.to_string(), sent, p.received);
    s.duplicates = p.duplicates;
    s.late = p.late;
    s.reordered = p.reordered;
    s.duration_ms = output::ms(started.elapsed());
    s.rtt = p.rtts.stats();
    ctx.out.emit(&s)?;
    if p.received == 0 && sent > 0 {
        return Err(exit::negative(
            "no_reply",
            format!(
                "no reply from UDP {addr} to {sent} probe(s) within {:.0} ms",
                output::ms(timeout)
            ),
        )
        .hint("is a server running there? UDP gives no error when a reply is lost")
        .into());
    }
    Ok(Code::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_roundtrip() {
        let mut v = Vec::new();
        tag(42, b"Hello!", None, &mut v);
        assert_eq!(v, b"#42 Hello!");
        assert_eq!(parse_tag(&v), Some(42));
        tag(7, b"x", Some(8), &mut v);
        assert_eq!(v, b"#7 x....");
        assert_eq!(parse_tag(b"Are you talking to me?"), None);
        assert_eq!(parse_tag(b"# x"), None);
        assert_eq!(parse_tag(b"#12"), None);
    }
}
