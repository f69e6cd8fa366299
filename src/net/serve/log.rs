//! Logging off the serving threads: a worker gathers a round's log lines in a
//! [`LogSink`] and hands the batch to the [`Logger`] thread through a bounded
//! queue without ever waiting. When stdout is not read (a pipe nobody drains)
//! the queue fills, batches are dropped and counted, and serving goes on; the
//! count is reported at the end. A closed stdout (`| head`) stops the server.
//! The end is bounded too: [`Logger::finish`] waits at most a second for the
//! queue, and what the server prints after it (the summary) is given
//! [`LAST_WORDS`] more before it is dropped ([`Out::end_by`]), so a stdout
//! nobody reads cannot hold the process after a Ctrl-C.
//! Lines arrive rendered (and escaped) by the protocols, or as a [`Later`]
//! that the logger thread renders (the timestamp and the JSON then cost the
//! serving thread nothing but a copy of the payload).

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::output::Out;
use crate::signal::Stop;

/// Bytes of log lines queued before new ones are dropped (a stdout that is
/// read but slow, or a logger thread the scheduler leaves waiting, stays
/// well under it; one nobody reads reaches it).
const QUEUED_MAX: usize = 16 << 20;
/// The logger writes at most this often (lines wait at most this long).
const PACE: Duration = Duration::from_millis(5);
/// How long the end of a run waits for the logger to write what is queued.
const LAST_WRITE: Duration = Duration::from_secs(1);
/// How long, after [`LAST_WRITE`], the summary may wait for room on stdout.
const LAST_WORDS: Duration = Duration::from_millis(100);
/// What a line rendered on the logger thread is counted as, besides its payload.
const LATER_BYTES: usize = 160;

/// A log line rendered by the logger thread.
pub type Later = Box<dyn FnOnce(&Out) -> Option<String> + Send>;

enum Entry {
    Text(String),
    Later(Later),
}

enum Item {
    Lines(Vec<Entry>, usize),
    Warn(String),
}

/// The logger thread and its queue.
pub struct Logger {
    out: Out,
    tx: Option<Sender<Item>>,
    queued: Arc<AtomicUsize>,
    dropped: Arc<AtomicU64>,
    done: Receiver<()>,
    handle: Option<JoinHandle<()>>,
}

impl Logger {
    /// Start the thread writing to `out`; a broken pipe sets `stop`.
    pub fn start(out: Out, stop: Stop) -> Logger {
        let (tx, rx) = mpsc::channel::<Item>();
        let (done_tx, done) = mpsc::channel();
        let queued = Arc::new(AtomicUsize::new(0));
        let q = queued.clone();
        let end = out.clone();
        let handle = std::thread::spawn(move || {
            // Wake at most once per PACE: a busy server's rounds then cost it a
            // queue push, not a wake-up of this thread per round.
            while let Ok(first) = rx.recv() {
                let mut text = String::new();
                let mut r = Ok(());
                let mut taken = 0;
                let more = std::iter::from_fn(|| rx.try_recv().ok());
                for item in std::iter::once(first).chain(more) {
                    match item {
                        Item::Lines(entries, bytes) => {
                            taken += bytes;
                            render(&out, entries, &mut text);
                        }
                        Item::Warn(m) => {
                            r = r.and(out.write_text(&std::mem::take(&mut text)));
                            r = r.and(out.warn(&m));
                        }
                    }
                }
                r = r.and(out.write_text(&text));
                q.fetch_sub(taken, Ordering::Relaxed);
                if r.as_ref().is_err_and(crate::exit::is_broken_pipe) {
                    stop.stop();
                }
                std::thread::sleep(PACE);
            }
            let _ = done_tx.send(());
        });
        Logger {
            out: end,
            tx: Some(tx),
            queued,
            dropped: Arc::new(AtomicU64::new(0)),
            done,
            handle: Some(handle),
        }
    }

    /// A worker's handle on the queue.
    pub fn sink(&self) -> LogSink {
        LogSink {
            tx: self.tx.clone(),
            queued: self.queued.clone(),
            dropped: self.dropped.clone(),
            entries: Vec::new(),
            bytes: 0,
        }
    }

    /// Let the thread write what is queued (for at most [`LAST_WRITE`]) and
    /// return how many lines were dropped. Later writes to stdout end by
    /// [`LAST_WRITE`] + [`LAST_WORDS`] from now (the thread may still be
    /// stuck in a write to a full pipe, holding the output lock).
    pub fn finish(mut self) -> u64 {
        self.out.end_by(Instant::now() + LAST_WRITE + LAST_WORDS);
        drop(self.tx.take());
        if self.done.recv_timeout(LAST_WRITE).is_ok() {
            if let Some(h) = self.handle.take() {
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
    tx: Option<Sender<Item>>,
    queued: Arc<AtomicUsize>,
    dropped: Arc<AtomicU64>,
    entries: Vec<Entry>,
    bytes: usize,
}

impl LogSink {
    /// A sink that prints nothing (tests of a protocol alone).
    pub fn discard() -> LogSink {
        LogSink {
            tx: None,
            queued: Arc::new(AtomicUsize::new(0)),
            dropped: Arc::new(AtomicU64::new(0)),
            entries: Vec::new(),
            bytes: 0,
        }
    }

    /// A rendered line (newline included).
    pub fn line(&mut self, line: String) {
        self.bytes += line.len();
        self.entries.push(Entry::Text(line));
    }

    /// A line the logger thread renders, about `payload` bytes long.
    pub fn later(&mut self, payload: usize, f: Later) {
        self.bytes += payload + LATER_BYTES;
        self.entries.push(Entry::Later(f));
    }

    pub fn warn(&mut self, message: String) {
        self.flush();
        if let Some(tx) = &self.tx {
            if tx.send(Item::Warn(message)).is_err() {
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
        let bytes = std::mem::take(&mut self.bytes);
        let behind = self.queued.load(Ordering::Relaxed) + bytes > QUEUED_MAX;
        let sent = !behind
            && self.tx.as_ref().is_some_and(|tx| {
                self.queued.fetch_add(bytes, Ordering::Relaxed);
                tx.send(Item::Lines(entries, bytes)).is_ok()
            });
        if !sent {
            self.dropped.fetch_add(lines, Ordering::Relaxed);
        }
    }
}
