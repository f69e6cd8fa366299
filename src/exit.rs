//! Exit codes, one meaning everywhere, and how an error maps to one.
//!
//! | code | meaning |
//! |------|---------|
//! | 0 | success |
//! | 1 | negative answer: not found, NXDOMAIN, no reply, RPC fault, nothing before the timeout |
//! | 2 | usage or bad input: a malformed address, an unknown record type, a bad flag |
//! | 3 | network or protocol failure: refused, unreachable, timed out, a malformed peer |
//! | 4 | local system error: address in use, permission denied, a file that cannot be read |
//! | 130 | a second Ctrl-C/SIGTERM (`signal`): at once, without a summary |
//!
//! Commands raise a [`Failure`] (through [`usage`], [`negative`], [`network`],
//! [`system`]) where they know what went wrong, and add context with anyhow.
//! [`classify`] finds the failure in the chain; plain `std::io::Error`s are mapped
//! by their kind, so `?` on a socket call does the right thing without ceremony.
//! This module does not print anything: `output::report_error` does.

use std::fmt;
use std::io;

/// The process exit code. The numbers are part of netkit's interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Code {
    Ok = 0,
    Negative = 1,
    Usage = 2,
    Network = 3,
    System = 4,
}

impl Code {
    pub fn as_i32(self) -> i32 {
        self as i32
    }
}

/// Text for `--help` and the README: keep in step with [`Code`].
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success
  1  negative answer (not found, NXDOMAIN, no reply, RPC fault, nothing before timeout)
  2  usage or bad input
  3  network or protocol failure (refused, unreachable, timeout, malformed peer)
  4  local system error (address in use, permission denied)
  130  a second Ctrl-C (the first ends the command with its summary)";

/// A classified failure: what exit code it means, a short machine-readable kind,
/// and an optional hint telling the user what to try.
#[derive(Debug)]
pub struct Failure {
    pub code: Code,
    pub kind: &'static str,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Failure {}

impl Failure {
    pub fn new(code: Code, kind: &'static str, message: impl Into<String>) -> Self {
        Failure {
            code,
            kind,
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Exit 2: the user's input is wrong.
pub fn usage(message: impl Into<String>) -> Failure {
    Failure::new(Code::Usage, "usage", message)
}

/// Exit 1: a negative answer (`kind` says which: `not_found`, `nxdomain`, `no_reply`, `fault`, `timeout`...).
pub fn negative(kind: &'static str, message: impl Into<String>) -> Failure {
    Failure::new(Code::Negative, kind, message)
}

/// Exit 3: the network or the peer failed (`kind`: `refused`, `timeout`, `protocol`...).
pub fn network(kind: &'static str, message: impl Into<String>) -> Failure {
    Failure::new(Code::Network, kind, message)
}

/// Exit 4: a local system error.
pub fn system(kind: &'static str, message: impl Into<String>) -> Failure {
    Failure::new(Code::System, kind, message)
}

fn find_failure(err: &anyhow::Error) -> Option<&Failure> {
    err.chain().find_map(|c| c.downcast_ref::<Failure>())
}

/// What an error means for the user: exit code, kind word, and a hint if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classified {
    pub code: Code,
    pub kind: &'static str,
    pub hint: Option<String>,
}

/// Map an error to its exit code. A [`Failure`] anywhere in the chain wins (the
/// outermost one); otherwise the first `io::Error` decides by its kind; anything
/// else is a protocol failure (exit 3).
pub fn classify(err: &anyhow::Error) -> Classified {
    if let Some(out) = err.chain().find_map(|c| c.downcast_ref::<StdoutClosed>()) {
        // Our own stdout failed: not the network, whatever the io::Error kind says.
        let code = if out.0.kind() == io::ErrorKind::BrokenPipe {
            Code::Ok
        } else {
            Code::System
        };
        return Classified {
            code,
            kind: "stdout_closed",
            hint: None,
        };
    }
    if let Some(f) = find_failure(err) {
        return Classified {
            code: f.code,
            kind: f.kind,
            hint: f.hint.clone(),
        };
    }
    if let Some(io) = err.chain().find_map(|c| c.downcast_ref::<io::Error>()) {
        let (code, kind) = classify_io(io);
        return Classified {
            code,
            kind,
            hint: None,
        };
    }
    Classified {
        code: Code::Network,
        kind: "protocol",
        hint: None,
    }
}

/// Map an I/O error kind to an exit code and a kind word.
pub fn classify_io(e: &io::Error) -> (Code, &'static str) {
    use io::ErrorKind as K;
    match e.kind() {
        K::ConnectionRefused => (Code::Network, "refused"),
        K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe | K::UnexpectedEof => {
            (Code::Network, "connection_lost")
        }
        K::TimedOut | K::WouldBlock => (Code::Network, "timeout"),
        K::HostUnreachable | K::NetworkUnreachable | K::NetworkDown => {
            (Code::Network, "unreachable")
        }
        K::AddrInUse => (Code::System, "address_in_use"),
        K::AddrNotAvailable => (Code::System, "address_not_available"),
        K::PermissionDenied => (Code::System, "permission_denied"),
        K::NotFound => (Code::System, "file_not_found"),
        K::InvalidInput => (Code::Usage, "usage"),
        K::InvalidData => (Code::Network, "protocol"),
        // A wait ended by Ctrl-C/SIGTERM (`net::conn`, `net::connect_tcp`): the
        // command got no result, which is a negative answer, not a system error.
        K::Interrupted => (Code::Negative, "interrupted"),
        _ => (Code::System, "system"),
    }
}

/// True when the error is a closed stdout (`netkit ... | head -1`): exit quietly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .filter_map(|c| c.downcast_ref::<StdoutClosed>())
        .any(|e| e.0.kind() == io::ErrorKind::BrokenPipe)
}

/// Writing to stdout failed (the output layer wraps its write errors in this).
#[derive(Debug)]
pub struct StdoutClosed(pub io::Error);

impl fmt::Display for StdoutClosed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "writing to stdout: {}", self.0)
    }
}

impl std::error::Error for StdoutClosed {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_in_chain_wins() {
        let e: anyhow::Error = negative("not_found", "no service called foo").into();
        let e = e.context("looking up foo");
        let c = classify(&e);
        assert_eq!(c.code, Code::Negative);
        assert_eq!(c.kind, "not_found");
    }

    #[test]
    fn io_errors_map_by_kind() {
        let e = anyhow::Error::new(io::Error::from(io::ErrorKind::ConnectionRefused))
            .context("connecting to 127.0.0.1:1");
        assert_eq!(classify(&e).code, Code::Network);
        let e = anyhow::Error::new(io::Error::from(io::ErrorKind::AddrInUse));
        assert_eq!(classify(&e).code, Code::System);
    }

    #[test]
    fn closed_stdout_is_not_a_network_failure() {
        let e = anyhow::Error::new(StdoutClosed(io::Error::from(io::ErrorKind::BrokenPipe)))
            .context("printing a message");
        assert_eq!(classify(&e).kind, "stdout_closed");
        assert_eq!(classify(&e).code, Code::Ok);
    }

    #[test]
    fn broken_pipe_needs_stdout_marker() {
        let e = anyhow::Error::new(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(!is_broken_pipe(&e));
        let e = anyhow::Error::new(StdoutClosed(io::Error::from(io::ErrorKind::BrokenPipe)))
            .context("printing a reply");
        assert!(is_broken_pipe(&e));
    }
}
