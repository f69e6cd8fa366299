//! Lab `services` (chapter §8): the seed's getservbyname('http') → 80,
//! getservbyname('https') → 443, getservbyport(80) → 'http',
//! getservbyport(443) → 'https', through `serv-by-name` / `serv-by-port`.

use super::Lab;
use crate::cmd::serv::{self, ByNameArgs, ByPortArgs, SourceArgs};

const LAB: &str = "services";

fn source() -> SourceArgs {
    SourceArgs {
        proto: Some("tcp".into()),
        file: None,
        embedded: false,
        list: false,
    }
}

pub fn run(lab: &Lab) -> anyhow::Result<()> {
    lab.say("client", "getservbyname('http'), getservbyname('https')  →  netkit serv-by-name http https --proto tcp")?;
    let (ctx, cap) = lab.captured("client");
    let args = ByNameArgs {
        names: vec!["http".into(), "https".into()],
        source: source(),
    };
    serv::run_by_name(&args, &ctx)?;
    let ev = cap.events();
    let port = |name: &str| {
        ev.iter()
            .find(|e| e["query"] == name)
            .and_then(|e| e["port"].as_u64())
    };
    lab.check(
        LAB,
        "http is port 80",
        port("http") == Some(80),
        super::got(port("http")),
    )?;
    lab.check(
        LAB,
        "https is port 443",
        port("https") == Some(443),
        super::got(port("https")),
    )?;
    lab.explain(
        "a service name is only a local convention: /etc/services maps names to the ports \
         the IANA registered; nothing is asked over the network",
    )?;

    lab.say(
        "client",
        "getservbyport(80), getservbyport(443)  →  netkit serv-by-port 80 443 --proto tcp",
    )?;
    let (ctx, cap) = lab.captured("client");
    let args = ByPortArgs {
        ports: vec!["80".into(), "443".into()],
        source: source(),
    };
    serv::run_by_port(&args, &ctx)?;
    let ev = cap.events();
    let name = |port: &str| {
        ev.iter()
            .find(|e| e["query"] == port)
            .and_then(|e| e["name"].as_str().map(str::to_string))
    };
    lab.check(
        LAB,
        "port 80 is http",
        name("80").as_deref() == Some("http"),
        super::got(name("80")),
    )?;
    lab.check(
        LAB,
        "port 443 is https",
        name("443").as_deref() == Some("https"),
        super::got(name("443")),
    )?;
    lab.explain("the first entry for a port and protocol wins, as in libc's getservbyport")?;
    Ok(())
}
