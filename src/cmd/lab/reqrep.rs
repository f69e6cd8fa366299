//! Lab `reqrep` (SEED §1 request-reply, §6 REQ/REP): a synchronous request/reply
//! exchange over TCP — each client sends a request and waits for its reply before the
//! next — with several clients served by one server at once, as many REQ sockets
//! may talk to one REP. Uses `tcp-echo` with line framing: the reply to a request
//! is the request itself.

use std::time::Duration;

use super::{events_of, Lab};

const LAB: &str = "reqrep";
const CLIENTS: usize = 3;
const REQUESTS: usize = 5;

pub fn run(lab: &Lab) -> anyhow::Result<()> {
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
