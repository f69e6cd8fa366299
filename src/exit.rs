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

/// Declares [`Kind`]: each variant with its word in JSON and, from its doc
/// comment, the line that docs/errors.md shows for it.
macro_rules! kinds {
    ($($(#[doc = $d:literal])* $v:ident = $s:literal,)*) => {
        /// The machine-readable word of a failure, the `kind` of an `error` event.
        /// One list, so scripts can rely on the words; docs/errors.md is generated
        /// from it (`tests/generated.rs`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Kind { $($(#[doc = $d])* $v,)* }

        impl Kind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [Kind] = &[$(Kind::$v,)*];

            pub fn as_str(self) -> &'static str {
                match self { $(Kind::$v => $s,)* }
            }

            /// What the kind means, for docs/errors.md.
            pub fn about(self) -> &'static str {
                match self { $(Kind::$v => concat!($($d),*).trim_start(),)* }
            }
        }
    };
}

kinds! {
    // Bad input (exit 2).
    /// Bad input: a malformed address, an unknown record type, a bad flag.
    Usage = "usage",
    /// A name that neither the hosts file nor DNS can resolve.
    UnknownHost = "unknown_host",

    // Negative answers (exit 1).
    /// The name, service, method, exchange or queue does not exist.
    NotFound = "not_found",
    /// DNS: the name does not exist (NXDOMAIN).
    Nxdomain = "nxdomain",
    /// DNS: the name exists but has no record of that type (NODATA).
    Nodata = "nodata",
    /// A server gave no usable answer.
    NoAnswer = "no_answer",
    /// No reply before the timeout.
    NoReply = "no_reply",
    /// The RPC server answered with a fault.
    Fault = "fault",
    /// The RPC server has no `system.*` introspection methods.
    NoIntrospection = "no_introspection",
    /// Ctrl-C/SIGTERM ended a wait before any result.
    Interrupted = "interrupted",
    /// The command was stopped before it could finish.
    Stopped = "stopped",
    /// An operation was cancelled by the peer (AMQP consumer cancelled).
    Cancelled = "cancelled",
    /// DNS: answered, rcode NOERROR (only in per-query events).
    Ok = "ok",
    /// getaddrinfo: EAI_NONAME, the name is not known.
    EaiNoname = "eai_noname",
    /// getaddrinfo: EAI_NODATA, the name has no address.
    EaiNodata = "eai_nodata",
    /// getaddrinfo: EAI_ADDRFAMILY, no address of the asked family.
    EaiAddrfamily = "eai_addrfamily",
    /// getaddrinfo: EAI_AGAIN, the name server failed for now.
    EaiAgain = "eai_again",
    /// getaddrinfo: EAI_FAIL, the name server failed for good.
    EaiFail = "eai_fail",
    /// getaddrinfo: EAI_SERVICE, the service is not known for that socket type.
    EaiService = "eai_service",
    /// getaddrinfo: EAI_BADFLAGS, the flags are invalid.
    EaiBadflags = "eai_badflags",
    /// getaddrinfo: EAI_SOCKTYPE, the socket type is not supported.
    EaiSocktype = "eai_socktype",
    /// getaddrinfo: EAI_FAMILY, the family is not supported.
    EaiFamily = "eai_family",
    /// getaddrinfo: EAI_SYSTEM or another code.
    EaiSystem = "eai_system",

    // The network or the peer (exit 3).
    /// The connection was refused.
    Refused = "refused",
    /// A wait for the network ran out.
    Timeout = "timeout",
    /// The peer closed or reset the connection.
    ConnectionLost = "connection_lost",
    /// No route to the host or network.
    Unreachable = "unreachable",
    /// The peer broke its protocol: garbage, a bad frame, a wrong reply.
    Protocol = "protocol",
    /// An HTTP error status or an HTTP-level failure.
    Http = "http",
    /// The system resolver could not be reached.
    Resolver = "resolver",
    /// getaddrinfo failed in a way that has no EAI word.
    Getaddrinfo = "getaddrinfo",
    /// DNS: the server refused or failed (SERVFAIL).
    Servfail = "servfail",
    /// DNS: another error rcode.
    Rcode = "rcode",
    /// DNS --trace: a referral loop.
    Loop = "loop",
    /// DNS --trace: a referral without glue that cannot be followed.
    NoGlue = "no_glue",
    /// Redis refused a login (WRONGPASS, NOAUTH), or AMQP 403.
    Auth = "auth",
    /// Redis answered a command with an error.
    RedisError = "redis_error",
    /// Redis Cluster: no usable topology, or routing failed.
    Cluster = "cluster",
    /// Redis Sentinel: no sentinel knows the master.
    Sentinel = "sentinel",
    /// ZeroMQ reported an error.
    Zmq = "zmq",
    /// AMQP: the vhost may not be used (530).
    NotAllowed = "not_allowed",
    /// AMQP: it exists with other settings (406).
    PreconditionFailed = "precondition_failed",
    /// AMQP: an exclusive queue of another connection (405).
    ResourceLocked = "resource_locked",
    /// AMQP: another broker reply code.
    AmqpError = "amqp_error",
    /// The STARTTLS upgrade was refused.
    Starttls = "starttls",
    /// A TLS failure without a more precise word.
    Tls = "tls",
    /// A plaintext peer on a port where TLS was expected.
    NotTls = "not_tls",
    /// The TLS peer sent an alert.
    TlsAlert = "tls_alert",
    /// TLS: the certificate is not valid for the name asked for.
    WrongName = "wrong_name",
    /// TLS: the certificate's issuer is not trusted.
    UnknownIssuer = "unknown_issuer",
    /// TLS: the server did not send the intermediate certificates.
    IncompleteChain = "incomplete_chain",
    /// TLS: a self-signed certificate that is not trusted.
    SelfSigned = "self_signed",
    /// TLS: the certificate is revoked.
    Revoked = "revoked",
    /// TLS: a signature in the chain does not verify.
    BadSignature = "bad_signature",
    /// TLS: the certificate is not valid yet.
    NotYetValid = "not_yet_valid",
    /// TLS: the certificate has expired.
    Expired = "expired",
    /// TLS: the certificate cannot be used (malformed, wrong purpose).
    Invalid = "invalid",

    // The local system (exit 4).
    /// The local address is taken by another socket.
    AddressInUse = "address_in_use",
    /// The local address is not on this machine.
    AddressNotAvailable = "address_not_available",
    /// The system said no (a privileged port, a file mode).
    PermissionDenied = "permission_denied",
    /// A file named on the command line is not there.
    FileNotFound = "file_not_found",
    /// No trusted root certificates to verify with.
    NoRoots = "no_roots",
    /// /etc/resolv.conf cannot be read or names no server.
    ResolvConf = "resolv_conf",
    /// A thread could not be started.
    Thread = "thread",
    /// The async runtime could not be started.
    Runtime = "runtime",
    /// Writing a file or socket failed.
    Write = "write",
    /// Writing our own stdout failed.
    StdoutClosed = "stdout_closed",
    /// Another local system error.
    System = "system",
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A classified failure: what exit code it means, a short machine-readable kind,
/// and an optional hint telling the user what to try.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub code: Code,
    pub kind: Kind,
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
    pub fn new(code: Code, kind: Kind, message: impl Into<String>) -> Self {
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
    Failure::new(Code::Usage, Kind::Usage, message)
}

/// Exit 1: a negative answer (`kind` says which: `not_found`, `nxdomain`, `no_reply`, `fault`, `timeout`...).
pub fn negative(kind: Kind, message: impl Into<String>) -> Failure {
    Failure::new(Code::Negative, kind, message)
}

/// Exit 3: the network or the peer failed (`kind`: `refused`, `timeout`, `protocol`...).
pub fn network(kind: Kind, message: impl Into<String>) -> Failure {
    Failure::new(Code::Network, kind, message)
}

/// Exit 4: a local system error.
pub fn system(kind: Kind, message: impl Into<String>) -> Failure {
    Failure::new(Code::System, kind, message)
}

fn find_failure(err: &anyhow::Error) -> Option<&Failure> {
    err.chain().find_map(|c| c.downcast_ref::<Failure>())
}

/// What an error means for the user: exit code, kind word, and a hint if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classified {
    pub code: Code,
    pub kind: Kind,
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
            kind: Kind::StdoutClosed,
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
        kind: Kind::Protocol,
        hint: None,
    }
}

/// Map an I/O error kind to an exit code and a kind word.
pub fn classify_io(e: &io::Error) -> (Code, Kind) {
    use io::ErrorKind as K;
    match e.kind() {
        K::ConnectionRefused => (Code::Network, Kind::Refused),
        K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe | K::UnexpectedEof => {
            (Code::Network, Kind::ConnectionLost)
        }
        K::TimedOut | K::WouldBlock => (Code::Network, Kind::Timeout),
        K::HostUnreachable | K::NetworkUnreachable | K::NetworkDown => {
            (Code::Network, Kind::Unreachable)
        }
        K::AddrInUse => (Code::System, Kind::AddressInUse),
        K::AddrNotAvailable => (Code::System, Kind::AddressNotAvailable),
        K::PermissionDenied => (Code::System, Kind::PermissionDenied),
        K::NotFound => (Code::System, Kind::FileNotFound),
        K::InvalidInput => (Code::Usage, Kind::Usage),
        K::InvalidData => (Code::Network, Kind::Protocol),
        // A wait ended by Ctrl-C/SIGTERM (`net::conn`, `net::connect_tcp`): the
        // command got no result, which is a negative answer, not a system error.
        K::Interrupted => (Code::Negative, Kind::Interrupted),
        _ => (Code::System, Kind::System),
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
    fn kind_words_are_unique_snake_case_and_described() {
        let mut seen = std::collections::HashSet::new();
        for k in Kind::ALL {
            let w = k.as_str();
            assert!(seen.insert(w), "{w} twice");
            assert!(
                w.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{w}"
            );
            assert!(!k.about().is_empty(), "{w} has no doc comment");
        }
        assert_eq!(
            serde_json::to_string(&Kind::ConnectionLost).unwrap(),
            "\"connection_lost\""
        );
    }

    #[test]
    fn failure_in_chain_wins() {
        let e: anyhow::Error = negative(Kind::NotFound, "no service called foo").into();
        let e = e.context("looking up foo");
        let c = classify(&e);
        assert_eq!(c.code, Code::Negative);
        assert_eq!(c.kind, Kind::NotFound);
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
        assert_eq!(classify(&e).kind, Kind::StdoutClosed);
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
