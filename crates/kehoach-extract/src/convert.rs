//! Conversions from parser and normalizer values to the output schema.

use kehoach_normalize::agency::{self, Aliases};
use kehoach_normalize::deadline;
use kehoach_normalize::reference;
use kehoach_syntax as syntax;

use std::rc::Rc;
use std::sync::Arc;

use jiff::civil::Date;

use crate::schema;
use rustc_hash::FxHashSet;

/// A parser span as an output span.
pub(crate) fn span(span: syntax::Span) -> schema::Span {
    schema::Span {
        start_line: span.start_line,
        end_line: span.end_line,
    }
}

/// A normalized agency as an output agency.
pub(crate) fn agency(value: &agency::Agency) -> schema::Agency {
    schema::Agency {
        raw: value.raw.as_str().into(),
        name: value.name.as_str().into(),
        kind: value.kind.as_str().into(),
        level: value.level.map(|level| level.as_str().into()),
        group: value.group,
    }
}

/// The agencies of a field value or table cell, with the text that named
/// no agency.
pub(crate) fn agencies(value: &str, aliases: &Aliases) -> (Vec<schema::Agency>, Vec<String>) {
    let list = agency::split_agencies(value, aliases);
    (list.agencies.iter().map(agency).collect(), list.leftover)
}

/// A normalized deadline as an output deadline.
pub(crate) fn deadline(value: &deadline::Deadline) -> schema::Deadline {
    schema::Deadline {
        raw: value.raw.as_str().into(),
        kind: value.kind.as_str().into(),
        start: value.start,
        end: value.end,
        recurrence: value.recurrence.map(|recurrence| schema::Recurrence {
            frequency: recurrence.frequency.as_str().into(),
            day: recurrence.day,
            month: recurrence.month,
        }),
        condition: value.condition.as_deref().map(Arc::from),
        offset: value.offset.map(|offset| schema::Offset {
            min: offset.min,
            max: offset.max,
            unit: offset.unit.as_str().into(),
        }),
        parts: value.parts.iter().map(deadline).collect(),
    }
}

/// A cited document as an output reference.
pub(crate) fn reference(value: &reference::Reference) -> schema::Reference {
    schema::Reference {
        raw: value.raw.as_str().into(),
        kind: value.kind.into(),
        number: value.number.as_deref().map(Arc::from),
        number_raw: value.number_raw.as_deref().map(Arc::from),
        date: value.date,
        year: value.year,
        issuer: value.issuer.as_deref().map(Arc::from),
        title: value.title.as_deref().map(Arc::from),
    }
}

/// A parser diagnostic as an output diagnostic.
pub(crate) fn diagnostic(value: &syntax::Diagnostic) -> schema::Diagnostic {
    schema::Diagnostic {
        severity: value.severity.as_str().to_owned(),
        code: value.code.to_owned(),
        message: value.message.clone(),
        line: value.line,
    }
}

/// The first citation of every cited document among `lists`, in order:
/// citations with the same kind and number, or for an unnumbered one the
/// same kind, title and date, cite one document. Only the citations kept
/// are copied.
pub(crate) fn distinct_references(lists: &[Rc<[schema::Reference]>]) -> Vec<schema::Reference> {
    let count: usize = lists.iter().map(|list| list.len()).sum();
    let all = lists.iter().flat_map(|list| list.iter());
    if count < 2 {
        return all.cloned().collect();
    }
    let mut seen = FxHashSet::with_capacity_and_hasher(count, Default::default());
    let mut distinct = Vec::with_capacity(count);
    for reference in all {
        if seen.insert(reference_key(reference)) {
            distinct.push(reference.clone());
        }
    }
    distinct
}

/// What tells a cited document from another: its kind and number, or for
/// an unnumbered one its kind, title and date.
type ReferenceKey<'r> = (&'r str, &'r str, Option<&'r str>, Option<Date>);

fn reference_key(reference: &schema::Reference) -> ReferenceKey<'_> {
    match &reference.number {
        Some(number) => (reference.kind.as_ref(), number, None, None),
        None => (
            reference.kind.as_ref(),
            "",
            reference.title.as_deref(),
            reference.date,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition: every citation, then the first of each
    /// document kept.
    fn concatenated_then_deduped(lists: &[Rc<[schema::Reference]>]) -> Vec<schema::Reference> {
        let mut references: Vec<schema::Reference> =
            lists.iter().flat_map(|list| list.iter().cloned()).collect();
        let mut seen = FxHashSet::default();
        let first: Vec<bool> = references
            .iter()
            .map(|reference| seen.insert(reference_key(reference)))
            .collect();
        let mut first = first.into_iter();
        references.retain(|_| first.next().unwrap_or(true));
        references
    }

    fn reference(
        raw: &str,
        kind: &'static str,
        number: Option<&str>,
        title: Option<&str>,
    ) -> schema::Reference {
        schema::Reference {
            raw: raw.into(),
            kind: kind.into(),
            number: number.map(Arc::from),
            number_raw: number.map(Arc::from),
            date: None,
            year: None,
            issuer: None,
            title: title.map(Arc::from),
        }
    }

    #[test]
    fn distinct_references_are_the_first_of_each_document() {
        let a = reference("QĐ 1", "quyet_dinh", Some("1/QĐ-UBND"), None);
        let a_again = reference("Quyết định 1", "quyet_dinh", Some("1/QĐ-UBND"), None);
        let b = reference("KH 1", "ke_hoach", Some("1/QĐ-UBND"), None);
        let law = reference("Luật Đất đai", "luat", None, Some("Đất đai"));
        let law_again = reference("Luật Đất đai năm 2024", "luat", None, Some("Đất đai"));
        let other_law = reference("Luật Xây dựng", "luat", None, Some("Xây dựng"));
        let empty: Rc<[schema::Reference]> = Rc::from(Vec::new());
        let cases: Vec<Vec<Rc<[schema::Reference]>>> = vec![
            vec![],
            vec![empty.clone()],
            vec![Rc::from(vec![a.clone()])],
            vec![Rc::from(vec![a.clone(), a_again.clone()])],
            vec![
                Rc::from(vec![law.clone(), a.clone()]),
                empty,
                Rc::from(vec![b.clone(), law_again, a_again, other_law]),
            ],
        ];
        for lists in cases {
            assert_eq!(
                distinct_references(&lists),
                concatenated_then_deduped(&lists)
            );
        }
    }
}
