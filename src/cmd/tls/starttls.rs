//! `--starttls smtp`: the plaintext exchange before the TLS handshake (RFC 3207:
//! greeting, EHLO, STARTTLS, `220`), with the same deadline and Stop checks as the
//! handshake. Redis has no STARTTLS (its TLS port is TLS from the first byte), so
//! only SMTP is offered. It reads line by line and never buffers past the `220`
//! that precedes the handshake.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Instant;

use crate::exit::Kind;
use crate::exit::{self, Failure};
use crate::signal::{Stop, POLL};

/// Longest reply line accepted from the server.
const MAX_LINE: usize = 4096;

/// Protocols whose STARTTLS netkit speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StartTls {
    /// SMTP (RFC 3207), port 25 by default
    Smtp,
}

impl StartTls {
    pub fn default_port(self) -> u16 {
        match self {
            StartTls::Smtp => 25,
        }
    }
}

/// Run the plaintext part of the protocol so the TLS handshake can follow.
pub fn upgrade(
    proto: StartTls,
    tcp: &mut TcpStream,
    deadline: Instant,
    stop: &Stop,
) -> Result<(), Failure> {
    match proto {
        StartTls::Smtp => smtp(tcp, deadline, stop),
    }
}

fn smtp(tcp: &mut TcpStream, deadline: Instant, stop: &Stop) -> Result<(), Failure> {
    expect_reply(tcp, "220", "greeting", deadline, stop)?;
    send(tcp, b"EHLO netkit.invalid\r\n")?;
    expect_reply(tcp, "250", "EHLO", deadline, stop)?;
    send(tcp, b"STARTTLS\r\n")?;
    expect_reply(tcp, "220", "STARTTLS", deadline, stop)
}

fn send(tcp: &mut TcpStream, line: &[u8]) -> Result<(), Failure> {
    tcp.write_all(line)
        .map_err(|e| exit::network(Kind::ConnectionLost, format!("STARTTLS: sending: {e}")))
}

/// Read one (possibly multi-line) SMTP reply and check its code.
fn expect_reply(
    tcp: &mut TcpStream,
    code: &str,
    step: &str,
    deadline: Instant,
    stop: &Stop,
) -> Result<(), Failure> {
    loop {
        let line = read_line(tcp, deadline, stop)?;
        if !line.starts_with(code) {
            return Err(exit::network(
                Kind::Starttls,
                format!("STARTTLS: the server answered {step} with {line:?}, not {code}"),
            )
            .hint("is this an SMTP server that offers STARTTLS?"));
        }
        // "250-..." continues, "250 ..." ends the reply.
        if line.as_bytes().get(3) != Some(&b'-') {
            return Ok(());
        }
    }
}

/// One CRLF-terminated line, read a byte at a time so nothing after it is consumed.
fn read_line(tcp: &mut TcpStream, deadline: Instant, stop: &Stop) -> Result<String, Failure> {
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(exit::network(
                Kind::Timeout,
                "STARTTLS: no reply from the server in time",
            ));
        }
        if stop.is_stopped() {
            return Err(exit::negative(Kind::Interrupted, "stopped during STARTTLS"));
        }
        let _ = tcp.set_read_timeout(Some(left.min(POLL)));
        match tcp.read(&mut byte) {
            Ok(0) => {
                return Err(exit::network(
                    Kind::ConnectionLost,
                    "STARTTLS: the server closed the connection",
                ))
            }
            Ok(_) if byte[0] == b'\n' => {
                let text = String::from_utf8_lossy(&line)
                    .trim_end_matches('\r')
                    .to_string();
                return Ok(text);
            }
            Ok(_) if line.len() >= MAX_LINE => {
                return Err(exit::network(
                    Kind::Protocol,
                    "STARTTLS: reply line too long",
                ));
            }
            Ok(_) => line.push(byte[0]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(e) => {
                return Err(exit::network(
                    Kind::ConnectionLost,
                    format!("STARTTLS: {e}"),
                ))
            }
        }
    }
}
