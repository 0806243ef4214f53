//! Physical lines: splitting, cleaning and the cheap per-line classes.
//!
//! Cleaning strips what a conversion added to a line without meaning:
//! markdown emphasis (`**…**`, `*…*`, also unbalanced), heading hashes,
//! form feeds, control characters and trailing spaces. Classification only
//! looks at the line's shape — blank, a lone `|`, a table separator, a row
//! of cells, or text — and leaves meaning to later stages.

use crate::repairs::Repairs;
use std::borrow::Cow;
use std::sync::LazyLock;

/// One cleaned physical line.
#[derive(Debug, Clone)]
pub(crate) struct Line<'a> {
    /// 1-based line number in the input.
    pub(crate) number: u32,
    /// Text with emphasis stripped and spaces trimmed at both ends: a
    /// piece of the input when cleaning left the line as it was.
    pub(crate) text: Cow<'a, str>,
    /// Leading spaces before the text (a tab counts as four).
    pub(crate) indent: usize,
    /// A form feed preceded or began this line: a page break in a PDF extract.
    pub(crate) form_feed: bool,
    /// The line's shape.
    pub(crate) class: LineClass,
}

/// The shape of a cleaned line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LineClass {
    /// Nothing but whitespace (or removed furniture).
    Blank,
    /// A lone `|`: a cell boundary of a table rendered one cell per line.
    Pipe,
    /// A table separator such as `| --- | --- |` or a rule of dashes.
    Rule,
    /// Cells of a table row or of a layout line, in order.
    Row(Vec<String>),
    /// Running text.
    Text,
}

impl Line<'_> {
    pub(crate) fn is_blank(&self) -> bool {
        self.class == LineClass::Blank
    }

    /// Blanks the line: it was furniture.
    pub(crate) fn clear(&mut self) {
        self.class = LineClass::Blank;
        self.text = Cow::Borrowed("");
    }
}

/// Splits `text` into cleaned, classified lines.
pub(crate) fn split_lines<'a>(text: &'a str, repairs: &mut Repairs) -> Vec<Line<'a>> {
    let mut lines = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    let mut pending_form_feed = false;
    // The pieces of `text.split('\n')`, found by memchr.
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    let mut start = 0;
    for (index, end) in ends.enumerate() {
        let raw = &text[start..end];
        start = end + 1;
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        // A plain line holds no form feed.
        if let Some(line) = plain_line(number, raw, pending_form_feed) {
            pending_form_feed = false;
            lines.push(line);
            continue;
        }
        let form_feed = pending_form_feed || memchr::memchr(0x0c, raw.as_bytes()).is_some();
        pending_form_feed = raw.trim_end().ends_with('\u{c}');
        lines.push(clean_line(number, raw, form_feed, repairs));
    }
    // A trailing newline does not make an extra line.
    if text.ends_with('\n') {
        lines.pop();
    }
    lines
}

fn clean_line<'a>(number: u32, raw: &'a str, form_feed: bool, repairs: &mut Repairs) -> Line<'a> {
    // Two tabs, or one inside the text: the tabs are counted only up to two.
    let tabs = memchr::memchr_iter(b'\t', raw.as_bytes()).take(2).count();
    let is_tab_row = tabs >= 2 || (tabs == 1 && raw.trim().contains('\t'));
    let indent = raw
        .chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum();
    let (stripped, had_emphasis) = strip_emphasis(raw);
    if had_emphasis {
        repairs.emphasis_stripped += 1;
        // Emphasis was often all that kept the line from being plain.
        if let Some(line) = plain_line(number, &stripped, form_feed) {
            let class = line.class;
            // The stripped line is kept when there is nothing to trim.
            let trimmed = (line.text.len() != stripped.len()).then(|| line.text.into_owned());
            return Line {
                number,
                text: Cow::Owned(trimmed.unwrap_or_else(|| stripped.into_owned())),
                indent,
                form_feed,
                class,
            };
        }
    }
    // The text stays a piece of the line while nothing changes it.
    let text = normalize_spaces(stripped, is_tab_row);
    let class = classify(&text, is_tab_row, repairs);
    let text = match &class {
        LineClass::Text => match text {
            Cow::Borrowed(text) => collapse(text),
            Cow::Owned(text) => Cow::Owned(collapse_owned(text)),
        },
        LineClass::Row(_) => text,
        _ => Cow::Borrowed(""),
    };
    // Copied again only when there is something to trim.
    let text = match text {
        Cow::Borrowed(text) => Cow::Borrowed(text.trim()),
        Cow::Owned(text) => Cow::Owned(match text.trim() {
            trimmed if trimmed.len() == text.len() => text,
            trimmed => trimmed.to_owned(),
        }),
    };
    Line {
        number,
        text,
        indent,
        form_feed,
        class,
    }
}

/// Cleans and classifies a plain line, the common case: one without tabs,
/// emphasis, pipes, control characters or whitespace other than spaces,
/// and without a run of spaces inside its text. Such a line only needs
/// trimming; any other line gives none and is cleaned by [`clean_line`].
fn plain_line(number: u32, raw: &str, form_feed: bool) -> Option<Line<'_>> {
    let text = raw.trim_start_matches(' ');
    let indent = raw.len() - text.len();
    if text.starts_with('#') {
        return None;
    }
    let text = text.trim_end_matches(' ');
    if !is_plain(text) {
        return None;
    }
    let class = if text.is_empty() {
        LineClass::Blank
    } else if is_plain_rule(text) {
        LineClass::Rule
    } else {
        LineClass::Text
    };
    let text = Cow::Borrowed(if class == LineClass::Text { text } else { "" });
    Some(Line {
        number,
        text,
        indent,
        form_feed,
        class,
    })
}

/// True when `text` holds no tab, control character, asterisk, pipe,
/// whitespace other than spaces, two spaces or two underscores in a row.
///
/// The text is read in blocks of [`PLAIN_BLOCK`] bytes: a loop the compiler
/// vectorizes settles a block that holds no byte [`BYTE_KINDS`] marks
/// (rare in a line) and no space followed by another; any other block is
/// read byte by byte. The last block is read in the window that ends with
/// the text. A text of one block at most is read as two overlapping half
/// blocks, or, shorter than a half block and a byte, byte by byte.
fn is_plain(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() <= PLAIN_BLOCK {
        return is_short_plain(bytes);
    }
    let mut at = 0;
    while at < bytes.len() {
        let end = (at + PLAIN_BLOCK).min(bytes.len());
        let settled = match bytes.get(at..=at + PLAIN_BLOCK) {
            Some(window) => window
                .try_into()
                .is_ok_and(plain_block::<PLAIN_BLOCK, { PLAIN_BLOCK + 1 }>),
            // The last block: the window that ends with the text, whose
            // last byte is tested apart (the window tests it only as the
            // byte after a space). The text is longer than a window.
            None => {
                let from = bytes.len() - (PLAIN_BLOCK + 1);
                bytes[from..]
                    .try_into()
                    .is_ok_and(plain_block::<PLAIN_BLOCK, { PLAIN_BLOCK + 1 }>)
                    && !is_rare_byte(bytes[bytes.len() - 1])
            }
        };
        if !settled && !plain_bytes(bytes, at, end) {
            return false;
        }
        at = end;
    }
    true
}

/// [`is_plain`] of a text of at most [`PLAIN_BLOCK`] bytes: one longer
/// than half a block is settled by the windows of half a block that start
/// and end it, the last byte tested apart, one longer than a quarter of a
/// block by windows of a quarter block; a shorter one, or one these
/// windows do not settle, is read byte by byte.
fn is_short_plain(bytes: &[u8]) -> bool {
    const HALF: usize = PLAIN_BLOCK / 2;
    const QUARTER: usize = PLAIN_BLOCK / 4;
    let settled = if bytes.len() > HALF {
        ends_plain::<HALF, { HALF + 1 }>(bytes)
    } else if bytes.len() > QUARTER {
        ends_plain::<QUARTER, { QUARTER + 1 }>(bytes)
    } else {
        false
    };
    settled || plain_bytes(bytes, 0, bytes.len())
}

/// True when the windows of `N` bytes and the byte after them that start
/// and end `bytes`, of `N + 1` to `2 * N` bytes, hold no rare byte and no
/// space followed by another, nor is the last byte rare.
#[inline(always)]
fn ends_plain<const N: usize, const W: usize>(bytes: &[u8]) -> bool {
    let (Some(first), Some(from)) = (bytes.get(..W), bytes.len().checked_sub(W)) else {
        return false;
    };
    first.try_into().is_ok_and(plain_block::<N, W>)
        && bytes[from..].try_into().is_ok_and(plain_block::<N, W>)
        && !is_rare_byte(bytes[bytes.len() - 1])
}

/// True when no byte of `bytes[from..to]` makes the text unplain, read
/// byte by byte with its neighbours (a rare byte found in [`BYTE_KINDS`]).
fn plain_bytes(bytes: &[u8], from: usize, to: usize) -> bool {
    for index in from..to {
        let byte = bytes[index];
        if BYTE_KINDS[usize::from(byte)] != ByteKind::Plain && !plain_byte(bytes, index) {
            return false;
        }
        if byte == b' ' && bytes.get(index + 1) == Some(&b' ') {
            return false;
        }
    }
    true
}

/// The bytes [`is_plain`] settles in one step.
const PLAIN_BLOCK: usize = 32;

/// True when the block of a window (the block of `N` bytes and the byte
/// after it) holds no rare byte and no space followed by another.
/// Branch-free, so that the compiler vectorizes it.
#[inline(always)]
fn plain_block<const N: usize, const W: usize>(window: &[u8; W]) -> bool {
    const { assert!(W == N + 1) };
    let mut odd = 0u8;
    // Not `0..=N - 1` nor an iterator over pairs: the compiler vectorizes
    // this form.
    for index in 0..N {
        let (byte, next) = (window[index], window[index + 1]);
        odd |= u8::from(is_rare_byte(byte) | ((byte == b' ') & (next == b' ')));
    }
    odd == 0
}

/// True for a byte that [`BYTE_KINDS`] does not call plain, without the
/// table.
#[inline(always)]
fn is_rare_byte(byte: u8) -> bool {
    (byte < 0x20)
        | (byte == 0x7f)
        | (byte == b'*')
        | (byte == b'|')
        | (byte == b'_')
        | (byte == 0x9a)
        | (byte == 0xc2)
        | (byte.wrapping_sub(0xe2) <= 1)
}

/// Whether the byte at `at` keeps its line plain, read with its
/// neighbours as [`BYTE_KINDS`] says.
fn plain_byte(bytes: &[u8], at: usize) -> bool {
    match BYTE_KINDS[usize::from(bytes[at])] {
        ByteKind::Plain => true,
        ByteKind::Never => false,
        ByteKind::Lead => plain_char(&bytes[at..]),
        ByteKind::Underscore => bytes.get(at + 1) != Some(&b'_'),
        // U+1680, the Ogham space mark, and the Ogham letters after it
        // start with E1 9A.
        ByteKind::Ogham => at == 0 || bytes[at - 1] != 0xe1,
    }
}

/// What a byte of a line says about whether the line is plain.
#[derive(Clone, Copy, PartialEq)]
enum ByteKind {
    Plain,
    /// A control character, an asterisk or a pipe.
    Never,
    /// The first byte of a character that may be whitespace or a control
    /// character: [`plain_char`] decides.
    Lead,
    /// An underscore: plain unless another follows.
    Underscore,
    /// 0x9A: plain unless it continues an E1, the start of an Ogham
    /// character.
    Ogham,
}

static BYTE_KINDS: [ByteKind; 256] = {
    let mut kinds = [ByteKind::Plain; 256];
    let mut byte = 0;
    while byte < 0x20 {
        kinds[byte] = ByteKind::Never;
        byte += 1;
    }
    kinds[0x7f] = ByteKind::Never;
    kinds[b'*' as usize] = ByteKind::Never;
    kinds[b'|' as usize] = ByteKind::Never;
    kinds[b'_' as usize] = ByteKind::Underscore;
    kinds[0x9a] = ByteKind::Ogham;
    kinds[0xc2] = ByteKind::Lead;
    kinds[0xe2] = ByteKind::Lead;
    kinds[0xe3] = ByteKind::Lead;
    kinds
};

/// True when the character that `bytes` start with is neither whitespace
/// nor a control character, for the first bytes that [`BYTE_KINDS`] marks
/// as [`ByteKind::Lead`].
fn plain_char(bytes: &[u8]) -> bool {
    let at = |index: usize| bytes.get(index).copied().unwrap_or(0);
    match (at(0), at(1), at(2)) {
        // U+0080 to U+00A0: C1 controls, next line, no-break space.
        (0xc2, second, _) => second > 0xa0,
        // U+2000 to U+200A, U+2028, U+2029, U+202F: spaces.
        (0xe2, 0x80, third) => third > 0x8a && !matches!(third, 0xa8 | 0xa9 | 0xaf),
        // U+205F, the medium mathematical space.
        (0xe2, 0x81, third) => third != 0x9f,
        // U+3000, the ideographic space.
        (0xe3, second, third) => (second, third) != (0x80, 0x80),
        _ => true,
    }
}

/// Removes markdown emphasis markers and heading hashes.
///
/// Asterisks are dropped wherever they are, balanced or not
/// (`*Đơn vị chủ trì: *Sở Nội vụ`), except in a footnote mark `(*)`;
/// a `#` run that opens a line is a markdown heading marker.
pub(crate) fn strip_emphasis(line: &str) -> (Cow<'_, str>, bool) {
    // Most lines hold no asterisk nor underscore: one search settles them.
    let marked = memchr::memchr2(b'*', b'_', line.as_bytes()).is_some()
        && (line.contains('*') || line.contains("__"));
    if !marked && !line.trim_start().starts_with('#') {
        return (Cow::Borrowed(line), false);
    }
    let mut out = String::with_capacity(line.len());
    let trimmed = line.trim_start();
    let mut rest = line;
    let mut changed = false;
    if trimmed.starts_with('#') {
        let hashes = trimmed.len() - trimmed.trim_start_matches('#').len();
        rest = &trimmed[hashes..];
        changed = true;
    }
    // The markers are ASCII: the text between them is copied as it is.
    let bytes = rest.as_bytes();
    let mut copied = 0;
    let mut at = 0;
    while let Some(found) = memchr::memchr2(b'*', b'_', &bytes[at..]) {
        let marker = at + found;
        let next = bytes.get(marker + 1).copied();
        let width = match bytes[marker] {
            b'*' if !(marker > 0 && bytes[marker - 1] == b'(' && next == Some(b')')) => 1,
            b'_' if next == Some(b'_') => 2,
            _ => 0,
        };
        if width == 0 {
            at = marker + 1;
            continue;
        }
        out.push_str(&rest[copied..marker]);
        changed = true;
        at = marker + width;
        copied = at;
    }
    if !changed {
        // Only footnote marks: the line is as it was.
        return (Cow::Borrowed(line), false);
    }
    out.push_str(&rest[copied..]);
    (Cow::Owned(out), changed)
}

/// Replaces form feeds, control characters and non-breaking spaces with
/// spaces, and collapses the short runs of spaces that emphasis stripping
/// leaves inside a line; runs of four or more are kept as they are, since
/// they may be column gaps. `text` is given back as it is when it holds no
/// such character and no two spaces in a row.
fn normalize_spaces(text: Cow<'_, str>, keep_tabs: bool) -> Cow<'_, str> {
    if spaced_as_is(&text, keep_tabs) {
        return text;
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // Spaces read since the text last copied, which ends at `copied`.
    let mut spaces = 0usize;
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        let width = space_width(bytes, at, keep_tabs);
        if width == 0 {
            at += 1;
            continue;
        }
        if copied < at {
            push_spaces(&mut out, spaces);
            spaces = 0;
            out.push_str(&text[copied..at]);
        }
        spaces += 1;
        at += width;
        copied = at;
    }
    if copied < bytes.len() {
        push_spaces(&mut out, spaces);
        spaces = 0;
        out.push_str(&text[copied..]);
    }
    if spaces > 0 {
        out.push(' ');
    }
    Cow::Owned(out)
}

/// True when [`normalize_spaces`] leaves `text` as it is: it holds no two
/// spaces in a row and no byte that may start a character read as a space
/// but an ASCII space (and a tab, when tabs are kept): no control
/// character, 0xC2 or 0xE2. The bytes are tested in blocks of
/// [`SPACED_BLOCK`] with a loop the compiler vectorizes.
fn spaced_as_is(text: &str, keep_tabs: bool) -> bool {
    let kept = if keep_tabs { b'\t' } else { b' ' };
    let odd = |byte: u8| {
        ((byte < b' ') & (byte != kept)) | (byte == 0x7f) | (byte == 0xc2) | (byte == 0xe2)
    };
    let bytes = text.as_bytes();
    let mut blocks = bytes.chunks_exact(SPACED_BLOCK);
    let settled = blocks.by_ref().all(|block| {
        let block: &[u8; SPACED_BLOCK] = block.try_into().expect("a whole block");
        block
            .iter()
            .fold(0u8, |odd_seen, &byte| odd_seen | u8::from(odd(byte)))
            == 0
    });
    settled && !blocks.remainder().iter().any(|&byte| odd(byte)) && TWO_SPACES.find(bytes).is_none()
}

/// The searcher of two spaces in a row, built once rather than for each
/// line.
static TWO_SPACES: LazyLock<memchr::memmem::Finder<'static>> =
    LazyLock::new(|| memchr::memmem::Finder::new(b"  "));

/// The bytes [`spaced_as_is`] tests in one step.
const SPACED_BLOCK: usize = 32;

/// The byte length of the character at `at` when [`normalize_spaces`]
/// reads it as a space (a space, a control character, a no-break or
/// figure space, a tab unless `keep_tabs`), else 0. Every such character
/// starts with an ASCII byte, 0xC2 or 0xE2, which never continue another
/// character.
fn space_width(bytes: &[u8], at: usize, keep_tabs: bool) -> usize {
    let next = |offset: usize| bytes.get(at + offset).copied().unwrap_or(0);
    match bytes[at] {
        b'\t' => usize::from(!keep_tabs),
        0..=0x20 | 0x7f => 1,
        // U+0080 to U+009F, the C1 controls, and U+00A0.
        0xc2 if (0x80..=0xa0).contains(&next(1)) => 2,
        // U+2007 and U+202F.
        0xe2 if next(1) == 0x80 && matches!(next(2), 0x87 | 0xaf) => 3,
        _ => 0,
    }
}

/// Writes a run of `count` spaces: as it is from four on (a column gap),
/// else one.
fn push_spaces(out: &mut String, count: usize) {
    match count {
        0 => {}
        1..4 => out.push(' '),
        _ => out.extend(std::iter::repeat_n(' ', count)),
    }
}

fn classify(text: &str, is_tab_row: bool, repairs: &mut Repairs) -> LineClass {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return LineClass::Blank;
    }
    if trimmed.chars().all(|c| c == '|' || c.is_whitespace()) {
        return LineClass::Pipe;
    }
    if is_rule(trimmed) {
        return LineClass::Rule;
    }
    if is_tab_row {
        let cells: Vec<String> = text
            .split('\t')
            .map(|cell| collapse(cell).into_owned())
            .collect();
        if cells.len() >= 2 {
            return LineClass::Row(cells);
        }
    }
    if let Some(cells) = pipe_cells(trimmed) {
        if cells.iter().all(|cell| is_rule(cell) || cell.is_empty()) {
            return LineClass::Rule;
        }
        return LineClass::Row(cells);
    }
    if let Some(cells) = gap_cells(trimmed) {
        repairs.layout_columns_split += 1;
        return LineClass::Row(cells);
    }
    LineClass::Text
}

/// Collapses every run of whitespace to one space and trims; `text` is
/// given back as it is when there is nothing to collapse.
pub(crate) fn collapse(text: &str) -> Cow<'_, str> {
    if is_collapsed(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// [`collapse`] of an owned `text`, which is kept when there is nothing to
/// collapse.
pub(crate) fn collapse_owned(text: String) -> String {
    if is_collapsed(&text) {
        text
    } else {
        collapse(&text).into_owned()
    }
}

/// True when [`collapse`] finds nothing to collapse in `text` (a sufficient
/// test: a plain text not opening or ending with a space).
fn is_collapsed(text: &str) -> bool {
    !text.starts_with(' ') && !text.ends_with(' ') && is_plain(text)
}

/// `text.trim()`, settled at each end that is a printable ASCII byte (no
/// whitespace) without decoding a character.
pub(crate) fn trim(text: &str) -> &str {
    let text = trim_start(text);
    match text.as_bytes().last() {
        Some(last) if last.is_ascii_graphic() => text,
        _ => text.trim_end(),
    }
}

/// `text.trim_start()`, settled at a first printable ASCII byte without
/// decoding a character.
pub(crate) fn trim_start(text: &str) -> &str {
    match text.as_bytes().first() {
        Some(first) if first.is_ascii_graphic() => text,
        _ => text.trim_start(),
    }
}

/// A rule of dashes or a markdown separator cell such as `:---:`.
fn is_rule(text: &str) -> bool {
    // A text opening with a printable ASCII byte has nothing to trim: most
    // lines are done at it without trimming.
    if text
        .as_bytes()
        .first()
        .is_some_and(|&first| first.is_ascii_graphic() && !b"-:=_|".contains(&first))
    {
        return false;
    }
    let text = text.trim_start();
    // Most lines are done at their first character.
    if !matches!(
        text.as_bytes().first(),
        Some(b'-' | b':' | b'=' | b'_' | b'|')
    ) {
        return false;
    }
    is_trimmed_rule(text.trim_end())
}

/// [`is_rule`] of a plain text (see [`is_plain`]) that neither opens nor
/// ends with a space: it holds no other whitespace, so nothing is trimmed
/// and a text opening with no rule character is done at its first byte.
fn is_plain_rule(text: &str) -> bool {
    matches!(
        text.as_bytes().first(),
        Some(b'-' | b':' | b'=' | b'_' | b'|')
    ) && is_trimmed_rule(text)
}

/// [`is_rule`] of a text without surrounding whitespace.
fn is_trimmed_rule(text: &str) -> bool {
    text.len() >= 3
        && text
            .chars()
            .all(|c| matches!(c, '-' | ':' | '=' | '_' | ' ' | '|'))
        && text.contains("---")
}

/// Cells of a pipe-separated line: a markdown row `| a | b |`, a plain row
/// `a | b | c`, or a two-column layout line `Số: 88/NQ-CP | Hà Nội, ngày …`.
fn pipe_cells(text: &str) -> Option<Vec<String>> {
    memchr::memchr(b'|', text.as_bytes())?;
    let starts = text.starts_with('|');
    let ends = text.ends_with('|') && text.len() > 1;
    let (separators, spaced_separators) = count_pipes(text);
    let spaced = spaced_separators + usize::from(starts) + usize::from(ends);
    if separators == 1 && !starts && !ends && spaced_separators == 0 {
        // A slash-like use inside a word ("a|b") is not a column.
        return None;
    }
    if spaced == 0 {
        return None;
    }
    // The pieces between the pipes, without the last when the text ends
    // with a pipe and then without the first when it also starts with one.
    let count = separators + 1 - usize::from(ends) - usize::from(starts && ends);
    let mut cells: Vec<String> = Vec::with_capacity(count);
    cells.extend(
        text.split('|')
            .skip(usize::from(starts && ends))
            .take(count)
            .map(|cell| cell.trim().to_owned()),
    );
    (cells.len() >= 2 || (starts && ends)).then_some(cells)
}

/// The pipes in `text`, and how many times " | " occurs in it (as
/// `text.matches(" | ").count()` counts, each occurrence after the last
/// one's end), found in one pass.
fn count_pipes(text: &str) -> (usize, usize) {
    let bytes = text.as_bytes();
    let (mut pipes, mut spaced) = (0, 0);
    // Where the next " | " may start.
    let mut free = 0;
    for at in memchr::memchr_iter(b'|', bytes) {
        pipes += 1;
        if at >= 1 && at > free && bytes[at - 1] == b' ' && bytes.get(at + 1) == Some(&b' ') {
            spaced += 1;
            free = at + 2;
        }
    }
    (pipes, spaced)
}

/// Cells of a PDF layout line whose columns are separated by a wide run of
/// spaces: "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG          CỘNG HÒA XÃ HỘI …". Shorter
/// runs are blanks left to fill in ("Kế hoạch số       /KH-BTNMT").
fn gap_cells(text: &str) -> Option<Vec<String>> {
    const GAP: &str = "        ";
    static GAP_FINDER: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new(GAP));
    GAP_FINDER.find(text.as_bytes())?;
    let cells: Vec<String> = text
        .split(GAP)
        .map(str::trim)
        .filter(|cell| !cell.is_empty())
        .map(str::to_owned)
        .collect();
    (cells.len() >= 2).then_some(cells)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check_class(line: &str, expected: LineClass) {
        let mut repairs = Repairs::default();
        let lines = split_lines(line, &mut repairs);
        assert_eq!(lines[0].class, expected, "line {line:?}");
    }

    fn row(cells: &[&str]) -> LineClass {
        LineClass::Row(cells.iter().map(|c| c.to_string()).collect())
    }

    /// The definition of [`strip_emphasis`], character by character.
    fn strip_emphasis_by_chars(line: &str) -> (String, bool) {
        let trimmed = line.trim_start();
        let (mut rest, mut changed) = (line, false);
        if trimmed.starts_with('#') {
            rest = trimmed.trim_start_matches('#');
            changed = true;
        }
        let mut out = String::new();
        let mut chars = rest.chars().peekable();
        let mut previous = None;
        while let Some(c) = chars.next() {
            let footnote = c == '*' && previous == Some('(') && chars.peek() == Some(&')');
            if c == '*' && !footnote {
                changed = true;
            } else if c == '_' && chars.peek() == Some(&'_') {
                changed = true;
                chars.next();
            } else {
                out.push(c);
            }
            previous = Some(c);
        }
        (out, changed)
    }

    /// The definition of [`normalize_spaces`], character by character.
    fn normalize_spaces_by_chars(text: &str, keep_tabs: bool) -> String {
        let mut out = String::new();
        let mut spaces = 0usize;
        for c in text.chars() {
            let c = match c {
                '\t' if keep_tabs => '\t',
                '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{c}' => ' ',
                c if c.is_control() && c != '\t' => ' ',
                c => c,
            };
            if c == ' ' || (c == '\t' && !keep_tabs) {
                spaces += 1;
                continue;
            }
            if spaces > 0 {
                let run = if spaces >= 4 { spaces } else { 1 };
                out.extend(std::iter::repeat_n(' ', run));
                spaces = 0;
            }
            out.push(c);
        }
        if spaces > 0 {
            out.push(' ');
        }
        out
    }

    #[test]
    fn characters_are_spaced_by_the_definition() {
        for c in (0..=0x2100)
            .chain(0x2f00..=0x3100)
            .filter_map(char::from_u32)
        {
            let text = format!("a{c}b {c}{c}{c}{c}c {c}");
            for keep_tabs in [false, true] {
                assert_eq!(
                    normalize_spaces(Cow::Borrowed(&text), keep_tabs),
                    normalize_spaces_by_chars(&text, keep_tabs),
                    "{c:?}"
                );
            }
        }
    }

    /// The definition of [`pipe_cells`]' cells: every piece between the
    /// pipes, trimmed, less the empty ends of a line framed by pipes.
    fn pipe_cells_by_split(text: &str) -> Vec<String> {
        let starts = text.starts_with('|');
        let ends = text.ends_with('|') && text.len() > 1;
        let mut cells: Vec<String> = text.split('|').map(|cell| cell.trim().to_owned()).collect();
        if ends {
            cells.pop();
        }
        if starts && ends {
            cells.remove(0);
        }
        cells
    }

    /// The definition of [`is_rule`]: the test on the trimmed text,
    /// without the shortcuts on its first byte.
    fn is_rule_by_trim(text: &str) -> bool {
        is_trimmed_rule(text.trim())
    }

    proptest! {
        #[test]
        fn texts_are_trimmed_as_by_str_trim(text in "[ \t\u{a0}\u{2003}aĐ.]{0,6}") {
            prop_assert_eq!(trim(&text), text.trim());
            prop_assert_eq!(trim_start(&text), text.trim_start());
        }

        #[test]
        fn rules_are_read_by_the_definition(text in "[ \t\u{a0}:=_|a~-]{0,8}") {
            prop_assert_eq!(is_rule(&text), is_rule_by_trim(&text));
        }

        #[test]
        fn pipe_cells_are_the_pieces_between_pipes(text in "[|a -]{0,12}") {
            if let Some(cells) = pipe_cells(&text) {
                prop_assert_eq!(cells, pipe_cells_by_split(&text));
            }
        }

        #[test]
        fn spaces_are_normalized_by_the_definition(
            text in "[a \t\u{c}\u{1}\u{7f}\u{85}\u{a0}\u{a1}\u{2007}\u{202f}\u{2003}ạ]{0,30}",
            keep_tabs: bool,
        ) {
            prop_assert_eq!(
                normalize_spaces(Cow::Borrowed(&text), keep_tabs),
                normalize_spaces_by_chars(&text, keep_tabs)
            );
        }

        /// Texts mostly left as they are, longer than a block.
        #[test]
        fn spaced_texts_are_normalized_by_the_definition(
            text in "( ?([a-zạ|“]{1,9}|\t|\u{a0}|\u{2007}|\u{1}|  ))+ ?",
            keep_tabs: bool,
        ) {
            prop_assert_eq!(
                normalize_spaces(Cow::Borrowed(&text), keep_tabs),
                normalize_spaces_by_chars(&text, keep_tabs)
            );
        }

        #[test]
        fn emphasis_is_stripped_by_the_definition(line in "[ #*_()aạ]{0,24}") {
            let (stripped, changed) = strip_emphasis(&line);
            prop_assert_eq!((stripped.into_owned(), changed), strip_emphasis_by_chars(&line));
        }
    }

    #[test]
    fn emphasis_is_stripped_even_when_unbalanced() {
        assert_eq!(
            strip_emphasis("- *Đơn vị chủ trì*: Sở").0,
            "- Đơn vị chủ trì: Sở"
        );
        assert_eq!(
            strip_emphasis("*Đơn vị chủ trì: *Sở Nội vụ").0,
            "Đơn vị chủ trì: Sở Nội vụ"
        );
        assert_eq!(strip_emphasis("**1.****").0, "1.");
        assert_eq!(strip_emphasis("ghi chú (*)").0, "ghi chú (*)");
        assert_eq!(strip_emphasis("# Tiêu đề").0, " Tiêu đề");
    }

    #[test]
    fn shapes_are_recognised() {
        check_class("  |  ", LineClass::Pipe);
        check_class("| --- | --- |", LineClass::Rule);
        check_class("---------------", LineClass::Rule);
        check_class("| TT | Nhiệm vụ |", row(&["TT", "Nhiệm vụ"]));
        check_class(
            "1 | Nội dung | Bộ Tài chính",
            row(&["1", "Nội dung", "Bộ Tài chính"]),
        );
        check_class(" | Thống kê | Đề án", row(&["", "Thống kê", "Đề án"]));
        check_class(
            "Số: 88/NQ-CP | Hà Nội, ngày 22",
            row(&["Số: 88/NQ-CP", "Hà Nội, ngày 22"]),
        );
        check_class("a\t\tb\t", row(&["a", "", "b", ""]));
        check_class("BỘ Y TẾ        CỘNG HÒA", row(&["BỘ Y TẾ", "CỘNG HÒA"]));
        check_class(
            "Kế hoạch số       /KH-BTNMT ngày    tháng 8",
            LineClass::Text,
        );
        check_class("Sở Nội vụ chủ trì", LineClass::Text);
        check_class("\u{c}   ", LineClass::Blank);
    }

    /// A plain line is cleaned as any other line would be.
    #[test]
    fn plain_lines_clean_as_other_lines() {
        for raw in [
            "   Sở Nội vụ chủ trì",
            "a b",
            "----",
            "",
            "     ",
            "Hà Nội, ngày 20 “tháng” 11 – năm 2025 …",
            "x_y",
        ] {
            let line = plain_line(1, raw, false).expect("a plain line");
            let mut repairs = Repairs::default();
            let cleaned = &split_lines(raw, &mut repairs)[0];
            assert_eq!(
                (&line.text, line.indent, &line.class),
                (&cleaned.text, cleaned.indent, &cleaned.class),
                "{raw:?}"
            );
        }
        for raw in [
            "a  b",
            "a\tb",
            "a | b",
            "**a**",
            "# a",
            "a__b",
            "a\u{a0}b",
            "a\u{2003}b",
            "a\u{3000}b",
            "a\u{85}b",
        ] {
            assert!(plain_line(1, raw, false).is_none(), "{raw:?}");
        }
    }

    /// The definition of [`is_plain`], character by character.
    fn is_plain_by_chars(text: &str) -> bool {
        !text.contains("  ")
            && !text.contains("__")
            && !text.chars().any(|c| {
                c.is_control()
                    || matches!(c, '*' | '|')
                    || c.is_whitespace() && c != ' '
                    || ('\u{1680}'..='\u{16bf}').contains(&c)
            })
    }

    #[test]
    fn rare_bytes_are_the_table_s() {
        for byte in 0..=u8::MAX {
            assert_eq!(
                is_rare_byte(byte),
                BYTE_KINDS[usize::from(byte)] != ByteKind::Plain,
                "{byte:#x}"
            );
        }
    }

    #[test]
    fn characters_are_plain_by_the_definition() {
        for c in (0..=0x3100).filter_map(char::from_u32) {
            for text in [c.to_string(), format!("a{c}b {c}{c}")] {
                assert_eq!(is_plain(&text), is_plain_by_chars(&text), "{c:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn texts_are_plain_by_the_definition(
            text in "([a-z *|_\t]|ạ|ệ|Ớ|Ú|\u{a0}|\u{85}|\u{1680}|\u{2003}|\u{202f}|\u{3000}|“){0,30}"
        ) {
            prop_assert_eq!(is_plain(&text), is_plain_by_chars(&text));
        }

        /// A plain text without spaces at its ends is a rule as
        /// [`is_rule`] reads it.
        #[test]
        fn plain_rules_are_rules(text in "([-:=_| ]|a|ạ|\u{a0}|\t){0,8}") {
            let text = text.trim_matches(' ');
            if is_plain(text) {
                prop_assert_eq!(is_plain_rule(text), is_rule(text), "{:?}", text);
            }
        }

        /// Texts of about a block, read in half blocks, with a rare byte or
        /// two spaces anywhere, at the ends of the halves too.
        #[test]
        fn short_texts_are_plain_by_the_definition(
            text in "[a-z]{0,12}( |  |_|__|\\*|\t|ạ|\u{a0}|\u{2003})?[a-z ]{0,20}"
        ) {
            prop_assert_eq!(is_plain(&text), is_plain_by_chars(&text));
        }

        /// Long texts, mostly plain, with the rare bytes and the spaces
        /// across block boundaries.
        #[test]
        fn long_texts_are_plain_by_the_definition(
            text in "([a-z]{1,9} ?|ạ|ệ|Ớ|Ú|_|  |\u{a0}|\u{1680}|\u{2003}|“|\t|\\*){0,60}"
        ) {
            prop_assert_eq!(is_plain(&text), is_plain_by_chars(&text));
        }
    }

    proptest! {
        #[test]
        fn pipes_are_counted_as_matches(text in "[ |a]{0,24}") {
            prop_assert_eq!(
                count_pipes(&text),
                (text.matches('|').count(), text.matches(" | ").count())
            );
        }
    }

    #[test]
    fn collapsed_text_stays() {
        for text in [
            "a b",
            "Sở Nội vụ",
            "",
            "a  b",
            " a",
            "a\u{a0}b",
            "a*b",
            "a__b",
        ] {
            let words: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(collapse(text), words.join(" "), "{text:?}");
        }
    }

    #[test]
    fn emphasis_is_stripped_before_cleaning() {
        let mut repairs = Repairs::default();
        let lines = split_lines("  **1. Mục  đích**\n- *Đơn vị*: Sở\n**|**", &mut repairs);
        let cleaned: Vec<(&str, usize)> = lines
            .iter()
            .map(|line| (line.text.as_ref(), line.indent))
            .collect();
        assert_eq!(cleaned, [("1. Mục đích", 2), ("- Đơn vị: Sở", 0), ("", 0)]);
        assert_eq!(lines[2].class, LineClass::Pipe);
        assert_eq!(repairs.emphasis_stripped, 3);
    }

    #[test]
    fn line_numbers_follow_newlines() {
        let mut repairs = Repairs::default();
        let lines = split_lines("a\r\nb\n\u{c}c\n", &mut repairs);
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[2].number, 3);
        assert!(lines[2].form_feed);
        assert_eq!(lines[2].text, "c");
    }
}
