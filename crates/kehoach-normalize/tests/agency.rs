//! Table-driven tests of the agency module: every case is a line of
//! `tests/data/agencies.tsv` (its header documents the notation), plus
//! property tests that no input panics and canonical names are stable.

use kehoach_normalize::agency::{
    Agency, AgencyKind, Aliases, canonical_name, cooperating_agencies, leading_agencies,
    split_agencies,
};
use proptest::prelude::*;

mod table;

const TABLE: &str = include_str!("data/agencies.tsv");

/// Writes agencies in the notation of the table.
fn notation(agencies: &[Agency], leftover: &[String]) -> String {
    let mut items: Vec<String> = agencies
        .iter()
        .map(|agency| {
            assert_eq!(
                agency.group,
                agency.kind == AgencyKind::Group,
                "{agency:?}: a collective mention has kind Group and only it"
            );
            let kind = match (agency.group, agency.member_kind) {
                (true, Some(member)) => format!("group:{}", member.as_str()),
                (true, None) => "group".to_owned(),
                (false, _) => agency.kind.as_str().to_owned(),
            };
            let mut item = format!("{}|{kind}", agency.name);
            if let Some(level) = agency.level {
                item.push('|');
                item.push_str(level.as_str());
            }
            item
        })
        .collect();
    items.extend(leftover.iter().map(|text| format!("?{text}")));
    if items.is_empty() {
        "-".to_owned()
    } else {
        items.join("; ")
    }
}

fn unescape(field: &str) -> String {
    field.replace("\\n", "\n").replace("\\t", "\t")
}

/// Checks `split_agencies`.
fn check_split(value: &str, aliases: &Aliases) -> String {
    let list = split_agencies(value, aliases);
    for agency in &list.agencies {
        assert!(!agency.raw.is_empty(), "{value:?}: empty raw in {agency:?}");
    }
    notation(&list.agencies, &list.leftover)
}

/// Checks `leading_agencies`; returns the agencies and the phrase read.
fn check_lead(text: &str) -> (String, Option<String>) {
    match leading_agencies(text, &Aliases::new()) {
        None => ("-".to_owned(), None),
        Some(leading) => (
            notation(&leading.agencies, &[]),
            Some(text[..leading.end].to_owned()),
        ),
    }
}

/// Checks `cooperating_agencies`.
fn check_coop(text: &str) -> String {
    notation(&cooperating_agencies(text, &Aliases::new()), &[])
}

/// Checks `canonical_name`, including that it is idempotent.
fn check_canon(raw: &str) -> String {
    let name = canonical_name(raw);
    assert_eq!(
        canonical_name(&name),
        name,
        "canonical_name is not idempotent on {raw:?}"
    );
    name
}

#[test]
fn agency_table() {
    table::run_table("tests/data/agencies.tsv", TABLE, 3..=4, 80, |fields| {
        let (function, input, expected) = (fields[0], unescape(fields[1]), unescape(fields[2]));
        let (actual, phrase_mismatch) = match function {
            "split" => (check_split(&input, &Aliases::new()), None),
            "alias" => {
                let (paragraph, value) = input
                    .split_once(" => ")
                    .ok_or("alias input needs 'PARAGRAPH => VALUE'")?;
                let mut aliases = Aliases::new();
                aliases.scan(paragraph);
                (check_split(value, &aliases), None)
            }
            "lead" => {
                let (actual, phrase) = check_lead(&input);
                let expected_phrase = fields.get(3).map(|p| unescape(p));
                let mismatch = (expected != "-" && phrase != expected_phrase)
                    .then(|| format!("phrase {phrase:?}, expected {expected_phrase:?}"));
                (actual, mismatch)
            }
            "coop" => (check_coop(&input), None),
            "canon" => (check_canon(&input), None),
            other => return Err(format!("unknown function '{other}'")),
        };
        if actual == expected && phrase_mismatch.is_none() {
            return Ok(());
        }
        Err(format!(
            "{function}\n      expected: {expected}\n      actual:   {actual}{}",
            phrase_mismatch
                .map(|m| format!("\n      {m}"))
                .unwrap_or_default()
        ))
    });
}

proptest! {
    #[test]
    fn no_input_panics(text in "\\PC{0,80}") {
        let mut aliases = Aliases::new();
        aliases.scan(&text);
        let _ = split_agencies(&text, &aliases);
        let _ = leading_agencies(&text, &aliases);
        let _ = cooperating_agencies(&text, &aliases);
        let _ = canonical_name(&text);
    }

    #[test]
    fn vietnamese_like_input_does_not_panic(
        words in proptest::collection::vec(
            prop_oneof![
                Just("Sở"), Just("sở"), Just("Ban"), Just("ban"), Just("UBND"), Just("các"), Just(","),
                Just(";"), Just("và"), Just("Văn phòng"), Just("("), Just(")"), Just(":"), Just("tỉnh"),
                Just("huyện"), Just("cấp"), Just("Nội vụ"), Just("chủ trì"), Just("phối hợp với"),
                Just("Chánh"), Just("-"), Just("Thủ trưởng"), Just("viết tắt là"), Just("TT&TT"),
                Just("Bộ:"), Just("Tài chính"), Just("đơn vị"), Just("liên quan"), Just("được"), Just("Giao"),
            ],
            0..24,
        )
    ) {
        let text = words.join(" ");
        let mut aliases = Aliases::new();
        aliases.scan(&text);
        let list = split_agencies(&text, &aliases);
        for agency in &list.agencies {
            prop_assert_eq!(agency.group, agency.kind == AgencyKind::Group);
        }
        if let Some(leading) = leading_agencies(&text, &aliases) {
            prop_assert!(text.is_char_boundary(leading.end) && leading.end <= text.len());
        }
        let _ = cooperating_agencies(&text, &aliases);
        let name = canonical_name(&text);
        prop_assert_eq!(canonical_name(&name), name);
    }

    #[test]
    fn canonical_name_is_idempotent(text in "\\PC{0,60}") {
        let name = canonical_name(&text);
        prop_assert_eq!(canonical_name(&name), name);
    }
}

/// A combining mark outside the Vietnamese ones belongs to its word: NFC
/// puts it before a tone mark the name's spelling adds, and the name must
/// read the same the second time.
#[test]
fn a_foreign_combining_mark_stays_in_its_word() {
    for text in ["Ȭ\u{16af0}(", "O\u{20d0}(Sở Nội vụ)", "Sở\u{1ab0} Y tế"] {
        let name = canonical_name(text);
        assert_eq!(canonical_name(&name), name, "{text:?}");
    }
}

/// Long repetitive lines: every function must stay linear in the input (a
/// quadratic one would not finish) and must not recurse per item (which
/// would overflow the stack). `KEHOACH_SLOW_TESTS=1` runs the 50 MB line of
/// the house style; the default size keeps the test suite quick.
#[test]
fn long_lines_are_handled_in_linear_time() {
    let size = if std::env::var_os("KEHOACH_SLOW_TESTS").is_some() {
        50_000_000
    } else {
        200_000
    };
    for unit in [
        "Sở Nội vụ, ",
        "các sở, ",
        "UBND các huyện, ",
        "Các Bộ: Tài chính, ",
        "(",
        "Tổ kiểm tra việc chấp hành kỷ luật, kỷ ",
        "Văn phòng UBND tỉnh (sau đây viết tắt là Văn phòng) ",
        "phối hợp với Sở Y tế và ",
        "x",
    ] {
        let text = unit.repeat(size / unit.len());
        let mut aliases = Aliases::new();
        aliases.scan(&text);
        let list = split_agencies(&text, &aliases);
        assert!(list.agencies.len() <= text.len());
        let _ = leading_agencies(&text, &aliases);
        let _ = cooperating_agencies(&text, &aliases);
        let _ = canonical_name(&text);
    }
}
