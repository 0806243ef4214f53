//! The output schema: the JSON contract kehoach writes for every document.
//!
//! This module is the contract. Downstream systems read these names, so a
//! field is never renamed or retyped without changing [`SCHEMA_VERSION`];
//! fields may be added. `kehoach schema` prints the JSON Schema generated
//! from these types (see [`json_schema`]), and `docs/schema.json` is that
//! output, checked by a test.
//!
//! Conventions:
//! - **Spans** are `{start_line, end_line}`, 1-based and inclusive, counting
//!   `\n` in the input file as given (a `\r\n` pair is one line end; NFC
//!   normalization never changes line numbers).
//! - **Raw beside normalized**: every normalized value keeps the text it
//!   came from in `raw` (agencies, deadlines, references, number, date).
//! - **Dates** are ISO `YYYY-MM-DD`. A date left partly blank in the
//!   document is `null` in `date`, with its parts in `date_parts`.
//! - **Kinds** are snake case without diacritics: `ke_hoach`, `quyet_dinh`,
//!   `chi_thi`, `cong_van`, `cong_dien`, `nghi_quyet`, `chuong_trinh` …
//! - Nothing is silently dropped: text the extractor could not place is
//!   named in `diagnostics`.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The version of this schema, following semantic versioning: a new field
/// bumps the minor version, a changed or removed one the major version.
pub const SCHEMA_VERSION: &str = "1.0.0";

/// Everything kehoach extracts from one document file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Output {
    /// The version of this schema ([`SCHEMA_VERSION`]).
    // The version and the repair names borrow constants when extracted.
    pub schema_version: Cow<'static, str>,
    /// The file the document was read from.
    pub source: Source,
    /// The document's own metadata; an attached plan is in
    /// `document.attachments`.
    pub document: Document,
    /// Every task, in document order.
    pub tasks: Vec<Task>,
    /// Numbered targets (chỉ tiêu) and quantified objectives; not tasks.
    pub targets: Vec<Target>,
    /// Every legal document cited anywhere in the text, once, in order of
    /// first citation.
    pub references: Vec<Reference>,
    /// The distinct agencies named as leads or supporters of tasks.
    pub units: Vec<Unit>,
    /// The headings of the document, for navigation and tracing.
    pub outline: Vec<Heading>,
    /// What the parser and extractor noticed, ordered by line.
    pub diagnostics: Vec<Diagnostic>,
    /// How many times each text repair was applied (by repair name).
    pub repairs: BTreeMap<Cow<'static, str>, u32>,
    /// Counts over the tasks, for summaries and dashboards.
    pub summary: Summary,
}

/// The file a document was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// The path as given on the command line, relative to the folder that
    /// was walked when a folder was given; `-` for standard input.
    pub path: String,
    /// SHA-256 of the file's bytes, lowercase hex.
    pub sha256: String,
    /// Size of the file in bytes.
    pub bytes: u64,
}

/// A 1-based, inclusive range of lines in the source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Span {
    /// First line.
    pub start_line: u32,
    /// Last line.
    pub end_line: u32,
}

/// The metadata of a document, or of a document attached to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Document {
    /// The kind, snake case without diacritics (`ke_hoach`, `quyet_dinh`,
    /// `chi_thi`, `cong_van` …); null when it cannot be told.
    pub kind: Option<String>,
    /// Where the kind was read: `heading` ("KẾ HOẠCH"), `number` (the code
    /// in "09/CT-UBND"), `web_metadata`, or `reference` (the "Kèm theo …"
    /// line of a text that is only an appendix).
    pub kind_source: Option<String>,
    /// The number, normalized ("839/KH-VP"); null when blank or absent.
    pub number: Option<String>,
    /// The number as written after "Số:" ("839 /KH-VP", "/KH-VP").
    pub number_raw: Option<String>,
    /// The date of issue, ISO; null when absent or partly blank.
    pub date: Option<Date>,
    /// The date as written ("ngày 27 tháng 02 năm 2023").
    pub date_raw: Option<String>,
    /// The parts of the date as written, any of which may be null.
    pub date_parts: Option<DateParts>,
    /// The place of issue ("Bình Thuận").
    pub place: Option<String>,
    /// The issuing body.
    pub issuer: Option<Agency>,
    /// The title (trích yếu), joined across lines, emphasis stripped.
    pub title: Option<String>,
    /// The plan year used for deadlines without a year: the year in the
    /// title or in the task-section heading, else the year of the date.
    pub year: Option<i16>,
    /// The last year of the plan's horizon when the title names one
    /// ("giai đoạn 2025 - 2035", "đến năm 2030"); recurring and ongoing
    /// deadlines that name no period run until its end.
    pub year_end: Option<i16>,
    /// Who signed.
    pub signer: Option<Signer>,
    /// The "Nơi nhận" list, one entry per line as written.
    pub recipients: Vec<String>,
    /// The "Kính gửi" addressees.
    pub addressees: Vec<Agency>,
    /// The paragraphs before the first heading ("Căn cứ …", "Thực hiện …").
    pub preamble: Vec<Paragraph>,
    /// The closing paragraphs after the last item ("Trên đây là …./.").
    pub closing: Vec<Paragraph>,
    /// Documents issued with this one (a decision's attached plan), with
    /// the same shape; each inherits number and date from the decision.
    pub attachments: Vec<Document>,
    /// The lines of this document.
    pub span: Span,
}

/// A paragraph of the document and its lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Paragraph {
    /// The text, lines rejoined and emphasis stripped.
    pub text: String,
    /// Its lines.
    pub span: Span,
}

/// The parts of a date as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DateParts {
    /// The year, if written.
    pub year: Option<i16>,
    /// The month, if written.
    pub month: Option<i8>,
    /// The day, if written.
    pub day: Option<i8>,
}

/// The signer of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Signer {
    /// The signing office, lines joined by " / ":
    /// "KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG".
    pub title: Option<String>,
    /// The signer's name.
    pub name: Option<String>,
}

/// How a task was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// An item with labelled fields ("- Đơn vị chủ trì: …").
    Fields,
    /// A row of an appendix table.
    Table,
    /// A directive addressed to an agency ("Giao Sở Nội vụ: …", an item
    /// under "2. Sở Tư pháp", a sentence "Bộ Công Thương chủ trì …").
    Directive,
}

/// One task of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Task {
    /// The outline path, unique in the document: `II.2.a`, `III.2.4-1`
    /// (the first `-` bullet), `PL.I.9` (row 9 of section I of an appendix
    /// table), `Điều 2`, `G2.a` (item a of the second group of a list that
    /// restarted without a heading), `đ.p1` (a sentence in item đ that
    /// assigns a task of its own). A repeated path gets `~2`, `~3`.
    // Shared with the heading of its node in the outline.
    pub id: Arc<str>,
    /// The headings above the task, outermost first.
    // Shared by the tasks under the same headings.
    pub section: Arc<[SectionRef]>,
    /// The task's heading: the item text, or the table's content cell.
    // Shared with the heading of its node in the outline when it is that
    // heading's title.
    pub title: Arc<str>,
    /// The task's whole text: title, body paragraphs and sub-bullets.
    pub text: String,
    /// How the task was written.
    pub layout: Layout,
    /// Who leads it (chủ trì).
    pub lead: Vec<Agency>,
    /// Who supports it (phối hợp).
    pub support: Vec<Agency>,
    /// Who directs it (chỉ đạo thực hiện).
    pub directed_by: Vec<Agency>,
    /// Who issues or approves its result (cấp ban hành/phê duyệt).
    pub approved_by: Vec<Agency>,
    /// What it must produce (sản phẩm, kết quả), one entry per item.
    pub products: Vec<String>,
    /// By when; null when the task states no time.
    pub deadline: Option<Deadline>,
    /// Every labelled field of the task, recognised or not, in order.
    pub fields: Vec<Field>,
    /// Legal documents the task's own text cites.
    pub references: Vec<Reference>,
    /// The lines of the task, fields and continued rows included.
    pub span: Span,
    /// Index into `document.attachments` when the task belongs to an
    /// attached document; null for the main document.
    pub attachment: Option<usize>,
}

/// A heading above a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SectionRef {
    /// The heading's outline path.
    // Id and title are shared by every task under the heading.
    pub id: Arc<str>,
    /// The heading text.
    pub title: Arc<str>,
}

/// A labelled field as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Field {
    /// The label as written, without emphasis or colon.
    // A table's header is shared by the fields of all its rows.
    pub label: Arc<str>,
    /// What the label means: `lead`, `support`, `directed_by`, `products`,
    /// `deadline`, `content`, `measure`, `budget`, `approval`, or `other`
    /// for a label the parser does not know.
    // Borrows the fixed vocabulary when extracted.
    pub role: Cow<'static, str>,
    /// The value, with its continuation paragraphs and `+` items on their
    /// own lines.
    pub value: String,
    /// The lines of the field.
    pub span: Span,
}

/// An agency (đơn vị) named in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Agency {
    /// The mention as written.
    // Raw and name are shared by the copies of an agency in each task that
    // names it and in its unit.
    pub raw: Arc<str>,
    /// The canonical name: abbreviations expanded, spelling and case
    /// normalized, document aliases resolved.
    pub name: Arc<str>,
    /// `so`, `ban`, `phong`, `trung_tam`, `van_phong`, `uy_ban_nhan_dan`,
    /// `thanh_tra`, `don_vi_su_nghiep`, `to_chuc_doan_the`,
    /// `co_quan_trung_uong`, `group`, `person_role`, `other`.
    // Kind and level borrow the fixed vocabulary when extracted, so copying
    // an agency into each task that names it copies no text for them.
    pub kind: Cow<'static, str>,
    /// Administrative level when known: `trung_uong`, `tinh`, `huyen`, `xa`.
    pub level: Option<Cow<'static, str>>,
    /// A collective mention ("Các sở, ban, ngành").
    pub group: bool,
}

/// A deadline phrase and its meaning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Deadline {
    /// The phrase as written.
    // Raw and condition are shared by the copies a memo hands out.
    pub raw: Arc<str>,
    /// `date`, `period`, `recurring`, `ongoing`, `conditional`, `multiple`
    /// or `unknown`.
    // Kind, frequency and unit borrow the fixed vocabulary when extracted.
    pub kind: Cow<'static, str>,
    /// First day of the period; null for a single date or when unknown.
    pub start: Option<Date>,
    /// Last day (the due date); null when open-ended or unknown.
    pub end: Option<Date>,
    /// How often, for recurring deadlines.
    pub recurrence: Option<Recurrence>,
    /// The trigger of a conditional deadline ("sau khi UBND tỉnh ban hành …").
    pub condition: Option<Arc<str>>,
    /// The delay after the trigger ("24-48 giờ sau khi nước rút").
    pub offset: Option<Offset>,
    /// The deadlines of a `multiple` phrase.
    pub parts: Vec<Deadline>,
}

/// How often a recurring deadline falls due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Recurrence {
    /// `daily`, `weekly`, `monthly`, `quarterly`, `semiannual`, `annual`,
    /// `biennial`.
    pub frequency: Cow<'static, str>,
    /// The day it falls on, when named.
    pub day: Option<i8>,
    /// The month it falls on, when named.
    pub month: Option<i8>,
}

/// A delay after a trigger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Offset {
    /// Shortest delay.
    pub min: u32,
    /// Longest delay (equal to `min` for a single value).
    pub max: u32,
    /// `hour`, `day`, `week`, `month` or `year`.
    pub unit: Cow<'static, str>,
}

/// A cited legal document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Reference {
    /// The citation as written.
    // Its texts are shared by the copies of a citation in each task and in
    // the document's list, as the answers of a memo.
    pub raw: Arc<str>,
    /// `luat`, `nghi_quyet`, `nghi_dinh`, `quyet_dinh`, `chi_thi`,
    /// `ke_hoach`, `cong_van`, `ket_luan`, `thong_tu`, `quy_che` …
    // Borrows the fixed vocabulary when extracted.
    pub kind: Cow<'static, str>,
    /// The number, normalized ("45/QĐ-UBND").
    pub number: Option<Arc<str>>,
    /// The number as written ("45 /QĐ-UBND").
    pub number_raw: Option<Arc<str>>,
    /// The date of the cited document.
    pub date: Option<Date>,
    /// The year, when only a year is given.
    pub year: Option<i16>,
    /// Who issued it ("Chủ tịch Ủy ban nhân dân tỉnh").
    pub issuer: Option<Arc<str>>,
    /// The name of a law cited by name.
    pub title: Option<Arc<str>>,
}

/// A numbered target (chỉ tiêu).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Target {
    /// The outline path.
    pub id: String,
    /// The headings above it.
    pub section: Arc<[SectionRef]>,
    /// The target as written.
    pub text: String,
    /// Its lines.
    pub span: Span,
}

/// A distinct agency of the document and how many tasks it leads and
/// supports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Unit {
    /// The canonical name.
    pub name: Arc<str>,
    /// Its kind (as in [`Agency::kind`]).
    pub kind: Cow<'static, str>,
    /// Administrative level when known.
    pub level: Option<Cow<'static, str>>,
    /// A collective mention.
    pub group: bool,
    /// Tasks it leads.
    pub leads: u32,
    /// Tasks it supports.
    pub supports: u32,
    /// Every spelling of it in the document.
    pub spellings: Vec<Arc<str>>,
}

/// A node of the outline: a heading, an item or a bullet. Every part of
/// the document's body is in one node, so the outline holds the whole text
/// (tasks and targets point to their node by `id`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Heading {
    /// The outline path.
    pub id: Arc<str>,
    /// The numbering style: `roman`, `arabic`, `decimal`, `letter`,
    /// `paren`, `article`, `chapter`, `part`, `appendix`, `group`, `dash`,
    /// `plus`.
    // Style and role borrow the fixed vocabulary when extracted.
    pub style: Cow<'static, str>,
    /// The heading or item text after its marker.
    pub title: Arc<str>,
    /// The paragraphs under the title that belong to no child node (and
    /// rows of tables that are not tables of tasks), one per line.
    pub text: String,
    /// What the section holds, from its words: `purpose`, `requirement`,
    /// `objective`, `target`, `assessment`, `scope`, `basis`, `funding`,
    /// `tasks`, `organization` …; null when the words say nothing.
    pub role: Option<Cow<'static, str>>,
    /// Depth below the document root (1 for a top-level heading).
    pub depth: u32,
    /// The lines of the whole section.
    pub span: Span,
    /// Index into `document.attachments`, null for the main document.
    pub attachment: Option<usize>,
}

/// One thing the parser or extractor noticed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Diagnostic {
    /// `info`, `warning` or `error`.
    pub severity: String,
    /// A stable kebab-case code, e.g. `letters-restart`, `deadline-unknown`.
    pub code: String,
    /// A lowercase message quoting the offending text.
    pub message: String,
    /// The line it concerns.
    pub line: Option<u32>,
}

/// Counts over the tasks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    /// Tasks extracted.
    pub tasks: u32,
    /// Tasks with no lead agency.
    pub tasks_without_lead: u32,
    /// Tasks whose deadline phrase was not understood.
    pub deadlines_unknown: u32,
    /// Tasks by layout: items with fields.
    pub fields_tasks: u32,
    /// Tasks by layout: table rows.
    pub table_tasks: u32,
    /// Tasks by layout: directives.
    pub directive_tasks: u32,
}

/// The JSON Schema of [`Output`], generated from these types.
pub fn json_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Output);
    serde_json::to_value(schema).unwrap_or(serde_json::Value::Null)
}
