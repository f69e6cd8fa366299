//! The `netkit` binary: parse, dispatch, print the error, exit with its code.
//!
//! It starts without std's runtime start-up (`#![no_main]`): that start-up asks
//! glibc where the main thread's stack is, which reads and `sscanf`s all of
//! `/proc/self/maps`, a tenth of the instructions of a one-shot `dns lookup`
//! (issue 13 times it against kdig). What it did that netkit needs is done here:
//! SIGPIPE ignored (a closed pipe is an EPIPE error, as everywhere in Rust),
//! descriptors 0-2 opened on /dev/null if a parent closed them (so a socket never
//! becomes "stdout"), and a panic ends with exit code 101 after its message. What
//! is lost: a stack overflow is a plain SIGSEGV instead of std's one-line message.
//! Arguments still come from std (glibc passes them to std's init function).

#![no_main]

use std::os::raw::{c_char, c_int};

use netkit::cli::{self, Cli};
use netkit::cmd::{self, Ctx};
use netkit::output::{Mode, Out, Palette};

#[unsafe(no_mangle)]
pub extern "C" fn main(_argc: c_int, _argv: *const *const c_char) -> c_int {
    start_up();
    // The panic hook has printed the message; 101 is std's code for it.
    std::panic::catch_unwind(run).unwrap_or(101)
}

fn run() -> c_int {
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

/// What std's start-up does that netkit relies on (see the module comment).
fn start_up() {
    // SAFETY: plain libc calls on fds 0-2 and the SIGPIPE disposition, made before
    // any other thread exists.
    unsafe {
        let mut fds = [0, 1, 2].map(|fd| libc::pollfd {
            fd,
            events: 0,
            revents: 0,
        });
        if libc::poll(fds.as_mut_ptr(), 3, 0) != -1 {
            for p in &fds {
                if p.revents & libc::POLLNVAL != 0 {
                    let flags = if p.fd == 0 {
                        libc::O_RDONLY
                    } else {
                        libc::O_WRONLY
                    };
                    // open() takes the lowest free descriptor: this one.
                    if libc::open(c"/dev/null".as_ptr(), flags) == -1 {
                        libc::abort();
                    }
                }
            }
        }
        libc::signal(libc::SIGPIPE, libc::SIG_IGN);
    }
}
