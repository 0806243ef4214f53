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
/// Reads the text in blocks of [`BLOCK`] bytes. [`plain_block_words`]
/// settles most blocks at once: when a block holds only ASCII whitespace,
/// letters, digits and expected punctuation, the Latin letters the
/// Vietnamese alphabet uses and the commonest typographic marks, and no
/// word of one letter starts in it, none of its words is suspicious and
/// the words that start in it are counted by comparing each byte with the
/// one before, a loop the compiler vectorizes. Any other block is read word
/// by word by [`read_words`], from the start of the word open at the
/// block's start (counted again: a plain block only counts words) to the
/// first word boundary after its end; plain blocks resume there.
pub(crate) fn assess(text: &str) -> Quality {
    let bytes = text.as_bytes();
    let mut tally = Tally::default();
    let mut at = 0;
    // Where the current run of plain blocks began: just after whitespace.
    let mut plain_from = 0;
    while at < bytes.len() {
        // The window is read from the text where it lies in it whole.
        let copied;
        let lying = bytes
            .get(at.wrapping_sub(1)..at + WINDOW - 1)
            .and_then(|lying| lying.try_into().ok());
        let window = match lying {
            Some(lying) if at != plain_from => lying,
            _ => {
                copied = self::window(bytes, at, at == plain_from);
                &copied
            }
        };
        if let Some(starts) = plain_block_words(window) {
            tally.words += starts;
            at += BLOCK;
            continue;
        }
        let mut from = at;
        if at > plain_from && !is_plain_space(bytes[at - 1]) {
            from = bytes[plain_from..at]
                .iter()
                .rposition(|&byte| is_plain_space(byte))
                .map_or(plain_from, |space| plain_from + space + 1);
            tally.words -= 1;
        }
        at = read_words(text, from, at + BLOCK, &mut tally);
        plain_from = at;
    }
    Quality {
        words: tally.words,
        suspicious_ratio: if tally.words == 0 {
            0.0
        } else {
            tally.suspicious as f32 / tally.words as f32
        },
    }
}

/// Words counted so far, and how many of them are suspicious.
#[derive(Default)]
struct Tally {
    words: u32,
    suspicious: u32,
}

/// The bytes [`assess`] reads in one step.
const BLOCK: usize = 64;

/// A block with the byte before it and the three after it.
const WINDOW: usize = BLOCK + 4;

/// The window of the block at byte `at` of `bytes`: the byte before it (a
/// space when `after_space`), the block and three more bytes, padded with
/// spaces past the end of the text, which change no word.
#[inline(always)]
fn window(bytes: &[u8], at: usize, after_space: bool) -> [u8; WINDOW] {
    let mut window = [b' '; WINDOW];
    if !after_space {
        window[0] = bytes[at - 1];
    }
    match bytes.get(at..at + WINDOW - 1) {
        Some(full) => window[1..].copy_from_slice(full),
        None => window[1..=bytes.len() - at].copy_from_slice(&bytes[at..]),
    }
    window
}

/// In a block that [`plain_block_words`] accepts, the bytes up to the
/// space are ASCII whitespace: the other control characters make a block
/// not plain.
#[inline(always)]
fn is_plain_space(byte: u8) -> bool {
    byte <= b' '
}

/// The number of words that start in the block of `window` (see
/// [`window`]) when the block is plain, `None` when it is not.
///
/// A block is plain when none of its characters is whitespace other than
/// ASCII, suspicious, or a letter that makes a word alone; then none of
/// the words starting in it is suspicious. Each byte is tested on its own
/// and with the bytes after it, all without branches, so that the compiler
/// turns the loop into vector code: a byte is not plain when it is an ASCII
/// control character but whitespace, a backtick or DEL, or the first byte
/// of a character other than U+00C0 to U+023F (but `×` and `÷`), U+1E00 to
/// U+1EFF and the marks – — ‘ ’ “ ” • …; a word of one character is found
/// as a word start followed by an ASCII letter and a space, by a two-byte
/// Latin letter and a space, or by 0xE1 and a space three bytes on. A
/// character starting with 0xE2 is looked at after the loop, in a block
/// that holds one.
#[inline(always)]
fn plain_block_words(window: &[u8; WINDOW]) -> Option<u32> {
    let mut starts = 0u8;
    let mut not_plain = 0u8;
    let mut e2 = 0u8;
    // Each byte is tested for a space once, not once per lane that reads it.
    let space: [bool; WINDOW] = std::array::from_fn(|at| is_plain_space(window[at]));
    // Not `1..=BLOCK`: the compiler does not vectorize that loop.
    for at in 1..BLOCK + 1 {
        let byte = window[at];
        let next = window[at + 1];
        let start = space[at - 1] & !space[at];
        // ASCII control characters but whitespace (0x09 to 0x0D).
        let control = (byte <= 0x08) | (byte.wrapping_sub(0x0e) <= 0x1f - 0x0e);
        let odd_ascii = control | (byte == b'`') | (byte == 0x7f);
        // U+00C0 to U+023F.
        let latin = byte.wrapping_sub(0xc3) <= 0xc8 - 0xc3;
        let first_e1 = byte == 0xe1;
        let first_e2 = byte == 0xe2;
        let odd_lead = (byte >= 0xc0) & !latin & !first_e1 & !first_e2;
        // × and ÷.
        let odd_c3 = (byte == 0xc3) & (next & 0xdf == 0x97);
        // U+1E00 to U+1EFF.
        let odd_e1 = first_e1 & (next.wrapping_sub(0xb8) > 0xbb - 0xb8);
        let single = start
            & ((((byte | 0x20).wrapping_sub(b'a') < 26) & space[at + 1])
                | (latin & space[at + 2])
                | (first_e1 & space[at + 3]));
        starts += u8::from(start);
        not_plain |= u8::from(odd_ascii | odd_lead | odd_c3 | odd_e1 | single);
        e2 |= u8::from(first_e2);
    }
    if not_plain != 0 {
        return None;
    }
    // A character starting with 0xE2 is rare: only the marks are plain.
    if e2 != 0 && (1..BLOCK + 1).any(|at| window[at] == 0xe2 && !is_plain_mark(window, at)) {
        return None;
    }
    Some(u32::from(starts))
}

/// True when the character that starts with 0xE2 at byte `at` of `window`
/// is one of the marks – — (U+2013, U+2014), ‘ ’ “ ” (U+2018, U+2019,
/// U+201C, U+201D), • (U+2022) and … (U+2026).
#[inline(always)]
fn is_plain_mark(window: &[u8; WINDOW], at: usize) -> bool {
    let (next, second) = (window[at + 1], window[at + 2]);
    next == 0x80
        && matches!(
            second,
            0x93 | 0x94 | 0x98 | 0x99 | 0x9c | 0x9d | 0xa2 | 0xa6
        )
}

/// Reads the words from byte `at` of `text`, the start of a word or of
/// whitespace, into `tally`, up to the first word boundary at or after
/// `until` (or the end), and returns where it stopped: just after
/// whitespace.
///
/// Inside a word only two things matter: where it ends and whether it
/// holds a suspicious character; letters are counted only for a word of one
/// character (see [`is_stray`]). Bytes that [`WORD_BYTES`] marks as plain
/// (ASCII letters, digits and expected punctuation, the Latin letters the
/// Vietnamese alphabet uses) are stepped over one at a time; any other
/// character is classified on its own.
fn read_words(text: &str, mut at: usize, until: usize, tally: &mut Tally) -> usize {
    let bytes = text.as_bytes();
    while at < bytes.len() {
        let (first, first_len) = class_at(text, at);
        if first == Class::Space {
            at += first_len;
            if at >= until {
                break;
            }
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
        tally.words += 1;
        let single = at - start == first_len;
        tally.suspicious += u32::from(odd || single && is_stray(&text[start..], first));
        // An ASCII byte that ends a word is a space: step over it.
        if bytes.get(at).is_some_and(u8::is_ascii) {
            at += 1;
            if at >= until {
                break;
            }
        }
    }
    at
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

/// What a byte inside a word says, read by [`read_words`] after the word's
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
/// plain: [`read_words`] only meets them after a plain first byte (two-byte
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

    /// Pieces of Vietnamese text with every kind of character the blocks
    /// of [`assess`] treat apart.
    const PIECES: &[&str] = &[
        "công tác ",
        "chỉ đạo, ",
        "điều hành ",
        "Quý I/2023 ",
        "(≥ 30%) ",
        "a ",
        "y ",
        "ở ",
        "ô ",
        "I ",
        "c ô n g ",
        "á",
        "ạ",
        "ừ",
        "×",
        "÷",
        "“",
        "”",
        "‘",
        "’",
        "–",
        "—",
        "…",
        "•",
        "\u{a0}",
        "\u{2003}",
        "\u{1680}",
        "\u{2028}",
        "\u{3000}",
        "\u{85}",
        "Cá»™ng ",
        "hÃ²a ",
        "\u{301}",
        "e\u{301} ",
        "`",
        "\u{7f}",
        "\u{1}",
        "\t",
        "\n",
        "\r\n",
        "\u{c}",
        " ",
        "  ",
        "Ω ",
        "中 ",
        "😀",
        "ǅ",
        "ȿ",
        "Ḁ ",
        "‰",
        "\u{2010}",
        "€",
        "·",
        "°",
    ];

    proptest! {
        /// Long texts, so that words and rare characters fall across the
        /// block boundaries and near the end of the text.
        #[test]
        fn long_texts_are_read_by_the_definition(
            pieces in prop::collection::vec(prop::sample::select(PIECES), 0..160),
            plain in 0usize..80,
        ) {
            let text = "đơn vị ".repeat(plain / 7) + &pieces.concat();
            prop_assert_eq!(assess(&text), assess_by_words(&text));
            let text = pieces.concat() + &"thực hiện ".repeat(plain / 10);
            prop_assert_eq!(assess(&text), assess_by_words(&text));
        }
    }

    /// The test of [`plain_block_words`] on each byte, the E2 marks too.
    fn plain_block_words_by_bytes(window: &[u8; WINDOW]) -> Option<u32> {
        let mut starts = 0u32;
        for at in 1..=BLOCK {
            let (before, byte) = (window[at - 1], window[at]);
            let (next, second, third) = (window[at + 1], window[at + 2], window[at + 3]);
            let start = is_plain_space(before) && !is_plain_space(byte);
            let control = byte < b' ' && !(b'\t'..=b'\r').contains(&byte);
            let latin = (0xc3..=0xc8).contains(&byte);
            let marks = matches!(
                second,
                0x93 | 0x94 | 0x98 | 0x99 | 0x9c | 0x9d | 0xa2 | 0xa6
            );
            let odd = control
                || byte == b'`'
                || byte == 0x7f
                || byte >= 0xc0 && !latin && byte != 0xe1 && byte != 0xe2
                || byte == 0xc3 && matches!(next, 0x97 | 0xb7)
                || byte == 0xe1 && !(0xb8..=0xbb).contains(&next)
                || byte == 0xe2 && !(next == 0x80 && marks);
            let single = start
                && (byte.is_ascii_alphabetic() && is_plain_space(next)
                    || latin && is_plain_space(second)
                    || byte == 0xe1 && is_plain_space(third));
            if odd || single {
                return None;
            }
            starts += u32::from(start);
        }
        Some(starts)
    }

    proptest! {
        /// Windows of the bytes the block test tells apart.
        #[test]
        fn plain_blocks_are_read_by_bytes(
            bytes in prop::collection::vec(
                prop::sample::select(&[
                    b' ', b'\n', b'\t', 0x0b, 0x0e, 0x1f, 0x01, b'a', b'Z', b'1', b'`', 0x7f,
                    0x80, 0x93, 0x94, 0x97, 0x98, 0x9c, 0xa2, 0xa6, 0xb7, 0xb8, 0xbb, 0xbc,
                    0xbf, 0xc0, 0xc2, 0xc3, 0xc8, 0xc9, 0xe0, 0xe1, 0xe2, 0xe3, 0xf0,
                ][..]),
                WINDOW,
            ),
        ) {
            let window: [u8; WINDOW] = bytes.try_into().expect("a window");
            prop_assert_eq!(plain_block_words(&window), plain_block_words_by_bytes(&window));
        }
    }

    #[test]
    fn plain_blocks_are_told_apart() {
        let window = |text: &str| window(text.as_bytes(), 0, true);
        let text = "Sở Nội vụ; hạn: Quý II – “định kỳ” … tháng";
        assert_eq!(plain_block_words(&window(text)), Some(11));
        for odd in [
            "\u{a0}", "×", "`", "\u{1}", "Ω", "\u{2003}", "\u{1680}", " c ", " ô ", " ở ",
        ] {
            let text = format!("Đơn vị chủ trì{odd}Sở Nội vụ; thời gian thực hiện");
            assert_eq!(plain_block_words(&window(&text)), None, "{odd:?}");
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
