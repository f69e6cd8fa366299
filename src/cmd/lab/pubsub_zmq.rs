//! Lab `pubsub-zmq` (chapter §3): the seed's `zmq_pub.py` (PUB binds) and `zmq_sub.py`
//! (SUB connects, prefixes catA and catC) with no server in between. Publishing
//! before anyone listens loses the message; the subscriber then joins, and the
//! publisher waits until the subscriptions arrive (the slow joiner the seed works
//! around with sleep(1)) before sending the cats and hats.

use std::net::TcpListener;
use std::time::Duration;

use super::pubsub_redis::{expected, PAIRS};
use super::{events_of, Lab};

const LAB: &str = "pubsub-zmq";

pub fn run(lab: &Lab) -> anyhow::Result<()> {
    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let url = format!("tcp://127.0.0.1:{port}");

    lab.say(
        "publisher",
        "Publish: catA wears a hatB   (no subscriber exists yet)",
    )?;
    let (_, cap) = lab.command("publisher", &["pub", &url, "catA", "hatB", "--no-wait"])?;
    let unmatched = events_of(&cap, "summary")
        .first()
        .and_then(|e| e["unheard"].as_u64());
    lab.check(
        LAB,
        "a message sent with nobody subscribed is dropped",
        unmatched == Some(1),
        super::got(unmatched),
    )?;

    // The slow joiner: a subscriber is starting while the publisher sends at once.
    let (late, lcap) =
        lab.command_in_background("subscriber", &["sub", &url, "catA", "--timeout", "700ms"])?;
    lab.command(
        "publisher",
        &[
            "pub",
            &url,
            "catA",
            "hatC",
            "--count",
            "3",
            "--no-wait",
            "-q",
        ],
    )?;
    let _ = late.join(Duration::from_secs(10));
    let heard = events_of(&lcap, "message").len();
    lab.say(
        "lab",
        format!("the subscriber was joining while 3 messages went out: it received {heard} of 3"),
    )?;
    lab.explain(
        "the slow joiner: connecting and sending the subscription take a round trip; a \
         publisher that sends at once drops what it sends before the subscription arrives. \
         The seed sleeps one second; netkit's publisher waits until a subscription arrives \
         (an XPUB socket sees it), then sends",
    )?;

    let want = expected();
    let count = want.len().to_string();
    let (sub, scap) = lab.command_in_background(
        "subscriber",
        &["sub", &url, "catA", "catC", "--count", &count],
    )?;
    lab.explain(
        "the SUB socket connects in the background and retries until the PUB side binds; \
         its subscriptions travel to the publisher, which filters by prefix before sending",
    )?;

    // One publisher per message (pub takes one channel): each binds, waits until the
    // subscriber has (re)connected and subscribed, sends, and flushes before exiting.
    let mut argv: Vec<String> = vec!["pub".into(), url.clone(), "--timeout".into(), "10s".into()];
    if !lab.verbose() {
        let shape = format!("$ netkit pub {url} --timeout 10s CAT HAT -q   # for each pair:");
        lab.say("publisher", shape)?;
    }
    for (cat, hat) in PAIRS {
        lab.say("publisher", format!("Publish: {cat} wears a {hat}"))?;
        argv.truncate(4);
        argv.push(cat.into());
        argv.push(hat.into());
        argv.push("-q".into());
        let refs: Vec<&str> = argv.iter().map(String::as_str).collect();
        lab.command_again("publisher", &refs)?;
    }
    sub.join(Duration::from_secs(15))?;
    let got = super::narrate_received(lab, &scap)?;
    lab.check(
        LAB,
        "the subscriber got exactly catA and catC, in order, none lost to the slow joiner",
        got == want,
        format!("{} of {} expected messages", got.len(), want.len()),
    )?;
    lab.explain(
        "this time each publisher waited for the subscription before sending, so nothing \
         was lost; messages arrive in the order they were published",
    )?;
    Ok(())
}
