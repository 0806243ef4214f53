//! Turns a parsed Vietnamese plan document into tasks, and owns the JSON
//! schema kehoach writes.
//!
//! [`extract`] parses the text with `kehoach-syntax`, reads the metadata of
//! the document and of any attached plan, decides which parts of the
//! outline are tasks (items with labelled fields, appendix table rows,
//! directives addressed to an agency), and normalizes every lead, support,
//! deadline and citation with `kehoach-normalize`. The result is an
//! [`Output`], the contract defined in [`schema`].
//!
//! ```
//! use kehoach_extract::{extract, Config, schema::Source};
//!
//! let text = "KẾ HOẠCH\n\nCải cách hành chính năm 2023\n\nII. NHIỆM VỤ\n\n\
//!             a) Ban hành kế hoạch kiểm tra.\n\n- Đơn vị chủ trì: Phòng Nội chính.\n\n\
//!             - Thời gian: Quý I/2023.\n";
//! let source = Source { path: "kh.txt".into(), sha256: String::new(), bytes: text.len() as u64 };
//! let output = extract(text, source, &Config::default());
//! assert_eq!(output.tasks.len(), 1);
//! let task = &output.tasks[0];
//! assert_eq!(&*task.id, "II.a");
//! assert_eq!(&*task.lead[0].name, "Phòng Nội chính");
//! let deadline = task.deadline.as_ref().unwrap();
//! assert_eq!(deadline.end.unwrap().to_string(), "2023-03-31");
//! ```

#![deny(missing_docs)]

mod convert;
mod document;
mod ids;
pub mod json;
mod leads;
mod marks;
mod memo;
mod phrases;
pub mod schema;
mod tasks;
mod units;

use kehoach_normalize::agency::{self, Aliases};
use kehoach_normalize::deadline::{self, DeadlineContext};
use kehoach_syntax as syntax;

use schema::{Output, SCHEMA_VERSION, Source, Summary};

/// Options for extraction.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Config {
    /// The plan year to use for deadlines without a year, instead of the
    /// one read from the document.
    pub plan_year: Option<i16>,
}

/// Extracts everything from the text of one document. Never fails: what
/// could not be understood is reported in `diagnostics`.
pub fn extract(text: &str, source: Source, config: &Config) -> Output {
    let _span = tracing::debug_span!("extract", path = %source.path).entered();
    let parse = syntax::parse(text);
    let document = &parse.document;
    let texts = memo::Texts::default();
    let aliases = collect_aliases(document, &texts);
    let metadata = document::documents(document, &aliases, config.plan_year);
    let ids = ids::node_ids(document);
    let parts: Vec<tasks::PartContext> = document
        .parts
        .iter()
        .enumerate()
        .map(|(index, part)| part_context(document, part, index, &metadata, &aliases))
        .collect();
    let mut extracted = tasks::extract_tasks(document, &ids, &aliases, &parts, &texts);
    ids::dedupe(extracted.tasks.iter_mut().map(|task| &mut task.id));
    let references = document_references(document, &texts);
    let units = units::units(&extracted.tasks, &texts);
    let summary = summarize(&extracted.tasks);
    let mut diagnostics: Vec<schema::Diagnostic> =
        parse.diagnostics.iter().map(convert::diagnostic).collect();
    diagnostics.append(&mut extracted.diagnostics);
    report_missing_metadata(&metadata.main, &mut diagnostics);
    diagnostics.sort_by_key(|d| d.line.unwrap_or(u32::MAX));
    tracing::debug!(tasks = extracted.tasks.len(), "extracted");
    Output {
        schema_version: SCHEMA_VERSION.into(),
        source,
        document: metadata.main,
        tasks: extracted.tasks,
        targets: extracted.targets,
        references,
        units,
        outline: extracted.outline,
        diagnostics,
        repairs: parse
            .repairs
            .counts()
            .into_iter()
            .map(|(name, count)| (name.into(), count))
            .collect(),
        summary,
    }
}

/// The output for a file that could not be read as a document: empty, with
/// one error diagnostic saying why.
pub fn failed(source: Source, code: &str, message: String) -> Output {
    Output {
        schema_version: SCHEMA_VERSION.into(),
        source,
        document: document::empty_document(syntax::Span::line(1)),
        tasks: Vec::new(),
        targets: Vec::new(),
        references: Vec::new(),
        units: Vec::new(),
        outline: Vec::new(),
        diagnostics: vec![schema::Diagnostic {
            severity: "error".to_owned(),
            code: code.to_owned(),
            message,
            line: None,
        }],
        repairs: Default::default(),
        summary: Summary::default(),
    }
}

/// Says so when the document has no number or no date at all (a text
/// whose header was lost), unless the parser already reported it.
fn report_missing_metadata(main: &schema::Document, diagnostics: &mut Vec<schema::Diagnostic>) {
    let reported = |code: &str| diagnostics.iter().any(|d| d.code == code);
    let mut missing = Vec::new();
    if main.number.is_none() && !reported("number-missing") {
        missing.push(("number-missing", "the document has no number"));
    }
    if main.date.is_none() && main.date_parts.is_none() && !reported("date-partial") {
        missing.push(("date-missing", "the document has no date"));
    }
    for (code, message) in missing {
        diagnostics.push(schema::Diagnostic {
            severity: "warning".to_owned(),
            code: code.to_owned(),
            message: message.to_owned(),
            line: None,
        });
    }
}

/// Normalizes one deadline phrase, as `kehoach deadline` prints it:
/// `plan_year` completes phrases that name no year, and recurring or
/// ongoing phrases run until the end of `plan_end_year` when given.
pub fn normalize_deadline(
    phrase: &str,
    plan_year: Option<i16>,
    plan_end_year: Option<i16>,
) -> schema::Deadline {
    let context = DeadlineContext {
        plan_year,
        plan_end_year,
    };
    convert::deadline(&deadline::parse_deadline(phrase, &context))
}

/// Splits one field value into agencies, as `kehoach units` prints it.
pub fn normalize_units(value: &str) -> Vec<schema::Agency> {
    convert::agencies(value, &Aliases::new()).0
}

/// Scans every paragraph for the short names the document defines.
fn collect_aliases<'d>(document: &'d syntax::Document, texts: &memo::Texts<'d>) -> Aliases {
    let mut aliases = Aliases::new();
    for part in &document.parts {
        if let Some(title) = &part.metadata.title {
            texts.scan_aliases(&title.text, &mut aliases);
        }
    }
    for node in &document.nodes {
        texts.scan_aliases(&node.title, &mut aliases);
        for paragraph in &node.body {
            texts.scan_aliases(&paragraph.text, &mut aliases);
        }
    }
    aliases
}

fn part_context(
    document: &syntax::Document,
    part: &syntax::Part,
    index: usize,
    metadata: &document::Documents,
    aliases: &Aliases,
) -> tasks::PartContext {
    let kind = part.metadata.kind.unwrap_or("");
    let directive = phrases::DIRECTIVE_KINDS.iter().any(|k| k == kind);
    let meta = if index == 0 {
        &metadata.main
    } else {
        &metadata.main.attachments[index - 1]
    };
    let mut addressees = meta.addressees.clone();
    if addressees.is_empty() && directive {
        addressees = preamble_addressees(document, part, aliases);
    }
    tasks::PartContext {
        deadlines: DeadlineContext {
            plan_year: metadata.plan_years.get(index).copied().flatten(),
            plan_end_year: meta.year_end.or(metadata.main.year_end),
        },
        directive,
        addressees,
    }
}

/// Whom a directive's preamble calls on: "… Chủ tịch UBND tỉnh yêu cầu
/// Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các xã, phường tập trung
/// chỉ đạo …".
fn preamble_addressees(
    document: &syntax::Document,
    part: &syntax::Part,
    aliases: &Aliases,
) -> Vec<schema::Agency> {
    let root = &document.nodes[part.root];
    let Some(paragraph) = root.body.last() else {
        return Vec::new();
    };
    let Some(at) = paragraph.text.find("yêu cầu ") else {
        return Vec::new();
    };
    let rest = &paragraph.text[at + "yêu cầu ".len()..];
    agency::leading_agencies(rest, aliases)
        .map(|found| found.agencies.iter().map(convert::agency).collect())
        .unwrap_or_default()
}

/// Every document cited anywhere in the text, once, in order of first
/// citation.
fn document_references(
    document: &syntax::Document,
    texts: &memo::Texts<'_>,
) -> Vec<schema::Reference> {
    let mut lists = Vec::new();
    let mut add = |text: &str| {
        let list = texts.citations(text);
        if !list.is_empty() {
            lists.push(list);
        }
    };
    for part in &document.parts {
        if let Some(title) = &part.metadata.title {
            add(&title.text);
        }
        if let Some(parent) = &part.metadata.parent {
            add(&parent.raw.text);
        }
    }
    for node in &document.nodes {
        add(&node.title);
        for paragraph in &node.body {
            add(&paragraph.text);
        }
        for field in &node.fields {
            // A value without items is its own full value.
            if field.items.is_empty() {
                add(&field.value);
            } else {
                add(&field.full_value());
            }
        }
    }
    for table in &document.tables {
        for row in &table.rows {
            for cell in &row.cells {
                add(&cell.text);
            }
        }
    }
    for part in &document.parts {
        for closing in &part.closing {
            add(&closing.text);
        }
    }
    convert::distinct_references(&lists)
}

fn summarize(tasks: &[schema::Task]) -> Summary {
    let count = |predicate: &dyn Fn(&schema::Task) -> bool| {
        u32::try_from(tasks.iter().filter(|task| predicate(task)).count()).unwrap_or(u32::MAX)
    };
    Summary {
        tasks: count(&|_| true),
        tasks_without_lead: count(&|task| task.lead.is_empty()),
        deadlines_unknown: count(&|task| {
            task.deadline.as_ref().is_some_and(|d| d.kind == "unknown")
        }),
        fields_tasks: count(&|task| task.layout == schema::Layout::Fields),
        table_tasks: count(&|task| task.layout == schema::Layout::Table),
        directive_tasks: count(&|task| task.layout == schema::Layout::Directive),
    }
}

/// The agency kinds, for checking a canonical name from the command line.
pub fn canonical_name(raw: &str) -> String {
    agency::canonical_name(raw)
}
