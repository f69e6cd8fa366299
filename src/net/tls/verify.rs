//! The server-certificate verifier every netkit TLS client uses: rustls's webpki
//! verifier underneath, in one of three modes. `Strict` fails the handshake on a bad
//! certificate, with the cause classified in words ([`CertProblem`] inside
//! `CertificateError::Other`, so the caller can explain it without guessing);
//! `Insecure` accepts any certificate but still checks the handshake signatures;
//! `Report` accepts any certificate and records the [`Verdict`] and the OCSP staple,
//! so `netkit tls` can show the chain of a server that fails verification.
//! It does not check revocation (no CRLs are loaded).

use std::sync::{Arc, Mutex};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::{CryptoProvider, WebPkiSupportedAlgorithms};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, DigitallySignedStruct, Error, OtherError, RootCertStore, SignatureScheme,
};
use serde::Serialize;

use super::error::{classify_certificate_error, CertProblem};
use super::TrustSource;
use crate::exit;
use crate::exit::Kind;

/// How a client treats the server's certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerifyMode {
    /// Verify; a bad certificate fails the handshake (the default everywhere).
    Strict,
    /// Do not verify (`--insecure`).
    Insecure,
    /// Verify, record the verdict, and let the handshake finish either way.
    Report,
}

/// The outcome of verifying one server's chain.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    pub verified: bool,
    /// The name checked against the certificate.
    pub name: String,
    /// What the chain was checked against.
    pub trust: TrustSource,
    /// Why verification failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<CertProblem>,
    /// The stapled OCSP response, if the server sent one (DER length; not checked).
    #[serde(skip)]
    pub ocsp: Vec<u8>,
}

/// Holds the verdict of the last handshake made with a `Report` config.
#[derive(Debug, Default)]
pub struct Recorder(Mutex<Option<Verdict>>);

impl Recorder {
    /// Take the verdict of the handshake that just finished.
    pub fn take(&self) -> Option<Verdict> {
        self.0.lock().ok()?.take()
    }
}

#[derive(Debug)]
struct Verifier {
    mode: VerifyMode,
    /// None when there are no roots to verify against (`--insecure`).
    inner: Option<Arc<WebPkiServerVerifier>>,
    algorithms: WebPkiSupportedAlgorithms,
    trust: TrustSource,
    recorder: Option<Arc<Recorder>>,
}

/// A verifier, and where its verdicts go (`Report` mode only).
pub type Built = (Arc<dyn ServerCertVerifier>, Option<Arc<Recorder>>);

/// Build the verifier for `mode`; `Report` also returns where its verdicts go.
pub fn build(
    mode: VerifyMode,
    roots: Arc<RootCertStore>,
    trust: TrustSource,
    provider: &Arc<CryptoProvider>,
) -> anyhow::Result<Built> {
    let inner = if roots.is_empty() {
        if mode == VerifyMode::Strict {
            return Err(exit::system(
                Kind::NoRoots,
                format!("no trusted root certificates: {trust} is empty"),
            )
            .hint("install ca-certificates, or pass --cacert FILE")
            .into());
        }
        None
    } else {
        let v = WebPkiServerVerifier::builder_with_provider(roots, provider.clone())
            .build()
            .map_err(|e| {
                exit::system(Kind::Tls, format!("building the certificate verifier: {e}"))
            })?;
        Some(v)
    };
    let recorder = (mode == VerifyMode::Report).then(|| Arc::new(Recorder::default()));
    let v = Verifier {
        mode,
        inner,
        algorithms: provider.signature_verification_algorithms,
        trust,
        recorder: recorder.clone(),
    };
    Ok((Arc::new(v), recorder))
}

impl Verifier {
    fn check(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<(), CertProblem> {
        let Some(inner) = &self.inner else {
            return Err(CertProblem::no_roots());
        };
        match inner.verify_server_cert(end_entity, intermediates, server_name, ocsp, now) {
            Ok(_) => Ok(()),
            Err(Error::InvalidCertificate(e)) => Err(classify_certificate_error(
                &e,
                end_entity,
                intermediates,
                &server_name.to_str(),
                &self.trust,
            )),
            Err(e) => Err(CertProblem::other(e.to_string())),
        }
    }
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, Error> {
        match self.mode {
            VerifyMode::Insecure => Ok(ServerCertVerified::assertion()),
            VerifyMode::Strict => {
                match self.check(end_entity, intermediates, server_name, ocsp_response, now) {
                    Ok(()) => Ok(ServerCertVerified::assertion()),
                    Err(p) => Err(Error::InvalidCertificate(CertificateError::Other(
                        OtherError(Arc::new(p)),
                    ))),
                }
            }
            VerifyMode::Report => {
                let result = self.check(end_entity, intermediates, server_name, ocsp_response, now);
                let verdict = Verdict {
                    verified: result.is_ok(),
                    name: server_name.to_str().into_owned(),
                    trust: self.trust.clone(),
                    problem: result.err(),
                    ocsp: ocsp_response.to_vec(),
                };
                if let Some(r) = &self.recorder {
                    if let Ok(mut slot) = r.0.lock() {
                        *slot = Some(verdict);
                    }
                }
                Ok(ServerCertVerified::assertion())
            }
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.algorithms.supported_schemes()
    }
}
