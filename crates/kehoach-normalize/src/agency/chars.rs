//! What the tokenizer reads off each character: whether it separates
//! words, belongs to one, and its case. ASCII is answered from a table,
//! Vietnamese letters from their code points; only other characters reach
//! the Unicode tables.

use super::token::Case;

/// Whitespace or markup that separates words like a space does.
pub(crate) const SEPARATOR: u8 = 1;
/// A letter or digit.
pub(crate) const WORD: u8 = 2;
/// An ASCII digit.
pub(crate) const DIGIT: u8 = 4;
/// An uppercase letter.
pub(crate) const UPPER: u8 = 8;
/// A lowercase letter.
const LOWER: u8 = 16;
/// A digit or a lowercase ASCII letter other than `y` (which `fold` may
/// respell): a word of these only is its own key.
pub(crate) const PLAIN: u8 = 32;

/// The classes of each ASCII character.
const ASCII: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut byte = 0;
    while byte < 128 {
        let c = byte as u8 as char;
        table[byte] = if c.is_ascii_digit() {
            WORD | DIGIT | PLAIN
        } else if c.is_ascii_uppercase() {
            WORD | UPPER
        } else if c == 'y' {
            WORD | LOWER
        } else if c.is_ascii_lowercase() {
            WORD | LOWER | PLAIN
        } else if matches!(
            c,
            '\t' | '\n' | '\x0B' | '\x0C' | '\r' | ' ' | '*' | '_' | '\\' | '#'
        ) {
            SEPARATOR
        } else {
            0
        };
        byte += 1;
    }
    table
};

/// The classes of `c`: [`SEPARATOR`], [`WORD`] and the others, or 0 for
/// punctuation.
#[inline]
pub(crate) fn classes(c: char) -> u8 {
    match u32::from(c) {
        code @ 0..=0x7F => ASCII[code as usize],
        _ => non_ascii_classes(c),
    }
}

fn non_ascii_classes(c: char) -> u8 {
    if !is_latin_letter(c) && (c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}')) {
        return SEPARATOR;
    }
    if !is_non_ascii_word_char(c) {
        return 0;
    }
    match letter_case(c) {
        Some(true) => WORD | UPPER,
        Some(false) => WORD | LOWER,
        None => WORD,
    }
}

/// Whether `c` (not ASCII) belongs to a word: a letter, digit or combining
/// mark. Every combining mark does, not only the Vietnamese ones: NFC may
/// reorder the marks after a letter, and a mark left out of its word would
/// then move across the word's end.
#[inline]
pub(crate) fn is_non_ascii_word_char(c: char) -> bool {
    is_latin_letter(c) || c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

/// A letter of the Latin blocks where every Vietnamese letter lies, which
/// are letters all but "×" and "÷": testing them first spares the Unicode
/// tables for almost every character.
#[inline]
fn is_latin_letter(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}') && c != '×' && c != '÷'
}

/// Whether `c` is an uppercase letter (which always belongs to a word).
#[inline]
pub(crate) fn is_capital(c: char) -> bool {
    letter_case(c) == Some(true)
}

/// `Some(true)` for an uppercase letter, `Some(false)` for a lowercase one,
/// `None` for a character without case, as `char::is_uppercase` and
/// `char::is_lowercase` tell.
#[inline]
fn letter_case(c: char) -> Option<bool> {
    match u32::from(c) {
        0x41..=0x5A => Some(true),
        0x61..=0x7A => Some(false),
        0..=0x7F => None,
        0xC0..=0xD6 | 0xD8..=0xDE | 0x1A0 | 0x1AF => Some(true),
        0xDF..=0xF6 | 0xF8..=0xFF | 0x1A1 | 0x1B0 => Some(false),
        // Latin Extended-A up to "ķ" and the Vietnamese block of Latin
        // Extended Additional pair each capital (even) with its small
        // letter (odd).
        code @ (0x100..=0x137 | 0x1EA0..=0x1EFF) => Some(code % 2 == 0),
        _ if c.is_uppercase() => Some(true),
        _ if c.is_lowercase() => Some(false),
        _ => None,
    }
}

/// How `word` is capitalised: by its first cased letter and the others.
pub(crate) fn case_of(word: &str) -> Case {
    let mut first_upper = None;
    let (mut upper, mut lower) = (0u32, 0u32);
    for c in word.chars() {
        let Some(is_upper) = letter_case(c) else {
            continue;
        };
        first_upper.get_or_insert(is_upper);
        if is_upper {
            upper += 1;
        } else {
            lower += 1;
        }
    }
    match (first_upper, upper, lower) {
        (None, _, _) => Case::Mixed,
        (Some(true), _, 0) => Case::Upper,
        (Some(true), 1, _) => Case::Title,
        (Some(false), 0, _) => Case::Lower,
        _ => Case::Mixed,
    }
}

/// The word that starts at byte `at` of `text`, as the tokenizer cuts it.
pub(crate) fn word_at(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    let end = rest
        .char_indices()
        .find(|&(_, c)| classes(c) & WORD == 0)
        .map_or(rest.len(), |(end, _)| end);
    &rest[..end]
}

/// The letters of a word, lowercase and without marks, "y" read as "i":
/// every spelling of a word that [`fold`](kehoach_text::fold)s to a key has
/// the key's letters (`fold` may respell "y" as "i" and back).
pub(crate) fn letters(word: &str) -> impl Iterator<Item = char> + '_ {
    letters_of(word.chars())
}

/// [`letters`] of the characters `chars`.
pub(crate) fn letters_of(chars: impl Iterator<Item = char>) -> impl Iterator<Item = char> {
    chars
        .filter(|c| !('\u{300}'..='\u{36F}').contains(c))
        .map(kehoach_text::ascii_fold_char)
        .map(|c| if c == 'y' { 'i' } else { c })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A letter, digit or combining mark of a word, by the Unicode tables.
    fn is_word_char(c: char) -> bool {
        c.is_ascii_alphanumeric()
            || matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}') && c != '×' && c != '÷'
            || !c.is_ascii()
                && (c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c))
    }

    /// The case of a word as read with the Unicode tables alone.
    pub(crate) fn oracle_case(word: &str) -> Case {
        let mut letters = word
            .chars()
            .filter(|&c| c.is_lowercase() || c.is_uppercase());
        let Some(first) = letters.next() else {
            return Case::Mixed;
        };
        let (mut rest_lower, mut rest_upper) = (true, true);
        for c in letters {
            rest_lower &= !c.is_uppercase();
            rest_upper &= !c.is_lowercase();
        }
        match (first.is_uppercase(), rest_lower, rest_upper) {
            (false, true, _) => Case::Lower,
            (true, _, true) => Case::Upper,
            (true, true, false) => Case::Title,
            _ => Case::Mixed,
        }
    }

    #[test]
    fn classes_agree_with_the_unicode_tables() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let expected_case = if c.is_uppercase() {
                Some(true)
            } else if c.is_lowercase() {
                Some(false)
            } else {
                None
            };
            assert_eq!(letter_case(c), expected_case, "{c:?}");
            let separator =
                c.is_whitespace() || matches!(c, '*' | '_' | '\\' | '#' | '\u{200B}' | '\u{FEFF}');
            let class = classes(c);
            assert_eq!(class & SEPARATOR != 0, separator, "{c:?}");
            assert_eq!(class & WORD != 0, !separator && is_word_char(c), "{c:?}");
            // A cased character is always read as a letter of a word.
            assert!(expected_case.is_none() || class & WORD != 0, "{c:?}");
            if class & WORD != 0 {
                assert_eq!(class & UPPER != 0, expected_case == Some(true), "{c:?}");
                assert_eq!(class & LOWER != 0, expected_case == Some(false), "{c:?}");
                assert_eq!(class & DIGIT != 0, c.is_ascii_digit(), "{c:?}");
                let plain = c.is_ascii_digit() || c.is_ascii_lowercase() && c != 'y';
                assert_eq!(class & PLAIN != 0, plain, "{c:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn case_of_agrees_with_the_unicode_tables(word in "\\PC{0,8}") {
            prop_assert_eq!(case_of(&word), oracle_case(&word));
        }
    }
}
