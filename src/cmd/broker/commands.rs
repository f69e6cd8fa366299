//! The commands the broker understands, with Redis's reply shapes and error texts
//! (checked against redis-server 7): connection commands (PING, ECHO, QUIT, RESET,
//! HELLO, AUTH, SELECT, CLIENT, COMMAND) and pub/sub (SUBSCRIBE, UNSUBSCRIBE,
//! PSUBSCRIBE, PUNSUBSCRIBE, PUBLISH, PUBSUB). Anything else gets
//! `-ERR unknown command '...', with args beginning with: ...`. Replies go into the
//! client's output buffer; no I/O happens here.

use crate::proto::glob;
use crate::proto::resp::Value;

use super::events::Subscription;
use super::state::{remove_from, Client, Closing, State};

/// The version HELLO reports (the Redis release whose behaviour is followed).
const REDIS_VERSION: &str = "7.0.0";

/// Commands, their arity (negative: at least that many) and flags, for COMMAND.
const TABLE: &[(&str, i64, &[&str])] = &[
    ("ping", -1, &["fast", "stale"]),
    ("echo", 2, &["fast"]),
    ("quit", -1, &["fast", "noscript"]),
    ("reset", 1, &["fast", "noscript"]),
    ("hello", -1, &["fast", "noscript"]),
    ("auth", -2, &["fast", "noscript"]),
    ("select", 2, &["fast"]),
    ("client", -2, &[]),
    ("command", -1, &["stale"]),
    ("subscribe", -2, &["pubsub", "noscript"]),
    ("unsubscribe", -1, &["pubsub", "noscript"]),
    ("psubscribe", -2, &["pubsub", "noscript"]),
    ("punsubscribe", -1, &["pubsub", "noscript"]),
    ("publish", 3, &["pubsub", "fast"]),
    ("pubsub", -2, &["pubsub"]),
];

fn bulk(b: impl AsRef<[u8]>) -> Value {
    Value::bulk(b)
}

fn err(s: impl Into<String>) -> Value {
    Value::Error(s.into())
}

/// A map in RESP3, a flat array of key, value... in RESP2.
fn map(proto: u8, kv: Vec<(Value, Value)>) -> Value {
    if proto == 3 {
        Value::Map(kv)
    } else {
        Value::Array(kv.into_iter().flat_map(|(k, v)| [k, v]).collect())
    }
}

/// Redis's text for a command it does not know.
pub fn unknown_command(args: &[Vec<u8>]) -> String {
    let name = String::from_utf8_lossy(&args[0]);
    let name: String = name.chars().take(128).collect();
    let mut s = format!("ERR unknown command '{name}', with args beginning with: ");
    let mut budget = 128usize;
    for a in &args[1..] {
        if budget == 0 {
            break;
        }
        let text = String::from_utf8_lossy(a);
        let part: String = text.chars().take(budget).collect();
        budget = budget.saturating_sub(part.len());
        s.push_str(&format!("'{part}' "));
    }
    s
}

fn arity_ok(name: &str, n: usize) -> bool {
    match TABLE.iter().find(|(c, _, _)| *c == name) {
        Some((_, a, _)) if *a >= 0 => n as i64 == *a,
        Some((_, a, _)) => n as i64 >= -a,
        None => true,
    }
}

impl State {
    /// Run one command for client `c`.
    pub fn execute(&mut self, c: &mut Client, args: Vec<Vec<u8>>) -> anyhow::Result<()> {
        let name = String::from_utf8_lossy(&args[0]).to_ascii_lowercase();
        if !TABLE.iter().any(|(n, _, _)| *n == name) {
            c.reply(&err(unknown_command(&args)));
            return Ok(());
        }
        if !arity_ok(&name, args.len()) {
            c.reply(&err(format!(
                "ERR wrong number of arguments for '{name}' command"
            )));
            return Ok(());
        }
        let allowed_subscribed = [
            "ping",
            "quit",
            "reset",
            "subscribe",
            "unsubscribe",
            "psubscribe",
            "punsubscribe",
        ];
        if c.proto == 2 && c.subscriptions() > 0 && !allowed_subscribed.contains(&name.as_str()) {
            c.reply(&err(format!(
                "ERR Can't execute '{name}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"
            )));
            return Ok(());
        }
        match name.as_str() {
            "ping" => ping(c, &args),
            "echo" => c.reply(&bulk(&args[1])),
            "quit" => {
                c.reply(&Value::Simple("OK".into()));
                c.closing = Some(Closing::AfterFlush("closed by the client (QUIT)".into()));
            }
            "reset" => {
                self.unsubscribe_all(c);
                c.proto = 2;
                c.name = None;
                c.reply(&Value::Simple("RESET".into()));
            }
            "hello" => hello(c, &args),
            "auth" => c.reply(&Value::Simple("OK".into())),
            // Pub/sub ignores the database, as in Redis: accept Redis's default 0-15.
            "select" => match std::str::from_utf8(&args[1])
                .ok()
                .and_then(|d| d.parse::<u8>().ok())
            {
                Some(0..=15) => c.reply(&Value::Simple("OK".into())),
                _ => c.reply(&err("ERR DB index is out of range")),
            },
            "client" => client(c, &args),
            "command" => command(c, &args),
            "subscribe" | "psubscribe" => self.subscribe(c, &args[1..], name == "psubscribe")?,
            "unsubscribe" | "punsubscribe" => {
                self.unsubscribe(c, &args[1..], name == "punsubscribe")?
            }
            "publish" => {
                let n = self.publish(c, &args[1], &args[2]);
                c.reply(&Value::Integer(n));
            }
            "pubsub" => self.pubsub(c, &args),
            _ => c.reply(&err(unknown_command(&args))),
        }
        Ok(())
    }

    fn subscribe(
        &mut self,
        c: &mut Client,
        names: &[Vec<u8>],
        pattern: bool,
    ) -> anyhow::Result<()> {
        let action = if pattern { "psubscribe" } else { "subscribe" };
        for n in names {
            let table = if pattern {
                &mut self.patterns
            } else {
                &mut self.channels
            };
            let mine = if pattern { &mut c.psubs } else { &mut c.subs };
            if !mine.contains(n) {
                mine.push(n.clone());
                table.entry(n.clone()).or_default().push(c.id);
            }
            let count = c.subscriptions();
            c.reply(&push(
                c.proto,
                vec![bulk(action), bulk(n), Value::Integer(count as i64)],
            ));
            if !self.out.quiet() {
                self.emit(&Subscription::new(c.id, action, n, count))?;
            }
        }
        Ok(())
    }

    fn unsubscribe(
        &mut self,
        c: &mut Client,
        names: &[Vec<u8>],
        pattern: bool,
    ) -> anyhow::Result<()> {
        let action = if pattern {
            "punsubscribe"
        } else {
            "unsubscribe"
        };
        let names: Vec<Vec<u8>> = match (names.is_empty(), pattern) {
            (false, _) => names.to_vec(),
            (true, true) => c.psubs.clone(),
            (true, false) => c.subs.clone(),
        };
        if names.is_empty() {
            let count = c.subscriptions() as i64;
            c.reply(&push(
                c.proto,
                vec![bulk(action), Value::Null, Value::Integer(count)],
            ));
            return Ok(());
        }
        for n in names {
            let (mine, table) = if pattern {
                (&mut c.psubs, &mut self.patterns)
            } else {
                (&mut c.subs, &mut self.channels)
            };
            mine.retain(|x| *x != n);
            remove_from(table, &n, c.id);
            let count = c.subscriptions();
            c.reply(&push(
                c.proto,
                vec![bulk(action), bulk(&n), Value::Integer(count as i64)],
            ));
            if !self.out.quiet() {
                self.emit(&Subscription::new(c.id, action, &n, count))?;
            }
        }
        Ok(())
    }

    fn pubsub(&mut self, c: &mut Client, args: &[Vec<u8>]) {
        let sub = String::from_utf8_lossy(&args[1]).to_ascii_lowercase();
        let reply = match (sub.as_str(), args.len()) {
            ("channels", 2 | 3) => {
                let mut names: Vec<&Vec<u8>> = self
                    .channels
                    .keys()
                    .filter(|ch| args.get(2).is_none_or(|p| glob::matches(p, ch)))
                    .collect();
                names.sort();
                Value::Array(names.into_iter().map(bulk).collect())
            }
            ("numsub", _) => {
                // A flat array even in RESP3, as Redis 7 replies.
                let kv = args[2..]
                    .iter()
                    .map(|ch| {
                        let n = self.channels.get(ch).map_or(0, |v| v.len());
                        (bulk(ch), Value::Integer(n as i64))
                    })
                    .collect();
                map(2, kv)
            }
            ("numpat", 2) => Value::Integer(self.patterns.len() as i64),
            ("help", 2) => Value::Array(
                [
                    "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                    "CHANNELS [<pattern>]",
                    "    Return the currently active channels matching a <pattern> (default: '*').",
                    "NUMPAT",
                    "    Return number of subscriptions to patterns.",
                    "NUMSUB [<channel> ...]",
                    "    Return the number of subscribers for the specified channels, excluding",
                    "    pattern subscriptions(default: no channels).",
                    "HELP",
                    "    Print this help.",
                ]
                .iter()
                .map(|l| Value::Simple(l.to_string()))
                .collect(),
            ),
            _ => err(format!(
                "ERR unknown subcommand or wrong number of arguments for '{}'. Try PUBSUB HELP.",
                String::from_utf8_lossy(&args[1])
            )),
        };
        c.reply(&reply);
    }
}

/// A push in RESP3, an array in RESP2 (subscribe confirmations).
fn push(proto: u8, items: Vec<Value>) -> Value {
    if proto == 3 {
        Value::Push(items)
    } else {
        Value::Array(items)
    }
}

fn ping(c: &mut Client, args: &[Vec<u8>]) {
    if args.len() > 2 {
        c.reply(&err("ERR wrong number of arguments for 'ping' command"));
    } else if c.proto == 2 && c.subscriptions() > 0 {
        // In a RESP2 subscribed context PING answers in the pub/sub shape.
        let arg = args.get(1).cloned().unwrap_or_default();
        c.reply(&Value::Array(vec![bulk("pong"), bulk(arg)]));
    } else if let Some(a) = args.get(1) {
        c.reply(&bulk(a));
    } else {
        c.reply(&Value::Simple("PONG".into()));
    }
}

fn hello(c: &mut Client, args: &[Vec<u8>]) {
    let mut proto = c.proto;
    if let Some(v) = args.get(1) {
        match v.as_slice() {
            b"2" => proto = 2,
            b"3" => proto = 3,
            _ => {
                let text = String::from_utf8_lossy(v);
                let msg = if text.parse::<i64>().is_ok() {
                    "NOPROTO unsupported protocol version".to_string()
                } else {
                    "ERR Protocol version is not an integer or out of range".to_string()
                };
                c.reply(&err(msg));
                return;
            }
        }
    }
    let mut i = 2;
    while i < args.len() {
        match String::from_utf8_lossy(&args[i])
            .to_ascii_lowercase()
            .as_str()
        {
            "auth" if i + 2 < args.len() => i += 3,
            "setname" if i + 1 < args.len() => {
                c.name = Some(String::from_utf8_lossy(&args[i + 1]).into_owned());
                i += 2;
            }
            other => {
                c.reply(&err(format!("ERR Syntax error in HELLO option '{other}'")));
                return;
            }
        }
    }
    c.proto = proto;
    let kv = vec![
        (bulk("server"), bulk("redis")),
        (bulk("version"), bulk(REDIS_VERSION)),
        (bulk("proto"), Value::Integer(proto as i64)),
        (bulk("id"), Value::Integer(c.id as i64)),
        (bulk("mode"), bulk("standalone")),
        (bulk("role"), bulk("master")),
        (bulk("modules"), Value::Array(vec![])),
    ];
    c.reply(&map(proto, kv));
}

fn client(c: &mut Client, args: &[Vec<u8>]) {
    let sub = String::from_utf8_lossy(&args[1]).to_ascii_lowercase();
    let reply = match (sub.as_str(), args.len()) {
        ("setname", 3) => {
            if args[2].iter().any(|b| *b <= b' ' || *b > b'~') {
                err("ERR Client names cannot contain spaces, newlines or special characters.")
            } else {
                c.name = (!args[2].is_empty()).then(|| String::from_utf8_lossy(&args[2]).into());
                Value::Simple("OK".into())
            }
        }
        ("getname", 2) => c.name.as_ref().map_or(Value::Null, bulk),
        ("setinfo", 4) => Value::Simple("OK".into()),
        ("id", 2) => Value::Integer(c.id as i64),
        ("info", 2) => bulk(format!(
            "id={} addr={} name={} sub={} psub={} resp={}\n",
            c.id,
            c.peer,
            c.name.as_deref().unwrap_or(""),
            c.subs.len(),
            c.psubs.len(),
            c.proto
        )),
        _ => err(format!(
            "ERR unknown subcommand or wrong number of arguments for '{}'. Try CLIENT HELP.",
            String::from_utf8_lossy(&args[1])
        )),
    };
    c.reply(&reply);
}

/// COMMAND, COMMAND COUNT, COMMAND INFO, COMMAND DOCS: enough for redis-cli's
/// start-up (it asks COMMAND DOCS for its hints and copes with what it gets).
fn command(c: &mut Client, args: &[Vec<u8>]) {
    let info = |(name, arity, flags): &(&str, i64, &[&str])| {
        Value::Array(vec![
            bulk(name),
            Value::Integer(*arity),
            Value::Array(flags.iter().map(|f| Value::Simple(f.to_string())).collect()),
            Value::Integer(0),
            Value::Integer(0),
            Value::Integer(0),
            Value::Array(vec![]),
            Value::Array(vec![]),
            Value::Array(vec![]),
            Value::Array(vec![]),
        ])
    };
    let sub = args
        .get(1)
        .map(|s| String::from_utf8_lossy(s).to_ascii_lowercase());
    let reply = match sub.as_deref() {
        None => Value::Array(TABLE.iter().map(info).collect()),
        Some("count") => Value::Integer(TABLE.len() as i64),
        Some("info") => Value::Array(
            args[2..]
                .iter()
                .map(|n| {
                    let n = String::from_utf8_lossy(n).to_ascii_lowercase();
                    TABLE.iter().find(|t| t.0 == n).map_or(Value::Null, info)
                })
                .collect(),
        ),
        Some("docs") => map(c.proto, vec![]),
        Some(other) => err(format!(
            "ERR unknown subcommand or wrong number of arguments for '{other}'. Try COMMAND HELP."
        )),
    };
    c.reply(&reply);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_command_text_is_redis_shaped() {
        let a = vec![b"FOO".to_vec(), b"bar".to_vec(), b"baz".to_vec()];
        assert_eq!(
            unknown_command(&a),
            "ERR unknown command 'FOO', with args beginning with: 'bar' 'baz' "
        );
        assert_eq!(
            unknown_command(&[b"get".to_vec()]),
            "ERR unknown command 'get', with args beginning with: "
        );
    }

    #[test]
    fn arity() {
        assert!(arity_ok("publish", 3));
        assert!(!arity_ok("publish", 2));
        assert!(arity_ok("subscribe", 5));
        assert!(!arity_ok("subscribe", 1));
        assert!(arity_ok("ping", 1));
    }
}
