//! Counts of the text repairs applied before segmentation.

/// How many times each repair was applied to one document.
///
/// Every repair undoes a scar left by a conversion: Word → text (page-break
/// splits, markdown emphasis), web page → text (hard wraps, one table cell
/// per line, related-document lists) or PDF → text (column gaps, page
/// numbers, running headers).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Repairs {
    /// Lines whose text was not in Unicode NFC.
    pub unicode_normalized: u32,
    /// Hard-wrapped lines joined to the line before them.
    pub lines_rejoined: u32,
    /// Paragraphs split by a page break (blank lines, a form feed or a page
    /// number) joined back together.
    pub page_breaks_rejoined: u32,
    /// Lines from which markdown emphasis markers were stripped.
    pub emphasis_stripped: u32,
    /// Lines holding only a page number, removed.
    pub page_numbers_removed: u32,
    /// Running page headers repeated after a form feed, removed.
    pub page_headers_removed: u32,
    /// Lines of a PDF layout split at a run of spaces into columns.
    pub layout_columns_split: u32,
    /// Table rows rebuilt from one-cell-per-line web layout.
    pub table_rows_rebuilt: u32,
    /// Table header rows repeated after a page break, removed.
    pub table_headers_removed: u32,
    /// Table rows continued on the next page, merged into the row they continue.
    pub table_rows_merged: u32,
    /// Entries of a website's "related documents" list, removed.
    pub related_documents_removed: u32,
    /// Labelled fields written inside a paragraph, split out of it.
    pub inline_fields_split: u32,
}

impl Repairs {
    /// Each repair's name and count, in a stable order.
    pub fn counts(&self) -> [(&'static str, u32); 12] {
        [
            ("unicode_normalized", self.unicode_normalized),
            ("lines_rejoined", self.lines_rejoined),
            ("page_breaks_rejoined", self.page_breaks_rejoined),
            ("emphasis_stripped", self.emphasis_stripped),
            ("page_numbers_removed", self.page_numbers_removed),
            ("page_headers_removed", self.page_headers_removed),
            ("layout_columns_split", self.layout_columns_split),
            ("table_rows_rebuilt", self.table_rows_rebuilt),
            ("table_headers_removed", self.table_headers_removed),
            ("table_rows_merged", self.table_rows_merged),
            ("related_documents_removed", self.related_documents_removed),
            ("inline_fields_split", self.inline_fields_split),
        ]
    }
}
