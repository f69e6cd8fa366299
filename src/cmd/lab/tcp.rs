//! Lab `tcp` (chapter §4–5): the seed's `tcp_server.py` / `tcp_client.py`, then the
//! lesson that TCP carries a byte stream, not messages: two messages written before
//! the server reads arrive as one read with raw framing, and come apart again with
//! a newline sentinel (line framing).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use super::{events_of, Background, Lab};
use crate::cli::Command;
use crate::cmd::tcp_echo::{self, Action, Server};
use crate::exit;
use crate::output::SharedBuf;

const LAB: &str = "tcp";

/// Parse a `tcp-echo serve` line and bind it (not yet running).
pub(super) fn bind(lab: &Lab, argv: &[&str]) -> anyhow::Result<Server> {
    let cli = lab.parse("server", argv)?;
    let Command::TcpEcho(tcp_echo::Args {
        action: Action::Serve(a),
    }) = &cli.command
    else {
        return Err(exit::usage("lab: expected a tcp-echo serve line").into());
    };
    tcp_echo::bind(a)
}

/// Announce and run a bound server on a thread.
pub(super) fn start(
    lab: &Lab,
    server: Server,
) -> anyhow::Result<(SocketAddr, Background, SharedBuf)> {
    let addr = server.local_addr();
    let (bg, cap) = lab.serve("server", "tcp", addr, move |ctx| server.run(ctx))?;
    Ok((addr, bg, cap))
}

/// Connect and write `chunks` one write() each, before the server runs.
fn write_early(addr: SocketAddr, chunks: &[&str]) -> anyhow::Result<TcpStream> {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    for c in chunks {
        s.write_all(c.as_bytes())?;
    }
    Ok(s)
}

/// Read until `n` bytes came back (bounded).
fn read_back(s: &mut TcpStream, n: usize) -> anyhow::Result<String> {
    s.set_read_timeout(Some(Duration::from_secs(3)))?;
    let mut buf = vec![0u8; n];
    s.read_exact(&mut buf)?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// Bind a server with `framing`, connect and write `chunks` (one write() each)
/// before it runs, then start it and read the echo. Returns what the server saw as
/// messages and the bytes echoed back.
fn two_writes(
    lab: &Lab,
    framing: &str,
    count: &str,
    chunks: &[&str],
) -> anyhow::Result<(Vec<String>, String)> {
    let server = bind(
        lab,
        &[
            "tcp-echo",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--framing",
            framing,
            "--count",
            count,
        ],
    )?;
    let shown: Vec<String> = chunks.iter().map(|c| format!("write({c:?})")).collect();
    lab.say(
        "client",
        format!(
            "connect, then {} before the server reads",
            shown.join(" and ")
        ),
    )?;
    let mut conn = write_early(server.local_addr(), chunks)?;
    let (_, bg, scap) = start(lab, server)?;
    let total: usize = chunks.iter().map(|c| c.len()).sum();
    let echoed = read_back(&mut conn, total)?;
    drop(conn);
    bg.join(Duration::from_secs(5))?;
    let seen = events_of(&scap, "message")
        .iter()
        .filter_map(|m| m["data"].as_str().map(str::to_string))
        .collect();
    Ok((seen, echoed))
}

pub fn run(lab: &Lab) -> anyhow::Result<()> {
    let reply = "Are you talking to me?";
    let server = bind(
        lab,
        &[
            "tcp-echo",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--reply",
            reply,
            "--count",
            "1",
        ],
    )?;
    let (addr, bg, scap) = start(lab, server)?;
    let target = addr.to_string();
    let (code, ccap) = lab.command("client", &["tcp-echo", "send", &target, "Hello!"])?;
    bg.join(Duration::from_secs(5))?;
    super::check_seed_exchange(lab, LAB, &scap, &ccap, code, reply)?;
    lab.explain(
        "connect() is TCP's three-way handshake; the reply travels on the same connection",
    )?;

    // The stream lesson: two write() calls, read by the server in one go.
    let (reads, echoed) = two_writes(lab, "raw", "1", &["Hello!", "Again!"])?;
    lab.check(
        LAB,
        "two writes arrived as one read",
        reads == ["Hello!Again!"],
        format!("server reads: {reads:?}"),
    )?;
    lab.check(
        LAB,
        "the bytes came back in order",
        echoed == "Hello!Again!",
        format!("echoed {echoed:?}"),
    )?;
    lab.explain(
        "TCP is a byte stream: it keeps the order of bytes, not the boundaries of your \
         send() calls; a receiver gets whatever has arrived, glued together or split",
    )?;

    // Framing restores the messages: a newline sentinel.
    let (frames, _) = two_writes(lab, "line", "2", &["Hello!\n", "Again!\n"])?;
    lab.check(
        LAB,
        "line framing splits them again",
        frames == ["Hello!", "Again!"],
        format!("server messages: {frames:?}"),
    )?;
    lab.explain(
        "whole messages over TCP need framing: a fixed size, a length prefix \
         (--framing length), or a sentinel byte such as the newline (--framing line)",
    )?;
    Ok(())
}
