//! Pure helpers for the ZeroMQ side of `pub`/`sub`: turning a netkit URL into the
//! endpoint string libzmq takes, mapping libzmq errors to netkit's exit codes,
//! decoding the XPUB subscription frames (`\x01topic` / `\x00topic`, ZMTP 3.1
//! RFC 23 §"Subscriptions") and the socket-monitor event frames
//! (`zmq_socket_monitor(3)`: 2-byte event, 4-byte value, then the endpoint), and
//! the prefix match SUB sockets apply. No sockets, no printing.

use std::net::IpAddr;

use crate::exit::Kind;
use crate::exit::{self, Failure};
use crate::net::Url;

/// Where a ZeroMQ socket binds or connects, ready for `zmq_bind`/`zmq_connect`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// The string libzmq takes: `tcp://127.0.0.1:6789`, `tcp://[::1]:6789`,
    /// `tcp://*:6789`, `ipc:///tmp/x`.
    pub zmq: String,
    /// The socket needs `ZMQ_IPV6` (an IPv6 address).
    pub ipv6: bool,
    /// The filesystem path of an `ipc://` endpoint (None for abstract `@name`).
    pub ipc_path: Option<String>,
}

/// The host part of a `tcp://` URL once resolved: an address, or `*` (all
/// interfaces, bind only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    Ip(IpAddr),
    Any,
}

/// Check a URL for ZeroMQ use before any resolving: `tcp://` needs a port and no
/// path; `*` is only for binding; `ipc://` needs a path. Returns the host text
/// that still needs resolving (None for ipc or `*`).
pub fn check_url(url: &Url, bind: bool) -> Result<Option<String>, Failure> {
    let shown = show_url(url);
    if url.path.contains('\0') || url.host.contains('\0') {
        return Err(exit::usage(format!("bad endpoint {shown}: NUL byte")));
    }
    match url.scheme.as_str() {
        "ipc" => Ok(None),
        "tcp" => {
            if url.port.is_none() {
                return Err(exit::usage(format!(
                    "bad endpoint {shown}: tcp:// needs a port (tcp://HOST:PORT)"
                )));
            }
            if !url.path.is_empty() || url.query.is_some() || url.user.is_some() {
                return Err(exit::usage(format!(
                    "bad endpoint {shown}: a tcp:// endpoint is just tcp://HOST:PORT"
                )));
            }
            if url.host == "*" {
                if !bind {
                    return Err(exit::usage(format!(
                        "bad endpoint {shown}: * (every interface) is for --bind; connect to an address"
                    )));
                }
                return Ok(None);
            }
            if !bind && url.port == Some(0) {
                return Err(exit::usage(format!(
                    "{shown}: port 0 is not a destination (port 0 only means \"any free port\" with --bind)"
                )));
            }
            Ok(Some(url.host.clone()))
        }
        other => Err(exit::usage(format!(
            "{other}:// is not a ZeroMQ transport (use tcp:// or ipc://)"
        ))),
    }
}

/// The URL as the user would type it (for messages).
pub fn show_url(url: &Url) -> String {
    match url.scheme.as_str() {
        "ipc" => format!("ipc://{}", url.path),
        _ => match (url.host.contains(':'), url.port) {
            (true, Some(p)) => format!("{}://[{}]:{p}", url.scheme, url.host),
            (false, Some(p)) => format!("{}://{}:{p}", url.scheme, url.host),
            (_, None) => format!("{}://{}", url.scheme, url.host),
        },
    }
}

/// Build the endpoint for a `tcp://` URL whose host is resolved (`host`), or an
/// `ipc://` URL (`host` ignored).
pub fn endpoint(url: &Url, host: Host) -> Endpoint {
    if url.scheme == "ipc" {
        let path = (!url.path.starts_with('@')).then(|| url.path.clone());
        return Endpoint {
            zmq: format!("ipc://{}", url.path),
            ipv6: false,
            ipc_path: path,
        };
    }
    let port = url.port.unwrap_or(0);
    let (zmq, ipv6) = match host {
        Host::Any => (format!("tcp://*:{port}"), false),
        Host::Ip(IpAddr::V4(a)) => (format!("tcp://{a}:{port}"), false),
        Host::Ip(IpAddr::V6(a)) => (format!("tcp://[{a}]:{port}"), true),
    };
    Endpoint {
        zmq,
        ipv6,
        ipc_path: None,
    }
}

/// What went wrong binding or connecting `endpoint`, as a netkit failure.
pub fn endpoint_error(e: zmq::Error, action: &str, endpoint: &str) -> Failure {
    let what = format!("{action} {endpoint}: {}", e.message());
    match e {
        zmq::Error::EADDRINUSE => exit::system(Kind::AddressInUse, what).hint(
            "another process uses that address; pick another port (port 0 picks a free one) or connect to it instead",
        ),
        zmq::Error::EADDRNOTAVAIL => exit::system(Kind::AddressNotAvailable, what)
            .hint("bind an address of this machine, such as 127.0.0.1 or *"),
        zmq::Error::EACCES => exit::system(Kind::PermissionDenied, what)
            .hint("ports below 1024 need root; ipc:// paths need a writable directory"),
        zmq::Error::ENOENT => exit::system(Kind::FileNotFound, what),
        zmq::Error::EINVAL | zmq::Error::ENODEV | zmq::Error::ENAMETOOLONG => {
            exit::usage(format!("bad endpoint: {what}"))
        }
        zmq::Error::EPROTONOSUPPORT | zmq::Error::ENOCOMPATPROTO => {
            exit::usage(format!("unsupported transport: {what}"))
        }
        _ => exit::network(Kind::Zmq, what),
    }
}

/// A frame an XPUB socket receives from its subscribers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subscription<'a> {
    Subscribe(&'a [u8]),
    Unsubscribe(&'a [u8]),
}

/// Decode an XPUB subscription frame: `\x01topic` subscribes, `\x00topic`
/// unsubscribes; anything else is not a subscription (None).
pub fn decode_subscription(frame: &[u8]) -> Option<Subscription<'_>> {
    match frame.split_first() {
        Some((1, topic)) => Some(Subscription::Subscribe(topic)),
        Some((0, topic)) => Some(Subscription::Unsubscribe(topic)),
        _ => None,
    }
}

/// Does a SUB socket subscribed to `prefixes` receive a message whose first frame
/// is `topic`? (Prefix match; the empty prefix matches everything.)
pub fn matches<'a>(prefixes: impl IntoIterator<Item = &'a Vec<u8>>, topic: &[u8]) -> bool {
    prefixes.into_iter().any(|p| topic.starts_with(p))
}

/// One socket-monitor event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonitorEvent {
    /// `ZMQ_EVENT_*`.
    pub event: u16,
    /// An fd, an errno or an interval, depending on the event.
    pub value: u32,
}

/// Decode the first frame of a monitor event (6 bytes, native byte order).
pub fn decode_monitor_event(frame: &[u8]) -> Option<MonitorEvent> {
    if frame.len() != 6 {
        return None;
    }
    Some(MonitorEvent {
        event: u16::from_ne_bytes([frame[0], frame[1]]),
        value: u32::from_ne_bytes([frame[2], frame[3], frame[4], frame[5]]),
    })
}

/// Why a handshake failed, in words.
pub fn handshake_failure(event: u16, value: u32) -> String {
    match event as u32 {
        zmq_events::HANDSHAKE_FAILED_PROTOCOL => format!(
            "ZeroMQ protocol error (code {value:#x}): a peer of the wrong socket type, or garbage"
        ),
        zmq_events::HANDSHAKE_FAILED_AUTH => "authentication failed".to_string(),
        _ => "no ZeroMQ handshake: not a ZeroMQ peer, a socket type that cannot talk to this one, or it closed the connection".to_string(),
    }
}

/// The `ZMQ_EVENT_*` numbers netkit watches (zmq.h; stable since libzmq 4.0/4.3).
pub mod zmq_events {
    pub const CONNECTED: u32 = 0x0001;
    pub const CONNECT_RETRIED: u32 = 0x0004;
    pub const ACCEPTED: u32 = 0x0020;
    pub const DISCONNECTED: u32 = 0x0200;
    pub const HANDSHAKE_FAILED_NO_DETAIL: u32 = 0x0800;
    pub const HANDSHAKE_SUCCEEDED: u32 = 0x1000;
    pub const HANDSHAKE_FAILED_PROTOCOL: u32 = 0x2000;
    pub const HANDSHAKE_FAILED_AUTH: u32 = 0x4000;
    /// Everything above.
    pub const WATCHED: u32 = CONNECTED
        | CONNECT_RETRIED
        | ACCEPTED
        | DISCONNECTED
        | HANDSHAKE_FAILED_NO_DETAIL
        | HANDSHAKE_SUCCEEDED
        | HANDSHAKE_FAILED_PROTOCOL
        | HANDSHAKE_FAILED_AUTH;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exit::Code;
    use crate::net::parse_url;

    fn url(s: &str) -> Url {
        parse_url(s).unwrap()
    }

    #[test]
    fn tcp_endpoints() {
        let u = url("tcp://127.0.0.1:6789");
        assert_eq!(check_url(&u, false).unwrap().as_deref(), Some("127.0.0.1"));
        let e = endpoint(&u, Host::Ip("127.0.0.1".parse().unwrap()));
        assert_eq!(e.zmq, "tcp://127.0.0.1:6789");
        assert!(!e.ipv6);
        let u = url("tcp://[::1]:7");
        let e = endpoint(&u, Host::Ip("::1".parse().unwrap()));
        assert_eq!(e.zmq, "tcp://[::1]:7");
        assert!(e.ipv6);
        let u = url("tcp://*:6789");
        assert_eq!(check_url(&u, true).unwrap(), None);
        assert_eq!(endpoint(&u, Host::Any).zmq, "tcp://*:6789");
        assert_eq!(show_url(&url("tcp://[::1]:7")), "tcp://[::1]:7");
    }

    #[test]
    fn bad_tcp_endpoints_are_usage_errors() {
        for s in ["tcp://127.0.0.1", "tcp://h:1/path", "tcp://*:1"] {
            let f = check_url(&url(s), false).unwrap_err();
            assert_eq!(f.code, Code::Usage, "{s}");
        }
        assert_eq!(
            check_url(&url("redis://x:1"), true).unwrap_err().code,
            Code::Usage
        );
    }

    #[test]
    fn ipc_endpoints() {
        let u = url("ipc:///tmp/netkit.sock");
        assert_eq!(check_url(&u, true).unwrap(), None);
        let e = endpoint(&u, Host::Any);
        assert_eq!(e.zmq, "ipc:///tmp/netkit.sock");
        assert_eq!(e.ipc_path.as_deref(), Some("/tmp/netkit.sock"));
        assert_eq!(endpoint(&url("ipc://@abstract"), Host::Any).ipc_path, None);
    }

    #[test]
    fn errors_map_to_exit_codes() {
        let f = endpoint_error(zmq::Error::EADDRINUSE, "binding", "tcp://127.0.0.1:1");
        assert_eq!(f.code, Code::System);
        assert!(f.message.contains("binding tcp://127.0.0.1:1"));
        assert_eq!(
            endpoint_error(zmq::Error::EINVAL, "binding", "x").code,
            Code::Usage
        );
        assert_eq!(
            endpoint_error(zmq::Error::EHOSTUNREACH, "connecting", "x").code,
            Code::Network
        );
    }

    #[test]
    fn subscription_frames() {
        assert_eq!(
            decode_subscription(b"\x01catA"),
            Some(Subscription::Subscribe(b"catA"))
        );
        assert_eq!(
            decode_subscription(b"\x00catA"),
            Some(Subscription::Unsubscribe(b"catA"))
        );
        assert_eq!(
            decode_subscription(b"\x01"),
            Some(Subscription::Subscribe(b""))
        );
        assert_eq!(decode_subscription(b""), None);
        assert_eq!(decode_subscription(b"\x02x"), None);
    }

    #[test]
    fn prefix_matching() {
        let p = vec![b"catA".to_vec(), b"catC".to_vec()];
        assert!(matches(&p, b"catA"));
        assert!(matches(&p, b"catAB"));
        assert!(!matches(&p, b"catB"));
        assert!(!matches(&p, b"cat"));
        assert!(matches(&[Vec::new()], b"anything"));
        assert!(!matches(&Vec::<Vec<u8>>::new(), b"anything"));
    }

    #[test]
    fn monitor_frames() {
        let mut f = 0x1000u16.to_ne_bytes().to_vec();
        f.extend_from_slice(&7u32.to_ne_bytes());
        assert_eq!(
            decode_monitor_event(&f),
            Some(MonitorEvent {
                event: 0x1000,
                value: 7
            })
        );
        assert_eq!(decode_monitor_event(&f[..5]), None);
        assert!(handshake_failure(0x0800, 0).contains("not a ZeroMQ peer"));
    }
}
