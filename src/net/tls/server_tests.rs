//! In-process tests of [`ServerSession`]: a rustls client (configured by
//! `TlsClient`, as every netkit client is) and the server layer exchange bytes
//! through in-memory buffers; no sockets.

use std::io::{Read, Write};
use std::sync::Arc;

use rustls::pki_types::ServerName;
use rustls::ClientConnection;

use super::*;
use crate::net::tls::test_pki::{Ca, Validity};
use crate::net::tls::{server_config, TlsClient, TlsClientArgs, TlsServerArgs};

pub(crate) struct Files {
    pub dir: tempfile::TempDir,
}

impl Files {
    pub fn new() -> Files {
        let dir = tempfile::tempdir().unwrap();
        let ca = Ca::root("netkit test CA");
        let leaf = ca.leaf("localhost", &["localhost", "127.0.0.1"], Validity::Long);
        let client = ca.leaf("client", &["client.test"], Validity::Long);
        for (name, text) in [
            ("ca.pem", &ca.cert.pem),
            ("leaf.pem", &leaf.pem),
            ("leaf.key", &leaf.key_pem),
            ("client.pem", &client.pem),
            ("client.key", &client.key_pem),
        ] {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        Files { dir }
    }
    pub fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }
    pub fn server(&self, client_ca: bool, alpn: &[&[u8]]) -> Arc<ServerConfig> {
        let args = TlsServerArgs {
            tls_cert: Some(self.path("leaf.pem")),
            tls_key: Some(self.path("leaf.key")),
            tls_client_ca: client_ca.then(|| self.path("ca.pem")),
        };
        server_config(&args, alpn).unwrap().unwrap()
    }
    pub fn client(&self, with_cert: bool, alpn: &[&str]) -> TlsClient {
        let args = TlsClientArgs {
            cacert: Some(self.path("ca.pem")),
            cert: with_cert.then(|| self.path("client.pem")),
            key: with_cert.then(|| self.path("client.key")),
            alpn: alpn.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        TlsClient::new(&args).unwrap()
    }
}

/// Move bytes both ways until neither side has anything to say; returns the
/// server's plaintext, or how the server closed.
fn pump(client: &mut ClientConnection, server: &mut ServerSession) -> Result<Vec<u8>, Closed> {
    let mut plain = Vec::new();
    for _ in 0..20 {
        let mut to_server = Vec::new();
        while client.wants_write() {
            client.write_tls(&mut to_server).unwrap();
        }
        if !to_server.is_empty() {
            server.feed(&to_server, &mut plain)?;
        }
        let mut to_client = Vec::new();
        server.take_tls(&mut to_client);
        if !to_client.is_empty() {
            let mut rd = &to_client[..];
            while !rd.is_empty() {
                client.read_tls(&mut rd).unwrap();
            }
            if client.process_new_packets().is_err() {
                break;
            }
        }
        if to_server.is_empty() && to_client.is_empty() {
            break;
        }
    }
    Ok(plain)
}

fn client_conn(tls: &TlsClient, name: &str) -> ClientConnection {
    ClientConnection::new(
        tls.config.clone(),
        ServerName::try_from(name.to_string()).unwrap(),
    )
    .unwrap()
}

#[test]
fn handshake_then_echo_in_memory() {
    let f = Files::new();
    let mut server = ServerSession::new(f.server(false, &[b"echo"])).unwrap();
    let mut client = client_conn(&f.client(false, &["echo"]), "localhost");
    client.writer().write_all(b"hello over tls").unwrap();
    let plain = pump(&mut client, &mut server).unwrap();
    assert_eq!(plain, b"hello over tls");
    assert!(!server.is_handshaking());
    let info = server.info().expect("handshake info");
    assert_eq!(info.version, "TLSv1.3");
    assert_eq!(info.sni.as_deref(), Some("localhost"));
    assert_eq!(info.alpn.as_deref(), Some("echo"));

    let mut out = Vec::new();
    server.encrypt(b"hello back", &mut out).unwrap();
    let mut rd = &out[..];
    client.read_tls(&mut rd).unwrap();
    client.process_new_packets().unwrap();
    let mut got = [0u8; 32];
    let n = client.reader().read(&mut got).unwrap();
    assert_eq!(&got[..n], b"hello back");

    client.send_close_notify();
    let mut bye = Vec::new();
    client.write_tls(&mut bye).unwrap();
    let fed = server.feed(&bye, &mut Vec::new()).unwrap();
    assert!(fed.peer_closed);
}

#[test]
fn plaintext_client_is_not_tls() {
    let f = Files::new();
    let mut server = ServerSession::new(f.server(false, &[])).unwrap();
    let err = server
        .feed(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", &mut Vec::new())
        .unwrap_err();
    assert!(
        matches!(err.reason, CloseReason::NotTls(ref s) if s.starts_with("GET / HTTP")),
        "{err}"
    );
}

#[test]
fn missing_client_certificate_fails_that_handshake_only() {
    let f = Files::new();
    let config = f.server(true, &[]);
    let mut refused = ServerSession::new(config.clone()).unwrap();
    let mut client = client_conn(&f.client(false, &[]), "localhost");
    client.writer().write_all(b"x").unwrap();
    let err = pump(&mut client, &mut refused).unwrap_err();
    assert!(matches!(err.reason, CloseReason::Handshake(_)), "{err}");
    assert!(!err.goodbye.is_empty(), "an alert is sent back");

    // The same config still serves a client that has a certificate.
    let mut server = ServerSession::new(config).unwrap();
    let mut client = client_conn(&f.client(true, &[]), "localhost");
    client.writer().write_all(b"with cert").unwrap();
    assert_eq!(pump(&mut client, &mut server).unwrap(), b"with cert");
    assert_eq!(server.info().unwrap().peer_chain.len(), 1);
}

#[test]
fn garbage_after_handshake_is_a_protocol_close() {
    let f = Files::new();
    let mut server = ServerSession::new(f.server(false, &[])).unwrap();
    let mut client = client_conn(&f.client(false, &[]), "localhost");
    pump(&mut client, &mut server).unwrap();
    assert!(!server.is_handshaking());
    let err = server
        .feed(&[23, 3, 3, 0, 5, 1, 2, 3, 4, 5], &mut Vec::new())
        .unwrap_err();
    assert!(matches!(err.reason, CloseReason::Protocol(_)), "{err}");
}

#[test]
fn close_queues_close_notify() {
    let f = Files::new();
    let mut server = ServerSession::new(f.server(false, &[])).unwrap();
    let mut client = client_conn(&f.client(false, &[]), "localhost");
    pump(&mut client, &mut server).unwrap();
    let mut out = Vec::new();
    server.close(&mut out);
    let mut rd = &out[..];
    client.read_tls(&mut rd).unwrap();
    let state = client.process_new_packets().unwrap();
    assert!(state.peer_has_closed());
}
