//! Completions and man pages are generated from the clap definition; this test
//! regenerates them in memory and fails when the committed files differ.
//! Rewrite them with `NETKIT_REGEN=1 cargo test --test generated`.

use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;
use netkit::cli::Cli;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every generated file: (path relative to the repo, contents).
fn generated() -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for (shell, name) in [
        (Shell::Bash, "netkit.bash"),
        (Shell::Zsh, "_netkit"),
        (Shell::Fish, "netkit.fish"),
        (Shell::Elvish, "netkit.elv"),
        (Shell::PowerShell, "_netkit.ps1"),
    ] {
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "netkit", &mut buf);
        files.push((Path::new("completions").join(name), buf));
    }
    let cmd = Cli::command();
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut buf).unwrap();
    files.push((PathBuf::from("docs/man/netkit.1"), buf));
    for sub in cmd.get_subcommands() {
        let name = format!("netkit-{}", sub.get_name());
        let sub = sub.clone().name(&*name.clone().leak());
        let mut buf = Vec::new();
        clap_mangen::Man::new(sub).render(&mut buf).unwrap();
        files.push((PathBuf::from(format!("docs/man/{name}.1")), buf));
    }
    files.push((PathBuf::from("docs/errors.md"), errors_page().into_bytes()));
    files
}

/// docs/errors.md: the exit codes and every `kind` word of an `error` event.
fn errors_page() -> String {
    let mut s = String::from(
        "# Exit codes and error kinds\n\n\
         <!-- generated from src/exit.rs by tests/generated.rs: do not edit -->\n\n\
         Every command exits with one of these codes; with `--json` a failure is also an\n\
         `error` event, `{\"type\":\"error\",\"kind\":\"refused\",\"code\":3,\"message\":\"…\",\"hint\":\"…\"}`,\n\
         whose `kind` is one of the words below (the exit code comes with it: the same kind\n\
         can mean exit 1 or 3 depending on the command, `not_found` for a missing DNS name\n\
         is 1, for a missing AMQP exchange 3).\n\n```text\n",
    );
    s.push_str(netkit::exit::EXIT_CODES_HELP);
    s.push_str("\n```\n\n| kind | meaning |\n|---|---|\n");
    for k in netkit::exit::Kind::ALL {
        s.push_str(&format!("| `{}` | {} |\n", k.as_str(), k.about()));
    }
    s
}

#[test]
fn completions_and_man_pages_are_current() {
    let regen = std::env::var_os("NETKIT_REGEN").is_some();
    let mut stale = Vec::new();
    for (rel, contents) in generated() {
        let path = root().join(&rel);
        if regen {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &contents).unwrap();
            continue;
        }
        match std::fs::read(&path) {
            Ok(on_disk) if on_disk == contents => {}
            _ => stale.push(rel.display().to_string()),
        }
    }
    assert!(
        stale.is_empty(),
        "generated files are stale: {stale:?}; run NETKIT_REGEN=1 cargo test --test generated and commit"
    );
}
