//! The outline: headings, items and bullets in a tree, each with its body
//! paragraphs, labelled fields and tables.
//!
//! A marker's style fixes its level (Roman above Arabic above decimal above
//! letters above bullets), so a document that skips a level or starts at
//! `II.` still nests correctly. An ordered sequence that restarts at its
//! first value under the same parent (`a)` after `n)`) opens a new group
//! and is reported. Fields attach to the nearest item that is not a `+`
//! bullet; a `+` bullet right after a field is an item of that field's
//! value (a list of products).

use std::borrow::Cow;
use std::cell::OnceCell;
use std::sync::LazyLock;

use kehoach_text::{ascii_key, ascii_key_chars};

use crate::diagnostic::Diagnostics;
use crate::field::{self, Field, FieldRole};
use crate::key::key_prefix;
use crate::lexicon::{CLOSINGS, SECTION_KEYS, starts_with_word};
use crate::lines::trim;
use crate::marker::{Marker, MarkerStyle, parse_marker};
use crate::repairs::Repairs;
use crate::span::{Located, Span};
use crate::table::{self, Table};
use crate::units::{Cell, Content, Opening, Unit};

/// Index of a node in [`Document::nodes`](crate::Document::nodes).
pub type NodeId = usize;

/// The kind of a heading's section, from its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionRole {
    /// Mục đích.
    Purpose,
    /// Yêu cầu.
    Requirement,
    /// Mục tiêu, định hướng.
    Objective,
    /// Chỉ tiêu: numbered targets.
    Target,
    /// Quan điểm.
    Viewpoint,
    /// Đánh giá, thực trạng, tình hình, nguy cơ.
    Assessment,
    /// Phạm vi, đối tượng.
    Scope,
    /// Căn cứ, sự cần thiết.
    Basis,
    /// Kinh phí, nguồn lực.
    Funding,
    /// Nhiệm vụ, giải pháp, nội dung, danh mục.
    Tasks,
    /// Tổ chức thực hiện, trách nhiệm.
    Organization,
}

impl SectionRole {
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "purpose" => SectionRole::Purpose,
            "requirement" => SectionRole::Requirement,
            "objective" => SectionRole::Objective,
            "target" => SectionRole::Target,
            "viewpoint" => SectionRole::Viewpoint,
            "assessment" => SectionRole::Assessment,
            "scope" => SectionRole::Scope,
            "basis" => SectionRole::Basis,
            "funding" => SectionRole::Funding,
            "tasks" => SectionRole::Tasks,
            "organization" => SectionRole::Organization,
            _ => return None,
        })
    }

    /// The snake-case name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            SectionRole::Purpose => "purpose",
            SectionRole::Requirement => "requirement",
            SectionRole::Objective => "objective",
            SectionRole::Target => "target",
            SectionRole::Viewpoint => "viewpoint",
            SectionRole::Assessment => "assessment",
            SectionRole::Scope => "scope",
            SectionRole::Basis => "basis",
            SectionRole::Funding => "funding",
            SectionRole::Tasks => "tasks",
            SectionRole::Organization => "organization",
        }
    }

    /// The role a heading title gives its section, if any. Only a title
    /// that reads as a heading counts: a short one, or one whose keyword is
    /// followed by a colon ("Mục đích: Xác định …"); a sentence that happens
    /// to open with "Căn cứ" or "Tổ chức thực hiện" does not.
    pub fn of_title(title: &str) -> Option<Self> {
        const HEADING_WORDS: usize = 14;
        // Enough of the key for "các ", the longest phrase and a colon
        // after a space.
        static KEY_CHARS: LazyLock<usize> = LazyLock::new(|| {
            let longest = SECTION_KEYS
                .iter()
                .map(|(_, phrase)| phrase.chars().count());
            "cac ".len() + longest.max().unwrap_or(0) + 2
        });
        let head = &title[..title.floor_char_boundary(160)];
        if !may_open_section(head) {
            return None;
        }
        let key = key_prefix(head, *KEY_CHARS);
        let key = key.strip_prefix("cac ").unwrap_or(&key);
        // Counted only for a title that opens with a section phrase.
        let short = OnceCell::new();
        let short = || {
            *short.get_or_init(|| {
                title.split_whitespace().count() <= HEADING_WORDS && !reads_as_sentence(title)
            })
        };
        SECTION_KEYS
            .iter()
            .find(|(_, phrase)| {
                starts_with_word(key, phrase)
                    && (short() || key[phrase.len()..].trim_start().starts_with(':'))
            })
            .map(|(role, _)| *role)
    }
}

/// The first two characters of every section phrase's key, and of "các"
/// before one.
static SECTION_OPENINGS: LazyLock<Vec<[char; 2]>> = LazyLock::new(|| {
    let mut openings: Vec<[char; 2]> = SECTION_KEYS
        .iter()
        .map(|(_, phrase)| phrase.as_str())
        .chain(["cac "])
        .filter_map(|phrase| {
            let mut chars = phrase.chars();
            Some([chars.next()?, chars.next()?])
        })
        .collect();
    openings.sort_unstable();
    openings.dedup();
    openings
});

/// False when the key of `text` cannot start with a section phrase, nor
/// with "cac " before one: its first two characters start none of them.
/// Every phrase has two characters or more, so a shorter key starts none.
fn may_open_section(text: &str) -> bool {
    let mut key = ascii_key_chars(text);
    match (key.next(), key.next()) {
        (Some(first), Some(second)) => SECTION_OPENINGS.contains(&[first, second]),
        _ => false,
    }
}

/// True when a title reads as a sentence rather than a heading: more than
/// five words ending with a full stop ("7. Giao Sở Nội vụ: Tăng cường công
/// tác kiểm tra … .").
pub fn reads_as_sentence(title: &str) -> bool {
    const SENTENCE_WORDS: usize = 5;
    title.trim_end().ends_with('.') && title.split_whitespace().count() > SENTENCE_WORDS
}

/// What kind of node this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// The root of a document or of an attached document.
    Root,
    /// A heading or item opened by a marker.
    Item(MarkerStyle),
    /// A run of items whose numbering restarted without a new heading.
    Group(MarkerStyle),
}

/// One heading, item or bullet of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Root, item or restarted group.
    pub kind: NodeKind,
    /// The marker that opened it.
    pub marker: Option<Marker>,
    /// The heading or item text after the marker.
    pub title: String,
    /// The lines of the title.
    pub title_span: Span,
    /// The lines of the whole node, children included.
    pub span: Span,
    /// Paragraphs under the title that belong to no child and no field.
    pub body: Vec<Located>,
    /// Rows of tables under the title that are not tables of tasks (a
    /// budget breakdown, a layout table), each row's cells joined by " | ".
    pub rows: Vec<Located>,
    /// Labelled fields, in order.
    pub fields: Vec<Field>,
    /// Tables of tasks under this node (indices into `Document::tables`).
    pub tables: Vec<usize>,
    /// Children in order.
    pub children: Vec<NodeId>,
    /// The parent, none for a root.
    pub parent: Option<NodeId>,
    /// The section role its own heading words give it.
    pub role: Option<SectionRole>,
}

impl Node {
    fn new(
        kind: NodeKind,
        marker: Option<Marker>,
        title: String,
        span: Span,
        parent: Option<NodeId>,
    ) -> Self {
        let role = match kind {
            NodeKind::Item(style) if style.rank() <= MarkerStyle::Decimal(4).rank() => {
                SectionRole::of_title(&title)
            }
            _ => None,
        };
        Node {
            kind,
            marker,
            title,
            title_span: span,
            span,
            body: Vec::new(),
            rows: Vec::new(),
            fields: Vec::new(),
            tables: Vec::new(),
            children: Vec::new(),
            parent,
            role,
        }
    }

    /// The marker style, if this node was opened by one.
    pub fn style(&self) -> Option<MarkerStyle> {
        match self.kind {
            NodeKind::Item(style) | NodeKind::Group(style) => Some(style),
            NodeKind::Root => None,
        }
    }

    /// Level in the outline: items by their style, a group just above the
    /// items it holds.
    fn rank(&self) -> u16 {
        match self.kind {
            NodeKind::Root => 0,
            NodeKind::Item(style) => u16::from(style.rank()) * 2,
            NodeKind::Group(style) => u16::from(style.rank()) * 2 - 1,
        }
    }
}

/// The last field written, which `+` items and run-on paragraphs continue.
#[derive(Clone, Copy)]
struct OpenField {
    node: NodeId,
    index: usize,
}

/// Builds the outline of one document part from its body units.
pub(crate) struct OutlineBuilder<'a> {
    nodes: &'a mut Vec<Node>,
    tables: &'a mut Vec<Table>,
    repairs: &'a mut Repairs,
    diagnostics: &'a mut Diagnostics,
    stack: Vec<NodeId>,
    open_field: Option<OpenField>,
    closing: Vec<Located>,
    closed: bool,
}

impl<'a> OutlineBuilder<'a> {
    /// Starts a new root node.
    pub(crate) fn new(
        nodes: &'a mut Vec<Node>,
        tables: &'a mut Vec<Table>,
        repairs: &'a mut Repairs,
        diagnostics: &'a mut Diagnostics,
        span: Span,
    ) -> Self {
        let root = nodes.len();
        nodes.push(Node::new(NodeKind::Root, None, String::new(), span, None));
        OutlineBuilder {
            nodes,
            tables,
            repairs,
            diagnostics,
            stack: vec![root],
            open_field: None,
            closing: Vec::new(),
            closed: false,
        }
    }

    fn root(&self) -> NodeId {
        self.stack[0]
    }

    fn top(&self) -> NodeId {
        self.stack[self.stack.len() - 1]
    }

    /// Adds a run of units (paragraphs and rows) in document order; their
    /// texts move into the outline.
    pub(crate) fn add_units(&mut self, units: Vec<Unit<'_>>) {
        // The rows read since the last paragraph.
        let mut rows: Vec<(Vec<Cell>, Span)> = Vec::new();
        for unit in units {
            match unit.content {
                Content::Text(text) => {
                    if !rows.is_empty() {
                        self.add_rows(std::mem::take(&mut rows));
                    }
                    self.add_text(text, unit.span, unit.opening.into_opening());
                }
                Content::Row(cells) => rows.push((cells, unit.span)),
            }
        }
        if !rows.is_empty() {
            self.add_rows(rows);
        }
    }

    /// Finishes the outline: fixes spans, hoists fields that belong to the
    /// parent of a bullet list, and returns the root and the closing text.
    pub(crate) fn finish(self) -> (NodeId, Vec<Located>) {
        let root = self.root();
        hoist_trailing_fields(self.nodes, root);
        fix_spans(self.nodes, root);
        (root, self.closing)
    }

    /// Adds a paragraph; `opening` is how it opens, when that was read.
    fn add_text(&mut self, paragraph: Cow<'_, str>, span: Span, opening: Option<Opening>) {
        let text: &str = &paragraph;
        if text.is_empty() {
            return;
        }
        let (marker, label) = match opening {
            Some(opening) => (opening.marker, opening.label),
            None => (parse_marker(text), None),
        };
        if self.closed {
            // An appendix after the closing remarks reopens the outline.
            let appendix = marker
                .as_ref()
                .is_some_and(|(marker, _)| marker.style == MarkerStyle::Appendix);
            if !appendix {
                self.closing.push(Located {
                    text: paragraph.into_owned(),
                    span,
                });
                return;
            }
            self.closed = false;
        }
        if let Some((marker, len)) = marker {
            let rest = trim(&text[len..]);
            let bullet = matches!(marker.style, MarkerStyle::Dash | MarkerStyle::Plus);
            // Whether the title is known to open with no label.
            let mut unlabelled = false;
            if bullet {
                if let Some(found) = field::match_label(text) {
                    self.add_field(found, text, span);
                    return;
                }
                unlabelled = labels_as_its_rest(text, len);
                if marker.style == MarkerStyle::Plus && self.continue_open_field(rest, span, true) {
                    return;
                }
                if marker.style == MarkerStyle::Dash && self.generic_field(text, span) {
                    return;
                }
            }
            self.add_node(marker, rest, span, unlabelled);
            return;
        }
        let label = match label {
            Some(label) => label,
            None => field::match_label(text),
        };
        if let Some(found) = label {
            self.add_field(found, text, span);
            return;
        }
        if self.generic_field(text, span) {
            return;
        }
        if is_closing(text) {
            self.close(paragraph.into_owned(), span);
            return;
        }
        if self.continue_open_field(text, span, false) {
            return;
        }
        self.open_field = None;
        if crate::units::is_all_caps(text) && self.extend_appendix_title(text, span) {
            return;
        }
        let node = self.field_owner();
        self.push_body(node, paragraph, span);
    }

    /// Adds a line to the title of an appendix heading that has nothing
    /// under it yet ("PHỤ LỤC II" / "DANH MỤC CÁC NHIỆM VỤ …").
    fn extend_appendix_title(&mut self, text: &str, span: Span) -> bool {
        let top = self.top();
        let node = &mut self.nodes[top];
        let bare = node.style() == Some(MarkerStyle::Appendix)
            && node.children.is_empty()
            && node.body.is_empty()
            && node.tables.is_empty()
            && node.fields.is_empty();
        if !bare {
            return false;
        }
        if !node.title.is_empty() {
            node.title.push(' ');
        }
        node.title.push_str(text.trim());
        node.title_span = node.title_span.cover(span);
        true
    }

    /// A paragraph ending "./." closes the body: it and the closing remarks
    /// just before it leave the last item for the document's closing text.
    fn close(&mut self, text: String, span: Span) {
        let last = self.top();
        let body = &mut self.nodes[last].body;
        let mut moved = Vec::new();
        while body.last().is_some_and(|p| starts_closing(&p.text)) {
            if let Some(paragraph) = body.pop() {
                moved.push(paragraph);
            }
        }
        moved.reverse();
        self.closing.extend(moved);
        self.closing.push(Located { text, span });
        self.closed = true;
        self.open_field = None;
    }

    fn push_body(&mut self, node: NodeId, paragraph: Cow<'_, str>, span: Span) {
        let text: &str = &paragraph;
        // A known field written after the paragraph's own sentences.
        if let Some(start) = field::inline_field_start(text) {
            self.repairs.inline_fields_split += 1;
            let before = text[..start].trim();
            if !before.is_empty() {
                self.nodes[node].body.push(Located {
                    text: before.to_owned(),
                    span,
                });
            }
            let rest = &text[start..];
            if let Some(found) = field::match_label(rest) {
                self.add_field(found, rest, span);
            }
            return;
        }
        self.nodes[node].body.push(Located {
            text: paragraph.into_owned(),
            span,
        });
    }

    /// The node that owns fields written now: the deepest open node that
    /// is not a `+` bullet.
    fn field_owner(&self) -> NodeId {
        self.stack
            .iter()
            .rev()
            .copied()
            .find(|&id| self.nodes[id].style() != Some(MarkerStyle::Plus))
            .unwrap_or_else(|| self.root())
    }

    fn add_field(&mut self, found: field::LabelMatch, text: &str, span: Span) {
        let owner = self.field_owner();
        // Fields written after a `+` list close that list.
        while self.top() != owner {
            self.stack.pop();
        }
        let value = trim(&text[found.value_start..]).to_owned();
        self.nodes[owner].fields.push(Field {
            label: found.label,
            role: found.role,
            value,
            items: Vec::new(),
            span,
        });
        self.open_field = Some(OpenField {
            node: owner,
            index: self.nodes[owner].fields.len() - 1,
        });
    }

    /// An unknown `Label: value` among known fields is a field too.
    fn generic_field(&mut self, text: &str, span: Span) -> bool {
        if self.open_field.is_none() {
            return false;
        }
        let Some(found) = field::match_generic_label(text) else {
            return false;
        };
        self.add_field(found, text, span);
        true
    }

    /// Adds `text` to the open field when it continues it: a `+` item, or
    /// a paragraph after a field whose value runs on.
    fn continue_open_field(&mut self, text: &str, span: Span, is_item: bool) -> bool {
        let Some(open) = self.open_field else {
            return false;
        };
        let field = &mut self.nodes[open.node].fields[open.index];
        if !is_item && !field.role.runs_on() {
            return false;
        }
        field.items.push(Located {
            text: text.to_owned(),
            span,
        });
        field.span = field.span.cover(span);
        true
    }

    /// Adds an item opened by `marker`; `unlabelled` when its title is
    /// known to open with no field label.
    fn add_node(&mut self, marker: Marker, title: &str, span: Span, unlabelled: bool) {
        self.open_field = None;
        let style = marker.style;
        // "Phụ lục" then "DANH MỤC …" on the next line is one heading.
        if style == MarkerStyle::Appendix && self.extend_appendix_title(title, span) {
            return;
        }
        let rank = u16::from(style.rank()) * 2;
        while self.stack.len() > 1 && self.nodes[self.top()].rank() >= rank {
            self.stack.pop();
        }
        let mut parent = self.top();
        if style.is_ordered() {
            parent = self.check_sequence(parent, &marker, span);
        }
        let (title, inline_field) = match field::inline_field_start(title) {
            Some(start) => (title[..start].trim(), Some(&title[start..])),
            None => (title, None),
        };
        // "a) Nội dung: …" opens the item with a labelled field: the title is
        // the value, and the field is kept.
        let labelled = if unlabelled && inline_field.is_none() {
            None
        } else {
            field::match_label(title).filter(|found| found.role != FieldRole::Deadline)
        };
        let node_title = labelled
            .as_ref()
            .map_or(title, |found| trim(&title[found.value_start..]));
        let id = self.nodes.len();
        self.nodes.push(Node::new(
            NodeKind::Item(style),
            Some(marker),
            node_title.to_owned(),
            span,
            Some(parent),
        ));
        self.nodes[parent].children.push(id);
        self.stack.push(id);
        if let Some(found) = labelled {
            self.add_field(found, title, span);
        }
        if let Some(rest) = inline_field
            && let Some(found) = field::match_label(rest)
        {
            self.repairs.inline_fields_split += 1;
            self.add_field(found, rest, span);
        }
    }

    /// Checks an ordered marker against its previous sibling of the same
    /// style; on a restart, opens a group and returns it as the parent.
    fn check_sequence(&mut self, parent: NodeId, marker: &Marker, span: Span) -> NodeId {
        let previous = self.nodes[parent]
            .children
            .iter()
            .rev()
            .copied()
            .find(|&child| self.nodes[child].kind == NodeKind::Item(marker.style));
        let Some(previous) = previous else {
            return parent;
        };
        let (Some(before), Some(now)) = (
            self.nodes[previous].marker.as_ref().and_then(|m| m.ordinal),
            marker.ordinal,
        ) else {
            return parent;
        };
        if now > before {
            return parent;
        }
        let line = Some(span.start_line);
        if now != 1 {
            self.diagnostics.info(
                "numbering-order",
                line,
                format!(
                    "item '{}' comes after '{}' in the same list",
                    marker.label,
                    self.nodes[previous]
                        .marker
                        .as_ref()
                        .map_or("", |m| &*m.label)
                ),
            );
            return parent;
        }
        let code = if marker.style == MarkerStyle::Letter {
            "letters-restart"
        } else {
            "numbering-restart"
        };
        self.diagnostics.warning(
            code,
            line,
            format!(
                "the list restarts at '{}' without a new heading; the items from here form a new group",
                marker.label
            ),
        );
        // The lead-in of the new group ("… một số nhiệm vụ sau:") was read as
        // the last paragraph of the previous item.
        let (title, title_span) = match last_descendant_body(self.nodes, previous) {
            Some(owner)
                if self.nodes[owner]
                    .body
                    .last()
                    .is_some_and(|p| p.text.trim_end().ends_with(':')) =>
            {
                let lead_in = self.nodes[owner].body.pop().map(|p| (p.text, p.span));
                lead_in.unwrap_or((String::new(), span))
            }
            _ => (String::new(), span),
        };
        // A restart inside a restarted group opens a sibling group.
        let parent = match self.nodes[parent].kind {
            NodeKind::Group(style) if style == marker.style => {
                self.nodes[parent].parent.unwrap_or(parent)
            }
            _ => parent,
        };
        let group = self.nodes.len();
        let mut node = Node::new(
            NodeKind::Group(marker.style),
            None,
            title,
            title_span,
            Some(parent),
        );
        node.span = title_span;
        self.nodes.push(node);
        self.nodes[parent].children.push(group);
        // Drop the previous items (and their children) from the stack.
        while self.stack.len() > 1 && self.top() != parent {
            self.stack.pop();
        }
        self.stack.push(group);
        group
    }

    /// Adds a run of rows.
    fn add_rows(&mut self, rows: Vec<(Vec<Cell>, Span)>) {
        self.open_field = None;
        let header = rows
            .iter()
            .take(3)
            .enumerate()
            .find_map(|(index, (cells, _))| Some((index, table::header_columns(cells)?)));
        let owner = self.field_owner();
        // Rows that are not a table of tasks (a budget breakdown, a layout
        // table) are kept apart from the prose of the node, the texts of
        // their cells joined by " | ".
        let before_header = header.as_ref().map_or(rows.len(), |(index, _)| *index);
        let mut rows = rows.into_iter();
        for (cells, span) in rows.by_ref().take(before_header) {
            let mut text = String::new();
            for cell in cells {
                let cell = cell.into_text();
                if cell.is_empty() {
                    continue;
                }
                if text.is_empty() {
                    text = cell;
                } else {
                    text.push_str(" | ");
                    text.push_str(&cell);
                }
            }
            if !text.is_empty() {
                self.nodes[owner].rows.push(Located { text, span });
            }
        }
        let Some((_, columns)) = header else {
            return;
        };
        let Some((_, header_span)) = rows.next() else {
            return;
        };
        let table = table::assemble(columns, header_span, rows, self.repairs);
        let table_index = self.tables.len();
        self.tables.push(table);
        self.nodes[owner].tables.push(table_index);
    }
}

/// True when [`field::match_label`] reads `text` as it reads `text[len..]`,
/// the text after its bullet: the bullet is one it passes over (`-`, `–`,
/// `+`, `•`), followed by ASCII spaces only, and the rest ends with no
/// space to trim.
fn labels_as_its_rest(text: &str, len: usize) -> bool {
    let Some(bullet) = text
        .chars()
        .next()
        .filter(|c| matches!(c, '-' | '–' | '+' | '•'))
    else {
        return false;
    };
    text.get(bullet.len_utf8()..len)
        .is_some_and(|spaces| spaces.bytes().all(|byte| byte == b' '))
        && !text.ends_with(char::is_whitespace)
}

/// The deepest last node under `node` (itself included) that has body text.
fn last_descendant_body(nodes: &[Node], node: NodeId) -> Option<NodeId> {
    let mut current = node;
    let mut found = (!nodes[current].body.is_empty()).then_some(current);
    while let Some(&last) = nodes[current].children.last() {
        current = last;
        if !nodes[current].body.is_empty() {
            found = Some(current);
        }
    }
    found
}

/// A paragraph that ends the body of a document: "… xem xét, giải quyết./."
fn is_closing(text: &str) -> bool {
    let trimmed = text.trim_end_matches([' ', '*']);
    trimmed.ends_with("./.") || trimmed.ends_with("/.") && !trimmed.ends_with("//.")
}

/// A paragraph that opens closing remarks ("Trên đây là …", "Yêu cầu …").
fn starts_closing(text: &str) -> bool {
    let key = ascii_key(&text[..text.floor_char_boundary(80)]);
    CLOSINGS.iter().any(|word| starts_with_word(&key, word))
}

/// Fields written under the last of an item's `-` bullets belong to the
/// item itself when that bullet is not a task of its own: when only the
/// last of several bullets carries fields ("1.5. …" - a - b - c, then the
/// fields), or when the only bullet is a lead-in to a list ("- Các nội dung
/// … bao gồm:" + items, then the fields).
fn hoist_trailing_fields(nodes: &mut [Node], root: NodeId) {
    let mut order = Vec::with_capacity(nodes.len() - root);
    order.push(root);
    let mut index = 0;
    while index < order.len() {
        let id = order[index];
        order.extend(nodes[id].children.iter().copied());
        index += 1;
    }
    for &id in &order {
        if nodes[id].kind == NodeKind::Root || !nodes[id].fields.is_empty() {
            continue;
        }
        // The dash children: how many, how many with fields, the last.
        let (mut dashes, mut with_fields, mut last) = (0usize, 0usize, None);
        for &child in &nodes[id].children {
            if nodes[child].style() == Some(MarkerStyle::Dash) {
                dashes += 1;
                with_fields += usize::from(!nodes[child].fields.is_empty());
                last = Some(child);
            }
        }
        let (Some(last), Some(&last_child)) = (last, nodes[id].children.last()) else {
            continue;
        };
        let only_last = with_fields == 1 && !nodes[last].fields.is_empty() && last == last_child;
        let several = dashes >= 2;
        let lead_in = dashes == 1 && nodes[last].title.trim_end().ends_with(':');
        if only_last && (several || lead_in) {
            let fields = std::mem::take(&mut nodes[last].fields);
            nodes[id].fields = fields;
        }
    }
}

/// Sets every node's span to cover its title, body, fields, tables and
/// children.
fn fix_spans(nodes: &mut [Node], root: NodeId) {
    // Children always have larger ids than their parent, so one reverse pass
    // settles every span bottom-up.
    for id in (root..nodes.len()).rev() {
        let node = &nodes[id];
        let mut span = node.title_span;
        for paragraph in node.body.iter().chain(&node.rows) {
            span = span.cover(paragraph.span);
        }
        for field in &node.fields {
            span = span.cover(field.span);
        }
        for &child in &node.children {
            span = span.cover(nodes[child].span);
        }
        nodes[id].span = span;
    }
}

/// Extends node spans over their tables (tables live outside the arena).
pub(crate) fn cover_tables(nodes: &mut [Node], tables: &[Table]) {
    for id in (0..nodes.len()).rev() {
        let mut span = nodes[id].span;
        for &table in &nodes[id].tables {
            span = span.cover(tables[table].span);
        }
        nodes[id].span = span;
        if let Some(parent) = nodes[id].parent {
            nodes[parent].span = nodes[parent].span.cover(span);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::marker::parse_marker;

    #[test]
    fn a_dash_and_spaces_label_as_the_rest() {
        let text = "-  Đơn vị chủ trì: Sở Nội vụ";
        let (_, len) = parse_marker(text).expect("a bullet");
        assert!(labels_as_its_rest(text, len));
        assert!(field::match_label(&text[len..]).is_some());
        assert!(!labels_as_its_rest("— Chủ trì: Sở", 4));
        assert!(!labels_as_its_rest("-\u{a0}Chủ trì: Sở", 3));
    }

    proptest::proptest! {
        /// A bullet's text whose label reading answers for its rest labels
        /// as its rest does.
        #[test]
        fn bullets_label_as_their_rest(
            bullet in proptest::sample::select(vec!["-", "–", "+", "•", "—", "●"]),
            spaces in "[ \u{a0}\t]{0,3}",
            rest in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Chủ trì", "Đơn vị chủ trì", "Thời gian", "thực hiện", ":", " ", "-", "+",
                    "•", "Sở Nội vụ", "/hoàn thành", "sau", ".", "\u{a0}",
                ]),
                0..6,
            ),
        ) {
            let text = format!("{bullet}{spaces}{}", rest.concat());
            if let Some((_, len)) = parse_marker(&text)
                && labels_as_its_rest(&text, len)
            {
                let whole = field::match_label(&text);
                let after = field::match_label(&text[len..]);
                proptest::prop_assert_eq!(
                    whole.map(|found| (found.role, found.label, found.value_start)),
                    after.map(|found| (found.role, found.label, found.value_start + len))
                );
            }
        }
    }

    proptest::proptest! {
        /// A title ruled out by its first two key characters opens with no
        /// section phrase, with or without "các" before it.
        #[test]
        fn section_openings_rule_out_only_other_titles(
            phrase in 0usize..64,
            before in "(Các |CÁC |các|  )?",
            after in "[ a-zđơ:,.]{0,6}",
            cut in 0usize..8,
        ) {
            let phrases: Vec<&String> = SECTION_KEYS.iter().map(|(_, phrase)| phrase).collect();
            let spelled = phrases[phrase % phrases.len()].replace("dinh", "định").replace("nhiem", "NHIỆM");
            let title: String = format!("{before}{spelled}{after}");
            for title in [title.as_str(), &title[..title.floor_char_boundary(cut)]] {
                if !may_open_section(title) {
                    let key = ascii_key(title);
                    let key = key.strip_prefix("cac ").unwrap_or(&key);
                    proptest::prop_assert!(
                        SECTION_KEYS.iter().all(|(_, phrase)| !starts_with_word(key, phrase)),
                        "{:?}", title
                    );
                    proptest::prop_assert_eq!(SectionRole::of_title(title), None);
                }
            }
        }
    }

    /// [`may_open_section`] reads two characters of a key: every phrase has
    /// that many.
    #[test]
    fn section_phrases_have_two_characters() {
        for (_, phrase) in SECTION_KEYS.iter() {
            assert!(phrase.chars().count() >= 2, "{phrase}");
        }
    }

    #[test]
    fn section_roles_come_from_headings_not_sentences() {
        assert_eq!(
            SectionRole::of_title("MỤC ĐÍCH, YÊU CẦU"),
            Some(SectionRole::Purpose)
        );
        assert_eq!(
            SectionRole::of_title("Căn cứ xây dựng Kế hoạch"),
            Some(SectionRole::Basis)
        );
        assert_eq!(
            SectionRole::of_title("Căn cứ Kế hoạch này, các sở, ngành xây dựng kế hoạch chi tiết."),
            None
        );
    }
}
