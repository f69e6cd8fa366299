//! `netkit tls HOST[:PORT]`: connect, run a TLS handshake and report it — protocol
//! version, cipher suite, ALPN, SNI, key exchange group, handshake time, OCSP
//! staple, the chain with names, validity, keys and fingerprints, and the
//! verification verdict with its reason — like `openssl s_client` but for scripts
//! (`--json`, exit codes). Chapter §8/§9 (`docs/material.md`). The flags are the
//! shared ones of `net::tls`; `--starttls smtp` upgrades an SMTP session first.
//! It sends no application data and does not check revocation.

mod report;
mod starttls;

use std::time::{Duration, Instant};

use crate::cmd::Ctx;
use crate::exit::Code;
use crate::net::tls::{self, cert::CertSummary, TlsClient, TlsClientArgs, VerifyMode};
use crate::net::{self as netutil};

pub use report::Report;
pub use starttls::StartTls;

/// Default `--timeout` for connect and handshake, each.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long to wait after a TLS 1.3 handshake for the server's verdict on it (its
/// session tickets, or an alert refusing the client's certificate).
const SETTLE: Duration = Duration::from_millis(300);

/// Flags of `netkit tls`.
#[derive(Debug, Clone, clap::Args)]
#[command(after_help = "\
The handshake always finishes so the chain can be shown; a certificate that fails
verification (expired, wrong name, unknown issuer, self-signed, incomplete chain) is
reported with its reason and exits 1 (with --insecure it is reported and exits 0).

Examples:
  netkit tls 127.0.0.1:8443 --cacert ca.pem --servername localhost
  netkit tls [::1]:8443 --insecure --alpn h2 --alpn http/1.1 --json
  netkit tls mail.example:587 --starttls smtp --warn-days 30")]
pub struct Args {
    /// Server: HOST[:PORT] (port 443 by default), [V6]:PORT
    #[arg(value_name = "HOST[:PORT]")]
    pub target: String,

    #[command(flatten)]
    pub tls: TlsClientArgs,

    /// Exit 1 when a certificate of the chain expires within N days
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub warn_days: u32,

    /// Upgrade a plaintext session first (SMTP's STARTTLS)
    #[arg(long, value_enum, value_name = "PROTO")]
    pub starttls: Option<StartTls>,
}

/// Run `netkit tls`.
pub fn run(args: &Args, ctx: &Ctx) -> anyhow::Result<Code> {
    let default_port = args.starttls.map_or(443, StartTls::default_port);
    let hp = netutil::parse_endpoint(&args.target, Some(default_port))?;
    let timeout = ctx.timeout_or(DEFAULT_TIMEOUT);
    let tls = TlsClient::with_mode(&args.tls, VerifyMode::Report)?;
    let name = tls.name_for(&hp.host)?;
    if args.tls.insecure {
        ctx.out
            .warn("--insecure: the verdict below is shown but does not change the exit code")?;
    }

    let started = Instant::now();
    let mut tcp = netutil::connect_tcp(&hp, timeout)?;
    let connect_time = started.elapsed();
    let peer = tcp.peer_addr().ok();
    let deadline = Instant::now() + timeout;
    if let Some(proto) = args.starttls {
        starttls::upgrade(proto, &mut tcp, deadline, &ctx.stop)?;
    }
    let mut stream = tls::client::connect_name(tcp, &tls, name, deadline, &ctx.stop)
        .map_err(|e| e.into_failure(&format!("TLS handshake with {hp}")))?;
    if stream.info().version == "TLSv1.3" {
        let wait = SETTLE.min(deadline.saturating_duration_since(Instant::now()));
        stream
            .settle(wait)
            .map_err(|e| e.into_failure(&format!("TLS handshake with {hp}")))?;
    }
    let verdict = tls
        .verdict
        .as_ref()
        .and_then(|r| r.take())
        .ok_or_else(|| anyhow::anyhow!("the handshake finished without a certificate check"))?;
    let info = stream.info().clone();
    let _ = stream.shutdown();

    let chain: Vec<CertSummary> = info
        .peer_chain
        .iter()
        .filter_map(CertSummary::parse)
        .collect();
    let report = Report::new(
        &hp,
        peer,
        connect_time,
        info,
        chain,
        verdict,
        args.warn_days,
    );
    ctx.out.emit(&report)?;
    let failed = !report.verification.verified && !args.tls.insecure;
    Ok(if failed || !report.expiring.is_empty() {
        Code::Negative
    } else {
        Code::Ok
    })
}
