//! The knowledge the agency module works from, loaded once from the data
//! files embedded in the crate: the gazetteer (`data/agencies.toml`), the
//! words that shape a mention (`data/agency_grammar.toml`) and the
//! abbreviations (`data/abbreviations.tsv`).
//!
//! Every phrase is stored as a sequence of token keys in a [`Trie`], so a
//! lookup at a token position costs one hash probe per word matched.

use std::sync::LazyLock;

use serde::Deserialize;

use crate::hash::WordMap;

use super::key::{StoredKey, Vocabulary};
use super::token::{Case, Class, Token, tokenize};
use super::trie::Trie;
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

/// An abbreviation of `data/abbreviations.tsv`.
#[derive(Debug)]
pub(crate) struct Abbreviation {
    /// Its first token as written ("LĐ" of "LĐ-TB&XH"): a text without it
    /// has none of this abbreviation.
    pub first: String,
    /// The words it stands for.
    pub words: Vec<ExpandedWord>,
}

/// One word of an abbreviation's expansion, with its key computed once.
#[derive(Debug)]
pub(crate) struct ExpandedWord {
    pub text: String,
    pub key: StoredKey,
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
    pub key: StoredKey,
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
    pub abbreviations: Trie<Abbreviation>,
    /// The class and case of the first token of every abbreviation, as
    /// bits of [`shape_bit`]: a token of another shape starts none.
    abbreviation_shapes: u16,
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
    pub unmarked_heads: WordMap<Box<str>, UnmarkedHead>,
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
                            key: StoredKey::new(key),
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
                    key: StoredKey::new(&t.key),
                    class: t.class,
                    case: t.case,
                    space_before: t.space_before,
                })
                .collect();
            let tokens = tokenize(abbreviation.trim());
            if let Some(first) = tokens.first() {
                self.abbreviation_shapes |= shape_bit(first.class, first.case);
            }
            let keys: Vec<&str> = tokens.iter().map(|t| t.text).collect();
            let entry = Abbreviation {
                first: keys.first().copied().unwrap_or_default().to_owned(),
                words,
            };
            let previous = self.abbreviations.insert(keys.iter().copied(), entry);
            if previous.is_some() && strict {
                return Err(DataError(format!(
                    "data/abbreviations.tsv:{}: '{abbreviation}' is listed twice",
                    line_index + 1
                )));
            }
        }
        Ok(())
    }

    /// Whether an abbreviation may start at `token`: the abbreviations are
    /// matched by their exact text, so only a token of the class and case of
    /// one's first token can start one.
    #[inline]
    pub(crate) fn may_start_abbreviation(&self, token: &Token<'_>) -> bool {
        self.abbreviation_shapes & shape_bit(token.class, token.case) != 0
    }

    /// The token keys of a phrase as the matchers see it: abbreviations
    /// expanded, every word folded.
    pub(crate) fn keys_of(&self, phrase: &str) -> Vec<String> {
        super::token::expand(tokenize(phrase), self)
            .into_iter()
            .map(|t| t.key.to_string())
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
        // A word met again gives the same spellings and key: only its first
        // meeting counts, and a spelling already known keeps its key.
        let mut seen: WordMap<&str, ()> = WordMap::default();
        for phrase in &phrases {
            for token in tokenize(phrase) {
                if token.class != Class::Word || seen.insert(token.text, ()).is_some() {
                    continue;
                }
                let lower = token.text.to_lowercase();
                let title = kehoach_text::capitalize(&lower);
                let upper = token.text.to_uppercase();
                for spelling in [token.text.to_owned(), lower, title, upper] {
                    if !self.vocabulary.contains_key(spelling.as_str())
                        && kehoach_text::fold(&spelling) == *token.key
                    {
                        self.vocabulary
                            .insert(spelling.into(), StoredKey::new(&token.key));
                    }
                }
            }
        }
    }
}

/// One bit for each pair of a token's class and case.
#[inline]
fn shape_bit(class: Class, case: Case) -> u16 {
    1 << (class as u16 * 4 + case as u16)
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
