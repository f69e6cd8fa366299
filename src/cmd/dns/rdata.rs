//! Record data in presentation format, as dig prints it: what hickory-proto
//! decodes (through `render::rdata_text`), plus the DNSSEC types (RRSIG, DNSKEY,
//! DS, NSEC, NSEC3, NSEC3PARAM; RFC 4034, RFC 5155) decoded here from their
//! bytes — netkit builds hickory-proto without its crypto — and anything else
//! as RFC 3597's `\# LEN HEX`. Also the names of rcodes and opcodes.
//!
//! Pure: bytes in, text out. It does not validate signatures.

use base64::Engine as _;
use hickory_proto::rr::{Name, RData, RecordType};
use hickory_proto::serialize::binary::{
    BinDecodable, BinDecoder, BinEncodable, BinEncoder, NameEncoding,
};

use super::render::{rdata_text, type_name};

/// The presentation text of one record's data.
pub fn present(data: &RData) -> String {
    if let RData::Unknown { code, rdata } = data {
        if let Some(s) = dnssec_text(*code, &rdata.anything) {
            return s;
        }
    }
    rdata_text(data)
}

/// The rdata bytes (names uncompressed), for RFC 8427's `RDATAHEX`.
pub fn wire_bytes(data: &RData) -> Vec<u8> {
    match data {
        RData::Unknown { rdata, .. } => rdata.anything.clone(),
        other => {
            let mut buf = Vec::new();
            let mut e = BinEncoder::new(&mut buf);
            e.set_name_encoding(NameEncoding::Uncompressed);
            match other.emit(&mut e) {
                Ok(()) => buf,
                Err(_) => Vec::new(),
            }
        }
    }
}

/// Upper-case hex, no separators.
pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02X}")).collect()
}

fn b64(b: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(b)
}

/// RFC 4648 base32 with the extended hex alphabet, no padding (NSEC3 hashes).
fn base32hex(b: &[u8]) -> String {
    const A: &[u8; 32] = b"0123456789ABCDEFGHIJKLMNOPQRSTUV";
    let mut out = String::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for &x in b {
        acc = (acc << 8) | u32::from(x);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(A[((acc >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(A[((acc << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// RRSIG times: YYYYMMDDHHMMSS in UTC, as dig prints them.
fn sig_time(t: u32) -> String {
    chrono::DateTime::from_timestamp(i64::from(t), 0)
        .map(|d| d.format("%Y%m%d%H%M%S").to_string())
        .unwrap_or_else(|| t.to_string())
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(i)?, *b.get(i + 1)?]))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

/// An uncompressed name at `at`; returns it and the offset after it.
fn name_at(b: &[u8], at: usize) -> Option<(Name, usize)> {
    let rest = b.get(at..)?;
    let mut d = BinDecoder::new(rest);
    let n = Name::read(&mut d).ok()?;
    Some((n, at + d.index()))
}

/// The NSEC/NSEC3 type bitmap (RFC 4034 §4.1.2) as type names.
fn type_bitmap(mut b: &[u8]) -> Option<String> {
    let mut types = Vec::new();
    while !b.is_empty() {
        let window = u16::from(*b.first()?);
        let len = usize::from(*b.get(1)?);
        let bits = b.get(2..2 + len)?;
        for (i, byte) in bits.iter().enumerate() {
            for j in 0..8 {
                if byte & (0x80 >> j) != 0 {
                    let t = window * 256 + (i as u16) * 8 + j;
                    types.push(type_name(RecordType::from(t)));
                }
            }
        }
        b = &b[2 + len..];
    }
    Some(types.join(" "))
}

fn salt(b: &[u8]) -> String {
    if b.is_empty() {
        "-".into()
    } else {
        hex(b)
    }
}

/// DNSSEC rdata hickory leaves undecoded; `None` when malformed or another type.
fn dnssec_text(code: RecordType, b: &[u8]) -> Option<String> {
    Some(match code {
        RecordType::RRSIG => {
            let (signer, end) = name_at(b, 18)?;
            format!(
                "{} {} {} {} {} {} {} {} {}",
                type_name(RecordType::from(u16_at(b, 0)?)),
                b.get(2)?,
                b.get(3)?,
                u32_at(b, 4)?,
                sig_time(u32_at(b, 8)?),
                sig_time(u32_at(b, 12)?),
                u16_at(b, 16)?,
                signer,
                b64(b.get(end..)?)
            )
        }
        RecordType::DNSKEY | RecordType::CDNSKEY => format!(
            "{} {} {} {}",
            u16_at(b, 0)?,
            b.get(2)?,
            b.get(3)?,
            b64(b.get(4..)?)
        ),
        RecordType::DS | RecordType::CDS => format!(
            "{} {} {} {}",
            u16_at(b, 0)?,
            b.get(2)?,
            b.get(3)?,
            hex(b.get(4..)?)
        ),
        RecordType::NSEC => {
            let (next, end) = name_at(b, 0)?;
            let types = type_bitmap(b.get(end..)?)?;
            format!("{next} {types}").trim_end().to_string()
        }
        RecordType::NSEC3PARAM => {
            let sl = usize::from(*b.get(4)?);
            let s = salt(b.get(5..5 + sl)?);
            format!("{} {} {} {s}", b.first()?, b.get(1)?, u16_at(b, 2)?)
        }
        RecordType::NSEC3 => {
            let sl = usize::from(*b.get(4)?);
            let s = salt(b.get(5..5 + sl)?);
            let hl = usize::from(*b.get(5 + sl)?);
            let h = b.get(6 + sl..6 + sl + hl)?;
            let types = type_bitmap(b.get(6 + sl + hl..)?)?;
            format!(
                "{} {} {} {s} {} {types}",
                b.first()?,
                b.get(1)?,
                u16_at(b, 2)?,
                base32hex(h)
            )
            .trim_end()
            .to_string()
        }
        _ => return None,
    })
}

/// An rcode's mnemonic (RFC 6895 §2.3), `RCODE<n>` for unassigned ones.
pub fn rcode_name(code: u16) -> String {
    let s = match code {
        0 => "NOERROR",
        1 => "FORMERR",
        2 => "SERVFAIL",
        3 => "NXDOMAIN",
        4 => "NOTIMP",
        5 => "REFUSED",
        6 => "YXDOMAIN",
        7 => "YXRRSET",
        8 => "NXRRSET",
        9 => "NOTAUTH",
        10 => "NOTZONE",
        16 => "BADVERS",
        23 => "BADCOOKIE",
        n => return format!("RCODE{n}"),
    };
    s.to_string()
}

/// An opcode's mnemonic.
pub fn opcode_name(code: u8) -> String {
    match code {
        0 => "QUERY".into(),
        1 => "IQUERY".into(),
        2 => "STATUS".into(),
        4 => "NOTIFY".into(),
        5 => "UPDATE".into(),
        n => format!("OPCODE{n}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hickory_proto::rr::rdata::NULL;

    fn unknown(t: RecordType, b: Vec<u8>) -> RData {
        RData::Unknown {
            code: t,
            rdata: NULL::with(b),
        }
    }

    #[test]
    fn dnssec_types_in_presentation_form() {
        let ds = unknown(RecordType::DS, vec![0x30, 0x39, 13, 2, 0xab, 0xcd]);
        assert_eq!(present(&ds), "12345 13 2 ABCD");
        let key = unknown(RecordType::DNSKEY, vec![1, 1, 3, 13, b'h', b'i']);
        assert_eq!(present(&key), "257 3 13 aGk=");
        // next name "a." then window 0: A (1), NS (2) -> bits 1 and 2.
        let nsec = unknown(RecordType::NSEC, vec![1, b'a', 0, 0, 1, 0x60]);
        assert_eq!(present(&nsec), "a. A NS");
        let mut sig = vec![0, 1, 13, 2, 0, 0, 14, 16];
        sig.extend_from_slice(&1_700_000_000u32.to_be_bytes());
        sig.extend_from_slice(&1_600_000_000u32.to_be_bytes());
        sig.extend_from_slice(&[0x30, 0x39, 1, b'a', 0, b'h', b'i']);
        assert_eq!(
            present(&unknown(RecordType::RRSIG, sig)),
            "A 13 2 3600 20231114221320 20200913122640 12345 a. aGk="
        );
        let p = unknown(RecordType::NSEC3PARAM, vec![1, 0, 0, 0, 0]);
        assert_eq!(present(&p), "1 0 0 -");
        assert_eq!(base32hex(&[0xff, 0x00]), "VS00");
        // Malformed: RFC 3597 form, never a panic.
        assert_eq!(present(&unknown(RecordType::DS, vec![1])), "\\# 1 01");
        let empty = RData::Unknown {
            code: RecordType::Unknown(65534),
            rdata: NULL::new(),
        };
        assert_eq!(present(&empty), "\\# 0");
    }

    #[test]
    fn codes_have_names() {
        assert_eq!(rcode_name(3), "NXDOMAIN");
        assert_eq!(rcode_name(12), "RCODE12");
        assert_eq!(opcode_name(0), "QUERY");
    }
}
