//! `dns lookup --resolve` (and `dns reverse`): hickory-resolver's view of a name,
//! what a program linking a stub resolver gets — CNAMEs chased with further
//! queries, answer records only, `--search` and `--cache` — with the queries of a
//! job run concurrently on the engine (`query.rs`) and printed in input order.
//!
//! It does not show the server's message (that is the default mode, `ask.rs`).

use std::collections::VecDeque;
use std::sync::Arc;

use anyhow::Context;

use super::lookup::{finish, job, read_jobs, Args, Job};
use super::query::{self, Engine, Outcome, Status};
use super::render::{Hostent, RecordEvent, Summary};
use crate::cmd::Ctx;
use crate::exit::{self, Code, Failure};

/// `--resolve`: hickory-resolver's view (CNAMEs chased, answer records only).
pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<Code> {
    let mut setup = args.conn.setup(ctx)?;
    setup.cache = args.cache;
    setup.search = args.search;
    let concurrency = usize::from(
        args.concurrency
            .unwrap_or(if args.conn.tcp { 1 } else { 64 }),
    );
    setup.concurrency = concurrency;
    let jobs = if args.name == "-" {
        if !args.types.is_empty() {
            return Err(exit::usage(
                "with NAME `-`, give types per line on stdin, not as arguments",
            )
            .into());
        }
        read_jobs(args, args.query.max_size)?
    } else {
        vec![job(args, &args.name, &args.types)?]
    };
    let view = View {
        short: args.short,
        hostent: args.hostent,
    };
    let rt = query::runtime()?;
    let failures = rt.block_on(async {
        let engine = Arc::new(Engine::new(setup)?);
        let mut failures = Vec::new();
        run_jobs(&engine, &jobs, concurrency, ctx, |job, outcomes| {
            failures.extend(emit_job(view, ctx, &engine, job, &outcomes)?);
            Ok(())
        })
        .await?;
        anyhow::Ok(failures)
    })?;
    finish(failures, jobs.iter().map(|j| j.types.len()).sum())
}

/// Resolve every (name, type) at most `concurrency` at a time and hand each job's
/// outcomes, in input order, to `on_job`.
pub async fn run_jobs(
    engine: &Arc<Engine>,
    jobs: &[Job],
    concurrency: usize,
    ctx: &Ctx,
    mut on_job: impl FnMut(&Job, Vec<Outcome>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut queue = jobs
        .iter()
        .enumerate()
        .flat_map(|(i, j)| j.types.iter().map(move |t| (i, j.name.clone(), *t)));
    let mut pending = VecDeque::new();
    let mut done: Vec<Outcome> = Vec::new();
    loop {
        while pending.len() < concurrency.max(1) && !ctx.stop.is_stopped() {
            let Some((i, name, t)) = queue.next() else {
                break;
            };
            let e = Arc::clone(engine);
            pending.push_back((i, tokio::spawn(async move { e.query(&name, t).await })));
        }
        let Some((i, handle)) = pending.pop_front() else {
            break;
        };
        done.push(handle.await.context("a DNS query task failed")?);
        if done.len() == jobs[i].types.len() {
            on_job(&jobs[i], std::mem::take(&mut done))?;
        }
    }
    Ok(())
}

/// How results are shown.
#[derive(Debug, Clone, Copy)]
pub struct View {
    pub short: bool,
    pub hostent: bool,
}

/// Print one job's results; return the failures it counts.
pub fn emit_job(
    view: View,
    ctx: &Ctx,
    engine: &Engine,
    job: &Job,
    outcomes: &[Outcome],
) -> anyhow::Result<Vec<Failure>> {
    let any_answer = outcomes.iter().any(|o| o.status == Status::NoError);
    if view.hostent {
        if any_answer {
            ctx.out.emit(&Hostent::from_outcomes(&job.name, outcomes))?;
        }
    } else {
        for o in outcomes {
            if !ctx.out.quiet() && !o.records.is_empty() {
                let recs: Vec<RecordEvent> = o
                    .records
                    .iter()
                    .map(|r| RecordEvent::new(o, r, view.short))
                    .collect();
                ctx.out.emit_all(&recs)?;
            }
            if !view.short || ctx.out.is_json() {
                ctx.out.emit(&Summary::new(o, &engine.via))?;
            }
        }
    }
    // Default types: a failure for one of A/AAAA is no failure of the lookup when
    // the other answered (dnsmasq says NXDOMAIN or REFUSED for the missing family);
    // its status line still says what happened.
    let forgiven = |_: &Outcome| job.lenient && any_answer;
    Ok(outcomes
        .iter()
        .filter(|o| !forgiven(o))
        .filter_map(|o| o.failure(&engine.via))
        .collect())
}
