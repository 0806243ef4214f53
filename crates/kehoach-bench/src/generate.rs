//! Lays pieces of real documents out as new documents: one document per
//! index, the same text for the same seed and index on any machine and with
//! any number of threads.
//!
//! Each document takes a header block from one corpus document, then
//! narrative and task sections whose titles, items, field values, agencies
//! and deadline phrases come from the others, numbered afresh (Roman
//! sections, Arabic subsections, items lettered with the Vietnamese
//! alphabet or numbered 1.1., 1.2.). It is written in one of the layouts
//! the corpus has, in roughly the corpus's proportions:
//!
//! | layout      | share | what it looks like                                          |
//! |-------------|------:|-------------------------------------------------------------|
//! | `fields`    |  35 % | lettered items, each with "- Đơn vị chủ trì: …" fields      |
//! | `directive` |  25 % | "2. Sở Tư pháp" followed by a) b) c) duties                 |
//! | `pdf`       |  12 % | either of the above as pdftotext lays it out: indented,     |
//! |             |       | hard-wrapped, "\f   2" page numbers in mid-sentence         |
//! | `tab`       |  10 % | an appendix table, tab-separated, header repeated after     |
//! |             |       | each page break and a row continued with empty first cells  |
//! | `pipe`      |  10 % | an appendix table in markdown pipes                         |
//! | `web`       |   8 % | an appendix table one cell per line between `|` lines, and  |
//! |             |       | prose hard-wrapped as web pages render it                   |
//!
//! Some paragraphs are split by a page break: a blank line (and sometimes a
//! page number) then the rest of the sentence, starting lowercase.

use fastrand::Rng;

use crate::pieces::Pieces;

/// The version of what the generator writes: bump it whenever the same
/// corpus and seed would give different bytes, so that `gen-corpus --keep`
/// regenerates corpora made by an older version.
pub const FORMAT: u32 = 1;

/// The Vietnamese alphabet as used for lettered items (no f, j, w, z).
pub const LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// How a generated document is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    /// Items with labelled fields.
    Fields,
    /// Agencies followed by their lettered duties.
    Directive,
    /// Fields or directive text as a PDF extract.
    Pdf,
    /// A tab-separated appendix table.
    TabTable,
    /// A markdown pipe appendix table.
    PipeTable,
    /// A one-cell-per-line web table and hard-wrapped prose.
    WebTable,
}

impl Layout {
    /// Every layout with its weight in the mix (out of 100).
    pub const MIX: [(Layout, u32); 6] = [
        (Layout::Fields, 35),
        (Layout::Directive, 25),
        (Layout::Pdf, 12),
        (Layout::TabTable, 10),
        (Layout::PipeTable, 10),
        (Layout::WebTable, 8),
    ];

    /// The name written in the manifest.
    pub fn as_str(self) -> &'static str {
        match self {
            Layout::Fields => "fields",
            Layout::Directive => "directive",
            Layout::Pdf => "pdf",
            Layout::TabTable => "tab",
            Layout::PipeTable => "pipe",
            Layout::WebTable => "web",
        }
    }
}

/// One generated document.
#[derive(Debug, Clone)]
pub struct GeneratedDocument {
    /// Its text.
    pub text: String,
    /// Its layout.
    pub layout: Layout,
    /// How many task items and task rows it holds (fields items, directive
    /// duties and table rows), as written by the generator.
    pub n_tasks: usize,
}

/// Builds documents from pieces.
#[derive(Debug, Clone)]
pub struct Generator<'p> {
    pieces: &'p Pieces,
    seed: u64,
    mean_bytes: usize,
}

impl<'p> Generator<'p> {
    /// A generator for `seed`, with documents of 30 000 bytes on average.
    pub fn new(pieces: &'p Pieces, seed: u64) -> Self {
        Generator {
            pieces,
            seed,
            mean_bytes: 30_000,
        }
    }

    /// Sets the average document size in bytes; sizes are spread uniformly
    /// from a third of it to five thirds.
    pub fn with_mean_bytes(mut self, mean_bytes: usize) -> Self {
        self.mean_bytes = mean_bytes.max(3_000);
        self
    }

    /// The document number `index`.
    pub fn document(&self, index: u64) -> GeneratedDocument {
        let mut rng = Rng::with_seed(mix(self.seed, index));
        let layout = pick_layout(&mut rng);
        let low = self.mean_bytes / 3;
        let target = rng.usize(low..=self.mean_bytes * 5 / 3);
        let style = Style::random(&mut rng, layout);
        let mut writer = Writer {
            pieces: self.pieces,
            rng,
            style,
            out: String::with_capacity(target + target / 4),
            lines_on_page: 0,
            page: 1,
            n_tasks: 0,
        };
        writer.document(layout, target);
        GeneratedDocument {
            text: writer.out,
            layout,
            n_tasks: writer.n_tasks,
        }
    }
}

/// SplitMix64 over the seed and index, so neighbouring indices get
/// unrelated streams.
fn mix(seed: u64, index: u64) -> u64 {
    let mut z = seed ^ index.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn pick_layout(rng: &mut Rng) -> Layout {
    let total: u32 = Layout::MIX.iter().map(|(_, weight)| weight).sum();
    let mut roll = rng.u32(0..total);
    for (layout, weight) in Layout::MIX {
        if roll < weight {
            return layout;
        }
        roll -= weight;
    }
    Layout::Fields
}

/// How a field line is written.
#[derive(Debug, Clone, Copy)]
enum FieldBullet {
    /// "- Đơn vị chủ trì: …"
    Dash,
    /// "- *Đơn vị chủ trì:* …"
    DashItalic,
    /// "Đơn vị thực hiện: …"
    Plain,
}

/// The choices that stay fixed within one document.
#[derive(Debug, Clone)]
struct Style {
    /// Items are "a)" (true) or "1.1." (false).
    lettered: bool,
    field_bullet: FieldBullet,
    /// A blank line after every paragraph.
    blank_lines: bool,
    /// A blank line between the fields of an item.
    blank_between_fields: bool,
    /// Hard wrap width for web-style text.
    wrap: Option<usize>,
    /// PDF: wrap width, page length in lines.
    pdf: Option<(usize, usize)>,
    /// Headings in markdown bold.
    bold_headings: bool,
    /// Chance that a long paragraph is split by a page break.
    page_break: f32,
    /// Directive content rather than fields (for PDF and table documents).
    directive: bool,
    /// Field labels chosen for this document: lead, support, products,
    /// deadline (indices into the label pools).
    labels: [usize; 4],
}

impl Style {
    fn random(rng: &mut Rng, layout: Layout) -> Style {
        let web = layout == Layout::WebTable
            || (matches!(layout, Layout::Fields | Layout::Directive) && rng.f32() < 0.2);
        let pdf = (layout == Layout::Pdf).then(|| (rng.usize(72..=86), rng.usize(42..=50)));
        let field_bullet = match rng.u8(0..10) {
            0..=4 => FieldBullet::Dash,
            5..=6 => FieldBullet::DashItalic,
            _ => FieldBullet::Plain,
        };
        Style {
            lettered: rng.f32() < 0.8,
            field_bullet,
            blank_lines: pdf.is_none(),
            blank_between_fields: pdf.is_none() && rng.bool(),
            wrap: web.then(|| rng.usize(60..=100)),
            pdf,
            bold_headings: web && rng.bool(),
            page_break: if pdf.is_some() { 0.0 } else { 0.06 },
            directive: match layout {
                Layout::Directive => true,
                Layout::Fields => false,
                _ => rng.bool(),
            },
            labels: std::array::from_fn(|_| rng.usize(..1 << 16)),
        }
    }
}

/// Writes one document.
struct Writer<'p> {
    pieces: &'p Pieces,
    rng: Rng,
    style: Style,
    out: String,
    lines_on_page: usize,
    page: u32,
    n_tasks: usize,
}

impl<'p> Writer<'p> {
    fn document(&mut self, layout: Layout, target: usize) {
        let header = self.pick(&self.pieces.headers);
        self.header(header);
        let mut roman = 1;
        if self.rng.f32() < 0.85 {
            self.narrative_section(roman);
            roman += 1;
        }
        let table = matches!(
            layout,
            Layout::TabTable | Layout::PipeTable | Layout::WebTable
        );
        let body_target = if table { target / 3 } else { target };
        while self.out.len() < body_target {
            if self.style.directive {
                self.directive_section(roman, body_target);
            } else {
                self.fields_section(roman, body_target);
            }
            roman += 1;
        }
        self.closing();
        if table {
            self.appendix_heading();
            match layout {
                Layout::TabTable => self.tab_table(target),
                Layout::PipeTable => self.pipe_table(target),
                _ => self.web_table(target),
            }
        }
    }

    fn pick(&mut self, list: &'p [String]) -> &'p str {
        if list.is_empty() {
            return "";
        }
        &list[self.rng.usize(..list.len())]
    }

    fn pick_or(&mut self, list: &'p [String], fallback: &'static str) -> &'p str {
        if list.is_empty() {
            fallback
        } else {
            self.pick(list)
        }
    }

    /// A header block as written, with a fresh document number.
    fn header(&mut self, header: &str) {
        let number = self.rng.u32(1..10_000);
        match number_digits(header) {
            Some(range) => {
                self.out.push_str(&header[..range.start]);
                self.out.push_str(&number.to_string());
                self.out.push_str(&header[range.end..]);
            }
            None => self.out.push_str(header),
        }
        self.out.push_str("\n\n");
        self.lines_on_page += header.lines().count() + 1;
    }

    /// One physical line; in PDF layout, a page number line when the page
    /// is full.
    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
        self.lines_on_page += 1;
        if let Some((_, page_lines)) = self.style.pdf
            && self.lines_on_page >= page_lines
        {
            self.page += 1;
            let pad = self.rng.usize(36..=48);
            self.out.push('\u{c}');
            self.out.extend(std::iter::repeat_n(' ', pad));
            self.out.push_str(&self.page.to_string());
            self.out.push('\n');
            self.lines_on_page = 0;
        }
    }

    fn blank(&mut self) {
        if self.style.blank_lines {
            self.out.push('\n');
            self.lines_on_page += 1;
        }
    }

    /// A heading line ("II. NHIỆM VỤ", "1. Sở Tư pháp").
    fn heading(&mut self, marker: &str, title: &str) {
        if self.style.bold_headings {
            let text = format!("**{marker}{title}**");
            self.paragraph("", &text);
        } else {
            self.paragraph(marker, title);
        }
    }

    /// A paragraph after its marker, laid out in the document's style.
    fn paragraph(&mut self, marker: &str, text: &str) {
        let full = format!("{marker}{text}");
        if let Some((width, _)) = self.style.pdf {
            // pdftotext: the first line indented deeper than the rest, the
            // rest indented only on the first page (its margins differ).
            let rest_indent = if self.page == 1 { 8 } else { 0 };
            let first_indent = rest_indent + self.rng.usize(5..=8);
            for (index, line) in wrap(&full, width).iter().enumerate() {
                let indent = if index == 0 {
                    first_indent
                } else {
                    rest_indent
                };
                let padded = format!("{:indent$}{line}", "");
                self.line(&padded);
            }
            return;
        }
        if let Some(width) = self.style.wrap {
            for line in wrap(&full, width) {
                self.line(line);
            }
            self.blank();
            return;
        }
        if full.len() > 160
            && self.rng.f32() < self.style.page_break
            && let Some(at) = page_break_point(&full, &mut self.rng)
        {
            let (head, tail) = full.split_at(at);
            self.line(head.trim_end());
            self.out.push('\n');
            if self.rng.f32() < 0.3 {
                self.page += 1;
                let page = self.page.to_string();
                self.line(&page);
                self.out.push('\n');
            }
            self.line(tail.trim_start());
        } else {
            self.line(&full);
        }
        self.blank();
    }

    fn narrative_section(&mut self, roman: usize) {
        let title = self.pick_or(&self.pieces.narrative_titles, "MỤC ĐÍCH, YÊU CẦU");
        self.heading(&format!("{}. ", roman_numeral(roman)), title);
        let n_subsections = self.rng.usize(1..=3);
        for sub in 1..=n_subsections {
            if !self.pieces.narrative_subtitles.is_empty() {
                let subtitle = self.pick(&self.pieces.narrative_subtitles);
                self.heading(&format!("{sub}. "), subtitle);
            }
            for _ in 0..self.rng.usize(1..=4) {
                let prose = self.pick(&self.pieces.prose);
                self.paragraph("- ", prose);
            }
        }
    }

    fn fields_section(&mut self, roman: usize, target: usize) {
        let title = self.pick_or(&self.pieces.task_section_titles, "NHIỆM VỤ VÀ GIẢI PHÁP");
        self.heading(&format!("{}. ", roman_numeral(roman)), title);
        let n_subsections = self.rng.usize(2..=5);
        for sub in 1..=n_subsections {
            let subtitle = self.pick_or(&self.pieces.subsection_titles, "Nhiệm vụ cụ thể");
            self.heading(&format!("{sub}. "), subtitle);
            let n_items = self.rng.usize(2..=8);
            for (item, letter) in LETTERS.iter().enumerate().take(n_items) {
                let marker = if self.style.lettered {
                    format!("{letter}) ")
                } else {
                    format!("{sub}.{}. ", item + 1)
                };
                let title = self.pick(&self.pieces.task_titles);
                self.paragraph(&marker, title);
                self.fields();
                self.n_tasks += 1;
                if self.out.len() >= target {
                    return;
                }
            }
        }
    }

    fn fields(&mut self) {
        let [lead, support, products, deadline] = self.style.labels;
        let pieces = self.pieces;
        let labels = &pieces.labels;
        let chosen = [
            (0.97, &labels.lead, lead, &pieces.leads),
            (0.8, &labels.support, support, &pieces.supports),
            (0.45, &labels.products, products, &pieces.products),
            (0.9, &labels.deadline, deadline, &pieces.deadlines),
        ];
        for (chance, label_pool, label_index, values) in chosen {
            if label_pool.is_empty() || values.is_empty() || self.rng.f32() >= chance {
                continue;
            }
            let label = &label_pool[label_index % label_pool.len()];
            let value = self.pick(values);
            let text = match self.style.field_bullet {
                FieldBullet::Dash => format!("- {label}: {value}"),
                FieldBullet::DashItalic => format!("- *{label}:* {value}"),
                FieldBullet::Plain => format!("{label}: {value}"),
            };
            let blank_lines = self.style.blank_lines;
            self.style.blank_lines = self.style.blank_between_fields;
            self.paragraph("", &text);
            self.style.blank_lines = blank_lines;
        }
        if !self.style.blank_between_fields {
            self.blank();
        }
    }

    fn directive_section(&mut self, roman: usize, target: usize) {
        let title = self.pick_or(&self.pieces.organization_titles, "TỔ CHỨC THỰC HIỆN");
        self.heading(&format!("{}. ", roman_numeral(roman)), title);
        let n_agencies = self.rng.usize(3..=12);
        for number in 1..=n_agencies {
            let agency = self.pick(&self.pieces.directive_agencies);
            let tail = match self.rng.u8(0..4) {
                0 => "",
                1 => " có trách nhiệm:",
                _ => ":",
            };
            self.heading(&format!("{number}. "), &format!("{agency}{tail}"));
            let n_duties = self.rng.usize(2..=7);
            for letter in LETTERS.iter().take(n_duties) {
                let duty = self.pick(&self.pieces.directive_tasks);
                let duty = if self.rng.f32() < 0.4 {
                    let deadline = self.pick(&self.pieces.deadlines);
                    with_deadline(duty, deadline)
                } else {
                    duty.to_owned()
                };
                self.paragraph(&format!("{letter}) "), &duty);
                self.n_tasks += 1;
            }
            if self.out.len() >= target {
                return;
            }
        }
    }

    fn closing(&mut self) {
        if self.pieces.closings.is_empty() {
            self.paragraph(
                "",
                "Trên đây là Kế hoạch triển khai thực hiện, đề nghị các cơ quan, đơn vị nghiêm túc thực hiện./.",
            );
            return;
        }
        let closing = self.pick(&self.pieces.closings);
        for line in closing.lines() {
            self.line(line);
        }
        self.out.push('\n');
    }

    fn appendix_heading(&mut self) {
        let number = self.rng.u32(1..10_000);
        let day = self.rng.u32(1..=28);
        let month = self.rng.u32(1..=12);
        let year = self.rng.u32(2015..=2026);
        let bold = self.style.bold_headings;
        self.out.push('\n');
        self.line(if bold {
            "**PHỤ LỤC**"
        } else {
            "PHỤ LỤC"
        });
        self.out.push('\n');
        self.line("DANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM");
        self.out.push('\n');
        self.line(&format!(
            "(Kèm theo Kế hoạch số {number}/KH-UBND ngày {day:02}/{month:02}/{year} của Ủy ban nhân dân tỉnh)"
        ));
        self.out.push('\n');
    }

    /// The columns of a table: always content and lead, usually support
    /// and deadline, sometimes approval and products.
    fn columns(&mut self) -> Vec<Column<'p>> {
        let pieces = self.pieces;
        let headers = &pieces.columns;
        let mut columns = vec![Column {
            header: self.pick_or(&headers.content, "Nội dung công việc"),
            values: &pieces.task_titles,
        }];
        let optional: [(f32, &'p [String], &'static str, &'p [String]); 5] = [
            (1.0, &headers.lead, "Cơ quan chủ trì", &pieces.leads),
            (0.85, &headers.support, "Cơ quan phối hợp", &pieces.supports),
            (
                0.25,
                &headers.approval,
                "Cấp ban hành/phê duyệt",
                &pieces.approvals,
            ),
            (0.35, &headers.products, "Sản phẩm", &pieces.products),
            (
                0.95,
                &headers.deadline,
                "Thời gian thực hiện",
                &pieces.deadlines,
            ),
        ];
        for (chance, names, fallback, values) in optional {
            if values.is_empty() || self.rng.f32() >= chance {
                continue;
            }
            columns.push(Column {
                header: self.pick_or(names, fallback),
                values,
            });
        }
        columns
    }

    fn cells(&mut self, columns: &[Column<'p>]) -> Vec<&'p str> {
        columns
            .iter()
            .map(|column| self.pick(column.values))
            .collect()
    }

    /// A section row title for a table.
    fn table_section(&mut self) -> &'p str {
        if self.pieces.table_sections.is_empty() {
            self.pick_or(&self.pieces.task_section_titles, "NHIỆM VỤ")
        } else {
            self.pick(&self.pieces.table_sections)
        }
    }

    fn tab_table(&mut self, target: usize) {
        let columns = self.columns();
        let header = columns
            .iter()
            .map(|column| column.header)
            .collect::<Vec<_>>()
            .join("\t");
        self.line(&header);
        let restart_numbers = self.rng.bool();
        let mut section = 0;
        let mut row_number = 0;
        let mut rows_on_page = 0;
        let mut page_rows = self.rng.usize(8..=20);
        let empty_tail = "\t".repeat(columns.len() - 1);
        while self.out.len() < target {
            if section == 0 || self.rng.f32() < 0.12 {
                section += 1;
                let title = self.table_section();
                self.line(&format!("{}. {title}{empty_tail}", roman_numeral(section)));
                if restart_numbers {
                    row_number = 0;
                }
            }
            row_number += 1;
            self.n_tasks += 1;
            let cells = self.cells(&columns);
            rows_on_page += 1;
            let page_break = rows_on_page >= page_rows;
            let split = if page_break && self.rng.bool() {
                split_row(&cells, &mut self.rng)
            } else {
                None
            };
            let (first, continuation) = match &split {
                Some((heads, tails)) => (heads.clone(), Some(tails.join("\t"))),
                None => (cells.clone(), None),
            };
            let mut line = format!("{row_number}. ");
            line.push_str(&first.join("\t"));
            self.line(&line);
            if page_break {
                self.out.push('\n');
                self.line(&header);
                if let Some(continuation) = continuation {
                    self.line(&continuation);
                }
                rows_on_page = 0;
                page_rows = self.rng.usize(8..=20);
            }
        }
    }

    fn pipe_table(&mut self, target: usize) {
        let columns = self.columns();
        let number_header = self.pick_or(&self.pieces.columns.number, "TT");
        let mut header = format!("| {number_header} |");
        let mut rule = String::from("|---|");
        for column in &columns {
            header.push_str(&format!(" {} |", column.header));
            rule.push_str("---|");
        }
        self.line(&header);
        self.line(&rule);
        let empty = " |".repeat(columns.len() - 1);
        let mut section = 0;
        let mut row_number = 0;
        while self.out.len() < target {
            if section == 0 || self.rng.f32() < 0.12 {
                section += 1;
                let title = self.table_section();
                self.line(&format!(
                    "| **{}.** | {title} |{empty}",
                    roman_numeral(section)
                ));
            }
            row_number += 1;
            self.n_tasks += 1;
            let cells = self.cells(&columns);
            let mut line = format!("| {row_number}. |");
            for cell in cells {
                line.push(' ');
                line.push_str(cell);
                line.push_str(" |");
            }
            self.line(&line);
        }
        self.out.push('\n');
    }

    fn web_table(&mut self, target: usize) {
        let columns = self.columns();
        let number_header = self.pick_or(&self.pieces.columns.number, "STT");
        let width = self.style.wrap.unwrap_or(80);
        self.line("|");
        self.line(&format!("**{number_header}**"));
        for column in &columns {
            self.line("|");
            self.line(&format!("**{}**", column.header));
        }
        self.line("|");
        let mut section = 0;
        let mut row_number = 0;
        while self.out.len() < target {
            if section == 0 || self.rng.f32() < 0.12 {
                section += 1;
                let title = self.table_section();
                self.line("|");
                let text = format!("**{}. {title}**", roman_numeral(section));
                for line in wrap(&text, width) {
                    self.line(line);
                }
                self.line("|");
            }
            row_number += 1;
            self.n_tasks += 1;
            let cells = self.cells(&columns);
            self.line("|");
            self.line(&row_number.to_string());
            for cell in cells {
                self.line("|");
                for line in wrap(cell, width) {
                    self.line(line);
                }
            }
            self.line("|");
        }
        self.line("|");
        self.line("|");
    }
}

/// A table column: its header and where its values come from.
struct Column<'p> {
    header: &'p str,
    values: &'p [String],
}

/// Splits a row at a page break: the first line keeps the content cell
/// whole and the heads of some other cells; the continuation line has an
/// empty first cell and the tails.
fn split_row<'c>(cells: &[&'c str], rng: &mut Rng) -> Option<(Vec<&'c str>, Vec<&'c str>)> {
    let mut heads = cells.to_vec();
    let mut tails = vec![""; cells.len()];
    let mut any = false;
    for (index, cell) in cells.iter().enumerate().skip(1) {
        if rng.f32() < 0.6
            && let Some(at) = word_split_point(cell, rng)
        {
            heads[index] = cell[..at].trim_end();
            tails[index] = cell[at..].trim_start();
            any = true;
        }
    }
    any.then_some((heads, tails))
}

/// A space near the middle of `text` to split it at, if it has one.
fn word_split_point(text: &str, rng: &mut Rng) -> Option<usize> {
    let spaces: Vec<usize> = text.match_indices(' ').map(|(at, _)| at).collect();
    if spaces.is_empty() {
        return None;
    }
    let low = spaces.len() / 3;
    let high = (spaces.len() * 2 / 3).max(low + 1).min(spaces.len());
    Some(spaces[rng.usize(low..high)])
}

/// Where a page break can cut a paragraph: before a lowercase word in its
/// middle third, so the next page starts with the lowercase rest.
fn page_break_point(text: &str, rng: &mut Rng) -> Option<usize> {
    let low = text.len() / 3;
    let high = text.len() * 2 / 3;
    let candidates: Vec<usize> = text
        .match_indices(' ')
        .map(|(at, _)| at)
        .filter(|&at| (low..high).contains(&at))
        .filter(|&at| {
            text[at + 1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_lowercase())
        })
        .collect();
    if candidates.is_empty() {
        return None;
    }
    Some(candidates[rng.usize(..candidates.len())] + 1)
}

/// Greedy word wrap at `width` characters; a word longer than the width
/// gets a line of its own.
fn wrap(text: &str, width: usize) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut end = 0;
    let mut line_chars = 0;
    let mut offset = 0;
    for word in text.split(' ') {
        let word_start = offset;
        offset += word.len() + 1;
        let n_chars = word.chars().count();
        if line_chars == 0 {
            line_chars = n_chars;
        } else if line_chars + 1 + n_chars > width {
            lines.push(&text[start..end]);
            start = word_start;
            line_chars = n_chars;
        } else {
            line_chars += 1 + n_chars;
        }
        end = word_start + word.len();
    }
    if end > start {
        lines.push(&text[start..end]);
    }
    lines
}

/// A duty sentence with a deadline phrase appended the way directives
/// write it.
fn with_deadline(duty: &str, deadline: &str) -> String {
    let duty = duty.trim_end().trim_end_matches(['.', ';', ',']);
    let deadline = deadline.trim_end().trim_end_matches(['.', ';']);
    let lower = lowercase_first(deadline);
    if lower.starts_with("trước") || lower.starts_with("chậm nhất") {
        format!("{duty}, hoàn thành {lower}.")
    } else if lower.starts_with("tháng") || lower.starts_with("năm") {
        format!("{duty}, hoàn thành trong {lower}.")
    } else if deadline.starts_with("Quý") || deadline.starts_with("Quí") {
        format!("{duty}, hoàn thành trong {deadline}.")
    } else {
        format!("{duty}; thời gian thực hiện: {lower}.")
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The byte range of the digits of the "Số: 839 /KH-VP" number, if the
/// header has one.
fn number_digits(header: &str) -> Option<std::ops::Range<usize>> {
    let at = header.find("Số:")? + "Số:".len();
    let rest = &header[at..];
    let skip = rest.len() - rest.trim_start_matches(' ').len();
    let digits = rest[skip..]
        .bytes()
        .take_while(|b| b.is_ascii_digit())
        .count();
    (digits > 0).then(|| at + skip..at + skip + digits)
}

/// `n` in Roman numerals (1 ≤ n < 4000).
pub fn roman_numeral(mut n: usize) -> String {
    const NUMERALS: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut text = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            text.push_str(numeral);
            n -= value;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        assert_eq!(roman_numeral(1), "I");
        assert_eq!(roman_numeral(4), "IV");
        assert_eq!(roman_numeral(14), "XIV");
        assert_eq!(roman_numeral(49), "XLIX");
    }

    #[test]
    fn wrap_keeps_words_whole() {
        let text = "Triển khai đánh giá mức độ chuyển đổi số trong các doanh nghiệp";
        let lines = wrap(text, 20);
        assert!(lines.iter().all(|line| line.chars().count() <= 20));
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn deadline_phrases_join_the_duty() {
        assert_eq!(
            with_deadline("Tổ chức kiểm tra.", "Trước ngày 30/6/2025"),
            "Tổ chức kiểm tra, hoàn thành trước ngày 30/6/2025."
        );
        assert_eq!(
            with_deadline("Tổ chức kiểm tra", "Quý III/2023."),
            "Tổ chức kiểm tra, hoàn thành trong Quý III/2023."
        );
    }

    #[test]
    fn header_numbers_are_found() {
        let header = "Số: 839 /KH-VP\nBình Thuận";
        let range = number_digits(header).unwrap();
        assert_eq!(&header[range], "839");
        assert_eq!(number_digits("Số: /KH-VP"), None);
    }
}
