//! A text tokenized once for every question asked of it.

use std::cell::OnceCell;

use crate::agency::lexicon::LEXICON;
use crate::agency::token::{Token, tokenize_expanded};
use crate::agency::{
    Agency, AgencyList, Aliases, LeadingAgencies, cooperating_tokens, leading_tokens,
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
#[derive(Debug)]
pub struct Text<'a> {
    text: &'a str,
    tokens: OnceCell<Vec<Token<'a>>>,
}

impl<'a> Text<'a> {
    /// The text `text`, not yet tokenized.
    pub fn new(text: &'a str) -> Self {
        Text {
            text,
            tokens: OnceCell::new(),
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
        if self.tokens.get().is_none() && opens_without_agency(self.text, aliases) {
            return None;
        }
        leading_tokens(self.text, self.tokens(), aliases)
    }

    /// [`cooperating_agencies`](crate::agency::cooperating_agencies) of this
    /// text; a text without a cooperation marker is not tokenized for it.
    pub fn cooperating_agencies(&self, aliases: &Aliases) -> Vec<Agency> {
        if !may_cooperate(self.text) {
            return Vec::new();
        }
        cooperating_tokens(self.text, self.tokens(), aliases)
    }

    /// [`find_references`](crate::reference::find_references) of this
    /// text; a text that cannot cite a document is not tokenized for it.
    pub fn references(&self) -> Vec<Reference> {
        if !reference::may_cite(self.text) {
            return Vec::new();
        }
        reference::find_in_tokens(self.text, self.tokens())
    }
}
