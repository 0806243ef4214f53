//! How much a memo that outlives a document holds, against its limits.

/// The texts and bytes of text a memo has taken answers for, bounded by
/// `TEXTS` texts and `BYTES` bytes: memos that remember answers document
/// after document start afresh when they would hold more, so a thread's
/// memory stays bounded however long the archive.
///
/// ```
/// use kehoach_text::Bound;
///
/// let mut held = Bound::<2, 100>::default();
/// assert!(!held.admit(40));
/// assert!(!held.admit(40));
/// // A third text: too many texts, the memo starts afresh.
/// assert!(held.admit(10));
/// // Too many bytes with this one.
/// assert!(held.admit(95));
/// ```
#[derive(Debug, Default, Clone, Copy)]
pub struct Bound<const TEXTS: usize, const BYTES: usize> {
    texts: usize,
    bytes: usize,
}

impl<const TEXTS: usize, const BYTES: usize> Bound<TEXTS, BYTES> {
    /// Counts in a text of `len` bytes about to be kept. True when the memo
    /// must first be emptied: it would hold too many texts or bytes with
    /// it (the count then starts afresh with this text).
    #[inline]
    pub fn admit(&mut self, len: usize) -> bool {
        let full = self.texts >= TEXTS || self.bytes + len > BYTES;
        if full {
            *self = Bound::default();
        }
        self.texts += 1;
        self.bytes += len;
        full
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn a_memo_never_holds_more_than_its_bound(lens in proptest::collection::vec(0..60usize, 0..200)) {
            let mut held = Bound::<8, 150>::default();
            let (mut texts, mut bytes) = (0, 0);
            for len in lens {
                if held.admit(len) {
                    prop_assert!(texts == 8 || bytes + len > 150);
                    (texts, bytes) = (0, 0);
                } else {
                    prop_assert!(texts < 8 && bytes + len <= 150);
                }
                texts += 1;
                bytes += len;
            }
        }
    }
}
