//! placeholder
use crate::cmd::Ctx;
use crate::exit::{self, Code};
#[derive(Debug, clap::Args)]
pub struct Args {}
pub fn run(_args: &Args, _ctx: &Ctx) -> anyhow::Result<Code> {
    Err(exit::usage("this command is not built yet").into())
}
