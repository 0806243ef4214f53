//! A text tokenized once for every question asked of it.

use std::cell::{Cell, OnceCell, RefCell};

use hashbrown::HashTable;
use kehoach_text::{Bound, Fingerprint};

use crate::agency::lexicon::LEXICON;
use crate::agency::token::{Token, tokenize_expanded};
use crate::agency::{
    Agency, AgencyList, Aliases, Definition, LeadingAgencies, cooperating_tokens, leading_tokens,
    may_cooperate, opens_without_agency, split_tokens,
};
use crate::reference::{self, Reference};

/// A text read once for all the questions the normalizer answers about it.
///
/// [`split_agencies`](crate::agency::split_agencies),
/// [`leading_agencies`](crate::agency::leading_agencies),
/// [`cooperating_agencies`](crate::agency::cooperating_agencies),
/// [`find_references`](crate::reference::find_references) and
/// [`Aliases::scan`] each cut their text into tokens, the larger part of
/// their work. A caller that asks several of them about one text (the
/// agencies a sentence opens with, those it names as supporters, the
/// documents it cites) builds one `Text` and asks it instead: the text is
/// tokenized once, when a question first needs its tokens, and each answer
/// is the one the function gives.
///
/// ```
/// use kehoach_normalize::Text;
/// use kehoach_normalize::agency::{Aliases, cooperating_agencies, leading_agencies};
///
/// let aliases = Aliases::new();
/// let sentence = "Sở Tư pháp chủ trì, phối hợp với Sở Nội vụ thực hiện Quyết định số 1782/QĐ-UBND.";
/// let text = Text::new(sentence);
/// assert_eq!(text.leading_agencies(&aliases), leading_agencies(sentence, &aliases));
/// assert_eq!(text.cooperating_agencies(&aliases), cooperating_agencies(sentence, &aliases));
/// assert_eq!(text.references()[0].number.as_deref(), Some("1782/QĐ-UBND"));
/// ```
///
/// The answers depend on the text alone, and the agencies it names on the
/// aliases too: they are also kept for the thread by the text's
/// [`Fingerprint`] (and the [`Aliases::fingerprint`] they were read with),
/// bounded to 32 768 texts and 8 MiB of text answered: a text asked about
/// again, in this document or a later one, is answered without being
/// tokenized.
#[derive(Debug)]
pub struct Text<'a> {
    text: &'a str,
    tokens: OnceCell<Vec<Token<'a>>>,
    /// The [`Fingerprint`] of the text, once needed.
    fingerprint: Cell<Option<Fingerprint>>,
}

impl<'a> Text<'a> {
    /// The text `text`, not yet tokenized.
    pub fn new(text: &'a str) -> Self {
        Text {
            text,
            tokens: OnceCell::new(),
            fingerprint: Cell::new(None),
        }
    }

    /// The text `text`, whose [`Fingerprint`] the caller has made already
    /// (`Fingerprint::of(text)`), not yet tokenized.
    pub fn with_fingerprint(text: &'a str, fingerprint: Fingerprint) -> Self {
        debug_assert!(fingerprint == Fingerprint::of(text));
        Text {
            text,
            tokens: OnceCell::new(),
            fingerprint: Cell::new(Some(fingerprint)),
        }
    }

    /// The text itself.
    pub fn as_str(&self) -> &'a str {
        self.text
    }

    /// The tokens, abbreviations expanded; cut on first use.
    pub(crate) fn tokens(&self) -> &[Token<'a>] {
        self.tokens
            .get_or_init(|| tokenize_expanded(self.text, &LEXICON))
    }

    /// [`split_agencies`](crate::agency::split_agencies) of this text.
    pub fn split_agencies(&self, aliases: &Aliases) -> AgencyList {
        split_tokens(self.text, self.tokens(), aliases)
    }

    /// [`leading_agencies`](crate::agency::leading_agencies) of this text.
    pub fn leading_agencies(&self, aliases: &Aliases) -> Option<LeadingAgencies> {
        let find = || {
            if self.tokens.get().is_none() && opens_without_agency(self.text, aliases) {
                return None;
            }
            leading_tokens(self.text, self.tokens(), aliases)
        };
        self.answer_with(aliases, |answers| &mut answers.leading, find)
    }

    /// [`cooperating_agencies`](crate::agency::cooperating_agencies) of this
    /// text; a text without a cooperation marker is not tokenized for it.
    pub fn cooperating_agencies(&self, aliases: &Aliases) -> Vec<Agency> {
        let find = || {
            if !may_cooperate(self.text) {
                return Vec::new();
            }
            cooperating_tokens(self.text, self.tokens(), aliases)
        };
        self.answer_with(aliases, |answers| &mut answers.cooperating, find)
    }

    /// [`find_references`](crate::reference::find_references) of this
    /// text; a text that cannot cite a document is not tokenized for it.
    pub fn references(&self) -> Vec<Reference> {
        self.answer(
            |answers| &mut answers.references,
            || {
                if !reference::may_cite(self.text) {
                    return Vec::new();
                }
                reference::find_in_tokens(self.text, self.tokens())
            },
        )
    }

    /// The aliases this text defines, in the order [`Aliases::scan_text`]
    /// records them.
    pub(crate) fn definitions(&self, find: impl FnOnce() -> Vec<Definition>) -> Vec<Definition> {
        self.answer(|answers| &mut answers.definitions, find)
    }

    /// The [`Fingerprint`] of the text.
    fn fingerprint(&self) -> Fingerprint {
        match self.fingerprint.get() {
            Some(fingerprint) => fingerprint,
            None => {
                let fingerprint = Fingerprint::of(self.text);
                self.fingerprint.set(Some(fingerprint));
                fingerprint
            }
        }
    }

    /// The answer `field` of [`Answers`] keeps for this text, found by
    /// `find` and kept the first time.
    fn answer<V: Clone>(
        &self,
        field: impl Fn(&mut Answers) -> &mut Option<V>,
        find: impl FnOnce() -> V,
    ) -> V {
        let key = Key {
            text: self.fingerprint(),
            aliases: None,
        };
        self.answer_at(key, field, find)
    }

    /// [`Text::answer`] of an answer found with `aliases`, kept apart for
    /// each set of aliases ([`Aliases::fingerprint`]).
    fn answer_with<V: Clone>(
        &self,
        aliases: &Aliases,
        field: impl Fn(&mut Answers) -> &mut Option<V>,
        find: impl FnOnce() -> V,
    ) -> V {
        let key = Key {
            text: self.fingerprint(),
            aliases: aliases.fingerprint(),
        };
        self.answer_at(key, field, find)
    }

    /// The answer `field` of the [`Answers`] kept under `key`, found by
    /// `find` and kept the first time.
    fn answer_at<V: Clone>(
        &self,
        key: Key,
        field: impl Fn(&mut Answers) -> &mut Option<V>,
        find: impl FnOnce() -> V,
    ) -> V {
        let kept = ANSWERS
            .with_borrow_mut(|memo| memo.entry(key).and_then(|answers| field(answers).clone()));
        if let Some(answer) = kept {
            return answer;
        }
        // Found outside the borrow: finding may ask about other texts.
        let answer = find();
        ANSWERS.with_borrow_mut(|memo| {
            let answers = memo.insert(key, self.text.len());
            *field(answers) = Some(answer.clone());
        });
        answer
    }
}

/// What the [`Answers`] of the memo are kept by: the text's
/// [`Fingerprint`], and the [`Aliases::fingerprint`] of the aliases the
/// answers were found with, if any (the agencies a text names depend on
/// them).
#[derive(Clone, Copy, PartialEq, Eq)]
struct Key {
    text: Fingerprint,
    aliases: Option<Fingerprint>,
}

impl Key {
    /// The hash a table files the key under.
    fn short(self) -> u64 {
        self.text.short()
            ^ self
                .aliases
                .map_or(0, |aliases| aliases.short().rotate_left(29))
    }
}

/// The answers found for one text that depend on its content alone (and
/// on the aliases they were found with): the agencies it opens with and
/// names as cooperating, the aliases it defines, the documents it cites. Documents of
/// an archive repeat their sentences ("Các sở, ban, ngành tỉnh căn cứ chức năng, nhiệm vụ …").
#[derive(Default)]
struct Answers {
    leading: Option<Option<LeadingAgencies>>,
    cooperating: Option<Vec<Agency>>,
    definitions: Option<Vec<Definition>>,
    references: Option<Vec<Reference>>,
}

/// How many texts the memo of one thread holds before it starts afresh.
const ANSWERS_CAPACITY: usize = 1 << 15;
/// How many bytes of text it answers before it starts afresh: answers
/// grow with their text.
const ANSWERS_BYTES: usize = 1 << 23;

/// The [`Answers`] of the texts one thread has asked about, by their
/// [`Key`].
#[derive(Default)]
struct AnswerMemo {
    entries: HashTable<(Key, Answers)>,
    held: Bound<ANSWERS_CAPACITY, ANSWERS_BYTES>,
}

impl AnswerMemo {
    /// The answers kept under `key`.
    fn entry(&mut self, key: Key) -> Option<&mut Answers> {
        self.entries
            .find_mut(key.short(), |(kept, _)| *kept == key)
            .map(|(_, answers)| answers)
    }

    /// The answers kept under `key`, for a text `len` bytes long, an entry
    /// made for it if there is none (the memo emptied first when full).
    fn insert(&mut self, key: Key, len: usize) -> &mut Answers {
        if self.entry(key).is_none() {
            if self.held.admit(len) {
                self.entries.clear();
            }
            self.entries
                .insert_unique(key.short(), (key, Answers::default()), |(kept, _)| {
                    kept.short()
                });
        }
        self.entry(key)
            .expect("the entry was just made if it was missing")
    }
}

thread_local! {
    static ANSWERS: RefCell<AnswerMemo> = RefCell::default();
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sentences() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(
                &[
                    "Sở Nội vụ",
                    "UBND tỉnh",
                    "Văn phòng UBND tỉnh",
                    "(sau đây viết tắt là Văn phòng)",
                    "(Văn phòng)",
                    "chủ trì,",
                    "phối hợp với",
                    "các sở, ban, ngành",
                    "thực hiện",
                    "Quyết định số 1782/QĐ-UBND ngày 21/12/2022",
                    "của Chủ tịch UBND tỉnh",
                    "Giao",
                    "1.",
                    ":",
                    ";",
                    "và",
                    "Văn phòng",
                ][..],
            ),
            1..12,
        )
        .prop_map(|words| words.join(" "))
    }

    proptest! {
        #[test]
        fn a_remembered_answer_is_the_one_found_from_the_tokens(text in sentences()) {
            let tokens = tokenize_expanded(&text, &LEXICON);
            let mut defined = Aliases::new();
            defined.scan("Văn phòng Ủy ban nhân dân tỉnh (sau đây viết tắt là Văn phòng)");
            // The same short name for another agency: kept apart.
            let mut other = Aliases::new();
            other.scan("Văn phòng Sở Nội vụ (sau đây viết tắt là Văn phòng)");
            // Asked twice: found, then remembered.
            for _ in 0..2 {
                for aliases in [&Aliases::new(), &defined, &other] {
                    let asked = Text::new(&text);
                    prop_assert_eq!(
                        asked.leading_agencies(aliases),
                        leading_tokens(&text, &tokens, aliases)
                    );
                    prop_assert_eq!(
                        asked.cooperating_agencies(aliases),
                        cooperating_tokens(&text, &tokens, aliases)
                    );
                }
                prop_assert_eq!(
                    Text::new(&text).references(),
                    reference::find_in_tokens(&text, &tokens)
                );
                let mut scanned = defined.clone();
                scanned.scan(&text);
                let mut read = defined.clone();
                read.scan_tokens(&Text::new(&text));
                prop_assert_eq!(format!("{scanned:?}"), format!("{read:?}"));
            }
        }
    }
}
