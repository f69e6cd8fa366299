//! Lab `udp` (chapter §4–5): the seed's `udp_server.py` / `udp_client.py` — the server
//! answers `Hello!` with `Are you talking to me?` once — then an echo server that drops
//! a share of datagrams, to show that UDP delivers whole messages or nothing.

use std::time::Duration;

use super::{events_of, Lab};
use crate::cli::{Cli, Command};
use crate::cmd::udp_echo::{self, Action};
use crate::exit::{self, Code};

const LAB: &str = "udp";

/// Parse a `udp-echo serve` line, bind it, announce, and run it on a thread.
fn start(
    lab: &Lab,
    argv: &[&str],
) -> anyhow::Result<(
    std::net::SocketAddr,
    super::Background,
    crate::output::SharedBuf,
)> {
    let cli: Cli = lab.parse("server", argv)?;
    let Command::UdpEcho(udp_echo::Args {
        action: Action::Serve(a),
    }) = &cli.command
    else {
        return Err(exit::usage("lab: expected a udp-echo serve line").into());
    };
    let server = udp_echo::bind(a)?;
    let addr = server.local_addr();
    let (bg, cap) = lab.serve("server", "udp", addr, move |ctx| server.run(ctx))?;
    Ok((addr, bg, cap))
}

pub fn run(lab: &Lab) -> anyhow::Result<()> {
    let reply = "Are you talking to me?";
    let (addr, server, scap) = start(
        lab,
        &[
            "udp-echo",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--reply",
            reply,
            "--count",
            "1",
        ],
    )?;
    lab.explain(
        "the server binds a port and waits; the client never binds: the OS picks its port",
    )?;
    let target = addr.to_string();
    let (code, ccap) = lab.command("client", &["udp-echo", "send", &target, "Hello!"])?;
    server.join(Duration::from_secs(5))?;

    super::check_seed_exchange(lab, LAB, &scap, &ccap, code, reply)?;
    lab.explain(
        "each sendto is one datagram and each recvfrom returns one whole datagram: \
         UDP keeps message boundaries, unlike TCP",
    )?;

    // The lossy network the seed warns about, made reproducible with --seed.
    let (addr, server, _) = start(
        lab,
        &[
            "udp-echo",
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--drop",
            "30",
            "--seed",
            "7",
        ],
    )?;
    let target = addr.to_string();
    let (code, ccap) = lab.command(
        "client",
        &[
            "udp-echo",
            "send",
            &target,
            "probe",
            "--count",
            "20",
            "--interval",
            "2ms",
            "--timeout",
            "300ms",
            "-q",
        ],
    )?;
    server.stop_and_join()?;
    let summary = events_of(&ccap, "summary");
    let (sent, received) = summary
        .first()
        .map(|s| {
            (
                s["sent"].as_u64().unwrap_or(0),
                s["received"].as_u64().unwrap_or(0),
            )
        })
        .unwrap_or((0, 0));
    lab.check(
        LAB,
        "some probes were lost, none invented",
        sent == 20 && received < sent && received > 0,
        format!("sent {sent}, received {received}"),
    )?;
    lab.check(
        LAB,
        "replies came back, so send exits 0",
        code == Code::Ok,
        format!("exit {}", code.as_i32()),
    )?;
    lab.explain(
        "UDP has no acknowledgement or retransmission: a lost datagram is simply gone, and \
         the sender only notices because no reply came before the timeout",
    )?;
    Ok(())
}
