//! Lab `reqrep` (chapter §1 request-reply and §6 REQ/REP,
//! [docs/material.md](../../../docs/material.md#6-zeromq-request-reply)): first the
//! chapter's programs over ZeroMQ — `zmq rep --reply 'Stop saying: {}'` and several
//! `zmq req` clients, each reply matched to its request — then, as the contrast,
//! the same synchronous exchange over plain TCP with `tcp-echo` and line framing,
//! where the program itself must frame messages and reconnect.

use std::time::Duration;

use super::{events_of, wait_for, Lab};
use crate::output::SharedBuf;

const LAB: &str = "reqrep";
const CLIENTS: usize = 3;
const REQUESTS: usize = 5;

pub fn run(lab: &Lab) -> anyhow::Result<()> {
    zmq_reqrep(lab)?;
    tcp_contrast(lab)
}

/// The `tcp://ADDR` endpoints a ZeroMQ command bound (its `listening` events).
pub(super) fn bound_endpoints(cap: &SharedBuf, n: usize) -> anyhow::Result<Vec<String>> {
    wait_for(cap, "listening", n, Duration::from_secs(10))?;
    Ok(events_of(cap, "listening")
        .iter()
        .map(|e| format!("tcp://{}", e["address"].as_str().unwrap_or("")))
        .collect())
}

/// The frames of an event, as text.
pub(super) fn frames_of(ev: &serde_json::Value, key: &str) -> Vec<String> {
    ev[key]
        .as_array()
        .map(|fs| {
            fs.iter()
                .map(|f| f["data"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// One REP, several REQ clients: every reply is "Stop saying: " + its request.
fn zmq_reqrep(lab: &Lab) -> anyhow::Result<()> {
    let total = (CLIENTS * REQUESTS).to_string();
    let (server, scap) = lab.command_in_background(
        "server",
        &[
            "zmq",
            "rep",
            "tcp://127.0.0.1:0",
            "--reply",
            "Stop saying: {}",
            "--count",
            &total,
        ],
    )?;
    let ep = bound_endpoints(&scap, 1)?.remove(0);
    let count = REQUESTS.to_string();
    let mut clients = Vec::new();
    for n in 1..=CLIENTS {
        let message = format!("message #{{n}} from client {n}");
        let argv = ["zmq", "req", &ep, &message, "--count", &count];
        clients.push(lab.command_in_background(&format!("client {n}"), &argv)?);
    }
    lab.explain(
        "a REQ socket must alternate send and receive; the REP answers one request at a \
         time and ZeroMQ routes each reply back to the client that asked",
    )?;
    let mut matched = 0;
    for (bg, cap) in clients {
        bg.join(Duration::from_secs(15))?;
        matched += events_of(&cap, "reply")
            .iter()
            .filter(|r| {
                let req = frames_of(r, "request");
                frames_of(r, "frames") == [format!("Stop saying: {}", req[0])]
            })
            .count();
    }
    server.join(Duration::from_secs(10))?;
    let want = CLIENTS * REQUESTS;
    lab.check(
        LAB,
        "ZeroMQ: every request got its own reply (Stop saying: ...)",
        matched == want,
        format!("{matched}/{want} replies matched their request"),
    )?;
    let heard = events_of(&scap, "request").len();
    lab.check(
        LAB,
        "ZeroMQ: one REP served every client",
        heard == want,
        format!("{heard} requests"),
    )?;
    lab.explain(
        "ZeroMQ frames each message (no newline convention needed) and reconnects in the \
         background; next, the same exchange over plain TCP, where the program does both",
    )?;
    Ok(())
}

/// The same exchange over TCP with `tcp-echo` (line framing: the reply is the request).
fn tcp_contrast(lab: &Lab) -> anyhow::Result<()> {
    let total = (CLIENTS * REQUESTS).to_string();
    let server = super::tcp::bind(
        lab,
        &[
            "tcp-echo",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--framing",
            "line",
            "--count",
            &total,
        ],
    )?;
    let (addr, server, scap) = super::tcp::start(lab, server)?;

    let target = addr.to_string();
    let count = REQUESTS.to_string();
    let mut clients = Vec::new();
    for n in 1..=CLIENTS {
        let side = format!("client {n}");
        let message = format!("message from client #{n}");
        clients.push(lab.command_in_background(
            &side,
            &[
                "tcp-echo",
                "send",
                &target,
                &message,
                "--framing",
                "line",
                "--count",
                &count,
                "--interval",
                "20ms",
            ],
        )?);
    }
    lab.explain("each client sends one request and blocks until its reply: that is what makes it synchronous")?;
    let mut replies_ok = true;
    let mut detail = Vec::new();
    for (i, (bg, cap)) in clients.into_iter().enumerate() {
        bg.join(Duration::from_secs(15))?;
        let want = format!("message from client #{}", i + 1);
        let replies = events_of(&cap, "reply");
        let good = replies
            .iter()
            .filter(|r| r["data"] == want.as_str())
            .count();
        replies_ok &= good == REQUESTS;
        detail.push(format!("client {}: {good}/{REQUESTS}", i + 1));
    }
    server.join(Duration::from_secs(10))?;
    lab.check(
        LAB,
        "every request got its own reply",
        replies_ok,
        detail.join(", "),
    )?;
    // Served at once: every client had connected before the first one was done.
    let order: Vec<String> = scap
        .events()
        .iter()
        .filter_map(|e| e["type"].as_str().map(str::to_string))
        .filter(|t| t == "connection" || t == "closed")
        .collect();
    let last_connect = order.iter().rposition(|t| t == "connection");
    let first_close = order.iter().position(|t| t == "closed");
    let connections = order.iter().filter(|t| *t == "connection").count();
    let overlapped = connections == CLIENTS
        && matches!((last_connect, first_close), (Some(c), Some(d)) if c < d);
    lab.check(
        LAB,
        "one server served all clients at once",
        overlapped,
        format!("{connections} connections, all open together: {overlapped}"),
    )?;
    lab.explain(
        "the server handles each connection independently, so a slow client does not hold \
         up the others; ZeroMQ's REQ/REP adds the strict send/receive alternation on top",
    )?;
    Ok(())
}
