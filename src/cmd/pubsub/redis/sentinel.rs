//! Redis Sentinel for `pub`/`sub`: ask the sentinels in turn where a master is
//! (`SENTINEL get-master-addr-by-name`), check that the server found says it is a
//! master (`ROLE`), and watch a sentinel's `+switch-master` channel so a running
//! `sub --reconnect` learns of a failover at once. The URL's password is for the
//! data nodes; sentinels are asked without one. With `rediss+sentinel://` the
//! sentinels are spoken to over TLS too, with the same setup.

use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::exit;
use crate::exit::Kind;
use crate::net::HostPort;
use crate::proto::resp::{encode_command, Value};
use crate::signal::Stop;

use super::conn::{Conn, Settings, Tls};

fn sentinel_settings(at: &HostPort, tls: Option<&Tls>) -> Settings {
    Settings {
        endpoint: at.clone(),
        user: None,
        password: None,
        db: 0,
        proto: 2,
        tls: tls.cloned(),
    }
}

fn text(v: &Value) -> Option<String> {
    v.as_bytes()
        .map(|b| String::from_utf8_lossy(b).into_owned())
}

/// Where the sentinels say `master` is.
pub fn master_addr(
    sentinels: &[HostPort],
    master: &str,
    tls: Option<&Tls>,
    timeout: Duration,
) -> anyhow::Result<HostPort> {
    let mut why = Vec::new();
    for s in sentinels {
        let mut c = match Conn::open(&sentinel_settings(s, tls), timeout) {
            Ok(c) => c,
            Err(e) => {
                why.push(format!("{s}: {e:#}"));
                continue;
            }
        };
        match c.call(&["SENTINEL", "get-master-addr-by-name", master], timeout) {
            Ok(Value::Array(a)) if a.len() == 2 => {
                let port = text(&a[1]).and_then(|p| p.parse::<u16>().ok());
                if let (Some(host), Some(port)) = (text(&a[0]), port) {
                    return Ok(HostPort { host, port });
                }
                why.push(format!("{s}: unexpected answer"));
            }
            Ok(Value::Null) => why.push(format!("{s}: does not know a master named {master:?}")),
            Ok(Value::Error(e)) => why.push(format!("{s}: {e} (is it a sentinel?)")),
            Ok(_) => why.push(format!("{s}: unexpected answer")),
            Err(e) => why.push(format!("{s}: {e:#}")),
        }
    }
    Err(exit::network(
        Kind::Sentinel,
        format!(
            "no sentinel gave the address of master {master:?}: {}",
            why.join("; ")
        ),
    )
    .hint("check the master's name (SENTINEL masters) and the sentinel addresses")
    .into())
}

/// Connect to the master, checking `ROLE`: right after a failover a sentinel
/// may still name the old master, now a replica.
pub fn open_master(
    sentinels: &[HostPort],
    master: &str,
    base: &Settings,
    timeout: Duration,
) -> anyhow::Result<(Conn, HostPort)> {
    let addr = master_addr(sentinels, master, base.tls.as_ref(), timeout)?;
    let s = Settings {
        endpoint: addr.clone(),
        ..base.clone()
    };
    let mut c = Conn::open(&s, timeout)?;
    match c.call(&["ROLE"], timeout)? {
        Value::Array(a) if a.first().and_then(text).as_deref() == Some("master") => Ok((c, addr)),
        Value::Error(e) if e.contains("unknown command") => Ok((c, addr)),
        _ => Err(exit::network(
            Kind::ConnectionLost,
            format!("{addr}, named by the sentinels as master {master:?}, is not a master (yet)"),
        )
        .into()),
    }
}

/// `+switch-master NAME OLDIP OLDPORT NEWIP NEWPORT` for `master`: the new address.
pub fn parse_switch(payload: &[u8], master: &str) -> Option<HostPort> {
    let s = std::str::from_utf8(payload).ok()?;
    let f: Vec<&str> = s.split_whitespace().collect();
    (f.len() == 5 && f[0] == master).then(|| HostPort {
        host: f[3].to_string(),
        port: f[4].parse().unwrap_or(0),
    })
}

/// Subscribe to `+switch-master` on the first sentinel that answers, on a
/// thread; the latest switch for `master` is put in the returned slot. The
/// thread ends with `stop`; if no sentinel answers it retries every second.
pub fn watch(
    sentinels: Vec<HostPort>,
    master: String,
    tls: Option<Tls>,
    stop: Stop,
) -> Arc<Mutex<Option<HostPort>>> {
    let slot = Arc::new(Mutex::new(None));
    let out = slot.clone();
    thread::spawn(move || {
        while !stop.is_stopped() {
            for s in &sentinels {
                let Ok(mut c) =
                    Conn::open(&sentinel_settings(s, tls.as_ref()), Duration::from_secs(2))
                else {
                    continue;
                };
                let mut cmd = Vec::new();
                encode_command(&mut cmd, &["SUBSCRIBE", "+switch-master"]);
                if c.send(&cmd).is_err() {
                    continue;
                }
                loop {
                    if stop.is_stopped() {
                        return;
                    }
                    match c.recv(Instant::now() + crate::signal::POLL) {
                        Ok(Some(v)) => {
                            let items = v.as_items().unwrap_or_default();
                            if let Some(to) = items
                                .get(2)
                                .and_then(|p| p.as_bytes())
                                .and_then(|p| parse_switch(p, &master))
                            {
                                *out.lock().unwrap() = Some(to);
                            }
                        }
                        Ok(None) => {}
                        Err(_) => break,
                    }
                }
            }
            thread::sleep(Duration::from_secs(1));
        }
    });
    slot
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switch_master_messages() {
        let to = parse_switch(b"mymaster 127.0.0.1 7000 127.0.0.1 7001", "mymaster").unwrap();
        assert_eq!((to.host.as_str(), to.port), ("127.0.0.1", 7001));
        assert!(parse_switch(b"other 1 2 3 4", "mymaster").is_none());
        assert!(parse_switch(b"mymaster 1 2", "mymaster").is_none());
    }
}
