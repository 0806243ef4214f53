//! Splits a phrase into tokens: numbers, punctuation, and words resolved to
//! their [`Role`] through the lexicon, multi-word spellings merged into one
//! token.

use super::lexicon::{LEXICON, Role};

/// One token, with its byte span in the NFC text it came from.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    pub(crate) role: Role,
    /// The value of a number token (saturating).
    pub(crate) value: u32,
    /// The number of digits of a number token ("01" has two).
    pub(crate) digits: u8,
    pub(crate) start: u32,
    pub(crate) end: u32,
    /// The lexicon id of a word token, [`NO_WORD`] otherwise.
    word: u16,
}

/// The `word` of tokens that are not words the lexicon knows.
const NO_WORD: u16 = u16::MAX;

impl Token {
    /// The value of a number token, of a numeral word or of a Roman numeral.
    pub(crate) fn number(&self) -> Option<u32> {
        match self.role {
            Role::Number => Some(self.value),
            Role::Numeral(n) | Role::Roman(n) => Some(u32::from(n)),
            _ => None,
        }
    }

    /// A four-digit year from 1900 to 2199.
    pub(crate) fn year(&self) -> Option<i16> {
        if self.role == Role::Number && self.digits == 4 && (1900..=2199).contains(&self.value) {
            i16::try_from(self.value).ok()
        } else {
            None
        }
    }
}

/// Longest word kept for lookup; every word of the lexicon is shorter.
const MAX_WORD_BYTES: usize = 32;

/// Appends the tokens of `text` (NFC) to `tokens`.
pub(crate) fn tokenize(text: &str, tokens: &mut Vec<Token>) {
    let lexicon = &*LEXICON;
    let first = tokens.len();
    let bytes = text.as_bytes();
    let mut key = WordKey::default();
    let mut pos = 0;
    while pos < bytes.len() {
        let byte = bytes[pos];
        if byte.is_ascii_digit() {
            let start = pos;
            let mut value: u32 = 0;
            while pos < bytes.len() && bytes[pos].is_ascii_digit() {
                value = value
                    .saturating_mul(10)
                    .saturating_add(u32::from(bytes[pos] - b'0'));
                pos += 1;
            }
            push(tokens, Role::Number, value, pos - start, start, pos, None);
            continue;
        }
        if byte.is_ascii_whitespace() {
            pos += 1;
            continue;
        }
        let Some(c) = text[pos..].chars().next() else {
            break;
        };
        if byte.is_ascii_alphabetic() || letter_lowercase(c).is_some() {
            let start = pos;
            pos = read_word(text, pos, &mut key);
            let id = key.word().and_then(|word| lexicon.id(word));
            push(tokens, Role::Other, 0, 0, start, pos, id);
            continue;
        }
        let start = pos;
        pos += c.len_utf8();
        if c.is_whitespace() {
            continue;
        }
        let role = match c {
            '/' => Role::Slash,
            '-' | '–' | '—' | '‐' | '‑' | '−' => Role::Dash,
            ',' => Role::Comma,
            ';' => Role::Semicolon,
            '.' => Role::Dot,
            ':' => Role::Colon,
            '(' | '[' => Role::Open,
            ')' | ']' => Role::Close,
            // Emphasis and table debris carry nothing; dropping them here
            // keeps "**trước ngày**" a plain "trước ngày" for the grammar.
            '*' | '_' | '`' | '#' | '|' | '\u{feff}' => continue,
            c if is_combining(c) => continue,
            _ => Role::Punct,
        };
        push(tokens, role, 0, 0, start, pos, None);
    }
    merge_spellings(tokens, first);
}

#[allow(clippy::too_many_arguments)]
fn push(
    tokens: &mut Vec<Token>,
    role: Role,
    value: u32,
    digits: usize,
    start: usize,
    end: usize,
    id: Option<u16>,
) {
    tokens.push(Token {
        role,
        value,
        digits: u8::try_from(digits).unwrap_or(u8::MAX),
        // Phrases longer than 4 GiB are not deadline phrases; spans saturate.
        start: u32::try_from(start).unwrap_or(u32::MAX),
        end: u32::try_from(end).unwrap_or(u32::MAX),
        word: id.unwrap_or(NO_WORD),
    });
}

/// The lowercase form of a word, as far as [`MAX_WORD_BYTES`]: longer
/// words are no lexicon word.
#[derive(Default)]
struct WordKey {
    bytes: [u8; MAX_WORD_BYTES],
    len: usize,
    fits: bool,
}

impl WordKey {
    fn clear(&mut self) {
        self.len = 0;
        self.fits = true;
    }

    fn push_ascii(&mut self, byte: u8) {
        if self.len < MAX_WORD_BYTES {
            self.bytes[self.len] = byte;
            self.len += 1;
        } else {
            self.fits = false;
        }
    }

    fn push(&mut self, c: char) {
        if self.len + c.len_utf8() <= MAX_WORD_BYTES {
            self.len += c.encode_utf8(&mut self.bytes[self.len..]).len();
        } else {
            self.fits = false;
        }
    }

    /// The word read, unless it was too long to keep.
    fn word(&self) -> Option<&[u8]> {
        self.fits.then_some(&self.bytes[..self.len])
    }
}

/// Reads the word that starts at byte `start` of `text` (on a letter) into
/// `key`, lowercased, and returns the byte offset where it ends. ASCII
/// letters, most of a Vietnamese word, take the fast path.
#[inline]
fn read_word(text: &str, start: usize, key: &mut WordKey) -> usize {
    let bytes = text.as_bytes();
    key.clear();
    let mut pos = start;
    while let Some(&byte) = bytes.get(pos) {
        if byte.is_ascii_alphabetic() {
            key.push_ascii(byte.to_ascii_lowercase());
            pos += 1;
            continue;
        }
        if byte.is_ascii() {
            break;
        }
        let Some(c) = text[pos..].chars().next() else {
            break;
        };
        let Some(lower) = letter_lowercase(c) else {
            break;
        };
        key.push(lower);
        pos += c.len_utf8();
    }
    pos
}

/// Replaces each run of word tokens that spells a lexicon entry by one token
/// with the entry's role, longest spelling first.
fn merge_spellings(tokens: &mut Vec<Token>, first: usize) {
    let lexicon = &*LEXICON;
    let mut read = first;
    let mut write = first;
    while read < tokens.len() {
        let mut token = tokens[read];
        let mut consumed = 1;
        if token.word != NO_WORD {
            for spelling in lexicon.spellings(token.word) {
                let n = spelling.rest.len();
                let matches = spelling.rest.iter().enumerate().all(|(offset, &want)| {
                    tokens.get(read + 1 + offset).map(|t| t.word) == Some(want)
                });
                if matches {
                    token.role = spelling.role;
                    token.end = tokens.get(read + n).map_or(token.end, |t| t.end);
                    consumed = n + 1;
                    break;
                }
            }
        }
        tokens[write] = token;
        write += 1;
        read += consumed;
    }
    tokens.truncate(write);
}

fn is_combining(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

/// The lowercase form of a letter (or combining mark, kept as it is), or
/// `None` for anything that does not belong in a word.
///
/// Vietnamese letters are answered from their code points: the general
/// Unicode tables cost more than the rest of the parse on a short phrase.
fn letter_lowercase(c: char) -> Option<char> {
    let code = u32::from(c);
    let lower = match code {
        0x41..=0x5A => code + 0x20,
        0x61..=0x7A => code,
        0x80..=0xBF | 0xD7 | 0xF7 => return None,
        0xC0..=0xDE => code + 0x20,
        0xDF..=0xFF => code,
        // Ă Đ Ĩ Ũ Ơ and their lowercase forms.
        0x102 | 0x110 | 0x128 | 0x168 | 0x1A0 => code + 1,
        0x103 | 0x111 | 0x129 | 0x169 | 0x1A1 | 0x1B0 => code,
        0x1AF => 0x1B0,
        // Latin Extended Additional: the Vietnamese block pairs each capital
        // (even) with its lowercase letter (odd).
        0x1EA0..=0x1EF9 => code | 1,
        0x300..=0x36F => code,
        _ if code < 0x80 => return None,
        _ if c.is_alphabetic() => return Some(c.to_lowercase().next().unwrap_or(c)),
        _ => return None,
    };
    char::from_u32(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII path of [`read_word`] reads each ASCII character as
    /// [`letter_lowercase`] does.
    #[test]
    fn ascii_letters_read_as_letter_lowercase() {
        for byte in 0..0x80u8 {
            let fast = byte
                .is_ascii_alphabetic()
                .then(|| char::from(byte.to_ascii_lowercase()));
            assert_eq!(fast, letter_lowercase(char::from(byte)), "{byte:#x}");
        }
    }

    /// A word is read to its first character that is no letter, lowercased.
    #[test]
    fn words_are_read_lowercased() {
        let mut key = WordKey::default();
        let text = "QUÝ IV/2025, Thường\u{301}xuyên";
        let end = read_word(text, 0, &mut key);
        assert_eq!((end, key.word()), (4, Some("quý".as_bytes())));
        let end = read_word(text, 5, &mut key);
        assert_eq!((end, key.word()), (7, Some("iv".as_bytes())));
        let start = text.find('T').unwrap_or_default();
        let end = read_word(text, start, &mut key);
        assert_eq!(end, text.len());
        assert_eq!(key.word(), Some("thường\u{301}xuyên".as_bytes()));
        let long = "a".repeat(MAX_WORD_BYTES + 1);
        assert_eq!(read_word(&long, 0, &mut key), long.len());
        assert_eq!(key.word(), None);
    }
}
