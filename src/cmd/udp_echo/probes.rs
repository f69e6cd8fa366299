//! The UDP prober's bookkeeping, apart from sockets: where messages come from
//! (the argument `--count` times, or stdin lines read on a thread), and which
//! probe a reply answers — received, duplicate, late (after its probe was counted
//! lost) or reordered. Pure state, tested on its own.

use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use super::SendArgs;
use crate::exit::Failure;
use crate::input::Lines;
use crate::rtt::Rtts;
use crate::signal::Stop;

/// Longest stdin line: the largest UDP payload over IPv4.
pub const MAX_DATAGRAM: usize = 65507;

/// Where messages come from: the argument `--count` times, or stdin lines.
pub enum Source {
    Fixed { message: Vec<u8>, left: u64 },
    Stdin(Receiver<Result<Vec<u8>, Failure>>),
}

pub enum Next {
    Message(Vec<u8>),
    NotYet,
    Done,
    /// A stdin line was too long or stdin failed.
    Failed(Failure),
}

impl Source {
    pub fn new(args: &SendArgs) -> Source {
        if args.message != "-" {
            return Source::Fixed {
                message: args.message.as_bytes().to_vec(),
                left: args.count,
            };
        }
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in Lines::stdin(MAX_DATAGRAM, &Stop::new()) {
                let line = line.map_err(Failure::from);
                let failed = line.is_err();
                if tx.send(line).is_err() || failed {
                    break;
                }
            }
        });
        Source::Stdin(rx)
    }

    /// True when a fixed source has nothing left (so the prober stops waiting at once).
    pub fn is_done(&self) -> bool {
        matches!(self, Source::Fixed { left: 0, .. })
    }

    pub fn next(&mut self) -> Next {
        match self {
            Source::Fixed { left: 0, .. } => Next::Done,
            Source::Fixed { message, left } => {
                *left -= 1;
                Next::Message(message.clone())
            }
            Source::Stdin(rx) => match rx.try_recv() {
                Ok(Ok(m)) => Next::Message(m),
                Ok(Err(f)) => Next::Failed(f),
                Err(TryRecvError::Empty) => Next::NotYet,
                Err(TryRecvError::Disconnected) => Next::Done,
            },
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum State {
    Waiting,
    Received,
    Lost,
}

/// The prober's bookkeeping: one entry per probe sent (index = seq - 1).
pub struct Probes {
    pub sent_at: Vec<Instant>,
    pub state: Vec<State>,
    /// Oldest probe that may still be waiting (probes expire in order).
    pub oldest: usize,
    pub max_seen: u64,
    pub received: u64,
    pub duplicates: u64,
    pub late: u64,
    pub reordered: u64,
    pub rtts: Rtts,
}

impl Probes {
    pub fn new() -> Probes {
        Probes {
            sent_at: Vec::new(),
            state: Vec::new(),
            oldest: 0,
            max_seen: 0,
            received: 0,
            duplicates: 0,
            late: 0,
            reordered: 0,
            rtts: Rtts::new(),
        }
    }

    /// Record a probe sent now; returns its sequence number.
    pub fn sent(&mut self) -> u64 {
        self.sent_at.push(Instant::now());
        self.state.push(State::Waiting);
        self.sent_at.len() as u64
    }

    pub fn waiting(&self) -> bool {
        self.state[self.oldest.min(self.state.len())..].contains(&State::Waiting)
    }

    pub fn advance_oldest(&mut self) {
        while self.oldest < self.state.len() && self.state[self.oldest] != State::Waiting {
            self.oldest += 1;
        }
    }

    /// Classify a reply; returns (seq, rtt, status, reordered).
    pub fn on_reply(
        &mut self,
        tag: Option<u64>,
        now: Instant,
    ) -> (Option<u64>, Option<Duration>, &'static str, bool) {
        let seq = match tag {
            Some(s) if s >= 1 && (s as usize) <= self.state.len() => s,
            _ => {
                self.advance_oldest();
                if self.oldest >= self.state.len() {
                    self.duplicates += 1;
                    return (None, None, "unmatched", false);
                }
                self.oldest as u64 + 1
            }
        };
        let i = seq as usize - 1;
        let rtt = now.saturating_duration_since(self.sent_at[i]);
        let status = match self.state[i] {
            State::Waiting => {
                self.state[i] = State::Received;
                self.received += 1;
                self.rtts.push(rtt);
                "ok"
            }
            State::Received => {
                self.duplicates += 1;
                "duplicate"
            }
            State::Lost => {
                self.late += 1;
                "late"
            }
        };
        let reordered = status == "ok" && seq < self.max_seen;
        if reordered {
            self.reordered += 1;
        }
        self.max_seen = self.max_seen.max(seq);
        (Some(seq), Some(rtt), status, reordered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_are_classified() {
        let mut p = Probes::new();
        for _ in 0..3 {
            p.sent();
        }
        let now = Instant::now();
        assert_eq!(p.on_reply(Some(2), now).2, "ok");
        let (seq, _, status, reordered) = p.on_reply(Some(1), now);
        assert_eq!((seq, status, reordered), (Some(1), "ok", true));
        assert_eq!(p.on_reply(Some(2), now).2, "duplicate");
        p.state[2] = State::Lost;
        assert_eq!(p.on_reply(Some(3), now).2, "late");
        assert_eq!(
            (p.received, p.duplicates, p.late, p.reordered),
            (2, 1, 1, 1)
        );
    }

    #[test]
    fn untagged_replies_answer_the_oldest_probe() {
        let mut p = Probes::new();
        p.sent();
        p.sent();
        let now = Instant::now();
        assert_eq!(p.on_reply(None, now).0, Some(1));
        assert_eq!(p.on_reply(None, now).0, Some(2));
        assert_eq!(p.on_reply(None, now).2, "unmatched");
        assert_eq!((p.received, p.duplicates), (2, 1));
        assert!(!p.waiting());
    }
}
