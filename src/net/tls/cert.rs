//! Certificate summaries for reports and error messages: subject, issuer, SANs,
//! validity and days left, key type and size, SHA-256 fingerprint. Parsing is
//! x509-parser's (pure Rust, no OpenSSL); hashing is ring's, already linked for
//! rustls. It does not verify anything: `verify` does that through webpki.

use rustls::pki_types::CertificateDer;
use serde::Serialize;
use x509_parser::prelude::*;

/// What a person wants to know about one certificate.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct CertSummary {
    pub subject: String,
    pub issuer: String,
    /// `DNS:localhost`, `IP:127.0.0.1`, `email:...`, `URI:...`.
    pub sans: Vec<String>,
    /// RFC 3339, UTC.
    pub not_before: String,
    pub not_after: String,
    /// Whole days until not-after (negative once expired).
    pub days_left: i64,
    /// `RSA`, `EC P-256`, `Ed25519`...
    pub key_type: String,
    pub key_bits: Option<usize>,
    /// Colon-separated uppercase hex of the DER's SHA-256.
    pub sha256: String,
    pub self_signed: bool,
    pub is_ca: bool,
    #[serde(skip)]
    pub not_after_unix: i64,
}

impl CertSummary {
    /// Parse one DER certificate; `None` if it is not parseable X.509.
    pub fn parse(der: &CertificateDer<'_>) -> Option<CertSummary> {
        let (_, cert) = X509Certificate::from_der(der.as_ref()).ok()?;
        let not_after_unix = cert.validity().not_after.timestamp();
        let now = chrono::Utc::now().timestamp();
        let (key_type, key_bits) = key_of(&cert);
        Some(CertSummary {
            subject: name_or_empty(cert.subject()),
            issuer: name_or_empty(cert.issuer()),
            sans: sans_of(&cert),
            not_before: rfc3339(cert.validity().not_before.timestamp()),
            not_after: rfc3339(not_after_unix),
            days_left: (not_after_unix - now).div_euclid(86_400),
            key_type,
            key_bits,
            sha256: fingerprint(der.as_ref()),
            self_signed: cert.subject().as_raw() == cert.issuer().as_raw(),
            is_ca: cert.is_ca(),
            not_after_unix,
        })
    }

    /// The subject for messages: its CN when it has one, else the whole name.
    pub fn short_name(&self) -> &str {
        short(&self.subject)
    }

    /// The issuer for messages.
    pub fn short_issuer(&self) -> &str {
        short(&self.issuer)
    }
}

fn short(name: &str) -> &str {
    name.split(", ")
        .find_map(|part| part.strip_prefix("CN="))
        .unwrap_or(name)
}

fn name_or_empty(name: &X509Name<'_>) -> String {
    let s = name.to_string();
    if s.is_empty() {
        "(empty)".to_string()
    } else {
        s
    }
}

fn rfc3339(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_else(|| unix.to_string())
}

fn sans_of(cert: &X509Certificate<'_>) -> Vec<String> {
    let Ok(Some(ext)) = cert.subject_alternative_name() else {
        return Vec::new();
    };
    ext.value
        .general_names
        .iter()
        .map(|n| match n {
            GeneralName::DNSName(d) => format!("DNS:{d}"),
            GeneralName::IPAddress(b) => format!("IP:{}", ip_text(b)),
            GeneralName::RFC822Name(e) => format!("email:{e}"),
            GeneralName::URI(u) => format!("URI:{u}"),
            other => format!("{other}"),
        })
        .collect()
}

fn ip_text(b: &[u8]) -> String {
    match b.len() {
        4 => std::net::Ipv4Addr::from(<[u8; 4]>::try_from(b).unwrap_or_default()).to_string(),
        16 => std::net::Ipv6Addr::from(<[u8; 16]>::try_from(b).unwrap_or_default()).to_string(),
        _ => crate::output::escape(b),
    }
}

fn key_of(cert: &X509Certificate<'_>) -> (String, Option<usize>) {
    let spki = cert.public_key();
    let oid = spki.algorithm.algorithm.to_id_string();
    let curve = spki
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.as_oid().ok())
        .map(|o| o.to_id_string());
    match (oid.as_str(), spki.parsed()) {
        (_, Ok(x509_parser::public_key::PublicKey::RSA(rsa))) => {
            ("RSA".into(), Some(rsa.key_size()))
        }
        ("1.2.840.10045.2.1", parsed) => {
            let name = match curve.as_deref() {
                Some("1.2.840.10045.3.1.7") => "EC P-256",
                Some("1.3.132.0.34") => "EC P-384",
                Some("1.3.132.0.35") => "EC P-521",
                _ => "EC",
            };
            let bits = match parsed {
                Ok(x509_parser::public_key::PublicKey::EC(ec)) => Some(ec.key_size()),
                _ => None,
            };
            (name.into(), bits)
        }
        ("1.3.101.112", _) => ("Ed25519".into(), Some(256)),
        ("1.3.101.113", _) => ("Ed448".into(), Some(456)),
        (other, _) => (other.to_string(), None),
    }
}

/// SHA-256 of `der`, as `AB:CD:...`.
pub fn fingerprint(der: &[u8]) -> String {
    let digest = ring::digest::digest(&ring::digest::SHA256, der);
    digest
        .as_ref()
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summarises_a_generated_certificate() {
        let key = rcgen::KeyPair::generate().unwrap();
        let mut params = rcgen::CertificateParams::new(vec!["localhost".to_string()]).unwrap();
        params
            .subject_alt_names
            .push(rcgen::SanType::IpAddress("127.0.0.1".parse().unwrap()));
        params
            .distinguished_name
            .push(rcgen::DnType::CommonName, "localhost");
        let cert = params.self_signed(&key).unwrap();
        let s = CertSummary::parse(cert.der()).unwrap();
        assert_eq!(s.short_name(), "localhost");
        assert_eq!(s.sans, vec!["DNS:localhost", "IP:127.0.0.1"]);
        assert_eq!(s.key_type, "EC P-256");
        assert!(s.self_signed);
        assert_eq!(s.sha256.len(), 32 * 3 - 1);
        assert!(s.days_left > 300, "{}", s.days_left);
    }

    #[test]
    fn garbage_is_none() {
        assert!(CertSummary::parse(&CertificateDer::from(vec![1, 2, 3])).is_none());
    }
}
