//! Table-driven tests of the reference extractor: every case is a line of
//! `tests/data/references.tsv` (its header documents the notation), plus a
//! property test that no input panics.

use kehoach_normalize::reference::{Reference, find_references};
use proptest::prelude::*;

mod table;

const TABLE: &str = include_str!("data/references.tsv");

/// Writes references in the notation of the table.
fn notation(references: &[Reference]) -> String {
    if references.is_empty() {
        return "-".to_owned();
    }
    let dash = |value: Option<String>| value.unwrap_or_else(|| "-".to_owned());
    references
        .iter()
        .map(|reference| {
            let number = match (&reference.number, &reference.number_raw) {
                (Some(number), Some(raw)) if number != raw => format!("{number} ({raw})"),
                (Some(number), _) => number.clone(),
                (None, Some(raw)) => format!("-({raw})"),
                (None, None) => "-".to_owned(),
            };
            let date = reference
                .date
                .map(|d| d.to_string())
                .or_else(|| reference.year.map(|y| y.to_string()));
            format!(
                "{}|{number}|{}|{}|{}",
                reference.kind,
                dash(date),
                dash(reference.issuer.clone()),
                dash(reference.title.clone())
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Checks `find_references` on one text, including that every span
/// quotes its `raw` text.
fn check_references(text: &str) -> String {
    let references = find_references(text);
    for reference in &references {
        assert_eq!(
            text.get(reference.span.clone()),
            Some(reference.raw.as_str()),
            "{text:?}: span does not quote raw"
        );
        assert!(
            reference.date.is_none() || reference.year.is_none(),
            "{reference:?}: date and year both set"
        );
    }
    notation(&references)
}

#[test]
fn reference_table() {
    table::run_table("tests/data/references.tsv", TABLE, 2..=2, 60, |fields| {
        let input = fields[0].replace("\\n", "\n");
        let actual = check_references(&input);
        if actual == fields[1] {
            Ok(())
        } else {
            Err(format!("expected: {}\n      actual:   {actual}", fields[1]))
        }
    });
}

proptest! {
    #[test]
    fn no_input_panics(text in "\\PC{0,80}") {
        let _ = find_references(&text);
    }

    #[test]
    fn citation_like_input_does_not_panic(
        words in proptest::collection::vec(
            prop_oneof![
                Just("Nghị định"), Just("số"), Just("45"), Just("/"), Just("QĐ-UBND"), Just("ngày"),
                Just("21/12/2022"), Just("tháng"), Just("năm"), Just("2015"), Just("của"), Just("Chính phủ"),
                Just("Luật"), Just("Tổ chức"), Just("các"), Just(":"), Just(";"), Just(","), Just("và"),
                Just("Hội nghị"), Just("khóa"), Just("("), Just(")"), Just("ban hành"), Just("tại"),
                Just("sửa đổi, bổ sung một số điều của"), Just("107/2020/NĐ-CP"), Just("1568-CV/TU"),
            ],
            0..24,
        )
    ) {
        let text = words.join(" ");
        for reference in find_references(&text) {
            prop_assert_eq!(text.get(reference.span.clone()), Some(reference.raw.as_str()));
        }
    }
}

/// Long repetitive lines stay linear in the input; `KEHOACH_SLOW_TESTS=1`
/// runs the 50 MB line of the house style.
#[test]
fn long_lines_are_handled_in_linear_time() {
    let size = if std::env::var_os("KEHOACH_SLOW_TESTS").is_some() {
        50_000_000
    } else {
        200_000
    };
    for unit in [
        "Nghị định số 1/2020/NĐ-CP, ",
        "các Nghị định của Chính phủ: số 1/QĐ-X; ",
        "Luật Tổ chức ",
        "của Hội nghị ",
        "ngày 1 tháng ",
        "1/",
    ] {
        let text = unit.repeat(size / unit.len());
        let references = find_references(&text);
        assert!(references.len() <= text.len());
    }
}
