//! Diacritic-free keys of the start of a text, folded only as far as a
//! check reads them.

use kehoach_text::ascii_key_chars;

/// Characters in a head key: more than in any phrase the parser compares
/// the start of a text with, so that a check on the head key answers as
/// the same check on the whole key would.
pub(crate) const HEAD_CHARS: usize = 48;

/// The first [`HEAD_CHARS`] characters of the key of `text`.
pub(crate) fn head_key(text: &str) -> String {
    let mut key = String::with_capacity(HEAD_CHARS);
    key.extend(ascii_key_chars(text).take(HEAD_CHARS));
    key
}

/// True when the key of `text` starts with `prefix`.
pub(crate) fn key_starts_with(text: &str, prefix: &str) -> bool {
    let mut key = ascii_key_chars(text);
    prefix.chars().all(|expected| key.next() == Some(expected))
}

#[cfg(test)]
mod tests {
    use super::*;
    use kehoach_text::ascii_key;

    #[test]
    fn head_keys_start_the_key() {
        let text = "  (Ban hành   kèm theo Quyết định số 45/QĐ-UBND ngày 10 tháng 01 năm 2023)";
        assert!(ascii_key(text).starts_with(&head_key(text)));
        assert_eq!(head_key(text).chars().count(), HEAD_CHARS);
        assert!(key_starts_with(text, "(ban hanh kem theo"));
        assert!(!key_starts_with("(Ban", "(ban hanh"));
    }
}
