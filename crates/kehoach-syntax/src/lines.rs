//! Physical lines: splitting, cleaning and the cheap per-line classes.
//!
//! Cleaning strips what a conversion added to a line without meaning:
//! markdown emphasis (`**…**`, `*…*`, also unbalanced), heading hashes,
//! form feeds, control characters and trailing spaces. Classification only
//! looks at the line's shape — blank, a lone `|`, a table separator, a row
//! of cells, or text — and leaves meaning to later stages.

use crate::repairs::Repairs;

/// One cleaned physical line.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// 1-based line number in the input.
    pub(crate) number: u32,
    /// Text with emphasis stripped and spaces trimmed at both ends.
    pub(crate) text: String,
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

impl Line {
    pub(crate) fn is_blank(&self) -> bool {
        self.class == LineClass::Blank
    }
}

/// Splits `text` into cleaned, classified lines.
pub(crate) fn split_lines(text: &str, repairs: &mut Repairs) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut pending_form_feed = false;
    for (index, raw) in text.split('\n').enumerate() {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let form_feed = pending_form_feed || raw.contains('\u{c}');
        pending_form_feed = false;
        if raw.trim_end().ends_with('\u{c}') {
            pending_form_feed = true;
        }
        lines.push(clean_line(number, raw, form_feed, repairs));
    }
    // A trailing newline does not make an extra line.
    if text.ends_with('\n') {
        lines.pop();
    }
    lines
}

fn clean_line(number: u32, raw: &str, form_feed: bool, repairs: &mut Repairs) -> Line {
    let is_tab_row =
        raw.matches('\t').count() >= 2 || (raw.contains('\t') && raw.trim().contains('\t'));
    let indent = raw
        .chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum();
    let (stripped, had_emphasis) = strip_emphasis(raw);
    if had_emphasis {
        repairs.emphasis_stripped += 1;
    }
    let text = normalize_spaces(&stripped, is_tab_row);
    let class = classify(&text, is_tab_row, repairs);
    let text = match &class {
        LineClass::Text => collapse(&text),
        LineClass::Row(_) => text,
        _ => String::new(),
    };
    Line {
        number,
        text: text.trim().to_owned(),
        indent,
        form_feed,
        class,
    }
}

/// Removes markdown emphasis markers and heading hashes.
///
/// Asterisks are dropped wherever they are, balanced or not
/// (`*Đơn vị chủ trì: *Sở Nội vụ`), except in a footnote mark `(*)`;
/// a `#` run that opens a line is a markdown heading marker.
pub(crate) fn strip_emphasis(line: &str) -> (String, bool) {
    if !line.contains('*') && !line.trim_start().starts_with('#') && !line.contains("__") {
        return (line.to_owned(), false);
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

/// Replaces form feeds, control characters and non-breaking spaces with
/// spaces, and collapses the short runs of spaces that emphasis stripping
/// leaves inside a line; runs of four or more are kept as they are, since
/// they may be column gaps.
fn normalize_spaces(text: &str, keep_tabs: bool) -> String {
    let mut out = String::with_capacity(text.len());
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
        let cells: Vec<String> = text.split('\t').map(collapse).collect();
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

/// Collapses every run of whitespace to one space and trims.
pub(crate) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A rule of dashes or a markdown separator cell such as `:---:`.
fn is_rule(text: &str) -> bool {
    let text = text.trim();
    text.len() >= 3
        && text
            .chars()
            .all(|c| matches!(c, '-' | ':' | '=' | '_' | ' ' | '|'))
        && text.contains("---")
}

/// Cells of a pipe-separated line: a markdown row `| a | b |`, a plain row
/// `a | b | c`, or a two-column layout line `Số: 88/NQ-CP | Hà Nội, ngày …`.
fn pipe_cells(text: &str) -> Option<Vec<String>> {
    if !text.contains('|') {
        return None;
    }
    let starts = text.starts_with('|');
    let ends = text.ends_with('|') && text.len() > 1;
    let separators = text.matches('|').count();
    let spaced = text.matches(" | ").count() + usize::from(starts) + usize::from(ends);
    if separators == 1 && !starts && !ends && !text.contains(" | ") {
        // A slash-like use inside a word ("a|b") is not a column.
        return None;
    }
    if spaced == 0 {
        return None;
    }
    let mut cells: Vec<String> = text.split('|').map(|cell| cell.trim().to_owned()).collect();
    if ends {
        cells.pop();
    }
    if starts && ends {
        cells.remove(0);
    }
    (cells.len() >= 2 || (starts && ends)).then_some(cells)
}

/// Cells of a PDF layout line whose columns are separated by a wide run of
/// spaces: "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG          CỘNG HÒA XÃ HỘI …". Shorter
/// runs are blanks left to fill in ("Kế hoạch số       /KH-BTNMT").
fn gap_cells(text: &str) -> Option<Vec<String>> {
    const GAP: &str = "        ";
    if !text.contains(GAP) {
        return None;
    }
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

    fn check_class(line: &str, expected: LineClass) {
        let mut repairs = Repairs::default();
        let lines = split_lines(line, &mut repairs);
        assert_eq!(lines[0].class, expected, "line {line:?}");
    }

    fn row(cells: &[&str]) -> LineClass {
        LineClass::Row(cells.iter().map(|c| c.to_string()).collect())
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
