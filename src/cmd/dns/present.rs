//! One DNS response as the server sent it, rendered two ways: dig's layout
//! (header, flags, OPT pseudo-section, question, answer, authority, additional,
//! `;;` trailer with query time, server, protocol and size) and RFC 8427 JSON in
//! the shape kdig's `+json` prints (`"ID"`, `"QR"`, ..., `"answerRRs"`), plus
//! netkit's own fields (`query`, `status`, `server`, `protocol`, `query_time_ms`,
//! `edns` decoded).
//!
//! It does not query anything or decide exit codes (`client.rs`, `lookup.rs`).

use std::net::SocketAddr;
use std::time::Duration;

use hickory_proto::op::{Edns, Message};
use hickory_proto::rr::rdata::opt::EdnsOption;
use hickory_proto::rr::{DNSClass, Record};
use serde::{Serialize, Serializer};
use serde_json::{json, Map, Value};

use super::rdata::{hex, opcode_name, present, rcode_name, wire_bytes};
use super::render::type_name;
use crate::output::{ms, Palette, Render};

/// A response and how it came.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The name as the user typed it (IDN before punycode).
    pub asked: String,
    pub msg: Message,
    /// QDCOUNT, ANCOUNT, NSCOUNT, ARCOUNT from the wire.
    pub counts: [u16; 4],
    pub size: usize,
    pub elapsed: Duration,
    pub server: SocketAddr,
    /// `UDP` or `TCP`.
    pub protocol: &'static str,
    /// Set when a truncated UDP answer was asked again over TCP.
    pub tc_retried: bool,
    /// RFC 3339 time the answer came.
    pub when: String,
    /// DoT / DoH: the TLS facts, the URL.
    pub carrier: Option<std::sync::Arc<super::secure::Carrier>>,
}

impl Reply {
    pub fn rcode(&self) -> u16 {
        u16::from(self.msg.metadata.response_code)
    }
    pub fn status(&self) -> String {
        rcode_name(self.rcode())
    }
}

/// The `message` event: one response.
pub struct MessageEvent<'a> {
    pub reply: &'a Reply,
    /// Hide the `;; ` comment lines (`--short` never gets here; `--quiet`-ish).
    pub bare: bool,
}

fn class_name(c: DNSClass) -> String {
    match c {
        DNSClass::Unknown(n) => format!("CLASS{n}"),
        other => other.to_string(),
    }
}

fn flag_words(m: &Message) -> String {
    let h = &m.metadata;
    let pairs = [
        (
            h.message_type == hickory_proto::op::MessageType::Response,
            "qr",
        ),
        (h.authoritative, "aa"),
        (h.truncation, "tc"),
        (h.recursion_desired, "rd"),
        (h.recursion_available, "ra"),
        (h.authentic_data, "ad"),
        (h.checking_disabled, "cd"),
    ];
    let on: Vec<&str> = pairs.iter().filter(|p| p.0).map(|p| p.1).collect();
    on.join(" ")
}

/// One record as dig's line.
pub fn record_line(r: &Record, p: &Palette) -> String {
    format!(
        "{}\t{}\t{}\t{}\t{}",
        p.name(&r.name.to_ascii()),
        r.ttl,
        class_name(r.dns_class),
        type_name(r.record_type()),
        p.value(&present(&r.data))
    )
}

/// The EDNS options, decoded, one `; NAME: ...` line each.
fn option_lines(e: &Edns) -> Vec<String> {
    e.options()
        .as_ref()
        .iter()
        .map(|(code, o)| {
            let v = option_json(u16::from(*code), o);
            let name = v["name"].as_str().unwrap_or("OPTION").to_string();
            let text = match o {
                EdnsOption::NSID(n) => nsid_text(n.as_ref()),
                EdnsOption::Subnet(s) => {
                    format!("{}/{}/{}", s.addr(), s.source_prefix(), s.scope_prefix())
                }
                EdnsOption::Unknown(10, b) => hex(b).to_lowercase(),
                EdnsOption::Unknown(_, b) => hex(b),
                _ => v["hex"].as_str().unwrap_or("").to_string(),
            };
            format!("; {name}: {text}")
        })
        .collect()
}

fn nsid_text(b: &[u8]) -> String {
    let spaced: Vec<String> = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{} (\"{}\")",
        spaced.join(" "),
        String::from_utf8_lossy(b).escape_default()
    )
}

fn option_json(code: u16, o: &EdnsOption) -> Value {
    match o {
        EdnsOption::NSID(n) => json!({
            "code": 3, "name": "NSID", "hex": hex(n.as_ref()),
            "text": String::from_utf8_lossy(n.as_ref()),
        }),
        EdnsOption::Subnet(s) => json!({
            "code": 8, "name": "CLIENT-SUBNET", "address": s.addr().to_string(),
            "source_prefix": s.source_prefix(), "scope_prefix": s.scope_prefix(),
        }),
        EdnsOption::Unknown(10, b) => json!({
            "code": 10, "name": "COOKIE",
            "client": hex(&b[..b.len().min(8)]).to_lowercase(),
            "server": hex(b.get(8..).unwrap_or(&[])).to_lowercase(),
        }),
        EdnsOption::Unknown(code, b) => json!({
            "code": code, "name": format!("OPT{code}"), "hex": hex(b),
        }),
        _ => json!({ "code": code, "name": format!("OPT{code}"), "hex": "" }),
    }
}

fn edns_json(e: &Edns) -> Value {
    let opts: Vec<Value> = e
        .options()
        .as_ref()
        .iter()
        .map(|(c, o)| option_json(u16::from(*c), o))
        .collect();
    json!({
        "version": e.version(),
        "DO": e.flags().dnssec_ok,
        "udp": e.max_payload(),
        "options": opts,
    })
}

fn section_text(title: &str, recs: &[Record], p: &Palette, out: &mut String) {
    if recs.is_empty() {
        return;
    }
    out.push_str(&format!("\n{}\n", p.dim(&format!(";; {title} SECTION:"))));
    for r in recs {
        out.push_str(&record_line(r, p));
        out.push('\n');
    }
}

impl MessageEvent<'_> {
    /// dig's layout.
    pub fn text(&self, p: &Palette) -> String {
        let r = self.reply;
        let m = &r.msg;
        let c = r.counts;
        let status = if r.rcode() == 0 {
            p.ok(&r.status())
        } else {
            p.err(&r.status())
        };
        let mut s = String::new();
        if r.tc_retried {
            s.push_str(&p.warn(";; Truncated, retrying in TCP mode."));
            s.push('\n');
        }
        if !r.asked.is_ascii() {
            if let Some(q) = m.queries.first() {
                s.push_str(&format!(
                    ";; {} is {} on the wire (IDNA)\n",
                    r.asked,
                    q.name().to_ascii()
                ));
            }
        }
        s.push_str(&format!(
            ";; ->>HEADER<<- opcode: {}, status: {status}, id: {}\n",
            opcode_name(u8::from(m.metadata.op_code)),
            m.metadata.id
        ));
        s.push_str(&format!(
            ";; flags: {}; QUERY: {}, ANSWER: {}, AUTHORITY: {}, ADDITIONAL: {}\n",
            p.name(&flag_words(m)),
            c[0],
            c[1],
            c[2],
            c[3]
        ));
        if let Some(e) = &m.edns {
            s.push_str(&format!("\n{}\n", p.dim(";; OPT PSEUDOSECTION:")));
            let flags = if e.flags().dnssec_ok { " do" } else { "" };
            s.push_str(&format!(
                "; EDNS: version: {}, flags:{flags}; udp: {}\n",
                e.version(),
                e.max_payload()
            ));
            for l in option_lines(e) {
                s.push_str(&l);
                s.push('\n');
            }
        }
        if !m.queries.is_empty() {
            s.push_str(&format!("\n{}\n", p.dim(";; QUESTION SECTION:")));
            for q in &m.queries {
                s.push_str(&format!(
                    ";{}\t\t{}\t{}\n",
                    q.name().to_ascii(),
                    class_name(q.query_class()),
                    type_name(q.query_type())
                ));
            }
        }
        section_text("ANSWER", &m.answers, p, &mut s);
        section_text("AUTHORITY", &m.authorities, p, &mut s);
        section_text("ADDITIONAL", &m.additionals, p, &mut s);
        s.push('\n');
        if let (0, [], Some(q)) = (r.rcode(), &m.answers[..], m.queries.first()) {
            let t = type_name(q.query_type());
            s.push_str(&p.warn(&format!(
                ";; NODATA: {} exists but has no {t} record",
                q.name()
            )));
            s.push('\n');
        }
        s.push_str(&p.dim(&format!(
            ";; Query time: {} msec\n;; SERVER: {}#{}({}) ({})\n;; WHEN: {}\n;; MSG SIZE  rcvd: {}",
            r.elapsed.as_millis(),
            r.server.ip(),
            r.server.port(),
            r.server.ip(),
            r.protocol,
            r.when,
            r.size
        )));
        s.push('\n');
        for l in r.carrier.iter().flat_map(|c| c.lines()) {
            s.push_str(&p.dim(&l));
            s.push('\n');
        }
        s
    }

    /// RFC 8427 (kdig's field names) plus netkit's fields.
    pub fn json(&self) -> Map<String, Value> {
        let r = self.reply;
        let m = &r.msg;
        let h = &m.metadata;
        let b = |x: bool| Value::from(u8::from(x));
        let mut o = Map::new();
        o.insert("query".into(), r.asked.clone().into());
        o.insert("status".into(), r.status().into());
        o.insert("server".into(), r.server.to_string().into());
        o.insert("protocol".into(), r.protocol.to_lowercase().into());
        o.insert("query_time_ms".into(), ms(r.elapsed).into());
        o.insert("dateString".into(), r.when.clone().into());
        o.insert("msgLength".into(), r.size.into());
        o.insert("ID".into(), h.id.into());
        let qr = h.message_type == hickory_proto::op::MessageType::Response;
        o.insert("QR".into(), b(qr));
        o.insert("Opcode".into(), u8::from(h.op_code).into());
        o.insert("AA".into(), b(h.authoritative));
        o.insert("TC".into(), b(h.truncation));
        o.insert("RD".into(), b(h.recursion_desired));
        o.insert("RA".into(), b(h.recursion_available));
        o.insert("AD".into(), b(h.authentic_data));
        o.insert("CD".into(), b(h.checking_disabled));
        o.insert("RCODE".into(), r.rcode().into());
        for (k, v) in ["QDCOUNT", "ANCOUNT", "NSCOUNT", "ARCOUNT"]
            .iter()
            .zip(r.counts)
        {
            o.insert((*k).into(), v.into());
        }
        if let Some(q) = m.queries.first() {
            o.insert("QNAME".into(), q.name().to_ascii().into());
            o.insert("QTYPE".into(), u16::from(q.query_type()).into());
            o.insert("QTYPEname".into(), type_name(q.query_type()).into());
            o.insert("QCLASS".into(), u16::from(q.query_class()).into());
            o.insert("QCLASSname".into(), class_name(q.query_class()).into());
        }
        let rrs = |v: &[Record]| Value::Array(v.iter().map(record_json).collect());
        if !m.answers.is_empty() {
            o.insert("answerRRs".into(), rrs(&m.answers));
        }
        if !m.authorities.is_empty() {
            o.insert("authorityRRs".into(), rrs(&m.authorities));
        }
        let mut add: Vec<Value> = m.additionals.iter().map(record_json).collect();
        if let Some(e) = &m.edns {
            add.push(json!({
                "NAME": ".", "TYPE": 41, "TYPEname": "OPT", "CLASS": e.max_payload(),
                "TTL": (u32::from(e.rcode_high()) << 24) | (u32::from(e.version()) << 16)
                    | if e.flags().dnssec_ok { 0x8000 } else { 0 },
            }));
            o.insert("edns".into(), edns_json(e));
        }
        if !add.is_empty() {
            o.insert("additionalRRs".into(), Value::Array(add));
        }
        if r.tc_retried {
            o.insert("tc_retried".into(), true.into());
        }
        if let Some(c) = &r.carrier {
            if let Ok(Value::Object(m)) = serde_json::to_value(c.as_ref()) {
                o.extend(m);
            }
        }
        o
    }
}

/// One record in RFC 8427 form.
pub fn record_json(r: &Record) -> Value {
    let t = r.record_type();
    let wire = wire_bytes(&r.data);
    let mut o = Map::new();
    o.insert("NAME".into(), r.name.to_ascii().into());
    o.insert("TYPE".into(), u16::from(t).into());
    o.insert("TYPEname".into(), type_name(t).into());
    o.insert("CLASS".into(), u16::from(r.dns_class).into());
    o.insert("CLASSname".into(), class_name(r.dns_class).into());
    o.insert("TTL".into(), r.ttl.into());
    o.insert(format!("rdata{}", type_name(t)), present(&r.data).into());
    o.insert("RDLENGTH".into(), wire.len().into());
    o.insert("RDATAHEX".into(), hex(&wire).into());
    Value::Object(o)
}

impl Serialize for MessageEvent<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.json().serialize(s)
    }
}

impl Render for MessageEvent<'_> {
    fn kind(&self) -> &str {
        "message"
    }
    fn human(&self, p: &Palette) -> String {
        let t = self.text(p);
        if self.bare {
            return t
                .lines()
                .filter(|l| !l.starts_with(";;") && !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n");
        }
        t
    }
}
