//! Table-driven tests of the deadline normalizer: `tests/data/deadlines.tsv`
//! for whole phrases, `tests/data/deadline_sentences.tsv` for sentences,
//! plus property tests that any input is handled without a panic.

use kehoach_normalize::deadline::{
    Deadline, DeadlineContext, DeadlineKind, find_deadline, parse_deadline,
};
use proptest::prelude::*;

mod table;

const PHRASES: &str = include_str!("data/deadlines.tsv");
const SENTENCES: &str = include_str!("data/deadline_sentences.tsv");

/// The context of a table's first column: a plan year ("2025"), a plan
/// year and the last year of its horizon ("2025-2035"), or "-" for none.
fn context(column: &str) -> Result<DeadlineContext, String> {
    let year = |text: &str| {
        text.parse::<i16>().map_err(|_| {
            format!("plan year {column:?} is not a year, a range \"YYYY-YYYY\" or \"-\"")
        })
    };
    match column.split_once('-') {
        _ if column == "-" => Ok(DeadlineContext::default()),
        Some((first, last)) => Ok(DeadlineContext {
            plan_year: Some(year(first)?),
            plan_end_year: Some(year(last)?),
        }),
        None => Ok(DeadlineContext {
            plan_year: Some(year(column)?),
            plan_end_year: None,
        }),
    }
}

/// A context with only a plan year.
fn plan_year(year: Option<i16>) -> DeadlineContext {
    DeadlineContext {
        plan_year: year,
        plan_end_year: None,
    }
}

/// Checks `parse_deadline` on one phrase against the notation `expected`.
fn check_deadline(plan_year: &str, phrase: &str, expected: &str) -> Result<(), String> {
    let deadline = parse_deadline(phrase, &context(plan_year)?);
    let actual = deadline.to_string();
    if actual != expected {
        return Err(format!("expected {expected}\n      actual   {actual}"));
    }
    if deadline.raw != phrase.trim() {
        return Err(format!("raw {:?} is not the trimmed phrase", deadline.raw));
    }
    check_raws_in(phrase, &deadline)?;
    check_multiple(&deadline)
}

/// Every `raw`, of the deadline and of its parts, is text of `input`.
fn check_raws_in(input: &str, deadline: &Deadline) -> Result<(), String> {
    std::iter::once(deadline)
        .chain(&deadline.parts)
        .find(|found| !input.contains(found.raw.as_str()))
        .map_or(Ok(()), |found| {
            Err(format!("raw {:?} is not in the input", found.raw))
        })
}

/// A Multiple starts at the earliest start of its parts and ends at the
/// latest end (or runs on when a part does).
fn check_multiple(deadline: &Deadline) -> Result<(), String> {
    if deadline.kind != DeadlineKind::Multiple {
        return if deadline.parts.is_empty() {
            Ok(())
        } else {
            Err("parts on a deadline that is not multiple".to_owned())
        };
    }
    let start = deadline.parts.iter().filter_map(|part| part.start).min();
    let runs_on = deadline
        .parts
        .iter()
        .any(|part| part.start.is_some() && part.end.is_none());
    let end = if runs_on {
        None
    } else {
        deadline.parts.iter().filter_map(|part| part.end).max()
    };
    if (deadline.start, deadline.end) != (start, end) {
        return Err(format!(
            "multiple spans {:?}..{:?}, its parts {start:?}..{end:?}",
            deadline.start, deadline.end
        ));
    }
    Ok(())
}

/// Checks `find_deadline` on one sentence.
fn check_sentence(
    plan_year: &str,
    sentence: &str,
    expected: &str,
    raw: &str,
) -> Result<(), String> {
    let found = find_deadline(sentence, &context(plan_year)?);
    let (actual, actual_raw) = match &found {
        Some(deadline) => (deadline.to_string(), deadline.raw.as_str()),
        None => ("none".to_owned(), ""),
    };
    if actual != expected || actual_raw != raw {
        return Err(format!(
            "expected {expected}  raw {raw:?}\n      actual   {actual}  raw {actual_raw:?}"
        ));
    }
    let Some(found) = &found else {
        return Ok(());
    };
    check_raws_in(sentence, found)?;
    check_multiple(found)
}

#[test]
fn deadline_phrases_table() {
    table::run_table("tests/data/deadlines.tsv", PHRASES, 3..=3, 150, |fields| {
        check_deadline(fields[0], fields[1], fields[2])
    });
}

#[test]
fn deadline_sentences_table() {
    table::run_table(
        "tests/data/deadline_sentences.tsv",
        SENTENCES,
        4..=4,
        50,
        |fields| check_sentence(fields[0], fields[1], fields[2], fields[3]),
    );
}

#[test]
fn deadline_accepts_decomposed_unicode() {
    // "Quý III/2023" with the tone mark as a combining character.
    let decomposed = "Quy\u{301} III/2023";
    let deadline = parse_deadline(decomposed, &plan_year(Some(2023)));
    assert_eq!(deadline.to_string(), "period 2023-07-01..2023-09-30");
    assert_eq!(deadline.raw, decomposed);
}

#[test]
fn deadline_empty_phrase_is_unknown() {
    let deadline = parse_deadline("  \t ", &DeadlineContext::default());
    assert_eq!(deadline.kind, DeadlineKind::Unknown);
    assert_eq!(deadline.raw, "");
    assert_eq!(deadline.leftover.as_deref(), Some(""));
    assert_eq!(find_deadline("", &DeadlineContext::default()), None);
}

#[test]
fn deadline_multiple_keeps_part_raws() {
    let deadline = parse_deadline(
        "Ban hành kế hoạch trong Quý I, tổ chức thực hiện trong năm 2023.",
        &plan_year(Some(2023)),
    );
    let raws: Vec<&str> = deadline
        .parts
        .iter()
        .map(|part| part.raw.as_str())
        .collect();
    assert_eq!(
        raws,
        [
            "Ban hành kế hoạch trong Quý I",
            "tổ chức thực hiện trong năm 2023"
        ]
    );
}

#[test]
fn deadline_parts_quote_their_own_words() {
    let context = plan_year(Some(2025));
    let raws = |deadline: &Deadline| -> Vec<String> {
        deadline.parts.iter().map(|part| part.raw.clone()).collect()
    };
    // dev/kh-617-ubnd-dongthap-2025 lines 265-266: the words before the list
    // of days go with the first day, those after it with the last.
    let sentence = "Ủy ban nhân dân các xã, phường xây dựng kế hoạch; định kỳ **trước \
                    ngày 01/6 và 15/11 hằng năm ***(hoặc đột xuất khi có yêu cầu) \
                    *báo cáo kết quả thực hiện về Sở Khoa học và Công nghệ.";
    let found = find_deadline(sentence, &context).expect("a deadline");
    assert_eq!(
        raws(&found),
        [
            "định kỳ **trước ngày 01/6",
            "15/11 hằng năm",
            "đột xuất khi có yêu cầu"
        ]
    );
    assert_eq!(
        found.raw,
        "định kỳ **trước ngày 01/6 và 15/11 hằng năm ***(hoặc đột xuất khi có yêu cầu)"
    );
    let phrase = "định kỳ trước ngày 01/6 và 15/11 hằng năm (hoặc đột xuất khi có yêu cầu)";
    assert_eq!(
        raws(&parse_deadline(phrase, &context)),
        [
            "định kỳ trước ngày 01/6",
            "15/11 hằng năm",
            "đột xuất khi có yêu cầu"
        ]
    );
    // seeds/004: one part per recurrence of the list.
    let phrase = "định kỳ hàng quý, 6 tháng, năm theo quy định";
    assert_eq!(
        raws(&parse_deadline(phrase, &context)),
        ["định kỳ hàng quý", "6 tháng", "năm theo quy định"]
    );
    let sentence = "- Định kỳ hàng quý, 6 tháng, hàng năm hoặc đột xuất, báo cáo UBND tỉnh.";
    let found = find_deadline(sentence, &context).expect("a deadline");
    assert_eq!(
        raws(&found),
        ["Định kỳ hàng quý", "6 tháng", "hàng năm", "đột xuất"]
    );
    // A list of periods that do not touch.
    assert_eq!(
        raws(&parse_deadline("Quý I và Quý III năm 2024", &context)),
        ["Quý I", "Quý III năm 2024"]
    );
}

#[test]
fn deadline_raw_of_decomposed_input_is_the_input() {
    // "trước ngày 30 tháng 6 hằng năm" with its marks as combining
    // characters: the raw quotes the sentence as written, not its NFC form.
    let sentence = "Ca\u{301}c sơ\u{309} ba\u{301}o ca\u{301}o tr\u{1b0}\u{1a1}\u{301}c nga\u{300}y \
                    30 tha\u{301}ng 6 h\u{103}\u{300}ng n\u{103}m, hoa\u{300}n tha\u{300}nh tr\u{1b0}\u{1a1}\u{301}c \
                    nga\u{300}y 31/12/2025.";
    let found = find_deadline(sentence, &plan_year(Some(2025))).expect("a deadline");
    assert_eq!(
        found.to_string(),
        "multiple[recurring annual(day=30,month=6) 2025-01-01..2025-12-31 | date ..2025-12-31]"
    );
    assert!(check_raws_in(sentence, &found).is_ok(), "{found:?}");
    assert!(
        found
            .raw
            .starts_with("tr\u{1b0}\u{1a1}\u{301}c nga\u{300}y 30")
    );
}

#[test]
fn deadline_kind_names() {
    let names: Vec<&str> = [
        DeadlineKind::Date,
        DeadlineKind::Period,
        DeadlineKind::Recurring,
        DeadlineKind::Ongoing,
        DeadlineKind::Conditional,
        DeadlineKind::Multiple,
        DeadlineKind::Unknown,
    ]
    .into_iter()
    .map(DeadlineKind::as_str)
    .collect();
    assert_eq!(
        names,
        [
            "date",
            "period",
            "recurring",
            "ongoing",
            "conditional",
            "multiple",
            "unknown"
        ]
    );
}

#[test]
fn deadline_long_input_is_linear() {
    // A pathological cell: 200 000 repetitions of a phrase must parse in
    // time proportional to its length (the test fails by timing out).
    let phrase = "Quý I/2023, ".repeat(200_000);
    let deadline = parse_deadline(&phrase, &plan_year(Some(2023)));
    assert_eq!(deadline.raw, phrase.trim());
    let no_year = "Quý I/2023; Quý II; ".repeat(50_000);
    let deadline = parse_deadline(&no_year, &DeadlineContext::default());
    assert_eq!(deadline.parts.len(), 100_000);
    // A list of 100 000 recurrences that a condition then qualifies.
    let list = format!("Định kỳ hàng quý{} theo quy định", ", năm".repeat(100_000));
    let deadline = parse_deadline(&list, &plan_year(Some(2023)));
    assert_eq!(deadline.parts.len(), 100_001);
    assert!(deadline.parts.iter().all(|part| part.condition.is_some()));
    let sentence = "trước ngày 30/11/2023 và ".repeat(100_000);
    assert!(find_deadline(&sentence, &plan_year(Some(2023))).is_some());
}

proptest! {
    #[test]
    fn deadline_parse_never_panics_and_keeps_raw(phrase in "\\PC{0,60}", year in proptest::option::of(1900i16..2200)) {
        let deadline = parse_deadline(&phrase, &plan_year(year));
        prop_assert_eq!(deadline.raw, phrase.trim());
    }

    #[test]
    fn deadline_parse_never_panics_on_deadline_words(
        words in proptest::collection::vec(
            proptest::sample::select(vec![
                "Quý", "quí", "QI", "Q", "I", "IV", "V", "Tháng", "tháng", "năm", "Năm", "ngày",
                "trước", "từ", "đến", "đến khi", "sau khi", "theo", "hằng", "hàng", "định kỳ",
                "thường xuyên", "các", "tiếp theo", "và", "6", "12", "31", "0", "2023", "99999",
                "4294967296", "/", "-", ",", ";", ".", ":", "(", ")", "**", "lần", "một", "giờ",
                "đầu", "cuối", "nửa", "giai đoạn", "chậm nhất", "trong", "vào", "kể từ", "Kế hoạch",
            ]),
            0..24,
        ),
        year in proptest::option::of(1900i16..2200),
    ) {
        let phrase = words.join(" ");
        let context = plan_year(year);
        let deadline = parse_deadline(&phrase, &context);
        prop_assert_eq!(deadline.raw.as_str(), phrase.trim());
        let _ = find_deadline(&phrase, &context);
        let glued = words.concat();
        let _ = parse_deadline(&glued, &context);
        let _ = find_deadline(&glued, &context);
    }

    #[test]
    fn deadline_find_never_panics(sentence in "\\PC{0,120}") {
        let _ = find_deadline(&sentence, &plan_year(Some(2024)));
    }

    /// `raw` is always text of the input: for `find_deadline`, the result's
    /// and each part's; for `parse_deadline`, the trimmed phrase and each
    /// part's. The words are deadline words, some with decomposed marks.
    #[test]
    fn deadline_raw_is_in_the_input(
        words in proptest::collection::vec(
            proptest::sample::select(vec![
                "Quý", "I", "IV", "Tháng", "năm", "ngày", "trước", "từ", "đến", "sau khi",
                "theo", "hằng", "hàng", "ha\u{300}ng", "định kỳ", "đi\u{323}nh ky\u{300}",
                "thường xuyên", "và", "hoặc", "đột xuất", "đô\u{323}t xuâ\u{301}t", "khi",
                "có yêu cầu", "6", "01/6", "15/11", "2023", "24/24", "giờ", "24/7", "quý",
                "tháng", "một", "lần", "/", "-", ",", ";", ".", "(", ")", "**", "*", "báo cáo",
                "các sở", "Nghị định số 06/2022/NĐ-CP", "tr\u{1b0}\u{1a1}\u{301}c",
                "\u{301}", "e\u{302}\u{301}",
            ]),
            0..24,
        ),
        joiner in proptest::sample::select(vec![" ", "", "  "]),
        plan in proptest::option::of(1900i16..2200),
        horizon in proptest::option::of(1900i16..2200),
    ) {
        let text = words.join(joiner);
        let context = DeadlineContext { plan_year: plan, plan_end_year: horizon };
        if let Some(found) = find_deadline(&text, &context) {
            prop_assert!(check_raws_in(&text, &found).is_ok(), "{:?} in {:?}", found, text);
        }
        let parsed = parse_deadline(&text, &context);
        prop_assert_eq!(parsed.raw.as_str(), text.trim());
        prop_assert!(check_raws_in(&text, &parsed).is_ok(), "{:?} in {:?}", parsed, text);
    }

    #[test]
    fn deadline_raw_of_any_sentence_is_in_it(sentence in "\\PC{0,120}") {
        if let Some(found) = find_deadline(&sentence, &plan_year(Some(2024))) {
            prop_assert!(check_raws_in(&sentence, &found).is_ok(), "{:?}", found);
        }
    }
}

/// Every deadline field and deadline table cell of the seed documents gets a
/// kind other than Unknown. The seeds are small, so this runs always.
#[test]
fn deadline_seed_phrases_are_understood() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus/seeds");
    let Ok(entries) = std::fs::read_dir(&seeds) else {
        panic!("cannot read {}", seeds.display());
    };
    let context = plan_year(Some(2023));
    let mut n_phrases = 0;
    let mut unknown = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let mut deadline_column = None;
        for line in text.lines() {
            let cells: Vec<&str> = line.split('\t').collect();
            if cells.len() > 1 {
                // A tab-separated table: the header names the deadline
                // column; a row whose first cell is empty continues the row
                // before it across a page break and is left to the parser.
                if let Some(column) = cells.iter().position(|cell| cell.starts_with("Thời gian"))
                {
                    deadline_column = Some(column);
                    continue;
                }
                if let Some(cell) = deadline_column.and_then(|column| cells.get(column))
                    && !cells[0].trim().is_empty()
                    && !cell.trim().is_empty()
                {
                    n_phrases += 1;
                    if parse_deadline(cell, &context).kind == DeadlineKind::Unknown {
                        unknown.push(format!("{}: {cell}", path.display()));
                    }
                }
                continue;
            }
            let field = line.trim_start_matches(['-', ' ', '*']);
            if !field.starts_with("Thời gian") {
                continue;
            }
            if let Some((_, value)) = field.split_once(':') {
                let value = value.trim_start_matches('*');
                n_phrases += 1;
                if parse_deadline(value, &context).kind == DeadlineKind::Unknown {
                    unknown.push(format!("{}: {value}", path.display()));
                }
            }
        }
    }
    assert!(
        n_phrases >= 100,
        "found only {n_phrases} deadline phrases in the seeds"
    );
    assert!(
        unknown.is_empty(),
        "unknown deadlines:\n{}",
        unknown.join("\n")
    );
}
