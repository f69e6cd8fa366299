//! `rpc-call` / `rpc-serve`: not built yet. This placeholder keeps the command tree
//! complete while the issue that builds it is open; it does nothing but say so.

use crate::cmd::Ctx;
use crate::exit::{self, Code};

/// Flags of rpc-call (none yet).
#[derive(Debug, clap::Args)]
pub struct CallArgs {}

/// Flags of rpc-serve (none yet).
#[derive(Debug, clap::Args)]
pub struct ServeArgs {}

pub fn run_call(_args: &CallArgs, _ctx: &Ctx) -> anyhow::Result<Code> {
    Err(exit::usage("this command is not built yet").into())
}

pub fn run_serve(_args: &ServeArgs, _ctx: &Ctx) -> anyhow::Result<Code> {
    Err(exit::usage("this command is not built yet").into())
}
