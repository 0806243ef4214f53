//! Appendix tables of tasks: tab-separated, pipe-separated, markdown or
//! rebuilt from one cell per line.
//!
//! The header row maps each column to a role by its words
//! (`data/columns.tsv`). A header repeated after a page break is dropped;
//! a row that continues on the next page (no number of its own, and cells
//! that carry on the previous row's sentences) is merged into that row cell
//! by cell; a row with only a Roman-numbered title is a section of the
//! table's outline.

use std::borrow::Cow;

use kehoach_text::{ascii_key, ascii_key_chars};

use crate::lexicon::COLUMN_KEYS;
use crate::marker::{Marker, MarkerStyle, number_label, parse_marker, roman_numeral};
use crate::repairs::Repairs;
use crate::span::{Located, Span};
use crate::units::Cell;

/// What a table column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnRole {
    /// The row number (TT, STT).
    Number,
    /// The task itself (nội dung, nhiệm vụ).
    Content,
    /// Who leads it (chủ trì).
    Lead,
    /// Who supports it (phối hợp).
    Support,
    /// Who issues or approves the result (cấp ban hành/phê duyệt).
    Approval,
    /// What it produces (sản phẩm, kết quả).
    Products,
    /// By when (thời gian).
    Deadline,
    /// Remarks (ghi chú).
    Note,
    /// A column the parser does not know.
    Other,
}

impl ColumnRole {
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "number" => ColumnRole::Number,
            "content" => ColumnRole::Content,
            "lead" => ColumnRole::Lead,
            "support" => ColumnRole::Support,
            "approval" => ColumnRole::Approval,
            "products" => ColumnRole::Products,
            "deadline" => ColumnRole::Deadline,
            "note" => ColumnRole::Note,
            _ => return None,
        })
    }

    /// The snake-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnRole::Number => "number",
            ColumnRole::Content => "content",
            ColumnRole::Lead => "lead",
            ColumnRole::Support => "support",
            ColumnRole::Approval => "approval",
            ColumnRole::Products => "products",
            ColumnRole::Deadline => "deadline",
            ColumnRole::Note => "note",
            ColumnRole::Other => "other",
        }
    }
}

/// One column of a task table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The header text as written.
    pub header: String,
    /// What the column holds.
    pub role: ColumnRole,
}

/// Whether a row is a task or a section title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A section of the table ("I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC").
    Section,
    /// A task.
    Task,
}

/// One row of a task table, its cells aligned with the columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// Task or section.
    pub kind: RowKind,
    /// The row's number or section numeral, when it has one.
    pub marker: Option<Marker>,
    /// One cell per column; the content cell has its number stripped.
    pub cells: Vec<Located>,
    /// The lines of the row, including its continuations.
    pub span: Span,
}

impl TableRow {
    /// The cell in the first column with `role`, if the table has one.
    pub fn cell(&self, columns: &[Column], role: ColumnRole) -> Option<&Located> {
        let index = columns.iter().position(|column| column.role == role)?;
        self.cells.get(index)
    }
}

/// A table of tasks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The columns, from the header row.
    pub columns: Vec<Column>,
    /// Section and task rows in order.
    pub rows: Vec<TableRow>,
    /// The lines of the whole table.
    pub span: Span,
}

/// The role of one header cell.
fn column_role(header: &str) -> ColumnRole {
    let key = ascii_key(header);
    COLUMN_KEYS
        .iter()
        .find(|(_, phrase)| contains_words(&key, phrase))
        .map_or(ColumnRole::Other, |(role, _)| *role)
}

/// True when `phrase` occurs in `key` on word boundaries.
fn contains_words(key: &str, phrase: &str) -> bool {
    key.match_indices(phrase).any(|(at, _)| {
        let before = key[..at].chars().next_back();
        let after = key[at + phrase.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// The columns of a header row, if it is the header of a task table: it
/// must name the task and who leads, supports or when.
pub(crate) fn header_columns(cells: &[Cell]) -> Option<Vec<Column>> {
    if cells.len() < 2 {
        return None;
    }
    // The texts are copied into the columns only for a header.
    let columns: Vec<(ColumnRole, Cow<'_, str>)> = cells
        .iter()
        .map(|cell| {
            let header = cell.text();
            (column_role(&header), header)
        })
        .collect();
    let has = |role: ColumnRole| columns.iter().any(|(column, _)| *column == role);
    let is_header = has(ColumnRole::Content)
        && (has(ColumnRole::Lead) || has(ColumnRole::Support) || has(ColumnRole::Deadline))
        // A header names its columns; a data row with long cells is not one.
        && columns.iter().all(|(_, header)| header.chars().count() <= 80);
    is_header.then(|| {
        columns
            .into_iter()
            .map(|(role, header)| Column {
                role,
                header: header.into_owned(),
            })
            .collect()
    })
}

/// Builds a task table from its header and the rows that follow it, whose
/// texts move into the table.
pub(crate) fn assemble(
    columns: Vec<Column>,
    header_span: Span,
    rows: impl Iterator<Item = (Vec<Cell>, Span)>,
    repairs: &mut Repairs,
) -> Table {
    let header_keys: Vec<String> = columns
        .iter()
        .map(|column| ascii_key(&column.header))
        .collect();
    let number_column = columns.iter().position(|c| c.role == ColumnRole::Number);
    let content_column = columns
        .iter()
        .position(|c| c.role == ColumnRole::Content)
        .unwrap_or(0);
    let mut table = Table {
        columns,
        rows: Vec::new(),
        span: header_span,
    };
    for (cells, span) in rows {
        table.span = table.span.cover(span);
        let texts = align(cells, table.columns.len());
        if texts.iter().all(|(text, _)| text.is_empty()) {
            continue;
        }
        let repeats_header = texts
            .iter()
            .zip(&header_keys)
            .all(|((text, _), header)| ascii_key_chars(text).eq(header.chars()));
        if repeats_header {
            repairs.table_headers_removed += 1;
            continue;
        }
        let row = classify_row(texts, span, number_column, content_column, &table.columns);
        match row {
            RowShape::Continuation(cells) => {
                if let Some(previous) = table.rows.last_mut().filter(|r| r.kind == RowKind::Task) {
                    merge_into(previous, cells, span);
                    repairs.table_rows_merged += 1;
                } else {
                    table.rows.push(task_row(cells, span, None));
                }
            }
            RowShape::Row(row) => table.rows.push(row),
        }
    }
    table
}

enum RowShape {
    Row(TableRow),
    Continuation(Vec<(String, Span)>),
}

/// Spreads a row's cells over `count` columns: missing cells are empty,
/// extra cells join the last column.
fn align(cells: Vec<Cell>, count: usize) -> Vec<(String, Span)> {
    let mut texts: Vec<(String, Span)> = cells
        .into_iter()
        .map(|cell| {
            let span = cell.span;
            (cell.into_text(), span)
        })
        .collect();
    let fallback = texts.first().map_or(Span::line(1), |(_, span)| *span);
    while texts.len() > count && count > 0 {
        let Some((extra, span)) = texts.pop() else {
            break;
        };
        if let Some((last, last_span)) = texts.last_mut() {
            if !extra.is_empty() {
                if !last.is_empty() {
                    last.push(' ');
                }
                last.push_str(&extra);
            }
            *last_span = last_span.cover(span);
        }
    }
    while texts.len() < count {
        texts.push((String::new(), fallback));
    }
    texts
}

fn classify_row(
    mut texts: Vec<(String, Span)>,
    span: Span,
    number_column: Option<usize>,
    content_column: usize,
    columns: &[Column],
) -> RowShape {
    // The row's own number: in the number column, or opening the content.
    let mut marker = number_column.and_then(|index| number_cell_marker(&texts[index].0));
    if marker.is_none() {
        let content = &texts[content_column].0;
        if let Some((found, len)) = parse_marker(content).filter(|(m, _)| is_row_marker(m)) {
            texts[content_column].0 = content[len..].trim().to_owned();
            marker = Some(found);
        }
    }
    // A section row: a Roman numeral and a title, nothing in the role cells.
    let role_cells_empty = columns.iter().zip(&texts).all(|(column, (text, _))| {
        !matches!(
            column.role,
            ColumnRole::Lead | ColumnRole::Support | ColumnRole::Deadline | ColumnRole::Products
        ) || text.is_empty()
    });
    let single_cell = texts.iter().filter(|(text, _)| !text.is_empty()).count() == 1;
    if let Some(found) = marker.as_ref().filter(|m| m.style == MarkerStyle::Roman)
        && role_cells_empty
    {
        return RowShape::Row(TableRow {
            kind: RowKind::Section,
            marker: Some(found.clone()),
            cells: located(texts),
            span,
        });
    }
    if marker.is_none() && single_cell {
        // A section title without a numeral but in upper case.
        let only = texts
            .iter()
            .find(|(text, _)| !text.is_empty())
            .map(|(t, _)| t.as_str())
            .unwrap_or("");
        if let Some((found, len)) =
            parse_marker(only).filter(|(m, _)| m.style == MarkerStyle::Roman)
        {
            let title = only[len..].trim().to_owned();
            let mut cells: Vec<(String, Span)> =
                texts.iter().map(|(_, s)| (String::new(), *s)).collect();
            cells[content_column].0 = title;
            return RowShape::Row(TableRow {
                kind: RowKind::Section,
                marker: Some(found),
                cells: located(cells),
                span,
            });
        }
    }
    if marker.is_none() && (texts[content_column].0.is_empty() || continues_previous(&texts)) {
        return RowShape::Continuation(texts);
    }
    RowShape::Row(task_row(texts, span, marker))
}

/// A number cell such as "1", "1.", "12.", "I", "I.", "**I.**".
fn number_cell_marker(text: &str) -> Option<Marker> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if text.bytes().all(|b| b.is_ascii_digit()) && text.len() <= 3 {
        let value: u32 = text.parse().ok()?;
        return Some(Marker {
            style: MarkerStyle::Arabic,
            label: number_label(value),
            ordinal: Some(value),
        });
    }
    // A bare numeral: the cell itself says it is a number.
    if let Some((value, label)) = roman_numeral(text) {
        return Some(Marker {
            style: MarkerStyle::Roman,
            label: label.into(),
            ordinal: Some(value),
        });
    }
    parse_marker(text)
        .filter(|(marker, len)| is_row_marker(marker) && text[*len..].trim().is_empty())
        .map(|(marker, _)| marker)
}

fn is_row_marker(marker: &Marker) -> bool {
    matches!(
        marker.style,
        MarkerStyle::Roman
            | MarkerStyle::Arabic
            | MarkerStyle::Decimal(_)
            | MarkerStyle::Letter
            | MarkerStyle::NumberParen
            | MarkerStyle::ParenNumber
    )
}

/// True when a row without a number of its own carries on the previous
/// row: its cells open in lower case or with a number (the tail of a
/// sentence such as "… Nghị định số" / "107/2021/NĐ-CP …"), never with a
/// new capitalised sentence. (A row with an empty content cell cannot be a
/// task of its own either; the caller checks that.)
fn continues_previous(texts: &[(String, Span)]) -> bool {
    let filled: Vec<&str> = texts
        .iter()
        .map(|(text, _)| text.as_str())
        .filter(|text| !text.is_empty())
        .collect();
    !filled.is_empty()
        && filled.iter().all(|text| {
            text.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit() || c == '(')
        })
}

fn merge_into(previous: &mut TableRow, cells: Vec<(String, Span)>, span: Span) {
    for (cell, (text, cell_span)) in previous.cells.iter_mut().zip(cells) {
        if text.is_empty() {
            continue;
        }
        if !cell.text.is_empty() {
            cell.text.push(' ');
        }
        cell.text.push_str(&text);
        cell.span = cell.span.cover(cell_span);
    }
    previous.span = previous.span.cover(span);
}

fn task_row(texts: Vec<(String, Span)>, span: Span, marker: Option<Marker>) -> TableRow {
    TableRow {
        kind: RowKind::Task,
        marker,
        cells: located(texts),
        span,
    }
}

fn located(texts: Vec<(String, Span)>) -> Vec<Located> {
    texts
        .into_iter()
        .map(|(text, span)| Located { text, span })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(line: u32, texts: &[&str]) -> (Vec<Cell>, Span) {
        (
            texts
                .iter()
                .map(|text| Cell::line(text.to_string(), Span::line(line)))
                .collect(),
            Span::line(line),
        )
    }

    const HEADER: [&str; 5] = [
        "Nội dung công việc",
        "Cơ quan chủ trì đề xuất/ tham mưu/ thực hiện",
        "Cơ quan phối hợp",
        "Cấp ban hành/phê duyệt",
        "Thời gian thực hiện",
    ];

    fn table(rows: &[(Vec<Cell>, Span)]) -> (Table, Repairs) {
        let (header, span) = cells(1, &HEADER);
        let columns = header_columns(&header).expect("header");
        let mut repairs = Repairs::default();
        (
            assemble(columns, span, rows.iter().cloned(), &mut repairs),
            repairs,
        )
    }

    #[test]
    fn header_words_map_to_roles() {
        let (header, _) = cells(1, &HEADER);
        let roles: Vec<ColumnRole> = header_columns(&header)
            .expect("header")
            .iter()
            .map(|c| c.role)
            .collect();
        use ColumnRole::*;
        assert_eq!(roles, [Content, Lead, Support, Approval, Deadline]);
        let (header, _) = cells(
            1,
            &[
                "TT",
                "Nội dung công việc",
                "Sản phẩm, hình thức văn bản",
                "Cơ quan chủ trì thực hiện",
                "Cơ quan phối hợp thực hiện",
                "Thời gian trình",
            ],
        );
        let roles: Vec<ColumnRole> = header_columns(&header)
            .expect("header")
            .iter()
            .map(|c| c.role)
            .collect();
        assert_eq!(roles, [Number, Content, Products, Lead, Support, Deadline]);
        let (not_header, _) = cells(1, &["+ Bộ Tài chính:", "140.000 USD."]);
        assert!(header_columns(&not_header).is_none());
    }

    #[test]
    fn row_split_over_three_pages_is_merged_cell_by_cell() {
        let rows = [
            cells(2, &["I. CÔNG TÁC CHỈ ĐẠO", "", "", "", ""]),
            cells(
                3,
                &[
                    "9. Báo cáo công tác CCHC theo",
                    "Sở Nội vụ",
                    "Các sở,",
                    "UBND tỉnh",
                    "Theo quy",
                ],
            ),
            cells(5, &HEADER),
            cells(6, &["", "", "ban, ngành tỉnh;", "", "định"]),
            cells(8, &HEADER),
            cells(9, &["", "", "UBND cấp huyện", "", ""]),
            cells(10, &["10. Khảo sát", "Sở Nội vụ", "", "", "Quý IV"]),
        ];
        let (table, repairs) = table(&rows);
        assert_eq!(repairs.table_headers_removed, 2);
        assert_eq!(repairs.table_rows_merged, 2);
        assert_eq!(table.rows.len(), 3);
        assert_eq!(table.rows[0].kind, RowKind::Section);
        let row = &table.rows[1];
        let texts: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Báo cáo công tác CCHC theo",
                "Sở Nội vụ",
                "Các sở, ban, ngành tỉnh; UBND cấp huyện",
                "UBND tỉnh",
                "Theo quy định"
            ]
        );
        assert_eq!(row.marker.as_ref().map(|m| &*m.label), Some("9"));
        assert_eq!(
            row.span,
            Span {
                start_line: 3,
                end_line: 9
            }
        );
    }

    #[test]
    fn a_bare_numeral_in_the_number_column_opens_a_section() {
        let (header, span) = cells(1, &["TT", "Nội dung", "Cơ quan chủ trì", "Thời gian"]);
        let columns = header_columns(&header).expect("header");
        let rows = [
            cells(2, &["I", "CÔNG TÁC CHỈ ĐẠO", "", ""]),
            cells(3, &["1", "Ban hành kế hoạch", "Sở Nội vụ", "Tháng 3/2026"]),
            cells(4, &["II", "CÔNG TÁC TUYÊN TRUYỀN", "", ""]),
            cells(5, &["1", "Tuyên truyền", "Sở Văn hóa", "Thường xuyên"]),
        ];
        let table = assemble(columns, span, rows.into_iter(), &mut Repairs::default());
        let kinds: Vec<(RowKind, Option<&str>)> = table
            .rows
            .iter()
            .map(|row| (row.kind, row.marker.as_ref().map(|m| &*m.label)))
            .collect();
        assert_eq!(
            kinds,
            [
                (RowKind::Section, Some("I")),
                (RowKind::Task, Some("1")),
                (RowKind::Section, Some("II")),
                (RowKind::Task, Some("1")),
            ]
        );
    }

    #[test]
    fn numberless_row_with_a_new_sentence_is_its_own_task() {
        let rows = [
            cells(2, &["5. Phê duyệt", "Bộ Tài nguyên", "", "", "Quý III"]),
            cells(
                3,
                &[
                    "Thống kê, kiểm kê",
                    "Bộ Tài nguyên",
                    "Bộ Công Thương",
                    "",
                    "Năm 2025",
                ],
            ),
        ];
        let (table, repairs) = table(&rows);
        assert_eq!(repairs.table_rows_merged, 0);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[1].marker, None);
    }
}
