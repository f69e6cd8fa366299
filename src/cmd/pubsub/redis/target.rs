//! Which Redis deployment a URL names: one server (`redis://`), a cluster
//! (`redis+cluster://h1:p1,h2:p2`, or a `redis://` node that turns out to be in
//! cluster mode), or a master found through Sentinel
//! (`redis+sentinel://[user:pass@]s1[:26379][,s2...]/MASTER[/db]`). Parsing only;
//! `cluster` and `sentinel` talk to the servers. The `rediss` variants
//! are the same with `tls` set; the TLS setup itself comes from the flags.

use crate::exit::{self, Failure};
use crate::net::{HostPort, Url};

use super::conn::{Settings, DEFAULT_PORT};

/// Sentinel's port.
pub const SENTINEL_PORT: u16 = 26379;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// `redis://`: one server, or a cluster node (found out by asking).
    Single,
    /// `redis+cluster://`: a cluster, these nodes are seeds.
    Cluster,
    /// `redis+sentinel://`: ask these sentinels where `master` is.
    Sentinel { master: String },
}

#[derive(Debug, Clone)]
pub struct Deployment {
    pub kind: Kind,
    /// Credentials, db and protocol for the data node(s); the endpoint is the first seed.
    pub settings: Settings,
    /// The hosts of the URL: the server, cluster seeds or sentinels.
    pub seeds: Vec<HostPort>,
    /// `rediss://`, `rediss+cluster://`, `rediss+sentinel://`: TLS everywhere.
    pub tls: bool,
}

fn hosts(url: &Url, default_port: u16) -> Vec<HostPort> {
    let mut v = vec![url.host_port(default_port)];
    v.extend(url.more_hosts.iter().map(|(h, p)| HostPort {
        host: h.clone(),
        port: p.unwrap_or(default_port),
    }));
    v
}

/// Read a `redis://`, `redis+cluster://` or `redis+sentinel://` URL.
pub fn parse(url: &Url) -> Result<Deployment, Failure> {
    let tls = url.scheme.starts_with("rediss");
    let scheme = url.scheme.replacen("rediss", "redis", 1);
    let mut d = parse_plain(url, &scheme)?;
    d.tls = tls;
    Ok(d)
}

fn parse_plain(url: &Url, scheme: &str) -> Result<Deployment, Failure> {
    match scheme {
        "redis+cluster" => {
            let plain = Url {
                scheme: "redis".into(),
                more_hosts: Vec::new(),
                ..url.clone()
            };
            let settings = Settings::from_url(&plain)?;
            if settings.db != 0 {
                return Err(exit::usage(
                    "Redis Cluster has only database 0: drop the /DB from the URL",
                ));
            }
            Ok(Deployment {
                kind: Kind::Cluster,
                settings,
                seeds: hosts(url, DEFAULT_PORT),
                tls: false,
            })
        }
        "redis+sentinel" => {
            let mut parts = url.path.trim_start_matches('/').splitn(2, '/');
            let master = parts.next().unwrap_or_default().to_string();
            if master.is_empty() {
                return Err(exit::usage(
                    "redis+sentinel:// needs the master's name: redis+sentinel://HOST[:26379][,HOST...]/MASTER[/DB]",
                ));
            }
            let plain = Url {
                scheme: "redis".into(),
                path: parts.next().map(|db| format!("/{db}")).unwrap_or_default(),
                more_hosts: Vec::new(),
                ..url.clone()
            };
            Ok(Deployment {
                kind: Kind::Sentinel { master },
                settings: Settings::from_url(&plain)?,
                seeds: hosts(url, SENTINEL_PORT),
                tls: false,
            })
        }
        _ => {
            if !url.more_hosts.is_empty() {
                return Err(exit::usage(
                    "several hosts in a redis:// URL: use redis+cluster://H1:P1,H2:P2 or redis+sentinel://S1,S2/MASTER",
                ));
            }
            Ok(Deployment {
                kind: Kind::Single,
                settings: Settings::from_url(url)?,
                seeds: hosts(url, DEFAULT_PORT),
                tls: false,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::net::parse_url;

    fn p(s: &str) -> Result<Deployment, Failure> {
        parse(&parse_url(s).unwrap())
    }

    #[test]
    fn url_forms() {
        let d = p("redis+cluster://127.0.0.1:7000,127.0.0.1:7001").unwrap();
        assert_eq!(d.kind, Kind::Cluster);
        assert_eq!(d.seeds.len(), 2);
        assert!(p("redis+cluster://h/3").is_err());
        let d = p("redis+sentinel://:pw@s1,s2:26380/mymaster/2").unwrap();
        assert_eq!(
            d.kind,
            Kind::Sentinel {
                master: "mymaster".into()
            }
        );
        assert_eq!((d.seeds[0].port, d.seeds[1].port), (26379, 26380));
        assert_eq!(
            (d.settings.db, d.settings.password.as_deref()),
            (2, Some("pw"))
        );
        assert!(p("redis+sentinel://s1").is_err());
        let d = p("rediss+sentinel://s1/m").unwrap();
        assert!(d.tls && d.seeds[0].port == 26379);
        assert!(p("rediss://h:1").unwrap().tls);
        assert!(!p("redis://h:1").unwrap().tls);
        assert!(p("redis://a:1,b:2").is_err());
        assert_eq!(p("redis://a").unwrap().kind, Kind::Single);
    }
}
