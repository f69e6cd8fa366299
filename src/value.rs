//! The one home for parsing the values flags take, so the same flag takes the
//! same syntax in every command: durations (`500ms`, `2s`, `1m`), sizes with
//! units (`64KB`, `1MiB`, `64k`, or bytes), percentages (`5`, `5%`) and delays
//! with jitter (`5ms±2ms`, `5ms+-2ms`). Each parser returns clap's
//! `Result<T, String>`, so it plugs into `value_parser =`. It does not know which
//! command uses it.

use std::time::Duration;

/// Parse a humane duration: `500ms`, `2s`, `1.5s`, `1m`, `1h`, `250us`; a bare
/// number is seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let value: f64 = num
        .parse()
        .map_err(|_| format!("invalid duration {s:?} (expected e.g. 500ms, 2s, 1m)"))?;
    let scale = match unit.trim() {
        "" | "s" | "sec" | "secs" => 1.0,
        "ms" => 1e-3,
        "us" | "µs" => 1e-6,
        "ns" => 1e-9,
        "m" | "min" => 60.0,
        "h" => 3600.0,
        other => {
            return Err(format!(
                "invalid duration unit {other:?} in {s:?} (use ns, us, ms, s, m or h)"
            ))
        }
    };
    let secs = value * scale;
    if !secs.is_finite() || !(0.0..=1e9).contains(&secs) {
        return Err(format!("duration {s:?} is out of range"));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// A size like `32MB`, `512kb`, `64k`, `1MiB`, `1g` or a plain number of bytes.
/// Units are powers of 1024 (as Redis reads `32mb`), case-insensitive; at least 1.
pub fn parse_size(s: &str) -> Result<usize, String> {
    let t = s.trim().to_ascii_lowercase();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(digits);
    let n: usize = num
        .parse()
        .map_err(|_| format!("invalid size {s:?} (expected e.g. 64KB, 1MiB, 1048576)"))?;
    let mult: usize = match unit.trim() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        other => {
            return Err(format!(
                "unknown size unit {other:?} in {s:?} (use B, KB, MB, GB, or KiB, MiB, GiB)"
            ))
        }
    };
    let v = n
        .checked_mul(mult)
        .ok_or_else(|| format!("size {s:?} is too large"))?;
    if v == 0 {
        return Err("size must be at least 1 byte".into());
    }
    Ok(v)
}

/// [`parse_size`] for one frame or message: at most 1 GiB.
pub fn parse_frame_size(s: &str) -> Result<u64, String> {
    let v = parse_size(s)?;
    if v > 1 << 30 {
        return Err(format!("size {s:?} is over the 1GiB limit on one message"));
    }
    Ok(v as u64)
}

/// Parse a percentage from 0 to 100 (`5`, `5%`, `2.5`).
pub fn parse_percent(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .trim_end_matches('%')
        .parse()
        .map_err(|_| format!("invalid percentage {s:?} (expected 0 to 100)"))?;
    if !(0.0..=100.0).contains(&v) {
        return Err(format!(
            "percentage {s:?} is out of range (expected 0 to 100)"
        ));
    }
    Ok(v)
}

/// `--delay DURATION[±JITTER]` (also `+-`): a base delay and a uniform jitter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Delay {
    pub base: Duration,
    pub jitter: Duration,
}

/// Parse `50ms`, `50ms±10ms` or `50ms+-10ms`.
pub fn parse_delay(s: &str) -> Result<Delay, String> {
    let (base, jitter) = match s.split_once('±').or_else(|| s.split_once("+-")) {
        Some((b, j)) => (b, Some(j)),
        None => (s, None),
    };
    Ok(Delay {
        base: parse_duration(base)?,
        jitter: jitter.map(parse_duration).transpose()?.unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("2s"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_duration("2"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("1m"), Ok(Duration::from_secs(60)));
        assert!(parse_duration("abc").is_err());
        assert!(parse_duration("5 parsecs").is_err());
        assert!(parse_duration("").is_err());
        assert!(parse_duration("1e99h").is_err());
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("64KB"), Ok(64 << 10));
        assert_eq!(parse_size("64k"), Ok(64 << 10));
        assert_eq!(parse_size("1MiB"), Ok(1 << 20));
        assert_eq!(parse_size("32mb"), Ok(32 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert_eq!(parse_size("100"), Ok(100));
        assert_eq!(parse_size(" 7 B "), Ok(7));
        assert!(parse_size("0").is_err());
        assert!(parse_size("12XB").is_err());
        assert!(parse_size("MB").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("99999999999999999999").is_err());
        assert_eq!(parse_frame_size("64KB"), Ok(65536));
        assert!(parse_frame_size("2GiB").is_err());
    }

    #[test]
    fn percents_and_delays() {
        assert_eq!(parse_percent("5%"), Ok(5.0));
        assert_eq!(parse_percent("2.5"), Ok(2.5));
        assert!(parse_percent("101").is_err());
        assert!(parse_percent("x").is_err());
        let d = parse_delay("5ms±2ms").unwrap();
        assert_eq!(
            (d.base, d.jitter),
            (Duration::from_millis(5), Duration::from_millis(2))
        );
        assert_eq!(parse_delay("5ms+-2ms"), Ok(d));
        assert_eq!(parse_delay("5ms").unwrap().jitter, Duration::ZERO);
        assert!(parse_delay("5ms±x").is_err());
    }
}
