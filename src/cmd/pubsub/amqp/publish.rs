//! `netkit pub` over AMQP: declare the exchange, turn on publisher confirms, and
//! publish each message, reporting what the broker said about it — `confirmed`
//! (it took responsibility), `returned` (unroutable with `--mandatory`: no queue
//! was bound for it) or `nacked`. Confirms are pipelined: up to [`WINDOW`]
//! messages are in flight while the oldest confirm is awaited, so
//! `seq 100000 | netkit pub amqp://… logs` is not 100,000 round trips. Messages
//! come from the arguments or stdin lines (the same reader as Redis `pub`).

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use lapin::options::{BasicPublishOptions, ConfirmSelectOptions};
use lapin::{BasicProperties, Channel, Confirmation, PublisherConfirm};
use serde::Serialize;

use super::{declare_exchange, error, open, stopped, ExchangeType, Settings};
use crate::cmd::pubsub::events::{Published, Reply};
use crate::cmd::pubsub::nothing_published;
use crate::cmd::pubsub::redis::{message_source, stdin_hint};
use crate::cmd::Ctx;
use crate::exit::Kind;
use crate::exit::{self, Code};
use crate::output::{plural, Palette, Render};

/// Messages published and not yet confirmed, at most.
const WINDOW: usize = 4096;
/// `published` events printed in one write, at most.
const PRINT_BATCH: usize = 1024;

/// What to publish where.
pub struct Plan<'a> {
    pub exchange: &'a str,
    pub kind: ExchangeType,
    pub routing_key: &'a str,
    pub mandatory: bool,
    pub messages: &'a [String],
    pub count: u64,
    pub interval: Option<Duration>,
    /// `--max-size`: the longest stdin line.
    pub max_line: usize,
}

/// The totals, printed at the end (field names shared with Redis `pub`).
#[derive(Debug, Default, Serialize)]
pub struct Summary {
    pub channel: String,
    pub messages: u64,
    pub confirmed: u64,
    pub returned: u64,
    pub nacked: u64,
    /// Published but not confirmed when the command ended (Ctrl-C).
    pub unconfirmed: u64,
    pub elapsed_s: f64,
    pub rate: f64,
}

impl Render for Summary {
    fn kind(&self) -> &str {
        "summary"
    }
    fn human(&self, p: &Palette) -> String {
        let mut line = format!(
            "{} published to {} in {:.3}s ({:.0}/s), {} confirmed",
            plural(self.messages, "message"),
            p.name(&self.channel),
            self.elapsed_s,
            self.rate,
            self.confirmed
        );
        for (n, what) in [
            (self.returned, "returned unroutable"),
            (self.nacked, "nacked"),
            (self.unconfirmed, "unconfirmed"),
        ] {
            if n > 0 {
                line.push_str(&format!(", {}", p.warn(&format!("{n} {what}"))));
            }
        }
        line
    }
}

/// One settled message, kept until its `published` event is printed.
struct Settled {
    seq: u64,
    payload: Vec<u8>,
    status: &'static str,
    returned: Option<Reply>,
}

/// Messages in flight and the events not yet printed.
struct Flight<'a> {
    plan: &'a Plan<'a>,
    ch: Channel,
    settings: &'a Settings,
    pending: VecDeque<(u64, Vec<u8>, PublisherConfirm)>,
    settled: Vec<Settled>,
    sum: Summary,
}

pub async fn publish(s: &Settings, plan: &Plan<'_>, ctx: &Ctx) -> anyhow::Result<Code> {
    let Some((conn, ch)) = open(s, ctx, ctx.timeout_or(Duration::from_secs(10))).await? else {
        return Err(nothing_published(&format!("to exchange {:?}", plan.exchange)).into());
    };
    declare_exchange(&ch, plan.exchange, plan.kind, s).await?;
    ch.confirm_select(ConfirmSelectOptions::default())
        .await
        .map_err(|e| error(e, "turning on publisher confirms", s))?;
    stdin_hint(plan.messages, &ctx.out)?;
    let started = Instant::now();
    let mut f = Flight {
        plan,
        ch,
        settings: s,
        pending: VecDeque::new(),
        settled: Vec::new(),
        sum: Summary {
            channel: plan.exchange.to_string(),
            ..Summary::default()
        },
    };
    f.run(ctx).await?;
    f.print(ctx)?;
    if f.sum.messages == 0 && ctx.stop.is_stopped() {
        let _ = tokio::time::timeout(Duration::from_secs(1), conn.close(200, "OK".into())).await;
        return Err(nothing_published(&format!("to exchange {:?}", plan.exchange)).into());
    }
    let mut sum = f.sum;
    sum.unconfirmed = f.pending.len() as u64;
    let secs = started.elapsed().as_secs_f64();
    sum.elapsed_s = (secs * 1000.0).round() / 1000.0;
    sum.rate = (sum.messages as f64 / secs.max(1e-9)).round();
    if sum.messages > 1 || ctx.out.is_json() || ctx.out.quiet() || sum.unconfirmed > 0 {
        ctx.out.emit(&sum)?;
    }
    let _ = tokio::time::timeout(Duration::from_secs(1), conn.close(200, "OK".into())).await;
    Ok(if sum.nacked > 0 {
        Code::Network
    } else if sum.returned > 0 {
        Code::Negative
    } else {
        Code::Ok
    })
}

impl Flight<'_> {
    /// Publish until the input ends (then wait for the last confirms) or Ctrl-C.
    async fn run(&mut self, ctx: &Ctx) -> anyhow::Result<()> {
        // A bridge from the stdin/arguments thread to this task.
        let (tx, mut rx) = tokio::sync::mpsc::channel::<crate::cmd::pubsub::redis::Input>(4);
        let source = message_source(self.plan.messages, self.plan.count, self.plan.max_line);
        std::thread::spawn(move || {
            for batch in source {
                if tx.blocking_send(batch).is_err() {
                    return;
                }
            }
        });
        let mut queued: VecDeque<Vec<u8>> = VecDeque::new();
        let mut input_done = false;
        loop {
            if ctx.stop.is_stopped() {
                return Ok(());
            }
            while self.pending.len() < WINDOW {
                let Some(m) = queued.pop_front() else { break };
                self.send(m).await?;
                if self.plan.interval.is_some() {
                    break;
                }
            }
            if queued.is_empty() && !input_done {
                if self.pending.is_empty() {
                    self.print(ctx)?;
                    tokio::select! {
                        b = rx.recv() => match b {
                            Some(b) => queued.extend(b?),
                            None => input_done = true,
                        },
                        _ = stopped(&ctx.stop) => return Ok(()),
                    }
                    continue;
                }
                match rx.try_recv() {
                    Ok(b) => {
                        queued.extend(b?);
                        continue;
                    }
                    Err(tokio::sync::mpsc::error::TryRecvError::Empty) => {}
                    Err(_) => input_done = true,
                }
            }
            if self.pending.is_empty() {
                if input_done && queued.is_empty() {
                    return Ok(());
                }
                continue;
            }
            if !self.settle_oldest(ctx).await? {
                return Ok(());
            }
            if let Some(gap) = self.plan.interval {
                self.print(ctx)?;
                tokio::select! {
                    _ = tokio::time::sleep(gap) => {},
                    _ = stopped(&ctx.stop) => return Ok(()),
                }
            }
        }
    }

    async fn send(&mut self, m: Vec<u8>) -> anyhow::Result<()> {
        let opts = BasicPublishOptions {
            mandatory: self.plan.mandatory,
            ..Default::default()
        };
        let confirm = self
            .ch
            .basic_publish(
                self.plan.exchange.into(),
                self.plan.routing_key.into(),
                opts,
                &m,
                BasicProperties::default(),
            )
            .await
            .map_err(|e| {
                error(
                    e,
                    &format!("publishing to {:?}", self.plan.exchange),
                    self.settings,
                )
            })?;
        self.sum.messages += 1;
        self.pending.push_back((self.sum.messages, m, confirm));
        Ok(())
    }

    /// Wait for the oldest confirm; false when stopped first.
    async fn settle_oldest(&mut self, ctx: &Ctx) -> anyhow::Result<bool> {
        let wait = ctx.timeout_or(Duration::from_secs(10));
        let Some((_, _, confirm)) = self.pending.front_mut() else {
            return Ok(true);
        };
        let outcome = tokio::select! {
            r = tokio::time::timeout(wait, confirm) => r,
            _ = stopped(&ctx.stop) => return Ok(false),
        };
        let (seq, payload, _) = self.pending.pop_front().expect("front exists");
        let confirmation = match outcome {
            Ok(r) => r.map_err(|e| {
                error(
                    e,
                    &format!("waiting for the confirm of message {seq}"),
                    self.settings,
                )
            })?,
            Err(_) => {
                return Err(exit::network(
                    Kind::Timeout,
                    format!(
                        "{}: no publisher confirm for message {seq} within {wait:?}",
                        self.settings.endpoint
                    ),
                )
                .into())
            }
        };
        let (status, returned) = match confirmation {
            Confirmation::Ack(None) | Confirmation::NotRequested => ("confirmed", None),
            Confirmation::Ack(Some(r)) => ("returned", Some(r)),
            Confirmation::Nack(r) => ("nacked", r),
        };
        match status {
            "confirmed" => self.sum.confirmed += 1,
            "returned" => self.sum.returned += 1,
            _ => self.sum.nacked += 1,
        }
        if !ctx.out.quiet() {
            self.settled.push(Settled {
                seq,
                payload,
                status,
                returned: returned.map(|r| Reply {
                    reply_code: r.reply_code,
                    reply_text: r.reply_text.to_string(),
                }),
            });
            if self.settled.len() >= PRINT_BATCH {
                self.print(ctx)?;
            }
        }
        Ok(true)
    }

    /// Print the settled messages' `published` events in one write.
    fn print(&mut self, ctx: &Ctx) -> anyhow::Result<()> {
        if self.settled.is_empty() {
            return Ok(());
        }
        let key = (!self.plan.routing_key.is_empty()).then_some(self.plan.routing_key);
        let evs: Vec<Published> = self
            .settled
            .iter()
            .map(|m| Published {
                routing_key: key,
                status: Some(m.status),
                returned: m.returned.clone(),
                ..Published::new(m.seq, self.plan.exchange, &m.payload)
            })
            .collect();
        ctx.out.emit_all(&evs)?;
        self.settled.clear();
        Ok(())
    }
}
