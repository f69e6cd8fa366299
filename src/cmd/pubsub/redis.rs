//! `pub` and `sub` over Redis (chapter §2: the seed's `redis_pub.py` and
//! `redis_sub.py`), against redis-server or `netkit broker`.
//!
//! The client speaks RESP with netkit's own codec (`proto::resp`) over a std
//! `TcpStream` rather than through the `redis` crate's sync API, for three
//! reasons found while building it: the crate's `PubSub` swallows the
//! subscribe confirmations that redis-py shows (and `--json` must carry); its
//! blocking parser cannot resume a frame cut by a read timeout, yet `sub` must
//! wait in short slices for Ctrl-C and `--timeout`; and pipelining 100,000
//! PUBLISHes while pairing each reply with its message is a writer thread and a
//! reader thread over one socket, which is simplest on raw bytes. The same codec
//! serves `netkit broker`, so both sides are tested against real Redis peers.
//!
//! Here: the URL and argument checks; [`conn`] connects and does the handshake,
//! [`publish`] and [`subscribe`] do the work.

mod cluster;
mod conn;
mod notice;
mod publish;
mod sentinel;
mod sharded_pub;
mod sharded_sub;
mod subscribe;
mod target;

use std::time::{Duration, Instant};

use super::{PubArgs, SubArgs, Target};
use crate::cmd::Ctx;
use crate::exit::{self, Code};
use crate::proto::resp::Value;

pub use conn::Settings;
// The message reader AMQP `pub` shares.
use notice::ClusterInfo;
pub(crate) use publish::{source as message_source, stdin_hint, Input};
use target::{Deployment, Kind};

/// The cluster behind the URL, if it is one: always for `redis+cluster://`, and
/// for `redis://` when the node says so (asked only for `--sharded`). With
/// `--sharded` and one server (or a Sentinel's master), a one-node topology:
/// SPUBLISH/SSUBSCRIBE work there too.
fn cluster_of(
    d: &Deployment,
    sharded: bool,
    timeout: Duration,
) -> anyhow::Result<Option<cluster::Topology>> {
    match &d.kind {
        Kind::Cluster => match cluster::discover(&d.seeds, &d.settings, timeout)? {
            Some(t) => Ok(Some(t)),
            None => Err(exit::usage(format!(
                "{} is not in cluster mode (cluster support disabled): use redis://",
                d.seeds[0]
            ))
            .into()),
        },
        Kind::Single if sharded => Ok(Some(
            cluster::discover(&d.seeds, &d.settings, timeout)?
                .unwrap_or_else(|| cluster::Topology::single(&d.seeds[0])),
        )),
        Kind::Sentinel { master } if sharded => {
            let at = sentinel::master_addr(&d.seeds, master, d.settings.tls.as_ref(), timeout)?;
            Ok(Some(cluster::Topology::single(&at)))
        }
        _ => Ok(None),
    }
}

/// The number of masters, if the server `conn` is on is a cluster node
/// (`CLUSTER INFO` answers; the broker and non-cluster servers refuse it).
fn cluster_size(conn: &mut conn::Conn, timeout: Duration) -> Option<usize> {
    let Ok(Value::Bulk(b)) = conn.call(&["CLUSTER", "INFO"], timeout) else {
        return None;
    };
    let text = String::from_utf8_lossy(&b);
    text.lines()
        .find_map(|l| l.strip_prefix("cluster_size:"))
        .and_then(|n| n.trim().parse().ok())
}

/// `netkit pub [redis://...] CHANNEL [MESSAGE...]`
pub fn run_pub(args: &PubArgs, target: &Target, ctx: &Ctx) -> anyhow::Result<Code> {
    let d = deployment(target, &args.tls, args.trace, ctx)?;
    if args.zmq_flags_used() {
        return Err(exit::usage(
            "--bind, --connect, --wait-subscribers, --delay and --no-wait are for ZeroMQ (tcp://, ipc://), not Redis",
        )
        .into());
    }
    let channel = &target.rest[0];
    let messages = &target.rest[1..];
    if args.keyed && (!messages.is_empty() || !args.sharded) {
        return Err(exit::usage(
            "--keyed reads `KEY MESSAGE` lines from stdin and needs --sharded (no MESSAGE arguments)",
        )
        .into());
    }
    if args.sharded && args.interval.is_some() {
        return Err(exit::usage("--interval is not available with --sharded").into());
    }
    let timeout = ctx.timeout_or(Duration::from_secs(10));
    if let Some(topo) = cluster_of(&d, args.sharded, timeout)? {
        return pub_cluster(topo, &d, args, channel, messages, ctx);
    }
    let mut conn = match &d.kind {
        Kind::Sentinel { master } => {
            sentinel::open_master(&d.seeds, master, &d.settings, timeout)?.0
        }
        _ => conn::Conn::open(&d.settings, timeout)?,
    };
    // On a cluster node, classic PUBLISH reaches every node but counts only this
    // node's subscribers. (SPUBLISH on one server behaves as PUBLISH.)
    let cluster_size = match args.sharded {
        true => None,
        false => cluster_size(&mut conn, timeout),
    };
    if let Some(nodes) = cluster_size {
        ctx.out.emit(&ClusterInfo {
            nodes,
            sharded: false,
            note: node_local_note(&conn.endpoint),
        })?;
    }
    let local = cluster_size.is_some();
    publish::publish(conn, channel, messages, args, local, ctx)
}

fn node_local_note(endpoint: &str) -> String {
    format!(
        "classic PUBLISH reaches subscribers on every node, but its receiver count is of {endpoint}'s subscribers only (node-local); use --sharded for SPUBLISH"
    )
}

fn pub_cluster(
    topo: cluster::Topology,
    d: &Deployment,
    args: &PubArgs,
    channel: &str,
    messages: &[String],
    ctx: &Ctx,
) -> anyhow::Result<Code> {
    let timeout = ctx.timeout_or(Duration::from_secs(10));
    let nodes = topo.nodes.len();
    if !args.sharded {
        let node = cluster::node_settings(&d.settings, &d.seeds[0]);
        let conn = conn::Conn::open(&node, timeout)?;
        ctx.out.emit(&ClusterInfo {
            nodes,
            sharded: false,
            note: node_local_note(&conn.endpoint),
        })?;
        return publish::publish(conn, channel, messages, args, true, ctx);
    }
    ctx.out.emit(&ClusterInfo {
        nodes,
        sharded: true,
        note: match nodes {
            1 => "SPUBLISH there; receivers are its SSUBSCRIBE subscribers".into(),
            _ => "SPUBLISH to the master owning each channel's slot; receivers are that shard's subscribers".into(),
        },
    })?;
    let started = Instant::now();
    let mut sum = publish::Summary {
        channel: channel.to_string(),
        ..Default::default()
    };
    let job = sharded_pub::Job {
        base: &d.settings,
        channel,
        keyed: args.keyed,
        messages,
        count: args.count,
        max_line: args.max_size,
    };
    sharded_pub::publish(topo, &job, ctx, &mut sum)?;
    publish::report(sum, started, false, ctx)
}

/// `netkit sub [redis://...] CHANNEL...` (or patterns with `--pattern`)
pub fn run_sub(args: &SubArgs, target: &Target, ctx: &Ctx) -> anyhow::Result<Code> {
    let d = deployment(target, &args.tls, args.trace, ctx)?;
    if args.bind || args.connect {
        return Err(
            exit::usage("--bind and --connect are for ZeroMQ (tcp://, ipc://), not Redis").into(),
        );
    }
    if target.rest.is_empty() {
        return Err(
            exit::usage("sub needs at least one channel (netkit sub [URL] CHANNEL...)").into(),
        );
    }
    let timeout = ctx.timeout_or(Duration::from_secs(10));
    let topo = cluster_of(&d, args.sharded, timeout)?;
    if let (Some(topo), true) = (&topo, args.sharded) {
        ctx.out.emit(&ClusterInfo {
            nodes: topo.nodes.len(),
            sharded: true,
            note: match topo.nodes.len() {
                1 => "SSUBSCRIBE there".into(),
                _ => "SSUBSCRIBE at the master owning each channel's slot".into(),
            },
        })?;
        let job = sharded_sub::Job {
            base: &d.settings,
            seeds: &d.seeds,
            channels: &target.rest,
            count: args.count,
            reconnect: args.reconnect,
        };
        return sharded_sub::subscribe(topo.clone(), &job, ctx);
    }
    let o = subscribe::Options {
        settings: match &topo {
            Some(_) => cluster::node_settings(&d.settings, &d.seeds[0]),
            None => d.settings.clone(),
        },
        topics: &target.rest,
        pattern: args.pattern,
        count: args.count,
        reconnect: args.reconnect,
        sentinel: match &d.kind {
            Kind::Sentinel { master } => Some((d.seeds.clone(), master.clone())),
            _ => None,
        },
    };
    subscribe::subscribe(&o, ctx)
}

/// The deployment the URL names, with the TLS setup built from the flags for
/// `rediss` URLs (TLS flags on a `redis://` URL are refused: they would be ignored).
fn deployment(
    target: &Target,
    tls: &crate::net::tls::TlsClientArgs,
    trace: bool,
    ctx: &Ctx,
) -> anyhow::Result<Deployment> {
    let mut d = target::parse(&target.urls[0])?;
    if d.tls {
        d.settings.tls = Some(conn::Tls::new(tls, trace, &ctx.out)?);
    } else if tls.used() {
        return Err(exit::usage(
            "--cacert, --insecure, --servername, --cert, --key and --alpn are for TLS: use rediss://",
        )
        .into());
    }
    Ok(d)
}
