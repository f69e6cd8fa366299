//! The services database (`/etc/services`, services(5)): parsing its text and
//! answering getservbyname / getservbyport the way glibc's `files` backend does —
//! names and aliases match exactly, the first entry in file order wins for each
//! protocol. Also the embedded copy of the registry (Debian netbase's list of IANA
//! names), used when a container has no `/etc/services`. Pure: text in, entries
//! out; reading the file is the caller's job.

/// One line of the database: `name port/protocol [aliases...] [# comment]`.
/// Borrows from the text it was parsed from: a one-shot lookup allocates only
/// for the few entries that have aliases.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Service<'a> {
    pub name: &'a str,
    pub port: u16,
    pub protocol: &'a str,
    pub aliases: Vec<&'a str>,
}

impl Service<'_> {
    /// True when `name` is the service's name or one of its aliases.
    pub fn answers_to(&self, name: &str) -> bool {
        self.name == name || self.aliases.contains(&name)
    }
}

/// A line that was not a valid entry, with its 1-based number and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    pub reason: String,
}

/// A parsed services database, borrowing from its text.
#[derive(Debug, Clone, Default)]
pub struct Database<'a> {
    pub entries: Vec<Service<'a>>,
    pub skipped: Vec<Skipped>,
}

/// The embedded copy of the services registry.
pub const EMBEDDED: &str = include_str!("services.txt");

/// Parse services(5) text. Comments (`#` to end of line) and blank lines are
/// ignored; lines without a valid `port/protocol` are skipped and reported.
pub fn parse(text: &str) -> Database<'_> {
    parse_lines(text, |_| true)
}

/// Parse only the lines for which `keep` is true (a cheap pre-filter, such as "the
/// line mentions this name"; lines it drops are neither entries nor skipped). A
/// one-shot lookup then pays for the few lines that can match, not the whole file.
pub fn parse_lines<'a>(text: &'a str, keep: impl Fn(&str) -> bool) -> Database<'a> {
    let mut db = Database::default();
    for (i, raw) in text.lines().enumerate() {
        if !keep(raw) {
            continue;
        }
        let line = raw.split('#').next().unwrap_or("");
        let mut words = line.split_whitespace();
        let Some(name) = words.next() else { continue };
        let skip = |reason: String| Skipped {
            line: i + 1,
            reason,
        };
        let Some(pp) = words.next() else {
            db.skipped
                .push(skip(format!("{name:?} has no port/protocol")));
            continue;
        };
        let Some((port, protocol)) = pp.split_once('/') else {
            db.skipped
                .push(skip(format!("{pp:?} is not port/protocol")));
            continue;
        };
        let Ok(port) = port.parse::<u16>() else {
            db.skipped
                .push(skip(format!("{port:?} is not a port number")));
            continue;
        };
        if protocol.is_empty() {
            db.skipped
                .push(skip(format!("{pp:?} has an empty protocol")));
            continue;
        }
        db.entries.push(Service {
            name,
            port,
            protocol,
            aliases: words.collect(),
        });
    }
    db
}

impl<'a> Database<'a> {
    /// getservbyname for each protocol: the first entry (in file order) per protocol
    /// whose name or alias is `name`, limited to `proto` when given.
    pub fn by_name(&self, name: &str, proto: Option<&str>) -> Vec<&Service<'a>> {
        self.first_per_protocol(|s| s.answers_to(name), proto)
    }

    /// getservbyport for each protocol: the first entry per protocol on `port`.
    pub fn by_port(&self, port: u16, proto: Option<&str>) -> Vec<&Service<'a>> {
        self.first_per_protocol(|s| s.port == port, proto)
    }

    /// Every entry, optionally of one protocol.
    pub fn list(&self, proto: Option<&str>) -> Vec<&Service<'a>> {
        self.entries
            .iter()
            .filter(|s| proto.is_none_or(|p| s.protocol == p))
            .collect()
    }

    fn first_per_protocol(
        &self,
        matches: impl Fn(&Service) -> bool,
        proto: Option<&str>,
    ) -> Vec<&Service<'a>> {
        let mut found: Vec<&Service<'a>> = Vec::new();
        for s in &self.entries {
            if proto.is_some_and(|p| s.protocol != p) || !matches(s) {
                continue;
            }
            if !found.iter().any(|f| f.protocol == s.protocol) {
                found.push(s);
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
# comment line
tcpmux\t\t1/tcp\t\t\t\t# TCP port service multiplexer
http\t\t80/tcp\t\twww\t\t# WorldWideWeb HTTP
http\t\t80/udp
  domain 53/tcp   # indented
domain\t53/udp
web-alt 80/tcp wwwalt
junk
bad 99999/tcp
noslash 12
empty 7/
kerberos\t88/tcp\t\tkerberos5 krb5 kerberos-sec
";

    #[test]
    fn parses_entries_aliases_and_comments() {
        let db = parse(SAMPLE);
        assert_eq!(db.entries.len(), 7);
        assert_eq!(db.entries[0].name, "tcpmux");
        assert_eq!(db.entries[1].aliases, vec!["www"]);
        assert_eq!(
            db.entries[6].aliases,
            vec!["kerberos5", "krb5", "kerberos-sec"]
        );
        assert_eq!(db.skipped.len(), 4);
        assert_eq!(db.skipped[0].line, 8);
    }

    #[test]
    fn by_name_first_per_protocol_and_aliases() {
        let db = parse(SAMPLE);
        let http = db.by_name("http", None);
        assert_eq!(http.len(), 2);
        assert_eq!((http[0].port, http[0].protocol), (80, "tcp"));
        assert_eq!(http[1].protocol, "udp");
        assert_eq!(db.by_name("www", None)[0].name, "http");
        assert_eq!(db.by_name("krb5", Some("tcp"))[0].port, 88);
        assert!(db.by_name("krb5", Some("udp")).is_empty());
        assert!(db.by_name("nope", None).is_empty());
    }

    #[test]
    fn by_port_first_entry_wins() {
        let db = parse(SAMPLE);
        let p80 = db.by_port(80, Some("tcp"));
        assert_eq!(p80.len(), 1);
        assert_eq!(p80[0].name, "http");
        assert_eq!(db.by_port(53, None).len(), 2);
        assert!(db.by_port(81, None).is_empty());
    }

    #[test]
    fn embedded_registry_has_the_seed_answers() {
        let db = parse(EMBEDDED);
        assert_eq!(db.by_name("http", Some("tcp"))[0].port, 80);
        assert_eq!(db.by_name("https", Some("tcp"))[0].port, 443);
        assert_eq!(db.by_port(443, Some("tcp"))[0].name, "https");
        assert!(db.entries.len() > 200);
    }

    #[test]
    fn filtered_parse_finds_the_same_answers() {
        let db = parse_lines(SAMPLE, |l| l.contains("krb5"));
        assert_eq!(db.entries.len(), 1);
        assert_eq!(db.by_name("krb5", None)[0].port, 88);
        let full = parse(EMBEDDED);
        let some = parse_lines(EMBEDDED, |l| l.contains("https"));
        assert_eq!(full.by_name("https", None), some.by_name("https", None));
    }

    #[test]
    fn never_panics_on_junk() {
        let junk: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        let text = String::from_utf8_lossy(&junk);
        let _ = parse(&text);
        let _ = parse("a /\nb 1/\n/ /\n");
    }
}
