//! Vietnamese text primitives shared by the kehoach parser and normalizer.
//!
//! Government documents reach us with the same word spelled several ways:
//! composed or decomposed Unicode, the tone mark on either vowel ("hoá" and
//! "hóa", "Thuỷ" and "Thủy"), "i" or "y" after a consonant ("quí" and "quý"),
//! upper or lower case. This crate gives three views of a text:
//!
//! - [`nfc`]: the text in Unicode NFC, borrowed when it already is NFC;
//! - [`fold`]: a comparison key that keeps the diacritics but folds case,
//!   tone placement, the i/y spelling and whitespace;
//! - [`ascii_fold_char`] and [`ascii_key`]: the letters without any
//!   diacritic, for matching labels and keywords loosely.
//!
//! [`traditional_tone_placement`] rewrites a text with every tone mark where
//! official documents usually put it ("hóa", "thủy"), which is how canonical
//! names are spelled.
//!
//! ```
//! use kehoach_text::{fold, ascii_key, traditional_tone_placement};
//!
//! assert_eq!(fold("Văn hoá"), fold("VĂN HÓA"));
//! assert_eq!(fold("Thuỷ lợi"), fold("thủy  lợi"));
//! assert_eq!(fold("quí"), fold("Quý"));
//! assert_eq!(ascii_key("Đơn vị  chủ trì"), "don vi chu tri");
//! assert_eq!(traditional_tone_placement("Thuỷ lợi hoá"), "Thủy lợi hóa");
//! ```

#![deny(missing_docs)]

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Returns `text` in Unicode NFC, borrowing it when it is already normalized.
///
/// The quick check answers for almost every real document without
/// allocating; only text that may not be NFC is normalized.
pub fn nfc(text: &str) -> Cow<'_, str> {
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => {
            let normalized: String = text.nfc().collect();
            if normalized == text {
                Cow::Borrowed(text)
            } else {
                Cow::Owned(normalized)
            }
        }
    }
}

/// Returns the lowercase base letter of `c` without any diacritic.
///
/// `đ` and `Đ` become `d`; every other character is decomposed and keeps
/// only its first code point. One input character always gives one output
/// character, so a caller can walk a text and its folded form in step.
pub fn ascii_fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if c == 'đ' || c == 'Đ' {
        return 'd';
    }
    let mut base = c;
    let mut first = true;
    unicode_normalization::char::decompose_canonical(c, |d| {
        if first {
            base = d;
            first = false;
        }
    });
    base.to_lowercase().next().unwrap_or(base)
}

/// Returns `text` lowercased, without diacritics, with whitespace collapsed
/// to single spaces and trimmed.
pub fn ascii_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !key.is_empty();
            continue;
        }
        if pending_space {
            key.push(' ');
            pending_space = false;
        }
        key.push(ascii_fold_char(c));
    }
    key
}

/// Returns a comparison key for `text`: NFC, lowercase, tone marks in their
/// traditional place, a lone `y` after a consonant spelled `i`, whitespace
/// collapsed to single spaces and trimmed.
///
/// Two spellings of the same Vietnamese words give the same key; the key
/// keeps every diacritic that changes a word ("Sở" and "Số" differ).
pub fn fold(text: &str) -> String {
    let lowered = text.to_lowercase();
    let mut key = String::with_capacity(lowered.len());
    let mut pending_space = false;
    for_each_run(&nfc(&lowered), |run, is_word| {
        if !is_word {
            for c in run.chars() {
                if c.is_whitespace() {
                    pending_space = !key.is_empty();
                } else {
                    if pending_space {
                        key.push(' ');
                        pending_space = false;
                    }
                    key.push(c);
                }
            }
            return;
        }
        if pending_space {
            key.push(' ');
            pending_space = false;
        }
        let mut syllable = Syllable::parse(run);
        syllable.fold_lone_y();
        syllable.write_traditional(&mut key);
    });
    key
}

/// Rewrites `text` with every tone mark in its traditional place: on the
/// vowel that carries a quality mark (ê, ơ, â …), else on the last vowel of
/// a closed syllable, else on the first of two vowels ("hóa", "thủy",
/// "khỏe") or the middle of three ("khoái").
///
/// Case and every other character are kept; the result is NFC.
pub fn traditional_tone_placement(text: &str) -> String {
    let text = nfc(text);
    let mut out = String::with_capacity(text.len());
    for_each_run(&text, |run, is_word| {
        if is_word {
            Syllable::parse(run).write_traditional(&mut out);
        } else {
            out.push_str(run);
        }
    });
    out
}

/// Calls `visit` for each maximal run of letters (`true`) or non-letters
/// (`false`) in `text`, in order.
fn for_each_run(text: &str, mut visit: impl FnMut(&str, bool)) {
    let mut start = 0;
    let mut in_word = None;
    for (index, c) in text.char_indices() {
        let is_word = c.is_alphabetic();
        match in_word {
            Some(previous) if previous != is_word => {
                visit(&text[start..index], previous);
                start = index;
            }
            _ => {}
        }
        in_word = Some(is_word);
    }
    if let Some(is_word) = in_word {
        visit(&text[start..], is_word);
    }
}

/// Combining marks that change a vowel's quality: circumflex, breve, horn.
const QUALITY_MARKS: [char; 3] = ['\u{302}', '\u{306}', '\u{31B}'];
/// Combining tone marks: grave, acute, hook above, tilde, dot below.
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];

/// One letter of a syllable, decomposed.
#[derive(Clone, Copy)]
struct Letter {
    base: char,
    quality: Option<char>,
    /// Marks that are neither tone nor quality marks, kept as they are.
    other: Option<char>,
}

impl Letter {
    fn is_vowel(self) -> bool {
        matches!(
            self.base.to_ascii_lowercase(),
            'a' | 'e' | 'i' | 'o' | 'u' | 'y'
        )
    }
}

/// A run of letters split into onset, vowel nucleus and final consonants.
struct Syllable<'a> {
    original: &'a str,
    letters: Vec<Letter>,
    tone: Option<char>,
    /// More than one tone mark: the run is not a well-formed syllable and is
    /// written back unchanged.
    malformed: bool,
    nucleus: std::ops::Range<usize>,
}

impl<'a> Syllable<'a> {
    fn parse(run: &'a str) -> Self {
        let mut letters: Vec<Letter> = Vec::with_capacity(run.len());
        let mut tone = None;
        let mut malformed = false;
        for c in run.nfd() {
            if TONE_MARKS.contains(&c) {
                malformed |= tone.is_some();
                tone = Some(c);
            } else if QUALITY_MARKS.contains(&c) || is_combining(c) {
                match letters.last_mut() {
                    Some(letter) if QUALITY_MARKS.contains(&c) && letter.quality.is_none() => {
                        letter.quality = Some(c)
                    }
                    Some(letter) if letter.other.is_none() => letter.other = Some(c),
                    _ => malformed = true,
                }
            } else {
                letters.push(Letter {
                    base: c,
                    quality: None,
                    other: None,
                });
            }
        }
        let nucleus = Self::find_nucleus(&letters);
        Syllable {
            original: run,
            letters,
            tone,
            malformed,
            nucleus,
        }
    }

    /// Finds the vowel nucleus, treating the `u` of "qu" and the `i` of
    /// "gi" before another vowel as part of the onset.
    fn find_nucleus(letters: &[Letter]) -> std::ops::Range<usize> {
        let lower = |index: usize| letters.get(index).map(|l| l.base.to_ascii_lowercase());
        let mut start = letters
            .iter()
            .position(|l| l.is_vowel())
            .unwrap_or(letters.len());
        if start > 0 && start < letters.len() {
            let onset_end = lower(start - 1);
            let vowel = lower(start);
            let next_is_vowel = letters.get(start + 1).is_some_and(|l| l.is_vowel());
            if (onset_end == Some('q') && vowel == Some('u') && next_is_vowel)
                || (onset_end == Some('g') && vowel == Some('i') && next_is_vowel)
            {
                start += 1;
            }
        }
        let end = letters[start..]
            .iter()
            .position(|l| !l.is_vowel())
            .map_or(letters.len(), |offset| start + offset);
        start..end
    }

    /// Spells a lone `y` nucleus after a consonant as `i` ("quý" → "quí"),
    /// so the two spellings fold together.
    fn fold_lone_y(&mut self) {
        if !self.malformed && self.nucleus.len() == 1 && self.nucleus.start > 0 {
            let letter = &mut self.letters[self.nucleus.start];
            if letter.base == 'y' && letter.quality.is_none() {
                letter.base = 'i';
            }
        }
    }

    /// Index of the letter that carries the tone in traditional spelling.
    fn tone_index(&self) -> Option<usize> {
        let nucleus = self.nucleus.clone();
        if nucleus.is_empty() {
            return None;
        }
        if let Some(index) = nucleus
            .clone()
            .rev()
            .find(|&i| self.letters[i].quality.is_some())
        {
            return Some(index);
        }
        if nucleus.end < self.letters.len() {
            return Some(nucleus.end - 1);
        }
        Some(match nucleus.len() {
            1 | 2 => nucleus.start,
            _ => nucleus.start + 1,
        })
    }

    fn write_traditional(&self, out: &mut String) {
        if self.malformed {
            out.push_str(self.original);
            return;
        }
        let tone_at = self.tone_index();
        let mut buffer = String::new();
        for (index, letter) in self.letters.iter().enumerate() {
            buffer.push(letter.base);
            buffer.extend(letter.quality);
            buffer.extend(letter.other);
            if Some(index) == tone_at {
                buffer.extend(self.tone);
            }
        }
        if tone_at.is_none() {
            // No vowel to carry the tone: keep the mark rather than lose it.
            buffer.extend(self.tone);
        }
        out.extend(buffer.nfc());
    }
}

fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check_fold_equal(a: &str, b: &str) {
        assert_eq!(fold(a), fold(b), "{a:?} and {b:?} should fold together");
    }

    fn check_fold_differ(a: &str, b: &str) {
        assert_ne!(fold(a), fold(b), "{a:?} and {b:?} should stay apart");
    }

    fn check_traditional(input: &str, expected: &str) {
        assert_eq!(
            traditional_tone_placement(input),
            expected,
            "input {input:?}"
        );
    }

    #[test]
    fn fold_joins_spelling_variants() {
        check_fold_equal("hoá", "hóa");
        check_fold_equal("Thuỷ", "Thủy");
        check_fold_equal("quí", "quý");
        check_fold_equal("Kỹ thuật", "kĩ thuật");
        check_fold_equal("khoẻ", "khỏe");
        check_fold_equal("Trung tâm  Phục vụ", "trung tâm phục vụ");
        // Decomposed input folds like composed input.
        check_fold_equal("ho\u{61}\u{301}", "hóa");
    }

    #[test]
    fn fold_keeps_distinct_words_apart() {
        check_fold_differ("Sở", "Số");
        check_fold_differ("thủy", "thúy");
        check_fold_differ("huy", "hủy");
        check_fold_differ("Bộ", "Bổ");
    }

    #[test]
    fn traditional_placement_moves_tone_marks() {
        check_traditional("hoá", "hóa");
        check_traditional("Thuỷ lợi", "Thủy lợi");
        check_traditional("khoẻ mạnh", "khỏe mạnh");
        check_traditional("hoàn thành", "hoàn thành");
        check_traditional("quý", "quý");
        check_traditional("khuyến khích", "khuyến khích");
        check_traditional("người", "người");
        check_traditional("giữ gìn", "giữ gìn");
        check_traditional("VĂN HOÁ", "VĂN HÓA");
        check_traditional("Số: 839 /KH-VP", "Số: 839 /KH-VP");
    }

    #[test]
    fn ascii_key_strips_marks() {
        assert_eq!(
            ascii_key("  Thời gian\tthực hiện: "),
            "thoi gian thuc hien:"
        );
        assert_eq!(ascii_key("ĐƠN VỊ"), "don vi");
        assert_eq!(ascii_fold_char('Ự'), 'u');
        assert_eq!(ascii_fold_char('đ'), 'd');
    }

    #[test]
    fn nfc_borrows_normalized_text() {
        assert!(matches!(nfc("Quảng Ngãi"), Cow::Borrowed(_)));
        assert_eq!(nfc("Qua\u{309}ng"), "Quảng");
    }

    proptest! {
        #[test]
        fn fold_is_idempotent(text in "\\PC{0,40}") {
            let once = fold(&text);
            prop_assert_eq!(fold(&once), once.clone());
        }

        #[test]
        fn traditional_placement_is_idempotent(text in "\\PC{0,40}") {
            let once = traditional_tone_placement(&text);
            prop_assert_eq!(traditional_tone_placement(&once), once.clone());
        }

        #[test]
        fn ascii_fold_keeps_char_count(text in "\\PC{0,40}") {
            prop_assert_eq!(text.chars().map(ascii_fold_char).count(), text.chars().count());
        }
    }
}
