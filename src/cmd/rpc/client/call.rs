//! `netkit rpc-call`: check the request, make the call (or `--repeat N` calls
//! over one kept-alive connection), and show the result as JSON — pretty on a
//! terminal, compact in a pipe, or wrapped in a `result` event with `--json`.
//! A fault is exit 1 (with the introspection hint when a `system.*` method is
//! missing); transport and protocol failures are exit 3 (raised by `client`).

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::Value as Json;

use super::load;
use super::target::{self, Target};
use super::{Client, Outcome};
use crate::cmd::rpc::{CallArgs, Proto};
use crate::cmd::Ctx;
use crate::exit::Kind;
use crate::exit::{self, Code};
use crate::input::Lines;
use crate::net::tls::TlsClient;
use crate::output::{ms, Palette, Render};
use crate::rtt::{RttStats, Rtts};

/// Default wait for connect and for each answer.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// One successful call.
#[derive(Debug, Serialize)]
pub struct CallResult<'a> {
    pub method: &'a str,
    pub protocol: Proto,
    pub url: String,
    pub elapsed_ms: f64,
    pub result: Json,
    #[serde(skip)]
    pub pretty: bool,
}

impl Render for CallResult<'_> {
    fn kind(&self) -> &str {
        "result"
    }
    fn human(&self, _: &Palette) -> String {
        let text = if self.pretty {
            serde_json::to_string_pretty(&self.result)
        } else {
            serde_json::to_string(&self.result)
        };
        text.unwrap_or_default()
    }
}

/// A fault answer (printed as an event with `--json`, as an error otherwise).
#[derive(Debug, Serialize)]
pub struct FaultEvent<'a> {
    pub method: &'a str,
    pub protocol: Proto,
    pub url: String,
    pub elapsed_ms: f64,
    pub code: i64,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Json>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Render for FaultEvent<'_> {
    fn kind(&self) -> &str {
        "fault"
    }
    fn human(&self, p: &Palette) -> String {
        format!(
            "{} {}: fault {}: {}",
            p.err("fault:"),
            self.method,
            self.code,
            self.message
        )
    }
}

/// A notification went out.
#[derive(Debug, Serialize)]
pub struct Notified<'a> {
    pub method: &'a str,
    pub protocol: Proto,
    pub url: String,
}

impl Render for Notified<'_> {
    fn kind(&self) -> &str {
        "notified"
    }
    fn human(&self, p: &Palette) -> String {
        format!("notification {} sent to {}", p.name(self.method), self.url)
    }
}

/// After `--repeat N`: how fast it went.
#[derive(Debug, Serialize)]
pub struct Summary<'a> {
    pub method: &'a str,
    pub protocol: Proto,
    pub url: String,
    pub calls: u64,
    pub faults: u64,
    pub connections: u64,
    /// Calls in flight at once (`--concurrency`).
    pub concurrency: u64,
    pub elapsed_ms: f64,
    pub calls_per_sec: f64,
    /// Per-call round-trip times.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rtt: Option<RttStats>,
}

impl Render for Summary<'_> {
    fn kind(&self) -> &str {
        "summary"
    }
    fn human(&self, p: &Palette) -> String {
        let at_once = if self.concurrency > 1 {
            format!(", {} at once", self.concurrency)
        } else {
            String::new()
        };
        let rtt = self
            .rtt
            .map(|r| format!("\n{}", r.human()))
            .unwrap_or_default();
        format!(
            "{} {} calls of {} in {:.3} s: {} calls/s over {} connection(s){at_once}, {} fault(s){rtt}",
            p.name(&self.url),
            self.calls,
            self.method,
            self.elapsed_ms / 1000.0,
            p.value(&format!("{:.0}", self.calls_per_sec)),
            self.connections,
            self.faults
        )
    }
}

/// The TLS setup for an `https://` target (TLS flags on another are refused).
fn tls_client(args: &CallArgs, target: &Target, ctx: &Ctx) -> anyhow::Result<Option<TlsClient>> {
    if !target.https {
        if args.tls.used() {
            return Err(exit::usage(
                "--cacert, --insecure, --servername, --cert, --key and --alpn are for TLS: use https://",
            )
            .into());
        }
        return Ok(None);
    }
    let c = TlsClient::new(&args.tls)?;
    if let Some(w) = c.warning() {
        ctx.out.warn(w)?;
    }
    Ok(Some(c))
}

/// Run `rpc-call`.
pub fn run_call(args: &CallArgs, ctx: &Ctx) -> anyhow::Result<Code> {
    let target = target::target(&args.url, args.proto)?;
    if args.notify && target.proto == Proto::Xmlrpc {
        return Err(exit::usage(
            "XML-RPC has no notifications; use --proto jsonrpc or msgpack, or drop --notify",
        )
        .into());
    }
    let timeout = ctx.timeout_or(DEFAULT_TIMEOUT);
    let trace = args.trace.then(|| ctx.out.clone());
    let tls = tls_client(args, &target, ctx)?;
    let job = Job {
        ctx,
        url: target.to_string(),
        target,
        many: args.repeat > 1 || args.stdin,
        pretty: !ctx.out.is_json() && std::io::stdout().is_terminal(),
        notify: args.notify,
    };
    if args.concurrency > 1 {
        return run_load(args, &job, tls.as_ref());
    }
    let mut client = Client::new(
        job.target.clone(),
        timeout,
        args.max_size,
        ctx.stop.clone(),
        trace,
    )
    .with_tls(tls);
    let start = Instant::now();
    let (mut calls, mut faults) = (0u64, 0u64);
    let mut rtts = Rtts::new();
    let label = if args.stdin {
        for (n, line) in Lines::stdin(args.max_size, &ctx.stop).enumerate() {
            let line = String::from_utf8(line.map_err(exit::Failure::from)?)
                .map_err(|_| exit::usage(format!("stdin line {} is not UTF-8", n + 1)))?;
            if ctx.stop.is_stopped() {
                break;
            }
            let call = target::call_from_line(&line, args.method.as_deref())
                .map_err(|e| exit::usage(format!("stdin line {}: {e}", n + 1)))?;
            if let Some((method, params)) = call {
                calls += 1;
                faults += u64::from(job.step(&mut client, &method, &params)? == Step::Fault);
            }
        }
        args.method.clone().unwrap_or_else(|| "(stdin)".into())
    } else {
        let (method, params) = target::method_and_params(args, job.target.proto)?;
        while calls < args.repeat && !ctx.stop.is_stopped() {
            calls += 1;
            let t0 = Instant::now();
            match job.step(&mut client, &method, &params)? {
                Step::Done => {}
                Step::Fault => faults += 1,
                Step::End(code) => return Ok(code),
            }
            rtts.push(t0.elapsed());
        }
        method
    };
    // A --stdin batch in a pipe prints results only; its summary needs --quiet or --json.
    let summary = args.repeat > 1 || (args.stdin && (ctx.out.quiet() || ctx.out.is_json()));
    if summary {
        let elapsed = start.elapsed();
        ctx.out.emit(&Summary {
            method: &label,
            protocol: job.target.proto,
            url: job.url.clone(),
            calls,
            faults,
            connections: client.connections,
            concurrency: 1,
            elapsed_ms: ms(elapsed),
            calls_per_sec: calls as f64 / elapsed.as_secs_f64().max(1e-9),
            rtt: rtts.stats(),
        })?;
    }
    Ok(if faults > 0 { Code::Negative } else { Code::Ok })
}

/// `--repeat N --concurrency C`: the calls go through `load`; per-call lines
/// obey `--quiet` as for `--repeat`.
fn run_load(args: &CallArgs, job: &Job, tls: Option<&TlsClient>) -> anyhow::Result<Code> {
    let out = &job.ctx.out;
    let (method, params) = target::method_and_params(args, job.target.proto)?;
    let plan = load::Plan {
        target: &job.target,
        method: &method,
        params: &params,
        calls: args.repeat,
        concurrency: args.concurrency as usize,
        timeout: job.ctx.timeout_or(DEFAULT_TIMEOUT),
        max_size: args.max_size,
        stop: &job.ctx.stop,
        tls,
    };
    let start = Instant::now();
    let done = load::run(&plan, |outcome, rtt| {
        if out.quiet() {
            return Ok(());
        }
        let (protocol, url, elapsed_ms) = (job.target.proto, job.url.clone(), ms(rtt));
        match outcome {
            Outcome::Value(result) => out.emit(&CallResult {
                method: &method,
                protocol,
                url,
                elapsed_ms,
                result: result.clone(),
                pretty: job.pretty,
            }),
            Outcome::Fault {
                code,
                message,
                data,
            } => out.emit(&fault_event(
                &job.target,
                &method,
                rtt,
                *code,
                message.clone(),
                data.clone(),
            )),
        }
    })?;
    let elapsed = start.elapsed();
    out.emit(&Summary {
        method: &method,
        protocol: job.target.proto,
        url: job.url.clone(),
        calls: done.calls,
        faults: done.faults,
        connections: done.connections,
        concurrency: args.concurrency.min(args.repeat),
        elapsed_ms: ms(elapsed),
        calls_per_sec: done.calls as f64 / elapsed.as_secs_f64().max(1e-9),
        rtt: done.rtts.stats(),
    })?;
    Ok(if done.faults > 0 {
        Code::Negative
    } else {
        Code::Ok
    })
}

/// What one `rpc-call` run does, call after call.
struct Job<'a> {
    ctx: &'a Ctx,
    target: Target,
    url: String,
    /// `--repeat` above 1 or `--stdin`: per-call lines obey `--quiet`, a fault
    /// does not end the run, a summary follows.
    many: bool,
    pretty: bool,
    notify: bool,
}

#[derive(Debug, PartialEq, Eq)]
enum Step {
    Done,
    Fault,
    /// A single call's fault: the run ends with this code.
    End(Code),
}

impl Job<'_> {
    fn step(&self, client: &mut Client, method: &str, params: &Json) -> anyhow::Result<Step> {
        let out = &self.ctx.out;
        let show = !self.many || !out.quiet();
        let (protocol, url) = (self.target.proto, self.url.clone());
        let t0 = Instant::now();
        if self.notify {
            client.notify(method, params)?;
            if show {
                out.emit(&Notified {
                    method,
                    protocol,
                    url,
                })?;
            }
            return Ok(Step::Done);
        }
        match client.call(method, params)? {
            Outcome::Value(result) => {
                if show {
                    let elapsed_ms = ms(t0.elapsed());
                    let pretty = self.pretty;
                    out.emit(&CallResult {
                        method,
                        protocol,
                        url,
                        elapsed_ms,
                        result,
                        pretty,
                    })?;
                }
                Ok(Step::Done)
            }
            Outcome::Fault {
                code,
                message,
                data,
            } => {
                let ev = fault_event(&self.target, method, t0.elapsed(), code, message, data);
                if !self.many {
                    return report_fault(self.ctx, ev).map(Step::End);
                }
                if show {
                    out.emit(&ev)?;
                }
                Ok(Step::Fault)
            }
        }
    }
}

fn fault_event<'a>(
    target: &Target,
    method: &'a str,
    elapsed: Duration,
    code: i64,
    message: String,
    data: Option<Json>,
) -> FaultEvent<'a> {
    let hint = (method.starts_with("system.") && looks_unsupported(method, code, &message))
        .then(|| introspection_hint(target.proto).to_string());
    FaultEvent {
        method,
        protocol: target.proto,
        url: target.to_string(),
        elapsed_ms: ms(elapsed),
        code,
        message,
        data,
        hint,
    }
}

/// What to try when a server has no `system.*` methods.
fn introspection_hint(proto: Proto) -> &'static str {
    match proto {
        Proto::Xmlrpc => {
            "the server does not offer introspection: Python's SimpleXMLRPCServer answers \
             system.* only after server.register_introspection_functions(); call a method by name"
        }
        Proto::Jsonrpc => {
            "the server does not offer introspection (JSON-RPC 2.0 defines none); call a method by name"
        }
        Proto::Msgpack => {
            "MessagePack-RPC defines no introspection; nvim describes its API with nvim_get_api_info"
        }
    }
}

/// Does a fault say that `method` itself does not exist? (-32601, Python's
/// "is not supported", nvim's "Invalid method"), as opposed to a missing method
/// named in its argument (`system.methodHelp("nope")`).
fn looks_unsupported(method: &str, code: i64, message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    let says_missing = code == crate::proto::jsonrpc::METHOD_NOT_FOUND
        || [
            "not supported",
            "not found",
            "invalid method",
            "no such method",
            "unknown method",
        ]
        .iter()
        .any(|needle| m.contains(needle));
    says_missing && (message.contains(method) || !message.contains('"'))
}

/// One fault: an event and exit 1 with `--json`, an error line otherwise.
fn report_fault(ctx: &Ctx, ev: FaultEvent<'_>) -> anyhow::Result<Code> {
    if ctx.out.is_json() {
        ctx.out.emit(&ev)?;
        return Ok(Code::Negative);
    }
    match ev.hint {
        Some(hint) => Err(exit::negative(
            Kind::NoIntrospection,
            format!(
                "{} does not support {}: fault {}: {}",
                ev.url, ev.method, ev.code, ev.message
            ),
        )
        .hint(hint)
        .into()),
        None => Err(exit::negative(
            Kind::Fault,
            format!("{}: fault {}: {}", ev.method, ev.code, ev.message),
        )
        .into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsupported_method_faults_are_recognised() {
        let list = "system.listMethods";
        assert!(looks_unsupported(
            list,
            1,
            "<class 'Exception'>:method \"system.listMethods\" is not supported"
        ));
        assert!(looks_unsupported(list, -32601, "Method not found"));
        assert!(looks_unsupported(
            list,
            0,
            "Invalid method: system.listMethods"
        ));
        assert!(!looks_unsupported(
            list,
            1,
            "<class 'ZeroDivisionError'>:division by zero"
        ));
        assert!(!looks_unsupported(
            "system.methodHelp",
            -32601,
            "method \"nope\" is not supported"
        ));
    }
}
