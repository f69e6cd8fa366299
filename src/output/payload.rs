//! Showing bytes safely. Messages are bytes, not text (chapter §5): a payload is
//! shown as text when it is printable UTF-8, else with escapes; in JSON it is
//! lossless (`data` as text with `encoding: "utf-8"`, or base64 with
//! `encoding: "base64"`). This module does not decide where payloads are printed.

use base64::Engine;
use serde::{Serialize, Serializer};

/// Render bytes for a human: printable text as is, everything else escaped as
/// `\n`, `\t`, `\xNN` (like Python's bytes repr, without the `b''`).
pub fn escape(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let text = String::from_utf8_lossy(bytes);
    if !matches!(text, std::borrow::Cow::Borrowed(_)) {
        for &b in bytes {
            push_byte(&mut out, b);
        }
        return out;
    }
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\\' => out.push_str("\\\\"),
            // Bidirectional overrides could reorder what a terminal shows: escape them.
            '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
                out.push_str(&format!("\\u{{{:04x}}}", c as u32));
            }
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("\\x{b:02x}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

fn push_byte(out: &mut String, b: u8) {
    match b {
        b'\n' => out.push_str("\\n"),
        b'\r' => out.push_str("\\r"),
        b'\t' => out.push_str("\\t"),
        b'\\' => out.push_str("\\\\"),
        0x20..=0x7e => out.push(b as char),
        _ => out.push_str(&format!("\\x{b:02x}")),
    }
}

/// A payload for JSON output: flatten it into an event to get `data` and `encoding`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload<'a>(pub &'a [u8]);

impl Serialize for Payload<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(2))?;
        match std::str::from_utf8(self.0) {
            Ok(text) => {
                m.serialize_entry("data", text)?;
                m.serialize_entry("encoding", "utf-8")?;
            }
            Err(_) => {
                m.serialize_entry(
                    "data",
                    &base64::engine::general_purpose::STANDARD.encode(self.0),
                )?;
                m.serialize_entry("encoding", "base64")?;
            }
        }
        m.end()
    }
}

/// Decode a payload written by [`Payload`] back to bytes (for tests and tools).
pub fn decode_json(data: &str, encoding: &str) -> Option<Vec<u8>> {
    match encoding {
        "base64" => base64::engine::general_purpose::STANDARD.decode(data).ok(),
        _ => Some(data.as_bytes().to_vec()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_control_and_binary() {
        assert_eq!(escape(b"Hello!"), "Hello!");
        assert_eq!(escape(b"a\nb\t\\"), "a\\nb\\t\\\\");
        assert_eq!(escape(&[0xff, b'a', 0]), "\\xffa\\x00");
        assert_eq!(escape("héllo\u{1}".as_bytes()), "héllo\\x01");
        assert_eq!(escape("a\u{202e}b".as_bytes()), "a\\u{202e}b");
    }

    #[test]
    fn payload_json_is_lossless() {
        let v = serde_json::to_value(Payload(b"hi")).unwrap();
        assert_eq!(v["data"], "hi");
        assert_eq!(v["encoding"], "utf-8");
        let v = serde_json::to_value(Payload(&[0xff, 0])).unwrap();
        assert_eq!(v["encoding"], "base64");
        let back = decode_json(v["data"].as_str().unwrap(), "base64").unwrap();
        assert_eq!(back, vec![0xff, 0]);
    }
}
