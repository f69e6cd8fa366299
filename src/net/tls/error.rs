//! TLS failures in words: [`CertProblem`] says why a certificate was refused
//! (expired, wrong name, unknown issuer, self-signed, incomplete chain...) with a
//! next step, and [`TlsError`] covers the whole handshake (a plaintext peer, an
//! alert, a stall, a closed connection). Both become exit 3 through
//! [`TlsError::into_failure`]. This module only classifies; it does no I/O.

use std::time::Duration;

use rustls::pki_types::CertificateDer;
use rustls::{AlertDescription, CertificateError, Error};
use serde::Serialize;

use super::cert::CertSummary;
use super::TrustSource;
use crate::exit::Kind;
use crate::exit::{self, Failure};

/// Why a server's certificate was not accepted.
#[derive(Debug, Clone, Serialize, thiserror::Error)]
#[error("{message}")]
pub struct CertProblem {
    /// `expired`, `not_yet_valid`, `wrong_name`, `self_signed`,
    /// `incomplete_chain`, `unknown_issuer`, `bad_signature`, `revoked`, `no_roots`, `invalid`.
    pub reason: Kind,
    pub message: String,
    pub hint: String,
}

impl CertProblem {
    fn new(reason: Kind, message: String, hint: impl Into<String>) -> CertProblem {
        CertProblem {
            reason,
            message,
            hint: hint.into(),
        }
    }

    pub(crate) fn no_roots() -> CertProblem {
        CertProblem::new(
            Kind::NoRoots,
            "not verified: no trusted roots".into(),
            "pass --cacert FILE, or install ca-certificates",
        )
    }

    pub(crate) fn other(message: String) -> CertProblem {
        CertProblem::new(
            Kind::Invalid,
            format!("certificate refused: {message}"),
            "see the chain with netkit tls HOST:PORT",
        )
    }
}

/// Classify a webpki verdict with what the chain itself says.
pub fn classify_certificate_error(
    e: &CertificateError,
    leaf: &CertificateDer<'_>,
    intermediates: &[CertificateDer<'_>],
    name: &str,
    trust: &TrustSource,
) -> CertProblem {
    let summary = CertSummary::parse(leaf);
    let subject = summary
        .as_ref()
        .map_or("?".to_string(), |s| s.short_name().to_string());
    match e {
        CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
            let when = summary.as_ref().map_or(String::new(), |s| {
                format!(" on {} ({} days ago)", s.not_after, -s.days_left)
            });
            CertProblem::new(
                Kind::Expired,
                format!("certificate {subject:?} expired{when}"),
                "the server must renew its certificate (check this machine's clock too)",
            )
        }
        CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
            CertProblem::new(
                Kind::NotYetValid,
                format!("certificate {subject:?} is not valid yet"),
                "check this machine's clock and the server's",
            )
        }
        CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
            let names = summary
                .as_ref()
                .map(|s| s.sans.join(", "))
                .unwrap_or_default();
            let first = summary
                .as_ref()
                .and_then(|s| s.sans.first())
                .map(|n| n.split_once(':').map_or(n.as_str(), |(_, v)| v).to_string())
                .unwrap_or_else(|| "NAME".into());
            CertProblem::new(
                Kind::WrongName,
                format!("certificate for {names} is not valid for name {name:?}"),
                format!("connect by one of its names, or pass --servername {first} (or --cacert for another CA's certificate)"),
            )
        }
        CertificateError::UnknownIssuer => unknown_issuer(summary.as_ref(), intermediates, trust),
        CertificateError::BadSignature => CertProblem::new(
            Kind::BadSignature,
            format!("certificate {subject:?} has a signature its issuer did not make"),
            "the chain the server sends is wrong or tampered with",
        ),
        CertificateError::Revoked => CertProblem::new(
            Kind::Revoked,
            format!("certificate {subject:?} is revoked"),
            "the server needs a new certificate",
        ),
        CertificateError::InvalidPurpose | CertificateError::InvalidPurposeContext { .. } => {
            CertProblem::other(format!(
                "certificate {subject:?} is not meant for a TLS server (its extended key usage does not include serverAuth)"
            ))
        }
        CertificateError::UnsupportedSignatureAlgorithmContext { .. }
        | CertificateError::UnsupportedSignatureAlgorithmForPublicKeyContext { .. } => {
            CertProblem::other(format!(
                "certificate {subject:?} is signed with an algorithm netkit does not accept (e.g. SHA-1 or MD5)"
            ))
        }
        CertificateError::BadEncoding => {
            CertProblem::other(format!("certificate {subject:?} is malformed (bad DER encoding)"))
        }
        other => {
            let why = variant_words(&format!("{other:?}"));
            let why = match why.as_str() {
                "ca used as end entity" => "is a CA certificate, sent by the server as its own (it must send a server certificate that the CA issued)".to_string(),
                "end entity used as ca" => "is a server certificate, used in the chain as a CA".to_string(),
                _ => format!("was refused: {why}"),
            };
            CertProblem::other(format!("certificate {subject:?} {why}"))
        }
    }
}

/// The innermost variant of a verifier error's Debug form, in words:
/// `Other(OtherError(CaUsedAsEndEntity))` → "ca used as end entity". (webpki's
/// errors carry no wording of their own; their Display is their Debug.)
fn variant_words(debug: &str) -> String {
    let name = debug
        .split(['(', ')', '{', '}', ' ', ','])
        .filter(|t| t.starts_with(|c: char| c.is_ascii_uppercase()))
        .rfind(|t| !matches!(*t, "Other" | "OtherError"))
        .unwrap_or(debug);
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push(' ');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

fn unknown_issuer(
    leaf: Option<&CertSummary>,
    intermediates: &[CertificateDer<'_>],
    trust: &TrustSource,
) -> CertProblem {
    let Some(leaf) = leaf else {
        return CertProblem::other("unparseable certificate".into());
    };
    if leaf.self_signed && intermediates.is_empty() {
        return CertProblem::new(
            Kind::SelfSigned,
            format!(
                "certificate {:?} is self-signed, and {trust} do not include it",
                leaf.short_name()
            ),
            "to trust it, pass --cacert with this certificate; --insecure skips verification",
        );
    }
    if intermediates.is_empty() {
        return CertProblem::new(
            Kind::IncompleteChain,
            format!(
                "the server sent only its own certificate {:?}, and its issuer {:?} is not among {trust}: the chain is incomplete (an intermediate certificate is missing) or the issuer is a CA not trusted here",
                leaf.short_name(),
                leaf.short_issuer()
            ),
            "the server should send its intermediate certificates; if the issuer is a private CA, pass --cacert with its certificate",
        );
    }
    let last = intermediates.last().and_then(CertSummary::parse);
    let issuer = last
        .as_ref()
        .map_or(leaf.short_issuer(), |s| s.short_issuer())
        .to_string();
    CertProblem::new(
        Kind::UnknownIssuer,
        format!(
            "certificate {:?} chains up to {issuer:?}, which is not among {trust}",
            leaf.short_name()
        ),
        "pass --cacert with that CA's certificate, or use a server whose CA this machine trusts",
    )
}

/// A TLS connection that could not be set up or went wrong.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    #[error("{0}")]
    Certificate(CertProblem),
    #[error("the peer does not speak TLS here: it answered {answer}")]
    NotTls { answer: String },
    #[error("the TLS handshake did not finish within {0:?}")]
    Timeout(Duration),
    #[error("stopped during the TLS handshake")]
    Stopped,
    #[error("the peer refused the TLS handshake with alert {0}")]
    Alert(String),
    #[error("the peer closed the connection during the TLS handshake")]
    Closed,
    #[error("TLS handshake failed: {0}")]
    Protocol(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl TlsError {
    /// Classify a rustls error; `first_bytes` are the first bytes the peer sent
    /// (to tell a plaintext peer from a broken TLS one) and `sent` the first bytes
    /// sent to it (a plaintext echo server sends the ClientHello back).
    pub fn from_rustls(e: Error, first_bytes: &[u8], sent: &[u8]) -> TlsError {
        if let Error::InvalidCertificate(CertificateError::Other(other)) = &e {
            if let Some(p) = other.0.downcast_ref::<CertProblem>() {
                return TlsError::Certificate(p.clone());
            }
        }
        let n = first_bytes.len().min(sent.len()).min(16);
        if n >= 5 && first_bytes[..n] == sent[..n] {
            return TlsError::NotTls {
                answer: "with our own ClientHello, echoed back (a plaintext echo server?)".into(),
            };
        }
        if looks_plaintext(first_bytes) {
            return TlsError::NotTls {
                answer: answer_text(first_bytes),
            };
        }
        match e {
            Error::AlertReceived(a) => TlsError::Alert(alert_name(a)),
            Error::InvalidMessage(_)
            | Error::InappropriateMessage { .. }
            | Error::InappropriateHandshakeMessage { .. }
                if !first_bytes.is_empty() =>
            {
                TlsError::NotTls {
                    answer: answer_text(first_bytes),
                }
            }
            other => TlsError::Protocol(other.to_string()),
        }
    }

    /// The `kind` word of the error event.
    pub fn kind(&self) -> Kind {
        match self {
            TlsError::Certificate(p) => p.reason,
            TlsError::NotTls { .. } => Kind::NotTls,
            TlsError::Timeout(_) => Kind::Timeout,
            TlsError::Stopped => Kind::Interrupted,
            TlsError::Alert(_) => Kind::TlsAlert,
            TlsError::Closed => Kind::ConnectionLost,
            TlsError::Protocol(_) => Kind::Tls,
            TlsError::Io(io) => exit::classify_io(io).1,
        }
    }

    /// What to try next.
    pub fn hint(&self) -> Option<String> {
        match self {
            TlsError::Certificate(p) => Some(p.hint.clone()),
            TlsError::NotTls { .. } => Some(
                "this port speaks plaintext: use the port that serves TLS; for SMTP's upgrade, netkit tls --starttls smtp"
                    .into(),
            ),
            TlsError::Timeout(_) => Some("the peer accepted the connection but never answered the ClientHello: is this a TLS port? Raise --timeout if it is only slow".into()),
            TlsError::Alert(a) if a.contains("certificate") => Some("the server wants a client certificate it trusts: pass --cert FILE --key FILE".into()),
            TlsError::Alert(a) if a.contains("no_application_protocol") => Some("the server supports none of the --alpn protocols offered".into()),
            TlsError::Alert(_) => Some("the server accepts none of what was offered (protocol version, cipher, name or client certificate); see netkit tls HOST:PORT".into()),
            TlsError::Closed => Some("the server may require SNI (--servername), a client certificate, or not be a TLS port".into()),
            _ => None,
        }
    }

    /// As a [`Failure`]: exit 3 (1 when stopped by Ctrl-C), with `context` in front.
    pub fn into_failure(self, context: &str) -> Failure {
        let code = if matches!(self, TlsError::Stopped) {
            exit::Code::Negative
        } else {
            exit::Code::Network
        };
        let mut f = Failure::new(code, self.kind(), format!("{context}: {self}"));
        f.hint = self.hint();
        f
    }
}

/// For plaintext clients and servers: do the peer's first bytes look like TLS (a
/// ClientHello sent to a plaintext server, or the alert a TLS server answers
/// plaintext with)? Then say so, instead of "malformed request".
pub fn tls_on_plaintext_port(first: &[u8]) -> Option<&'static str> {
    match first {
        [22, 3, 0..=4, ..] => Some("the peer sent a TLS ClientHello: it expects TLS on this port (serve with --tls-cert/--tls-key)"),
        [21, 3, 0..=4, ..] => Some("the peer answered with a TLS alert: it serves TLS on this port (use rediss:// / https:// / --tls)"),
        _ => None,
    }
}

/// True when the peer's first bytes are not a TLS record header.
fn looks_plaintext(first: &[u8]) -> bool {
    match first.first() {
        None => false,
        // TLS record content types: change_cipher_spec, alert, handshake, application_data.
        Some(20..=23) => first.len() > 1 && first[1] != 3,
        Some(_) => true,
    }
}

fn answer_text(first: &[u8]) -> String {
    let shown = &first[..first.len().min(40)];
    let text = crate::output::escape(shown);
    let text = text.trim_end_matches("\\n").trim_end_matches("\\r");
    format!("{text:?} (plaintext, {} bytes)", first.len())
}

fn alert_name(a: AlertDescription) -> String {
    let debug = format!("{a:?}");
    let mut out = String::new();
    for (i, c) in debug.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alert_names_read_like_the_rfc() {
        assert_eq!(
            alert_name(AlertDescription::HandshakeFailure),
            "handshake_failure"
        );
        assert_eq!(
            alert_name(AlertDescription::CertificateRequired),
            "certificate_required"
        );
    }

    #[test]
    fn tls_seen_on_a_plaintext_port() {
        assert!(tls_on_plaintext_port(&[22, 3, 1, 0, 200, 1])
            .unwrap()
            .contains("ClientHello"));
        assert!(tls_on_plaintext_port(&[21, 3, 3, 0, 2, 2, 50])
            .unwrap()
            .contains("alert"));
        assert_eq!(tls_on_plaintext_port(b"GET / HTTP/1.1"), None);
        assert_eq!(tls_on_plaintext_port(b""), None);
    }

    #[test]
    fn plaintext_is_told_from_tls() {
        assert!(looks_plaintext(b"220 smtp ready\r\n"));
        assert!(looks_plaintext(b"-ERR unknown command\r\n"));
        assert!(!looks_plaintext(&[22, 3, 3, 0, 10]));
        assert!(!looks_plaintext(b""));
        let e = TlsError::from_rustls(
            Error::General("x".into()),
            b"HTTP/1.1 400 Bad Request\r\n",
            b"",
        );
        assert_eq!(e.kind(), Kind::NotTls);
        assert!(e.to_string().contains("HTTP/1.1 400"), "{e}");
    }

    #[test]
    fn verifier_variants_read_as_words() {
        assert_eq!(
            variant_words("Other(OtherError(CaUsedAsEndEntity))"),
            "ca used as end entity"
        );
        assert_eq!(
            variant_words("UnknownRevocationStatus"),
            "unknown revocation status"
        );
    }
}
