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
//!   diacritic, for matching labels and keywords loosely;
//!   [`ascii_key_chars`] folds only as much of the text as a caller reads.
//!
//! [`Fingerprint`] is a text's 128-bit hash, for memos that know a text
//! again without keeping it.
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

mod bound;
mod fingerprint;
mod fold;
mod letters;
mod syllable;

use std::borrow::Cow;
use std::iter;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

pub use bound::Bound;
pub use fingerprint::Fingerprint;
use letters::vietnamese_letter;
use syllable::Syllable;

/// Returns `text` in Unicode NFC, borrowing it when it is already normalized.
///
/// The quick check answers for almost every real document without
/// allocating; only text that may not be NFC is normalized.
pub fn nfc(text: &str) -> Cow<'_, str> {
    match nfc_quick_check(text) {
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

/// The NFC quick check of `text`, the answer of [`is_nfc_quick`], without
/// table look-ups for the characters below U+0300, the Latin letters of
/// U+1E00 to U+1EFF (the Vietnamese letters with two marks among them) and
/// the punctuation of U+2002 to U+203F (dashes, quotation marks): all of
/// them are starters that NFC allows.
///
/// The text is read in blocks of [`NFC_BLOCK`] bytes: a loop the compiler
/// vectorizes settles a block whose characters are all such starters
/// ([`starters_block`]). In any other block, only characters whose first
/// byte is 0xCC or above need a look: the block is read eight bytes at a
/// time, those first bytes found in a word by [`high_bytes`], and each is
/// read where it stands. Any other character is a starter, so a character
/// found follows a non-starter only when it starts where the character
/// read before it ended.
fn nfc_quick_check(text: &str) -> IsNormalized {
    let bytes = text.as_bytes();
    let mut last_class = 0;
    let mut result = IsNormalized::Yes;
    // Where the last character read ends.
    let mut end = 0;
    let mut block_start = 0;
    while block_start < bytes.len() {
        let block_end = (block_start + NFC_BLOCK).min(bytes.len());
        let settled = match bytes.get(block_start..block_start + NFC_BLOCK + 2) {
            Some(window) => window.try_into().is_ok_and(starters_block),
            None => {
                let mut window = [0u8; NFC_BLOCK + 2];
                window[..bytes.len() - block_start].copy_from_slice(&bytes[block_start..]);
                starters_block(&window)
            }
        };
        if settled {
            // The block's last character is a starter.
            last_class = 0;
            block_start = block_end;
            continue;
        }
        let mut word_start = block_start;
        while word_start < block_end {
            let mut word = [0u8; 8];
            match bytes.get(word_start..word_start + 8) {
                Some(full) => word.copy_from_slice(full),
                None => word[..bytes.len() - word_start].copy_from_slice(&bytes[word_start..]),
            }
            let mut high = high_bytes(u64::from_le_bytes(word));
            while high != 0 {
                let at = word_start + high.trailing_zeros() as usize / 8;
                high &= high - 1;
                if at != end {
                    last_class = 0;
                }
                // U+1EA0 to U+1EF9, the Vietnamese letters.
                if let [0xe1, 0xba, 0xa0..=0xbf, ..] | [0xe1, 0xbb, 0x80..=0xb9, ..] = bytes[at..] {
                    last_class = 0;
                    end = at + 3;
                    continue;
                }
                let c = text[at..].chars().next().unwrap_or_default();
                end = at + c.len_utf8();
                let class = canonical_combining_class(c);
                if last_class > class && class != 0 {
                    return IsNormalized::No;
                }
                match is_nfc_quick(iter::once(c)) {
                    IsNormalized::Yes => {}
                    IsNormalized::No => return IsNormalized::No,
                    IsNormalized::Maybe => result = IsNormalized::Maybe,
                }
                last_class = class;
            }
            word_start += 8;
        }
        block_start = block_end;
    }
    result
}

/// The bytes [`nfc_quick_check`] settles in one step.
const NFC_BLOCK: usize = 64;

/// True when every character that starts in the block of `window` (the
/// block and the two bytes after it, zeros past the end of the text) is
/// below U+0300, from U+1E00 to U+1EFF (first bytes E1 B8 to E1 BB) or
/// from U+2002 to U+203F (E2 80 82 to E2 80 BF). The loop is branch-free,
/// so that the compiler vectorizes it; a character starting with 0xE2, rare,
/// is looked at after it, only in a block that holds one.
#[inline(always)]
fn starters_block(window: &[u8; NFC_BLOCK + 2]) -> bool {
    let mut odd = 0u8;
    let mut e2 = 0u8;
    // Not an iterator over windows: the compiler vectorizes this form.
    for at in 0..NFC_BLOCK {
        let (byte, next) = (window[at], window[at + 1]);
        let latin = (byte == 0xe1) & (next & 0xfc == 0xb8);
        let first_e2 = byte == 0xe2;
        odd |= u8::from((byte >= 0xcc) & !latin & !first_e2);
        e2 |= u8::from(first_e2);
    }
    odd == 0
        && (e2 == 0
            || (0..NFC_BLOCK)
                .all(|at| window[at] != 0xe2 || (window[at + 1] == 0x80 && window[at + 2] >= 0x82)))
}

/// The top bit of each byte of `word` that is 0xCC or above: the first
/// bytes of the characters from U+0300 on. A byte is when its top bit is
/// set and its low seven bits plus 0x34 reach 0x80, a sum that cannot
/// carry into the next byte.
#[inline(always)]
fn high_bytes(word: u64) -> u64 {
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const TOP: u64 = 0x8080_8080_8080_8080;
    word & ((word & LOW) + 0x3434_3434_3434_3434) & TOP
}

/// Returns the lowercase base letter of `c` without any diacritic.
///
/// `đ` and `Đ` become `d`; every other character is decomposed and keeps
/// only its first code point. One input character always gives one output
/// character, so a caller can walk a text and its folded form in step.
#[inline]
pub fn ascii_fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if let Some((letter, _)) = vietnamese_letter(c) {
        return letter.ascii_base();
    }
    decomposed_base(c)
}

/// [`ascii_fold_char`] of the character of `text` that starts at byte
/// `at`, with its length in bytes; `None` at the end of the text. ASCII
/// characters and precomposed Vietnamese letters, most of a text, are read
/// off their bytes without being decoded. The folded character is
/// whitespace exactly when the character is.
#[inline(always)]
pub fn ascii_fold_at(text: &str, at: usize) -> Option<(char, usize)> {
    let bytes = text.as_bytes();
    let byte = *bytes.get(at)?;
    if byte.is_ascii() {
        return Some((char::from(byte.to_ascii_lowercase()), 1));
    }
    if let Some((base, len)) = letters::ascii_base_at(&bytes[at..]) {
        return Some((char::from(base), len));
    }
    let c = text[at..].chars().next()?;
    Some((ascii_fold_char(c), c.len_utf8()))
}

/// [`ascii_fold_char`] of a character that is neither ASCII nor a
/// Vietnamese letter.
fn decomposed_base(c: char) -> char {
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

/// What [`ascii_key`] makes of each ASCII byte: its lowercase, or
/// [`WHITESPACE`].
static ASCII_KEY: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        table[byte] = if b.is_ascii_whitespace() || b == 0x0b {
            WHITESPACE
        } else {
            b.to_ascii_lowercase()
        };
        byte += 1;
    }
    table
};

/// The mark of whitespace in [`ASCII_KEY`], which no ASCII byte is.
const WHITESPACE: u8 = 0xff;

/// Returns `text` lowercased, without diacritics, with whitespace collapsed
/// to single spaces and trimmed.
pub fn ascii_key(text: &str) -> String {
    // Written by index into a buffer as long as the text: the key of ASCII
    // and Vietnamese letters is never longer, and only a rare character
    // whose base is longer than itself makes it grow.
    let mut key = vec![0u8; text.len()];
    let mut len = 0;
    let mut pending_space = false;
    let mut at = 0;
    while let Some(&byte) = text.as_bytes().get(at) {
        let folded = if byte.is_ascii() {
            at += 1;
            match ASCII_KEY[usize::from(byte)] {
                WHITESPACE => {
                    pending_space = len > 0;
                    continue;
                }
                folded => folded,
            }
        } else if let Some((base, width)) = letters::ascii_base_at(&text.as_bytes()[at..]) {
            at += width;
            base
        } else {
            let c = text[at..].chars().next().unwrap_or_default();
            at += c.len_utf8();
            if c.is_whitespace() {
                pending_space = len > 0;
                continue;
            }
            let folded = ascii_fold_char(c);
            if pending_space {
                key[len] = b' ';
                len += 1;
                pending_space = false;
            }
            let end = len + folded.len_utf8();
            // Room for this character and for the rest of the text.
            key.resize(key.len().max(end + text.len() - at), 0);
            folded.encode_utf8(&mut key[len..end]);
            len = end;
            continue;
        };
        if pending_space {
            key[len] = b' ';
            len += 1;
            pending_space = false;
        }
        key[len] = folded;
        len += 1;
    }
    key.truncate(len);
    String::from_utf8(key).expect("the key is written from whole characters")
}

/// Returns the characters of [`ascii_key`]`(text)` one by one, folding the
/// text only as far as they are asked for: a caller that looks at the
/// start of the key does not fold the rest.
///
/// ```
/// use kehoach_text::ascii_key_chars;
///
/// let head: String = ascii_key_chars("  Đơn vị   chủ trì: Sở Nội vụ").take(10).collect();
/// assert_eq!(head, "don vi chu");
/// ```
#[inline]
pub fn ascii_key_chars(text: &str) -> AsciiKeyChars<'_> {
    AsciiKeyChars {
        chars: text.chars(),
        started: false,
        after_space: None,
    }
}

/// The characters of an [`ascii_key`], from [`ascii_key_chars`].
#[derive(Debug, Clone)]
pub struct AsciiKeyChars<'a> {
    chars: std::str::Chars<'a>,
    /// A character has been given: whitespace from now on gives a space.
    started: bool,
    /// The character to give after the space just given.
    after_space: Option<char>,
}

impl Iterator for AsciiKeyChars<'_> {
    type Item = char;

    #[inline]
    fn next(&mut self) -> Option<char> {
        if let Some(c) = self.after_space.take() {
            return Some(c);
        }
        let mut space = false;
        for c in self.chars.by_ref() {
            if c.is_whitespace() {
                space = self.started;
                continue;
            }
            self.started = true;
            let folded = ascii_fold_char(c);
            if space {
                self.after_space = Some(folded);
                return Some(' ');
            }
            return Some(folded);
        }
        None
    }
}

/// Returns a comparison key for `text`: NFC, lowercase, tone marks in their
/// traditional place, a lone `y` after a consonant spelled `i`, whitespace
/// collapsed to single spaces and trimmed.
///
/// Two spellings of the same Vietnamese words give the same key; the key
/// keeps every diacritic that changes a word ("Sở" and "Số" differ).
pub fn fold(text: &str) -> String {
    fold::fast(text).unwrap_or_else(|| fold::general(text))
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

/// `text` with its first letter in upper case, when that letter has a
/// one-letter upper-case form: a title cut from a sentence ("thực hiện tốt
/// …" → "Thực hiện tốt …").
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut upper = first.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(single), None) => {
            let mut out = String::with_capacity(text.len());
            out.push(single);
            out.push_str(chars.as_str());
            out
        }
        _ => text.to_owned(),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn capitalized_keeps_the_rest() {
        assert_eq!(
            capitalize("thực hiện tốt công tác."),
            "Thực hiện tốt công tác."
        );
        assert_eq!(capitalize(""), "");
    }

    /// Vietnamese-like text: letters of any case and tone, spelling
    /// variants, symbols and spaces.
    ///
    /// Idempotence is checked on such text only. It does not hold where a
    /// moved tone mark meets another mark: a stray combining mark after a
    /// word ("uỵ\u{300}": "uỵ" is re-spelled "ụy", then the grave joins
    /// the "y"), a marked foreign letter ("Ọü": the dot below moves onto
    /// the "ü" and leaves "ụ\u{308}"), a letter of another script ("Έ𑌓\u{bcd}":
    /// the acute moves after the virama).
    pub(crate) fn vietnamese_like() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            8 => "[a-zA-Z]{1,3}",
            8 => "[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]",
            4 => "[ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ]",
            4 => "(qu|gi|uy|oa|oe|ue|uye|oai|uya|y|Y)",
            4 => "[ \t\n\u{a0}\u{2000}\u{3000}]{1,2}",
            3 => "[-,.;:()/0-9“”–…•°≥]",
        ];
        proptest::collection::vec(piece, 0..16).prop_map(|pieces| pieces.concat())
    }

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

    #[test]
    fn high_bytes_are_those_from_0xcc() {
        for byte in 0..=u8::MAX {
            for at in 0..8 {
                let mut word = [0x41u8; 8];
                word[at] = byte;
                let expected = if byte >= 0xcc { 0x80u64 << (8 * at) } else { 0 };
                assert_eq!(high_bytes(u64::from_le_bytes(word)), expected, "{byte:#x}");
            }
        }
    }

    #[test]
    fn nfc_quick_check_skips_only_allowed_starters() {
        let skipped = ('\0'..'\u{300}')
            .chain('\u{1e00}'..='\u{1eff}')
            .chain('\u{2002}'..='\u{203f}');
        for c in skipped {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick(iter::once(c)), IsNormalized::Yes, "{c:?}");
        }
    }

    /// The table look-up gives what decomposing gives, for every character.
    #[test]
    fn ascii_fold_char_keeps_the_first_code_point() {
        let decomposed_base = |c: char| {
            if c == 'đ' || c == 'Đ' {
                return 'd';
            }
            let base = c.nfd().next().unwrap_or(c);
            base.to_lowercase().next().unwrap_or(base)
        };
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(ascii_fold_char(c), decomposed_base(c), "{c:?}");
        }
    }

    #[test]
    fn fold_of_agency_names() {
        assert_eq!(
            fold("Sở Văn hoá,  Thể thao và Du lịch"),
            "sở văn hóa, thể thao và du lịch"
        );
        assert_eq!(
            fold("ỦY BAN NHÂN DÂN các huyện, thành phố, thị xã"),
            "ủy ban nhân dân các huyện, thành phố, thị xã"
        );
        assert_eq!(fold(" Quý I/2023 "), "quí i/2023");
    }

    /// The definition of [`ascii_key`], character by character.
    fn ascii_key_by_chars(text: &str) -> String {
        let mut key = String::new();
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

    /// Every character is folded at its bytes as [`ascii_fold_char`] folds
    /// it, whitespace stays whitespace and nothing else becomes it, and
    /// every Vietnamese letter outside ASCII is read off its bytes.
    #[test]
    fn characters_fold_at_their_bytes_as_alone() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("a{c}");
            let folded = ascii_fold_char(c);
            assert_eq!(
                ascii_fold_at(&text, 1),
                Some((folded, c.len_utf8())),
                "{c:?}"
            );
            assert_eq!(folded.is_whitespace(), c.is_whitespace(), "{c:?}");
            match letters::ascii_base_at(&text.as_bytes()[1..]) {
                Some((base, _)) => assert!(base.is_ascii_alphabetic(), "{c:?}"),
                None => assert!(c.is_ascii() || vietnamese_letter(c).is_none(), "{c:?}"),
            }
        }
        assert_eq!(ascii_fold_at("a", 1), None);
    }

    #[test]
    fn ascii_key_grows_for_longer_bases() {
        // U+023A lowercases to U+2C65, one byte longer.
        let text = "ȺȺÈ\u{b}Ⱥ Ⱥ\u{a0}x";
        assert_eq!(ascii_key(text), ascii_key_by_chars(text));
    }

    proptest! {
        #[test]
        fn ascii_key_agrees_with_its_definition(
            text in prop_oneof![vietnamese_like(), "\\PC{0,40}", "[\\s\\S]{0,20}"]
        ) {
            prop_assert_eq!(ascii_key(&text), ascii_key_by_chars(&text));
        }

        #[test]
        fn ascii_key_chars_spell_the_key(
            text in prop_oneof![vietnamese_like(), "\\PC{0,40}", "[\\s\\S]{0,20}"]
        ) {
            prop_assert_eq!(ascii_key_chars(&text).collect::<String>(), ascii_key(&text));
        }

        #[test]
        fn nfc_quick_check_agrees(text in "(\\PC|[\u{300}-\u{36f}]){0,40}") {
            prop_assert_eq!(nfc_quick_check(&text), is_nfc_quick(text.chars()));
        }

        /// Long texts of Vietnamese letters and combining marks, the marks
        /// on both sides of block boundaries.
        #[test]
        fn nfc_quick_check_agrees_on_long_texts(
            text in "([a-z ]{1,5}|ạ|ệ|ơ|Đ|“|\u{300}|\u{301}|\u{323}|\u{ff41}){0,90}"
        ) {
            prop_assert_eq!(nfc_quick_check(&text), is_nfc_quick(text.chars()));
        }

        /// Long texts whose blocks are mostly settled at once, with the
        /// characters next to the ones [`starters_block`] accepts (U+1DFF,
        /// U+1F00, U+2000, U+2001, U+2040, a combining mark) on both sides
        /// of block boundaries and at the end of the text.
        #[test]
        fn nfc_quick_check_agrees_on_settled_blocks(
            text in "([a-z ]{1,20}|ạ|ệ|ẁ|ỹ|ơ|“|—|‿|\u{1dff}|\u{1f00}|\u{2000}|\u{2001}|\u{2040}|\u{300}|\u{323}|\u{f900}){0,120}"
        ) {
            prop_assert_eq!(nfc_quick_check(&text), is_nfc_quick(text.chars()));
        }

        #[test]
        fn fold_is_idempotent(text in vietnamese_like()) {
            let once = fold(&text);
            prop_assert_eq!(fold(&once), once.clone());
        }

        #[test]
        fn traditional_placement_is_idempotent(text in vietnamese_like()) {
            let once = traditional_tone_placement(&text);
            prop_assert_eq!(traditional_tone_placement(&once), once.clone());
        }

        #[test]
        fn ascii_fold_keeps_char_count(text in "\\PC{0,40}") {
            prop_assert_eq!(text.chars().map(ascii_fold_char).count(), text.chars().count());
        }
    }
}
