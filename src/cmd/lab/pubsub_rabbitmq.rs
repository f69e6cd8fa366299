//! Lab `pubsub-rabbitmq` (chapter §3, [docs/material.md](../../../docs/material.md)):
//! the pika publish/subscribe tutorial on a RabbitMQ broker. Two subscribers each
//! declare an exclusive server-named queue bound to the fanout exchange, so each
//! gets every message (a broadcast, as with Redis); then, once they are gone, a
//! `--mandatory` publish comes back unroutable — AMQP can say that nobody heard.
//!
//! netkit embeds no AMQP broker: the lab uses the one at `NETKIT_AMQP_URL`
//! (default `amqp://127.0.0.1:5672`) and, when none answers there, says so and
//! skips its steps.

use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use super::{events_of, wait_for, Lab};
use crate::net::parse_url;

const LAB: &str = "pubsub-rabbitmq";
const EXCHANGE: &str = "netkit-lab-logs";
const MESSAGES: [&str; 3] = [
    "info: Hello World!",
    "warning: disk 91% full",
    "error: catA lost hatB",
];

pub fn run(lab: &Lab) -> anyhow::Result<()> {
    let url = std::env::var("NETKIT_AMQP_URL").unwrap_or_else(|_| "amqp://127.0.0.1:5672".into());
    if !reachable(&url) {
        lab.say(
            "lab",
            format!(
                "skipping: no rabbitmq-server answers at {url} (start one, or set NETKIT_AMQP_URL)"
            ),
        )?;
        lab.check(
            LAB,
            "no broker reachable, so the AMQP steps were skipped",
            true,
            format!("nothing listening at {url}"),
        )?;
        lab.explain(
            "AMQP needs a broker in the middle (RabbitMQ); netkit embeds one only for Redis",
        )?;
        return Ok(());
    }
    broadcast(lab, &url)?;
    unroutable(lab, &url)
}

/// Is anything listening at the URL's host and port (a short TCP connect)?
fn reachable(url: &str) -> bool {
    let Ok(u) = parse_url(url) else { return false };
    let hp = u
        .host_port(super::super::pubsub::amqp::DEFAULT_PORT)
        .to_string();
    hp.to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
        .is_some_and(|a| TcpStream::connect_timeout(&a, Duration::from_secs(1)).is_ok())
}

fn broadcast(lab: &Lab, url: &str) -> anyhow::Result<()> {
    let n = MESSAGES.len().to_string();
    let argv = ["sub", url, EXCHANGE, "--count", &n, "--timeout", "20s"];
    let (one, cap1) = lab.command_in_background("subscriber", &argv)?;
    let (two, cap2) = lab.command_in_background("subscriber", &argv)?;
    wait_for(&cap1, "subscribe", 1, Duration::from_secs(20))?;
    wait_for(&cap2, "subscribe", 1, Duration::from_secs(20))?;
    lab.explain(
        "each subscriber declared the fanout exchange, an exclusive queue with a name the \
         broker chose (amq.gen-...), and bound the queue to the exchange: the pika tutorial",
    )?;
    let mut argv = vec!["pub", url, EXCHANGE];
    argv.extend(MESSAGES);
    let (_, pcap) = lab.command("publisher", &argv)?;
    let confirmed = events_of(&pcap, "published")
        .iter()
        .filter(|e| e["status"] == "confirmed")
        .count();
    lab.check(
        LAB,
        "the broker confirmed every message (publisher confirms)",
        confirmed == MESSAGES.len(),
        format!("{confirmed} of {} confirmed", MESSAGES.len()),
    )?;
    one.join(Duration::from_secs(20))?;
    two.join(Duration::from_secs(20))?;
    let want: Vec<String> = MESSAGES.iter().map(|m| m.to_string()).collect();
    for (i, cap) in [cap1, cap2].iter().enumerate() {
        let got: Vec<String> = events_of(cap, "message")
            .iter()
            .filter_map(|m| m["data"].as_str().map(str::to_string))
            .collect();
        lab.check(
            LAB,
            &format!("subscriber {} got every message, in order", i + 1),
            got == want,
            format!("{} of {}", got.len(), want.len()),
        )?;
    }
    lab.explain(
        "a fanout exchange copies each message into every bound queue, so both got all \
         three; with `--queue NAME` both would share one queue and split the messages",
    )?;
    Ok(())
}

fn unroutable(lab: &Lab, url: &str) -> anyhow::Result<()> {
    lab.say(
        "publisher",
        "Publish again, now that both subscribers have left, with --mandatory",
    )?;
    let (_, cap) = lab.command(
        "publisher",
        &["pub", url, EXCHANGE, "anyone?", "--mandatory"],
    )?;
    let status = events_of(&cap, "published")
        .first()
        .and_then(|e| e["status"].as_str().map(str::to_string));
    lab.check(
        LAB,
        "with no queue bound, the message comes back unroutable",
        status.as_deref() == Some("returned"),
        super::got(status),
    )?;
    lab.explain(
        "the exclusive queues went with their connections; a mandatory message that no \
         queue takes is returned (312 NO_ROUTE) instead of silently dropped",
    )?;
    Ok(())
}
