//! `tcp-echo send`: connect (timed), then for each message send it framed and read
//! one framed reply (timed), like the seed's `tcp_client.py` but measured. TCP is a
//! stream: with `--framing raw` there are no message boundaries, so a reply is
//! taken as complete once as many bytes as were sent came back, or the stream went
//! quiet for [`RAW_IDLE`] after the first byte, or the server closed (the seed's
//! server answers a fixed text of another length and closes). With `line` and
//! `length` framing the reply is exactly one frame. A reply that does not come
//! within `--timeout` ends the run: later bytes on the stream could not be matched
//! to their message. It does not reconnect.

use std::io;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use anyhow::Context;
use serde::Serialize;

use super::{SendArgs, RAW_IDLE, REPLY_TIMEOUT};
use crate::cmd::echo_stats::{shown, sized, ClientSummary};
use crate::cmd::Ctx;
use crate::exit::Kind;
use crate::exit::{self, Code};
use crate::input::Lines;
use crate::net;
use crate::net::conn::{Conn, Recv};
use crate::net::stream::Stream;
use crate::net::tls::{self, TlsClient};
use crate::output::{self, Out, Palette, Payload, Render};
use crate::proto::framing::{self, Framing};
use crate::rtt::Rtts;
use crate::signal::Stop;

/// Smallest bound on a reply frame: a reply to a message of `--max-size` bytes
/// may be framed (a bigger one claimed by the server is refused).
pub const MAX_FRAME: usize = 1 << 16;

/// How to reach the server: its address, and TLS when `--tls` is given.
#[derive(Clone)]
pub struct Dial {
    pub target: String,
    pub tls: Option<TlsClient>,
}

impl Dial {
    /// From the flags (TLS flags without `--tls` are refused: they would be ignored).
    pub fn new(args: &SendArgs, out: &Out) -> anyhow::Result<Dial> {
        if !args.tls && args.tls_args.used() {
            return Err(exit::usage(
                "--cacert, --insecure, --servername, --cert, --key and --alpn need --tls",
            )
            .into());
        }
        let tls = match args.tls {
            true => {
                let c = TlsClient::new(&args.tls_args)?;
                if let Some(w) = c.warning() {
                    out.warn(w)?;
                }
                Some(c)
            }
            false => None,
        };
        Ok(Dial {
            target: args.target.clone(),
            tls,
        })
    }
}

/// Resolve and connect (and shake hands over TLS), timing the TCP handshake;
/// refusals get a hint.
pub fn connect(
    dial: &Dial,
    timeout: Duration,
    stop: &Stop,
) -> anyhow::Result<(Stream, SocketAddr, Duration)> {
    let hp = net::parse_endpoint(&dial.target, Some(net::DEFAULT_PORT))?;
    let t0 = Instant::now();
    let stream = net::connect_tcp(&hp, timeout).map_err(|e| {
        let refused = e
            .chain()
            .filter_map(|c| c.downcast_ref::<io::Error>())
            .any(|io| io.kind() == io::ErrorKind::ConnectionRefused);
        if refused {
            exit::network(Kind::Refused, format!("{e:#}"))
                .hint("nothing listens there; start a server with `netkit tcp-echo serve`")
                .into()
        } else {
            e
        }
    })?;
    let took = t0.elapsed();
    stream.set_nodelay(true)?;
    let addr = stream.peer_addr()?;
    let stream = match &dial.tls {
        Some(c) => {
            let s = tls::connect(stream, c, &hp.host, Instant::now() + timeout, stop)
                .map_err(|e| e.into_failure(&format!("TLS with {addr}")))?;
            Stream::Tls(Box::new(s))
        }
        None => Stream::Plain(stream),
    };
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

/// Reads framed replies from a connection, keeping bytes that belong to the next one.
pub struct Replies {
    pub framing: Framing,
    pub conn: Conn,
    max: usize,
}

/// How reading a reply ended.
pub enum Got {
    /// A whole reply.
    Reply(Vec<u8>),
    /// The server closed the stream before any byte of the reply.
    Closed,
    /// Nothing came within the timeout.
    Timeout,
    /// Ctrl-C (or SIGTERM) came first.
    Stopped,
}

impl Replies {
    pub fn new(framing: Framing, stream: Stream, max: usize) -> io::Result<Replies> {
        Ok(Replies {
            framing,
            max,
            conn: Conn::new(stream).with_max(max),
        })
    }

    /// When the latest reply bytes arrived: the RTT ends there, not after the
    /// quiet period that tells a raw reply is complete.
    pub fn last_byte(&self) -> Option<Instant> {
        self.conn.last_read()
    }

    /// Read one reply to a message of `sent` payload bytes, within `timeout`.
    pub fn read(&mut self, sent: usize, timeout: Duration, stop: &Stop) -> anyhow::Result<Got> {
        let deadline = Instant::now() + timeout;
        if self.framing != Framing::Raw {
            let framing = self.framing;
            let max = self.max;
            let got = self.conn.recv(deadline, stop, |buf, _| {
                framing::decode(framing, buf, max)
                    .map(|f| f.map(|f| (f.payload.to_vec(), f.consumed)))
                    .map_err(|e| {
                        anyhow::Error::from(exit::network(
                            Kind::Protocol,
                            format!("reading a reply: {e}"),
                        ))
                    })
            });
            return match got.context("reading a reply")? {
                Recv::Item(payload) => Ok(Got::Reply(payload)),
                Recv::Closed if self.conn.buffered().is_empty() => Ok(Got::Closed),
                Recv::Closed => Err(exit::network(
                    Kind::Protocol,
                    "the server closed the connection in the middle of a reply",
                )
                .into()),
                Recv::Timeout => Ok(Got::Timeout),
                Recv::Stopped => Ok(Got::Stopped),
            };
        }
        // Raw: complete once `sent` bytes came, the stream went quiet for
        // RAW_IDLE after the first byte, or the server closed.
        loop {
            let have = self.conn.buffered().len();
            if have >= sent && have > 0 {
                return Ok(Got::Reply(self.take()));
            }
            let until = match (have, self.conn.last_read()) {
                (0, _) | (_, None) => deadline,
                (_, Some(at)) => deadline.min(at + RAW_IDLE),
            };
            match self.conn.fill(until, stop) {
                Ok(0) if have > 0 => return Ok(Got::Reply(self.take())),
                Ok(0) => return Ok(Got::Closed),
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::TimedOut && have > 0 => {
                    return Ok(Got::Reply(self.take()))
                }
                Err(e) if e.kind() == io::ErrorKind::TimedOut => return Ok(Got::Timeout),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => return Ok(Got::Stopped),
                Err(e) => return Err(anyhow::Error::new(e).context("reading a reply")),
            }
        }
    }

    fn take(&mut self) -> Vec<u8> {
        let all = self.conn.buffered().to_vec();
        self.conn.consume(all.len());
        all
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

/// Messages: the argument `--count` times, or stdin lines (read as they come,
/// bounded by `--max-size`, stopped by Ctrl-C; empty lines are skipped with raw
/// framing, where an empty message has no reply to wait for).
fn messages(args: &SendArgs, stop: &Stop) -> Box<dyn Iterator<Item = anyhow::Result<Vec<u8>>>> {
    if args.message == "-" {
        let raw = args.framing == Framing::Raw && args.size.is_none();
        Box::new(
            Lines::stdin(args.max_size, stop)
                .filter(move |l| !(raw && matches!(l, Ok(l) if l.is_empty())))
                .map(|l| l.map_err(|e| exit::Failure::from(e).into())),
        )
    } else {
        let m = args.message.as_bytes().to_vec();
        Box::new(std::iter::repeat_n(m, args.count as usize).map(Ok))
    }
}

/// Connect, send, receive; ping-like summary. Exit 0 with a reply, 1 without.
pub fn send(args: &SendArgs, ctx: &Ctx) -> anyhow::Result<Code> {
    check_message(args)?;
    let timeout = ctx.timeout_or(REPLY_TIMEOUT);
    let dial = Dial::new(args, &ctx.out)?;
    let (stream, addr, took) = connect(&dial, timeout, &ctx.stop)?;
    ctx.out.emit(&Connected {
        address: addr,
        local: stream.local_addr()?,
        connect_ms: output::ms(took),
    })?;
    if let (true, Stream::Tls(t)) = (args.trace, &stream) {
        ctx.out.emit(t.info())?;
    }
    let mut replies = Replies::new(args.framing, stream, args.max_size.max(MAX_FRAME))?;
    let started = Instant::now();
    let (mut sent, mut received, mut rtts) = (0u64, 0u64, Rtts::new());
    let mut frame = Vec::new();
    let stdin = args.message == "-";
    for m in messages(args, &ctx.stop) {
        let m = m?;
        if ctx.stop.is_stopped() {
            break;
        }
        if sent > 0 && !stdin && !crate::signal::sleep(args.interval, &ctx.stop) {
            break;
        }
        let payload = sized(&m, args.size.map(|s| s as usize));
        frame.clear();
        framing::encode(args.framing, &payload, &mut frame)
            .map_err(|e| exit::usage(e.to_string()))?;
        let t0 = Instant::now();
        replies
            .conn
            .write_all(&frame)
            .map_err(|e| anyhow::Error::new(e).context(format!("sending to {addr}")))?;
        sent += 1;
        match replies.read(payload.len(), timeout, &ctx.stop)? {
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
            Got::Stopped => break,
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
        return Err(exit::negative(Kind::NoReply, format!("no reply from TCP {addr}")).into());
    }
    Ok(Code::Ok)
}
