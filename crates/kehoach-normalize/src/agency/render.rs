//! Spells a mention's canonical name.
//!
//! The rules, in order of precedence:
//!
//! 1. A gazetteer entry is written as the entry spells it, whatever the
//!    case, tone placement or abbreviations of the text: "Trung tâm phục vụ
//!    \- Kiểm soát TTHC" is "Trung tâm Phục vụ - Kiểm soát thủ tục hành
//!    chính". A final level word the entry already implies is dropped.
//! 2. Abbreviations are written out as `abbreviations.tsv` spells them.
//! 3. Head nouns and roles take their canonical spelling ("SỞ" → "Sở");
//!    level words, plural markers and the nouns of a collective mention
//!    are lowercase ("Các sở, ban, ngành tỉnh"), except a standalone
//!    capitalised "Thành phố", which names a centrally-run city.
//! 4. Other words keep their case as written; in a collective mention they
//!    are lowercase unless they are a proper noun ("Đảng") or form a proper
//!    name of two or more capitalised words ("Hồ Chí Minh"). A mention in
//!    capitals ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI") is rewritten in sentence
//!    case, with the place after a level word in title case.
//! 5. A clause of assignment ("được giao chủ trì …") is not a part of the
//!    name and is dropped; a qualifier written two ways takes one spelling
//!    ("có liên quan" → "liên quan"); a head in capitals right after
//!    "thuộc" or "của" names one agency and keeps its capital ("các cơ quan
//!    … thuộc Bộ").
//! 6. The name starts with a capital; tone marks are placed traditionally,
//!    spaces collapsed, punctuation attached, and punctuation at either end
//!    dropped.
//!
//! Each rule gives the same output when applied to its own output, and
//! whether a mention is collective is read without regard to case, which
//! makes [`canonical`] idempotent.

use kehoach_text::traditional_tone_placement;

use super::lexicon::{LEXICON, Lexicon};

mod memo;
use super::scan::{Mode, Scanner};
use super::token::{Case, Class, Token, tokenize_expanded};
use super::{AdminLevel, AgencyKind};

/// The canonical name of one mention written as `raw`.
pub(crate) fn canonical(raw: &str) -> String {
    // Normalizing first keeps combining marks in one order, so the tokens
    // of a name and of its canonical spelling are the same.
    let raw = kehoach_text::nfc(raw);
    let tokens = tokenize_expanded(&raw, &LEXICON);
    render(&tokens)
}

/// The kind and level of a canonical name that is a gazetteer entry.
pub(crate) fn classify(name: &str) -> (Option<AgencyKind>, Option<AdminLevel>) {
    let lexicon: &Lexicon = &LEXICON;
    let tokens = tokenize_expanded(name, lexicon);
    match lexicon.gazetteer.at(&tokens, 0) {
        Some((len, &id)) if len == tokens.len() => {
            let entry = &lexicon.entries[id as usize];
            (Some(entry.kind), entry.level)
        }
        _ => (None, None),
    }
}

/// Drops punctuation at both ends: bullets, trailing full stops, commas.
pub(crate) fn trim<'t, 'a>(tokens: &'t [Token<'a>]) -> &'t [Token<'a>] {
    let strip = |t: &Token<'_>| {
        t.class == Class::Punct
            && matches!(
                &*t.key,
                "," | ";" | ":" | "." | "-" | "+" | "|" | "/" | "&" | "•" | "!" | "?"
            )
    };
    let start = tokens
        .iter()
        .position(|t| !strip(t))
        .unwrap_or(tokens.len());
    let end = tokens
        .iter()
        .rposition(|t| !strip(t))
        .map_or(start, |i| i + 1);
    &tokens[start..end.max(start)]
}

/// Renders the canonical name of the mention made of `tokens`.
pub(crate) fn render(tokens: &[Token<'_>]) -> String {
    memo::remembered(tokens, spell)
}

/// Spells the canonical name of the mention made of `tokens`.
fn spell(tokens: &[Token<'_>]) -> String {
    let lexicon: &Lexicon = &LEXICON;
    // A clause of assignment qualifies the mention by its task and is no
    // part of its name: "Các cơ quan được phân công chủ trì …" is "Các cơ
    // quan".
    let named = (1..tokens.len())
        .find(|&index| lexicon.assignments.len_at(tokens, index).is_some())
        .map_or(tokens, |index| &tokens[..index]);
    let tokens = trim(named);
    // A collective mention is written in lowercase; whether the tokens are
    // one is read without regard to case, so that the decision is the same
    // for a name and for its canonical spelling.
    let mut scanner = Scanner::new(tokens, None);
    scanner.case_blind = true;
    let group = scanner.mention(0, Mode::List).is_some_and(|m| m.group);
    let all_caps = is_all_caps(tokens, lexicon);
    let mut out = Out::default();
    // The next word starts a name: capitalise it ("Trung tâm phục vụ" →
    // "Trung tâm Phục vụ").
    let mut capitalize_next = false;
    // In an all-caps mention, words after a level word are a place name.
    let mut place = false;
    let mut after_role = false;
    let mut index = 0;
    while index < tokens.len() {
        let token = &tokens[index];
        if token.class == Class::Punct {
            out.punct(tokens, index);
            if all_caps && !group && matches!(&*token.key, "-" | ",") {
                capitalize_next = true;
            }
            index += 1;
            continue;
        }
        let may_be_name = index == 0 || token.is_capitalized() || after_role;
        if may_be_name && let Some((len, &id)) = lexicon.gazetteer.at(tokens, index) {
            let entry = &lexicon.entries[id as usize];
            out.word(&entry.name);
            index += len;
            // In capitals, a place follows an entry that ends with a level
            // ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI").
            place = all_caps && lexicon.levels.len_at(tokens, index - 1).is_some();
            if let Some((level_len, word)) = lexicon.levels.at(tokens, index)
                && index + level_len == tokens.len()
                && word.level.is_some()
                && word.level == entry.level
            {
                index = tokens.len();
            }
            capitalize_next = false;
            after_role = false;
            continue;
        }
        if let Some((len, word)) = lexicon.levels.at(tokens, index)
            && lexicon.false_heads.len_at(tokens, index).is_none()
            && (!word.listed || index > 0 && matches!(&*tokens[index - 1].key, "," | "/" | "và"))
        {
            let standalone_city = word.capitalized.is_some()
                && token.case == Case::Title
                && tokens
                    .get(index + len)
                    .is_none_or(|t| t.class == Class::Punct);
            for (offset, t) in tokens[index..index + len].iter().enumerate() {
                let text = lowercase_traditional(t);
                if standalone_city && offset == 0 {
                    out.word(&kehoach_text::capitalize(&text));
                } else {
                    out.word(&text);
                }
            }
            index += len;
            place = all_caps;
            capitalize_next = false;
            continue;
        }
        if index > 0
            && let Some((len, canonical)) = lexicon.qualifier_spellings.at(tokens, index)
        {
            // "có liên quan" is written "liên quan".
            out.word(canonical);
            index += len;
            continue;
        }
        // A head in capitals right after "thuộc", "của" names one agency
        // ("các cơ quan … thuộc Bộ"), not a class of them.
        let names_one = token.is_capitalized()
            && !all_caps
            && index > 0
            && lexicon.qualifiers.len_at(tokens, index - 1).is_some();
        if group
            && !names_one
            && let Some(len) = lexicon.groups.len_at(tokens, index)
            && lexicon
                .head_trie
                .len_at(tokens, index)
                .is_none_or(|head_len| head_len <= len)
        {
            // The nouns of a collective mention are common nouns.
            for t in &tokens[index..index + len] {
                out.word(&lowercase_traditional(t));
            }
            index += len;
            continue;
        }
        if may_be_name && let Some((len, &id)) = lexicon.role_trie.at(tokens, index) {
            out.word(&lexicon.roles[id as usize].name);
            index += len;
            after_role = true;
            continue;
        }
        let is_false_head = |len: usize| {
            lexicon
                .false_heads
                .len_at(tokens, index)
                .is_some_and(|l| l >= len)
        };
        if (may_be_name || index == 0)
            && let Some((len, &id)) = lexicon.head_trie.at(tokens, index)
            && !is_false_head(len)
        {
            let head = &lexicon.heads[id as usize];
            let is_group_noun = lexicon
                .groups
                .len_at(tokens, index)
                .is_some_and(|l| l == len);
            if group && is_group_noun && !names_one {
                out.word(&head.name.to_lowercase());
            } else {
                out.word(&head.name);
                // Only a heading in capitals loses the case of its name's
                // first word; elsewhere the case is kept as written.
                capitalize_next = all_caps && !group && !head.bare;
            }
            index += len;
            after_role = false;
            continue;
        }
        after_role = false;
        let lexical = lexicon.plural.len_at(tokens, index).is_some()
            || lexicon.qualifiers.len_at(tokens, index).is_some()
            || lexicon.connectives.len_at(tokens, index).is_some()
            || (group && lexicon.groups.len_at(tokens, index).is_some());
        let text = if token.expanded && !group {
            token.text.to_owned()
        } else if all_caps && !token.expanded {
            if is_acronym(token.text) {
                token.text.to_owned()
            } else if place {
                kehoach_text::capitalize(&token.text.to_lowercase())
            } else {
                token.text.to_lowercase()
            }
        } else if (lexical && token.case != Case::Upper)
            || (group
                && token.case == Case::Title
                && !in_proper_name(tokens, index, lexicon)
                && lexicon.proper_nouns.len_at(tokens, index).is_none())
        {
            token.text.to_lowercase()
        } else {
            token.text.to_owned()
        };
        let text = if token.traditional {
            text
        } else {
            traditional_tone_placement(&text)
        };
        if capitalize_next && !lexical && token.class == Class::Word {
            out.word(&kehoach_text::capitalize(&text));
            capitalize_next = false;
        } else {
            out.word(&text);
        }
        if all_caps && !group && token.key == "và" {
            capitalize_next = true;
        }
        index += 1;
    }
    // A name starts with a capital, unless its first word is written in
    // mixed case ("iGate") or would then read as an abbreviation ("uB" is
    // not "UB").
    let first_word = out
        .text
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    let capitalized = kehoach_text::capitalize(first_word);
    let name = if super::chars::case_of(first_word) == Case::Lower
        && !lexicon.abbreviations.starts_with_key(&capitalized)
    {
        kehoach_text::capitalize(&out.text)
    } else {
        out.text
    };
    kehoach_text::nfc(&name).into_owned()
}

/// A word in lowercase with its tone marks in their traditional place.
fn lowercase_traditional(token: &Token<'_>) -> String {
    let lower = token.text.to_lowercase();
    if token.traditional {
        lower
    } else {
        traditional_tone_placement(&lower)
    }
}

/// A mention written entirely in capitals, as headings are: it has no
/// lowercase letter and at least one word of the lexicon in capitals.
fn is_all_caps(tokens: &[Token<'_>], lexicon: &Lexicon) -> bool {
    let words = || {
        tokens
            .iter()
            .filter(|t| t.class == Class::Word && !t.expanded)
    };
    if words().any(|t| t.text.chars().any(char::is_lowercase)) {
        return false;
    }
    (0..tokens.len()).any(|index| {
        tokens[index].case == Case::Upper
            && tokens[index].text.chars().count() > 1
            && !tokens[index].expanded
            && (lexicon.head_trie.len_at(tokens, index).is_some()
                || lexicon.role_trie.len_at(tokens, index).is_some()
                || lexicon.groups.len_at(tokens, index).is_some()
                || lexicon.levels.len_at(tokens, index).is_some()
                || lexicon.plural.len_at(tokens, index).is_some())
    })
}

/// An acronym in an all-caps text: no vowel at all ("VNPT", "KH").
fn is_acronym(word: &str) -> bool {
    !word
        .chars()
        .map(kehoach_text::ascii_fold_char)
        .any(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
}

/// Whether the capitalised word at `index` is part of a run of two or more
/// capitalised words that are not lexicon words: a proper name.
fn in_proper_name(tokens: &[Token<'_>], index: usize, lexicon: &Lexicon) -> bool {
    let is_proper = |i: usize| {
        tokens.get(i).is_some_and(|t| {
            t.class == Class::Word
                && matches!(t.case, Case::Title | Case::Upper)
                && lexicon.head_trie.len_at(tokens, i).is_none()
                && lexicon.groups.len_at(tokens, i).is_none()
                && lexicon.levels.len_at(tokens, i).is_none()
        })
    };
    is_proper(index) && ((index > 0 && is_proper(index - 1)) || is_proper(index + 1))
}

/// The name being written, with the spacing rules of punctuation.
#[derive(Default)]
struct Out {
    text: String,
    /// The next word attaches without a space ("(", "&", a tight hyphen).
    glue: bool,
}

impl Out {
    fn word(&mut self, word: &str) {
        if !self.text.is_empty() && !self.glue {
            self.text.push(' ');
        }
        self.text.push_str(word);
        self.glue = false;
    }

    fn punct(&mut self, tokens: &[Token<'_>], index: usize) {
        let token = &tokens[index];
        let next = tokens.get(index + 1);
        match &*token.key {
            "," | ";" | ":" | "." | ")" | "%" | "!" | "?" => {
                self.text.push_str(&token.key);
                self.glue = false;
            }
            "(" => {
                if !self.text.is_empty() && !self.glue {
                    self.text.push(' ');
                }
                self.text.push('(');
                self.glue = true;
            }
            "-" => {
                // A hyphen between two name components is spaced ("Phục vụ -
                // Kiểm soát"); one inside a word ("các-bon") or next to other
                // punctuation is not.
                let between_words = index > 0
                    && tokens[index - 1].class != Class::Punct
                    && next.is_some_and(|n| n.class != Class::Punct);
                let spaced = between_words
                    && (token.space_before
                        || next.is_some_and(|n| n.space_before || n.is_capitalized()));
                if spaced {
                    if !self.text.is_empty() {
                        self.text.push(' ');
                    }
                    self.text.push('-');
                    self.glue = false;
                } else {
                    self.text.push('-');
                    self.glue = true;
                }
            }
            "&" | "/" => {
                self.text.push_str(&token.key);
                self.glue = true;
            }
            _ => {
                if token.space_before && !self.text.is_empty() && !self.glue {
                    self.text.push(' ');
                }
                self.text.push_str(&token.key);
                self.glue = next.is_some_and(|n| !n.space_before);
            }
        }
    }
}
