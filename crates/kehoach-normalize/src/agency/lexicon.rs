//! The knowledge the agency module works from, loaded once from the data
//! files embedded in the crate: the gazetteer (`data/agencies.toml`), the
//! words that shape a mention (`data/agency_grammar.toml`) and the
//! abbreviations (`data/abbreviations.tsv`).
//!
//! Every phrase is stored as a sequence of token keys in a [`Trie`], so a
//! lookup at a token position costs one hash probe per word matched.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use serde::Deserialize;

use super::token::{Case, Class, Token, tokenize};
use super::{AdminLevel, AgencyKind};

const AGENCIES_TOML: &str = include_str!("../../data/agencies.toml");
const GRAMMAR_TOML: &str = include_str!("../../data/agency_grammar.toml");
const ABBREVIATIONS_TSV: &str = include_str!("../../data/abbreviations.tsv");

/// The lexicon, parsed on first use.
pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| match Lexicon::load() {
    Ok(lexicon) => lexicon,
    // The data is compiled into the crate and checked by its tests, so a
    // failure here is a build defect, not an input error.
    Err(error) => panic!("invalid embedded agency data: {error}"),
});

/// Returns the comparison key of one word, and whether the word is spelled
/// as the lexicon spells it (its tone marks already in their traditional
/// place).
///
/// Lowercase ASCII words without a `y` (which `fold` may respell) are their
/// own key; words of the lexicon, in lowercase, title case or capitals,
/// find their key in `vocabulary`; only other words are folded, which is
/// the costly path.
pub(crate) fn fold_word<'a>(
    word: &'a str,
    vocabulary: Option<&'a Vocabulary>,
) -> (Cow<'a, str>, bool) {
    if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && !word.contains('y')
    {
        return (Cow::Borrowed(word), true);
    }
    if let Some(key) = vocabulary.and_then(|v| v.get(word)) {
        return (Cow::Borrowed(key), true);
    }
    (Cow::Owned(kehoach_text::fold(word)), word.is_ascii())
}

/// FNV-1a: the lexicon's keys are short words, for which it is several
/// times faster than the default SipHash, and they come from our own data,
/// so hash flooding is not a concern.
#[derive(Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Every word of the lexicon, in the spellings text uses (lowercase, title
/// case, capitals), mapped to its key.
pub(crate) type Vocabulary = FnvMap<Box<str>, Box<str>>;

/// A map from sequences of token keys to values, matched longest first.
#[derive(Debug)]
pub(crate) struct Trie<V> {
    nodes: Vec<Node<V>>,
}

#[derive(Debug)]
struct Node<V> {
    children: FnvMap<Box<str>, u32>,
    value: Option<V>,
}

impl<V> Default for Trie<V> {
    fn default() -> Self {
        Trie {
            nodes: vec![Node {
                children: FnvMap::default(),
                value: None,
            }],
        }
    }
}

impl<V> Trie<V> {
    /// Inserts `value` under `keys`; returns the value it replaces.
    pub fn insert<'k>(&mut self, keys: impl IntoIterator<Item = &'k str>, value: V) -> Option<V> {
        let mut node = 0usize;
        for key in keys {
            node = match self.nodes[node].children.get(key) {
                Some(&child) => child as usize,
                None => {
                    let child = self.nodes.len();
                    self.nodes.push(Node {
                        children: FnvMap::default(),
                        value: None,
                    });
                    self.nodes[node].children.insert(key.into(), child as u32);
                    child
                }
            };
        }
        self.nodes[node].value.replace(value)
    }

    /// The longest entry whose keys are a prefix of the sequence `key_at(0),
    /// key_at(1), …` (at most `available` keys), with its length.
    pub fn longest<'k>(
        &self,
        available: usize,
        key_at: impl Fn(usize) -> Option<&'k str>,
    ) -> Option<(usize, &V)> {
        let mut node = 0usize;
        let mut best = None;
        for offset in 0..available {
            let Some(key) = key_at(offset) else { break };
            match self.nodes[node].children.get(key) {
                Some(&child) => node = child as usize,
                None => break,
            }
            if let Some(value) = &self.nodes[node].value {
                best = Some((offset + 1, value));
            }
        }
        best
    }

    /// Whether some entry starts with `key`.
    pub fn starts_with_key(&self, key: &str) -> bool {
        self.nodes[0].children.contains_key(key)
    }

    /// The longest entry matching the folded keys of `tokens` from `start`.
    pub fn at(&self, tokens: &[Token<'_>], start: usize) -> Option<(usize, &V)> {
        if start >= tokens.len() {
            return None;
        }
        self.longest(tokens.len() - start, |offset| {
            Some(&*tokens[start + offset].key)
        })
    }

    /// Whether an entry matches at `start`; returns its length.
    pub fn len_at(&self, tokens: &[Token<'_>], start: usize) -> Option<usize> {
        self.at(tokens, start).map(|(len, _)| len)
    }
}

/// One word of an abbreviation's expansion, with its key computed once.
#[derive(Debug)]
pub(crate) struct ExpandedWord {
    pub text: String,
    pub key: String,
    pub class: Class,
    pub case: Case,
    pub space_before: bool,
}

/// A gazetteer entry.
#[derive(Debug)]
pub(crate) struct Entry {
    pub name: String,
    pub kind: AgencyKind,
    pub level: Option<AdminLevel>,
}

/// A head noun.
#[derive(Debug)]
pub(crate) struct Head {
    pub name: String,
    pub kind: AgencyKind,
    pub level: Option<AdminLevel>,
    pub bare: bool,
    /// The head names an agency with nothing after it ("ỦY BAN NHÂN DÂN").
    pub standalone: bool,
}

/// A one-word head as it is written without its tone marks ("Vu" for
/// "Vụ"), for reading a typing slip.
#[derive(Debug)]
pub(crate) struct UnmarkedHead {
    /// The head as the lexicon spells it.
    pub name: String,
    /// Its token key.
    pub key: String,
}

/// A person role.
#[derive(Debug)]
pub(crate) struct Role {
    pub name: String,
    pub standalone: bool,
}

/// A noun naming a class of agencies.
#[derive(Debug)]
pub(crate) struct GroupNoun {
    pub kind: Option<AgencyKind>,
    pub level: Option<AdminLevel>,
    pub needs_plural: bool,
}

/// A word stating the tier of an agency.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LevelWord {
    pub level: Option<AdminLevel>,
    pub capitalized: Option<AdminLevel>,
    /// The level designates every unit of the tier ("cấp huyện").
    pub collective: bool,
    /// The word is a level only inside a list of levels ("thành", "thị").
    pub listed: bool,
}

/// Everything the agency module knows.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    /// Keyed by the exact text of each token of the abbreviation.
    pub abbreviations: Trie<Vec<ExpandedWord>>,
    pub entries: Vec<Entry>,
    pub gazetteer: Trie<u32>,
    pub heads: Vec<Head>,
    pub head_trie: Trie<u32>,
    pub roles: Vec<Role>,
    pub role_trie: Trie<u32>,
    pub groups: Trie<GroupNoun>,
    pub levels: Trie<LevelWord>,
    pub plural: Trie<()>,
    pub false_heads: Trie<()>,
    pub end_verbs: Trie<()>,
    pub strong_end_verbs: Trie<()>,
    pub qualifiers: Trie<()>,
    /// "được giao", "được phân công": also in `end_verbs`.
    pub assignments: Trie<()>,
    /// A qualifier's other spelling ("có liên quan") and the words a
    /// canonical name writes instead ("liên quan").
    pub qualifier_spellings: Trie<String>,
    pub relative_clauses: Trie<()>,
    pub connectives: Trie<()>,
    pub cooperation: Trie<()>,
    pub openers: Trie<()>,
    pub adverbials: Trie<()>,
    pub alias_intros: Trie<()>,
    pub central_cities: Trie<()>,
    pub proper_nouns: Trie<()>,
    pub enumeration: Trie<()>,
    /// One-word heads by the key of their spelling without tone marks,
    /// when that differs from the head ("vu" → "Vụ").
    pub unmarked_heads: FnvMap<Box<str>, UnmarkedHead>,
    pub vocabulary: Vocabulary,
    /// Every phrase loaded, for building the vocabulary.
    phrases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AgenciesFile {
    agency: Vec<EntryRecord>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryRecord {
    name: String,
    kind: String,
    level: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GrammarFile {
    head: Vec<HeadRecord>,
    role: Vec<RoleRecord>,
    group: Vec<GroupRecord>,
    level: Vec<LevelRecord>,
    words: WordLists,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WordLists {
    plural: Vec<String>,
    proper_nouns: Vec<String>,
    enumeration: Vec<String>,
    central_cities: Vec<String>,
    false_heads: Vec<String>,
    end_verbs: Vec<String>,
    strong_end_verbs: Vec<String>,
    qualifiers: Vec<String>,
    assignments: Vec<String>,
    qualifier_spellings: Vec<(String, String)>,
    relative_clauses: Vec<String>,
    connectives: Vec<String>,
    cooperation: Vec<String>,
    openers: Vec<String>,
    adverbials: Vec<String>,
    alias_intros: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HeadRecord {
    name: String,
    kind: String,
    level: Option<String>,
    #[serde(default)]
    bare: bool,
    #[serde(default)]
    standalone: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoleRecord {
    name: String,
    #[serde(default)]
    standalone: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupRecord {
    name: String,
    kind: Option<String>,
    level: Option<String>,
    #[serde(default)]
    plural: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LevelRecord {
    name: String,
    level: Option<String>,
    capitalized: Option<String>,
    #[serde(default)]
    collective: bool,
    #[serde(default)]
    listed: bool,
}

/// Selects the trie a word list of the grammar file is loaded into.
type WordTable = fn(&mut Lexicon) -> &mut Trie<()>;

/// A defect in the embedded data, found while loading it.
#[derive(Debug)]
pub(crate) struct DataError(pub String);

impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Lexicon {
    fn load() -> Result<Lexicon, DataError> {
        Lexicon::from_sources(ABBREVIATIONS_TSV, AGENCIES_TOML, GRAMMAR_TOML, false)
    }

    /// Builds the lexicon; with `strict`, a phrase that is listed twice in
    /// one table (after folding and expansion) is an error.
    pub(crate) fn from_sources(
        abbreviations: &str,
        agencies: &str,
        grammar: &str,
        strict: bool,
    ) -> Result<Lexicon, DataError> {
        let mut lexicon = Lexicon::default();
        lexicon.load_abbreviations(abbreviations, strict)?;

        let agencies: AgenciesFile =
            toml::from_str(agencies).map_err(|e| DataError(format!("data/agencies.toml: {e}")))?;
        for record in agencies.agency {
            let kind = parse_kind(&record.kind)?;
            let level = record.level.as_deref().map(parse_level).transpose()?;
            let id = lexicon.entries.len() as u32;
            for spelling in std::iter::once(&record.name).chain(&record.aliases) {
                let keys = lexicon.keys_of_phrase(spelling);
                if let Some(previous) = lexicon
                    .gazetteer
                    .insert(keys.iter().map(String::as_str), id)
                    && strict
                {
                    return Err(DataError(format!(
                        "data/agencies.toml: '{spelling}' (key '{}') already names '{}'",
                        keys.join(" "),
                        lexicon.entries[previous as usize].name
                    )));
                }
            }
            lexicon.entries.push(Entry {
                name: record.name,
                kind,
                level,
            });
        }

        let grammar: GrammarFile = toml::from_str(grammar)
            .map_err(|e| DataError(format!("data/agency_grammar.toml: {e}")))?;
        for record in grammar.head {
            let keys = lexicon.keys_of_phrase(&record.name);
            let id = lexicon.heads.len() as u32;
            check(
                strict,
                "head",
                &record.name,
                lexicon
                    .head_trie
                    .insert(keys.iter().map(String::as_str), id),
            )?;
            if let [key] = keys.as_slice() {
                let unmarked: String = record
                    .name
                    .chars()
                    .map(kehoach_text::ascii_fold_char)
                    .collect();
                let unmarked_key = kehoach_text::fold(&unmarked);
                if unmarked_key != *key {
                    lexicon.unmarked_heads.insert(
                        unmarked_key.into(),
                        UnmarkedHead {
                            name: record.name.clone(),
                            key: key.clone(),
                        },
                    );
                }
            }
            lexicon.heads.push(Head {
                kind: parse_kind(&record.kind)?,
                level: record.level.as_deref().map(parse_level).transpose()?,
                bare: record.bare,
                standalone: record.standalone,
                name: record.name,
            });
        }
        for record in grammar.role {
            let keys = lexicon.keys_of_phrase(&record.name);
            let id = lexicon.roles.len() as u32;
            check(
                strict,
                "role",
                &record.name,
                lexicon
                    .role_trie
                    .insert(keys.iter().map(String::as_str), id),
            )?;
            lexicon.roles.push(Role {
                name: record.name,
                standalone: record.standalone,
            });
        }
        for record in grammar.group {
            let keys = lexicon.keys_of_phrase(&record.name);
            let noun = GroupNoun {
                kind: record.kind.as_deref().map(parse_kind).transpose()?,
                level: record.level.as_deref().map(parse_level).transpose()?,
                needs_plural: record.plural,
            };
            check(
                strict,
                "group",
                &record.name,
                lexicon.groups.insert(keys.iter().map(String::as_str), noun),
            )?;
        }
        for record in grammar.level {
            let keys = lexicon.keys_of_phrase(&record.name);
            let word = LevelWord {
                level: record.level.as_deref().map(parse_level).transpose()?,
                capitalized: record.capitalized.as_deref().map(parse_level).transpose()?,
                collective: record.collective,
                listed: record.listed,
            };
            check(
                strict,
                "level",
                &record.name,
                lexicon.levels.insert(keys.iter().map(String::as_str), word),
            )?;
        }
        let words = grammar.words;
        for (written, canonical) in words.qualifier_spellings {
            let keys = lexicon.keys_of_phrase(&written);
            lexicon.phrases.push(canonical.clone());
            check(
                strict,
                "qualifier_spellings",
                &written,
                lexicon
                    .qualifier_spellings
                    .insert(keys.iter().map(String::as_str), canonical),
            )?;
        }
        // A participle of assignment ends a mention as an end verb does.
        for phrase in &words.assignments {
            let keys = lexicon.keys_of(phrase);
            lexicon
                .end_verbs
                .insert(keys.iter().map(String::as_str), ());
        }
        let lists: [(&str, Vec<String>, WordTable); 15] = [
            ("proper_nouns", words.proper_nouns, |l| &mut l.proper_nouns),
            ("enumeration", words.enumeration, |l| &mut l.enumeration),
            ("plural", words.plural, |l| &mut l.plural),
            ("central_cities", words.central_cities, |l| {
                &mut l.central_cities
            }),
            ("false_heads", words.false_heads, |l| &mut l.false_heads),
            ("end_verbs", words.end_verbs, |l| &mut l.end_verbs),
            ("strong_end_verbs", words.strong_end_verbs, |l| {
                &mut l.strong_end_verbs
            }),
            ("qualifiers", words.qualifiers, |l| &mut l.qualifiers),
            ("assignments", words.assignments, |l| &mut l.assignments),
            ("relative_clauses", words.relative_clauses, |l| {
                &mut l.relative_clauses
            }),
            ("connectives", words.connectives, |l| &mut l.connectives),
            ("cooperation", words.cooperation, |l| &mut l.cooperation),
            ("openers", words.openers, |l| &mut l.openers),
            ("adverbials", words.adverbials, |l| &mut l.adverbials),
            ("alias_intros", words.alias_intros, |l| &mut l.alias_intros),
        ];
        for (table, phrases, trie) in lists {
            for phrase in phrases {
                let keys = lexicon.keys_of_phrase(&phrase);
                check(
                    strict,
                    table,
                    &phrase,
                    trie(&mut lexicon).insert(keys.iter().map(String::as_str), ()),
                )?;
            }
        }
        for expansion in ABBREVIATIONS_TSV
            .lines()
            .filter_map(|line| line.split_once('\t'))
            .map(|(_, e)| e)
        {
            lexicon.phrases.push(expansion.to_owned());
        }
        lexicon.build_vocabulary();
        Ok(lexicon)
    }

    fn load_abbreviations(&mut self, tsv: &str, strict: bool) -> Result<(), DataError> {
        for (line_index, line) in tsv.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((abbreviation, expansion)) = line.split_once('\t') else {
                return Err(DataError(format!(
                    "data/abbreviations.tsv:{}: expected 'ABBREVIATION<TAB>expansion', found '{line}'",
                    line_index + 1
                )));
            };
            let words: Vec<ExpandedWord> = tokenize(expansion.trim())
                .into_iter()
                .map(|t| ExpandedWord {
                    text: t.text.to_owned(),
                    key: t.key.into_owned(),
                    class: t.class,
                    case: t.case,
                    space_before: t.space_before,
                })
                .collect();
            let keys: Vec<&str> = tokenize(abbreviation.trim())
                .iter()
                .map(|t| t.text)
                .collect();
            let previous = self.abbreviations.insert(keys.iter().copied(), words);
            if previous.is_some() && strict {
                return Err(DataError(format!(
                    "data/abbreviations.tsv:{}: '{abbreviation}' is listed twice",
                    line_index + 1
                )));
            }
        }
        Ok(())
    }

    /// The token keys of a phrase as the matchers see it: abbreviations
    /// expanded, every word folded.
    pub(crate) fn keys_of(&self, phrase: &str) -> Vec<String> {
        super::token::expand(tokenize(phrase), self)
            .into_iter()
            .map(|t| t.key.into_owned())
            .collect()
    }

    /// Like [`Lexicon::keys_of`], and remembers the phrase's words for the
    /// vocabulary.
    fn keys_of_phrase(&mut self, phrase: &str) -> Vec<String> {
        self.phrases.push(phrase.to_owned());
        self.keys_of(phrase)
    }

    /// Fills the vocabulary with every word of every phrase loaded.
    fn build_vocabulary(&mut self) {
        let phrases = std::mem::take(&mut self.phrases);
        for phrase in &phrases {
            for token in tokenize(phrase) {
                if token.class != Class::Word {
                    continue;
                }
                let lower = token.text.to_lowercase();
                let title = super::render::capitalize(&lower);
                let upper = token.text.to_uppercase();
                for spelling in [token.text.to_owned(), lower, title, upper] {
                    if kehoach_text::fold(&spelling) == *token.key {
                        self.vocabulary
                            .entry(spelling.into())
                            .or_insert_with(|| token.key.clone().into());
                    }
                }
            }
        }
    }
}

fn check<V>(strict: bool, table: &str, phrase: &str, previous: Option<V>) -> Result<(), DataError> {
    if strict && previous.is_some() {
        return Err(DataError(format!(
            "data/agency_grammar.toml: '{phrase}' is listed twice in '{table}'"
        )));
    }
    Ok(())
}

pub(crate) fn parse_kind(text: &str) -> Result<AgencyKind, DataError> {
    AgencyKind::ALL
        .into_iter()
        .find(|kind| kind.as_str() == text)
        .ok_or_else(|| DataError(format!("unknown agency kind '{text}'")))
}

pub(crate) fn parse_level(text: &str) -> Result<AdminLevel, DataError> {
    AdminLevel::ALL
        .into_iter()
        .find(|level| level.as_str() == text)
        .ok_or_else(|| DataError(format!("unknown administrative level '{text}'")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agency::render::canonical;
    use proptest::prelude::*;

    fn records() -> Vec<EntryRecord> {
        match toml::from_str::<AgenciesFile>(AGENCIES_TOML) {
            Ok(file) => file.agency,
            Err(error) => panic!("{error}"),
        }
    }

    fn abbreviation_pairs() -> Vec<(&'static str, &'static str)> {
        ABBREVIATIONS_TSV
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .filter_map(|line| line.split_once('\t'))
            .collect()
    }

    /// Every way the gazetteer lets one write an entry: its name, its
    /// aliases, and the name with one expansion written as its
    /// abbreviation ("Sở TT&TT").
    fn spellings(record: &EntryRecord) -> Vec<String> {
        let mut spellings = vec![record.name.clone()];
        spellings.extend(record.aliases.iter().cloned());
        for (abbreviation, expansion) in abbreviation_pairs() {
            if let Some(at) = record.name.find(expansion) {
                let end = at + expansion.len();
                let whole_words = !record.name[..at].ends_with(char::is_alphanumeric)
                    && !record.name[end..].starts_with(char::is_alphanumeric);
                if whole_words {
                    spellings.push(format!(
                        "{}{abbreviation}{}",
                        &record.name[..at],
                        &record.name[end..]
                    ));
                }
            }
        }
        spellings
    }

    /// Moves tone marks to where newer spelling puts them ("hóa" → "hoá").
    fn modern_tone_placement(text: &str) -> String {
        const PAIRS: [(&str, &str); 15] = [
            ("óa", "oá"),
            ("òa", "oà"),
            ("ỏa", "oả"),
            ("õa", "oã"),
            ("ọa", "oạ"),
            ("óe", "oé"),
            ("òe", "oè"),
            ("ỏe", "oẻ"),
            ("õe", "oẽ"),
            ("ọe", "oẹ"),
            ("úy", "uý"),
            ("ùy", "uỳ"),
            ("ủy", "uỷ"),
            ("ũy", "uỹ"),
            ("ụy", "uỵ"),
        ];
        PAIRS
            .iter()
            .fold(text.to_owned(), |text, (old, new)| text.replace(old, new))
    }

    #[test]
    fn every_spelling_of_an_entry_has_its_canonical_name() {
        let mut failures = Vec::new();
        for record in records() {
            for spelling in spellings(&record) {
                for variant in [
                    spelling.clone(),
                    spelling.to_uppercase(),
                    modern_tone_placement(&spelling),
                ] {
                    let name = canonical(&variant);
                    if name != record.name {
                        failures.push(format!(
                            "{variant:?} → {name:?}, expected {:?}",
                            record.name
                        ));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    proptest! {
        #[test]
        fn a_name_in_any_case_and_spacing_has_its_canonical_name(
            index in 0usize..1000,
            upper in proptest::collection::vec(any::<bool>(), 16),
            spaces in proptest::collection::vec(1usize..3, 16),
            ending in prop_oneof![Just(""), Just("."), Just(";"), Just(",")],
        ) {
            let records = records();
            let record = &records[index % records.len()];
            let all = spellings(record);
            let spelling = &all[index % all.len()];
            let mut text = String::new();
            for (word_index, word) in spelling.split(' ').enumerate() {
                if word_index > 0 {
                    text.push_str(&" ".repeat(spaces[word_index % spaces.len()]));
                }
                let abbreviation = word.chars().filter(|c| c.is_uppercase()).count() > 1;
                if upper[word_index % upper.len()] && !abbreviation {
                    text.push_str(&word.to_uppercase());
                } else {
                    text.push_str(word);
                }
            }
            text.push_str(ending);
            prop_assert_eq!(canonical(&text), record.name.clone(), "spelling {:?}", text);
        }
    }

    #[test]
    fn embedded_data_loads_without_duplicates() {
        if let Err(error) =
            Lexicon::from_sources(ABBREVIATIONS_TSV, AGENCIES_TOML, GRAMMAR_TOML, true)
        {
            panic!("{error}");
        }
    }

    #[test]
    fn embedded_data_is_nfc() {
        for (file, text) in [
            ("agencies.toml", AGENCIES_TOML),
            ("agency_grammar.toml", GRAMMAR_TOML),
            ("abbreviations.tsv", ABBREVIATIONS_TSV),
        ] {
            for (index, line) in text.lines().enumerate() {
                assert_eq!(
                    kehoach_text::nfc(line),
                    line,
                    "data/{file}:{} is not NFC",
                    index + 1
                );
            }
        }
    }

    #[test]
    fn canonical_spellings_use_traditional_tone_placement() {
        for entry in &LEXICON.entries {
            assert_eq!(
                kehoach_text::traditional_tone_placement(&entry.name),
                entry.name,
                "gazetteer name '{}' should place its tone marks traditionally",
                entry.name
            );
        }
    }

    #[test]
    fn lexicon_words_use_traditional_tone_placement() {
        // The renderer keeps a lexicon word's spelling as it is, so every
        // word of the data must already place its tone marks traditionally.
        let mut wrong: Vec<&str> = LEXICON
            .vocabulary
            .keys()
            .map(|word| &**word)
            .filter(|word| kehoach_text::traditional_tone_placement(word) != *word)
            .collect();
        wrong.sort_unstable();
        assert!(
            wrong.is_empty(),
            "words with a modern tone placement in the data: {wrong:?}"
        );
    }

    #[test]
    fn expansions_contain_no_abbreviation() {
        // Canonical names must not change when canonicalised again, so an
        // expansion may not itself contain something to expand.
        for line in ABBREVIATIONS_TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let Some((abbreviation, expansion)) = line.split_once('\t') else {
                continue;
            };
            let tokens = tokenize(expansion);
            let expanded = super::super::token::expand(tokenize(expansion), &LEXICON);
            assert_eq!(
                tokens.len(),
                expanded.len(),
                "the expansion of '{abbreviation}' contains an abbreviation"
            );
        }
    }
}
