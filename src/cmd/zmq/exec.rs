//! `zmq rep --exec CMD`: split CMD into words like a shell line would (quotes and
//! backslashes, no expansion, no shell unless CMD names one, as `ncat --exec`),
//! run it once per request with the request on its stdin, and take its stdout
//! (at most `max` bytes) as the reply, killing it after `limit`. It does not
//! talk to sockets.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::exit::{self, Failure};

/// Split a command line into words: `'...'` and `"..."` quote, `\` escapes.
pub fn split_words(line: &str) -> Result<Vec<String>, Failure> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => cur.push(c),
                        None => return Err(exit::usage("--exec: unclosed ' quote")),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => cur.extend(chars.next()),
                        Some(c) => cur.push(c),
                        None => return Err(exit::usage("--exec: unclosed \" quote")),
                    }
                }
            }
            '\\' => {
                in_word = true;
                cur.extend(chars.next());
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    if words.is_empty() {
        return Err(exit::usage("--exec needs a command"));
    }
    Ok(words)
}

/// Run `argv` with `input` on stdin; its stdout, or why there is none.
pub fn run(argv: &[String], input: &[u8], limit: Duration, max: usize) -> Result<Vec<u8>, String> {
    let mut child = Command::new(&argv[0])
        .args(&argv[1..])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("--exec {}: {e}", argv[0]))?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = input.to_vec();
    // A writer thread, so a command that prints before reading cannot deadlock us.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let mut stdout = child.stdout.take().expect("piped stdout");
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let r = (&mut stdout).take(max as u64 + 1).read_to_end(&mut out);
        r.map(|_| out)
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(st)) => break st,
            Ok(None) if start.elapsed() >= limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "--exec {} took longer than {limit:?}; killed",
                    argv[0]
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(2)),
            Err(e) => return Err(format!("--exec {}: {e}", argv[0])),
        }
    };
    let _ = writer.join();
    let out = reader
        .join()
        .map_err(|_| "--exec: reader failed".to_string())?
        .map_err(|e| format!("--exec {}: reading its output: {e}", argv[0]))?;
    if out.len() > max {
        return Err(format!(
            "--exec {}: output over --max-size ({max} bytes)",
            argv[0]
        ));
    }
    if !status.success() {
        return Err(format!("--exec {} failed ({status})", argv[0]));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(split_words("tr a-z A-Z").unwrap(), ["tr", "a-z", "A-Z"]);
        assert_eq!(
            split_words(r#"sh -c 'echo "$1"' x\ y"#).unwrap(),
            ["sh", "-c", "echo \"$1\"", "x y"]
        );
        assert_eq!(split_words("a ''").unwrap(), ["a", ""]);
        assert!(split_words("'open").is_err());
        assert!(split_words("  ").is_err());
    }

    #[test]
    fn runs_and_bounds() {
        let tr = split_words("tr a-z A-Z").unwrap();
        assert_eq!(run(&tr, b"hi", Duration::from_secs(5), 100).unwrap(), b"HI");
        let slow = split_words("sleep 5").unwrap();
        let t = Instant::now();
        assert!(run(&slow, b"", Duration::from_millis(100), 100).is_err());
        assert!(t.elapsed() < Duration::from_secs(2));
        assert!(run(
            &split_words("false").unwrap(),
            b"",
            Duration::from_secs(2),
            10
        )
        .is_err());
    }
}
