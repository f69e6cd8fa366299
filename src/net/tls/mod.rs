//! TLS for every netkit client and server, in one place: the flags
//! ([`TlsClientArgs`], [`TlsServerArgs`]), the rustls configs built from them (rustls
//! 0.23 with the `ring` provider, system roots through `rustls-native-certs`, PEM
//! through `rustls-pki-types`), and the errors, which name the TLS cause in words
//! and a next step. So `--cacert`, `--insecure`, `--servername`, `--cert/--key` and
//! `--alpn` mean the same in every command.
//!
//! The pieces:
//! - [`client`]: a blocking TLS stream over a connected `TcpStream`
//!   ([`client::connect`]), with deadlines and `Stop` checks during the handshake
//!   and a [`HandshakeInfo`] afterwards;
//! - [`server`]: a non-blocking server-side layer, bytes in and bytes out, for the
//!   server engine to drive (it never touches a socket);
//! - [`verify`]: the certificate verifier (strict, insecure, or "report", which
//!   completes the handshake and records the verdict for `netkit tls`);
//! - [`cert`]: certificate summaries (names, validity, key, fingerprint) through
//!   x509-parser.
//!
//! It does not open sockets, resolve names or print anything except the one
//! `--insecure` warning, which the caller prints through [`TlsClient::warning`].

pub mod cert;
pub mod client;
pub mod error;
pub mod server;
#[cfg(test)]
pub(crate) mod test_pki;
pub mod verify;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::Args;
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName};
use rustls::{ClientConfig, RootCertStore, ServerConfig};
use serde::Serialize;

pub use client::{connect, TlsStream};
pub use error::{tls_on_plaintext_port, CertProblem, TlsError};
pub use server::{CloseReason, Closed, Fed, ServerSession};
pub use verify::{Verdict, VerifyMode};

use crate::exit::Kind;
use crate::exit::{self, Failure};

/// TLS flags of a client command (flatten into its `Args`).
#[derive(Debug, Clone, Default, Args)]
pub struct TlsClientArgs {
    /// Trust only the CA certificates in FILE (PEM) instead of the system roots
    #[arg(long, value_name = "FILE")]
    pub cacert: Option<PathBuf>,

    /// Do not verify the server's certificate (a warning says so on stderr)
    #[arg(long)]
    pub insecure: bool,

    /// Name sent as SNI and checked against the certificate (default: the host given)
    #[arg(long, value_name = "NAME")]
    pub servername: Option<String>,

    /// Client certificate chain (PEM) for servers that require one; needs --key
    #[arg(long, value_name = "FILE", requires = "key")]
    pub cert: Option<PathBuf>,

    /// Private key (PEM: PKCS#8, PKCS#1 or SEC1) of --cert
    #[arg(long, value_name = "FILE", requires = "cert")]
    pub key: Option<PathBuf>,

    /// Offer this ALPN protocol (repeatable, in order of preference), e.g. h2, http/1.1
    #[arg(long, value_name = "PROTO")]
    pub alpn: Vec<String>,
}

impl TlsClientArgs {
    /// Whether any TLS flag was given (a command on a plaintext URL refuses them).
    pub fn used(&self) -> bool {
        self.cacert.is_some()
            || self.insecure
            || self.servername.is_some()
            || self.cert.is_some()
            || !self.alpn.is_empty()
    }
}

/// TLS flags of a server command (flatten into its `Args`).
#[derive(Debug, Clone, Default, Args)]
pub struct TlsServerArgs {
    /// Serve TLS with this certificate chain (PEM, leaf first); needs --tls-key
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,

    /// Private key (PEM) of --tls-cert
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,

    /// Require client certificates issued by the CAs in FILE (PEM)
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_client_ca: Option<PathBuf>,
}

/// The crypto provider every config uses: rustls's `ring` backend.
pub fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// Where trust comes from, for messages ("the system roots", "the certificates in ca.pem").
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TrustSource {
    System { count: usize },
    File { path: String, count: usize },
    None,
}

impl std::fmt::Display for TrustSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TrustSource::System { count } => write!(f, "the system roots ({count})"),
            TrustSource::File { path, .. } => write!(f, "the certificates in {path}"),
            TrustSource::None => f.write_str("no roots (--insecure)"),
        }
    }
}

/// A client TLS setup built once from the flags and shared by every connection.
#[derive(Clone)]
pub struct TlsClient {
    pub config: Arc<ClientConfig>,
    /// `--servername`, if given; otherwise each connection uses its host.
    pub servername: Option<String>,
    pub mode: VerifyMode,
    pub trust: TrustSource,
    /// Set in [`VerifyMode::Report`]: the verdict of the last handshake.
    pub verdict: Option<Arc<verify::Recorder>>,
}

impl TlsClient {
    /// Build from the flags: strict verification unless `--insecure`.
    pub fn new(args: &TlsClientArgs) -> anyhow::Result<TlsClient> {
        let mode = if args.insecure {
            VerifyMode::Insecure
        } else {
            VerifyMode::Strict
        };
        TlsClient::with_mode(args, mode)
    }

    /// Build with an explicit verification mode (`netkit tls` uses `Report`).
    pub fn with_mode(args: &TlsClientArgs, mode: VerifyMode) -> anyhow::Result<TlsClient> {
        let provider = provider();
        let (roots, trust) = if mode == VerifyMode::Insecure {
            (RootCertStore::empty(), TrustSource::None)
        } else {
            load_roots(args.cacert.as_deref())?
        };
        let (verifier, recorder) = verify::build(mode, Arc::new(roots), trust.clone(), &provider)?;
        let builder = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| exit::system(Kind::Tls, format!("building the TLS client config: {e}")))?
            .dangerous()
            .with_custom_certificate_verifier(verifier);
        let mut config = match (&args.cert, &args.key) {
            (Some(cert), Some(key)) => {
                let chain = load_certs(cert)?;
                let key_der = load_key(key)?;
                builder.with_client_auth_cert(chain, key_der).map_err(|e| {
                    exit::usage(format!(
                        "--cert {} and --key {} do not make a client identity: {e}",
                        cert.display(),
                        key.display()
                    ))
                })?
            }
            _ => builder.with_no_client_auth(),
        };
        config.alpn_protocols = args.alpn.iter().map(|p| p.as_bytes().to_vec()).collect();
        Ok(TlsClient {
            config: Arc::new(config),
            servername: args.servername.clone(),
            mode,
            trust,
            verdict: recorder,
        })
    }

    /// The warning to print on stderr once, when verification is off.
    pub fn warning(&self) -> Option<&'static str> {
        (self.mode == VerifyMode::Insecure).then_some(
            "--insecure: the server's certificate is not verified; anyone on the path can read and change this connection",
        )
    }

    /// The name to send as SNI and verify for a connection to `host`.
    pub fn name_for(&self, host: &str) -> Result<ServerName<'static>, Failure> {
        let name = self.servername.as_deref().unwrap_or(host);
        let name = name.trim_start_matches('[').trim_end_matches(']');
        ServerName::try_from(name.to_string()).map_err(|_| {
            exit::usage(format!(
                "{name:?} is not a valid TLS server name (a DNS name or an IP address)"
            ))
        })
    }
}

/// A server TLS config from `--tls-cert/--tls-key[/--tls-client-ca]`, or `None`
/// when `--tls-cert` is not given. `alpn` lists the protocols the server accepts.
pub fn server_config(
    args: &TlsServerArgs,
    alpn: &[&[u8]],
) -> anyhow::Result<Option<Arc<ServerConfig>>> {
    let (Some(cert), Some(key)) = (&args.tls_cert, &args.tls_key) else {
        return Ok(None);
    };
    let provider = provider();
    let chain = load_certs(cert)?;
    let key_der = load_key(key)?;
    let builder = ServerConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| exit::system(Kind::Tls, format!("building the TLS server config: {e}")))?;
    let builder = match &args.tls_client_ca {
        Some(ca) => {
            let (roots, _) = load_roots(Some(ca))?;
            let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
                Arc::new(roots),
                provider,
            )
            .build()
            .map_err(|e| exit::usage(format!("--tls-client-ca {}: {e}", ca.display())))?;
            builder.with_client_cert_verifier(verifier)
        }
        None => builder.with_no_client_auth(),
    };
    let mut config = builder.with_single_cert(chain, key_der).map_err(|e| {
        exit::usage(format!(
            "--tls-cert {} and --tls-key {} do not make a server identity: {e}",
            cert.display(),
            key.display()
        ))
    })?;
    config.alpn_protocols = alpn.iter().map(|p| p.to_vec()).collect();
    Ok(Some(Arc::new(config)))
}

/// A server's TLS, built once from its flags and given to the engine
/// (`serve::Config::tls`) and the startup line.
#[derive(Clone)]
pub struct ServerTls {
    pub config: Arc<ServerConfig>,
    /// `--tls-client-ca`: clients must present a certificate it issued.
    pub client_certs: bool,
}

impl ServerTls {
    /// From `--tls-cert/--tls-key[/--tls-client-ca]`; `None` without `--tls-cert`.
    /// Bad files fail here, before the server listens.
    pub fn from_args(args: &TlsServerArgs, alpn: &[&[u8]]) -> anyhow::Result<Option<ServerTls>> {
        Ok(server_config(args, alpn)?.map(|config| ServerTls {
            config,
            client_certs: args.tls_client_ca.is_some(),
        }))
    }
}

/// Trust anchors: the certificates in `cacert`, or the system roots.
pub fn load_roots(cacert: Option<&Path>) -> anyhow::Result<(RootCertStore, TrustSource)> {
    let mut roots = RootCertStore::empty();
    match cacert {
        Some(path) => {
            let certs = load_certs(path)?;
            let (added, _) = roots.add_parsable_certificates(certs);
            if added == 0 {
                return Err(exit::usage(format!(
                    "--cacert {}: no usable CA certificate in it",
                    path.display()
                ))
                .into());
            }
            let trust = TrustSource::File {
                path: path.display().to_string(),
                count: added,
            };
            Ok((roots, trust))
        }
        None => {
            let found = rustls_native_certs::load_native_certs();
            let (added, _) = roots.add_parsable_certificates(found.certs);
            Ok((roots, TrustSource::System { count: added }))
        }
    }
}

/// Every certificate in a PEM file (exit 4 if unreadable, 2 if it holds none).
pub fn load_certs(path: &Path) -> anyhow::Result<Vec<CertificateDer<'static>>> {
    let certs: Result<Vec<_>, _> = CertificateDer::pem_file_iter(path)
        .map_err(|e| pem_failure(path, "certificates", e))?
        .collect();
    let certs = certs.map_err(|e| pem_failure(path, "certificates", e))?;
    if certs.is_empty() {
        return Err(exit::usage(format!(
            "{}: no PEM certificate in it (expected -----BEGIN CERTIFICATE-----)",
            path.display()
        ))
        .into());
    }
    Ok(certs)
}

/// The first private key in a PEM file.
pub fn load_key(path: &Path) -> anyhow::Result<PrivateKeyDer<'static>> {
    PrivateKeyDer::from_pem_file(path).map_err(|e| pem_failure(path, "a private key", e).into())
}

fn pem_failure(path: &Path, what: &str, e: rustls::pki_types::pem::Error) -> Failure {
    use rustls::pki_types::pem::Error as E;
    match e {
        E::Io(io) => {
            let (code, kind) = exit::classify_io(&io);
            let code = if code == exit::Code::Usage {
                exit::Code::System
            } else {
                code
            };
            Failure::new(
                code,
                kind,
                format!("reading {what} from {}: {io}", path.display()),
            )
        }
        E::NoItemsFound => exit::usage(format!("{}: no PEM {what} in it", path.display())),
        other => exit::usage(format!(
            "{}: not valid PEM {what}: {other:?}",
            path.display()
        )),
    }
}

/// Facts about a finished handshake, for reports and `--trace`.
#[derive(Debug, Clone, Serialize)]
pub struct HandshakeInfo {
    /// `TLSv1.3` or `TLSv1.2`.
    pub version: String,
    /// IANA name, e.g. `TLS13_AES_256_GCM_SHA384`.
    pub cipher_suite: String,
    pub alpn: Option<String>,
    /// The SNI sent (client) or received (server); none for an IP address.
    pub sni: Option<String>,
    /// e.g. `X25519`, `secp256r1`.
    pub key_exchange: Option<String>,
    pub handshake_ms: f64,
    /// The peer's certificates, leaf first (DER), as presented.
    #[serde(skip)]
    pub peer_chain: Vec<CertificateDer<'static>>,
}

impl HandshakeInfo {
    /// Read the facts off a connection whose handshake just finished.
    pub fn from_conn(
        conn: &rustls::CommonState,
        sni: Option<String>,
        took: std::time::Duration,
    ) -> HandshakeInfo {
        HandshakeInfo {
            version: conn
                .protocol_version()
                .map(version_name)
                .unwrap_or_default(),
            cipher_suite: conn
                .negotiated_cipher_suite()
                .map(|s| format!("{:?}", s.suite()))
                .unwrap_or_default(),
            alpn: conn
                .alpn_protocol()
                .map(|p| String::from_utf8_lossy(p).into_owned()),
            sni,
            key_exchange: conn
                .negotiated_key_exchange_group()
                .map(|g| format!("{:?}", g.name())),
            handshake_ms: crate::output::ms(took),
            peer_chain: conn
                .peer_certificates()
                .map(<[_]>::to_vec)
                .unwrap_or_default(),
        }
    }

    /// One line: `TLSv1.3 TLS13_AES_256_GCM_SHA384 X25519 alpn=h2 sni=localhost 1.2 ms`.
    pub fn summary(&self) -> String {
        let mut s = format!("{} {}", self.version, self.cipher_suite);
        if let Some(g) = &self.key_exchange {
            s.push_str(&format!(" {g}"));
        }
        if let Some(a) = &self.alpn {
            s.push_str(&format!(" alpn={a}"));
        }
        if let Some(n) = &self.sni {
            s.push_str(&format!(" sni={n}"));
        }
        s.push_str(&format!(" {:.1} ms", self.handshake_ms));
        s
    }
}

/// The `--trace` line every TLS client prints before the application bytes
/// (JSON type `tls_handshake`).
impl crate::output::Render for HandshakeInfo {
    fn kind(&self) -> &str {
        "tls_handshake"
    }
    fn human(&self, p: &crate::output::Palette) -> String {
        format!("{} {}", p.dim("tls:"), self.summary())
    }
}

fn version_name(v: rustls::ProtocolVersion) -> String {
    match v {
        rustls::ProtocolVersion::TLSv1_3 => "TLSv1.3".into(),
        rustls::ProtocolVersion::TLSv1_2 => "TLSv1.2".into(),
        other => format!("{other:?}"),
    }
}
