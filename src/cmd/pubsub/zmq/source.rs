//! Where the publisher's messages come from: the command line (each `--count`
//! times, `--interval` apart) or one message per stdin line; and the `published`
//! events, printed in batches so 100,000 stdin lines do not mean 100,000 flushes.
//! Sending itself is in `publish.rs`.

use std::time::Duration;

use super::events::Published;
use super::publish::Publisher;
use crate::cmd::Ctx;
use crate::exit::Failure;
use crate::input::Lines;

/// Published events are printed in batches of at most this many.
const BATCH: usize = 512;

impl Publisher {
    pub(super) fn publish_args(
        &mut self,
        ctx: &Ctx,
        timeout: Duration,
    ) -> anyhow::Result<(u64, u64)> {
        let messages = std::mem::take(&mut self.messages);
        let mut batch = Vec::new();
        let (mut sent, mut bytes) = (0u64, 0u64);
        'all: for m in &messages {
            for _ in 0..self.count {
                if ctx.stop.is_stopped() {
                    break 'all;
                }
                if sent > 0 {
                    if let Some(iv) = self.interval {
                        self.flush_batch(ctx, &mut batch, sent)?;
                        self.pause(ctx, iv)?;
                    }
                }
                self.send(ctx, m.as_bytes(), timeout)?;
                sent += 1;
                bytes += m.len() as u64;
                self.record(ctx, &mut batch, m.as_bytes(), sent)?;
            }
        }
        self.flush_batch(ctx, &mut batch, sent)?;
        Ok((sent, bytes))
    }

    pub(super) fn publish_lines(
        &mut self,
        ctx: &Ctx,
        mut input: Lines,
        timeout: Duration,
    ) -> anyhow::Result<(u64, u64)> {
        let mut batch = Vec::new();
        let (mut sent, mut bytes) = (0u64, 0u64);
        'all: loop {
            if input.drained() {
                // The next read may block: show what was published so far.
                self.flush_batch(ctx, &mut batch, sent)?;
            }
            let Some(line) = input.next_line().map_err(Failure::from)? else {
                break;
            };
            for _ in 0..self.count {
                if ctx.stop.is_stopped() {
                    break 'all;
                }
                if sent > 0 {
                    if let Some(iv) = self.interval {
                        self.flush_batch(ctx, &mut batch, sent)?;
                        self.pause(ctx, iv)?;
                    }
                }
                self.send(ctx, &line, timeout)?;
                sent += 1;
                bytes += line.len() as u64;
                self.record(ctx, &mut batch, &line, sent)?;
            }
        }
        self.flush_batch(ctx, &mut batch, sent)?;
        Ok((sent, bytes))
    }

    /// Keep a `published` event for the next batch (not with --quiet).
    fn record(
        &self,
        ctx: &Ctx,
        batch: &mut Vec<Vec<u8>>,
        payload: &[u8],
        sent: u64,
    ) -> anyhow::Result<()> {
        if ctx.out.quiet() {
            return Ok(());
        }
        batch.push(payload.to_vec());
        // Paced messages are shown as they go; a fast stream in batches.
        if batch.len() >= BATCH || self.interval.is_some() {
            self.flush_batch(ctx, batch, sent)?;
        }
        Ok(())
    }

    fn flush_batch(&self, ctx: &Ctx, batch: &mut Vec<Vec<u8>>, sent: u64) -> anyhow::Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let channel = String::from_utf8_lossy(&self.topic).into_owned();
        let first = sent - batch.len() as u64 + 1;
        let evs: Vec<Published> = batch
            .iter()
            .enumerate()
            .map(|(i, p)| Published::new(first + i as u64, &channel, p))
            .collect();
        ctx.out.emit_all(&evs)?;
        batch.clear();
        Ok(())
    }
}
