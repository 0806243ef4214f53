//! The parser's lookup knowledge, loaded once from the TSV files in `data/`.
//!
//! Each file is a list a maintainer can extend without touching code; the
//! tests at the bottom check that every file is NFC and free of duplicates.

use std::sync::LazyLock;

use kehoach_text::ascii_key;

use crate::field::FieldRole;
use crate::outline::SectionRole;
use crate::table::ColumnRole;

const LABELS: &str = include_str!("../data/labels.tsv");
const COLUMNS: &str = include_str!("../data/columns.tsv");
const SECTIONS: &str = include_str!("../data/sections.tsv");
const KINDS: &str = include_str!("../data/kinds.tsv");
const WORDS: &str = include_str!("../data/words.tsv");
const SIGNERS: &str = include_str!("../data/signers.tsv");

/// The non-comment, non-blank lines of a TSV file, split on tabs.
fn rows(source: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    source
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| line.split('\t').collect())
}

/// A field label: its role and its diacritic-free key.
pub(crate) struct Label {
    pub(crate) role: FieldRole,
    pub(crate) key: String,
    /// [`Label::may_lack_colon`], read once.
    may_lack_colon: bool,
}

/// Field labels, longest key first so the longest wording wins.
impl Label {
    /// True for a deadline label of three words or more, which may be
    /// followed by a deadline word instead of a colon ("Thời gian thực
    /// hiện sau khi …"); every other label needs its colon.
    pub(crate) fn may_lack_colon(&self) -> bool {
        self.may_lack_colon
    }
}

pub(crate) static LABEL_KEYS: LazyLock<Vec<Label>> = LazyLock::new(|| {
    let mut labels: Vec<Label> = rows(LABELS)
        .filter_map(|row| {
            let role = FieldRole::from_name(row.first()?)?;
            let key = ascii_key(row.get(1)?);
            Some(Label {
                role,
                may_lack_colon: role == FieldRole::Deadline && key.split(' ').count() >= 3,
                key,
            })
        })
        .collect();
    labels.sort_by_key(|label| std::cmp::Reverse(label.key.len()));
    labels
});

/// Field labels grouped by the first word of their key: a text whose key
/// starts with a label starts with that label's first word.
pub(crate) struct LabelGroups {
    /// In the order of their first words' first bytes.
    pub(crate) groups: Vec<LabelGroup>,
    /// Characters in the longest first word.
    pub(crate) longest_word: usize,
    /// The first bytes of the first words, one bit per ASCII byte.
    first_bytes: u128,
    /// For each ASCII byte, the range of the groups whose first word
    /// starts with it.
    by_first_byte: [(usize, usize); 128],
}

impl LabelGroups {
    /// True when some first word starts with the ASCII byte `byte`: a word
    /// starting with another byte has no [group](Self::group).
    pub(crate) fn may_start(&self, byte: u8) -> bool {
        byte < 128 && self.first_bytes & (1 << byte) != 0
    }

    /// The group of the labels whose first word is `word`. Lengths and
    /// first bytes are compared before whole words: most words of a text
    /// start no label.
    pub(crate) fn group(&self, word: &[u8]) -> Option<&LabelGroup> {
        let first = *word.first()?;
        let groups = match self.by_first_byte.get(usize::from(first)) {
            Some(&(from, to)) => &self.groups[from..to],
            None => &self.groups[..],
        };
        groups.iter().find(|group| {
            let key = group.first_word.as_bytes();
            key.len() == word.len() && key[0] == first && key == word
        })
    }
}

/// The labels whose key starts with one word.
pub(crate) struct LabelGroup {
    pub(crate) first_word: String,
    /// Longest key first.
    pub(crate) labels: Vec<&'static Label>,
    /// A label of the group [may lack its colon](Label::may_lack_colon).
    pub(crate) may_lack_colon: bool,
}

pub(crate) static LABEL_GROUPS: LazyLock<LabelGroups> = LazyLock::new(|| {
    let mut groups: Vec<LabelGroup> = Vec::new();
    for label in LABEL_KEYS.iter() {
        let word: String = label
            .key
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .collect();
        match groups.iter_mut().find(|group| group.first_word == word) {
            Some(group) => {
                group.labels.push(label);
                group.may_lack_colon |= label.may_lack_colon();
            }
            None => groups.push(LabelGroup {
                first_word: word,
                labels: vec![label],
                may_lack_colon: label.may_lack_colon(),
            }),
        }
    }
    // Stable: the groups of one first byte keep their order.
    groups.sort_by_key(|group| group.first_word.bytes().next());
    let mut by_first_byte = [(0, 0); 128];
    for (byte, range) in by_first_byte.iter_mut().enumerate() {
        let opens = |group: &LabelGroup| group.first_word.bytes().next() == u8::try_from(byte).ok();
        let from = groups.iter().position(opens).unwrap_or(0);
        let to = from
            + groups[from..]
                .iter()
                .take_while(|group| opens(group))
                .count();
        *range = (from, to);
    }
    let longest_word = groups
        .iter()
        .map(|group| group.first_word.chars().count())
        .max()
        .unwrap_or(0);
    let first_bytes = groups
        .iter()
        .filter_map(|group| group.first_word.bytes().next())
        .filter(|byte| byte.is_ascii())
        .fold(0u128, |bits, byte| bits | 1 << byte);
    LabelGroups {
        groups,
        longest_word,
        first_bytes,
        by_first_byte,
    }
});

/// Table header phrases in priority order.
pub(crate) static COLUMN_KEYS: LazyLock<Vec<(ColumnRole, String)>> = LazyLock::new(|| {
    rows(COLUMNS)
        .filter_map(|row| Some((ColumnRole::from_name(row.first()?)?, ascii_key(row.get(1)?))))
        .collect()
});

/// Section heading phrases, longest first.
pub(crate) static SECTION_KEYS: LazyLock<Vec<(SectionRole, String)>> = LazyLock::new(|| {
    let mut keys: Vec<(SectionRole, String)> = rows(SECTIONS)
        .filter_map(|row| {
            Some((
                SectionRole::from_name(row.first()?)?,
                ascii_key(row.get(1)?),
            ))
        })
        .collect();
    keys.sort_by_key(|(_, key)| std::cmp::Reverse(key.len()));
    keys
});

/// A document kind: its snake-case name, heading key and number codes.
pub(crate) struct Kind {
    pub(crate) name: &'static str,
    pub(crate) heading: String,
    pub(crate) codes: Vec<String>,
}

/// Document kinds, longest heading first ("CHƯƠNG TRÌNH HÀNH ĐỘNG" before
/// "CHƯƠNG TRÌNH").
pub(crate) static KIND_KEYS: LazyLock<Vec<Kind>> = LazyLock::new(|| {
    let mut kinds: Vec<Kind> = rows(KINDS)
        .filter_map(|row| {
            Some(Kind {
                name: row.first()?,
                heading: ascii_key(row.get(1)?),
                codes: row
                    .get(2)
                    .map(|codes| codes.split_whitespace().map(ascii_key).collect())
                    .unwrap_or_default(),
            })
        })
        .collect();
    kinds.sort_by_key(|kind| std::cmp::Reverse(kind.heading.len()));
    kinds
});

/// The diacritic-free keys of one word list in `words.tsv`.
fn word_list(name: &str) -> Vec<String> {
    rows(WORDS)
        .filter(|row| row.first() == Some(&name))
        .filter_map(|row| row.get(1).map(|word| ascii_key(word)))
        .collect()
}

/// Words that leave a phrase unfinished at the end of a line.
pub(crate) static DANGLING: LazyLock<Vec<String>> = LazyLock::new(|| word_list("dangling"));
/// Words that leave a phrase unfinished before a number.
pub(crate) static DANGLING_NUMBER: LazyLock<Vec<String>> =
    LazyLock::new(|| word_list("dangling_number"));
/// Agency head words that leave a name unfinished when capitalized.
pub(crate) static DANGLING_HEAD: LazyLock<Vec<String>> =
    LazyLock::new(|| word_list("dangling_head"));
/// Words that open a new paragraph.
pub(crate) static STARTERS: LazyLock<Vec<String>> = LazyLock::new(|| word_list("starter"));
/// Words that open the closing remarks of a document.
pub(crate) static CLOSINGS: LazyLock<Vec<String>> = LazyLock::new(|| word_list("closing"));
/// Lines of the national motto.
pub(crate) static MOTTO: LazyLock<Vec<String>> = LazyLock::new(|| word_list("motto"));

fn signer_list(name: &str) -> Vec<String> {
    let mut words: Vec<String> = rows(SIGNERS)
        .filter(|row| row.first() == Some(&name))
        .filter_map(|row| row.get(1).map(|word| ascii_key(word)))
        .collect();
    words.sort_by_key(|word| std::cmp::Reverse(word.len()));
    words
}

/// "On behalf of" prefixes of a signature (KT., TM. …).
pub(crate) static SIGNER_PREFIXES: LazyLock<Vec<String>> = LazyLock::new(|| signer_list("prefix"));
/// Signing offices (CHỦ TỊCH, GIÁM ĐỐC …), longest first.
pub(crate) static SIGNER_TITLES: LazyLock<Vec<String>> = LazyLock::new(|| signer_list("title"));

/// True when `key` (a diacritic-free key) starts with `word` followed by a
/// word boundary.
///
/// Most keys are told apart by their first byte, compared where this is
/// called; the rest is compared apart.
#[inline(always)]
pub(crate) fn starts_with_word(key: &str, word: &str) -> bool {
    key.as_bytes().first() == word.as_bytes().first() && starts_with_whole_word(key, word)
}

/// [`starts_with_word`] once the first bytes are equal.
fn starts_with_whole_word(key: &str, word: &str) -> bool {
    key.strip_prefix(word)
        .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// A group is found among those of its first byte as among all.
    #[test]
    fn label_groups_are_found_by_their_first_byte() {
        let by_search = |word: &[u8]| {
            LABEL_GROUPS
                .groups
                .iter()
                .position(|group| group.first_word.as_bytes() == word)
        };
        let position = |word: &[u8]| {
            LABEL_GROUPS.group(word).and_then(|found| {
                LABEL_GROUPS
                    .groups
                    .iter()
                    .position(|g| std::ptr::eq(g, found))
            })
        };
        let mut words: Vec<Vec<u8>> = LABEL_GROUPS
            .groups
            .iter()
            .map(|group| group.first_word.as_bytes().to_vec())
            .collect();
        words.extend(
            ["", "t", "th", "thoix", "xyz", "đon", "9"].map(|word| word.as_bytes().to_vec()),
        );
        for word in &words {
            assert_eq!(
                position(word),
                by_search(word),
                "{:?}",
                String::from_utf8_lossy(word)
            );
            assert_eq!(
                by_search(word).is_some(),
                LABEL_GROUPS
                    .groups
                    .iter()
                    .any(|g| g.first_word.as_bytes() == word.as_slice())
            );
        }
    }

    /// Checks that every line is NFC and that no two lines share the
    /// diacritic-free text of `key_columns`.
    fn check_data_file(name: &str, source: &str, key_columns: &[usize]) {
        let mut seen = HashSet::new();
        for (index, line) in source.lines().enumerate() {
            assert_eq!(
                kehoach_text::nfc(line),
                line,
                "{name}:{} is not NFC",
                index + 1
            );
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let columns: Vec<&str> = line.split('\t').collect();
            let key: Vec<String> = key_columns
                .iter()
                .map(|&column| ascii_key(columns.get(column).copied().unwrap_or("")))
                .collect();
            assert!(
                seen.insert(key),
                "{name}:{} duplicates an earlier line",
                index + 1
            );
        }
    }

    #[test]
    fn data_files_are_nfc_without_duplicates() {
        // A label, header phrase or heading word means one thing only.
        check_data_file("labels.tsv", LABELS, &[1]);
        check_data_file("columns.tsv", COLUMNS, &[1]);
        check_data_file("sections.tsv", SECTIONS, &[1]);
        check_data_file("kinds.tsv", KINDS, &[1]);
        check_data_file("words.tsv", WORDS, &[0, 1]);
        check_data_file("signers.tsv", SIGNERS, &[1]);
    }

    /// Phrases compared with the start of a text fit in a head key, with
    /// room for the "cac " before a section phrase and the space and colon
    /// after it.
    #[test]
    fn head_phrases_are_shorter_than_head_keys() {
        let phrases = STARTERS
            .iter()
            .chain(CLOSINGS.iter())
            .chain(KIND_KEYS.iter().map(|kind| &kind.heading))
            .chain(SECTION_KEYS.iter().map(|(_, phrase)| phrase));
        for phrase in phrases {
            assert!(
                phrase.chars().count() + 6 < crate::key::HEAD_CHARS,
                "{phrase}"
            );
        }
    }

    #[test]
    fn every_data_row_parses() {
        assert_eq!(LABEL_KEYS.len(), rows(LABELS).count());
        assert_eq!(COLUMN_KEYS.len(), rows(COLUMNS).count());
        assert_eq!(SECTION_KEYS.len(), rows(SECTIONS).count());
        assert_eq!(KIND_KEYS.len(), rows(KINDS).count());
    }
}
