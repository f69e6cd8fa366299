//! The sending side of `netkit zmq`: where messages come from ([`Source`]: the
//! arguments, each `--count` times, or one per stdin line bounded by
//! `--max-size`), and the push / pair / dealer senders. A sender blocks while no
//! peer is connected or the high-water mark is reached (never drops), says so
//! after a second, and gives up at `--timeout` (exit 3); at exit it lingers up to
//! the same limit so queued messages leave, and fails (exit 3) when some did not.
//! Push and pair set `ZMQ_IMMEDIATE`: a connecting socket queues messages only
//! to a completed connection, not to an endpoint nobody listens on (libzmq's
//! default would queue them there and drop them at linger expiry). REQ is in
//! `req.rs`, receivers in `recv.rs`.

use std::io::{BufRead, BufReader, Read};
use std::time::{Duration, Instant};

use super::events::{payloads, Received, SendSummary, Sent};
use super::sock::{frames_of, numbered, Got, Opts, Sock};
use super::{binds, check_common, split_args, DealerArgs, SockArgs};
use crate::cmd::Ctx;
use crate::exit::Kind;
use crate::exit::{self, Code};
use crate::output::{escape, timestamp_rfc3339};

/// `--timeout` default for a blocked send and the flush at exit.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(30);

/// Messages to send, each as its frames, numbered from 1.
pub struct Source {
    templates: Vec<String>,
    /// All templates are the frames of one message (`--frames`).
    as_frames: bool,
    separator: Option<String>,
    count: u64,
    max: usize,
    stdin: Option<Box<dyn BufRead>>,
    /// The current stdin line or template index, and repeats done of it.
    line: Option<String>,
    index: usize,
    done: u64,
    seq: u64,
}

impl Source {
    /// From arguments, or from `input` (stdin) when there are none.
    pub fn new(messages: &[String], a: &SockArgs, input: Option<Box<dyn Read>>) -> Source {
        let stdin = if messages.is_empty() {
            input.map(|r| Box::new(BufReader::with_capacity(64 * 1024, r)) as Box<dyn BufRead>)
        } else {
            None
        };
        Source {
            templates: messages.to_vec(),
            as_frames: a.frames,
            separator: a.separator.clone(),
            count: a.count.unwrap_or(1),
            max: a.max_size,
            stdin,
            line: None,
            index: 0,
            done: 0,
            seq: 0,
        }
    }

    /// The next message: (sequence number, frames); None at the end.
    pub fn next_message(&mut self) -> anyhow::Result<Option<(u64, Vec<Vec<u8>>)>> {
        if self.stdin.is_some() {
            return self.next_line();
        }
        let units = if self.as_frames {
            1
        } else {
            self.templates.len()
        };
        if self.done == self.count {
            self.index += 1;
            self.done = 0;
        }
        if self.index >= units {
            return Ok(None);
        }
        self.done += 1;
        self.seq += 1;
        let n = self.seq;
        let frames = if self.as_frames {
            self.templates
                .iter()
                .map(|t| numbered(t, n).into_bytes())
                .collect()
        } else {
            frames_of(
                &numbered(&self.templates[self.index], n),
                self.separator.as_deref(),
            )
        };
        Ok(Some((n, frames)))
    }

    fn next_line(&mut self) -> anyhow::Result<Option<(u64, Vec<Vec<u8>>)>> {
        if self.line.is_none() || self.done == self.count {
            self.done = 0;
            match read_line(self.stdin.as_mut().expect("stdin source"), self.max)? {
                Some(l) => self.line = Some(l),
                None => return Ok(None),
            }
        }
        self.done += 1;
        self.seq += 1;
        let line = self.line.as_deref().unwrap_or_default();
        Ok(Some((self.seq, frames_of(line, self.separator.as_deref()))))
    }
}

/// One stdin line without its newline, refused when longer than `max` bytes.
fn read_line(r: &mut dyn BufRead, max: usize) -> anyhow::Result<Option<String>> {
    let mut buf = Vec::new();
    let n = r
        .take(max as u64 + 2)
        .read_until(b'\n', &mut buf)
        .map_err(|e| anyhow::Error::new(e).context("reading stdin"))?;
    if n == 0 {
        return Ok(None);
    }
    if buf.last() == Some(&b'\n') {
        buf.pop();
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
    }
    if buf.len() > max {
        let shown = escape(&buf[..64.min(buf.len())]);
        return Err(exit::usage(format!(
            "a stdin line is longer than --max-size ({max} bytes): {shown}..."
        ))
        .into());
    }
    Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
}

/// Sleep `d` in slices, returning false if stopped.
pub fn pause(ctx: &Ctx, d: Duration) -> bool {
    let end = Instant::now() + d;
    while let Some(left) = end.checked_duration_since(Instant::now()) {
        if ctx.stop.is_stopped() {
            return false;
        }
        std::thread::sleep(left.min(crate::signal::POLL));
    }
    !ctx.stop.is_stopped()
}

fn stdin_unless(has_messages: bool) -> Option<Box<dyn Read>> {
    (!has_messages).then(|| Box::new(std::io::stdin()) as Box<dyn Read>)
}

/// `netkit zmq push|pair MESSAGE...`: send, then flush.
pub fn run(
    a: &SockArgs,
    kind: zmq::SocketType,
    wait_peers: Option<usize>,
    ctx: &Ctx,
) -> anyhow::Result<Code> {
    check_common(a)?;
    let split = split_args(&a.args)?;
    let limit = ctx.timeout_or(SEND_TIMEOUT);
    let o = Opts::from_args(a, Some(limit));
    let mut sock = Sock::open(kind, &split.urls, binds(a, false), &o, |s| {
        s.set_immediate(true)
    })?;
    sock.announce(ctx)?;
    if let Some(n) = wait_peers {
        if !sock.wait_peers(ctx, n, limit)? {
            return Ok(Code::Ok);
        }
    }
    let mut source = Source::new(&split.messages, a, stdin_unless(!split.messages.is_empty()));
    let waiting = format!(
        "no {} peer has taken a message yet on {}; waiting up to {limit:?} (a {} never drops)",
        wanted_peer(kind),
        sock.link.endpoints.join(", "),
        sock.name
    );
    let started = Instant::now();
    let (mut sent, mut bytes) = (0u64, 0u64);
    while let Some((seq, frames)) = source.next_message()? {
        if sent > 0 {
            if let Some(iv) = a.interval {
                if !pause(ctx, iv) {
                    break;
                }
            }
        }
        let refs: Vec<&[u8]> = frames.iter().map(Vec::as_slice).collect();
        match sock.send(ctx, &refs, limit, &waiting)? {
            Got::Done(()) => {}
            Got::Stopped => break,
            Got::TimedOut => return Err(send_timeout(&sock, limit, sent).into()),
        }
        sent += 1;
        bytes += frames.iter().map(|f| f.len() as u64).sum::<u64>();
        if !ctx.out.quiet() {
            ctx.out.emit(&Sent {
                seq,
                to: None,
                frames: payloads(&frames),
            })?;
        }
    }
    let endpoints = sock.link.endpoints.join(", ");
    let flushed = flush(sock, limit);
    summary(ctx, sock_name(kind), sent, bytes, None, started)?;
    if !flushed {
        let f = exit::network(
            Kind::Timeout,
            format!(
                "not every queued message left {endpoints} within {limit:?}: \
                 the peer stopped taking them, the rest were dropped at exit"
            ),
        )
        .hint("is the peer still reading? --timeout waits longer");
        return Err(f.into());
    }
    Ok(Code::Ok)
}

fn sock_name(kind: zmq::SocketType) -> &'static str {
    match kind {
        zmq::PUSH => "PUSH",
        zmq::PAIR => "PAIR",
        zmq::DEALER => "DEALER",
        zmq::ROUTER => "ROUTER",
        _ => "ZMQ",
    }
}

fn wanted_peer(kind: zmq::SocketType) -> &'static str {
    match kind {
        zmq::PUSH => "PULL",
        zmq::PAIR => "PAIR",
        _ => "ZeroMQ",
    }
}

pub fn send_timeout(sock: &Sock, limit: Duration, sent: u64) -> exit::Failure {
    exit::network(
        Kind::Timeout,
        format!(
            "{} could not send within {limit:?} on {} ({sent} sent before): no peer took it",
            sock.name,
            sock.link.endpoints.join(", ")
        ),
    )
    .hint("is a peer of the right type connected? --timeout waits longer")
}

/// Close, waiting up to `limit` for queued messages to leave; true if they did.
pub fn flush(sock: Sock, limit: Duration) -> bool {
    let ms = limit.as_millis().min(i32::MAX as u128) as i32;
    let _ = sock.link.socket.set_linger(ms);
    sock.link.close() < limit
}

fn summary(
    ctx: &Ctx,
    socket: &'static str,
    sent: u64,
    bytes: u64,
    replies: Option<u64>,
    started: Instant,
) -> anyhow::Result<()> {
    let elapsed = started.elapsed().as_secs_f64();
    ctx.out.emit(&SendSummary {
        socket,
        sent,
        bytes,
        replies,
        elapsed_s: (elapsed * 1000.0).round() / 1000.0,
        rate: if elapsed > 0.0 {
            (sent as f64 / elapsed).round()
        } else {
            0.0
        },
    })
}

/// `netkit zmq dealer MESSAGE...`: send each, read one reply per message.
pub fn run_dealer(d: &DealerArgs, ctx: &Ctx) -> anyhow::Result<Code> {
    let a = &d.sock;
    check_common(a)?;
    let split = split_args(&a.args)?;
    let limit = ctx.timeout_or(super::DEFAULT_TIMEOUT);
    let o = Opts::from_args(a, Some(limit));
    let mut sock = Sock::open(zmq::DEALER, &split.urls, binds(a, false), &o, |_| Ok(()))?;
    sock.announce(ctx)?;
    let mut source = Source::new(&split.messages, a, stdin_unless(!split.messages.is_empty()));
    let started = Instant::now();
    let (mut sent, mut bytes, mut replies) = (0u64, 0u64, 0u64);
    let waiting = "no peer connected yet; a DEALER waits (it never drops)";
    while let Some((seq, mut frames)) = source.next_message()? {
        if sent > 0 {
            if let Some(iv) = a.interval {
                if !pause(ctx, iv) {
                    break;
                }
            }
        }
        if d.envelope {
            frames.insert(0, Vec::new());
        }
        let refs: Vec<&[u8]> = frames.iter().map(Vec::as_slice).collect();
        match sock.send(ctx, &refs, limit, waiting)? {
            Got::Done(()) => {}
            Got::Stopped => break,
            Got::TimedOut => return Err(send_timeout(&sock, limit, sent).into()),
        }
        sent += 1;
        bytes += frames.iter().map(|f| f.len() as u64).sum::<u64>();
        if !ctx.out.quiet() {
            let shown = if d.envelope {
                &frames[1..]
            } else {
                &frames[..]
            };
            ctx.out.emit(&Sent {
                seq,
                to: None,
                frames: payloads(shown),
            })?;
        }
        replies += read_replies(&mut sock, ctx, d.envelope, replies, Some(Duration::ZERO))?;
    }
    // Then the replies still owed, each within --timeout.
    while replies < sent && !ctx.stop.is_stopped() {
        let got = read_replies(&mut sock, ctx, d.envelope, replies, Some(limit))?;
        if got == 0 {
            break;
        }
        replies += got;
    }
    sock.link.close();
    summary(ctx, "DEALER", sent, bytes, Some(replies), started)?;
    if replies < sent && !ctx.stop.is_stopped() {
        let f = exit::negative(
            Kind::NoReply,
            format!(
                "{} of {sent} messages got no reply within {limit:?}",
                sent - replies
            ),
        )
        .hint("a ROUTER answers only with --reply; a REP needs --envelope");
        return Err(f.into());
    }
    Ok(if replies == 0 && sent > 0 {
        Code::Negative
    } else {
        Code::Ok
    })
}

/// Read and show replies waiting now (`wait` zero) or the next one within `wait`.
fn read_replies(
    sock: &mut Sock,
    ctx: &Ctx,
    envelope: bool,
    before: u64,
    wait: Option<Duration>,
) -> anyhow::Result<u64> {
    let mut n = 0;
    let mut wait = wait;
    loop {
        let frames = match sock.recv(ctx, wait)? {
            Got::Done(f) => f,
            _ => return Ok(n),
        };
        wait = Some(Duration::ZERO);
        n += 1;
        let skip = usize::from(envelope && frames.first().is_some_and(|f| f.is_empty()));
        if !ctx.out.quiet() {
            let bytes = frames[skip..].iter().map(|f| f.len()).sum();
            ctx.out.emit(&Received {
                time: timestamp_rfc3339(),
                seq: before + n,
                identity: None,
                frames: payloads(&frames[skip..]),
                bytes,
            })?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(count: Option<u64>, frames: bool, sep: Option<&str>) -> SockArgs {
        SockArgs {
            args: vec![],
            bind: false,
            connect: false,
            count,
            interval: None,
            frames,
            separator: sep.map(str::to_string),
            max_size: 8,
            hwm: 1000,
            identity: None,
        }
    }

    fn all(mut s: Source) -> Vec<(u64, Vec<Vec<u8>>)> {
        let mut v = Vec::new();
        while let Some(m) = s.next_message().unwrap() {
            v.push(m);
        }
        v
    }

    #[test]
    fn arguments_counted_and_numbered() {
        let msgs = vec!["m#{n}".to_string(), "x".to_string()];
        let v = all(Source::new(&msgs, &args(Some(2), false, None), None));
        let shown: Vec<_> = v.iter().map(|(n, f)| (*n, f[0].clone())).collect();
        assert_eq!(
            shown,
            vec![
                (1, b"m#1".to_vec()),
                (2, b"m#2".to_vec()),
                (3, b"x".to_vec()),
                (4, b"x".to_vec())
            ]
        );
        let v = all(Source::new(&msgs, &args(None, true, None), None));
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].1, vec![b"m#1".to_vec(), b"x".to_vec()]);
    }

    #[test]
    fn stdin_lines_split_and_bounded() {
        let input: Box<dyn Read> = Box::new(&b"a|b\r\nc\n"[..]);
        let v = all(Source::new(&[], &args(None, false, Some("|")), Some(input)));
        assert_eq!(v[0].1, vec![b"a".to_vec(), b"b".to_vec()]);
        assert_eq!(v[1].1, vec![b"c".to_vec()]);
        let input: Box<dyn Read> = Box::new(&b"0123456789abc\n"[..]);
        let mut s = Source::new(&[], &args(None, false, None), Some(input));
        let e = s.next_message().unwrap_err();
        assert_eq!(exit::classify(&e).code, Code::Usage);
    }
}
