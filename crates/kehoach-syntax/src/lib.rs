//! Segments the text of a Vietnamese government plan document (Kế hoạch,
//! Quyết định, Chỉ thị, Công văn …) into its structure: metadata, the
//! outline of headings and items, labelled fields and tables of tasks, each
//! with the lines it came from.
//!
//! Parsing never fails: [`parse`] returns the document and its diagnostics.
//! Text arrives scarred by conversion from Word, web pages, PDF or OCR;
//! before segmentation the parser repairs what it can (lines broken at page
//! ends or hard-wrapped anywhere, markdown emphasis, tables rendered one
//! cell per line, page numbers, website furniture) and counts each repair in
//! [`Repairs`].
//!
//! ```
//! let parse = kehoach_syntax::parse(
//!     "KẾ HOẠCH\n\nCải cách hành chính năm 2023\n\nII. NHIỆM VỤ\n\n\
//!      a) Ban hành kế hoạch kiểm tra.\n\n- Đơn vị chủ trì: Phòng Nội chính.\n\n\
//!      - Thời gian: Quý I/2023.\n",
//! );
//! let document = &parse.document;
//! let main = &document.parts[0];
//! assert_eq!(main.metadata.kind, Some("ke_hoach"));
//! let item = document
//!     .nodes
//!     .iter()
//!     .find(|node| node.title == "Ban hành kế hoạch kiểm tra.")
//!     .unwrap();
//! assert_eq!(item.fields.len(), 2);
//! assert_eq!(item.fields[0].value, "Phòng Nội chính.");
//! assert_eq!(item.span.start_line, 7);
//! ```

#![deny(missing_docs)]

mod diagnostic;
mod field;
mod key;
mod lexicon;
mod lines;
mod marker;
mod metadata;
mod outline;
mod quality;
mod repair;
mod repairs;
mod span;
mod table;
mod units;

pub use diagnostic::{Diagnostic, Severity};
pub use field::{Field, FieldRole, LabelMatch, match_label};
pub use marker::{Marker, MarkerStyle};
pub use metadata::{DateLine, DateParts, KindSource, Metadata, ParentReference, Signer};
pub use outline::{Node, NodeId, NodeKind, SectionRole, reads_as_sentence};
pub use quality::Quality;
pub use repair::{Repaired, repair};
pub use repairs::Repairs;
pub use span::{Located, Span};
pub use table::{Column, ColumnRole, RowKind, Table, TableRow};

use diagnostic::Diagnostics;

/// The result of parsing one text: the document, what was noticed, and the
/// repairs applied.
#[derive(Debug, Clone)]
pub struct Parse {
    /// The segmented document.
    pub document: Document,
    /// Diagnostics, ordered by line.
    pub diagnostics: Vec<Diagnostic>,
    /// How many times each text repair was applied.
    pub repairs: Repairs,
}

/// A segmented text: one document, or a decision and the documents it
/// issues as attachments.
#[derive(Debug, Clone)]
pub struct Document {
    /// Lines in the text.
    pub line_count: u32,
    /// The main document first, then each attached document.
    pub parts: Vec<Part>,
    /// Every outline node of every part; each part names its root.
    pub nodes: Vec<Node>,
    /// Every table of tasks; nodes refer to them by index.
    pub tables: Vec<Table>,
    /// How trustworthy the text looks.
    pub quality: Quality,
}

/// One document of a text, with its own metadata and outline.
#[derive(Debug, Clone)]
pub struct Part {
    /// Header and signature.
    pub metadata: Metadata,
    /// The root of its outline.
    pub root: NodeId,
    /// Closing remarks after the last item ("Trên đây là …./.").
    pub closing: Vec<Located>,
    /// Its lines.
    pub span: Span,
}

impl Document {
    /// The nodes above `id`, innermost first, the root last.
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.nodes[id].parent, |&parent| self.nodes[parent].parent)
    }

    /// The nodes from the root down to `id`, `id` included.
    pub fn path(&self, id: NodeId) -> Vec<NodeId> {
        let mut path: Vec<NodeId> = std::iter::once(id).chain(self.ancestors(id)).collect();
        path.reverse();
        path
    }

    /// The part whose outline holds `id`.
    pub fn part_of(&self, id: NodeId) -> usize {
        self.parts
            .iter()
            .rposition(|part| part.root <= id)
            .unwrap_or(0)
    }
}

/// Parses `text`. Never fails and never panics: whatever could not be
/// understood is reported in [`Parse::diagnostics`].
///
/// The text is normalized to Unicode NFC first; a leading byte-order mark
/// is ignored.
pub fn parse(text: &str) -> Parse {
    let _span = tracing::debug_span!("parse", bytes = text.len()).entered();
    let mut diagnostics = Diagnostics::default();
    let mut repairs = Repairs::default();
    let normalized = repair::normalize(text, &mut repairs);
    let text = repair::without_bom(&normalized);
    if text.trim().is_empty() {
        diagnostics.warning(
            "empty-document",
            None,
            "the document has no text".to_owned(),
        );
    }
    let (units, line_count) = repair::build(text, &mut repairs, &mut diagnostics);
    let raw_parts = metadata::split_parts(units, &mut diagnostics);
    // About one node for two units of a body, and a root for each part.
    let body_units: usize = raw_parts.iter().map(|raw| raw.body.len()).sum();
    let mut nodes = Vec::with_capacity(raw_parts.len() + body_units / 2);
    let mut tables = Vec::new();
    let mut parts = Vec::with_capacity(raw_parts.len());
    for raw in raw_parts {
        let mut builder = outline::OutlineBuilder::new(
            &mut nodes,
            &mut tables,
            &mut repairs,
            &mut diagnostics,
            raw.span,
        );
        builder.add_units(raw.body);
        let (root, closing) = builder.finish();
        parts.push(Part {
            metadata: raw.metadata,
            root,
            closing,
            span: raw.span,
        });
    }
    outline::cover_tables(&mut nodes, &tables);
    adopt_appendix_reference(&mut parts, &nodes, &mut diagnostics);
    let quality = quality::assess(text);
    if quality.is_unreliable() {
        diagnostics.warning(
            "text-unreliable",
            None,
            format!(
                "the text looks garbled ({:.0}% of {} words are not ordinary Vietnamese); it may come from OCR or a broken encoding",
                quality.suspicious_ratio * 100.0,
                quality.words
            ),
        );
    }
    tracing::debug!(
        nodes = nodes.len(),
        tables = tables.len(),
        parts = parts.len(),
        "parsed"
    );
    Parse {
        document: Document {
            line_count,
            parts,
            nodes,
            tables,
            quality,
        },
        diagnostics: diagnostics.finish(),
        repairs,
    }
}

/// When the text has no header and opens with an appendix, its metadata
/// comes from the appendix's "(Kèm theo …)" line.
fn adopt_appendix_reference(parts: &mut [Part], nodes: &[Node], diagnostics: &mut Diagnostics) {
    let Some(main) = parts.first_mut() else {
        return;
    };
    if main.metadata.kind.is_some() || main.metadata.title.is_some() {
        return;
    }
    let Some(&first) = nodes[main.root].children.first() else {
        return;
    };
    let appendix = &nodes[first];
    if appendix.style() != Some(MarkerStyle::Appendix) {
        return;
    }
    if let Some(line) = appendix
        .body
        .iter()
        .find(|p| metadata::is_attachment_text(&p.text))
    {
        metadata::adopt_appendix_reference(&mut main.metadata, line, diagnostics);
        main.metadata.title = Some(Located {
            text: appendix.title.clone(),
            span: appendix.title_span,
        });
    }
}
