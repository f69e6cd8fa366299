//! The `netkit` binary: parse, dispatch, print the error, exit with its code.

use netkit::cli::{self, Cli};
use netkit::cmd::{self, Ctx};
use netkit::output::{Mode, Out, Palette};

fn main() {
    let cli = match Cli::parse_args() {
        Ok(cli) => cli,
        Err(e) => std::process::exit(cli::report_parse_error(e)),
    };
    netkit::signal::install();
    let mode = if cli.global.json {
        Mode::Json
    } else {
        Mode::Human
    };
    let out = Out::stdout(mode, Palette::decide(cli.global.color), cli.global.quiet);
    let ctx = Ctx::new(out.clone(), cli.global.timeout);
    let code = match cmd::run(&cli, &ctx) {
        Ok(code) => code.as_i32(),
        Err(e) => out.report_error(&e),
    };
    std::process::exit(code);
}
