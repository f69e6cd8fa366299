//! `rpc-call --repeat N --concurrency C`: N calls in all over C connections at
//! once, from one thread (like `ab -n N -c C`, and event-driven like `wrk`, so
//! that the client is not what is measured). Each connection has one call in
//! flight; when the server closes after an answer (Python's HTTP/1.0 server
//! does, every time) the next call on that slot opens a new connection. Calls are
//! encoded and answers decoded by `client` (`request_bytes`, `reply_in`); this
//! module only moves bytes and keeps time. It does not pipeline, pace, trace or
//! retry a failed call: a transport or protocol failure ends the run (exit 3),
//! a fault is counted, and Ctrl-C ends it with the calls answered so far.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

use serde_json::Value as Json;
use socket2::{Domain, Socket, Type};

use super as client;
use super::failure;
use super::target::Target;
use super::{Found, Outcome};
use crate::cmd::rpc::Proto;
use crate::cmd::rtt::RttHistogram;
use crate::exit;
use crate::exit::Kind;
use crate::signal::{Stop, POLL};

/// What a load run did.
pub struct Load {
    pub calls: u64,
    pub faults: u64,
    pub connections: u64,
    pub rtts: RttHistogram,
}

/// The run's fixed inputs.
pub struct Plan<'a> {
    pub target: &'a Target,
    pub method: &'a str,
    pub params: &'a Json,
    pub calls: u64,
    pub concurrency: usize,
    pub timeout: Duration,
    pub max_size: usize,
    pub stop: &'a Stop,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Connecting,
    Sending,
    Receiving,
    Idle,
}

struct Slot {
    stream: Option<TcpStream>,
    state: State,
    request: Vec<u8>,
    sent: usize,
    input: Vec<u8>,
    id: u32,
    started: Instant,
    /// Answers this connection has given (a kept-alive connection the server
    /// closed before answering is reopened once, as the single-call client does).
    answered: u64,
    retried: bool,
}

/// Run the calls; `each` sees every outcome with its round-trip time.
pub fn run(
    plan: &Plan,
    mut each: impl FnMut(&Outcome, Duration) -> anyhow::Result<()>,
) -> anyhow::Result<Load> {
    let target = plan.target;
    // The first connection is made blocking, so that a refused or unreachable
    // server reads exactly as it does for a single call.
    let first =
        crate::net::connect_tcp(target.host_port(), plan.timeout).map_err(failure::refused_hint)?;
    let addr = first.peer_addr()?;
    let fixed = match target.proto {
        Proto::Xmlrpc => Some(client::request_bytes(target, plan.method, plan.params, 0)?),
        _ => None,
    };
    let mut load = Load {
        calls: 0,
        faults: 0,
        connections: 1,
        rtts: RttHistogram::new(),
    };
    let width = plan.concurrency.clamp(1, plan.calls.max(1) as usize);
    let mut slots: Vec<Slot> = (0..width)
        .map(|_| Slot {
            stream: None,
            state: State::Idle,
            request: Vec::new(),
            sent: 0,
            input: Vec::new(),
            id: 0,
            started: Instant::now(),
            answered: 0,
            retried: false,
        })
        .collect();
    first.set_nonblocking(true)?;
    first.set_nodelay(true)?;
    slots[0].stream = Some(first);
    let mut issued = 0u64;
    let mut next_id = 1u32;
    let mut chunk = vec![0u8; 64 * 1024];
    let mut fds: Vec<libc::pollfd> = Vec::with_capacity(width);
    let mut live: Vec<usize> = Vec::with_capacity(width);
    loop {
        // Give every idle slot its next call.
        for slot in slots.iter_mut().filter(|s| s.state == State::Idle) {
            if issued == plan.calls || plan.stop.is_stopped() {
                break;
            }
            issued += 1;
            slot.id = next_id;
            next_id = next_id.wrapping_add(1);
            slot.request = match &fixed {
                Some(bytes) => bytes.clone(),
                None => client::request_bytes(target, plan.method, plan.params, slot.id)?,
            };
            slot.started = Instant::now();
            slot.retried = false;
            begin(slot, addr, &mut load)?;
            if slot.state == State::Sending {
                // Most requests fit the socket buffer at once: send now rather
                // than after one more poll.
                send(slot, addr, target, &mut load)?;
            }
        }
        fds.clear();
        live.clear();
        for (i, slot) in slots.iter().enumerate() {
            let events = match slot.state {
                State::Connecting | State::Sending => libc::POLLOUT,
                State::Receiving => libc::POLLIN,
                State::Idle => continue,
            };
            let fd = slot.stream.as_ref().map_or(-1, |s| s.as_raw_fd());
            fds.push(libc::pollfd {
                fd,
                events,
                revents: 0,
            });
            live.push(i);
        }
        if live.is_empty() || plan.stop.is_stopped() {
            break; // all calls answered, or Ctrl-C: calls in flight are dropped
        }
        // SAFETY: `fds` is a valid array of fds.len() pollfds for the call's duration.
        let n = unsafe {
            libc::poll(
                fds.as_mut_ptr(),
                fds.len() as libc::nfds_t,
                POLL.as_millis() as libc::c_int,
            )
        };
        if n < 0 {
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::Interrupted {
                return Err(e.into());
            }
        }
        for (k, &i) in live.iter().enumerate() {
            let slot = &mut slots[i];
            if fds[k].revents != 0 {
                let answer = step(slot, addr, plan, &mut chunk, &mut load)?;
                if let Some((outcome, rtt)) = answer {
                    load.calls += 1;
                    load.rtts.push(rtt);
                    if matches!(outcome, Outcome::Fault { .. }) {
                        load.faults += 1;
                    }
                    each(&outcome, rtt)?;
                }
            } else if slot.started.elapsed() > plan.timeout {
                return Err(exit::network(
                    Kind::Timeout,
                    format!(
                        "{target}: no answer within {:?} (call {} of {})",
                        plan.timeout, slot.id, plan.calls
                    ),
                )
                .into());
            }
        }
    }
    Ok(load)
}

/// Start the slot's call: on its open connection, or on a new one.
fn begin(slot: &mut Slot, addr: SocketAddr, load: &mut Load) -> anyhow::Result<()> {
    slot.sent = 0;
    slot.input.clear();
    if slot.stream.is_some() {
        slot.state = State::Sending;
        return Ok(());
    }
    let sock = Socket::new(Domain::for_address(addr), Type::STREAM, None).map_err(|e| {
        let hint = if e.raw_os_error() == Some(libc::EMFILE) {
            " (raise `ulimit -n` or lower --concurrency)"
        } else {
            ""
        };
        anyhow::Error::new(e).context(format!(
            "opening connection {} to {addr}{hint}",
            load.connections + 1
        ))
    })?;
    sock.set_nonblocking(true)?;
    sock.set_tcp_nodelay(true)?;
    match sock.connect(&addr.into()) {
        Ok(()) => slot.state = State::Sending,
        Err(e) if e.raw_os_error() == Some(libc::EINPROGRESS) => slot.state = State::Connecting,
        Err(e) => return Err(connect_failed(addr, e)),
    }
    slot.stream = Some(sock.into());
    slot.answered = 0;
    load.connections += 1;
    Ok(())
}

fn connect_failed(addr: SocketAddr, e: io::Error) -> anyhow::Error {
    failure::refused_hint(anyhow::Error::new(e).context(format!("connecting to {addr}")))
}

/// Move the slot on after poll said its socket is ready; `Some` when its answer
/// is complete (the slot is then idle, its connection kept or closed).
fn step(
    slot: &mut Slot,
    addr: SocketAddr,
    plan: &Plan,
    chunk: &mut [u8],
    load: &mut Load,
) -> anyhow::Result<Option<(Outcome, Duration)>> {
    let target = plan.target;
    let Some(stream) = slot.stream.as_mut() else {
        return Ok(None);
    };
    if slot.state == State::Connecting {
        if let Some(e) = stream.take_error()? {
            return Err(connect_failed(addr, e));
        }
        slot.state = State::Sending;
    }
    if slot.state == State::Sending {
        send(slot, addr, target, load)?;
        return Ok(None);
    }
    let mut eof = false;
    match stream.read(chunk) {
        Ok(0) => eof = true,
        Ok(n) => slot.input.extend_from_slice(&chunk[..n]),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted
            ) =>
        {
            return Ok(None)
        }
        Err(_) if slot.input.is_empty() && slot.answered > 0 && !slot.retried => {
            return reopen(slot, addr, load)
        }
        Err(e) => {
            return Err(anyhow::Error::new(e).context(format!("reading the answer from {target}")))
        }
    }
    let mut used = 0;
    loop {
        match client::reply_in(target, &slot.input[used..], eof, slot.id, plan.max_size)? {
            Some(Found::Skip(n)) => used += n,
            Some(Found::Answer {
                outcome,
                used: _,
                keep,
            }) => {
                let rtt = slot.started.elapsed();
                slot.input.clear();
                if !keep || eof {
                    slot.stream = None;
                }
                slot.answered += 1;
                slot.state = State::Idle;
                return Ok(Some((outcome, rtt)));
            }
            None if eof => {
                if slot.input[used..].is_empty() && slot.answered > 0 && !slot.retried {
                    return reopen(slot, addr, load);
                }
                return Err(exit::network(
                    Kind::ConnectionLost,
                    format!("{target} closed the connection before answering"),
                )
                .into());
            }
            None => {
                slot.input.drain(..used);
                return Ok(None);
            }
        }
    }
}

/// Write what the socket takes of the slot's request; all of it: receive next.
fn send(slot: &mut Slot, addr: SocketAddr, target: &Target, load: &mut Load) -> anyhow::Result<()> {
    while slot.sent < slot.request.len() {
        let Some(stream) = slot.stream.as_mut() else {
            return Ok(());
        };
        match stream.write(&slot.request[slot.sent..]) {
            Ok(n) => slot.sent += n,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(()),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) if slot.answered > 0 && !slot.retried => {
                return reopen(slot, addr, load).map(|_| ())
            }
            Err(e) => return Err(anyhow::Error::new(e).context(format!("sending to {target}"))),
        }
    }
    slot.state = State::Receiving;
    Ok(())
}

/// A kept-alive connection the server closed between calls: send the call
/// again once, on a new connection.
fn reopen(
    slot: &mut Slot,
    addr: SocketAddr,
    load: &mut Load,
) -> anyhow::Result<Option<(Outcome, Duration)>> {
    slot.stream = None;
    slot.retried = true;
    begin(slot, addr, load)?;
    Ok(None)
}
