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

/// The ASCII base of each letter of [`LATIN`] and [`EXTENDED`] whose
/// UTF-8 is two bytes with a lead byte `0xC3..=0xC6` or three bytes
/// `0xE1 0xBA..=0xBB`, indexed by [`base_slot`]; 0 for any other code point.
static BASES_BY_BYTES: [u8; 6 * 64] = build_bases_by_bytes();

/// The slot of [`BASES_BY_BYTES`] of a code point, if it has one.
const fn base_slot(code: u32) -> Option<usize> {
    match code {
        // Lead bytes 0xC3 to 0xC6: the last six bits of the code point
        // after 0xC0.
        0xC0..=0x1BF => Some((code - 0xC0) as usize),
        // 0xE1 0xBA and 0xE1 0xBB.
        0x1E80..=0x1EFF => Some(4 * 64 + (code - 0x1E80) as usize),
        _ => None,
    }
}

const fn build_bases_by_bytes() -> [u8; 6 * 64] {
    let mut bases = [0u8; 6 * 64];
    let mut row = 0;
    while row < VOWELS {
        let mut tone = 0;
        while tone < TONES {
            let mut case = 0;
            while case < 2 {
                let c = if case == 0 {
                    LOWER[row][tone]
                } else {
                    UPPER[row][tone]
                };
                if let Some(index) = base_slot(c as u32) {
                    bases[index] = BASES[row];
                }
                case += 1;
            }
            tone += 1;
        }
        row += 1;
    }
    if let Some(index) = base_slot('đ' as u32) {
        bases[index] = b'd';
    }
    if let Some(index) = base_slot('Đ' as u32) {
        bases[index] = b'd';
    }
    bases
}

/// When `bytes` start with a precomposed Vietnamese letter outside ASCII,
/// its ASCII base (`ascii_base` of [`vietnamese_letter`]) and its length,
/// read off the UTF-8 bytes without decoding them.
#[inline]
pub(crate) fn ascii_base_at(bytes: &[u8]) -> Option<(u8, usize)> {
    let (index, len) = match *bytes {
        [lead @ 0xC3..=0xC6, next, ..] => {
            (usize::from(lead - 0xC3) * 64 + usize::from(next & 0x3F), 2)
        }
        [0xE1, second @ 0xBA..=0xBB, third, ..] => (
            4 * 64 + usize::from(second - 0xBA) * 64 + usize::from(third & 0x3F),
            3,
        ),
        _ => return None,
    };
    match BASES_BY_BYTES[index] {
        0 => None,
        base => Some((base, len)),
    }
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
    #[test]
    fn bases_read_off_the_bytes_are_the_letters_bases() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buffer = [0u8; 4];
            let encoded = c.encode_utf8(&mut buffer).as_bytes();
            let expected =
                vietnamese_letter(c).map(|(letter, _)| (letter.ascii_base() as u8, c.len_utf8()));
            assert_eq!(ascii_base_at(encoded), expected, "{c:?}");
        }
    }
}
