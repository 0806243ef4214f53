//! The number and date patterns of a citation, read by hand.
//!
//! Each pattern is written once as a regular expression, which says what
//! it matches. A reader walks the same grammar over the characters whose
//! classes it knows exactly — ASCII, the Latin blocks that hold every
//! Vietnamese letter, the en dash — and gives the regular expression's
//! answer; at any other character that the expression's Unicode classes
//! might hold it gives up, and the expression decides. The expressions are
//! then compiled only for such rare texts, and reading a number costs a
//! few dozen instructions instead of a search with captures.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::agency::chars::is_capital;

/// A document number: "45 /QĐ-UBND", "107/2020/NĐ-CP", "1568-CV/TU", or a
/// blank one ("/KH-BTNMT").
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^(?:(?P<n>\d+[A-Za-z]?)(?:[ \t]*/[ \t]*(?P<y>(?:19|20)\d{2}))?[ \t]*(?P<sep>[/\-–])|(?P<blank>/))[ \t]*(?P<code>\p{Lu}[\p{L}\d&]*(?:[\-–/]\p{L}[\p{L}\d&]*)*)",
    )
});

/// "ngày 21/12/2022", "ngày 02-5-2024".
static NUMERIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)^ngày[\s*]+(?P<d>\d{1,2})[\s*]*[/.\-][\s*]*(?P<m>\d{1,2})[\s*]*[/.\-][\s*]*(?P<y>\d{4})",
    )
});

/// "ngày 19 tháng 6 năm 2015", and "ngày    tháng 8 năm 2024" with the day
/// left blank.
static WORDED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)^ngày[\s*]+(?P<d>\d{1,2})?[\s*]*tháng[\s*]+(?P<m>\d{1,2})[\s*]+năm[\s*]+(?P<y>\d{4})",
    )
});

fn compile(pattern: &str) -> Regex {
    match Regex::new(pattern) {
        Ok(regex) => regex,
        // The patterns are constants of this module, exercised by its tests.
        Err(error) => panic!("invalid built-in pattern: {error}"),
    }
}

/// A number [`NUMBER`] matches at the start of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NumberMatch<'a> {
    /// The whole match.
    pub raw: &'a str,
    /// Whether the number has digits (`n`), not left blank.
    pub numbered: bool,
    /// The year after the first slash (`y`).
    pub year: Option<&'a str>,
    /// Whether a hyphen or en dash follows the digits (`sep`): "1568-CV/TU".
    pub party_style: bool,
    /// The type and issuer code (`code`).
    pub code: &'a str,
}

/// A date [`NUMERIC_DATE`] or [`WORDED_DATE`] matches at the start of a
/// text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct DateMatch<'a> {
    /// The length of the whole match in bytes.
    pub len: usize,
    /// The day (`d`), when not left blank.
    pub day: Option<&'a str>,
    /// The month (`m`).
    pub month: &'a str,
    /// The year (`y`).
    pub year: &'a str,
}

/// [`NUMBER`] at the start of `text`.
pub(super) fn number(text: &str) -> Option<NumberMatch<'_>> {
    match Reader::new(text).number() {
        Ok(found) => found,
        Err(Unsure) => number_by_regex(text),
    }
}

fn number_by_regex(text: &str) -> Option<NumberMatch<'_>> {
    let captures = NUMBER.captures(text)?;
    Some(NumberMatch {
        raw: captures.get(0)?.as_str(),
        numbered: captures.name("n").is_some(),
        year: captures.name("y").map(|y| y.as_str()),
        party_style: captures
            .name("sep")
            .is_some_and(|s| s.as_str() == "-" || s.as_str() == "–"),
        code: captures.name("code")?.as_str(),
    })
}

/// [`NUMERIC_DATE`] at the start of `text`, else [`WORDED_DATE`].
pub(super) fn date(text: &str) -> Option<DateMatch<'_>> {
    let by_hand = Reader::new(text)
        .numeric_date()
        .and_then(|found| match found {
            Some(found) => Ok(Some(found)),
            None => Reader::new(text).worded_date(),
        });
    match by_hand {
        Ok(found) => found,
        Err(Unsure) => date_by_regex(text),
    }
}

fn date_by_regex(text: &str) -> Option<DateMatch<'_>> {
    let captures: Captures<'_> = NUMERIC_DATE
        .captures(text)
        .or_else(|| WORDED_DATE.captures(text))?;
    Some(DateMatch {
        len: captures.get(0)?.end(),
        day: captures.name("d").map(|d| d.as_str()),
        month: captures.name("m")?.as_str(),
        year: captures.name("y")?.as_str(),
    })
}

/// A character a reader cannot class: the regular expression decides.
#[derive(Debug, PartialEq, Eq)]
struct Unsure;

/// What a reader answers: a match, no match, or [`Unsure`].
type Answer<T> = Result<Option<T>, Unsure>;

/// Whether a character is in a class of the patterns, where the reader
/// can tell.
type Test = Result<bool, Unsure>;

/// A position in a text being read.
struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Self {
        Reader { text, at: 0 }
    }

    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    /// Passes over one character that `test` holds for; `Ok(false)`, and
    /// nothing read, if there is none.
    fn eat(&mut self, test: impl Fn(char) -> Test) -> Test {
        match self.peek() {
            Some(c) if test(c)? => {
                self.at += c.len_utf8();
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// Passes over the characters `test` holds for, and tells how many.
    fn eat_all(&mut self, test: impl Fn(char) -> Test) -> Result<usize, Unsure> {
        let mut count = 0;
        while self.eat(&test)? {
            count += 1;
        }
        Ok(count)
    }

    /// Passes over at most `max` characters `test` holds for; the text
    /// they span.
    fn eat_up_to(&mut self, max: usize, test: impl Fn(char) -> Test) -> Result<&'a str, Unsure> {
        let start = self.at;
        for _ in 0..max {
            if !self.eat(&test)? {
                break;
            }
        }
        Ok(&self.text[start..self.at])
    }

    /// Passes over `word`, in any case, as `(?i)` matches it.
    fn eat_word(&mut self, word: &str) -> Test {
        for letter in word.chars() {
            if !self.eat(|c| Ok(same_letter(c, letter)))? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Passes over `word` ([`Reader::eat_word`]) and the spaces after it,
    /// `word[\s*]+`.
    fn eat_word_and_space(&mut self, word: &str) -> Test {
        Ok(self.eat_word(word)? && self.eat_all(space_or_star)? > 0)
    }

    /// Passes over a year, `\d{4}`, and returns it.
    fn eat_year(&mut self) -> Answer<&'a str> {
        let year = self.eat_up_to(4, digit)?;
        Ok((year.len() == 4).then_some(year))
    }

    /// [`NUMBER`]; the alternatives and optional parts are tried in the
    /// expression's order, and where it would backtrack no other way can
    /// match (a digit never starts what follows `\d+`, and a year taken
    /// for the first slash leaves a digit where a code must start).
    fn number(mut self) -> Answer<NumberMatch<'a>> {
        let numbered = self.eat_all(digit)? > 0;
        let mut year = None;
        let mut party_style = false;
        if numbered {
            self.eat(|c| Ok(c.is_ascii_alphabetic()))?;
            let before_year = self.at;
            self.eat_all(space_or_tab)?;
            if self.eat(|c| Ok(c == '/'))? {
                self.eat_all(space_or_tab)?;
                let start = self.at;
                let century =
                    self.text[start..].starts_with("19") || self.text[start..].starts_with("20");
                if century {
                    self.at += 2;
                    if self.eat_up_to(2, digit)?.len() == 2 {
                        year = Some(&self.text[start..self.at]);
                    }
                }
            }
            if year.is_none() {
                self.at = before_year;
            }
            self.eat_all(space_or_tab)?;
            match self.peek() {
                Some('/') => {}
                Some('-' | '–') => party_style = true,
                _ => return Ok(None),
            }
            self.at += self.peek().map_or(0, char::len_utf8);
        } else if !self.eat(|c| Ok(c == '/'))? {
            return Ok(None);
        }
        self.eat_all(space_or_tab)?;
        let code_start = self.at;
        if !self.eat(upper)? {
            return Ok(None);
        }
        loop {
            self.eat_all(code_char)?;
            let before = self.at;
            if !(self.eat(|c| Ok(matches!(c, '-' | '–' | '/')))? && self.eat(letter)?) {
                self.at = before;
                break;
            }
        }
        Ok(Some(NumberMatch {
            raw: &self.text[..self.at],
            numbered,
            year,
            party_style,
            code: &self.text[code_start..self.at],
        }))
    }

    /// [`NUMERIC_DATE`]: every repetition is followed by what it cannot
    /// hold, so reading as much as it can is the match.
    fn numeric_date(mut self) -> Answer<DateMatch<'a>> {
        if !self.eat_word_and_space("ngày")? {
            return Ok(None);
        }
        let day = self.eat_up_to(2, digit)?;
        if day.is_empty() {
            return Ok(None);
        }
        let mut month = "";
        for part in 0..2 {
            self.eat_all(space_or_star)?;
            if !self.eat(|c| Ok(matches!(c, '/' | '.' | '-')))? {
                return Ok(None);
            }
            self.eat_all(space_or_star)?;
            if part == 0 {
                month = self.eat_up_to(2, digit)?;
                if month.is_empty() {
                    return Ok(None);
                }
            }
        }
        let Some(year) = self.eat_year()? else {
            return Ok(None);
        };
        Ok(Some(DateMatch {
            len: self.at,
            day: Some(day),
            month,
            year,
        }))
    }

    /// [`WORDED_DATE`], read as [`Reader::numeric_date`] is.
    fn worded_date(mut self) -> Answer<DateMatch<'a>> {
        if !self.eat_word_and_space("ngày")? {
            return Ok(None);
        }
        let day = self.eat_up_to(2, digit)?;
        self.eat_all(space_or_star)?;
        if !self.eat_word_and_space("tháng")? {
            return Ok(None);
        }
        let month = self.eat_up_to(2, digit)?;
        if month.is_empty() || self.eat_all(space_or_star)? == 0 {
            return Ok(None);
        }
        if !self.eat_word_and_space("năm")? {
            return Ok(None);
        }
        let Some(year) = self.eat_year()? else {
            return Ok(None);
        };
        Ok(Some(DateMatch {
            len: self.at,
            day: (!day.is_empty()).then_some(day),
            month,
            year,
        }))
    }
}

/// Whether `c` is `letter` or its capital, as `(?i)` compares them (the
/// letters of the patterns fold with their capital only).
fn same_letter(c: char, letter: char) -> bool {
    c == letter || letter.to_uppercase().eq([c])
}

/// `[ \t]`.
fn space_or_tab(c: char) -> Test {
    Ok(c == ' ' || c == '\t')
}

/// `[\s*]`: `\s` is Unicode's White_Space, as `char::is_whitespace`.
fn space_or_star(c: char) -> Test {
    Ok(c == '*' || c.is_whitespace())
}

/// Whether `c` lies in the Latin blocks the reader knows: Latin-1's
/// letters, Latin Extended-A and -B, Latin Extended Additional. Every
/// character there but "×" and "÷" is a letter, and none is a digit.
fn is_latin(c: char) -> bool {
    matches!(c, '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}')
}

/// `\d`, a decimal digit of any script: every one is `char::is_numeric`.
fn digit(c: char) -> Test {
    if c.is_ascii() || is_latin(c) || !c.is_numeric() {
        Ok(c.is_ascii_digit())
    } else {
        Err(Unsure)
    }
}

/// `\p{L}`: every letter is `char::is_alphabetic`.
fn letter(c: char) -> Test {
    if c.is_ascii() {
        Ok(c.is_ascii_alphabetic())
    } else if is_latin(c) {
        Ok(c != '×' && c != '÷')
    } else if c.is_alphabetic() {
        Err(Unsure)
    } else {
        Ok(false)
    }
}

/// `\p{Lu}`: every uppercase letter is `char::is_uppercase`; in the Latin
/// blocks they are the capitals.
fn upper(c: char) -> Test {
    if c.is_ascii() {
        Ok(c.is_ascii_uppercase())
    } else if is_latin(c) {
        Ok(is_capital(c))
    } else if c.is_uppercase() {
        Err(Unsure)
    } else {
        Ok(false)
    }
}

/// `[\p{L}\d&]`.
fn code_char(c: char) -> Test {
    Ok(c == '&' || letter(c)? || digit(c)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn patterns_compile() {
        let _ = (&*NUMBER, &*NUMERIC_DATE, &*WORDED_DATE);
    }

    #[test]
    fn numbers_are_read_as_the_pattern_reads_them() {
        for text in [
            "45/QĐ-UBND ngày",
            "45 /QĐ-UBND",
            "107/2020/NĐ-CP,",
            "1568-CV/TU",
            "12a – ĐT",
            "/KH-BTNMT",
            "/ KH",
            "30/6/2025",
            "2023 - 2025",
            "12/2020 /QĐ",
            "12/2020 ABC",
            "12/20/AB",
            "5/Ab-/c-d/&1",
            "7/QĐ-",
            "7/Q×",
            "7/Aβ",
            "7/Σ",
            "7/A-β",
            "٣/QĐ",
            "3٣/QĐ",
            "",
        ] {
            assert_eq!(number(text), number_by_regex(text), "{text:?}");
        }
        assert_eq!(Reader::new("7/Aβ").number(), Err(Unsure));
        assert!(Reader::new("45/QĐ-UBND").number().is_ok());
    }

    #[test]
    fn dates_are_read_as_the_patterns_read_them() {
        for text in [
            "ngày 21/12/2022",
            "Ngày 02-5-2024 của",
            "NGÀY 2 . 5 . 20241",
            "ngày 19 tháng 6 năm 2015",
            "ngày    tháng 8 năm 2024",
            "ngày *19* THÁNG 6 NĂM 2015",
            "ngày 123/4/2020",
            "ngày 1/2/202",
            "ngày19/6/2015",
            "ngày 19 tháng6 năm 2015",
            "ngày 19 tháng 6 năm2015",
            "ngày ٣/4/2020",
            "ngày 3/4/٢٠٢٠",
            "ngày",
        ] {
            assert_eq!(date(text), date_by_regex(text), "{text:?}");
        }
    }

    /// The classes the reader knows agree with the expression's on every
    /// character it answers for.
    #[test]
    fn classes_agree_with_unicode() {
        let classes = [
            (Regex::new(r"^\d$").unwrap(), digit as fn(char) -> Test),
            (Regex::new(r"^\p{L}$").unwrap(), letter),
            (Regex::new(r"^\p{Lu}$").unwrap(), upper),
            (Regex::new(r"^[\s*]$").unwrap(), space_or_star),
        ];
        let letters: Vec<(char, Regex)> = "ngàythámă"
            .chars()
            .map(|l| (l, Regex::new(&format!("(?i)^{l}$")).unwrap()))
            .collect();
        for c in ('\0'..='\u{FFFF}').chain(['\u{1D7CE}', '\u{1F600}', '\u{10400}']) {
            let mut buffer = [0; 4];
            let as_str = c.encode_utf8(&mut buffer);
            for (regex, test) in &classes {
                if let Ok(answer) = test(c) {
                    assert_eq!(answer, regex.is_match(as_str), "{c:?} {regex}");
                }
            }
            for (l, regex) in &letters {
                assert_eq!(same_letter(c, *l), regex.is_match(as_str), "{c:?} {l}");
            }
        }
    }

    fn number_like() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            proptest::sample::select(
                &[
                    "1", "12", "2020", "19", "20", "a", "/", "-", "–", " ", "\t", "QĐ", "NĐ", "CP",
                    "UBND", "&", "đ", "Ư", "×", "β", "Σ", "٣", ",", "x",
                ][..]
            )
            .prop_map(str::to_owned),
            "\\PC",
        ];
        proptest::collection::vec(piece, 0..10).prop_map(|parts| parts.concat())
    }

    fn date_like() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            proptest::sample::select(
                &[
                    "ngày", "NGÀY", "Ngày", "tháng", "THÁNG", "năm", "Năm", " ", "*", "\n", "/",
                    ".", "-", "1", "12", "2015", "20151", "٣", "\u{A0}",
                ][..]
            )
            .prop_map(str::to_owned),
            "\\PC",
        ];
        proptest::collection::vec(piece, 0..12).prop_map(|parts| parts.concat())
    }

    proptest! {
        #[test]
        fn numbers_agree_with_the_pattern(text in number_like()) {
            prop_assert_eq!(number(&text), number_by_regex(&text));
        }

        #[test]
        fn dates_agree_with_the_patterns(text in date_like()) {
            prop_assert_eq!(date(&text), date_by_regex(&text));
        }
    }
}
