//! Conversions from parser and normalizer values to the output schema.

use kehoach_normalize::agency::{self, Aliases};
use kehoach_normalize::deadline;
use kehoach_normalize::reference;
use kehoach_syntax as syntax;

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
        raw: value.raw.clone(),
        name: value.name.clone(),
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
        raw: value.raw.clone(),
        kind: value.kind.as_str().to_owned(),
        start: value.start,
        end: value.end,
        recurrence: value.recurrence.map(|recurrence| schema::Recurrence {
            frequency: recurrence.frequency.as_str().to_owned(),
            day: recurrence.day,
            month: recurrence.month,
        }),
        condition: value.condition.clone(),
        offset: value.offset.map(|offset| schema::Offset {
            min: offset.min,
            max: offset.max,
            unit: offset.unit.as_str().to_owned(),
        }),
        parts: value.parts.iter().map(deadline).collect(),
    }
}

/// A cited document as an output reference.
pub(crate) fn reference(value: &reference::Reference) -> schema::Reference {
    schema::Reference {
        raw: value.raw.clone(),
        kind: value.kind.to_owned(),
        number: value.number.clone(),
        number_raw: value.number_raw.clone(),
        date: value.date,
        year: value.year,
        issuer: value.issuer.clone(),
        title: value.title.clone(),
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

/// Keeps the first citation of every cited document: the same kind and
/// number, or for an unnumbered one the same kind, title and date.
pub(crate) fn dedupe_references(references: &mut Vec<schema::Reference>) {
    if references.len() < 2 {
        return;
    }
    let mut seen = FxHashSet::default();
    let first: Vec<bool> = references
        .iter()
        .map(|reference| {
            seen.insert(match &reference.number {
                Some(number) => (reference.kind.as_str(), number.as_str(), None, None),
                None => (
                    reference.kind.as_str(),
                    "",
                    reference.title.as_deref(),
                    reference.date,
                ),
            })
        })
        .collect();
    let mut first = first.into_iter();
    references.retain(|_| first.next().unwrap_or(true));
}
