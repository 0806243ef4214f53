//! Splits text into words and punctuation with byte spans and folded keys,
//! expands abbreviations ("UBND" → "Ủy ban nhân dân") in place, and reads a
//! head noun typed without its tone marks before a name ("Vu Kế hoạch" →
//! "Vụ Kế hoạch").
//!
//! Every matcher in this crate compares sequences of token keys, so spacing,
//! line breaks, markdown emphasis and the spelling variants `fold` joins
//! never change what matches.

use std::borrow::Cow;
use std::ops::Range;

use super::chars::{DIGIT, PLAIN, SEPARATOR, WORD, classes, is_non_ascii_word_char};
use super::key::Vocabulary;
use super::key::{Key, with_words};
use super::lexicon::{ExpandedWord, Lexicon, UnmarkedHead};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Letters, possibly with digits ("Sở", "UBTVQH15").
    Word,
    /// Digits only.
    Number,
    /// One punctuation character; its key is the normalized character.
    Punct,
}

/// How a word is capitalised, which tells names from predicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// No uppercase letter.
    Lower,
    /// First letter uppercase, the rest lowercase ("Sở").
    Title,
    /// Every letter uppercase, at least one letter ("UBND", "SỞ").
    Upper,
    /// Anything else ("TTg", "iGate") or no letter at all.
    Mixed,
}

/// One word or punctuation mark.
#[derive(Debug, Clone)]
pub(crate) struct Token<'a> {
    /// The text to display: the word as written, or a word of an expansion.
    pub text: &'a str,
    /// The comparison key: `fold` of a word, the normalized punctuation mark.
    pub key: Key<'a>,
    /// Byte range in the input; every word of an expansion carries the span
    /// of the whole abbreviation.
    pub span: Range<usize>,
    pub class: Class,
    pub case: Case,
    /// Whitespace separated this token from the previous one.
    pub space_before: bool,
    /// The token comes from an abbreviation expansion.
    pub expanded: bool,
    /// The word is spelled as the lexicon spells it, so its tone marks are
    /// already where a canonical name puts them.
    pub traditional: bool,
}

impl Token<'_> {
    #[inline]
    pub fn is_punct(&self, c: &str) -> bool {
        self.class == Class::Punct && self.key == c
    }

    /// Capitalised in the text, or spelled out from an abbreviation: the
    /// mark of a name rather than of a common word.
    #[inline]
    pub fn is_capitalized(&self) -> bool {
        self.expanded || capitalized(self.case, self.text)
    }
}

/// Whether a word of case `case` is capitalised: title case or capitals,
/// or a mixed-case word whose first letter is a capital.
pub(crate) fn capitalized(case: Case, word: &str) -> bool {
    match case {
        Case::Title | Case::Upper => true,
        Case::Mixed => word.chars().next().is_some_and(char::is_uppercase),
        Case::Lower => false,
    }
}

/// Returns the tokens of `text`, abbreviations not yet expanded.
pub(crate) fn tokenize(text: &str) -> Vec<Token<'_>> {
    tokenize_with(text, None)
}

/// Returns the tokens of `text`, finding the keys of known words in
/// `vocabulary`.
fn tokenize_with<'a>(text: &'a str, vocabulary: Option<&'static Vocabulary>) -> Vec<Token<'a>> {
    with_words(|words| {
        let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
        let mut space_before = false;
        let mut pos = 0;
        while let Some((c, classes)) = char_at(text, pos) {
            let start = pos;
            pos += c.len_utf8();
            if classes & SEPARATOR != 0 {
                // Markdown emphasis and escapes ("**", "*Văn phòng*", "\|")
                // are layout, not text; they separate words like a space.
                space_before = true;
                continue;
            }
            let token = if classes & WORD != 0 {
                let mut all = classes;
                pos = word_end(text, start, &mut all);
                let word = &text[start..pos];
                let (key, case, traditional) = if all & PLAIN != 0 {
                    let case = if all & DIGIT != 0 {
                        Case::Mixed
                    } else {
                        Case::Lower
                    };
                    (Key::new(word), case, true)
                } else {
                    words.word(word, vocabulary)
                };
                Token {
                    text: word,
                    key,
                    span: start..pos,
                    class: if all & DIGIT != 0 {
                        Class::Number
                    } else {
                        Class::Word
                    },
                    case,
                    space_before,
                    expanded: false,
                    traditional,
                }
            } else {
                let as_written = &text[start..pos];
                // A few punctuation characters have a canonical equivalent
                // ("；" GREEK QUESTION MARK is ";"), which the key uses;
                // ASCII is its own.
                let key = if c.is_ascii() {
                    Key::new(as_written)
                } else {
                    match kehoach_text::nfc(punct_key(c, as_written)) {
                        Cow::Borrowed(key) => Key::new(key),
                        Cow::Owned(key) => Key::owned(key),
                    }
                };
                Token {
                    text: as_written,
                    key,
                    span: start..pos,
                    class: Class::Punct,
                    case: Case::Mixed,
                    space_before,
                    expanded: false,
                    traditional: true,
                }
            };
            tokens.push(token);
            space_before = false;
        }
        tokens
    })
}

/// The character at byte `pos` of `text` and its [`classes`].
#[inline]
fn char_at(text: &str, pos: usize) -> Option<(char, u8)> {
    let byte = *text.as_bytes().get(pos)?;
    if byte.is_ascii() {
        return Some((char::from(byte), classes(char::from(byte))));
    }
    let c = text.get(pos..)?.chars().next()?;
    Some((c, classes(c)))
}

/// The end of the word that starts at byte `pos`; `all` keeps the
/// [`classes`] every ASCII character of it has (a character beyond ASCII
/// has none but [`WORD`]).
#[inline]
fn word_end(text: &str, mut pos: usize, all: &mut u8) -> usize {
    let bytes = text.as_bytes();
    while let Some(&byte) = bytes.get(pos) {
        let len = if byte.is_ascii() {
            let classes = classes(char::from(byte));
            if classes & WORD == 0 {
                break;
            }
            *all &= classes;
            1
        } else {
            match latin_letter_len(bytes, pos) {
                Some(len) => len,
                None => match text.get(pos..).and_then(|rest| rest.chars().next()) {
                    Some(c) if is_non_ascii_word_char(c) => c.len_utf8(),
                    _ => break,
                },
            }
        };
        if len > 1 {
            *all &= WORD;
        }
        pos += len;
    }
    pos
}

/// The length of the character at `pos` when its bytes alone show it is a
/// Vietnamese letter or a combining mark, which always belong to a word:
/// U+00C0–U+024F but "×" and "÷" (lead byte C3–C9), U+0300–U+036F (CC 80 –
/// CD AF), U+1E00–U+1EFF (E1 B8 – E1 BB).
#[inline]
fn latin_letter_len(bytes: &[u8], pos: usize) -> Option<usize> {
    let next = *bytes.get(pos + 1)?;
    match bytes[pos] {
        0xC3 if next == 0x97 || next == 0xB7 => None,
        0xC3..=0xC9 | 0xCC => Some(2),
        0xCD if next <= 0xAF => Some(2),
        0xE1 if (0xB8..=0xBB).contains(&next) => Some(3),
        _ => None,
    }
}

/// Returns the tokens of `text` with every abbreviation of the lexicon
/// replaced by the words it stands for.
pub(crate) fn tokenize_expanded<'a>(text: &'a str, lexicon: &'static Lexicon) -> Vec<Token<'a>> {
    let mut tokens = expand(tokenize_with(text, Some(&lexicon.vocabulary)), lexicon);
    restore_unmarked_heads(&mut tokens, lexicon);
    tokens
}

/// The tokens of `prefix`, the start of a longer text cut just after a
/// whitespace character, and how many of them are the first tokens of the
/// longer text too.
///
/// The two differ only where reading looks past the cut: an abbreviation
/// is matched against the tokens after its first one, and a head written
/// without its marks against the words after it. Tokens before the first
/// such place within reach of the cut are the longer text's.
pub(crate) fn tokenize_prefix<'a>(
    prefix: &'a str,
    lexicon: &'static Lexicon,
) -> (Vec<Token<'a>>, usize) {
    let raw = tokenize_with(prefix, Some(&lexicon.vocabulary));
    let reach = lexicon.abbreviations.depth();
    let unsure_from = raw
        .iter()
        .enumerate()
        .find(|&(index, token)| index + reach > raw.len() && lexicon.may_start_abbreviation(token))
        .map_or(prefix.len(), |(_, token)| token.span.start);
    let mut tokens = expand(raw, lexicon);
    // Expanded words carry the span of their abbreviation.
    let expanded = tokens.partition_point(|t| t.span.start < unsure_from);
    let reach = lexicon.gazetteer.depth().max(2);
    let exact = (0..expanded)
        .find(|&index| {
            index + reach >= expanded && unmarked_head(&tokens[index], lexicon).is_some()
        })
        .unwrap_or(expanded);
    restore_unmarked_heads(&mut tokens, lexicon);
    (tokens, exact)
}

/// Reads a one-word head written without its tone marks as the head ("Vu
/// Kế hoạch - Tài chính" is "Vụ Kế hoạch - Tài chính"), keeping its span so
/// that the raw text is quoted as written.
///
/// A word in title case whose marks alone differ from a head's is taken for
/// the head only after punctuation, a number or a lowercase word (not inside
/// a person's name) and before a capitalised name that either makes, with
/// the head, a gazetteer entry or reads as a name: a word of the lexicon
/// written with its marks ("Kế") followed by no other capitalised word ("Vu
/// Văn Nam" is a person). "So sánh", "Vu vơ" and text typed without any
/// marks are left alone.
fn restore_unmarked_heads<'a>(tokens: &mut [Token<'a>], lexicon: &'a Lexicon) {
    if lexicon.unmarked_heads.is_empty() {
        return;
    }
    for index in 0..tokens.len() {
        let Some(head) = unmarked_head(&tokens[index], lexicon) else {
            continue;
        };
        let after_boundary = index == 0 || {
            let previous = &tokens[index - 1];
            previous.class != Class::Word || previous.case == Case::Lower
        };
        if !after_boundary || !reads_as_head(tokens, index, &head.key.key(), lexicon) {
            continue;
        }
        let token = &mut tokens[index];
        token.text = &head.name;
        token.key = head.key.key();
        token.traditional = true;
    }
}

/// The head `token` may be, written without its tone marks: a word in
/// title case, as written, whose key is a head's without marks. Inlined:
/// most tokens are told apart by their class and case alone.
#[inline]
fn unmarked_head<'l>(token: &Token<'_>, lexicon: &'l Lexicon) -> Option<&'l UnmarkedHead> {
    if token.class != Class::Word
        || token.case != Case::Title
        || token.expanded
        || !token.text.is_ascii()
    {
        return None;
    }
    lexicon.unmarked_heads.get(&*token.key)
}

/// Whether the words after `index` name an agency of the head whose key is
/// `head_key`.
fn reads_as_head(
    tokens: &[Token<'_>],
    index: usize,
    head_key: &Key<'_>,
    lexicon: &Lexicon,
) -> bool {
    let Some(next) = tokens.get(index + 1) else {
        return false;
    };
    if next.class != Class::Word || !next.is_capitalized() {
        return false;
    }
    let entry = lexicon.gazetteer.longest(tokens.len() - index, |offset| {
        Some(if offset == 0 {
            head_key
        } else {
            &tokens[index + offset].key
        })
    });
    if entry.is_some_and(|(len, _)| len >= 2) {
        return true;
    }
    next.case == Case::Title
        && !next.text.is_ascii()
        && lexicon.vocabulary.contains_key(next.text)
        && tokens
            .get(index + 2)
            .is_none_or(|after| after.class != Class::Word || after.case == Case::Lower)
}

/// Replaces abbreviations in `tokens` by their expansions.
pub(crate) fn expand<'a>(tokens: Vec<Token<'a>>, lexicon: &'a Lexicon) -> Vec<Token<'a>> {
    // (start, length, expansion) of each abbreviation, left to right.
    let mut found: Vec<(usize, usize, &'a [ExpandedWord])> = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        if !lexicon.may_start_abbreviation(&tokens[index]) {
            index += 1;
            continue;
        }
        let abbreviation = lexicon
            .abbreviations
            .longest(tokens.len() - index, |offset| {
                Some(Key::new(tokens[index + offset].text))
            })
            .filter(|&(len, _)| is_whole_abbreviation(&tokens[index..index + len]));
        match abbreviation {
            Some((len, abbreviation)) => {
                found.push((index, len, &abbreviation.words));
                index += len;
            }
            None => index += 1,
        }
    }
    if found.is_empty() {
        return tokens;
    }
    // One pass building the expanded tokens, not a splice per abbreviation
    // (each shifts every token after it).
    let grown: usize = found
        .iter()
        .map(|&(_, len, expansion)| expansion.len().saturating_sub(len))
        .sum();
    let mut expanded = Vec::with_capacity(tokens.len() + grown);
    let mut tokens = tokens.into_iter();
    let mut next = 0;
    for &(start, len, expansion) in &found {
        expanded.extend(tokens.by_ref().take(start - next));
        let first = tokens
            .next()
            .expect("an abbreviation lies within the tokens");
        let end = tokens
            .by_ref()
            .take(len - 1)
            .last()
            .map_or(first.span.end, |last| last.span.end);
        let span = first.span.start..end;
        let space_before = first.space_before;
        expanded.extend(expansion.iter().enumerate().map(|(offset, word)| Token {
            text: &word.text,
            key: word.key.key(),
            span: span.clone(),
            class: word.class,
            case: word.case,
            space_before: if offset == 0 {
                space_before
            } else {
                word.space_before
            },
            expanded: true,
            traditional: true,
        }));
        next = start + len;
    }
    expanded.extend(tokens);
    expanded
}

/// An abbreviation made of several tokens ("LĐ-TB&XH") must be written
/// without spaces inside, so that "KH & ĐT" in running text is still
/// recognised but a list such as "TN, MT" is not.
fn is_whole_abbreviation(tokens: &[Token<'_>]) -> bool {
    tokens
        .iter()
        .skip(1)
        .all(|t| !t.space_before || t.class == Class::Punct && t.key == "&")
        || tokens.len() == 1
}

/// Normalizes punctuation that documents spell several ways.
fn punct_key(c: char, as_written: &str) -> &str {
    match c {
        '–' | '—' | '−' | '‐' | '‑' => "-",
        '“' | '”' | '„' | '«' | '»' => "\"",
        '‘' | '’' => "'",
        '；' => ";",
        '，' => ",",
        '：' => ":",
        '…' => ".",
        _ => as_written,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agency::chars::tests::oracle_case;
    use crate::agency::lexicon::{Abbreviation, LEXICON};
    use proptest::prelude::*;

    /// The plain tokenizer the fast one must agree with: every word folded
    /// by `kehoach_text::fold` unless the vocabulary knows it, its case read
    /// with the Unicode tables, every token tried as an abbreviation.
    fn oracle<'a>(text: &'a str, lexicon: &'a Lexicon) -> Vec<Token<'a>> {
        let mut tokens = Vec::new();
        let mut space_before = false;
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if c.is_whitespace() || is_ignored(c) {
                space_before = true;
                continue;
            }
            let mut end = start + c.len_utf8();
            if is_word_char(c) {
                while let Some(&(index, next)) = chars.peek().filter(|(_, n)| is_word_char(*n)) {
                    end = index + next.len_utf8();
                    chars.next();
                }
                let word = &text[start..end];
                let plain = word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                    && !word.contains('y');
                let (key, traditional) = if plain {
                    (word.to_owned(), true)
                } else if let Some(key) = lexicon.vocabulary.get(word) {
                    (key.key().to_string(), true)
                } else {
                    (kehoach_text::fold(word), word.is_ascii())
                };
                tokens.push(Token {
                    text: word,
                    key: Key::owned(key),
                    span: start..end,
                    class: if word.bytes().all(|b| b.is_ascii_digit()) {
                        Class::Number
                    } else {
                        Class::Word
                    },
                    case: oracle_case(word),
                    space_before,
                    expanded: false,
                    traditional,
                });
            } else {
                let key = kehoach_text::nfc(punct_key(c, &text[start..end])).into_owned();
                tokens.push(Token {
                    text: &text[start..end],
                    key: Key::owned(key),
                    span: start..end,
                    class: Class::Punct,
                    case: Case::Mixed,
                    space_before,
                    expanded: false,
                    traditional: true,
                });
            }
            space_before = false;
        }
        let mut out = Vec::new();
        let mut index = 0;
        while index < tokens.len() {
            let found = lexicon
                .abbreviations
                .longest(tokens.len() - index, |offset| {
                    Some(Key::new(tokens[index + offset].text))
                })
                .filter(|&(len, _)| is_whole_abbreviation(&tokens[index..index + len]));
            let Some((
                len,
                Abbreviation {
                    words: expansion, ..
                },
            )) = found
            else {
                out.push(tokens[index].clone());
                index += 1;
                continue;
            };
            let span = tokens[index].span.start..tokens[index + len - 1].span.end;
            for (offset, word) in expansion.iter().enumerate() {
                out.push(Token {
                    text: &word.text,
                    key: word.key.key(),
                    span: span.clone(),
                    class: word.class,
                    case: word.case,
                    space_before: if offset == 0 {
                        tokens[index].space_before
                    } else {
                        word.space_before
                    },
                    expanded: true,
                    traditional: true,
                });
            }
            index += len;
        }
        restore_unmarked_heads(&mut out, lexicon);
        out
    }

    fn is_word_char(c: char) -> bool {
        c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
    }

    fn is_ignored(c: char) -> bool {
        matches!(c, '*' | '_' | '\\' | '#' | '\u{200B}' | '\u{FEFF}')
    }

    /// A token as a comparable value: text, key, span, class, case, space
    /// before, expanded, traditional.
    type Fields<'a> = (
        &'a str,
        &'a str,
        Range<usize>,
        Class,
        Case,
        bool,
        bool,
        bool,
    );

    /// The tokens as comparable values.
    fn fields<'a>(tokens: &'a [Token<'_>]) -> Vec<Fields<'a>> {
        tokens
            .iter()
            .map(|t| {
                (
                    t.text,
                    &*t.key,
                    t.span.clone(),
                    t.class,
                    t.case,
                    t.space_before,
                    t.expanded,
                    t.traditional,
                )
            })
            .collect()
    }

    fn words() -> impl Strategy<Value = String> {
        const PIECES: [&str; 34] = [
            "Sở",
            "SỞ",
            "sở",
            "UBND",
            "Ubnd",
            "TT&TT",
            "TT",
            "&",
            "LĐ-TB&XH",
            "KH & ĐT",
            "TN, MT",
            "Vu",
            "Kế",
            "hoạch",
            "Văn",
            "Nam",
            "hoá",
            "Thuỷ",
            "quý",
            "y",
            "2023",
            "45/QĐ-UBND",
            "–",
            "；",
            "“",
            "*",
            "\\|",
            "\u{200B}",
            "Ω",
            "\u{2126}",
            "e\u{301}",
            "×",
            "ǅ",
            "\t",
        ];
        let word = prop_oneof![
            proptest::sample::select(&PIECES[..]).prop_map(str::to_owned),
            "\\PC{1,4}",
        ];
        proptest::collection::vec((word, prop_oneof![Just(""), Just(" "), Just("\n")]), 0..16)
            .prop_map(|parts| parts.into_iter().map(|(w, s)| format!("{w}{s}")).collect())
    }

    #[test]
    fn a_letter_told_by_its_bytes_belongs_to_a_word() {
        for c in ('\u{80}'..=char::MAX).filter(|c| !c.is_ascii()) {
            let mut bytes = [0u8; 4];
            let encoded = c.encode_utf8(&mut bytes).as_bytes();
            if let Some(len) = latin_letter_len(encoded, 0) {
                assert_eq!(len, c.len_utf8(), "{c:?}");
                assert!(is_non_ascii_word_char(c), "{c:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn a_word_ends_where_its_token_does(text in words()) {
            for token in tokenize(&text).iter().filter(|t| t.class != Class::Punct) {
                let mut all = u8::MAX;
                let end = word_end(&text, token.span.start, &mut all);
                prop_assert_eq!(end, token.span.end);
            }
        }

        #[test]
        fn the_fast_tokenizer_agrees_with_the_plain_one(text in words()) {
            let fast = tokenize_expanded(&text, &LEXICON);
            let plain = oracle(&text, &LEXICON);
            prop_assert_eq!(fields(&fast), fields(&plain));
        }
    }
}
