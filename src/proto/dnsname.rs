//! DNS names and the small text forms around a query: name validation (RFC 1035
//! §2.3.4 limits: 253 characters of text, 63 per label), reverse-lookup names
//! (`in-addr.arpa`, RFC 1035 §3.5; `ip6.arpa`, RFC 3596 §2.5), `--server IP[:PORT]`
//! parsing, record-type names, TXT strings quoted as dig prints them, and batch
//! input lines (`NAME [TYPE...]`).
//!
//! Pure: text in, values out. It does not send queries or decode DNS messages
//! (hickory-proto does that); it only checks and builds what the user typed.

use std::net::{IpAddr, SocketAddr};

use hickory_resolver::proto::rr::{Name, RecordType};
use thiserror::Error;

/// Longest name in presentation form without the trailing dot (255 octets on the wire).
pub const MAX_NAME: usize = 253;
/// Longest label.
pub const MAX_LABEL: usize = 63;

/// Why a name or a server address is refused before any query is sent.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum InputError {
    #[error("empty name")]
    EmptyName,
    #[error("name is {len} characters long (the limit is {MAX_NAME})")]
    NameTooLong { len: usize },
    #[error("label {label:?} is {len} characters long (the limit is {MAX_LABEL})")]
    LabelTooLong { label: String, len: usize },
    #[error("empty label in {name:?} (two dots in a row, or a leading dot)")]
    EmptyLabel { name: String },
    #[error("not a valid name: {why}")]
    Malformed { name: String, why: String },
    #[error("unknown record type {0:?} (try A, AAAA, CNAME, MX, NS, TXT, SOA, PTR, SRV, CAA, or TYPE<number>)")]
    UnknownType(String),
    #[error("bad server address {0:?} (expected IP, IP:PORT or [IPv6]:PORT)")]
    BadServer(String),
    #[error("{0:?}: port 0 is not a destination")]
    PortZero(String),
}

/// Check a name as typed: not empty, at most 253 characters (a trailing dot is
/// not counted), no label over 63, no empty label. `.` alone is the root and is valid.
pub fn validate_name(name: &str) -> Result<(), InputError> {
    if !name.is_ascii() {
        // Limits count octets on the wire: check the punycode form (IDNA).
        let ascii = Name::from_utf8(name).map_err(|e| InputError::Malformed {
            name: name.to_string(),
            why: idna_reason(&e.to_string()),
        })?;
        return validate_name(&ascii.to_ascii());
    }
    if name.is_empty() {
        return Err(InputError::EmptyName);
    }
    if name == "." {
        return Ok(());
    }
    let bare = name.strip_suffix('.').unwrap_or(name);
    if bare.len() > MAX_NAME {
        return Err(InputError::NameTooLong { len: bare.len() });
    }
    for label in bare.split('.') {
        if label.is_empty() {
            return Err(InputError::EmptyLabel {
                name: name.to_string(),
            });
        }
        if label.len() > MAX_LABEL {
            return Err(InputError::LabelTooLong {
                label: label.to_string(),
                len: label.len(),
            });
        }
    }
    // Characters no host name has (quotes, spaces, controls), named plainly.
    if let Some(c) = bare
        .chars()
        .find(|c| c.is_ascii() && !(c.is_ascii_alphanumeric() || "-_.*/".contains(*c)))
    {
        return Err(InputError::Malformed {
            name: name.to_string(),
            why: format!("character {c:?} is not allowed in a DNS name"),
        });
    }
    // What hickory cannot encode (bad IDNA): its message, without Rust's Debug tail.
    Name::from_utf8(name).map_err(|e| InputError::Malformed {
        name: name.to_string(),
        why: idna_reason(&e.to_string()),
    })?;
    Ok(())
}

/// hickory's IDNA message without Rust's Debug tail.
fn idna_reason(e: &str) -> String {
    e.split(": Err(")
        .next()
        .unwrap_or("invalid international name")
        .to_string()
}

/// The name on the wire: IDN labels in punycode, fully qualified (call after
/// [`validate_name`]).
pub fn wire_name(name: &str) -> Result<Name, InputError> {
    Name::from_utf8(fqdn(name)).map_err(|e| InputError::Malformed {
        name: name.to_string(),
        why: idna_reason(&e.to_string()),
    })
}

/// A warning for a bare IPv6 literal whose last group looks like a port
/// (`::1:53` is the address `::1:53`, port 53): "did you mean [::1]:53?".
pub fn server_warning(input: &str) -> Option<String> {
    let s = input.trim();
    let (head, tail) = s.rsplit_once(':')?;
    if s.starts_with('[') || !s.contains("::") || tail.is_empty() {
        return None;
    }
    let port: u16 = tail
        .parse()
        .ok()
        .filter(|_| tail.bytes().all(|b| b.is_ascii_digit()))?;
    head.parse::<std::net::Ipv6Addr>().ok()?;
    Some(format!(
        "{s} is read as the IPv6 address {s} (port 53): did you mean [{head}]:{port}?"
    ))
}

/// The fully qualified form (with the trailing dot), so no search list applies.
pub fn fqdn(name: &str) -> String {
    if name.ends_with('.') {
        name.to_string()
    } else {
        format!("{name}.")
    }
}

/// The PTR name of an address: `4.3.2.1.in-addr.arpa.` or the 32 nibbles of
/// `ip6.arpa.`.
pub fn reverse_name(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            format!("{}.{}.{}.{}.in-addr.arpa.", o[3], o[2], o[1], o[0])
        }
        IpAddr::V6(v6) => {
            let mut s = String::with_capacity(73);
            for byte in v6.octets().iter().rev() {
                s.push(hex_digit(byte & 0x0f));
                s.push('.');
                s.push(hex_digit(byte >> 4));
                s.push('.');
            }
            s.push_str("ip6.arpa.");
            s
        }
    }
}

fn hex_digit(n: u8) -> char {
    char::from_digit(u32::from(n), 16).unwrap_or('0')
}

/// `--server`: `IP`, `IP:PORT`, `[IPv6]` or `[IPv6]:PORT`; the port defaults to 53.
pub fn parse_server(input: &str) -> Result<SocketAddr, InputError> {
    let bad = || InputError::BadServer(input.to_string());
    let s = input.trim();
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Ok(SocketAddr::new(ip, 53));
    }
    if let Ok(sa) = s.parse::<SocketAddr>() {
        if sa.port() == 0 {
            return Err(InputError::PortZero(input.to_string()));
        }
        return Ok(sa);
    }
    if let Some(inner) = s.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        let ip: IpAddr = inner.parse().map_err(|_| bad())?;
        return Ok(SocketAddr::new(ip, 53));
    }
    Err(bad())
}

/// A record type by name (any case) or as `TYPE<n>` (RFC 3597), e.g. `TYPE65534`.
pub fn parse_type(input: &str) -> Result<RecordType, InputError> {
    let up = input.trim().to_ascii_uppercase();
    if let Some(num) = up.strip_prefix("TYPE") {
        if let Ok(n) = num.parse::<u16>() {
            return Ok(RecordType::from(n));
        }
    }
    match up.parse::<RecordType>() {
        Ok(t) => Ok(t),
        Err(_) => Err(InputError::UnknownType(input.to_string())),
    }
}

/// One TXT character-string as dig prints it: in double quotes, with `"` and `\`
/// escaped and bytes outside printable ASCII as `\DDD`.
pub fn quote_txt(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() + 2);
    s.push('"');
    for &b in bytes {
        match b {
            b'"' | b'\\' => {
                s.push('\\');
                s.push(b as char);
            }
            0x20..=0x7e => s.push(b as char),
            _ => s.push_str(&format!("\\{b:03}")),
        }
    }
    s.push('"');
    s
}

/// One batch line: `NAME [TYPE...]`; blank lines and `#` comments give `None`.
pub fn parse_batch_line(line: &str) -> Option<(String, Vec<String>)> {
    let line = line.split('#').next().unwrap_or("").trim();
    let mut words = line.split_whitespace();
    let name = words.next()?;
    Some((name.to_string(), words.map(str::to_string).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::{Ipv4Addr, Ipv6Addr};

    #[test]
    fn names() {
        assert_eq!(validate_name("example.com"), Ok(()));
        assert_eq!(validate_name("example.com."), Ok(()));
        assert_eq!(validate_name("."), Ok(()));
        assert_eq!(validate_name(""), Err(InputError::EmptyName));
        assert!(matches!(
            validate_name("a..b"),
            Err(InputError::EmptyLabel { .. })
        ));
        let label = "x".repeat(64);
        assert_eq!(
            validate_name(&format!("{label}.com")),
            Err(InputError::LabelTooLong { label, len: 64 })
        );
        let ok63 = "x".repeat(63);
        assert_eq!(validate_name(&format!("{ok63}.com")), Ok(()));
        let long = vec!["abcdefghi"; 26].join("."); // 26*10-1 = 259
        assert_eq!(
            validate_name(&long),
            Err(InputError::NameTooLong { len: 259 })
        );
        let exact = format!("{}.{}", "a".repeat(63), vec!["b".repeat(61); 3].join(".")); // 63+1+185 = 249
        assert_eq!(validate_name(&exact), Ok(()));
        assert!(matches!(
            validate_name("a b.test"),
            Err(InputError::Malformed { .. })
        ));
        assert_eq!(validate_name("bücher.example"), Ok(()));
        // 40 two-byte characters: 80 UTF-8 octets, fewer than 63 in punycode.
        assert_eq!(validate_name(&format!("{}.test", "ü".repeat(40))), Ok(()));
        assert_eq!(
            wire_name("bücher.test").unwrap().to_ascii(),
            "xn--bcher-kva.test."
        );
        assert_eq!(validate_name("_sip._tcp.example.test"), Ok(()));
    }

    #[test]
    fn reverse_names() {
        assert_eq!(
            reverse_name(IpAddr::V4(Ipv4Addr::new(192, 0, 2, 10))),
            "10.2.0.192.in-addr.arpa."
        );
        let v6: Ipv6Addr = "2001:db8::567:89ab".parse().unwrap();
        assert_eq!(
            reverse_name(IpAddr::V6(v6)),
            "b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa."
        );
    }

    #[test]
    fn servers() {
        assert_eq!(
            parse_server("127.0.0.1"),
            Ok("127.0.0.1:53".parse().unwrap())
        );
        assert_eq!(
            parse_server("127.0.0.1:5353"),
            Ok("127.0.0.1:5353".parse().unwrap())
        );
        assert_eq!(parse_server("::1"), Ok("[::1]:53".parse().unwrap()));
        assert_eq!(parse_server("[::1]"), Ok("[::1]:53".parse().unwrap()));
        assert_eq!(
            parse_server("[::1]:5300"),
            Ok("[::1]:5300".parse().unwrap())
        );
        assert!(parse_server("dns.google").is_err());
        assert_eq!(
            parse_server("[::1]:0"),
            Err(InputError::PortZero("[::1]:0".into()))
        );
        let w = server_warning("::1:53").unwrap();
        assert!(w.contains("did you mean [::1]:53?"), "{w}");
        assert_eq!(server_warning("[::1]:53"), None);
        assert_eq!(server_warning("::1"), None);
        assert_eq!(server_warning("127.0.0.1:53"), None);
        assert!(parse_server("1.2.3.4:99999").is_err());
        assert!(parse_server("").is_err());
    }

    #[test]
    fn types() {
        assert_eq!(parse_type("a"), Ok(RecordType::A));
        assert_eq!(parse_type("Caa"), Ok(RecordType::CAA));
        assert_eq!(parse_type("TYPE65"), Ok(RecordType::HTTPS));
        assert_eq!(parse_type("type65534"), Ok(RecordType::Unknown(65534)));
        assert!(parse_type("BOGUS").is_err());
        assert!(parse_type("TYPE99999").is_err());
    }

    #[test]
    fn txt_quoting() {
        assert_eq!(quote_txt(b"v=spf1 -all"), "\"v=spf1 -all\"");
        assert_eq!(quote_txt(b"say \"hi\"\\"), "\"say \\\"hi\\\"\\\\\"");
        assert_eq!(quote_txt(&[0x00, b'a', 0xff]), "\"\\000a\\255\"");
    }

    #[test]
    fn batch_lines() {
        assert_eq!(parse_batch_line("  # comment"), None);
        assert_eq!(parse_batch_line(""), None);
        assert_eq!(
            parse_batch_line("example.com MX txt # x"),
            Some(("example.com".into(), vec!["MX".into(), "txt".into()]))
        );
    }
}
