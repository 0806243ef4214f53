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
pub(crate) fn assess(text: &str) -> Quality {
    let bytes = text.as_bytes();
    let mut words = 0u32;
    let mut suspicious = 0u32;
    // The word being read: where it starts, its characters and letters,
    // and whether it holds a character no Vietnamese document uses.
    let (mut start, mut chars, mut letters, mut odd) = (0, 0u32, 0u32, false);
    let mut at = 0;
    loop {
        let byte = bytes.get(at).copied();
        let (class, len) = match (byte, bytes.get(at + 1).copied().unwrap_or(0)) {
            (None, _) => (Class::Space, 0),
            (Some(byte @ 0..0x80), _) => (ASCII_CLASSES[usize::from(byte)], 1),
            // U+00C0 to U+023F but × and ÷; U+1E00 to U+1EFF: Latin letters,
            // Vietnamese ones among them.
            (Some(0xc3), 0x97 | 0xb7) => (Class::Suspicious, 2),
            (Some(0xc3..=0xc8), _) => (Class::Letter, 2),
            (Some(0xe1), 0xb8..=0xbb) => (Class::Letter, 3),
            (Some(_), _) => {
                let c = text[at..].chars().next().unwrap_or_default();
                (class(c), c.len_utf8())
            }
        };
        match class {
            Class::Space => {
                if chars > 0 {
                    words += 1;
                    suspicious += u32::from(odd || is_stray(&text[start..], chars, letters));
                    (chars, letters, odd) = (0, 0, false);
                }
                if byte.is_none() {
                    break;
                }
            }
            Class::Letter => letters += 1,
            Class::Suspicious => odd = true,
            Class::Expected => {}
        }
        if class != Class::Space {
            if chars == 0 {
                start = at;
            }
            chars += 1;
        }
        at += len;
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

/// A stray letter, as OCR leaves when it splits words apart ("c ô n g"):
/// a word of one character, a letter; lettered markers and the word "y"
/// (as in "y tế") are not stray. `word` starts with the word.
fn is_stray(word: &str, chars: u32, letters: u32) -> bool {
    chars == 1
        && letters == 1
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
