//! Labs `rpc-xml` and `rpc-msgpack` (chapter §10): the seed's `xmlrpc_server.py` /
//! `msgpack_server.py` serving `double` and `power`, and their clients calling
//! `double(7)` → 14 and `power(7)` → 49; then the introspection the seed's author
//! tried (`system.listMethods`, `system.methodHelp('double')`), which netkit's server
//! answers. `--trace` shows the marshalled request and reply on the wire.

use super::{events_of, Lab};
use crate::cli::Command;
use crate::cmd::rpc;
use crate::exit;

/// What differs between the two RPC labs.
struct Flavour {
    name: &'static str,
    proto: &'static str,
    url_of: fn(std::net::SocketAddr) -> String,
    /// The `--explain` note after the introspection calls.
    introspection: &'static str,
}

pub fn run_xml(lab: &Lab) -> anyhow::Result<()> {
    run(
        lab,
        &Flavour {
            name: "rpc-xml",
            proto: "xmlrpc",
            url_of: |addr| format!("http://{addr}/"),
            introspection: "the seed's listMethods call failed because Python's server answers \
                it only after register_introspection_functions(); netkit's server always does",
        },
    )
}

pub fn run_msgpack(lab: &Lab) -> anyhow::Result<()> {
    run(
        lab,
        &Flavour {
            name: "rpc-msgpack",
            proto: "msgpack",
            url_of: |addr| format!("tcp://{addr}"),
            introspection: "MessagePack-RPC defines no introspection of its own; netkit's server \
                answers the same system.* names as over XML-RPC, so one client works everywhere",
        },
    )
}

fn run(lab: &Lab, f: &Flavour) -> anyhow::Result<()> {
    let (name, proto) = (f.name, f.proto);
    let cli = lab.parse(
        "server",
        &["rpc-serve", "--proto", proto, "--listen", "127.0.0.1:0"],
    )?;
    let Command::RpcServe(args) = &cli.command else {
        return Err(exit::usage("lab: expected an rpc-serve line").into());
    };
    let server = rpc::server::bind(args)?;
    let addr = server.local_addr();
    let (server, scap) = lab.serve("server", proto, addr, move |ctx| server.run(ctx))?;
    let result = calls(lab, name, &(f.url_of)(addr), f.introspection, &scap);
    server.stop_and_join()?;
    result
}

fn result_of(cap: &crate::output::SharedBuf) -> serde_json::Value {
    events_of(cap, "result")
        .first()
        .map(|e| e["result"].clone())
        .unwrap_or(serde_json::Value::Null)
}

/// Run one client call, then wait for the server's log line of it, so the
/// transcript shows each request and its log in order.
fn call(
    lab: &Lab,
    argv: &[&str],
    server: &crate::output::SharedBuf,
    n: usize,
) -> anyhow::Result<serde_json::Value> {
    let (_, cap) = lab.command("client", argv)?;
    super::wait_for(server, "request", n, std::time::Duration::from_secs(5))?;
    Ok(result_of(&cap))
}

fn calls(
    lab: &Lab,
    name: &str,
    url: &str,
    introspection: &str,
    server: &crate::output::SharedBuf,
) -> anyhow::Result<()> {
    let r = call(lab, &["rpc-call", url, "double", "7", "--trace"], server, 1)?;
    lab.check(name, "double(7) is 14", r == 14, format!("got {r}"))?;
    lab.explain(
        "the client marshalled the name and 7 into bytes, the server unmarshalled them, \
         called its local function, and marshalled 14 back",
    )?;
    let r = call(lab, &["rpc-call", url, "power", "7"], server, 2)?;
    lab.check(name, "power(7) is 49", r == 49, format!("got {r}"))?;
    let r = call(lab, &["rpc-call", url, "--list"], server, 3)?;
    let listed = r
        .as_array()
        .map(|a| a.iter().any(|m| m == "double") && a.iter().any(|m| m == "power"))
        .unwrap_or(false);
    lab.check(
        name,
        "system.listMethods names double and power",
        listed,
        format!("got {r}"),
    )?;
    let r = call(
        lab,
        &["rpc-call", url, "--method-help", "double"],
        server,
        4,
    )?;
    lab.check(
        name,
        "system.methodHelp('double') is its docstring",
        r == "return num + num",
        format!("got {r}"),
    )?;
    lab.explain(introspection)?;
    Ok(())
}
