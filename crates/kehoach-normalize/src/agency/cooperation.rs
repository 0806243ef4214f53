//! Whether a text can name cooperating agencies at all, read off its
//! characters before it is tokenized: most task texts name none, and
//! tokenizing them is the costliest part of looking.

use super::chars::{WORD, classes, letters_of};

/// The [letters](super::chars::letters) of the words one of which every cooperation
/// marker of the data holds: "với" ("phối hợp với", "cùng với", "với sự
/// tham gia của") and "phối" ("phối hợp", "sự phối hợp của").
const CUES: [&str; 2] = ["voi", "phoi"];

/// Whether `text` may hold a cooperation marker: a word that starts with a
/// "v" or "p" and whose letters are a cue's, which every spelling of a word
/// that folds to a cue word's key is. No abbreviation expands to a cue word.
///
/// `false` only when [`cooperating_agencies`](super::cooperating_agencies)
/// would find nothing.
pub(crate) fn may_cooperate(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(b'v', b'V', bytes)
        .chain(memchr::memchr2_iter(b'p', b'P', bytes))
        .any(|at| is_cue_at(text, at))
}

/// Whether the word that starts at byte `at` (a "v" or "p") has a cue's
/// letters: [`letters`](super::chars::letters) of
/// [`word_at`](super::chars::word_at) compared with the one cue that
/// starts with its first letter, reading only as far as they agree.
fn is_cue_at(text: &str, at: usize) -> bool {
    let cue = if text.as_bytes()[at].eq_ignore_ascii_case(&b'v') {
        CUES[0]
    } else {
        CUES[1]
    };
    let word = text[at..].chars().take_while(|&c| classes(c) & WORD != 0);
    letters_of(word).eq(cue.chars())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agency::chars::{letters, word_at};
    use crate::agency::lexicon::LEXICON;
    use crate::agency::token::tokenize_expanded;
    use crate::agency::{Aliases, cooperating_tokens};
    use proptest::prelude::*;

    /// Whether a key is a cue word's.
    fn is_cue(key: &str) -> bool {
        CUES.iter().any(|cue| letters(key).eq(cue.chars()))
    }

    #[test]
    fn every_marker_holds_a_cue_word() {
        let grammar: toml::Table =
            toml::from_str(include_str!("../../data/agency_grammar.toml")).unwrap();
        let markers = grammar["words"]["cooperation"].as_array().unwrap();
        assert!(!markers.is_empty());
        for marker in markers {
            let marker = marker.as_str().unwrap();
            assert!(
                LEXICON.keys_of(marker).iter().any(|key| is_cue(key)),
                "{marker}"
            );
        }
    }

    #[test]
    fn no_abbreviation_or_restored_head_reads_as_a_cue_word() {
        for abbreviation in LEXICON.abbreviations.values() {
            assert!(
                !abbreviation.words.iter().any(|w| is_cue(&w.key.key())),
                "{}",
                abbreviation.first
            );
        }
        for head in LEXICON.unmarked_heads.values() {
            assert!(!is_cue(&head.key.key()), "{}", head.name);
        }
    }

    fn texts() -> impl Strategy<Value = String> {
        const PIECES: [&str; 16] = [
            "Sở Tư pháp",
            "chủ trì",
            "phối hợp với",
            "PHỐI HỢP",
            "pho\u{302}\u{301}i hợp",
            "cùng với",
            "VỚI",
            "vơ\u{300}i",
            "Với sự tham gia của",
            "các cơ quan liên quan",
            "UBND tỉnh",
            "Phòng",
            "vói",
            "phôi",
            ",",
            "(",
        ];
        let word = prop_oneof![
            proptest::sample::select(&PIECES[..]).prop_map(str::to_owned),
            "\\PC{1,4}",
        ];
        proptest::collection::vec(word, 0..12).prop_map(|words| words.join(" "))
    }

    proptest! {
        #[test]
        fn a_cue_is_read_as_far_as_its_word_agrees(text in texts()) {
            let bytes = text.as_bytes();
            for at in memchr::memchr3_iter(b'v', b'V', b'p', bytes).chain(memchr::memchr_iter(b'P', bytes)) {
                let word = word_at(&text, at);
                let expected = CUES.iter().any(|cue| letters(word).eq(cue.chars()));
                prop_assert_eq!(is_cue_at(&text, at), expected, "{} at {}", text, at);
            }
        }

        #[test]
        fn a_text_without_cues_names_no_cooperating_agency(text in texts()) {
            if !may_cooperate(&text) {
                let tokens = tokenize_expanded(&text, &LEXICON);
                prop_assert!(!tokens.iter().any(|t| is_cue(&t.key)));
                prop_assert!(cooperating_tokens(&text, &tokens, &Aliases::new()).is_empty());
            }
        }
    }
}
