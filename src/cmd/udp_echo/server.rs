//! The UDP echo server: one socket, one thread, `recv_from`/`send_to` in a loop
//! (the fastest shape for UDP; there is no connection to block on). Replies go out
//! before the log line is written, so logging never adds to the peer's RTT. The
//! `--drop/--duplicate/--delay` knobs decide per datagram from a seeded PRNG;
//! delayed replies wait in a queue ordered by due time (so jitter reorders them,
//! as a real network would). It does not keep per-peer state beyond a peer count.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};
use std::io;
use std::net::{SocketAddr, UdpSocket};
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

use serde::Serialize;

use super::ServeArgs;
use crate::cmd::echo_stats::{shown, wait_readable, Rng, ServerSummary};
use crate::cmd::Ctx;
use crate::exit::Code;
use crate::net;
use crate::output::{self, Palette, Payload, Render};
use crate::signal::POLL;

/// Biggest UDP payload (IPv4: 65535 - 20 - 8; IPv6 jumbograms aside).
const MAX_DATAGRAM: usize = 65535;
/// Peers remembered for the summary's count (bounded memory under a flood).
const MAX_PEERS_TRACKED: usize = 1_000_000;

/// A bound server, ready to [`Server::run`].
pub struct Server {
    sock: UdpSocket,
    addr: SocketAddr,
    args: ServeArgs,
}

/// Bind the socket (port 0 works; the real address is [`Server::local_addr`]).
pub fn bind(args: &ServeArgs) -> anyhow::Result<Server> {
    let addr = net::listen_addr(&args.listen, net::DEFAULT_PORT)?;
    let sock = net::bind_udp(addr)?;
    let addr = sock.local_addr()?;
    Ok(Server {
        sock,
        addr,
        args: args.clone(),
    })
}

/// One datagram received, as logged.
#[derive(Debug, Serialize)]
struct Message<'a> {
    time: String,
    peer: SocketAddr,
    bytes: usize,
    #[serde(flatten)]
    payload: Payload<'a>,
    /// What the knobs did: `dropped`, `duplicated`, `delayed`, or absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    action: Option<String>,
}

impl Render for Message<'_> {
    fn kind(&self) -> &str {
        "message"
    }
    fn human(&self, p: &Palette) -> String {
        let action = self
            .action
            .as_ref()
            .map(|a| format!(" ({})", p.warn(a)))
            .unwrap_or_default();
        format!(
            "{} {} said {} bytes: {}{action}",
            p.dim(&self.time),
            p.name(&self.peer.to_string()),
            self.bytes,
            shown(self.payload.0)
        )
    }
}

/// A reply waiting for its `--delay`.
struct Pending {
    due: Instant,
    order: u64,
    peer: SocketAddr,
    data: Vec<u8>,
}

impl PartialEq for Pending {
    fn eq(&self, o: &Self) -> bool {
        (self.due, self.order) == (o.due, o.order)
    }
}
impl Eq for Pending {}
impl PartialOrd for Pending {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Pending {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        (self.due, self.order).cmp(&(o.due, o.order))
    }
}

#[derive(Default)]
struct Tally {
    messages: u64,
    bytes: u64,
    dropped: u64,
    duplicated: u64,
    peers: HashSet<SocketAddr>,
}

impl Server {
    /// The bound address (with the real port when `:0` was asked for).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serve until `--count` datagrams or a stop (Ctrl-C, SIGTERM, a lab), then
    /// send any delayed replies still queued and print the summary.
    pub fn run(self, ctx: &Ctx) -> anyhow::Result<Code> {
        let started = Instant::now();
        let mut rng = self.args.seed.map(Rng::new).unwrap_or_else(Rng::from_clock);
        let mut queue: BinaryHeap<Reverse<Pending>> = BinaryHeap::new();
        let mut tally = Tally::default();
        let mut buf = vec![0u8; MAX_DATAGRAM];
        self.sock.set_read_timeout(Some(POLL))?;
        let reply = self.args.reply.as_ref().map(|r| r.as_bytes().to_vec());
        // Log lines go to a logger thread: a stdout nobody reads drops lines
        // (counted) instead of stopping the serving; a closed one stops it.
        let gone = crate::signal::Stop::new();
        let logger = crate::net::serve::Logger::start(ctx.out.clone(), gone.clone());
        let mut log = logger.sink();
        loop {
            let now = Instant::now();
            self.flush_due(&mut queue, now);
            let done = self.args.count.is_some_and(|c| tally.messages >= c);
            if ctx.stop.is_stopped() || gone.is_stopped() || (done && queue.is_empty()) {
                break;
            }
            let next_due = queue.peek().map(|p| p.0.due.saturating_duration_since(now));
            let wait = next_due
                .map_or(POLL, |d| d.min(POLL))
                .max(Duration::from_micros(100));
            if done {
                std::thread::sleep(wait);
                continue;
            }
            // Hot path: a blocking receive with the stop-poll timeout. With delayed
            // replies queued, wait precisely for the first one to fall due.
            if !queue.is_empty() && !wait_readable(self.sock.as_raw_fd(), wait)? {
                continue;
            }
            let (n, peer) = match self.sock.recv_from(&mut buf) {
                Ok(x) => x,
                Err(e) if is_transient(&e) => continue,
                Err(e) => return Err(anyhow::Error::new(e).context("receiving a datagram")),
            };
            let data = &buf[..n];
            let answer = reply.as_deref().unwrap_or(data);
            let action = self.answer(ctx, &mut rng, &mut queue, &mut tally, peer, answer);
            tally.messages += 1;
            tally.bytes += n as u64;
            if tally.peers.len() < MAX_PEERS_TRACKED {
                tally.peers.insert(peer);
            }
            if !ctx.out.quiet() {
                log.line(ctx.out.render(&Message {
                    time: output::timestamp(),
                    peer,
                    bytes: n,
                    payload: Payload(data),
                    action,
                })?);
                log.flush();
            }
        }
        drop(log);
        let dropped = logger.finish();
        if dropped > 0 {
            ctx.out.warn(&format!(
                "{dropped} log lines dropped: stdout was not read fast enough (serving went on)"
            ))?;
        }
        // Replies still waiting for their delay when a stop came are dropped.
        ctx.out.emit(&ServerSummary {
            proto: "udp",
            peers: tally.peers.len() as u64,
            messages: tally.messages,
            bytes: tally.bytes,
            duration_s: started.elapsed().as_secs_f64(),
            dropped: Some(tally.dropped),
            duplicated: Some(tally.duplicated),
            refused: None,
        })?;
        Ok(Code::Ok)
    }

    /// Apply the knobs and send (or queue) the reply; returns what the knobs did.
    fn answer(
        &self,
        ctx: &Ctx,
        rng: &mut Rng,
        queue: &mut BinaryHeap<Reverse<Pending>>,
        tally: &mut Tally,
        peer: SocketAddr,
        answer: &[u8],
    ) -> Option<String> {
        let a = &self.args;
        if a.drop > 0.0 && rng.chance(a.drop) {
            tally.dropped += 1;
            return Some("dropped".into());
        }
        let copies = if a.duplicate > 0.0 && rng.chance(a.duplicate) {
            tally.duplicated += 1;
            2
        } else {
            1
        };
        let mut action = (copies == 2).then(|| "duplicated".to_string());
        for _ in 0..copies {
            match &a.delay {
                Some(d) => {
                    let delay = d.sample(rng);
                    let ms = output::ms(delay);
                    action = Some(match action.take() {
                        Some(x) if x.contains("delayed") => format!("{x} and {ms:.3} ms"),
                        Some(x) => format!("{x}, delayed {ms:.3} ms"),
                        None => format!("delayed {ms:.3} ms"),
                    });
                    let order = tally.messages * 2 + queue.len() as u64;
                    queue.push(Reverse(Pending {
                        due: Instant::now() + delay,
                        order,
                        peer,
                        data: answer.to_vec(),
                    }));
                }
                None => self.send(ctx, peer, answer),
            }
        }
        action
    }

    fn flush_due(&self, queue: &mut BinaryHeap<Reverse<Pending>>, now: Instant) {
        while queue.peek().is_some_and(|p| p.0.due <= now) {
            if let Some(Reverse(p)) = queue.pop() {
                let _ = self.sock.send_to(&p.data, p.peer);
            }
        }
    }

    fn send(&self, ctx: &Ctx, peer: SocketAddr, data: &[u8]) {
        if let Err(e) = self.sock.send_to(data, peer) {
            let _ = ctx.out.warn(&format!("replying to {peer}: {e}"));
        }
    }
}

/// Errors that end one `recv_from`, not the server: the read timeout, a signal,
/// and ICMP errors some stacks report on an unconnected socket.
fn is_transient(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock
            | io::ErrorKind::TimedOut
            | io::ErrorKind::Interrupted
            | io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionReset
    )
}
