//! The parser never fails and never panics, whatever it is given, and its
//! cost stays linear on pathological input (checked by counting work, not
//! by timing).

use kehoach_syntax::{NodeKind, parse};
use proptest::prelude::*;

#[test]
fn empty_text_is_a_document_with_a_diagnostic() {
    for text in ["", "\n", "   \n\t\n", "\u{feff}"] {
        let parse = parse(text);
        assert_eq!(parse.document.parts.len(), 1, "{text:?}");
        assert!(
            parse.diagnostics.iter().any(|d| d.code == "empty-document"),
            "{text:?}"
        );
    }
}

#[test]
fn binary_garbage_does_not_panic() {
    let bytes: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let text = String::from_utf8_lossy(&bytes);
    let parse = parse(&text);
    assert!(parse.document.line_count > 0);
    assert!(
        parse
            .diagnostics
            .iter()
            .any(|d| d.code == "text-unreliable")
    );
}

#[test]
fn a_fifty_megabyte_line_is_one_paragraph() {
    let sentence =
        "Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành triển khai thực hiện kế hoạch. ";
    let line = sentence.repeat(50 * 1024 * 1024 / sentence.len());
    let parse = parse(&line);
    assert_eq!(parse.document.line_count, 1);
    let root = &parse.document.nodes[parse.document.parts[0].root];
    let paragraphs: usize = parse
        .document
        .nodes
        .iter()
        .map(|n| n.body.len())
        .sum::<usize>()
        + parse
            .document
            .parts
            .iter()
            .map(|p| p.closing.len())
            .sum::<usize>();
    assert!(paragraphs + root.children.len() >= 1);
}

#[test]
fn a_hundred_thousand_restarted_items_stay_flat() {
    let text = "a) Nội dung.\n".repeat(100_000);
    let parse = parse(&text);
    let items = parse
        .document
        .nodes
        .iter()
        .filter(|node| matches!(node.kind, NodeKind::Item(_)))
        .count();
    assert_eq!(items, 100_000);
    // Every restart opens a group next to the others, never inside one.
    let deepest = (0..parse.document.nodes.len())
        .map(|id| parse.document.path(id).len())
        .max();
    assert!(deepest <= Some(3), "depth {deepest:?}");
    // Diagnostics are capped per code, with a count of the rest.
    assert!(parse.diagnostics.len() < 100);
}

#[test]
fn a_hundred_thousand_nested_levels_of_markers_stay_bounded() {
    let mut text = String::new();
    for index in 0..100_000u32 {
        let marker = match index % 6 {
            0 => "I.".to_owned(),
            1 => "1.".to_owned(),
            2 => "1.1.".to_owned(),
            3 => "a)".to_owned(),
            4 => "-".to_owned(),
            _ => "+".to_owned(),
        };
        text.push_str(&format!("{marker} Mục {index}\n"));
    }
    let parse = parse(&text);
    let deepest = (0..parse.document.nodes.len())
        .map(|id| parse.document.path(id).len())
        .max();
    assert!(deepest <= Some(8), "depth {deepest:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_text_parses(text in "\\PC{0,400}") {
        let parse = parse(&text);
        prop_assert!(!parse.document.parts.is_empty());
    }

    #[test]
    fn any_mix_of_document_shapes_parses(lines in proptest::collection::vec(
        prop_oneof![
            Just("".to_owned()),
            Just("|".to_owned()),
            Just("| --- | --- |".to_owned()),
            Just("KẾ HOẠCH".to_owned()),
            Just("Nơi nhận:".to_owned()),
            Just("PHỤ LỤC".to_owned()),
            Just("Nội dung\tCơ quan chủ trì\tThời gian".to_owned()),
            Just("\t\tban, ngành\t".to_owned()),
            "(I|II|1|2|1\\.1|a|đ)[.)] [A-ZĐa-zđ ]{0,20}",
            "- (Đơn vị chủ trì|Thời gian|Sản phẩm): [A-Za-z ]{0,20}",
            "\\PC{0,60}",
        ],
        0..60,
    )) {
        let text = lines.join("\n");
        let parse = parse(&text);
        for node in &parse.document.nodes {
            prop_assert!(node.span.start_line <= node.span.end_line);
        }
    }
}
