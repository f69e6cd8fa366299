//! Logging off the serving threads: a worker gathers a round's log lines in a
//! [`LogSink`] and hands the batch to the [`Logger`] thread through a bounded
//! queue without ever waiting. When stdout is not read (a pipe nobody drains)
//! the queue fills, batches are dropped and counted, and serving goes on; the
//! count is reported at the end. A closed stdout (`| head`) stops the server.
//! Lines arrive rendered (and escaped) by the protocols, or as a [`Later`]
//! that the logger thread renders (the timestamp and the JSON then cost the
//! serving thread nothing but a copy of the payload).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use crate::output::Out;
use crate::signal::Stop;

/// Batches the queue holds before new ones are dropped.
const QUEUE: usize = 1024;
/// The logger writes at most this often (lines wait at most this long).
const PACE: Duration = Duration::from_millis(5);
/// How long the end of a run waits for the logger to write what is queued.
const LAST_WRITE: Duration = Duration::from_secs(1);

/// A log line rendered by the logger thread.
pub type Later = Box<dyn FnOnce(&Out) -> Option<String> + Send>;

enum Entry {
    Text(String),
    Later(Later),
}

enum Item {
    Lines(Vec<Entry>),
    Warn(String),
}

/// The logger thread and its queue.
pub struct Logger {
    tx: SyncSender<Item>,
    dropped: Arc<AtomicU64>,
    done: Receiver<()>,
    handle: Option<JoinHandle<()>>,
}

impl Logger {
    /// Start the thread writing to `out`; a broken pipe sets `stop`.
    pub fn start(out: Out, stop: Stop) -> Logger {
        let (tx, rx) = mpsc::sync_channel::<Item>(QUEUE);
        let (done_tx, done) = mpsc::channel();
        let handle = std::thread::spawn(move || {
            // Wake at most once per PACE: a busy server's rounds then cost it a
            // queue push, not a wake-up of this thread per round.
            while let Ok(first) = rx.recv() {
                let mut text = String::new();
                let mut r = Ok(());
                for item in std::iter::once(first).chain(std::iter::from_fn(|| rx.try_recv().ok()))
                {
                    match item {
                        Item::Lines(entries) => render(&out, entries, &mut text),
                        Item::Warn(m) => {
                            r = r.and(out.write_text(&std::mem::take(&mut text)));
                            r = r.and(out.warn(&m));
                        }
                    }
                }
                r = r.and(out.write_text(&text));
                if r.as_ref().is_err_and(crate::exit::is_broken_pipe) {
                    stop.stop();
                }
                std::thread::sleep(PACE);
            }
            let _ = done_tx.send(());
        });
        Logger {
            tx,
            dropped: Arc::new(AtomicU64::new(0)),
            done,
            handle: Some(handle),
        }
    }

    /// A worker's handle on the queue.
    pub fn sink(&self) -> LogSink {
        LogSink {
            tx: Some(self.tx.clone()),
            dropped: self.dropped.clone(),
            entries: Vec::new(),
        }
    }

    /// Let the thread write what is queued (for at most [`LAST_WRITE`]) and
    /// return how many lines were dropped.
    pub fn finish(mut self) -> u64 {
        let Logger {
            tx, done, handle, ..
        } = &mut self;
        drop(std::mem::replace(tx, mpsc::sync_channel(0).0));
        if done.recv_timeout(LAST_WRITE).is_ok() {
            if let Some(h) = handle.take() {
                let _ = h.join();
            }
        }
        self.dropped.load(Ordering::SeqCst)
    }
}

/// Append a batch's lines to `text`, rendering the deferred ones.
fn render(out: &Out, entries: Vec<Entry>, text: &mut String) {
    for e in entries {
        match e {
            Entry::Text(t) => text.push_str(&t),
            Entry::Later(f) => text.push_str(&f(out).unwrap_or_default()),
        }
    }
}

/// One worker's batch of log lines, sent once per round.
pub struct LogSink {
    tx: Option<SyncSender<Item>>,
    dropped: Arc<AtomicU64>,
    entries: Vec<Entry>,
}

impl LogSink {
    /// A sink that prints nothing (tests of a protocol alone).
    pub fn discard() -> LogSink {
        LogSink {
            tx: None,
            dropped: Arc::new(AtomicU64::new(0)),
            entries: Vec::new(),
        }
    }

    /// A rendered line (newline included).
    pub fn line(&mut self, line: String) {
        self.entries.push(Entry::Text(line));
    }

    /// A line the logger thread renders.
    pub fn later(&mut self, f: Later) {
        self.entries.push(Entry::Later(f));
    }

    pub fn warn(&mut self, message: String) {
        self.flush();
        if let Some(tx) = &self.tx {
            if tx.try_send(Item::Warn(message)).is_err() {
                self.dropped.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    /// Hand the batch to the logger; dropped (and counted) when it is behind.
    pub fn flush(&mut self) {
        if self.entries.is_empty() {
            return;
        }
        let lines = self.entries.len() as u64;
        let entries = std::mem::take(&mut self.entries);
        match self.tx.as_ref().map(|tx| tx.try_send(Item::Lines(entries))) {
            Some(Err(TrySendError::Full(_))) | Some(Err(TrySendError::Disconnected(_))) => {
                self.dropped.fetch_add(lines, Ordering::Relaxed);
            }
            _ => {}
        }
    }
}
