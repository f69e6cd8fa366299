//! Socket helpers shared by every command: resolving endpoints (IPv4 and IPv6,
//! with errors that name the host), connecting with a timeout, binding listeners
//! through socket2 (backlog, `SO_REUSEADDR`, port 0), and the "listening on ADDR"
//! announcement every server prints first. It does not speak any protocol.

pub mod conn;
pub mod endpoint;
pub mod epoll;
pub mod http;
pub mod serve;
pub mod stream;
pub mod tls;

use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::time::{Duration, Instant};

use anyhow::Context;
use serde::Serialize;
use socket2::{Domain, Protocol, SockAddr, Socket, Type};

pub use endpoint::{
    check_destination, is_url, parse_host_port, parse_url, EndpointError, HostPort, Url,
};

use crate::exit::Kind;
use crate::exit::{self, Failure};
use crate::output::{Out, Palette, Render};

/// Default host for servers and clients, as in the seed.
pub const DEFAULT_HOST: &str = "127.0.0.1";
/// Default port for the seed's servers.
pub const DEFAULT_PORT: u16 = 6789;

/// Parse `HOST:PORT` forms with netkit's defaults, as a usage error on bad input.
pub fn parse_endpoint(input: &str, default_port: Option<u16>) -> Result<HostPort, Failure> {
    parse_host_port(input, DEFAULT_HOST, default_port)
        .map_err(|e| exit::usage(format!("bad address: {e}")))
}

/// Resolve a host and port to socket addresses through the system resolver.
/// An unknown host is exit 2 (`unknown_host`), a resolver failure exit 3.
pub fn resolve(hp: &HostPort) -> Result<Vec<SocketAddr>, Failure> {
    if let Ok(ip) = hp.host.parse::<IpAddr>() {
        return Ok(vec![SocketAddr::new(ip, hp.port)]);
    }
    let hints = dns_lookup::AddrInfoHints {
        socktype: libc::SOCK_STREAM,
        ..Default::default()
    };
    match dns_lookup::getaddrinfo(Some(&hp.host), None, Some(hints)) {
        Ok(iter) => {
            let mut addrs: Vec<SocketAddr> = Vec::new();
            for ai in iter.flatten() {
                let a = SocketAddr::new(ai.sockaddr.ip(), hp.port);
                if !addrs.contains(&a) {
                    addrs.push(a);
                }
            }
            if addrs.is_empty() {
                Err(exit::usage(format!(
                    "unknown host {:?}: no addresses",
                    hp.host
                )))
            } else {
                Ok(addrs)
            }
        }
        Err(e) => {
            let e: io::Error = e.into();
            let text = e.to_string();
            if text.contains("Temporary failure") {
                Err(exit::network(
                    Kind::Resolver,
                    format!("resolving {:?}: {text}", hp.host),
                ))
            } else {
                let mut f = exit::usage(format!("unknown host {:?}: {text}", hp.host));
                f.kind = Kind::UnknownHost;
                Err(f)
            }
        }
    }
}

/// [`resolve`], bounded by `timeout`: getaddrinfo has no timeout of its own, so it
/// runs on a thread and a resolver that never answers is exit 3 after `timeout`.
/// Every client resolves its target here, so port 0 is refused here (exit 2).
pub fn resolve_within(hp: &HostPort, timeout: Duration) -> Result<Vec<SocketAddr>, Failure> {
    check_destination(hp).map_err(|e| exit::usage(e.to_string()))?;
    if let Ok(ip) = hp.host.parse::<IpAddr>() {
        return Ok(vec![SocketAddr::new(ip, hp.port)]);
    }
    let (tx, rx) = std::sync::mpsc::channel();
    let job = hp.clone();
    std::thread::spawn(move || {
        let _ = tx.send(resolve(&job));
    });
    let deadline = Instant::now() + timeout;
    loop {
        if crate::signal::interrupted() {
            return Err(exit::negative(
                Kind::Interrupted,
                format!("stopped by Ctrl-C while resolving {:?}", hp.host),
            ));
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(exit::network(
                Kind::Timeout,
                format!(
                    "resolving {:?}: no answer from the system resolver within {timeout:?}",
                    hp.host
                ),
            ));
        }
        if let Ok(r) = rx.recv_timeout(left.min(crate::signal::POLL)) {
            return r;
        }
    }
}

/// The error of a wait ended by a stop request (classified as exit 1, `interrupted`).
pub fn stopped() -> io::Error {
    io::Error::new(io::ErrorKind::Interrupted, "stopped by Ctrl-C")
}

/// Connect to one address within `timeout`, checking for Ctrl-C every
/// [`crate::signal::POLL`] (a non-blocking connect, then `poll` in slices).
pub fn connect_addr(addr: &SocketAddr, timeout: Duration) -> io::Result<TcpStream> {
    let sock = Socket::new(domain_of(addr), Type::STREAM, Some(Protocol::TCP))?;
    sock.set_nonblocking(true)?;
    match sock.connect(&SockAddr::from(*addr)) {
        Ok(()) => {}
        Err(e) if e.raw_os_error() == Some(libc::EINPROGRESS) => {
            let deadline = Instant::now() + timeout;
            loop {
                if crate::signal::interrupted() {
                    return Err(stopped());
                }
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    let e = format!("timed out after {timeout:?}");
                    return Err(io::Error::new(io::ErrorKind::TimedOut, e));
                }
                let slice = left.min(crate::signal::POLL).as_millis().max(1);
                let mut pfd = libc::pollfd {
                    fd: std::os::fd::AsRawFd::as_raw_fd(&sock),
                    events: libc::POLLOUT,
                    revents: 0,
                };
                // SAFETY: one valid pollfd, for the duration of the call.
                let r = unsafe { libc::poll(&mut pfd, 1, slice as libc::c_int) };
                if r > 0 {
                    break;
                }
                if r < 0 && io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
                    return Err(io::Error::last_os_error());
                }
            }
            if let Some(e) = sock.take_error()? {
                return Err(e);
            }
        }
        Err(e) => return Err(e),
    }
    sock.set_nonblocking(false)?;
    Ok(sock.into())
}

/// Resolve, then connect to the first address that answers, each try bounded by `timeout`.
pub fn connect_tcp(hp: &HostPort, timeout: Duration) -> anyhow::Result<TcpStream> {
    let addrs = resolve_within(hp, timeout)?;
    let mut last: Option<io::Error> = None;
    for addr in &addrs {
        match connect_addr(addr, timeout) {
            Ok(s) => return Ok(s),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                return Err(anyhow::Error::new(e).context(format!("connecting to {hp}")))
            }
            Err(e) => last = Some(e),
        }
    }
    let e = last.unwrap_or_else(|| io::Error::from(io::ErrorKind::AddrNotAvailable));
    let e = if e.kind() == io::ErrorKind::WouldBlock {
        io::Error::new(
            io::ErrorKind::TimedOut,
            format!("timed out after {timeout:?}"),
        )
    } else {
        e
    };
    Err(anyhow::Error::new(e).context(format!("connecting to {hp}")))
}

/// Wait until `fd` is readable or `wait` passes (true = readable). Uses `ppoll`,
/// which keeps microsecond precision where `SO_RCVTIMEO` rounds up to the
/// kernel's tick (4 ms at HZ=250), so a `--delay 1ms` really is about 1 ms.
pub fn wait_readable(fd: std::os::fd::RawFd, wait: Duration) -> std::io::Result<bool> {
    let mut pfd = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    let ts = libc::timespec {
        tv_sec: wait.as_secs() as libc::time_t,
        tv_nsec: wait.subsec_nanos() as libc::c_long,
    };
    // SAFETY: one valid pollfd on the stack, a valid timespec, no signal mask.
    let rc = unsafe { libc::ppoll(&mut pfd, 1, &ts, std::ptr::null()) };
    match rc {
        -1 => {
            let e = std::io::Error::last_os_error();
            if e.kind() == std::io::ErrorKind::Interrupted {
                Ok(false)
            } else {
                Err(e)
            }
        }
        0 => Ok(false),
        _ => Ok(true),
    }
}

fn domain_of(addr: &SocketAddr) -> Domain {
    if addr.is_ipv4() {
        Domain::IPV4
    } else {
        Domain::IPV6
    }
}

/// Bind a TCP listener with `SO_REUSEADDR` and the given backlog.
pub fn bind_tcp(addr: SocketAddr, backlog: i32) -> anyhow::Result<TcpListener> {
    let sock = Socket::new(domain_of(&addr), Type::STREAM, Some(Protocol::TCP))
        .context("creating a TCP socket")?;
    sock.set_reuse_address(true)
        .context("setting SO_REUSEADDR")?;
    if addr.is_ipv6() {
        // [::] means IPv6 only here; bind 0.0.0.0 separately for IPv4.
        let _ = sock.set_only_v6(true);
    }
    sock.bind(&SockAddr::from(addr))
        .with_context(|| format!("binding TCP {addr}"))
        .map_err(bind_hint)?;
    sock.listen(backlog)
        .with_context(|| format!("listening on TCP {addr}"))?;
    Ok(sock.into())
}

/// Bind a UDP socket.
pub fn bind_udp(addr: SocketAddr) -> anyhow::Result<UdpSocket> {
    let sock = Socket::new(domain_of(&addr), Type::DGRAM, Some(Protocol::UDP))
        .context("creating a UDP socket")?;
    if addr.is_ipv6() {
        let _ = sock.set_only_v6(true);
    }
    sock.bind(&SockAddr::from(addr))
        .with_context(|| format!("binding UDP {addr}"))
        .map_err(bind_hint)?;
    Ok(sock.into())
}

fn bind_hint(e: anyhow::Error) -> anyhow::Error {
    let kind = e
        .chain()
        .find_map(|c| c.downcast_ref::<io::Error>())
        .map(|io| io.kind());
    match kind {
        Some(io::ErrorKind::AddrInUse) => {
            let mut f = exit::system(Kind::AddressInUse, format!("{e:#}"));
            f.hint = Some("another process uses that port; pick another with --listen HOST:PORT, or :0 for any free port".into());
            f.into()
        }
        Some(io::ErrorKind::PermissionDenied) => {
            let mut f = exit::system(Kind::PermissionDenied, format!("{e:#}"));
            f.hint = Some("ports below 1024 need root or CAP_NET_BIND_SERVICE".into());
            f.into()
        }
        _ => e,
    }
}

/// Resolve a listen address given by the user (`--listen`), first address wins.
pub fn listen_addr(input: &str, default_port: u16) -> anyhow::Result<SocketAddr> {
    let hp = parse_endpoint(input, Some(default_port))?;
    Ok(resolve(&hp)?[0])
}

/// The first line every server prints: where it listens.
#[derive(Debug, Serialize)]
pub struct Listening {
    pub proto: String,
    pub address: String,
    pub host: String,
    pub port: u16,
    /// Set when the server speaks TLS (`--tls-cert`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls: Option<ListeningTls>,
}

/// The `tls` of a `listening` event.
#[derive(Debug, Serialize)]
pub struct ListeningTls {
    /// Clients must present a certificate (`--tls-client-ca`).
    pub client_certs_required: bool,
}

impl Listening {
    pub fn new(proto: &str, addr: SocketAddr) -> Listening {
        Listening {
            proto: proto.to_string(),
            address: addr.to_string(),
            host: addr.ip().to_string(),
            port: addr.port(),
            tls: None,
        }
    }
}

impl Render for Listening {
    fn kind(&self) -> &str {
        "listening"
    }
    fn human(&self, p: &Palette) -> String {
        let tls = match &self.tls {
            None => "",
            Some(t) if t.client_certs_required => " (TLS, client certificates required)",
            Some(_) => " (TLS)",
        };
        format!("listening on {} {}{tls}", self.proto, p.name(&self.address))
    }
}

/// Print the listening line, and a warning when the address is a wildcard.
pub fn announce(out: &Out, proto: &str, addr: SocketAddr) -> anyhow::Result<()> {
    announce_tls(out, proto, addr, None)
}

/// [`announce`] for a server that may speak TLS: the line says so.
pub fn announce_tls(
    out: &Out,
    proto: &str,
    addr: SocketAddr,
    tls: Option<&tls::ServerTls>,
) -> anyhow::Result<()> {
    let mut line = Listening::new(proto, addr);
    line.tls = tls.map(|t| ListeningTls {
        client_certs_required: t.client_certs,
    });
    out.emit(&line)?;
    if addr.ip().is_unspecified() {
        out.warn(&format!(
            "listening on {} accepts connections from other machines; use 127.0.0.1 to stay local",
            addr.ip()
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binds_port_zero_v4_and_v6() {
        let l = bind_tcp("127.0.0.1:0".parse().unwrap(), 5).unwrap();
        assert_ne!(l.local_addr().unwrap().port(), 0);
        if let Ok(u) = bind_udp("[::1]:0".parse().unwrap()) {
            assert!(u.local_addr().unwrap().is_ipv6());
        }
    }

    #[test]
    fn address_in_use_is_exit_4() {
        let l = bind_tcp("127.0.0.1:0".parse().unwrap(), 5).unwrap();
        let e = bind_udp(l.local_addr().unwrap()).map(|_| ());
        // UDP and TCP ports are separate: binding UDP on the same port works.
        assert!(e.is_ok());
        let u = bind_udp("127.0.0.1:0".parse().unwrap()).unwrap();
        let e = bind_udp(u.local_addr().unwrap()).unwrap_err();
        assert_eq!(exit::classify(&e).code, exit::Code::System);
    }

    #[test]
    fn resolves_literals_without_dns() {
        let hp = parse_endpoint("[::1]:9", None).unwrap();
        assert_eq!(resolve(&hp).unwrap()[0], "[::1]:9".parse().unwrap());
        assert_eq!(
            parse_endpoint("x:99999", None).unwrap_err().code,
            exit::Code::Usage
        );
    }
}
