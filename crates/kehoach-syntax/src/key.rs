//! Diacritic-free keys of the start of a text, folded only as far as a
//! check reads them.

use kehoach_text::ascii_key_chars;

/// Characters in a head key: more than in any phrase the parser compares
/// the start of a text with, so that a check on the head key answers as
/// the same check on the whole key would.
pub(crate) const HEAD_CHARS: usize = 48;

/// The first [`HEAD_CHARS`] characters of the key of `text`.
pub(crate) fn head_key(text: &str) -> String {
    key_prefix(text, HEAD_CHARS)
}

/// The first `chars` characters of the key of `text`: what
/// [`ascii_key_chars`] gives, folded here without its iterator by
/// [`kehoach_text::ascii_fold_at`], which reads ASCII characters and
/// Vietnamese letters off their bytes.
pub(crate) fn key_prefix(text: &str, chars: usize) -> String {
    let mut key = String::with_capacity(chars);
    let mut count = 0;
    // Whitespace since the last character, after a first one.
    let mut space = false;
    let mut at = 0;
    while let Some((folded, width)) = kehoach_text::ascii_fold_at(text, at) {
        if count == chars {
            break;
        }
        at += width;
        if folded.is_whitespace() {
            space = count > 0;
            continue;
        }
        if space {
            space = false;
            key.push(' ');
            count += 1;
            if count == chars {
                break;
            }
        }
        key.push(folded);
        count += 1;
    }
    key
}

/// The first character of the key of `text`.
pub(crate) fn first_key_char(text: &str) -> Option<char> {
    // A text opening with a printable ASCII byte has nothing to trim, and
    // the byte folds to its lowercase.
    if let Some(&first) = text.as_bytes().first()
        && first.is_ascii_graphic()
    {
        return Some(char::from(first.to_ascii_lowercase()));
    }
    text.trim_start()
        .chars()
        .next()
        .map(kehoach_text::ascii_fold_char)
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

    proptest::proptest! {
        /// The first key character is the first of the key.
        #[test]
        fn first_key_chars_start_the_key(text in "[ \t\u{a0}aAĐơnịẠ,:(~]{0,6}") {
            proptest::prop_assert_eq!(first_key_char(&text), ascii_key_chars(&text).next());
        }

        /// A key prefix is the start of the key.
        #[test]
        fn key_prefixes_start_the_key(text in "[ \t\u{a0}\u{85}aĐơnịẠẾửđ\u{301},:]{0,20}", chars in 0usize..24) {
            let expected: String = ascii_key_chars(&text).take(chars).collect();
            proptest::prop_assert_eq!(key_prefix(&text, chars), expected);
        }
    }

    #[test]
    fn head_keys_start_the_key() {
        let text = "  (Ban hành   kèm theo Quyết định số 45/QĐ-UBND ngày 10 tháng 01 năm 2023)";
        assert!(ascii_key(text).starts_with(&head_key(text)));
        assert_eq!(head_key(text).chars().count(), HEAD_CHARS);
        assert!(key_starts_with(text, "(ban hanh kem theo"));
        assert!(!key_starts_with("(Ban", "(ban hanh"));
    }
}
