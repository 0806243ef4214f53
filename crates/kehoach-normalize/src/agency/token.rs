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

use super::lexicon::{Lexicon, Vocabulary, fold_word};

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
    pub key: Cow<'a, str>,
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
    pub fn is_punct(&self, c: &str) -> bool {
        self.class == Class::Punct && self.key == c
    }

    /// Capitalised in the text, or spelled out from an abbreviation: the
    /// mark of a name rather than of a common word.
    pub fn is_capitalized(&self) -> bool {
        self.expanded
            || matches!(self.case, Case::Title | Case::Upper)
            || (self.case == Case::Mixed
                && self.text.chars().next().is_some_and(char::is_uppercase))
    }
}

/// Returns the tokens of `text`, abbreviations not yet expanded.
pub(crate) fn tokenize(text: &str) -> Vec<Token<'_>> {
    tokenize_with(text, None)
}

/// Returns the tokens of `text`, finding the keys of known words in
/// `vocabulary`.
fn tokenize_with<'a>(text: &'a str, vocabulary: Option<&'a Vocabulary>) -> Vec<Token<'a>> {
    let mut tokens = Vec::with_capacity(text.len() / 4 + 1);
    let mut space_before = false;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() || is_ignored(c) {
            // Markdown emphasis and escapes ("**", "*Văn phòng*", "\|") are
            // layout, not text; they separate words like a space does.
            space_before = true;
            continue;
        }
        if is_word_char(c) {
            let mut end = start + c.len_utf8();
            let mut all_digits = c.is_ascii_digit();
            while let Some(&(index, next)) = chars.peek() {
                if !is_word_char(next) {
                    break;
                }
                all_digits &= next.is_ascii_digit();
                end = index + next.len_utf8();
                chars.next();
            }
            let word = &text[start..end];
            let (key, traditional) = fold_word(word, vocabulary);
            tokens.push(Token {
                text: word,
                key,
                span: start..end,
                class: if all_digits {
                    Class::Number
                } else {
                    Class::Word
                },
                case: case_of(word),
                space_before,
                expanded: false,
                traditional,
            });
        } else {
            let end = start + c.len_utf8();
            let as_written = &text[start..end];
            // A few punctuation characters have a canonical equivalent
            // ("；" GREEK QUESTION MARK is ";"), which the key uses.
            let key = kehoach_text::nfc(punct_key(c, as_written));
            tokens.push(Token {
                text: as_written,
                key,
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
    tokens
}

/// Returns the tokens of `text` with every abbreviation of the lexicon
/// replaced by the words it stands for.
pub(crate) fn tokenize_expanded<'a>(text: &'a str, lexicon: &'a Lexicon) -> Vec<Token<'a>> {
    let mut tokens = expand(tokenize_with(text, Some(&lexicon.vocabulary)), lexicon);
    restore_unmarked_heads(&mut tokens, lexicon);
    tokens
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
        let token = &tokens[index];
        if token.class != Class::Word
            || token.case != Case::Title
            || token.expanded
            || !token.text.is_ascii()
        {
            continue;
        }
        let Some(head) = lexicon.unmarked_heads.get(&*token.key) else {
            continue;
        };
        let after_boundary = index == 0 || {
            let previous = &tokens[index - 1];
            previous.class != Class::Word || previous.case == Case::Lower
        };
        if !after_boundary || !reads_as_head(tokens, index, &head.key, lexicon) {
            continue;
        }
        let token = &mut tokens[index];
        token.text = &head.name;
        token.key = Cow::Borrowed(&head.key);
        token.traditional = true;
    }
}

/// Whether the words after `index` name an agency of the head whose key is
/// `head_key`.
fn reads_as_head(tokens: &[Token<'_>], index: usize, head_key: &str, lexicon: &Lexicon) -> bool {
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
            &*tokens[index + offset].key
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
    if !tokens
        .iter()
        .any(|t| t.class == Class::Word && t.case != Case::Lower)
    {
        // Abbreviations are written in capitals; without one there is
        // nothing to expand and the vector is returned as it is.
        return tokens;
    }
    let mut out = Vec::with_capacity(tokens.len() + 8);
    let mut index = 0;
    while index < tokens.len() {
        let found = lexicon
            .abbreviations
            .longest(tokens.len() - index, |offset| {
                Some(tokens[index + offset].text)
            })
            .filter(|&(len, _)| is_whole_abbreviation(&tokens[index..index + len]));
        match found {
            Some((len, expansion)) => {
                let span = tokens[index].span.start..tokens[index + len - 1].span.end;
                let space_before = tokens[index].space_before;
                for (offset, word) in expansion.iter().enumerate() {
                    out.push(Token {
                        text: &word.text,
                        key: Cow::Borrowed(&word.key),
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
                    });
                }
                index += len;
            }
            None => {
                out.push(tokens[index].clone());
                index += 1;
            }
        }
    }
    out
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

fn is_word_char(c: char) -> bool {
    // Vietnamese letters lie in a few Latin blocks; testing them first
    // spares the slow Unicode table lookup for almost every character.
    c.is_ascii_alphanumeric()
        || matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}') && c != '×' && c != '÷'
        || !c.is_ascii() && (c.is_alphanumeric() || ('\u{300}'..='\u{36F}').contains(&c))
}

fn is_ignored(c: char) -> bool {
    matches!(c, '*' | '_' | '\\' | '#' | '\u{200B}' | '\u{FEFF}')
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

pub(crate) fn case_of(word: &str) -> Case {
    // A cased letter is uppercase or lowercase; testing those directly is
    // much faster than `char::is_alphabetic` on Vietnamese letters.
    let mut letters = word
        .chars()
        .filter(|&c| c.is_lowercase() || c.is_uppercase());
    let Some(first) = letters.next() else {
        return Case::Mixed;
    };
    let mut rest_lower = true;
    let mut rest_upper = true;
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
