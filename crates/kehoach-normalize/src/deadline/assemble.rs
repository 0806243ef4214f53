//! Turns the atoms of a clause into parts (one deadline each) and resolves
//! parts into [`Deadline`] values with dates.

use jiff::civil::Date;

use super::grammar::{
    Atom, AtomKind, Condition, Item, MAX_ITEMS, Modifier, Shape, Time, Unit, days_in_month,
};
use super::lexer::Token;
use super::source::Source;
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
    /// parts: its clause, up to the comma before the next part (or to the
    /// words that join the two).
    pub(crate) text_first: usize,
    pub(crate) text_end: usize,
    /// A cell that says only "Kế hoạch": "theo kế hoạch".
    pub(crate) plan_only: bool,
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
                // "hoặc đột xuất" is a deadline beside this one.
                AtomKind::Condition(condition) if condition.ad_hoc => false,
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

    /// What qualifies the part besides its own piece: a change here after
    /// an absorb is shared with the rest of a list of recurrences.
    fn qualifiers(&self) -> (bool, bool, bool, bool) {
        (
            self.time.is_some(),
            self.recur_on.is_some(),
            self.condition.is_some(),
            self.open_end,
        )
    }

    /// A recurrence listed after `head` ("6 tháng" after "hàng quý") runs
    /// in the same period, under the same condition, as the one before it.
    fn inherit(&mut self, head: &Part) {
        if self.recur.is_some() && head.recur.is_some() {
            self.time = head.time;
            if !head.condition_led {
                self.condition = head.condition;
            }
            self.open_end = head.open_end;
        }
    }

    /// Takes a qualifier that the last recurrence of a list absorbed
    /// ("hàng quý, 6 tháng, năm theo quy định"), keeping its own words.
    fn share(&mut self, atom: &Atom) {
        let (first, end) = (self.first, self.end);
        self.absorb(atom);
        self.first = first;
        self.end = end;
    }
}

/// Reduces the atoms of one clause into parts, appended to `parts`.
///
/// A list of recurrences ("hằng quý, 6 tháng, một năm") gives one part per
/// recurrence, and what qualifies the list (a period, a condition, an open
/// end) qualifies each of them.
pub(crate) fn reduce(atoms: &[Atom], parts: &mut Vec<Part>) {
    let mut current: Option<Part> = None;
    // The index in `parts` of the first recurrence of the list that
    // `current` ends, if it ends one.
    let mut list_start: Option<usize> = None;
    for atom in atoms {
        if let Some(part) = current.as_mut() {
            let before = part.qualifiers();
            if part.absorb(atom) {
                if let Some(start) = list_start
                    && part.qualifiers() != before
                {
                    for member in &mut parts[start..] {
                        member.share(atom);
                    }
                }
                continue;
            }
        }
        let Some(mut next) = Part::from_atom(atom) else {
            continue;
        };
        list_start = match &current {
            Some(head) if atom.listed && head.recur.is_some() => {
                next.inherit(head);
                Some(list_start.unwrap_or(parts.len()))
            }
            _ => None,
        };
        if let Some(done) = current.take() {
            parts.push(done);
        }
        current = Some(next);
    }
    if let Some(done) = current {
        parts.push(done);
    }
}

/// Supplies the year of items that do not write one.
pub(crate) struct Years<'a> {
    pub(crate) plan_year: Option<i16>,
    /// The last year of the plan's horizon; see
    /// [`super::DeadlineContext::plan_end_year`].
    pub(crate) plan_end_year: Option<i16>,
    /// Years written in the phrase, with the token index they appear at;
    /// consulted only when there is no plan year.
    pub(crate) written: &'a [(usize, i16)],
}

impl Years<'_> {
    /// Where an open-ended deadline ("Năm 2022 và hàng năm", "từ Quý II
    /// năm 2023") ends: the last day of the plan's horizon when the plan
    /// states one that ends after `start`; else it stays open.
    pub(crate) fn horizon_end(&self, start: Option<Date>) -> Option<Date> {
        let end = Date::new(self.plan_end_year?, 12, 31).ok()?;
        start.is_none_or(|start| start < end).then_some(end)
    }

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
            end: years.horizon_end(start),
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
/// span, "Quý IV/2023 và Quý I/2024" too; "01/6 và 15/11" two). `visit`
/// gets each span's bounds and the token range of its items.
fn for_each_span(
    time: &Time,
    years: &Years<'_>,
    at: usize,
    mut visit: impl FnMut(Bounds, (usize, usize)),
) {
    let items = time.items();
    let tokens_of = |first: usize, last: usize| (time.item_range(first).0, time.item_range(last).1);
    if time.shape != Shape::List {
        let tokens = tokens_of(0, items.len().saturating_sub(1));
        visit(
            span_bounds(items, time.modifier, time.shape, years, at),
            tokens,
        );
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
            let bounds = span_bounds(run, time.modifier, shape, years, at);
            visit(bounds, tokens_of(run_start, index - 1));
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
    pub(crate) source: &'a Source<'a>,
    pub(crate) tokens: &'a [Token],
    pub(crate) years: Years<'a>,
}

impl Finish<'_> {
    /// Resolves `part` into one or more deadlines (a list that names
    /// separate days gives one each, at most [`MAX_ITEMS`]), appended to
    /// `out` with an empty `raw`; returns how many. `items` gets, for each,
    /// the token range of the items it comes from, for [`own_range`].
    pub(crate) fn finish(
        &self,
        part: &Part,
        out: &mut Vec<Deadline>,
        items: &mut ItemRanges,
    ) -> usize {
        let before = out.len();
        items.len = 0;
        self.finish_into(part, out, items);
        out.len() - before
    }

    fn finish_into(&self, part: &Part, out: &mut Vec<Deadline>, items: &mut ItemRanges) {
        let at = part.first;
        if part.plan_only {
            out.push(Deadline {
                kind: DeadlineKind::Conditional,
                condition: Some("theo kế hoạch".to_owned()),
                ..Deadline::empty("")
            });
            return;
        }
        let condition = part
            .condition
            .map(|c| condition_text(self.source.text(), &c));
        let until = part.condition.is_some_and(|c| c.until);
        let conditional =
            until || (part.condition.is_some() && part.condition_led) || part.offset.is_some();

        // A recurrence takes the day and month of a date written without a
        // year: "trước ngày 30 tháng 6 hằng năm" falls on 30 June each year.
        if let (Some(Some(frequency)), Some(on)) = (part.recur, part.recur_on) {
            self.finish_recurring_on(part, frequency, &on, condition, out, items);
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
        let mut push = |bounds: Bounds, tokens: (usize, usize)| {
            let kind = if kind == DeadlineKind::Period && bounds.is_deadline {
                DeadlineKind::Date
            } else {
                kind
            };
            out.push(Deadline {
                kind,
                start: bounds.start,
                end: if part.open_end {
                    self.years.horizon_end(bounds.start)
                } else {
                    bounds.end
                },
                recurrence,
                condition: condition.clone(),
                offset: part.offset,
                ..Deadline::empty("")
            });
            items.push(tokens);
        };
        let whole = (part.first, part.end);
        match &part.time {
            Some(time) => for_each_span(time, &self.years, at, push),
            None if part.recur.is_some() || part.ongoing => {
                let (start, end) = self.horizon(at, part.open_end);
                push(
                    Bounds {
                        start,
                        end,
                        is_deadline: false,
                    },
                    whole,
                );
            }
            None => push(
                Bounds {
                    start: None,
                    end: None,
                    is_deadline: false,
                },
                whole,
            ),
        }
    }

    /// One recurring deadline per day (or month) of `on`, running in the
    /// period the part names or else over the plan's horizon.
    fn finish_recurring_on(
        &self,
        part: &Part,
        frequency: Frequency,
        on: &Time,
        condition: Option<String>,
        out: &mut Vec<Deadline>,
        items: &mut ItemRanges,
    ) {
        let at = part.first;
        let (start, end) = match &part.time {
            Some(time) => {
                let mut period = None;
                for_each_span(time, &self.years, at, |bounds, _| {
                    period.get_or_insert((bounds.start, bounds.end));
                });
                let (start, end) = period.unwrap_or((None, None));
                let end = if part.open_end {
                    self.years.horizon_end(start)
                } else {
                    end
                };
                (start, end)
            }
            None => self.horizon(at, part.open_end),
        };
        for (index, item) in on.items().iter().enumerate() {
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
            items.push(on.item_range(index));
        }
    }

    /// The period a recurring or ongoing deadline runs in when the phrase
    /// names none: from 1 January of the plan's year to 31 December of the
    /// last year of its horizon (of the plan's year when there is no
    /// horizon, or one that ends before the plan's year).
    fn horizon(&self, at: usize, open_end: bool) -> (Option<Date>, Option<Date>) {
        let Some(year) = self.years.default_at(at) else {
            return (None, None);
        };
        let end_year = self
            .years
            .plan_end_year
            .filter(|&end_year| end_year > year)
            .unwrap_or(year);
        let start = Date::new(year, 1, 1).ok();
        let end = if open_end {
            self.years.horizon_end(start)
        } else {
            Date::new(end_year, 12, 31).ok()
        };
        (start, end)
    }

    /// The original text of tokens `first..end`, trimmed.
    pub(crate) fn token_text(&self, first: usize, end: usize) -> &str {
        self.source.token_text(self.tokens, first, end)
    }
}

/// The token ranges of the items each deadline of a part comes from; a
/// part gives at most [`MAX_ITEMS`] deadlines, so no allocation is needed.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct ItemRanges {
    ranges: [(usize, usize); MAX_ITEMS],
    len: usize,
}

impl ItemRanges {
    fn push(&mut self, range: (usize, usize)) {
        if let Some(slot) = self.ranges.get_mut(self.len) {
            *slot = range;
            self.len += 1;
        }
    }
}

/// The tokens the deadline at `index` of a part quotes as its `raw`, the
/// part spanning `part` and its deadlines coming from `items`: the whole
/// part when it gave one; when it gave several, each its own items, the
/// first also taking the part's words before them and the last those after
/// them ("định kỳ trước ngày 01/6" and "15/11 hằng năm").
pub(crate) fn own_range(part: (usize, usize), items: &ItemRanges, index: usize) -> (usize, usize) {
    let items = &items.ranges[..items.len];
    if items.len() <= 1 {
        return part;
    }
    let (first, end) = items.get(index).copied().unwrap_or(part);
    let first = if index == 0 {
        part.0
    } else {
        first.max(part.0)
    };
    let end = if index + 1 == items.len() {
        part.1
    } else {
        end.min(part.1)
    };
    (first, end.max(first))
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
