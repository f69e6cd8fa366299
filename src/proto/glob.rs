//! Redis's glob matching for PSUBSCRIBE and `PUBSUB CHANNELS pattern`: a port of
//! `stringmatchlen` from Redis's `util.c`, byte for byte, case-sensitive.
//!
//! `*` any run of bytes, `?` one byte, `[abc]` one of a set, `[a-z]` a range (ends
//! may be given in either order), `[^...]` a negated set, `\x` the byte `x` itself
//! (also inside brackets). An unterminated `[` matches like Redis does (the set
//! runs to the end of the pattern). Like Redis, nesting is capped and a failed `*`
//! stops trying longer matches, so hostile patterns cannot take exponential time.
//! Bytes above 0x7f compare as unsigned in ranges (Redis compares C `char`s).
//! Pure: no I/O.

/// Does `string` match the glob `pattern`?
pub fn matches(pattern: &[u8], string: &[u8]) -> bool {
    let mut skip_longer = false;
    match_impl(pattern, string, &mut skip_longer, 0)
}

fn match_impl(mut p: &[u8], mut s: &[u8], skip_longer: &mut bool, nesting: u32) -> bool {
    if nesting > 1000 {
        return false;
    }
    while !p.is_empty() && !s.is_empty() {
        match p[0] {
            b'*' => {
                while p.len() > 1 && p[1] == b'*' {
                    p = &p[1..];
                }
                if p.len() == 1 {
                    return true;
                }
                while !s.is_empty() {
                    if match_impl(&p[1..], s, skip_longer, nesting + 1) {
                        return true;
                    }
                    if *skip_longer {
                        return false;
                    }
                    s = &s[1..];
                }
                *skip_longer = true;
                return false;
            }
            b'?' => s = &s[1..],
            b'[' => {
                let (ok, rest) = bracket(&p[1..], s[0]);
                if !ok {
                    return false;
                }
                // `rest` starts at the closing ']' (or the last byte): skipped below.
                p = rest;
                s = &s[1..];
            }
            b'\\' if p.len() >= 2 => {
                p = &p[1..];
                if p[0] != s[0] {
                    return false;
                }
                s = &s[1..];
            }
            c => {
                if c != s[0] {
                    return false;
                }
                s = &s[1..];
            }
        }
        p = &p[1..];
        if s.is_empty() {
            while p.first() == Some(&b'*') {
                p = &p[1..];
            }
            break;
        }
    }
    p.is_empty() && s.is_empty()
}

/// Match one byte against a set whose body starts at `p` (just after `[`).
/// Returns whether it matched and the pattern positioned at the set's last byte.
fn bracket(mut p: &[u8], c: u8) -> (bool, &[u8]) {
    let not = p.first() == Some(&b'^');
    if not {
        p = &p[1..];
    }
    let mut matched = false;
    loop {
        if p.len() >= 2 && p[0] == b'\\' {
            p = &p[1..];
            if p[0] == c {
                matched = true;
            }
        } else if p.first() == Some(&b']') {
            break;
        } else if p.is_empty() {
            // Unterminated set: Redis steps back onto the last pattern byte, which
            // the caller then skips; an empty slice does the same here.
            return (matched != not, p_end());
        } else if p.len() >= 3 && p[1] == b'-' {
            let (mut lo, mut hi) = (p[0], p[2]);
            if lo > hi {
                std::mem::swap(&mut lo, &mut hi);
            }
            if (lo..=hi).contains(&c) {
                matched = true;
            }
            p = &p[2..];
        } else if p[0] == c {
            matched = true;
        }
        p = &p[1..];
    }
    (matched != not, p)
}

/// A one-byte slice the caller skips, leaving the pattern empty.
fn p_end() -> &'static [u8] {
    b"]"
}

#[cfg(test)]
mod tests {
    use super::matches;

    fn m(p: &str, s: &str) -> bool {
        matches(p.as_bytes(), s.as_bytes())
    }

    #[test]
    fn stars_and_questions() {
        assert!(m("cat*", "catA"));
        assert!(m("cat*", "cat"));
        assert!(!m("cat*", "dog"));
        // Like Redis: the loop needs a byte of string, so "*" does not match "".
        assert!(!m("*", ""));
        assert!(m("*", "anything"));
        assert!(m("c?t", "cat"));
        assert!(!m("c?t", "ct"));
        assert!(m("h*llo", "heeeello"));
        assert!(m("a*b*c", "axxbyyc"));
        assert!(!m("a*b*c", "axxbyy"));
        assert!(m("**a", "ba"));
        assert!(!m("", "a"));
        assert!(m("", ""));
        assert!(!m("abc", "ab"));
        assert!(!m("ab", "abc"));
    }

    #[test]
    fn sets_ranges_and_negation() {
        assert!(m("h[ae]llo", "hello"));
        assert!(m("h[ae]llo", "hallo"));
        assert!(!m("h[ae]llo", "hillo"));
        assert!(m("h[^e]llo", "hallo"));
        assert!(!m("h[^e]llo", "hello"));
        assert!(m("h[a-b]llo", "hbllo"));
        assert!(m("h[b-a]llo", "hallo"), "reversed range");
        assert!(!m("h[a-b]llo", "hcllo"));
        assert!(m("cat[A-C]", "catB"));
        assert!(!m("cat[A-C]", "catD"));
        assert!(m("[\\]]", "]"));
        assert!(m("[a\\-z]", "-"));
        assert!(!m("[a\\-z]", "b"));
    }

    #[test]
    fn escapes() {
        assert!(m("a\\*b", "a*b"));
        assert!(!m("a\\*b", "axb"));
        assert!(m("a\\?", "a?"));
        assert!(m("\\[x]", "[x]"));
        // A trailing backslash matches itself.
        assert!(m("a\\", "a\\"));
    }

    #[test]
    fn unterminated_bracket_like_redis() {
        // Redis: "[abc" behaves as a set running to the end of the pattern.
        assert!(m("[abc", "a"));
        assert!(!m("[abc", "d"));
        assert!(m("x[ab", "xb"));
    }

    #[test]
    fn hostile_pattern_is_fast() {
        let p = "a*".repeat(30) + "b";
        let s = "a".repeat(60);
        let t = std::time::Instant::now();
        assert!(!m(&p, &s));
        assert!(t.elapsed() < std::time::Duration::from_secs(1));
    }
}
