//! Pieces of real documents, cut out of `corpus/`, that the generator
//! recombines into new documents.
//!
//! The pieces are cut by the simple line rules of this module, not by
//! `kehoach_syntax::parse`: the scale corpus must stay the same files while
//! the parser is optimised, so that a before-and-after comparison reads
//! identical input. What depends on the corpus and the seed only can be
//! regenerated anywhere and gives the same bytes.
//!
//! Hard wraps are rejoined and markdown emphasis is dropped when the
//! pieces are cut; the generator puts such scars back when it lays the
//! pieces out.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

/// One text file of the source corpus.
#[derive(Debug, Clone)]
pub struct CorpusFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// Reads every `*.txt` file under `dir` (recursively), sorted by path so the
/// generator sees the same pieces in the same order on every machine.
pub fn read_corpus(dir: &Path) -> anyhow::Result<Vec<CorpusFile>> {
    let mut paths = Vec::new();
    collect_txt(dir, &mut paths).with_context(|| format!("reading corpus {}", dir.display()))?;
    paths.sort();
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let text = fs::read_to_string(&path)
            .with_context(|| format!("reading corpus file {}", path.display()))?;
        files.push(CorpusFile { path, text });
    }
    if files.is_empty() {
        bail!("no *.txt file under {}", dir.display());
    }
    Ok(files)
}

/// A fingerprint of the corpus (FNV-1a over every file's name and bytes),
/// so a generated corpus can tell whether its source has changed.
pub fn corpus_fingerprint(files: &[CorpusFile]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in files {
        let name = file.path.file_name().map(|name| name.to_string_lossy());
        let name_bytes = name.as_deref().unwrap_or("").as_bytes();
        for &byte in name_bytes
            .iter()
            .chain([0u8].iter())
            .chain(file.text.as_bytes())
        {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

fn collect_txt(dir: &Path, paths: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            collect_txt(&path, paths)?;
        } else if path.extension().is_some_and(|ext| ext == "txt") {
            paths.push(path);
        }
    }
    Ok(())
}

/// Header names of table columns, by what the column holds.
#[derive(Debug, Clone, Default)]
pub struct ColumnHeaders {
    /// "TT", "STT".
    pub number: Vec<String>,
    /// "Nội dung công việc", "Tên nhiệm vụ".
    pub content: Vec<String>,
    /// "Cơ quan chủ trì".
    pub lead: Vec<String>,
    /// "Cơ quan phối hợp".
    pub support: Vec<String>,
    /// "Cấp ban hành/phê duyệt".
    pub approval: Vec<String>,
    /// "Sản phẩm", "Kết quả".
    pub products: Vec<String>,
    /// "Thời gian hoàn thành".
    pub deadline: Vec<String>,
}

/// Field labels as written, by role ("Đơn vị chủ trì", "Cơ quan chủ trì" …).
#[derive(Debug, Clone, Default)]
pub struct Labels {
    /// Labels of lead fields.
    pub lead: Vec<String>,
    /// Labels of support fields.
    pub support: Vec<String>,
    /// Labels of product fields.
    pub products: Vec<String>,
    /// Labels of deadline fields.
    pub deadline: Vec<String>,
}

/// Everything the generator recombines, each list deduplicated and in
/// corpus order.
#[derive(Debug, Clone, Default)]
pub struct Pieces {
    /// Raw header blocks: letterhead, number, place and date, kind, title
    /// and preamble, up to the first heading, as the lines were written.
    pub headers: Vec<String>,
    /// Raw closing blocks: "Trên đây là …", recipients, signature.
    pub closings: Vec<String>,
    /// Titles of narrative sections ("MỤC ĐÍCH, YÊU CẦU").
    pub narrative_titles: Vec<String>,
    /// Titles of the subsections of narrative sections ("Mục đích").
    pub narrative_subtitles: Vec<String>,
    /// Paragraphs of narrative text.
    pub prose: Vec<String>,
    /// Titles of task sections ("NHIỆM VỤ CHỦ YẾU NĂM 2023").
    pub task_section_titles: Vec<String>,
    /// Titles of organization sections ("TỔ CHỨC THỰC HIỆN").
    pub organization_titles: Vec<String>,
    /// Titles of the headings that group items with fields ("Về cải cách
    /// thể chế").
    pub subsection_titles: Vec<String>,
    /// Titles of items that carry fields, and content cells of task tables.
    pub task_titles: Vec<String>,
    /// Agencies that head a directive ("Sở Tư pháp").
    pub directive_agencies: Vec<String>,
    /// Lettered sentences without fields outside narrative sections.
    pub directive_tasks: Vec<String>,
    /// Field labels by role.
    pub labels: Labels,
    /// Lead values of fields and table cells.
    pub leads: Vec<String>,
    /// Support values.
    pub supports: Vec<String>,
    /// Product values.
    pub products: Vec<String>,
    /// Approval values ("UBND tỉnh").
    pub approvals: Vec<String>,
    /// Deadline phrases of fields and table cells.
    pub deadlines: Vec<String>,
    /// Section rows of task tables.
    pub table_sections: Vec<String>,
    /// Column header names by role.
    pub columns: ColumnHeaders,
}

impl Pieces {
    /// Cuts the pieces out of `files`. Fails when a list the generator
    /// needs came out empty (the corpus is too small or too strange).
    pub fn harvest(files: &[CorpusFile]) -> anyhow::Result<Pieces> {
        let mut harvest = Harvest::default();
        for file in files {
            harvest.file(&file.text);
        }
        let pieces = harvest.pieces;
        let required: [(&str, usize); 11] = [
            ("headers", pieces.headers.len()),
            ("prose", pieces.prose.len()),
            ("task titles", pieces.task_titles.len()),
            ("directive agencies", pieces.directive_agencies.len()),
            ("directive tasks", pieces.directive_tasks.len()),
            ("lead labels", pieces.labels.lead.len()),
            ("deadline labels", pieces.labels.deadline.len()),
            ("leads", pieces.leads.len()),
            ("supports", pieces.supports.len()),
            ("deadlines", pieces.deadlines.len()),
            ("table content headers", pieces.columns.content.len()),
        ];
        let missing: Vec<&str> = required
            .iter()
            .filter(|(_, len)| *len == 0)
            .map(|(name, _)| *name)
            .collect();
        if !missing.is_empty() {
            bail!(
                "the corpus gave no {}: the generator cannot build documents",
                missing.join(", ")
            );
        }
        Ok(pieces)
    }

    /// Every list with its name, in a fixed order.
    fn lists(&self) -> [(&'static str, &[String]); 28] {
        [
            ("headers", &self.headers),
            ("closings", &self.closings),
            ("narrative_titles", &self.narrative_titles),
            ("narrative_subtitles", &self.narrative_subtitles),
            ("prose", &self.prose),
            ("task_section_titles", &self.task_section_titles),
            ("organization_titles", &self.organization_titles),
            ("subsection_titles", &self.subsection_titles),
            ("task_titles", &self.task_titles),
            ("directive_agencies", &self.directive_agencies),
            ("directive_tasks", &self.directive_tasks),
            ("labels.lead", &self.labels.lead),
            ("labels.support", &self.labels.support),
            ("labels.products", &self.labels.products),
            ("labels.deadline", &self.labels.deadline),
            ("leads", &self.leads),
            ("supports", &self.supports),
            ("products", &self.products),
            ("approvals", &self.approvals),
            ("deadlines", &self.deadlines),
            ("table_sections", &self.table_sections),
            ("columns.number", &self.columns.number),
            ("columns.content", &self.columns.content),
            ("columns.lead", &self.columns.lead),
            ("columns.support", &self.columns.support),
            ("columns.approval", &self.columns.approval),
            ("columns.products", &self.columns.products),
            ("columns.deadline", &self.columns.deadline),
        ]
    }

    /// One line per list with its length, for `gen-corpus --pieces`.
    pub fn describe(&self) -> String {
        self.lists()
            .iter()
            .map(|(name, list)| format!("{name}\t{}\n", list.len()))
            .collect()
    }

    /// Every piece, one per line after the name of its list (newlines of
    /// header and closing blocks shown as `⏎`), for `gen-corpus
    /// --dump-pieces`.
    pub fn dump(&self) -> String {
        let mut out = String::new();
        for (name, list) in self.lists() {
            for piece in list {
                out.push_str(name);
                out.push('\t');
                out.push_str(&piece.replace('\n', "⏎"));
                out.push('\n');
            }
        }
        out
    }
}

/// Agency words that open a directive heading ("2. Sở Tư pháp").
const AGENCY_OPENINGS: &[&str] = &[
    "Sở ",
    "Văn phòng",
    "Ủy ban",
    "Uỷ ban",
    "UBND",
    "Bộ ",
    "Công an",
    "Ban ",
    "Các sở",
    "Các cơ quan",
    "Các Bộ",
    "Các bộ",
    "Thủ trưởng",
    "Chủ tịch",
    "Đài ",
    "Báo ",
    "Trung tâm",
    "Cục ",
    "Vụ ",
    "Thanh tra",
    "Kho bạc",
    "Bảo hiểm",
    "Hội ",
    "Liên đoàn",
    "Tỉnh đoàn",
];

/// Words that open the title of a section, by what the section holds
/// (lowercase; checked in this order, after an optional "các ").
const SECTION_WORDS: &[(Section, &str)] = &[
    (Section::Organization, "tổ chức thực hiện"),
    (Section::Organization, "trách nhiệm"),
    (Section::Organization, "phân công"),
    (Section::Narrative, "mục đích"),
    (Section::Narrative, "yêu cầu"),
    (Section::Narrative, "mục tiêu"),
    (Section::Narrative, "định hướng"),
    (Section::Narrative, "chỉ tiêu"),
    (Section::Narrative, "quan điểm"),
    (Section::Narrative, "đánh giá"),
    (Section::Narrative, "thực trạng"),
    (Section::Narrative, "tình hình"),
    (Section::Narrative, "kết quả"),
    (Section::Narrative, "phạm vi"),
    (Section::Narrative, "đối tượng"),
    (Section::Narrative, "căn cứ"),
    (Section::Narrative, "sự cần thiết"),
    (Section::Narrative, "kinh phí"),
    (Section::Tasks, "nhiệm vụ"),
    (Section::Tasks, "giải pháp"),
    (Section::Tasks, "nội dung"),
    (Section::Tasks, "hoạt động"),
    (Section::Tasks, "danh mục"),
    (Section::Tasks, "công tác"),
];

/// What a top-level section holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Narrative,
    Tasks,
    Organization,
}

/// The role of a field label or table column (lowercase text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Number,
    Content,
    Lead,
    Support,
    Approval,
    Products,
    Deadline,
}

fn label_role(label: &str) -> Option<Role> {
    let label = label.to_lowercase();
    if ["chỉ đạo", "biện pháp", "kinh phí", "nội dung", "ghi chú"]
        .iter()
        .any(|word| label.contains(word))
    {
        return None;
    }
    if label.contains("phối hợp") {
        Some(Role::Support)
    } else if ["thời gian", "tiến độ", "thời hạn"]
        .iter()
        .any(|word| label.contains(word))
    {
        Some(Role::Deadline)
    } else if label.contains("sản phẩm") || label.contains("kết quả") {
        Some(Role::Products)
    } else if label.contains("chủ trì")
        || (["cơ quan", "đơn vị"]
            .iter()
            .any(|word| label.starts_with(word))
            && (label.contains("thực hiện") || label.contains("tham mưu")))
    {
        Some(Role::Lead)
    } else {
        None
    }
}

fn column_role(header: &str) -> Option<Role> {
    let header = header.to_lowercase();
    let header = header.trim();
    if header == "tt" || header == "stt" {
        return Some(Role::Number);
    }
    if header.contains("chủ trì") {
        Some(Role::Lead)
    } else if header.contains("phối hợp") {
        Some(Role::Support)
    } else if header.contains("ban hành") || header.contains("phê duyệt") {
        Some(Role::Approval)
    } else if ["thời gian", "tiến độ", "thời hạn"]
        .iter()
        .any(|word| header.contains(word))
    {
        Some(Role::Deadline)
    } else if header.contains("sản phẩm") || header.contains("kết quả") {
        Some(Role::Products)
    } else if ["nội dung", "nhiệm vụ", "tên"]
        .iter()
        .any(|word| header.contains(word))
    {
        Some(Role::Content)
    } else {
        None
    }
}

/// One logical line of a body: hard wraps rejoined, emphasis dropped.
#[derive(Debug)]
enum Logical {
    Text(String),
    /// A raw line with at least two tabs.
    TabRow(String),
    /// A markdown table row, `| a | b |`.
    PipeRow(String),
}

/// The pieces found so far and the strings already taken, for dedup.
#[derive(Default)]
struct Harvest {
    pieces: Pieces,
    seen: HashSet<(u8, String)>,
}

/// Which list a string goes to; the dedup key is per list.
#[derive(Clone, Copy)]
enum List {
    Headers,
    Closings,
    NarrativeTitles,
    NarrativeSubtitles,
    Prose,
    TaskSectionTitles,
    OrganizationTitles,
    SubsectionTitles,
    TaskTitles,
    DirectiveAgencies,
    DirectiveTasks,
    Label(Role),
    Value(Role),
    TableSections,
    Column(Role),
}

impl List {
    fn key(self) -> u8 {
        let role = |role: Role| role as u8;
        match self {
            List::Headers => 0,
            List::Closings => 1,
            List::NarrativeTitles => 2,
            List::NarrativeSubtitles => 3,
            List::Prose => 4,
            List::TaskSectionTitles => 5,
            List::OrganizationTitles => 6,
            List::SubsectionTitles => 7,
            List::TaskTitles => 8,
            List::DirectiveAgencies => 9,
            List::DirectiveTasks => 10,
            List::TableSections => 11,
            List::Label(r) => 20 + role(r),
            List::Value(r) => 40 + role(r),
            List::Column(r) => 60 + role(r),
        }
    }
}

impl Harvest {
    fn push(&mut self, list: List, text: &str) {
        let text = text.trim();
        if text.is_empty() || !self.seen.insert((list.key(), text.to_owned())) {
            return;
        }
        let pieces = &mut self.pieces;
        let target = match list {
            List::Headers => &mut pieces.headers,
            List::Closings => &mut pieces.closings,
            List::NarrativeTitles => &mut pieces.narrative_titles,
            List::NarrativeSubtitles => &mut pieces.narrative_subtitles,
            List::Prose => &mut pieces.prose,
            List::TaskSectionTitles => &mut pieces.task_section_titles,
            List::OrganizationTitles => &mut pieces.organization_titles,
            List::SubsectionTitles => &mut pieces.subsection_titles,
            List::TaskTitles => &mut pieces.task_titles,
            List::DirectiveAgencies => &mut pieces.directive_agencies,
            List::DirectiveTasks => &mut pieces.directive_tasks,
            List::TableSections => &mut pieces.table_sections,
            List::Label(Role::Lead) => &mut pieces.labels.lead,
            List::Label(Role::Support) => &mut pieces.labels.support,
            List::Label(Role::Products) => &mut pieces.labels.products,
            List::Label(Role::Deadline) => &mut pieces.labels.deadline,
            List::Label(_) => return,
            List::Value(Role::Lead) => &mut pieces.leads,
            List::Value(Role::Support) => &mut pieces.supports,
            List::Value(Role::Products) => &mut pieces.products,
            List::Value(Role::Approval) => &mut pieces.approvals,
            List::Value(Role::Deadline) => &mut pieces.deadlines,
            List::Value(Role::Content) => &mut pieces.task_titles,
            List::Value(Role::Number) => return,
            List::Column(Role::Number) => &mut pieces.columns.number,
            List::Column(Role::Content) => &mut pieces.columns.content,
            List::Column(Role::Lead) => &mut pieces.columns.lead,
            List::Column(Role::Support) => &mut pieces.columns.support,
            List::Column(Role::Approval) => &mut pieces.columns.approval,
            List::Column(Role::Products) => &mut pieces.columns.products,
            List::Column(Role::Deadline) => &mut pieces.columns.deadline,
        };
        target.push(text.to_owned());
    }

    fn file(&mut self, text: &str) {
        let raw: Vec<&str> = text
            .split('\n')
            .map(|line| line.trim_end_matches('\r'))
            .collect();
        let body_start = first_heading(&raw);
        if let Some(start) = body_start {
            self.header(&raw[..start]);
        }
        let closing_start = self.closing(&raw, body_start.unwrap_or(0));
        let body_end = closing_start.unwrap_or(raw.len());
        let body_lines = &raw[body_start.unwrap_or(0)..body_end.max(body_start.unwrap_or(0))];
        // An appendix after the closing still holds tables.
        let appendix = &raw[body_end..];
        let mut logical = logical_lines(body_lines);
        logical.extend(
            logical_lines(appendix)
                .into_iter()
                .filter(|line| !matches!(line, Logical::Text(_))),
        );
        self.body(&logical);
    }

    fn header(&mut self, lines: &[&str]) {
        let header = lines.join("\n");
        let header = header.trim_end();
        let non_empty = header.lines().filter(|l| !l.trim().is_empty()).count();
        let upper = header.to_uppercase();
        let has_kind = [
            "KẾ HOẠCH",
            "CHỈ THỊ",
            "QUYẾT ĐỊNH",
            "CÔNG VĂN",
            "NGHỊ QUYẾT",
            "KÍNH GỬI",
        ]
        .iter()
        .any(|kind| upper.contains(kind));
        if (3..=80).contains(&non_empty) && has_kind {
            self.push(List::Headers, header);
        }
    }

    /// Records the closing block (from the last "Trên đây" or "Nơi nhận"
    /// line after the body start) and returns where it starts.
    fn closing(&mut self, raw: &[&str], body_start: usize) -> Option<usize> {
        let opens = |line: &&str| {
            let line = clean(line);
            line.starts_with("Trên đây") || line.starts_with("Nơi nhận")
        };
        let last = raw[body_start..].iter().rposition(opens)? + body_start;
        // Back up to a "Trên đây" a few lines before "Nơi nhận".
        let start = (last.saturating_sub(6)..last)
            .find(|&index| clean(raw[index]).starts_with("Trên đây"))
            .unwrap_or(last);
        let mut end = raw.len();
        for (index, line) in raw.iter().enumerate().skip(start + 1) {
            let cleaned = clean(line);
            if cleaned.starts_with("PHỤ LỤC")
                || cleaned.starts_with("Phụ lục")
                || is_table_line(line)
            {
                end = index;
                break;
            }
        }
        let closing = raw[start..end].join("\n");
        let closing = closing.trim_end();
        let non_empty = closing.lines().filter(|l| !l.trim().is_empty()).count();
        if (2..=40).contains(&non_empty) {
            self.push(List::Closings, closing);
        }
        Some(start)
    }

    fn body(&mut self, lines: &[Logical]) {
        let mut section: Option<Section> = None;
        let mut last_heading: Option<&str> = None;
        let mut agency_heading: Option<&str> = None;
        let mut last_item: Option<&str> = None;
        let mut item_has_fields = false;
        let mut table: Vec<Option<Role>> = Vec::new();
        for (index, line) in lines.iter().enumerate() {
            let text = match line {
                Logical::Text(text) => text.as_str(),
                Logical::TabRow(row) => {
                    let cells: Vec<&str> = row.split('\t').map(str::trim).collect();
                    self.table_row(&cells, &mut table);
                    continue;
                }
                Logical::PipeRow(row) => {
                    let inner = row.trim().trim_start_matches('|').trim_end_matches('|');
                    let cells: Vec<String> = inner.split('|').map(clean).collect();
                    let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
                    self.table_row(&cells, &mut table);
                    continue;
                }
            };
            let next_is_field = matches!(
                lines.get(index + 1),
                Some(Logical::Text(next)) if field(next).is_some()
            );
            if let Some(title) = roman_heading(text) {
                section = section_of(title);
                // A title longer than this ran into the paragraph below it.
                let title = if title.len() < 100 { title } else { "" };
                match section {
                    Some(Section::Narrative) => self.push(List::NarrativeTitles, title),
                    Some(Section::Tasks) => self.push(List::TaskSectionTitles, title),
                    Some(Section::Organization) => self.push(List::OrganizationTitles, title),
                    None => {}
                }
                last_heading = None;
                agency_heading = None;
            } else if let Some((label, value, role)) = field(text) {
                self.push(List::Label(role), label);
                if !value.is_empty() && value.len() < 400 {
                    self.push(List::Value(role), value);
                }
                if !item_has_fields {
                    item_has_fields = true;
                    if let Some(item) = last_item
                        && item.len() > 20
                    {
                        self.push(List::TaskTitles, item);
                    }
                    if let Some(heading) = last_heading
                        && heading.len() < 150
                    {
                        self.push(List::SubsectionTitles, heading);
                    }
                }
            } else if let Some(title) = arabic_heading(text) {
                if section == Some(Section::Narrative) && title.len() < 80 {
                    self.push(List::NarrativeSubtitles, title);
                }
                last_heading = Some(title);
                let name = title.trim_end_matches(':').trim();
                let name = name.strip_suffix(" có trách nhiệm").unwrap_or(name);
                agency_heading = (name.len() < 100
                    && AGENCY_OPENINGS.iter().any(|word| name.starts_with(word)))
                .then_some(name);
                last_item = Some(title);
                item_has_fields = false;
            } else if let Some(title) = item(text) {
                last_item = Some(title);
                item_has_fields = false;
                if section != Some(Section::Narrative) && !next_is_field {
                    if title.len() > 40 && !title.ends_with(':') {
                        self.push(List::DirectiveTasks, title);
                    }
                    if let Some(agency) = agency_heading {
                        self.push(List::DirectiveAgencies, agency);
                    }
                }
            } else if let Some(bullet) = text.strip_prefix("- ").or_else(|| text.strip_prefix("+ "))
            {
                if section == Some(Section::Narrative) && bullet.len() >= 60 {
                    self.push(List::Prose, bullet);
                }
            } else if text.len() >= 80 && !text.contains(" | ") && starts_uppercase(text) {
                self.push(List::Prose, text);
            }
        }
    }

    /// One table row: a header row sets the column roles, a numbered row
    /// gives cells, a Roman row gives a section title.
    fn table_row(&mut self, cells: &[&str], roles: &mut Vec<Option<Role>>) {
        if cells.iter().all(|cell| is_rule_cell(cell)) {
            return;
        }
        let lowered = cells.join(" ").to_lowercase();
        let numbered = cells.first().is_some_and(|first| {
            first
                .trim()
                .trim_end_matches('.')
                .split('.')
                .next()
                .is_some_and(|marker| {
                    is_roman(marker)
                        || (!marker.is_empty() && marker.bytes().all(|b| b.is_ascii_digit()))
                })
        });
        let header = lowered.contains("chủ trì")
            && cells.len() >= 3
            && !numbered
            && cells.iter().all(|cell| cell.len() < 100);
        if header {
            *roles = cells.iter().map(|cell| column_role(cell)).collect();
            for (cell, role) in cells.iter().zip(roles.iter()) {
                if let Some(role) = role
                    && cell.len() < 80
                {
                    self.push(List::Column(*role), cell);
                }
            }
            return;
        }
        if roles.is_empty() {
            return;
        }
        let has_number_column = roles.first() == Some(&Some(Role::Number));
        let (marker, first_text) = if has_number_column {
            (cells.first().copied().unwrap_or(""), cells.get(1).copied())
        } else {
            let first = cells.first().copied().unwrap_or("");
            let (marker, rest) = first.split_once(". ").unwrap_or((first, ""));
            (marker, Some(rest))
        };
        let marker = marker.trim().trim_end_matches('.');
        if is_roman(marker) {
            let content_index = roles.iter().position(|role| *role == Some(Role::Content));
            let title = if has_number_column {
                content_index.and_then(|index| cells.get(index).copied())
            } else {
                first_text
            };
            if let Some(title) = title {
                self.push(List::TableSections, title);
            }
            return;
        }
        if marker.is_empty() || !marker.bytes().all(|b| b.is_ascii_digit()) {
            return;
        }
        for (index, role) in roles.iter().enumerate() {
            let Some(role) = role else { continue };
            let cell = if index == 0 && !has_number_column {
                first_text.unwrap_or("")
            } else {
                cells.get(index).copied().unwrap_or("")
            };
            if cell.len() > 400 || (*role == Role::Content && cell.len() <= 20) {
                continue;
            }
            self.push(List::Value(*role), cell);
        }
    }
}

/// The line text without markdown emphasis, escapes and outer spaces.
fn clean(line: &str) -> String {
    let mut text = line
        .replace("**", "")
        .replace('\u{c}', "")
        .replace("\\|", "|");
    text = text.trim().to_owned();
    while text.starts_with('*') && !text.starts_with("* ") {
        text.remove(0);
    }
    text.trim_end_matches('*').trim().to_owned()
}

fn is_table_line(line: &str) -> bool {
    line.matches('\t').count() >= 2 || is_pipe_row(line.trim())
}

/// `| a | b | c |`, or `a | b | c` as some converters write it.
fn is_pipe_row(line: &str) -> bool {
    (line.starts_with('|') && line.matches('|').count() >= 3) || line.matches(" | ").count() >= 2
}

fn is_rule_cell(cell: &str) -> bool {
    let cell = cell.trim().trim_matches(':');
    !cell.is_empty() && cell.bytes().all(|b| b == b'-')
}

fn is_roman(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| matches!(b, b'I' | b'V' | b'X' | b'L'))
}

fn starts_uppercase(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
}

/// The index of the first line that opens the body: a Roman heading, else
/// the first "1." or "Điều 1.".
fn first_heading(raw: &[&str]) -> Option<usize> {
    let roman = raw.iter().position(|line| {
        let line = clean(line);
        !is_table_line(&line) && roman_heading(&line).is_some()
    });
    roman.or_else(|| {
        raw.iter().position(|line| {
            let line = clean(line);
            line.starts_with("1. ") || line.starts_with("Điều 1.")
        })
    })
}

/// "II. NHIỆM VỤ" → "NHIỆM VỤ".
fn roman_heading(text: &str) -> Option<&str> {
    let (marker, title) = text.split_once(". ")?;
    (is_roman(marker) && !title.trim().is_empty()).then(|| title.trim())
}

/// "2. Sở Tư pháp" → "Sở Tư pháp" (not "1.2.").
fn arabic_heading(text: &str) -> Option<&str> {
    let (marker, title) = text.split_once(". ")?;
    let numeric =
        !marker.is_empty() && marker.len() <= 2 && marker.bytes().all(|b| b.is_ascii_digit());
    (numeric && starts_uppercase(title.trim())).then(|| title.trim())
}

/// "a) …", "đ) …" or "1.2. …" → the item text.
fn item(text: &str) -> Option<&str> {
    if let Some((marker, title)) = text.split_once(") ") {
        let mut chars = marker.chars();
        if let (Some(letter), None) = (chars.next(), chars.next())
            && (letter.is_ascii_lowercase() || letter == 'đ')
        {
            return Some(title.trim());
        }
    }
    let (marker, title) = text.split_once(' ')?;
    let marker = marker.trim_end_matches('.');
    let mut parts = marker.split('.');
    let decimal = parts.clone().count() == 2
        && parts.all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()));
    decimal.then(|| title.trim())
}

/// "- Đơn vị chủ trì: Sở Nội vụ." → ("Đơn vị chủ trì", "Sở Nội vụ.", Lead).
fn field(text: &str) -> Option<(&str, &str, Role)> {
    let text = text
        .strip_prefix("- ")
        .or_else(|| text.strip_prefix("+ "))
        .or_else(|| text.strip_prefix("• "))
        .unwrap_or(text);
    let (label, value) = text.split_once(':')?;
    let label = label.trim().trim_matches('*').trim();
    let value = value.trim().trim_start_matches('*').trim();
    if label.len() < 3 || label.len() > 60 || label.split_whitespace().count() > 6 {
        return None;
    }
    if !starts_uppercase(label) {
        return None;
    }
    Some((label, value, label_role(label)?))
}

fn section_of(title: &str) -> Option<Section> {
    let lowered = title.to_lowercase();
    let lowered = lowered.strip_prefix("các ").unwrap_or(&lowered);
    SECTION_WORDS
        .iter()
        .find(|(_, word)| lowered.starts_with(word))
        .map(|(section, _)| *section)
}

/// Whether a cleaned line opens a new logical line rather than continuing
/// a hard-wrapped one.
fn opens_line(text: &str) -> bool {
    roman_heading(text).is_some()
        || arabic_heading(text).is_some()
        || text.split_once(". ").is_some_and(|(marker, _)| {
            !marker.is_empty() && marker.len() <= 2 && marker.bytes().all(|b| b.is_ascii_digit())
        })
        || item(text).is_some()
        || field(text).is_some()
        || text.starts_with("- ")
        || text.starts_with("+ ")
        || text.starts_with("• ")
        || text.starts_with("Điều ")
}

/// Rejoins hard-wrapped lines into logical lines; keeps table rows as they
/// are; drops page numbers and blank lines.
fn logical_lines(raw: &[&str]) -> Vec<Logical> {
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut previous_indent = 0;
    let flush = |current: &mut String, lines: &mut Vec<Logical>| {
        if !current.is_empty() {
            lines.push(Logical::Text(std::mem::take(current)));
        }
    };
    for line in raw {
        if line.matches('\t').count() >= 2 {
            flush(&mut current, &mut lines);
            lines.push(Logical::TabRow((*line).to_owned()));
            continue;
        }
        let cleaned = clean(line);
        if cleaned.is_empty() || cleaned == "|" {
            flush(&mut current, &mut lines);
            continue;
        }
        if is_pipe_row(&cleaned) {
            flush(&mut current, &mut lines);
            lines.push(Logical::PipeRow(cleaned));
            continue;
        }
        if cleaned.len() <= 3 && cleaned.bytes().all(|b| b.is_ascii_digit()) {
            // A page number, often in mid-sentence.
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let continues = !current.is_empty()
            && !opens_line(&cleaned)
            && !current.ends_with(['.', ':', ';', '!', '?'])
            && indent <= previous_indent + 3;
        previous_indent = indent;
        if continues {
            current.push(' ');
            current.push_str(&cleaned);
        } else {
            flush(&mut current, &mut lines);
            current = cleaned;
        }
    }
    flush(&mut current, &mut lines);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_read_with_their_roles() {
        assert_eq!(
            field("- Đơn vị chủ trì: Phòng Nội chính."),
            Some(("Đơn vị chủ trì", "Phòng Nội chính.", Role::Lead))
        );
        assert_eq!(
            field("- *Thời gian thực hiện:* Thường xuyên"),
            Some(("Thời gian thực hiện", "Thường xuyên", Role::Deadline))
        );
        assert_eq!(
            field("Phối hợp thực hiện: Các sở, ngành."),
            Some(("Phối hợp thực hiện", "Các sở, ngành.", Role::Support))
        );
        assert_eq!(field("- *Chỉ đạo thực hiện:* Lãnh đạo Văn phòng."), None);
        assert_eq!(field("Căn cứ Luật Tổ chức chính quyền địa phương: x"), None);
    }

    #[test]
    fn hard_wraps_are_rejoined() {
        let raw = [
            "**1. Thủ",
            "trưởng các sở, ban, ngành**",
            "",
            "a) Tăng cường tuyên truyền",
            "đến người dân.",
            "               2",
            "- Đơn vị chủ trì: Sở Nội vụ.",
        ];
        let lines: Vec<String> = logical_lines(&raw)
            .into_iter()
            .map(|line| match line {
                Logical::Text(text) => text,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            lines,
            [
                "1. Thủ trưởng các sở, ban, ngành",
                "a) Tăng cường tuyên truyền đến người dân.",
                "- Đơn vị chủ trì: Sở Nội vụ.",
            ]
        );
    }

    #[test]
    fn markers() {
        assert_eq!(roman_heading("II. NHIỆM VỤ"), Some("NHIỆM VỤ"));
        assert_eq!(arabic_heading("2. Sở Tư pháp"), Some("Sở Tư pháp"));
        assert_eq!(item("đ) Thực hiện"), Some("Thực hiện"));
        assert_eq!(item("1.2. Công bố TTHC"), Some("Công bố TTHC"));
        assert_eq!(item("Kế hoạch) x"), None);
        assert_eq!(section_of("TỔ CHỨC THỰC HIỆN"), Some(Section::Organization));
        assert_eq!(section_of("MỤC ĐÍCH, YÊU CẦU"), Some(Section::Narrative));
    }
}
