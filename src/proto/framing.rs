//! Message framing over a byte stream (chapter §5: "TCP sends a stream of bytes,
//! not messages"). Three ways to find where one message ends:
//!
//! - `raw`: no framing at all; whatever bytes are buffered are one "message"
//!   (what a naive `recv(4096)` sees, which is exactly the seed's lesson);
//! - `line`: a newline sentinel (`\n`; a `\r` before it is kept in the payload);
//! - `length`: a 4-byte big-endian length prefix, then that many bytes.
//!
//! Pure: bytes in, frames out; no sockets, no printing. [`decode`] returns
//! `Ok(None)` when it needs more bytes, and refuses a frame longer than `max`
//! from its header alone (a prefix claiming 4 GB is refused after 4 bytes, nothing
//! is allocated for it). It does not buffer: the caller owns the buffer and drops
//! `consumed` bytes from its front after each frame.

use thiserror::Error;

/// How messages are delimited on a stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Framing {
    /// Bytes as they arrive; every read is one message
    #[default]
    Raw,
    /// One message per line (newline sentinel)
    Line,
    /// 4-byte big-endian length prefix, then the payload
    Length,
}

/// Size of the `length` framing's header.
pub const HEADER: usize = 4;

/// Why a stream cannot be framed.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum FrameError {
    /// A length prefix states more than the limit.
    #[error("frame of {stated} bytes announced, over the limit of {max} bytes")]
    TooLong { stated: u64, max: usize },
    /// A line runs past the limit without a newline.
    #[error("line longer than the limit of {max} bytes without a newline")]
    LineTooLong { max: usize },
    /// A payload too large for a 4-byte length prefix.
    #[error("payload of {len} bytes does not fit a 4-byte length prefix")]
    Unencodable { len: usize },
}

/// One decoded frame: its payload and how many buffered bytes it used.
#[derive(Debug, PartialEq, Eq)]
pub struct Frame<'a> {
    pub payload: &'a [u8],
    pub consumed: usize,
}

/// Find the first complete frame in `buf`. `Ok(None)` means "need more bytes".
/// `max` bounds the payload size (for `raw`, a frame is at most `max` bytes and the
/// rest stays buffered).
pub fn decode(framing: Framing, buf: &[u8], max: usize) -> Result<Option<Frame<'_>>, FrameError> {
    match framing {
        Framing::Raw => {
            if buf.is_empty() {
                return Ok(None);
            }
            let n = buf.len().min(max.max(1));
            Ok(Some(Frame {
                payload: &buf[..n],
                consumed: n,
            }))
        }
        Framing::Line => match buf.iter().position(|&b| b == b'\n') {
            Some(i) if i > max => Err(FrameError::LineTooLong { max }),
            Some(i) => Ok(Some(Frame {
                payload: &buf[..i],
                consumed: i + 1,
            })),
            None if buf.len() > max => Err(FrameError::LineTooLong { max }),
            None => Ok(None),
        },
        Framing::Length => {
            if buf.len() < HEADER {
                return Ok(None);
            }
            let stated = u32::from_be_bytes([buf[0], buf[1], buf[2], buf[3]]) as u64;
            if stated > max as u64 {
                return Err(FrameError::TooLong { stated, max });
            }
            let end = HEADER + stated as usize;
            if buf.len() < end {
                return Ok(None);
            }
            Ok(Some(Frame {
                payload: &buf[HEADER..end],
                consumed: end,
            }))
        }
    }
}

/// Append `payload` framed to `out`.
pub fn encode(framing: Framing, payload: &[u8], out: &mut Vec<u8>) -> Result<(), FrameError> {
    match framing {
        Framing::Raw => out.extend_from_slice(payload),
        Framing::Line => {
            out.extend_from_slice(payload);
            out.push(b'\n');
        }
        Framing::Length => {
            let len = u32::try_from(payload.len())
                .map_err(|_| FrameError::Unencodable { len: payload.len() })?;
            out.extend_from_slice(&len.to_be_bytes());
            out.extend_from_slice(payload);
        }
    }
    Ok(())
}

/// The framed size of a payload (what a reader must collect before it is whole).
pub fn framed_len(framing: Framing, payload_len: usize) -> usize {
    match framing {
        Framing::Raw => payload_len,
        Framing::Line => payload_len + 1,
        Framing::Length => payload_len + HEADER,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(framing: Framing, mut buf: &[u8], max: usize) -> Vec<Vec<u8>> {
        let mut v = Vec::new();
        while let Some(f) = decode(framing, buf, max).unwrap() {
            v.push(f.payload.to_vec());
            buf = &buf[f.consumed..];
        }
        v
    }

    #[test]
    fn raw_takes_what_is_there_up_to_max() {
        assert_eq!(decode(Framing::Raw, b"", 10), Ok(None));
        assert_eq!(
            frames(Framing::Raw, b"Hello!", 100),
            vec![b"Hello!".to_vec()]
        );
        assert_eq!(
            frames(Framing::Raw, b"abcdef", 4),
            vec![b"abcd".to_vec(), b"ef".to_vec()]
        );
    }

    #[test]
    fn lines_split_on_newline_and_wait_for_more() {
        assert_eq!(
            frames(Framing::Line, b"a\nbc\n\nrest", 100),
            vec![b"a".to_vec(), b"bc".to_vec(), vec![]]
        );
        assert_eq!(decode(Framing::Line, b"partial", 100), Ok(None));
        assert_eq!(frames(Framing::Line, b"x\r\n", 100), vec![b"x\r".to_vec()]);
    }

    #[test]
    fn long_lines_are_refused() {
        assert_eq!(
            decode(Framing::Line, &[b'a'; 11], 10),
            Err(FrameError::LineTooLong { max: 10 })
        );
        let mut long = vec![b'a'; 20];
        long.push(b'\n');
        assert_eq!(
            decode(Framing::Line, &long, 10),
            Err(FrameError::LineTooLong { max: 10 })
        );
        assert!(decode(Framing::Line, b"0123456789\n", 10)
            .unwrap()
            .is_some());
    }

    #[test]
    fn length_prefix_roundtrip_and_partial() {
        let mut buf = Vec::new();
        encode(Framing::Length, b"Hello!", &mut buf).unwrap();
        encode(Framing::Length, b"", &mut buf).unwrap();
        assert_eq!(&buf[..4], &[0, 0, 0, 6]);
        assert_eq!(
            frames(Framing::Length, &buf, 100),
            vec![b"Hello!".to_vec(), vec![]]
        );
        for cut in 0..10 {
            assert_eq!(
                decode(Framing::Length, &buf[..cut], 100),
                Ok(None),
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn four_gigabyte_claim_is_refused_from_the_header() {
        let e = decode(Framing::Length, &[0xff, 0xff, 0xff, 0xff], 65536).unwrap_err();
        assert_eq!(
            e,
            FrameError::TooLong {
                stated: 0xffff_ffff,
                max: 65536
            }
        );
        assert!(e.to_string().contains("4294967295"));
    }

    #[test]
    fn encode_line_and_raw() {
        let mut buf = Vec::new();
        encode(Framing::Line, b"hi", &mut buf).unwrap();
        encode(Framing::Raw, b"yo", &mut buf).unwrap();
        assert_eq!(buf, b"hi\nyo");
        assert_eq!(framed_len(Framing::Length, 6), 10);
        assert_eq!(framed_len(Framing::Line, 6), 7);
    }
}
