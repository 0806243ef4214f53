//! Deadline phrases (thời gian) to dates.
//!
//! [`parse_deadline`] reads a whole deadline phrase: the value of a "Thời
//! gian thực hiện:" field or a cell of a table's deadline column.
//! [`find_deadline`] finds the deadline stated inside a task sentence. Both
//! take the plan's year (and, for a plan that runs for years, the last year
//! of its horizon) in a [`DeadlineContext`]; neither fails nor panics.
//! Here are phrases from real plans and what they give, in a plan for 2023
//! (the second column is the notation [`Deadline`]'s `Display` writes,
//! explained below):
//!
//! ```
//! use kehoach_normalize::deadline::{DeadlineContext, parse_deadline};
//!
//! let examples = [
//!     ("Quý III/2023.", "period 2023-07-01..2023-09-30"),
//!     ("Quí IV-2023", "period 2023-10-01..2023-12-31"),
//!     ("Quý III - IV năm 2023", "period 2023-07-01..2023-12-31"),
//!     ("Quý III, IV/2023", "period 2023-07-01..2023-12-31"),
//!     ("Tháng 01/2023", "period 2023-01-01..2023-01-31"),
//!     ("6/2023", "period 2023-06-01..2023-06-30"),
//!     ("Tháng 11 - 12/2023", "period 2023-11-01..2023-12-31"),
//!     ("6 tháng đầu năm", "period 2023-01-01..2023-06-30"),
//!     ("Trong năm 2023", "period 2023-01-01..2023-12-31"),
//!     ("giai đoạn 2021 - 2025", "period 2021-01-01..2025-12-31"),
//!     ("Từ Quý II đến cuối năm 2023", "period 2023-04-01..2023-12-31"),
//!     ("Năm 2025 và các năm tiếp theo", "period 2025-01-01.."),
//!     ("ngày 12/5/2023", "date ..2023-05-12"),
//!     ("Trước ngày 30/11/2023.", "date ..2023-11-30"),
//!     ("trước ngày 31/10", "date ..2023-10-31"),
//!     ("chậm nhất ngày 15 tháng 12 năm 2023", "date ..2023-12-15"),
//!     ("Trước năm 2025", "date ..2024-12-31"),
//!     ("Định kỳ hàng tháng trong năm.", "recurring monthly 2023-01-01..2023-12-31"),
//!     ("6 tháng một lần", "recurring semiannual 2023-01-01..2023-12-31"),
//!     ("định kỳ hai năm một lần", "recurring biennial 2023-01-01..2023-12-31"),
//!     (
//!         "trước ngày 30 tháng 6 hằng năm",
//!         "recurring annual(day=30,month=6) 2023-01-01..2023-12-31",
//!     ),
//!     ("Năm 2022 và hàng năm", "recurring annual 2022-01-01.."),
//!     ("Thường xuyên trong năm.", "ongoing 2023-01-01..2023-12-31"),
//!     (
//!         "Định kỳ hàng quý, 6 tháng, hàng năm hoặc đột xuất",
//!         "multiple[recurring quarterly 2023-01-01..2023-12-31 \
//!          | recurring semiannual 2023-01-01..2023-12-31 \
//!          | recurring annual 2023-01-01..2023-12-31 | conditional \"đột xuất\"]",
//!     ),
//!     ("Theo quy định", "conditional \"theo quy định\""),
//!     (
//!         "Sau khi có hướng dẫn của các bộ ngành",
//!         "conditional \"sau khi có hướng dẫn của các bộ ngành\"",
//!     ),
//!     (
//!         "Từ tháng 11/2023 đến khi kết thúc Tổng kiểm kê.",
//!         "conditional 2023-11-01.. \"đến khi kết thúc Tổng kiểm kê\"",
//!     ),
//!     (
//!         "24-48 giờ sau khi nước rút",
//!         "conditional offset(24-48 hour) \"sau khi nước rút\"",
//!     ),
//!     (
//!         "Ban hành kế hoạch trong Quý I, tổ chức thực hiện trong năm 2023.",
//!         "multiple[period 2023-01-01..2023-03-31 | period 2023-01-01..2023-12-31]",
//!     ),
//!     ("Năm 2025; Năm 2030", "multiple[period 2025-01-01..2025-12-31 | period 2030-01-01..2030-12-31]"),
//!     ("Quý V/2023", "unknown leftover \"Quý V/2023\""),
//! ];
//! let context = DeadlineContext { plan_year: Some(2023), plan_end_year: None };
//! for (phrase, expected) in examples {
//!     assert_eq!(parse_deadline(phrase, &context).to_string(), expected, "{phrase:?}");
//! }
//! ```
//!
//! Inside a sentence only a phrase introduced as a deadline counts, and
//! `raw` is that phrase:
//!
//! ```
//! use kehoach_normalize::deadline::{DeadlineContext, find_deadline};
//!
//! let context = DeadlineContext { plan_year: Some(2024), plan_end_year: None };
//! let sentence = "4. Bộ Công Thương chủ trì, … đề xuất quy định quản lý (nếu có) và báo \
//!                 cáo Thủ tướng Chính phủ trước ngày 30 tháng 9 năm 2024.";
//! let deadline = find_deadline(sentence, &context).expect("a deadline");
//! assert_eq!(deadline.to_string(), "date ..2024-09-30");
//! assert_eq!(deadline.raw, "trước ngày 30 tháng 9 năm 2024");
//!
//! let cited = "Sửa đổi Nghị định số 06/2022/NĐ-CP ngày 07 tháng 01 năm 2022 của Chính phủ.";
//! assert_eq!(find_deadline(cited, &context), None);
//!
//! // Several deadlines: the raw runs from the first to the last, each part
//! // quotes its own words.
//! let sentence = "- Định kỳ hằng quý, 6 tháng, một năm các sở báo cáo kết quả thực hiện.";
//! let deadline = find_deadline(sentence, &context).expect("a deadline");
//! assert_eq!(deadline.raw, "Định kỳ hằng quý, 6 tháng, một năm");
//! let raws: Vec<&str> = deadline.parts.iter().map(|part| part.raw.as_str()).collect();
//! assert_eq!(raws, ["Định kỳ hằng quý", "6 tháng", "một năm"]);
//! ```
//!
//! A programme that runs for years ("Chương trình … giai đoạn 2025 - 2035")
//! says "hằng năm" once for every year of it: given the last year of the
//! horizon, a recurring or ongoing phrase that names no period of its own
//! runs over the whole horizon, and everything else reads as before:
//!
//! ```
//! use kehoach_normalize::deadline::{DeadlineContext, parse_deadline};
//!
//! let context = DeadlineContext { plan_year: Some(2025), plan_end_year: Some(2035) };
//! let examples = [
//!     ("Hằng năm", "recurring annual 2025-01-01..2035-12-31"),
//!     ("Thường xuyên", "ongoing 2025-01-01..2035-12-31"),
//!     (
//!         "trước ngày 30 tháng 6 hằng năm",
//!         "recurring annual(day=30,month=6) 2025-01-01..2035-12-31",
//!     ),
//!     ("Hằng năm trong giai đoạn 2025 - 2030", "recurring annual 2025-01-01..2030-12-31"),
//!     ("Thường xuyên trong năm", "ongoing 2025-01-01..2025-12-31"),
//!     ("Quý I", "period 2025-01-01..2025-03-31"),
//! ];
//! for (phrase, expected) in examples {
//!     assert_eq!(parse_deadline(phrase, &context).to_string(), expected, "{phrase:?}");
//! }
//! ```
//!
//! # Notation
//!
//! `Display` writes a deadline on one line, the form the test tables
//! (`tests/data/deadlines.tsv`) use:
//!
//! ```text
//! KIND [FREQUENCY[(day=D,month=M)]] [START..END] [offset(MIN[-MAX] UNIT)] ["condition"] [leftover "text"]
//! multiple[PART | PART …]
//! ```
//!
//! `START..END` are ISO dates with either side empty when null (`..2023-11-30`
//! is a deadline day, `2025-01-01..` runs on) and the pair left out when both
//! are null. A multiple lists its parts; its own dates are the earliest start
//! and the latest end (null when a part runs on).
//!
//! # Grammar
//!
//! The phrase is put in NFC, lowercased and cut into tokens; words are
//! looked up in `data/deadline_words.tsv`, which gives each spelling a role
//! (a maintainer adds a spelling there, not here). Multi-word spellings are
//! one token. The grammar, over those roles:
//!
//! ```text
//! phrase     = clause { (";" | ".") clause }
//! clause     = { piece | description | noise | "," }
//! piece      = time | recurrences | "thường xuyên" [ad-hoc] | condition | offset condition
//!            | onward | ad-hoc
//!
//! time       = [modifier] ["giai đoạn"] item [range | list]
//! modifier   = "trong" | "vào" | "trước" | "chậm nhất [là]" | "đến hết" | "đến"
//!            | "từ" | "ngay từ" | "kể từ"
//! range      = ("-" | "đến") (item | elided)
//! list       = ("," | "và") (item | elided) { ("," | "và") (item | elided) }   at most 4 items
//! item       = day | month | quarter | half | year
//! day        = "ngày" D [sep M [sep YYYY]] | "ngày" D "tháng" M [year-tail]
//!            | D "/" M ["/" YYYY]                                sep = "/" | "-" | "."
//! month      = "tháng" (M | ROMAN) [year-tail] | M "/" YYYY
//! quarter    = ("quý" | "quí") (I..IV | 1..4) [year-tail]
//!            | ("qi" … "qiv") [year-tail] | "Q" 1..4 [year-tail]
//! half       = ("6" | "sáu") "tháng" ("đầu" | "cuối") "năm" [YYYY]
//!            | "nửa" ("đầu" | "cuối") "năm" [YYYY]
//!            | ("đầu" | "cuối") "năm" [YYYY]                     the first / last quarter
//! year       = "năm" YYYY | YYYY                                 YYYY is 1900–2199
//! year-tail  = ("/" | "-" | "năm" | ", năm") YYYY
//! elided     = the number of the item before it, its word left out:
//!              "Quý III - IV", "Tháng 11 - 12/2025", "Quý III, IV/2026", "01/6 và 15/11"
//!
//! recurrences = recurrence { ("," | "và" | "hoặc") (frequency | N unit | unit) } [ad-hoc]
//!              after a recurrence with a frequency: "hàng quý, 6 tháng, năm", "hằng quý,
//!              6 tháng, một năm", "hàng tháng, quý, năm"; a bare unit second in the list only
//!              before ",", "và", "hoặc", ")", a trigger, "đột xuất", "trong", "vào", "từ",
//!              "kể từ" or the clause end; a later one unless a number, "đầu", "cuối",
//!              "trước" or "sau" follows it ("hằng năm, năm 2025" is no list)
//! recurrence = "định kỳ" [frequency | N unit] | frequency
//! frequency  = ("hàng" | "hằng" | "mỗi") unit | N unit ("một lần" | "1 lần" | "/lần" | "lần")
//! unit       = "ngày" | "tuần" | "tháng" | "quý" | "năm"        N unit must name a frequency
//! ad-hoc     = [{"," | "và" | "hoặc" | "("}] "đột xuất" [condition]
//!              after a recurrence or "thường xuyên"; in a phrase also where a deadline can start
//! condition  = trigger { any token }        to the clause end, to a closing bracket it did not
//!                                           open, or to a comma that a new piece follows
//! trigger    = "sau khi" | "khi" | "theo" | "trước khi" | "kể từ khi" | "căn cứ" | …
//!            | "ngay khi" | "ngay sau khi" | "đến khi" (ends a range)
//! offset     = N ["-" N] ("giờ" | "ngày" | "tuần" | "tháng" | "năm")   right before a trigger
//! onward     = ["và"] ("các" | "những") "năm" ("tiếp theo" | "sau") | "trở đi"
//! noise      = "thực hiện" | "hoàn thành" | "thời gian" | "nhiệm vụ" | "ban hành kế hoạch" | …
//! ```
//!
//! A time counts only where a deadline can start: at the start of a clause,
//! after a comma, a noise word, a modifier or another piece. Elsewhere it
//! belongs to a description ("Việc quán triệt chuyên đề năm 2023 thực hiện
//! vào ngày 12/5/2023": only the second date is a deadline) or to a cited
//! document ("… ban hành kèm theo Quyết định số 1648/QĐ-UBND ngày
//! 30/11/2022"). Ordinary words (descriptions such as "tham mưu ban hành các
//! kế hoạch") are allowed around pieces.
//!
//! A list of recurrences gives one recurring deadline per frequency, and
//! what follows the list qualifies each of them: "định kỳ hàng quý, 6
//! tháng, năm theo quy định" is three recurrences, each "theo quy định";
//! "hằng quý, 6 tháng, năm trong giai đoạn 2021 - 2025" three over that
//! period. "Đột xuất" (ad hoc, when asked) after recurrences is a deadline
//! beside them, not a note on them: a `Conditional` part whose condition
//! is "đột xuất" and the condition after it, if any ("đột xuất khi có yêu
//! cầu"). "Kiểm tra đột xuất" (an ad hoc inspection) is a description.
//!
//! Pieces that touch qualify one deadline: "Thường xuyên" + "trong năm 2023",
//! "trước ngày 30 tháng 6" + "hằng năm" (the recurrence takes the day and
//! month), "hằng năm" + "kể từ năm 2027", "Năm 2025" + "và các năm tiếp
//! theo", a date + ", theo kế hoạch" (the condition is noted on the date).
//! Pieces apart (ordinary words between them, or two times) are separate
//! deadlines, and so are the clauses of a phrase: several make a `Multiple`.
//!
//! A deadline's kind: `Conditional` when a condition leads it, "đến khi …"
//! ends it or it has an offset; else `Recurring` when it has a recurrence;
//! else `Ongoing`; else `Date` for a day or for "trước", "chậm nhất", "đến
//! hết", "đến" before a period; else `Period`. Its dates: a day is the end of
//! a `Date`; "trước" before a period ends the day before the period starts
//! ("trước năm 2025" → 2024-12-31), the other deadline words at the period's
//! last day; "từ X" starts on X's first day and stays open unless "đến Y"
//! follows or the plan states a horizon, whose last day ends it (so do "và
//! các năm tiếp theo" and "và hàng năm"). A recurring or ongoing deadline runs in the period it names
//! ("trong năm" names the plan's year), else over the plan's horizon: from
//! 1 January of the plan's year to 31 December of
//! [`DeadlineContext::plan_end_year`], or of the plan's year when that is
//! `None` or earlier. A conditional deadline has the dates of a period it
//! names, else none.
//!
//! An item without a year takes the year of the other end of its range or
//! list ("Quý III - IV năm 2023"), else the plan's year; with no plan year,
//! the nearest year written in the phrase (later first), else none: the kind
//! stays and the dates are null (the horizon then only extends a year
//! written in the phrase).
//!
//! `raw` is always text of the input, as written there (even when the input
//! is not NFC). [`parse_deadline`]'s `raw` is the trimmed phrase; each part
//! of a `Multiple` quotes its clause up to the comma before the next part
//! (or up to the words that join the two, "và", "hoặc"). When one piece
//! names several deadlines (a list of days or of periods that do not
//! touch), each quotes its own items, the first also taking the words
//! before the list and the last those after it: "định kỳ trước ngày 01/6
//! và 15/11 hằng năm" gives "định kỳ trước ngày 01/6" and "15/11 hằng
//! năm". Punctuation, "*" and brackets left unmatched are trimmed from the
//! ends of a part's `raw`.
//!
//! `leftover` holds, for an `Unknown` phrase, the whole phrase; otherwise the
//! clauses that look like a failed time (a number or a time word, no piece):
//! "Quý I/2023; Quý V/2023" is Q1 with leftover "Quý V/2023". Descriptions
//! are not leftovers.
//!
//! # In a sentence
//!
//! [`find_deadline`] counts, in each clause of a sentence: a time after
//! "trước", "chậm nhất", "hạn chót", "đến hết", "trong" (with a written
//! number) or "vào" (before a day, month or quarter), with "hoàn thành"
//! before them kept in `raw`; recurrences ("định kỳ", "hằng năm", "hai năm
//! một lần"), their lists and the "đột xuất" after them, except "hằng
//! năm" right after a budget noun ("ngân sách hằng năm") and a recurrence
//! right after round-the-clock hours ("ổn định 24/24 giờ hàng ngày", "24
//! giờ", "24/7": when a service runs, not when a task falls due); an offset
//! before a trigger ("trong 24-48 giờ sau khi nước rút");
//! "ngay khi …", "ngay sau khi …"; and a period (not a day) that opens a
//! sentence before a comma ("Năm 2026, …", "Từ năm 2021 trở đi, …").
//!
//! It does not count, because in running text they are seldom a task's
//! deadline: "thường xuyên" (an adverb: "thường xuyên kiểm tra"), "theo quy
//! định …" and "khi …" (manner and circumstance), "từ ngày …" (when a law
//! takes effect), "đến năm 2030" (a strategy's horizon), "vào năm 2050" (a
//! target), a day that opens a sentence ("Ngày 09 tháng 6 năm 2025, Chính
//! phủ ban hành …") and the date of a cited document. Each deadline's `raw`
//! is its own words; several make a `Multiple` whose `raw` is the text of
//! the sentence from the start of the first to the end of the last, what
//! stands between included.
//!
//! # Decisions
//!
//! The cases the issue leaves open, as decided here:
//!
//! | phrase (plan year 2025) | value |
//! |---|---|
//! | "Từ Quý II năm 2025" | `period 2025-04-01..` (open end) |
//! | "Năm 2025 và các năm tiếp theo" | `period 2025-01-01..` |
//! | "Quý IV năm 2025 và các năm tiếp theo" | `period 2025-10-01..` |
//! | "Năm 2022 và hàng năm" | `recurring annual 2022-01-01..` |
//! | the same with the horizon 2030 | `…..2030-12-31`: the plan covers no later year |
//! | "Thường xuyên, hằng năm" | `recurring annual 2025-01-01..2025-12-31`: the frequency is the more precise |
//! | "Thường xuyên/định kỳ" | `ongoing 2025-01-01..2025-12-31`: "định kỳ" names no frequency |
//! | "định kỳ" alone | `recurring 2025-01-01..2025-12-31`, recurrence null |
//! | "Ngay từ đầu năm 2025" | `period 2025-01-01..` |
//! | "Đầu năm 2025", "Cuối năm 2025" | the first / last quarter |
//! | "Kế hoạch" (a whole cell) | `conditional "theo kế hoạch"` |
//! | "Tháng 11 - 12/2025" | `period 2025-11-01..2025-12-31` |
//! | "Từ ngày 01/01/2026 đến ngày 31/3/2026" | `period 2026-01-01..2026-03-31` |
//! | "Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê" | `conditional 2025-11-01.. "đến khi kết thúc Tổng kiểm kê"` |
//! | "Trong năm 2025", "Trong năm" | `period 2025-01-01..2025-12-31` |
//! | "Hằng năm" | `recurring annual 2025-01-01..2025-12-31` |
//! | "Thực hiện thường xuyên trong năm 2025" | `ongoing 2025-01-01..2025-12-31` |
//! | "2024 - 2025", "Năm 2022 - 2025" | `period` from the first year's 1 January to the last's 31 December |
//! | "2026" | `period 2026-01-01..2026-12-31` |
//! | "Đến năm 2030", "Đến hết năm 2030" | `date ..2030-12-31` |
//! | "Quý III/2025, theo kế hoạch" | `period 2025-07-01..2025-09-30 "theo kế hoạch"` |
//! | "Quý I và Quý III năm 2025" | a `multiple` of the two quarters; adjacent items ("Quý IV/2025 và Quý I/2026") make one period |
//! | "trước ngày 01/6 và 15/11 hằng năm" | a `multiple` of two annual recurrences, quoting "trước ngày 01/6" and "15/11 hằng năm" |
//! | "Hằng năm", "Thường xuyên", "định kỳ", "trước ngày 30 tháng 6 hằng năm" in a plan for 2025–2035 | from `2025-01-01` to `2035-12-31` |
//! | "Thường xuyên trong năm", "Định kỳ hàng tháng trong năm" in a plan for 2025–2035 | `2025-01-01..2025-12-31`: "trong năm" names the plan's year |
//! | "Năm 2025 và hàng năm" in a plan for 2025–2035 | `recurring annual 2025-01-01..`: it names its period |
//! | "Định kỳ hàng quý, 6 tháng, năm" | a `multiple` of quarterly, semiannual and annual recurrences |
//! | "Định kỳ hàng quý, 6 tháng, hàng năm hoặc đột xuất" | the three recurrences and `conditional "đột xuất"` |
//! | "hằng năm (hoặc đột xuất khi có yêu cầu)" | `recurring annual` and `conditional "đột xuất khi có yêu cầu"` |
//! | "Đột xuất" (a whole cell) | `conditional "đột xuất"` |
//! | "ổn định 24/24 giờ hàng ngày" in a sentence | no deadline |
//! | "trong 6 tháng" (no trigger) | `unknown` |
//! | "Quý I" with no plan year | `period`, dates null |

use std::fmt;

mod assemble;
mod filter;
mod grammar;
mod lexer;
mod lexicon;
mod scan;
mod source;

use assemble::{Finish, ItemRanges, Part, Years, own_range, reduce};
use grammar::{AtomKind, Grammar, Mode};
use lexicon::Role;
use source::Source;

pub use jiff::civil::Date;

/// What the caller knows about the document, passed to every parse.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct DeadlineContext {
    /// The plan's year: the year in its title or task-section heading, else
    /// the year of its date. Phrases that name no year take it.
    pub plan_year: Option<i16>,
    /// The last year of the plan's horizon when the plan runs for several
    /// years, computed by the caller from the title: 2035 for "Chương
    /// trình … giai đoạn 2025 - 2035". A recurring or ongoing phrase that
    /// names no period of its own ("Hằng năm", "Thường xuyên", "trước ngày
    /// 30 tháng 6 hằng năm") runs from 1 January of the plan's year to 31
    /// December of this year; everything else ignores it. `None`, or a
    /// year before the plan's, keeps such a phrase in the plan's year.
    pub plan_end_year: Option<i16>,
}

/// A deadline phrase, normalized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    /// The phrase as given (trimmed), never lost.
    pub raw: String,
    /// What kind of deadline the phrase states.
    pub kind: DeadlineKind,
    /// The first day of the period, if the phrase bounds it.
    pub start: Option<Date>,
    /// The last day (of the period, or the deadline day); `None` when open.
    pub end: Option<Date>,
    /// How often a recurring deadline falls due.
    pub recurrence: Option<Recurrence>,
    /// The trigger, e.g. "sau khi UBND tỉnh ban hành Kế hoạch …", "theo quy
    /// định".
    pub condition: Option<String>,
    /// The delay after the trigger: "24-48 giờ sau khi …", "36 tháng sau
    /// khi …".
    pub offset: Option<Offset>,
    /// The deadlines of a [`DeadlineKind::Multiple`] phrase.
    pub parts: Vec<Deadline>,
    /// Input the grammar could not place, quoted by the caller in a
    /// diagnostic.
    pub leftover: Option<String>,
}

/// What kind of deadline a phrase states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeadlineKind {
    /// A day: `end` is the day, `start` is `None`.
    Date,
    /// A month, quarter, half-year, year or a range of them.
    Period,
    /// A deadline that repeats; see [`Deadline::recurrence`].
    Recurring,
    /// Ongoing work ("Thường xuyên").
    Ongoing,
    /// A deadline that depends on an event; see [`Deadline::condition`].
    Conditional,
    /// Several deadlines; see [`Deadline::parts`].
    Multiple,
    /// A phrase the grammar does not understand; see [`Deadline::leftover`].
    Unknown,
}

impl DeadlineKind {
    /// The snake-case name: "date", "period", "recurring", "ongoing",
    /// "conditional", "multiple", "unknown".
    pub fn as_str(self) -> &'static str {
        match self {
            DeadlineKind::Date => "date",
            DeadlineKind::Period => "period",
            DeadlineKind::Recurring => "recurring",
            DeadlineKind::Ongoing => "ongoing",
            DeadlineKind::Conditional => "conditional",
            DeadlineKind::Multiple => "multiple",
            DeadlineKind::Unknown => "unknown",
        }
    }
}

/// When a recurring deadline falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recurrence {
    /// How often.
    pub frequency: Frequency,
    /// The day of the month it falls on, when the phrase names one.
    pub day: Option<i8>,
    /// The month it falls on (annual deadlines), when the phrase names one.
    pub month: Option<i8>,
}

/// How often a recurring deadline falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Frequency {
    /// Every day ("hằng ngày").
    Daily,
    /// Every week ("hàng tuần").
    Weekly,
    /// Every month ("hằng tháng").
    Monthly,
    /// Every quarter ("hằng quý", "3 tháng một lần").
    Quarterly,
    /// Every six months ("6 tháng một lần").
    Semiannual,
    /// Every year ("hằng năm").
    Annual,
    /// Every two years ("hai năm một lần").
    Biennial,
}

impl Frequency {
    /// The snake-case name: "daily", "weekly", "monthly", "quarterly",
    /// "semiannual", "annual", "biennial".
    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Daily => "daily",
            Frequency::Weekly => "weekly",
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::Semiannual => "semiannual",
            Frequency::Annual => "annual",
            Frequency::Biennial => "biennial",
        }
    }
}

/// A delay after a trigger: "24-48 giờ" is 24 to 48 hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Offset {
    /// The shortest delay.
    pub min: u32,
    /// The longest delay (equal to `min` for a single number).
    pub max: u32,
    /// The unit of `min` and `max`.
    pub unit: OffsetUnit,
}

/// The unit of an [`Offset`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OffsetUnit {
    /// Hours ("giờ").
    Hour,
    /// Days ("ngày").
    Day,
    /// Weeks ("tuần").
    Week,
    /// Months ("tháng").
    Month,
    /// Years ("năm").
    Year,
}

impl OffsetUnit {
    /// The snake-case name: "hour", "day", "week", "month", "year".
    pub fn as_str(self) -> &'static str {
        match self {
            OffsetUnit::Hour => "hour",
            OffsetUnit::Day => "day",
            OffsetUnit::Week => "week",
            OffsetUnit::Month => "month",
            OffsetUnit::Year => "year",
        }
    }
}

impl Deadline {
    /// A deadline of kind `Unknown` with only `raw` set, the base the
    /// assembler fills in.
    fn empty(raw: &str) -> Deadline {
        Deadline {
            raw: raw.to_owned(),
            kind: DeadlineKind::Unknown,
            start: None,
            end: None,
            recurrence: None,
            condition: None,
            offset: None,
            parts: Vec::new(),
            leftover: None,
        }
    }

    /// Several deadlines as one: start the earliest start, end the latest
    /// end, or `None` when a part runs on with no end.
    fn multiple(raw: &str, parts: Vec<Deadline>) -> Deadline {
        let start = parts.iter().filter_map(|part| part.start).min();
        let open = parts
            .iter()
            .any(|part| part.start.is_some() && part.end.is_none());
        let end = if open {
            None
        } else {
            parts.iter().filter_map(|part| part.end).max()
        };
        Deadline {
            kind: DeadlineKind::Multiple,
            start,
            end,
            parts,
            ..Deadline::empty(raw)
        }
    }
}

/// Parses a whole deadline phrase (a field value or a table cell). Never
/// panics, never fails: an unparseable phrase is kind Unknown with
/// `leftover` set.
pub fn parse_deadline(phrase: &str, context: &DeadlineContext) -> Deadline {
    let raw = phrase.trim();
    let source = Source::new(raw);
    let text = source.text();
    let mut tokens = Vec::with_capacity(text.len() / 3 + 4);
    lexer::tokenize(text, &mut tokens);
    let grammar = Grammar { tokens: &tokens };

    let mut atoms = Vec::new();
    let mut parts: Vec<Part> = Vec::new();
    let mut leftover: Option<String> = None;
    let mut written_years: Vec<(usize, i16)> = Vec::new();
    for (first, end) in clauses(&tokens) {
        atoms.clear();
        grammar.scan(first, end, Mode::Phrase, &mut atoms);
        if context.plan_year.is_none() {
            collect_years(&atoms, &mut written_years);
        }
        let before = parts.len();
        reduce(&atoms, &mut parts);
        if parts.len() == before {
            let clause_tokens = &tokens[first..end];
            if only_plan(clause_tokens) {
                parts.push(Part {
                    first,
                    end,
                    plan_only: true,
                    ..Part::default()
                });
            } else {
                if looks_like_time(clause_tokens) {
                    let clause = source.token_text(&tokens, first, end);
                    match leftover.as_mut() {
                        Some(existing) => {
                            existing.push_str("; ");
                            existing.push_str(clause);
                        }
                        None => leftover = Some(clause.to_owned()),
                    }
                }
                continue;
            }
        }
        // Each part of the clause covers the text up to the last comma
        // before the next part; with no comma between them, up to the next
        // part less the words that join the two ("và", "hoặc", "(").
        let mut text_first = first;
        for index in before..parts.len() {
            let (text_end, next_first) = match parts.get(index + 1) {
                Some(next) => {
                    let own_end = parts[index].end;
                    let comma = (own_end..next.first)
                        .rev()
                        .find(|&at| tokens.get(at).is_some_and(|t| t.role == Role::Comma));
                    match comma {
                        Some(comma) => (comma, comma),
                        None => {
                            let mut joined_at = next.first;
                            while joined_at > own_end
                                && tokens.get(joined_at - 1).is_some_and(|t| {
                                    matches!(t.role, Role::And | Role::Or | Role::Open)
                                })
                            {
                                joined_at -= 1;
                            }
                            (joined_at, next.first)
                        }
                    }
                }
                None => (end, end),
            };
            parts[index].text_first = text_first;
            parts[index].text_end = text_end;
            text_first = next_first;
        }
    }

    let finish = Finish {
        source: &source,
        tokens: &tokens,
        years: Years {
            plan_year: context.plan_year,
            plan_end_year: context.plan_end_year,
            written: &written_years,
        },
    };
    // Each deadline of several quotes its own words; one alone quotes the
    // whole phrase, so its words need not be found.
    let several = parts.len() > 1;
    let mut deadlines: Vec<Deadline> = Vec::new();
    let mut items = ItemRanges::default();
    for part in &parts {
        let count = finish.finish(part, &mut deadlines, &mut items);
        if several || count > 1 {
            let start = deadlines.len() - count;
            for (index, deadline) in deadlines[start..].iter_mut().enumerate() {
                let (first, end) = own_range((part.text_first, part.text_end), &items, index);
                deadline.raw = finish.token_text(first, end).to_owned();
            }
        }
    }

    let mut deadline = match deadlines.len() {
        0 => {
            return Deadline {
                leftover: Some(text.to_owned()),
                ..Deadline::empty(raw)
            };
        }
        1 => {
            let mut single = deadlines.pop().unwrap_or_else(|| Deadline::empty(raw));
            single.raw = raw.to_owned();
            single
        }
        _ => Deadline::multiple(raw, deadlines),
    };
    deadline.leftover = leftover;
    deadline
}

/// Finds the deadline stated inside a task sentence (directive layout),
/// e.g. "Bộ Công Thương chủ trì … và báo cáo Thủ tướng Chính phủ trước ngày
/// 30 tháng 9 năm 2024." → Date 2024-09-30, raw "trước ngày 30 tháng 9 năm
/// 2024".
///
/// Only phrases introduced as deadlines count (trước ngày, chậm nhất,
/// hoàn thành trong/trước, trong Quý/tháng/năm …, định kỳ/hằng năm …): the
/// date of a cited document ("Nghị định số 06/2022/NĐ-CP ngày 07 tháng 01
/// năm 2022") is never a deadline. Several deadline phrases in one sentence
/// give a Multiple. `None` when the sentence states no deadline. Every
/// `raw`, of the result and of its parts, is a piece of `sentence`.
pub fn find_deadline(sentence: &str, context: &DeadlineContext) -> Option<Deadline> {
    match seek_deadline(sentence, context) {
        Finding::NoPhrase => None,
        Finding::InContext(found) => found,
    }
}

/// What [`seek_deadline`] finds in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// The sentence holds no deadline phrase: [`find_deadline`] gives
    /// `None` whatever the context.
    NoPhrase,
    /// [`find_deadline`]'s answer in the context asked about.
    InContext(Option<Deadline>),
}

/// [`find_deadline`], telling apart a sentence that states no deadline in
/// any context (most task sentences), which a caller may remember without
/// its context.
///
/// ```
/// use kehoach_normalize::deadline::{DeadlineContext, Finding, find_deadline, seek_deadline};
///
/// let context = DeadlineContext { plan_year: Some(2024), plan_end_year: None };
/// let none = "Sở Nội vụ chủ trì, phối hợp với các sở, ngành.";
/// assert_eq!(seek_deadline(none, &context), Finding::NoPhrase);
/// let dated = "Báo cáo trước ngày 30 tháng 9 hằng năm.";
/// assert_eq!(seek_deadline(dated, &context), Finding::InContext(find_deadline(dated, &context)));
/// ```
pub fn seek_deadline(sentence: &str, context: &DeadlineContext) -> Finding {
    let source = Source::new(sentence);
    let text = source.text();
    let mut tokens = Vec::with_capacity(text.len() / 3 + 4);
    // Only the clauses that can hold a piece are lexed; the others leave
    // their separators, so that every clause still ends where it did. The
    // grammar reads past a clause's end only through "." (a date "5.6.2024")
    // into a clause that is then lexed, and never looks back before a
    // clause; `assemble` keeps token indices only in order and quotes text
    // by the tokens' byte spans. So the result is the same as with every
    // clause lexed (the tests compare the two).
    if !filter::tokenize_candidates(text, &mut tokens) {
        return Finding::NoPhrase;
    }
    find_in_tokens(&source, &tokens, context)
}

/// [`find_deadline`] over the tokens of `source`'s text.
fn find_in_tokens(
    source: &Source<'_>,
    tokens: &[lexer::Token],
    context: &DeadlineContext,
) -> Finding {
    let grammar = Grammar { tokens };

    let mut atoms = Vec::new();
    let mut parts: Vec<Part> = Vec::new();
    let mut written_years: Vec<(usize, i16)> = Vec::new();
    for (first, end) in clauses(tokens) {
        atoms.clear();
        grammar.scan(first, end, Mode::Sentence, &mut atoms);
        if context.plan_year.is_none() {
            collect_years(&atoms, &mut written_years);
        }
        reduce(&atoms, &mut parts);
    }
    if parts.is_empty() {
        return Finding::NoPhrase;
    }
    let finish = Finish {
        source,
        tokens,
        years: Years {
            plan_year: context.plan_year,
            plan_end_year: context.plan_end_year,
            written: &written_years,
        },
    };
    let mut deadlines = Vec::new();
    let mut items = ItemRanges::default();
    let mut quoted = (usize::MAX, 0);
    for part in &parts {
        let count = finish.finish(part, &mut deadlines, &mut items);
        let start = deadlines.len() - count;
        for (index, deadline) in deadlines[start..].iter_mut().enumerate() {
            let (first, end) = own_range((part.first, part.end), &items, index);
            deadline.raw = finish.token_text(first, end).to_owned();
        }
        if count > 0 {
            quoted = (quoted.0.min(part.first), quoted.1.max(part.end));
        }
    }
    Finding::InContext(match deadlines.len() {
        0 => None,
        1 => deadlines.pop(),
        _ => Some(Deadline::multiple(
            finish.token_text(quoted.0, quoted.1),
            deadlines,
        )),
    })
}

/// The clauses of a token list: runs separated by ";" and ".".
fn clauses(tokens: &[lexer::Token]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        while !done {
            let end = tokens[start..]
                .iter()
                .position(|token| matches!(token.role, Role::Semicolon | Role::Dot))
                .map_or(tokens.len(), |offset| start + offset);
            let clause = (start, end);
            if end >= tokens.len() {
                done = true;
            } else {
                start = end + 1;
            }
            if clause.0 < clause.1 {
                return Some(clause);
            }
        }
        None
    })
}

/// Records the years written in the time atoms of a clause.
fn collect_years(atoms: &[grammar::Atom], years: &mut Vec<(usize, i16)>) {
    for atom in atoms {
        if let AtomKind::Time(time) = &atom.kind {
            years.extend(
                time.items()
                    .iter()
                    .filter_map(|item| item.year)
                    .map(|year| (atom.first, year)),
            );
        }
    }
}

/// A clause that says only "Kế hoạch" (with noise words): "theo kế hoạch".
fn only_plan(tokens: &[lexer::Token]) -> bool {
    tokens.iter().any(|token| token.role == Role::Plan)
        && tokens.iter().all(|token| {
            matches!(
                token.role,
                Role::Plan | Role::Noise | Role::Finish | Role::Comma | Role::Colon | Role::Punct
            )
        })
}

/// Whether an unplaced clause looks like a failed time (it has a number or
/// a time word) rather than a description.
fn looks_like_time(tokens: &[lexer::Token]) -> bool {
    tokens.iter().any(|token| {
        matches!(
            token.role,
            Role::Number
                | Role::Quarter
                | Role::Month
                | Role::Year
                | Role::Day
                | Role::QuarterNumeral(_)
        )
    })
}

/// Writes the compact notation of the module documentation and of the test
/// tables: `kind [recurrence] [start..end] [offset(…)] ["condition"]
/// [leftover "…"]`, or `multiple[part | part]`.
impl fmt::Display for Deadline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind.as_str())?;
        if self.kind == DeadlineKind::Multiple {
            f.write_str("[")?;
            for (index, part) in self.parts.iter().enumerate() {
                if index > 0 {
                    f.write_str(" | ")?;
                }
                write!(f, "{part}")?;
            }
            f.write_str("]")?;
        }
        if let Some(recurrence) = &self.recurrence {
            write!(f, " {}", recurrence.frequency.as_str())?;
            match (recurrence.day, recurrence.month) {
                (Some(day), Some(month)) => write!(f, "(day={day},month={month})")?,
                (Some(day), None) => write!(f, "(day={day})")?,
                (None, Some(month)) => write!(f, "(month={month})")?,
                (None, None) => {}
            }
        }
        if self.kind != DeadlineKind::Multiple && (self.start.is_some() || self.end.is_some()) {
            f.write_str(" ")?;
            if let Some(start) = self.start {
                write!(f, "{start}")?;
            }
            f.write_str("..")?;
            if let Some(end) = self.end {
                write!(f, "{end}")?;
            }
        }
        if let Some(offset) = &self.offset {
            if offset.min == offset.max {
                write!(f, " offset({} {})", offset.min, offset.unit.as_str())?;
            } else {
                write!(
                    f,
                    " offset({}-{} {})",
                    offset.min,
                    offset.max,
                    offset.unit.as_str()
                )?;
            }
        }
        if let Some(condition) = &self.condition {
            write!(f, " \"{}\"", condition.replace('"', "\\\""))?;
        }
        if let Some(leftover) = &self.leftover {
            write!(f, " leftover \"{}\"", leftover.replace('"', "\\\""))?;
        }
        Ok(())
    }
}
