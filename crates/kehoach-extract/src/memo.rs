//! What a document asks for again and again, computed once: the tokens of
//! each text piece with the citations they make, the agencies of each
//! field value, and the folded key of each agency name.
//!
//! Answers that depend on their text alone (the key of a name, the
//! agencies of a value, with the aliases the document defines if any) are
//! kept for the whole thread: an archive names the same agencies document
//! after document.

use std::cell::{OnceCell, RefCell};
use std::hash::Hash;
use std::rc::Rc;
use std::thread::LocalKey;

use kehoach_normalize::Text;
use kehoach_normalize::agency::{Agency, Aliases, LeadingAgencies};
use kehoach_normalize::deadline::{self, Deadline, DeadlineContext, Finding};
use kehoach_normalize::reference;
use kehoach_text::{Bound, Fingerprint};

use crate::convert;
use crate::schema;
use rustc_hash::FxHashMap;

/// What the extractor asks of the texts of one document, each answer
/// found once. A text piece (title, paragraph, cell, sentence) is
/// tokenized once for all the questions asked of it: the aliases it
/// defines, the agencies it opens with or names as cooperating, the
/// documents it cites. Those answers depend on the text alone (and on the
/// document's aliases, fixed once they are collected), so a piece is found
/// by its content.
#[derive(Default)]
pub(crate) struct Texts<'d> {
    /// Every piece asked about, by the [`Fingerprint`] of its content,
    /// which the piece's [`Text`] keeps for its own answers.
    pieces: RefCell<FxHashMap<Fingerprint, Rc<Piece<'d>>>>,
    /// The answer of every text that cites nothing, shared: most do.
    no_citations: Rc<[schema::Reference]>,
}

/// How many answers a thread keeps in each of its memos before it starts
/// afresh: far more than the distinct names and values of an archive, so
/// the bound only matters for endless streams of new ones.
const THREAD_MEMO_CAPACITY: usize = 1 << 14;

thread_local! {
    /// The agencies of each field value and table cell where no alias is
    /// defined, which depend on the value alone: a plan names the same few
    /// leads and supporters row after row, and an archive document after
    /// document.
    static LISTS: RefCell<ByText<Rc<AgencyList>>> = RefCell::default();
    /// The same where aliases are defined, by the value's fingerprint and
    /// the aliases' ([`Aliases::fingerprint`]): documents of an archive
    /// define the same ones.
    static ALIASED_LISTS: RefCell<WithAliases<Rc<AgencyList>>> = RefCell::default();
    /// The folded comparison key of each agency name ("hoá" = "hóa", case
    /// folded).
    static NAME_KEYS: RefCell<ByText<Rc<str>>> = RefCell::default();
    /// The parse of each deadline phrase in each [`DeadlineContext`] (a
    /// document's plan years): plans fill their deadline fields and cells
    /// from a few phrases.
    static DEADLINES: RefCell<InContext<Rc<Deadline>>> = RefCell::default();
    /// The citations of each line of a task's text and fields, which
    /// depend on the line alone: an archive repeats its sentences.
    static CITATIONS: RefCell<ByText<Rc<[schema::Reference]>>> = RefCell::default();
    /// The deadline each task sentence that holds a deadline phrase
    /// states, in each [`DeadlineContext`]: an archive repeats its
    /// sentences.
    static FOUND_DEADLINES: RefCell<InContext<Option<schema::Deadline>>> = RefCell::default();
    /// The task sentences that hold no deadline phrase, whatever the
    /// context: most of them, and the same ones in documents of different
    /// plan years.
    static WITHOUT_DEADLINE: RefCell<ByText<()>> = RefCell::default();
}

/// How many bytes of text each of a thread's memos answers before it
/// starts afresh: an answer (citations, a deadline with its phrase) grows
/// with its text, and task sentences can be long.
const THREAD_MEMO_BYTES: usize = 1 << 22;

/// Answers by a key made from the text they were found in (its
/// [`Fingerprint`], with the [`DeadlineContext`] for deadlines), bounded
/// to [`THREAD_MEMO_CAPACITY`] texts and [`THREAD_MEMO_BYTES`] bytes of
/// text.
struct Memo<K, V> {
    answers: FxHashMap<K, V>,
    held: Bound<THREAD_MEMO_CAPACITY, THREAD_MEMO_BYTES>,
}

/// Answers by the [`Fingerprint`] of their text.
type ByText<V> = Memo<Fingerprint, V>;

/// Answers by the [`DeadlineContext`] and the [`Fingerprint`] of their
/// text.
type InContext<V> = Memo<(DeadlineContext, Fingerprint), V>;

/// Answers by the [`Fingerprint`] of their text and that of the aliases
/// they were found with.
type WithAliases<V> = Memo<(Fingerprint, Fingerprint), V>;

impl<K, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo {
            answers: FxHashMap::default(),
            held: Bound::default(),
        }
    }
}

impl<K: Hash + Eq, V: Clone> Memo<K, V> {
    /// What the thread's memo `memo` holds for `key`, made from `text`,
    /// computed and kept the first time.
    fn remembered(
        memo: &'static LocalKey<RefCell<Self>>,
        key: K,
        text: &str,
        compute: impl FnOnce() -> V,
    ) -> V {
        if let Some(value) = Self::kept(memo, &key) {
            return value;
        }
        // Computed outside the borrow: computing may ask the memo again.
        let value = compute();
        Self::keep(memo, key, text, value.clone());
        value
    }

    /// What the thread's memo `memo` holds for `key`.
    fn kept(memo: &'static LocalKey<RefCell<Self>>, key: &K) -> Option<V> {
        memo.with_borrow(|memo| memo.answers.get(key).cloned())
    }

    /// Keeps `value` in the thread's memo `memo` for `key`, made from
    /// `text`.
    fn keep(memo: &'static LocalKey<RefCell<Self>>, key: K, text: &str, value: V) {
        memo.with_borrow_mut(|memo| {
            if memo.held.admit(text.len()) {
                memo.answers.clear();
            }
            memo.answers.insert(key, value);
        });
    }
}

/// The agencies a field value or table cell names, and the text that
/// named none (see [`convert::agencies`]).
pub(crate) type AgencyList = (Vec<schema::Agency>, Vec<String>);

/// One piece of a document and the answers found so far.
struct Piece<'d> {
    text: Text<'d>,
    /// The agencies it opens with: an item's paragraphs are asked once
    /// for the item and once as tasks of their own.
    leading: OnceCell<Option<Rc<LeadingAgencies>>>,
}

impl Piece<'_> {
    fn leading_agencies(&self, aliases: &Aliases) -> Option<Rc<LeadingAgencies>> {
        self.leading
            .get_or_init(|| self.text.leading_agencies(aliases).map(Rc::new))
            .clone()
    }
}

impl<'d> Texts<'d> {
    /// The piece `text`, tokenized when first needed.
    fn piece(&self, text: &'d str) -> Rc<Piece<'d>> {
        /// Room made for the pieces at the first: a document asks about
        /// some dozens, whose map would otherwise be grown and rehashed
        /// step by step.
        const PIECES: usize = 64;
        let fingerprint = Fingerprint::of(text);
        let mut pieces = self.pieces.borrow_mut();
        if pieces.capacity() == 0 {
            pieces.reserve(PIECES);
        }
        let piece = pieces.entry(fingerprint).or_insert_with(|| {
            Rc::new(Piece {
                text: Text::with_fingerprint(text, fingerprint),
                leading: OnceCell::new(),
            })
        });
        Rc::clone(piece)
    }

    /// The piece whose content has the fingerprint `fingerprint`, if the
    /// document has one.
    fn find(&self, fingerprint: Fingerprint) -> Option<Rc<Piece<'d>>> {
        self.pieces.borrow().get(&fingerprint).cloned()
    }

    /// Records the aliases `text` defines.
    pub(crate) fn scan_aliases(&self, text: &'d str, aliases: &mut Aliases) {
        aliases.scan_text(&self.piece(text).text);
    }

    /// The references `text` cites, in order.
    pub(crate) fn citations(&self, text: &str) -> Rc<[schema::Reference]> {
        let convert = |found: Vec<reference::Reference>| -> Rc<[schema::Reference]> {
            if found.is_empty() {
                return Rc::clone(&self.no_citations);
            }
            found.iter().map(convert::reference).collect()
        };
        let fingerprint = Fingerprint::of(text);
        Memo::remembered(&CITATIONS, fingerprint, text, || {
            match self.find(fingerprint) {
                // A piece shares its tokens with the other questions asked of it.
                Some(piece) => convert(piece.text.references()),
                None => convert(Text::with_fingerprint(text, fingerprint).references()),
            }
        })
    }

    /// `leading_agencies` of a text's opening. An agency list is a phrase,
    /// not a page: the text is read up to [`OPENING`] bytes, and in full
    /// only when the list found runs close to that cut.
    pub(crate) fn leading_agencies(
        &self,
        text: &'d str,
        aliases: &Aliases,
    ) -> Option<Rc<LeadingAgencies>> {
        /// How much of a text is read for the agencies it opens with.
        const OPENING: usize = 600;
        /// How close to the cut a list must end to be read again in full
        /// (the scanner looks a few words past a name).
        const MARGIN: usize = 200;
        let whole = || self.piece(text).leading_agencies(aliases);
        if text.len() <= OPENING {
            return whole();
        }
        let cut = text.floor_char_boundary(OPENING);
        match self.piece(&text[..cut]).leading_agencies(aliases) {
            Some(found) if found.end + MARGIN >= cut => whole(),
            found => found,
        }
    }

    /// [`convert::agencies`] of a field value or table cell.
    pub(crate) fn agencies(&self, value: &str, aliases: &Aliases) -> Rc<AgencyList> {
        let compute = || Rc::new(convert::agencies(value, aliases));
        match aliases.fingerprint() {
            None => Memo::remembered(&LISTS, Fingerprint::of(value), value, compute),
            Some(defined) => {
                let key = (Fingerprint::of(value), defined);
                Memo::remembered(&ALIASED_LISTS, key, value, compute)
            }
        }
    }

    /// The comparison key of the agency name `name`.
    pub(crate) fn name_key(&self, name: &str) -> Rc<str> {
        Memo::remembered(&NAME_KEYS, Fingerprint::of(name), name, || {
            kehoach_text::fold(name).into()
        })
    }

    /// [`deadline::parse_deadline`] of a deadline field's value or cell.
    pub(crate) fn deadline(&self, phrase: &str, context: &DeadlineContext) -> Rc<Deadline> {
        let key = (*context, Fingerprint::of(phrase));
        Memo::remembered(&DEADLINES, key, phrase, || {
            Rc::new(deadline::parse_deadline(phrase, context))
        })
    }

    /// [`deadline::find_deadline`] of a task's sentence, converted. A
    /// sentence that holds no deadline phrase is known as such in every
    /// context.
    pub(crate) fn found_deadline(
        &self,
        text: &str,
        context: &DeadlineContext,
    ) -> Option<schema::Deadline> {
        let fingerprint = Fingerprint::of(text);
        if Memo::kept(&WITHOUT_DEADLINE, &fingerprint).is_some() {
            return None;
        }
        let key = (*context, fingerprint);
        if let Some(found) = Memo::kept(&FOUND_DEADLINES, &key) {
            return found;
        }
        match deadline::seek_deadline(text, context) {
            Finding::NoPhrase => {
                Memo::keep(&WITHOUT_DEADLINE, fingerprint, text, ());
                None
            }
            Finding::InContext(found) => {
                let found = found.map(|found| convert::deadline(&found));
                Memo::keep(&FOUND_DEADLINES, key, text, found.clone());
                found
            }
        }
    }

    /// `cooperating_agencies` of `text`.
    pub(crate) fn cooperating_agencies(&self, text: &str, aliases: &Aliases) -> Vec<Agency> {
        let fingerprint = Fingerprint::of(text);
        match self.find(fingerprint) {
            Some(piece) => piece.text.cooperating_agencies(aliases),
            None => Text::with_fingerprint(text, fingerprint).cooperating_agencies(aliases),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_deadline_is_the_one_found_in_its_context() {
        let texts = Texts::default();
        let sentences = [
            "Sở Tư pháp chủ trì, báo cáo trước ngày 30 tháng 9 hằng năm.",
            "Tổ chức thực hiện trong Quý III.",
            "Sở Nội vụ chủ trì thực hiện.",
        ];
        let contexts = [
            DeadlineContext {
                plan_year: Some(2023),
                plan_end_year: None,
            },
            DeadlineContext {
                plan_year: Some(2025),
                plan_end_year: Some(2030),
            },
            DeadlineContext::default(),
        ];
        // Twice: found, then remembered.
        for _ in 0..2 {
            for context in &contexts {
                for sentence in sentences {
                    let found =
                        deadline::find_deadline(sentence, context).map(|d| convert::deadline(&d));
                    assert_eq!(texts.found_deadline(sentence, context), found);
                    let parsed = deadline::parse_deadline(sentence, context);
                    assert_eq!(*texts.deadline(sentence, context), parsed);
                }
            }
        }
    }

    #[test]
    fn remembered_agencies_are_the_ones_found_with_the_same_aliases() {
        let texts = Texts::default();
        let mut office = Aliases::new();
        office.scan("Văn phòng Ủy ban nhân dân tỉnh (sau đây viết tắt là Văn phòng)");
        let mut department = Aliases::new();
        department.scan("Văn phòng Sở Nội vụ (sau đây viết tắt là Văn phòng)");
        // Twice: found, then remembered.
        for _ in 0..2 {
            for aliases in [&Aliases::new(), &office, &department] {
                for value in ["Văn phòng", "Văn phòng; Sở Tư pháp", "Sở Nội vụ"] {
                    assert_eq!(
                        *texts.agencies(value, aliases),
                        convert::agencies(value, aliases)
                    );
                }
            }
        }
        assert_ne!(
            texts.agencies("Văn phòng", &office),
            texts.agencies("Văn phòng", &department)
        );
    }

    #[test]
    fn remembered_citations_are_the_ones_found() {
        let document = Texts::default();
        let line = "Thực hiện Quyết định số 1782/QĐ-UBND ngày 21/12/2022 của UBND tỉnh.";
        let piece = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;";
        document.scan_aliases(piece, &mut Aliases::new());
        // Twice: found, then remembered; a piece of the document and a line
        // that is none.
        for _ in 0..2 {
            for text in [line, piece, "Sở Nội vụ chủ trì."] {
                let found: Vec<schema::Reference> = reference::find_references(text)
                    .iter()
                    .map(convert::reference)
                    .collect();
                assert_eq!(&*document.citations(text), found.as_slice());
            }
        }
        assert!(!document.citations(line).is_empty());
    }
}
