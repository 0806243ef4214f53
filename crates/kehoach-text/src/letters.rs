//! The precomposed letters of the Vietnamese alphabet as a table: each vowel
//! by its quality (a, ă, â …) and its tone, and đ. Looking a letter up here
//! replaces a Unicode decomposition for every letter a Vietnamese text is
//! written with.

/// Vowel rows in the tables: a vowel letter with its quality mark.
const VOWELS: usize = 12;
/// Tone columns in the tables: none, grave, acute, hook above, tilde, dot
/// below.
const TONES: usize = 6;

/// Lowercase vowels, one row per vowel, one column per tone.
const LOWER: [[char; TONES]; VOWELS] = [
    ['a', 'à', 'á', 'ả', 'ã', 'ạ'],
    ['ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ'],
    ['â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ'],
    ['e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ'],
    ['ê', 'ề', 'ế', 'ể', 'ễ', 'ệ'],
    ['i', 'ì', 'í', 'ỉ', 'ĩ', 'ị'],
    ['o', 'ò', 'ó', 'ỏ', 'õ', 'ọ'],
    ['ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ'],
    ['ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ'],
    ['u', 'ù', 'ú', 'ủ', 'ũ', 'ụ'],
    ['ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự'],
    ['y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
];

/// Uppercase vowels, in the order of [`LOWER`].
const UPPER: [[char; TONES]; VOWELS] = [
    ['A', 'À', 'Á', 'Ả', 'Ã', 'Ạ'],
    ['Ă', 'Ằ', 'Ắ', 'Ẳ', 'Ẵ', 'Ặ'],
    ['Â', 'Ầ', 'Ấ', 'Ẩ', 'Ẫ', 'Ậ'],
    ['E', 'È', 'É', 'Ẻ', 'Ẽ', 'Ẹ'],
    ['Ê', 'Ề', 'Ế', 'Ể', 'Ễ', 'Ệ'],
    ['I', 'Ì', 'Í', 'Ỉ', 'Ĩ', 'Ị'],
    ['O', 'Ò', 'Ó', 'Ỏ', 'Õ', 'Ọ'],
    ['Ô', 'Ồ', 'Ố', 'Ổ', 'Ỗ', 'Ộ'],
    ['Ơ', 'Ờ', 'Ớ', 'Ở', 'Ỡ', 'Ợ'],
    ['U', 'Ù', 'Ú', 'Ủ', 'Ũ', 'Ụ'],
    ['Ư', 'Ừ', 'Ứ', 'Ử', 'Ữ', 'Ự'],
    ['Y', 'Ỳ', 'Ý', 'Ỷ', 'Ỹ', 'Ỵ'],
];

/// The base letter of each row.
const BASES: [u8; VOWELS] = *b"aaaeeiooouuy";

/// A vowel letter with its quality mark, without its tone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Vowel(u8);

impl Vowel {
    /// The plain `i`.
    pub(crate) const I: Vowel = Vowel(5);
    /// The plain `y`.
    pub(crate) const Y: Vowel = Vowel(11);

    /// The vowel of a lowercase ASCII letter.
    pub(crate) fn of_ascii(letter: u8) -> Option<Vowel> {
        let row = match letter {
            b'a' => 0,
            b'e' => 3,
            b'i' => 5,
            b'o' => 6,
            b'u' => 9,
            b'y' => 11,
            _ => return None,
        };
        Some(Vowel(row))
    }

    /// The vowel of a lowercase letter, without its tone.
    pub(crate) fn of_char(c: char) -> Option<Vowel> {
        if c.is_ascii() {
            return Vowel::of_ascii(c as u8);
        }
        match vietnamese_letter(c) {
            Some((Letter::Vowel(vowel, _), _)) => Some(vowel),
            _ => None,
        }
    }

    /// The base letter: `a` for ă and â, `u` for ư …
    pub(crate) fn base(self) -> char {
        char::from(BASES[usize::from(self.0)])
    }

    /// True for ă, â, ê, ô, ơ and ư.
    pub(crate) fn has_quality(self) -> bool {
        matches!(self.0, 1 | 2 | 4 | 7 | 8 | 10)
    }

    /// The lowercase letter with `tone` (0 for none).
    pub(crate) fn with_tone(self, tone: u8) -> char {
        LOWER[usize::from(self.0)][usize::from(tone)]
    }
}

/// A letter of the Vietnamese alphabet outside ASCII, taken apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Letter {
    /// A vowel with its tone (0 for none, else 1 to 5).
    Vowel(Vowel, u8),
    /// đ.
    D,
}

impl Letter {
    /// The letter in lowercase.
    pub(crate) fn lowercase(self) -> char {
        match self {
            Letter::Vowel(vowel, tone) => vowel.with_tone(tone),
            Letter::D => 'đ',
        }
    }

    /// The ASCII letter it is written on.
    pub(crate) fn ascii_base(self) -> char {
        match self {
            Letter::Vowel(vowel, _) => vowel.base(),
            Letter::D => 'd',
        }
    }
}

/// The first block of code points that [`CODES`] covers (Latin-1 letters,
/// Latin Extended-A and the start of Extended-B: ă, đ, ĩ, ũ, ơ, ư …).
const LATIN: std::ops::RangeInclusive<u32> = 0xC0..=0x1B0;
/// The second block: the Vietnamese letters of Latin Extended Additional.
const EXTENDED: std::ops::RangeInclusive<u32> = 0x1EA0..=0x1EF9;
const LATIN_LEN: usize = (*LATIN.end() - *LATIN.start() + 1) as usize;
const EXTENDED_LEN: usize = (*EXTENDED.end() - *EXTENDED.start() + 1) as usize;

/// Code of the row for đ in [`CODES`].
const D_ROW: usize = VOWELS;
/// The flag of an uppercase letter in [`CODES`].
const UPPERCASE: u8 = 0x80;

/// For each code point of the two blocks, 0 when it is no Vietnamese
/// letter, else `1 + row * TONES + tone`, with [`UPPERCASE`] set for a
/// capital.
static CODES: [u8; LATIN_LEN + EXTENDED_LEN] = build_codes();

const fn slot(c: char) -> Option<usize> {
    let code = c as u32;
    if code >= *LATIN.start() && code <= *LATIN.end() {
        Some((code - *LATIN.start()) as usize)
    } else if code >= *EXTENDED.start() && code <= *EXTENDED.end() {
        Some(LATIN_LEN + (code - *EXTENDED.start()) as usize)
    } else {
        None
    }
}

const fn build_codes() -> [u8; LATIN_LEN + EXTENDED_LEN] {
    let mut codes = [0u8; LATIN_LEN + EXTENDED_LEN];
    let mut row = 0;
    while row < VOWELS {
        let mut tone = 0;
        while tone < TONES {
            let code = (1 + row * TONES + tone) as u8;
            // The toneless a, e, i, o, u, y are ASCII and have no slot.
            if let Some(index) = slot(LOWER[row][tone]) {
                codes[index] = code;
            }
            if let Some(index) = slot(UPPER[row][tone]) {
                codes[index] = code | UPPERCASE;
            }
            tone += 1;
        }
        row += 1;
    }
    let d = (1 + D_ROW * TONES) as u8;
    if let Some(index) = slot('đ') {
        codes[index] = d;
    }
    if let Some(index) = slot('Đ') {
        codes[index] = d | UPPERCASE;
    }
    codes
}

/// Takes apart `c` when it is a precomposed Vietnamese letter outside
/// ASCII; the flag tells a capital.
pub(crate) fn vietnamese_letter(c: char) -> Option<(Letter, bool)> {
    let code = CODES[slot(c)?];
    if code == 0 {
        return None;
    }
    let index = usize::from((code & !UPPERCASE) - 1);
    let (row, tone) = (index / TONES, index % TONES);
    let letter = if row == D_ROW {
        Letter::D
    } else {
        Letter::Vowel(Vowel(row as u8), tone as u8)
    };
    Some((letter, code & UPPERCASE != 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    /// Tone marks in column order.
    const TONE_MARKS: [&str; TONES] = ["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"];

    /// Every table entry is the NFC of its base, its quality mark and its
    /// tone mark, in both cases.
    #[test]
    fn tables_spell_base_quality_and_tone() {
        const QUALITY_MARKS: [&str; VOWELS] = [
            "", "\u{306}", "\u{302}", "", "\u{302}", "", "", "\u{302}", "\u{31b}", "", "\u{31b}",
            "",
        ];
        for row in 0..VOWELS {
            for tone in 0..TONES {
                let base = char::from(BASES[row]);
                let spelled: String = format!("{base}{}{}", QUALITY_MARKS[row], TONE_MARKS[tone])
                    .nfc()
                    .collect();
                assert_eq!(spelled, LOWER[row][tone].to_string());
                assert_eq!(spelled.to_uppercase(), UPPER[row][tone].to_string());
                assert_eq!(
                    Vowel(row as u8).has_quality(),
                    !QUALITY_MARKS[row].is_empty()
                );
            }
        }
    }

    #[test]
    fn lookup_inverts_the_tables() {
        for row in 0..VOWELS {
            for tone in 0..TONES {
                let letter = Letter::Vowel(Vowel(row as u8), tone as u8);
                for (c, upper) in [(LOWER[row][tone], false), (UPPER[row][tone], true)] {
                    if !c.is_ascii() {
                        assert_eq!(vietnamese_letter(c), Some((letter, upper)), "{c}");
                    }
                }
            }
        }
        assert_eq!(vietnamese_letter('đ'), Some((Letter::D, false)));
        assert_eq!(vietnamese_letter('Đ'), Some((Letter::D, true)));
        let letters = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| vietnamese_letter(c).is_some())
            .count();
        assert_eq!(letters, 2 * (VOWELS * TONES - 6) + 2);
    }
}
