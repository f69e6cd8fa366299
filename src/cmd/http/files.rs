//! The static file server as an engine protocol (`net::serve`): cut requests
//! out of a connection's input with `proto::http`, map the path onto DIR
//! (percent-decoded, `..` and symlinks leaving DIR refused with 404 and a log
//! line), and answer GET/HEAD with the file (content type by extension,
//! `ETag`/`Last-Modified` and conditional GET, one byte range), a directory
//! listing, or an error page. Each request is logged like Python's
//! `http.server`. Reading, writing, limits and the log thread are the engine's.
//! A file larger than one chunk is streamed: the head goes out, then a chunk
//! each time the engine's output buffer empties (`Protocol::drained`), so a
//! slow reader holds one chunk of memory, not the file. It does not do
//! multipart ranges, compression, or uploads.

use std::fs::{self, File};
use std::io::Read;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use super::serve::Shared;
use crate::net::serve::{Close, Cx, Flow, Io, Protocol};
use crate::output::access::Caller;
use crate::output::access::Served;
use crate::proto::http::{Decoder, HttpError, Kind, Message, Parsed, Persist};

/// One worker's file server.
pub struct Files<'a> {
    pub sh: &'a Shared,
}

/// One connection: who, the decoder of its next request, the file going out.
pub struct Conn {
    caller: Caller,
    decoder: Decoder,
    stream: Option<Stream>,
}

impl Protocol for Files<'_> {
    type State = Conn;

    fn open(&mut self, _cx: &mut Cx<'_>, _token: u64, peer: SocketAddr) -> Conn {
        Conn {
            caller: Caller {
                peer: peer.to_string(),
                ip: peer.ip().to_string(),
            },
            decoder: Decoder::new(Kind::Request, self.sh.max_request),
            stream: None,
        }
    }

    fn input(&mut self, c: &mut Conn, io: &mut Io<'_>, cx: &mut Cx<'_>) -> Flow {
        loop {
            if let Some(s) = &mut c.stream {
                // Pipelined requests wait for the file; a client that closed
                // its sending side still gets all of it.
                if io.eof {
                    s.then_close = true;
                    return Flow::Hold;
                }
                return Flow::Go;
            }
            let data = io.input.data();
            if data.is_empty() {
                return if io.eof {
                    Flow::Close(Close::PeerClosed)
                } else {
                    Flow::Go
                };
            }
            match c.decoder.decode(data, io.eof) {
                Ok(Parsed::Partial { .. }) if io.eof => {
                    return Flow::Close(Close::Done("eof".into()))
                }
                Ok(Parsed::Partial { .. }) => return Flow::Go,
                Ok(Parsed::Message(msg, used)) => {
                    io.input.consume(used);
                    let keep = msg.persist().or_close(self.sh.stopping());
                    self.answer(c, &msg, keep, io.out, cx);
                    if let Some(s) = &mut c.stream {
                        s.keep = keep;
                        continue;
                    }
                    if !keep.is_open() || self.sh.stopping() {
                        return Flow::Close(Close::Done("answered".into()));
                    }
                }
                Err(e) => {
                    let (status, why) = match &e {
                        HttpError::TooLarge { what, .. }
                            if what.contains("head") || what.contains("line") =>
                        {
                            (431, e.to_string())
                        }
                        HttpError::TooLarge { .. } => (413, e.to_string()),
                        _ => (400, e.to_string()),
                    };
                    self.sh
                        .refused
                        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    io.out
                        .extend_from_slice(&page(status, &why, Persist::Close, false));
                    self.log(c, cx, format!("(bad request: {why})"), status);
                    return Flow::Close(Close::Bad(why));
                }
            }
        }
    }

    fn drained(&mut self, c: &mut Conn, io: &mut Io<'_>, cx: &mut Cx<'_>) -> Flow {
        let Some(s) = &mut c.stream else {
            return Flow::Go;
        };
        match s.next_chunk(io.out) {
            Ok(true) => Flow::Go,
            Ok(false) => {
                let s = c.stream.take().expect("streaming");
                self.sh.record(s.sent as usize);
                if s.then_close || !s.keep.is_open() || self.sh.stopping() {
                    return Flow::Close(Close::Done("answered".into()));
                }
                // Requests that came while the file went out.
                self.input(c, io, cx)
            }
            Err(e) => {
                c.stream = None;
                cx.warn(format!("{}: reading the file failed: {e}", c.caller.peer));
                Flow::Abort(Close::Io(format!("reading the file: {e}")))
            }
        }
    }

    fn closed(&mut self, c: Conn, _peer: SocketAddr, why: &Close, cx: &mut Cx<'_>) {
        if matches!(
            why,
            Close::Tls(_) | Close::Stalled(_) | Close::OverBudget(_)
        ) {
            cx.warn(format!("dropping {}: {why}", c.caller.peer));
        }
    }

    fn turned_away(&mut self, cx: &mut Cx<'_>, peer: SocketAddr) -> Option<Vec<u8>> {
        cx.warn(format!(
            "turning away {peer}: {} clients already (--max-clients)",
            self.sh.max_clients
        ));
        Some(page(503, "too many clients", Persist::Close, false))
    }

    fn tick(&mut self, cx: &mut Cx<'_>, _now: std::time::Instant) -> Option<std::time::Instant> {
        if self.sh.stopping() {
            cx.stop_server();
        }
        None
    }
}

impl Files<'_> {
    fn log(&self, c: &Conn, cx: &mut Cx<'_>, request: String, status: u16) {
        if self.sh.out.quiet() {
            return;
        }
        let mut entry = Served::new(&c.caller, request, &self.sh.out);
        entry.status = Some(status);
        if status >= 400 {
            entry.outcome = "error";
        }
        if let Ok(line) = self.sh.out.render(&entry) {
            cx.log(line);
        }
    }

    /// Answer one request into `out`.
    fn answer(
        &self,
        c: &mut Conn,
        msg: &Message,
        keep: Persist,
        out: &mut Vec<u8>,
        cx: &mut Cx<'_>,
    ) {
        let (method, target, _) = msg.parts();
        let head_only = method == "HEAD";
        let (status, bytes) = if method != "GET" && !head_only {
            (
                501,
                page(501, &format!("unsupported method {method:?}"), keep, false),
            )
        } else {
            match resolve(&self.sh.root, target) {
                Err(Refused::NotFound) => (404, page(404, "file not found", keep, head_only)),
                Err(Refused::Traversal) => {
                    self.sh
                        .refused
                        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    cx.warn(format!(
                        "{}: refused {:?}: it leads outside the served directory",
                        c.caller.peer,
                        crate::output::escape(target.as_bytes())
                    ));
                    (404, page(404, "file not found", keep, head_only))
                }
                Ok(path) => match respond(msg, target, &path, keep, head_only) {
                    Answer::Whole(status, bytes) => (status, bytes),
                    Answer::Stream(status, head, stream) => {
                        out.extend_from_slice(&head);
                        c.stream = Some(stream);
                        self.log(c, cx, msg.start.clone(), status);
                        return;
                    }
                },
            }
        };
        self.sh.record(bytes.len());
        out.extend_from_slice(&bytes);
        self.log(c, cx, msg.start.clone(), status);
    }
}

/// Files up to this size go out with their head; larger ones in chunks of it.
const CHUNK: u64 = 256 * 1024;

/// A file (or a range of one) going out a chunk at a time.
pub struct Stream {
    file: File,
    left: u64,
    sent: u64,
    keep: Persist,
    then_close: bool,
}

impl Stream {
    /// Append the next chunk to `out`; `false` when the file is all out.
    fn next_chunk(&mut self, out: &mut Vec<u8>) -> std::io::Result<bool> {
        if self.left == 0 {
            return Ok(false);
        }
        let n = self.left.min(CHUNK) as usize;
        let at = out.len();
        out.resize(at + n, 0);
        let got = read_full(&mut self.file, &mut out[at..]);
        out.truncate(at + got.as_ref().map_or(0, |g| *g));
        let got = got?;
        if got < n {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                format!(
                    "the file shrank while being sent ({} bytes short)",
                    self.left - got as u64
                ),
            ));
        }
        self.left -= got as u64;
        self.sent += got as u64;
        Ok(true)
    }
}

/// Read until `buf` is full or the file ends.
fn read_full(f: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut got = 0;
    while got < buf.len() {
        match f.read(&mut buf[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(got)
}

/// What [`respond`] makes of a request.
enum Answer {
    /// The whole response.
    Whole(u16, Vec<u8>),
    /// The head; the body follows from the file.
    Stream(u16, Vec<u8>, Stream),
}

/// Why a path is not served.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    NotFound,
    /// `..`, or a symlink, leading out of the served directory.
    Traversal,
}

/// Map a request target onto a file or directory under `root` (canonical).
pub fn resolve(root: &Path, target: &str) -> Result<PathBuf, Refused> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path.as_bytes());
    let text = std::str::from_utf8(&decoded).map_err(|_| Refused::NotFound)?;
    if !text.starts_with('/') || text.contains('\0') {
        return Err(Refused::NotFound);
    }
    let mut p = root.to_path_buf();
    for seg in text.split(['/', '\\']) {
        match seg {
            "" | "." => {}
            ".." => return Err(Refused::Traversal),
            s => p.push(s),
        }
    }
    let real = p.canonicalize().map_err(|_| Refused::NotFound)?;
    if !real.starts_with(root) {
        return Err(Refused::Traversal);
    }
    Ok(real)
}

/// `%XX` decoded to bytes (a stray `%` kept).
fn percent_decode(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

/// The answer for an existing path: a file, a listing, or a redirect to `DIR/`.
fn respond(msg: &Message, target: &str, path: &Path, keep: Persist, head_only: bool) -> Answer {
    let not_found = || Answer::Whole(404, page(404, "file not found", keep, head_only));
    let Ok(meta) = fs::metadata(path) else {
        return not_found();
    };
    let url_path = target.split('?').next().unwrap_or("/");
    if meta.is_dir() {
        if !url_path.ends_with('/') {
            let loc = format!("Location: {url_path}/\r\n");
            let head = head(
                301,
                "Moved Permanently",
                "text/html; charset=utf-8",
                &loc,
                0,
                keep,
            );
            return Answer::Whole(301, head);
        }
        let index = path.join("index.html");
        if index.is_file() {
            return respond(msg, target, &index, keep, head_only);
        }
        let body = listing(path, url_path);
        let ct = "text/html; charset=utf-8";
        let r = response(200, "OK", ct, "", body.as_bytes(), keep, head_only);
        return Answer::Whole(200, r);
    }
    let mtime = meta.modified().unwrap_or(UNIX_EPOCH);
    let secs = mtime.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let len = meta.len();
    let etag = format!("\"{secs:x}-{len:x}\"");
    let modified = http_date(mtime);
    let validators =
        format!("ETag: {etag}\r\nLast-Modified: {modified}\r\nAccept-Ranges: bytes\r\n");
    if not_modified(msg, &etag, secs) {
        return Answer::Whole(304, head(304, "Not Modified", "", &validators, 0, keep));
    }
    let ct = content_type(path);
    let (status, reason, extra, from, n) = match msg.header("range").map(|r| range(r, len)) {
        Some(Some((a, b))) => (
            206,
            "Partial Content",
            format!("{validators}Content-Range: bytes {a}-{b}/{len}\r\n"),
            a,
            b - a + 1,
        ),
        Some(None) => {
            let extra = format!("Content-Range: bytes */{len}\r\n");
            let r = response(
                416,
                "Range Not Satisfiable",
                "text/plain",
                &extra,
                b"",
                keep,
                head_only,
            );
            return Answer::Whole(416, r);
        }
        None => (200, "OK", validators, 0, len),
    };
    let mut out = head(status, reason, ct, &extra, n, keep);
    if head_only {
        return Answer::Whole(status, out);
    }
    let Ok(mut file) = File::open(path) else {
        return not_found();
    };
    if from > 0 {
        use std::io::{Seek, SeekFrom};
        if file.seek(SeekFrom::Start(from)).is_err() {
            return not_found();
        }
    }
    let mut stream = Stream {
        file,
        left: n,
        sent: 0,
        keep,
        then_close: false,
    };
    if n > CHUNK {
        return Answer::Stream(status, out, stream);
    }
    match stream.next_chunk(&mut out) {
        Ok(_) => Answer::Whole(status, out),
        Err(_) => not_found(),
    }
}

/// `If-None-Match` (preferred) or `If-Modified-Since` says the copy is current.
fn not_modified(msg: &Message, etag: &str, secs: u64) -> bool {
    if let Some(inm) = msg.header("if-none-match") {
        return inm.split(',').any(|t| t.trim() == etag || t.trim() == "*");
    }
    msg.header("if-modified-since")
        .and_then(|d| {
            chrono::DateTime::parse_from_rfc2822(d.trim().trim_end_matches(" GMT").trim())
                .ok()
                .or_else(|| chrono::DateTime::parse_from_rfc2822(d).ok())
        })
        .is_some_and(|since| since.timestamp() >= secs as i64)
}

/// One `bytes=` range, inclusive; `None` when unsatisfiable.
fn range(spec: &str, len: u64) -> Option<(u64, u64)> {
    let r = spec.trim().strip_prefix("bytes=")?;
    if r.contains(',') || len == 0 {
        return None;
    }
    let (a, b) = r.split_once('-')?;
    let (a, b) = match (a.trim(), b.trim()) {
        ("", n) => {
            let n: u64 = n.parse().ok()?;
            (len.saturating_sub(n), len - 1)
        }
        (a, "") => (a.parse().ok()?, len - 1),
        (a, b) => (a.parse().ok()?, b.parse::<u64>().ok()?.min(len - 1)),
    };
    (a <= b && a < len).then_some((a, b))
}

/// Content types by extension (JSON as `application/json`).
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "json" => "application/json",
        "txt" | "md" | "rs" | "py" | "sh" => "text/plain; charset=utf-8",
        "css" => "text/css",
        "js" | "mjs" => "text/javascript",
        "xml" => "application/xml",
        "csv" => "text/csv",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "gz" => "application/gzip",
        "zip" => "application/zip",
        "tar" => "application/x-tar",
        _ => "application/octet-stream",
    }
}

/// `Wed, 02 Dec 2026 16:45:00 GMT`.
fn http_date(t: SystemTime) -> String {
    chrono::DateTime::<chrono::Utc>::from(t)
        .format("%a, %d %b %Y %H:%M:%S GMT")
        .to_string()
}

/// A whole response (`head_only`: the head of it, as HEAD asks).
fn response(
    status: u16,
    reason: &str,
    ct: &str,
    extra: &str,
    body: &[u8],
    keep: Persist,
    head_only: bool,
) -> Vec<u8> {
    let mut out = head(status, reason, ct, extra, body.len() as u64, keep);
    if !head_only {
        out.extend_from_slice(body);
    }
    out
}

/// A response's head, announcing `len` bytes of body.
fn head(status: u16, reason: &str, ct: &str, extra: &str, len: u64, keep: Persist) -> Vec<u8> {
    let ct = if ct.is_empty() {
        String::new()
    } else {
        format!("Content-Type: {ct}\r\n")
    };
    let conn = keep.header();
    format!(
        "HTTP/1.1 {status} {reason}\r\nServer: netkit/{}\r\nDate: {}\r\n{ct}Content-Length: {len}\r\n{extra}{conn}\r\n",
        env!("CARGO_PKG_VERSION"),
        http_date(SystemTime::now()),
    )
    .into_bytes()
}

/// An error page.
fn page(status: u16, why: &str, keep: Persist, head_only: bool) -> Vec<u8> {
    let reason = match status {
        400 => "Bad Request",
        404 => "Not Found",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => "Error",
    };
    let body = format!("<!DOCTYPE html>\n<title>{status} {reason}</title>\n<h1>{status} {reason}</h1>\n<p>{}</p>\n", html(why));
    response(
        status,
        reason,
        "text/html; charset=utf-8",
        "",
        body.as_bytes(),
        keep,
        head_only,
    )
}

fn html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A directory listing like Python's.
fn listing(dir: &Path, url_path: &str) -> String {
    let mut names: Vec<String> = fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| {
                    let mut n = e.file_name().to_string_lossy().into_owned();
                    if e.path().is_dir() {
                        n.push('/');
                    }
                    n
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let title = format!("Directory listing for {}", html(url_path));
    let mut s = format!("<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>{title}</title></head>\n<body>\n<h1>{title}</h1>\n<hr>\n<ul>\n");
    for n in names {
        let href: String = n
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect();
        s.push_str(&format!("<li><a href=\"{href}\">{}</a></li>\n", html(&n)));
    }
    s.push_str("</ul>\n<hr>\n</body>\n</html>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(range("bytes=0-3", 10), Some((0, 3)));
        assert_eq!(range("bytes=5-", 10), Some((5, 9)));
        assert_eq!(range("bytes=-4", 10), Some((6, 9)));
        assert_eq!(range("bytes=8-20", 10), Some((8, 9)));
        assert_eq!(range("bytes=12-", 10), None);
        assert_eq!(range("bytes=0-1,3-4", 10), None);
    }

    #[test]
    fn traversal_is_refused() {
        let root = std::env::temp_dir().canonicalize().unwrap();
        assert_eq!(resolve(&root, "/../etc/passwd"), Err(Refused::Traversal));
        assert_eq!(
            resolve(&root, "/%2e%2e/etc/passwd"),
            Err(Refused::Traversal)
        );
        assert_eq!(
            resolve(&root, "/a/%2E%2E/%2e%2e/x"),
            Err(Refused::Traversal)
        );
        assert_eq!(
            resolve(&root, "/no-such-file-here-xyz"),
            Err(Refused::NotFound)
        );
        assert_eq!(percent_decode(b"a%20b%"), b"a b%");
    }
}
