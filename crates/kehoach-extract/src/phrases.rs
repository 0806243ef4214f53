//! Phrase lists the extractor matches, loaded from `data/phrases.tsv`.

use std::sync::LazyLock;

use kehoach_text::{ascii_key, ascii_key_chars};

const PHRASES: &str = include_str!("../data/phrases.tsv");

fn list(name: &str) -> Vec<String> {
    PHRASES
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t'))
        .filter(|(list, _)| *list == name)
        .map(|(_, phrase)| ascii_key(phrase))
        .collect()
}

/// Phrases of a decision's execution clause.
pub(crate) static BOILERPLATE: LazyLock<Vec<String>> = LazyLock::new(|| list("boilerplate"));
/// Openings of a decision's enacting article ("Ban hành kèm theo Quyết
/// định này …"), not a task.
pub(crate) static ENACTMENT: LazyLock<Vec<String>> = LazyLock::new(|| list("enactment"));
/// Words that open a sentence assigning a task to the agency after them.
pub(crate) static ASSIGN_OPENERS: LazyLock<Vec<String>> = LazyLock::new(|| list("assign_opener"));
/// Verb phrases that follow the subject of an assigning sentence.
pub(crate) static ASSIGN_VERBS: LazyLock<Vec<String>> = LazyLock::new(|| list("assign"));
/// Heading words that name the owner of a section after "của".
pub(crate) static OWNER_HEADINGS: LazyLock<Vec<String>> = LazyLock::new(|| list("owner"));
/// Words that open an introductory clause before the subject of a sentence.
pub(crate) static INTRODUCTIONS: LazyLock<Vec<String>> = LazyLock::new(|| list("introduction"));
/// Document kinds whose body items are all directives.
pub(crate) static DIRECTIVE_KINDS: LazyLock<Vec<String>> = LazyLock::new(|| list("directive_kind"));

/// True when a text is the execution or enacting clause of a decision.
pub(crate) fn is_boilerplate(text: &str) -> bool {
    contains_any(text, &BOILERPLATE) || starts_with_any(text, &ENACTMENT)
}

/// True when `text` contains a phrase of `phrases` (diacritic-free).
pub(crate) fn contains_any(text: &str, phrases: &[String]) -> bool {
    let key = ascii_key(text);
    phrases.iter().any(|phrase| key.contains(phrase.as_str()))
}

/// True when `text` opens with a phrase of `phrases` (diacritic-free).
/// Only as much of the opening is folded as the longest phrase and the
/// character after it need.
pub(crate) fn starts_with_any(text: &str, phrases: &[String]) -> bool {
    let longest = phrases.iter().map(String::len).max().unwrap_or(0);
    let key: String = ascii_key_chars(&text[..text.floor_char_boundary(60)])
        .take(longest + 1)
        .collect();
    phrases.iter().any(|phrase| {
        key.strip_prefix(phrase.as_str())
            .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn phrases_are_nfc_and_unique() {
        let mut seen = HashSet::new();
        for (index, line) in PHRASES.lines().enumerate() {
            assert_eq!(
                kehoach_text::nfc(line),
                line,
                "phrases.tsv:{} is not NFC",
                index + 1
            );
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            assert!(
                seen.insert(ascii_key(line)),
                "phrases.tsv:{} is a duplicate",
                index + 1
            );
        }
        assert!(!BOILERPLATE.is_empty() && !ASSIGN_VERBS.is_empty() && !DIRECTIVE_KINDS.is_empty());
    }

    #[test]
    fn an_opening_phrase_is_a_whole_word() {
        assert!(starts_with_any("  GIAO Sở Nội vụ chủ trì", &ASSIGN_OPENERS));
        assert!(starts_with_any("Đề   nghị: các sở", &ASSIGN_OPENERS));
        assert!(!starts_with_any(
            "Giao thông vận tải",
            &["giao thong van tai x".to_owned()]
        ));
        assert!(!starts_with_any("Giaothông", &ASSIGN_OPENERS));
        assert!(!starts_with_any("", &ASSIGN_OPENERS));
    }
}
