//! The deadline grammar over tokens: items (a day, month, quarter, half or
//! year), time expressions (items with a modifier, joined into ranges and
//! lists), recurrences and offsets, and the atoms that `scan` builds from
//! them.
//!
//! Every function here takes a token index and returns what it read with the
//! index after it, or `None` without consuming anything; the grammar is
//! written out in the module documentation of [`super`].

use super::lexer::Token;
use super::lexicon::Role;
use super::{Frequency, Offset, OffsetUnit};

/// What an item names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Month,
    Quarter,
    Half,
    Year,
}

/// A day, month, quarter, half-year or year, with its year if written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Item {
    pub(crate) unit: Unit,
    /// The day of a day item, else 0.
    pub(crate) day: u8,
    /// The month of a day or month item; 0 when a day's month is elided.
    pub(crate) month: u8,
    /// The quarter (1–4) or half (1–2).
    pub(crate) index: u8,
    pub(crate) year: Option<i16>,
}

impl Item {
    fn new(unit: Unit) -> Item {
        Item {
            unit,
            day: 0,
            month: 0,
            index: 0,
            year: None,
        }
    }

    fn with_year(mut self, year: Option<i16>) -> Item {
        self.year = year;
        self
    }
}

/// How a time expression bounds the deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Modifier {
    /// The items themselves: a day is a deadline, a period a period.
    Plain,
    /// "trước": before the start of a period (or on a named day).
    Before,
    /// "chậm nhất", "đến hết", "đến": by the end of what follows.
    By,
    /// "từ", "kể từ": from the start, the end open unless a range follows.
    From,
}

/// How the items of a time expression relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    Single,
    Range,
    List,
}

/// Most items a list keeps ("Quý I, II, III, IV/2023" has four).
pub(crate) const MAX_ITEMS: usize = 4;

/// A time expression: one item, a range of two, or a list.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Time {
    pub(crate) items: [Item; MAX_ITEMS],
    /// The token range of each item, so that each deadline of a list can
    /// quote its own words.
    pub(crate) item_tokens: [(u32, u32); MAX_ITEMS],
    pub(crate) len: u8,
    pub(crate) shape: Shape,
    pub(crate) modifier: Modifier,
}

impl Time {
    fn single(item: Item, first: usize, end: usize, modifier: Modifier) -> Time {
        Time {
            items: [item; MAX_ITEMS],
            item_tokens: [(token_index(first), token_index(end)); MAX_ITEMS],
            len: 1,
            shape: Shape::Single,
            modifier,
        }
    }

    pub(crate) fn items(&self) -> &[Item] {
        &self.items[..usize::from(self.len)]
    }

    /// The token range of the item at `index`.
    pub(crate) fn item_range(&self, index: usize) -> (usize, usize) {
        let (first, end) = self.item_tokens[index.min(MAX_ITEMS - 1)];
        (first as usize, end as usize)
    }

    fn push(&mut self, item: Item, first: usize, end: usize) -> bool {
        let len = usize::from(self.len);
        if len >= MAX_ITEMS {
            return false;
        }
        self.items[len] = item;
        self.item_tokens[len] = (token_index(first), token_index(end));
        self.len += 1;
        true
    }

    /// Fills an item's elided year (and a day's elided month) from the item
    /// after it, else before it: "Quý III - IV năm 2023", "ngày 17 đến ngày
    /// 20 tháng 11".
    fn share_elided_parts(&mut self) {
        let len = usize::from(self.len);
        for index in 0..len {
            if self.items[index].year.is_none() {
                let later = self.items[index + 1..len].iter().find_map(|item| item.year);
                let earlier = self.items[..index].iter().rev().find_map(|item| item.year);
                self.items[index].year = later.or(earlier);
            }
            if self.items[index].unit == Unit::Day && self.items[index].month == 0 {
                let later = self.items[index + 1..len]
                    .iter()
                    .find(|item| item.unit == Unit::Day && item.month != 0);
                if let Some(later) = later {
                    self.items[index].month = later.month;
                }
            }
        }
    }

    /// Whether every item lacks a written year (so a recurrence can take its
    /// day and month).
    pub(crate) fn has_no_year(&self) -> bool {
        self.items().iter().all(|item| item.year.is_none())
    }
}

/// A condition: its byte span in the text and how it bounds the deadline.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Condition {
    pub(crate) start: u32,
    pub(crate) end: u32,
    /// "đến khi …": the condition ends a range that has started.
    pub(crate) until: bool,
    /// "hoặc đột xuất [khi có yêu cầu]": an ad hoc deadline beside the
    /// scheduled ones, never a note on them.
    pub(crate) ad_hoc: bool,
}

/// What an atom is.
#[derive(Clone, Copy, Debug)]
pub(crate) enum AtomKind {
    Time(Time),
    /// A recurrence; `None` when only "định kỳ" is said.
    Recur(Option<Frequency>),
    Ongoing,
    /// "và các năm tiếp theo", "trở đi".
    Onward,
    Condition(Condition),
    Offset(Offset),
}

/// One piece of a clause, with its token range.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Atom {
    pub(crate) kind: AtomKind,
    pub(crate) first: usize,
    pub(crate) end: usize,
    /// Ordinary words stand between this atom and the one before it: the
    /// two are separate deadlines.
    pub(crate) after_description: bool,
    /// "và" stands between this atom and the one before it.
    pub(crate) joined: bool,
    /// A time found inside the condition before it.
    pub(crate) inside_condition: bool,
    /// A recurrence that continues a list begun by the recurrence before
    /// it: "6 tháng" and "năm" of "hàng quý, 6 tháng, năm".
    pub(crate) listed: bool,
}

/// Whether a phrase is a whole deadline (a field value or a table cell) or
/// a sentence that may contain one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    Phrase,
    Sentence,
}

/// The grammar over the tokens of one text.
pub(crate) struct Grammar<'t> {
    pub(crate) tokens: &'t [Token],
}

impl Grammar<'_> {
    pub(super) fn role(&self, index: usize) -> Option<Role> {
        self.tokens.get(index).map(|token| token.role)
    }

    pub(super) fn is(&self, index: usize, role: Role) -> bool {
        self.role(index) == Some(role)
    }

    fn number(&self, index: usize) -> Option<u32> {
        self.tokens.get(index).and_then(Token::number)
    }

    /// A number written in digits (not a word), with at most two digits.
    fn small_number(&self, index: usize) -> Option<u32> {
        let token = self.tokens.get(index)?;
        (token.role == Role::Number && token.digits <= 2).then_some(token.value)
    }

    pub(super) fn year(&self, index: usize) -> Option<i16> {
        self.tokens.get(index).and_then(Token::year)
    }

    /// "/2023", "-2025", "năm 2023", ", năm 2022" after an item.
    fn year_suffix(&self, index: usize) -> Option<(i16, usize)> {
        match self.role(index)? {
            Role::Slash | Role::Dash | Role::Year => Some((self.year(index + 1)?, index + 2)),
            Role::Comma if self.is(index + 1, Role::Year) => {
                Some((self.year(index + 2)?, index + 3))
            }
            _ => None,
        }
    }

    fn with_year_suffix(&self, item: Item, index: usize) -> (Item, usize) {
        match self.year_suffix(index) {
            Some((year, next)) => (item.with_year(Some(year)), next),
            None => (item, index),
        }
    }

    /// A quarter numeral: I–IV or 1–4.
    fn quarter_numeral(&self, index: usize) -> Option<u8> {
        let value = match self.role(index)? {
            Role::Roman(n) => u32::from(n),
            Role::Number => self.small_number(index)?,
            _ => return None,
        };
        u8::try_from(value).ok().filter(|q| (1..=4).contains(q))
    }

    /// A month number: 1–12, in digits or Roman.
    fn month_numeral(&self, index: usize) -> Option<u8> {
        let value = match self.role(index)? {
            Role::Roman(n) => u32::from(n),
            Role::Number => self.small_number(index)?,
            _ => return None,
        };
        u8::try_from(value).ok().filter(|m| (1..=12).contains(m))
    }

    fn day_numeral(&self, index: usize) -> Option<u8> {
        u8::try_from(self.small_number(index)?)
            .ok()
            .filter(|d| (1..=31).contains(d))
    }

    /// "D/M" or "D/M/YYYY" (also with "-" or "."), starting at the day
    /// number.
    fn day_month_year(&self, index: usize) -> Option<(Item, usize)> {
        let day = self.day_numeral(index)?;
        if !matches!(self.role(index + 1)?, Role::Slash | Role::Dash | Role::Dot) {
            return None;
        }
        let month = self.month_numeral(index + 2)?;
        if self.year(index + 2).is_some() {
            return None;
        }
        let mut item = Item::new(Unit::Day);
        item.day = day;
        item.month = month;
        let mut next = index + 3;
        if matches!(self.role(next), Some(Role::Slash | Role::Dash | Role::Dot))
            && let Some(year) = self.year(next + 1)
        {
            item.year = Some(year);
            next += 2;
        }
        valid_day(&item).then_some((item, next))
    }

    /// An item with its unit word, or (when `bare` allows) a bare number
    /// item: "2026", "6/2025", "30/11/2023", "31/10".
    pub(crate) fn item(&self, index: usize, bare: bool) -> Option<(Item, usize)> {
        match self.role(index)? {
            Role::Quarter => {
                let quarter = self.quarter_numeral(index + 1)?;
                let mut item = Item::new(Unit::Quarter);
                item.index = quarter;
                Some(self.with_year_suffix(item, index + 2))
            }
            Role::QuarterNumeral(quarter) => {
                let mut item = Item::new(Unit::Quarter);
                item.index = quarter;
                Some(self.with_year_suffix(item, index + 1))
            }
            Role::QLetter => {
                // "Q1/2023": the digit must touch the letter.
                let letter = self.tokens.get(index)?;
                let digit = self.tokens.get(index + 1)?;
                if letter.end != digit.start {
                    return None;
                }
                let mut item = Item::new(Unit::Quarter);
                item.index = self.quarter_numeral(index + 1)?;
                Some(self.with_year_suffix(item, index + 2))
            }
            Role::Month => {
                let mut item = Item::new(Unit::Month);
                item.month = self.month_numeral(index + 1)?;
                Some(self.with_year_suffix(item, index + 2))
            }
            Role::Day => self.day_item(index),
            Role::Year => {
                let year = self.year(index + 1)?;
                Some((Item::new(Unit::Year).with_year(Some(year)), index + 2))
            }
            Role::Half => {
                let half = self.early_or_late(index + 1)?;
                if !self.is(index + 2, Role::Year) {
                    return None;
                }
                Some(self.half_item(half, index + 3))
            }
            Role::Early | Role::Late => {
                // "đầu năm" is read as the first quarter, "cuối năm" as the
                // last, so that "từ đầu năm" starts on 1 January and "đến
                // cuối năm" ends on 31 December.
                let quarter = if self.is(index, Role::Early) { 1 } else { 4 };
                if !self.is(index + 1, Role::Year) {
                    return None;
                }
                let mut item = Item::new(Unit::Quarter);
                item.index = quarter;
                match self.year(index + 2) {
                    Some(year) => Some((item.with_year(Some(year)), index + 3)),
                    None => Some((item, index + 2)),
                }
            }
            Role::Numeral(6) => self.six_months(index),
            Role::Number => {
                if let Some(item) = self.six_months(index) {
                    return Some(item);
                }
                if !bare {
                    return None;
                }
                self.bare_number_item(index)
            }
            _ => None,
        }
    }

    fn early_or_late(&self, index: usize) -> Option<u8> {
        match self.role(index)? {
            Role::Early => Some(1),
            Role::Late => Some(2),
            _ => None,
        }
    }

    fn half_item(&self, half: u8, index: usize) -> (Item, usize) {
        let mut item = Item::new(Unit::Half);
        item.index = half;
        match self.year(index) {
            Some(year) => (item.with_year(Some(year)), index + 1),
            None => (item, index),
        }
    }

    /// "6 tháng đầu năm", "6 tháng đầu năm 2024", "sáu tháng cuối năm".
    fn six_months(&self, index: usize) -> Option<(Item, usize)> {
        if self.number(index)? != 6 || !self.is(index + 1, Role::Month) {
            return None;
        }
        let half = self.early_or_late(index + 2)?;
        if !self.is(index + 3, Role::Year) {
            return None;
        }
        Some(self.half_item(half, index + 4))
    }

    /// "ngày 12/5/2023", "ngày 30 tháng 6 [năm 2024]", "ngày 15".
    fn day_item(&self, index: usize) -> Option<(Item, usize)> {
        if let Some(found) = self.day_month_year(index + 1) {
            return Some(found);
        }
        if matches!(
            self.role(index + 2),
            Some(Role::Slash | Role::Dash | Role::Dot)
        ) && self.is(index + 3, Role::Number)
        {
            // "ngày 31/2/2023": a written date that does not exist.
            return None;
        }
        let day = self.day_numeral(index + 1)?;
        let mut item = Item::new(Unit::Day);
        item.day = day;
        if self.is(index + 2, Role::Month)
            && let Some(month) = self.month_numeral(index + 3)
        {
            item.month = month;
            let (item, next) = self.with_year_suffix(item, index + 4);
            return valid_day(&item).then_some((item, next));
        }
        Some((item, index + 2))
    }

    /// A bare number item: a year, "M/YYYY", "D/M/YYYY", "D/M", or the
    /// first month of "10-11/2019".
    fn bare_number_item(&self, index: usize) -> Option<(Item, usize)> {
        if let Some(year) = self.year(index) {
            return Some((Item::new(Unit::Year).with_year(Some(year)), index + 1));
        }
        if self.is(index + 1, Role::Slash) {
            if let Some(year) = self.year(index + 2) {
                let mut item = Item::new(Unit::Month);
                item.month = self.month_numeral(index)?;
                return Some((item.with_year(Some(year)), index + 3));
            }
            return self.day_month_year(index);
        }
        if self.is(index + 1, Role::Dash)
            && self.month_numeral(index + 2).is_some()
            && self.is(index + 3, Role::Slash)
            && self.year(index + 4).is_some()
        {
            let mut item = Item::new(Unit::Month);
            item.month = self.month_numeral(index)?;
            return Some((item, index + 1));
        }
        None
    }

    /// An item of the same unit as `like` with its unit word elided, after
    /// "-", ",", "và" or "đến": "Quý III - IV", "Tháng 11 - 12/2025",
    /// "Năm 2022 - 2025", "Quý III, IV/2026", "01/6 và 15/11".
    fn elided_item(&self, index: usize, like: Unit) -> Option<(Item, usize)> {
        match like {
            Unit::Quarter => {
                let mut item = Item::new(Unit::Quarter);
                item.index = self.quarter_numeral(index)?;
                Some(self.with_year_suffix(item, index + 1))
            }
            Unit::Month => {
                let mut item = Item::new(Unit::Month);
                item.month = self.month_numeral(index)?;
                if self.year(index).is_some() {
                    return None;
                }
                Some(self.with_year_suffix(item, index + 1))
            }
            Unit::Year => {
                let year = self.year(index)?;
                Some((Item::new(Unit::Year).with_year(Some(year)), index + 1))
            }
            Unit::Day => {
                if let Some(found) = self.day_month_year(index) {
                    return Some(found);
                }
                let mut item = Item::new(Unit::Day);
                item.day = self.day_numeral(index)?;
                Some((item, index + 1))
            }
            Unit::Half => None,
        }
    }

    /// A time expression without its modifier: "[giai đoạn] item (range |
    /// list)*".
    pub(crate) fn time(
        &self,
        index: usize,
        bare: bool,
        modifier: Modifier,
    ) -> Option<(Time, usize)> {
        let (index, bare) = if self.is(index, Role::Span) {
            (index + 1, true)
        } else {
            (index, bare)
        };
        let (first, mut next) = self.item(index, bare)?;
        let mut time = Time::single(first, index, next, modifier);
        while let Some(role) = self.role(next) {
            let last = time.items[usize::from(time.len) - 1];
            match role {
                Role::Dash | Role::To if time.shape == Shape::Single => {
                    let to = if self.is(next + 1, Role::Span) {
                        next + 2
                    } else {
                        next + 1
                    };
                    let found = self
                        .item(to, true)
                        .or_else(|| self.elided_item(to, last.unit));
                    let Some((item, after)) = found else { break };
                    time.push(item, to, after);
                    time.shape = Shape::Range;
                    next = after;
                }
                Role::Comma | Role::And | Role::Or if time.shape != Shape::Range => {
                    let found = self
                        .item(next + 1, false)
                        .filter(|(item, _)| item.unit == last.unit)
                        .or_else(|| self.elided_item(next + 1, last.unit));
                    let Some((item, after)) = found else { break };
                    if !time.push(item, next + 1, after) {
                        break;
                    }
                    time.shape = Shape::List;
                    next = after;
                }
                _ => break,
            }
        }
        time.share_elided_parts();
        Some((time, next))
    }

    /// A time expression led by a modifier word, or `None` when the word
    /// at `index` is not followed by a time. In a sentence, "vào năm N" is
    /// a target and "trong năm" without a number names nothing.
    pub(crate) fn modified_time(&self, index: usize, mode: Mode) -> Option<(Time, usize)> {
        let role = self.role(index)?;
        let modifier = match role {
            Role::In | Role::At => Modifier::Plain,
            Role::Before => Modifier::Before,
            Role::By | Role::To => Modifier::By,
            Role::From | Role::Since => Modifier::From,
            _ => return None,
        };
        let mut start = index + 1;
        if modifier == Modifier::By && matches!(self.role(start), Some(Role::In | Role::At)) {
            // "chậm nhất trong Quý III", "chậm nhất vào ngày …".
            start += 1;
        }
        if matches!(role, Role::In | Role::At)
            && self.is(start, Role::Year)
            && self.year(start + 1).is_none()
        {
            // "trong năm": the plan's year.
            if mode == Mode::Sentence {
                return None;
            }
            return Some((
                Time::single(Item::new(Unit::Year), start, start + 1, Modifier::Plain),
                start + 1,
            ));
        }
        let (time, next) = self.time(start, true, modifier)?;
        if mode == Mode::Sentence && role == Role::At && time.items[0].unit == Unit::Year {
            return None;
        }
        Some((time, next))
    }

    /// A recurrence: "định kỳ [core]", "hàng/hằng/mỗi UNIT", "N UNIT một
    /// lần", and after "định kỳ" also "N UNIT".
    pub(crate) fn recurrence(&self, index: usize) -> Option<(Option<Frequency>, usize)> {
        if self.is(index, Role::Periodic) {
            return match self.recurrence_core(index + 1, true) {
                Some((frequency, next)) => Some((frequency, next)),
                None => Some((None, index + 1)),
            };
        }
        self.recurrence_core(index, false)
    }

    pub(super) fn recurrence_core(
        &self,
        index: usize,
        after_periodic: bool,
    ) -> Option<(Option<Frequency>, usize)> {
        if self.is(index, Role::Every) {
            let unit = self.role(index + 1)?;
            let frequency = frequency(1, unit)?;
            let next = self.times_suffix(index + 2).unwrap_or(index + 2);
            return Some((Some(frequency), next));
        }
        let (count, unit_index) = if self.is(index, Role::Half) {
            (6, index + 1)
        } else {
            (self.number(index)?, index + 1)
        };
        let unit = self.role(unit_index)?;
        let unit = if self.is(index, Role::Half) {
            // "nửa năm một lần": six months.
            if unit != Role::Year {
                return None;
            }
            Role::Month
        } else {
            unit
        };
        if !matches!(
            unit,
            Role::Day | Role::Week | Role::Month | Role::Quarter | Role::Year
        ) {
            return None;
        }
        if matches!(self.role(unit_index + 1), Some(Role::Early | Role::Late)) {
            return None;
        }
        match self.times_suffix(unit_index + 1) {
            Some(next) => Some((frequency(count, unit), next)),
            None if after_periodic => Some((frequency(count, unit), unit_index + 1)),
            None => None,
        }
    }

    /// The next recurrence of a list, after the separator at `index`:
    /// "6 tháng", "năm" and "một năm" of "hàng quý, 6 tháng, năm" and "hằng
    /// quý, 6 tháng, một năm", "hàng năm" of "hàng quý, 6 tháng, hàng năm".
    /// A bare unit word ("quý", "năm") right after the first recurrence
    /// counts only where the list can end after it (a separator, a bracket,
    /// the clause end, a condition, "đột xuất", or a time led by "trong",
    /// "vào", "từ", "kể từ"), so that "hằng năm, năm 2025", "hằng năm, năm
    /// trước" or "hằng năm và ngày càng" are not lists. Once the list has
    /// two recurrences (`continuing`), a bare unit counts unless a number,
    /// "đầu", "cuối", "trước" or "sau" makes it a time of its own: "hàng
    /// tháng, quý, năm về Sở Nội vụ".
    pub(crate) fn recurrence_list_item(
        &self,
        index: usize,
        continuing: bool,
    ) -> Option<(Frequency, usize)> {
        if !matches!(self.role(index)?, Role::Comma | Role::And | Role::Or) {
            return None;
        }
        let at = index + 1;
        if self.offset(at).is_some() {
            return None;
        }
        if let Some((frequency, next)) = self.recurrence_core(at, true) {
            return frequency.map(|frequency| (frequency, next));
        }
        let frequency = frequency(1, self.role(at)?)?;
        let ends_list = match self.role(at + 1) {
            None => true,
            Some(
                Role::Number
                | Role::Numeral(_)
                | Role::Roman(_)
                | Role::Early
                | Role::Late
                | Role::Before
                | Role::Onward,
            ) => false,
            Some(_) if continuing => true,
            Some(role) => matches!(
                role,
                Role::Comma
                    | Role::And
                    | Role::Or
                    | Role::Semicolon
                    | Role::Dot
                    | Role::Colon
                    | Role::Close
                    | Role::Trigger
                    | Role::Immediate
                    | Role::AdHoc
                    | Role::In
                    | Role::At
                    | Role::From
                    | Role::Since
            ),
        };
        ends_list.then_some((frequency, at + 1))
    }

    /// Whether the tokens before `index` state round-the-clock availability
    /// ("24/24 giờ", "24 giờ", "24/24", "24/7"): a recurrence after them
    /// ("ổn định 24/24 giờ hàng ngày") says when a service runs, not when a
    /// task falls due.
    pub(crate) fn around_the_clock_before(&self, index: usize) -> bool {
        let number = |at: Option<usize>| {
            at.and_then(|at| self.tokens.get(at))
                .filter(|token| token.role == Role::Number)
                .map(|token| token.value)
        };
        let Some(last) = index.checked_sub(1) else {
            return false;
        };
        if self.is(last, Role::Hour) {
            return number(last.checked_sub(1)) == Some(24);
        }
        matches!(number(Some(last)), Some(24 | 7))
            && last
                .checked_sub(1)
                .is_some_and(|slash| self.is(slash, Role::Slash))
            && number(last.checked_sub(2)) == Some(24)
    }

    /// "một lần", "1 lần", "/lần", "lần" after a count and unit.
    fn times_suffix(&self, index: usize) -> Option<usize> {
        match self.role(index)? {
            Role::Times => Some(index + 1),
            Role::Slash if self.is(index + 1, Role::Times) => Some(index + 2),
            _ if self.number(index) == Some(1) && self.is(index + 1, Role::Times) => {
                Some(index + 2)
            }
            _ => None,
        }
    }

    /// "24-48 giờ", "36 tháng" right before a trigger ("sau khi …"). The
    /// returned index is that of the trigger.
    pub(crate) fn offset(&self, index: usize) -> Option<(Offset, usize)> {
        let min = self
            .tokens
            .get(index)
            .filter(|t| t.role == Role::Number)?
            .value;
        let (max, unit_index) = if self.is(index + 1, Role::Dash) {
            let max = self
                .tokens
                .get(index + 2)
                .filter(|t| t.role == Role::Number)?
                .value;
            (max, index + 3)
        } else {
            (min, index + 1)
        };
        let unit = match self.role(unit_index)? {
            Role::Hour => OffsetUnit::Hour,
            Role::Day => OffsetUnit::Day,
            Role::Week => OffsetUnit::Week,
            Role::Month => OffsetUnit::Month,
            Role::Year => OffsetUnit::Year,
            _ => return None,
        };
        let trigger = unit_index + 1;
        if !matches!(
            self.role(trigger)?,
            Role::Trigger | Role::Since | Role::Immediate | Role::Onward
        ) {
            return None;
        }
        if max < min {
            return None;
        }
        Some((Offset { min, max, unit }, trigger))
    }
}

/// The frequency of "every `count` `unit`"; `None` for an interval no
/// frequency names (every two weeks).
fn frequency(count: u32, unit: Role) -> Option<Frequency> {
    Some(match (count, unit) {
        (1, Role::Day) => Frequency::Daily,
        (1, Role::Week) => Frequency::Weekly,
        (1, Role::Month) => Frequency::Monthly,
        (3, Role::Month) | (1, Role::Quarter) => Frequency::Quarterly,
        (6, Role::Month) | (2, Role::Quarter) => Frequency::Semiannual,
        (12, Role::Month) | (4, Role::Quarter) | (1, Role::Year) => Frequency::Annual,
        (24, Role::Month) | (2, Role::Year) => Frequency::Biennial,
        _ => return None,
    })
}

/// Days in `month`; February has 29 unless the year is known not to be a
/// leap year; 0 for a month (or year) that does not exist.
pub(crate) fn days_in_month(year: Option<i16>, month: u8) -> u8 {
    // 2000 is a leap year, so an unknown year keeps 29 February.
    let month = i8::try_from(month).unwrap_or(0);
    jiff::civil::Date::new(year.unwrap_or(2000), month, 1)
        .map_or(0, |first| u8::try_from(first.days_in_month()).unwrap_or(0))
}

/// A token index as stored in a [`Time`]; a phrase has far fewer than
/// 2^32 tokens, and an index past that saturates.
fn token_index(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

fn valid_day(item: &Item) -> bool {
    item.day >= 1 && item.day <= days_in_month(item.year, item.month)
}
