//! A cheap measure of whether the text looks like what OCR or a broken
//! encoding produces, so the output can say the text is unreliable.

/// How trustworthy the text of a document looks.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Quality {
    /// Whitespace-separated words in the document.
    pub words: u32,
    /// Share of words that hold characters no Vietnamese document uses
    /// (mojibake, OCR debris, private-use or replacement characters) or
    /// that are stray single letters.
    pub suspicious_ratio: f32,
}

impl Quality {
    /// True when the text is long enough to judge and looks garbled.
    pub fn is_unreliable(&self) -> bool {
        self.words >= 20 && self.suspicious_ratio >= 0.15
    }
}

/// Punctuation and symbols that ordinary documents contain.
const EXPECTED_SYMBOLS: &str = ".,;:!?()[]{}\"'“”‘’/\\-–—%&+*=<>#@…°§_|~^$€·•≥≤→…";

/// Measures `text`.
///
/// Reads the text word by word. Inside a word only two things matter: where
/// it ends and whether it holds a suspicious character; letters are counted
/// only for a word of one character (see [`is_stray`]). Bytes that
/// [`WORD_BYTES`] marks as plain (ASCII letters, digits and expected
/// punctuation, the Latin letters the Vietnamese alphabet uses) are stepped
/// over one at a time; any other character is classified on its own.
pub(crate) fn assess(text: &str) -> Quality {
    let bytes = text.as_bytes();
    let mut words = 0u32;
    let mut suspicious = 0u32;
    let mut at = 0;
    while at < bytes.len() {
        let (first, first_len) = class_at(text, at);
        if first == Class::Space {
            at += first_len;
            continue;
        }
        let start = at;
        let mut odd = first == Class::Suspicious;
        at += first_len;
        while let Some(&byte) = bytes.get(at) {
            let second = || bytes.get(at + 1).copied().unwrap_or(0);
            match WORD_BYTES[usize::from(byte)] {
                WordByte::Plain => at += 1,
                WordByte::Space => break,
                WordByte::LatinC3 if !matches!(second(), 0x97 | 0xb7) => at += 2,
                WordByte::LatinE1 if matches!(second(), 0xb8..=0xbb) => at += 3,
                WordByte::LatinC3 | WordByte::LatinE1 | WordByte::Other => {
                    let (class, len) = class_at(text, at);
                    match class {
                        Class::Space => break,
                        Class::Suspicious => odd = true,
                        Class::Letter | Class::Expected => {}
                    }
                    at += len;
                }
            }
        }
        words += 1;
        let single = at - start == first_len;
        suspicious += u32::from(odd || single && is_stray(&text[start..], first));
        // An ASCII byte that ends a word is a space: step over it.
        if bytes.get(at).is_some_and(u8::is_ascii) {
            at += 1;
        }
    }
    Quality {
        words,
        suspicious_ratio: if words == 0 {
            0.0
        } else {
            suspicious as f32 / words as f32
        },
    }
}

/// The class of the character at byte `at` of `text` and its length.
#[inline(always)]
fn class_at(text: &str, at: usize) -> (Class, usize) {
    let bytes = text.as_bytes();
    match (bytes[at], bytes.get(at + 1).copied().unwrap_or(0)) {
        (byte @ 0..0x80, _) => (ASCII_CLASSES[usize::from(byte)], 1),
        // U+00C0 to U+023F but × and ÷; U+1E00 to U+1EFF: Latin letters,
        // Vietnamese ones among them.
        (0xc3, 0x97 | 0xb7) => (Class::Suspicious, 2),
        (0xc3..=0xc8, _) => (Class::Letter, 2),
        (0xe1, 0xb8..=0xbb) => (Class::Letter, 3),
        _ => {
            let c = text[at..].chars().next().unwrap_or_default();
            (class(c), c.len_utf8())
        }
    }
}

/// What a byte inside a word says, read by [`assess`] after the word's
/// first character.
#[derive(Clone, Copy, PartialEq)]
enum WordByte {
    /// Part of a character that is neither whitespace nor suspicious: an
    /// ASCII letter, digit or expected symbol, a byte of a Latin letter
    /// from U+0100 to U+023F, or a continuation byte of a character whose
    /// first byte was plain.
    Plain,
    /// ASCII whitespace: the word ends.
    Space,
    /// 0xC3, which starts the Latin letters from U+00C0 to U+00FF, and `×`
    /// and `÷` (second byte 0x97 and 0xB7).
    LatinC3,
    /// 0xE1, which starts the Latin letters from U+1E00 to U+1EFF (most
    /// Vietnamese letters with two marks) when the next byte is 0xB8 to
    /// 0xBB.
    LatinE1,
    /// Anything else: [`class_at`] decides.
    Other,
}

/// The [`WordByte`] of each byte. Continuation bytes (0x80 to 0xBF) are
/// plain: [`assess`] only meets them after a plain first byte (two-byte
/// letters) or after skipping a whole character it classified.
static WORD_BYTES: [WordByte; 256] = {
    let mut kinds = [WordByte::Other; 256];
    let mut byte = 0;
    while byte < 256 {
        kinds[byte] = if byte < 0x80 {
            match ASCII_CLASSES[byte] {
                Class::Space => WordByte::Space,
                Class::Letter | Class::Expected => WordByte::Plain,
                Class::Suspicious => WordByte::Other,
            }
        } else if byte < 0xc0 || (byte >= 0xc4 && byte <= 0xc8) {
            WordByte::Plain
        } else if byte == 0xc3 {
            WordByte::LatinC3
        } else if byte == 0xe1 {
            WordByte::LatinE1
        } else {
            WordByte::Other
        };
        byte += 1;
    }
    kinds
};

/// A stray letter, as OCR leaves when it splits words apart ("c ô n g"):
/// a word of one character of class `class`, a letter; lettered markers
/// and the word "y" (as in "y tế") are not stray. `word` starts with the
/// word.
fn is_stray(word: &str, class: Class) -> bool {
    class == Class::Letter
        && !matches!(
            word.chars().next(),
            Some('a' | 'y' | 'ở' | 'á' | 'à' | 'ạ' | 'ừ' | 'ý' | 'ô' | 'ơ')
        )
}

/// What a character says about the text.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Class {
    /// Whitespace, between words.
    Space,
    /// A Latin letter.
    Letter,
    /// A digit or an expected symbol.
    Expected,
    /// A letter of another script, or a symbol documents do not use.
    Suspicious,
}

fn class(c: char) -> Class {
    if c.is_ascii() {
        return ASCII_CLASSES[c as usize];
    }
    if c.is_whitespace() {
        Class::Space
    } else if is_latin_letter(c) {
        Class::Letter
    } else if EXPECTED_SYMBOLS.contains(c) {
        Class::Expected
    } else {
        Class::Suspicious
    }
}

/// The class of each ASCII character.
static ASCII_CLASSES: [Class; 128] = {
    let mut classes = [Class::Suspicious; 128];
    let mut byte = 0;
    while byte < 128 {
        let c = byte as u8;
        classes[byte] = if matches!(c, b' ' | b'\t'..=b'\r') {
            Class::Space
        } else if c.is_ascii_alphabetic() {
            Class::Letter
        } else if c.is_ascii_digit() || c.is_ascii_punctuation() && c != b'`' {
            // Every ASCII digit and punctuation but the backtick.
            Class::Expected
        } else {
            Class::Suspicious
        };
        byte += 1;
    }
    classes
};

/// The answer of [`char::is_alphabetic`], without its table search for
/// the Latin letters.
pub(crate) fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        is_latin_letter(c) || !is_latin(c) && c.is_alphabetic()
    }
}

/// Every character of the Latin blocks but `×` and `÷` is a letter.
fn is_latin_letter(c: char) -> bool {
    is_latin(c) && !matches!(c, '×' | '÷')
}

/// Latin letters, including every Vietnamese one.
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{c0}'..='\u{24f}').contains(&c)
        || ('\u{1e00}'..='\u{1eff}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition of [`assess`], word by word.
    fn assess_by_words(text: &str) -> Quality {
        let mut words = 0u32;
        let mut suspicious = 0u32;
        for word in text.split_whitespace() {
            words += 1;
            let odd = word.chars().any(|c| {
                if c.is_alphabetic() {
                    !is_latin(c)
                } else {
                    !c.is_ascii_digit() && !EXPECTED_SYMBOLS.contains(c)
                }
            });
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            let lone = letters == 1
                && word.chars().count() == 1
                && !matches!(
                    word,
                    "a" | "y" | "ở" | "á" | "à" | "ạ" | "ừ" | "ý" | "ô" | "ơ"
                );
            suspicious += u32::from(odd || lone);
        }
        Quality {
            words,
            suspicious_ratio: if words == 0 {
                0.0
            } else {
                suspicious as f32 / words as f32
            },
        }
    }

    /// Every character is read as the definition reads it, alone and
    /// within a word.
    #[test]
    fn characters_are_read_by_the_definition() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            for text in [c.to_string(), format!("ab{c}d {c}")] {
                assert_eq!(assess(&text), assess_by_words(&text), "{c:?}");
            }
        }
    }

    proptest! {
        #[test]
        fn texts_are_read_by_the_definition(text in "(\\PC|[ \t\n\u{a0}]){0,60}") {
            prop_assert_eq!(assess(&text), assess_by_words(&text));
        }

        /// Vietnamese words, where the byte fast paths of [`assess`] run.
        #[test]
        fn vietnamese_texts_are_read_by_the_definition(
            text in "([a-zA-Z0-9.,:()*`ăâđêôơưĂÂĐÊÔƠƯáàạảãấầậẩẫắằặẳẵéèẹẻẽếềệểễíìịỉĩóòọỏõốồộổỗớờợởỡúùụủũứừựửữýỳỵỷỹ×÷ǅȿ°\u{301}\u{1680}\u{2003}]|[ \t\n\u{a0}]){0,60}"
        ) {
            prop_assert_eq!(assess(&text), assess_by_words(&text));
        }
    }

    #[test]
    fn clean_vietnamese_is_reliable() {
        let quality = assess(
            "Đơn vị chủ trì: Trung tâm Phục vụ - Kiểm soát thủ tục hành chính; thời gian thực hiện: Quý I/2023, định kỳ báo cáo kết quả thực hiện (≥ 30%).",
        );
        assert!(quality.suspicious_ratio < 0.05, "{quality:?}");
        assert!(!quality.is_unreliable());
    }

    #[test]
    fn mojibake_and_ocr_debris_are_unreliable() {
        let quality = assess(
            "Cá»™ng hÃ²a xÃ£ há»™i chá»§ nghÄ©a Viá»‡t Nam Ä á»™c láº\u{AD}p Tá»± do Háº¡nh phÃºc Ä Æ¡n vá»‹ chá»§ trÃ¬ Sá»Ÿ Ná»™i vá»¥ Thá»i gian QuÃ½ I",
        );
        assert!(quality.is_unreliable(), "{quality:?}");
        let quality = assess(
            "c ô n g t á c c h ỉ đ ạ o đ i ề u h à n h c ả i c á c h h à n h c h í n h n ă m",
        );
        assert!(quality.is_unreliable(), "{quality:?}");
    }
}
