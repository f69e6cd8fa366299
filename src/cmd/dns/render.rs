//! The events `dns lookup` and `dns reverse` print: one `record` per answer record
//! (dig's answer line: name, TTL, class, type, data), one `summary` per query
//! (status, server, protocol, query time) and the `hostent` view
//! (`gethostbyname_ex`'s canonical name, aliases, addresses).
//!
//! It only turns outcomes into values and lines; it does not query anything.

use serde::Serialize;

use hickory_resolver::proto::rr::{RData, Record};

use super::query::{Outcome, Status, Via};
use crate::output::{ms, Palette, Render};
use crate::proto::dnsname::quote_txt;

/// One answer record.
#[derive(Debug, Serialize)]
pub struct RecordEvent {
    /// The name asked, as typed.
    pub query: String,
    /// The type asked.
    pub qtype: String,
    /// The record's owner name (fully qualified).
    pub name: String,
    pub ttl: u32,
    pub class: String,
    pub record_type: String,
    /// Presentation form, as dig prints it.
    pub data: String,
    /// TXT only: each character-string on its own, unquoted (lossy UTF-8).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub strings: Option<Vec<String>>,
    /// `--short`: the human view prints `data` only.
    #[serde(skip)]
    pub short: bool,
}

impl RecordEvent {
    pub fn new(o: &Outcome, r: &Record, short: bool) -> RecordEvent {
        let strings = match &r.data {
            RData::TXT(txt) => Some(
                txt.txt_data
                    .iter()
                    .map(|s| String::from_utf8_lossy(s).into_owned())
                    .collect(),
            ),
            _ => None,
        };
        RecordEvent {
            query: o.name.clone(),
            qtype: type_name(o.qtype),
            name: r.name.to_string(),
            ttl: r.ttl,
            class: r.dns_class.to_string(),
            record_type: type_name(r.data.record_type()),
            data: rdata_text(&r.data),
            strings,
            short,
        }
    }
}

/// The data of a record as dig prints it: TXT strings quoted one by one, unknown
/// types in RFC 3597's `\# LEN HEX`, everything else as hickory presents it.
pub fn rdata_text(data: &RData) -> String {
    match data {
        RData::TXT(txt) => txt
            .txt_data
            .iter()
            .map(|s| quote_txt(s))
            .collect::<Vec<_>>()
            .join(" "),
        RData::Unknown { rdata, .. } => {
            let bytes = &rdata.anything;
            if bytes.is_empty() {
                "\\# 0".to_string()
            } else {
                let hex: String = bytes.iter().map(|b| format!("{b:02X}")).collect();
                format!("\\# {} {hex}", bytes.len())
            }
        }
        other => other.to_string(),
    }
}

impl Render for RecordEvent {
    fn kind(&self) -> &str {
        "record"
    }
    fn human(&self, p: &Palette) -> String {
        if self.short {
            return self.data.clone();
        }
        format!(
            "{}\t{}\t{}\t{}\t{}",
            p.name(&self.name),
            self.ttl,
            self.class,
            self.record_type,
            p.value(&self.data)
        )
    }
}

/// One query's result.
#[derive(Debug, Serialize)]
pub struct Summary {
    pub query: String,
    pub qtype: String,
    /// NOERROR, NXDOMAIN, NODATA, SERVFAIL, REFUSED, TIMEOUT, ERROR...
    pub status: String,
    pub answers: usize,
    pub server: String,
    pub protocol: String,
    pub query_time_ms: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The short form of `message` for the human line.
    #[serde(skip)]
    pub note: String,
}

impl Summary {
    pub fn new(o: &Outcome, via: &Via) -> Summary {
        Summary {
            query: o.name.clone(),
            qtype: type_name(o.qtype),
            status: o.status.word(),
            answers: o.records.len(),
            server: via.server.clone(),
            protocol: via.protocol.to_string(),
            query_time_ms: ms(o.elapsed),
            message: o.message(via),
            note: o.status.note(o.qtype),
        }
    }
}

impl Render for Summary {
    fn kind(&self) -> &str {
        "summary"
    }
    fn human(&self, p: &Palette) -> String {
        let status = if self.status == Status::NoError.word() {
            p.ok(&self.status)
        } else {
            p.err(&self.status)
        };
        let what = match &self.message {
            Some(_) => format!(" ({})", self.note),
            None => format!(
                ", {} answer{}",
                self.answers,
                if self.answers == 1 { "" } else { "s" }
            ),
        };
        p.dim(&format!(
            ";; {} {} {status}{what}; server {} ({}), {} ms",
            self.query, self.qtype, self.server, self.protocol, self.query_time_ms
        ))
    }
}

/// `gethostbyname_ex`'s view: `('python.org', [], ['45.55.99.72'])`.
#[derive(Debug, Serialize)]
pub struct Hostent {
    pub query: String,
    /// The end of the CNAME chain (the name itself when there is none).
    pub canonical: String,
    /// The names of the CNAME chain, in order (the query name first when it is an alias).
    pub aliases: Vec<String>,
    pub addresses: Vec<String>,
}

impl Hostent {
    /// Build the view from the outcomes of the address queries for one name.
    pub fn from_outcomes(query: &str, outcomes: &[Outcome]) -> Hostent {
        let mut aliases: Vec<String> = Vec::new();
        let mut canonical = query.trim_end_matches('.').to_string();
        let mut addresses = Vec::new();
        for r in outcomes.iter().flat_map(|o| o.records.iter()) {
            match &r.data {
                RData::CNAME(target) => {
                    let owner = bare(&r.name.to_string());
                    if !aliases.contains(&owner) {
                        aliases.push(owner);
                    }
                    canonical = bare(&target.0.to_string());
                }
                RData::A(a) => addresses.push(a.to_string()),
                RData::AAAA(a) => addresses.push(a.to_string()),
                _ => {}
            }
        }
        Hostent {
            query: query.to_string(),
            canonical,
            aliases,
            addresses,
        }
    }
}

fn bare(name: &str) -> String {
    name.trim_end_matches('.').to_string()
}

fn py_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("'{s}'")).collect();
    format!("[{}]", quoted.join(", "))
}

impl Render for Hostent {
    fn kind(&self) -> &str {
        "hostent"
    }
    fn human(&self, p: &Palette) -> String {
        format!(
            "('{}', {}, {})",
            p.name(&self.canonical),
            py_list(&self.aliases),
            p.value(&py_list(&self.addresses))
        )
    }
}

/// A record type's name, or `TYPE<n>` (RFC 3597) for one hickory has no name for.
pub fn type_name(t: hickory_resolver::proto::rr::RecordType) -> String {
    use hickory_resolver::proto::rr::RecordType;
    match t {
        RecordType::Unknown(n) => format!("TYPE{n}"),
        RecordType::ZERO => "TYPE0".to_string(),
        other => other.to_string(),
    }
}
