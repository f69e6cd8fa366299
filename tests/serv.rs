//! serv-by-name / serv-by-port against the real libc answer (Python's
//! socket.getservbyname / getservbyport over this machine's /etc/services), plus the
//! file/embedded sources, bad input and exit codes, and JSON output.

mod common;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;

use common::*;
use serde_json::Value;

const PY_CHECK: &str = r#"
import json, socket, sys
queries = json.load(open(sys.argv[1]))
out = []
for kind, key, proto in queries:
    try:
        if kind == "name":
            out.append(socket.getservbyname(key, proto))
        else:
            out.append(socket.getservbyport(int(key), proto))
    except OSError:
        out.append(None)
print(json.dumps(out))
"#;

fn services(args: &[&str]) -> Vec<Value> {
    let (code, out, err) = run(args);
    assert!(code == 0 || code == 1, "exit {code}: {err}");
    of_type(&json_lines(&out), "service")
        .into_iter()
        .cloned()
        .collect()
}

#[test]
#[cfg_attr(not(peer = "python3"), ignore = "needs python3: sudo ./peers.sh")]
fn every_entry_agrees_with_libc() {
    if !std::path::Path::new("/etc/services").exists() || !require("python3") {
        return;
    }
    let all = services(&["serv-by-name", "--list", "--json"]);
    assert!(
        all.len() > 100,
        "expected the system file, got {} entries",
        all.len()
    );
    assert!(all.iter().all(|e| e["source"] == "/etc/services"));

    // Every name and alias, and every port, looked up by netkit in one call each.
    let mut names = BTreeSet::new();
    let mut ports = BTreeSet::new();
    for e in &all {
        names.insert(e["name"].as_str().unwrap().to_string());
        for a in e["aliases"].as_array().unwrap() {
            names.insert(a.as_str().unwrap().to_string());
        }
        ports.insert(e["port"].as_u64().unwrap().to_string());
    }
    let mut args = vec!["serv-by-name", "--json"];
    args.extend(names.iter().map(String::as_str));
    let by_name = services(&args);
    let mut args = vec!["serv-by-port", "--json"];
    args.extend(ports.iter().map(String::as_str));
    let by_port = services(&args);

    // Each (name|alias, protocol) in the file has an answer from netkit.
    let answered: BTreeSet<(String, String)> = by_name
        .iter()
        .map(|e| {
            (
                e["query"].as_str().unwrap().into(),
                e["protocol"].as_str().unwrap().into(),
            )
        })
        .collect();
    for e in &all {
        let proto = e["protocol"].as_str().unwrap().to_string();
        assert!(
            answered.contains(&(e["name"].as_str().unwrap().into(), proto.clone())),
            "{e}"
        );
    }

    // Ask libc the same questions through Python, in one process.
    let mut queries: Vec<(String, String, String)> = Vec::new();
    for e in &by_name {
        queries.push((
            "name".into(),
            e["query"].as_str().unwrap().into(),
            e["protocol"].as_str().unwrap().into(),
        ));
    }
    for e in &by_port {
        queries.push((
            "port".into(),
            e["query"].as_str().unwrap().into(),
            e["protocol"].as_str().unwrap().into(),
        ));
    }
    let file = tempfile::NamedTempFile::new().unwrap();
    serde_json::to_writer(&file, &queries).unwrap();
    let (code, out, err) = python(PY_CHECK, &[file.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let expected: Vec<Value> = serde_json::from_str(&out).unwrap();
    let mut mismatches = Vec::new();
    for (i, e) in by_name.iter().chain(by_port.iter()).enumerate() {
        let want = &expected[i];
        let got = if queries[i].0 == "name" {
            e["port"].clone()
        } else {
            e["name"].clone()
        };
        if *want != got {
            mismatches.push(format!("{:?}: libc {want}, netkit {got}", queries[i]));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches: {:#?}",
        mismatches.len(),
        mismatches
    );
}

#[test]
fn seed_answers_and_aliases() {
    let (code, out, _) = run(&["serv-by-name", "http", "https", "www", "--proto", "tcp"]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("http 80/tcp (aliases: www)"), "{out}");
    assert!(lines[1].starts_with("https 443/tcp"), "{out}");
    assert!(lines[2].starts_with("http 80/tcp"), "{out}");
    let ev = services(&["--json", "serv-by-port", "443/tcp", "80"]);
    assert_eq!(ev[0]["name"], "https");
    assert_eq!(ev[1]["name"], "http");
    assert_eq!(ev[1]["aliases"][0], "www");
}

#[test]
fn custom_file_duplicates_and_protocols() {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    writeln!(f, "# test\nfoo 1000/tcp bar baz\nfoo 1001/tcp\nfoo 1002/udp\nqux 1000/tcp\nfoo 7/sctp\ngarbage line").unwrap();
    let path = f.path().to_str().unwrap();
    let ev = services(&["serv-by-name", "foo", "--file", path, "--json"]);
    let got: Vec<(u64, &str)> = ev
        .iter()
        .map(|e| (e["port"].as_u64().unwrap(), e["protocol"].as_str().unwrap()))
        .collect();
    assert_eq!(got, vec![(1000, "tcp"), (1002, "udp"), (7, "sctp")]);
    assert!(ev.iter().all(|e| e["source"] == path));
    let ev = services(&[
        "serv-by-name",
        "baz",
        "--file",
        path,
        "--json",
        "--proto",
        "sctp",
    ]);
    assert!(ev.is_empty());
    let ev = services(&["serv-by-port", "1000", "--file", path, "--json"]);
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0]["name"], "foo");
    let ev = services(&[
        "serv-by-name",
        "--list",
        "--proto",
        "udp",
        "--file",
        path,
        "--json",
    ]);
    assert_eq!(ev.len(), 1);
}

#[test]
fn missing_or_unreadable_file_and_embedded_fallback() {
    let (code, out, _) = run(&[
        "serv-by-name",
        "http",
        "--file",
        "/nonexistent/services",
        "--json",
    ]);
    assert_eq!(code, 4);
    let ev = json_lines(&out);
    assert_eq!(ev[0]["type"], "error");
    assert_eq!(ev[0]["kind"], "file_not_found");
    assert!(ev[0]["message"]
        .as_str()
        .unwrap()
        .contains("/nonexistent/services"));

    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(&[
        "serv-by-name",
        "http",
        "--file",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 4, "{err}");
    assert!(
        err.starts_with("netkit: error: reading services file"),
        "{err}"
    );

    let out = netkit()
        .args(["serv-by-name", "https", "--json"])
        .env("NETKIT_SERVICES_FILE", "/nonexistent/services")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let ev = json_lines(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(ev[0]["port"], 443);
    assert_eq!(ev[0]["source"], "embedded");
    let ev = services(&["serv-by-port", "443", "--embedded", "--json"]);
    assert_eq!(ev[0]["source"], "embedded");
}

#[test]
fn bad_input_and_exit_codes() {
    for (args, code, needle) in [
        (vec!["serv-by-port", "70000"], 2, "out of range"),
        (vec!["serv-by-port", "abc"], 2, "invalid port"),
        (vec!["serv-by-port", "80/"], 2, "empty protocol"),
        (vec!["serv-by-name", ""], 2, "empty"),
        (vec!["serv-by-name", "http", "--proto", ""], 2, "--proto"),
        (vec!["serv-by-name"], 2, "NAME"),
    ] {
        let (got, out, err) = run(&args);
        assert_eq!(got, code, "{args:?}: {out}{err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        let mut json_args = args.clone();
        json_args.push("--json");
        let (got, out, _) = run(&json_args);
        assert_eq!(got, code);
        let ev = json_lines(&out);
        assert_eq!(ev[0]["type"], "error", "{args:?}");
        assert_eq!(ev[0]["code"], code);
    }
    let (code, out, _) = run(&["serv-by-name", "http", "no-such-service", "--json"]);
    assert_eq!(code, 1);
    let ev = json_lines(&out);
    assert_eq!(ev[0]["type"], "service");
    assert_eq!(ev[1]["type"], "not_found");
    assert_eq!(ev[1]["query"], "no-such-service");
    let (code, _, err) = run(&["serv-by-port", "1"]);
    assert!(code == 0 || code == 1, "{err}");
    let (code, out, _) = run(&["serv-by-port", "65000", "--embedded"]);
    assert_eq!(code, 1);
    assert!(out.contains("not found"), "{out}");
}

#[test]
fn closed_stdout_exits_quietly() {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    for i in 0..60000 {
        writeln!(f, "svc{i} {}/tcp alias{i}", i % 65536).unwrap();
    }
    let mut child = netkit()
        .args([
            "serv-by-name",
            "--list",
            "--file",
            f.path().to_str().unwrap(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("svc0 0/tcp"));
    let out = wait_output(child, std::time::Duration::from_secs(30));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
