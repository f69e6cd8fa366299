//! Lab `dns` (chapter §8): the system's view first — `getaddrinfo('localhost', 80)` with
//! and without hints, as the seed prints it — then the DNS's view: a query to a DNS
//! server the lab starts on a free loopback port (dnsmasq, when it is installed;
//! otherwise that half is skipped with a clear message), with the
//! `gethostbyname_ex` view and an NXDOMAIN, which is an answer, not a failure.

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, UdpSocket};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use super::{events_of, Lab};
use crate::exit::Code;

const LAB: &str = "dns";

/// A DNS server process, killed when dropped.
struct Dnsmasq(Child);

impl Drop for Dnsmasq {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Find a program on PATH or in the sbin folders (dnsmasq lives in /usr/sbin, which
/// an ordinary user's PATH often lacks).
fn find_program(program: &str) -> Option<std::path::PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin", "/sbin", "/usr/local/sbin"].map(std::path::PathBuf::from))
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

/// Start dnsmasq on a free port and wait for its "started" line (its readiness signal).
fn start_dnsmasq(program: &std::path::Path, port: u16) -> anyhow::Result<Dnsmasq> {
    let mut child = Command::new(program)
        .args([
            "--keep-in-foreground",
            "--log-facility=-",
            "--no-resolv",
            "--no-hosts",
            "--bind-interfaces",
            "--listen-address=127.0.0.1",
            "--pid-file=",
            "--user=root",
            "--address=/example.test/10.1.2.3",
            "--address=/nx.test/",
        ])
        .arg(format!("--port={port}"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()?;
    let stderr = child.stderr.take().expect("piped");
    let guard = Dnsmasq(child);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let ready = line.contains("started");
            let _ = tx.send(line);
            if ready {
                break;
            }
        }
    });
    loop {
        match rx.recv_timeout(Duration::from_secs(5)) {
            Ok(line) if line.contains("started") => return Ok(guard),
            Ok(line) if line.contains("failed") || line.contains("illegal") => {
                anyhow::bail!("dnsmasq did not start: {line}")
            }
            Ok(_) => continue,
            Err(_) => anyhow::bail!("dnsmasq did not say it started within 5 s"),
        }
    }
}

/// A port free for both UDP and TCP (dnsmasq binds both), with dnsmasq started on
/// it; a few tries, since another process may take the port in between.
fn start_on_free_port(program: &std::path::Path) -> anyhow::Result<(u16, Dnsmasq)> {
    let mut last = None;
    for _ in 0..5 {
        let udp = UdpSocket::bind("127.0.0.1:0")?;
        let port = udp.local_addr()?.port();
        if TcpListener::bind(("127.0.0.1", port)).is_err() {
            continue;
        }
        drop(udp);
        match start_dnsmasq(program, port) {
            Ok(server) => return Ok((port, server)),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| anyhow::anyhow!("no free port for dnsmasq")))
}

pub fn run(lab: &Lab) -> anyhow::Result<()> {
    // The system's view: what the C library hands to programs.
    let (_, cap) = lab.command("client", &["dns", "getaddrinfo", "localhost", "80"])?;
    let tuples = events_of(&cap, "addrinfo");
    let v4_stream = tuples.iter().any(|t| {
        t["address"] == "127.0.0.1" && t["socktype"] == "SOCK_STREAM" && t["protocol"] == 6
    });
    lab.check(
        LAB,
        "getaddrinfo('localhost', 80) has a TCP tuple for 127.0.0.1",
        v4_stream,
        crate::output::plural(tuples.len() as u64, "tuple"),
    )?;
    lab.explain(
        "one tuple per socket type: the same address for TCP (stream), UDP (dgram) and raw sockets",
    )?;
    let (_, cap) = lab.command(
        "client",
        &[
            "dns",
            "getaddrinfo",
            "localhost",
            "80",
            "--family",
            "inet",
            "--type",
            "stream",
        ],
    )?;
    let tuples = events_of(&cap, "addrinfo");
    lab.check(
        LAB,
        "hints narrow it to the stream entry",
        tuples.len() == 1,
        crate::output::plural(tuples.len() as u64, "tuple"),
    )?;
    lab.explain(
        "getaddrinfo asks the sources /etc/nsswitch.conf lists, usually the hosts file \
         first and then the DNS: 'localhost' is answered from /etc/hosts",
    )?;

    // The DNS's view, against a server of the lab's own.
    let Some(dnsmasq) = find_program("dnsmasq") else {
        lab.say(
            "lab",
            "skipping the DNS half: dnsmasq is not installed (apt-get install dnsmasq)",
        )?;
        return Ok(());
    };
    let (port, _server) = start_on_free_port(&dnsmasq)?;
    lab.say(
        "server",
        format!("$ dnsmasq --port {port} --address=/example.test/10.1.2.3 --address=/nx.test/ ..."),
    )?;
    let server = format!("127.0.0.1:{port}");
    let (code, cap) = lab.command(
        "client",
        &["dns", "lookup", "example.test", "A", "--server", &server],
    )?;
    let a = events_of(&cap, "message")
        .first()
        .and_then(|m| m["answerRRs"][0]["rdataA"].as_str().map(str::to_string));
    lab.check(
        LAB,
        "example.test has the A record 10.1.2.3",
        a.as_deref() == Some("10.1.2.3") && code == Code::Ok,
        super::got(a),
    )?;
    let (_, cap) = lab.command(
        "client",
        &[
            "dns",
            "lookup",
            "example.test",
            "--hostent",
            "--server",
            &server,
        ],
    )?;
    let hostent = events_of(&cap, "hostent");
    let addresses: Vec<String> = hostent
        .first()
        .and_then(|h| h["addresses"].as_array())
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    lab.check(
        LAB,
        "gethostbyname_ex view lists the address",
        addresses == ["10.1.2.3"],
        format!("addresses {addresses:?}"),
    )?;
    let (code, _) = lab.command(
        "client",
        &["dns", "lookup", "www.nx.test", "A", "--server", &server],
    )?;
    lab.check(
        LAB,
        "a name that does not exist is NXDOMAIN, exit 1",
        code == Code::Negative,
        format!("exit {}", code.as_i32()),
    )?;
    lab.explain(
        "NXDOMAIN is an answer: the server says with authority that the name does not \
         exist (dig exits 0 here; netkit exits 1, a negative answer, not a network failure)",
    )?;
    Ok(())
}
