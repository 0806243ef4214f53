//! Text repair, the first stage of [`parse`](crate::parse), on its own:
//! NFC, line cleaning (emphasis, page numbers, website lists, PDF column
//! gaps) and units (hard wraps and page breaks rejoined, one-cell-per-line
//! tables rebuilt into rows).

use std::borrow::Cow;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::lines;
use crate::repairs::Repairs;
use crate::span::Located;
use crate::units::{self, Content, Unit};

/// The text as the segmenter reads it.
#[derive(Debug, Clone)]
pub struct Repaired {
    /// Each paragraph with its broken lines rejoined and emphasis
    /// stripped, and each table row with its cells separated by tabs, with
    /// the lines it came from.
    pub units: Vec<Located>,
    /// Lines in the text.
    pub line_count: u32,
    /// The repairs of this stage. Table headers repeated after a page
    /// break, rows continued on the next page and fields written inside a
    /// paragraph are repaired later, by segmentation, and counted by
    /// [`parse`](crate::parse) only.
    pub repairs: Repairs,
    /// What the repair noticed, ordered by line.
    pub diagnostics: Vec<Diagnostic>,
}

/// Repairs `text` as [`parse`](crate::parse) does before segmenting it.
/// Never fails.
///
/// ```
/// let repaired = kehoach_syntax::repair(
///     "a) Ban hành *kế hoạch* kiểm tra\n\n2\n\ncông tác văn thư.\n\n- Thời gian: Quý I.\n",
/// );
/// let texts: Vec<&str> = repaired.units.iter().map(|unit| unit.text.as_str()).collect();
/// assert_eq!(texts, ["a) Ban hành kế hoạch kiểm tra công tác văn thư.", "- Thời gian: Quý I."]);
/// assert_eq!(repaired.units[0].span.end_line, 5);
/// assert_eq!(repaired.repairs.page_breaks_rejoined, 1);
/// ```
pub fn repair(text: &str) -> Repaired {
    let mut repairs = Repairs::default();
    let mut diagnostics = Diagnostics::default();
    let normalized = normalize(text, &mut repairs);
    let (units, line_count) = build(without_bom(&normalized), &mut repairs, &mut diagnostics);
    Repaired {
        units: units.into_iter().map(located).collect(),
        line_count,
        repairs,
        diagnostics: diagnostics.finish(),
    }
}

/// `text` in NFC, counting the lines normalization changed.
pub(crate) fn normalize<'a>(text: &'a str, repairs: &mut Repairs) -> Cow<'a, str> {
    let normalized = kehoach_text::nfc(text);
    if let Cow::Owned(normalized) = &normalized {
        repairs.unicode_normalized = count_changed_lines(text, normalized);
    }
    normalized
}

/// `text` without a leading byte-order mark.
pub(crate) fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The units of normalized `text` and its number of lines.
pub(crate) fn build<'a>(
    text: &'a str,
    repairs: &mut Repairs,
    diagnostics: &mut Diagnostics,
) -> (Vec<Unit<'a>>, u32) {
    let lines = lines::split_lines(text, repairs);
    let line_count = u32::try_from(lines.len()).unwrap_or(u32::MAX);
    (units::build_units(lines, repairs, diagnostics), line_count)
}

/// A unit as text: a row's cells separated by tabs.
fn located(unit: Unit<'_>) -> Located {
    let text = match unit.content {
        Content::Text(text) => text.into_owned(),
        Content::Row(cells) => cells
            .iter()
            .map(|cell| cell.text())
            .collect::<Vec<_>>()
            .join("\t"),
    };
    Located {
        text,
        span: unit.span,
    }
}

fn count_changed_lines(original: &str, normalized: &str) -> u32 {
    let changed = original
        .split('\n')
        .zip(normalized.split('\n'))
        .filter(|(a, b)| a != b)
        .count();
    u32::try_from(changed).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_cells_apart() {
        let repaired = repair("TT\tNội dung\tĐơn vị chủ trì\n1\tRà soát\tSở Nội vụ\n");
        let last = repaired.units.last().expect("a row");
        assert_eq!(last.text.split('\t').count(), 3, "{:?}", repaired.units);
    }

    #[test]
    fn counts_lines_changed_by_normalization() {
        let repaired = repair("Ho\u{0301}a\nHòa\nHo\u{0300}a\n");
        assert_eq!(repaired.repairs.unicode_normalized, 2);
        assert_eq!(repaired.line_count, 3);
    }
}
