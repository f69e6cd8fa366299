//! `netkit lab`: every lab runs through the built binary and its own checks pass;
//! `lab --all` exits 0 with a pass line per lab; the JSON transcript parses, every
//! event has a type, and command events carry the side that spoke.

mod common;

use common::*;

const LABS: &[&str] = &[
    "pubsub-redis",
    "pubsub-zmq",
    "pubsub-rabbitmq",
    "udp",
    "tcp",
    "reqrep",
    "pipeline",
    "broker",
    "services",
    "dns",
    "web-api",
    "rpc-xml",
    "rpc-msgpack",
];

#[test]
fn list_names_every_lab_with_its_section() {
    let (code, out, err) = run(&["lab", "--json"]);
    assert_eq!(code, 0, "{err}");
    let ev = json_lines(&out);
    let names: Vec<&str> = ev.iter().map(|e| e["name"].as_str().unwrap()).collect();
    assert_eq!(names, LABS);
    assert!(ev
        .iter()
        .all(|e| e["type"] == "lab" && e["section"].as_str().unwrap().starts_with('§')));
}

#[test]
fn each_lab_passes_its_checks() {
    if std::env::var("CI").as_deref() == Ok("true") {
        assert!(require("dnsmasq"), "the dns lab needs dnsmasq in CI");
    }
    for lab in LABS {
        let (code, out, err) = run(&["lab", lab, "--json", "--explain"]);
        let ev = json_lines(&out);
        let result = ev
            .iter()
            .find(|e| e["type"] == "lab_result")
            .unwrap_or_else(|| panic!("{lab}: no result: {out}{err}"));
        assert_eq!(result["ok"], true, "{lab} failed: {result}\n{out}\n{err}");
        assert_eq!(code, 0, "{lab}: {err}");
        let checks = of_type(&ev, "check");
        assert!(!checks.is_empty(), "{lab} checked nothing");
        assert!(checks.iter().all(|c| c["ok"] == true), "{lab}: {checks:?}");
        assert!(
            !of_type(&ev, "explain").is_empty(),
            "{lab}: --explain added no note"
        );
        // Every line of the transcript says who spoke, and each side is a known role.
        for e in ev.iter().filter(|e| e["type"] == "say") {
            let side = e["side"]
                .as_str()
                .unwrap_or_else(|| panic!("{lab}: say without side: {e}"));
            assert!(
                [
                    "server",
                    "client",
                    "publisher",
                    "subscriber",
                    "broker",
                    "lab"
                ]
                .contains(&side)
                    || side.starts_with("client ")
                    || side.starts_with("worker ")
                    || ["ventilator", "sink"].contains(&side),
                "{lab}: unexpected side {side}"
            );
        }
    }
}

#[test]
fn all_labs_end_with_a_pass_line_each() {
    let (code, out, err) = run(&["lab", "--all"]);
    assert_eq!(code, 0, "{out}\n{err}");
    let tail: Vec<&str> = out.lines().rev().take(LABS.len()).collect();
    for lab in LABS {
        assert!(
            tail.iter()
                .any(|l| l.starts_with("PASS") && l.split_whitespace().nth(1) == Some(lab)),
            "no PASS line for {lab} in:\n{}",
            tail.join("\n")
        );
    }
}

#[test]
fn unknown_lab_is_a_usage_error() {
    let (code, out, err) = run(&["lab", "nope"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("no lab called \"nope\""), "{err}");
    assert!(err.contains("udp"), "the hint lists the labs: {err}");
}

#[test]
fn a_lab_reads_top_to_bottom_and_verbose_or_json_have_it_all() {
    let (code, out, err) = run(&["lab", "pubsub-redis"]);
    assert_eq!(code, 0, "{out}{err}");
    let lines = out.lines().count() + err.lines().count();
    assert!(
        lines <= 45,
        "pubsub-redis should fit on a screen: {lines} lines\n{out}{err}"
    );
    assert!(
        !out.contains(" connected from "),
        "connection logs shown:\n{out}"
    );
    assert_eq!(
        out.matches("$ netkit pub ").count(),
        2,
        "the loop's command once:\n{out}"
    );
    assert_eq!(out.matches("Publish: ").count(), 11, "{out}");
    // The first "nobody is subscribed" warning in full, the other four as one count.
    assert_eq!(err.matches("nobody is subscribed").count(), 2, "{err}");
    assert!(err.contains("4 more like this"), "{err}");

    let (code, out, err) = run(&["lab", "pubsub-redis", "--verbose"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.matches(" connected from ").count() >= 11, "{out}");
    assert_eq!(
        err.matches("warning: nobody is subscribed").count(),
        5,
        "{err}"
    );
    assert_eq!(out.matches("$ netkit pub ").count(), 11, "{out}");

    let (code, out, _) = run(&["lab", "pubsub-redis", "--json"]);
    assert_eq!(code, 0);
    let ev = json_lines(&out);
    assert!(
        of_type(&ev, "connected").len() >= 11,
        "JSON is never trimmed"
    );
    assert_eq!(of_type(&ev, "warning").len(), 5);
}

#[test]
fn web_api_fetches_json_over_https_with_a_lab_ca_and_cleans_up() {
    let (code, out, err) = run(&["lab", "web-api", "--json"]);
    assert_eq!(code, 0, "{out}{err}");
    let ev = json_lines(&out);
    let resp = of_type(&ev, "response");
    assert_eq!(resp.len(), 1, "one fetch that got an answer: {resp:?}");
    let r = resp[0];
    assert_eq!(r["side"], "client");
    assert!(r["url"].as_str().unwrap().starts_with("https://127.0.0.1:"));
    assert_eq!(r["headers"]["content-type"], "application/json");
    assert_eq!(r["body"]["login"], "octocat");
    assert!(r["timing"]["tls_ms"].as_f64().unwrap() > 0.0, "{r}");
    let listening = of_type(&ev, "listening");
    assert_eq!(listening[0]["proto"], "https", "{listening:?}");
    let says: Vec<&str> = of_type(&ev, "say")
        .iter()
        .filter_map(|e| e["text"].as_str())
        .collect();
    assert!(
        says.iter()
            .any(|t| t.contains("'login': 'octocat'") && t.contains("'email': None")),
        "the .json() dict in Python's notation: {says:?}"
    );
    let failed = of_type(&ev, "error");
    assert_eq!(
        failed.len(),
        1,
        "only the fetch without --cacert fails: {failed:?}"
    );
    // The temporary directory with the keys is gone.
    let dir = says
        .iter()
        .find_map(|t| t.split("stands in for it: ").nth(1))
        .and_then(|p| p.split("/api/").next())
        .expect("the lab names its directory");
    assert!(!std::path::Path::new(dir).exists(), "{dir} left behind");
}
