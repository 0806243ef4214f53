//! Walks the clauses of a phrase or sentence and turns what the grammar
//! recognises into atoms; see the module documentation of [`super`] for
//! which pieces count where.

use super::Frequency;
use super::grammar::{Atom, AtomKind, Condition, Grammar, Mode, Modifier, Time, Unit};
use super::lexicon::Role;

impl Grammar<'_> {
    /// Whether a time item, recurrence, ongoing word or modified time opens
    /// the tokens from `index` to the next comma, or a modified time occurs
    /// in them: such a comma ends a condition.
    fn subclause_has_piece(&self, index: usize, end: usize) -> bool {
        let mut at = index;
        while at < end && matches!(self.role(at), Some(Role::Noise | Role::Finish)) {
            at += 1;
        }
        if at < end {
            let opens = self.time(at, true, Modifier::Plain).is_some()
                || self.recurrence(at).is_some()
                || matches!(self.role(at), Some(Role::Ongoing));
            if opens {
                return true;
            }
        }
        while at < end && !self.is(at, Role::Comma) {
            if self.modified_time(at, Mode::Phrase).is_some() {
                return true;
            }
            at += 1;
        }
        false
    }

    /// The atoms of the clause `first..end`.
    pub(crate) fn scan(&self, first: usize, end: usize, mode: Mode, atoms: &mut Vec<Atom>) {
        let mut scanner = Scanner {
            grammar: self,
            atoms,
            anchored: true,
            description: false,
            joined: false,
        };
        match mode {
            Mode::Phrase => scanner.phrase(first, end),
            Mode::Sentence => scanner.sentence(first, end),
        }
    }
}

/// Walks one clause, turning what it recognises into atoms.
struct Scanner<'g, 't, 'a> {
    grammar: &'g Grammar<'t>,
    atoms: &'a mut Vec<Atom>,
    /// A time item here would open a piece of the deadline rather than sit
    /// inside a description ("chuyên đề năm 2023").
    anchored: bool,
    /// Ordinary words were seen since the last atom.
    description: bool,
    /// "và" was seen since the last atom.
    joined: bool,
}

impl Scanner<'_, '_, '_> {
    fn push(&mut self, kind: AtomKind, first: usize, end: usize) {
        self.atoms.push(Atom {
            kind,
            first,
            end,
            after_description: self.description,
            joined: self.joined,
            inside_condition: false,
            listed: false,
        });
        self.description = false;
        self.joined = false;
        self.anchored = true;
    }

    /// The time a modifier at `index` introduces (read from `time_at`) is
    /// an atom when `accept` agrees with where it ends; otherwise the word
    /// at `index` is ordinary. Returns where scanning goes on.
    fn time_or_ordinary(
        &mut self,
        index: usize,
        time_at: usize,
        accept: impl FnOnce(&Self, usize) -> bool,
    ) -> usize {
        match self.grammar.modified_time(time_at, Mode::Sentence) {
            Some((time, next)) if accept(self, next) => {
                self.push(AtomKind::Time(time), index, next);
                next
            }
            _ => {
                self.ordinary();
                index + 1
            }
        }
    }

    fn ordinary(&mut self) {
        self.description = true;
        self.anchored = false;
    }

    /// A whole deadline phrase: every anchored piece counts.
    fn phrase(&mut self, first: usize, end: usize) {
        let grammar = self.grammar;
        let mut index = first;
        while index < end {
            let Some(role) = grammar.role(index) else {
                break;
            };
            match role {
                Role::Comma | Role::Colon | Role::Open | Role::Close => {
                    self.anchored = true;
                    index += 1;
                }
                // "Thường xuyên/định kỳ" joins two pieces, but "Quý V/2023"
                // must not make "2023" a piece of its own: a slash or dash
                // leaves the anchoring as it was.
                Role::Slash | Role::Dash => index += 1,
                Role::Noise | Role::Finish => {
                    self.anchored = true;
                    index += 1;
                }
                Role::And => {
                    if let Some(next) = self.onward_after_and(index) {
                        self.push(AtomKind::Onward, index, next);
                        index = next;
                    } else {
                        self.joined = true;
                        self.anchored = true;
                        index += 1;
                    }
                }
                Role::Plural | Role::Onward => match self.onward(index) {
                    Some(next) => {
                        self.push(AtomKind::Onward, index, next);
                        index = next;
                    }
                    None => {
                        self.ordinary();
                        index += 1;
                    }
                },
                Role::Ongoing => {
                    self.push(AtomKind::Ongoing, index, index + 1);
                    index = self.recurrence_tail(index + 1, end, None, Mode::Phrase);
                }
                Role::Periodic | Role::Every => match grammar.recurrence(index) {
                    Some((frequency, next)) => {
                        self.push(AtomKind::Recur(frequency), index, next);
                        index = self.recurrence_tail(next, end, frequency, Mode::Phrase);
                    }
                    None => {
                        self.ordinary();
                        index += 1;
                    }
                },
                Role::Trigger | Role::Immediate | Role::Until => {
                    index = self.condition(index, end, Mode::Phrase);
                }
                // "Đột xuất" opening a cell or following a comma is an ad
                // hoc deadline; "kiểm tra đột xuất" describes an inspection.
                Role::AdHoc if self.anchored => {
                    index = self.ad_hoc(index, end, Mode::Phrase);
                }
                Role::In
                | Role::At
                | Role::Before
                | Role::By
                | Role::From
                | Role::Since
                | Role::To => {
                    if matches!(role, Role::In | Role::At)
                        && let Some((offset, next)) = grammar.offset(index + 1)
                    {
                        self.push(AtomKind::Offset(offset), index, next);
                        index = next;
                        continue;
                    }
                    if let Some((time, next)) = grammar.modified_time(index, Mode::Phrase) {
                        self.push(AtomKind::Time(time), index, next);
                        index = next;
                    } else if role == Role::Since {
                        // "kể từ ngày ký": a condition, not a date.
                        index = self.condition(index, end, Mode::Phrase);
                    } else {
                        self.anchored = true;
                        index += 1;
                    }
                }
                role if matches!(role, Role::Number | Role::Numeral(_)) || role.opens_time() => {
                    if !self.anchored {
                        self.ordinary();
                        index += 1;
                        continue;
                    }
                    if let Some((offset, next)) = grammar.offset(index) {
                        self.push(AtomKind::Offset(offset), index, next);
                        index = next;
                    } else if let Some((frequency, next)) = grammar.recurrence(index) {
                        self.push(AtomKind::Recur(frequency), index, next);
                        index = self.recurrence_tail(next, end, frequency, Mode::Phrase);
                    } else if let Some((time, next)) = grammar.time(index, true, Modifier::Plain) {
                        self.push(AtomKind::Time(time), index, next);
                        index = next;
                    } else {
                        self.ordinary();
                        index += 1;
                    }
                }
                _ => {
                    self.ordinary();
                    index += 1;
                }
            }
        }
    }

    /// A sentence: only pieces introduced as deadlines count.
    fn sentence(&mut self, first: usize, end: usize) {
        let grammar = self.grammar;
        let opening = self.skip_list_marker(first, end);
        let mut index = opening;
        while index < end {
            let Some(role) = grammar.role(index) else {
                break;
            };
            let at_opening = index == opening;
            match role {
                Role::Periodic | Role::Every => {
                    let after_noun = index > first
                        && matches!(grammar.role(index - 1), Some(Role::Budget | Role::Plan));
                    let around_the_clock = grammar.around_the_clock_before(index);
                    match grammar.recurrence(index) {
                        Some((frequency, next)) if !after_noun && !around_the_clock => {
                            self.push(AtomKind::Recur(frequency), index, next);
                            index = self.recurrence_tail(next, end, frequency, Mode::Sentence);
                        }
                        _ => {
                            self.ordinary();
                            index += 1;
                        }
                    }
                }
                Role::Number | Role::Numeral(_) => {
                    if let Some((offset, next)) = grammar.offset(index) {
                        self.push(AtomKind::Offset(offset), index, next);
                        index = self.condition(next, end, Mode::Sentence);
                    } else if let Some((frequency, next)) = grammar.recurrence_core(index, false) {
                        self.push(AtomKind::Recur(frequency), index, next);
                        index = self.recurrence_tail(next, end, frequency, Mode::Sentence);
                    } else if let Some(next) = self.opening_time(index, at_opening, Modifier::Plain)
                    {
                        index = next;
                    } else {
                        self.ordinary();
                        index += 1;
                    }
                }
                Role::In | Role::At | Role::Before | Role::By | Role::Finish => {
                    let modifier_at = if role == Role::Finish {
                        index + 1
                    } else {
                        index
                    };
                    if matches!(grammar.role(modifier_at), Some(Role::In | Role::At))
                        && let Some((offset, next)) = grammar.offset(modifier_at + 1)
                    {
                        self.push(AtomKind::Offset(offset), index, next);
                        index = self.condition(next, end, Mode::Sentence);
                        continue;
                    }
                    index = self.time_or_ordinary(index, modifier_at, |_, _| true);
                }
                Role::Since => {
                    // "kể từ năm 2027" only extends the piece just before it.
                    let follows_piece = !self.description && !self.atoms.is_empty();
                    index = self.time_or_ordinary(index, index, |_, _| follows_piece);
                }
                Role::From | Role::To if at_opening => {
                    index = self.time_or_ordinary(index, index, |scanner, next| {
                        grammar.is(next, Role::Comma) || scanner.onward(next).is_some()
                    });
                }
                Role::Immediate => {
                    index = self.condition(index, end, Mode::Sentence);
                }
                Role::And | Role::Plural | Role::Onward => {
                    let onward = if role == Role::And {
                        self.onward_after_and(index)
                    } else {
                        self.onward(index)
                    };
                    match onward {
                        Some(next) if !self.description && !self.atoms.is_empty() => {
                            self.push(AtomKind::Onward, index, next);
                            index = next;
                        }
                        _ => {
                            if role == Role::And {
                                self.joined = true;
                            } else {
                                self.ordinary();
                            }
                            index += 1;
                        }
                    }
                }
                role if role.opens_time() => {
                    match self.opening_time(index, at_opening, Modifier::Plain) {
                        Some(next) => index = next,
                        None => {
                            self.ordinary();
                            index += 1;
                        }
                    }
                }
                Role::Noise => index += 1,
                _ => {
                    self.ordinary();
                    index += 1;
                }
            }
        }
    }

    /// A period that opens a sentence and is followed by a comma: "Năm
    /// 2026, …", "Quý I/2024, …". A day is not taken there: "Ngày 09 tháng
    /// 6 năm 2025, Chính phủ ban hành …" tells what happened.
    fn opening_time(
        &mut self,
        index: usize,
        at_opening: bool,
        modifier: Modifier,
    ) -> Option<usize> {
        if !at_opening {
            return None;
        }
        let (time, next) = self.grammar.time(index, true, modifier)?;
        if time.items[0].unit == Unit::Day || !self.grammar.is(next, Role::Comma) {
            return None;
        }
        self.push(AtomKind::Time(time), index, next);
        Some(next)
    }

    /// Skips "a)", "1.", "-", "+" at the start of a sentence.
    fn skip_list_marker(&self, first: usize, end: usize) -> usize {
        let grammar = self.grammar;
        let mut index = first;
        while index < end {
            match grammar.role(index) {
                Some(Role::Dash | Role::Punct | Role::Colon | Role::Close) => index += 1,
                Some(Role::Other | Role::Number | Role::Roman(_))
                    if grammar.is(index + 1, Role::Close)
                        && grammar
                            .tokens
                            .get(index)
                            .is_some_and(|t| t.end - t.start <= 3) =>
                {
                    index += 2;
                }
                _ => break,
            }
        }
        index
    }

    /// "các năm tiếp theo", "trở đi" at `index`; the index after it.
    fn onward(&self, index: usize) -> Option<usize> {
        let grammar = self.grammar;
        match grammar.role(index)? {
            Role::Onward => Some(index + 1),
            Role::Plural
                if grammar.is(index + 1, Role::Year) && grammar.is(index + 2, Role::Onward) =>
            {
                Some(index + 3)
            }
            _ => None,
        }
    }

    /// "và các năm tiếp theo" at `index` (the "và").
    fn onward_after_and(&self, index: usize) -> Option<usize> {
        if self.grammar.is(index + 1, Role::Plural) {
            self.onward(index + 1)
        } else {
            None
        }
    }

    /// What follows a recurrence (or, in a phrase, "thường xuyên"): the
    /// other recurrences of a list ("hàng quý, 6 tháng, năm"), each an atom
    /// marked `listed`, then an ad hoc deadline ("hoặc đột xuất"). Returns
    /// the index after them.
    fn recurrence_tail(
        &mut self,
        mut index: usize,
        end: usize,
        frequency: Option<Frequency>,
        mode: Mode,
    ) -> usize {
        let grammar = self.grammar;
        if frequency.is_some() {
            let mut continuing = false;
            while let Some((frequency, next)) = grammar.recurrence_list_item(index, continuing)
                && next <= end
            {
                continuing = true;
                self.push(AtomKind::Recur(Some(frequency)), index + 1, next);
                if let Some(atom) = self.atoms.last_mut() {
                    atom.listed = true;
                }
                index = next;
            }
        }
        let mut at = index;
        while at < end
            && matches!(
                grammar.role(at),
                Some(Role::Comma | Role::And | Role::Or | Role::Open)
            )
        {
            at += 1;
        }
        if at < end && grammar.is(at, Role::AdHoc) {
            return self.ad_hoc(at, end, mode);
        }
        index
    }

    /// "đột xuất" at `index`, with the condition that follows it if one
    /// does ("đột xuất khi có yêu cầu"): an ad hoc deadline of its own.
    fn ad_hoc(&mut self, index: usize, end: usize, mode: Mode) -> usize {
        let grammar = self.grammar;
        if matches!(
            grammar.role(index + 1),
            Some(Role::Trigger | Role::Immediate)
        ) && index + 1 < end
        {
            return self.condition_from(index, end, mode, true);
        }
        let Some(token) = grammar.tokens.get(index) else {
            return end;
        };
        let condition = Condition {
            start: token.start,
            end: token.end,
            until: false,
            ad_hoc: true,
        };
        self.push(AtomKind::Condition(condition), index, index + 1);
        index + 1
    }

    /// A condition from the trigger at `index`; see [`Self::condition_from`].
    fn condition(&mut self, index: usize, end: usize, mode: Mode) -> usize {
        self.condition_from(index, end, mode, false)
    }

    /// A condition from the trigger at `index` to the end of the clause, to
    /// a closing bracket it did not open ("(hoặc đột xuất khi có yêu cầu)")
    /// or (in a phrase) to a comma after which a new piece starts; times led
    /// by a modifier inside it become its dates. Returns the index after it.
    fn condition_from(&mut self, index: usize, end: usize, mode: Mode, ad_hoc: bool) -> usize {
        let grammar = self.grammar;
        let until = grammar.is(index, Role::Until);
        let mut inner: [Option<(Time, usize, usize)>; 2] = [None, None];
        let mut n_inner = 0;
        let mut depth = 0usize;
        let mut at = index + 1;
        while at < end {
            if grammar.is(at, Role::Comma)
                && (mode == Mode::Sentence || grammar.subclause_has_piece(at + 1, end))
            {
                break;
            }
            match grammar.role(at) {
                Some(Role::Open) => depth += 1,
                Some(Role::Close) if depth == 0 => break,
                Some(Role::Close) => depth -= 1,
                _ => {}
            }
            if let Some((time, next)) = grammar.modified_time(at, mode) {
                if n_inner < inner.len() {
                    inner[n_inner] = Some((time, at, next));
                    n_inner += 1;
                }
                at = next;
                continue;
            }
            at += 1;
        }
        let condition_end = at;
        let (Some(first), Some(last)) = (
            grammar.tokens.get(index),
            grammar
                .tokens
                .get(condition_end.saturating_sub(1).max(index)),
        ) else {
            return end;
        };
        let condition = Condition {
            start: first.start,
            end: last.end,
            until,
            ad_hoc,
        };
        self.push(AtomKind::Condition(condition), index, condition_end);
        for (time, first, next) in inner.into_iter().flatten() {
            self.atoms.push(Atom {
                kind: AtomKind::Time(time),
                first,
                end: next,
                after_description: false,
                joined: false,
                inside_condition: true,
                listed: false,
            });
        }
        condition_end
    }
}
