//! The handshake report of `netkit tls`: one `Serialize` value (JSON type
//! `handshake`) and its human view. It only formats what the handshake returned.

use std::net::SocketAddr;
use std::time::Duration;

use serde::Serialize;

use crate::net::tls::cert::CertSummary;
use crate::net::tls::{HandshakeInfo, Verdict};
use crate::net::HostPort;
use crate::output::{ms, Palette, Render};

/// Everything `netkit tls` found out.
#[derive(Debug, Serialize)]
pub struct Report {
    pub target: String,
    pub address: Option<String>,
    pub connect_ms: f64,
    #[serde(flatten)]
    pub handshake: HandshakeInfo,
    /// Length in bytes of the stapled OCSP response, if one was sent (not checked).
    pub ocsp_staple: Option<usize>,
    pub chain: Vec<CertSummary>,
    pub verification: Verdict,
    pub warn_days: u32,
    /// Indexes into `chain` of certificates expiring within `warn_days`.
    pub expiring: Vec<usize>,
}

impl Report {
    pub fn new(
        hp: &HostPort,
        peer: Option<SocketAddr>,
        connect: Duration,
        handshake: HandshakeInfo,
        chain: Vec<CertSummary>,
        verification: Verdict,
        warn_days: u32,
    ) -> Report {
        let expiring = if warn_days == 0 {
            Vec::new()
        } else {
            chain
                .iter()
                .enumerate()
                .filter(|(_, c)| c.days_left < i64::from(warn_days))
                .map(|(i, _)| i)
                .collect()
        };
        Report {
            target: hp.to_string(),
            address: peer.map(|a| a.to_string()),
            connect_ms: ms(connect),
            ocsp_staple: (!verification.ocsp.is_empty()).then_some(verification.ocsp.len()),
            handshake,
            chain,
            verification,
            warn_days,
            expiring,
        }
    }

    fn verdict_line(&self, p: &Palette) -> String {
        let v = &self.verification;
        match &v.problem {
            None => format!("{} name {:?} against {}", p.ok("ok:"), v.name, v.trust),
            Some(problem) => format!(
                "{} {}\n  {:<14}{}",
                p.err(&format!("FAILED ({}):", problem.reason)),
                problem.message,
                "",
                p.dim(&format!("next: {}", problem.hint))
            ),
        }
    }
}

fn field(out: &mut String, name: &str, value: &str) {
    out.push_str(&format!("\n  {name:<14}{value}"));
}

fn cert_lines(out: &mut String, i: usize, c: &CertSummary, warn: bool, p: &Palette) {
    out.push_str(&format!("\n  certificate {i}: {}", p.name(&c.subject)));
    field(out, "  issuer", &c.issuer);
    if !c.sans.is_empty() {
        field(out, "  names", &c.sans.join(", "));
    }
    let left = if c.days_left < 0 {
        p.err(&format!("expired {} days ago", -c.days_left))
    } else if warn {
        p.warn(&format!("{} days left", c.days_left))
    } else {
        format!("{} days left", c.days_left)
    };
    field(
        out,
        "  valid",
        &format!("{} to {} ({left})", c.not_before, c.not_after),
    );
    let bits = c
        .key_bits
        .map(|b| format!(" ({b} bits)"))
        .unwrap_or_default();
    field(out, "  key", &format!("{}{bits}", c.key_type));
    field(out, "  sha256", &c.sha256);
}

impl Render for Report {
    fn kind(&self) -> &str {
        "handshake"
    }

    fn human(&self, p: &Palette) -> String {
        let h = &self.handshake;
        let mut out = format!(
            "{}{}: {} {}",
            p.name(&self.target),
            self.address
                .as_deref()
                .filter(|a| *a != self.target)
                .map(|a| format!(" ({a})"))
                .unwrap_or_default(),
            p.value(&h.version),
            h.cipher_suite
        );
        field(
            &mut out,
            "key exchange",
            h.key_exchange.as_deref().unwrap_or("-"),
        );
        field(&mut out, "ALPN", h.alpn.as_deref().unwrap_or("none"));
        field(
            &mut out,
            "SNI",
            h.sni.as_deref().unwrap_or("none (IP address)"),
        );
        field(
            &mut out,
            "time",
            &format!(
                "connect {:.2} ms, handshake {:.2} ms",
                self.connect_ms, h.handshake_ms
            ),
        );
        let ocsp = self.ocsp_staple.map_or("none stapled".to_string(), |n| {
            format!("stapled response, {n} bytes (not checked)")
        });
        field(&mut out, "OCSP", &ocsp);
        for (i, c) in self.chain.iter().enumerate() {
            cert_lines(&mut out, i, c, self.expiring.contains(&i), p);
        }
        field(&mut out, "verified", &self.verdict_line(p));
        if !self.expiring.is_empty() {
            let which: Vec<String> = self.expiring.iter().map(|i| i.to_string()).collect();
            field(
                &mut out,
                "expiring",
                &p.warn(&format!(
                    "certificate {} expires within {} days (--warn-days)",
                    which.join(", "),
                    self.warn_days
                )),
            );
        }
        out
    }
}
