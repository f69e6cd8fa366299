//! Pure codecs and parsers: bytes or text in, values out. Nothing here opens a
//! socket, reads a file or prints; callers do the I/O, so every codec can be tested
//! (and fuzzed) on byte arrays. Decoders that work on streams return `Ok(None)` for
//! "need more bytes".

pub mod dnsname;
pub mod framing;
pub mod services;

pub mod glob;
pub mod http;
pub mod jsonrpc;
pub mod msgpack_rpc;
pub mod resp;
pub mod slot;
pub mod xmlrpc;
