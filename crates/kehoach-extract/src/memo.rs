//! What a document asks for again and again, computed once: the folded
//! key of an agency name, the citations of a paragraph, and the agencies a
//! text opens with (read from its opening, not from the whole paragraph).

use std::rc::Rc;

use kehoach_normalize::agency::{self, Aliases, LeadingAgencies};
use kehoach_normalize::reference;

use crate::convert;
use crate::hash::FxHashMap;
use crate::schema;

/// Folded comparison keys of agency names ("hoá" = "hóa", case folded),
/// each computed once per document.
#[derive(Default)]
pub(crate) struct NameKeys {
    keys: FxHashMap<String, Rc<str>>,
}

impl NameKeys {
    /// The key of `name`.
    pub(crate) fn key(&mut self, name: &str) -> Rc<str> {
        if let Some(key) = self.keys.get(name) {
            return Rc::clone(key);
        }
        let key: Rc<str> = kehoach_text::fold(name).into();
        self.keys.insert(name.to_owned(), Rc::clone(&key));
        key
    }
}

/// The citations of each distinct text piece of a document, found once:
/// the task lists and the document's list read the same paragraphs.
#[derive(Default)]
pub(crate) struct Citations {
    found: FxHashMap<String, Rc<[schema::Reference]>>,
}

impl Citations {
    /// The references `text` cites, in order.
    pub(crate) fn of(&mut self, text: &str) -> Rc<[schema::Reference]> {
        if let Some(found) = self.found.get(text) {
            return Rc::clone(found);
        }
        let found: Rc<[schema::Reference]> = reference::find_references(text)
            .iter()
            .map(convert::reference)
            .collect();
        self.found.insert(text.to_owned(), Rc::clone(&found));
        found
    }
}

/// `leading_agencies` of a text's opening. An agency list is a phrase, not
/// a page: the text is read up to [`OPENING`] bytes, and in full only when
/// the list found runs close to that cut.
pub(crate) fn leading_agencies(text: &str, aliases: &Aliases) -> Option<LeadingAgencies> {
    /// How much of a text is read for the agencies it opens with.
    const OPENING: usize = 600;
    /// How close to the cut a list must end to be read again in full (the
    /// scanner looks a few words past a name).
    const MARGIN: usize = 200;
    if text.len() <= OPENING {
        return agency::leading_agencies(text, aliases);
    }
    let cut = text.floor_char_boundary(OPENING);
    match agency::leading_agencies(&text[..cut], aliases) {
        Some(found) if found.end + MARGIN >= cut => agency::leading_agencies(text, aliases),
        found => found,
    }
}
