//! `netkit sub` over AMQP: declare the exchange, declare a queue — exclusive and
//! server-named (the pika tutorial: every subscriber gets its own copy), or the
//! durable `--queue NAME` that several subscribers share (each message goes to
//! one of them) — bind it with each binding key, and consume. A `subscribe` event
//! is printed once the consumer is in place (publish after it and nothing is
//! missed), then one shared `message` event per delivery, acknowledged after it is
//! printed with `--ack`. `--count`, Ctrl-C and the idle `--timeout` end it (exit 1
//! when nothing came, or fewer than `--count`).

use std::borrow::Cow;
use std::time::{Duration, Instant};

use futures_lite::StreamExt;
use lapin::options::{BasicAckOptions, BasicConsumeOptions, BasicQosOptions, QueueDeclareOptions};
use lapin::{Channel, Consumer};
use serde::Serialize;

use super::{declare_exchange, error, open, stopped, ExchangeType, Settings};
use crate::cmd::pubsub::events::{Delivery, Message};
use crate::cmd::Ctx;
use crate::exit::Kind;
use crate::exit::{self, Code};
use crate::output::{plural, timestamp, timestamp_rfc3339, Palette, Render};

/// What to consume.
pub struct Plan<'a> {
    pub exchange: &'a str,
    pub kind: ExchangeType,
    pub queue: Option<&'a str>,
    pub keys: Vec<String>,
    pub ack: bool,
    pub prefetch: Option<u16>,
    pub count: Option<u64>,
}

/// The consumer is in place: which queue, bound how.
#[derive(Debug, Serialize)]
pub struct Subscribed<'a> {
    pub time: String,
    pub channel: &'a str,
    pub queue: &'a str,
    /// True for a private server-named queue (deleted when the subscriber goes).
    pub exclusive: bool,
    pub binding_keys: &'a [String],
    pub ack: bool,
}

impl Render for Subscribed<'_> {
    fn kind(&self) -> &str {
        "subscribe"
    }
    fn human(&self, p: &Palette) -> String {
        let keys = if self.binding_keys.is_empty() {
            String::new()
        } else {
            format!(" with key {}", self.binding_keys.join(", "))
        };
        let on = if self.channel.is_empty() {
            "the default exchange".to_string()
        } else {
            p.name(self.channel)
        };
        format!(
            "{} consuming from queue {} ({}) bound to {on}{keys}",
            p.dim(&timestamp()),
            p.name(self.queue),
            if self.exclusive {
                "exclusive"
            } else {
                "durable, shared"
            },
        )
    }
}

/// How a subscription ended.
#[derive(Debug, Serialize)]
pub struct Summary {
    pub messages: u64,
    pub bytes: u64,
    pub elapsed_s: f64,
}

impl Render for Summary {
    fn kind(&self) -> &str {
        "summary"
    }
    fn human(&self, _: &Palette) -> String {
        format!(
            "{} ({} bytes) in {:.1}s",
            plural(self.messages, "message"),
            self.bytes,
            self.elapsed_s
        )
    }
}

pub async fn subscribe(s: &Settings, plan: &Plan<'_>, ctx: &Ctx) -> anyhow::Result<Code> {
    let started = Instant::now();
    // --timeout is the idle limit here; a busy broker may take longer to shake hands.
    let connect = ctx.timeout_or(Duration::ZERO).max(Duration::from_secs(10));
    let Some((conn, ch)) = open(s, ctx, connect).await? else {
        return summary(ctx, 0, 0, started);
    };
    let (queue, consumer) = setup(&ch, s, plan).await?;
    ctx.out.emit(&Subscribed {
        time: timestamp_rfc3339(),
        channel: plan.exchange,
        queue: &queue,
        exclusive: plan.queue.is_none(),
        binding_keys: &plan.keys,
        ack: plan.ack,
    })?;
    let result = consume(consumer, s, plan, ctx).await;
    // Unacknowledged messages go back to the queue for the other consumers.
    let _ = tokio::time::timeout(Duration::from_secs(1), conn.close(200, "OK".into())).await;
    let (messages, bytes) = result?;
    summary(ctx, messages, bytes, started)
}

fn summary(ctx: &Ctx, messages: u64, bytes: u64, started: Instant) -> anyhow::Result<Code> {
    ctx.out.emit(&Summary {
        messages,
        bytes,
        elapsed_s: (started.elapsed().as_secs_f64() * 10.0).round() / 10.0,
    })?;
    Ok(Code::Ok)
}

/// Declare and bind the queue and start consuming; the queue's name and the consumer.
async fn setup(ch: &Channel, s: &Settings, plan: &Plan<'_>) -> anyhow::Result<(String, Consumer)> {
    declare_exchange(ch, plan.exchange, plan.kind, s).await?;
    let (name, opts) = match plan.queue {
        Some(q) => (q, QueueDeclareOptions::durable()),
        None => (
            "",
            QueueDeclareOptions {
                exclusive: true,
                ..Default::default()
            },
        ),
    };
    let q = ch
        .queue_declare(name.into(), opts, Default::default())
        .await
        .map_err(|e| error(e, &format!("declaring queue {name:?}"), s))?;
    let queue = q.name().to_string();
    if !plan.exchange.is_empty() {
        let keys: Vec<&str> = if plan.keys.is_empty() {
            vec![""]
        } else {
            plan.keys.iter().map(String::as_str).collect()
        };
        for key in keys {
            ch.queue_bind(
                queue.as_str().into(),
                plan.exchange.into(),
                key.into(),
                Default::default(),
                Default::default(),
            )
            .await
            .map_err(|e| {
                error(
                    e,
                    &format!("binding queue {queue} to {:?}", plan.exchange),
                    s,
                )
            })?;
        }
    }
    if let Some(n) = plan.prefetch {
        ch.basic_qos(n, BasicQosOptions::default())
            .await
            .map_err(|e| error(e, "setting the prefetch (basic.qos)", s))?;
    }
    let opts = BasicConsumeOptions {
        no_ack: !plan.ack,
        ..Default::default()
    };
    let consumer = ch
        .basic_consume(queue.as_str().into(), "".into(), opts, Default::default())
        .await
        .map_err(|e| error(e, &format!("consuming from queue {queue}"), s))?;
    Ok((queue, consumer))
}

/// Print deliveries until `--count`, Ctrl-C or the idle timeout; (messages, bytes).
async fn consume(
    mut consumer: Consumer,
    s: &Settings,
    plan: &Plan<'_>,
    ctx: &Ctx,
) -> anyhow::Result<(u64, u64)> {
    let (mut messages, mut bytes) = (0u64, 0u64);
    let idle = ctx.timeout;
    loop {
        let wait = idle.unwrap_or(Duration::from_secs(86_400 * 365));
        let next = tokio::select! {
            d = tokio::time::timeout(wait, consumer.next()) => d,
            _ = stopped(&ctx.stop) => return Ok((messages, bytes)),
        };
        let delivery = match next {
            // Idle after some messages, with no --count to reach: a normal end.
            Err(_) if messages > 0 && plan.count.is_none() => return Ok((messages, bytes)),
            Err(_) => {
                return Err(exit::negative(
                    Kind::Timeout,
                    format!(
                        "no message on {:?} within {wait:?} ({messages} received before)",
                        plan.exchange
                    ),
                )
                .hint("is anything publishing there? a fanout exchange keeps nothing for queues bound later")
                .into())
            }
            Ok(None) => {
                return Err(exit::network(
                    Kind::Cancelled,
                    format!("{}: the broker cancelled the consumer (was the queue deleted?)", s.endpoint),
                )
                .into())
            }
            Ok(Some(Err(e))) => return Err(error(e, "consuming", s)),
            Ok(Some(Ok(d))) => d,
        };
        messages += 1;
        bytes += delivery.data.len() as u64;
        if !ctx.out.quiet() {
            ctx.out.emit(&Message {
                delivery: Some(Delivery {
                    routing_key: delivery.routing_key.to_string(),
                    redelivered: delivery.redelivered,
                }),
                ..Message::new(
                    timestamp_rfc3339().into(),
                    Some(delivery.exchange.to_string()),
                    Cow::Borrowed(&delivery.data),
                )
            })?;
        }
        if plan.ack {
            delivery
                .ack(BasicAckOptions::default())
                .await
                .map_err(|e| error(e, "acknowledging a message", s))?;
        }
        if plan.count == Some(messages) {
            return Ok((messages, bytes));
        }
    }
}
