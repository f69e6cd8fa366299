//! Redis Cluster topology for `pub`/`sub`: which node owns which slot, read with
//! `CLUSTER SHARDS` (Redis 7) or, from older servers, `CLUSTER SLOTS`; `MOVED` and
//! `ASK` redirections parsed; one connection per node opened on demand. Routing
//! uses `proto::slot::key_slot` (CRC16 with hash tags), so netkit needs no
//! cluster client library. It does not publish or subscribe (`sharded` does).

use std::time::Duration;

use crate::exit;
use crate::exit::Kind;
use crate::net::{parse_host_port, HostPort};
use crate::proto::resp::Value;
use crate::proto::slot::SLOTS;

use super::conn::{Conn, Settings};

/// No node known for a slot.
const NONE: u16 = u16::MAX;

/// Slot → node, and the nodes (masters) seen.
#[derive(Debug, Clone)]
pub struct Topology {
    pub nodes: Vec<HostPort>,
    owner: Vec<u16>,
}

/// A `-MOVED slot host:port` or `-ASK slot host:port` error reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    pub ask: bool,
    pub slot: u16,
    pub to: HostPort,
}

impl Topology {
    fn empty() -> Topology {
        Topology {
            nodes: Vec::new(),
            owner: vec![NONE; SLOTS as usize],
        }
    }

    /// One server (not a cluster) owning every slot: sharded pub/sub there.
    pub fn single(hp: &HostPort) -> Topology {
        let mut t = Topology::empty();
        t.assign(0, SLOTS - 1, hp);
        t
    }

    /// The index of `hp` in `nodes`, added if new.
    pub fn node_index(&mut self, hp: &HostPort) -> usize {
        match self.nodes.iter().position(|n| n == hp) {
            Some(i) => i,
            None => {
                self.nodes.push(hp.clone());
                self.nodes.len() - 1
            }
        }
    }

    fn assign(&mut self, start: u16, end: u16, hp: &HostPort) {
        let i = self.node_index(hp) as u16;
        for s in start..=end.min(SLOTS - 1) {
            self.owner[s as usize] = i;
        }
    }

    /// The node that owns `slot`, if any is known.
    pub fn owner(&self, slot: u16) -> Option<usize> {
        match self.owner.get(slot as usize) {
            Some(&NONE) | None => None,
            Some(&i) => Some(i as usize),
        }
    }

    /// After `MOVED`: `slot` now lives at `to`. Returns the node's index.
    pub fn moved(&mut self, slot: u16, to: &HostPort) -> usize {
        self.assign(slot, slot, to);
        self.node_index(to)
    }

    /// Every owned slot and its node.
    pub fn owners(&self) -> impl Iterator<Item = (u16, &HostPort)> + '_ {
        self.owner
            .iter()
            .enumerate()
            .filter(|(_, &o)| o != NONE)
            .map(|(s, &o)| (s as u16, &self.nodes[o as usize]))
    }

    /// How many slots have an owner (16384 in a healthy cluster).
    pub fn covered(&self) -> usize {
        self.owner.iter().filter(|&&o| o != NONE).count()
    }
}

/// `MOVED 3999 127.0.0.1:6381` / `ASK ...` → the redirection.
pub fn parse_redirect(err: &str) -> Option<Redirect> {
    let mut it = err.split_whitespace();
    let ask = match it.next()? {
        "MOVED" => false,
        "ASK" => true,
        _ => return None,
    };
    let slot = it.next()?.parse::<u16>().ok().filter(|s| *s < SLOTS)?;
    let to = parse_host_port(it.next()?, "", None).ok()?;
    (!to.host.is_empty()).then_some(Redirect { ask, slot, to })
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::Simple(s) => Some(s.clone()),
        other => other
            .as_bytes()
            .map(|b| String::from_utf8_lossy(b).into_owned()),
    }
}

fn int(v: &Value) -> Option<i64> {
    match v {
        Value::Integer(n) => Some(*n),
        other => text(other)?.parse().ok(),
    }
}

/// A RESP2 flat `[k, v, k, v]` array or a RESP3 map, as pairs.
fn pairs(v: &Value) -> Vec<(String, &Value)> {
    match v {
        Value::Map(m) => m.iter().filter_map(|(k, v)| Some((text(k)?, v))).collect(),
        other => other
            .as_items()
            .unwrap_or_default()
            .chunks(2)
            .filter(|c| c.len() == 2)
            .filter_map(|c| Some((text(&c[0])?, &c[1])))
            .collect(),
    }
}

/// The master of each shard of a `CLUSTER SHARDS` reply, with its slot ranges;
/// `tls`: the nodes' `tls-port` is the one to use (a TLS-only node has no `port`).
pub fn parse_shards(v: &Value, seed_host: &str, tls: bool) -> Option<Topology> {
    let mut t = Topology::empty();
    for shard in v.as_items()? {
        let kv = pairs(shard);
        let get = |k: &str| kv.iter().find(|(key, _)| key == k).map(|(_, v)| *v);
        let slots: Vec<i64> = get("slots")?.as_items()?.iter().filter_map(int).collect();
        let master = get("nodes")?.as_items()?.iter().find_map(|n| {
            let kv = pairs(n);
            let f = |k: &str| kv.iter().find(|(key, _)| key == k).map(|(_, v)| *v);
            if f("role").and_then(text).as_deref() != Some("master") {
                return None;
            }
            let (first, second) = if tls {
                ("tls-port", "port")
            } else {
                ("port", "tls-port")
            };
            let port = [first, second]
                .into_iter()
                .find_map(|k| f(k).and_then(int).filter(|p| *p > 0))?;
            let ip = f("ip").and_then(text).filter(|s| !s.is_empty());
            Some(HostPort {
                host: ip.unwrap_or_else(|| seed_host.to_string()),
                port: u16::try_from(port).ok()?,
            })
        });
        if let Some(m) = master {
            for r in slots.chunks(2).filter(|r| r.len() == 2) {
                t.assign(r[0].try_into().ok()?, r[1].try_into().ok()?, &m);
            }
        }
    }
    Some(t)
}

/// A `CLUSTER SLOTS` reply: `[[start, end, [ip, port, id], replicas...], ...]`.
pub fn parse_slots(v: &Value, seed_host: &str) -> Option<Topology> {
    let mut t = Topology::empty();
    for range in v.as_items()? {
        let r = range.as_items()?;
        let (start, end) = (int(r.first()?)?, int(r.get(1)?)?);
        let m = r.get(2)?.as_items()?;
        let host = text(m.first()?).filter(|s| !s.is_empty() && s != "?");
        let hp = HostPort {
            host: host.unwrap_or_else(|| seed_host.to_string()),
            port: u16::try_from(int(m.get(1)?)?).ok()?,
        };
        t.assign(start.try_into().ok()?, end.try_into().ok()?, &hp);
    }
    Some(t)
}

/// Settings for one node of the cluster: the URL's credentials at another address.
pub fn node_settings(base: &Settings, node: &HostPort) -> Settings {
    Settings {
        endpoint: node.clone(),
        ..base.clone()
    }
}

/// Ask the seeds in turn for the topology. `Ok(None)`: the first seed that
/// answers is not a cluster node (cluster support disabled).
pub fn discover(
    seeds: &[HostPort],
    base: &Settings,
    timeout: Duration,
) -> anyhow::Result<Option<Topology>> {
    let mut last = None;
    for seed in seeds {
        let mut c = match Conn::open(&node_settings(base, seed), timeout) {
            Ok(c) => c,
            Err(e) => {
                last = Some(e);
                continue;
            }
        };
        // "cluster support disabled", or a server without CLUSTER (netkit broker):
        // not a cluster.
        let t = match c.call(&["CLUSTER", "SHARDS"], timeout)? {
            Value::Error(e) if e.contains("cluster support disabled") => return Ok(None),
            Value::Error(_) => match c.call(&["CLUSTER", "SLOTS"], timeout)? {
                Value::Error(_) => return Ok(None),
                v => parse_slots(&v, &seed.host),
            },
            v => parse_shards(&v, &seed.host, base.tls.is_some()),
        };
        match t {
            Some(t) if t.covered() > 0 => return Ok(Some(t)),
            _ => {
                last = Some(
                    exit::network(
                        Kind::Protocol,
                        format!("{seed} gave no usable cluster topology (no slot has an owner)"),
                    )
                    .into(),
                )
            }
        }
    }
    Err(last.unwrap_or_else(|| exit::usage("no cluster node given").into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(s: &str) -> Value {
        Value::bulk(s)
    }

    #[test]
    fn redirects() {
        let r = parse_redirect("MOVED 3999 127.0.0.1:6381").unwrap();
        assert_eq!((r.ask, r.slot, r.to.port), (false, 3999, 6381));
        let r = parse_redirect("ASK 1 [::1]:7000").unwrap();
        assert_eq!((r.ask, r.to.host.as_str()), (true, "::1"));
        assert!(parse_redirect("MOVED 99999 h:1").is_none());
        assert!(parse_redirect("ERR nope").is_none());
        assert!(parse_redirect("MOVED 1").is_none());
    }

    #[test]
    fn shards_and_slots_replies() {
        let node = |port: i64, role: &str| {
            Value::Array(vec![
                b("id"),
                b("abc"),
                b("port"),
                Value::Integer(port),
                b("ip"),
                b("127.0.0.1"),
                b("role"),
                b(role),
            ])
        };
        let shard = |lo: i64, hi: i64, port: i64| {
            Value::Array(vec![
                b("slots"),
                Value::Array(vec![Value::Integer(lo), Value::Integer(hi)]),
                b("nodes"),
                Value::Array(vec![node(port + 100, "replica"), node(port, "master")]),
            ])
        };
        let v = Value::Array(vec![shard(0, 8191, 7000), shard(8192, 16383, 7001)]);
        let t = parse_shards(&v, "x", false).unwrap();
        assert_eq!(t.covered(), 16384);
        assert_eq!(t.nodes[t.owner(100).unwrap()].port, 7000);
        assert_eq!(t.nodes[t.owner(9000).unwrap()].port, 7001);
        // Over TLS the tls-port counts; a node without one (or port 0) falls back.
        let tls_node = Value::Array(vec![
            b("port"),
            Value::Integer(0),
            b("tls-port"),
            Value::Integer(7443),
            b("role"),
            b("master"),
        ]);
        let v = Value::Array(vec![
            Value::Array(vec![
                b("slots"),
                Value::Array(vec![Value::Integer(0), Value::Integer(1)]),
                b("nodes"),
                Value::Array(vec![tls_node]),
            ]),
            shard(2, 3, 7000),
        ]);
        let t = parse_shards(&v, "x", true).unwrap();
        assert_eq!(t.nodes[t.owner(0).unwrap()].port, 7443);
        assert_eq!(t.nodes[t.owner(2).unwrap()].port, 7000);
        assert_eq!(parse_shards(&v, "x", false).unwrap().nodes[0].port, 7443);
        let v = Value::Array(vec![Value::Array(vec![
            Value::Integer(0),
            Value::Integer(10),
            Value::Array(vec![b(""), Value::Integer(7005), b("id")]),
        ])]);
        let mut t = parse_slots(&v, "127.0.0.9").unwrap();
        assert_eq!(t.covered(), 11);
        assert_eq!(t.nodes[0].host, "127.0.0.9");
        assert!(t.owner(11).is_none());
        let to = HostPort {
            host: "h".into(),
            port: 1,
        };
        let i = t.moved(5, &to);
        assert_eq!(t.owner(5), Some(i));
        assert!(parse_shards(&Value::Integer(1), "x", false).is_none());
    }
}
