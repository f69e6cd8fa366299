//! Opening one ZeroMQ socket on its endpoints, with a socket monitor beside it.
//!
//! [`Link::open`] resolves every endpoint first (bad input is exit 2 before any
//! socket exists), creates a private `zmq::Context` (so a lab can run a publisher
//! and a subscriber in one process and each cleans up alone), binds or connects,
//! and attaches a monitor (`zmq_socket_monitor`) that tells us about handshakes:
//! libzmq retries silently forever, so the monitor is how netkit can say "that
//! peer is not speaking ZeroMQ" instead of hanging. [`Peers`] keeps the counts.
//! This module does not publish, subscribe or print.

use std::collections::HashSet;
use std::net::SocketAddr;
use std::os::unix::fs::FileTypeExt;
use std::time::{Duration, Instant};

use anyhow::Context as _;

use super::wire::{self, zmq_events as ev, Endpoint, Host, MonitorEvent};
use crate::exit::Kind;
use crate::exit::{self, Failure};
use crate::net::{self, Url};

/// A socket, its endpoints, and its monitor. Dropping it closes everything;
/// [`Link::close`] does the same and reports whether queued messages got out.
pub struct Link {
    // Field order is drop order: sockets before the context.
    monitor: zmq::Socket,
    pub socket: zmq::Socket,
    zctx: zmq::Context,
    /// The endpoints as libzmq reports them after bind (real port for port 0).
    pub endpoints: Vec<String>,
    pub bound: bool,
    pub peers: Peers,
}

/// What the monitor has told us so far.
#[derive(Debug, Default)]
pub struct Peers {
    /// Connections open now (fds from ACCEPTED/CONNECTED, minus DISCONNECTED).
    pub live: HashSet<u32>,
    /// Handshakes that succeeded since the start.
    pub handshakes: u64,
    /// Connections that failed their handshake (bound sockets just drop them).
    pub failed: u64,
    /// Endpoints we connect to that handshook at least once.
    pub handshaken: HashSet<String>,
    /// The last reason a connect endpoint could not be reached, for timeout messages.
    pub last_trouble: Option<String>,
}

/// Something about a peer worth telling the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// A peer completed the ZeroMQ handshake.
    Joined { endpoint: String },
    /// A peer went away.
    Left { endpoint: String },
    /// A peer failed the handshake: not ZeroMQ, or the wrong socket type.
    BadPeer { endpoint: String, why: String },
}

impl Link {
    /// Create a socket of `kind` whose handshakes must finish within `handshake`,
    /// let `setup` set its other options, then bind or connect it to every URL.
    pub fn open(
        kind: zmq::SocketType,
        urls: &[Url],
        bind: bool,
        handshake: Duration,
        setup: impl FnOnce(&zmq::Socket) -> zmq::Result<()>,
    ) -> anyhow::Result<Link> {
        let endpoints = urls
            .iter()
            .map(|u| resolve(u, bind))
            .collect::<Result<Vec<_>, _>>()?;
        let zctx = zmq::Context::new();
        let socket = zctx.socket(kind).context("creating a ZeroMQ socket")?;
        if endpoints.iter().any(|e| e.ipv6) {
            socket.set_ipv6(true).context("setting ZMQ_IPV6")?;
        }
        // No waiting at close unless the caller says so (the publisher sets a
        // linger before its final close; on an error path nothing waits).
        socket.set_linger(0).context("setting ZMQ_LINGER")?;
        socket
            .set_handshake_ivl(handshake.as_millis().clamp(1, i32::MAX as u128) as i32)
            .context("setting ZMQ_HANDSHAKE_IVL")?;
        setup(&socket).context("setting ZeroMQ socket options")?;
        socket
            .monitor("inproc://netkit-monitor", ev::WATCHED as i32)
            .context("starting the ZeroMQ socket monitor")?;
        let monitor = zctx
            .socket(zmq::PAIR)
            .context("creating a monitor socket")?;
        monitor.set_linger(0)?;
        monitor
            .connect("inproc://netkit-monitor")
            .context("connecting the ZeroMQ socket monitor")?;
        let mut link = Link {
            monitor,
            socket,
            zctx,
            endpoints: Vec::new(),
            bound: bind,
            peers: Peers::default(),
        };
        for e in &endpoints {
            link.attach(e)?;
        }
        Ok(link)
    }

    fn attach(&mut self, e: &Endpoint) -> anyhow::Result<()> {
        if self.bound {
            if let Some(path) = &e.ipc_path {
                check_ipc_path(path, &e.zmq)?;
            }
            self.socket
                .bind(&e.zmq)
                .map_err(|err| wire::endpoint_error(err, "binding", &e.zmq))?;
            let real = match self.socket.get_last_endpoint() {
                Ok(Ok(s)) => s,
                _ => e.zmq.clone(),
            };
            self.endpoints.push(real);
        } else {
            self.socket
                .connect(&e.zmq)
                .map_err(|err| wire::endpoint_error(err, "connecting to", &e.zmq))?;
            self.endpoints.push(e.zmq.clone());
        }
        Ok(())
    }

    /// The first bound TCP address (for `listening` lines and labs).
    pub fn local_addr(&self) -> Option<SocketAddr> {
        if !self.bound {
            return None;
        }
        self.endpoints.iter().find_map(|e| tcp_addr(e))
    }

    /// The monitor socket, for polling beside the data socket.
    pub fn monitor(&self) -> &zmq::Socket {
        &self.monitor
    }

    /// Read every pending monitor event; returns the notes worth showing.
    pub fn drain_monitor(&mut self) -> Vec<Note> {
        let mut notes = Vec::new();
        while let Ok(frames) = self.monitor.recv_multipart(zmq::DONTWAIT) {
            let Some(event) = frames.first().and_then(|f| wire::decode_monitor_event(f)) else {
                continue;
            };
            let endpoint = frames
                .get(1)
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .unwrap_or_default();
            if let Some(n) = self.peers.apply(event, endpoint, self.bound) {
                notes.push(n);
            }
        }
        notes
    }

    /// Close the socket and the context, waiting up to the socket's linger for
    /// queued messages to leave. Returns how long that took.
    pub fn close(self) -> Duration {
        let Link {
            monitor,
            socket,
            zctx,
            ..
        } = self;
        drop(monitor);
        drop(socket);
        let t = Instant::now();
        drop(zctx); // zmq_ctx_term: blocks until sent or the linger expires
        t.elapsed()
    }
}

impl Peers {
    /// Fold one monitor event into the counts.
    fn apply(&mut self, e: MonitorEvent, endpoint: String, bound: bool) -> Option<Note> {
        match e.event as u32 {
            ev::ACCEPTED | ev::CONNECTED => {
                self.live.insert(e.value);
                if !bound {
                    self.last_trouble = Some(format!(
                        "{endpoint}: connected, but the peer has not completed a ZeroMQ handshake"
                    ));
                }
                None
            }
            ev::CONNECT_RETRIED => {
                if !self.handshaken.contains(&endpoint) {
                    self.last_trouble =
                        Some(format!("{endpoint}: nobody accepts connections there yet"));
                }
                None
            }
            ev::HANDSHAKE_SUCCEEDED => {
                self.handshakes += 1;
                self.handshaken.insert(endpoint.clone());
                self.last_trouble = None;
                Some(Note::Joined { endpoint })
            }
            ev::DISCONNECTED => {
                self.live.remove(&e.value);
                if !bound && !self.handshaken.contains(&endpoint) {
                    // A connection we opened closed before any handshake.
                    return Some(self.bad(endpoint, wire::handshake_failure(0, 0)));
                }
                Some(Note::Left { endpoint })
            }
            ev::HANDSHAKE_FAILED_NO_DETAIL
            | ev::HANDSHAKE_FAILED_PROTOCOL
            | ev::HANDSHAKE_FAILED_AUTH => {
                let why = wire::handshake_failure(e.event, e.value);
                Some(self.bad(endpoint, why))
            }
            _ => None,
        }
    }

    fn bad(&mut self, endpoint: String, why: String) -> Note {
        self.failed += 1;
        self.last_trouble = Some(format!("{endpoint}: {why}"));
        Note::BadPeer { endpoint, why }
    }

    /// Connections open now.
    pub fn count(&self) -> usize {
        self.live.len()
    }
}

/// Check a URL and resolve its host (names go through the system resolver, so an
/// unknown host is a clear exit 2 instead of libzmq retrying in silence).
fn resolve(url: &Url, bind: bool) -> Result<Endpoint, Failure> {
    let host = match wire::check_url(url, bind)? {
        None => Host::Any,
        Some(host) => {
            let hp = net::HostPort {
                host,
                port: url.port.unwrap_or(0),
            };
            let addrs = net::resolve(&hp).map_err(|mut f| {
                f.message = format!("endpoint {}: {}", wire::show_url(url), f.message);
                f
            })?;
            // Prefer IPv4, as libzmq (and so pyzmq) does for names without ZMQ_IPV6:
            // `localhost` must mean the same address on both sides.
            let a = addrs.iter().find(|a| a.is_ipv4()).unwrap_or(&addrs[0]);
            Host::Ip(a.ip())
        }
    };
    Ok(wire::endpoint(url, host))
}

/// libzmq removes whatever file sits at an ipc:// path before binding. Refuse a
/// file that is not a socket, and a socket someone still listens on.
fn check_ipc_path(path: &str, shown: &str) -> anyhow::Result<()> {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(());
    };
    if !meta.file_type().is_socket() {
        let f = exit::system(
            Kind::AddressInUse,
            format!("binding {shown}: {path} exists and is not a socket"),
        )
        .hint("pick another path; netkit will not replace a regular file");
        return Err(f.into());
    }
    if std::os::unix::net::UnixStream::connect(path).is_ok() {
        let f = exit::system(
            Kind::AddressInUse,
            format!("binding {shown}: address already in use"),
        )
        .hint("another process listens on that socket; connect to it, or pick another path");
        return Err(f.into());
    }
    Ok(())
}

/// `tcp://127.0.0.1:6789` → the socket address (None for other transports).
pub fn tcp_addr(endpoint: &str) -> Option<SocketAddr> {
    let rest = endpoint.strip_prefix("tcp://")?;
    rest.parse().ok()
}

/// `ZMQ_XPUB_NODROP` (libzmq ≥ 4.1): block instead of dropping at the high-water
/// mark. The `zmq` crate has no setter for it, so call libzmq directly.
pub fn set_nodrop(socket: &mut zmq::Socket) -> zmq::Result<()> {
    const ZMQ_XPUB_NODROP: libc::c_int = 69;
    extern "C" {
        fn zmq_setsockopt(
            s: *mut libc::c_void,
            option: libc::c_int,
            value: *const libc::c_void,
            len: libc::size_t,
        ) -> libc::c_int;
    }
    let on: libc::c_int = 1;
    // SAFETY: a live socket pointer from the zmq crate, and a pointer to an int
    // with its exact size, as zmq_setsockopt(3) documents for this option.
    let rc = unsafe {
        zmq_setsockopt(
            socket.as_mut_ptr(),
            ZMQ_XPUB_NODROP,
            &on as *const libc::c_int as *const libc::c_void,
            std::mem::size_of::<libc::c_int>(),
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(zmq::Error::from_raw(
            std::io::Error::last_os_error().raw_os_error().unwrap_or(0),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(event: u32, value: u32) -> MonitorEvent {
        MonitorEvent {
            event: event as u16,
            value,
        }
    }

    #[test]
    fn peers_follow_connections() {
        let mut p = Peers::default();
        assert_eq!(p.apply(ev(ev::ACCEPTED, 9), "tcp://a:1".into(), true), None);
        let n = p.apply(ev(ev::HANDSHAKE_SUCCEEDED, 0), "tcp://a:1".into(), true);
        assert!(matches!(n, Some(Note::Joined { .. })));
        assert_eq!((p.count(), p.handshakes), (1, 1));
        p.apply(ev(ev::DISCONNECTED, 9), "tcp://a:1".into(), true);
        assert_eq!(p.count(), 0);
    }

    #[test]
    fn connect_closed_before_handshake_is_a_bad_peer() {
        let mut p = Peers::default();
        p.apply(ev(ev::CONNECTED, 5), "tcp://a:1".into(), false);
        let n = p.apply(ev(ev::DISCONNECTED, 5), "tcp://a:1".into(), false);
        assert!(matches!(n, Some(Note::BadPeer { .. })), "{n:?}");
        assert_eq!(p.failed, 1);
    }

    #[test]
    fn tcp_addr_parses_v4_and_v6() {
        assert_eq!(tcp_addr("tcp://127.0.0.1:5").unwrap().port(), 5);
        assert_eq!(tcp_addr("tcp://[::1]:5").unwrap().port(), 5);
        assert_eq!(tcp_addr("ipc:///x"), None);
    }

    #[test]
    fn nodrop_is_accepted_by_libzmq() {
        let ctx = zmq::Context::new();
        let mut s = ctx.socket(zmq::XPUB).unwrap();
        set_nodrop(&mut s).unwrap();
    }
}
