//! The text the grammar reads (the caller's text in NFC) and the way back
//! from its byte offsets to the caller's text, so that every `raw` quotes
//! the input itself even when the input was not NFC.

use std::borrow::Cow;

use kehoach_text::nfc;

use super::lexer::Token;

/// The caller's text and its NFC form.
pub(crate) struct Source<'a> {
    original: &'a str,
    text: Cow<'a, str>,
    /// The pieces that NFC changed, in order; elsewhere the two texts are
    /// the same bytes, shifted by what the changes before added or removed.
    changes: Vec<Change>,
}

/// A piece of the text that NFC changed: its range in the NFC text and in
/// the original.
#[derive(Clone, Copy, Debug)]
struct Change {
    text_start: usize,
    text_end: usize,
    original_start: usize,
    original_end: usize,
}

impl<'a> Source<'a> {
    /// `original` and its NFC form. Text reaches this module normalized at
    /// the document boundary; only a text with a combining mark (U+0300–
    /// U+036F, whose UTF-8 starts with byte 0xCC or 0xCD) can spell a
    /// deadline word differently, so only such a text is normalized.
    ///
    /// The text is normalized piece by piece, each piece running from an
    /// ASCII character to the next: nothing composes with a character
    /// before an ASCII one, so the pieces normalize as the whole would, and
    /// each piece that changed is remembered.
    #[inline]
    pub(crate) fn new(original: &'a str) -> Source<'a> {
        if memchr::memchr2(0xCC, 0xCD, original.as_bytes()).is_some() {
            return Source::normalized(original);
        }
        Source {
            original,
            text: Cow::Borrowed(original),
            changes: Vec::new(),
        }
    }

    /// [`Source::new`] for a text that may not be NFC.
    #[cold]
    fn normalized(original: &'a str) -> Source<'a> {
        let bytes = original.as_bytes();
        let mut text = String::with_capacity(original.len());
        let mut changes = Vec::new();
        let mut piece_start = 0;
        for index in 1..=bytes.len() {
            if index < bytes.len() && !bytes[index].is_ascii() {
                continue;
            }
            let piece = &original[piece_start..index];
            match nfc(piece) {
                Cow::Borrowed(same) => text.push_str(same),
                Cow::Owned(normalized) => {
                    let text_start = text.len();
                    text.push_str(&normalized);
                    changes.push(Change {
                        text_start,
                        text_end: text.len(),
                        original_start: piece_start,
                        original_end: index,
                    });
                }
            }
            piece_start = index;
        }
        if changes.is_empty() {
            return Source {
                original,
                text: Cow::Borrowed(original),
                changes,
            };
        }
        Source {
            original,
            text: Cow::Owned(text),
            changes,
        }
    }

    /// The NFC text the lexer reads.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The offset in the original of the NFC offset `at`; an offset inside
    /// a changed piece moves to the piece's start, or to its end when
    /// `round_up`.
    fn original_offset(&self, at: usize, round_up: bool) -> usize {
        let after = self.changes.partition_point(|change| change.text_end <= at);
        if let Some(change) = self.changes.get(after)
            && change.text_start < at
        {
            return if round_up {
                change.original_end
            } else {
                change.original_start
            };
        }
        match after
            .checked_sub(1)
            .and_then(|index| self.changes.get(index))
        {
            Some(change) => change.original_end + (at - change.text_end),
            None => at,
        }
    }

    /// The original text of tokens `first..end`, trimmed of spaces, of
    /// punctuation and of brackets left unmatched at either end; a bracket
    /// opened inside the text and closed right after its last token is
    /// taken in ("… năm 2023 (riêng cấp xã trong tháng 02)").
    pub(crate) fn token_text(&self, tokens: &[Token], first: usize, end: usize) -> &'a str {
        let (Some(first), Some(last)) = (tokens.get(first), tokens.get(end.saturating_sub(1)))
        else {
            return "";
        };
        let start = self.original_offset(first.start as usize, false);
        let end = self.original_offset(last.end as usize, true);
        let raw = trim_raw(self.original.get(start..end).unwrap_or(""));
        let raw_start = raw.as_ptr() as usize - self.original.as_ptr() as usize;
        &self.original[raw_start..raw_start + closed_len(raw, &self.original[raw_start..])]
    }
}

/// `slice` without spaces and ",;.:*" at either end, nor a bracket that
/// opens (at the start) or closes (at the end) without its pair inside.
pub(crate) fn trim_raw(slice: &str) -> &str {
    let is_trimmed = |c: char| c.is_whitespace() || ",;.:*".contains(c);
    let mut slice = slice.trim_matches(is_trimmed);
    let mut opens = slice.bytes().filter(|&b| b == b'(' || b == b'[').count();
    let mut closes = slice.bytes().filter(|&b| b == b')' || b == b']').count();
    loop {
        if opens > closes && (slice.starts_with('(') || slice.starts_with('[')) {
            slice = slice[1..].trim_start_matches(is_trimmed);
            opens -= 1;
        } else if closes > opens && (slice.ends_with(')') || slice.ends_with(']')) {
            slice = slice[..slice.len() - 1].trim_end_matches(is_trimmed);
            closes -= 1;
        } else {
            return slice;
        }
    }
}

/// The length of `raw`, at the start of `text`, with the brackets that
/// `raw` leaves open and `text` closes right after it (spaces between
/// allowed) taken in.
fn closed_len(raw: &str, text: &str) -> usize {
    let opens = raw.bytes().filter(|&b| b == b'(' || b == b'[').count();
    let closes = raw.bytes().filter(|&b| b == b')' || b == b']').count();
    let mut len = raw.len();
    for _ in closes..opens {
        let rest = &text[len..];
        let after_spaces = rest.trim_start_matches([' ', '\t']);
        if !after_spaces.starts_with([')', ']']) {
            break;
        }
        len += rest.len() - after_spaces.len() + 1;
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deadline::lexer::tokenize;

    #[test]
    fn raw_takes_in_the_bracket_it_opened() {
        let text = "trong tháng 01 (riêng cấp xã trong tháng 02), báo cáo";
        let raw = &text[..text.find(')').expect("bracket")];
        assert_eq!(
            &text[..closed_len(raw, text)],
            "trong tháng 01 (riêng cấp xã trong tháng 02)"
        );
        let unclosed = "trước ngày 15/12 (hoặc khi có yêu cầu";
        assert_eq!(closed_len(unclosed, unclosed), unclosed.len());
        let balanced = "Quý I (năm 2024) và";
        assert_eq!(
            closed_len("Quý I (năm 2024)", balanced),
            "Quý I (năm 2024)".len()
        );
    }

    #[test]
    fn source_maps_decomposed_text_back() {
        let original = "ba\u{301}o ca\u{301}o Quy\u{301} III/2023 nhé";
        let source = Source::new(original);
        assert_eq!(source.text(), "báo cáo Quý III/2023 nhé");
        let mut tokens = Vec::new();
        tokenize(source.text(), &mut tokens);
        // "Quý III/2023" is tokens 2 to 6.
        assert_eq!(source.token_text(&tokens, 2, 6), "Quy\u{301} III/2023");
        assert_eq!(source.token_text(&tokens, 0, 1), "ba\u{301}o");
        assert_eq!(source.token_text(&tokens, 6, 7), "nhé");
    }

    #[test]
    fn raw_trims_unmatched_brackets() {
        assert_eq!(
            trim_raw("(hoặc đột xuất khi có yêu cầu)"),
            "(hoặc đột xuất khi có yêu cầu)"
        );
        assert_eq!(
            trim_raw("đột xuất khi có yêu cầu) *"),
            "đột xuất khi có yêu cầu"
        );
        assert_eq!(trim_raw("** (Quý I/2023"), "Quý I/2023");
        assert_eq!(
            trim_raw("Luật (sửa đổi) ban hành."),
            "Luật (sửa đổi) ban hành"
        );
    }
}
