//! The words of deadline phrases, loaded once from `data/deadline_words.tsv`.
//!
//! Every spelling is interned to a small id so that the lexer looks a word
//! up once and multi-word spellings ("thường xuyên", "kể từ khi") are matched
//! by comparing ids rather than strings.

use std::sync::LazyLock;

use crate::hash::WordMap;

/// The embedded word list; see the file for the meaning of each role.
pub(crate) const WORDS_TSV: &str = include_str!("../../data/deadline_words.tsv");

/// What a word (or a multi-word spelling) means to the grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// A word the lexicon does not know.
    Other,
    /// A run of ASCII digits.
    Number,
    Slash,
    Dash,
    Comma,
    Semicolon,
    Dot,
    Colon,
    Open,
    Close,
    /// Any other punctuation.
    Punct,
    Day,
    Week,
    Month,
    Quarter,
    Half,
    Year,
    Hour,
    Numeral(u8),
    Roman(u8),
    QuarterNumeral(u8),
    QLetter,
    Every,
    Periodic,
    Ongoing,
    Times,
    Early,
    Late,
    Before,
    By,
    From,
    Since,
    To,
    And,
    Or,
    In,
    At,
    Plural,
    Onward,
    Trigger,
    Immediate,
    Until,
    AdHoc,
    Span,
    Finish,
    Noise,
    Plan,
    Budget,
}

impl Role {
    /// Whether the word names a unit or part of time that can open a time
    /// phrase: a day, month, quarter, year, half, "đầu"/"cuối", a span.
    pub(crate) fn opens_time(self) -> bool {
        matches!(
            self,
            Role::Day
                | Role::Month
                | Role::Quarter
                | Role::QuarterNumeral(_)
                | Role::QLetter
                | Role::Year
                | Role::Half
                | Role::Early
                | Role::Late
                | Role::Span
        )
    }

    /// Whether, inside a sentence, a piece of a deadline can rest on a
    /// token of this role where the clause has no written number:
    /// "định kỳ", "hàng"/"hằng"/"mỗi" (before a unit), "ngay khi", "lần"
    /// (of "hai năm một lần"), "tháng" and "quý" (before a Roman numeral),
    /// "QI"… and "năm" (of "cuối năm", "nửa đầu năm"). Every other way to a
    /// piece goes through a number (a day, a year, an offset, "Q1") or
    /// through one of these in the same clause: a modifier, "giai đoạn" or
    /// a numeral needs a time item or unit after it, "đầu", "cuối" and
    /// "nửa" need "năm"; see `scan.rs` and `grammar.rs`.
    pub(crate) fn leads_sentence_piece(self) -> bool {
        matches!(
            self,
            Role::Periodic
                | Role::Every
                | Role::Immediate
                | Role::Times
                | Role::Month
                | Role::Quarter
                | Role::QuarterNumeral(_)
                | Role::Year
        )
    }

    /// Parses a role name of the data file.
    pub(crate) fn from_name(name: &str) -> Option<Role> {
        if let Some((prefix, number)) = name.split_once(':') {
            let number: u8 = number.parse().ok()?;
            return match prefix {
                "numeral" => Some(Role::Numeral(number)),
                "roman" => Some(Role::Roman(number)),
                "quarter" if (1..=4).contains(&number) => Some(Role::QuarterNumeral(number)),
                _ => None,
            };
        }
        Some(match name {
            "day" => Role::Day,
            "week" => Role::Week,
            "month" => Role::Month,
            "quarter" => Role::Quarter,
            "half" => Role::Half,
            "year" => Role::Year,
            "hour" => Role::Hour,
            "q" => Role::QLetter,
            "every" => Role::Every,
            "periodic" => Role::Periodic,
            "ongoing" => Role::Ongoing,
            "times" => Role::Times,
            "early" => Role::Early,
            "late" => Role::Late,
            "before" => Role::Before,
            "by" => Role::By,
            "from" => Role::From,
            "since" => Role::Since,
            "to" => Role::To,
            "and" => Role::And,
            "or" => Role::Or,
            "in" => Role::In,
            "at" => Role::At,
            "plural" => Role::Plural,
            "onward" => Role::Onward,
            "trigger" => Role::Trigger,
            "immediate" => Role::Immediate,
            "until" => Role::Until,
            "adhoc" => Role::AdHoc,
            "span" => Role::Span,
            "finish" => Role::Finish,
            "noise" => Role::Noise,
            "plan" => Role::Plan,
            "budget" => Role::Budget,
            _ => return None,
        })
    }
}

/// A spelling that starts with a given word: the ids of its other words and
/// its role.
#[derive(Debug)]
pub(crate) struct Spelling {
    pub(crate) rest: Box<[u16]>,
    pub(crate) role: Role,
}

/// The interned words and, for each word id, the spellings it starts
/// (longest first).
#[derive(Debug)]
pub(crate) struct Lexicon {
    /// Word ids by the word's UTF-8 bytes, which the lexer looks up
    /// without checking them again.
    ids: WordMap<Box<[u8]>, u16>,
    /// For each first byte, a bit for each length (capped at 63) of the
    /// words that start with it: most words of a text are no lexicon word
    /// and are told apart here, without hashing.
    shapes: [u64; 256],
    starts: Vec<Vec<Spelling>>,
}

impl Lexicon {
    /// The id of a lowercase word, if any spelling uses it.
    #[inline]
    pub(crate) fn id(&self, word: &[u8]) -> Option<u16> {
        let &first = word.first()?;
        if self.shapes[usize::from(first)] & shape_bit(word) == 0 {
            return None;
        }
        self.ids.get(word).copied()
    }

    /// The spellings that start with the word `id`, longest first.
    pub(crate) fn spellings(&self, id: u16) -> &[Spelling] {
        self.starts.get(usize::from(id)).map_or(&[], Vec::as_slice)
    }

    fn intern(&mut self, word: &str) -> u16 {
        if let Some(&id) = self.ids.get(word.as_bytes()) {
            return id;
        }
        // The data file holds a few hundred words, far below u16::MAX.
        let id = u16::try_from(self.starts.len()).unwrap_or(u16::MAX);
        self.ids.insert(word.as_bytes().into(), id);
        if let Some(&first) = word.as_bytes().first() {
            self.shapes[usize::from(first)] |= shape_bit(word.as_bytes());
        }
        self.starts.push(Vec::new());
        id
    }
}

/// The bit of a word's length in [`Lexicon`]'s `shapes`.
fn shape_bit(word: &[u8]) -> u64 {
    1 << word.len().min(63)
}

/// The non-comment, non-blank lines of the data file as (role name,
/// spelling).
pub(crate) fn rows() -> impl Iterator<Item = (&'static str, &'static str)> {
    WORDS_TSV
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t'))
}

/// The lexicon, built on first use.
pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut lexicon = Lexicon {
        ids: WordMap::default(),
        shapes: [0; 256],
        starts: Vec::new(),
    };
    for (role_name, spelling) in rows() {
        // An unknown role is a data error caught by the lexicon test; at run
        // time the line is skipped rather than bringing the parser down.
        let Some(role) = Role::from_name(role_name) else {
            continue;
        };
        let ids: Vec<u16> = spelling
            .split_whitespace()
            .map(|word| lexicon.intern(word))
            .collect();
        let Some((&first, rest)) = ids.split_first() else {
            continue;
        };
        lexicon.starts[usize::from(first)].push(Spelling {
            rest: rest.into(),
            role,
        });
    }
    for spellings in &mut lexicon.starts {
        spellings.sort_by_key(|spelling| std::cmp::Reverse(spelling.rest.len()));
    }
    lexicon
});

#[cfg(test)]
mod tests {
    use super::*;
    use kehoach_text::nfc;

    #[test]
    fn deadline_words_data_is_clean() {
        let mut seen = std::collections::HashSet::new();
        let mut problems = Vec::new();
        for (line_index, line) in WORDS_TSV.lines().enumerate() {
            let line_number = line_index + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((role, spelling)) = line.split_once('\t') else {
                problems.push(format!("line {line_number}: no tab in {line:?}"));
                continue;
            };
            if Role::from_name(role).is_none() {
                problems.push(format!("line {line_number}: unknown role {role:?}"));
            }
            if nfc(spelling) != spelling {
                problems.push(format!("line {line_number}: {spelling:?} is not NFC"));
            }
            if spelling.to_lowercase() != spelling {
                problems.push(format!("line {line_number}: {spelling:?} is not lowercase"));
            }
            if spelling.split_whitespace().collect::<Vec<_>>().join(" ") != spelling {
                problems.push(format!("line {line_number}: {spelling:?} has stray spaces"));
            }
            if !seen.insert(spelling) {
                problems.push(format!("line {line_number}: {spelling:?} is listed twice"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn deadline_words_spellings_resolve() {
        // Every spelling of the file is found again as itself.
        for (role_name, spelling) in rows() {
            let role = Role::from_name(role_name);
            let mut words = spelling.split_whitespace();
            let first = words.next().and_then(|word| LEXICON.id(word.as_bytes()));
            let rest: Vec<u16> = words
                .filter_map(|word| LEXICON.id(word.as_bytes()))
                .collect();
            let found = first.and_then(|id| {
                LEXICON
                    .spellings(id)
                    .iter()
                    .find(|candidate| *candidate.rest == *rest)
                    .map(|candidate| candidate.role)
            });
            assert_eq!(found, role, "spelling {spelling:?}");
        }
    }
}
