//! Document metadata: the main document, its attachments, and the plan year.

use std::sync::LazyLock;

use jiff::civil::Date;
use kehoach_normalize::agency::{self, Aliases};
use kehoach_syntax as syntax;
use kehoach_syntax::{KindSource, MarkerStyle, NodeKind, SectionRole};
use regex::Regex;

use crate::convert;
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
        .map(|part| part_document(&part.metadata, part.span, aliases))
        .collect();
    // Number and date flow from the decision to its attachments, and back
    // from an attachment's reference when the decision's header was lost.
    for index in 1..parts.len() {
        let parent = document.parts[index].metadata.parent.as_ref();
        let (number, date) = (parts[0].number.clone(), parts[0].date);
        if let Some(parent) = parent {
            if parts[0].number.is_none() && parent.number.is_some() {
                parts[0].number = parent.number.clone();
                parts[0].number_raw = parent.number_raw.clone();
            }
            if parts[0].date.is_none()
                && let Some(date) = parent.date.and_then(complete_date)
            {
                parts[0].date = Some(date);
                parts[0].date_parts = parent.date.map(date_parts);
            }
        }
        let (main_number, main_date) = (parts[0].number.clone().or(number), parts[0].date.or(date));
        let attachment = &mut parts[index];
        if attachment.number.is_none() {
            attachment.number = main_number;
        }
        if attachment.date.is_none() {
            attachment.date = main_date;
        }
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

fn empty_document(span: syntax::Span) -> schema::Document {
    part_document(&syntax::Metadata::default(), span, &Aliases::new())
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
            converted.raw = text.to_owned();
            converted
        }
        _ => schema::Agency {
            raw: text.to_owned(),
            name: agency::canonical_name(text),
            kind: "other".to_owned(),
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
}
