//! `netkit lab`: every section of the material as a runnable scenario on loopback.
//! A lab starts its servers in-process on free ports through the same code as the
//! real commands (no second implementation), narrates each step with the side that
//! speaks (server, client, publisher, subscriber), and checks the outcome, so a lab
//! is also an end-to-end self test. This module holds the runner and the list; each
//! lab lives in its own file. It does not install or start anything outside the
//! process, except a DNS server the dns lab uses when one is installed; the web-api
//! lab writes its files and a run-time CA into a temporary directory it removes.

mod broker;
mod dns;
mod lab_ca;
mod pipeline;
mod pubsub_rabbitmq;
mod pubsub_redis;
mod pubsub_zmq;
mod reqrep;
mod rpc;
mod services;
mod tcp;
mod udp;
mod web_api;

use std::cell::RefCell;
use std::thread;
use std::time::{Duration, Instant};

use clap::Args as ClapArgs;
use clap::Parser;
use serde::Serialize;

use crate::cli::Cli;
use crate::cmd::Ctx;
use crate::exit::Kind;
use crate::exit::{self, Code};
use crate::output::{Out, Palette, Render, SharedBuf, Trim};
use crate::signal::Stop;

/// `netkit lab [NAME] [--all] [--explain]`
#[derive(Debug, Clone, ClapArgs)]
#[command(after_help = "\
Examples:
  netkit lab                 # list the labs
  netkit lab udp --explain   # one lab, with a note on each step
  netkit lab tcp --verbose   # also connection logs and every repeated warning
  netkit lab --all           # every lab, then a pass/fail line per lab")]
pub struct Args {
    /// The lab to run (see the list: `netkit lab`)
    #[arg(value_name = "NAME", conflicts_with = "all")]
    pub name: Option<String>,

    /// Run every lab and end with a pass/fail line per lab
    #[arg(long)]
    pub all: bool,

    /// Add a short plain-language note to each step
    #[arg(long)]
    pub explain: bool,

    /// Print everything the commands print: connection logs, every repeated
    /// warning, each repeated command line (by default a lab shows its commands,
    /// the lines that carry the lesson and the checks; --json always has it all)
    #[arg(long)]
    pub verbose: bool,
}

/// One lab: its name, the seed section it teaches, and how to run it.
pub struct LabDef {
    pub name: &'static str,
    pub section: &'static str,
    pub summary: &'static str,
    pub run: fn(&Lab) -> anyhow::Result<()>,
}

/// Every lab, in the order of the material.
pub const LABS: &[LabDef] = &[
    LabDef {
        name: "pubsub-redis",
        section: "§1-2",
        summary: "cats and hats over Redis pub/sub on netkit broker; a publish with no subscriber is lost",
        run: pubsub_redis::run,
    },
    LabDef {
        name: "pubsub-zmq",
        section: "§3",
        summary: "cats and hats over ZeroMQ PUB/SUB, no broker; prefix topics and the slow joiner",
        run: pubsub_zmq::run,
    },
    LabDef {
        name: "pubsub-rabbitmq",
        section: "§3",
        summary: "the pika tutorial on RabbitMQ: a fanout exchange, a queue per subscriber, confirms and returns",
        run: pubsub_rabbitmq::run,
    },
    LabDef {
        name: "udp",
        section: "§4-5",
        summary: "the seed's UDP server and client: Hello! / Are you talking to me?, then loss",
        run: udp::run,
    },
    LabDef {
        name: "tcp",
        section: "§4-5",
        summary: "the seed's TCP server and client, then why TCP needs framing",
        run: tcp::run,
    },
    LabDef {
        name: "reqrep",
        section: "§1, §6",
        summary: "the chapter's REQ/REP over ZeroMQ (several clients, one REP), then over plain TCP",
        run: reqrep::run,
    },
    LabDef {
        name: "pipeline",
        section: "§1, §6",
        summary: "PUSH ventilator, PULL/PUSH workers, PULL sink: round-robin fan-out, fan-in",
        run: pipeline::run,
    },
    LabDef {
        name: "broker",
        section: "§6",
        summary: "REQ clients → zmq proxy (ROUTER/DEALER) → REP workers: every request answered once",
        run: broker::run,
    },
    LabDef {
        name: "services",
        section: "§8",
        summary: "getservbyname / getservbyport: the services database both ways",
        run: services::run,
    },
    LabDef {
        name: "dns",
        section: "§8",
        summary: "getaddrinfo as the seed prints it, then a DNS query to a server of the lab's own",
        run: dns::run,
    },
    LabDef {
        name: "web-api",
        section: "§9",
        summary: "a GitHub-shaped users API served over HTTPS with a lab CA, fetched, .json() and timing phases",
        run: web_api::run,
    },
    LabDef {
        name: "rpc-xml",
        section: "§10",
        summary: "XML-RPC over HTTP: double(7) → 14, power(7) → 49, introspection",
        run: rpc::run_xml,
    },
    LabDef {
        name: "rpc-msgpack",
        section: "§10",
        summary: "MessagePack-RPC over TCP: the same calls, [0, msgid, method, params] on the wire",
        run: rpc::run_msgpack,
    },
];

/// What a running lab uses to speak, start servers and check outcomes.
pub struct Lab {
    ctx: Ctx,
    explain: bool,
    verbose: bool,
    checks: RefCell<Vec<Check>>,
}

/// One checked outcome.
#[derive(Debug, Clone, Serialize)]
pub struct Check {
    pub lab: String,
    pub what: String,
    pub ok: bool,
    pub detail: String,
}

impl Render for Check {
    fn kind(&self) -> &str {
        "check"
    }
    fn human(&self, p: &Palette) -> String {
        let mark = if self.ok {
            p.ok("✔ ok  ")
        } else {
            p.err("✘ FAIL")
        };
        format!("{mark} {}: {}", self.what, p.dim(&self.detail))
    }
}

/// A narration line: who speaks and what they do (`side` is set by the Out label).
#[derive(Debug, Serialize)]
struct Say {
    text: String,
}

impl Render for Say {
    fn kind(&self) -> &str {
        "say"
    }
    fn human(&self, _: &Palette) -> String {
        self.text.clone()
    }
}

/// An `--explain` note.
#[derive(Debug, Serialize)]
struct Explain {
    text: String,
}

impl Render for Explain {
    fn kind(&self) -> &str {
        "explain"
    }
    fn human(&self, p: &Palette) -> String {
        p.dim(&format!("  ↳ why: {}", self.text))
    }
}

impl Lab {
    /// With `--quiet` the transcript goes nowhere (only the result line is printed);
    /// the commands a lab runs are never quiet unless their own line says so, since
    /// the checks read their events. Without `--verbose` the human transcript is
    /// trimmed ([`crate::output::Trim`]); JSON is never trimmed.
    fn new(ctx: &Ctx, explain: bool, verbose: bool) -> Lab {
        let mut ctx = ctx.clone();
        ctx.out = ctx.out.patient(); // its servers' ends wait for a slow reader
        if ctx.out.quiet() {
            ctx.out = Out::buffer(ctx.out.mode()).0;
        } else if !verbose && !ctx.out.is_json() {
            ctx.out = ctx.out.with_trim(Trim::default());
        }
        Lab {
            ctx,
            explain,
            verbose,
            checks: RefCell::new(Vec::new()),
        }
    }

    /// `--verbose`: print everything (no trim, every command line).
    pub fn verbose(&self) -> bool {
        self.verbose
    }

    /// A context whose events are labelled `side`, with its own stop token.
    pub fn side(&self, side: &str) -> Ctx {
        let mut c = self.ctx.with_side(side);
        c.stop = Stop::new();
        c
    }

    /// Like [`Lab::side`], also capturing every event as JSON for checks.
    pub fn captured(&self, side: &str) -> (Ctx, SharedBuf) {
        let mut c = self.side(side);
        let (out, buf) = c.out.with_capture();
        c.out = out;
        (c, buf)
    }

    /// Narrate a step as `side`.
    pub fn say(&self, side: &str, text: impl Into<String>) -> anyhow::Result<()> {
        self.ctx
            .out
            .with_side(side)
            .emit(&Say { text: text.into() })
    }

    /// A plain-language note, shown with `--explain` only.
    pub fn explain(&self, text: impl Into<String>) -> anyhow::Result<()> {
        if self.explain {
            self.ctx.out.emit(&Explain { text: text.into() })?;
        }
        Ok(())
    }

    /// Record and print a checked outcome.
    pub fn check(
        &self,
        lab: &str,
        what: &str,
        ok: bool,
        detail: impl Into<String>,
    ) -> anyhow::Result<bool> {
        let c = Check {
            lab: lab.to_string(),
            what: what.to_string(),
            ok,
            detail: detail.into(),
        };
        self.ctx.out.emit(&c)?;
        self.checks.borrow_mut().push(c);
        Ok(ok)
    }

    /// Narrate `$ netkit ARGV...` as `side`, parse it with the real CLI, and run it
    /// through the real dispatch with a captured context. Returns the exit code (an
    /// error becomes its exit code, reported as the command would) and the events.
    pub fn command(&self, side: &str, argv: &[&str]) -> anyhow::Result<(Code, SharedBuf)> {
        let (cli, ctx, cap) = self.prepare(side, argv)?;
        let code = match run_reported(&cli, &ctx) {
            Ok(code) => code,
            Err(e) => exit::classify(&e).code,
        };
        Ok((code, cap))
    }

    /// Like [`Lab::command`], for a step the lab has shown before (one command per
    /// message of a loop, whose shape the lab said once): without `--verbose` its
    /// command line and events are not printed (still captured for the checks);
    /// its warnings go through the trim and its errors are reported.
    pub fn command_again(&self, side: &str, argv: &[&str]) -> anyhow::Result<(Code, SharedBuf)> {
        if self.verbose || self.ctx.out.is_json() {
            return self.command(side, argv);
        }
        let cli = parse_argv(argv)?;
        let (mut ctx, cap) = self.captured(side);
        ctx.timeout = cli.global.timeout.or(ctx.timeout);
        ctx.out = ctx.out.with_quiet(cli.global.quiet).muted();
        let code = match run_reported(&cli, &ctx) {
            Ok(code) => code,
            Err(e) => exit::classify(&e).code,
        };
        Ok((code, cap))
    }

    /// Like [`Lab::command`], on a thread (a subscriber, a client among several).
    /// Join the returned handle to get its exit code.
    pub fn command_in_background(
        &self,
        side: &str,
        argv: &[&str],
    ) -> anyhow::Result<(Background, SharedBuf)> {
        let (cli, ctx, cap) = self.prepare(side, argv)?;
        let bg = self.spawn(&ctx, {
            let ctx = ctx.clone();
            move || run_reported(&cli, &ctx)
        });
        Ok((bg, cap))
    }

    /// Parse a command line and give it a captured context that honours its own
    /// `--timeout` and `--quiet`.
    fn prepare(&self, side: &str, argv: &[&str]) -> anyhow::Result<(Cli, Ctx, SharedBuf)> {
        let cli = self.parse(side, argv)?;
        let (mut ctx, cap) = self.captured(side);
        ctx.timeout = cli.global.timeout.or(ctx.timeout);
        ctx.out = ctx.out.with_quiet(cli.global.quiet);
        Ok((cli, ctx, cap))
    }

    /// Narrate `$ netkit ARGV...` as `side` and parse it with the real CLI.
    pub fn parse(&self, side: &str, argv: &[&str]) -> anyhow::Result<Cli> {
        self.say(side, format!("$ netkit {}", shell_words(argv)))?;
        parse_argv(argv)
    }

    /// Announce a bound server (`listening on PROTO ADDR`) as `side` and run it on a
    /// thread with its own stop token; returns the handle and its captured events.
    pub fn serve<F>(
        &self,
        side: &str,
        proto: &str,
        addr: std::net::SocketAddr,
        run: F,
    ) -> anyhow::Result<(Background, SharedBuf)>
    where
        F: FnOnce(&Ctx) -> anyhow::Result<Code> + Send + 'static,
    {
        let (ctx, cap) = self.captured(side);
        crate::net::announce(&ctx.out, proto, addr)?;
        let bg = self.spawn(&ctx, {
            let ctx = ctx.clone();
            move || run(&ctx)
        });
        Ok((bg, cap))
    }

    /// Run `f` on a thread as a server: returns its stop token and handle. The
    /// server's context has its own stop token, so stopping it leaves the rest alone.
    pub fn spawn<F>(&self, ctx: &Ctx, f: F) -> Background
    where
        F: FnOnce() -> anyhow::Result<Code> + Send + 'static,
    {
        Background {
            handle: Some(thread::spawn(f)),
            stop: Some(ctx.stop.clone()),
        }
    }
}

/// A server running on a thread of the lab.
pub struct Background {
    handle: Option<thread::JoinHandle<anyhow::Result<Code>>>,
    stop: Option<Stop>,
}

impl Background {
    /// Ask the server to stop (as Ctrl-C would) and wait for its summary.
    pub fn stop_and_join(mut self) -> anyhow::Result<Code> {
        if let Some(stop) = self.stop.take() {
            stop.stop();
        }
        self.join(Duration::from_secs(10))
    }

    /// Wait for the thread (after stopping it or when it stops at --count), bounded.
    pub fn join(mut self, limit: Duration) -> anyhow::Result<Code> {
        let handle = self.handle.take().expect("joined once");
        let deadline = Instant::now() + limit;
        while !handle.is_finished() {
            if Instant::now() > deadline {
                return Err(exit::network(
                    Kind::Timeout,
                    format!("a lab server did not stop within {limit:?}"),
                )
                .into());
            }
            thread::sleep(Duration::from_millis(5));
        }
        handle
            .join()
            .map_err(|_| anyhow::anyhow!("a lab server thread panicked"))?
    }
}

/// The header of a lab, and its result.
#[derive(Debug, Serialize)]
struct LabEvent<'a> {
    /// The JSON `type` (given by `Render::kind`).
    #[serde(skip)]
    kind: &'static str,
    name: &'a str,
    section: &'a str,
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    ok: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    checks: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    failed: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    elapsed_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

impl Render for LabEvent<'_> {
    fn kind(&self) -> &str {
        self.kind
    }
    fn human(&self, p: &Palette) -> String {
        match self.kind {
            "lab" => format!(
                "{:<14} chapter {:<7} {}",
                p.name(self.name),
                self.section,
                self.summary
            ),
            "lab_start" => format!(
                "{} {} (chapter {}): {}",
                p.name("== lab"),
                p.name(self.name),
                self.section,
                self.summary
            ),
            _ => {
                let verdict = if self.ok == Some(true) {
                    p.ok("PASS")
                } else {
                    p.err("FAIL")
                };
                let mut s = format!(
                    "{verdict} {:<14} {} checks, {} failed, {:.0} ms",
                    self.name,
                    self.checks.unwrap_or(0),
                    self.failed.unwrap_or(0),
                    self.elapsed_ms.unwrap_or(0.0)
                );
                if let Some(e) = &self.error {
                    s.push_str(&format!(" ({e})"));
                }
                s
            }
        }
    }
}

fn event<'a>(kind: &'static str, def: &'a LabDef) -> LabEvent<'a> {
    LabEvent {
        kind,
        name: def.name,
        section: def.section,
        summary: def.summary,
        ok: None,
        checks: None,
        failed: None,
        elapsed_ms: None,
        error: None,
    }
}

/// Parse a lab's command line with the real CLI.
fn parse_argv(argv: &[&str]) -> anyhow::Result<Cli> {
    let full = std::iter::once("netkit").chain(argv.iter().copied());
    Cli::try_parse_from(full).map_err(|e| {
        exit::usage(format!(
            "lab command line {argv:?} does not parse: {}",
            e.kind()
        ))
        .into()
    })
}

/// Run a parsed command; an error is reported as the command would report it.
fn run_reported(cli: &Cli, ctx: &Ctx) -> anyhow::Result<Code> {
    crate::cmd::run(cli, ctx).inspect_err(|e| {
        ctx.out.report_error(e);
    })
}

/// Quote arguments the way a shell user would type them.
pub fn shell_words(argv: &[&str]) -> String {
    argv.iter()
        .map(|a| {
            if !a.is_empty()
                && a.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_./:=@[]#*".contains(c))
            {
                a.to_string()
            } else {
                format!("'{}'", a.replace('\'', "'\\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Events of one type from a capture.
pub fn events_of(cap: &SharedBuf, kind: &str) -> Vec<serde_json::Value> {
    cap.events()
        .into_iter()
        .filter(|e| e["type"] == kind)
        .collect()
}

/// Wait until a capture holds `n` events of `kind` (a readiness signal), bounded.
pub fn wait_for(cap: &SharedBuf, kind: &str, n: usize, limit: Duration) -> anyhow::Result<()> {
    let deadline = Instant::now() + limit;
    while events_of(cap, kind).len() < n {
        if Instant::now() > deadline {
            return Err(exit::network(
                Kind::Timeout,
                format!("no {kind:?} event within {limit:?}"),
            )
            .into());
        }
        thread::sleep(Duration::from_millis(5));
    }
    Ok(())
}

/// The `data` of the first event of `kind`, as text.
fn first_data(cap: &SharedBuf, kind: &str) -> Option<String> {
    events_of(cap, kind)
        .first()
        .and_then(|m| m["data"].as_str().map(str::to_string))
}

/// The checks of the seed's one-shot exchange: the server heard `Hello!`, the client
/// got `reply`, and the client exited 0.
pub fn check_seed_exchange(
    lab: &Lab,
    name: &str,
    server: &SharedBuf,
    client: &SharedBuf,
    code: Code,
    reply: &str,
) -> anyhow::Result<()> {
    let heard = first_data(server, "message");
    lab.check(
        name,
        "the server heard Hello!",
        heard.as_deref() == Some("Hello!"),
        got(heard),
    )?;
    let answer = first_data(client, "reply");
    lab.check(
        name,
        "the client got the seed's answer",
        answer.as_deref() == Some(reply),
        got(answer),
    )?;
    lab.check(
        name,
        "send exits 0",
        code == Code::Ok,
        format!("exit {}", code.as_i32()),
    )?;
    Ok(())
}

/// The (channel, data) pairs a subscriber received, narrated the seed's way
/// (`Subscribe: catC wears a hatB`).
pub fn narrate_received(lab: &Lab, cap: &SharedBuf) -> anyhow::Result<Vec<(String, String)>> {
    let got: Vec<(String, String)> = events_of(cap, "message")
        .iter()
        .map(|m| {
            (
                m["channel"].as_str().unwrap_or("").to_string(),
                m["data"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    for (cat, hat) in &got {
        lab.say("subscriber", format!("Subscribe: {cat} wears a {hat}"))?;
    }
    Ok(got)
}

/// "got X" / "got nothing", for check details.
pub fn got<T: std::fmt::Display>(v: Option<T>) -> String {
    match v {
        Some(v) => format!("got {v}"),
        None => "got nothing".to_string(),
    }
}

/// Run one lab; returns its result event's verdict.
fn run_one(def: &'static LabDef, ctx: &Ctx, args: &Args) -> anyhow::Result<LabEvent<'static>> {
    if !ctx.out.quiet() {
        ctx.out.emit(&event("lab_start", def))?;
    }
    let lab = Lab::new(ctx, args.explain, args.verbose);
    let started = Instant::now();
    let outcome = (def.run)(&lab);
    lab.ctx.out.report_repeats();
    let checks = lab.checks.borrow();
    let failed = checks.iter().filter(|c| !c.ok).count();
    let error = outcome.err().map(|e| format!("{e:#}"));
    let ok = error.is_none() && failed == 0 && !checks.is_empty();
    Ok(LabEvent {
        ok: Some(ok),
        checks: Some(checks.len()),
        failed: Some(failed),
        elapsed_ms: Some(crate::output::ms(started.elapsed())),
        error,
        ..event("lab_result", def)
    })
}

pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<Code> {
    if !args.all && args.name.is_none() {
        for def in LABS {
            ctx.out.emit(&event("lab", def))?;
        }
        return Ok(Code::Ok);
    }
    let chosen: Vec<&'static LabDef> = match &args.name {
        Some(name) => match LABS.iter().find(|d| d.name == name) {
            Some(d) => vec![d],
            None => {
                let names: Vec<&str> = LABS.iter().map(|d| d.name).collect();
                return Err(exit::usage(format!("no lab called {name:?}"))
                    .hint(format!("the labs are: {}", names.join(", ")))
                    .into());
            }
        },
        None => LABS.iter().collect(),
    };
    let mut results = Vec::new();
    for def in chosen {
        let result = run_one(def, ctx, args)?;
        ctx.out.emit(&result)?;
        results.push(result);
    }
    if results.len() > 1 && !ctx.out.is_json() && !ctx.out.quiet() {
        // The closing pass/fail table, after the transcripts (JSON has had each
        // lab_result as it came; --quiet printed only those lines).
        ctx.out.emit(&Say {
            text: "── results ──".into(),
        })?;
        ctx.out.emit_all(&results)?;
    }
    Ok(if results.iter().all(|r| r.ok == Some(true)) {
        Code::Ok
    } else {
        Code::Negative
    })
}
