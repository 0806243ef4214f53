//! Phrase lists the extractor matches, loaded from `data/phrases.tsv`.

use std::sync::LazyLock;

use kehoach_text::{ascii_key, ascii_key_chars};

const PHRASES: &str = include_str!("../data/phrases.tsv");

fn list(name: &str) -> Vec<String> {
    PHRASES
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t'))
        .filter(|(list, _)| *list == name)
        .map(|(_, phrase)| ascii_key(phrase))
        .collect()
}

/// Phrases of a decision's execution clause.
pub(crate) static BOILERPLATE: LazyLock<Vec<String>> = LazyLock::new(|| list("boilerplate"));
/// Openings of a decision's enacting article ("Ban hành kèm theo Quyết
/// định này …"), not a task.
pub(crate) static ENACTMENT: LazyLock<Vec<String>> = LazyLock::new(|| list("enactment"));
/// Words that open a sentence assigning a task to the agency after them.
pub(crate) static ASSIGN_OPENERS: LazyLock<Vec<String>> = LazyLock::new(|| list("assign_opener"));
/// Verb phrases that follow the subject of an assigning sentence.
pub(crate) static ASSIGN_VERBS: LazyLock<Vec<String>> = LazyLock::new(|| list("assign"));
/// Heading words that name the owner of a section after "của".
pub(crate) static OWNER_HEADINGS: LazyLock<Vec<String>> = LazyLock::new(|| list("owner"));
/// Words that open an introductory clause before the subject of a sentence.
pub(crate) static INTRODUCTIONS: LazyLock<Vec<String>> = LazyLock::new(|| list("introduction"));
/// Document kinds whose body items are all directives.
pub(crate) static DIRECTIVE_KINDS: LazyLock<Vec<String>> = LazyLock::new(|| list("directive_kind"));

/// What the raw bytes of a text containing a [`BOILERPLATE`] phrase must
/// look like, read without folding: see [`RawShape`].
static BOILERPLATE_SHAPE: LazyLock<RawShape> = LazyLock::new(|| RawShape::new(&BOILERPLATE));

/// A test on the raw bytes of a text that every text whose [`ascii_key`]
/// contains one of a list of phrases passes, so a text that fails it needs
/// no folding.
///
/// Each character of a key comes from one character of the text, except a
/// space, which comes from a run of whitespace. An ASCII character of the
/// text gives its lowercase (or a space, if it is whitespace); only a
/// non-ASCII character can give anything else. So a key letter comes from
/// that letter in either case or from a non-ASCII character, and a space
/// from a run of ASCII whitespace and non-ASCII characters. The test runs
/// the [`signs`] of the phrases over the text as one bit-parallel
/// automaton (one bit a position), a non-ASCII character standing for any
/// position. When the signs do not fit in 64 positions or one has a
/// non-ASCII key character, every text passes.
struct RawShape {
    /// The positions each byte of the text may stand for: `0` for a
    /// continuation byte, which belongs to the character its lead byte
    /// stood for.
    step: [u64; 256],
    /// The positions each byte keeps as they are: the spaces, for
    /// whitespace and lead bytes; every position, for a continuation byte.
    stay: [u64; 256],
    /// The first position of each phrase.
    starts: u64,
    /// The last position of each phrase.
    ends: u64,
    /// Every text passes.
    always: bool,
}

impl RawShape {
    fn new(phrases: &[String]) -> Self {
        let mut shape = RawShape {
            step: [0; 256],
            stay: [0; 256],
            starts: 0,
            ends: 0,
            always: false,
        };
        let signs = signs(phrases);
        let phrases = &signs;
        let mut position = 0;
        let mut spaces = 0u64;
        for phrase in phrases {
            if !phrase.is_ascii() || phrase.is_empty() || position + phrase.len() > 64 {
                shape.always = true;
                return shape;
            }
            shape.starts |= 1 << position;
            for byte in phrase.bytes() {
                let bit = 1u64 << position;
                if byte == b' ' {
                    spaces |= bit;
                } else {
                    shape.step[usize::from(byte)] |= bit;
                    shape.step[usize::from(byte.to_ascii_uppercase())] |= bit;
                }
                position += 1;
            }
            shape.ends |= 1 << (position - 1);
        }
        for byte in 0..=255u8 {
            let index = usize::from(byte);
            if byte.is_ascii_whitespace() || byte == 0x0b {
                shape.step[index] = spaces;
                shape.stay[index] = spaces;
            } else if byte >= 0xc0 {
                shape.step[index] = u64::MAX;
                shape.stay[index] = spaces;
            } else if byte >= 0x80 {
                shape.stay[index] = u64::MAX;
            }
        }
        shape
    }

    /// False when `text` cannot contain any of the phrases.
    fn may_contain(&self, text: &str) -> bool {
        if self.always {
            return true;
        }
        let mut state = 0u64;
        let mut found = 0u64;
        for &byte in text.as_bytes() {
            let index = usize::from(byte);
            state = (((state << 1) | self.starts) & self.step[index]) | (state & self.stay[index]);
            found |= state;
        }
        found & self.ends != 0
    }
}

/// Parts of `phrases` that every text containing one of them contains: the
/// words a phrase opens with in common with another phrase, when they are
/// at least two, else the whole phrase; each part once.
fn signs(phrases: &[String]) -> Vec<String> {
    let mut signs: Vec<String> = Vec::new();
    for (index, phrase) in phrases.iter().enumerate() {
        let common = phrases
            .iter()
            .enumerate()
            .filter(|&(other, _)| other != index)
            .map(|(_, other)| {
                phrase
                    .split(' ')
                    .zip(other.split(' '))
                    .take_while(|(a, b)| a == b)
                    .count()
            })
            .max()
            .unwrap_or(0);
        let sign = if common >= 2 {
            phrase.split(' ').take(common).collect::<Vec<_>>().join(" ")
        } else {
            phrase.clone()
        };
        if !signs.contains(&sign) {
            signs.push(sign);
        }
    }
    signs
}

/// True when a text is the execution or enacting clause of a decision.
pub(crate) fn is_boilerplate(text: &str) -> bool {
    (BOILERPLATE_SHAPE.may_contain(text) && contains_any(text, &BOILERPLATE))
        || starts_with_any(text, &ENACTMENT)
}

/// True when `text` contains a phrase of `phrases` (diacritic-free).
pub(crate) fn contains_any(text: &str, phrases: &[String]) -> bool {
    let key = ascii_key(text);
    phrases.iter().any(|phrase| key.contains(phrase.as_str()))
}

/// True when the [`ascii_key`] of `text` starts with a phrase of
/// `phrases`, whole word or not. The key opens with the fold of the first
/// character that is not whitespace, which for an ASCII one is its
/// lowercase: a text opening with an ASCII character no phrase opens with
/// is not folded.
pub(crate) fn key_starts_with_any(text: &str, phrases: &[String]) -> bool {
    if opening_rules_out(text, phrases) {
        return false;
    }
    let key = ascii_key(text);
    phrases
        .iter()
        .any(|phrase| key.starts_with(phrase.as_str()))
}

/// Calls `read` with the first `len` characters of the [`ascii_key`] of
/// `text` (fewer if the key is shorter), folded only as far as that, in a
/// buffer on the stack when they fit.
fn with_key_opening<R>(text: &str, len: usize, read: impl FnOnce(&str) -> R) -> R {
    /// Room on the stack: the longest phrase of the lists is shorter.
    const ROOM: usize = 64;
    let mut buffer = [0u8; ROOM];
    let mut used = 0;
    for c in ascii_key_chars(text).take(len) {
        let width = c.len_utf8();
        if used + width > ROOM {
            let key: String = ascii_key_chars(text).take(len).collect();
            return read(&key);
        }
        c.encode_utf8(&mut buffer[used..used + width]);
        used += width;
    }
    read(std::str::from_utf8(&buffer[..used]).expect("whole characters were written"))
}

/// True when the first character of `text` that is not whitespace is an
/// ASCII one whose lowercase no phrase of `phrases` opens with: the key of
/// `text` (or of any opening of it) then starts with none of them.
fn opening_rules_out(text: &str, phrases: &[String]) -> bool {
    text.trim_start().as_bytes().first().is_some_and(|&first| {
        let first = first.to_ascii_lowercase();
        first.is_ascii()
            && !phrases.iter().any(|phrase| {
                phrase
                    .as_bytes()
                    .first()
                    .is_none_or(|&opening| opening == first)
            })
    })
}

/// True when `text` opens with a phrase of `phrases` (diacritic-free).
/// Only as much of the opening is folded as the longest phrase and the
/// character after it need, and none when [`opening_rules_out`] the
/// phrases.
pub(crate) fn starts_with_any(text: &str, phrases: &[String]) -> bool {
    if opening_rules_out(text, phrases) {
        return false;
    }
    let longest = phrases.iter().map(String::len).max().unwrap_or(0);
    let opening = &text[..text.floor_char_boundary(60)];
    with_key_opening(opening, longest + 1, |key| {
        phrases.iter().any(|phrase| {
            key.strip_prefix(phrase.as_str())
                .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    #[test]
    fn phrases_are_nfc_and_unique() {
        let mut seen = HashSet::new();
        for (index, line) in PHRASES.lines().enumerate() {
            assert_eq!(
                kehoach_text::nfc(line),
                line,
                "phrases.tsv:{} is not NFC",
                index + 1
            );
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            assert!(
                seen.insert(ascii_key(line)),
                "phrases.tsv:{} is a duplicate",
                index + 1
            );
        }
        assert!(!BOILERPLATE.is_empty() && !ASSIGN_VERBS.is_empty() && !DIRECTIVE_KINDS.is_empty());
    }

    /// Characters that make up texts near the boilerplate phrases.
    fn boilerplate_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "chịu",
            "CHỊU",
            "trách",
            "nhiệm",
            "thi",
            "hành",
            "HÀNH",
            "có",
            "hiệu",
            "lực",
            "kể",
            "từ",
            "ngày",
            "thay",
            "thế",
            "quyết",
            "định",
            "số",
            "Ḱ",
            "ḷ",
            "\u{212A}",
            "c\u{301}",
            " ",
            "  ",
            "\t",
            "\u{a0}",
            "\n",
            ",",
            "x",
            "1",
            "có hiệu lực thi hành",
            "THAY THẾ QUYẾT ĐỊNH SỐ",
            "chịu  trách\u{a0}nhiệm thi hành",
        ]);
        prop::collection::vec(
            prop_oneof![
                pieces.prop_map(str::to_owned),
                any::<char>().prop_map(String::from)
            ],
            0..40,
        )
        .prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #[test]
        fn an_opening_key_is_told_as_on_the_whole_key(
            text in "[ \t\u{a0}]{0,2}[nNtTpPaĐđ1Ḿ ]{0,2}(hiệm|HIỆM|rách|hân)?[a-z ]{0,4}",
            empty: bool,
        ) {
            let mut phrases = OWNER_HEADINGS.clone();
            if empty {
                phrases.push(String::new());
            }
            let key = ascii_key(&text);
            prop_assert_eq!(
                key_starts_with_any(&text, &phrases),
                phrases.iter().any(|phrase| key.starts_with(phrase.as_str()))
            );
        }

        #[test]
        fn an_opening_phrase_is_told_as_on_the_folded_opening(
            text in "[ \t\u{a0}]{0,2}[bBgGđĐĐyY1Ḿ ]{0,2}(an|AN|iao|ề|êu)?[a-z ]{0,4}(hành|nghị|cầu)?[ a-zụủ:]{0,12}",
            empty: bool,
        ) {
            let mut phrases = ASSIGN_OPENERS.clone();
            phrases.extend(ENACTMENT.iter().cloned());
            if empty {
                phrases.push(String::new());
            }
            let longest = phrases.iter().map(String::len).max().unwrap_or(0);
            let key: String = ascii_key_chars(&text[..text.floor_char_boundary(60)])
                .take(longest + 1)
                .collect();
            prop_assert_eq!(
                starts_with_any(&text, &phrases),
                phrases.iter().any(|phrase| {
                    key.strip_prefix(phrase.as_str())
                        .is_some_and(|rest| !rest.starts_with(char::is_alphanumeric))
                })
            );
        }

        #[test]
        fn the_raw_shape_holds_whenever_a_phrase_does(text in boilerplate_text()) {
            if contains_any(&text, &BOILERPLATE) {
                prop_assert!(BOILERPLATE_SHAPE.may_contain(&text));
            }
        }
    }

    #[test]
    fn the_raw_shape_holds_for_every_phrase() {
        for line in PHRASES
            .lines()
            .filter(|line| line.starts_with("boilerplate\t"))
        {
            let phrase = &line["boilerplate\t".len()..];
            for text in [
                phrase.to_owned(),
                phrase.to_uppercase(),
                phrase.replace(' ', " \u{a0}\n "),
                format!("Điều 3. {phrase}."),
            ] {
                assert!(contains_any(&text, &BOILERPLATE), "{text}");
                assert!(BOILERPLATE_SHAPE.may_contain(&text), "{text}");
            }
        }
        assert!(!BOILERPLATE_SHAPE.may_contain("Sở Nội vụ chủ trì thực hiện"));
        assert!(RawShape::new(&["ü".to_owned()]).may_contain(""));
        // Phrases past the 64 positions of the automaton: every text passes.
        let long: Vec<String> = ["alpha", "bravo", "charlie", "delta", "echo", "golf"]
            .map(|word| format!("{word} mot cum tu dai"))
            .into();
        assert!(RawShape::new(&long).always);
        assert!(RawShape::new(&long).may_contain(""));
        assert!(!BOILERPLATE_SHAPE.always);
        assert_eq!(
            signs(&BOILERPLATE),
            [
                "chiu trach nhiem thi hanh",
                "co hieu luc",
                "thay the quyet dinh so"
            ]
        );
    }

    #[test]
    fn a_key_opening_past_the_stack_room_is_the_whole_one() {
        let text =
            "Đẩy mạnh   cải cách hành chính, nâng cao chất lượng phục vụ người dân và doanh nghiệp";
        for len in [0, 1, 10, 63, 64, 65, 100, 1000] {
            let key: String = ascii_key_chars(text).take(len).collect();
            with_key_opening(text, len, |opening| assert_eq!(opening, key));
        }
        let wide = "中".repeat(40);
        with_key_opening(&wide, 30, |opening| assert_eq!(opening, "中".repeat(30)));
    }

    #[test]
    fn an_opening_phrase_is_a_whole_word() {
        assert!(starts_with_any("  GIAO Sở Nội vụ chủ trì", &ASSIGN_OPENERS));
        assert!(starts_with_any("Đề   nghị: các sở", &ASSIGN_OPENERS));
        assert!(!starts_with_any(
            "Giao thông vận tải",
            &["giao thong van tai x".to_owned()]
        ));
        assert!(!starts_with_any("Giaothông", &ASSIGN_OPENERS));
        assert!(!starts_with_any("", &ASSIGN_OPENERS));
    }
}
