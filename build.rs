//! Finds the real peers the integration tests talk to, so that a test whose peer is
//! missing is compiled `#[ignore]`d (cargo counts it as ignored, never as passed).
//!
//! Each peer found becomes `cfg(peer = "NAME")`; a test says
//! `#[cfg_attr(not(peer = "redis-server"), ignore = "needs redis-server: sudo ./peers.sh")]`.
//! With `CI=true` every peer counts as present, so a missing one fails its test
//! instead of being ignored. Python modules are looked up in the venv that
//! `peers.sh` makes (`target/peers-venv`), then in `python3` on PATH; the python
//! the tests should run is passed on as `NETKIT_TEST_PYTHON`.
//!
//! It also links the `netkit` binary as a position-dependent executable
//! (`-no-pie`, see `link_binary`); the cfgs above are read by the tests only.
//!
//! What it does not do: install anything (that is `peers.sh`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Programs the tests start or compare with.
const PROGRAMS: &[&str] = &[
    "python3",
    "redis-server",
    "redis-cli",
    "rabbitmq-server",
    "dnsmasq",
    "knotd",
    "knotc",
    "unbound",
    "dig",
    "kdig",
    "nvim",
    "socat",
    "ncat",
    "openssl",
    "curl",
    "ab",
];

/// Python modules, as `py-MODULE`.
const MODULES: &[&str] = &["zmq", "redis", "msgpack", "pika", "requests"];

const EXTRA_DIRS: &[&str] = &["/usr/local/sbin", "/usr/sbin", "/sbin"];

fn main() {
    // netkit uses epoll, eventfd and ppoll: elsewhere, stop before compiling it, with
    // one line instead of a screen of errors (src/lib.rs has the same compile_error).
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("linux") {
        eprintln!(
            "error: netkit builds on Linux only: it uses epoll, eventfd and ppoll (run it in a Linux VM or container)"
        );
        std::process::exit(1);
    }
    link_binary();
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap());
    let venv = manifest.join("target").join("peers-venv");
    // Watch where peers appear, so installing one re-runs this script. The venv
    // folder is made empty if missing: a missing path would re-run it every build.
    let _ = std::fs::create_dir_all(&venv);
    println!("cargo::rerun-if-changed={}", venv.display());
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rerun-if-env-changed=CI");
    let dirs = search_dirs();
    for d in &dirs {
        if d.is_dir() && d.is_absolute() && !d.starts_with(&manifest) {
            println!("cargo::rerun-if-changed={}", d.display());
        }
    }
    let names: Vec<String> = PROGRAMS
        .iter()
        .map(|p| p.to_string())
        .chain(MODULES.iter().map(|m| format!("py-{m}")))
        .collect();
    let values: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    println!(
        "cargo::rustc-check-cfg=cfg(peer, values({}))",
        values.join(", ")
    );

    let ci = std::env::var("CI").as_deref() == Ok("true");
    let python = if venv.join("bin/python3").is_file() {
        Some(venv.join("bin/python3"))
    } else {
        find(&dirs, "python3")
    };
    println!(
        "cargo::rustc-env=NETKIT_TEST_PYTHON={}",
        python
            .as_deref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "python3".into())
    );
    let mut missing = Vec::new();
    for p in PROGRAMS {
        let found = if *p == "python3" {
            python.is_some()
        } else {
            find(&dirs, p).is_some()
        };
        if found || ci {
            println!("cargo::rustc-cfg=peer=\"{p}\"");
        }
        if !found {
            missing.push(p.to_string());
        }
    }
    for m in MODULES {
        let found = python.as_deref().is_some_and(|py| imports(py, m));
        if found || ci {
            println!("cargo::rustc-cfg=peer=\"py-{m}\"");
        }
        if !found {
            missing.push(format!("python module {m}"));
        }
    }
    if !missing.is_empty() && !ci {
        println!(
            "cargo::warning=peers missing, their tests are ignored: {} (install: sudo ./peers.sh)",
            missing.join(", ")
        );
    }
}

fn search_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    for d in EXTRA_DIRS {
        let d = PathBuf::from(d);
        if !dirs.contains(&d) {
            dirs.push(d);
        }
    }
    dirs
}

fn find(dirs: &[PathBuf], program: &str) -> Option<PathBuf> {
    dirs.iter().map(|d| d.join(program)).find(|p| p.is_file())
}

fn imports(python: &Path, module: &str) -> bool {
    Command::new(python)
        .args(["-c", &format!("import {module}")])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Link the `netkit` executable without PIE (the library and the test binaries are
/// untouched). A PIE start-up has the loader apply about 22,000 relative
/// relocations and copy-on-write every page of `.data.rel.ro` they land in; with
/// `-no-pie` the linker resolves them once. One `dns lookup` went from 2.3 ms to
/// 2.0 ms (issue 13 times it against kdig; docs/performance.md). The cost is that
/// the executable's own code and data are not randomised (ASLR still moves the
/// heap, the stack and every shared library), which is Go's default on
/// linux/amd64 too; README, design notes.
fn link_binary() {
    println!("cargo::rustc-link-arg-bins=-no-pie");
}
