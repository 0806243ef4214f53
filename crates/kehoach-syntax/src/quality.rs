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
    let mut words = 0u32;
    let mut suspicious = 0u32;
    for word in text.split_whitespace() {
        words += 1;
        if is_suspicious(word) {
            suspicious += 1;
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

fn is_suspicious(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars() {
        if c.is_alphabetic() {
            if !is_latin(c) {
                return true;
            }
            letters += 1;
        } else if !c.is_ascii_digit() && !EXPECTED_SYMBOLS.contains(c) {
            return true;
        }
    }
    // A stray letter, as OCR leaves when it splits words apart ("c ô n g");
    // lettered markers and the word "y" (as in "y tế") are not stray.
    let lone = letters == 1 && word.chars().count() == 1;
    lone && !matches!(
        word,
        "a" | "y" | "ở" | "á" | "à" | "ạ" | "ừ" | "ý" | "ô" | "ơ"
    )
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
