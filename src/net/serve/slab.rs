//! A worker's connections by slot, each with the generation that makes its
//! token (a token of a closed connection never reaches the slot's next
//! tenant), and how a protocol reaches other connections through [`Cx`]:
//! queue bytes (with an output limit), close. No I/O here.
//!
//! [`Cx`]: super::Cx

use super::conn::{Close, Conn};
use super::{Delivery, Others};

/// The slab: connections by slot, with the generation that makes a token.
pub(crate) struct Slab<S> {
    pub conns: Vec<Option<Conn<S>>>,
    pub gens: Vec<u32>,
    pub free: Vec<usize>,
    /// Connections to settle at the end of the round.
    pub ready: Vec<usize>,
}

pub fn slot_of(token: u64) -> usize {
    (token & 0xffff_ffff) as usize
}

impl<S> Slab<S> {
    fn get(&mut self, token: u64) -> Option<&mut Conn<S>> {
        let slot = slot_of(token);
        self.conns
            .get_mut(slot)
            .and_then(Option::as_mut)
            .filter(|c| c.token == token)
    }

    pub fn insert(&mut self, make: impl FnOnce(u64) -> Conn<S>) -> usize {
        let slot = self.free.pop().unwrap_or_else(|| {
            self.conns.push(None);
            self.gens.push(0);
            self.conns.len() - 1
        });
        self.gens[slot] = self.gens[slot].wrapping_add(1);
        let token = (u64::from(self.gens[slot]) << 32) | slot as u64;
        self.conns[slot] = Some(make(token));
        slot
    }
}

impl<S> Others for Slab<S> {
    fn send_to(&mut self, token: u64, bytes: &[u8], limit: Option<usize>) -> Delivery {
        let Some(c) = self.get(token) else {
            return Delivery::Gone;
        };
        if c.closing.is_some() && c.abort {
            return Delivery::Gone;
        }
        if let Some(limit) = limit.filter(|&l| c.pending() + bytes.len() > l) {
            c.closing = Some(Close::SlowReader(limit));
            c.abort = true;
            self.ready.push(slot_of(token));
            return Delivery::OverLimit;
        }
        c.out.extend_from_slice(bytes);
        self.ready.push(slot_of(token));
        Delivery::Queued
    }

    fn close(&mut self, token: u64, why: Close) {
        if let Some(c) = self.get(token) {
            c.held = false;
            c.closing.get_or_insert(why);
            self.ready.push(slot_of(token));
        }
    }
}
