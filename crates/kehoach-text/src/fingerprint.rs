//! A text's fingerprint: what a memo keeps to know a text again without
//! keeping the text or comparing it.

use std::hash::{Hash, Hasher};

use xxhash_rust::xxh3::xxh3_128;

/// The 128-bit XXH3 hash of a text.
///
/// Memos that answer the same sentences document after document key their
/// answers by it: a lookup hashes the text it has in hand and reads 16
/// bytes of the memo, where a key holding the text would be compared byte
/// by byte against a copy far from the cache. Two different texts share a
/// fingerprint with probability 2⁻¹²⁸; a thread that looks up a billion
/// texts against memos of 2¹⁵ entries meets a false match with
/// probability below 10⁻²⁵.
///
/// ```
/// use kehoach_text::Fingerprint;
///
/// assert_eq!(Fingerprint::of("Sở Nội vụ"), Fingerprint::of("Sở Nội vụ"));
/// assert_ne!(Fingerprint::of("Sở Nội vụ"), Fingerprint::of("Sở Nội Vụ"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint(u128);

impl Fingerprint {
    /// The fingerprint of `text`.
    #[inline]
    pub fn of(text: &str) -> Self {
        Fingerprint(xxh3_128(text.as_bytes()))
    }

    /// Sixty-four of its bits, already well mixed: the hash a table files
    /// the fingerprint under.
    #[inline]
    pub fn short(self) -> u64 {
        self.0 as u64
    }
}

impl Hash for Fingerprint {
    /// Hashes the [short](Fingerprint::short) form: the other bits only
    /// tell apart what a table's comparison tells apart anyway.
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.short());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    proptest! {
        #[test]
        fn equal_texts_share_a_fingerprint_and_different_ones_do_not(
            texts in proptest::collection::hash_set("[a-zđơư ,.;0-9]{0,80}", 1..64)
        ) {
            let fingerprints: HashSet<u128> =
                texts.iter().map(|text| Fingerprint::of(text).0).collect();
            prop_assert_eq!(fingerprints.len(), texts.len());
            let shorts: HashSet<u64> = texts.iter().map(|text| Fingerprint::of(text).short()).collect();
            prop_assert_eq!(shorts.len(), texts.len());
            for text in &texts {
                prop_assert_eq!(Fingerprint::of(text), Fingerprint::of(&text.clone()));
            }
        }
    }

    #[test]
    fn a_fingerprint_reads_every_byte() {
        // Long texts that differ in one byte only, at every position.
        let text = "Sở Kế hoạch và Đầu tư chủ trì, phối hợp với các sở, ngành. ".repeat(20);
        let mut seen = HashSet::new();
        for at in (0..text.len()).filter(|&at| text.as_bytes()[at] == b' ') {
            let mut changed = text.clone().into_bytes();
            changed[at] = b'_';
            let changed = String::from_utf8(changed).expect("an ASCII byte replaced");
            assert!(seen.insert(Fingerprint::of(&changed)));
        }
        assert!(!seen.contains(&Fingerprint::of(&text)));
    }
}
