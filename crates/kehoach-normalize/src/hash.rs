//! The hash of the crate's words: of the keys its tries and memos look up
//! and of its word maps. Words are a few bytes long; they come from our
//! own data and the documents, so hash flooding is not a concern.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The multiplier of [`mix`] (as FxHash's).
const K: u64 = 0x9e37_79b9_7f4a_7c15;

/// `hash` with one more word of eight bytes mixed in.
#[inline]
fn mix(hash: u64, word: u64) -> u64 {
    (hash ^ word).wrapping_mul(K).rotate_left(29)
}

/// The hash of `bytes`, read eight at a time, the last one to seven bytes
/// as one overlapping word, each word [mixed](mix) in and the whole mixed
/// once more so that the high bits, which the tries' filter reads, depend
/// on every byte.
#[inline]
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut hash = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        hash = mix(
            hash,
            u64::from_le_bytes(chunk.try_into().unwrap_or_default()),
        );
    }
    let rest = chunks.remainder();
    let len = rest.len();
    let last = match len {
        0 => return finish(hash),
        1..=3 => {
            u64::from(rest[0]) << 16 | u64::from(rest[len / 2]) << 8 | u64::from(rest[len - 1])
        }
        _ => {
            let low = u32::from_le_bytes(rest[..4].try_into().unwrap_or_default());
            let high = u32::from_le_bytes(rest[len - 4..].try_into().unwrap_or_default());
            u64::from(low) | u64::from(high) << 32
        }
    };
    finish(mix(hash, last))
}

/// The last mix of [`hash_bytes`].
#[inline]
fn finish(hash: u64) -> u64 {
    let hash = (hash ^ hash >> 32).wrapping_mul(0xff51_afd7_ed55_8ccd);
    hash ^ hash >> 29
}

/// The hasher of [`WordMap`]: each piece a key writes is [hashed](hash_bytes)
/// whole and [mixed](mix) in.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = mix(self.0, hash_bytes(bytes));
    }

    /// The end mark of a `str` key, one mix rather than a byte slice.
    fn write_u8(&mut self, byte: u8) {
        self.0 = mix(self.0, u64::from(byte));
    }

    /// The length before a byte slice's bytes, one mix.
    fn write_usize(&mut self, value: usize) {
        self.0 = mix(self.0, value as u64);
    }
}

/// A map keyed by words, hashed with [`WordHasher`].
pub(crate) type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;
