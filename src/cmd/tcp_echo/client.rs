//! `tcp-echo send`: connect (timed), then for each message send it framed and read
//! one framed reply (timed), like the seed's `tcp_client.py` but measured. TCP is a
//! stream: with `--framing raw` there are no message boundaries, so a reply is
//! taken as complete once as many bytes as were sent came back, or the stream went
//! quiet for [`RAW_IDLE`] after the first byte, or the server closed (the seed's
//! server answers a fixed text of another length and closes). With `line` and
//! `length` framing the reply is exactly one frame. A reply that does not come
//! within `--timeout` ends the run: later bytes on the stream could not be matched
//! to their message. It does not reconnect.

use std::io::{self, BufRead, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use serde::Serialize;

use super::{SendArgs, RAW_IDLE, REPLY_TIMEOUT};
use crate::cmd::echo_stats::{shown, sized, ClientSummary, Rtts};
use crate::cmd::Ctx;
use crate::exit::{self, Code};
use crate::net;
use crate::output::{self, Palette, Payload, Render};
use crate::proto::framing::{self, Framing};

/// Largest reply frame the client accepts (a server claiming more is refused).
pub const MAX_REPLY: usize = 1 << 30;

/// Resolve and connect, timing the handshake; refusals get a hint.
pub fn connect(
    target: &str,
    timeout: Duration,
) -> anyhow::Result<(TcpStream, SocketAddr, Duration)> {
    let hp = net::parse_endpoint(target, Some(net::DEFAULT_PORT))?;
    let t0 = Instant::now();
    let stream = net::connect_tcp(&hp, timeout).map_err(|e| {
        let refused = e
            .chain()
            .filter_map(|c| c.downcast_ref::<io::Error>())
            .any(|io| io.kind() == io::ErrorKind::ConnectionRefused);
        if refused {
            exit::network("refused", format!("{e:#}"))
                .hint("nothing listens there; start a server with `netkit tcp-echo serve`")
                .into()
        } else {
            e
        }
    })?;
    let took = t0.elapsed();
    stream.set_nodelay(true)?;
    let addr = stream.peer_addr()?;
    Ok((stream, addr, took))
}

#[derive(Debug, Serialize)]
struct Connected {
    address: SocketAddr,
    local: SocketAddr,
    connect_ms: f64,
}

impl Render for Connected {
    fn kind(&self) -> &str {
        "connected"
    }
    fn human(&self, p: &Palette) -> String {
        format!(
            "connected to {} from {} in {} ms",
            p.name(&self.address.to_string()),
            self.local,
            p.value(&format!("{:.3}", self.connect_ms))
        )
    }
}

#[derive(Debug, Serialize)]
struct Reply<'a> {
    seq: u64,
    from: SocketAddr,
    bytes: usize,
    rtt_ms: f64,
    time: String,
    #[serde(flatten)]
    payload: Payload<'a>,
}

impl Render for Reply<'_> {
    fn kind(&self) -> &str {
        "reply"
    }
    fn human(&self, p: &Palette) -> String {
        format!(
            "{} bytes from {}: seq={} time={} ms: {}",
            self.bytes,
            p.name(&self.from.to_string()),
            self.seq,
            p.value(&format!("{:.3}", self.rtt_ms)),
            shown(self.payload.0)
        )
    }
}

/// Reads framed replies from a stream, keeping bytes that belong to the next one.
pub struct Replies {
    pub framing: Framing,
    buf: Vec<u8>,
    chunk: Vec<u8>,
    /// When the latest bytes arrived: the RTT ends there, not after the quiet
    /// period that tells a raw reply is complete.
    last: Option<Instant>,
}

/// How reading a reply ended.
pub enum Got {
    /// A whole reply (its payload is returned by `take`).
    Reply(Vec<u8>),
    /// The server closed the stream before any byte of the reply.
    Closed,
    /// Nothing came within the timeout.
    Timeout,
}

impl Replies {
    pub fn new(framing: Framing) -> Replies {
        Replies {
            framing,
            buf: Vec::new(),
            chunk: vec![0u8; 64 * 1024],
            last: None,
        }
    }

    /// When the latest reply bytes arrived.
    pub fn last_byte(&self) -> Option<Instant> {
        self.last
    }

    /// Read one reply to a message of `sent` payload bytes, within `timeout`.
    pub fn read(
        &mut self,
        s: &mut TcpStream,
        sent: usize,
        timeout: Duration,
    ) -> anyhow::Result<Got> {
        let deadline = Instant::now() + timeout;
        loop {
            if self.framing == Framing::Raw {
                if self.buf.len() >= sent && !self.buf.is_empty() {
                    return Ok(Got::Reply(std::mem::take(&mut self.buf)));
                }
            } else if let Some(f) = framing::decode(self.framing, &self.buf, MAX_REPLY)
                .map_err(|e| exit::network("protocol", format!("reading a reply: {e}")))?
            {
                let (payload, used) = (f.payload.to_vec(), f.consumed);
                self.buf.drain(..used);
                return Ok(Got::Reply(payload));
            }
            let left = deadline.saturating_duration_since(Instant::now());
            let quiet_done = self.framing == Framing::Raw && !self.buf.is_empty();
            let wait = if quiet_done { left.min(RAW_IDLE) } else { left };
            if wait.is_zero() {
                return Ok(if quiet_done {
                    Got::Reply(std::mem::take(&mut self.buf))
                } else {
                    Got::Timeout
                });
            }
            s.set_read_timeout(Some(wait))?;
            match s.read(&mut self.chunk) {
                Ok(0) if self.framing == Framing::Raw && !self.buf.is_empty() => {
                    return Ok(Got::Reply(std::mem::take(&mut self.buf)))
                }
                Ok(0) if self.buf.is_empty() => return Ok(Got::Closed),
                Ok(0) => {
                    return Err(exit::network(
                        "protocol",
                        "the server closed the connection in the middle of a reply",
                    )
                    .into())
                }
                Ok(n) => {
                    self.buf.extend_from_slice(&self.chunk[..n]);
                    self.last = Some(Instant::now());
                }
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                    ) =>
                {
                    if quiet_done {
                        return Ok(Got::Reply(std::mem::take(&mut self.buf)));
                    }
                    return Ok(Got::Timeout);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(anyhow::Error::new(e).context("reading a reply")),
            }
        }
    }
}

/// Refuse a message the framing cannot carry, before connecting.
pub fn check_message(args: &SendArgs) -> Result<(), exit::Failure> {
    if args.message == "-" {
        return Ok(());
    }
    let len = args.size.map_or(args.message.len(), |s| s as usize);
    if args.framing == Framing::Raw && len == 0 {
        return Err(exit::usage(
            "an empty message cannot be echoed with raw framing: there is nothing to wait for \
             (use --framing line or length, or a non-empty message)",
        ));
    }
    if args.framing == Framing::Line && args.message.contains('\n') {
        return Err(exit::usage(
            "with --framing line a message cannot contain a newline: it would travel as two \
             messages (use --framing length)",
        ));
    }
    Ok(())
}

/// Messages: the argument `--count` times, or stdin lines (read as they come; empty
/// lines are skipped with raw framing, where an empty message has no reply to wait for).
fn messages(args: &SendArgs) -> Box<dyn Iterator<Item = Vec<u8>>> {
    if args.message == "-" {
        let raw = args.framing == Framing::Raw && args.size.is_none();
        Box::new(
            io::stdin()
                .lock()
                .split(b'\n')
                .map_while(Result::ok)
                .map(|mut l| {
                    if l.last() == Some(&b'\r') {
                        l.pop();
                    }
                    l
                })
                .filter(move |l| !(raw && l.is_empty())),
        )
    } else {
        let m = args.message.as_bytes().to_vec();
        Box::new(std::iter::repeat_n(m, args.count as usize))
    }
}

/// Connect, send, receive; ping-like summary. Exit 0 with a reply, 1 without.
pub fn send(args: &SendArgs, ctx: &Ctx) -> anyhow::Result<Code> {
    check_message(args)?;
    let timeout = ctx.timeout_or(REPLY_TIMEOUT);
    let (mut stream, addr, took) = connect(&args.target, timeout)?;
    ctx.out.emit(&Connected {
        address: addr,
        local: stream.local_addr()?,
        connect_ms: output::ms(took),
    })?;
    let started = Instant::now();
    let (mut sent, mut received, mut rtts) = (0u64, 0u64, Rtts::new());
    let mut replies = Replies::new(args.framing);
    let mut frame = Vec::new();
    let stdin = args.message == "-";
    for m in messages(args) {
        if ctx.stop.is_stopped() {
            break;
        }
        if sent > 0 && !stdin && !sleep_unless_stopped(ctx, args.interval) {
            break;
        }
        let payload = sized(&m, args.size.map(|s| s as usize));
        frame.clear();
        framing::encode(args.framing, &payload, &mut frame)
            .map_err(|e| exit::usage(e.to_string()))?;
        let t0 = Instant::now();
        stream
            .write_all(&frame)
            .map_err(|e| anyhow::Error::new(e).context(format!("sending to {addr}")))?;
        sent += 1;
        match replies.read(&mut stream, payload.len(), timeout)? {
            Got::Reply(data) => {
                let rtt = match replies.last_byte() {
                    Some(at) if at > t0 => at - t0,
                    _ => t0.elapsed(),
                };
                received += 1;
                rtts.push(rtt);
                if !ctx.out.quiet() {
                    ctx.out.emit(&Reply {
                        seq: sent,
                        from: addr,
                        bytes: data.len(),
                        rtt_ms: output::ms(rtt),
                        time: output::timestamp(),
                        payload: Payload(&data),
                    })?;
                }
            }
            Got::Closed => {
                ctx.out.warn(&format!(
                    "{addr} closed the connection without replying to seq={sent}"
                ))?;
                break;
            }
            Got::Timeout => {
                ctx.out.warn(&format!("no reply to seq={sent} within {:.0} ms; stopping (a stream cannot skip a reply)", output::ms(timeout)))?;
                break;
            }
        }
    }
    let mut s = ClientSummary::new("tcp", addr.to_string(), sent, received);
    s.duration_ms = output::ms(started.elapsed());
    s.rtt = rtts.stats();
    ctx.out.emit(&s)?;
    if received == 0 && sent > 0 {
        return Err(exit::negative("no_reply", format!("no reply from TCP {addr}")).into());
    }
    Ok(Code::Ok)
}

/// Sleep in short slices; false if a stop came.
fn sleep_unless_stopped(ctx: &Ctx, d: Duration) -> bool {
    let end = Instant::now() + d;
    loop {
        if ctx.stop.is_stopped() {
            return false;
        }
        let left = end.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return true;
        }
        std::thread::sleep(left.min(crate::signal::POLL));
    }
}
