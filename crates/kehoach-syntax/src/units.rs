//! From cleaned lines to units: paragraphs with broken lines rejoined, and
//! rows of cells.
//!
//! A line continues the paragraph before it unless it starts a new unit (an
//! item marker, a field label, a heading, a table cell). What counts as a
//! break depends on how the text was produced, so the document is first
//! measured: is it hard-wrapped (web pages, PDF), and are its paragraphs
//! separated by blank lines (Word, web) or only by indentation (PDF)?
//! Recognising a task must not depend on where the source happened to wrap.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::sync::LazyLock;

use kehoach_text::{ascii_key, ascii_key_chars};

use crate::diagnostic::Diagnostics;
use crate::field::{self, LabelMatch};
use crate::key::{first_key_char, key_prefix};
use crate::lexicon::{self, DANGLING, DANGLING_HEAD, DANGLING_NUMBER, STARTERS, starts_with_word};
use crate::lines::{Line, LineClass, collapse, collapse_owned, trim};
use crate::marker::{Marker, MarkerStyle, parse_marker};
use crate::quality::is_alphabetic;
use crate::repairs::Repairs;
use crate::span::Span;

/// A paragraph or a row of cells, with the lines it came from.
#[derive(Debug, Clone)]
pub(crate) struct Unit<'a> {
    pub(crate) content: Content<'a>,
    pub(crate) span: Span,
    /// How the paragraph opens, when its one line was read for it already.
    pub(crate) opening: Opened,
}

/// How a paragraph opens, when [`build_units`] read it: the common
/// openings, a paragraph with no marker nor label or a bullet, are held in
/// place, any other one boxed.
#[derive(Debug, Clone)]
pub(crate) enum Opened {
    /// Not read.
    Unread,
    /// No marker and no label.
    Plain,
    /// A bullet of this style (`-`, `+`) of this byte length with the
    /// spaces after it; no label was read.
    Bullet(MarkerStyle, usize),
    /// Any other opening.
    Boxed(Box<Opening>),
}

impl Opened {
    /// Holds `opening`.
    fn read(opening: Opening) -> Self {
        match &opening {
            Opening {
                marker: None,
                label: Some(None),
            } => Opened::Plain,
            Opening {
                marker: Some((marker, len)),
                label: None,
            } if matches!(marker.style, MarkerStyle::Dash | MarkerStyle::Plus)
                && marker.label.is_empty()
                && marker.ordinal.is_none() =>
            {
                Opened::Bullet(marker.style, *len)
            }
            _ => Opened::Boxed(Box::new(opening)),
        }
    }

    /// The opening, when it was read.
    pub(crate) fn into_opening(self) -> Option<Opening> {
        match self {
            Opened::Unread => None,
            Opened::Plain => Some(Opening {
                marker: None,
                label: Some(None),
            }),
            Opened::Bullet(style, len) => Some(Opening {
                marker: Some((
                    Marker {
                        style,
                        label: Cow::Borrowed(""),
                        ordinal: None,
                    },
                    len,
                )),
                label: None,
            }),
            Opened::Boxed(opening) => Some(*opening),
        }
    }

    /// The style and byte length of the opening marker, if any, when the
    /// opening was read.
    pub(crate) fn marker(&self) -> Option<Option<(MarkerStyle, usize)>> {
        match self {
            Opened::Unread => None,
            Opened::Plain => Some(None),
            Opened::Bullet(style, len) => Some(Some((*style, *len))),
            Opened::Boxed(opening) => Some(
                opening
                    .marker
                    .as_ref()
                    .map(|(marker, len)| (marker.style, *len)),
            ),
        }
    }
}

/// How a text opens, as [`build_units`] read it to decide whether its line
/// starts a unit: later stages reuse it for a paragraph of that one line.
#[derive(Debug, Clone)]
pub(crate) struct Opening {
    /// [`parse_marker`] of the text.
    pub(crate) marker: Option<(Marker, usize)>,
    /// [`field::match_label`] of the text, read only when it has no marker.
    pub(crate) label: Option<Option<LabelMatch>>,
}

/// What a unit holds.
#[derive(Debug, Clone)]
pub(crate) enum Content<'a> {
    /// One paragraph of running text: a piece of the input when it is one
    /// line that cleaning left as it was.
    Text(Cow<'a, str>),
    /// One row of a table or of a layout block.
    Row(Vec<Cell>),
}

/// One table cell with its own lines (kept apart so a signature or a list
/// of recipients keeps its structure).
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    lines: CellLines,
    pub(crate) span: Span,
}

/// The lines of a cell: most cells have one, kept without a vector.
#[derive(Debug, Clone)]
enum CellLines {
    One(String),
    Many(Vec<String>),
}

impl Cell {
    /// A cell of one line.
    pub(crate) fn line(text: String, span: Span) -> Self {
        Cell {
            lines: CellLines::One(text),
            span,
        }
    }

    /// A cell of any number of lines.
    pub(crate) fn lines(lines: Vec<String>, span: Span) -> Self {
        let lines = match <[String; 1]>::try_from(lines) {
            Ok([line]) => CellLines::One(line),
            Err(lines) => CellLines::Many(lines),
        };
        Cell { lines, span }
    }

    /// The cell's lines.
    pub(crate) fn texts(&self) -> &[String] {
        match &self.lines {
            CellLines::One(line) => std::slice::from_ref(line),
            CellLines::Many(lines) => lines,
        }
    }

    /// The cell's lines joined into one paragraph; a cell of one line,
    /// most of them, is collapsed without being joined first, and given
    /// back as it is when there is nothing to collapse.
    pub(crate) fn text(&self) -> Cow<'_, str> {
        match self.texts() {
            [line] => collapse(line),
            lines => Cow::Owned(collapse_owned(lines.join(" "))),
        }
    }

    /// [`Cell::text`], moving a line that needs no collapsing out of the
    /// cell rather than copying it.
    pub(crate) fn into_text(self) -> String {
        match self.lines {
            CellLines::One(line) => collapse_owned(line),
            CellLines::Many(lines) => collapse_owned(lines.join(" ")),
        }
    }
}

/// How the document was laid out, measured from its lines.
#[derive(Debug, Clone, Copy)]
struct Layout {
    /// Lines are wrapped at a fixed width (web pages, PDF).
    hard_wrapped: bool,
    /// Paragraphs are separated by blank lines.
    blank_separated: bool,
}

/// Builds the units of a document from its cleaned lines.
pub(crate) fn build_units<'a>(
    mut lines: Vec<Line<'a>>,
    repairs: &mut Repairs,
    diagnostics: &mut Diagnostics,
) -> Vec<Unit<'a>> {
    remove_related_documents(&mut lines, repairs, diagnostics);
    remove_page_furniture(&mut lines, repairs);
    let mut unmarked = vec![false; lines.len()];
    let layout = measure_layout(&lines, &mut unmarked);
    let mut builder = Builder {
        // Each unit takes at least one line: the vector never grows.
        units: Vec::with_capacity(lines.len()),
        pending: None,
        gap: false,
        layout,
        unmarked,
        repairs,
    };
    let mut index = 0;
    while index < lines.len() {
        let line = &lines[index];
        match &line.class {
            LineClass::Blank | LineClass::Rule => {
                builder.gap = true;
                index += 1;
            }
            LineClass::Pipe => {
                index = builder.cell_region(&lines, index);
            }
            LineClass::Row(_) => {
                builder.flush();
                let number = line.number;
                // The cells move into the row: no line is read for them again.
                if let LineClass::Row(texts) = &mut lines[index].class {
                    let cells = std::mem::take(texts)
                        .into_iter()
                        .map(|text| Cell::line(text, Span::line(number)))
                        .collect();
                    builder.push(Content::Row(cells), Span::line(number));
                }
                index += 1;
            }
            LineClass::Text => {
                builder.text_line(index, &mut lines);
                index += 1;
            }
        }
    }
    builder.flush();
    builder.units
}

struct Pending<'a> {
    text: Cow<'a, str>,
    span: Span,
    last_indent: usize,
    /// Byte offset in `text` of its last line.
    last_start: usize,
    /// How the text opens, while it is the one line it was read from.
    opening: Opened,
}

impl Pending<'_> {
    /// The last line of the paragraph.
    fn last_line(&self) -> &str {
        &self.text[self.last_start..]
    }

    /// True when the paragraph is only a marker with no text after it.
    fn is_marker_only(&self) -> bool {
        match self.opening.marker() {
            Some(marker) => marker.is_some_and(|(_, len)| trim(&self.text[len..]).is_empty()),
            None => is_marker_only(&self.text),
        }
    }
}

struct Builder<'r, 'a> {
    units: Vec<Unit<'a>>,
    pending: Option<Pending<'a>>,
    /// A blank line or furniture came since the last text line.
    gap: bool,
    layout: Layout,
    /// Lines that [`measure_layout`] found to open without a marker.
    unmarked: Vec<bool>,
    repairs: &'r mut Repairs,
}

impl<'a> Builder<'_, 'a> {
    fn push(&mut self, content: Content<'a>, span: Span) {
        self.units.push(Unit {
            content,
            span,
            opening: Opened::Unread,
        });
        self.gap = false;
    }

    fn flush(&mut self) {
        if let Some(pending) = self.pending.take() {
            self.units.push(Unit {
                content: Content::Text(pending.text),
                span: pending.span,
                opening: pending.opening,
            });
        }
    }

    /// Adds the text line at `index` of the lines; a line that starts a
    /// unit gives it its text (no line is read again once passed).
    fn text_line(&mut self, index: usize, lines: &mut [Line<'a>]) {
        let previous = index.checked_sub(1).map(|before| &lines[before]);
        let line = &lines[index];
        let text: &str = &line.text;
        let decision = match &self.pending {
            None => Join::Start(Opened::Unread),
            Some(pending) => {
                let marker = if self.unmarked[index] {
                    None
                } else {
                    parse_marker(text)
                };
                decide(pending, line, marker, previous, self.gap, self.layout)
            }
        };
        match decision {
            Join::Continue => {
                if let Some(pending) = self.pending.as_mut() {
                    if self.gap {
                        self.repairs.page_breaks_rejoined += 1;
                    } else {
                        self.repairs.lines_rejoined += 1;
                    }
                    if let Cow::Borrowed(first) = pending.text {
                        // Copied once with room for this line and one more
                        // like it, rather than exactly and then grown.
                        let mut owned = String::with_capacity(first.len() + 1 + 2 * text.len());
                        owned.push_str(first);
                        pending.text = Cow::Owned(owned);
                    }
                    let joined = pending.text.to_mut();
                    if !joined.is_empty() {
                        joined.push(' ');
                    }
                    pending.last_start = joined.len();
                    joined.push_str(text);
                    pending.span.end_line = line.number;
                    pending.last_indent = line.indent;
                    pending.opening = Opened::Unread;
                }
                self.gap = false;
            }
            Join::Start(opening) => {
                self.flush();
                let (number, indent) = (line.number, line.indent);
                self.pending = Some(Pending {
                    text: std::mem::take(&mut lines[index].text),
                    span: Span::line(number),
                    last_indent: indent,
                    last_start: 0,
                    opening,
                });
                self.gap = false;
            }
        }
    }

    /// Rebuilds a table rendered one cell per line, with a lone `|` between
    /// cells and two between rows, into row units. Returns the index of the
    /// first line after the region.
    fn cell_region(&mut self, lines: &[Line<'_>], start: usize) -> usize {
        /// A block of text longer than this between two `|` lines is running
        /// text, not a cell.
        const MAX_CELL_LINES: usize = 30;
        self.flush();
        let mut rows: Vec<Vec<Cell>> = vec![Vec::new()];
        let mut index = start;
        let mut pipes_in_a_row = 0;
        let mut end = start + 1;
        while index < lines.len() {
            match &lines[index].class {
                LineClass::Pipe => {
                    pipes_in_a_row += 1;
                    if pipes_in_a_row == 2 && rows.last().is_some_and(|row| !row.is_empty()) {
                        rows.push(Vec::new());
                    }
                    index += 1;
                    end = index;
                }
                LineClass::Blank => break,
                _ => {
                    let block_end = lines[index..]
                        .iter()
                        .position(|l| matches!(l.class, LineClass::Pipe | LineClass::Blank))
                        .map_or(lines.len(), |offset| index + offset);
                    let closed = lines
                        .get(block_end)
                        .is_some_and(|l| l.class == LineClass::Pipe);
                    if !closed || block_end - index > MAX_CELL_LINES {
                        break;
                    }
                    let cell_lines: Vec<String> = lines[index..block_end]
                        .iter()
                        .filter(|l| !l.text.is_empty())
                        .map(|l| l.text.to_string())
                        .collect();
                    let span = Span {
                        start_line: lines[index].number,
                        end_line: lines[block_end - 1].number,
                    };
                    if let Some(row) = rows.last_mut() {
                        row.push(Cell::lines(cell_lines, span));
                    }
                    pipes_in_a_row = 0;
                    index = block_end;
                }
            }
        }
        for row in rows.into_iter().filter(|row| !row.is_empty()) {
            let span = row
                .iter()
                .map(|cell| cell.span)
                .reduce(Span::cover)
                .unwrap_or(Span::line(lines[start].number));
            if row
                .iter()
                .all(|cell| cell.texts().iter().all(|l| l.trim().is_empty()))
            {
                continue;
            }
            self.repairs.table_rows_rebuilt += 1;
            self.push(Content::Row(row), span);
        }
        self.gap = true;
        end.max(start + 1)
    }
}

enum Join {
    Continue,
    /// The line starts a unit; how it opens, when that was read.
    Start(Opened),
}

/// Decides whether `line` continues the pending paragraph.
fn decide(
    pending: &Pending<'_>,
    line: &Line<'_>,
    marker: Option<(Marker, usize)>,
    previous: Option<&Line<'_>>,
    gap: bool,
    layout: Layout,
) -> Join {
    let text: &str = &line.text;
    let prev_text: &str = &pending.text;
    // A marker alone on its line ("1.", "-", "**1.****") takes the next line
    // as its title.
    if !gap && marker.is_none() && pending.is_marker_only() {
        return Join::Continue;
    }
    let mut label = None;
    let starts = starts_unit(text, marker.as_ref(), prev_text, &mut label);
    // Held only when the line does start a unit.
    let start = move || Join::Start(Opened::read(Opening { marker, label }));
    if starts {
        return start();
    }
    let first = text.chars().next().unwrap_or(' ');
    let lower = first.is_lowercase();
    // A page break cuts anywhere; an author's line end only where the
    // phrase cannot end, which may depend on how the next line opens.
    let unfinished = ends_unfinished(prev_text, (!gap).then_some(first));
    if gap {
        // Across a blank line or a page break only a lowercase start or a
        // phrase cut mid-way continues.
        return if lower || unfinished {
            Join::Continue
        } else {
            start()
        };
    }
    if lower || unfinished {
        return Join::Continue;
    }
    let terminated = ends_sentence(prev_text);
    if first.is_ascii_digit() && !terminated {
        return Join::Continue;
    }
    let indented = previous.is_some_and(|_| line.indent > pending.last_indent + 2);
    if !layout.blank_separated && indented {
        return start();
    }
    if layout.hard_wrapped {
        if !terminated {
            return Join::Continue;
        }
        return if layout.blank_separated && !is_all_caps(text) {
            Join::Continue
        } else {
            start()
        };
    }
    // Unwrapped text: only an all-caps title wrapped over lines continues.
    if is_all_caps(text)
        && !terminated
        && (40..=110).contains(&pending.last_line().chars().count())
        && is_all_caps(pending.last_line())
    {
        return Join::Continue;
    }
    start()
}

/// True when a line starts a unit of its own whatever came before it;
/// `marker` is the marker that opens the line. Without a marker, the label
/// that opens the line is read into `label`.
fn starts_unit(
    text: &str,
    marker: Option<&(Marker, usize)>,
    prev_text: &str,
    label: &mut Option<Option<LabelMatch>>,
) -> bool {
    if let Some((marker, len)) = marker {
        // "- 2025" or "- các …" after an unfinished line is a wrapped
        // "2021 - 2025" or a hyphenated name, not a bullet.
        let after = text[*len..].chars().next();
        let bullet = matches!(marker.style, MarkerStyle::Dash | MarkerStyle::Plus);
        if bullet
            && !ends_sentence(prev_text)
            && after.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
        {
            return false;
        }
        return true;
    }
    if label.insert(field::match_label(text)).is_some() {
        return true;
    }
    // The key of the head, folded only for the checks that read it and
    // only as far as they read.
    let head = &text[..text.floor_char_boundary(120)];
    let key = OnceCell::new();
    let key = || {
        key.get_or_init(|| key_prefix(head, *START_KEY_CHARS))
            .as_str()
    };
    let first = first_key_char(head);
    if first == Some('(')
        && ATTACHMENT_OPENINGS
            .iter()
            .any(|opening| key().starts_with(opening))
    {
        return true;
    }
    let all_caps = is_all_caps(text);
    // The key is folded only for a line whose first letter opens a starter.
    let may_start = |starter: &String| first.is_some_and(|first| starter.starts_with(first));
    if text.starts_with(char::is_uppercase)
        && !all_caps
        && STARTERS.iter().any(may_start)
        && STARTERS
            .iter()
            .any(|starter| starts_with_word(key(), starter))
    {
        return true;
    }
    if matches!(first, Some('s' | 'n' | 'v'))
        && HEADER_OPENINGS
            .iter()
            .any(|opening| key().starts_with(opening))
    {
        return true;
    }
    if crate::metadata::is_place_date(text) {
        return true;
    }
    // Capitals after running text open a heading or a signature.
    if all_caps && prev_text.chars().any(char::is_lowercase) && !ends_unfinished(prev_text, None) {
        return true;
    }
    if all_caps && lexicon::KIND_KEYS.iter().any(|kind| kind.heading == key()) {
        return true;
    }
    false
}

/// Keys of the openings of an attachment line.
const ATTACHMENT_OPENINGS: [&str; 2] = ["(ban hanh kem theo", "(kem theo"];

/// Keys of the openings of a header or signature line: the number, the
/// recipients, the subject.
const HEADER_OPENINGS: [&str; 3] = ["so:", "noi nhan", "v/v "];

/// Characters of a line's key that [`starts_unit`] reads: one more than
/// its longest phrase, starter or kind heading, so that a starter is seen
/// to end a word and a heading to be the whole key.
static START_KEY_CHARS: LazyLock<usize> = LazyLock::new(|| {
    let longest = ATTACHMENT_OPENINGS
        .iter()
        .chain(&HEADER_OPENINGS)
        .copied()
        .chain(STARTERS.iter().map(String::as_str))
        .chain(lexicon::KIND_KEYS.iter().map(|kind| kind.heading.as_str()))
        .map(|phrase| phrase.chars().count());
    longest.max().unwrap_or(0) + 1
});

/// True when a paragraph is only a marker with no text after it.
fn is_marker_only(text: &str) -> bool {
    parse_marker(text).is_some_and(|(_, len)| trim(&text[len..]).is_empty())
}

/// True when `text` ends a sentence or a clause.
pub(crate) fn ends_sentence(text: &str) -> bool {
    // A text ending with an ASCII byte that is no closing mark, most of
    // them, is read at that byte.
    if let Some(&last) = text.as_bytes().last()
        && last.is_ascii()
        && !matches!(last, b'"' | b'*' | b' ')
    {
        return matches!(last, b'.' | b';' | b':' | b'!' | b'?');
    }
    let trimmed = text.trim_end_matches(['"', '”', '’', '*', ' ']);
    trimmed.ends_with(['.', ';', ':', '!', '?'])
}

/// True when `text` stops mid-phrase: on a comma, a hyphen, or a word such
/// as "của", "và", "các" that cannot end a sentence. A number word that may
/// also end a phrase ("số", "năm") counts before a line that opens with a
/// digit, or when the next line is unknown or after a page break (`None`);
/// an agency head counts when capitalized, as it then opens a name ("… của
/// Bộ" / "Tài chính", but "Sở Nội vụ" / "Chủ trì …", "Quốc hội").
fn ends_unfinished(text: &str, next: Option<char>) -> bool {
    let last_word = match last_word_to_look_up(text) {
        Ok(word) => word,
        Err(settled) => return settled,
    };
    // Dangling words have short ASCII keys: a longer word needs no key.
    let mut key = [0u8; 16];
    for (len, c) in ascii_key_chars(last_word).enumerate() {
        if !c.is_ascii() || len == DANGLING_KEY_BYTES {
            return false;
        }
        key[len] = c as u8;
    }
    let key = u128::from_le_bytes(key);
    let keys = &*DANGLING_KEYS;
    let listed = |words: &[u128]| words.binary_search(&key).is_ok();
    let before_number = next.is_none_or(|next| next.is_ascii_digit());
    listed(&keys.any)
        || before_number && listed(&keys.number)
        || last_word.starts_with(char::is_uppercase) && listed(&keys.head)
}

/// The last word of `text`, to be looked up among the dangling words, or
/// the answer of [`ends_unfinished`] when the end settles it: a comma,
/// dash or opening bracket leaves the text unfinished; an end that is no
/// word of letters, or a word in capitals, does not.
fn last_word_to_look_up(text: &str) -> Result<&str, bool> {
    let trimmed = text.trim_end();
    if trimmed.ends_with([',', '-', '–', '(']) {
        return Err(true);
    }
    let last_word = trimmed
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    // An all-caps word ends a heading or a signer's title ("CHÁNH VĂN
    // PHÒNG"), not a phrase cut by a page break.
    if last_word.is_empty()
        || !last_word.chars().all(is_alphabetic)
        || is_all_caps(last_word)
        || last_word.chars().all(char::is_uppercase) && last_word.chars().count() > 1
    {
        return Err(false);
    }
    Ok(last_word)
}

/// Room for the key of a dangling word.
const DANGLING_KEY_BYTES: usize = 12;

/// A key of at most [`DANGLING_KEY_BYTES`] bytes, none of them zero, in
/// one number: its bytes from the lowest, zeros after them.
fn pack_key(word: &[u8]) -> u128 {
    let mut bytes = [0u8; 16];
    bytes[..word.len()].copy_from_slice(word);
    u128::from_le_bytes(bytes)
}

/// The dangling word lists as [packed keys](pack_key), compared as
/// numbers, each sorted to be searched by halves.
struct DanglingKeys {
    /// [`DANGLING`].
    any: Vec<u128>,
    /// [`DANGLING_NUMBER`].
    number: Vec<u128>,
    /// [`DANGLING_HEAD`].
    head: Vec<u128>,
}

static DANGLING_KEYS: LazyLock<DanglingKeys> = LazyLock::new(|| {
    let pack = |words: &[String]| -> Vec<u128> {
        let mut keys: Vec<u128> = words.iter().map(|word| pack_key(word.as_bytes())).collect();
        keys.sort_unstable();
        keys
    };
    DanglingKeys {
        any: pack(&DANGLING),
        number: pack(&DANGLING_NUMBER),
        head: pack(&DANGLING_HEAD),
    }
});

/// True when every cased letter is upper case and there are at least four.
pub(crate) fn is_all_caps(text: &str) -> bool {
    let mut letters = 0;
    for c in text.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            letters += 1;
        }
    }
    letters >= 4
}

/// Measures how the document was laid out, and marks in `unmarked` the
/// lines it found to open without a [marker](parse_marker).
fn measure_layout(lines: &[Line<'_>], unmarked: &mut [bool]) -> Layout {
    let mut text_lines = 0usize;
    let mut wrapped = 0usize;
    let mut blanks = 0usize;
    for (index, line) in lines.iter().enumerate() {
        match line.class {
            LineClass::Blank => blanks += 1,
            LineClass::Text => {
                text_lines += 1;
                let next_continues = lines.get(index + 1).is_some_and(|next| {
                    next.class == LineClass::Text
                        && next.text.starts_with(|c: char| c.is_lowercase())
                        && parse_marker(&next.text).is_none()
                        && {
                            unmarked[index + 1] = true;
                            true
                        }
                });
                if next_continues && !ends_sentence(&line.text) {
                    wrapped += 1;
                }
            }
            _ => {}
        }
    }
    let total = lines.len().max(1);
    Layout {
        hard_wrapped: text_lines >= 8 && wrapped * 100 >= text_lines * 15,
        blank_separated: blanks * 100 >= total * 15,
    }
}

/// Removes a website's "related documents" list (`- 1 Luật …`, `- 2 Nghị
/// định …`) from the start or the end of the document.
fn remove_related_documents(
    lines: &mut [Line<'_>],
    repairs: &mut Repairs,
    diagnostics: &mut Diagnostics,
) {
    let is_entry = |line: &Line<'_>| -> bool {
        if line.class != LineClass::Text {
            return false;
        }
        let Some(rest) = line.text.strip_prefix('-') else {
            return false;
        };
        let rest = rest.trim_start();
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 3 || !rest[digits..].starts_with(' ') {
            return false;
        }
        let key = ascii_key(&rest[digits..rest.floor_char_boundary(digits + 40)]);
        lexicon::KIND_KEYS
            .iter()
            .any(|kind| starts_with_word(&key, &kind.heading))
            || ["nghi dinh", "thong tu", "luat", "van ban", "cong van"]
                .iter()
                .any(|word| starts_with_word(&key, word))
    };
    let mut remove_run = |indices: Vec<usize>, lines: &mut [Line<'_>]| {
        if indices.len() < 2 {
            return;
        }
        let first = lines[indices[0]].number;
        let last = lines[indices[indices.len() - 1]].number;
        for &index in &indices {
            lines[index].clear();
        }
        let count = u32::try_from(indices.len()).unwrap_or(u32::MAX);
        repairs.related_documents_removed += count;
        diagnostics.info(
            "related-documents-removed",
            Some(first),
            format!("removed a website's list of {count} related documents (lines {first}-{last})"),
        );
    };
    let leading: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| !line.is_blank())
        .take_while(|(_, line)| is_entry(line))
        .map(|(index, _)| index)
        .collect();
    remove_run(leading, lines);
    let mut trailing: Vec<usize> = lines
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, line)| !line.is_blank())
        .take_while(|(_, line)| is_entry(line))
        .map(|(index, _)| index)
        .collect();
    trailing.reverse();
    remove_run(trailing, lines);
}

/// Removes page numbers and running headers left by a PDF extraction.
fn remove_page_furniture(lines: &mut [Line<'_>], repairs: &mut Repairs) {
    let mut expected_page = 2u32;
    for index in 0..lines.len() {
        if lines[index].class != LineClass::Text {
            continue;
        }
        let Some(number) = page_number(&lines[index].text) else {
            continue;
        };
        let near_pipe = neighbour(lines, index, -1).is_some_and(|l| l.class == LineClass::Pipe)
            || neighbour(lines, index, 1).is_some_and(|l| l.class == LineClass::Pipe);
        if near_pipe {
            continue;
        }
        let line = &lines[index];
        let form_feed = line.form_feed || lines.get(index + 1).is_some_and(|next| next.form_feed);
        let centred = line.indent >= 10;
        let mid_sentence = neighbour(lines, index, -1)
            .is_some_and(|prev| !ends_sentence(&prev.text))
            && neighbour(lines, index, 1)
                .is_some_and(|next| next.text.starts_with(|c: char| c.is_lowercase()));
        let in_sequence = number == expected_page || number == expected_page - 1;
        if in_sequence && (form_feed || centred || mid_sentence) {
            lines[index].clear();
            lines[index].form_feed = true;
            repairs.page_numbers_removed += 1;
            expected_page = number + 1;
        }
    }
    remove_running_headers(lines, repairs);
}

/// The nearest non-blank line before (`step` -1) or after (+1) `index`.
fn neighbour<'l, 'a>(lines: &'l [Line<'a>], index: usize, step: isize) -> Option<&'l Line<'a>> {
    let mut at = index as isize + step;
    while at >= 0 && (at as usize) < lines.len() {
        let line = &lines[at as usize];
        if !line.is_blank() {
            return Some(line);
        }
        at += step;
    }
    None
}

/// True when `text` ends with a digit before any dashes and whitespace;
/// a text ending with another printable ASCII byte is settled at it.
fn ends_with_number(text: &str) -> bool {
    match text.as_bytes().last() {
        Some(&last) if last.is_ascii_graphic() && last != b'-' => last.is_ascii_digit(),
        _ => text
            .trim_end_matches(|c: char| c == '-' || c.is_whitespace())
            .ends_with(|c: char| c.is_ascii_digit()),
    }
}

/// The number on a line that holds only a page number: "2", "- 3 -",
/// "Trang 4", "4/12".
fn page_number(text: &str) -> Option<u32> {
    let is_dash = |c: char| c == '-' || c.is_whitespace();
    // The number ends the line: most lines are done here, from their end.
    if !ends_with_number(text) {
        return None;
    }
    let text = text.trim_matches(is_dash);
    // The key starts with "trang" or a digit: most lines are done here.
    if !matches!(first_key_char(text), Some('t' | '0'..='9')) {
        return None;
    }
    // The key is at most "trang 999/999": twelve characters besides spaces,
    // one for each character of the text besides whitespace.
    if text
        .chars()
        .filter(|c| !c.is_whitespace())
        .nth(12)
        .is_some()
    {
        return None;
    }
    let key = ascii_key(text);
    let number = key.strip_prefix("trang ").unwrap_or(&key);
    let (page, total) = number.split_once('/').unwrap_or((number, "1"));
    let is_number = |part: &str| {
        !part.is_empty() && part.len() <= 3 && part.bytes().all(|b| b.is_ascii_digit())
    };
    if !is_number(page.trim()) || !is_number(total.trim()) {
        return None;
    }
    page.trim().parse().ok()
}

/// Removes a line that repeats as the first line of several pages.
fn remove_running_headers(lines: &mut [Line<'_>], repairs: &mut Repairs) {
    let mut firsts: Vec<(usize, String)> = Vec::new();
    let mut after_break = false;
    for (index, line) in lines.iter().enumerate() {
        if line.form_feed {
            after_break = true;
        }
        if after_break && line.class == LineClass::Text {
            firsts.push((index, kehoach_text::fold(&line.text)));
            after_break = false;
        }
    }
    for (position, (index, key)) in firsts.iter().enumerate() {
        let repeated = firsts
            .iter()
            .enumerate()
            .any(|(other, (_, other_key))| other != position && other_key == key);
        if repeated && key.chars().count() < 80 {
            lines[*index].clear();
            repairs.page_headers_removed += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split_lines;

    fn paragraphs(text: &str) -> (Vec<String>, Repairs) {
        let mut repairs = Repairs::default();
        let mut diagnostics = Diagnostics::default();
        let lines = split_lines(text, &mut repairs);
        let units = build_units(lines, &mut repairs, &mut diagnostics);
        let texts = units
            .into_iter()
            .map(|unit| match unit.content {
                Content::Text(text) => text.into_owned(),
                Content::Row(cells) => cells.iter().map(Cell::text).collect::<Vec<_>>().join(" | "),
            })
            .collect();
        (texts, repairs)
    }

    /// The short key of a line's head answers each check of
    /// [`starts_unit`] as the head key does.
    #[test]
    fn start_keys_answer_as_head_keys() {
        let phrases = ATTACHMENT_OPENINGS
            .iter()
            .chain(&HEADER_OPENINGS)
            .copied()
            .chain(STARTERS.iter().map(String::as_str))
            .chain(lexicon::KIND_KEYS.iter().map(|kind| kind.heading.as_str()));
        for phrase in phrases {
            for suffix in [
                "",
                " ",
                "x",
                " x",
                "xyz abc",
                ": a",
                " , ",
                "  dài hơn nữa một chút",
            ] {
                let text = format!("{phrase}{suffix}");
                let short = key_prefix(&text, *START_KEY_CHARS);
                let head = crate::key::head_key(&text);
                for other in ATTACHMENT_OPENINGS
                    .iter()
                    .chain(&HEADER_OPENINGS)
                    .copied()
                    .chain(STARTERS.iter().map(String::as_str))
                    .chain(lexicon::KIND_KEYS.iter().map(|kind| kind.heading.as_str()))
                {
                    assert_eq!(
                        short.starts_with(other),
                        head.starts_with(other),
                        "{text:?} {other:?}"
                    );
                    assert_eq!(
                        starts_with_word(&short, other),
                        starts_with_word(&head, other),
                        "{text:?} {other:?}"
                    );
                    assert_eq!(short == other, head == other, "{text:?} {other:?}");
                }
            }
        }
    }

    /// How a paragraph of one line opens is read as its text would be.
    #[test]
    fn openings_are_read_as_the_paragraph() {
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
        let mut checked = 0;
        for entry in std::fs::read_dir(fixtures).expect("fixtures") {
            let path = entry.expect("entry").path();
            if path.extension().is_none_or(|extension| extension != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("fixture");
            let mut repairs = Repairs::default();
            let mut diagnostics = Diagnostics::default();
            let lines = split_lines(&text, &mut repairs);
            for unit in build_units(lines, &mut repairs, &mut diagnostics) {
                let (Content::Text(text), Some(opening)) =
                    (&unit.content, unit.opening.clone().into_opening())
                else {
                    continue;
                };
                assert_eq!(opening.marker, parse_marker(text), "{text:?}");
                if let Some(label) = &opening.label {
                    assert_eq!(label, &field::match_label(text), "{text:?}");
                }
                checked += 1;
            }
        }
        assert!(checked > 100, "{checked}");
    }

    fn check_paragraphs(text: &str, expected: &[&str]) -> Repairs {
        let (got, repairs) = paragraphs(text);
        assert_eq!(got, expected, "input {text:?}");
        repairs
    }

    #[test]
    fn page_break_before_lowercase_is_rejoined() {
        let repairs = check_paragraphs(
            "d) Thực hiện các giải pháp nâng cao chất lượng phục vụ\n\nngười dân, doanh nghiệp.\n\n- Đơn vị chủ trì: Sở Nội vụ.",
            &[
                "d) Thực hiện các giải pháp nâng cao chất lượng phục vụ người dân, doanh nghiệp.",
                "- Đơn vị chủ trì: Sở Nội vụ.",
            ],
        );
        assert_eq!(repairs.page_breaks_rejoined, 1);
    }

    #[test]
    fn page_break_mid_phrase_is_rejoined() {
        check_paragraphs(
            "- Biện pháp: báo cáo kết quả thực hiện của\n\nChính phủ về công tác.",
            &["- Biện pháp: báo cáo kết quả thực hiện của Chính phủ về công tác."],
        );
    }

    #[test]
    fn wrapped_field_label_is_rejoined() {
        check_paragraphs(
            "- *Đơn vị chủ trì tham mưu thực\nhiện: *Sở Nội vụ.\n- Thời gian: Quý I.",
            &[
                "- Đơn vị chủ trì tham mưu thực hiện: Sở Nội vụ.",
                "- Thời gian: Quý I.",
            ],
        );
    }

    #[test]
    fn wrapped_heading_number_line_is_rejoined() {
        let text = "a) Một nội dung dài được ngắt dòng ở đây và tiếp tục ở dòng\nsau cùng với nhiều chữ hơn nữa để đo bố cục.\n\n**2. Sở\nKhoa học và Công nghệ**\n\na) Bám sát các nhiệm vụ, chỉ\ntiêu của tỉnh.\n\nb) Tối ưu hóa Hệ thống thông\ntin giải quyết.\n\nc) Tiếp tục nâng cấp, tối ưu\nhóa chức năng.\n\nd) Chủ trì, phối hợp với Văn\nphòng UBND tỉnh.\n";
        check_paragraphs(
            text,
            &[
                "a) Một nội dung dài được ngắt dòng ở đây và tiếp tục ở dòng sau cùng với nhiều chữ hơn nữa để đo bố cục.",
                "2. Sở Khoa học và Công nghệ",
                "a) Bám sát các nhiệm vụ, chỉ tiêu của tỉnh.",
                "b) Tối ưu hóa Hệ thống thông tin giải quyết.",
                "c) Tiếp tục nâng cấp, tối ưu hóa chức năng.",
                "d) Chủ trì, phối hợp với Văn phòng UBND tỉnh.",
            ],
        );
    }

    #[test]
    fn marker_alone_takes_the_next_line() {
        check_paragraphs(
            "**1.****\n**Trên cơ sở tài liệu.",
            &["1. Trên cơ sở tài liệu."],
        );
        check_paragraphs("-\nTham mưu triển khai.", &["- Tham mưu triển khai."]);
    }

    #[test]
    fn cell_per_line_table_is_rebuilt() {
        let text = "|\n**STT**\n|\n**Tên nhiệm vụ**\n|\n**Cơ quan chủ trì**\n|\n|\n1\n|\nTriển khai nền tảng\nđào tạo.\n|\nSở KH&CN\n|\n|\n";
        let (got, repairs) = paragraphs(text);
        assert_eq!(
            got,
            [
                "STT | Tên nhiệm vụ | Cơ quan chủ trì",
                "1 | Triển khai nền tảng đào tạo. | Sở KH&CN"
            ]
        );
        assert_eq!(repairs.table_rows_rebuilt, 2);
    }

    /// The former [`ends_unfinished`], which compared the last word's key
    /// with the listed words as strings.
    fn ends_unfinished_by_strings(text: &str, next: Option<char>) -> bool {
        let last_word = match last_word_to_look_up(text) {
            Ok(word) => word,
            Err(settled) => return settled,
        };
        let key = ascii_key(last_word);
        let listed = |words: &[String]| words.contains(&key);
        let before_number = next.is_none_or(|next| next.is_ascii_digit());
        listed(&DANGLING)
            || before_number && listed(&DANGLING_NUMBER)
            || last_word.starts_with(char::is_uppercase) && listed(&DANGLING_HEAD)
    }

    proptest::proptest! {
        /// A cell's text is its lines joined and collapsed, a cell of one
        /// line too.
        #[test]
        fn cell_texts_are_the_joined_lines(
            lines in proptest::collection::vec("[ a\u{a0}ơ\t]{0,5}", 0..4),
        ) {
            let expected = collapse(&lines.join(" ")).into_owned();
            let cell = match lines.as_slice() {
                [line] => Cell::line(line.clone(), Span::line(1)),
                _ => Cell::lines(lines, Span::line(1)),
            };
            proptest::prop_assert_eq!(cell.text(), expected.as_str());
            proptest::prop_assert_eq!(cell.into_text(), expected);
        }
    }

    proptest::proptest! {
        #[test]
        fn numbers_end_texts_as_trimmed(text in "[a1 \t\u{a0}.-]{0,6}") {
            let trimmed = text.trim_end_matches(|c: char| c == '-' || c.is_whitespace());
            proptest::prop_assert_eq!(
                ends_with_number(&text),
                trimmed.ends_with(|c: char| c.is_ascii_digit())
            );
        }
    }

    proptest::proptest! {
        /// A sentence end is read as on the text with its closing marks
        /// trimmed.
        #[test]
        fn sentence_ends_as_trimmed(text in "[a.;:!?\"”’* ,\t]{0,6}") {
            let trimmed = text.trim_end_matches(['"', '”', '’', '*', ' ']);
            proptest::prop_assert_eq!(
                ends_sentence(&text),
                trimmed.ends_with(['.', ';', ':', '!', '?'])
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn ends_unfinished_as_by_strings(
            head in "[a-zA-Z ]{0,8}",
            word in proptest::sample::select(vec![
                "của", "Của", "CỦA", "và", "số", "Số", "năm", "bộ", "Bộ", "BỘ", "Ủy", "ủy",
                "phòng", "Phòng", "không", "khôngg", "khôn", "thuộc", "đã", "da", "a", "",
                "trongtrongtrong", "Đến", "được", "Ở", "ở", "o", "x1",
            ]),
            tail in "[ ,\\-(]{0,2}",
            next in proptest::option::of(proptest::sample::select(vec!['S', 's', '3', 'Đ'])),
        ) {
            let text = format!("{head}{word}{tail}");
            proptest::prop_assert_eq!(
                ends_unfinished(&text, next),
                ends_unfinished_by_strings(&text, next),
                "{:?} {:?}", text, next
            );
        }
    }

    #[test]
    fn dangling_keys_fit_their_buffer() {
        for word in DANGLING
            .iter()
            .chain(&*DANGLING_NUMBER)
            .chain(&*DANGLING_HEAD)
        {
            assert!(
                word.is_ascii() && word.len() <= DANGLING_KEY_BYTES && !word.contains('\0'),
                "{word}"
            );
        }
        assert!(ends_unfinished("báo cáo kết quả của", Some('S')));
        assert!(ends_unfinished("Phối hợp với các cơ quan, và", None));
        assert!(!ends_unfinished("báo cáo kết quả thực hiện", None));
        assert!(!ends_unfinished("PHÒNG", None));
    }

    #[test]
    fn number_words_and_agency_heads_dangle_only_before_their_sequel() {
        // "Quyết định số" / "39/2021/QĐ-UBND", but "Chuyển đổi số" / "Sở …".
        assert!(ends_unfinished("theo Quyết định số", Some('3')));
        assert!(!ends_unfinished("Phát triển hạ tầng số", Some('S')));
        assert!(!ends_unfinished("thực hiện hằng năm", Some('C')));
        // "… của Bộ" / "Tài chính", but "Sở Nội vụ" / "Chủ trì, …".
        assert!(ends_unfinished("báo cáo kết quả về Bộ", Some('T')));
        assert!(!ends_unfinished("1. Sở Nội vụ", Some('C')));
        assert!(!ends_unfinished("các sở, ban", Some('C')));
        // Across a page break a number word may have been cut; a complete
        // name may not.
        assert!(ends_unfinished("nâng cao chỉ số", None));
        assert!(!ends_unfinished("1. Sở Nội vụ", None));
        assert!(!ends_unfinished("Hồ sơ trình Quốc hội", None));
    }

    #[test]
    fn a_heading_ending_on_such_a_word_keeps_its_paragraph_apart() {
        let text = "KẾ HOẠCH\nThử\n\nIII. TỔ CHỨC THỰC HIỆN\n1. Sở Nội vụ\n\
                    Chủ trì hướng dẫn thực hiện Kế hoạch này.\n\
                    2. Chuyển đổi số\nSở Khoa học và Công nghệ chủ trì triển khai.\n";
        let parsed = crate::parse(text);
        let titles: Vec<&str> = parsed
            .document
            .nodes
            .iter()
            .map(|node| node.title.as_str())
            .filter(|title| title.starts_with("Sở Nội") || title.starts_with("Chuyển"))
            .collect();
        assert_eq!(titles, ["Sở Nội vụ", "Chuyển đổi số"]);
    }

    #[test]
    fn only_a_bare_number_is_a_page_number() {
        assert_eq!(page_number("  2 "), Some(2));
        assert_eq!(page_number("- 3 -"), Some(3));
        assert_eq!(page_number("Trang 4/12"), Some(4));
        assert_eq!(
            page_number("01/01/2025 theo Quyết định số 213/QĐ-TTg"),
            None
        );
        assert_eq!(page_number("2025"), None);
    }

    #[test]
    fn related_documents_are_removed() {
        let (got, repairs) = paragraphs(
            "- 1 Luật ban hành văn bản quy phạm pháp luật 2015\n- 2 Nghị định 107/2020/NĐ-CP sửa đổi\nVỀ VIỆC ĐẨY MẠNH",
        );
        assert_eq!(got, ["VỀ VIỆC ĐẨY MẠNH"]);
        assert_eq!(repairs.related_documents_removed, 2);
    }

    #[test]
    fn pdf_page_number_is_removed_and_paragraph_rejoined() {
        let text = "               Ngày 09 tháng 6 năm 2025, Chính phủ ban hành Nghị định\n        sửa đổi, bổ sung một số điều của Nghị định số 06 và bảo vệ tầng\n        ô-dôn. Đây là những quy định mới nhằm tăng cường công tác quản\n        lý phát thải khí nhà kính, phát triển thị trường và bảo vệ tỷ lệ che\n\u{c}                                         2\nphủ, sinh khối, chất lượng rừng.\n               Để triển khai thực hiện các quy định mới được ban hành, Bộ\n        kính đề nghị Ủy ban nhân dân các tỉnh chỉ đạo các cơ quan.\n";
        let (got, repairs) = paragraphs(text);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            got[0].ends_with("tỷ lệ che phủ, sinh khối, chất lượng rừng."),
            "{got:?}"
        );
        assert_eq!(repairs.page_numbers_removed, 1);
    }
}
