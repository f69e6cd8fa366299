//! `rpc-call --repeat N --concurrency C`: N calls in all over C connections at
//! once, from one thread (like `ab -n N -c C`, and event-driven like `wrk`, so
//! that the client is not what is measured). Each connection has one call in
//! flight; when the server closes after an answer (Python's HTTP/1.0 server
//! does, every time) the next call on that slot opens a new connection. Calls are
//! encoded and answers decoded by `client` (`request_bytes`, `reply_in`); this
//! module only moves bytes and keeps time. It does not pipeline, pace, trace or
//! retry a failed call: a transport or protocol failure ends the run (exit 3),
//! a fault is counted, and Ctrl-C ends it with the calls answered so far.
//!
//! Over TLS (`https://`) each connection also holds a rustls `ClientConnection`
//! driven without blocking: the request goes into the session (which keeps it
//! until the handshake is done), the socket is polled for reading and, while the
//! session has records queued, for writing; bytes read go through the session and
//! its plaintext is the answer. The first connection's handshake is done
//! blocking, as for a single call, so a bad certificate reads exactly the same.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::fd::AsRawFd;
use std::time::{Duration, Instant};

use rustls::pki_types::ServerName;
use rustls::ClientConnection;
use serde_json::Value as Json;
use socket2::{Domain, Socket, Type};

use super as client;
use super::failure;
use super::target::Target;
use super::{Found, Outcome};
use crate::cmd::rpc::Proto;
use crate::exit;
use crate::exit::Kind;
use crate::net::tls::{self, TlsClient, TlsError};
use crate::rtt::RttHistogram;
use crate::signal::{Stop, POLL};

/// How many of a connection's first bytes are kept to explain a failed handshake.
const KEEP: usize = 64;

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
    /// `https://`: the TLS setup every connection uses.
    pub tls: Option<&'a TlsClient>,
}

/// TLS for every connection of the run: the config and the server name.
struct Tls<'a> {
    client: &'a TlsClient,
    name: ServerName<'static>,
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
    /// Over TLS: the session of `stream`.
    tls: Option<Box<ClientConnection>>,
    /// Over TLS: the connection's first bytes, while it is handshaking.
    seen: Vec<u8>,
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
    let hp = target.host_port();
    let first = crate::net::connect_tcp(hp, plan.timeout).map_err(failure::refused_hint)?;
    let addr = first.peer_addr()?;
    let tls = match plan.tls {
        Some(client) => Some(Tls {
            client,
            name: client.name_for(&hp.host)?,
        }),
        None => None,
    };
    let (first, first_tls) = match &tls {
        Some(t) => {
            let deadline = Instant::now() + plan.timeout;
            let s = tls::client::connect_name(first, t.client, t.name.clone(), deadline, plan.stop)
                .map_err(|e| e.into_failure(&format!("TLS with {hp}")))?;
            let (conn, tcp) = s.into_parts();
            (tcp, Some(Box::new(conn)))
        }
        None => (first, None),
    };
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
            tls: None,
            seen: Vec::new(),
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
    slots[0].tls = first_tls;
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
            begin(slot, addr, tls.as_ref(), &mut load)?;
            if slot.state == State::Sending {
                // Most requests fit the socket buffer at once: send now rather
                // than after one more poll.
                send(slot, addr, tls.as_ref(), target, &mut load)?;
            }
        }
        fds.clear();
        live.clear();
        for (i, slot) in slots.iter().enumerate() {
            let events = match slot.state {
                State::Connecting | State::Sending => libc::POLLOUT,
                State::Receiving => match &slot.tls {
                    Some(c) if c.wants_write() => libc::POLLIN | libc::POLLOUT,
                    _ => libc::POLLIN,
                },
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
                let answer = step(slot, addr, plan, tls.as_ref(), &mut chunk, &mut load)?;
                if let Some((outcome, rtt)) = answer {
                    load.calls += 1;
                    load.rtts.push(rtt);
                    if matches!(outcome, Outcome::Fault { .. }) {
                        load.faults += 1;
                    }
                    each(&outcome, rtt)?;
                }
            } else if slot.started.elapsed() > plan.timeout {
                if slot.tls.as_ref().is_some_and(|c| c.is_handshaking()) {
                    let e = TlsError::Timeout(plan.timeout);
                    return Err(e.into_failure(&format!("TLS with {hp}")).into());
                }
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
fn begin(
    slot: &mut Slot,
    addr: SocketAddr,
    tls: Option<&Tls>,
    load: &mut Load,
) -> anyhow::Result<()> {
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
    slot.tls = match tls {
        Some(t) => Some(Box::new(
            ClientConnection::new(t.client.config.clone(), t.name.clone())
                .map_err(|e| TlsError::Protocol(e.to_string()).into_failure("TLS"))?,
        )),
        None => None,
    };
    slot.seen.clear();
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
    tls: Option<&Tls>,
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
        send(slot, addr, tls, target, load)?;
        return Ok(None);
    }
    if let Some(conn) = slot.tls.as_mut() {
        // Records the session queued (handshake messages, the request).
        if let Err(e) = flush_tls(conn, stream) {
            if slot.answered > 0 && !slot.retried {
                return reopen(slot, addr, tls, load);
            }
            return Err(anyhow::Error::new(e).context(format!("sending to {target}")));
        }
    }
    let mut eof = false;
    match stream.read(chunk) {
        Ok(0) => eof = true,
        Ok(n) => match slot.tls.as_mut() {
            Some(conn) => {
                if conn.is_handshaking() && slot.seen.len() < KEEP {
                    slot.seen
                        .extend_from_slice(&chunk[..n.min(KEEP - slot.seen.len())]);
                }
                eof = decrypt(conn, &chunk[..n], &mut slot.input)
                    .map_err(|e| TlsError::from_rustls(e, &slot.seen, &[]))
                    .map_err(|e| e.into_failure(&format!("TLS with {target}")))?;
                // The handshake may have ended: the request can go out now.
                queue_request(conn, &slot.request, &mut slot.sent);
                flush_tls(conn, stream).ok();
            }
            None => slot.input.extend_from_slice(&chunk[..n]),
        },
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted
            ) =>
        {
            return Ok(None)
        }
        Err(_) if slot.input.is_empty() && slot.answered > 0 && !slot.retried => {
            return reopen(slot, addr, tls, load)
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
                    slot.tls = None;
                }
                slot.answered += 1;
                slot.state = State::Idle;
                return Ok(Some((outcome, rtt)));
            }
            None if eof => {
                if slot.input[used..].is_empty() && slot.answered > 0 && !slot.retried {
                    return reopen(slot, addr, tls, load);
                }
                if slot.tls.as_ref().is_some_and(|c| c.is_handshaking()) {
                    let e = if slot.seen.is_empty() {
                        TlsError::Closed
                    } else {
                        TlsError::from_rustls(rustls::Error::HandshakeNotComplete, &slot.seen, &[])
                    };
                    return Err(e.into_failure(&format!("TLS with {target}")).into());
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
/// Over TLS the request goes into the session, which sends it when it can.
fn send(
    slot: &mut Slot,
    addr: SocketAddr,
    tls: Option<&Tls>,
    target: &Target,
    load: &mut Load,
) -> anyhow::Result<()> {
    if let (Some(conn), Some(stream)) = (slot.tls.as_mut(), slot.stream.as_mut()) {
        queue_request(conn, &slot.request, &mut slot.sent);
        if let Err(e) = flush_tls(conn, stream) {
            if slot.answered > 0 && !slot.retried {
                return reopen(slot, addr, tls, load).map(|_| ());
            }
            return Err(anyhow::Error::new(e).context(format!("sending to {target}")));
        }
        slot.state = State::Receiving;
        return Ok(());
    }
    while slot.sent < slot.request.len() {
        let Some(stream) = slot.stream.as_mut() else {
            return Ok(());
        };
        match stream.write(&slot.request[slot.sent..]) {
            Ok(n) => slot.sent += n,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(()),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) if slot.answered > 0 && !slot.retried => {
                return reopen(slot, addr, tls, load).map(|_| ())
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
    tls: Option<&Tls>,
    load: &mut Load,
) -> anyhow::Result<Option<(Outcome, Duration)>> {
    slot.stream = None;
    slot.tls = None;
    slot.sent = 0;
    slot.retried = true;
    begin(slot, addr, tls, load)?;
    Ok(None)
}

/// Hand the session what it takes of the request (before the handshake ends it
/// buffers up to its limit; the rest goes in on a later call).
fn queue_request(conn: &mut ClientConnection, request: &[u8], sent: &mut usize) {
    while *sent < request.len() {
        match conn.writer().write(&request[*sent..]) {
            Ok(n) if n > 0 => *sent += n,
            _ => break,
        }
    }
}

/// Write the session's queued records until the socket would block.
fn flush_tls(conn: &mut ClientConnection, stream: &mut TcpStream) -> io::Result<()> {
    while conn.wants_write() {
        match conn.write_tls(stream) {
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Feed bytes read from the socket to the session; its plaintext is appended to
/// `input`. True when the server sent close_notify.
fn decrypt(
    conn: &mut ClientConnection,
    mut bytes: &[u8],
    input: &mut Vec<u8>,
) -> Result<bool, rustls::Error> {
    let mut closed = false;
    while !bytes.is_empty() {
        if conn.read_tls(&mut bytes).is_err() {
            return Err(rustls::Error::General(
                "a TLS record too large to buffer".into(),
            ));
        }
        let state = conn.process_new_packets()?;
        closed |= state.peer_has_closed();
        let mut plain = [0u8; 16 * 1024];
        loop {
            match conn.reader().read(&mut plain) {
                Ok(0) | Err(_) => break,
                Ok(n) => input.extend_from_slice(&plain[..n]),
            }
        }
    }
    Ok(closed)
}
