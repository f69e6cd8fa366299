//! In-process tests of the blocking client stream: a loopback server thread drives
//! the sans-IO [`ServerSession`](crate::net::tls::ServerSession) over a blocking
//! socket (as the engine will over a non-blocking one) and echoes what it decrypts.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use super::*;
use crate::exit::Kind;
use crate::net::tls::server::tests::Files;
use crate::net::tls::ServerSession;

/// Serve one TLS echo connection on a thread; returns the address.
fn echo_server(files: &Files) -> std::net::SocketAddr {
    let config = files.server(false, &[b"echo"]);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let (mut sock, _) = listener.accept().unwrap();
        sock.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut session = ServerSession::new(config).unwrap();
        let mut buf = [0u8; 16 * 1024];
        loop {
            let n = match sock.read(&mut buf) {
                Ok(0) | Err(_) => return,
                Ok(n) => n,
            };
            let mut plain = Vec::new();
            let mut out = Vec::new();
            match session.feed(&buf[..n], &mut plain) {
                Ok(fed) => {
                    session.take_tls(&mut out);
                    if !plain.is_empty() {
                        session.encrypt(&plain, &mut out).unwrap();
                    }
                    if fed.peer_closed {
                        session.close(&mut out);
                    }
                }
                Err(closed) => out = closed.goodbye,
            }
            if sock.write_all(&out).is_err() {
                return;
            }
        }
    });
    addr
}

#[test]
fn echo_through_tls_stream() {
    let f = Files::new();
    let addr = echo_server(&f);
    let tls = f.client(false, &["echo"]);
    let tcp = TcpStream::connect(addr).unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut s = connect(tcp, &tls, "localhost", deadline, &Stop::new()).unwrap();
    assert_eq!(s.info().sni.as_deref(), Some("localhost"));
    assert_eq!(s.info().alpn.as_deref(), Some("echo"));
    assert_eq!(s.info().peer_chain.len(), 1);
    let line = s.info().summary();
    assert!(
        line.starts_with("TLSv1.3 TLS13_") && line.contains(" alpn=echo sni=localhost "),
        "{line}"
    );
    let (out, buf) = crate::output::Out::buffer(crate::output::Mode::Json);
    out.emit(s.info()).unwrap();
    assert_eq!(buf.events()[0]["type"], "tls_handshake");
    assert_eq!(buf.events()[0]["sni"], "localhost");
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    s.write_all(b"ping over tls").unwrap();
    let mut got = [0u8; 13];
    s.read_exact(&mut got).unwrap();
    assert_eq!(&got, b"ping over tls");
    s.shutdown().unwrap();
}

#[test]
fn wrong_name_fails_the_handshake_with_its_reason() {
    let f = Files::new();
    let addr = echo_server(&f);
    let tls = f.client(false, &[]);
    let tcp = TcpStream::connect(addr).unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    let err = connect(tcp, &tls, "other.example", deadline, &Stop::new())
        .err()
        .unwrap();
    assert_eq!(err.kind(), Kind::WrongName, "{err}");
    let f = err.into_failure("TLS handshake with x");
    assert_eq!(f.code, crate::exit::Code::Network);
    assert!(
        f.message.contains(r#"not valid for name "other.example""#),
        "{}",
        f.message
    );
}

#[test]
fn silent_server_times_out_and_stop_ends_the_wait() {
    let f = Files::new();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let tls = f.client(false, &[]);

    let tcp = TcpStream::connect(addr).unwrap();
    let started = Instant::now();
    let err = connect(
        tcp,
        &tls,
        "localhost",
        started + Duration::from_millis(300),
        &Stop::new(),
    )
    .err()
    .unwrap();
    assert!(matches!(err, TlsError::Timeout(_)), "{err}");
    assert!(started.elapsed() < Duration::from_secs(2));

    let stop = Stop::new();
    let stopper = stop.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(150));
        stopper.stop();
    });
    let tcp = TcpStream::connect(addr).unwrap();
    let started = Instant::now();
    let err = connect(
        tcp,
        &tls,
        "localhost",
        started + Duration::from_secs(30),
        &stop,
    )
    .err()
    .unwrap();
    assert!(matches!(err, TlsError::Stopped), "{err}");
    assert!(
        started.elapsed() < Duration::from_millis(1000),
        "{:?}",
        started.elapsed()
    );
    drop(listener);
}
