//! Labelled fields: "- Đơn vị chủ trì: Phòng Nội chính.", "Thời gian thực
//! hiện: Quý II năm 2023", "- *Chỉ đạo thực hiện:* Chánh Văn phòng."
//!
//! Labels come from `data/labels.tsv` and match ignoring case, diacritics,
//! emphasis and spacing. An unknown `Label: value` written among known
//! fields is kept as a field with the role [`FieldRole::Other`].

use std::borrow::Cow;

use kehoach_text::ascii_fold_at;

use crate::lexicon::LABEL_GROUPS;
use crate::lines::trim_start;
use crate::span::{Located, Span};

/// What a field says about its task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldRole {
    /// Chủ trì: who leads the task.
    Lead,
    /// Phối hợp: who supports it.
    Support,
    /// Chỉ đạo: who directs it.
    DirectedBy,
    /// Sản phẩm, kết quả: what it must produce.
    Products,
    /// Thời gian, tiến độ: by when.
    Deadline,
    /// Nội dung: what the task is.
    Content,
    /// Biện pháp, giải pháp: how it is carried out.
    Measure,
    /// Kinh phí: how it is funded.
    Budget,
    /// Cấp ban hành, phê duyệt: who issues or approves the result.
    Approval,
    /// A label the parser does not know.
    Other,
}

impl FieldRole {
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "lead" => FieldRole::Lead,
            "support" => FieldRole::Support,
            "directed_by" => FieldRole::DirectedBy,
            "products" => FieldRole::Products,
            "deadline" => FieldRole::Deadline,
            "content" => FieldRole::Content,
            "measure" => FieldRole::Measure,
            "budget" => FieldRole::Budget,
            "approval" => FieldRole::Approval,
            _ => return None,
        })
    }

    /// The snake-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldRole::Lead => "lead",
            FieldRole::Support => "support",
            FieldRole::DirectedBy => "directed_by",
            FieldRole::Products => "products",
            FieldRole::Deadline => "deadline",
            FieldRole::Content => "content",
            FieldRole::Measure => "measure",
            FieldRole::Budget => "budget",
            FieldRole::Approval => "approval",
            FieldRole::Other => "other",
        }
    }

    /// Whether a plain paragraph after the field continues its value.
    /// Short-valued fields (who, when) end at their line; descriptive ones
    /// (content, measures, products) run on over paragraphs.
    pub(crate) fn runs_on(self) -> bool {
        matches!(
            self,
            FieldRole::Content | FieldRole::Measure | FieldRole::Products | FieldRole::Other
        )
    }
}

/// One labelled field of a task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The label as written, without emphasis or colon: "Đơn vị chủ trì".
    pub label: String,
    /// What the label means.
    pub role: FieldRole,
    /// The text after the colon on the label's line (may be empty when the
    /// value is a list below it).
    pub value: String,
    /// Paragraphs and `+` items that continue the value.
    pub items: Vec<Located>,
    /// The lines of the label, its value and its items.
    pub span: Span,
}

impl Field {
    /// The value and its items joined into one text, one item per line:
    /// the value itself when the field has no items.
    pub fn full_value(&self) -> Cow<'_, str> {
        if self.items.is_empty() {
            return Cow::Borrowed(&self.value);
        }
        let len = self
            .items
            .iter()
            .map(|item| item.text.len() + 1)
            .sum::<usize>();
        let mut text = String::with_capacity(self.value.len() + len);
        text.push_str(&self.value);
        for item in &self.items {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&item.text);
        }
        Cow::Owned(text)
    }
}

/// A field label found at the start of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelMatch {
    /// What the label means.
    pub role: FieldRole,
    /// The label as written, without emphasis or colon.
    pub label: String,
    /// Byte offset of the value in the text.
    pub value_start: usize,
}

/// Words that may follow a deadline label written without a colon
/// ("Thời gian thực hiện sau khi Chiến lược … được ban hành").
const DEADLINE_WORDS: [&str; 16] = [
    "sau", "truoc", "trong", "tu", "den", "quy", "thang", "nam", "ngay", "thuong", "dinh", "hang",
    "khi", "theo", "cham", "vao",
];

/// Matches a known field label at the start of `text` (after an optional
/// bullet), as [`parse`](crate::parse) reads each repaired line.
///
/// ```
/// use kehoach_syntax::{FieldRole, match_label};
///
/// let text = "- Đơn vị chủ trì: Sở Nội vụ";
/// let found = match_label(text).unwrap();
/// assert_eq!(found.role, FieldRole::Lead);
/// assert_eq!(found.label, "Đơn vị chủ trì");
/// assert_eq!(&text[found.value_start..], "Sở Nội vụ");
/// ```
pub fn match_label(text: &str) -> Option<LabelMatch> {
    let body_start = bullets_len(text);
    let body = &text[body_start..];
    // Only the labels whose key starts with the first word of the text can
    // match; most texts start with another word and are done here.
    // The first word of the key: the letters and digits after leading
    // whitespace, folded one character at a time.
    let mut first_word = [0u8; MAX_FIRST_WORD];
    let mut len = 0;
    let head = trim_start(body);
    let mut at = 0;
    while let Some((c, width)) = ascii_fold_at(head, at) {
        at += width;
        if !c.is_alphanumeric() {
            break;
        }
        // Label words are ASCII and short; most texts start with a
        // letter that starts no label.
        if !c.is_ascii()
            || len == LABEL_GROUPS.longest_word
            || len == 0 && !LABEL_GROUPS.may_start(c as u8)
        {
            return None;
        }
        first_word[len] = c as u8;
        len += 1;
    }
    let group = LABEL_GROUPS.group(&first_word[..len])?;
    // Without a colon only a label that may lack one can match: the text
    // is not folded for the others.
    let colon = memchr::memchr(b':', body.as_bytes());
    if !group.may_lack_colon && colon.is_none() {
        return None;
    }
    // A label that needs its colon ends before the text's first colon:
    // each byte of its ASCII key is folded from at least one byte of the
    // text, and a key holding the colon would not be a label. Longer
    // labels are passed over without folding the text as far.
    let colon_room = colon.unwrap_or(0);
    // The text is folded as far as the labels are compared with it.
    let mut folded = FoldedPrefix::new(body);
    for label in &group.labels {
        if !label.may_lack_colon() && label.key.len() > colon_room {
            continue;
        }
        if !folded.starts_with(label.key.as_bytes()) {
            continue;
        }
        // The colon rule reads two characters after the label.
        folded.fold_to(label.key.len() + 2);
        let label_end = folded.byte_offset(label.key.len());
        let rest = &body[label_end..];
        if let Some(value_start) =
            colon_after_label(rest, &folded.key[label.key.len()..folded.key_len])
        {
            return Some(LabelMatch {
                role: label.role,
                label: clean_label(&body[..label_end + value_start.label_extra]),
                value_start: body_start + label_end + value_start.value,
            });
        }
        if label.may_lack_colon() {
            // This rule reads the word after the label.
            folded.fold_to(usize::MAX);
            let after = &folded.key()[label.key.len()..];
            let next_word = after.trim_start().split([' ', ',']).next().unwrap_or("");
            let lower_next = rest.trim_start().starts_with(char::is_lowercase);
            if after.starts_with(' ') && lower_next && DEADLINE_WORDS.contains(&next_word) {
                let value = label_end + (rest.len() - rest.trim_start().len());
                return Some(LabelMatch {
                    role: label.role,
                    label: clean_label(&body[..label_end]),
                    value_start: body_start + value,
                });
            }
        }
    }
    None
}

/// The byte length of the bullets (`-`, `–`, `+`, `•`) and spaces that
/// open `text`, which [`match_label`] passes over. Most texts open with
/// another byte (`–` and `•` start with 0xE2) and are done at it.
fn bullets_len(text: &str) -> usize {
    match text.as_bytes().first() {
        Some(b'-' | b'+' | b' ' | 0xe2) => {
            text.len() - text.trim_start_matches(['-', '–', '+', '•', ' ']).len()
        }
        _ => 0,
    }
}

struct ValueStart {
    /// Extra bytes of label after the matched key ("/hoàn thành").
    label_extra: usize,
    /// Offset of the value after the colon, from the end of the key.
    value: usize,
}

/// Finds the colon that ends a label: right after it, after spaces, or
/// after a "/second wording" ("Thời gian thực hiện/hoàn thành:").
fn colon_after_label(rest: &str, folded_rest: &[u8]) -> Option<ValueStart> {
    let trimmed = trim_start(rest);
    let skipped = rest.len() - trimmed.len();
    if let Some(after_colon) = trimmed.strip_prefix(':') {
        let value = skipped + 1 + (after_colon.len() - trim_start(after_colon).len());
        return Some(ValueStart {
            label_extra: 0,
            value,
        });
    }
    if folded_rest.starts_with(b"/") || folded_rest.starts_with(b" /") {
        let colon = rest.find(':')?;
        let alternative = &rest[..colon];
        if alternative.chars().count() > 30 || alternative.contains(['.', ';']) {
            return None;
        }
        let after_colon = &rest[colon + 1..];
        return Some(ValueStart {
            label_extra: colon,
            value: colon + 1 + (after_colon.len() - after_colon.trim_start().len()),
        });
    }
    None
}

fn clean_label(label: &str) -> String {
    crate::lines::collapse(label.trim_matches(|c: char| c.is_whitespace() || c == ':')).into_owned()
}

/// Matches an unknown `Label: value` at the start of `text`: a short label
/// (one to five words, starting with a capital, no digits) and a value.
pub(crate) fn match_generic_label(text: &str) -> Option<LabelMatch> {
    let body_start = text.len() - text.trim_start_matches(['-', '–', ' ']).len();
    let body = &text[body_start..];
    let colon = body.find(':')?;
    let label = body[..colon].trim();
    let value = body[colon + 1..].trim();
    let words = label.split_whitespace().count();
    let plausible = (1..=5).contains(&words)
        && label.starts_with(char::is_uppercase)
        && !label
            .chars()
            .any(|c| c.is_ascii_digit() || matches!(c, ',' | ';' | '(' | '.'))
        && !value.is_empty();
    plausible.then(|| LabelMatch {
        role: FieldRole::Other,
        label: clean_label(label),
        value_start: body_start
            + colon
            + 1
            + (body[colon + 1..].len() - body[colon + 1..].trim_start().len()),
    })
}

/// Splits a paragraph that carries a known field after its own sentences:
/// "Tổng hợp kết quả … gửi Bộ Tài chính. Thời gian hoàn thành: Trước ngày
/// 31/5/2026." Returns the byte offset where the field starts.
pub(crate) fn inline_field_start(text: &str) -> Option<usize> {
    // A field found must hold a colon after the stop that ends the
    // sentences before it: only the stops before the last colon are read.
    let last_colon = memchr::memrchr(b':', text.as_bytes())?;
    let mut search_from = 0;
    while let Some(found) = memchr::memchr2(b'.', b';', &text.as_bytes()[search_from..last_colon]) {
        let at = search_from + found;
        let after = &text[at + 1..];
        let trimmed = after.trim_start();
        if after.len() != trimmed.len() && trimmed.starts_with(char::is_uppercase) {
            let start = text.len() - trimmed.len();
            if match_label(trimmed).is_some_and(|found| has_colon(trimmed, &found)) {
                return Some(start);
            }
        }
        search_from = at + 1;
    }
    None
}

fn has_colon(text: &str, found: &LabelMatch) -> bool {
    text[..found.value_start].contains(':')
}

/// Room for the first word of a label key.
const MAX_FIRST_WORD: usize = 16;

/// Characters of a text that [`match_label`] looks at.
const FOLDED_CHARS: usize = 72;

/// The diacritic-free, space-collapsed prefix of a text, at most the key
/// of its first [`FOLDED_CHARS`] characters, folded only as far as it is
/// read.
struct FoldedPrefix<'t> {
    text: &'t str,
    /// The key, in UTF-8: a folded character has at most four bytes.
    key: [u8; FOLDED_CHARS * 4],
    /// Bytes in the key.
    key_len: usize,
    /// Characters of the text folded.
    read: usize,
    /// Byte offset in the text of the next character to fold.
    offset: usize,
    /// The last character folded was whitespace.
    previous_space: bool,
    /// Characters in the key.
    len: usize,
    /// The byte offset in the text of each character of the key; a prefix
    /// is at most [`FOLDED_CHARS`] characters of at most four bytes.
    offsets: [u16; FOLDED_CHARS],
}

impl<'t> FoldedPrefix<'t> {
    /// The prefix of `text`, nothing folded yet.
    fn new(text: &'t str) -> Self {
        FoldedPrefix {
            text,
            key: [0; FOLDED_CHARS * 4],
            key_len: 0,
            read: 0,
            offset: 0,
            previous_space: false,
            len: 0,
            offsets: [0; FOLDED_CHARS],
        }
    }

    /// The key folded so far.
    fn key(&self) -> &str {
        // Written from whole characters.
        std::str::from_utf8(&self.key[..self.key_len]).unwrap_or_default()
    }

    /// Folds characters until the key holds `bytes` bytes, the text ends
    /// or [`FOLDED_CHARS`] characters were folded. ASCII characters, most
    /// of a label, are folded byte by byte.
    fn fold_to(&mut self, bytes: usize) {
        let input = self.text.as_bytes();
        while self.key_len < bytes && self.read < FOLDED_CHARS {
            let Some(&byte) = input.get(self.offset) else {
                break;
            };
            self.read += 1;
            let start = self.offset;
            if byte.is_ascii() {
                self.offset += 1;
                if !matches!(byte, b' ' | b'\t'..=b'\r') {
                    self.previous_space = false;
                    self.push(start, byte.to_ascii_lowercase());
                } else if !self.previous_space {
                    self.previous_space = true;
                    self.push(start, b' ');
                }
                continue;
            }
            let Some((folded, width)) = ascii_fold_at(self.text, start) else {
                break;
            };
            self.offset += width;
            // A letter with a diacritic, most of what is not ASCII, folds
            // to an ASCII letter, which no whitespace does.
            if folded.is_ascii_alphanumeric() {
                self.previous_space = false;
                self.push(start, folded as u8);
            } else if !folded.is_whitespace() {
                self.previous_space = false;
                if folded.is_ascii() {
                    self.push(start, folded as u8);
                } else {
                    // A character without an ASCII base keeps its bytes.
                    let width = folded.encode_utf8(&mut self.key[self.key_len..]).len();
                    self.push(start, self.key[self.key_len]);
                    self.key_len += width - 1;
                }
            } else if !self.previous_space {
                self.previous_space = true;
                self.push(start, b' ');
            }
        }
    }

    /// Adds the byte `folded` to the key, the first byte of the folding of
    /// the character at byte `start` of the text.
    #[inline(always)]
    fn push(&mut self, start: usize, folded: u8) {
        self.offsets[self.len] = start as u16;
        self.len += 1;
        self.key[self.key_len] = folded;
        self.key_len += 1;
    }

    /// True when the key starts with `prefix`, folding a few characters
    /// at a time only as far as it takes to tell.
    fn starts_with(&mut self, prefix: &[u8]) -> bool {
        /// Bytes folded at a time.
        const STEP: usize = 8;
        let mut checked = 0;
        loop {
            let have = self.key_len.min(prefix.len());
            // Compared byte by byte: the parts are a few bytes long.
            if self.key[checked..have]
                .iter()
                .zip(&prefix[checked..have])
                .any(|(key, byte)| key != byte)
            {
                return false;
            }
            if have == prefix.len() {
                return true;
            }
            checked = have;
            self.fold_to((have + STEP).min(prefix.len()));
            if self.key_len == have {
                // Nothing more to fold.
                return false;
            }
        }
    }

    /// Byte offset in the original text of the folded byte `folded_len`,
    /// once the key was folded past it or as far as it goes.
    fn byte_offset(&self, folded_len: usize) -> usize {
        let chars = self.key[..folded_len.min(self.key_len)]
            .iter()
            .filter(|&&byte| byte & 0xc0 != 0x80)
            .count();
        if chars < self.len {
            return usize::from(self.offsets[chars]);
        }
        self.offset
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kehoach_text::{ascii_fold_char, ascii_key_chars};
    use proptest::prelude::*;

    /// The former [`match_label`], which folded the text before comparing.
    fn match_label_by_full_fold(text: &str) -> Option<LabelMatch> {
        let body_start = text.len() - text.trim_start_matches(['-', '–', '+', '•', ' ']).len();
        let body = &text[body_start..];
        // Only the labels whose key starts with the first word of the text can
        // match; most texts start with another word and are done here.
        let mut first_word = [0u8; MAX_FIRST_WORD];
        let mut len = 0;
        for c in ascii_key_chars(body).take_while(|c| c.is_alphanumeric()) {
            // Label words are ASCII and short.
            if !c.is_ascii() || len == LABEL_GROUPS.longest_word {
                return None;
            }
            first_word[len] = c as u8;
            len += 1;
        }
        let group = LABEL_GROUPS.group(&first_word[..len])?;
        // Without a colon only a label that may lack one can match: the text
        // is not folded for the others.
        if !group.may_lack_colon && memchr::memchr(b':', body.as_bytes()).is_none() {
            return None;
        }
        // Folding the text as far as the longest label and two characters
        // more is enough, unless whitespace within was folded.
        let mut folded = FullFold::new(body, FOLDED_CHARS.min(group.labels[0].key.len() + 2));
        if !folded.reaches(group.labels[0].key.len() + 2) {
            folded = FullFold::new(body, FOLDED_CHARS);
        }
        for label in &group.labels {
            let Some(after) = folded.key.strip_prefix(label.key.as_str()) else {
                continue;
            };
            let label_end = folded.byte_offset(label.key.len());
            let rest = &body[label_end..];
            if let Some(value_start) = colon_after_label(rest, after.as_bytes()) {
                return Some(LabelMatch {
                    role: label.role,
                    label: clean_label(&body[..label_end + value_start.label_extra]),
                    value_start: body_start + label_end + value_start.value,
                });
            }
            if label.may_lack_colon() {
                // This rule reads the word after the label.
                if folded.max_chars < FOLDED_CHARS {
                    folded = FullFold::new(body, FOLDED_CHARS);
                }
                let after = &folded.key[label.key.len()..];
                let next_word = after.trim_start().split([' ', ',']).next().unwrap_or("");
                let lower_next = rest.trim_start().starts_with(char::is_lowercase);
                if after.starts_with(' ') && lower_next && DEADLINE_WORDS.contains(&next_word) {
                    let value = label_end + (rest.len() - rest.trim_start().len());
                    return Some(LabelMatch {
                        role: label.role,
                        label: clean_label(&body[..label_end]),
                        value_start: body_start + value,
                    });
                }
            }
        }
        None
    }

    /// The prefix that [`match_label_by_full_fold`] folds at once.
    struct FullFold<'t> {
        text: &'t str,
        max_chars: usize,
        key: String,
        /// Characters in the key.
        len: usize,
        /// The byte offset in the text of each character of the key; a prefix
        /// is at most [`FOLDED_CHARS`] characters of at most four bytes.
        offsets: [u16; FOLDED_CHARS],
    }

    impl<'t> FullFold<'t> {
        /// Folds the first `max_chars` characters of `text` (at most
        /// [`FOLDED_CHARS`]). ASCII characters, most of a label, are folded
        /// byte by byte.
        fn new(text: &'t str, max_chars: usize) -> Self {
            let bytes = text.as_bytes();
            let mut key = String::with_capacity(max_chars);
            let mut offsets = [0; FOLDED_CHARS];
            let mut len = 0;
            let mut previous_space = false;
            let mut offset = 0;
            for _ in 0..max_chars.min(FOLDED_CHARS) {
                let Some(&byte) = bytes.get(offset) else {
                    break;
                };
                let (c, width) = if byte.is_ascii() {
                    (char::from(byte), 1)
                } else {
                    let c = text[offset..].chars().next().unwrap_or_default();
                    (c, c.len_utf8())
                };
                let folded = if c.is_whitespace() {
                    if previous_space {
                        offset += width;
                        continue;
                    }
                    previous_space = true;
                    ' '
                } else {
                    previous_space = false;
                    if byte.is_ascii() {
                        char::from(byte.to_ascii_lowercase())
                    } else {
                        ascii_fold_char(c)
                    }
                };
                offsets[len] = offset as u16;
                len += 1;
                key.push(folded);
                offset += width;
            }
            FullFold {
                text,
                max_chars,
                key,
                len,
                offsets,
            }
        }

        /// True when the key holds what the key of the first [`FOLDED_CHARS`]
        /// characters holds, as far as its first `chars` characters: every
        /// character up to there was folded to one of its own, or the text
        /// ended.
        fn reaches(&self, chars: usize) -> bool {
            self.max_chars == FOLDED_CHARS
                || self.len >= chars
                || self.text.chars().nth(self.max_chars).is_none()
        }

        /// Byte offset in the original text of the folded byte `folded_len`
        /// (the key is ASCII for every label character, so bytes are chars).
        fn byte_offset(&self, folded_len: usize) -> usize {
            let chars = self.key[..folded_len.min(self.key.len())].chars().count();
            if chars < self.len {
                return usize::from(self.offsets[chars]);
            }
            self.text
                .char_indices()
                .nth(self.max_chars)
                .map_or(self.text.len(), |(offset, _)| offset)
        }
    }

    proptest! {
        /// Labels are matched as when the text was folded at once.
        #[test]
        fn labels_match_as_with_the_whole_fold(
            label in 0usize..200,
            spelled in "[ \t]{0,2}(- )?",
            after in "( ?: ?| ?/hoàn thành:| ?/ | sau khi| trước| Trong|,|  : | \u{a0}:|)[ a-zA-Zđạở:]{0,8}",
            capitals: bool,
        ) {
            let keys = crate::lexicon::LABEL_KEYS.iter().collect::<Vec<_>>();
            let key = &keys[label % keys.len()].key;
            let key = if capitals { key.to_uppercase() } else { key.clone() };
            let key = key.replace("don vi", "Đơn  vị").replace("thoi gian", "Thời gian").replace("chu tri", "chủ\ttrì");
            let text = format!("{spelled}{key}{after}");
            prop_assert_eq!(match_label(&text), match_label_by_full_fold(&text), "{:?}", text);
            let cut: String = text.chars().take(label % 40).collect();
            prop_assert_eq!(match_label(&cut), match_label_by_full_fold(&cut), "{:?}", cut);
        }

        /// Texts of Vietnamese letters, whose bases are read off their
        /// bytes, are matched as when folded at once.
        #[test]
        fn vietnamese_texts_match_as_with_the_whole_fold(
            text in "[ -]{0,2}(Đơn vị|ĐƠN VỊ|Thời gian|THỜI GIAN|Nội dung|Kinh phí|Cơ quan|Sản phẩm)?[a-zđơưạởểếịủìờíáàảãâấầẩẫậăắằẳẵặéèẻẽẹêềểễệóòỏõọôốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵĐƠƯẠỞỂẾỊỦÌỜÍÁÀ\u{300}\u{301} \t:/,]{0,40}",
        ) {
            prop_assert_eq!(match_label(&text), match_label_by_full_fold(&text), "{:?}", text);
        }
    }

    /// The former [`inline_field_start`], which read every stop.
    fn inline_field_start_at_every_stop(text: &str) -> Option<usize> {
        text.match_indices(['.', ';']).find_map(|(at, _)| {
            let after = &text[at + 1..];
            let trimmed = after.trim_start();
            let opens_field = after.len() != trimmed.len()
                && trimmed.starts_with(char::is_uppercase)
                && match_label(trimmed).is_some_and(|found| has_colon(trimmed, &found));
            opens_field.then(|| text.len() - trimmed.len())
        })
    }

    proptest! {
        /// Inline fields are found as when every stop is read.
        #[test]
        fn inline_fields_start_as_at_every_stop(
            pieces in proptest::collection::vec(
                "(Gửi Sở|\\.|;|:| |Thời gian hoàn thành|Thời gian thực hiện|Đơn vị chủ trì|Kinh phí|trước|ngày 5)",
                0..12,
            ),
        ) {
            let text = pieces.concat();
            prop_assert_eq!(inline_field_start(&text), inline_field_start_at_every_stop(&text), "{:?}", text);
        }
    }

    /// A label matches without a colon only if it may lack one, which
    /// [`match_label`] tells from the first word before folding the text.
    #[test]
    fn a_label_needs_its_colon_unless_it_may_lack_one() {
        for label in crate::lexicon::LABEL_KEYS.iter() {
            let with_colon = format!("{}: Sở Nội vụ", label.key);
            assert!(match_label(&with_colon).is_some(), "{with_colon:?}");
            let without = format!("{} sau khi ban hành", label.key);
            assert_eq!(
                match_label(&without).is_some(),
                label.may_lack_colon(),
                "{without:?}"
            );
        }
    }

    fn check_label(text: &str, expected: Option<(FieldRole, &str, &str)>) {
        let found = match_label(text);
        match expected {
            None => assert_eq!(found, None, "{text:?}"),
            Some((role, label, value)) => {
                let found = found.unwrap_or_else(|| panic!("{text:?} should open with a label"));
                assert_eq!(found.role, role, "{text:?}");
                assert_eq!(found.label, label, "{text:?}");
                assert_eq!(&text[found.value_start..], value, "{text:?}");
            }
        }
    }

    /// [`match_label`] passes over a label longer than the text before its
    /// first colon, which holds when every key is ASCII without a colon.
    #[test]
    fn label_keys_are_ascii_without_a_colon() {
        for label in crate::lexicon::LABEL_KEYS.iter() {
            assert!(
                label.key.is_ascii() && !label.key.contains(':'),
                "{}",
                label.key
            );
            let plain = label.role == FieldRole::Deadline && label.key.split(' ').count() >= 3;
            assert_eq!(label.may_lack_colon(), plain, "{}", label.key);
        }
    }

    /// [`FoldedPrefix::fold_to`] takes a character that folds to an ASCII
    /// letter or digit for no whitespace.
    #[test]
    fn no_whitespace_folds_to_a_letter() {
        for c in (char::MIN..=char::MAX).filter(|c| c.is_whitespace()) {
            assert!(!ascii_fold_char(c).is_ascii_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn label_words_fit_their_buffer() {
        assert!(LABEL_GROUPS.longest_word <= MAX_FIRST_WORD);
        for group in &LABEL_GROUPS.groups {
            assert!(group.first_word.is_ascii(), "{}", group.first_word);
            assert!(LABEL_GROUPS.may_start(group.first_word.as_bytes()[0]));
        }
    }

    #[test]
    fn known_labels_in_their_variants() {
        use FieldRole::*;
        check_label(
            "- Đơn vị chủ trì: Phòng Nội chính.",
            Some((Lead, "Đơn vị chủ trì", "Phòng Nội chính.")),
        );
        check_label(
            "Đơn vị thực hiện: Trung tâm Thông tin.",
            Some((Lead, "Đơn vị thực hiện", "Trung tâm Thông tin.")),
        );
        check_label(
            "- Cơ quan chủ trì thực hiện: Trung tâm",
            Some((Lead, "Cơ quan chủ trì thực hiện", "Trung tâm")),
        );
        check_label(
            "- Đơn vị tham mưu thực hiện : Phòng",
            Some((Lead, "Đơn vị tham mưu thực hiện", "Phòng")),
        );
        check_label(
            "Phối hợp thực hiện: Các sở",
            Some((Support, "Phối hợp thực hiện", "Các sở")),
        );
        check_label(
            "- Chỉ đạo thực hiện: Chánh Văn phòng.",
            Some((DirectedBy, "Chỉ đạo thực hiện", "Chánh Văn phòng.")),
        );
        check_label("- Sản phẩm:", Some((Products, "Sản phẩm", "")));
        check_label(
            "- Thời gian thực hiện: Quý I/2023.",
            Some((Deadline, "Thời gian thực hiện", "Quý I/2023.")),
        );
        check_label("THỜI GIAN: Quý I", Some((Deadline, "THỜI GIAN", "Quý I")));
        check_label(
            "Thời gian thực hiện/hoàn thành: Tháng 12",
            Some((Deadline, "Thời gian thực hiện/hoàn thành", "Tháng 12")),
        );
        check_label("Tiến độ: Quý II", Some((Deadline, "Tiến độ", "Quý II")));
        check_label(
            "- Thời hạn trình: Tháng 9/2026.",
            Some((Deadline, "Thời hạn trình", "Tháng 9/2026.")),
        );
        check_label(
            "- Cấp quyết định: Thủ tướng Chính phủ",
            Some((Approval, "Cấp quyết định", "Thủ tướng Chính phủ")),
        );
        check_label(
            "- Biện pháp khắc phục: Chỉ đạo",
            Some((Measure, "Biện pháp khắc phục", "Chỉ đạo")),
        );
        check_label("a) Nội dung: Thường xuyên", None);
        check_label(
            "Thời gian thực hiện sau khi Chiến lược được ban hành.",
            Some((
                Deadline,
                "Thời gian thực hiện",
                "sau khi Chiến lược được ban hành.",
            )),
        );
    }

    #[test]
    fn prose_is_not_a_label() {
        check_label("Thời gian qua, tỉnh Đắk Lắk đã có nhiều nỗ lực", None);
        check_label("Phối hợp với các cơ quan chuyên môn tham mưu", None);
        check_label("Kết quả thực hiện Kế hoạch là cơ sở đánh giá", None);
        check_label("Nội dung công việc gắn với trách nhiệm", None);
    }

    #[test]
    fn inline_field_is_found() {
        let text = "Tổng hợp kết quả kiểm kê gửi Bộ Tài chính. Thời gian hoàn thành: Trước ngày 31/5/2026.";
        let start = inline_field_start(text).expect("inline field");
        assert!(text[start..].starts_with("Thời gian hoàn thành"));
        assert_eq!(
            inline_field_start("Tăng cường kỷ luật. Thời gian qua còn chậm."),
            None
        );
    }

    #[test]
    fn generic_labels_are_short() {
        let found = match_generic_label("- Địa điểm: Hội trường tỉnh").expect("generic");
        assert_eq!(found.label, "Địa điểm");
        assert_eq!(
            match_generic_label("- Tổ chức thực hiện các nội dung theo kế hoạch số 12, gồm: a"),
            None
        );
    }
}
