//! Document metadata, and the split of a text into its documents.
//!
//! A text holds one document, or a decision with the plan it issues
//! attached after the decision's signature. Each document has a header
//! block (issuer, national motto, number, place and date, kind, title), a
//! body, and a signature block (recipients, signer). The header reaches us
//! as lines, as a two-column layout split by `|` or runs of spaces, as a
//! markdown table, or as a website's metadata table (`Số hiệu:`, `Loại văn
//! bản:` …); all of them are read as a sequence of fragments.

use std::borrow::Cow;
use std::sync::LazyLock;

use kehoach_text::ascii_key;
use regex::Regex;

use crate::diagnostic::Diagnostics;
use crate::key::{head_key, key_starts_with};
use crate::lexicon::{KIND_KEYS, MOTTO, SIGNER_PREFIXES, SIGNER_TITLES, starts_with_word};
use crate::marker::{MarkerStyle, parse_marker};
use crate::span::{Located, Span};
use crate::units::{Content, Opened, Unit, is_all_caps};

/// A calendar date as written, any part of which may be blank
/// ("ngày   tháng 12 năm 2022").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateParts {
    /// The year, when written.
    pub year: Option<i16>,
    /// The month (1–12), when written.
    pub month: Option<i8>,
    /// The day (1–31), when written.
    pub day: Option<i8>,
}

impl DateParts {
    /// True when day, month and year are all present.
    pub fn is_complete(&self) -> bool {
        self.year.is_some() && self.month.is_some() && self.day.is_some()
    }
}

/// A date line and its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateLine {
    /// The date as written ("ngày 27 tháng 02 năm 2023").
    pub raw: Located,
    /// Its parts.
    pub parts: DateParts,
}

/// The signer of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    /// The signing office, its lines joined by " / ":
    /// "KT. CHÁNH VĂN PHÒNG / PHÓ CHÁNH VĂN PHÒNG".
    pub title: Option<String>,
    /// The signer's name.
    pub name: Option<String>,
    /// The lines of the signature.
    pub span: Span,
}

/// The document another document is attached to, from its "(Ban hành kèm
/// theo Quyết định số 45 /QĐ-UBND ngày 10 tháng 01 năm 2023 …)" line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParentReference {
    /// The line as written.
    pub raw: Located,
    /// The parent's kind, e.g. `quyet_dinh`.
    pub kind: Option<&'static str>,
    /// The parent's number, normalized; none when left blank.
    pub number: Option<String>,
    /// The parent's number as written ("45 /QĐ-UBND", "/NQ-CP").
    pub number_raw: Option<String>,
    /// The parent's date.
    pub date: Option<DateParts>,
    /// The parent's date as written ("ngày 10 tháng 01 năm 2023").
    pub date_raw: Option<String>,
    /// Who issued the parent, as written after "của" ("Chủ tịch Ủy ban
    /// nhân dân tỉnh").
    pub issuer: Option<String>,
}

/// Where the document kind was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindSource {
    /// The heading word ("KẾ HOẠCH").
    Heading,
    /// The code in the number ("09/CT-UBND").
    Number,
    /// A website's metadata table ("Loại văn bản: Công văn").
    WebMetadata,
    /// The "(Kèm theo Nghị quyết số …)" line of a text that is only an
    /// appendix of that document.
    Reference,
}

/// What the header and signature of one document say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// The document kind in snake case without diacritics: `ke_hoach`.
    pub kind: Option<&'static str>,
    /// Where the kind came from.
    pub kind_source: Option<KindSource>,
    /// The kind heading as written.
    pub kind_heading: Option<Located>,
    /// The number, normalized ("839/KH-VP"); none when left blank.
    pub number: Option<String>,
    /// The number as written after "Số:".
    pub number_raw: Option<Located>,
    /// The place of issue ("Bình Thuận").
    pub place: Option<Located>,
    /// The date of issue.
    pub date: Option<DateLine>,
    /// The issuing body from the header ("ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK").
    pub issuer: Option<Located>,
    /// The authority line of a decision ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …").
    pub authority: Option<Located>,
    /// The title (trích yếu), joined across lines.
    pub title: Option<Located>,
    /// Who signed.
    pub signer: Option<Signer>,
    /// The "Nơi nhận" list.
    pub recipients: Vec<Located>,
    /// The "Kính gửi" addressees.
    pub addressees: Vec<Located>,
    /// The document this one is attached to.
    pub parent: Option<ParentReference>,
}

/// One document of a text, before its body is outlined.
#[derive(Debug)]
pub(crate) struct RawPart<'a> {
    pub(crate) metadata: Metadata,
    pub(crate) body: Vec<Unit<'a>>,
    pub(crate) span: Span,
}

/// Splits the units of a text into its documents and reads their metadata.
pub(crate) fn split_parts<'a>(
    mut units: Vec<Unit<'a>>,
    diagnostics: &mut Diagnostics,
) -> Vec<RawPart<'a>> {
    // A body holds at most the units from its start on: it never grows.
    let mut parts = vec![RawPart {
        metadata: Metadata::default(),
        body: Vec::with_capacity(units.len()),
        span: units.first().map_or(Span::line(1), |unit| unit.span),
    }];
    let mut state = State::Header(Header::default());
    let mut after_signature = false;
    for index in 0..units.len() {
        let unit = &units[index];
        // A kind heading after a signature, or one followed by a "kèm theo"
        // line, opens an attached document.
        let opens_attachment = !matches!(state, State::Header(_))
            && kind_heading(unit).is_some()
            && (after_signature || units[index + 1..].iter().take(3).any(is_attachment_line));
        if opens_attachment {
            parts.push(RawPart {
                metadata: Metadata::default(),
                body: Vec::with_capacity(units.len() - index),
                span: unit.span,
            });
            state = State::Header(Header::default());
            after_signature = false;
        }
        let Some(part) = parts.last_mut() else {
            break;
        };
        part.span = part.span.cover(unit.span);
        if let State::Header(header) = &mut state {
            match header.take(unit, &mut part.metadata, diagnostics) {
                Taken::Yes => continue,
                Taken::YesAndEnd => {
                    state = State::Body;
                    continue;
                }
                Taken::No => state = State::Body,
            }
        }
        if matches!(state, State::Body) && starts_signature(unit, &part.body) {
            state = State::Signature(Signature::default());
            after_signature = true;
        }
        if let State::Signature(signature) = &mut state {
            let appendix = unit_marker(unit).is_some_and(|style| style == MarkerStyle::Appendix);
            if !appendix && signature.take(unit, &mut part.metadata, diagnostics) {
                continue;
            }
            state = State::Body;
        }
        // Later units only look ahead: this one moves into the body.
        let placeholder = Unit {
            content: Content::Text(Cow::Borrowed("")),
            span: unit.span,
            opening: Opened::Unread,
        };
        part.body
            .push(std::mem::replace(&mut units[index], placeholder));
    }
    for part in &mut parts {
        if part.metadata.kind.is_none() {
            infer_kind_from_number(&mut part.metadata);
        }
        report_gaps(&part.metadata, diagnostics);
    }
    parts
}

enum State {
    Header(Header),
    Body,
    Signature(Signature),
}

enum Taken {
    Yes,
    YesAndEnd,
    No,
}

/// The first marker style of a text unit.
fn unit_marker(unit: &Unit<'_>) -> Option<MarkerStyle> {
    match (&unit.content, unit.opening.marker()) {
        (Content::Text(_), Some(marker)) => marker.map(|(style, _)| style),
        (Content::Text(text), None) => parse_marker(text).map(|(marker, _)| marker.style),
        (Content::Row(_), _) => None,
    }
}

/// The kind named by a unit that is a kind heading ("KẾ HOẠCH", also with
/// the title after it on the same line), and the title text after it.
fn kind_heading(unit: &Unit<'_>) -> Option<(&'static str, String)> {
    let Content::Text(text) = &unit.content else {
        return None;
    };
    kind_heading_text(text)
}

fn kind_heading_text(text: &str) -> Option<(&'static str, String)> {
    if text.ends_with(':') {
        // "QUYẾT ĐỊNH:" is the enacting formula, not a heading.
        return None;
    }
    // A heading is in capitals from its first letter on; most texts are
    // done at their first character, the first of their first word, or at
    // their second, a lowercase letter in the first word.
    let mut chars = text.chars();
    if let (Some(first), Some(second)) = (chars.next(), chars.next())
        && !first.is_whitespace()
        && (!first.is_uppercase() || second.is_lowercase())
    {
        return None;
    }
    if !text.trim_start().starts_with(char::is_uppercase) {
        return None;
    }
    let first_word = text.split_whitespace().next().unwrap_or("");
    if first_word.chars().any(char::is_lowercase) {
        return None;
    }
    let key = head_key(&text[..text.floor_char_boundary(60)]);
    for kind in KIND_KEYS.iter() {
        if !starts_with_word(&key, &kind.heading) {
            continue;
        }
        let words = kind.heading.split(' ').count();
        let head: String = text
            .split_whitespace()
            .take(words)
            .collect::<Vec<_>>()
            .join(" ");
        if !is_all_caps(&head) {
            return None;
        }
        let rest: String = text
            .split_whitespace()
            .skip(words)
            .collect::<Vec<_>>()
            .join(" ");
        // The heading alone, or followed by a title that is not in capitals
        // ("KẾ HOẠCH Cải cách hành chính năm 2023").
        if rest.is_empty() || !is_all_caps(&rest) {
            return Some((kind.name, rest));
        }
        return None;
    }
    None
}

fn is_attachment_line(unit: &Unit<'_>) -> bool {
    match &unit.content {
        Content::Text(text) => is_attachment_text(text),
        Content::Row(_) => false,
    }
}

pub(crate) fn is_attachment_text(text: &str) -> bool {
    let head = &text[..text.floor_char_boundary(60)];
    key_starts_with(head, "(ban hanh kem theo")
        || key_starts_with(head, "(kem theo")
        || key_starts_with(head, "ban hanh kem theo")
}

/// The header block of one document.
#[derive(Default)]
struct Header {
    seen_kind: bool,
    expecting_title: bool,
    seen_any: bool,
    /// A website metadata key waiting for its value.
    web_key: Option<String>,
    /// After "Kính gửi:" with no value: the list follows.
    addressee_list: bool,
}

/// Keys of a website's metadata table.
const WEB_KEYS: [&str; 9] = [
    "so hieu",
    "loai van ban",
    "noi ban hanh",
    "nguoi ky",
    "ngay ban hanh",
    "ngay hieu luc",
    "tinh trang",
    "ngay cong bao",
    "so cong bao",
];

impl Header {
    fn take(
        &mut self,
        unit: &Unit<'_>,
        metadata: &mut Metadata,
        diagnostics: &mut Diagnostics,
    ) -> Taken {
        match &unit.content {
            Content::Text(text) => {
                let taken = self.take_fragment(text, unit.span, true, metadata, diagnostics);
                self.seen_any = true;
                taken
            }
            Content::Row(cells) => {
                // A layout row of the header: every cell is a fragment.
                let mut any = false;
                for cell in cells {
                    let text = cell.text();
                    if text.is_empty() {
                        continue;
                    }
                    match self.take_fragment(&text, cell.span, false, metadata, diagnostics) {
                        Taken::No => {
                            if !is_rule_text(&text) {
                                diagnostics.info(
                                    "header-unrecognised",
                                    Some(cell.span.start_line),
                                    format!(
                                        "text in the header not understood: '{}'",
                                        shorten(&text)
                                    ),
                                );
                            }
                        }
                        _ => any = true,
                    }
                }
                self.seen_any = true;
                if any || !self.seen_kind {
                    Taken::Yes
                } else {
                    Taken::No
                }
            }
        }
    }

    fn take_fragment(
        &mut self,
        text: &str,
        span: Span,
        whole_unit: bool,
        metadata: &mut Metadata,
        diagnostics: &mut Diagnostics,
    ) -> Taken {
        let key = ascii_key(&text[..text.floor_char_boundary(80)]);
        let located = |text: &str| Located {
            text: text.trim().to_owned(),
            span,
        };
        if !self.seen_any && text.starts_with('[') && text.ends_with(']') {
            diagnostics.info(
                "note-skipped",
                Some(span.start_line),
                format!("skipped a note before the document: '{}'", shorten(text)),
            );
            return Taken::Yes;
        }
        if MOTTO.iter().any(|motto| key.contains(motto.as_str())) || is_rule_text(text) {
            return Taken::Yes;
        }
        if let Some(web_key) = self.web_key.take() {
            take_web_value(&web_key, text, span, metadata);
            return Taken::Yes;
        }
        let key_no_colon = key.trim_end_matches(':').trim();
        if key.ends_with(':') && WEB_KEYS.contains(&key_no_colon) {
            self.web_key = Some(key_no_colon.to_owned());
            return Taken::Yes;
        }
        if self.addressee_list {
            if let Some((marker, len)) =
                parse_marker(text).filter(|(m, _)| m.style == MarkerStyle::Dash)
            {
                let _ = marker;
                metadata
                    .addressees
                    .push(located(trim_list_item(&text[len..])));
                return Taken::Yes;
            }
            self.addressee_list = false;
            return Taken::No;
        }
        if let Some(rest) = strip_key_prefix(text, &key, "so:") {
            set_number(rest, span, metadata);
            return Taken::Yes;
        }
        if let Some(rest) = strip_key_prefix(text, &key, "kinh gui:") {
            let rest = rest.trim();
            if rest.is_empty() {
                self.addressee_list = true;
                return Taken::Yes;
            }
            metadata.addressees.push(located(rest));
            return Taken::YesAndEnd;
        }
        if let Some(date) = place_and_date(text, span)
            && metadata.date.is_none()
        {
            metadata.place = date.0;
            metadata.date = Some(date.1);
            return Taken::Yes;
        }
        if whole_unit
            && let Some((kind, rest)) = kind_heading_text(text)
            && !self.seen_kind
        {
            self.seen_kind = true;
            metadata.kind = Some(kind);
            metadata.kind_source = Some(KindSource::Heading);
            let head_words = text.split_whitespace().count() - rest.split_whitespace().count();
            let head: Vec<&str> = text.split_whitespace().take(head_words).collect();
            metadata.kind_heading = Some(located(&head.join(" ")));
            if rest.is_empty() {
                self.expecting_title = true;
            } else {
                metadata.title = Some(located(&rest));
            }
            return Taken::Yes;
        }
        if is_attachment_text(text) {
            metadata.parent = Some(parent_reference(text, span));
            return Taken::Yes;
        }
        if self.expecting_title && whole_unit {
            self.expecting_title = false;
            if parse_marker(text).is_none() {
                metadata.title = Some(located(text));
                return Taken::Yes;
            }
            return Taken::No;
        }
        if metadata.title.is_none() && (key.starts_with("v/v ") || key.starts_with("ve viec ")) {
            let title = if key.starts_with("v/v ") {
                &text[4..]
            } else {
                text
            };
            metadata.title = Some(located(title));
            return Taken::Yes;
        }
        if is_all_caps(text) && parse_marker(text).is_none() && !text.ends_with(':') {
            if !self.seen_kind && metadata.title.is_none() {
                append_located(&mut metadata.issuer, text, span);
                return Taken::Yes;
            }
            if metadata.title.is_some()
                && metadata.authority.is_none()
                && text.chars().count() <= 120
            {
                metadata.authority = Some(located(text));
                return Taken::Yes;
            }
        }
        Taken::No
    }
}

fn shorten(text: &str) -> String {
    let cut = text.floor_char_boundary(80);
    if cut < text.len() {
        format!("{}…", &text[..cut])
    } else {
        text.to_owned()
    }
}

fn is_rule_text(text: &str) -> bool {
    let trimmed = text.trim();
    !trimmed.is_empty()
        && trimmed
            .chars()
            .all(|c| matches!(c, '-' | '_' | '=' | '*' | ' '))
}

/// `text` after a prefix whose diacritic-free key is `prefix`.
fn strip_key_prefix<'t>(text: &'t str, key: &str, prefix: &str) -> Option<&'t str> {
    if !key.starts_with(prefix) {
        return None;
    }
    let chars = prefix.chars().count();
    let at = text
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(index, _)| index);
    Some(&text[at..])
}

fn append_located(target: &mut Option<Located>, text: &str, span: Span) {
    let text = text.trim().trim_end_matches(['-', ' ']);
    match target {
        Some(existing) => {
            existing.text.push(' ');
            existing.text.push_str(text);
            existing.span = existing.span.cover(span);
        }
        None => {
            *target = Some(Located {
                text: text.to_owned(),
                span,
            })
        }
    }
}

fn trim_list_item(text: &str) -> &str {
    text.trim().trim_end_matches([';', '.', ','])
}

fn take_web_value(key: &str, value: &str, span: Span, metadata: &mut Metadata) {
    let located = Located {
        text: value.trim().to_owned(),
        span,
    };
    match key {
        "so hieu" => set_number(value, span, metadata),
        "loai van ban" => {
            let value_key = ascii_key(value);
            if let Some(kind) = KIND_KEYS.iter().find(|kind| kind.heading == value_key) {
                metadata.kind = Some(kind.name);
                metadata.kind_source = Some(KindSource::WebMetadata);
            }
        }
        "noi ban hanh" => metadata.issuer = Some(located),
        "nguoi ky" => {
            metadata.signer = Some(Signer {
                title: None,
                name: Some(located.text),
                span,
            })
        }
        "ngay ban hanh" => {
            if let Some(parts) = parse_date(value) {
                metadata.date = Some(DateLine {
                    raw: located,
                    parts,
                });
            }
        }
        _ => {}
    }
}

/// Records the number after "Số:"; a blank number ("Số: /KH-VP") is kept
/// as written but not invented.
fn set_number(rest: &str, span: Span, metadata: &mut Metadata) {
    let raw = rest.trim();
    metadata.number_raw = Some(Located {
        text: raw.to_owned(),
        span,
    });
    metadata.number = normalize_number(raw);
}

/// "839 /KH-VP" → "839/KH-VP"; none when the number itself is blank.
pub(crate) fn normalize_number(raw: &str) -> Option<String> {
    let mut compact = String::with_capacity(raw.len());
    let mut chars = raw.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            let next = chars.peek().copied();
            let previous = compact.chars().next_back();
            if matches!(next, Some('/' | '-')) || matches!(previous, Some('/' | '-')) {
                continue;
            }
            break;
        }
        compact.push(c);
    }
    let compact = compact.trim_end_matches(['.', ',', ';']).to_owned();
    compact
        .starts_with(|c: char| c.is_ascii_digit())
        .then_some(compact)
}

/// The kind named by the code in a document number: "09/CT-UBND" → chỉ
/// thị, "1568-CV/TU" → công văn, "107/2020/NĐ-CP" → nghị định; a number
/// with only an issuer's code ("9389/BNNMT-BĐKH") is a công văn.
pub(crate) fn kind_from_number(number: &str) -> Option<&'static str> {
    static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\d*(?:-([\p{L}&]+))?/(?:\d{4}/)?([\p{L}&]+)").expect("valid number pattern")
    });
    let captures = NUMBER.captures(number.trim())?;
    let code = captures.get(1).or_else(|| captures.get(2))?.as_str();
    let code_key = ascii_key(code);
    Some(
        KIND_KEYS
            .iter()
            .find(|kind| kind.codes.contains(&code_key))
            .map_or("cong_van", |kind| kind.name),
    )
}

/// A text that is only an appendix of a document (it opens with "PHỤ LỤC"
/// and has no header) belongs to the document its "(Kèm theo …)" line
/// names: kind, number and date come from that line.
pub(crate) fn adopt_appendix_reference(
    metadata: &mut Metadata,
    line: &Located,
    diagnostics: &mut Diagnostics,
) {
    let parent = parent_reference(&line.text, line.span);
    metadata.kind = parent.kind;
    metadata.kind_source = parent.kind.map(|_| KindSource::Reference);
    metadata.number = parent.number.clone();
    metadata.number_raw = parent.number_raw.as_ref().map(|raw| Located {
        text: raw.clone(),
        span: line.span,
    });
    if let Some(parts) = parent.date {
        metadata.date = Some(DateLine {
            raw: Located {
                text: parent.date_raw.clone().unwrap_or_else(|| line.text.clone()),
                span: line.span,
            },
            parts,
        });
    }
    diagnostics.info(
        "appendix-only",
        Some(line.span.start_line),
        "the text starts at an appendix; its metadata is read from the 'kèm theo' line".to_owned(),
    );
    if parent.number.is_none() {
        diagnostics.warning(
            "number-missing",
            Some(line.span.start_line),
            format!(
                "the document number is blank: '{}'",
                parent.number_raw.as_deref().unwrap_or("")
            ),
        );
    }
    metadata.parent = Some(parent);
}

/// Reports a number or a date left blank in the header.
fn report_gaps(metadata: &Metadata, diagnostics: &mut Diagnostics) {
    if let (Some(raw), None) = (&metadata.number_raw, &metadata.number) {
        diagnostics.warning(
            "number-missing",
            Some(raw.span.start_line),
            format!("the document number is blank: 'Số: {}'", raw.text),
        );
    }
    if let Some(date) = metadata
        .date
        .as_ref()
        .filter(|date| !date.parts.is_complete())
    {
        diagnostics.info(
            "date-partial",
            Some(date.raw.span.start_line),
            format!("the date is incomplete: '{}'", date.raw.text),
        );
    }
}

fn infer_kind_from_number(metadata: &mut Metadata) {
    let from_raw = metadata
        .number_raw
        .as_ref()
        .map(|raw| raw.text.replace(' ', ""));
    let number = metadata.number.clone().or(from_raw);
    if let Some(kind) = number.as_deref().and_then(kind_from_number) {
        metadata.kind = Some(kind);
        metadata.kind_source = Some(KindSource::Number);
    }
}

/// True when `text` is a place-and-date line such as "Hà Nội, ngày 20
/// tháng 11 năm 2025".
pub(crate) fn is_place_date(text: &str) -> bool {
    // The end is read before the whole text is searched.
    ends_like_a_date(crate::lines::trim(text))
        && text.contains("ngày")
        && place_and_date(text, Span::line(1)).is_some()
}

/// A place-and-date line: "Bình Thuận, ngày 27 tháng 02 năm 2023".
static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:([^,]{2,40}),\s*)?(ngày\s*\d{0,2}\s*tháng\s*\d{0,2}\s*năm\s*\d{4}|ngày\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4})\s*\.?$")
        .expect("valid date pattern")
});

/// True when a trimmed text ends as [`PLACE_DATE`] does, on a digit and an
/// optional full stop: most lines that mention a "ngày" end otherwise and
/// need no search.
fn ends_like_a_date(text: &str) -> bool {
    let before_stop = text.strip_suffix('.').unwrap_or(text).trim_end();
    before_stop.ends_with(char::is_numeric)
}

/// True when a trimmed text opens as [`PLACE_DATE`] does: with "ngày" in
/// any case, or with it after the first comma and the whitespace after it
/// (the place holds no comma). Most lines that end like a date (a deadline
/// "… trước ngày 31/12/2025.") open otherwise and need no search.
fn opens_like_a_date(text: &str) -> bool {
    let starts_with_day = |text: &str| {
        let mut chars = text.chars();
        matches!(chars.next(), Some('n' | 'N'))
            && matches!(chars.next(), Some('g' | 'G'))
            && matches!(chars.next(), Some('à' | 'À'))
            && matches!(chars.next(), Some('y' | 'Y'))
    };
    starts_with_day(text)
        || text
            .split_once(',')
            .is_some_and(|(_, rest)| starts_with_day(rest.trim_start()))
}

/// Reads a place-and-date line: "Bình Thuận, ngày 27 tháng 02 năm 2023".
fn place_and_date(text: &str, span: Span) -> Option<(Option<Located>, DateLine)> {
    let text = text.trim();
    if !ends_like_a_date(text) || !opens_like_a_date(text) {
        return None;
    }
    let captures = PLACE_DATE.captures(text)?;
    let date_text = captures.get(2)?.as_str();
    let parts = parse_date(date_text)?;
    let place = captures.get(1).map(|place| Located {
        text: place.as_str().trim().to_owned(),
        span,
    });
    Some((
        place,
        DateLine {
            raw: Located {
                text: date_text.to_owned(),
                span,
            },
            parts,
        },
    ))
}

/// Parses "ngày 27 tháng 02 năm 2023", "ngày   tháng 12 năm 2022",
/// "ngày 21/11/2025" or "21/11/2025".
pub(crate) fn parse_date(text: &str) -> Option<DateParts> {
    find_date(text).map(|(parts, _)| parts)
}

/// The first date in a text, with the words that write it.
fn find_date(text: &str) -> Option<(DateParts, &str)> {
    static WORDS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})")
            .expect("valid date pattern")
    });
    static SLASHES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})").expect("valid date pattern")
    });
    let number = |m: Option<regex::Match<'_>>| m.and_then(|m| m.as_str().parse::<i16>().ok());
    let c = WORDS.captures(text).or_else(|| SLASHES.captures(text))?;
    let (day, month, year) = (number(c.get(1)), number(c.get(2)), number(c.get(3)));
    let parts = DateParts {
        year,
        month: month
            .filter(|m| (1..=12).contains(m))
            .and_then(|m| i8::try_from(m).ok()),
        day: day
            .filter(|d| (1..=31).contains(d))
            .and_then(|d| i8::try_from(d).ok()),
    };
    Some((parts, c.get(0).map_or("", |m| m.as_str())))
}

/// Reads "(Ban hành kèm theo Quyết định số 45 /QĐ-UBND ngày 10 tháng 01
/// năm 2023 của Chủ tịch …)".
fn parent_reference(text: &str, span: Span) -> ParentReference {
    static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\bsố:?\s*((?:\d[\w.]*)?\s*/\s*[\p{L}\d&/.-]+)")
            .expect("valid number pattern")
    });
    let key = ascii_key(text);
    // The kind word nearest before "số" names the parent document.
    let before_number = key.find(" so ").map_or(key.as_str(), |at| &key[..at]);
    let kind = KIND_KEYS
        .iter()
        .filter_map(|kind| {
            before_number
                .rfind(kind.heading.as_str())
                .map(|at| (at, kind.name))
        })
        .max_by_key(|(at, _)| *at)
        .map(|(_, name)| name);
    let number_raw = NUMBER
        .captures(text)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().trim().to_owned());
    let date = find_date(text);
    // The issuer follows the last "của" and runs to the closing bracket.
    let issuer = text
        .rfind(" của ")
        .map(|at| {
            text[at + " của ".len()..]
                .trim()
                .trim_end_matches([')', '.', ' '])
        })
        .filter(|issuer| !issuer.is_empty())
        .map(str::to_owned);
    ParentReference {
        raw: Located {
            text: text.trim().to_owned(),
            span,
        },
        kind,
        number: number_raw.as_deref().and_then(normalize_number),
        number_raw,
        date: date.map(|(parts, _)| parts),
        date_raw: date.map(|(_, raw)| raw.trim().to_owned()),
        issuer,
    }
}

/// True when a unit opens the signature block.
fn starts_signature(unit: &Unit<'_>, body: &[Unit<'_>]) -> bool {
    match &unit.content {
        Content::Text(text) => fragments_start_signature(std::iter::once(&**text), body),
        Content::Row(cells) => fragments_start_signature(
            cells
                .iter()
                .flat_map(|cell| cell.texts().iter().map(String::as_str)),
            body,
        ),
    }
}

/// True when the fragments of a unit (a paragraph, or each line of a row's
/// cells) open the signature block after `body`.
fn fragments_start_signature<'t>(
    fragments: impl Iterator<Item = &'t str> + Clone,
    body: &[Unit<'_>],
) -> bool {
    let opens_with_recipients = fragments
        .clone()
        .any(|fragment| key_starts_with(&fragment[..fragment.floor_char_boundary(20)], "noi nhan"));
    if opens_with_recipients {
        return true;
    }
    // A signer's title straight after the closing of the body.
    let after_closing = body.last().is_some_and(|last| match &last.content {
        Content::Text(text) => text.trim_end().ends_with("/."),
        Content::Row(_) => false,
    });
    after_closing
        && fragments
            .into_iter()
            .any(|fragment| signer_title_lines(fragment).is_some())
}

/// The signature block: recipients and signer.
#[derive(Default)]
struct Signature {
    in_recipients: bool,
    titles: Vec<String>,
}

impl Signature {
    fn take(
        &mut self,
        unit: &Unit<'_>,
        metadata: &mut Metadata,
        diagnostics: &mut Diagnostics,
    ) -> bool {
        match &unit.content {
            Content::Text(text) => {
                if self.take_fragment(text, unit.span, metadata) {
                    return true;
                }
                // Stray short text in a signature block (a stamp, "86 N") is
                // reported; a real paragraph means the body goes on.
                let short = text.split_whitespace().count() <= 5;
                if short {
                    diagnostics.info(
                        "signature-unrecognised",
                        Some(unit.span.start_line),
                        format!(
                            "text in the signature block not understood: '{}'",
                            shorten(text)
                        ),
                    );
                }
                short
            }
            Content::Row(cells) => {
                for cell in cells {
                    for segment in join_title_lines(cell.texts()) {
                        if !self.take_fragment(&segment, cell.span, metadata) {
                            self.continue_recipient(&segment, cell.span, metadata, diagnostics);
                        }
                    }
                }
                true
            }
        }
    }

    /// A line of a recipients list that does not start with "-" continues
    /// the entry before it.
    fn continue_recipient(
        &mut self,
        text: &str,
        span: Span,
        metadata: &mut Metadata,
        diagnostics: &mut Diagnostics,
    ) {
        match metadata
            .recipients
            .last_mut()
            .filter(|_| self.in_recipients)
        {
            Some(last) if !last.text.ends_with(';') || text.starts_with(char::is_lowercase) => {
                last.text.push(' ');
                last.text.push_str(trim_list_item(text));
                last.span = last.span.cover(span);
            }
            _ => diagnostics.info(
                "signature-unrecognised",
                Some(span.start_line),
                format!(
                    "text in the signature block not understood: '{}'",
                    shorten(text)
                ),
            ),
        }
    }

    fn take_fragment(&mut self, text: &str, span: Span, metadata: &mut Metadata) -> bool {
        if key_starts_with(&text[..text.floor_char_boundary(20)], "noi nhan") {
            self.in_recipients = true;
            let rest = text.split_once(':').map_or("", |(_, rest)| rest);
            push_recipients(rest, span, metadata);
            return true;
        }
        if let Some(lines) = signer_title_lines(text) {
            self.titles.extend(lines);
            let signer = metadata.signer.get_or_insert(Signer {
                title: None,
                name: None,
                span,
            });
            signer.title = Some(self.titles.join(" / "));
            signer.span = signer.span.cover(span);
            return true;
        }
        if let Some((marker, _)) = parse_marker(text)
            && matches!(marker.style, MarkerStyle::Dash | MarkerStyle::Plus)
            && self.in_recipients
        {
            push_recipients(text, span, metadata);
            return true;
        }
        if looks_like_name(text) && !self.titles.is_empty() {
            let signer = metadata.signer.get_or_insert(Signer {
                title: None,
                name: None,
                span,
            });
            signer.name.get_or_insert_with(|| text.trim().to_owned());
            signer.span = signer.span.cover(span);
            return true;
        }
        false
    }
}

/// The lines of a signature cell, split at column gaps, with a signer's
/// title wrapped over two lines ("TM. ỦY BAN" / "NHÂN DÂN") joined back.
fn join_title_lines(lines: &[String]) -> Vec<String> {
    let segments: Vec<&str> = lines
        .iter()
        .flat_map(|line| line.split("    "))
        .map(str::trim)
        .filter(|segment| !segment.is_empty())
        .collect();
    let mut joined: Vec<String> = Vec::with_capacity(segments.len());
    let mut index = 0;
    while index < segments.len() {
        let segment = segments[index];
        if let Some(next) = segments.get(index + 1) {
            let both = format!("{segment} {next}");
            if signer_title_lines(segment).is_none() && signer_title_lines(&both).is_some() {
                joined.push(both);
                index += 2;
                continue;
            }
        }
        joined.push(segment.to_owned());
        index += 1;
    }
    joined
}

/// Adds the entries of a recipients text: one "- A;" line, or a whole list
/// on one line "- A (để báo cáo); - B; - Lưu: VT.". A purpose written after
/// the entry's semicolon ("- A; (để báo cáo)") stays with its entry.
fn push_recipients(text: &str, span: Span, metadata: &mut Metadata) {
    let text = text.trim();
    let text = text.strip_prefix(['-', '+', '–']).unwrap_or(text);
    for entry in text.split("; -").flat_map(|part| part.split("; +")) {
        let entry = trim_list_item(entry.trim_start_matches(['-', '+', ' ']));
        if !entry.is_empty() {
            metadata.recipients.push(Located {
                text: purpose_joined(entry),
                span,
            });
        }
    }
}

/// `entry` with each purpose written after a semicolon ("Bộ X; (để báo
/// cáo)", "Bộ X ;(b/c)") joined to what it qualifies: "Bộ X (để báo cáo)".
fn purpose_joined(entry: &str) -> String {
    let mut joined = String::with_capacity(entry.len());
    let mut rest = entry;
    while let Some(at) = rest.find(';') {
        let after = rest[at + 1..].trim_start();
        if after.starts_with('(') {
            joined.push_str(rest[..at].trim_end());
            joined.push(' ');
            rest = after;
        } else {
            joined.push_str(&rest[..=at]);
            rest = &rest[at + 1..];
        }
    }
    joined.push_str(rest);
    joined
}

/// The title lines of a signer's title ("KT. BỘ TRƯỞNG THỨ TRƯỞNG" →
/// "KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"), if `text` is one.
fn signer_title_lines(text: &str) -> Option<Vec<String>> {
    let text = text.trim();
    if !is_all_caps(text) || text.chars().count() > 90 {
        return None;
    }
    let key = ascii_key(text);
    let prefix = SIGNER_PREFIXES
        .iter()
        .find(|prefix| key.starts_with(prefix.as_str()));
    let mut rest_key = prefix.map_or(key.as_str(), |prefix| key[prefix.len()..].trim_start());
    let mut pieces: Vec<String> = Vec::new();
    while !rest_key.is_empty() {
        let title = SIGNER_TITLES
            .iter()
            .find(|title| starts_with_word(rest_key, title))?;
        pieces.push(title.clone());
        rest_key = rest_key[title.len()..].trim_start();
        if pieces.len() == 1
            && !rest_key.is_empty()
            && !SIGNER_TITLES.iter().any(|t| starts_with_word(rest_key, t))
        {
            // "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …" is one title with its body.
            return Some(vec![text.to_owned()]);
        }
    }
    if pieces.is_empty() {
        return None;
    }
    // Map the pieces back onto the text as written.
    let words: Vec<&str> = text.split_whitespace().collect();
    let prefix_words = prefix.map_or(0, |p| p.split_whitespace().count());
    let mut lines = Vec::new();
    let mut at = 0;
    for (index, piece) in pieces.iter().enumerate() {
        let count = piece.split_whitespace().count() + if index == 0 { prefix_words } else { 0 };
        let end = (at + count).min(words.len());
        lines.push(words[at..end].join(" "));
        at = end;
    }
    if at < words.len()
        && let Some(last) = lines.last_mut()
    {
        last.push(' ');
        last.push_str(&words[at..].join(" "));
    }
    Some(lines)
}

/// A person's name: two to six capitalised words of letters.
fn looks_like_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|word| {
            word.starts_with(char::is_uppercase)
                && word
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '.' || c == '\'')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The former [`kind_heading_text`], which read the first word of
    /// every text.
    fn kind_heading_text_by_words(text: &str) -> Option<(&'static str, String)> {
        if text.ends_with(':') || !text.trim_start().starts_with(char::is_uppercase) {
            return None;
        }
        let first_word = text.split_whitespace().next().unwrap_or("");
        if first_word.chars().any(char::is_lowercase) {
            return None;
        }
        let key = head_key(&text[..text.floor_char_boundary(60)]);
        let kind = KIND_KEYS
            .iter()
            .find(|kind| starts_with_word(&key, &kind.heading))?;
        let words = kind.heading.split(' ').count();
        let head: Vec<&str> = text.split_whitespace().take(words).collect();
        if !is_all_caps(&head.join(" ")) {
            return None;
        }
        let rest = text
            .split_whitespace()
            .skip(words)
            .collect::<Vec<_>>()
            .join(" ");
        (rest.is_empty() || !is_all_caps(&rest)).then_some((kind.name, rest))
    }

    proptest::proptest! {
        /// Kind headings are read as through the first word.
        #[test]
        fn kind_headings_are_read_as_by_words(
            text in "[ \t]?(KẾ HOẠCH|Kế hoạch|QUYẾT ĐỊNH|CHỈ THỊ|KẾ|K|Ế)?[ a-zA-ZẾỊạ\u{a0}:.]{0,12}",
        ) {
            proptest::prop_assert_eq!(
                kind_heading_text(&text),
                kind_heading_text_by_words(&text),
                "{:?}", text
            );
        }
    }
    use proptest::prelude::*;

    proptest! {
        /// Every text the place-and-date pattern matches passes the cheap
        /// check that comes before it.
        #[test]
        fn place_dates_end_like_a_date(
            text in "([A-Za-zàáạểứ ]{0,12}, ?)?[Nn]gày ?[0-9]{0,2} ?(tháng ?[0-9]{0,2} ?năm|[/.-] ?[0-9]{1,2} ?[/.-]) ?[0-9٠-٩]{4}[ .\t\u{a0}a]{0,3}"
        ) {
            let text = text.trim();
            prop_assert!(!PLACE_DATE.is_match(text) || ends_like_a_date(text), "{:?}", text);
        }

        /// Every text the place-and-date pattern matches, in any case, opens
        /// as the cheap check expects.
        #[test]
        fn place_dates_open_like_a_date(
            text in "([A-Za-zàáạểứ ]{0,12},[ \t\u{a0}]{0,2})?[Nn][Gg][àÀ][yY] ?[0-9]{0,2} ?(tháng ?[0-9]{0,2} ?năm|[/.-] ?[0-9]{1,2} ?[/.-]) ?[0-9]{4}[ .]{0,2}"
        ) {
            let text = text.trim();
            prop_assert!(!PLACE_DATE.is_match(text) || opens_like_a_date(text), "{:?}", text);
        }
    }

    #[test]
    fn place_dates_are_read_after_the_cheap_checks() {
        for (text, place) in [
            ("Hà Nội, ngày 20 tháng 11 năm 2025", Some("Hà Nội")),
            (
                "Bình Thuận,  NGÀY 27 tháng 02 năm 2023.",
                Some("Bình Thuận"),
            ),
            ("ngày 21/11/2025", None),
        ] {
            let (found, _) = place_and_date(text, Span::line(1)).expect(text);
            assert_eq!(found.map(|place| place.text).as_deref(), place, "{text:?}");
        }
        for text in [
            "Thời gian: trước ngày 31/12/2025.",
            "Hà Nội, Bắc Ninh, ngày 20 tháng 11 năm 2025",
        ] {
            assert!(place_and_date(text, Span::line(1)).is_none(), "{text:?}");
        }
    }

    #[test]
    fn numbers_are_normalized_or_missing() {
        assert_eq!(normalize_number("839 /KH-VP").as_deref(), Some("839/KH-VP"));
        assert_eq!(
            normalize_number("9389 /BNNMT-BĐKH").as_deref(),
            Some("9389/BNNMT-BĐKH")
        );
        assert_eq!(normalize_number("/KH-VP"), None);
        assert_eq!(
            normalize_number(" 45 /QĐ-UBND ngày").as_deref(),
            Some("45/QĐ-UBND")
        );
    }

    #[test]
    fn recipients_keep_their_purpose() {
        let span = Span {
            start_line: 1,
            end_line: 1,
        };
        let mut metadata = Metadata::default();
        push_recipients(
            "- Bộ Giáo dục và Đào tạo; (để báo cáo)",
            span,
            &mut metadata,
        );
        push_recipients(
            "- Thủ tướng Chính phủ (để b/c); - Lưu: VT.",
            span,
            &mut metadata,
        );
        let texts: Vec<&str> = metadata
            .recipients
            .iter()
            .map(|r| r.text.as_str())
            .collect();
        assert_eq!(
            texts,
            [
                "Bộ Giáo dục và Đào tạo (để báo cáo)",
                "Thủ tướng Chính phủ (để b/c)",
                "Lưu: VT"
            ]
        );
    }

    #[test]
    fn a_purpose_after_a_semicolon_is_joined_however_spaced() {
        assert_eq!(purpose_joined("Bộ X;(b/c)"), "Bộ X (b/c)");
        assert_eq!(purpose_joined("Bộ X ;  (để báo cáo)"), "Bộ X (để báo cáo)");
        assert_eq!(purpose_joined("Chủ tịch; các PCT"), "Chủ tịch; các PCT");
    }

    #[test]
    fn kinds_from_number_codes() {
        assert_eq!(kind_from_number("09/CT-UBND"), Some("chi_thi"));
        assert_eq!(kind_from_number("839/KH-VP"), Some("ke_hoach"));
        assert_eq!(kind_from_number("1568-CV/TU"), Some("cong_van"));
        assert_eq!(kind_from_number("88/NQ-CP"), Some("nghi_quyet"));
        assert_eq!(kind_from_number("107/2020/NĐ-CP"), Some("nghi_dinh"));
        assert_eq!(kind_from_number("9389/BNNMT-BĐKH"), Some("cong_van"));
        assert_eq!(kind_from_number("/KH-VP"), Some("ke_hoach"));
    }

    #[test]
    fn dates_may_be_partial() {
        let parts = parse_date("ngày tháng 12 năm 2022").expect("date");
        assert_eq!(
            parts,
            DateParts {
                year: Some(2022),
                month: Some(12),
                day: None
            }
        );
        let (place, date) =
            place_and_date("Bình Thuận, ngày 27 tháng 02 năm 2023", Span::line(1)).expect("line");
        assert_eq!(place.map(|p| p.text).as_deref(), Some("Bình Thuận"));
        assert_eq!(
            date.parts,
            DateParts {
                year: Some(2023),
                month: Some(2),
                day: Some(27)
            }
        );
        assert!(
            place_and_date(
                "Căn cứ Luật ngày 19 tháng 6 năm 2015 về tổ chức",
                Span::line(1)
            )
            .is_none()
        );
    }

    #[test]
    fn signer_titles_split_into_lines() {
        assert_eq!(
            signer_title_lines("KT. BỘ TRƯỞNG THỨ TRƯỞNG"),
            Some(vec!["KT. BỘ TRƯỞNG".to_owned(), "THỨ TRƯỞNG".to_owned()])
        );
        assert_eq!(
            signer_title_lines("CHÁNH VĂN PHÒNG"),
            Some(vec!["CHÁNH VĂN PHÒNG".to_owned()])
        );
        assert_eq!(
            signer_title_lines("TM. ỦY BAN NHÂN DÂN"),
            Some(vec!["TM. ỦY BAN NHÂN DÂN".to_owned()])
        );
        assert_eq!(signer_title_lines("NHIỆM VỤ CHỦ YẾU"), None);
        assert!(looks_like_name("Nguyễn Đức Hải Tùng"));
        assert!(!looks_like_name("86 N"));
    }

    #[test]
    fn parent_reference_names_kind_number_and_date() {
        let parent = parent_reference(
            "(Ban hành kèm theo Quyết định số 45 /QĐ-UBND ngày 10 tháng 01 năm 2023 của Chủ tịch)",
            Span::line(1),
        );
        assert_eq!(parent.kind, Some("quyet_dinh"));
        assert_eq!(parent.number.as_deref(), Some("45/QĐ-UBND"));
        assert_eq!(
            parent.date,
            Some(DateParts {
                year: Some(2023),
                month: Some(1),
                day: Some(10)
            })
        );
        assert_eq!(
            parent.date_raw.as_deref(),
            Some("ngày 10 tháng 01 năm 2023")
        );
        assert_eq!(parent.issuer.as_deref(), Some("Chủ tịch"));
        let blank = parent_reference(
            "(Kèm theo Chương trình hành động tại Nghị quyết số  /NQ-CP ngày 01 tháng 01 năm 2025)",
            Span::line(1),
        );
        assert_eq!(blank.kind, Some("nghi_quyet"));
        assert_eq!(blank.number, None);
    }
}
