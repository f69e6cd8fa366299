//! The palette: colour decided once (`--color`, `NO_COLOR`, whether stdout is a
//! terminal) and applied through a handful of named styles. Nothing else in netkit
//! branches on colour. It does not decide what is printed, only how it looks.

use colored::Colorize;
use std::io::IsTerminal;

/// `--color auto|always|never`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

/// Named styles; each returns the text styled, or unchanged when colour is off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    enabled: bool,
}

impl Palette {
    /// Decide once, from the flag, `NO_COLOR` and whether stdout is a terminal.
    pub fn decide(choice: ColorChoice) -> Palette {
        let enabled = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        };
        if enabled {
            colored::control::set_override(true);
        }
        Palette { enabled }
    }

    pub fn plain() -> Palette {
        Palette { enabled: false }
    }

    pub fn enabled(&self) -> bool {
        self.enabled
    }

    fn paint(&self, s: &str, f: impl FnOnce(&str) -> colored::ColoredString) -> String {
        if self.enabled {
            f(s).to_string()
        } else {
            s.to_string()
        }
    }

    /// Names, addresses, the subject of a line.
    pub fn name(&self, s: &str) -> String {
        self.paint(s, |s| s.bold())
    }
    /// Good outcomes.
    pub fn ok(&self, s: &str) -> String {
        self.paint(s, |s| s.green())
    }
    /// Errors and failures.
    pub fn err(&self, s: &str) -> String {
        self.paint(s, |s| s.red().bold())
    }
    /// Warnings.
    pub fn warn(&self, s: &str) -> String {
        self.paint(s, |s| s.yellow())
    }
    /// Secondary information: timestamps, byte counts, timings.
    pub fn dim(&self, s: &str) -> String {
        self.paint(s, |s| s.dimmed())
    }
    /// Data values: payloads, record data.
    pub fn value(&self, s: &str) -> String {
        self.paint(s, |s| s.cyan())
    }
    /// Labels of who speaks (lab transcripts: server, client...).
    pub fn side(&self, s: &str) -> String {
        self.paint(s, |s| s.magenta().bold())
    }
}
