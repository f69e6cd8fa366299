//! `udp-echo send --concurrency N --duration D`: N sockets (one thread each) send a
//! numbered probe, wait for its reply (or `--timeout`), and send the next, for D.
//! Reports round trips per second and latency percentiles. A reply carrying an
//! older number (a late reply to a probe already given up on) is skipped; a reply
//! without a number (a fixed-reply server) counts as the answer. It does not pace:
//! it measures how fast the server answers, one probe in flight per socket.

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::client::{connect_udp, parse_tag, refused, tag};
use super::{SendArgs, REPLY_TIMEOUT};
use crate::cmd::echo_stats::LoadSummary;
use crate::cmd::Ctx;
use crate::exit::Kind;
use crate::exit::{self, Code};
use crate::rtt::RttHistogram;

/// Default length of a load run.
pub const DEFAULT_DURATION: Duration = Duration::from_secs(5);

#[derive(Default)]
struct Worker {
    rtts: RttHistogram,
    round_trips: u64,
    errors: u64,
    refused: bool,
}

/// Run the load generator.
pub fn run(args: &SendArgs, ctx: &Ctx) -> anyhow::Result<Code> {
    let conc = args.concurrency.unwrap_or(1) as usize;
    let duration = args.duration.unwrap_or(DEFAULT_DURATION);
    let timeout = ctx.timeout_or(REPLY_TIMEOUT);
    let message = args.message.as_bytes().to_vec();
    let size = args.size.map(|s| s as usize);
    let mut socks = Vec::with_capacity(conc);
    for _ in 0..conc {
        socks.push(connect_udp(
            &args.target,
            ctx.timeout_or(super::REPLY_TIMEOUT),
        )?);
    }
    let addr = socks[0].1;
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let deadline = started + duration;
    let mut handles = Vec::with_capacity(conc);
    for (sock, _) in socks {
        let (message, stop, ctx_stop) = (message.clone(), stop.clone(), ctx.stop.clone());
        let h = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                let mut w = Worker::default();
                let _ = sock.set_read_timeout(Some(timeout));
                let (mut out, mut buf) = (Vec::new(), vec![0u8; 65536]);
                let mut seq = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    let t0 = Instant::now();
                    if t0 >= deadline || ctx_stop.is_stopped() {
                        break;
                    }
                    seq += 1;
                    tag(seq, &message, size, &mut out);
                    if let Err(e) = sock.send(&out) {
                        w.errors += 1;
                        w.refused |= e.kind() == io::ErrorKind::ConnectionRefused;
                        std::thread::sleep(Duration::from_millis(10));
                        continue;
                    }
                    match wait_reply(&sock, &mut buf, seq) {
                        Ok(()) => {
                            w.rtts.push(t0.elapsed());
                            w.round_trips += 1;
                        }
                        Err(e) => {
                            w.errors += 1;
                            if e.kind() == io::ErrorKind::ConnectionRefused {
                                w.refused = true;
                                std::thread::sleep(Duration::from_millis(10));
                            }
                        }
                    }
                }
                w
            })?;
        handles.push(h);
    }
    let mut total = Worker::default();
    let mut served = 0;
    for h in handles {
        let w = h
            .join()
            .map_err(|_| anyhow::anyhow!("a load thread panicked"))?;
        served += usize::from(w.round_trips > 0);
        total.round_trips += w.round_trips;
        total.errors += w.errors;
        total.refused |= w.refused;
        total.rtts.extend(w.rtts);
    }
    stop.store(true, Ordering::Relaxed);
    let elapsed = started.elapsed().as_secs_f64();
    ctx.out.emit(&LoadSummary {
        proto: "udp",
        target: addr.to_string(),
        concurrency: conc,
        size: size.unwrap_or(message.len() + 3),
        duration_s: elapsed,
        round_trips: total.round_trips,
        rate: total.round_trips as f64 / elapsed.max(1e-9),
        errors: total.errors,
        served,
        rtt: total.rtts.stats(),
    })?;
    if total.round_trips == 0 {
        if total.refused {
            return Err(refused(addr));
        }
        return Err(exit::negative(
            Kind::NoReply,
            format!("no reply from UDP {addr} during the load run"),
        )
        .into());
    }
    Ok(Code::Ok)
}

/// Wait for the reply to `seq`, skipping late replies to earlier probes.
fn wait_reply(sock: &std::net::UdpSocket, buf: &mut [u8], seq: u64) -> io::Result<()> {
    loop {
        let n = sock.recv(buf)?;
        match parse_tag(&buf[..n]) {
            Some(s) if s < seq => continue,
            _ => return Ok(()),
        }
    }
}
