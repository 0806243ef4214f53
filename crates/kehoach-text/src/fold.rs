//! The comparison key of [`fold`](crate::fold), two ways: a fast path for
//! text written with ASCII, the precomposed Vietnamese letters and plain
//! symbols, which lowercases, splits and re-spells each word in one pass
//! with table look-ups; and the general definition, through Unicode
//! lowercasing, NFC and decomposition, for any other text.

use std::iter;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, is_nfc_quick};

use crate::letters::{Letter, Vowel, vietnamese_letter};
use crate::syllable::{Phoneme, Syllable, find_nucleus, is_lone_y, tone_index};
use crate::{for_each_run, nfc};

/// The general definition of [`fold`](crate::fold), for any text.
pub(crate) fn general(text: &str) -> String {
    let lowered = text.to_lowercase();
    let mut key = String::with_capacity(lowered.len());
    let mut pending_space = false;
    for_each_run(&nfc(&lowered), |run, is_word| {
        if !is_word {
            for c in run.chars() {
                if c.is_whitespace() {
                    pending_space = !key.is_empty();
                } else {
                    if pending_space {
                        key.push(' ');
                        pending_space = false;
                    }
                    key.push(c);
                }
            }
            return;
        }
        if pending_space {
            key.push(' ');
            pending_space = false;
        }
        fold_run(run, &mut key);
    });
    key
}

/// Folds one run of lowercase letters in NFC into `key`.
fn fold_run(run: &str, key: &mut String) {
    let mut syllable = Syllable::parse(run);
    syllable.fold_lone_y();
    syllable.write_traditional(key);
}

/// The key of `text` when every character is ASCII, a precomposed
/// Vietnamese letter, whitespace or a plain symbol; none otherwise, and
/// [`general`] gives it. Both give the same key wherever this one answers.
///
/// The key is mostly the text itself: it is copied in spans, broken only
/// where a capital is lowered, whitespace other than one space is dropped
/// or collapsed, or a word is re-spelled. Only a word with a tone mark or a
/// `y` is looked at letter by letter.
pub(crate) fn fast(text: &str) -> Option<String> {
    let mut key = Key {
        out: String::with_capacity(text.len()),
        text,
        copied: 0,
    };
    let mut word: Option<Word> = None;
    // Where the run of whitespace before the current character starts.
    let mut spaces = None;
    let mut at = 0;
    while let Some(&byte) = text.as_bytes().get(at) {
        // The common cases first: a lowercase ASCII letter within a word,
        // a space after one.
        match byte {
            b'a'..=b'z' => {
                let word = Word::extend(&mut word, &mut key, &mut spaces, at);
                at += word.add_lowercase_ascii(&text.as_bytes()[at..]);
                continue;
            }
            b' ' => {
                if let Some(word) = word.take() {
                    word.finish(&mut key, at);
                }
                spaces.get_or_insert(at);
                at += 1;
                continue;
            }
            _ => {}
        }
        let c = text[at..].chars().next()?;
        let len = c.len_utf8();
        let letter = if c.is_ascii_alphabetic() {
            Some((None, c.to_ascii_lowercase()))
        } else {
            vietnamese_letter(c).map(|(letter, _)| (Some(letter), letter.lowercase()))
        };
        let Some((letter, lower)) = letter else {
            if let Some(word) = word.take() {
                word.finish(&mut key, at);
            }
            if c.is_whitespace() {
                spaces.get_or_insert(at);
            } else if c.is_ascii() || is_plain_symbol(c) {
                if let Some(start) = spaces.take() {
                    key.end_spaces(start, at);
                }
            } else {
                return None;
            }
            at += len;
            continue;
        };
        let word = Word::extend(&mut word, &mut key, &mut spaces, at);
        match letter {
            Some(letter) => word.add(letter),
            None => word.add_ascii(lower as u8),
        }
        if lower != c {
            key.replace(at, len, lower);
        }
        at += len;
    }
    if let Some(word) = word {
        word.finish(&mut key, text.len());
    }
    key.flush(spaces.unwrap_or(text.len()));
    Some(key.out)
}

/// The key being written: the text up to `copied` is in `out`, changed or
/// dropped where it had to be; the rest is copied later, as it is.
struct Key<'t> {
    out: String,
    text: &'t str,
    copied: usize,
}

impl Key<'_> {
    /// Copies the text up to `end`.
    fn flush(&mut self, end: usize) {
        self.out.push_str(&self.text[self.copied..end]);
        self.copied = end;
    }

    /// Where the character at `at` of the text lands in the key.
    fn landing(&self, at: usize) -> usize {
        self.out.len() + at - self.copied
    }

    /// Writes `c` for the `len` bytes of the text at `at`.
    fn replace(&mut self, at: usize, len: usize, c: char) {
        self.flush(at);
        self.out.push(c);
        self.copied = at + len;
    }

    /// Ends the run of whitespace from `start` to `at`, where something
    /// other than whitespace follows: one space stays as it is, other runs
    /// become one space, and whitespace that opens the key is dropped.
    fn end_spaces(&mut self, start: usize, at: usize) {
        let opens = self.copied == start && self.out.is_empty();
        if opens || at - start != 1 || self.text.as_bytes()[start] != b' ' {
            self.collapse_spaces(start, at, opens);
        }
    }

    #[cold]
    fn collapse_spaces(&mut self, start: usize, at: usize, opens: bool) {
        self.flush(start);
        if !opens {
            self.out.push(' ');
        }
        self.copied = at;
    }
}

/// True when `c` is neither a letter nor a mark, has no case, and is a
/// starter that NFC keeps as it is and never joins to what precedes it:
/// the general path would copy it unchanged.
fn is_plain_symbol(c: char) -> bool {
    let common =
        matches!(c, '\u{80}'..='\u{bf}' | '\u{2010}'..='\u{2027}') && !matches!(c, 'ª' | 'µ' | 'º');
    common || is_plain_symbol_by_properties(c)
}

/// [`is_plain_symbol`] by the character's Unicode properties.
fn is_plain_symbol_by_properties(c: char) -> bool {
    !c.is_alphabetic()
        && canonical_combining_class(c) == 0
        && is_nfc_quick(iter::once(c)) == IsNormalized::Yes
        && c.to_lowercase().eq(iter::once(c))
}

/// A letter as the syllable rules see it: its lowercase base letter, with
/// [`Sound::QUALITY`] set when it carries a quality mark. `đ` counts as `d`:
/// the rules only tell vowels, `q` and `g` apart from other consonants.
#[derive(Debug, Clone, Copy)]
struct Sound(u8);

impl Sound {
    const QUALITY: u8 = 0x80;

    /// The sound and the tone (0 for none) of a letter the fast path takes.
    fn of(c: char) -> (Sound, u8) {
        match vietnamese_letter(c) {
            Some((Letter::Vowel(vowel, tone), _)) => {
                let quality = if vowel.has_quality() {
                    Sound::QUALITY
                } else {
                    0
                };
                (Sound(vowel.base() as u8 | quality), tone)
            }
            Some((Letter::D, _)) => (Sound(b'd'), 0),
            None => (Sound(c.to_ascii_lowercase() as u8), 0),
        }
    }
}

impl Phoneme for Sound {
    fn base(self) -> char {
        char::from(self.0 & !Sound::QUALITY)
    }

    fn has_quality(self) -> bool {
        self.0 & Sound::QUALITY != 0
    }
}

/// Longest word the fast path re-spells from its own record; a longer run
/// of letters is folded by the general path.
const MAX_LETTERS: usize = 32;

/// A word of the text: a run of letters.
#[derive(Debug)]
struct Word {
    /// Byte offset of the word in the text.
    start: usize,
    /// Byte offset of the word in the key.
    landing: usize,
    /// Vowel letters in the word.
    vowels: usize,
    has_tone: bool,
    has_y: bool,
}

impl Word {
    /// The word a letter at `at` belongs to: the current one, or a new one
    /// after the whitespace before it is ended.
    fn extend<'w>(
        word: &'w mut Option<Word>,
        key: &mut Key<'_>,
        spaces: &mut Option<usize>,
        at: usize,
    ) -> &'w mut Word {
        word.get_or_insert_with(|| {
            if let Some(start) = spaces.take() {
                key.end_spaces(start, at);
            }
            Word {
                start: at,
                landing: key.landing(at),
                vowels: 0,
                has_tone: false,
                has_y: false,
            }
        })
    }

    /// Counts a lowercase ASCII letter of the word.
    fn add_ascii(&mut self, letter: u8) {
        self.add_lowercase_ascii(&[letter]);
    }

    /// Counts the lowercase ASCII letters that open `bytes`, and returns
    /// how many there are.
    fn add_lowercase_ascii(&mut self, bytes: &[u8]) -> usize {
        /// The vowels a, e, i, o, u, y as bits from `a`.
        const VOWELS: u32 = 1 | 1 << 4 | 1 << 8 | 1 << 14 | 1 << 20 | 1 << 24;
        let mut vowels = 0;
        let mut has_y = false;
        let mut count = 0;
        for &letter in bytes.iter().take_while(|b| b.is_ascii_lowercase()) {
            vowels += VOWELS >> (letter - b'a') & 1;
            has_y |= letter == b'y';
            count += 1;
        }
        self.vowels += vowels as usize;
        self.has_y |= has_y;
        count
    }

    /// Counts a Vietnamese letter of the word.
    fn add(&mut self, letter: Letter) {
        if let Letter::Vowel(vowel, tone) = letter {
            self.vowels += 1;
            self.has_tone |= tone != 0;
            self.has_y |= vowel == Vowel::Y;
        }
    }

    /// Re-spells the word that ends at `end` of the text as folded: its
    /// tone mark moved to the traditional place, a lone `y` after a
    /// consonant spelled `i`.
    #[inline]
    fn finish(self, key: &mut Key<'_>, end: usize) {
        // A tone mark moves only between vowels, and only a `y` is
        // re-spelled: most words are done here.
        if self.has_y || self.has_tone && self.vowels > 1 {
            self.respell(key, end);
        }
    }

    fn respell(self, key: &mut Key<'_>, end: usize) {
        let mut sounds = [Sound(0); MAX_LETTERS];
        let mut len = 0;
        // The tone and the letter that carries it.
        let mut tone = None;
        for c in key.text[self.start..end].chars() {
            let Some(slot) = sounds.get_mut(len) else {
                key.flush(end);
                let run = key.out.split_off(self.landing);
                fold_run(&run, &mut key.out);
                return;
            };
            let (sound, mark) = Sound::of(c);
            if mark != 0 {
                if tone.is_some() {
                    // Two tone marks: not a syllable, kept as it is.
                    return;
                }
                tone = Some((mark, len));
            }
            *slot = sound;
            len += 1;
        }
        let sounds = &sounds[..len];
        let nucleus = find_nucleus(sounds);
        let lone_y = is_lone_y(sounds, &nucleus);
        let tone_at = tone_index(sounds, nucleus.clone());
        let tone_moves = matches!((tone, tone_at), (Some((_, from)), Some(to)) if from != to);
        if !lone_y && !tone_moves {
            return;
        }
        key.flush(end);
        let mut letters = ['\0'; MAX_LETTERS];
        for (slot, c) in letters.iter_mut().zip(key.out[self.landing..].chars()) {
            *slot = c;
        }
        key.out.truncate(self.landing);
        for (index, &c) in letters[..len].iter().enumerate() {
            let Some(vowel) = Vowel::of_char(c) else {
                key.out.push(c);
                continue;
            };
            let vowel = if lone_y && index == nucleus.start {
                Vowel::I
            } else {
                vowel
            };
            let mark = match tone {
                Some((mark, _)) if tone_at == Some(index) => mark,
                _ => 0,
            };
            key.out.push(vowel.with_tone(mark));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn common_symbols_are_plain() {
        let common = ('\u{80}'..='\u{bf}')
            .chain('\u{2010}'..='\u{2027}')
            .filter(|&c| is_plain_symbol(c));
        for c in common {
            assert!(is_plain_symbol_by_properties(c), "{c:?}");
        }
    }

    #[test]
    fn fast_path_answers_for_vietnamese_text() {
        for text in [
            "Sở Văn hóa, Thể thao và Du lịch",
            "Ủy ban nhân dân các huyện, thành phố, thị xã",
            "UBND tỉnh “Quảng Ngãi” – năm 2023…",
        ] {
            assert!(fast(text).is_some(), "{text:?}");
        }
        assert!(fast("ho\u{61}\u{301}").is_none());
        assert!(fast("Ελλάς").is_none());
    }

    /// Vietnamese-like text with stray combining marks and foreign letters
    /// between pieces.
    fn vietnamese_with_marks() -> impl Strategy<Value = String> {
        let mark = "[\u{300}\u{301}\u{302}\u{303}\u{306}\u{309}\u{31b}\u{323}\u{338}]";
        let foreign = "[çñüÅßøǅΣσİΩ\u{2126}\u{212b}\u{2329}]";
        let piece = prop_oneof![
            6 => crate::tests::vietnamese_like(),
            1 => mark,
            1 => foreign,
        ];
        proptest::collection::vec(piece, 0..4).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #[test]
        fn fast_path_equals_general(text in vietnamese_with_marks()) {
            if let Some(key) = fast(&text) {
                prop_assert_eq!(key, general(&text));
            }
        }

        #[test]
        fn fast_path_equals_general_on_any_text(text in "\\PC{0,40}") {
            if let Some(key) = fast(&text) {
                prop_assert_eq!(key, general(&text));
            }
        }
    }
}
