//! Vietnamese syllables: the onset, the vowel nucleus, and the vowel that
//! carries the tone in traditional spelling.
//!
//! The rules work on any letter type that knows its base letter and whether
//! it carries a quality mark: [`Syllable`] decomposes any text with Unicode,
//! the fast path of [`fold`](crate::fold) reads its letters from a table.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

/// What the syllable rules need to know of a letter.
pub(crate) trait Phoneme: Copy {
    /// The base letter in lowercase, without marks.
    fn base(self) -> char;

    /// True when the letter carries a quality mark: circumflex, breve, horn.
    fn has_quality(self) -> bool;

    fn is_vowel(self) -> bool {
        matches!(self.base(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
    }
}

/// Finds the vowel nucleus, treating the `u` of "qu" and the `i` of "gi"
/// before another vowel as part of the onset.
pub(crate) fn find_nucleus<P: Phoneme>(letters: &[P]) -> Range<usize> {
    let base = |index: usize| letters.get(index).map(|l| l.base());
    let mut start = letters
        .iter()
        .position(|l| l.is_vowel())
        .unwrap_or(letters.len());
    if start > 0 && start < letters.len() {
        let onset_end = base(start - 1);
        let vowel = base(start);
        let next_is_vowel = letters.get(start + 1).is_some_and(|l| l.is_vowel());
        if (onset_end == Some('q') && vowel == Some('u') && next_is_vowel)
            || (onset_end == Some('g') && vowel == Some('i') && next_is_vowel)
        {
            start += 1;
        }
    }
    let end = letters[start..]
        .iter()
        .position(|l| !l.is_vowel())
        .map_or(letters.len(), |offset| start + offset);
    start..end
}

/// Index of the letter that carries the tone in traditional spelling: the
/// vowel with a quality mark, else the last vowel of a closed syllable,
/// else the first of two vowels or the middle of three.
pub(crate) fn tone_index<P: Phoneme>(letters: &[P], nucleus: Range<usize>) -> Option<usize> {
    if nucleus.is_empty() {
        return None;
    }
    if let Some(index) = nucleus.clone().rev().find(|&i| letters[i].has_quality()) {
        return Some(index);
    }
    if nucleus.end < letters.len() {
        return Some(nucleus.end - 1);
    }
    Some(match nucleus.len() {
        1 | 2 => nucleus.start,
        _ => nucleus.start + 1,
    })
}

/// True when the nucleus is a lone `y` after a consonant, which folding
/// spells `i` ("quý" → "quí") so the two spellings fold together.
pub(crate) fn is_lone_y<P: Phoneme>(letters: &[P], nucleus: &Range<usize>) -> bool {
    nucleus.len() == 1 && nucleus.start > 0 && {
        let letter = letters[nucleus.start];
        letter.base() == 'y' && !letter.has_quality()
    }
}

/// Combining marks that change a vowel's quality: circumflex, breve, horn.
const QUALITY_MARKS: [char; 3] = ['\u{302}', '\u{306}', '\u{31B}'];
/// Combining tone marks: grave, acute, hook above, tilde, dot below.
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{309}', '\u{303}', '\u{323}'];

/// One letter of a syllable, decomposed.
#[derive(Clone, Copy)]
struct Letter {
    base: char,
    quality: Option<char>,
    /// Marks that are neither tone nor quality marks, kept as they are.
    other: Option<char>,
}

impl Phoneme for Letter {
    fn base(self) -> char {
        self.base.to_ascii_lowercase()
    }

    fn has_quality(self) -> bool {
        self.quality.is_some()
    }
}

/// A run of letters of any script, decomposed with Unicode and split into
/// onset, vowel nucleus and final consonants.
pub(crate) struct Syllable<'a> {
    original: &'a str,
    letters: Vec<Letter>,
    tone: Option<char>,
    /// More than one tone mark: the run is not a well-formed syllable and is
    /// written back unchanged.
    malformed: bool,
    nucleus: Range<usize>,
}

impl<'a> Syllable<'a> {
    pub(crate) fn parse(run: &'a str) -> Self {
        let mut letters: Vec<Letter> = Vec::with_capacity(run.len());
        let mut tone = None;
        let mut malformed = false;
        for c in run.nfd() {
            if TONE_MARKS.contains(&c) {
                malformed |= tone.is_some();
                tone = Some(c);
            } else if QUALITY_MARKS.contains(&c) || is_combining(c) {
                match letters.last_mut() {
                    Some(letter) if QUALITY_MARKS.contains(&c) && letter.quality.is_none() => {
                        letter.quality = Some(c)
                    }
                    Some(letter) if letter.other.is_none() => letter.other = Some(c),
                    _ => malformed = true,
                }
            } else {
                letters.push(Letter {
                    base: c,
                    quality: None,
                    other: None,
                });
            }
        }
        let nucleus = find_nucleus(&letters);
        Syllable {
            original: run,
            letters,
            tone,
            malformed,
            nucleus,
        }
    }

    /// Spells a lone `y` nucleus after a consonant as `i` ("quý" → "quí"),
    /// so the two spellings fold together.
    pub(crate) fn fold_lone_y(&mut self) {
        if !self.malformed && is_lone_y(&self.letters, &self.nucleus) {
            self.letters[self.nucleus.start].base = 'i';
        }
    }

    /// Writes the syllable in NFC with its tone mark in the traditional
    /// place; a malformed run is written as it came.
    pub(crate) fn write_traditional(&self, out: &mut String) {
        if self.malformed {
            out.push_str(self.original);
            return;
        }
        let tone_at = tone_index(&self.letters, self.nucleus.clone());
        let mut buffer = String::new();
        for (index, letter) in self.letters.iter().enumerate() {
            buffer.push(letter.base);
            buffer.extend(letter.quality);
            buffer.extend(letter.other);
            if Some(index) == tone_at {
                buffer.extend(self.tone);
            }
        }
        if tone_at.is_none() {
            // No vowel to carry the tone: keep the mark rather than lose it.
            buffer.extend(self.tone);
        }
        out.extend(buffer.nfc());
    }
}

fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}
