//! Legal references (căn cứ, văn bản dẫn chiếu): every document a text
//! cites, with its kind, number, date, issuer and, for a law cited by name,
//! its title.
//!
//! | text | kind | number | date / year | issuer | title |
//! |---|---|---|---|---|---|
//! | `Quyết định số 1782/QĐ-UBND ngày 21/12/2022 của Chủ tịch UBND tỉnh` | quyet_dinh | 1782/QĐ-UBND | 2022-12-21 | Chủ tịch Ủy ban nhân dân tỉnh | |
//! | `Quyết định số 45 /QĐ-UBND ngày 10 tháng 01 năm 2023` | quyet_dinh | 45/QĐ-UBND (raw "45 /QĐ-UBND") | 2023-01-10 | | |
//! | `Công văn số 1568-CV/TU ngày 14/4/2023 của Ban Thường vụ Tỉnh ủy` | cong_van | 1568-CV/TU | 2023-04-14 | Ban Thường vụ Tỉnh ủy | |
//! | `Chỉ thị 19/CT-UBND năm 2018` | chi_thi | 19/CT-UBND | 2018 | | |
//! | `Nghị định 107/2020/NĐ-CP` | nghi_dinh | 107/2020/NĐ-CP | 2020 (from the number) | | |
//! | `Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015` | luat | | 2015-06-19 | | Luật Tổ chức chính quyền địa phương |
//! | `Luật Kế toán năm 2015` | luat | | 2015 | | Luật Kế toán |
//! | `các Nghị định của Chính phủ ngày 14/9/2020: Số 107/2020/NĐ-CP …; số 108/2020/NĐ-CP …` | nghi_dinh ×2 | 107/2020/NĐ-CP, 108/2020/NĐ-CP | 2020-09-14 | Chính phủ | |
//!
//! The grammar:
//!
//! ```text
//! reference := kind ('số' ':'?)? number tail
//!            | titled-kind title tail                ("Luật Việc làm")
//!            | ('số')? number tail                   (a number whose type code is known, or
//!                                                     one that continues a list or a shared context)
//! shared    := 'các' kind tail ':'                   (kind, date and issuer for the numbers that follow)
//! number    := digits ('/' year)? ('/' | '-') code | '/' code   (the second: a number left blank)
//! tail      := (date | 'năm' year | 'của' issuer)*
//! date      := 'ngày' d '/' m '/' y | 'ngày' d? 'tháng' m 'năm' y
//! ```
//!
//! Kinds, type codes and known law titles are data (`data/references.toml`);
//! issuers are read by the agency module and given their canonical name. An
//! issuer stated after the last of several documents of one series ("Nghị
//! định số 62/2020/NĐ-CP và Nghị định số 106/2020/NĐ-CP … của Chính phủ")
//! applies to each; a date does not, since it is each document's own.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::Date;
use serde::Deserialize;

use crate::Text;
use crate::agency::agency_from;
use crate::agency::lexicon::LEXICON;
use crate::agency::scan::{Mode, Scanner};
use crate::agency::token::{Class, Token};
use crate::agency::trie::Trie;

mod pattern;
mod prefilter;

use prefilter::TitleCues;

/// One document cited in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The citation as written.
    pub raw: String,
    /// The kind of document: "luat", "nghi_quyet", "nghi_dinh",
    /// "quyet_dinh", "chi_thi", "ke_hoach", "cong_van", "ket_luan",
    /// "thong_tu", "quy_che", "chuong_trinh", "thong_bao", "huong_dan",
    /// "cong_dien", "de_an" … (see `data/references.toml`).
    pub kind: &'static str,
    /// The number without spaces: "45/QĐ-UBND", "1568-CV/TU",
    /// "107/2020/NĐ-CP"; `None` when none is given or it is left blank.
    pub number: Option<String>,
    /// The number as written ("45 /QĐ-UBND"), or the code of a number left
    /// blank in a draft ("/KH-BTNMT").
    pub number_raw: Option<String>,
    /// The date of the document, when stated in full.
    pub date: Option<Date>,
    /// The year, when only a year is known: stated ("năm 2015"), or the
    /// year part of the number ("107/2020/NĐ-CP").
    pub year: Option<i16>,
    /// The canonical name of the issuer, when stated: "Chủ tịch Ủy ban
    /// nhân dân tỉnh", "Chính phủ", "Ban Thường vụ Tỉnh ủy".
    pub issuer: Option<String>,
    /// The title of a law cited by name: "Luật Tổ chức chính quyền địa
    /// phương".
    pub title: Option<String>,
    /// The byte range of `raw` in the input.
    pub span: Range<usize>,
}

/// Every legal document cited in `text`, in order of appearance.
///
/// ```
/// use kehoach_normalize::reference::find_references;
///
/// let refs = find_references("Thực hiện Quyết định số 1782/QĐ-UBND ngày 21/12/2022 của Chủ tịch UBND tỉnh");
/// assert_eq!(refs[0].kind, "quyet_dinh");
/// assert_eq!(refs[0].number.as_deref(), Some("1782/QĐ-UBND"));
/// assert_eq!(refs[0].issuer.as_deref(), Some("Chủ tịch Ủy ban nhân dân tỉnh"));
/// ```
pub fn find_references(text: &str) -> Vec<Reference> {
    Text::new(text).references()
}

/// Whether `text` may cite a document at all; `false` only when
/// [`find_references`] finds nothing in it.
pub(crate) fn may_cite(text: &str) -> bool {
    prefilter::may_cite(text, &REFERENCES.title_cues)
}

/// Every legal document cited in `text`, read from its tokens.
pub(crate) fn find_in_tokens(text: &str, tokens: &[Token<'_>]) -> Vec<Reference> {
    let finder = Finder {
        text,
        tokens,
        lex: &REFERENCES,
        scanner: Scanner::new(tokens, None),
    };
    let mut found = finder.find();
    distribute_issuers(text, &mut found)
}

/// The data of `data/references.toml`, parsed once.
static REFERENCES: LazyLock<ReferenceLexicon> = LazyLock::new(|| match ReferenceLexicon::load() {
    Ok(lexicon) => lexicon,
    // The data is compiled into the crate and checked by its tests.
    Err(error) => panic!("invalid embedded reference data: {error}"),
});

const REFERENCES_TOML: &str = include_str!("../data/references.toml");

#[derive(Debug)]
struct Kind {
    id: String,
    titled: bool,
}

/// Kinds, type codes and law titles.
#[derive(Debug, Default)]
struct ReferenceLexicon {
    kinds: Vec<Kind>,
    kind_trie: Trie<u32>,
    /// Type code in capitals → index into `kinds`.
    codes: HashMap<String, u32>,
    laws: Vec<String>,
    law_trie: Trie<u32>,
    amending: Trie<()>,
    title_stops: Trie<()>,
    /// What a reference by title may start with.
    title_cues: TitleCues,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReferencesFile {
    kind: Vec<KindRecord>,
    codes: HashMap<String, String>,
    words: WordLists,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KindRecord {
    id: String,
    words: Vec<String>,
    #[serde(default)]
    titled: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WordLists {
    laws: Vec<String>,
    amending: Vec<String>,
    title_stops: Vec<String>,
}

impl ReferenceLexicon {
    fn load() -> Result<ReferenceLexicon, String> {
        ReferenceLexicon::from_source(REFERENCES_TOML, false)
    }

    /// Builds the lexicon; with `strict`, a phrase listed twice is an error.
    fn from_source(source: &str, strict: bool) -> Result<ReferenceLexicon, String> {
        let file: ReferencesFile =
            toml::from_str(source).map_err(|e| format!("data/references.toml: {e}"))?;
        let mut lexicon = ReferenceLexicon::default();
        let mut titled = Vec::new();
        let duplicate = |what: &str, phrase: &str| {
            format!("data/references.toml: {what} '{phrase}' is listed twice")
        };
        for record in file.kind {
            let id = lexicon.kinds.len() as u32;
            for word in &record.words {
                let keys = LEXICON.keys_of(word);
                if lexicon
                    .kind_trie
                    .insert(keys.iter().map(String::as_str), id)
                    .is_some()
                    && strict
                {
                    return Err(duplicate("kind word", word));
                }
            }
            if record.titled {
                titled.push(record.words);
            }
            lexicon.kinds.push(Kind {
                id: record.id,
                titled: record.titled,
            });
        }
        lexicon.title_cues = TitleCues::new(&titled);
        for (code, kind) in file.codes {
            let id = lexicon
                .kinds
                .iter()
                .position(|k| k.id == kind)
                .ok_or_else(|| {
                    format!("data/references.toml: code '{code}' names unknown kind '{kind}'")
                })?;
            lexicon.codes.insert(code.to_uppercase(), id as u32);
        }
        for law in file.words.laws {
            let keys = LEXICON.keys_of(&law);
            let id = lexicon.laws.len() as u32;
            if lexicon
                .law_trie
                .insert(keys.iter().map(String::as_str), id)
                .is_some()
                && strict
            {
                return Err(duplicate("law", &law));
            }
            lexicon.laws.push(law);
        }
        for (list, trie) in [
            (file.words.amending, &mut lexicon.amending),
            (file.words.title_stops, &mut lexicon.title_stops),
        ] {
            for phrase in list {
                let keys = LEXICON.keys_of(&phrase);
                if trie.insert(keys.iter().map(String::as_str), ()).is_some() && strict {
                    return Err(duplicate("phrase", &phrase));
                }
            }
        }
        Ok(lexicon)
    }
}

/// A number read from the text.
struct Number {
    /// Normalized, or `None` for a blank number.
    number: Option<String>,
    raw: String,
    year: Option<i16>,
    /// The kind the type code names, if it names one.
    kind: Option<u32>,
    /// The code after the type ("UBND" in "45/QĐ-UBND", "TU" in
    /// "1568-CV/TU"): documents of one series share it.
    series: String,
    /// The token after the number.
    next: usize,
}

/// What follows a number or title: date, year, issuer.
#[derive(Default)]
struct Tail {
    date: Option<Date>,
    year: Option<i16>,
    issuer: Option<String>,
    /// The token after the tail.
    next: usize,
}

/// Kind, date and issuer stated once for a list of numbers ("các Nghị định
/// của Chính phủ ngày 14/9/2020: Số 107/2020/NĐ-CP …; số 108/2020/NĐ-CP").
struct Shared {
    kind: u32,
    date: Option<Date>,
    year: Option<i16>,
    issuer: Option<String>,
}

/// A reference being built, with the series of its number.
struct Found {
    reference: Reference,
    series: String,
}

struct Finder<'t, 'a> {
    text: &'a str,
    tokens: &'t [Token<'a>],
    lex: &'static ReferenceLexicon,
    scanner: Scanner<'t, 'a>,
}

impl Finder<'_, '_> {
    fn find(&self) -> Vec<Found> {
        let mut found: Vec<Found> = Vec::new();
        let mut shared: Option<Shared> = None;
        let mut i = 0;
        while i < self.tokens.len() {
            let token = &self.tokens[i];
            if token.is_punct(".") && self.sentence_ends(i) {
                shared = None;
            }
            if let Some((len, &kind)) = self.lex.kind_trie.at(self.tokens, i) {
                if let Some((reference, next)) = self.kind_reference(i, len, kind) {
                    found.push(reference);
                    i = next;
                    continue;
                }
                if let Some((context, next)) = self.shared_context(i, len, kind) {
                    shared = Some(context);
                    i = next;
                    continue;
                }
            }
            let starts_number = token.class == Class::Number
                || (token.key == "số"
                    && self
                        .tokens
                        .get(i + 1)
                        .is_some_and(|t| t.class == Class::Number || t.is_punct("/")));
            if starts_number
                && let Some((reference, next)) = self.bare_reference(i, &found, shared.as_ref())
            {
                found.push(reference);
                i = next;
                continue;
            }
            i += 1;
        }
        found
    }

    /// A full stop that ends a sentence, not one inside a number.
    fn sentence_ends(&self, i: usize) -> bool {
        self.tokens.get(i + 1).is_none_or(|next| next.space_before)
    }

    /// A reference that starts with a kind word at `i`.
    fn kind_reference(&self, i: usize, len: usize, kind: u32) -> Option<(Found, usize)> {
        let mut k = i + len;
        if self.tokens.get(k).is_some_and(|t| t.key == "số") {
            k += 1;
            if self.tokens.get(k).is_some_and(|t| t.is_punct(":")) {
                k += 1;
            }
        }
        if let Some(number) = self.number(k) {
            let mut tail = self.tail(number.next);
            if tail.issuer.is_none()
                && let Some((issuer, date)) = self.issuer_before(i)
            {
                tail.issuer = Some(issuer);
                if tail.date.is_none() && tail.year.is_none() {
                    tail.date = date;
                }
            }
            let found = self.build(i, kind, Some(number), None, tail);
            let next = found_next(self.tokens, &found);
            return Some((found, next));
        }
        if !self.lex.kinds[kind as usize].titled || !self.tokens[i].is_capitalized() {
            return None;
        }
        let (title, after_title) = self.title(i, len)?;
        let mut tail = self.tail(after_title);
        if tail.next == after_title {
            // A law cited as "Luật … 2015" or "Luật … (2013)": a bare year.
            if let Some(year) = self.tokens.get(after_title).and_then(|t| year_of(t)) {
                tail.year = Some(year);
                tail.next = after_title + 1;
            } else if self
                .tokens
                .get(after_title)
                .is_some_and(|t| t.is_punct("("))
                && self
                    .tokens
                    .get(after_title + 2)
                    .is_some_and(|t| t.is_punct(")"))
                && let Some(year) = self.tokens.get(after_title + 1).and_then(|t| year_of(t))
            {
                tail.year = Some(year);
                tail.next = after_title + 3;
            }
        }
        let mut number = None;
        if self.tokens.get(tail.next).is_some_and(|t| t.key == "số") {
            number = self.number(tail.next + 1);
            if let Some(n) = &number {
                tail = Tail {
                    next: n.next,
                    ..tail
                };
            }
        }
        let found = self.build(i, kind, number, Some(title), tail);
        let next = found_next(self.tokens, &found);
        Some((found, next))
    }

    /// "các Nghị định của Chính phủ ngày 14/9/2020:" — returns the shared
    /// kind, date and issuer and the token after the colon.
    fn shared_context(&self, i: usize, len: usize, kind: u32) -> Option<(Shared, usize)> {
        let plural = i > 0 && LEXICON.plural.len_at(self.tokens, i - 1).is_some();
        if !plural {
            return None;
        }
        let tail = self.tail(i + len);
        if !self.tokens.get(tail.next).is_some_and(|t| t.is_punct(":")) {
            return None;
        }
        Some((
            Shared {
                kind,
                date: tail.date,
                year: tail.year,
                issuer: tail.issuer,
            },
            tail.next + 1,
        ))
    }

    /// A number without a kind word: its kind comes from its type code, the
    /// shared context, or the reference it follows in a list.
    fn bare_reference(
        &self,
        i: usize,
        found: &[Found],
        shared: Option<&Shared>,
    ) -> Option<(Found, usize)> {
        let with_so = self.tokens[i].key == "số";
        if !with_so && i >= 2 && self.tokens[i - 1].is_punct(":") && self.tokens[i - 2].key == "số"
        {
            // "Số: 45/QĐ-UBND" heads a document: its own number, not a
            // citation.
            return None;
        }
        let number = self.number(if with_so { i + 1 } else { i })?;
        let previous = found.last().filter(|f| {
            only_separators(self.text, f.reference.span.end, self.tokens[i].span.start)
        });
        let kind = shared
            .map(|s| s.kind)
            .or(number.kind)
            .or_else(|| previous.and_then(|f| self.kind_index(f.reference.kind)))?;
        let mut tail = self.tail(number.next);
        if let Some(shared) = shared {
            tail.date = tail.date.or(shared.date);
            tail.year = tail.year.or(shared.year);
            tail.issuer = tail.issuer.or_else(|| shared.issuer.clone());
        }
        let found = self.build(i, kind, Some(number), None, tail);
        let next = found_next(self.tokens, &found);
        Some((found, next))
    }

    fn kind_index(&self, id: &str) -> Option<u32> {
        self.lex
            .kinds
            .iter()
            .position(|k| k.id == id)
            .map(|p| p as u32)
    }

    /// Reads a number at token `k`.
    fn number(&self, k: usize) -> Option<Number> {
        let token = self.tokens.get(k)?;
        if token.class != Class::Number && !token.is_punct("/") {
            return None;
        }
        let start = token.span.start;
        let found = pattern::number(self.text.get(start..)?)?;
        let end = start + found.raw.len();
        let raw = found.raw.to_owned();
        let code = found.code;
        let party_style = found.party_style;
        // "1568-CV/TU": the type comes before the slash; "45/QĐ-UBND": the
        // type comes before the hyphen.
        let (type_code, series) = if party_style {
            code.split_once('/').unwrap_or((code, ""))
        } else {
            code.split_once(['-', '–']).unwrap_or((code, ""))
        };
        let kind = self.lex.codes.get(&type_code.to_uppercase()).copied();
        let series = if kind.is_some() { series } else { code };
        let number = found.numbered.then(|| {
            raw.chars()
                .filter(|c| !c.is_whitespace())
                .map(|c| if c == '–' { '-' } else { c })
                .collect()
        });
        let number_raw = if number.is_some() {
            raw
        } else {
            raw.trim().to_owned()
        };
        let year = found.year.and_then(|y| y.parse().ok());
        Some(Number {
            number,
            raw: number_raw,
            year,
            kind,
            series: series.to_uppercase(),
            next: token_after(self.tokens, end, k),
        })
    }

    /// Reads a date, a year and an issuer after token `k`, in any order.
    fn tail(&self, mut k: usize) -> Tail {
        let mut tail = Tail::default();
        let mut progressed = true;
        while progressed {
            progressed = false;
            let Some(token) = self.tokens.get(k) else {
                break;
            };
            if token.key == "ngày" && tail.date.is_none() && tail.year.is_none() {
                if let Some((date, year, end)) = self.date(k) {
                    tail.date = date;
                    tail.year = year;
                    k = token_after(self.tokens, end, k);
                    progressed = true;
                }
            } else if token.key == "năm" && tail.date.is_none() && tail.year.is_none() {
                if let Some(year) = self.tokens.get(k + 1).and_then(year_of) {
                    tail.year = Some(year);
                    k += 2;
                    progressed = true;
                }
            } else if token.key == "của"
                && tail.issuer.is_none()
                && let Some((issuer, next)) = self.issuer(k + 1)
            {
                tail.issuer = Some(issuer);
                k = next;
                progressed = true;
            }
        }
        tail.next = k;
        tail
    }

    /// A date at token `k` ("ngày …"): the date, or only its year when the
    /// day is blank, and the byte where it ends.
    fn date(&self, k: usize) -> Option<(Option<Date>, Option<i16>, usize)> {
        let start = self.tokens[k].span.start;
        let rest = self.text.get(start..)?;
        let found = pattern::date(rest)?;
        let end = start + found.len;
        let year: i16 = found.year.parse().ok()?;
        let month: i8 = found.month.parse().ok()?;
        let date = found
            .day
            .and_then(|d| d.parse::<i8>().ok())
            .and_then(|day| Date::new(year, month, day).ok());
        match date {
            Some(date) => Some((Some(date), None, end)),
            None => Some((None, Some(year), end)),
        }
    }

    /// The issuer named at token `k` (after "của") and the token after it.
    fn issuer(&self, k: usize) -> Option<(String, usize)> {
        let token = self.tokens.get(k)?;
        if token.key == "hội"
            && self.tokens.get(k + 1).is_some_and(|t| t.key == "nghị")
            && token.is_capitalized()
        {
            return self.conference(k);
        }
        let mention = self.scanner.mention(k, Mode::Strict)?;
        if mention.group {
            return None;
        }
        let agency = agency_from(self.text, self.tokens, &mention);
        Some((agency.name, mention.tokens.end))
    }

    /// An issuer named before the kind word at `i`: "Chính phủ ban hành
    /// Nghị định số …", "Bộ trưởng Bộ … đã ban hành Thông tư số …" (with the
    /// date that may open the clause: "Ngày 09 tháng 6 năm 2025, Chính phủ
    /// ban hành …"), or "đề nghị của Bộ Kế hoạch và Đầu tư tại Công văn số …".
    fn issuer_before(&self, i: usize) -> Option<(String, Option<Date>)> {
        let key = |p: usize| self.tokens.get(p).map(|t| &*t.key);
        let (agency_end, needs_cua) =
            if i >= 2 && key(i - 2) == Some("ban") && key(i - 1) == Some("hành") {
                (
                    if i >= 3 && key(i - 3) == Some("đã") {
                        i - 3
                    } else {
                        i - 2
                    },
                    false,
                )
            } else if i >= 1 && key(i - 1) == Some("tại") {
                (i - 1, true)
            } else {
                return None;
            };
        // The longest mention that ends where the verb begins.
        let mention = (agency_end.saturating_sub(16)..agency_end)
            .filter_map(|p| self.scanner.mention(p, Mode::Strict))
            .find(|m| m.tokens.end == agency_end && !m.group)?;
        let start = mention.tokens.start;
        if needs_cua && (start == 0 || key(start - 1) != Some("của")) {
            return None;
        }
        let issuer = agency_from(self.text, self.tokens, &mention).name;
        let date = (start.saturating_sub(12)..start)
            .filter(|&p| key(p) == Some("ngày"))
            .find_map(|p| {
                let (date, _, end) = self.date(p)?;
                let next = token_after(self.tokens, end, p);
                let next = if self.tokens.get(next).is_some_and(|t| t.is_punct(",")) {
                    next + 1
                } else {
                    next
                };
                (next == start).then_some(date).flatten()
            });
        Some((issuer, date))
    }

    /// A party conference as issuer ("Hội nghị lần thứ sáu Ban Chấp hành
    /// Trung ương Đảng khóa XII", "Hội nghị Tỉnh ủy lần thứ 10 (Khóa XX)"):
    /// kept as written, up to "về", a punctuation mark or the term ("khóa
    /// XII") that closes it.
    fn conference(&self, k: usize) -> Option<(String, usize)> {
        let mut end = k + 2;
        while let Some(token) = self.tokens.get(end) {
            if token.is_punct("(") {
                end = self.scanner.skip_parenthetical(end);
                break;
            }
            if token.class == Class::Punct
                || token.key == "về"
                || self.scanner.end_verb_len(end).is_some()
            {
                break;
            }
            end += 1;
            if token.key == "khóa"
                && self
                    .tokens
                    .get(end)
                    .is_some_and(|t| t.class != Class::Punct)
            {
                end += 1;
                if self.tokens.get(end).is_some_and(|t| t.is_punct(")")) {
                    end += 1;
                }
                break;
            }
        }
        let text = self
            .text
            .get(self.tokens[k].span.start..self.tokens[end - 1].span.end)?;
        Some((collapse(text), end))
    }

    /// The title of a law cited by name at the kind word `i`; returns the
    /// title and the token after it.
    fn title(&self, i: usize, kind_len: usize) -> Option<(String, usize)> {
        let after_kind = i + kind_len;
        if let Some(len) = self.lex.amending.len_at(self.tokens, after_kind) {
            // "Luật sửa đổi, bổ sung một số điều của Luật A và Luật B".
            let mut k = after_kind + len;
            let mut amended = false;
            while let Some((kind_len, &kind)) = self.lex.kind_trie.at(self.tokens, k) {
                if !self.lex.kinds[kind as usize].titled {
                    break;
                }
                let Some((_, next)) = self.title(k, kind_len) else {
                    break;
                };
                amended = true;
                k = next;
                let joined = self
                    .tokens
                    .get(k)
                    .is_some_and(|t| t.key == "và" || t.is_punct(","))
                    && self.lex.kind_trie.len_at(self.tokens, k + 1).is_some();
                if !joined {
                    break;
                }
                k += 1;
            }
            if amended {
                let text = self
                    .text
                    .get(self.tokens[i].span.start..self.tokens[k - 1].span.end)?;
                return Some((collapse(text), k));
            }
        }
        let (mut title, mut end) = match self.lex.law_trie.at(self.tokens, i) {
            Some((len, &law)) => (self.lex.laws[law as usize].clone(), i + len),
            None => {
                let end = self.unknown_title_end(after_kind);
                if end == after_kind {
                    return None;
                }
                let text = self
                    .text
                    .get(self.tokens[i].span.start..self.tokens[end - 1].span.end)?;
                (collapse(text), end)
            }
        };
        // "Luật Khoáng sản (sửa đổi)": a bill is cited with this mark.
        if self.tokens.get(end).is_some_and(|t| t.is_punct("("))
            && self.tokens.get(end + 1).is_some_and(|t| t.key == "sửa")
            && self.tokens.get(end + 2).is_some_and(|t| t.key == "đổi")
            && self.tokens.get(end + 3).is_some_and(|t| t.is_punct(")"))
        {
            title.push_str(" (sửa đổi)");
            end += 4;
        }
        Some((title, end))
    }

    /// The end of an unknown title that starts at `k`: it must start with a
    /// capital and stops before a word that cannot belong to a title.
    fn unknown_title_end(&self, k: usize) -> usize {
        if !self
            .tokens
            .get(k)
            .is_some_and(|t| t.class == Class::Word && t.is_capitalized())
        {
            return k;
        }
        let mut end = k;
        while let Some(token) = self.tokens.get(end) {
            let stop = token.class == Class::Punct && !token.is_punct("-")
                || token.class == Class::Number
                || self.lex.title_stops.len_at(self.tokens, end).is_some()
                || self.lex.kind_trie.len_at(self.tokens, end).is_some() && end > k
                || (!token.is_capitalized() && self.scanner.end_verb_len(end).is_some());
            if stop || end - k >= 12 {
                break;
            }
            end += 1;
        }
        end
    }

    fn build(
        &self,
        start: usize,
        kind: u32,
        number: Option<Number>,
        title: Option<String>,
        tail: Tail,
    ) -> Found {
        let end_token = tail.next.max(start + 1).min(self.tokens.len());
        let span = self.tokens[start].span.start..self.tokens[end_token - 1].span.end;
        let (number, number_raw, number_year, series) = match number {
            Some(n) => (n.number, Some(n.raw), n.year, n.series),
            None => (None, None, None, String::new()),
        };
        let year = if tail.date.is_some() {
            None
        } else {
            tail.year.or(number_year)
        };
        Found {
            reference: Reference {
                raw: self.text.get(span.clone()).unwrap_or_default().to_owned(),
                kind: self.lex.kinds[kind as usize].id.as_str(),
                number,
                number_raw,
                date: tail.date,
                year,
                issuer: tail.issuer,
                title,
                span,
            },
            series,
        }
    }
}

/// The token index after a found reference.
fn found_next(tokens: &[Token<'_>], found: &Found) -> usize {
    token_after(tokens, found.reference.span.end, 0)
}

/// The first token that starts at or after byte `end`, searching from `from`.
fn token_after(tokens: &[Token<'_>], end: usize, from: usize) -> usize {
    let from = from.min(tokens.len());
    from + tokens[from..].partition_point(|t| t.span.start < end)
}

/// A four-digit year token.
fn year_of(token: &Token<'_>) -> Option<i16> {
    if token.class != Class::Number || token.text.len() != 4 {
        return None;
    }
    token
        .text
        .parse()
        .ok()
        .filter(|year| (1900..2200).contains(year))
}

/// Whether only commas, semicolons, "và" and spaces lie between two byte
/// offsets: the second reference continues the first's list.
fn only_separators(text: &str, from: usize, to: usize) -> bool {
    let Some(between) = text.get(from..to.max(from)) else {
        return false;
    };
    between
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .all(|word| word.is_empty() || word == "và")
}

/// Collapses runs of whitespace to one space, in NFC.
fn collapse(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let collapsed = collapsed.replace(['*', '_'], "");
    kehoach_text::capitalize(&kehoach_text::nfc(&collapsed))
}

/// Gives an issuer stated after the last document of a series to the
/// documents listed before it ("Nghị định số 62/2020/NĐ-CP và Nghị định số
/// 106/2020/NĐ-CP … của Chính phủ").
fn distribute_issuers(text: &str, found: &mut Vec<Found>) -> Vec<Reference> {
    for index in (0..found.len().saturating_sub(1)).rev() {
        let (left, right) = found.split_at_mut(index + 1);
        let (earlier, later) = (&mut left[index], &right[0]);
        let same_series = !earlier.series.is_empty()
            && earlier.series == later.series
            && earlier.reference.kind == later.reference.kind;
        if earlier.reference.issuer.is_none()
            && same_series
            && only_separators(text, earlier.reference.span.end, later.reference.span.start)
        {
            earlier.reference.issuer = later.reference.issuer.clone();
        }
    }
    std::mem::take(found)
        .into_iter()
        .map(|f| f.reference)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agency::token::tokenize_expanded;
    use proptest::prelude::*;

    #[test]
    fn embedded_data_loads_without_duplicates() {
        if let Err(error) = ReferenceLexicon::from_source(REFERENCES_TOML, true) {
            panic!("{error}");
        }
    }

    #[test]
    fn embedded_data_is_nfc() {
        for (index, line) in REFERENCES_TOML.lines().enumerate() {
            assert_eq!(
                kehoach_text::nfc(line),
                line,
                "data/references.toml:{} is not NFC",
                index + 1
            );
        }
    }

    fn citation_like() -> impl Strategy<Value = String> {
        const PIECES: [&str; 59] = [
            "Nghị định",
            "số",
            "45",
            "/",
            "QĐ-UBND",
            "ngày",
            "21/12/2022",
            "tháng",
            "năm",
            "2015",
            "của",
            "Chính phủ",
            "Luật",
            "LUẬT",
            "luật",
            "Lụât",
            "Bộ luật",
            "Hiến pháp",
            "Pháp lệnh",
            "Tổ chức",
            "các",
            ":",
            ";",
            ",",
            "và",
            "Kế hoạch",
            "QPPL",
            "VBQPPL",
            "khóa",
            "(",
            ")",
            "ban hành",
            "tại",
            "sửa đổi, bổ sung một số điều của",
            "107/2020/NĐ-CP",
            "1568-CV/TU",
            "12a",
            "-",
            "–",
            "Đ",
            "2020",
            "12 /",
            "Bộ",
            "BỘ",
            "Bo",
            "luật",
            "Hiến",
            "pháp",
            "PHÁP",
            "lệnh",
            "LỆNH",
            "Giải",
            "BCHQS",
            "\u{301}",
            "*",
            "_",
            "\n",
            "\u{200B}",
            "Đất đai",
        ];
        let piece = prop_oneof![
            proptest::sample::select(&PIECES[..]).prop_map(str::to_owned),
            "\\PC{1,3}",
        ];
        proptest::collection::vec((piece, prop_oneof![Just(""), Just(" "), Just("\t")]), 0..16)
            .prop_map(|parts| parts.into_iter().map(|(p, s)| format!("{p}{s}")).collect())
    }

    proptest! {
        #[test]
        fn the_prefilter_passes_every_text_that_cites(text in citation_like()) {
            if !prefilter::may_cite(&text, &REFERENCES.title_cues) {
                let tokens = tokenize_expanded(&text, &LEXICON);
                prop_assert_eq!(find_in_tokens(&text, &tokens), Vec::new());
            }
        }
    }
}
