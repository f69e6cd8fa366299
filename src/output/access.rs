//! The access-log line of netkit's HTTP-style servers (`rpc-serve`, `http serve`),
//! in the shape of Python's `http.server` (`127.0.0.1 - - [date] "request" 200 -`)
//! or a `request` JSON event; peer-supplied text is escaped so a client cannot
//! forge log lines. It renders only: the servers decide what to log and when.

use serde::Serialize;

use crate::output::{Out, Palette, Render};

pub struct Caller {
    pub peer: String,
    pub ip: String,
}

/// One call (or HTTP request) served, logged like Python's server.
#[derive(Debug, Serialize)]
pub struct Served {
    pub peer: String,
    pub time: String,
    pub request: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    pub outcome: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fault: Option<i64>,
    #[serde(skip)]
    pub ip: String,
    #[serde(skip)]
    pub clf_time: String,
}

impl Served {
    /// A log entry; only the timestamp the output mode shows is formatted.
    pub fn new(caller: &Caller, request: String, out: &Out) -> Served {
        let now = chrono::Local::now();
        let (time, clf_time) = match (out.quiet(), out.is_json()) {
            (true, _) => (String::new(), String::new()),
            (false, true) => (
                now.to_rfc3339_opts(chrono::SecondsFormat::Micros, false),
                String::new(),
            ),
            (false, false) => (String::new(), now.format("%d/%b/%Y %H:%M:%S").to_string()),
        };
        Served {
            peer: caller.peer.clone(),
            time,
            request,
            status: None,
            method: None,
            outcome: "ok",
            fault: None,
            ip: caller.ip.clone(),
            clf_time,
        }
    }
}

impl Render for Served {
    fn kind(&self) -> &str {
        "request"
    }
    fn human(&self, p: &Palette) -> String {
        let status = match self.status {
            Some(s) => s.to_string(),
            None => self.outcome.to_string(),
        };
        let status = if self.outcome == "ok" {
            p.ok(&status)
        } else {
            p.warn(&status)
        };
        format!(
            "{} - - [{}] \"{}\" {status} -",
            self.ip,
            self.clf_time,
            // Peer-supplied: escaped, so a client cannot forge log lines.
            crate::output::escape(self.request.as_bytes())
        )
    }
}
