//! A certificate authority made at run time for a lab (rcgen, ECDSA P-256): a
//! root valid for a few days around now and one server certificate it signs for
//! `127.0.0.1` and `localhost`, written as PEM files into the lab's temporary
//! directory. Nothing is kept: the directory goes when the lab ends, so no
//! private key outlives the run. It does not make client certificates,
//! intermediates or anything a real deployment should trust.

use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration as Days, Utc};
use rcgen::{
    date_time_ymd, BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, SanType,
};

/// The PEM files of a lab CA and its server certificate.
pub struct LabPki {
    /// The CA certificate a client trusts (`--cacert`).
    pub ca: PathBuf,
    /// The server's certificate and key (`--tls-cert`, `--tls-key`).
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// Validity from yesterday to three days on (a clock a little off still works).
fn validity(p: &mut CertificateParams) {
    let ymd = |d: chrono::DateTime<Utc>| date_time_ymd(d.year(), d.month() as u8, d.day() as u8);
    let now = Utc::now();
    p.not_before = ymd(now - Days::days(1));
    p.not_after = ymd(now + Days::days(3));
}

/// Make the CA and a server certificate for 127.0.0.1/localhost under `dir`.
pub fn make(dir: &Path) -> anyhow::Result<LabPki> {
    let fail = |what: &str, e: rcgen::Error| anyhow::anyhow!("making the lab's {what}: {e}");
    let ca_key = KeyPair::generate().map_err(|e| fail("CA key", e))?;
    let mut ca = CertificateParams::default();
    ca.distinguished_name
        .push(DnType::CommonName, "netkit lab CA (temporary)");
    ca.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    validity(&mut ca);
    let ca_cert = ca.self_signed(&ca_key).map_err(|e| fail("CA", e))?;
    let issuer = Issuer::new(ca, ca_key);

    let key = KeyPair::generate().map_err(|e| fail("server key", e))?;
    let mut leaf = CertificateParams::default();
    leaf.distinguished_name
        .push(DnType::CommonName, "localhost");
    leaf.subject_alt_names = vec![
        SanType::IpAddress(std::net::Ipv4Addr::LOCALHOST.into()),
        SanType::DnsName("localhost".try_into().map_err(|e| fail("server name", e))?),
    ];
    leaf.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    validity(&mut leaf);
    let cert = leaf
        .signed_by(&key, &issuer)
        .map_err(|e| fail("server certificate", e))?;

    let write = |name: &str, text: String| -> anyhow::Result<PathBuf> {
        let p = dir.join(name);
        std::fs::write(&p, text).map_err(|e| {
            crate::exit::system(
                crate::exit::Kind::Write,
                format!("writing {}: {e}", p.display()),
            )
        })?;
        Ok(p)
    };
    Ok(LabPki {
        ca: write("ca.pem", ca_cert.pem())?,
        cert: write("server.pem", cert.pem())?,
        key: write("server.key", key.serialize_pem())?,
    })
}
