//! Whether a text can cite a document at all, read off its bytes before it
//! is tokenized: most paragraphs cite nothing, and tokenizing them is the
//! costliest part of finding references.

use memchr::memmem;

use crate::agency::chars::{SEPARATOR, WORD, case_of, classes, is_capital, letters, word_at};
use crate::agency::lexicon::LEXICON;
use crate::agency::token::{Case, capitalized};

/// What a reference by title may start with, from the data.
#[derive(Debug, Default)]
pub(super) struct TitleCues {
    /// The words of each kind cited by its title, each as its letters
    /// without marks and with "y" as "i": ["luat"], ["bo", "luat"],
    /// ["hien", "phap"].
    phrases: Vec<Vec<String>>,
    /// Which characters below [`LOW_END`] (ASCII, the Latin blocks of two
    /// bytes, combining marks) may start the first word of a phrase, one
    /// bit each (see [`may_start`]).
    low: [u64; LOW_END as usize / 64],
    /// The same for U+1E00–U+1EFF, where most Vietnamese letters lie.
    latin: [u64; 4],
    /// What a byte may begin: a character that starts the first word of a
    /// phrase, or one the tables do not cover ([`STARTS`]); an abbreviation
    /// ([`ABBREVIATION`]). No continuation byte begins anything.
    leads: Leads,
    /// Whether each block of 64 code points below U+10000 holds a character
    /// that may start the first word of a phrase, or one the tables do not
    /// cover; one bit each. Most Vietnamese letters are in blocks without
    /// one.
    blocks: [u64; 16],
    /// The first letter of each phrase.
    initials: Vec<char>,
    /// The first token of each abbreviation whose expansion holds a word of
    /// a phrase ("QPPL" for "quy phạm pháp luật"); none holds another,
    /// which would be found wherever it is.
    abbreviations: Vec<Box<[u8]>>,
    /// The ASCII bytes with a flag in [`TitleCues::leads`], repeated to
    /// fill the array, when the blocks of [`quiet_block`] may be passed
    /// over; `None` when the data breaks one of its rules.
    quiet: Option<[u8; ASCII_STOPS]>,
}

/// How many ASCII bytes [`quiet_block`] can tell apart.
const ASCII_STOPS: usize = 6;

/// The bytes [`quiet_block`] looks at a step: a block and the byte after
/// it.
const BLOCK: usize = 16;

/// The end of [`TitleCues::low`]: Greek and the scripts after it are
/// left to [`may_start`] itself.
const LOW_END: u32 = 0x380;

/// The first code point of [`TitleCues::latin`].
const LATIN: u32 = 0x1E00;

/// Flags of [`TitleCues::leads`].
const STARTS: u8 = 1;
/// See [`STARTS`].
const ABBREVIATION: u8 = 2;

/// Flags for each byte value.
#[derive(Debug)]
struct Leads([u8; 256]);

impl Default for Leads {
    fn default() -> Self {
        Leads([0; 256])
    }
}

impl TitleCues {
    /// The cues of the kinds cited by their titles, each named by its
    /// words ("Bộ luật").
    pub(super) fn new(kinds: &[Vec<String>]) -> TitleCues {
        let mut cues = TitleCues::default();
        for phrase in kinds.iter().flatten() {
            let keys = LEXICON.keys_of(phrase);
            let letters: Vec<String> = keys.iter().map(|key| letters(key).collect()).collect();
            let Some(initial) = letters.first().and_then(|first| first.chars().next()) else {
                continue;
            };
            if !cues.initials.contains(&initial) {
                cues.initials.push(initial);
            }
            if !cues.phrases.contains(&letters) {
                cues.phrases.push(letters);
            }
            for abbreviation in LEXICON.abbreviations.values() {
                let holds_a_word = abbreviation
                    .words
                    .iter()
                    .any(|word| keys.iter().any(|key| *word.key.key() == **key));
                if holds_a_word && !abbreviation.first.is_empty() {
                    cues.add_abbreviation(abbreviation.first.as_bytes());
                }
            }
        }
        let low = (0..LOW_END).filter_map(char::from_u32);
        let latin = (LATIN..LATIN + 0x100).filter_map(char::from_u32);
        for c in low.chain(latin) {
            if may_start(c, &cues.initials) {
                let (bits, index): (&mut [u64], u32) = match u32::from(c) {
                    code @ 0..LOW_END => (&mut cues.low, code),
                    code => (&mut cues.latin, code - LATIN),
                };
                bits[index as usize / 64] |= 1 << (index % 64);
            }
        }
        for block in 0..0x400 {
            let first = block << 6;
            let covered = first < LOW_END || (LATIN..0x1F00).contains(&first);
            if !covered || (first..first + 0x40).any(|code| cues.may_start(code)) {
                cues.blocks[block as usize / 64] |= 1 << (block % 64);
            }
        }
        for byte in 0..=255u8 {
            let starts = match byte {
                0..0x80 => cues.may_start(u32::from(byte)),
                0x80..0xC0 => false,
                0xC0..0xE0 => {
                    let first = u32::from(byte & 0x1F) << 6;
                    first + 0x40 > LOW_END || (first..first + 0x40).any(|code| cues.may_start(code))
                }
                0xE0.. => true,
            };
            if starts {
                cues.leads.0[usize::from(byte)] |= STARTS;
            }
        }
        for needle in &cues.abbreviations {
            cues.leads.0[usize::from(needle[0])] |= ABBREVIATION;
        }
        cues.quiet = cues.quiet_stops();
        cues
    }

    /// The ASCII bytes for [`quiet_block`], if the tables keep the rules
    /// it takes for granted: every character it passes over is one that
    /// [`may_cite_by_title`] would pass over too (a lead byte without a
    /// flag, a block without a character that may start a phrase, a
    /// character that may not start one), and no abbreviation starts
    /// with a byte it passes over.
    fn quiet_stops(&self) -> Option<[u8; ASCII_STOPS]> {
        let ascii: Vec<u8> = (0..0x80u8)
            .filter(|&byte| self.leads.0[usize::from(byte)] != 0)
            .collect();
        let unflagged = (0..=255u8)
            .filter(|&byte| quiet_lead(byte))
            .all(|lead| self.leads.0[usize::from(lead)] == 0);
        let quiet_blocks = [0x1E80u32, 0x1EC0]
            .iter()
            .all(|&first| !(first..first + 0x40).any(|code| self.may_start(code)));
        let quiet_c4 = (0x100..0x140u32)
            .filter(|&code| !c4_stop(0x80 | (code & 0x3F) as u8))
            .all(|code| !self.may_start(code));
        let ascii_abbreviations = self.abbreviations.iter().all(|needle| needle[0] < 0x80);
        if ascii.len() > ASCII_STOPS
            || !(unflagged && quiet_blocks && quiet_c4 && ascii_abbreviations)
        {
            return None;
        }
        let mut stops = [*ascii.first().unwrap_or(&0); ASCII_STOPS];
        stops[..ascii.len()].copy_from_slice(&ascii);
        Some(stops)
    }

    /// Adds `needle` to the abbreviations searched for, unless one of them
    /// is part of it; drops those it is part of.
    fn add_abbreviation(&mut self, needle: &[u8]) {
        if self
            .abbreviations
            .iter()
            .any(|known| memmem::find(needle, known).is_some())
        {
            return;
        }
        self.abbreviations
            .retain(|known| memmem::find(known, needle).is_none());
        self.abbreviations.push(needle.into());
    }

    /// [`may_start`] of the code point `code`, from the tables when it is
    /// in them.
    #[inline]
    fn may_start(&self, code: u32) -> bool {
        let (bits, index) = match code {
            0..LOW_END => (&self.low[..], code),
            LATIN..0x1F00 => (&self.latin[..], code - LATIN),
            _ => return char::from_u32(code).is_some_and(|c| may_start(c, &self.initials)),
        };
        bits[index as usize / 64] >> (index % 64) & 1 != 0
    }
}

/// Whether `byte` is the lead byte of a two-byte character that
/// [`quiet_block`] passes over: 0xC2 to 0xC7 but 0xC4, that is U+0080–
/// U+00FF and U+0140–U+01FF, where Vietnamese has "à", "ơ", "ư" and their
/// capitals and no letter may start a phrase.
#[inline]
fn quiet_lead(byte: u8) -> bool {
    (byte.wrapping_sub(0xC2) < 6) & (byte != 0xC4)
}

/// Whether [`quiet_block`] stops at 0xC4 (U+0100–U+013F) before `next`:
/// "Ĥ" to "ħ" and "Ĺ" to "ŀ". The others ("đ", "ă", "ĩ" …) start no
/// phrase.
#[inline]
fn c4_stop(next: u8) -> bool {
    (0xA4..=0xA7).contains(&next) | (0xB9..=0xBF).contains(&next)
}

/// Whether [`may_cite_by_title`] would pass over every byte of
/// `bytes[..BLOCK]` (`bytes` holds one more, the byte after the block):
/// none is one of the ASCII bytes `stops` nor the lead byte of a
/// character outside ASCII, but for the lead bytes [`quiet_lead`] holds for,
/// 0xC4 where [`c4_stop`] does not hold, and 0xE1 before 0xBA or 0xBB
/// (U+1E80–U+1EFF, the Vietnamese letters of "ạ" to "ỹ"). Written without a
/// branch per byte, so that the compiler tests the block at once.
#[inline]
fn quiet_block(bytes: &[u8; BLOCK + 1], stops: &[u8; ASCII_STOPS]) -> bool {
    let mut stop = false;
    for index in 0..BLOCK {
        let (byte, next) = (bytes[index], bytes[index + 1]);
        let ascii = stops
            .iter()
            .fold(false, |seen, &ascii| seen | (byte == ascii));
        let quiet_lead = quiet_lead(byte);
        let quiet_c4 = (byte == 0xC4) & !c4_stop(next);
        let quiet_e1 = (byte == 0xE1) & (next & 0xFE == 0xBA);
        let high = (byte >= 0xC0) & !quiet_lead & !quiet_c4 & !quiet_e1;
        stop |= ascii | high;
    }
    !stop
}

/// Whether a word that starts with `c` may be a capitalised word whose
/// letters start with one of `initials`: `c` belongs to a word, is a
/// capital, a character without case or one that `char::is_uppercase`
/// holds for, and its letter is one of them or it has none (a combining
/// mark).
fn may_start(c: char, initials: &[char]) -> bool {
    let mut buffer = [0; 4];
    let as_str = c.encode_utf8(&mut buffer);
    classes(c) & WORD != 0
        && (is_capital(c) || case_of(as_str) == Case::Mixed || c.is_uppercase())
        && letters(as_str)
            .next()
            .is_none_or(|letter| initials.contains(&letter))
}

/// Whether `text` may cite a document. A reference needs a number whose
/// type code starts with a capital after a slash or a hyphen ("45/QĐ-UBND",
/// "1568-CV/TU", a blank "/KH-BTNMT"), or the words of a kind cited by its
/// title in a row, the first capitalised ("Luật Kế toán", "Bộ luật Dân
/// sự"), or an abbreviation that spells out one of them.
///
/// `false` only when the finder would find nothing.
pub(super) fn may_cite(text: &str, cues: &TitleCues) -> bool {
    has_coded_number(text) || may_cite_by_title(text, cues)
}

/// Whether a slash, or a hyphen or en dash after a number, is followed
/// (past spaces and tabs) by a capital, as the number pattern requires.
/// `char::is_uppercase` holds for every `\p{Lu}` letter.
fn has_coded_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(b'/', b'-', "–".as_bytes()[0], bytes).any(|at| {
        let after = match bytes[at] {
            b'/' => at + 1,
            b'-' if number_before(text, at) => at + 1,
            _ if text[at..].starts_with('–') && number_before(text, at) => at + '–'.len_utf8(),
            _ => return false,
        };
        text[after..]
            .trim_start_matches([' ', '\t'])
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    })
}

/// Whether a number ends before byte `at`, past spaces and tabs and one
/// ASCII letter: the `\d+[A-Za-z]?[ \t]*` of the number pattern, or the
/// year after its slash. `char::is_numeric` holds for every `\d` digit.
fn number_before(text: &str, at: usize) -> bool {
    let mut before = text[..at].trim_end_matches([' ', '\t']).chars();
    match before.next_back() {
        Some(c) if c.is_ascii_alphabetic() => before.next_back().is_some_and(char::is_numeric),
        Some(c) => c.is_numeric(),
        None => false,
    }
}

/// Whether a kind cited by its title may start in `text`: the words of a
/// phrase in a row, past what separates tokens, the first a capitalised
/// word (every spelling of a word that folds to a key has the key's
/// letters), or an abbreviation whose expansion holds a word of one (the
/// words of an expansion count as capitalised, and an expansion may end or
/// start a phrase).
///
/// The bytes that begin no character that may start a phrase and no
/// abbreviation are passed over; the others' characters are decoded by
/// hand and looked up in the tables of [`TitleCues`], and only those that
/// may start a phrase are read further.
fn may_cite_by_title(text: &str, cues: &TitleCues) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    loop {
        if let Some(stops) = &cues.quiet {
            while let Some(block) = bytes
                .get(at..at + BLOCK + 1)
                .and_then(|block| <&[u8; BLOCK + 1]>::try_from(block).ok())
            {
                if !quiet_block(block, stops) {
                    break;
                }
                at += BLOCK;
            }
        }
        // The block that may hold a cue, byte by byte.
        let end = (at + BLOCK).min(bytes.len());
        while at < end {
            if cues.leads.0[usize::from(bytes[at])] == 0 {
                at += 1;
                continue;
            }
            match step(text, at, cues) {
                Some(len) => at += len,
                None => return true,
            }
        }
        if at >= bytes.len() {
            return false;
        }
    }
}

/// What [`may_cite_by_title`] makes of the character at byte `at`, whose
/// lead byte has a flag: `None` when an abbreviation or a phrase starts
/// there, else the character's length, to go on after it.
#[inline]
fn step(text: &str, at: usize, cues: &TitleCues) -> Option<usize> {
    let bytes = text.as_bytes();
    // The bits a continuation byte adds to a code point.
    let tail = |at: usize| u32::from(bytes[at] & 0x3F);
    let lead = bytes[at];
    if cues.leads.0[usize::from(lead)] & ABBREVIATION != 0
        && cues
            .abbreviations
            .iter()
            .any(|needle| bytes[at..].starts_with(needle))
    {
        return None;
    }
    // `text` is valid UTF-8: the lead byte tells the length.
    let (code, len) = match lead {
        0..0x80 => (u32::from(lead), 1),
        0xC0..0xE0 => (u32::from(lead & 0x1F) << 6 | tail(at + 1), 2),
        0xE0..0xF0 => {
            let block = u32::from(lead & 0x0F) << 6 | tail(at + 1);
            if cues.blocks[block as usize / 64] >> (block % 64) & 1 == 0 {
                return Some(3);
            }
            (block << 6 | tail(at + 2), 3)
        }
        _ => (
            u32::from(lead & 0x07) << 18 | tail(at + 1) << 12 | tail(at + 2) << 6 | tail(at + 3),
            4,
        ),
    };
    if cues.may_start(code) && starts_phrase(text, at, cues) {
        return None;
    }
    Some(len)
}

/// Whether a phrase starts at byte `at`: a word that starts there (not
/// inside another), capitalised as a token (see `Token::is_capitalized`),
/// followed by the phrase's other words.
fn starts_phrase(text: &str, at: usize, cues: &TitleCues) -> bool {
    if text[..at]
        .chars()
        .next_back()
        .is_some_and(|before| classes(before) & WORD != 0)
    {
        return false;
    }
    let first = word_at(text, at);
    let matches = |phrase: &Vec<String>| {
        let mut word = first;
        let mut end = at + word.len();
        phrase.iter().enumerate().all(|(index, cue)| {
            if index > 0 {
                let rest = &text[end..];
                let skipped = rest
                    .char_indices()
                    .find(|&(_, c)| classes(c) & SEPARATOR == 0)
                    .map_or(rest.len(), |(skipped, _)| skipped);
                word = word_at(text, end + skipped);
                end += skipped + word.len();
            }
            letters(word).eq(cue.chars())
        })
    };
    cues.phrases.iter().any(matches) && capitalized(case_of(first), first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_a_type_code_are_seen() {
        for text in [
            "Quyết định số 1782/QĐ-UBND",
            "Công văn số 1568-CV/TU",
            "Nghị định 107/2020/NĐ-CP",
            "số 45 /QĐ-UBND",
            "Kế hoạch số    /KH-BTNMT",
            "12a – ĐT",
        ] {
            assert!(has_coded_number(text), "{text}");
        }
        for text in [
            "ngày 30/6/2025",
            "Phục vụ - Kiểm soát",
            "2023 - 2025",
            "a/b",
        ] {
            assert!(!has_coded_number(text), "{text}");
        }
    }

    fn cues() -> &'static TitleCues {
        &super::super::REFERENCES.title_cues
    }

    #[test]
    fn titles_are_seen_by_all_their_words() {
        for text in [
            "Luật Đất đai",
            "theo LUẬT Kế toán",
            "Bộ luật Dân sự",
            "BỘ  *LUẬT* Lao động",
            "Hiến pháp năm 2013",
            "(Pháp\nlệnh Dân số",
            "các VBQPPL",
        ] {
            assert!(may_cite_by_title(text, cues()), "{text}");
        }
        for text in [
            "Bộ Tài chính, Bộ Xây dựng",
            "GIẢI PHÁP TRỌNG TÂM",
            "TỔ CHỨC THỰC HIỆN",
            "luật Đất đai",
            "Bộ, luật",
            "Sở Tư pháp",
            "BLuật",
        ] {
            assert!(!may_cite_by_title(text, cues()), "{text}");
        }
    }

    #[test]
    fn abbreviations_held_by_others_are_not_searched_for() {
        let needles: Vec<&[u8]> = cues().abbreviations.iter().map(|n| &n[..]).collect();
        assert!(needles.contains(&&b"QPPL"[..]), "{needles:?}");
        assert!(!needles.contains(&&b"VBQPPL"[..]), "{needles:?}");
    }

    /// The tables and the byte flags answer as [`may_start`] does.
    #[test]
    fn tables_agree_with_the_rule() {
        let cues = cues();
        for c in ('\0'..='\u{2FFF}').chain(['\u{1F600}']) {
            let code = u32::from(c);
            assert_eq!(cues.may_start(code), may_start(c, &cues.initials), "{c:?}");
            let mut buffer = [0; 4];
            let lead = c.encode_utf8(&mut buffer).as_bytes()[0];
            if may_start(c, &cues.initials) {
                assert!(cues.leads.0[usize::from(lead)] & STARTS != 0, "{c:?}");
                let block = code >> 6;
                assert!(
                    code > 0xFFFF || cues.blocks[block as usize / 64] >> (block % 64) & 1 != 0,
                    "{c:?}"
                );
            }
        }
        for byte in 0x80..0xC0 {
            assert_eq!(cues.leads.0[byte], 0);
        }
        assert!(cues.may_start(u32::from('L')) && cues.may_start(u32::from('Ḷ')));
        assert!(!cues.may_start(u32::from('l')) && !cues.may_start(u32::from('Đ')));
    }

    /// [`may_cite_by_title`] as it reads without passing over quiet
    /// blocks: every byte with a flag is looked at.
    fn may_cite_by_title_plain(text: &str, cues: &TitleCues) -> bool {
        let bytes = text.as_bytes();
        let mut at = 0;
        while let Some(skipped) = bytes[at..]
            .iter()
            .position(|&byte| cues.leads.0[usize::from(byte)] != 0)
        {
            at += skipped;
            match step(text, at, cues) {
                Some(len) => at += len,
                None => return true,
            }
        }
        false
    }

    #[test]
    fn quiet_blocks_apply_to_the_data() {
        assert!(cues().quiet.is_some());
    }

    #[test]
    fn quiet_blocks_change_nothing_on_examples() {
        let filler = "các cơ quan, đơn vị thực hiện nghiêm túc việc triển khai ";
        for cue in [
            "Luật Đất đai",
            "theo LUẬT Kế toán",
            "Bộ luật Dân sự",
            "Hiến pháp năm 2013",
            "các VBQPPL",
            "BCHQS tỉnh",
            "Ĺuật Đất đai",
            "Ḷuật",
            "luật Đất đai",
            "Sở Tư pháp",
        ] {
            for before in 0..40 {
                let prefix = &filler[..filler.floor_char_boundary(before)];
                let text = format!("{prefix}{cue} {filler}");
                assert_eq!(
                    may_cite_by_title(&text, cues()),
                    may_cite_by_title_plain(&text, cues()),
                    "{text:?}"
                );
            }
        }
    }

    /// Pieces the texts are made of: the cues, their look-alikes, the
    /// characters around every rule of [`quiet_block`].
    const PIECES: &[&str] = &[
        "Luật",
        "luật",
        "LUẬT",
        "Bộ",
        "bộ",
        "BỘ",
        "Hiến",
        "HIẾN",
        "pháp",
        "Pháp",
        "PHÁP",
        "lệnh",
        "Lệnh",
        "QPPL",
        "BCHQS",
        "VB",
        "Q",
        "B",
        "H",
        "L",
        "P",
        "Ĺ",
        "Ĥ",
        "ħ",
        "ŀ",
        "Ḃ",
        "Ḷ",
        "Ṕ",
        "uật",
        "ộ",
        "iến",
        "háp",
        "ệnh",
        "Ḷuật",
        "Ĺuật",
        "Ḃộ luật",
        "Ĥiến pháp",
        "Ṕháp lệnh",
        "đ",
        "Đ",
        "ă",
        "ĩ",
        "ơ",
        "Ư",
        "à",
        "Ạ",
        "ỹ",
        "ệ",
        "ẞ",
        "–",
        "“",
        "\u{301}",
        "\u{323}",
        " ",
        "  ",
        "\n",
        "\t",
        "(",
        "*",
        ",",
        "-",
        "/",
        "a",
        "x",
        "2024",
        "日",
        "😀",
    ];

    proptest::proptest! {
        #[test]
        fn quiet_blocks_change_nothing(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..80),
        ) {
            let text: String = pieces.concat();
            proptest::prop_assert_eq!(
                may_cite_by_title(&text, cues()),
                may_cite_by_title_plain(&text, cues())
            );
        }

        #[test]
        fn quiet_blocks_change_nothing_on_any_text(text in "\\PC{0,120}") {
            proptest::prop_assert_eq!(
                may_cite_by_title(&text, cues()),
                may_cite_by_title_plain(&text, cues())
            );
        }
    }

    #[test]
    fn words_are_cut_as_tokens() {
        assert_eq!(word_at("Luật*Đất đai", 0), "Luật");
        assert_eq!(word_at("(Bộ luật", 1), "Bộ");
        assert_eq!(word_at("Pháp-lệnh", 0), "Pháp");
    }
}
