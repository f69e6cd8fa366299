//! `tcp-echo send --concurrency N --duration D`: N connections, one thread each,
//! each sending a framed message and reading its whole reply before the next (one
//! message in flight per connection), for D. Works against any echo server
//! (socat, ncat, ours) with raw framing (with `line`/`length`, a server of the same framing). Reports round trips per second and
//! latency percentiles; a failed round trip counts as an error and the connection
//! is re-opened. It does not pipeline and does not pace.

use std::time::{Duration, Instant};

use super::client::{connect, Dial};
use super::{SendArgs, REPLY_TIMEOUT};
use crate::cmd::echo_stats::{sized, LoadSummary};
use crate::cmd::Ctx;
use crate::exit::Kind;
use crate::exit::{self, Code};
use crate::net::conn::{Conn, Recv};
use crate::net::stream::Stream;
use crate::proto::framing;
use crate::rtt::RttHistogram;
use crate::signal::Stop;

/// Default length of a load run.
pub const DEFAULT_DURATION: Duration = Duration::from_secs(5);

#[derive(Default)]
struct Worker {
    rtts: RttHistogram,
    round_trips: u64,
    errors: u64,
}

/// Run the load generator.
pub fn run(args: &SendArgs, ctx: &Ctx) -> anyhow::Result<Code> {
    let conc = args.concurrency.unwrap_or(1) as usize;
    let duration = args.duration.unwrap_or(DEFAULT_DURATION);
    let timeout = ctx.timeout_or(REPLY_TIMEOUT);
    let payload = sized(args.message.as_bytes(), args.size.map(|s| s as usize));
    let mut frame = Vec::new();
    framing::encode(args.framing, &payload, &mut frame).map_err(|e| exit::usage(e.to_string()))?;
    // Connect everything first, so the run measures round trips, not handshakes.
    let dial = Dial::new(args, &ctx.out)?;
    let mut streams = Vec::with_capacity(conc);
    let mut addr = None;
    for _ in 0..conc {
        let (s, a, _) = connect(&dial, timeout, &ctx.stop)?;
        if let (true, true, Stream::Tls(t)) = (args.trace, streams.is_empty(), &s) {
            ctx.out.emit(t.info())?;
        }
        addr = Some(a);
        streams.push(s);
    }
    let addr = addr.ok_or_else(|| anyhow::anyhow!("no connection"))?;
    let started = Instant::now();
    let deadline = started + duration;
    let mut handles = Vec::with_capacity(conc);
    for stream in streams {
        let (frame, dial, stop) = (frame.clone(), dial.clone(), ctx.stop.clone());
        let h = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                let mut w = Worker::default();
                let mut stream = Some(Conn::new(stream));
                let mut failures = 0;
                while Instant::now() < deadline && !stop.is_stopped() && failures < 10 {
                    let Some(s) = stream.as_mut() else {
                        stream = connect(&dial, timeout, &stop).ok().map(|c| Conn::new(c.0));
                        failures += 1;
                        continue;
                    };
                    let t0 = Instant::now();
                    if round_trip(s, &frame, timeout, &stop) {
                        w.rtts.push(t0.elapsed());
                        w.round_trips += 1;
                        failures = 0;
                    } else {
                        w.errors += 1;
                        failures += 1;
                        stream = None;
                    }
                }
                w
            })?;
        handles.push(h);
    }
    let (mut total, mut served) = (Worker::default(), 0);
    for h in handles {
        let w = h
            .join()
            .map_err(|_| anyhow::anyhow!("a load thread panicked"))?;
        served += usize::from(w.round_trips > 0);
        total.round_trips += w.round_trips;
        total.errors += w.errors;
        total.rtts.extend(w.rtts);
    }
    let elapsed = started.elapsed().as_secs_f64();
    ctx.out.emit(&LoadSummary {
        proto: "tcp",
        target: addr.to_string(),
        concurrency: conc,
        size: payload.len(),
        duration_s: elapsed,
        round_trips: total.round_trips,
        rate: total.round_trips as f64 / elapsed.max(1e-9),
        errors: total.errors,
        served,
        rtt: total.rtts.stats(),
    })?;
    if total.round_trips == 0 {
        return Err(exit::negative(
            Kind::NoReply,
            format!("no reply from TCP {addr} during the load run"),
        )
        .into());
    }
    Ok(Code::Ok)
}

/// Send one frame and read back exactly as many bytes (an echo of the frame).
fn round_trip(c: &mut Conn, frame: &[u8], timeout: Duration, stop: &Stop) -> bool {
    let n = frame.len();
    c.write_all(frame).is_ok()
        && matches!(
            c.recv(Instant::now() + timeout, stop, |buf, _| {
                std::io::Result::Ok((buf.len() >= n).then_some(((), n)))
            }),
            Ok(Recv::Item(()))
        )
}
