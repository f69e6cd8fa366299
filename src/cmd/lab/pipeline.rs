//! Lab `pipeline` (chapter §1 push/pull and §6,
//! [docs/material.md](../../../docs/material.md#6-zeromq-request-reply)): a PUSH
//! ventilator hands out tasks, PULL workers do each (a fixed delay stands in for
//! the work) and PUSH the result to a PULL sink. Run with one worker, then with
//! three: PUSH round-robins the tasks evenly, and the total time drops.

use std::time::{Duration, Instant};

use super::reqrep::bound_endpoints;
use super::{events_of, Lab};

const LAB: &str = "pipeline";
const TASKS: usize = 12;
const WORK: &str = "25ms";

pub fn run(lab: &Lab) -> anyhow::Result<()> {
    let (one, _) = round(lab, 1)?;
    let (three, per_worker) = round(lab, 3)?;
    let even = per_worker.len() == 3 && per_worker.iter().all(|&n| n == (TASKS / 3) as u64);
    lab.check(
        LAB,
        "PUSH round-robins the tasks over the three workers",
        even,
        format!("tasks per worker: {per_worker:?}"),
    )?;
    lab.check(
        LAB,
        "three workers finish sooner than one",
        three.as_secs_f64() < one.as_secs_f64() * 0.7,
        format!(
            "1 worker: {} ms, 3 workers: {} ms",
            one.as_millis(),
            three.as_millis()
        ),
    )?;
    lab.explain(
        "fan-out: each task goes to exactly one worker, in turn; fan-in: the sink \
         fair-queues results from every worker. Adding workers adds throughput",
    )?;
    Ok(())
}

/// One run with `workers` workers: the time until the sink has every result, and
/// how many results came from each worker.
fn round(lab: &Lab, workers: usize) -> anyhow::Result<(Duration, Vec<u64>)> {
    let tasks = TASKS.to_string();
    let (sink, scap) = lab.command_in_background(
        "sink",
        &["zmq", "pull", "tcp://127.0.0.1:0", "--count", &tasks, "-q"],
    )?;
    let sink_ep = bound_endpoints(&scap, 1)?.remove(0);
    let peers = workers.to_string();
    let start = Instant::now();
    let (vent, vcap) = lab.command_in_background(
        "ventilator",
        &[
            "zmq",
            "push",
            "--bind",
            "tcp://127.0.0.1:0",
            "task #{n}",
            "--count",
            &tasks,
            "--wait-peers",
            &peers,
            "-q",
        ],
    )?;
    let vent_ep = bound_endpoints(&vcap, 1)?.remove(0);
    let mut pool = Vec::new();
    for w in 1..=workers {
        let tag = format!("worker-{w}");
        let mut argv = vec![
            "zmq",
            "pull",
            "--connect",
            &vent_ep,
            "--push",
            &sink_ep,
            "--tag",
            &tag,
            "--delay",
            WORK,
        ];
        if workers == 1 {
            argv.push("-q");
        }
        pool.push(lab.command_in_background(&format!("worker {w}"), &argv)?);
    }
    vent.join(Duration::from_secs(15))?;
    sink.join(Duration::from_secs(15))?;
    let took = start.elapsed();
    for (bg, _) in pool {
        bg.stop_and_join()?;
    }
    let summary = events_of(&scap, "summary");
    let per: Vec<u64> = (1..=workers)
        .map(|w| {
            summary.first().map_or(0, |s| {
                s["per_sender"][format!("worker-{w}")].as_u64().unwrap_or(0)
            })
        })
        .collect();
    lab.say(
        "lab",
        format!(
            "{TASKS} tasks of {WORK} each with {workers} worker(s): {} ms, per worker {per:?}",
            took.as_millis()
        ),
    )?;
    Ok((took, per))
}
