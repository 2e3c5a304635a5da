//! A small bounded cache of parsed signers and verifiers, keyed by the SHA-256 of the key text, for
//! the bindings' one-call functions: code that passes the PEM at every call (as the documented
//! PyJWT snippet does) pays for one parse, not one per call.

use crate::error::Result;
use crate::{Signer, Verifier};
use aws_lc_rs::digest::{digest, SHA256};
use std::sync::{Arc, Mutex, OnceLock};

/// How many distinct keys each cache keeps (a backend holds one or two certificates).
pub const CACHE_CAPACITY: usize = 8;

type Key = [u8; 32];

struct Lru<T> {
    entries: Vec<(Key, Arc<T>)>,
}

impl<T> Lru<T> {
    fn get(&mut self, key: &Key) -> Option<Arc<T>> {
        let index = self.entries.iter().position(|(k, _)| k == key)?;
        let entry = self.entries.remove(index);
        let value = entry.1.clone();
        self.entries.push(entry);
        Some(value)
    }

    fn put(&mut self, key: Key, value: Arc<T>) {
        self.entries.retain(|(k, _)| *k != key);
        if self.entries.len() >= CACHE_CAPACITY {
            self.entries.remove(0);
        }
        self.entries.push((key, value));
    }
}

fn cached<T>(cache: &Mutex<Lru<T>>, text: &str, build: impl FnOnce(&str) -> Result<T>) -> Result<Arc<T>> {
    let mut key = [0u8; 32];
    key.copy_from_slice(digest(&SHA256, text.as_bytes()).as_ref());
    // A poisoned lock only means another thread panicked mid-update; the cache stays consistent.
    if let Some(hit) = cache.lock().unwrap_or_else(|p| p.into_inner()).get(&key) {
        return Ok(hit);
    }
    // Parse outside the lock; refused keys are not cached, so each call reports the error again.
    let value = Arc::new(build(text)?);
    cache.lock().unwrap_or_else(|p| p.into_inner()).put(key, value.clone());
    Ok(value)
}

/// The signer for `certificate`, parsed at most once while it stays among the recent ones.
pub fn cached_signer(certificate: &str) -> Result<Arc<Signer>> {
    static CACHE: OnceLock<Mutex<Lru<Signer>>> = OnceLock::new();
    cached(CACHE.get_or_init(|| Mutex::new(Lru { entries: Vec::new() })), certificate, Signer::new)
}

/// The verifier for `public_keys`, parsed at most once while it stays among the recent ones.
pub fn cached_verifier(public_keys: &str) -> Result<Arc<Verifier>> {
    static CACHE: OnceLock<Mutex<Lru<Verifier>>> = OnceLock::new();
    cached(CACHE.get_or_init(|| Mutex::new(Lru { entries: Vec::new() })), public_keys, Verifier::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lru_keeps_the_most_recent_entries() {
        let mut lru = Lru { entries: Vec::new() };
        for i in 0..(CACHE_CAPACITY as u8 + 3) {
            lru.put([i; 32], Arc::new(i));
        }
        assert_eq!(lru.entries.len(), CACHE_CAPACITY);
        assert!(lru.get(&[0; 32]).is_none());
        assert_eq!(*lru.get(&[3; 32]).unwrap(), 3);
        lru.put([100; 32], Arc::new(100));
        assert!(lru.get(&[3; 32]).is_some(), "a recently used entry survives");
        assert!(lru.get(&[4; 32]).is_none(), "the least recently used entry went");
    }
}
