//! Endpoint parsing: `HOST:PORT`, `[V6]:PORT`, `:PORT`, a bare host or a bare IPv6
//! address, and URLs (`redis://[user:pass@]host[:port][/db]`, `tcp://host:port`,
//! `ipc:///path`, `http://host:port/path`). Pure: no resolving, no sockets
//! (see `net::resolve` for that). Errors say what was wrong with the text.

use std::fmt;

use thiserror::Error;

/// What was wrong with an endpoint or URL the user typed (exit 2).
#[derive(Debug, Error, PartialEq, Eq)]
pub enum EndpointError {
    #[error("empty address")]
    Empty,
    #[error("invalid port {port:?} in {input:?} (expected a number from 0 to 65535)")]
    BadPort { input: String, port: String },
    #[error("missing port in {input:?} (expected HOST:PORT)")]
    MissingPort { input: String },
    #[error("unclosed '[' in {input:?} (expected [IPv6]:PORT)")]
    UnclosedBracket { input: String },
    #[error("invalid URL {input:?}: {why}")]
    BadUrl { input: String, why: String },
    #[error(
        "{input}: port 0 is not a destination (port 0 only means \"any free port\" when listening)"
    )]
    PortZero { input: String },
}

/// A client's target: port 0 can be bound (any free port) but never reached.
pub fn check_destination(hp: &HostPort) -> Result<(), EndpointError> {
    match hp.port {
        0 => Err(EndpointError::PortZero {
            input: hp.to_string(),
        }),
        _ => Ok(()),
    }
}

/// A host (name, IPv4 or IPv6 literal without brackets) and a port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPort {
    pub host: String,
    pub port: u16,
}

impl fmt::Display for HostPort {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{}:{}", self.host, self.port)
        }
    }
}

fn parse_port(input: &str, port: &str) -> Result<u16, EndpointError> {
    port.parse::<u16>().map_err(|_| EndpointError::BadPort {
        input: input.to_string(),
        port: port.to_string(),
    })
}

/// Parse `HOST:PORT`, `[V6]:PORT`, `:PORT` (host = `default_host`), a bare host or
/// bare IPv6 literal (port = `default_port`, if there is one).
pub fn parse_host_port(
    input: &str,
    default_host: &str,
    default_port: Option<u16>,
) -> Result<HostPort, EndpointError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(EndpointError::Empty);
    }
    let missing = || EndpointError::MissingPort {
        input: input.to_string(),
    };
    if let Some(rest) = s.strip_prefix('[') {
        let (host, after) = rest.split_once(']').ok_or(EndpointError::UnclosedBracket {
            input: input.to_string(),
        })?;
        let port = match after.strip_prefix(':') {
            Some(p) => parse_port(input, p)?,
            None if after.is_empty() => default_port.ok_or_else(missing)?,
            None => {
                return Err(EndpointError::BadPort {
                    input: input.to_string(),
                    port: after.to_string(),
                })
            }
        };
        return Ok(HostPort {
            host: host.to_string(),
            port,
        });
    }
    if s.matches(':').count() > 1 {
        // A bare IPv6 literal such as ::1 (no port can be given without brackets).
        return Ok(HostPort {
            host: s.to_string(),
            port: default_port.ok_or_else(missing)?,
        });
    }
    match s.split_once(':') {
        Some((host, port)) => Ok(HostPort {
            host: if host.is_empty() { default_host } else { host }.to_string(),
            port: parse_port(input, port)?,
        }),
        None if s.bytes().all(|b| b.is_ascii_digit()) => Ok(HostPort {
            host: default_host.to_string(),
            port: parse_port(input, s)?,
        }),
        None => Ok(HostPort {
            host: s.to_string(),
            port: default_port.ok_or_else(missing)?,
        }),
    }
}

/// A parsed URL: just what netkit's schemes need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    pub scheme: String,
    pub user: Option<String>,
    pub password: Option<String>,
    /// Host without brackets; empty for `ipc://`.
    pub host: String,
    pub port: Option<u16>,
    /// Everything from the first `/` after the authority (for `ipc://` the socket path),
    /// without the query.
    pub path: String,
    /// The raw query string after `?`, if any.
    pub query: Option<String>,
    /// Further `host[:port]` entries of a comma-separated authority
    /// (`redis+cluster://h1:p1,h2:p2`, `redis+sentinel://s1,s2/master`); the first
    /// entry is `host`/`port`.
    pub more_hosts: Vec<(String, Option<u16>)>,
}

impl Url {
    /// `host:port` with brackets for IPv6, using `default_port` when none was given.
    pub fn host_port(&self, default_port: u16) -> HostPort {
        HostPort {
            host: self.host.clone(),
            port: self.port.unwrap_or(default_port),
        }
    }

    /// The value of `key` in the query string (`?protocol=resp3`).
    pub fn query_param(&self, key: &str) -> Option<&str> {
        self.query
            .as_deref()?
            .split('&')
            .filter_map(|kv| kv.split_once('=').or(Some((kv, ""))))
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v)
    }
}

/// True when `s` looks like a URL (`scheme://...`).
pub fn is_url(s: &str) -> bool {
    match s.split_once("://") {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// Parse `scheme://[user[:pass]@]host[:port][/path][?query]`, and `ipc:///path`.
pub fn parse_url(input: &str) -> Result<Url, EndpointError> {
    let bad = |why: &str| EndpointError::BadUrl {
        input: input.to_string(),
        why: why.to_string(),
    };
    let (scheme, rest) = input
        .split_once("://")
        .ok_or_else(|| bad("expected scheme://..."))?;
    if scheme.is_empty() {
        return Err(bad("empty scheme"));
    }
    let scheme = scheme.to_ascii_lowercase();
    if scheme == "ipc" {
        if rest.is_empty() {
            return Err(bad("ipc:// needs a path"));
        }
        return Ok(Url {
            scheme,
            user: None,
            password: None,
            host: String::new(),
            port: None,
            path: rest.to_string(),
            query: None,
            more_hosts: Vec::new(),
        });
    }
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, Some(q.to_string())),
        None => (rest, None),
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].to_string()),
        None => (rest, String::new()),
    };
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, authority),
    };
    let (user, password) = match userinfo {
        Some(u) => match u.split_once(':') {
            Some((user, pass)) => (
                (!user.is_empty()).then(|| percent_decode(user)),
                Some(percent_decode(pass)),
            ),
            None => (Some(percent_decode(u)), None),
        },
        None => (None, None),
    };
    let mut hosts = Vec::new();
    for part in hostport.split(',') {
        hosts.push(parse_authority_host(part).map_err(bad)?);
    }
    let (host, port) = hosts.remove(0);
    Ok(Url {
        scheme,
        user,
        password,
        host,
        port,
        path,
        query,
        more_hosts: hosts,
    })
}

/// One `host[:port]` or `[v6][:port]` of a URL's authority.
fn parse_authority_host(hostport: &str) -> Result<(String, Option<u16>), &'static str> {
    if hostport.is_empty() {
        return Err("missing host");
    }
    let (host, port) = if let Some(r) = hostport.strip_prefix('[') {
        let (h, after) = r.split_once(']').ok_or("unclosed '['")?;
        let port = match after {
            "" => None,
            p => Some(
                p.strip_prefix(':')
                    .ok_or("junk after ']'")?
                    .parse::<u16>()
                    .map_err(|_| "invalid port")?,
            ),
        };
        (h.to_string(), port)
    } else {
        match hostport.rsplit_once(':') {
            Some((h, p)) if !h.contains(':') => {
                let port = if p.is_empty() {
                    None
                } else {
                    Some(p.parse::<u16>().map_err(|_| "invalid port")?)
                };
                (h.to_string(), port)
            }
            Some(_) => return Err("IPv6 addresses go in brackets: [::1]:PORT"),
            None => (hostport.to_string(), None),
        }
    };
    if host.is_empty() {
        return Err("missing host");
    }
    Ok((host, port))
}

/// `%XX` escapes decoded, as redis-cli and redis-py do for a URL's user and
/// password (`redis://:p%40ss@h` is the password `p@ss`). A `%` not followed by
/// two hex digits is kept as it is; bytes that are not UTF-8 are replaced.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hp(h: &str, p: u16) -> HostPort {
        HostPort {
            host: h.into(),
            port: p,
        }
    }

    #[test]
    fn host_port_forms() {
        assert_eq!(parse_host_port("a:1", "x", None), Ok(hp("a", 1)));
        assert_eq!(parse_host_port("[::1]:80", "x", None), Ok(hp("::1", 80)));
        assert_eq!(
            parse_host_port(":0", "127.0.0.1", None),
            Ok(hp("127.0.0.1", 0))
        );
        assert_eq!(parse_host_port("8080", "h", None), Ok(hp("h", 8080)));
        assert_eq!(parse_host_port("::1", "x", Some(7)), Ok(hp("::1", 7)));
        assert_eq!(parse_host_port("[::1]", "x", Some(7)), Ok(hp("::1", 7)));
        assert_eq!(
            parse_host_port("example.com", "x", Some(7)),
            Ok(hp("example.com", 7))
        );
        assert!(matches!(
            parse_host_port("a:70000", "x", None),
            Err(EndpointError::BadPort { .. })
        ));
        assert!(matches!(
            parse_host_port("a:b", "x", None),
            Err(EndpointError::BadPort { .. })
        ));
        assert!(matches!(
            parse_host_port("[::1", "x", None),
            Err(EndpointError::UnclosedBracket { .. })
        ));
        assert!(matches!(
            parse_host_port("host", "x", None),
            Err(EndpointError::MissingPort { .. })
        ));
        assert_eq!(parse_host_port("", "x", None), Err(EndpointError::Empty));
        assert_eq!(hp("::1", 5).to_string(), "[::1]:5");
    }

    #[test]
    fn urls() {
        let u = parse_url("redis://user:pw@127.0.0.1:6380/2?protocol=resp3").unwrap();
        assert_eq!(u.scheme, "redis");
        assert_eq!(u.user.as_deref(), Some("user"));
        assert_eq!(u.password.as_deref(), Some("pw"));
        assert_eq!(u.host, "127.0.0.1");
        assert_eq!(u.port, Some(6380));
        assert_eq!(u.path, "/2");
        assert_eq!(u.query_param("protocol"), Some("resp3"));
        let u = parse_url("tcp://[::1]:5555").unwrap();
        assert_eq!((u.host.as_str(), u.port), ("::1", Some(5555)));
        let u = parse_url("ipc:///tmp/x.sock").unwrap();
        assert_eq!(u.path, "/tmp/x.sock");
        let u = parse_url("http://localhost:6789/RPC2").unwrap();
        assert_eq!(u.path, "/RPC2");
        assert_eq!(
            parse_url("redis://:secret@h").unwrap().password.as_deref(),
            Some("secret")
        );
        assert!(parse_url("tcp://").is_err());
        assert!(parse_url("tcp://h:99999").is_err());
        assert!(parse_url("nourl").is_err());
        assert!(is_url("tcp://x:1") && !is_url("x:1"));
    }

    #[test]
    fn userinfo_is_percent_decoded_and_hosts_can_be_listed() {
        let u = parse_url("redis://us%65r:p%40ss%3A%2F@h").unwrap();
        assert_eq!(u.user.as_deref(), Some("user"));
        assert_eq!(u.password.as_deref(), Some("p@ss:/"));
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        let u = parse_url("redis+cluster://127.0.0.1:7000,[::1]:7001,h3").unwrap();
        assert_eq!((u.host.as_str(), u.port), ("127.0.0.1", Some(7000)));
        assert_eq!(
            u.more_hosts,
            vec![("::1".to_string(), Some(7001)), ("h3".to_string(), None)]
        );
        let u = parse_url("redis+sentinel://:pw@s1,s2:26380/mymaster/2").unwrap();
        assert_eq!((u.host.as_str(), u.path.as_str()), ("s1", "/mymaster/2"));
        assert_eq!(u.more_hosts, vec![("s2".to_string(), Some(26380))]);
        assert!(parse_url("redis+cluster://a:1,").is_err());
        assert!(parse_url("redis+cluster://a:1,b:x").is_err());
    }
}
