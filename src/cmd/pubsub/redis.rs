//! `pub`/`sub` over redis: not built yet. A placeholder that says so (exit 2).

use super::{PubArgs, SubArgs, Target};
use crate::cmd::Ctx;
use crate::exit::{self, Code};

pub fn run_pub(_args: &PubArgs, _target: &Target, _ctx: &Ctx) -> anyhow::Result<Code> {
    Err(exit::usage("pub over this transport is not built yet").into())
}

pub fn run_sub(_args: &SubArgs, _target: &Target, _ctx: &Ctx) -> anyhow::Result<Code> {
    Err(exit::usage("sub over this transport is not built yet").into())
}
