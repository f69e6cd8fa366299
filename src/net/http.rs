//! HTTP/1.1 messages read through the one client connection (for `rpc-call`,
//! `http` and DoH): the
//! codec is `proto::http` (re-exported here, so the client and the server name
//! it one way); this module only drives it over a blocking [`Conn`] — more bytes
//! until a whole message, `100 Continue` when asked, interim responses skipped.
//! It does not parse anything itself.

use std::time::Instant;

use crate::net::conn::Conn;
pub use crate::proto::http::*;
use crate::signal::Stop;

/// Read one message through a blocking connection (the client's side).
/// `Ok(None)`: the peer closed before sending a byte (an idle keep-alive
/// connection ending). Interim (1xx) responses are skipped; a request that asks
/// for `100 Continue` gets it. With `wire`, the bytes the message used are
/// appended there as they came (a chunked body still chunked), for `--trace`.
pub fn read_message(
    conn: &mut Conn,
    kind: Kind,
    max_body: usize,
    until: Instant,
    stop: &Stop,
    mut wire: Option<&mut Vec<u8>>,
) -> Result<Option<Message>, HttpError> {
    let mut eof = false;
    let mut continued = false;
    let mut decoder = Decoder::new(kind, max_body);
    loop {
        match decoder.decode(conn.buffered(), eof)? {
            Parsed::Message(msg, used) => {
                if let Some(w) = wire.as_deref_mut() {
                    w.extend_from_slice(&conn.buffered()[..used]);
                }
                conn.consume(used);
                if kind == Kind::Response && (100..200).contains(&msg.status()) {
                    continue;
                }
                return Ok(Some(msg));
            }
            Parsed::Partial { wants_continue } => {
                if eof {
                    return if only_blank(conn.buffered()) {
                        Ok(None)
                    } else {
                        Err(HttpError::Truncated)
                    };
                }
                if wants_continue && !continued {
                    conn.write_all(CONTINUE)?;
                    continued = true;
                }
                eof = conn.fill(until, stop)? == 0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::net::{TcpListener, TcpStream};
    use std::time::Duration;

    fn pair(bytes: &'static [u8]) -> Conn {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        let mut c = TcpStream::connect(l.local_addr().unwrap()).unwrap();
        let (s, _) = l.accept().unwrap();
        c.write_all(bytes).unwrap();
        drop(c);
        Conn::tcp(s).unwrap()
    }

    fn read(conn: &mut Conn, kind: Kind) -> Result<Option<Message>, HttpError> {
        read_message(
            conn,
            kind,
            1024,
            Instant::now() + Duration::from_secs(5),
            &Stop::new(),
            None,
        )
    }

    #[test]
    fn request_then_eof() {
        let mut c = pair(b"\r\nPOST /RPC2 HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcPOST / HTTP/1.0\r\n\r\n\r\n");
        let m = read(&mut c, Kind::Request).unwrap().unwrap();
        assert_eq!(m.parts(), ("POST", "/RPC2", "HTTP/1.1"));
        assert_eq!(m.body, b"abc");
        assert!(m.keep_alive());
        let m = read(&mut c, Kind::Request).unwrap().unwrap();
        assert!(!m.keep_alive() && m.body.is_empty());
        assert!(read(&mut c, Kind::Request).unwrap().is_none());
    }

    #[test]
    fn chunked_and_until_close_responses() {
        let mut c = pair(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\nHTTP/1.0 500 Oops\r\n\r\nrest");
        let m = read(&mut c, Kind::Response).unwrap().unwrap();
        assert_eq!((m.status(), m.body.as_slice()), (200, &b"abcde"[..]));
        let m = read(&mut c, Kind::Response).unwrap().unwrap();
        assert_eq!((m.status(), m.body.as_slice()), (500, &b"rest"[..]));
    }

    #[test]
    fn limits_and_garbage() {
        let mut c = pair(b"POST / HTTP/1.1\r\nContent-Length: 5000\r\n\r\n");
        assert!(matches!(
            read(&mut c, Kind::Request),
            Err(HttpError::TooLarge { .. })
        ));
        let mut c = pair(b"\x16\x03\x01 hello tls\r\n\r\n");
        assert!(matches!(
            read(&mut c, Kind::Request),
            Err(HttpError::Malformed(_))
        ));
        let mut c = pair(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        assert!(matches!(
            read(&mut c, Kind::Response),
            Err(HttpError::Truncated)
        ));
        let mut c = pair(b"POST / HTTP/1.1\r\nbad header\r\n\r\n");
        assert!(matches!(
            read(&mut c, Kind::Request),
            Err(HttpError::Malformed(_))
        ));
    }
}
