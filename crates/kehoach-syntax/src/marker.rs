//! Item and heading markers at the start of a paragraph: `I.`, `1.`,
//! `1.1.`, `a)`, `đ)`, `(1)`, `-`, `+`, `Điều 2.`, `Phụ lục II` …
//!
//! Lettered items follow the Vietnamese alphabet, which has `đ` after `d`
//! and no `f`, `j`, `w` or `z`.

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::key::{first_key_char, key_starts_with};

/// The numbering style of a marker; it decides the level in the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkerStyle {
    /// `PHỤ LỤC`, `Phụ lục II`, `DANH MỤC …`: an appendix.
    Appendix,
    /// `Phần I`, `PHẦN THỨ NHẤT`.
    Part,
    /// `Chương II`.
    Chapter,
    /// `Điều 2.`
    Article,
    /// `I.`, `IV.`
    Roman,
    /// `1.`, `12.`
    Arabic,
    /// `1.1.`, `2.4`, `1.2.3.`: the depth is the number of components.
    Decimal(u8),
    /// `(1)`
    ParenNumber,
    /// `1)`
    NumberParen,
    /// `a)`, `đ)`, `b.`
    Letter,
    /// `-`, `–`, `•`
    Dash,
    /// `+`
    Plus,
}

impl MarkerStyle {
    /// The outline level of the style: lower is higher in the hierarchy.
    pub(crate) fn rank(self) -> u8 {
        match self {
            MarkerStyle::Appendix => 1,
            MarkerStyle::Part => 2,
            MarkerStyle::Chapter => 3,
            MarkerStyle::Article => 4,
            MarkerStyle::Roman => 5,
            MarkerStyle::Arabic => 6,
            MarkerStyle::Decimal(depth) => 5 + depth.min(4),
            MarkerStyle::ParenNumber | MarkerStyle::NumberParen => 10,
            MarkerStyle::Letter => 11,
            MarkerStyle::Dash => 12,
            MarkerStyle::Plus => 13,
        }
    }

    /// Whether items of this style are numbered in sequence.
    pub(crate) fn is_ordered(self) -> bool {
        !matches!(
            self,
            MarkerStyle::Dash | MarkerStyle::Plus | MarkerStyle::Appendix
        )
    }

    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            MarkerStyle::Appendix => "appendix",
            MarkerStyle::Part => "part",
            MarkerStyle::Chapter => "chapter",
            MarkerStyle::Article => "article",
            MarkerStyle::Roman => "roman",
            MarkerStyle::Arabic => "arabic",
            MarkerStyle::Decimal(_) => "decimal",
            MarkerStyle::ParenNumber | MarkerStyle::NumberParen => "paren",
            MarkerStyle::Letter => "letter",
            MarkerStyle::Dash => "dash",
            MarkerStyle::Plus => "plus",
        }
    }
}

/// A parsed marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// The numbering style.
    pub style: MarkerStyle,
    /// The marker as an outline path segment: `II`, `1`, `1.2`, `a`, `đ`,
    /// `Điều 2`, `PL`, `PLII`; empty for bullets. The labels of the
    /// common markers (numbers below 100, Roman numerals, letters, `(1)`)
    /// are shared, not allocated for each marker.
    pub label: Cow<'static, str>,
    /// Position in its sequence (1-based), for ordered styles.
    pub ordinal: Option<u32>,
}

/// The Vietnamese alphabet as used for lettered items.
const LETTERS: [char; 23] = [
    'a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't',
    'u', 'v', 'x', 'y',
];

/// The labels of [`LETTERS`], in the same order.
const LETTER_LABELS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// Numbers below this one have a shared label.
const SHARED_NUMBERS: u32 = 100;

/// The decimal labels of the numbers below [`SHARED_NUMBERS`].
static NUMBER_LABELS: LazyLock<Vec<String>> =
    LazyLock::new(|| (0..SHARED_NUMBERS).map(|value| value.to_string()).collect());

/// The labels `(0)` to `(99)` of parenthesized numbers.
static PAREN_LABELS: LazyLock<Vec<String>> = LazyLock::new(|| {
    (0..SHARED_NUMBERS)
        .map(|value| format!("({value})"))
        .collect()
});

/// The largest value of a Roman numeral of at most seven characters
/// ("XXXXXXX"), the longest [`roman_value`] reads.
const MAX_ROMAN: u32 = 70;

/// The Roman numeral of each value up to [`MAX_ROMAN`], as [`to_roman`]
/// writes it.
static ROMAN_LABELS: LazyLock<Vec<String>> =
    LazyLock::new(|| (0..=MAX_ROMAN).map(to_roman).collect());

/// The label `labels` holds for `value`, if it holds one.
fn shared_label(labels: &'static [String], value: u32) -> Option<&'static str> {
    labels.get(usize::try_from(value).ok()?).map(String::as_str)
}

/// The decimal label of `value`: shared below [`SHARED_NUMBERS`].
pub(crate) fn number_label(value: u32) -> Cow<'static, str> {
    shared_label(&NUMBER_LABELS, value).map_or_else(|| value.to_string().into(), Cow::from)
}

/// The shared Roman numeral of `value`, up to [`MAX_ROMAN`].
fn roman_label(value: u32) -> Option<&'static str> {
    shared_label(&ROMAN_LABELS, value)
}

/// Parses the marker that opens `text`, returning it and the byte length of
/// the marker with the spaces after it.
pub(crate) fn parse_marker(text: &str) -> Option<(Marker, usize)> {
    let bytes = text.as_bytes();
    let first = text.chars().next()?;
    if let Some(found) = parse_bullet(text, first) {
        return Some(found);
    }
    if first.is_ascii_digit() {
        return parse_number(text);
    }
    if first == '(' && bytes.get(1).is_some_and(u8::is_ascii_digit) {
        return parse_paren_number(text);
    }
    if let Some(found) = parse_letter(text, first) {
        return Some(found);
    }
    if let Some(found) = parse_roman(text) {
        return Some(found);
    }
    parse_word_marker(text)
}

fn marker(style: MarkerStyle, label: impl Into<Cow<'static, str>>, ordinal: Option<u32>) -> Marker {
    Marker {
        style,
        label: label.into(),
        ordinal,
    }
}

/// Length of the spaces at the start of `rest`: ASCII spaces followed by
/// a printable ASCII byte or the end, most of them, are counted without a
/// Unicode trim.
fn spaces(rest: &str) -> usize {
    let ascii = rest.bytes().take_while(|&byte| byte == b' ').count();
    if rest.as_bytes().get(ascii).is_none_or(u8::is_ascii_graphic) {
        return ascii;
    }
    rest.len() - rest.trim_start().len()
}

/// True when a marker ending here is followed by a space or the end.
fn ends_marker(rest: &str) -> bool {
    rest.is_empty() || rest.starts_with(char::is_whitespace)
}

fn parse_bullet(text: &str, first: char) -> Option<(Marker, usize)> {
    let style = match first {
        '-' | '–' | '—' => MarkerStyle::Dash,
        '•' | '●' | '▪' | '◦' | '○' | '·' | '\u{f0a7}' | '\u{f0b7}' => MarkerStyle::Dash,
        '+' => MarkerStyle::Plus,
        _ => return None,
    };
    let rest = &text[first.len_utf8()..];
    let next = rest.chars().next();
    // "--" and "-2" are not bullets; "-Tham mưu" (no space) is.
    if next.is_some_and(|c| matches!(c, '-' | '–' | '+') || c.is_ascii_digit()) {
        return None;
    }
    Some((marker(style, "", None), first.len_utf8() + spaces(rest)))
}

fn parse_number(text: &str) -> Option<(Marker, usize)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 3 {
        return None;
    }
    // Decimal: 1.1, 1.1., 1.2.3.
    let first: u32 = text[..digits].parse().ok()?;
    let (mut components, mut last) = (1usize, first);
    let mut end = digits;
    loop {
        let rest = &text[end..];
        let Some(after_dot) = rest.strip_prefix('.') else {
            break;
        };
        let next_digits = after_dot.bytes().take_while(u8::is_ascii_digit).count();
        if next_digits == 0 || next_digits > 2 {
            break;
        }
        last = after_dot[..next_digits].parse().ok()?;
        components += 1;
        end += 1 + next_digits;
    }
    if components > 1 {
        if digits > 2 {
            return None;
        }
        let rest = &text[end..];
        let rest = rest.strip_prefix('.').unwrap_or(rest);
        let consumed = text.len() - rest.len();
        if !ends_marker(rest) {
            return None;
        }
        let depth = u8::try_from(components).unwrap_or(u8::MAX);
        return Some((
            marker(
                MarkerStyle::Decimal(depth),
                decimal_label(&text[..end]),
                Some(last),
            ),
            consumed + spaces(rest),
        ));
    }
    let rest = &text[digits..];
    let (style, rest) = if let Some(rest) = rest.strip_prefix('.') {
        (MarkerStyle::Arabic, rest)
    } else if let Some(rest) = rest.strip_prefix(')') {
        (MarkerStyle::NumberParen, rest)
    } else {
        return None;
    };
    if !ends_marker(rest) {
        return None;
    }
    Some((
        marker(style, number_label(first), Some(first)),
        text.len() - rest.len() + spaces(rest),
    ))
}

/// The label of a decimal marker's `numbers` ("01.2" gives "1.2"): each
/// component of one or two digits, written without leading zeros.
fn decimal_label(numbers: &str) -> String {
    let mut label = String::with_capacity(numbers.len());
    for (index, component) in numbers.split('.').enumerate() {
        if index > 0 {
            label.push('.');
        }
        let value: u32 = component.parse().unwrap_or(0);
        label.push_str(&number_label(value));
    }
    label
}

fn parse_paren_number(text: &str) -> Option<(Marker, usize)> {
    let inner = &text[1..];
    let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = inner[digits..].strip_prefix(')')?;
    if !ends_marker(rest) {
        return None;
    }
    let value: u32 = inner[..digits].parse().ok()?;
    let label =
        shared_label(&PAREN_LABELS, value).map_or_else(|| format!("({value})").into(), Cow::from);
    Some((
        marker(MarkerStyle::ParenNumber, label, Some(value)),
        text.len() - rest.len() + spaces(rest),
    ))
}

fn parse_letter(text: &str, first: char) -> Option<(Marker, usize)> {
    if !first.is_ascii_lowercase() && first != 'đ' {
        return None;
    }
    let index = LETTERS.iter().position(|&letter| letter == first)?;
    let rest = &text[first.len_utf8()..];
    let rest = if let Some(rest) = rest.strip_prefix(')') {
        rest
    } else {
        // "a. Nội dung" but not "v.v." or an abbreviation.
        let rest = rest.strip_prefix('.')?;
        if !rest.starts_with(' ') || !rest.trim_start().starts_with(char::is_uppercase) {
            return None;
        }
        rest
    };
    if !ends_marker(rest) {
        return None;
    }
    let ordinal = u32::try_from(index + 1).ok();
    Some((
        marker(MarkerStyle::Letter, LETTER_LABELS[index], ordinal),
        text.len() - rest.len() + spaces(rest),
    ))
}

/// The value of a Roman numeral of I, V and X, at most seven characters
/// written as [`to_roman`] writes them (I to XXXIX, and tens past XL
/// written as X's), if `numeral` is one.
pub(crate) fn roman_value(numeral: &str) -> Option<u32> {
    roman_numeral(numeral).map(|(value, _)| value)
}

/// The value of the Roman `numeral` (see [`roman_value`]) and its shared
/// label.
pub(crate) fn roman_numeral(numeral: &str) -> Option<(u32, &'static str)> {
    if numeral.is_empty() || numeral.len() > 7 {
        return None;
    }
    let mut total = 0u32;
    let mut previous = 0u32;
    for c in numeral.chars().rev() {
        let value = match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            _ => return None,
        };
        if value < previous {
            total = total.checked_sub(value)?;
        } else {
            total += value;
            previous = value;
        }
    }
    // Reject malformed numerals such as "IIII" or "VX" by round-tripping.
    let label = roman_label(total)?;
    (label == numeral).then_some((total, label))
}

/// [`roman_value`] of `token` in upper case, without writing it out: a
/// numeral has at most seven characters, each `I`, `V` or `X`.
fn upper_roman_value(token: &str) -> Option<u32> {
    let mut numeral = [0u8; 7];
    let mut len = 0;
    for c in token.chars().flat_map(char::to_uppercase) {
        if !matches!(c, 'I' | 'V' | 'X') || len == numeral.len() {
            return None;
        }
        numeral[len] = c as u8;
        len += 1;
    }
    roman_value(std::str::from_utf8(&numeral[..len]).ok()?)
}

fn to_roman(mut value: u32) -> String {
    let mut out = String::new();
    for (unit, symbol) in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while value >= unit {
            out.push_str(symbol);
            value -= unit;
        }
    }
    out
}

fn parse_roman(text: &str) -> Option<(Marker, usize)> {
    let numeral_len = text
        .bytes()
        .take_while(|b| matches!(b, b'I' | b'V' | b'X'))
        .count();
    let numeral = &text[..numeral_len];
    let (value, label) = roman_numeral(numeral)?;
    let rest = &text[numeral_len..];
    let rest = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')'))?;
    if !ends_marker(rest) {
        return None;
    }
    Some((
        marker(MarkerStyle::Roman, label, Some(value)),
        text.len() - rest.len() + spaces(rest),
    ))
}

/// `Điều 2.`, `Chương II`, `Phần I`, `PHỤ LỤC II`, `DANH MỤC …`.
fn parse_word_marker(text: &str) -> Option<(Marker, usize)> {
    // "dieu", "chuong", "phan", "phu luc" and "danh muc" are the keys.
    let first = first_key_char(text);
    if !matches!(first, Some('d' | 'c' | 'p')) {
        return None;
    }
    let (word, rest) = split_word_pair(text)?;
    // Enough of the key to tell "dieu", "chuong" and "phan" from longer
    // words.
    let mut key = [0u8; 7];
    let mut len = 0;
    for c in kehoach_text::ascii_key_chars(word).take(key.len()) {
        // A character folded to no ASCII letter matches no key.
        key[len] = u8::try_from(c).unwrap_or(0xff);
        len += 1;
    }
    let key = &key[..len];
    match key {
        b"dieu" => {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 || digits > 3 {
                return None;
            }
            let value: u32 = rest[..digits].parse().ok()?;
            let after = &rest[digits..];
            let after = after
                .strip_prefix('.')
                .or_else(|| after.strip_prefix(':'))
                .unwrap_or(after);
            if !ends_marker(after) {
                return None;
            }
            let consumed = text.len() - after.len() + spaces(after);
            Some((
                marker(MarkerStyle::Article, format!("Điều {value}"), Some(value)),
                consumed,
            ))
        }
        b"chuong" | b"phan" => {
            let token_len = rest
                .find(|c: char| c.is_whitespace() || c == '.' || c == ':')
                .unwrap_or(rest.len());
            let token = &rest[..token_len];
            let value = upper_roman_value(token).or_else(|| token.parse().ok())?;
            let after = &rest[token_len..];
            let after = after.strip_prefix(['.', ':']).unwrap_or(after);
            let style = if key == b"chuong" {
                MarkerStyle::Chapter
            } else {
                MarkerStyle::Part
            };
            let prefix = if key == b"chuong" {
                "Chương"
            } else {
                "Phần"
            };
            Some((
                marker(
                    style,
                    format!("{prefix} {}", token.to_uppercase()),
                    Some(value),
                ),
                text.len() - after.len() + spaces(after),
            ))
        }
        // An appendix key starts with "p" or "d", as the key of the text
        // does with its first key character.
        _ if first == Some('c') => None,
        _ => parse_appendix(text),
    }
}

/// The first word of `text` and the rest after one space, when the first
/// word is followed by a space.
fn split_word_pair(text: &str) -> Option<(&str, &str)> {
    let end = memchr::memchr(b' ', text.as_bytes())?;
    Some((&text[..end], text[end..].trim_start()))
}

fn parse_appendix(text: &str) -> Option<(Marker, usize)> {
    if !key_starts_with(text, "phu luc") && !key_starts_with(text, "danh muc") {
        return None;
    }
    let key = kehoach_text::ascii_key(text);
    let is_upper = !text.chars().any(char::is_lowercase);
    if let Some(rest) = key.strip_prefix("phu luc") {
        if !rest.is_empty() && !rest.starts_with(' ') && !rest.starts_with(':') {
            return None;
        }
        let rest_text = skip_chars(text, "phu luc".chars().count());
        let token = rest_text
            .trim_start_matches([' ', ':', '.'])
            .split(|c: char| c.is_whitespace() || c == '.' || c == ':')
            .next()
            .unwrap_or("");
        let numeral = if roman_value(token).is_some() || token.parse::<u32>().is_ok() {
            token
        } else if !is_upper && !rest.trim().is_empty() {
            // "Phụ lục kèm theo …" in running text is not a heading.
            return None;
        } else {
            ""
        };
        let consumed = if numeral.is_empty() {
            text.len() - rest_text.len()
        } else {
            let start = text.len() - rest_text.trim_start_matches([' ', ':', '.']).len();
            start + numeral.len()
        };
        let after = &text[consumed..];
        let after_trimmed = after.trim_start_matches([' ', ':', '.', '-']);
        let ordinal = roman_value(numeral).or_else(|| numeral.parse().ok());
        return Some((
            marker(MarkerStyle::Appendix, format!("PL{numeral}"), ordinal),
            text.len() - after_trimmed.len(),
        ));
    }
    if key.starts_with("danh muc") && is_upper {
        return Some((marker(MarkerStyle::Appendix, "PL", None), 0));
    }
    None
}

/// `text` after its first `count` characters.
fn skip_chars(text: &str, count: usize) -> &str {
    match text.char_indices().nth(count) {
        Some((index, _)) => &text[index..],
        None => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_marker(text: &str, style: Option<MarkerStyle>, label: &str, rest: &str) {
        let parsed = parse_marker(text);
        match style {
            None => assert!(
                parsed.is_none(),
                "{text:?} should not open with a marker: {parsed:?}"
            ),
            Some(style) => {
                let (marker, len) =
                    parsed.unwrap_or_else(|| panic!("{text:?} should open with a marker"));
                assert_eq!(marker.style, style, "{text:?}");
                assert_eq!(marker.label, label, "{text:?}");
                assert_eq!(&text[len..], rest, "{text:?}");
            }
        }
    }

    #[test]
    fn markers_of_every_style() {
        use MarkerStyle::*;
        check_marker("II. NHIỆM VỤ", Some(Roman), "II", "NHIỆM VỤ");
        check_marker("1. Mục đích", Some(Arabic), "1", "Mục đích");
        check_marker("1.1. Kiểm soát", Some(Decimal(2)), "1.1", "Kiểm soát");
        check_marker("2.4 Phát triển", Some(Decimal(2)), "2.4", "Phát triển");
        check_marker("3.1.2. Nội dung", Some(Decimal(3)), "3.1.2", "Nội dung");
        check_marker("a) Phối hợp", Some(Letter), "a", "Phối hợp");
        check_marker("đ) Thường xuyên", Some(Letter), "đ", "Thường xuyên");
        check_marker("b. Nội dung", Some(Letter), "b", "Nội dung");
        check_marker("(1) Tổng mức vốn", Some(ParenNumber), "(1)", "Tổng mức vốn");
        check_marker("3) Nội dung", Some(NumberParen), "3", "Nội dung");
        check_marker("- Đơn vị chủ trì", Some(Dash), "", "Đơn vị chủ trì");
        check_marker("-Tham mưu", Some(Dash), "", "Tham mưu");
        check_marker("+ Các kế hoạch", Some(Plus), "", "Các kế hoạch");
        check_marker(
            "Điều 2. Giao Sở Nội vụ",
            Some(Article),
            "Điều 2",
            "Giao Sở Nội vụ",
        );
        check_marker("Phụ lục", Some(Appendix), "PL", "");
        check_marker("PHỤ LỤC II", Some(Appendix), "PLII", "");
        check_marker(
            "DANH MỤC CÁC NHIỆM VỤ",
            Some(Appendix),
            "PL",
            "DANH MỤC CÁC NHIỆM VỤ",
        );
        check_marker("1.", Some(Arabic), "1", "");
    }

    #[test]
    fn things_that_are_not_markers() {
        check_marker("2025 và các năm tiếp theo", None, "", "");
        check_marker("1.260.000 USD", None, "", "");
        check_marker("v.v. và các nội dung", None, "", "");
        check_marker("Điều chỉnh kế hoạch", None, "", "");
        check_marker("Phụ lục kèm theo kế hoạch", None, "", "");
        check_marker("Danh mục văn bản", None, "", "");
        check_marker("-- ghi chú", None, "", "");
        check_marker("f) không có", None, "", "");
        check_marker("IIII. sai", None, "", "");
        check_marker("Ban hành", None, "", "");
    }

    /// The definition of [`roman_value`]: the value that [`to_roman`]
    /// writes as `numeral`, a numeral of at most seven characters (70,
    /// `XXXXXXX`, is the largest).
    fn roman_value_by_writing(numeral: &str) -> Option<u32> {
        (1..=70)
            .find(|&value| to_roman(value) == numeral)
            .filter(|_| numeral.len() <= 7)
    }

    #[test]
    fn roman_values_as_written_out() {
        // Every string of up to eight numeral characters.
        let mut numerals = vec![String::new()];
        for _ in 0..8 {
            let longer: Vec<String> = numerals
                .iter()
                .filter(|numeral| numeral.len() == numerals.last().map_or(0, String::len))
                .flat_map(|numeral| ["I", "V", "X"].map(|c| format!("{numeral}{c}")))
                .collect();
            numerals.extend(longer);
        }
        for numeral in &numerals {
            assert_eq!(
                roman_value(numeral),
                roman_value_by_writing(numeral),
                "{numeral}"
            );
        }
    }

    #[test]
    fn shared_labels_as_written_out() {
        for value in 0..1000 {
            assert_eq!(number_label(value), value.to_string());
        }
        for value in 0..=MAX_ROMAN {
            assert_eq!(roman_label(value), Some(to_roman(value).as_str()));
        }
        for (letter, label) in LETTERS.iter().zip(LETTER_LABELS) {
            assert_eq!(letter.to_string(), label);
        }
        for value in 0..100 {
            let text = format!("({value}) Nội dung");
            let (marker, _) = parse_marker(&text).expect("a marker");
            assert_eq!(marker.label, format!("({value})"));
        }
    }

    proptest::proptest! {
        #[test]
        fn spaces_as_trimmed(rest in "[ \t\u{a0}a.]{0,5}") {
            proptest::prop_assert_eq!(spaces(&rest), rest.len() - rest.trim_start().len());
        }

        #[test]
        fn upper_roman_value_as_uppercased(token in "[ivxIVXıaß0-9]{0,9}") {
            proptest::prop_assert_eq!(
                upper_roman_value(&token),
                roman_value(&token.to_uppercase())
            );
        }

        #[test]
        fn decimal_labels_as_joined(numbers in proptest::collection::vec("[0-9]{1,2}", 2..5)) {
            let text = format!("{} Nội dung", numbers.join("."));
            let expected = numbers
                .iter()
                .map(|number| number.parse::<u32>().map(|value| value.to_string()))
                .collect::<Result<Vec<_>, _>>()
                .map(|parts| parts.join("."));
            let (marker, _) = parse_marker(&text).expect("a decimal marker");
            proptest::prop_assert_eq!(Ok(marker.label.into_owned()), expected);
        }
    }

    #[test]
    fn roman_numerals_round_trip() {
        assert_eq!(roman_value("IV"), Some(4));
        assert_eq!(roman_value("XIX"), Some(19));
        assert_eq!(roman_value("VX"), None);
        assert_eq!(roman_value(""), None);
    }
}
