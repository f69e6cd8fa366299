//! The delayed-reply queue entry under the TCP server's event loop (ordered by
//! due time, then arrival). No policy here: `worker` decides when to send.

use std::time::Instant;

/// A reply waiting for `--delay`.
pub struct Delayed {
    pub due: Instant,
    pub order: u64,
    pub slot: usize,
    pub generation: u64,
    pub data: Vec<u8>,
}
impl PartialEq for Delayed {
    fn eq(&self, o: &Self) -> bool {
        (self.due, self.order) == (o.due, o.order)
    }
}
impl Eq for Delayed {}
impl PartialOrd for Delayed {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Delayed {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        (self.due, self.order).cmp(&(o.due, o.order))
    }
}
