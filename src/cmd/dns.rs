//! `dns`: not built yet. This placeholder keeps the command tree complete while
//! the issue that builds it is open; it does nothing but say so (exit 2).

use crate::cmd::Ctx;
use crate::exit::{self, Code};

/// Flags of this command (none yet).
#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: &Args, _ctx: &Ctx) -> anyhow::Result<Code> {
    Err(exit::usage("this command is not built yet").into())
}
