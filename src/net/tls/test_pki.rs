//! Test certificates made with rcgen at test time (nothing that expires is
//! committed): a CA, intermediates, leaves for `localhost` and `127.0.0.1`,
//! expired and self-signed ones. Compiled only for tests: the unit tests include
//! it as a module and `tests/tls.rs` through `#[path]`, so it uses no crate items.

#![allow(dead_code)]

use rcgen::{
    date_time_ymd, BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, SanType,
};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};

/// A certificate with its key, in DER and PEM.
pub struct Leaf {
    pub der: CertificateDer<'static>,
    pub pem: String,
    pub key_pem: String,
    pub key_der: Vec<u8>,
}

impl Leaf {
    pub fn key(&self) -> PrivateKeyDer<'static> {
        PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(self.key_der.clone()))
    }
}

/// A certificate authority that signs leaves and intermediates.
pub struct Ca {
    pub cert: Leaf,
    issuer: Issuer<'static, KeyPair>,
}

/// Validity of a leaf.
#[derive(Clone, Copy)]
pub enum Validity {
    /// 2020-01-01 to 2099-01-01.
    Long,
    /// 2020-01-01 to 2021-01-01.
    Expired,
    /// Ends on this (year, month, day).
    Until(i32, u8, u8),
}

fn params(cn: &str, names: &[&str], validity: Validity) -> CertificateParams {
    let mut p = CertificateParams::default();
    p.distinguished_name.push(DnType::CommonName, cn);
    p.distinguished_name
        .push(DnType::OrganizationName, "netkit tests");
    for n in names {
        p.subject_alt_names.push(match n.parse() {
            Ok(ip) => SanType::IpAddress(ip),
            Err(_) => SanType::DnsName((*n).try_into().expect("a DNS name")),
        });
    }
    p.not_before = date_time_ymd(2020, 1, 1);
    p.not_after = match validity {
        Validity::Long => date_time_ymd(2099, 1, 1),
        Validity::Expired => date_time_ymd(2021, 1, 1),
        Validity::Until(y, m, d) => date_time_ymd(y, m, d),
    };
    p
}

fn leaf_of(cert: rcgen::Certificate, key: &KeyPair) -> Leaf {
    Leaf {
        der: cert.der().clone(),
        pem: cert.pem(),
        key_pem: key.serialize_pem(),
        key_der: key.serialize_der(),
    }
}

impl Ca {
    /// A self-signed root CA.
    pub fn root(cn: &str) -> Ca {
        let key = KeyPair::generate().expect("key");
        let mut p = params(cn, &[], Validity::Long);
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        p.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let cert = p.self_signed(&key).expect("self-signed CA");
        Ca {
            cert: leaf_of(cert, &key),
            issuer: Issuer::new(p, key),
        }
    }

    /// An intermediate CA signed by this one.
    pub fn intermediate(&self, cn: &str) -> Ca {
        let key = KeyPair::generate().expect("key");
        let mut p = params(cn, &[], Validity::Long);
        p.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        p.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let cert = p.signed_by(&key, &self.issuer).expect("intermediate");
        Ca {
            cert: leaf_of(cert, &key),
            issuer: Issuer::new(p, key),
        }
    }

    /// A server (and client) certificate for `names`, signed by this CA.
    pub fn leaf(&self, cn: &str, names: &[&str], validity: Validity) -> Leaf {
        let key = KeyPair::generate().expect("key");
        let mut p = params(cn, names, validity);
        p.extended_key_usages = vec![
            ExtendedKeyUsagePurpose::ServerAuth,
            ExtendedKeyUsagePurpose::ClientAuth,
        ];
        let cert = p.signed_by(&key, &self.issuer).expect("leaf");
        leaf_of(cert, &key)
    }
}

/// A self-signed leaf (not a CA) for `names`.
pub fn self_signed(cn: &str, names: &[&str]) -> Leaf {
    let key = KeyPair::generate().expect("key");
    let cert = params(cn, names, Validity::Long)
        .self_signed(&key)
        .expect("self-signed");
    leaf_of(cert, &key)
}
