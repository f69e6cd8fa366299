//! The receiving side of `netkit zmq`: pull and a receiving pair print each
//! message; rep answers each request (echo, `--reply TEXT`, `--exec CMD`) and
//! prints the chapter's `Request says:` line; router shows the sender's routing
//! identity, answers it with `--reply`, or sends to one identity with `--to`.
//! All stop at `--count`, at the idle `--timeout` (exit 1 if nothing came), or
//! on Ctrl-C with their summary and exit 0.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use super::events::{payloads, Received, RecvSummary, Request, Sent};
use super::send::{flush, pause, send_timeout, SEND_TIMEOUT};
use super::sock::{Got, Opts, Sock};
use super::{binds, check_common, exec, split_args, PullArgs, RepArgs, RouterArgs, SockArgs};
use crate::cmd::Ctx;
use crate::exit::Kind;
use crate::exit::{self, Code};
use crate::output::{escape, timestamp_rfc3339};

/// What a receiver has seen.
#[derive(Debug)]
struct Tally {
    started: Instant,
    messages: u64,
    bytes: u64,
    replies: u64,
    /// Pipeline worker: `replies` counts messages forwarded to --push.
    forwarding: bool,
    per_sender: BTreeMap<String, u64>,
    first: Option<Instant>,
    latest: Option<Instant>,
}

/// Receive until `--count`, the idle timeout or a stop; `handle` sees each message.
fn receive<F>(sock: &mut Sock, ctx: &Ctx, count: Option<u64>, mut handle: F) -> anyhow::Result<Code>
where
    F: FnMut(&mut Sock, u64, Vec<zmq::Message>, &mut Tally) -> anyhow::Result<()>,
{
    let mut t = Tally {
        started: Instant::now(),
        messages: 0,
        bytes: 0,
        replies: 0,
        forwarding: false,
        per_sender: BTreeMap::new(),
        first: None,
        latest: None,
    };
    let code = loop {
        if count.is_some_and(|n| t.messages >= n) {
            break Code::Ok;
        }
        match sock.recv(ctx, ctx.timeout)? {
            Got::Done(frames) => {
                let now = Instant::now();
                t.first.get_or_insert(now);
                t.latest = Some(now);
                t.messages += 1;
                t.bytes += frames.iter().map(|f| f.len() as u64).sum::<u64>();
                handle(sock, t.messages, frames, &mut t)?;
            }
            Got::Stopped => break Code::Ok,
            Got::TimedOut if t.messages == 0 => {
                let idle = ctx.timeout.unwrap_or_default();
                let f = exit::negative(
                    Kind::Timeout,
                    format!(
                        "no message within {idle:?} on {}",
                        sock.link.endpoints.join(", ")
                    ),
                )
                .hint("is a peer of the right type connected and sending?");
                return Err(f.into());
            }
            Got::TimedOut => {
                break if count.is_some() {
                    Code::Negative
                } else {
                    Code::Ok
                }
            }
        }
    };
    summary(ctx, sock.name, &t)?;
    Ok(code)
}

fn summary(ctx: &Ctx, socket: &'static str, t: &Tally) -> anyhow::Result<()> {
    let span = match (t.first, t.latest) {
        (Some(a), Some(b)) => (b - a).as_secs_f64(),
        _ => 0.0,
    };
    ctx.out.emit(&RecvSummary {
        socket,
        messages: t.messages,
        bytes: t.bytes,
        replies: if t.forwarding { 0 } else { t.replies },
        forwarded: t.forwarding.then_some(t.replies),
        elapsed_s: (t.started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
        rate: (span >= 0.001).then(|| (t.messages as f64 / span).round()),
        per_sender: t.per_sender.clone(),
    })
}

fn open(
    a: &SockArgs,
    kind: zmq::SocketType,
    ctx: &Ctx,
    extra: impl FnOnce(&zmq::Socket) -> zmq::Result<()>,
) -> anyhow::Result<Sock> {
    check_common(a)?;
    let split = split_args(&a.args)?;
    let o = Opts::from_args(a, ctx.timeout);
    let sock = Sock::open(kind, &split.urls, binds(a, true), &o, extra)?;
    sock.announce(ctx)?;
    Ok(sock)
}

/// `netkit zmq pull`: show each message, or forward it as a pipeline worker.
pub fn run_pull(p: &PullArgs, ctx: &Ctx) -> anyhow::Result<Code> {
    let Some(to) = &p.push else {
        return run_plain(&p.sock, zmq::PULL, p.delay, ctx);
    };
    let url = crate::net::parse_url(to)
        .map_err(|e| exit::usage(format!("bad --push endpoint {to}: {e}")))?;
    let limit = ctx.timeout_or(SEND_TIMEOUT);
    let o = Opts::from_args(&p.sock, Some(limit));
    let mut out = Sock::open(zmq::PUSH, &[url], false, &o, |_| Ok(()))?;
    out.announce(ctx)?;
    let mut sock = open(&p.sock, zmq::PULL, ctx, |_| Ok(()))?;
    let tag = p.tag.as_ref().map(|t| t.as_bytes().to_vec());
    let code = receive(&mut sock, ctx, p.sock.count, |_, seq, frames, t| {
        t.forwarding = true;
        if let Some(d) = p.delay {
            pause(ctx, d);
        }
        let mut fwd: Vec<&[u8]> = tag.iter().map(Vec::as_slice).collect();
        fwd.extend(frames.iter().map(|f| &f[..]));
        match out.send(
            ctx,
            &fwd,
            limit,
            "the --push endpoint takes nothing yet; waiting",
        )? {
            Got::Done(()) => t.replies += 1,
            Got::Stopped => {}
            Got::TimedOut => return Err(send_timeout(&out, limit, t.replies).into()),
        }
        if !ctx.out.quiet() {
            ctx.out.emit(&Received {
                time: timestamp_rfc3339(),
                seq,
                identity: None,
                bytes: frames.iter().map(|f| f.len()).sum(),
                frames: payloads(&frames),
            })?;
        }
        Ok(())
    })?;
    flush(out, limit);
    Ok(code)
}

/// A receiving `pair`, and `pull` without --push.
pub fn run_plain(
    a: &SockArgs,
    kind: zmq::SocketType,
    delay: Option<Duration>,
    ctx: &Ctx,
) -> anyhow::Result<Code> {
    let mut sock = open(a, kind, ctx, |_| Ok(()))?;
    receive(&mut sock, ctx, a.count, |_, seq, frames, t| {
        if let Some(d) = delay {
            pause(ctx, d);
        }
        if frames.len() >= 2 {
            *t.per_sender.entry(escape(&frames[0])).or_default() += 1;
        }
        if !ctx.out.quiet() {
            ctx.out.emit(&Received {
                time: timestamp_rfc3339(),
                seq,
                identity: None,
                bytes: frames.iter().map(|f| f.len()).sum(),
                frames: payloads(&frames),
            })?;
        }
        Ok(())
    })
}

/// How a REP or ROUTER makes its answer.
enum Answer {
    Echo,
    Text(String),
    Exec(Vec<String>, Duration, usize),
}

impl Answer {
    /// The reply frames for `request` (text and exec answer with one frame).
    fn make(&self, request: &[zmq::Message], ctx: &Ctx) -> anyhow::Result<Vec<Vec<u8>>> {
        let last: &[u8] = request.last().map(|m| &m[..]).unwrap_or(b"");
        Ok(match self {
            Answer::Echo => request.iter().map(|m| m.to_vec()).collect(),
            Answer::Text(t) => vec![fill(t, last)],
            Answer::Exec(argv, limit, max) => match exec::run(argv, last, *limit, *max) {
                Ok(out) => vec![out],
                Err(why) => {
                    ctx.out.warn(&why)?;
                    vec![format!("error: {why}").into_bytes()]
                }
            },
        })
    }
}

/// TEXT with `{}` replaced by the request (bytes kept as they are).
fn fill(template: &str, request: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(template.len() + request.len());
    let mut parts = template.split("{}");
    out.extend_from_slice(parts.next().unwrap_or("").as_bytes());
    for p in parts {
        out.extend_from_slice(request);
        out.extend_from_slice(p.as_bytes());
    }
    out
}

/// `netkit zmq rep`: answer every request.
pub fn run_rep(r: &RepArgs, ctx: &Ctx) -> anyhow::Result<Code> {
    let answer = match (&r.reply, &r.exec) {
        (Some(t), _) => Answer::Text(t.clone()),
        (None, Some(cmd)) => Answer::Exec(exec::split_words(cmd)?, r.exec_timeout, r.sock.max_size),
        (None, None) => Answer::Echo,
    };
    let mut sock = open(&r.sock, zmq::REP, ctx, |_| Ok(()))?;
    let limit = SEND_TIMEOUT;
    receive(&mut sock, ctx, r.sock.count, |sock, seq, frames, t| {
        let reply = answer.make(&frames, ctx)?;
        if let Some(d) = r.delay {
            pause(ctx, d);
        }
        let refs: Vec<&[u8]> = reply.iter().map(Vec::as_slice).collect();
        // A REP's send goes to the peer that asked; it blocks only at the HWM.
        if let Got::Done(()) = sock.send(ctx, &refs, limit, "")? {
            t.replies += 1;
        }
        if !ctx.out.quiet() {
            ctx.out.emit(&Request {
                time: timestamp_rfc3339(),
                seq,
                frames: payloads(&frames),
                reply: payloads(&reply),
            })?;
        }
        Ok(())
    })
}

/// `netkit zmq router`.
pub fn run_router(r: &RouterArgs, ctx: &Ctx) -> anyhow::Result<Code> {
    let mandatory = r.router_mandatory;
    let mut sock = open(&r.sock, zmq::ROUTER, ctx, |s| {
        s.set_router_mandatory(mandatory)
    })?;
    if let Some(to) = &r.to {
        let code = send_to(r, &mut sock, to, ctx)?;
        flush(sock, ctx.timeout_or(SEND_TIMEOUT));
        return Ok(code);
    }
    let answer = r.reply.as_ref().map(|t| Answer::Text(t.clone()));
    receive(&mut sock, ctx, r.sock.count, |sock, seq, frames, t| {
        let (id, body) = frames
            .split_first()
            .expect("ROUTER adds the identity frame");
        *t.per_sender.entry(escape(id)).or_default() += 1;
        // A REQ (or a DEALER with --envelope) puts an empty frame before its body.
        let delimited = body.first().is_some_and(|f| f.is_empty());
        let body = if delimited { &body[1..] } else { body };
        // Count the payload only, as the other types do (not the envelope).
        t.bytes -= id.len() as u64;
        if !ctx.out.quiet() {
            ctx.out.emit(&Received {
                time: timestamp_rfc3339(),
                seq,
                identity: Some(crate::output::Payload(id)),
                bytes: body.iter().map(|f| f.len()).sum(),
                frames: payloads(body),
            })?;
        }
        if let Some(answer) = &answer {
            let mut reply: Vec<Vec<u8>> = vec![id.to_vec()];
            if delimited {
                reply.push(Vec::new());
            }
            reply.extend(answer.make(body, ctx)?);
            let refs: Vec<&[u8]> = reply.iter().map(Vec::as_slice).collect();
            if sock.try_send(&refs)? {
                t.replies += 1;
            }
        }
        Ok(())
    })
}

/// `router --to IDENTITY MESSAGE...`: wait for a peer, then send to that identity.
fn send_to(r: &RouterArgs, sock: &mut Sock, to: &str, ctx: &Ctx) -> anyhow::Result<Code> {
    let split = split_args(&r.sock.args)?;
    if split.messages.is_empty() {
        return Err(exit::usage("router --to needs the MESSAGE frames to send").into());
    }
    let limit = ctx.timeout_or(super::DEFAULT_TIMEOUT);
    let start = Instant::now();
    while sock.link.peers.handshakes == 0 {
        if ctx.stop.is_stopped() {
            return Ok(Code::Ok);
        }
        if start.elapsed() >= limit {
            return Err(send_timeout(sock, limit, 0).into());
        }
        sock.recv(ctx, Some(crate::signal::POLL.min(limit)))?;
    }
    if !r.router_mandatory {
        ctx.out.warn("a ROUTER drops messages to an unknown identity silently; --router-mandatory makes that an error")?;
    }
    let mut frames: Vec<Vec<u8>> = vec![to.as_bytes().to_vec()];
    frames.extend(split.messages.iter().map(|m| m.as_bytes().to_vec()));
    let refs: Vec<&[u8]> = frames.iter().map(Vec::as_slice).collect();
    // Right after the handshake the identity may not be routable yet: retry briefly.
    let grace = Instant::now();
    loop {
        match sock.try_send(&refs) {
            Ok(true) => break,
            Ok(false) if grace.elapsed() >= limit => {
                return Err(send_timeout(sock, limit, 0).into())
            }
            Err(e) if grace.elapsed() >= Duration::from_millis(300) => return Err(e),
            Ok(false) | Err(_) => std::thread::sleep(Duration::from_millis(10)),
        }
    }
    if !ctx.out.quiet() {
        ctx.out.emit(&Sent {
            seq: 1,
            to: Some(crate::output::Payload(to.as_bytes())),
            frames: payloads(&frames[1..]),
        })?;
    }
    Ok(Code::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reply_template() {
        assert_eq!(
            fill("Stop saying: {}", b"message #1"),
            b"Stop saying: message #1"
        );
        assert_eq!(fill("{} and {}", b"x"), b"x and x");
        assert_eq!(fill("fixed", b"x"), b"fixed");
    }
}
