//! How `rpc-call` words a failed exchange (all exit 3 unless noted): an HTTP
//! error status, an answer in the wrong format (an HTML page, garbage), a
//! malformed or mismatched RPC message, a refused connection (with a hint to
//! start a server). Bodies are quoted short and escaped. It decides wording and
//! kind only; the client decides when.

use super::target::Target;
use crate::exit;
use crate::exit::Kind;
use crate::net::http::{self, HttpError};
use crate::output::escape;

/// Longest piece of a body quoted in a message.
const SNIPPET: usize = 120;

/// The server answered with a status other than the one expected.
pub fn http_status(target: &Target, resp: &http::Message) -> anyhow::Error {
    let (_, status, reason) = resp.parts();
    let snippet = body_snippet(&resp.body);
    let f = exit::network(
        Kind::Http,
        format!("{target} answered HTTP {status} {reason}{snippet}"),
    );
    match resp.status() {
        // rpc-serve at --max-clients, or any server shedding load.
        503 => f.hint("the server is full or overloaded; retry later (or raise its --max-clients)"),
        404 | 405 => {
            f.hint("check the URL path; Python's SimpleXMLRPCServer answers on / and /RPC2")
        }
        _ => f,
    }
    .into()
}

/// The body is not the protocol's format: say what it looks like.
pub fn not_rpc(target: &Target, resp: &http::Message, why: &str) -> anyhow::Error {
    let ctype = resp.header("content-type").unwrap_or("no Content-Type");
    let start = resp.body.trim_ascii_start().to_ascii_lowercase();
    let what = if ctype.contains("html") || start.starts_with(b"<!") || start.starts_with(b"<html")
    {
        "an HTML page".to_string()
    } else {
        format!("something else ({ctype})")
    };
    let proto = target.proto.name();
    let snippet = body_snippet(&resp.body);
    exit::network(
        Kind::Protocol,
        format!("{target} answered {what}, not {proto}: {why}{snippet}"),
    )
    .into()
}

/// A message that breaks the protocol (bad framing, wrong msgid or id).
pub fn protocol(target: &Target, why: &str) -> anyhow::Error {
    exit::network(
        Kind::Protocol,
        format!("malformed answer from {target}: {why}"),
    )
    .into()
}

/// An HTTP reading error: I/O errors keep their kind (timeout, reset...).
pub fn transport(e: HttpError) -> anyhow::Error {
    match e {
        HttpError::Io(io) => anyhow::Error::new(io),
        other => exit::network(Kind::Protocol, other.to_string()).into(),
    }
}

/// A refused connection gets a hint about starting a server.
pub fn refused_hint(e: anyhow::Error) -> anyhow::Error {
    let refused = e
        .chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == std::io::ErrorKind::ConnectionRefused);
    if !refused {
        return e;
    }
    exit::network(Kind::Refused, format!("{e:#}"))
        .hint("is the server running? `netkit rpc-serve` serves double and power on 127.0.0.1:6789")
        .into()
}

fn body_snippet(body: &[u8]) -> String {
    let text = escape(&body[..body.len().min(SNIPPET)]);
    if body.is_empty() {
        String::new()
    } else if body.len() > SNIPPET {
        format!(" (body: {text}…)")
    } else {
        format!(" (body: {text})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_short_and_safe() {
        assert_eq!(body_snippet(b""), "");
        assert_eq!(body_snippet(b"a\nb"), " (body: a\\nb)");
        assert!(body_snippet(&[b'x'; 500]).ends_with("…)"));
    }

    #[test]
    fn refused_gets_a_hint_others_do_not() {
        let e = anyhow::Error::new(std::io::Error::from(std::io::ErrorKind::ConnectionRefused));
        assert!(exit::classify(&refused_hint(e)).hint.is_some());
        let e = anyhow::Error::new(std::io::Error::from(std::io::ErrorKind::TimedOut));
        assert_eq!(exit::classify(&refused_hint(e)).kind, Kind::Timeout);
    }
}
