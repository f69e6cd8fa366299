//! `--trace`: the bytes of each request and response as they went on the wire —
//! HTTP heads and XML or JSON bodies as text, MessagePack as JSON-ish text plus a
//! hex dump — the seed's lesson that RPC is marshalling plus transport. Long
//! messages are cut at 64 KiB. It only renders; the client decides when.

use serde::Serialize;

use crate::output::{Out, Palette, Render};
use crate::proto::msgpack_rpc;

/// Longest text shown in one trace event.
const TRACE_MAX: usize = 64 * 1024;
/// Bytes shown in a MessagePack hex dump.
const HEX_MAX: usize = 256;

/// Bytes on the wire, for `--trace`.
#[derive(Debug, Serialize)]
pub struct Trace {
    pub direction: &'static str,
    pub bytes: usize,
    pub text: String,
}

impl Render for Trace {
    fn kind(&self) -> &str {
        "trace"
    }
    fn human(&self, p: &Palette) -> String {
        let mark = if self.direction == "send" { "> " } else { "< " };
        let mut s = p.dim(&format!("{mark}({} bytes {})", self.bytes, self.direction));
        for line in self.text.lines() {
            s.push('\n');
            s.push_str(&p.dim(mark));
            s.push_str(line);
        }
        s
    }
}

/// Show text bytes (HTTP, JSON lines).
pub fn text(out: &Out, direction: &'static str, raw: &[u8], mut text: String) {
    if text.len() > TRACE_MAX {
        let mut cut = TRACE_MAX;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
        text.push_str(&format!("\n… ({} more bytes)", raw.len() - cut));
    }
    let _ = out.emit(&Trace {
        direction,
        bytes: raw.len(),
        text,
    });
}

/// Show a MessagePack-RPC message: as JSON, then its bytes in hex.
pub fn msgpack(out: &Out, direction: &'static str, raw: &[u8], msg: &msgpack_rpc::Message) {
    let hex: Vec<String> = raw
        .iter()
        .take(HEX_MAX)
        .map(|b| format!("{b:02x}"))
        .collect();
    let more = if raw.len() > HEX_MAX { " …" } else { "" };
    let json = msgpack_rpc::message_json(msg);
    text(
        out,
        direction,
        raw,
        format!("{json}\n{}{more}", hex.join(" ")),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::Mode;

    #[test]
    fn msgpack_trace_shows_json_and_hex() {
        let (out, buf) = Out::buffer(Mode::Human);
        let msg = msgpack_rpc::Message::Response {
            msgid: 1,
            error: rmpv::Value::Nil,
            result: rmpv::Value::from(3),
        };
        msgpack(&out, "recv", &[0x94, 0x01, 0x01, 0xc0, 0x03], &msg);
        assert_eq!(
            buf.contents(),
            "< (5 bytes recv)\n< [1,1,null,3]\n< 94 01 01 c0 03\n"
        );
    }
}
