//! Whether a text can cite a document at all, read off its characters
//! before it is tokenized: most paragraphs cite nothing, and tokenizing
//! them is the costliest part of finding references.

use memchr::memmem::Finder;

use crate::agency::chars::{WORD, classes, is_capital, letters, word_at};
use crate::agency::lexicon::LEXICON;

/// What a reference by title may start with, from the data.
#[derive(Debug, Default)]
pub(super) struct TitleCues {
    /// The letters of the first word of each kind cited by its title,
    /// without marks and with "y" as "i": "luat", "bo", "hien", "phap".
    pub words: Vec<String>,
    /// The first token of each abbreviation whose expansion holds such a
    /// word ("QPPL" for "quy phạm pháp luật"), ready to be searched for.
    abbreviations: Vec<Finder<'static>>,
    /// The ASCII capitals a cue word can start with ("LBHP"), one bit each.
    initials: u128,
}

impl TitleCues {
    /// Adds the cues of a kind cited by its title, named by `words`
    /// ("Bộ luật").
    pub(super) fn add_kind(&mut self, words: &[String]) {
        for phrase in words {
            let keys = LEXICON.keys_of(phrase);
            let Some(first) = keys.first() else { continue };
            let letters: String = letters(first).collect();
            // A word whose letters start with a character that is no ASCII
            // letter could start with any capital.
            self.initials |= match letters.bytes().next() {
                Some(initial) if initial.is_ascii_lowercase() => 1 << initial.to_ascii_uppercase(),
                _ => (b'A'..=b'Z').map(|capital| 1u128 << capital).sum(),
            };
            if !self.words.contains(&letters) {
                self.words.push(letters);
            }
            for abbreviation in LEXICON.abbreviations.values() {
                let first_token = abbreviation.first.as_bytes();
                if abbreviation.words.iter().any(|w| *w.key.key() == **first)
                    && !self.abbreviations.iter().any(|f| f.needle() == first_token)
                {
                    self.abbreviations
                        .push(Finder::new(first_token).into_owned());
                }
            }
        }
    }
}

/// Whether `text` may cite a document. A reference needs a number whose
/// type code starts with a capital after a slash or a hyphen ("45/QĐ-UBND",
/// "1568-CV/TU", a blank "/KH-BTNMT"), or a kind cited by its title whose
/// first word is capitalised ("Luật Kế toán") or spelled out by an
/// abbreviation.
///
/// `false` only when the finder would find nothing.
pub(super) fn may_cite(text: &str, cues: &TitleCues) -> bool {
    has_coded_number(text) || may_cite_by_title(text, cues)
}

/// Whether a slash, or a hyphen or en dash after a number, is followed
/// (past spaces and tabs) by a capital, as the number pattern requires.
/// `char::is_uppercase` holds for every `\p{Lu}` letter.
fn has_coded_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'/', b'-', "–".as_bytes()[0], bytes).any(|at| {
        let after = match bytes[at] {
            b'/' => at + 1,
            b'-' if number_before(text, at) => at + 1,
            _ if text[at..].starts_with('–') && number_before(text, at) => at + '–'.len_utf8(),
            _ => return false,
        };
        text[after..]
            .trim_start_matches([' ', '\t'])
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    })
}

/// Whether a number ends before byte `at`, past spaces and tabs and one
/// ASCII letter: the `\d+[A-Za-z]?[ \t]*` of the number pattern, or the
/// year after its slash. `char::is_numeric` holds for every `\d` digit.
fn number_before(text: &str, at: usize) -> bool {
    let mut before = text[..at].trim_end_matches([' ', '\t']).chars();
    match before.next_back() {
        Some(c) if c.is_ascii_alphabetic() => before.next_back().is_some_and(char::is_numeric),
        Some(c) => c.is_numeric(),
        None => false,
    }
}

/// Whether a word of `text` may start a kind cited by its title: a word
/// written with a capital whose letters are those of a cue word (every
/// spelling of a word that folds to the cue's key has its letters), or an
/// abbreviation whose expansion holds one (the words of an expansion count
/// as capitalised).
fn may_cite_by_title(text: &str, cues: &TitleCues) -> bool {
    cues.abbreviations
        .iter()
        .any(|abbreviation| abbreviation.find(text.as_bytes()).is_some())
        || text.char_indices().any(|(at, c)| {
            // An ASCII capital that starts no cue is passed over at once.
            let capital = if c.is_ascii() {
                cues.initials & (1 << u32::from(c)) != 0
            } else {
                is_capital(c)
            };
            capital
                && text[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|before| classes(before) & WORD == 0)
                && cues
                    .words
                    .iter()
                    .any(|cue| letters(word_at(text, at)).eq(cue.chars()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_a_type_code_are_seen() {
        for text in [
            "Quyết định số 1782/QĐ-UBND",
            "Công văn số 1568-CV/TU",
            "Nghị định 107/2020/NĐ-CP",
            "số 45 /QĐ-UBND",
            "Kế hoạch số    /KH-BTNMT",
            "12a – ĐT",
        ] {
            assert!(has_coded_number(text), "{text}");
        }
        for text in [
            "ngày 30/6/2025",
            "Phục vụ - Kiểm soát",
            "2023 - 2025",
            "a/b",
        ] {
            assert!(!has_coded_number(text), "{text}");
        }
    }

    #[test]
    fn words_are_cut_as_tokens() {
        assert_eq!(word_at("Luật*Đất đai", 0), "Luật");
        assert_eq!(word_at("(Bộ luật", 1), "Bộ");
        assert_eq!(word_at("Pháp-lệnh", 0), "Pháp");
    }
}
