//! The comparison key of a token and how a word gets it: its own spelling
//! (a lowercase ASCII word), the lexicon's vocabulary, or a per-thread memo
//! of [`kehoach_text::fold`] for every other word.
//!
//! Folding a word costs thousands of instructions, and documents repeat
//! their words: the memo folds each distinct word once per thread. Every
//! key carries its hash, so that the tries look it up without hashing it
//! again.

use std::cell::RefCell;
use std::fmt;
use std::ops::Deref;
use std::rc::Rc;

use hashbrown::HashTable;

use crate::hash::{WordMap, hash_bytes, same_word};

use super::chars::case_of;
use super::token::Case;

/// A token's comparison key with its [hash](key_hash): borrowed from the
/// text or the lexicon, or shared with the fold memo (cloning it never
/// allocates).
#[derive(Clone)]
pub(crate) struct Key<'a> {
    text: KeyText<'a>,
    hash: u64,
}

#[derive(Clone)]
enum KeyText<'a> {
    Borrowed(&'a str),
    Shared(Rc<str>),
}

impl<'a> Key<'a> {
    /// The key `text`, hashed.
    pub(crate) fn new(text: &'a str) -> Self {
        Key {
            text: KeyText::Borrowed(text),
            hash: key_hash(text),
        }
    }

    /// The key `text`, hashed and kept.
    pub(crate) fn owned(text: String) -> Key<'static> {
        Key {
            hash: key_hash(&text),
            text: KeyText::Shared(text.into()),
        }
    }

    /// The [hash](key_hash) of the key.
    #[inline]
    pub(crate) fn hash(&self) -> u64 {
        self.hash
    }
}

impl Deref for Key<'_> {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        match &self.text {
            KeyText::Borrowed(key) => key,
            KeyText::Shared(key) => key,
        }
    }
}

impl PartialEq<&str> for Key<'_> {
    #[inline]
    fn eq(&self, other: &&str) -> bool {
        **self == **other
    }
}

impl fmt::Debug for Key<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

/// A key as the lexicon keeps it, hashed once when the data is loaded.
#[derive(Debug, Clone)]
pub(crate) struct StoredKey {
    text: Box<str>,
    hash: u64,
}

impl StoredKey {
    pub(crate) fn new(text: &str) -> Self {
        StoredKey {
            text: text.into(),
            hash: key_hash(text),
        }
    }

    /// The key, borrowed.
    #[inline]
    pub(crate) fn key(&self) -> Key<'_> {
        Key {
            text: KeyText::Borrowed(&self.text),
            hash: self.hash,
        }
    }
}

/// The hash of a key, as every trie, token and the fold memo share it
/// ([`hash_bytes`] of its text).
#[inline]
pub(crate) fn key_hash(key: &str) -> u64 {
    hash_bytes(key.as_bytes())
}

/// Every word of the lexicon, in the spellings text uses (lowercase, title
/// case, capitals), mapped to its key.
pub(crate) type Vocabulary = WordMap<Box<str>, StoredKey>;

/// How many words the memo of one thread holds before it starts afresh:
/// far more than the distinct words of a large archive, so the bound only
/// matters for endless streams of new words.
const MEMO_CAPACITY: usize = 1 << 16;

/// What the spelling of a word tells, whatever the text around it.
struct Spelling {
    /// [`kehoach_text::fold`] of the word, `None` when it is the word.
    folded: Option<Rc<str>>,
    /// The hash of the folded key.
    hash: u64,
    case: Case,
    /// The word is ASCII, which `fold` leaves in its traditional spelling.
    ascii: bool,
    /// The word's entry in the lexicon's vocabulary, once looked up.
    known: Known,
}

enum Known {
    NotLookedUp,
    Yes(&'static StoredKey),
    No,
}

/// The words one thread has read, by their spelling: each distinct word is
/// folded (thousands of instructions), its case read and the vocabulary
/// asked once.
#[derive(Default)]
pub(crate) struct Words {
    /// By the [hash](key_hash) of the word.
    spellings: HashTable<(Box<str>, u64, Spelling)>,
}

thread_local! {
    static WORDS: RefCell<Words> = RefCell::default();
}

/// Runs `f` with this thread's [`Words`].
pub(crate) fn with_words<R>(f: impl FnOnce(&mut Words) -> R) -> R {
    WORDS.with(|words| f(&mut words.borrow_mut()))
}

impl Words {
    /// The comparison key and case of one word that is not plain (lowercase
    /// ASCII letters and digits without a `y`, which `fold` may respell, are
    /// their own key), and whether it is spelled as the lexicon spells it
    /// (its tone marks already in their traditional place).
    ///
    /// Words of the lexicon, in lowercase, title case or capitals, take
    /// their key from `vocabulary`; other words are folded.
    ///
    /// Inlined into the tokenizer: almost every word is one read before.
    #[inline]
    pub(crate) fn word<'a>(
        &mut self,
        word: &'a str,
        vocabulary: Option<&'static Vocabulary>,
    ) -> (Key<'a>, Case, bool) {
        let hash = key_hash(word);
        match self
            .spellings
            .find_mut(hash, |(known, _, _)| same_word(known, word))
        {
            Some((_, _, spelling)) => spelling.read(word, vocabulary),
            None => self.first_read(word, hash, vocabulary),
        }
    }

    /// [`Words::word`] of a word not in the memo, which it then holds.
    #[cold]
    fn first_read<'a>(
        &mut self,
        word: &'a str,
        hash: u64,
        vocabulary: Option<&'static Vocabulary>,
    ) -> (Key<'a>, Case, bool) {
        if self.spellings.len() >= MEMO_CAPACITY {
            self.spellings.clear();
        }
        let key = kehoach_text::fold(word);
        let mut spelling = Spelling {
            hash: if key == word { hash } else { key_hash(&key) },
            folded: (key != word).then(|| Rc::from(key)),
            case: case_of(word),
            ascii: word.is_ascii(),
            known: Known::NotLookedUp,
        };
        let read = spelling.read(word, vocabulary);
        self.spellings
            .insert_unique(hash, (word.into(), hash, spelling), |(_, hash, _)| *hash);
        read
    }
}

impl Spelling {
    /// See [`Words::word`].
    #[inline]
    fn read<'a>(
        &mut self,
        word: &'a str,
        vocabulary: Option<&'static Vocabulary>,
    ) -> (Key<'a>, Case, bool) {
        if let Some(vocabulary) = vocabulary {
            if let Known::NotLookedUp = self.known {
                self.known = vocabulary.get(word).map_or(Known::No, Known::Yes);
            }
            if let Known::Yes(key) = self.known {
                return (key.key(), self.case, true);
            }
        }
        let text = match &self.folded {
            Some(key) => KeyText::Shared(key.clone()),
            None => KeyText::Borrowed(word),
        };
        let key = Key {
            text,
            hash: self.hash,
        };
        (key, self.case, self.ascii)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agency::lexicon::LEXICON;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn a_remembered_word_is_read_as_it_was_first(word in "[\\p{L}\\p{M}\\d]{1,12}") {
            // Twice each: read, then remembered; without the vocabulary,
            // then with it.
            for vocabulary in [None, None, Some(&LEXICON.vocabulary), Some(&LEXICON.vocabulary)] {
                let (key, case, traditional) = with_words(|words| words.word(&word, vocabulary));
                let known = vocabulary.and_then(|v| v.get(word.as_str()));
                let expected = known.map_or_else(|| kehoach_text::fold(&word), |k| k.key().to_string());
                prop_assert_eq!(&*key, expected);
                prop_assert_eq!(key.hash(), key_hash(&key));
                prop_assert_eq!(case, case_of(&word));
                prop_assert_eq!(traditional, known.is_some() || word.is_ascii());
            }
        }
    }
}
