//! The query message `dns lookup` sends and the checks a reply must pass, built
//! and parsed with hickory-proto: header flags (RD, CD, AD), class, EDNS (RFC
//! 6891: buffer size, DO, NSID, cookie, client subnet), IXFR's SOA, and the match
//! of a reply to its query (ID, question) that lets the transport ignore strays.
//!
//! It does not send anything (`wire.rs`) or print anything (`present.rs`).

use std::net::IpAddr;

use hickory_proto::op::{Edns, Message, MessageType, OpCode, Query, ResponseCode};
use hickory_proto::rr::rdata::opt::{ClientSubnet, EdnsCode, EdnsOption};
use hickory_proto::rr::rdata::SOA;
use hickory_proto::rr::{DNSClass, Name, RData, Record, RecordType};

/// What the user asked for besides name and type.
#[derive(Debug, Clone)]
pub struct QueryOpts {
    pub class: DNSClass,
    /// RD (off with `--norecurse`).
    pub recurse: bool,
    pub cd: bool,
    pub ad: bool,
    /// `None` with `--no-edns`.
    pub edns: Option<EdnsOpts>,
    /// `--id`; random otherwise.
    pub id: Option<u16>,
    /// `IXFR=serial`: the client's serial, sent as an SOA in the authority section.
    pub ixfr_serial: Option<u32>,
}

/// The OPT record we send.
#[derive(Debug, Clone)]
pub struct EdnsOpts {
    pub bufsize: u16,
    pub dnssec: bool,
    pub nsid: bool,
    /// The cookie to send: 8 client bytes, then the server's once it gave one.
    pub cookie: Option<Vec<u8>>,
    pub subnet: Option<(IpAddr, u8)>,
}

/// EDNS buffer size when `--bufsize` is not given (the DNS flag day 2020 value dig uses).
pub const DEFAULT_BUFSIZE: u16 = 1232;

impl Default for QueryOpts {
    fn default() -> Self {
        QueryOpts {
            class: DNSClass::IN,
            recurse: true,
            cd: false,
            ad: false,
            edns: Some(EdnsOpts {
                bufsize: DEFAULT_BUFSIZE,
                dnssec: false,
                nsid: false,
                cookie: None,
                subnet: None,
            }),
            id: None,
            ixfr_serial: None,
        }
    }
}

/// Random bytes from the kernel (IDs and cookies; a DNS ID needs no more).
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    // SAFETY: getrandom writes at most N bytes into the buffer we own.
    let n = unsafe { libc::getrandom(b.as_mut_ptr().cast(), N, 0) };
    if n != N as isize {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0)
            ^ std::process::id();
        for (i, x) in b.iter_mut().enumerate() {
            *x = (t >> ((i % 4) * 8)) as u8 ^ i as u8;
        }
    }
    b
}

/// The query message for (name, type) with these options.
pub fn build(name: &Name, qtype: RecordType, opts: &QueryOpts) -> Message {
    let id = opts
        .id
        .unwrap_or_else(|| u16::from_be_bytes(random_bytes()));
    let mut m = Message::new(id, MessageType::Query, OpCode::Query);
    m.metadata.recursion_desired = opts.recurse;
    m.metadata.checking_disabled = opts.cd;
    m.metadata.authentic_data = opts.ad;
    let mut q = Query::query(name.clone(), qtype);
    q.set_query_class(opts.class);
    m.add_query(q);
    if let Some(serial) = opts.ixfr_serial {
        let soa = SOA::new(Name::root(), Name::root(), serial, 0, 0, 0, 0);
        m.add_authority(Record::from_rdata(name.clone(), 0, RData::SOA(soa)));
    }
    if let Some(e) = &opts.edns {
        let mut edns = Edns::new();
        edns.set_max_payload(e.bufsize.max(512));
        edns.set_dnssec_ok(e.dnssec);
        if e.nsid {
            edns.options_mut()
                .insert(EdnsOption::Unknown(EdnsCode::NSID.into(), vec![]));
        }
        if let Some(c) = &e.cookie {
            edns.options_mut()
                .insert(EdnsOption::Unknown(EdnsCode::Cookie.into(), c.clone()));
        }
        if let Some((ip, prefix)) = e.subnet {
            edns.options_mut()
                .insert(EdnsOption::Subnet(ClientSubnet::new(ip, prefix, 0)));
        }
        m.set_edns(edns);
    }
    m
}

/// The cookie a reply carries (client and server parts), if any.
pub fn reply_cookie(m: &Message) -> Option<Vec<u8>> {
    let e = m.edns.as_ref()?;
    e.options().as_ref().iter().find_map(|(_, o)| match o {
        EdnsOption::Unknown(10, b) if b.len() > 8 => Some(b.clone()),
        _ => None,
    })
}

/// The header counts as the server wrote them (hickory folds OPT into `edns`).
pub fn counts(raw: &[u8]) -> [u16; 4] {
    let at = |i: usize| {
        raw.get(i..i + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
            .unwrap_or(0)
    };
    [at(4), at(6), at(8), at(10)]
}

/// Parse a reply and check that it answers `query`; `Err` says why it does not
/// (the transport ignores it and keeps waiting).
pub fn check_reply(raw: &[u8], query: &Message) -> Result<Message, String> {
    if raw.len() < 12 {
        return Err(format!("a truncated packet of {} bytes", raw.len()));
    }
    let id = u16::from_be_bytes([raw[0], raw[1]]);
    if id != query.metadata.id {
        return Err(format!(
            "wrong ID {id} (the query's is {})",
            query.metadata.id
        ));
    }
    if raw[2] & 0x80 == 0 {
        return Err("a query, not a response (QR is 0)".into());
    }
    let m = Message::from_vec(raw).map_err(|e| format!("malformed reply: {e}"))?;
    match (m.queries.first(), query.queries.first()) {
        (Some(got), Some(want)) => {
            if got.name() != want.name()
                || got.query_type() != want.query_type()
                || got.query_class() != want.query_class()
            {
                return Err(format!(
                    "wrong question {} {} {} (asked {} {} {})",
                    got.name(),
                    got.query_class(),
                    got.query_type(),
                    want.name(),
                    want.query_class(),
                    want.query_type()
                ));
            }
        }
        // FORMERR and friends may come without the question.
        (None, _) if m.metadata.response_code != ResponseCode::NoError => {}
        (None, _) => return Err("a reply without the question".into()),
        (Some(_), None) => {}
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q() -> Message {
        let opts = QueryOpts {
            id: Some(4242),
            ..Default::default()
        };
        build(&Name::from_ascii("x.test.").unwrap(), RecordType::A, &opts)
    }

    #[test]
    fn reply_must_match_id_and_question() {
        let query = q();
        let mut reply = query.clone();
        reply.metadata.message_type = MessageType::Response;
        let ok = reply.to_vec().unwrap();
        assert!(check_reply(&ok, &query).is_ok());
        assert!(check_reply(&ok[..5], &query)
            .unwrap_err()
            .contains("truncated"));
        let mut wrong = ok.clone();
        wrong[1] ^= 1;
        assert!(check_reply(&wrong, &query)
            .unwrap_err()
            .contains("wrong ID"));
        let mut other = reply.clone();
        other.queries[0].set_query_type(RecordType::MX);
        let e = check_reply(&other.to_vec().unwrap(), &query).unwrap_err();
        assert!(e.contains("wrong question"), "{e}");
        assert!(check_reply(&query.to_vec().unwrap(), &query).is_err());
        let mut garbage = ok.clone();
        garbage.truncate(20);
        assert!(check_reply(&garbage, &query)
            .unwrap_err()
            .contains("malformed"));
    }

    #[test]
    fn options_reach_the_wire() {
        let opts = QueryOpts {
            recurse: false,
            cd: true,
            edns: Some(EdnsOpts {
                bufsize: 4096,
                dnssec: true,
                nsid: true,
                cookie: Some(vec![1; 8]),
                subnet: Some(("192.0.2.0".parse().unwrap(), 24)),
            }),
            ..Default::default()
        };
        let m = build(&Name::root(), RecordType::NS, &opts);
        let back = Message::from_vec(&m.to_vec().unwrap()).unwrap();
        assert!(!back.metadata.recursion_desired && back.metadata.checking_disabled);
        let e = back.edns.unwrap();
        assert!(e.flags().dnssec_ok);
        assert_eq!(e.max_payload(), 4096);
        assert_eq!(e.options().as_ref().len(), 3);
        assert_eq!(counts(&m.to_vec().unwrap()), [1, 0, 0, 1]);
    }
}
