//! `rpc-serve` as an engine protocol (`net::serve`): cut what a connection
//! sent into requests (HTTP, JSON lines or MessagePack, by `--proto` and, for
//! JSON-RPC, by its first byte), queue the answers `handlers` gives, and log
//! each call. Pipelined requests in one read are answered in one round. Garbage
//! or oversize messages end that connection only, with a warning. Reading,
//! writing, deadlines, budgets and the log thread are the engine's; it does not
//! print summaries (`serve` does).

use std::net::SocketAddr;
use std::time::Instant;

use super::handlers;
use super::Shared;
use crate::cmd::rpc::Proto;
use crate::net::http::{self, HttpError, Kind, Parsed};
use crate::net::serve::{Close, Cx, Flow, Io, Protocol};
use crate::output::access::Caller;
use crate::output::access::Served;
use crate::proto::{jsonrpc, msgpack_rpc};

/// What a connection speaks, decided by `--proto` (and for JSON-RPC by the
/// first byte: `{`, `[` or a blank is a JSON line, anything else HTTP).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wire {
    Undecided,
    Http,
    Lines,
    Msgpack,
}

/// One connection's state.
pub struct Conn {
    caller: Caller,
    wire: Wire,
    /// `100 Continue` went out for the request being read.
    continued: bool,
    /// Close once the output is written (`Connection: close`, an error, `--count`).
    closing: bool,
    /// Why it is being closed, when that deserves a warning.
    trouble: Option<String>,
}

/// One worker's RPC protocol.
pub struct Rpc<'a> {
    pub sh: &'a Shared,
}

impl Protocol for Rpc<'_> {
    type State = Conn;

    fn open(&mut self, _cx: &mut Cx<'_>, _token: u64, peer: SocketAddr) -> Conn {
        Conn {
            caller: Caller {
                peer: peer.to_string(),
                ip: peer.ip().to_string(),
            },
            wire: match self.sh.proto {
                Proto::Xmlrpc => Wire::Http,
                Proto::Msgpack => Wire::Msgpack,
                Proto::Jsonrpc => Wire::Undecided,
            },
            continued: false,
            closing: false,
            trouble: None,
        }
    }

    fn input(&mut self, c: &mut Conn, io: &mut Io<'_>, cx: &mut Cx<'_>) -> Flow {
        answer(c, io, self.sh, cx);
        match (c.closing, c.trouble.take()) {
            (true, Some(why)) => Flow::Close(Close::Bad(why)),
            (true, None) => Flow::Close(Close::Done("answered".into())),
            (false, _) if io.eof && !io.input.is_empty() => Flow::Close(Close::Done("eof".into())),
            _ => Flow::Go,
        }
    }

    fn closed(&mut self, c: Conn, _peer: SocketAddr, why: &Close, cx: &mut Cx<'_>) {
        if matches!(
            why,
            Close::Bad(_) | Close::Tls(_) | Close::Stalled(_) | Close::OverBudget(_)
        ) {
            cx.warn(format!("dropping {}: {why}", c.caller.peer));
        }
    }

    fn turned_away(&mut self, cx: &mut Cx<'_>, peer: SocketAddr) -> Option<Vec<u8>> {
        cx.warn(format!(
            "turning away {peer}: {} clients already (--max-clients)",
            self.sh.max_clients
        ));
        handlers::turn_away(self.sh.proto)
    }

    fn tick(&mut self, cx: &mut Cx<'_>, _now: Instant) -> Option<Instant> {
        if self.sh.stopping() {
            cx.stop_server(); // --count reached
        }
        None
    }
}

/// What a step writes to: the connection's output, the round's log.
struct W<'a, 'b> {
    sh: &'a Shared,
    out: &'a mut Vec<u8>,
    eof: bool,
    cx: &'a mut Cx<'b>,
}

/// Answer every whole request in `io.input`, queueing the replies in
/// `io.out` and the log lines in the round's batch.
fn answer(c: &mut Conn, io: &mut Io<'_>, sh: &Shared, cx: &mut Cx<'_>) {
    if c.wire == Wire::Undecided {
        c.wire = match io.input.data().first() {
            None => return,
            Some(b'{' | b'[' | b' ' | b'\t') => Wire::Lines,
            Some(_) => Wire::Http,
        };
    }
    let mut w = W {
        sh,
        out: io.out,
        eof: io.eof,
        cx,
    };
    let input = io.input.data();
    let mut used = 0;
    while !c.closing {
        let rest = &input[used..];
        let step = match c.wire {
            Wire::Http => http_step(c, rest, &mut w),
            Wire::Lines => line_step(c, rest, &mut w),
            Wire::Msgpack => msgpack_step(c, rest, &mut w),
            Wire::Undecided => None,
        };
        match step {
            Some(n) => used += n,
            None => break,
        }
    }
    io.input.consume(used);
}

/// Log a served call (unless `--quiet`).
fn record(w: &mut W<'_, '_>, entry: &Served) {
    if !w.sh.out.quiet() {
        if let Ok(line) = w.sh.out.render(entry) {
            w.cx.log(line);
        }
    }
}

/// One HTTP request from the front of `rest`: the bytes used, or `None` when
/// more must come first (or the connection is ending).
fn http_step(c: &mut Conn, rest: &[u8], w: &mut W<'_, '_>) -> Option<usize> {
    let sh = w.sh;
    let err = match http::parse(rest, Kind::Request, sh.max_size, false) {
        Ok(Parsed::Message(req, used)) => {
            c.continued = false;
            let reply = handlers::http_request(&req, sh, &c.caller);
            w.out.extend_from_slice(&reply.bytes);
            record(w, &reply.log);
            c.closing = !reply.keep;
            return Some(used);
        }
        Ok(Parsed::Partial { wants_continue }) => {
            if wants_continue && !c.continued {
                w.out.extend_from_slice(http::CONTINUE);
                c.continued = true;
            }
            if !w.eof || http::only_blank(rest) {
                return None;
            }
            HttpError::Truncated
        }
        Err(e) => e,
    };
    w.out.extend_from_slice(&handlers::http_error(&err));
    c.trouble = Some(err.to_string());
    c.closing = true;
    None
}

/// One line of newline-delimited JSON-RPC (at the end of the stream, an
/// unterminated last line counts too).
fn line_step(c: &mut Conn, rest: &[u8], w: &mut W<'_, '_>) -> Option<usize> {
    let sh = w.sh;
    let (line, used) = match jsonrpc::split_line(rest) {
        Some(x) => x,
        None if w.eof && !rest.is_empty() => (rest, rest.len()),
        None => {
            if rest.len() > sh.max_size {
                c.trouble = Some(format!(
                    "a JSON-RPC line longer than {} bytes (--max-size)",
                    sh.max_size
                ));
                c.closing = true;
            }
            return None;
        }
    };
    if line.iter().all(u8::is_ascii_whitespace) {
        return Some(used);
    }
    match handlers::json_line(line, sh, &c.caller) {
        Some((reply, entry)) => {
            w.out.extend(reply.unwrap_or_default());
            record(w, &entry);
            Some(used)
        }
        None => {
            c.closing = true; // --count reached: no more calls
            None
        }
    }
}

/// One MessagePack-RPC message.
fn msgpack_step(c: &mut Conn, rest: &[u8], w: &mut W<'_, '_>) -> Option<usize> {
    let sh = w.sh;
    let (msg, used) = match msgpack_rpc::decode_limited(rest, sh.max_size) {
        Ok(Some(x)) => x,
        Ok(None) => {
            if rest.len() > sh.max_size {
                c.trouble = Some(format!(
                    "a MessagePack message larger than {} bytes (--max-size)",
                    sh.max_size
                ));
                c.closing = true;
            }
            return None;
        }
        Err(e) => {
            c.trouble = Some(e.to_string());
            c.closing = true;
            return None;
        }
    };
    match handlers::msgpack_message(msg, sh, &c.caller) {
        Some((reply, entry)) => {
            w.out.extend(reply.unwrap_or_default());
            if let Some(entry) = entry {
                record(w, &entry);
            }
            Some(used)
        }
        None => {
            c.closing = true; // --count reached: no more calls
            None
        }
    }
}
