//! Lab `pubsub-redis` (chapter §1–2): the seed's `redis_pub.py` / `redis_sub.py` on
//! `netkit broker` (no Redis to install). A publish before anyone subscribes is lost
//! (a radio with no listener); then the subscriber takes catA and catC, and the
//! publisher's cats and hats arrive in order, the other cats going nowhere.

use std::time::Duration;

use super::{events_of, wait_for, Lab};
use crate::cli::Command;
use crate::cmd::broker;
use crate::exit;

const LAB: &str = "pubsub-redis";

/// The seed picks ten random (cat, hat) pairs; a fixed draw keeps the lab repeatable.
pub const PAIRS: [(&str, &str); 10] = [
    ("catB", "hatA"),
    ("catA", "hatC"),
    ("catD", "hatD"),
    ("catC", "hatB"),
    ("catA", "hatA"),
    ("catB", "hatB"),
    ("catC", "hatD"),
    ("catD", "hatA"),
    ("catA", "hatD"),
    ("catC", "hatC"),
];

/// The pairs a subscriber to catA and catC receives, in order.
pub fn expected() -> Vec<(String, String)> {
    PAIRS
        .iter()
        .filter(|(c, _)| *c == "catA" || *c == "catC")
        .map(|(c, h)| (c.to_string(), h.to_string()))
        .collect()
}

pub fn run(lab: &Lab) -> anyhow::Result<()> {
    let cli = lab.parse("broker", &["broker", "--listen", "127.0.0.1:0"])?;
    let Command::Broker(args) = &cli.command else {
        return Err(exit::usage("lab: expected a broker line").into());
    };
    let server = broker::bind(args)?;
    let addr = server.local_addr();
    let (broker_thread, _) = lab.serve("broker", "redis", addr, move |ctx| server.run(ctx))?;
    let url = format!("redis://{addr}");
    let result = scenario(lab, &url);
    broker_thread.stop_and_join()?;
    result
}

fn scenario(lab: &Lab, url: &str) -> anyhow::Result<()> {
    lab.say(
        "publisher",
        "Publish: catA wears a hatB   (nobody has subscribed yet)",
    )?;
    let (_, cap) = lab.command("publisher", &["pub", url, "catA", "hatB"])?;
    let receivers = events_of(&cap, "published")
        .first()
        .and_then(|e| e["receivers"].as_u64());
    lab.check(
        LAB,
        "a message with no subscriber reaches nobody",
        receivers == Some(0),
        super::got(receivers),
    )?;
    lab.explain("pub/sub is broadcast, not a queue: Redis keeps nothing for later subscribers")?;

    let want = expected();
    let count = want.len().to_string();
    let (sub, scap) = lab.command_in_background(
        "subscriber",
        &["sub", url, "catA", "catC", "--count", &count],
    )?;
    wait_for(&scap, "subscribe", 2, Duration::from_secs(5))?;
    lab.explain("the subscriber starts first and waits; each subscribe reply carries its count of subscriptions")?;

    if !lab.verbose() {
        lab.say(
            "publisher",
            format!("$ netkit pub {url} CAT HAT -q   # for each pair:"),
        )?;
    }
    for (cat, hat) in PAIRS {
        lab.say("publisher", format!("Publish: {cat} wears a {hat}"))?;
        lab.command_again("publisher", &["pub", url, cat, hat, "-q"])?;
    }
    sub.join(Duration::from_secs(10))?;
    let got = super::narrate_received(lab, &scap)?;
    lab.check(
        LAB,
        "the subscriber got exactly catA and catC, in publish order",
        got == want,
        format!("{} of {} expected messages", got.len(), want.len()),
    )?;
    lab.explain(
        "catB and catD had no subscriber, so Redis dropped them; order is kept per connection",
    )?;
    Ok(())
}
