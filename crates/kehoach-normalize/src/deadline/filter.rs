//! Which clauses of a sentence can hold a deadline, told from their bytes
//! without lexing them, so that [`super::find_deadline`] lexes only those.
//!
//! In a sentence every piece of a deadline needs, inside its own clause
//! (the text between two "." or ";"), a written number or a token whose
//! role is one of [`Role::leads_sentence_piece`]; see that function for
//! why. A clause with neither gives no atom, and the grammar never reads
//! into such a clause from the one before it (see
//! [`super::find_deadline`]), so it can be left out of the tokens.
//!
//! The words come from the lexicon's data file: a clause may hold a
//! spelling of one of those roles only if each word of the spelling occurs
//! in it. The test is made on a folded copy of the text, ASCII bytes ORed
//! with `0x20` and continuation bytes with `0x21`: that maps the UTF-8 of
//! every capital that the lexer lowercases to one of those words' letters
//! onto the folded UTF-8 of its lowercase letter (ASCII, U+00C0–U+00FF,
//! the Vietnamese letters of U+1EA0–U+1EF9 and Ă, Đ pair up in those
//! bits), so a word the lexer reads as a lexicon word is found in the
//! folded text. The few
//! characters that lowercase otherwise ("İ" to "i", the Kelvin sign to "k")
//! make every clause that holds them a candidate. Folding merges other
//! bytes too, which only lets more clauses through.

use std::cell::RefCell;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, Input, MatchKind};
use hashbrown::HashTable;
use hashbrown::hash_table::Entry;
use kehoach_text::{Bound, Fingerprint};
use memchr::memmem::Finder;

use super::lexer::{self, Token};
use super::lexicon::{Role, rows};

/// Characters whose lowercase form (as the lexer takes it) is not their
/// folded UTF-8: "İ" (U+0130, to "i") and the Kelvin sign (U+212A, to "k").
const UNFOLDED: [&str; 2] = ["\u{130}", "\u{212a}"];

/// The word search and, for each spelling that can lead a piece, the words
/// it needs.
struct Candidates {
    /// The folded last words of the spellings.
    last_words: AhoCorasick,
    /// For each last word, its bit and those of the last words it starts
    /// with: where it is found, they are too.
    implies: Vec<u64>,
    /// For each such spelling, the bit of its last word and the searches
    /// for its other words (folded); a clause can hold the spelling when
    /// it has all of them.
    spellings: Vec<(u64, Vec<Finder<'static>>)>,
    /// The searches for the [`UNFOLDED`] characters.
    unfolded: Vec<Finder<'static>>,
}

/// The fold the test is made on: ASCII letters to lowercase, continuation
/// bytes ORed with `0x21`, lead bytes kept.
#[inline]
fn fold(byte: u8) -> u8 {
    let ascii = if byte < 0x80 { 0x20 } else { 0 };
    let continuation = if byte & 0xc0 == 0x80 { 0x21 } else { 0 };
    byte | ascii | continuation
}

/// `text` folded into `out`, which it replaces.
fn fold_into(text: &[u8], out: &mut Vec<u8>) {
    out.clear();
    out.resize(text.len(), 0);
    for (folded, &byte) in out.iter_mut().zip(text) {
        *folded = fold(byte);
    }
}

/// Whether `bytes` holds an ASCII digit; a block at a time, without a
/// branch per byte.
fn has_digit(bytes: &[u8]) -> bool {
    bytes.chunks(32).any(|block| {
        block.iter().fold(0u8, |seen, &byte| {
            seen | u8::from(byte.wrapping_sub(b'0') < 10)
        }) != 0
    })
}

#[cfg(test)]
fn folded(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    fold_into(text.as_bytes(), &mut out);
    out
}

/// The bit of `word` among `words`, added to them if new; `None` past 64
/// words.
fn bit_of(word: &'static str, words: &mut Vec<&'static str>) -> Option<u64> {
    let index = match words.iter().position(|&known| known == word) {
        Some(index) => index,
        None => {
            words.push(word);
            words.len() - 1
        }
    };
    1u64.checked_shl(u32::try_from(index).ok()?)
}

/// The candidate words; `None` if they could not be set up, and then every
/// clause is lexed.
static CANDIDATES: LazyLock<Option<Candidates>> = LazyLock::new(|| {
    let folded_word = |word: &str| -> Vec<u8> { word.bytes().map(fold).collect() };
    let mut last_words: Vec<&str> = Vec::new();
    let mut spellings = Vec::new();
    for (role_name, spelling) in rows() {
        if !Role::from_name(role_name).is_some_and(Role::leads_sentence_piece) {
            continue;
        }
        let words: Vec<&str> = spelling.split_whitespace().collect();
        let Some((&last, others)) = words.split_last() else {
            continue;
        };
        let others = others
            .iter()
            .map(|word| Finder::new(&folded_word(word)).into_owned())
            .collect();
        spellings.push((bit_of(last, &mut last_words)?, others));
    }
    let patterns: Vec<Vec<u8>> = last_words.iter().map(|word| folded_word(word)).collect();
    let implies = patterns
        .iter()
        .map(|pattern| {
            patterns
                .iter()
                .enumerate()
                .filter(|(_, other)| pattern.starts_with(other))
                .fold(0u64, |bits, (index, _)| bits | 1 << index)
        })
        .collect();
    // Leftmost-longest lets the search run on the SIMD prefilter; see
    // `may_hold` for how every word is still seen.
    let last_words = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .ok()?;
    let unfolded = UNFOLDED
        .iter()
        .map(|character| Finder::new(character.as_bytes()))
        .collect();
    Some(Candidates {
        last_words,
        implies,
        spellings,
        unfolded,
    })
});

/// Appends to `tokens` the tokens of the clauses of `text` (NFC) that may
/// hold a deadline and of every "." and ";" between clauses, as
/// [`lexer::tokenize`] gives them for the whole text; returns whether any
/// clause was lexed.
///
/// What a clause gives depends on its bytes alone (the lexer reads
/// forward from the clause's start, which follows an ASCII "." or ";" or
/// starts the text, and stops at its end), so it is kept per thread by the
/// clause's [`Fingerprint`] ([`Clauses`]): task texts are new combinations
/// of sentences an archive repeats.
pub(crate) fn tokenize_candidates(text: &str, tokens: &mut Vec<Token>) -> bool {
    // Spans are kept from the clause's start and moved by it: exact while
    // every span fits in `u32`, which the lexer saturates beyond.
    if u32::try_from(text.len()).is_ok() {
        tokenize_clauses(text, tokens, read_kept)
    } else {
        tokenize_clauses(text, tokens, read_in_place)
    }
}

/// One clause of a text being tokenized, `text[start..end]`, and whether
/// it follows a number and a dot.
#[derive(Clone, Copy)]
struct ClauseAt<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    after_number_dot: bool,
}

/// The loop of [`tokenize_candidates`] over the clauses of `text` and the
/// separators between them: `read` appends a clause's tokens when it is to
/// be lexed and tells whether the clause holds a digit and whether it was
/// lexed. `folded` is scratch room for `read`.
fn tokenize_clauses(
    text: &str,
    tokens: &mut Vec<Token>,
    read: impl Fn(ClauseAt<'_>, &mut Vec<Token>, &mut Vec<u8>) -> (bool, bool),
) -> bool {
    let bytes = text.as_bytes();
    let mut folded = Vec::new();
    let mut any = false;
    let mut start = 0;
    let mut after_number_dot = false;
    loop {
        let end = memchr::memchr2(b'.', b';', &bytes[start..]).map_or(bytes.len(), |at| start + at);
        let clause = ClauseAt {
            text,
            start,
            end,
            after_number_dot,
        };
        let (has_digit, lexed) = read(clause, tokens, &mut folded);
        any |= lexed;
        if end >= bytes.len() {
            return any;
        }
        lexer::push_separator(bytes[end], end, tokens);
        // "ngày 5.IV.2024": a day followed by "." reads its month from the
        // next clause, which must then be lexed too.
        after_number_dot = has_digit && bytes[end] == b'.';
        start = end + 1;
    }
}

/// Reads a clause where it lies: lexed when it holds a digit, follows a
/// number and a dot, or may hold a piece alone. See [`tokenize_clauses`].
fn read_in_place(at: ClauseAt<'_>, tokens: &mut Vec<Token>, folded: &mut Vec<u8>) -> (bool, bool) {
    let clause = &at.text.as_bytes()[at.start..at.end];
    let has_digit = has_digit(clause);
    let lexed = has_digit || at.after_number_dot || may_hold_alone(clause, folded);
    if lexed {
        lexer::tokenize_from(&at.text[..at.end], at.start, tokens);
    }
    (has_digit, lexed)
}

/// [`read_in_place`] through the thread's [`Clauses`]: a clause read
/// before gives its kept tokens, moved to where it lies.
fn read_kept(at: ClauseAt<'_>, tokens: &mut Vec<Token>, folded: &mut Vec<u8>) -> (bool, bool) {
    if at.end == at.start {
        return read_in_place(at, tokens, folded);
    }
    CLAUSES.with_borrow_mut(|clauses| {
        let clause = clauses.get_or_read(&at.text[at.start..at.end], folded);
        let lexed = match &clause.tokens {
            Some(own) => {
                let by = u32::try_from(at.start).unwrap_or(u32::MAX);
                tokens.extend(own.iter().map(|token| token.moved(by)));
                true
            }
            None if at.after_number_dot => {
                lexer::tokenize_from(&at.text[..at.end], at.start, tokens);
                true
            }
            None => false,
        };
        (clause.has_digit, lexed)
    })
}

/// Whether a clause without a digit may hold a deadline piece: it holds
/// every word of a spelling that can lead one (or the candidate words
/// could not be set up). `folded` is scratch room.
fn may_hold_alone(clause: &[u8], folded: &mut Vec<u8>) -> bool {
    CANDIDATES.as_ref().is_none_or(|candidates| {
        fold_into(clause, folded);
        candidates.may_hold(folded) || candidates.has_unfolded(clause)
    })
}

/// What [`tokenize_candidates`] needs of one clause.
struct Clause {
    /// The clause holds an ASCII digit.
    has_digit: bool,
    /// Its tokens, spans counted from its start, when it may hold a
    /// deadline piece by itself (a digit or the words of a spelling);
    /// `None` when it is lexed only after a number and a dot.
    tokens: Option<Box<[Token]>>,
}

impl Clause {
    /// Reads `clause`; `folded` and `lexed` are scratch room.
    fn read(clause: &str, folded: &mut Vec<u8>, lexed: &mut Vec<Token>) -> Clause {
        let bytes = clause.as_bytes();
        let has_digit = has_digit(bytes);
        let tokens = (has_digit || may_hold_alone(bytes, folded)).then(|| {
            lexed.clear();
            lexer::tokenize_from(clause, 0, lexed);
            Box::from(lexed.as_slice())
        });
        Clause { has_digit, tokens }
    }
}

/// How many clauses a thread keeps before it starts afresh.
const CLAUSES_CAPACITY: usize = 1 << 14;
/// How many bytes of clauses it keeps before it starts afresh.
const CLAUSES_BYTES: usize = 1 << 22;

/// The [`Clause`]s one thread has read, by the [`Fingerprint`] of their
/// text, bounded by [`CLAUSES_CAPACITY`] and [`CLAUSES_BYTES`].
#[derive(Default)]
struct Clauses {
    entries: HashTable<(Fingerprint, Clause)>,
    held: Bound<CLAUSES_CAPACITY, CLAUSES_BYTES>,
    /// Where a new clause is lexed before it is kept.
    lexed: Vec<Token>,
}

impl Clauses {
    /// The [`Clause`] of `clause`, read and kept the first time (the
    /// clauses kept so far are dropped first when the memo is full).
    fn get_or_read(&mut self, clause: &str, folded: &mut Vec<u8>) -> &Clause {
        let fingerprint = Fingerprint::of(clause);
        let hash = |(kept, _): &(Fingerprint, Clause)| kept.short();
        let entry = self
            .entries
            .entry(fingerprint.short(), |(kept, _)| *kept == fingerprint, hash);
        match entry {
            Entry::Occupied(kept) => &kept.into_mut().1,
            Entry::Vacant(vacant) => {
                let read = Clause::read(clause, folded, &mut self.lexed);
                let entries = vacant.into_table();
                if self.held.admit(clause.len()) {
                    entries.clear();
                }
                &entries
                    .insert_unique(fingerprint.short(), (fingerprint, read), hash)
                    .into_mut()
                    .1
            }
        }
    }
}

thread_local! {
    static CLAUSES: RefCell<Clauses> = RefCell::default();
}

impl Candidates {
    /// Whether the clause (not folded) holds one of the [`UNFOLDED`]
    /// characters.
    fn has_unfolded(&self, clause: &[u8]) -> bool {
        self.unfolded
            .iter()
            .any(|finder| finder.find(clause).is_some())
    }

    /// Whether the folded clause has every word of a spelling that can
    /// lead a piece: its last word, found by the word search, then the
    /// others.
    fn may_hold(&self, clause: &[u8]) -> bool {
        // The search goes on from the byte after each word's start, so it
        // sees the longest word that starts at each place, and with it the
        // shorter ones starting there ("qi" of "qiii").
        let mut found = 0u64;
        let mut input = Input::new(clause);
        while let Some(word) = self.last_words.find(input.clone()) {
            let new = self.implies[word.pattern().as_usize()] & !found;
            found |= new;
            let holds = self.spellings.iter().any(|(last, others)| {
                last & new != 0 && others.iter().all(|other| other.find(clause).is_some())
            });
            if holds {
                return true;
            }
            input.set_start(word.start() + 1);
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deadline::lexer::letter_lowercase;
    use crate::deadline::{
        DeadlineContext, Finding, find_in_tokens, seek_deadline, source::Source,
    };
    use proptest::prelude::*;

    const SENTENCES: &str = include_str!("../../tests/data/deadline_sentences.tsv");
    const PHRASES: &str = include_str!("../../tests/data/deadlines.tsv");

    /// [`seek_deadline`] with every clause lexed: the reference the
    /// filtered lexing must agree with.
    fn seek_deadline_lexing_all(sentence: &str, context: &DeadlineContext) -> Finding {
        let source = Source::new(sentence);
        let mut tokens = Vec::new();
        lexer::tokenize(source.text(), &mut tokens);
        find_in_tokens(&source, &tokens, context)
    }

    fn check(sentence: &str) {
        for plan_year in [Some(2024), None] {
            let context = DeadlineContext {
                plan_year,
                plan_end_year: None,
            };
            assert_eq!(
                seek_deadline(sentence, &context),
                seek_deadline_lexing_all(sentence, &context),
                "{sentence:?}"
            );
        }
    }

    /// The sentences and phrases of the test tables.
    fn table_texts() -> Vec<&'static str> {
        SENTENCES
            .lines()
            .chain(PHRASES.lines())
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .filter_map(|line| line.split('\t').nth(1))
            .collect()
    }

    #[test]
    fn candidate_words_are_set_up() {
        let candidates = CANDIDATES.as_ref().expect("candidate words");
        assert!(!candidates.spellings.is_empty());
        assert!(candidates.may_hold(&folded("định kỳ")));
        assert!(candidates.may_hold(&folded("ĐỊNH KỲ")));
        assert!(candidates.may_hold(&folded("Hằng Năm")));
        assert!(!candidates.may_hold(&folded("theo quy định của pháp luật")));
        assert!(!candidates.may_hold(&folded("Đ đ đồng")));
        let mut tokens = Vec::new();
        assert!(!tokenize_candidates("Theo quy định.", &mut tokens));
        assert!(tokenize_candidates("Theo quy đ\u{130}nh.", &mut tokens));
    }

    /// Every character the lexer lowercases to a letter of a candidate
    /// word folds as that letter, or is one of [`UNFOLDED`].
    #[test]
    fn capitals_fold_as_their_lowercase() {
        let letters: std::collections::HashSet<char> = rows()
            .filter(|(role, _)| Role::from_name(role).is_some_and(Role::leads_sentence_piece))
            .flat_map(|(_, spelling)| spelling.chars())
            .collect();
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let Some(lower) = letter_lowercase(c) else {
                continue;
            };
            if !letters.contains(&lower) || UNFOLDED.contains(&c.to_string().as_str()) {
                continue;
            }
            assert_eq!(
                folded(&c.to_string()),
                folded(&lower.to_string()),
                "{c:?} lowercases to {lower:?}"
            );
        }
    }

    #[test]
    fn table_sentences_read_as_with_every_clause_lexed() {
        for text in table_texts() {
            check(text);
            check(&text.to_uppercase());
            check(&text.replace(", ", ". "));
        }
    }

    #[test]
    fn a_sentence_without_a_deadline_phrase_has_no_deadline_in_any_context() {
        let contexts = [
            DeadlineContext::default(),
            DeadlineContext {
                plan_year: Some(2024),
                plan_end_year: None,
            },
            DeadlineContext {
                plan_year: Some(2026),
                plan_end_year: Some(2030),
            },
        ];
        let sentences = table_texts().into_iter().chain([
            "Sở Nội vụ chủ trì, phối hợp với các sở, ngành.",
            "Năm 2024.",
        ]);
        let mut without = 0;
        for sentence in sentences {
            let findings: Vec<Finding> = contexts
                .iter()
                .map(|context| seek_deadline(sentence, context))
                .collect();
            let none_anywhere = findings.iter().all(|found| *found == Finding::NoPhrase);
            assert!(
                none_anywhere || !findings.contains(&Finding::NoPhrase),
                "{sentence:?}: {findings:?}"
            );
            without += usize::from(none_anywhere);
        }
        assert!(without > 0, "some sentences state no deadline");
    }

    #[test]
    fn dotted_dates_read_across_clauses() {
        check("Báo cáo trước ngày 5.IV.2024.");
        check("Báo cáo trước ngày 5. IV. 2024; hoàn thành.");
        check("Ngày 5.XII, các sở báo cáo.");
    }

    #[test]
    fn periods_without_numbers_read_as_with_every_clause_lexed() {
        for sentence in [
            "Cuối năm, các sở báo cáo.",
            "Tổ chức hội nghị. Nửa đầu năm, các sở báo cáo; hai năm một lần tổng kết.",
            "Báo cáo định kỳ. Tháng XII, tổng kết; Quý IV, sơ kết. QIV, báo cáo.",
            "Báo cáo. Hằng tuần, kiểm tra; ngay khi có yêu cầu, báo cáo.",
        ] {
            check(sentence);
        }
    }

    /// Words of the lexicon (as written, capitalized and in capitals), a
    /// few ordinary words, numbers and punctuation.
    fn pool() -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        for word in rows().flat_map(|(_, spelling)| spelling.split_whitespace()) {
            let mut chars = word.chars();
            let capitalized: String = chars
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(chars)
                .collect();
            words.extend([word.to_owned(), capitalized, word.to_uppercase()]);
        }
        for extra in [
            "báo", "cáo", "tổ", "chức", "quy", "định", "1", "5", "6", "12", "24", "31", "2024",
            "2030", ".", ";", ",", ",", ",", "/", "-", "(", ")", "5.", "30/6", "Q1", "IV.", "İ",
            "\u{212a}", "**", ":",
        ] {
            words.push(extra.to_owned());
        }
        words
    }

    /// [`tokenize_candidates`] without the thread's clauses: every clause
    /// read where it lies.
    fn tokenize_candidates_unkept(text: &str, tokens: &mut Vec<Token>) -> bool {
        tokenize_clauses(text, tokens, read_in_place)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn kept_clauses_give_the_tokens_read_in_place(
            picks in prop::collection::vec((any::<prop::sample::Index>(), 0..7usize), 1..12),
            before in prop::collection::vec((any::<prop::sample::Index>(), 0..7usize), 0..4),
        ) {
            let pool = pool();
            let separators = [" ", " ", " ", ". ", "; ", ".", ", "];
            let join = |picks: &[(prop::sample::Index, usize)]| {
                let mut text = String::new();
                for (index, separator) in picks {
                    text.push_str(&pool[index.index(pool.len())]);
                    text.push_str(separators[*separator]);
                }
                text
            };
            let sentence = join(&picks);
            // The same clauses again, after others: kept, then moved.
            let later = [join(&before), ". ".to_owned(), sentence.clone()].concat();
            for text in [&sentence, &later, &sentence] {
                let mut kept = Vec::new();
                let mut read = Vec::new();
                prop_assert_eq!(
                    tokenize_candidates(text, &mut kept),
                    tokenize_candidates_unkept(text, &mut read)
                );
                prop_assert_eq!(kept, read);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn word_mixes_read_as_with_every_clause_lexed(
            picks in prop::collection::vec((any::<prop::sample::Index>(), 0..7usize), 1..12)
        ) {
            let pool = pool();
            let separators = [" ", " ", " ", ". ", "; ", ".", ", "];
            let mut sentence = String::new();
            for (index, separator) in picks {
                sentence.push_str(&pool[index.index(pool.len())]);
                sentence.push_str(separators[separator]);
            }
            check(&sentence);
        }
    }
}
