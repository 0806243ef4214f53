//! The names one thread has rendered, by the tokens of their mention: a
//! document names the same agencies again and again, and spelling a name
//! parses its mention once more.

use std::cell::RefCell;

use crate::agency::token::Token;
use crate::hash::WordMap;

/// How many names the memo of one thread holds before it starts afresh.
const CAPACITY: usize = 1 << 14;

#[derive(Default)]
struct Memo {
    /// The tokens of the mention being looked up, encoded (see [`encode`]).
    buffer: Vec<u8>,
    names: WordMap<Box<[u8]>, String>,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::default();
}

/// The name `spell` gives the mention made of `tokens`, spelled once per
/// thread for each sequence of tokens.
pub(super) fn remembered(
    tokens: &[Token<'_>],
    spell: impl FnOnce(&[Token<'_>]) -> String,
) -> String {
    let known = MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        let Memo { buffer, names } = &mut *memo;
        encode(tokens, buffer);
        names.get(buffer.as_slice()).cloned()
    });
    if let Some(name) = known {
        return name;
    }
    // Spelling may parse other names; the memo is not borrowed meanwhile.
    let name = spell(tokens);
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        if memo.names.len() >= CAPACITY {
            memo.names.clear();
        }
        encode(tokens, &mut memo.buffer);
        let key = memo.buffer.as_slice().into();
        memo.names.insert(key, name.clone());
    });
    name
}

/// Writes everything a name depends on of each token into `buffer`, each
/// string after its length so that no two sequences share a code.
fn encode(tokens: &[Token<'_>], buffer: &mut Vec<u8>) {
    buffer.clear();
    for token in tokens {
        for text in [token.text, &*token.key] {
            buffer.extend_from_slice(&(text.len() as u32).to_le_bytes());
            buffer.extend_from_slice(text.as_bytes());
        }
        buffer.push(
            token.class as u8
                | (token.case as u8) << 2
                | u8::from(token.space_before) << 4
                | u8::from(token.expanded) << 5
                | u8::from(token.traditional) << 6,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::lexicon::LEXICON;
    use super::super::super::token::tokenize_expanded;
    use super::super::{render, spell};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn a_remembered_name_is_the_name_spelled(
            words in proptest::collection::vec(
                prop_oneof![
                    Just("Sở"), Just("SỞ"), Just("sở"), Just("UBND"), Just("các"), Just(","),
                    Just("và"), Just("Văn phòng"), Just("tỉnh"), Just("huyện"), Just("Nội vụ"),
                    Just("Vu"), Just("Kế"), Just("hoạch"), Just("-"), Just("TT&TT"), Just("hoá"),
                    Just("(UBND)"), Just("có liên quan"), Just("được giao"),
                ],
                1..8,
            ),
            spaces in proptest::collection::vec(prop_oneof![Just(" "), Just("")], 8),
        ) {
            let text: String = words.iter().zip(&spaces).map(|(w, s)| format!("{w}{s}")).collect();
            let tokens = tokenize_expanded(&text, &LEXICON);
            for start in 0..tokens.len() {
                for end in start + 1..=tokens.len() {
                    let range = &tokens[start..end];
                    // Twice: spelled, then remembered.
                    prop_assert_eq!(render(range), spell(range));
                    prop_assert_eq!(render(range), spell(range));
                }
            }
        }
    }
}
