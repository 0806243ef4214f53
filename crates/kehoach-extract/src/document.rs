//! Document metadata: the main document, its attachments, and the plan year.

use std::sync::LazyLock;

use jiff::civil::Date;
use kehoach_normalize::agency::{self, Aliases};
use kehoach_syntax as syntax;
use kehoach_syntax::{KindSource, MarkerStyle, NodeKind, SectionRole};
use regex::Regex;

use crate::convert;
use crate::marks;
use crate::schema;

/// The metadata of every part of a parsed text: the main document with
/// its attachments nested in it, and the plan year of each part.
pub(crate) struct Documents {
    pub(crate) main: schema::Document,
    pub(crate) plan_years: Vec<Option<i16>>,
}

/// Builds the metadata of all parts. An attached plan inherits number and
/// date from the decision that issues it, and a decision whose own header
/// was lost takes them from its attachment's "(Ban hành kèm theo Quyết định
/// số …)" line.
pub(crate) fn documents(
    document: &syntax::Document,
    aliases: &Aliases,
    year_override: Option<i16>,
) -> Documents {
    let mut parts: Vec<schema::Document> = document
        .parts
        .iter()
        .map(|part| {
            let mut meta = part_document(&part.metadata, part.span, aliases);
            meta.preamble = paragraphs(&document.nodes[part.root].body);
            meta.closing = paragraphs(&part.closing);
            if meta.issuer.is_none() {
                meta.issuer = preamble_issuer(&meta.preamble, aliases).or_else(|| {
                    let parent = part.metadata.parent.as_ref()?;
                    Some(issuer(parent.issuer.as_deref()?, aliases))
                });
            }
            meta.year_end = meta.title.as_deref().and_then(horizon_end);
            meta
        })
        .collect();
    // Number and date flow from the decision to its attachments, and back
    // from an attachment's reference when the decision's header was lost.
    for index in 1..parts.len() {
        if let Some(parent) = &document.parts[index].metadata.parent {
            adopt_parent(&mut parts[0], parent);
        }
        let (main, attachments) = parts.split_at_mut(1);
        inherit_number_and_date(&mut attachments[index - 1], &main[0]);
    }
    let plan_years: Vec<Option<i16>> = document
        .parts
        .iter()
        .zip(&parts)
        .map(|(part, meta)| year_override.or_else(|| plan_year(document, part, meta)))
        .collect();
    for (meta, year) in parts.iter_mut().zip(&plan_years) {
        meta.year = *year;
    }
    let mut iter = parts.into_iter();
    let mut main = iter
        .next()
        .unwrap_or_else(|| empty_document(syntax::Span::line(1)));
    main.attachments = iter.collect();
    let main_year = plan_years.first().copied().flatten();
    let plan_years = plan_years
        .into_iter()
        .map(|year| year.or(main_year))
        .collect();
    Documents { main, plan_years }
}

/// A document with no metadata, covering `span`.
pub(crate) fn empty_document(span: syntax::Span) -> schema::Document {
    part_document(&syntax::Metadata::default(), span, &Aliases::new())
}

/// Fills a decision's lost number and date from the "(Ban hành kèm theo
/// Quyết định số …)" line of its attachment.
fn adopt_parent(main: &mut schema::Document, parent: &syntax::ParentReference) {
    if main.number.is_none() && parent.number.is_some() {
        main.number = parent.number.clone();
        main.number_raw = parent.number_raw.clone();
    }
    if main.date.is_none()
        && let Some(date) = parent.date.and_then(complete_date)
    {
        main.date = Some(date);
        main.date_raw = parent.date_raw.clone();
        main.date_parts = parent.date.map(date_parts);
    }
}

/// An attachment without its own number or date has the decision's.
fn inherit_number_and_date(attachment: &mut schema::Document, main: &schema::Document) {
    if attachment.number.is_none() {
        attachment.number = main.number.clone();
        attachment.number_raw = main.number_raw.clone();
    }
    if attachment.date.is_none() && main.date.is_some() {
        attachment.date = main.date;
        attachment.date_raw = main.date_raw.clone();
        attachment.date_parts = main.date_parts;
    }
}

fn paragraphs(located: &[syntax::Located]) -> Vec<schema::Paragraph> {
    located
        .iter()
        .map(|paragraph| schema::Paragraph {
            text: paragraph.text.clone(),
            span: convert::span(paragraph.span),
        })
        .collect()
}

/// The issuer a headerless plan names in its preamble: "…, Văn phòng UBND
/// tỉnh (sau đây viết tắt là Văn phòng) xây dựng Kế hoạch … như sau:".
fn preamble_issuer(preamble: &[schema::Paragraph], aliases: &Aliases) -> Option<schema::Agency> {
    static ISSUES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:\([^)]*\)\s*)?(?:xây dựng|ban hành)\s+(?:kế hoạch|chương trình)")
            .expect("valid issuing pattern")
    });
    preamble.iter().find_map(|paragraph| {
        let text = paragraph.text.as_str();
        // The subject opens the paragraph or follows a comma.
        let mut starts = std::iter::once(0).chain(marks::before_space(text, b',').map(|at| at + 2));
        starts.find_map(|start| {
            let rest = &text[start..];
            let found = agency::leading_agencies(rest, aliases)?;
            let after = &rest[rest.floor_char_boundary(found.end)..];
            if !ISSUES.is_match(after) {
                return None;
            }
            let raw = rest[..rest.floor_char_boundary(found.end)].trim();
            Some(issuer(raw, aliases))
        })
    })
}

/// The last year of a plan's horizon, from its title: "giai đoạn 2025 -
/// 2030" gives 2030, "đến năm 2030" too, but not the outlook of "tầm nhìn
/// (định hướng) đến năm 2045".
fn horizon_end(title: &str) -> Option<i16> {
    static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)giai\s+đoạn\s+(?:từ\s+)?(?:năm\s+)?\d{4}\s*(?:-|–|—|đến)\s*(?:năm\s+)?(\d{4})",
        )
        .expect("valid period pattern")
    });
    static UNTIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(tầm\s+nhìn|định\s+hướng)?\s*đến\s+năm\s+(\d{4})")
            .expect("valid horizon pattern")
    });
    let year = |m: Option<regex::Match<'_>>| m?.as_str().parse::<i16>().ok();
    if let Some(captures) = PERIOD.captures(title) {
        return year(captures.get(1));
    }
    UNTIL
        .captures_iter(title)
        .find(|captures| captures.get(1).is_none())
        .and_then(|captures| year(captures.get(2)))
}

fn part_document(
    metadata: &syntax::Metadata,
    span: syntax::Span,
    aliases: &Aliases,
) -> schema::Document {
    let issuer_text = metadata
        .issuer
        .as_ref()
        .or(metadata.authority.as_ref())
        .map(|issuer| issuer.text.clone());
    schema::Document {
        kind: metadata.kind.map(str::to_owned),
        kind_source: metadata.kind_source.map(|source| {
            match source {
                KindSource::Heading => "heading",
                KindSource::Number => "number",
                KindSource::WebMetadata => "web_metadata",
                KindSource::Reference => "reference",
            }
            .to_owned()
        }),
        number: metadata.number.clone(),
        number_raw: metadata.number_raw.as_ref().map(|raw| raw.text.clone()),
        date: metadata
            .date
            .as_ref()
            .and_then(|date| complete_date(date.parts)),
        date_raw: metadata.date.as_ref().map(|date| date.raw.text.clone()),
        date_parts: metadata.date.as_ref().map(|date| date_parts(date.parts)),
        place: metadata.place.as_ref().map(|place| place.text.clone()),
        issuer: issuer_text.map(|text| issuer(&text, aliases)),
        title: metadata.title.as_ref().map(|title| title.text.clone()),
        year: None,
        year_end: None,
        signer: metadata.signer.as_ref().map(|signer| schema::Signer {
            title: signer.title.clone(),
            name: signer.name.clone(),
        }),
        recipients: metadata.recipients.iter().map(|r| r.text.clone()).collect(),
        addressees: metadata
            .addressees
            .iter()
            .flat_map(|addressee| convert::agencies(&addressee.text, aliases).0)
            .collect(),
        preamble: Vec::new(),
        closing: Vec::new(),
        attachments: Vec::new(),
        span: convert::span(span),
    }
}

/// The issuer as an agency; a header in capitals keeps its raw text and
/// gets its canonical name and kind from the normalizer.
fn issuer(text: &str, aliases: &Aliases) -> schema::Agency {
    let found = agency::split_agencies(text, aliases);
    match found.agencies.first() {
        Some(first) if found.agencies.len() == 1 => {
            let mut converted = convert::agency(first);
            converted.raw = text.into();
            converted
        }
        _ => schema::Agency {
            raw: text.into(),
            name: agency::canonical_name(text).into(),
            kind: "other".into(),
            level: None,
            group: false,
        },
    }
}

fn date_parts(parts: syntax::DateParts) -> schema::DateParts {
    schema::DateParts {
        year: parts.year,
        month: parts.month,
        day: parts.day,
    }
}

/// The date, when every part is written and it exists in the calendar.
pub(crate) fn complete_date(parts: syntax::DateParts) -> Option<Date> {
    Date::new(parts.year?, parts.month?, parts.day?).ok()
}

/// The plan year of a part: the year in its title, else in a heading of
/// its task sections ("NHIỆM VỤ CHỦ YẾU NĂM 2023"), else the year of its
/// date (or of the date written in its header, even partly blank).
fn plan_year(
    document: &syntax::Document,
    part: &syntax::Part,
    meta: &schema::Document,
) -> Option<i16> {
    if let Some(year) = meta.title.as_deref().and_then(single_year) {
        return Some(year);
    }
    let mut stack = vec![part.root];
    while let Some(id) = stack.pop() {
        let node = &document.nodes[id];
        let heading = matches!(
            node.kind,
            NodeKind::Item(
                MarkerStyle::Roman
                    | MarkerStyle::Arabic
                    | MarkerStyle::Appendix
                    | MarkerStyle::Part
                    | MarkerStyle::Chapter
            )
        );
        if heading
            && node.role == Some(SectionRole::Tasks)
            && let Some(year) = single_year(&node.title)
        {
            return Some(year);
        }
        stack.extend(node.children.iter().rev().copied());
    }
    meta.date
        .map(|date| date.year())
        .or(meta.date_parts.and_then(|parts| parts.year))
}

/// The one year a title names with "năm YYYY", not counting the years of
/// full dates ("ngày 02 tháng 5 năm 2024") or horizons ("định hướng đến
/// năm 2045").
fn single_year(title: &str) -> Option<i16> {
    static YEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(tháng\s*\d{1,2}\s*|đến\s+)?năm\s+(\d{4})").expect("valid year pattern")
    });
    let mut years = YEAR
        .captures_iter(title)
        .filter(|captures| captures.get(1).is_none())
        .filter_map(|captures| captures.get(2)?.as_str().parse::<i16>().ok());
    let first = years.next()?;
    years.all(|year| year == first).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_year_ignores_full_dates() {
        assert_eq!(single_year("Cải cách hành chính năm 2023"), Some(2023));
        assert_eq!(
            single_year("TRIỂN KHAI CHỈ THỊ SỐ 13/CT-TTG NGÀY 02 THÁNG 5 NĂM 2024 CỦA THỦ TƯỚNG"),
            None
        );
        assert_eq!(
            single_year("giai đoạn 2025 - 2035, định hướng đến năm 2045"),
            None
        );
        assert_eq!(single_year("năm 2023 và năm 2024"), None);
    }

    #[test]
    fn horizon_is_the_period_end_not_the_outlook() {
        assert_eq!(horizon_end("Kế hoạch giai đoạn 2025 - 2030"), Some(2030));
        assert_eq!(
            horizon_end("giai đoạn 2026–2030, tầm nhìn đến năm 2045"),
            Some(2030)
        );
        assert_eq!(
            horizon_end("phát triển đến năm 2030, tầm nhìn đến năm 2045"),
            Some(2030)
        );
        assert_eq!(horizon_end("định hướng đến năm 2045"), None);
        assert_eq!(horizon_end("Cải cách hành chính năm 2023"), None);
    }
}
