//! netkit: one binary for the networking chapter (see `docs/material.md`).
//!
//! Module map:
//! - [`cli`]: the clap definition (global flags, the subcommand tree).
//! - [`value`]: the parsers every flag's value goes through (durations, sizes,
//!   percentages, delays), so one flag takes one syntax everywhere.
//! - [`cmd`]: one module per subcommand; each returns data and an exit code.
//! - [`proto`]: pure codecs and parsers — bytes or text in, values out; no sockets,
//!   no printing (services database, and the protocol codecs).
//! - [`net`]: socket helpers over socket2, endpoint/URL parsing, and the one
//!   client connection (`net::conn` over `net::stream`).
//! - [`input`]: bounded, stoppable reads of stdin lines and of files (FIFOs too).
//! - [`output`]: human and JSON Lines rendering, the palette, payload display.
//! - [`exit`]: the exit codes and how an error maps to one.
//! - [`signal`]: Ctrl-C/SIGTERM as a stop flag every wait polls; a second exits 130.
//! - [`rtt`]: round-trip statistics shared by the echo and RPC clients; [`rng`]: the
//!   small seeded PRNG (echo servers' jitter knobs, DNS query IDs).
//!
//! What it is not: a library with a stable API. The binary is the product; the
//! library exists so tests and labs can drive the same code paths in-process.
//!
//! Linux only: servers and clients use epoll, eventfd and ppoll directly.

// One clear error instead of a wall of unresolved libc items (build.rs stops even
// earlier with the same message).
#[cfg(not(target_os = "linux"))]
compile_error!(
    "netkit builds on Linux only: it uses epoll, eventfd and ppoll (run it in a Linux VM or container)"
);

pub mod cli;
pub mod cmd;
pub mod exit;
pub mod input;
pub mod net;
pub mod output;
pub mod proto;
pub mod rng;
pub mod rtt;
pub mod signal;
pub mod value;
