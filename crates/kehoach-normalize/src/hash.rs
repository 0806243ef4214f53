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

/// Whether two words are the same bytes, compared inline: a word of up to
/// sixteen bytes as two overlapping loads, not a call to `memcmp`, which
/// costs more than the comparison for the few bytes of a word.
#[inline]
pub(crate) fn same_word(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let len = a.len();
    if len != b.len() {
        return false;
    }
    let word = |bytes: &[u8], at: usize| {
        u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or_default())
    };
    let half = |bytes: &[u8], at: usize| {
        u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap_or_default())
    };
    match len {
        0 => true,
        1..=3 => a[0] == b[0] && a[len / 2] == b[len / 2] && a[len - 1] == b[len - 1],
        4..=7 => half(a, 0) == half(b, 0) && half(a, len - 4) == half(b, len - 4),
        8..=16 => word(a, 0) == word(b, 0) && word(a, len - 8) == word(b, len - 8),
        _ => a == b,
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn same_word_is_equality(a in "[aàbđ]{0,20}", b in "[aàbđ]{0,20}") {
            prop_assert_eq!(same_word(&a, &b), a == b);
            prop_assert!(same_word(&a, &a));
        }
    }

    #[test]
    fn same_word_reads_every_byte() {
        let word = "abcdefghijklmnopq";
        for len in 0..=word.len() {
            let a = &word[..len];
            for at in 0..len {
                let mut b = a.as_bytes().to_vec();
                b[at] = b'z';
                let b = String::from_utf8(b).unwrap();
                assert!(!same_word(a, &b), "{a} {b}");
            }
        }
    }
}
