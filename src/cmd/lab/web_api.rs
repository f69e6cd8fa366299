//! Lab `web-api` (chapter §9): the chapter fetches structured data instead of
//! scraping a page — `requests.get('https://api.github.com/users/octocat').json()`.
//! Here a JSON document shaped like GitHub's users API is served from a temporary
//! directory by `http serve` over HTTPS, with a certificate signed by a CA the lab
//! makes at run time (`lab_ca`), and fetched by `http get --cacert`; the lab shows
//! what `.json()` would return in Python, where the time went (the timing phases),
//! that the same fetch without the lab's CA is refused, and why an API beats
//! scraping HTML. Nothing leaves loopback; the directory and keys are removed after.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;

use super::{events_of, lab_ca, Lab};
use crate::cli::Command;
use crate::cmd::http::HttpCommand;
use crate::exit::{self, Code};

const LAB: &str = "web-api";

/// A snapshot shaped like `GET https://api.github.com/users/octocat` (the fields
/// and their types are GitHub's; the counts are illustrative).
const OCTOCAT: &str = r#"{
  "login": "octocat",
  "id": 583231,
  "node_id": "MDQ6VXNlcjU4MzIzMQ==",
  "avatar_url": "https://avatars.githubusercontent.com/u/583231?v=4",
  "html_url": "https://github.com/octocat",
  "type": "User",
  "site_admin": false,
  "name": "The Octocat",
  "company": "@github",
  "blog": "https://github.blog",
  "location": "San Francisco",
  "email": null,
  "hireable": null,
  "bio": null,
  "public_repos": 8,
  "public_gists": 8,
  "followers": 17000,
  "following": 9,
  "created_at": "2011-01-25T18:44:36Z",
  "updated_at": "2026-11-20T12:00:00Z"
}
"#;

/// The lab's temporary directory, removed when the lab ends (keys included).
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> anyhow::Result<TempDir> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let p =
            std::env::temp_dir().join(format!("netkit-lab-web-api-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(p.join("api/users")).map_err(|e| {
            exit::system(exit::Kind::Write, format!("creating {}: {e}", p.display()))
        })?;
        Ok(TempDir(p))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap_or("")
}

pub fn run(lab: &Lab) -> anyhow::Result<()> {
    let tmp = TempDir::new()?;
    let site = tmp.0.join("api");
    std::fs::write(site.join("users/octocat.json"), OCTOCAT)
        .map_err(|e| exit::system(exit::Kind::Write, format!("writing the document: {e}")))?;
    lab.say(
        "lab",
        format!(
            "GitHub answers GET https://api.github.com/users/octocat with JSON; \
             a static file stands in for it: {}/users/octocat.json",
            site.display()
        ),
    )?;
    let pki = lab_ca::make(&tmp.0)?;
    lab.say(
        "lab",
        "made a CA for this run (ca.pem) and a certificate it signs for 127.0.0.1 and localhost",
    )?;
    lab.explain(
        "HTTPS is HTTP inside TLS: the client checks that the server's certificate is \
         signed by a CA it trusts and names the host it asked for; api.github.com's \
         chains to a public CA, this lab's to the ca.pem it just made",
    )?;

    let cli = lab.parse(
        "server",
        &[
            "http",
            "serve",
            path(&site),
            "--listen",
            "127.0.0.1:0",
            "--tls-cert",
            path(&pki.cert),
            "--tls-key",
            path(&pki.key),
        ],
    )?;
    let Command::Http(args) = &cli.command else {
        return Err(exit::usage("lab: expected an http serve line").into());
    };
    let HttpCommand::Serve(serve_args) = &args.command else {
        return Err(exit::usage("lab: expected an http serve line").into());
    };
    let server = crate::cmd::http::bind(serve_args)?;
    let addr = server.local_addr();
    let (sctx, scap) = lab.captured("server");
    server.announce(&sctx.out)?;
    let bg = lab.spawn(&sctx, {
        let ctx = sctx.clone();
        move || server.run(&ctx)
    });
    let result = fetch(
        lab,
        &format!("https://{addr}/users/octocat.json"),
        &pki,
        &scap,
    );
    bg.stop_and_join()?;
    result?;
    // After the server's summary: its log lines are all out by then.
    let logged = events_of(&scap, "request")
        .first()
        .map(|e| format!("{} {}", e["request"].as_str().unwrap_or(""), e["status"]))
        .unwrap_or_default();
    lab.check(
        LAB,
        "the server logged the request like Python's http.server",
        logged == "GET /users/octocat.json HTTP/1.1 200",
        format!("logged {logged:?}"),
    )?;
    Ok(())
}

fn fetch(
    lab: &Lab,
    url: &str,
    pki: &lab_ca::LabPki,
    server: &crate::output::SharedBuf,
) -> anyhow::Result<()> {
    let (code, cap) = lab.command(
        "client",
        &["http", "get", url, "--cacert", path(&pki.ca), "--timing"],
    )?;
    super::wait_for(server, "request", 1, Duration::from_secs(5))?;
    let resp = events_of(&cap, "response").into_iter().next();
    let status = resp
        .as_ref()
        .map_or(0, |r| r["status"].as_u64().unwrap_or(0));
    let ctype = resp
        .as_ref()
        .and_then(|r| r["headers"]["content-type"].as_str().map(str::to_string))
        .unwrap_or_default();
    lab.check(
        LAB,
        "GET over HTTPS is 200 application/json, verified against the lab CA",
        code == Code::Ok && status == 200 && ctype == "application/json",
        format!("exit {}, status {status}, {ctype}", code.as_i32()),
    )?;
    let user = resp.as_ref().map_or(Value::Null, |r| r["body"].clone());

    lab.say(
        "client",
        "in Python: user = requests.get(url, verify='ca.pem').json()",
    )?;
    lab.say("client", format!("user = {}", py_repr(&user)))?;
    let pick = (
        &user["login"],
        &user["name"],
        &user["public_repos"],
        &user["followers"],
    );
    lab.say(
        "client",
        format!(
            "user['login'], user['name'], user['public_repos'], user['followers'] → ({}, {}, {}, {})",
            py_repr(pick.0),
            py_repr(pick.1),
            py_repr(pick.2),
            py_repr(pick.3)
        ),
    )?;
    lab.check(
        LAB,
        ".json() is a dict with GitHub's fields and types",
        user["login"] == "octocat"
            && user["id"].is_u64()
            && user["public_repos"].is_u64()
            && user["followers"].is_u64()
            && user["email"].is_null(),
        format!(
            "login {}, id {}, public_repos {}",
            user["login"], user["id"], user["public_repos"]
        ),
    )?;
    lab.explain(
        "requests' .json() is json.loads of the body: JSON objects become dicts, numbers \
         ints, null None, true/false True/False; the fields have names and types, so \
         user['followers'] + 1 just works",
    )?;

    phases(lab, resp.as_ref())?;

    let (code, cap) = lab.command("client", &["http", "get", url, "--timeout", "5s"])?;
    lab.check(
        LAB,
        "without --cacert the lab's certificate is refused (exit 3)",
        code == Code::Network && events_of(&cap, "response").is_empty(),
        format!("exit {}, no response", code.as_i32()),
    )?;
    lab.explain(
        "the system's trust store does not know the lab's CA, so the client refuses to \
         talk before any HTTP is sent; requests would raise SSLError the same way \
         (verify=False is the wrong fix; pass the CA)",
    )?;
    lab.explain(
        "why an API and not the HTML page: github.com/octocat is laid out for people — the \
         numbers sit inside markup that changes when the site is redesigned, and a scraper \
         breaks silently; the API is a documented contract (names, types, versions, rate \
         limits, errors as status codes), smaller to transfer, and .json() is one call",
    )?;
    Ok(())
}

/// Check the timing phases (`--timing` printed them) add up to the total.
fn phases(lab: &Lab, resp: Option<&Value>) -> anyhow::Result<()> {
    let t = resp.map_or(Value::Null, |r| r["timing"].clone());
    let f = |k: &str| t[k].as_f64().unwrap_or(f64::NAN);
    let sum: f64 = [
        "dns_ms",
        "connect_ms",
        "tls_ms",
        "send_ms",
        "wait_ms",
        "body_ms",
    ]
    .iter()
    .map(|k| f(k))
    .sum();
    lab.check(
        LAB,
        "the timing phases add up to the total (within 1 ms) and TLS took time",
        (sum - f("total_ms")).abs() <= 1.0 && f("tls_ms") > 0.0,
        format!(
            "sum {sum:.3} ms, total {:.3} ms, tls {:.3} ms",
            f("total_ms"),
            f("tls_ms")
        ),
    )?;
    lab.explain(
        "dns: no lookup for an IP address; connect: the TCP handshake; tls: the TLS \
         handshake (key exchange and the certificate check, usually the largest part on \
         loopback); send: the request; first byte: the server's work; body: the transfer \
         — curl -w and httpstat show the same breakdown",
    )?;
    Ok(())
}

/// A JSON value as Python prints what `json.loads` made of it.
fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => py_str(s),
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(py_repr).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Object(o) => {
            let items: Vec<String> = o
                .iter()
                .map(|(k, v)| format!("{}: {}", py_str(k), py_repr(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
    }
}

/// A Python `repr` of a str: single quotes unless the text holds one and no double.
fn py_str(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c == '\x7f' => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_reprs() {
        let v: Value = serde_json::from_str(
            r#"{"a": null, "b": true, "c": [1, 2.5], "d": "it's", "e": "x'\"y\n"}"#,
        )
        .unwrap();
        assert_eq!(
            py_repr(&v),
            r#"{'a': None, 'b': True, 'c': [1, 2.5], 'd': "it's", 'e': 'x\'"y\n'}"#
        );
    }
}
