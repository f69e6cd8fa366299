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

use std::io;
use std::net::{SocketAddr, UdpSocket};
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

use serde::Serialize;

use super::probes::{Next, Probes, Source, State};
use super::{SendArgs, SeqMode, REPLY_TIMEOUT};
use crate::cmd::echo_stats::{shown, sized, ClientSummary};
use crate::cmd::Ctx;
use crate::exit::Kind;
use crate::exit::{self, Code};
use crate::net;
use crate::net::wait_readable;
use crate::output::{self, Palette, Payload, Render};

/// Resolve the target and open a UDP socket connected to it (the OS picks the
/// local port, as the seed's client does).
pub fn connect_udp(target: &str, timeout: Duration) -> anyhow::Result<(UdpSocket, SocketAddr)> {
    let hp = net::parse_endpoint(target, Some(net::DEFAULT_PORT))?;
    let addr = net::resolve_within(&hp, timeout)?[0];
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
    exit::network(Kind::Refused, format!("sending to UDP {addr}: connection refused"))
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
            shown(self.payload.0)
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

/// Run the prober; exit 0 if any reply came, 1 if none, 3 if refused.
pub fn send(args: &SendArgs, ctx: &Ctx) -> anyhow::Result<Code> {
    let (sock, addr) = connect_udp(&args.target, ctx.timeout_or(super::REPLY_TIMEOUT))?;
    let stdin = args.message == "-";
    let mut pr = Prober {
        ctx,
        sock,
        addr,
        timeout: ctx.timeout_or(REPLY_TIMEOUT),
        tagging: match args.seq {
            SeqMode::On => true,
            SeqMode::Off => false,
            SeqMode::Auto => stdin || args.count > 1,
        },
        size: args.size.map(|s| s as usize),
        p: Probes::new(),
        buf: vec![0u8; 65536],
        payload: Vec::new(),
    };
    let interval = if stdin { Duration::ZERO } else { args.interval };
    let mut source = Source::new(args);
    let started = Instant::now();
    let mut next_send = started;
    let mut exhausted = false;
    while !ctx.stop.is_stopped() {
        let now = Instant::now();
        if !exhausted && now >= next_send {
            match source.next() {
                Next::Message(m) => {
                    pr.send_probe(&m)?;
                    next_send = now + interval;
                    exhausted = source.is_done();
                }
                Next::NotYet => {}
                Next::Done => exhausted = true,
                Next::Failed(f) => return Err(f.into()),
            }
        }
        expire(ctx, &mut pr.p, pr.timeout)?;
        if exhausted && !pr.p.waiting() {
            break;
        }
        let mut wait = Duration::from_millis(100);
        if let Some(t) = pr.p.sent_at.get(pr.p.oldest) {
            wait = wait.min((*t + pr.timeout).saturating_duration_since(Instant::now()));
        }
        if !exhausted {
            let cap = if stdin {
                Duration::from_millis(10)
            } else {
                next_send.saturating_duration_since(Instant::now())
            };
            wait = wait.min(cap);
        }
        if wait_readable(pr.sock.as_raw_fd(), wait)? {
            pr.receive()?;
        }
    }
    finish(ctx, pr.p, addr, started, pr.timeout)
}

/// The socket side of the prober.
struct Prober<'a> {
    ctx: &'a Ctx,
    sock: UdpSocket,
    addr: SocketAddr,
    timeout: Duration,
    tagging: bool,
    size: Option<usize>,
    p: Probes,
    buf: Vec<u8>,
    payload: Vec<u8>,
}

impl Prober<'_> {
    fn send_probe(&mut self, message: &[u8]) -> anyhow::Result<()> {
        let seq = self.p.sent_at.len() as u64 + 1;
        if self.tagging {
            tag(seq, message, self.size, &mut self.payload);
        } else {
            self.payload = sized(message, self.size);
        }
        self.p.sent();
        match self.sock.send(&self.payload) {
            Ok(_) => Ok(()),
            Err(e) => on_error(self.ctx, &e, self.addr, self.p.received),
        }
    }

    /// One datagram (the socket is readable): match it and print it.
    fn receive(&mut self) -> anyhow::Result<()> {
        let n = match self.sock.recv(&mut self.buf) {
            Ok(n) => n,
            Err(e) => return on_error(self.ctx, &e, self.addr, self.p.received),
        };
        let data = &self.buf[..n];
        let tag = if self.tagging { parse_tag(data) } else { None };
        let (seq, rtt, status, reordered) = self.p.on_reply(tag, Instant::now());
        if self.ctx.out.quiet() {
            return Ok(());
        }
        self.ctx.out.emit(&Reply {
            seq,
            from: self.addr,
            bytes: n,
            rtt_ms: rtt.map(output::ms),
            status,
            reordered,
            time: output::timestamp(),
            payload: Payload(data),
        })
    }
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
            Kind::NoReply,
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
