//! Short names a document defines for itself: "Văn phòng UBND tỉnh (sau
//! đây viết tắt là Văn phòng)", "Văn phòng UBND tỉnh (*Văn phòng*)",
//! "… Ban Tiếp công dân tỉnh, Trung tâm Phục vụ - Kiểm soát TTHC tỉnh và
//! Trung tâm Công báo và Tin học (*viết tắt là phòng, ban, đơn vị*)".

use std::cell::OnceCell;

use super::lexicon::LEXICON;
use super::scan::{Mention, Mode, Scanner};
use super::token::{Class, Token, tokenize_expanded};
use super::{Agency, AgencyKind, agency_from};
use crate::Text;
use kehoach_text::Fingerprint;

/// Short names a document defines for itself, resolved to their full agency.
///
/// Scan each paragraph in document order with [`Aliases::scan`]; pass the
/// aliases to [`split_agencies`](super::split_agencies) and the other
/// functions so that a later "Văn phòng" resolves to "Văn phòng Ủy ban nhân
/// dân tỉnh". A later definition of the same short name replaces the
/// earlier one.
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    entries: Vec<Definition>,
    /// The [`Fingerprint`] of `entries`, made again whenever they change.
    fingerprint: Option<Fingerprint>,
}

/// One alias: the short name's token keys (plural marker dropped) and its
/// agency.
pub(crate) type Definition = (Vec<String>, Agency);

impl Aliases {
    /// An empty set of aliases.
    pub fn new() -> Self {
        Aliases::default()
    }

    /// Scans one paragraph for alias definitions and records them.
    ///
    /// Only a parenthetical that names a short form of the agency just
    /// before it ("(Văn phòng)" after "Văn phòng UBND tỉnh"), or one that
    /// says "viết tắt là", "gọi tắt là", "gọi chung là" … after one or more
    /// agencies, defines an alias: "(Chuyên đề năm 2023)" after a title and
    /// "(CCHC)" after "cải cách hành chính" do not.
    pub fn scan(&mut self, paragraph: &str) {
        self.scan_text(&Text::new(paragraph));
    }

    /// [`Aliases::scan`] of a paragraph that may be tokenized already.
    pub fn scan_text(&mut self, paragraph: &Text<'_>) {
        if !paragraph.as_str().contains('(') {
            return;
        }
        // What the paragraph defines depends on the paragraph alone.
        let defined = paragraph.definitions(|| {
            let mut found = Aliases::new();
            found.scan_tokens(paragraph);
            found.entries
        });
        for (keys, agency) in defined {
            self.record(keys, agency);
        }
    }

    /// Records `keys` as the short name of `agency`, replacing an earlier
    /// definition of the same short name.
    fn record(&mut self, keys: Vec<String>, agency: Agency) {
        self.entries.retain(|(k, _)| *k != keys);
        self.entries.push((keys, agency));
        // Every field of every definition, in order, spelled out (strings
        // quoted and escaped): equal only for equal entries.
        self.fingerprint = Some(Fingerprint::of(&format!("{:?}", self.entries)));
    }

    /// The [`Fingerprint`] of the aliases defined, in the order they were
    /// recorded: what the agencies of a text read with them depend on
    /// besides the text. `None` when none is defined.
    ///
    /// Documents of an archive define the same aliases ("Văn phòng UBND
    /// tỉnh (sau đây viết tắt là Văn phòng)"), so answers found with them
    /// can be kept for later documents by the text's fingerprint and this
    /// one.
    ///
    /// ```
    /// use kehoach_normalize::agency::Aliases;
    ///
    /// let definition = "Văn phòng UBND tỉnh (sau đây viết tắt là Văn phòng)";
    /// let (mut one, mut other) = (Aliases::new(), Aliases::new());
    /// assert_eq!(one.fingerprint(), None);
    /// one.scan(definition);
    /// other.scan(definition);
    /// assert!(one.fingerprint().is_some());
    /// assert_eq!(one.fingerprint(), other.fingerprint());
    /// other.scan("Sở Nội vụ (Sở)");
    /// assert_ne!(one.fingerprint(), other.fingerprint());
    /// ```
    pub fn fingerprint(&self) -> Option<Fingerprint> {
        self.fingerprint
    }

    /// [`Aliases::scan_text`], reading the paragraph's tokens.
    pub(crate) fn scan_tokens(&mut self, paragraph: &Text<'_>) {
        let tokens = paragraph.tokens();
        let paragraph = paragraph.as_str();
        let scanner = Scanner::new(tokens, None);
        // Found when a parenthetical first may define an alias.
        let mentions = OnceCell::new();
        let mut p = 0;
        while p < tokens.len() {
            if !tokens[p].is_punct("(") {
                p += 1;
                continue;
            }
            let close = scanner.skip_parenthetical(p);
            if close > tokens.len()
                || !tokens
                    .get(close.wrapping_sub(1))
                    .is_some_and(|t| t.is_punct(")"))
            {
                break;
            }
            self.define(paragraph, &scanner, &mentions, p, close - 1);
            p = close;
        }
    }

    /// The agency a short name stands for in this document.
    pub fn resolve(&self, short: &str) -> Option<&Agency> {
        let tokens = tokenize_expanded(short, &LEXICON);
        let keys = short_keys(&tokens);
        self.entries
            .iter()
            .rev()
            .find(|(k, _)| *k == keys)
            .map(|(_, agency)| agency)
    }

    /// Whether no alias has been defined.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The number of aliases defined.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// The aliases, latest definitions first, as token keys and agencies.
    pub(crate) fn entries(&self) -> impl Iterator<Item = (&[String], &Agency)> {
        self.entries
            .iter()
            .rev()
            .map(|(keys, agency)| (keys.as_slice(), agency))
    }

    /// Records the alias defined by the parenthetical `open..=close`, if it
    /// defines one.
    fn define(
        &mut self,
        text: &str,
        scanner: &Scanner<'_, '_>,
        mentions: &OnceCell<Vec<Mention>>,
        open: usize,
        close: usize,
    ) {
        let tokens = scanner.toks;
        let lexicon = &*LEXICON;
        let mut start = open + 1;
        let intro = lexicon.alias_intros.len_at(tokens, start);
        if let Some(len) = intro {
            start += len;
        }
        let mut end = close;
        while start < end && is_quote_or_punct(&tokens[start]) {
            start += 1;
        }
        while end > start && is_quote_or_punct(&tokens[end - 1]) {
            end -= 1;
        }
        if start >= end {
            return;
        }
        let short = &tokens[start..end];
        let keys = short_keys(short);
        if keys.is_empty() || intro.is_none() && !may_be_short_form(short, &tokens[..open]) {
            return;
        }
        let mentions = mentions.get_or_init(|| all_mentions(scanner));
        // Mentions are in text order and do not overlap, so their ends are
        // sorted: find the one that ends at the parenthesis by bisection.
        let after = mentions.partition_point(|m| m.tokens.end <= open);
        let Some(last) = after
            .checked_sub(1)
            .filter(|&i| mentions[i].tokens.end == open)
        else {
            return;
        };
        let agency = if intro.is_some() {
            // An explicit definition may name several agencies joined by
            // commas and "và": the alias is the collection.
            let mut first = last;
            while first > 0 && joined(tokens, &mentions[first - 1], &mentions[first]) {
                first -= 1;
            }
            let start = mentions[first].tokens.start;
            let continues_a_list =
                start > 0 && (tokens[start - 1].is_punct(",") || tokens[start - 1].key == "và");
            if first == last && mentions[first].group && continues_a_list {
                // "Cơ quan nhà nước, …, tổ chức xã hội và các tổ chức khác …
                // (sau đây gọi là cơ quan, tổ chức, đơn vị)": the alias names
                // a whole enumeration of which only the last item reads as a
                // mention; naming that item alone would be wrong.
                return;
            }
            let members: Vec<Agency> = mentions[first..=last]
                .iter()
                .map(|m| agency_from(text, tokens, m))
                .collect();
            if members.len() == 1 {
                members.into_iter().next()
            } else {
                let span = tokens[mentions[first].tokens.start].span.start
                    ..tokens[mentions[last].tokens.end - 1].span.end;
                Some(collection(&members, text.get(span).unwrap_or_default()))
            }
        } else {
            let mention = &mentions[last];
            (!mention.group && is_short_form(short, &tokens[mention.tokens.clone()]))
                .then(|| agency_from(text, tokens, mention))
        };
        if let Some(agency) = agency {
            self.record(keys, agency);
        }
    }
}

/// Every mention of a paragraph, left to right.
fn all_mentions(scanner: &Scanner<'_, '_>) -> Vec<Mention> {
    let mut mentions = Vec::new();
    let mut p = 0;
    while p < scanner.toks.len() {
        match scanner.mention(p, Mode::Strict) {
            Some(mention) => {
                p = mention.tokens.end.max(p + 1);
                mentions.push(mention);
            }
            None => p += 1,
        }
    }
    mentions
}

/// Whether only a comma or "và" lies between two mentions.
fn joined(tokens: &[Token<'_>], left: &Mention, right: &Mention) -> bool {
    let between = &tokens[left.tokens.end.min(right.tokens.start)..right.tokens.start];
    !between.is_empty() && between.iter().all(|t| t.is_punct(",") || t.key == "và")
}

/// The keys a short name is looked up by: a leading plural marker is
/// dropped, so "các phòng, ban, đơn vị" finds "phòng, ban, đơn vị".
fn short_keys(tokens: &[Token<'_>]) -> Vec<String> {
    let tokens = super::render::trim(tokens);
    let skip = LEXICON.plural.len_at(tokens, 0).unwrap_or(0);
    tokens[skip..].iter().map(|t| t.key.to_string()).collect()
}

fn is_quote_or_punct(token: &Token<'_>) -> bool {
    token.class == Class::Punct && !matches!(&*token.key, "&" | "-")
}

/// Whether `short` may abbreviate a mention that ends where `before` does
/// ([`is_short_form`] of no such mention holds otherwise): it has at most
/// one word, or its first word's key is one of `before`'s.
fn may_be_short_form(short: &[Token<'_>], before: &[Token<'_>]) -> bool {
    let mut words = short.iter().filter(|t| t.class != Class::Punct);
    match (words.next(), words.next()) {
        (Some(first), Some(_)) => before.iter().any(|t| *t.key == *first.key),
        _ => true,
    }
}

/// Whether `short` abbreviates `full`: its words begin the full name
/// ("Văn phòng" for "Văn phòng Ủy ban nhân dân tỉnh"), or it is an acronym
/// of the full name's initials ("VPUB").
fn is_short_form(short: &[Token<'_>], full: &[Token<'_>]) -> bool {
    let full_words: Vec<&Token<'_>> = full.iter().filter(|t| t.class != Class::Punct).collect();
    let short_words: Vec<&Token<'_>> = short.iter().filter(|t| t.class != Class::Punct).collect();
    if short_words.len() < full_words.len()
        && short_words
            .iter()
            .zip(&full_words)
            .all(|(s, f)| *s.key == *f.key)
    {
        return true;
    }
    if let [acronym] = short_words.as_slice() {
        let letters: String = acronym
            .text
            .chars()
            .map(kehoach_text::ascii_fold_char)
            .collect();
        let initials: String = full_words
            .iter()
            .filter_map(|t| t.text.chars().next())
            .map(kehoach_text::ascii_fold_char)
            .collect();
        return letters.len() >= 2 && initials.starts_with(&letters);
    }
    false
}

/// One collective agency made of the members an explicit alias names.
fn collection(members: &[Agency], raw: &str) -> Agency {
    let mut name = String::new();
    for (index, member) in members.iter().enumerate() {
        if index > 0 {
            name.push_str(if index + 1 == members.len() {
                " và "
            } else {
                ", "
            });
        }
        name.push_str(&member.name);
    }
    let first_kind = members
        .first()
        .map(|m| if m.group { m.member_kind } else { Some(m.kind) });
    let uniform = members
        .iter()
        .all(|m| Some(if m.group { m.member_kind } else { Some(m.kind) }) == first_kind);
    Agency {
        raw: raw.trim().to_owned(),
        name,
        kind: AgencyKind::Group,
        level: None,
        group: true,
        member_kind: if uniform { first_kind.flatten() } else { None },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn no_mention_before_is_abbreviated_unless_it_may_be(
            words in proptest::collection::vec(
                proptest::sample::select(&[
                    "Văn", "phòng", "VPUB", "Ủy", "UBND", "ban", "nhân", "dân", "tỉnh", "-", ",",
                    "V", "Sở", "Nội", "vụ", "SNV",
                ][..]),
                1..12,
            ),
            cut in 0usize..12,
        ) {
            let text = words.join(" ");
            let tokens = tokenize_expanded(&text, &LEXICON);
            let cut = cut.min(tokens.len());
            let (before, short) = tokens.split_at(cut);
            if !may_be_short_form(short, before) {
                for start in 0..before.len() {
                    prop_assert!(!is_short_form(short, &before[start..]));
                }
            }
        }
    }
}
