//! Turns the atoms of a clause into parts (one deadline each) and resolves
//! parts into [`Deadline`] values with dates.

use jiff::civil::Date;

use super::grammar::{Atom, AtomKind, Condition, Item, Modifier, Shape, Time, Unit, days_in_month};
use super::lexer::Token;
use super::{Deadline, DeadlineKind, Frequency, Offset, Recurrence};

/// One deadline of a phrase before its years are resolved.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Part {
    pub(crate) time: Option<Time>,
    /// `Some(None)` for "định kỳ" without a frequency.
    pub(crate) recur: Option<Option<Frequency>>,
    pub(crate) ongoing: bool,
    pub(crate) condition: Option<Condition>,
    /// The condition opened the part ("Theo kế hoạch …"), so it is the
    /// part's kind rather than a note on a date.
    pub(crate) condition_led: bool,
    pub(crate) offset: Option<Offset>,
    /// "và các năm tiếp theo", or "Năm 2022 và hàng năm": the end is open.
    pub(crate) open_end: bool,
    /// The day or month a recurrence falls on, taken from a date written
    /// without a year ("trước ngày 30 tháng 6" + "hằng năm"); `time` is
    /// then free for the period the recurrence runs in ("kể từ năm 2027").
    pub(crate) recur_on: Option<Time>,
    /// Token range of the atoms of the part.
    pub(crate) first: usize,
    pub(crate) end: usize,
    /// Token range of the part's own text within a phrase of several
    /// parts: its clause, up to the comma before the next part.
    pub(crate) text_first: usize,
    pub(crate) text_end: usize,
    /// A cell that says only "Kế hoạch": "theo kế hoạch".
    pub(crate) plan_only: bool,
    /// How many deadlines the part resolved into.
    pub(crate) produced: usize,
}

impl Part {
    fn from_atom(atom: &Atom) -> Option<Part> {
        let mut part = Part {
            first: atom.first,
            end: atom.end,
            ..Part::default()
        };
        match atom.kind {
            AtomKind::Time(time) => part.time = Some(time),
            AtomKind::Recur(frequency) => part.recur = Some(frequency),
            AtomKind::Ongoing => part.ongoing = true,
            AtomKind::Onward => return None,
            AtomKind::Condition(condition) => {
                part.condition = Some(condition);
                part.condition_led = true;
            }
            AtomKind::Offset(offset) => part.offset = Some(offset),
        }
        Some(part)
    }

    /// Adds `atom` to this part when it qualifies the same deadline
    /// ("Thường xuyên" + "trong năm 2023", "trước ngày 30 tháng 6" + "hằng
    /// năm", "Năm 2025" + "và các năm tiếp theo"); returns whether it did.
    fn absorb(&mut self, atom: &Atom) -> bool {
        let absorbed = if atom.inside_condition {
            match atom.kind {
                AtomKind::Time(time) if self.time.is_none() => {
                    self.time = Some(time);
                    true
                }
                _ => false,
            }
        } else if atom.after_description {
            false
        } else {
            match atom.kind {
                AtomKind::Time(time) => {
                    let has_head = self.recur.is_some() || self.ongoing;
                    // "hằng năm kể từ năm 2027" may follow a condition too.
                    let free = self.condition.is_none() || time.modifier == Modifier::From;
                    if self.time.is_none() && has_head && free {
                        self.time = Some(time);
                        true
                    } else {
                        false
                    }
                }
                AtomKind::Recur(frequency) => match self.recur {
                    None if (self.time.is_some() || self.ongoing) && self.condition.is_none() => {
                        self.recur = Some(frequency);
                        // "Năm 2022 và hàng năm": every year from 2022 on.
                        if atom.joined && self.time.is_some_and(|time| !time.has_no_year()) {
                            self.open_end = true;
                        }
                        true
                    }
                    Some(None) => {
                        self.recur = Some(frequency);
                        true
                    }
                    Some(Some(_)) if frequency.is_none() => true,
                    _ => false,
                },
                AtomKind::Ongoing => {
                    if self.time.is_none() && self.condition.is_none() && self.offset.is_none() {
                        self.ongoing = true;
                        true
                    } else {
                        false
                    }
                }
                AtomKind::Onward => {
                    if self.time.is_some() || self.recur.is_some() {
                        self.open_end = true;
                        true
                    } else {
                        false
                    }
                }
                AtomKind::Condition(condition) => {
                    let dated = self.time.is_some()
                        || self.recur.is_some()
                        || self.ongoing
                        || self.offset.is_some();
                    if self.condition.is_none() && dated {
                        self.condition = Some(condition);
                        true
                    } else {
                        false
                    }
                }
                AtomKind::Offset(_) => false,
            }
        };
        if absorbed {
            self.first = self.first.min(atom.first);
            self.end = self.end.max(atom.end);
            self.settle_recurrence();
        }
        absorbed
    }

    /// Moves a date without a year into `recur_on` once the part has a
    /// recurrence that can fall on it.
    fn settle_recurrence(&mut self) {
        if let (Some(Some(frequency)), Some(time), None) = (self.recur, self.time, self.recur_on) {
            let conditional = self.condition.is_some_and(|c| c.until) || self.offset.is_some();
            if !conditional && time.has_no_year() && takes_day(frequency, &time) {
                self.recur_on = Some(time);
                self.time = None;
            }
        }
    }
}

/// Reduces the atoms of one clause into parts, appended to `parts`.
pub(crate) fn reduce(atoms: &[Atom], parts: &mut Vec<Part>) {
    let mut current: Option<Part> = None;
    for atom in atoms {
        if let Some(part) = current.as_mut()
            && part.absorb(atom)
        {
            continue;
        }
        let next = Part::from_atom(atom);
        if next.is_some() {
            if let Some(done) = current.take() {
                parts.push(done);
            }
            current = next;
        }
    }
    if let Some(done) = current {
        parts.push(done);
    }
}

/// Supplies the year of items that do not write one.
pub(crate) struct Years<'a> {
    pub(crate) plan_year: Option<i16>,
    /// Years written in the phrase, with the token index they appear at;
    /// consulted only when there is no plan year.
    pub(crate) written: &'a [(usize, i16)],
}

impl Years<'_> {
    /// The year for an item without one at token `at`: the plan's year,
    /// else the nearest year written later in the phrase, else earlier.
    fn default_at(&self, at: usize) -> Option<i16> {
        self.plan_year.or_else(|| {
            // `written` is in token order: a binary search keeps a phrase
            // with many parts linear.
            let later = self.written.partition_point(|&(index, _)| index < at);
            self.written
                .get(later)
                .or_else(|| {
                    later
                        .checked_sub(1)
                        .and_then(|earlier| self.written.get(earlier))
                })
                .map(|&(_, year)| year)
        })
    }
}

/// The first and last day of an item in `year`.
fn item_bounds(item: &Item, year: i16) -> Option<(Date, Date)> {
    let (first_month, last_month) = match item.unit {
        Unit::Day => {
            let month = i8::try_from(item.month).ok()?;
            let day = i8::try_from(item.day).ok()?;
            if item.day > days_in_month(Some(year), item.month) {
                return None;
            }
            let date = Date::new(year, month, day).ok()?;
            return Some((date, date));
        }
        Unit::Month => (item.month, item.month),
        // The grammar only makes quarters 1–4 and halves 1–2; anything else
        // has no dates rather than wrapping around.
        Unit::Quarter if (1..=4).contains(&item.index) => (item.index * 3 - 2, item.index * 3),
        Unit::Half if (1..=2).contains(&item.index) => (item.index * 6 - 5, item.index * 6),
        Unit::Quarter | Unit::Half => return None,
        Unit::Year => (1, 12),
    };
    let last_day = days_in_month(Some(year), last_month);
    let first = Date::new(year, i8::try_from(first_month).ok()?, 1).ok()?;
    let last = Date::new(
        year,
        i8::try_from(last_month).ok()?,
        i8::try_from(last_day).ok()?,
    )
    .ok()?;
    Some((first, last))
}

/// Resolved dates of a part, before the kind decides which ends it keeps.
#[derive(Clone, Copy, Debug)]
struct Bounds {
    start: Option<Date>,
    end: Option<Date>,
    /// A deadline ("trước ngày …") rather than a period.
    is_deadline: bool,
}

/// The bounds of `items` read as one span, with the modifier applied.
fn span_bounds(
    items: &[Item],
    modifier: Modifier,
    shape: Shape,
    years: &Years<'_>,
    at: usize,
) -> Bounds {
    let year_of = |item: &Item| item.year.or_else(|| years.default_at(at));
    let (Some(first), Some(last)) = (items.first(), items.last()) else {
        return Bounds {
            start: None,
            end: None,
            is_deadline: false,
        };
    };
    let first_bounds = year_of(first).and_then(|year| item_bounds(first, year));
    let last_bounds = year_of(last).and_then(|year| item_bounds(last, year));
    let start = first_bounds.map(|(start, _)| start);
    let end = last_bounds.map(|(_, end)| end);
    let is_day = shape == Shape::Single && first.unit == Unit::Day;
    match modifier {
        Modifier::From if shape == Shape::Range => Bounds {
            start,
            end,
            is_deadline: false,
        },
        Modifier::From => Bounds {
            start,
            end: None,
            is_deadline: false,
        },
        Modifier::Before if is_day => Bounds {
            start: None,
            end,
            is_deadline: true,
        },
        Modifier::Before => Bounds {
            start: None,
            end: start.and_then(|start| start.yesterday().ok()),
            is_deadline: true,
        },
        Modifier::By => Bounds {
            start: None,
            end,
            is_deadline: true,
        },
        Modifier::Plain if is_day => Bounds {
            start: None,
            end,
            is_deadline: true,
        },
        Modifier::Plain => Bounds {
            start,
            end,
            is_deadline: false,
        },
    }
}

/// Splits a time into the spans it names: one for a single item or a
/// range, one per run of adjacent periods for a list ("Quý III, IV" is one
/// span, "Quý IV/2023 và Quý I/2024" too; "01/6 và 15/11" two).
fn for_each_span(time: &Time, years: &Years<'_>, at: usize, mut visit: impl FnMut(Bounds)) {
    let items = time.items();
    if time.shape != Shape::List {
        visit(span_bounds(items, time.modifier, time.shape, years, at));
        return;
    }
    let year_of = |item: &Item| item.year.or_else(|| years.default_at(at));
    let bounds_of = |item: &Item| year_of(item).and_then(|year| item_bounds(item, year));
    let mut run_start = 0;
    for index in 1..=items.len() {
        let adjacent = index < items.len() && {
            let previous = &items[index - 1];
            let next = &items[index];
            let touching = match (bounds_of(previous), bounds_of(next)) {
                (Some((_, previous_end)), Some((next_start, _))) => {
                    previous_end.tomorrow().ok() == Some(next_start)
                }
                _ => false,
            };
            // Days in a list are separate deadlines, never one span.
            previous.unit != Unit::Day && next.unit != Unit::Day && touching
        };
        if !adjacent {
            let run = &items[run_start..index];
            let shape = if run.len() == 1 {
                Shape::Single
            } else {
                Shape::Range
            };
            visit(span_bounds(run, time.modifier, shape, years, at));
            run_start = index;
        }
    }
}

/// Turns `text[start..end]` into a condition: trailing punctuation
/// trimmed, the trigger word in lowercase ("Sau khi …" → "sau khi …").
pub(crate) fn condition_text(text: &str, condition: &Condition) -> String {
    let start = condition.start as usize;
    let end = (condition.end as usize).min(text.len());
    let slice = text.get(start..end).unwrap_or("");
    let slice = slice.trim_end_matches(|c: char| c.is_whitespace() || ",;.:*".contains(c));
    let mut out = String::with_capacity(slice.len());
    let mut chars = slice.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_lowercase());
    }
    out.push_str(chars.as_str());
    out
}

/// What `finish` needs besides the part.
pub(crate) struct Finish<'a> {
    pub(crate) text: &'a str,
    pub(crate) tokens: &'a [Token],
    pub(crate) years: Years<'a>,
}

impl Finish<'_> {
    /// Resolves `part` into one or more deadlines (a list that names
    /// separate days gives one each), appended to `out` with an empty
    /// `raw` for the caller to fill; returns how many.
    pub(crate) fn finish(&self, part: &Part, out: &mut Vec<Deadline>) -> usize {
        let before = out.len();
        self.finish_into(part, out);
        out.len() - before
    }

    fn finish_into(&self, part: &Part, out: &mut Vec<Deadline>) {
        let at = part.first;
        if part.plan_only {
            out.push(Deadline {
                kind: DeadlineKind::Conditional,
                condition: Some("theo kế hoạch".to_owned()),
                ..Deadline::empty("")
            });
            return;
        }
        let condition = part.condition.map(|c| condition_text(self.text, &c));
        let until = part.condition.is_some_and(|c| c.until);
        let conditional =
            until || (part.condition.is_some() && part.condition_led) || part.offset.is_some();

        // A recurrence takes the day and month of a date written without a
        // year: "trước ngày 30 tháng 6 hằng năm" falls on 30 June each year.
        if let (Some(Some(frequency)), Some(on)) = (part.recur, part.recur_on) {
            self.finish_recurring_on(part, frequency, &on, condition, out);
            return;
        }

        let recurrence = match part.recur {
            Some(Some(frequency)) => Some(Recurrence {
                frequency,
                day: None,
                month: None,
            }),
            _ => None,
        };
        let kind = if conditional {
            DeadlineKind::Conditional
        } else if part
            .recur
            .is_some_and(|frequency| frequency.is_some() || !part.ongoing)
        {
            DeadlineKind::Recurring
        } else if part.ongoing {
            DeadlineKind::Ongoing
        } else if part.time.is_some() {
            DeadlineKind::Period
        } else {
            DeadlineKind::Conditional
        };
        let mut push = |bounds: Bounds| {
            let kind = if kind == DeadlineKind::Period && bounds.is_deadline {
                DeadlineKind::Date
            } else {
                kind
            };
            out.push(Deadline {
                kind,
                start: bounds.start,
                end: if part.open_end { None } else { bounds.end },
                recurrence,
                condition: condition.clone(),
                offset: part.offset,
                ..Deadline::empty("")
            });
        };
        match &part.time {
            Some(time) => for_each_span(time, &self.years, at, push),
            None if part.recur.is_some() || part.ongoing => {
                let (start, end) = self.default_period(at, part.open_end);
                push(Bounds {
                    start,
                    end,
                    is_deadline: false,
                });
            }
            None => push(Bounds {
                start: None,
                end: None,
                is_deadline: false,
            }),
        }
    }

    /// One recurring deadline per day (or month) of `on`, running in the
    /// period the part names or else the plan's year.
    fn finish_recurring_on(
        &self,
        part: &Part,
        frequency: Frequency,
        on: &Time,
        condition: Option<String>,
        out: &mut Vec<Deadline>,
    ) {
        let at = part.first;
        let (start, end) = match &part.time {
            Some(time) => {
                let mut period = None;
                for_each_span(time, &self.years, at, |bounds| {
                    period.get_or_insert((bounds.start, bounds.end));
                });
                let (start, end) = period.unwrap_or((None, None));
                (start, if part.open_end { None } else { end })
            }
            None => self.default_period(at, part.open_end),
        };
        for item in on.items() {
            let (day, month) = match (frequency, item.unit) {
                (Frequency::Annual, Unit::Day) => (Some(item.day), Some(item.month)),
                (Frequency::Annual, _) => (None, Some(item.month)),
                _ => (Some(item.day), None),
            };
            out.push(Deadline {
                kind: DeadlineKind::Recurring,
                start,
                end,
                recurrence: Some(Recurrence {
                    frequency,
                    day: day.and_then(|d| i8::try_from(d).ok()),
                    month: month.and_then(|m| i8::try_from(m).ok()),
                }),
                condition: condition.clone(),
                ..Deadline::empty("")
            });
        }
    }

    /// The period a recurring or ongoing deadline runs in when the phrase
    /// names none: the plan's year.
    fn default_period(&self, at: usize, open_end: bool) -> (Option<Date>, Option<Date>) {
        let Some(year) = self.years.default_at(at) else {
            return (None, None);
        };
        let year_item = Item {
            unit: Unit::Year,
            day: 0,
            month: 0,
            index: 0,
            year: Some(year),
        };
        match item_bounds(&year_item, year) {
            Some((start, end)) => (Some(start), if open_end { None } else { Some(end) }),
            None => (None, None),
        }
    }

    /// The source text of tokens `first..end`; see [`token_text`].
    pub(crate) fn token_text(&self, first: usize, end: usize) -> &str {
        token_text(self.text, self.tokens, first, end)
    }
}

/// The source text of tokens `first..end`, trimmed of spaces and of
/// punctuation at either end.
pub(crate) fn token_text<'t>(text: &'t str, tokens: &[Token], first: usize, end: usize) -> &'t str {
    let (Some(first), Some(last)) = (tokens.get(first), tokens.get(end.saturating_sub(1))) else {
        return "";
    };
    let slice = text
        .get(first.start as usize..last.end as usize)
        .unwrap_or("");
    slice.trim_matches(|c: char| c.is_whitespace() || ",;.:*".contains(c))
}

/// Whether a recurrence of `frequency` can take the day or month of `time`.
fn takes_day(frequency: Frequency, time: &Time) -> bool {
    time.items().iter().all(|item| match frequency {
        Frequency::Annual => {
            (item.unit == Unit::Day && item.month != 0) || item.unit == Unit::Month
        }
        Frequency::Monthly => item.unit == Unit::Day && item.month == 0,
        _ => false,
    })
}
