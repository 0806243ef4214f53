//! Splits a phrase into tokens: numbers, punctuation, and words resolved to
//! their [`Role`] through the lexicon, multi-word spellings merged into one
//! token.

use super::lexicon::{LEXICON, Role};

/// One token, with its byte span in the NFC text it came from.
#[derive(Clone, Copy, Debug, PartialEq)]
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
    /// The token with its span moved `by` bytes later: a clause's token
    /// as the text holding the clause there has it.
    pub(crate) fn moved(self, by: u32) -> Token {
        Token {
            start: self.start + by,
            end: self.end + by,
            ..self
        }
    }

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
    tokenize_from(text, 0, tokens);
}

/// Appends the tokens of `text[start..]` (NFC) to `tokens`, their spans
/// counted from the start of `text`. `start` must follow an ASCII
/// character (or be 0), where the whole text's tokens break too.
pub(crate) fn tokenize_from(text: &str, start: usize, tokens: &mut Vec<Token>) {
    let lexicon = &*LEXICON;
    let first = tokens.len();
    let bytes = text.as_bytes();
    let mut key = WordKey::default();
    let mut pos = start;
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
        if byte.is_ascii_alphabetic() || !byte.is_ascii() {
            let end = read_word(text, pos, &mut key);
            if end > pos {
                let id = key.word().and_then(|word| lexicon.id(word));
                push(tokens, Role::Other, 0, 0, pos, end, id);
                pos = end;
                continue;
            }
        }
        let Some(c) = text[pos..].chars().next() else {
            break;
        };
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

/// Appends the token of the "." or ";" at byte `at`, as [`tokenize`] gives
/// it.
pub(crate) fn push_separator(byte: u8, at: usize, tokens: &mut Vec<Token>) {
    let role = if byte == b';' {
        Role::Semicolon
    } else {
        Role::Dot
    };
    push(tokens, role, 0, 0, at, at + 1, None);
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

/// The lowercase form of a word, kept as far as [`MAX_WORD_BYTES`]:
/// longer words are no lexicon word.
#[derive(Default)]
struct WordKey {
    bytes: [u8; MAX_WORD_BYTES],
    /// The length of the whole lowercase word, which may not fit.
    len: usize,
}

impl WordKey {
    fn push_byte(&mut self, byte: u8) {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = byte;
        }
        self.len += 1;
    }

    fn push_bytes(&mut self, bytes: &[u8]) {
        let end = self.len + bytes.len();
        if let Some(slots) = self.bytes.get_mut(self.len..end) {
            slots.copy_from_slice(bytes);
        }
        self.len = end;
    }

    fn push(&mut self, c: char) {
        self.push_bytes(c.encode_utf8(&mut [0; 4]).as_bytes());
    }

    /// The word read, unless it was too long to keep.
    fn word(&self) -> Option<&[u8]> {
        self.bytes.get(..self.len)
    }
}

/// Reads the word that starts at byte `start` of `text` into `key`,
/// lowercased, and returns the byte offset where it ends: `start` when no
/// letter starts there.
///
/// The letters of most Vietnamese words are lowercased byte by byte: ASCII
/// letters, U+00C0 to U+00FF (`C3 xx`) and the Vietnamese letters from
/// U+1EA0 to U+1EF9 (`E1 BA xx`, `E1 BB xx`), whose lowercase form is the
/// odd code point of each pair. Any other character goes through
/// [`letter_lowercase`].
#[inline]
fn read_word(text: &str, start: usize, key: &mut WordKey) -> usize {
    let bytes = text.as_bytes();
    let at = |index: usize| bytes.get(index).copied().unwrap_or(0);
    key.len = 0;
    let mut pos = start;
    while let Some(&byte) = bytes.get(pos) {
        if byte.is_ascii_alphabetic() {
            key.push_byte(byte | 0x20);
            pos += 1;
            continue;
        }
        if byte.is_ascii() {
            break;
        }
        match (byte, at(pos + 1), at(pos + 2)) {
            // Every character from U+00C0 to U+00FF but × and ÷ is a
            // letter; U+00C0 to U+00DE are the capitals of U+00E0 to U+00FE.
            (0xc3, second, _) if second != 0x97 && second != 0xb7 => {
                key.push_bytes(&[0xc3, if second < 0x9f { second + 0x20 } else { second }]);
                pos += 2;
            }
            (0xe1, 0xba, third @ 0xa0..) | (0xe1, 0xbb, third @ ..=0xb9) => {
                key.push_bytes(&[0xe1, at(pos + 1), third | 1]);
                pos += 3;
            }
            _ => {
                let Some(c) = text[pos..].chars().next() else {
                    break;
                };
                let Some(lower) = letter_lowercase(c) else {
                    break;
                };
                key.push(lower);
                pos += c.len_utf8();
            }
        }
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
pub(super) fn letter_lowercase(c: char) -> Option<char> {
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
    use proptest::prelude::*;

    /// The definition of [`read_word`]: each character through
    /// [`letter_lowercase`]. Returns the end and the lowercase word.
    fn read_word_by_chars(text: &str) -> (usize, String) {
        let mut end = 0;
        let mut word = String::new();
        for c in text.chars() {
            let Some(lower) = letter_lowercase(c) else {
                break;
            };
            word.push(lower);
            end += c.len_utf8();
        }
        (end, word)
    }

    fn check_read_word(text: &str) {
        let mut key = WordKey::default();
        let end = read_word(text, 0, &mut key);
        let (expected_end, expected) = read_word_by_chars(text);
        assert_eq!(end, expected_end, "{text:?}");
        let fits = expected.len() <= MAX_WORD_BYTES;
        assert_eq!(key.word(), fits.then_some(expected.as_bytes()), "{text:?}");
    }

    /// Every character reads as [`letter_lowercase`] reads it, alone and
    /// within a word.
    #[test]
    fn characters_read_as_letter_lowercase() {
        for c in (0..=0x2000)
            .chain(0x1E00..=0x1F00)
            .filter_map(char::from_u32)
        {
            check_read_word(&c.to_string());
            check_read_word(&format!("{c}a{c}."));
        }
    }

    proptest! {
        #[test]
        fn words_read_as_letter_lowercase(
            text in "[a-zA-Z0-9 .,/ăâđêôơưĂÂĐÊÔƠƯáàạảãấầậẩẫắằặẳẵéèẹẻẽếềệểễíìịỉĩóòọỏõốồộổỗớờợởỡúùụủũứừựửữýỳỵỷỹÁÀẠẢÃẤẦẬẨẪẮẰẶẲẴÉÈẸẺẼẾỀỆỂỄÍÌỊỈĨÓÒỌỎÕỐỒỘỔỖỚỜỢỞỠÚÙỤỦŨỨỪỰỬỮÝỲỴỶỸ×÷ßÞ\u{301}\u{1e00}\u{1eff}]{0,40}"
        ) {
            check_read_word(&text);
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
        assert_eq!(read_word(text, 7, &mut key), 7);
        let start = text.find('T').unwrap_or_default();
        let end = read_word(text, start, &mut key);
        assert_eq!(end, text.len());
        assert_eq!(key.word(), Some("thường\u{301}xuyên".as_bytes()));
        let long = "a".repeat(MAX_WORD_BYTES + 1);
        assert_eq!(read_word(&long, 0, &mut key), long.len());
        assert_eq!(key.word(), None);
    }
}
