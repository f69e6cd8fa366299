//! Lab `broker` (chapter §6 ROUTER/DEALER brokers,
//! [docs/material.md](../../../docs/material.md#6-zeromq-request-reply)): REQ
//! clients talk to `zmq proxy` (a ROUTER in front, a DEALER behind), which spreads
//! their requests over REP workers; neither side knows how many of the other
//! there are. Every request is answered once, by one of the workers.

use std::collections::BTreeSet;
use std::time::Duration;

use super::reqrep::{bound_endpoints, frames_of};
use super::{events_of, wait_for, Lab};

const LAB: &str = "broker";
const CLIENTS: usize = 3;
const REQUESTS: usize = 4;
const WORKERS: usize = 2;

pub fn run(lab: &Lab) -> anyhow::Result<()> {
    let (proxy, pcap) = lab.command_in_background(
        "broker",
        &["zmq", "proxy", "tcp://127.0.0.1:0", "tcp://127.0.0.1:0"],
    )?;
    let eps = bound_endpoints(&pcap, 2)?;
    let (front, back) = (eps[0].clone(), eps[1].clone());
    let mut workers = Vec::new();
    for w in 1..=WORKERS {
        let reply = format!("worker {w}: {{}}");
        let argv = ["zmq", "rep", "--connect", &back, "--reply", &reply, "-q"];
        workers.push(lab.command_in_background("server", &argv)?);
    }
    // The broker reports each worker's handshake: then requests can be spread.
    wait_for(&pcap, "peer", WORKERS, Duration::from_secs(10))?;
    lab.explain(
        "workers connect to the broker's DEALER, clients to its ROUTER: the broker is the \
         one stable address, and workers can come and go",
    )?;
    let count = REQUESTS.to_string();
    let mut clients = Vec::new();
    for c in 1..=CLIENTS {
        let msg = format!("client {c} request #{{n}}");
        let argv = ["zmq", "req", &front, &msg, "--count", &count];
        clients.push(lab.command_in_background(&format!("client {c}"), &argv)?);
    }
    let (mut matched, mut served_by) = (0, BTreeSet::new());
    for (bg, cap) in clients {
        bg.join(Duration::from_secs(15))?;
        for r in events_of(&cap, "reply") {
            let req = frames_of(&r, "request");
            let rep = frames_of(&r, "frames");
            if let Some((who, what)) = rep.first().and_then(|f| f.split_once(": ")) {
                if req.first().map(String::as_str) == Some(what) {
                    matched += 1;
                    served_by.insert(who.to_string());
                }
            }
        }
    }
    for (bg, _) in workers {
        bg.stop_and_join()?;
    }
    proxy.stop_and_join()?;
    let want = CLIENTS * REQUESTS;
    lab.check(
        LAB,
        "every request was answered once, through the broker",
        matched == want,
        format!("{matched}/{want} replies matched their request"),
    )?;
    lab.check(
        LAB,
        "the broker spread requests over both workers",
        served_by.len() == WORKERS,
        format!("served by {served_by:?}"),
    )?;
    let summary = events_of(&pcap, "summary");
    let count = |k: &str| summary.first().and_then(|s| s[k].as_u64()).unwrap_or(0);
    let (up, down) = (count("frontend_to_backend"), count("backend_to_frontend"));
    lab.check(
        LAB,
        "the broker counted each request and each reply",
        up == want as u64 && down == want as u64,
        format!("{up} requests and {down} replies forwarded"),
    )?;
    lab.explain(
        "the ROUTER adds the client's identity to each request; the reply carries it back, \
         so the ROUTER knows which client to answer",
    )?;
    Ok(())
}
