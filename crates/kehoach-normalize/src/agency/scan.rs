//! Finds agency mentions in a token stream.
//!
//! A mention is, in order:
//!
//! ```text
//! mention := plural? role? plural? org
//!          | plural? role                       (a standalone role: "Người đứng đầu")
//! org     := alias                             ("Văn phòng", defined by the document)
//!          | entry qualifier*                  (gazetteer: "Sở Y tế", "Hội Nông dân tỉnh")
//!          | head name                         ("Phòng Nội chính và Kiểm soát TTHC")
//!          | group-noun (sep group-noun)* name ("các sở, ban, ngành tỉnh")
//! name    := words up to a boundary
//! ```
//!
//! The boundary of a name is where separators stop being part of it: a
//! comma, "và" or hyphen ends a name when the next word starts another
//! mention ("Trung tâm Công báo và Tin học" stays whole, "Sở Tư pháp và các
//! sở" splits), when the name so far is a complete gazetteer entry
//! ("Sở Văn hóa, Thể thao và Du lịch" is one entry, so its comma is kept and
//! the one after it splits), or when a lowercase verb starts the predicate
//! ("Sở Nội vụ chủ trì") or a clause of assignment qualifies the mention
//! ("Các cơ quan được giao chủ trì …"). In a collective mention a comma
//! followed by a verb goes on when the verb is one of a list of descriptors
//! ("tham mưu, tổng hợp, chuyên môn") or an attribute that places the
//! collection ("tham mưu, quản lý nhà nước thuộc Bộ").
//!
//! Lookahead never parses a whole mention, only tests whether one could
//! start ([`Scanner::starts_mention`]), so scanning is linear in the input.

use std::ops::Range;

use super::alias::Aliases;
use super::lexicon::{LEXICON, Lexicon};
use super::token::{Case, Class, Token};
use super::{AdminLevel, AgencyKind};

/// How much a mention must look like a name to be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Running text: a head must be followed by a capitalised name or a
    /// level ("Ban hành kế hoạch" is a verb, not a committee).
    Strict,
    /// A field value or table cell, which is expected to name agencies: a
    /// head followed by a lowercase description is accepted ("Tổ kiểm tra
    /// việc chấp hành kỷ luật …").
    List,
}

/// One mention found in the tokens.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub tokens: Range<usize>,
    pub kind: AgencyKind,
    pub level: Option<AdminLevel>,
    pub group: bool,
    pub member_kind: Option<AgencyKind>,
    /// The canonical name when it is not rendered from the tokens: a
    /// resolved alias or an item of a distributed list ("Các Sở: Nội vụ").
    pub name: Option<String>,
}

/// What the words after a head told about the mention.
#[derive(Debug, Default)]
struct NameInfo {
    /// A capitalised word, a spelled-out abbreviation, a level or a number.
    content: bool,
    levels: Levels,
    /// The name listed several levels or units ("huyện, thị xã, thành
    /// phố"), which makes the mention collective.
    collective: bool,
}

/// Values seen one by one, reduced to one when they all agree.
#[derive(Debug, Clone, Copy)]
struct Agreed<T> {
    seen: bool,
    value: Option<T>,
    mixed: bool,
}

impl<T> Default for Agreed<T> {
    fn default() -> Self {
        Agreed {
            seen: false,
            value: None,
            mixed: false,
        }
    }
}

impl<T: Copy + PartialEq> Agreed<T> {
    fn add(&mut self, value: Option<T>) {
        if !self.seen {
            self.seen = true;
            self.value = value;
        } else if self.value != value {
            self.mixed = true;
        }
    }

    fn get(self) -> Option<T> {
        if self.mixed { None } else { self.value }
    }
}

/// The levels a mention states.
type Levels = Agreed<AdminLevel>;
/// The kinds of the members of a collective mention.
type Kinds = Agreed<AgencyKind>;

/// Scans the tokens of one text.
pub(crate) struct Scanner<'t, 'a> {
    pub toks: &'t [Token<'a>],
    pub lex: &'static Lexicon,
    pub aliases: Option<&'t Aliases>,
    /// Read every word as if it were lowercase and written out: the parse
    /// then depends on the words alone, which the renderer needs to decide
    /// a name's casing the same way before and after it recases the name.
    pub case_blind: bool,
}

impl<'t, 'a> Scanner<'t, 'a> {
    pub fn new(toks: &'t [Token<'a>], aliases: Option<&'t Aliases>) -> Self {
        Scanner {
            toks,
            lex: &LEXICON,
            aliases,
            case_blind: false,
        }
    }

    /// Whether the token at `p` is written as a name.
    fn cap(&self, p: usize) -> bool {
        !self.case_blind && self.toks.get(p).is_some_and(Token::is_capitalized)
    }

    fn len(&self) -> usize {
        self.toks.len()
    }

    fn punct(&self, p: usize, c: &str) -> bool {
        self.toks.get(p).is_some_and(|t| t.is_punct(c))
    }

    fn is_lower_word(&self, p: usize) -> bool {
        self.toks.get(p).is_some_and(|t| {
            t.class == Class::Word
                && (self.case_blind
                    || !t.expanded
                        && (t.case == Case::Lower || t.case == Case::Mixed && !t.is_capitalized()))
        })
    }

    /// A lowercase verb that starts a predicate.
    pub fn end_verb_len(&self, p: usize) -> Option<usize> {
        if !self.is_lower_word(p) {
            return None;
        }
        self.lex.end_verbs.len_at(self.toks, p)
    }

    fn strong_end_verb(&self, p: usize) -> bool {
        self.is_lower_word(p) && self.lex.strong_end_verbs.len_at(self.toks, p).is_some()
    }

    fn false_head(&self, p: usize, head_len: usize) -> bool {
        self.lex
            .false_heads
            .len_at(self.toks, p)
            .is_some_and(|len| len >= head_len)
    }

    /// A head noun at `p`, unless the words there are a false head.
    fn head_at(&self, p: usize) -> Option<(usize, u32)> {
        let (len, &id) = self.lex.head_trie.at(self.toks, p)?;
        if self.false_head(p, len) {
            return None;
        }
        Some((len, id))
    }

    fn group_at(&self, p: usize) -> Option<(usize, &'static super::lexicon::GroupNoun)> {
        let (len, noun) = self.lex.groups.at(self.toks, p)?;
        // A false head longer than the noun blocks it ("phòng, chống"); one
        // of the same length ("tổ chức") is the noun itself.
        if self
            .lex
            .false_heads
            .len_at(self.toks, p)
            .is_some_and(|l| l > len)
        {
            return None;
        }
        Some((len, noun))
    }

    /// A gazetteer entry written as a name at `p`.
    fn entry_at(&self, p: usize, mode: Mode) -> Option<(usize, u32)> {
        let (len, &id) = self.lex.gazetteer.at(self.toks, p)?;
        if mode == Mode::Strict && !self.cap(p) {
            return None;
        }
        Some((len, id))
    }

    /// Whether a document alias may end before `p`: a separator, a verb or
    /// the end, but not a qualifier ("các phòng, ban, đơn vị có liên quan"
    /// is a part of the collection the alias names, not all of it).
    fn at_alias_boundary(&self, p: usize) -> bool {
        self.at_boundary(p) && self.lex.qualifiers.len_at(self.toks, p).is_none()
    }

    /// Whether a separator or the end of the text follows `p`.
    fn at_boundary(&self, p: usize) -> bool {
        match self.toks.get(p) {
            None => true,
            Some(t) if t.class == Class::Punct => !matches!(&*t.key, "&" | "/" | "-" | "'"),
            Some(_) => {
                self.end_verb_len(p).is_some()
                    || self.lex.connectives.len_at(self.toks, p).is_some()
                    || self.lex.qualifiers.len_at(self.toks, p).is_some()
            }
        }
    }

    /// Whether a mention could start at `p`. Cheap: it looks at a few
    /// tokens and never parses a name.
    pub fn starts_mention(&self, p: usize, mode: Mode) -> bool {
        if p >= self.len() || self.toks[p].class == Class::Punct {
            return false;
        }
        if self.alias_len_at(p).is_some() {
            return true;
        }
        let mut q = p;
        let plural = self.lex.plural.len_at(self.toks, q);
        if let Some(len) = plural {
            q += len;
        }
        if q >= self.len() {
            return false;
        }
        if let Some((len, &role)) = self.lex.role_trie.at(self.toks, q) {
            let after = q + len;
            let after = after + self.lex.plural.len_at(self.toks, after).unwrap_or(0);
            if self.lex.roles[role as usize].standalone
                || self.entry_at(after, Mode::List).is_some()
                || self.head_at(after).is_some()
                || self.group_at(after).is_some()
                || self.alias_len_at(after).is_some()
            {
                return true;
            }
        }
        if self.entry_at(q, mode).is_some() {
            return true;
        }
        if let Some((len, _)) = self.head_at(q) {
            let next = q + len;
            if plural.is_some()
                || self.punct(next, ":")
                || self.cap(next)
                || self.lex.levels.len_at(self.toks, next).is_some()
                || self.lex.plural.len_at(self.toks, next).is_some()
            {
                return true;
            }
        }
        if let Some((_, noun)) = self.group_at(q) {
            return plural.is_some() || !noun.needs_plural;
        }
        false
    }

    /// The length of a document alias at `p` that ends at a boundary.
    fn alias_len_at(&self, p: usize) -> Option<usize> {
        let aliases = self.aliases?;
        aliases
            .entries()
            .filter_map(|(keys, _)| {
                let matches = keys.len() <= self.len() - p
                    && keys
                        .iter()
                        .zip(&self.toks[p..])
                        .all(|(k, t)| k.as_str() == &*t.key);
                (matches && self.at_alias_boundary(p + keys.len())).then_some(keys.len())
            })
            .max()
    }

    fn alias_mention(&self, start: usize, p: usize) -> Option<Mention> {
        let aliases = self.aliases?;
        let (keys, agency) = aliases
            .entries()
            .filter(|(keys, _)| {
                keys.len() <= self.len() - p
                    && keys
                        .iter()
                        .zip(&self.toks[p..])
                        .all(|(k, t)| k.as_str() == &*t.key)
                    && self.at_alias_boundary(p + keys.len())
            })
            .max_by_key(|(keys, _)| keys.len())?;
        Some(Mention {
            tokens: start..p + keys.len(),
            kind: agency.kind,
            level: agency.level,
            group: agency.group,
            member_kind: agency.member_kind,
            name: Some(agency.name.clone()),
        })
    }

    /// Parses the mention that starts at `start`.
    pub fn mention(&self, start: usize, mode: Mode) -> Option<Mention> {
        if start >= self.len() || self.toks[start].class == Class::Punct {
            return None;
        }
        let mut p = start;
        let plural = self.lex.plural.len_at(self.toks, p);
        if let Some(len) = plural {
            p += len;
        }
        if !self.may_start_mention(p) {
            return None;
        }
        if let Some(mention) = self.role_mention(start, p, plural.is_some(), mode) {
            return Some(mention);
        }
        self.org(start, p, plural.is_some(), mode, false)
    }

    /// Whether a role or an agency can start at `p`: its key starts a role,
    /// a gazetteer entry, a head, a group noun or an alias. Most words start
    /// none, which this tells without parsing.
    pub fn may_start_mention(&self, p: usize) -> bool {
        let Some(token) = self.toks.get(p) else {
            return false;
        };
        let key = &token.key;
        self.lex.role_trie.starts_with(key)
            || self.lex.head_trie.starts_with(key)
            || self.lex.gazetteer.starts_with(key)
            || self.lex.groups.starts_with(key)
            || self
                .aliases
                .is_some_and(|aliases| aliases.entries().any(|(keys, _)| keys[0] == **key))
    }

    fn role_mention(&self, start: usize, p: usize, plural: bool, mode: Mode) -> Option<Mention> {
        let (len, &role_id) = self.lex.role_trie.at(self.toks, p)?;
        let role = &self.lex.roles[role_id as usize];
        // "Thủ tướng Chính phủ" and "Chủ tịch UBND tỉnh" are gazetteer
        // entries too; the entry wins when it is longer than role + org
        // would be, which the org parse below decides.
        let mut q = p + len;
        let inner_plural = self.lex.plural.len_at(self.toks, q);
        if let Some(len) = inner_plural {
            q += len;
        }
        let group = plural || inner_plural.is_some();
        match self.org(q, q, inner_plural.is_some(), mode, true) {
            Some(org) => {
                let group = group || org.group;
                Some(Mention {
                    tokens: start..org.tokens.end,
                    kind: if group {
                        AgencyKind::Group
                    } else {
                        AgencyKind::PersonRole
                    },
                    level: org.level,
                    group,
                    member_kind: group.then_some(AgencyKind::PersonRole),
                    name: org.name.map(|name| {
                        let plural = self.toks[start..p]
                            .iter()
                            .map(|t| t.text.to_lowercase())
                            .collect::<Vec<_>>()
                            .join(" ");
                        let named = format!("{plural} {} {name}", role.name);
                        kehoach_text::capitalize(named.trim_start())
                    }),
                })
            }
            None if role.standalone
                && inner_plural.is_none()
                && (self.at_boundary(p + len) || self.person_name_len(p + len) > 0) =>
            {
                Some(Mention {
                    // A role may be followed by the person's name ("Bộ trưởng
                    // Trần Đức Thắng").
                    tokens: start..p + len + self.person_name_len(p + len),
                    kind: if plural {
                        AgencyKind::Group
                    } else {
                        AgencyKind::PersonRole
                    },
                    level: None,
                    group: plural,
                    member_kind: plural.then_some(AgencyKind::PersonRole),
                    name: None,
                })
            }
            None => None,
        }
    }

    /// The number of words of a person's name at `p`: two to four words in
    /// title case that start no mention.
    fn person_name_len(&self, p: usize) -> usize {
        let len = self.toks[p.min(self.len())..]
            .iter()
            .take(4)
            .take_while(|t| {
                t.class == Class::Word && t.case == Case::Title && !t.expanded && !self.case_blind
            })
            .count();
        if len >= 2 && !self.starts_mention(p, Mode::Strict) {
            len
        } else {
            0
        }
    }

    /// Parses an agency (not a role) at `p`; `start` is where the mention
    /// began (before a plural marker).
    fn org(
        &self,
        start: usize,
        p: usize,
        plural: bool,
        mode: Mode,
        after_role: bool,
    ) -> Option<Mention> {
        if p >= self.len() {
            return None;
        }
        if let Some(mention) = self.alias_mention(start, p) {
            return Some(mention);
        }
        // A plural marker before a noun that is both a head and a group noun
        // ("các phòng", "các Sở, ngành") makes a collective mention.
        if plural
            && self.group_at(p).is_some()
            && let Some(mention) = self.group(start, p, plural, mode)
        {
            return Some(mention);
        }
        let entry_mode = if after_role { Mode::List } else { mode };
        let entry = self
            .entry_at(p, entry_mode)
            .map(|(len, id)| self.entry_mention(start, p, len, id, plural));
        let head = self.head_mention(start, p, plural, mode, after_role);
        match (entry, head) {
            // An entry that ends with a level ("Ủy ban nhân dân tỉnh") gives
            // way to the head's grammar when that reads a longer list of
            // levels ("Ủy ban nhân dân tỉnh, thành phố trực thuộc trung
            // ương"); otherwise the entry's extent wins, so that "Bộ Thông
            // tin và Truyền thông Bộ Khoa học …" splits where the entry ends.
            (Some(entry), Some(head))
                if head.tokens.end > entry.tokens.end
                    && self
                        .lex
                        .levels
                        .len_at(self.toks, entry.tokens.end - 1)
                        .is_some()
                    && self.continues_level_list(entry.tokens.end) =>
            {
                return Some(head);
            }
            (Some(entry), _) => return Some(entry),
            (None, Some(head)) => return Some(head),
            (None, None) => {}
        }
        if self.group_at(p).is_some() {
            return self.group(start, p, plural, mode);
        }
        None
    }

    fn head_mention(
        &self,
        start: usize,
        p: usize,
        plural: bool,
        mode: Mode,
        after_role: bool,
    ) -> Option<Mention> {
        if let Some((len, head_id)) = self.head_at(p) {
            let head = &self.lex.heads[head_id as usize];
            let (end, info) = self.name(p + len, mode, false);
            let named = head.bare || info.content;
            let described = end > p + len;
            let accepted = named
                || (plural && described)
                || (mode == Mode::List && described)
                || (after_role && self.at_boundary(p + len))
                // "ỦY BAN NHÂN DÂN" alone, a header whose place is lost.
                || (head.standalone && !plural && !described && self.at_boundary(p + len));
            if accepted {
                let group = plural || info.collective;
                return Some(Mention {
                    tokens: start..end,
                    kind: if group { AgencyKind::Group } else { head.kind },
                    level: info
                        .levels
                        .get()
                        .or(if info.levels.seen { None } else { head.level }),
                    group,
                    member_kind: group.then_some(head.kind),
                    name: None,
                });
            }
        }
        None
    }

    fn entry_mention(&self, start: usize, p: usize, len: usize, id: u32, plural: bool) -> Mention {
        let entry = &self.lex.entries[id as usize];
        let (end, info) = self.qualifiers_after_entry(p + len);
        let group = plural || info.collective;
        let level = if info.levels.seen {
            info.levels.get()
        } else {
            entry.level
        };
        Mention {
            tokens: start..end,
            kind: if group { AgencyKind::Group } else { entry.kind },
            level,
            group,
            member_kind: group.then_some(entry.kind),
            name: None,
        }
    }

    /// The words a complete gazetteer name may still take: a level or a
    /// list of levels ("Ủy ban nhân dân tỉnh, thành phố trực thuộc trung
    /// ương"), a place ("Kho bạc Nhà nước Tiền Giang"), "cấp huyện".
    fn qualifiers_after_entry(&self, mut p: usize) -> (usize, NameInfo) {
        let mut info = NameInfo::default();
        loop {
            if let Some(next) = self.level_list(p, &mut info) {
                p = next;
                continue;
            }
            let Some(t) = self.toks.get(p) else { break };
            // In a heading in capitals every word is capitalised: there a
            // verb is known by its key alone ("… CHÍNH PHỦ VỀ TĂNG CƯỜNG").
            let in_capitals =
                t.case == Case::Upper && p > 0 && self.toks[p - 1].case == Case::Upper;
            let place_word = t.case == Case::Title
                || in_capitals && self.lex.end_verbs.len_at(self.toks, p).is_none();
            if t.class == Class::Word
                && place_word
                && !t.expanded
                && !self.case_blind
                && !self.starts_mention(p, Mode::List)
                && self.end_verb_len(p).is_none()
            {
                // A place name after the entry ("Tiền Giang", "Lai Châu").
                p += 1;
                continue;
            }
            break;
        }
        (p, info)
    }

    /// Consumes a level word or a list of them at `p` ("tỉnh", "các huyện,
    /// thị xã, thành phố", "cấp huyện, cấp xã"); returns where it ends.
    fn level_list(&self, p: usize, info: &mut NameInfo) -> Option<usize> {
        let mut q = p;
        // "các cấp" is a level; "các huyện" is a plural marker and a level.
        let mut plural = None;
        if self.lex.levels.len_at(self.toks, q).is_none() {
            plural = self.lex.plural.len_at(self.toks, q);
            q += plural.unwrap_or(0);
        }
        let (len, word) = self.lex.levels.at(self.toks, q)?;
        if !self.level_word_ok(q) || word.listed {
            return None;
        }
        // (level, the word is "thành phố") for each level of the list.
        let mut found = vec![(self.level_value(q, len, word), word.capitalized.is_some())];
        let mut collective = word.collective;
        q += len;
        // "thành phố Hồ Chí Minh": a centrally-run city is a province.
        if let Some(city_len) = self.lex.central_cities.len_at(self.toks, q)
            && self.cap(q)
        {
            found[0] = (Some(AdminLevel::Tinh), false);
            q += city_len;
        }
        loop {
            let is_sep = self.punct(q, ",")
                || self.punct(q, "/")
                || self.toks.get(q).is_some_and(|t| t.key == "và");
            if !is_sep {
                break;
            }
            let Some((next_len, next)) = self.lex.levels.at(self.toks, q + 1) else {
                break;
            };
            if !self.level_word_ok(q + 1) {
                break;
            }
            found.push((
                self.level_value(q + 1, next_len, next),
                next.capitalized.is_some(),
            ));
            collective |= next.collective;
            q += 1 + next_len;
        }
        // Beside "tỉnh", a "thành phố" is a centrally-run city: "UBND các
        // tỉnh, thành phố" are all province-level.
        let with_province = found
            .iter()
            .any(|&(level, city)| !city && level == Some(AdminLevel::Tinh));
        for &(level, city) in &found {
            info.levels.add(if city && with_province {
                Some(AdminLevel::Tinh)
            } else {
                level
            });
        }
        info.content = true;
        if collective
            || found.len() > 1
            || plural.is_some()
            || self.toks[p..q].iter().any(|t| t.key == "các")
        {
            info.collective = true;
        }
        Some(q)
    }

    /// A separator followed by another level ("…tỉnh, thành phố").
    fn continues_level_list(&self, p: usize) -> bool {
        let is_sep = self.punct(p, ",")
            || self.punct(p, "/")
            || self.toks.get(p).is_some_and(|t| t.key == "và");
        is_sep && self.lex.levels.len_at(self.toks, p + 1).is_some() && self.level_word_ok(p + 1)
    }

    fn level_word_ok(&self, q: usize) -> bool {
        // A level word must not begin another word ("xã hội").
        self.toks.get(q).is_some_and(|t| t.class == Class::Word)
            && self.lex.false_heads.len_at(self.toks, q).is_none()
    }

    fn level_value(
        &self,
        q: usize,
        len: usize,
        word: &super::lexicon::LevelWord,
    ) -> Option<AdminLevel> {
        if let Some(capitalized) = word.capitalized
            && self.toks[q].case == Case::Title
            && !self.case_blind
            && self.at_boundary(q + len)
        {
            return Some(capitalized);
        }
        word.level
    }

    /// Parses a collective mention made of group nouns at `p`.
    fn group(&self, start: usize, p: usize, plural: bool, mode: Mode) -> Option<Mention> {
        let mut kinds = Kinds::default();
        let mut levels = Levels::default();
        let mut q = p;
        let mut count = 0;
        while let Some((len, noun)) = self.group_at(q) {
            kinds.add(noun.kind);
            if noun.level.is_some() {
                levels.add(noun.level);
            }
            count += 1;
            q += len;
            let is_sep = self.punct(q, ",")
                || self.punct(q, "/")
                || self.toks.get(q).is_some_and(|t| t.key == "và");
            if is_sep && self.group_at(q + 1).is_some() && !self.named_head_at(q + 1) {
                q += 1;
                continue;
            }
            break;
        }
        if count == 0 {
            return None;
        }
        let first_needs_plural = self.group_at(p).is_some_and(|(_, noun)| noun.needs_plural);
        if count == 1 && first_needs_plural && !plural {
            return None;
        }
        if count == 1 && !plural && mode == Mode::Strict && self.end_verb_len(q).is_some() {
            // "Sở chủ trì …" is not a collective mention.
            return None;
        }
        let (end, info) = self.name(q, mode, true);
        if count == 1 && !plural && end == q {
            // A lone noun ("Bộ", a truncated cell) names nothing.
            return None;
        }
        if info.levels.seen {
            levels = info.levels;
        }
        Some(Mention {
            tokens: start..end,
            kind: AgencyKind::Group,
            level: levels.get(),
            group: true,
            member_kind: kinds.get(),
            name: None,
        })
    }

    /// A head followed by its own capitalised name: the start of a named
    /// mention, not another noun of a collective list.
    fn named_head_at(&self, p: usize) -> bool {
        if self.entry_at(p, Mode::Strict).is_some() {
            return true;
        }
        let group_len = self.group_at(p).map_or(0, |(len, _)| len);
        self.head_at(p).is_some_and(|(len, _)| {
            len >= group_len
                && self.cap(p + len)
                && self.lex.levels.len_at(self.toks, p + len).is_none()
        })
    }

    /// Scans the words of a name from `p`; returns where the name ends.
    /// `group` is set for the description of a collective mention.
    fn name(&self, start: usize, mode: Mode, group: bool) -> (usize, NameInfo) {
        let mut info = NameInfo::default();
        let mut p = start;
        let mut relative = false;
        while p < self.len() {
            if let Some(next) = self.level_list(p, &mut info) {
                p = next;
                continue;
            }
            let t = &self.toks[p];
            if t.class == Class::Punct {
                match &*t.key {
                    "," => {
                        if self.starts_mention(p + 1, Mode::Strict)
                            || !self.continues_after_comma(p + 1, group, relative)
                        {
                            break;
                        }
                        // A verb accepted as a descriptor ("tham mưu, tổng
                        // hợp, chuyên môn") is taken whole here, since the
                        // loop would otherwise stop at it.
                        p += 1 + self.end_verb_len(p + 1).unwrap_or(0);
                    }
                    "-" => {
                        if self.end_verb_len(p + 1).is_some()
                            || p + 1 >= self.len()
                            || self.toks[p + 1].class == Class::Punct
                        {
                            break;
                        }
                        p += 1;
                    }
                    "&" | "/" | "'" => p += 1,
                    "(" if self.acronym_parenthetical(p) => p += 3,
                    _ => break,
                }
                continue;
            }
            if t.class == Class::Number {
                info.content = true;
                p += 1;
                continue;
            }
            if t.key == "năm"
                && self
                    .toks
                    .get(p + 1)
                    .is_some_and(|n| n.class == Class::Number)
            {
                break;
            }
            // A relative clause opens here unless a longer end verb does:
            // "được giao" ends the mention where "được tổ chức" describes it.
            if let Some(len) = self.lex.relative_clauses.len_at(self.toks, p)
                && self.is_lower_word(p)
                && (group || self.lex.qualifiers.len_at(self.toks, p).is_none())
                && (relative || self.end_verb_len(p).is_none_or(|verb| verb <= len))
            {
                if group {
                    relative = true;
                }
                p += len;
                continue;
            }
            if let Some(len) = self.lex.qualifiers.len_at(self.toks, p)
                && self.is_lower_word(p)
            {
                // The object of "thuộc", "của" may be plural ("các đơn vị
                // thuộc các Bộ có liên quan").
                p += len;
                p += self.lex.plural.len_at(self.toks, p).unwrap_or(0);
                continue;
            }
            if relative {
                if self.strong_end_verb(p) {
                    break;
                }
                p += 1;
                continue;
            }
            if self.end_verb_len(p).is_some()
                && (info.content || mode == Mode::Strict || group || p > start)
            {
                break;
            }
            if t.key == "và" || t.key == "hoặc" {
                if self.starts_mention(p + 1, Mode::Strict)
                    || self.end_verb_len(p + 1).is_some()
                    || p + 1 >= self.len()
                {
                    break;
                }
                p += 1;
                continue;
            }
            if self.lex.plural.len_at(self.toks, p).is_some() {
                break;
            }
            if let Some((len, _)) = self.entry_at(p, Mode::Strict) {
                info.content = true;
                p += len;
                continue;
            }
            if self.cap(p) {
                info.content = true;
            }
            p += 1;
        }
        (p, info)
    }

    /// After a comma inside a name: does the name go on? It does for a
    /// lowercase description ("kỷ luật, kỷ cương hành chính"), a further
    /// level ("cấp tỉnh, cấp huyện") or a list of single descriptors in a
    /// collective mention ("các phòng tham mưu, tổng hợp, chuyên môn").
    fn continues_after_comma(&self, p: usize, group: bool, relative: bool) -> bool {
        let Some(t) = self.toks.get(p) else {
            return false;
        };
        if t.class != Class::Word || self.cap(p) {
            return false;
        }
        if self.lex.connectives.len_at(self.toks, p).is_some() {
            return false;
        }
        if let Some(len) = self.end_verb_len(p) {
            // A verb after a comma starts a predicate ("…, tổng hợp báo
            // cáo"), unless it is one item of a list of descriptors that
            // goes on with another comma, or a further attribute that ends
            // by placing the collection ("các cơ quan tham mưu, quản lý nhà
            // nước thuộc Bộ").
            return group
                && !relative
                && (self.punct(p + len, ",")
                    || self.toks.get(p + len).is_some_and(|t| t.key == "và")
                    || self.attribute_ends_placed(p + len));
        }
        self.lex.adverbials.len_at(self.toks, p).is_none()
    }

    /// After the verb of a descriptor ("quản lý"): whether a few lowercase
    /// words that start nothing lead to a qualifier and a named agency or a
    /// tier ("nhà nước thuộc Bộ", "thuộc Ủy ban nhân dân tỉnh"), which makes
    /// the words an attribute of a collection rather than a predicate
    /// ("tổng hợp báo cáo Ủy ban nhân dân tỉnh", "hướng dẫn các đơn vị
    /// thuộc Bộ", "xây dựng kế hoạch của đơn vị"). The lookahead is bounded,
    /// so scanning stays linear.
    fn attribute_ends_placed(&self, p: usize) -> bool {
        const MAX_WORDS: usize = 4;
        for q in p..=p + MAX_WORDS {
            if !self.is_lower_word(q) {
                return false;
            }
            if let Some(len) = self.lex.qualifiers.len_at(self.toks, q) {
                let object = q + len;
                return self.cap(object) || self.lex.levels.len_at(self.toks, object).is_some();
            }
            if self.end_verb_len(q).is_some()
                || self.lex.plural.len_at(self.toks, q).is_some()
                || self.lex.connectives.len_at(self.toks, q).is_some()
                || self.lex.relative_clauses.len_at(self.toks, q).is_some()
            {
                return false;
            }
        }
        false
    }

    /// "(UBND)" right after the words it abbreviates: skipped as part of
    /// the name.
    fn acronym_parenthetical(&self, p: usize) -> bool {
        self.punct(p + 2, ")")
            && !self.case_blind
            && self
                .toks
                .get(p + 1)
                .is_some_and(|t| t.expanded || t.case == Case::Upper)
            && self.toks[p + 1..p + 2]
                .iter()
                .all(|t| t.class == Class::Word)
    }

    /// A distributed list: a head followed by a colon and the names that
    /// share it ("Các Sở: Nội vụ, Tư pháp", "các Bộ: Kế hoạch và Đầu tư,
    /// Công Thương", "Bộ trưởng các Bộ: Tài chính, Xây dựng"). Returns the
    /// mentions and where the list ends.
    pub fn distributed(&self, start: usize) -> Option<(Vec<Mention>, usize)> {
        let mut p = start;
        p += self.lex.plural.len_at(self.toks, p).unwrap_or(0);
        let mut role = None;
        if let Some((len, &role_id)) = self.lex.role_trie.at(self.toks, p) {
            role = Some(&self.lex.roles[role_id as usize]);
            p += len;
            p += self.lex.plural.len_at(self.toks, p).unwrap_or(0);
        }
        let (head_len, head_id) = self.head_at(p)?;
        if !self.punct(p + head_len, ":") {
            return None;
        }
        let head = &self.lex.heads[head_id as usize];
        let head_keys = &self.toks[p..p + head_len];
        let mut q = p + head_len + 1;
        let mut mentions = Vec::new();
        loop {
            while q < self.len()
                && (self.punct(q, ",") || self.toks[q].key == "và")
                && !mentions.is_empty()
            {
                q += 1;
            }
            if q >= self.len()
                || self.toks[q].class == Class::Punct
                || self.starts_mention(q, Mode::Strict)
            {
                break;
            }
            if self.end_verb_len(q).is_some() {
                break;
            }
            // The longest gazetteer entry spelled head + item.
            let item_end = self
                .lex
                .gazetteer
                .longest(head_len + self.len() - q, |i| {
                    Some(if i < head_len {
                        &head_keys[i].key
                    } else {
                        &self.toks[q + i - head_len].key
                    })
                })
                .map(|(len, _)| q + len - head_len)
                .filter(|&end| end > q && self.item_boundary(end))
                .unwrap_or_else(|| self.item_end(q));
            if item_end == q {
                break;
            }
            let item_text = self.text_of(q..item_end);
            let name = super::render::canonical(&format!("{} {}", head.name, item_text));
            let (kind, level) = super::render::classify(&name);
            let (kind, name) = match role {
                Some(role) => (AgencyKind::PersonRole, format!("{} {}", role.name, name)),
                None => (kind.unwrap_or(head.kind), name),
            };
            mentions.push(Mention {
                tokens: q..item_end,
                kind,
                level: level.or(head.level),
                group: false,
                member_kind: None,
                name: Some(name),
            });
            q = item_end;
        }
        if mentions.is_empty() {
            return None;
        }
        if self.punct(q, ":") {
            q += 1;
        }
        Some((mentions, q))
    }

    fn item_boundary(&self, p: usize) -> bool {
        match self.toks.get(p) {
            None => true,
            Some(t) if t.class == Class::Punct => {
                matches!(&*t.key, "," | ";" | ":" | "." | ")" | "|")
            }
            Some(t) => t.key == "và" || self.end_verb_len(p).is_some(),
        }
    }

    fn item_end(&self, start: usize) -> usize {
        let mut p = start;
        while p < self.len() {
            let t = &self.toks[p];
            if t.class == Class::Punct && matches!(&*t.key, "," | ";" | ":" | "." | ")" | "(" | "|")
            {
                break;
            }
            if p > start
                && (self.end_verb_len(p).is_some()
                    || (t.key == "và" && self.starts_mention(p + 1, Mode::Strict)))
            {
                break;
            }
            p += 1;
        }
        p
    }

    /// The input text covered by a token range.
    pub fn text_of(&self, range: Range<usize>) -> String {
        let mut out = String::new();
        for (index, t) in self.toks[range].iter().enumerate() {
            if index > 0 && t.space_before {
                out.push(' ');
            }
            out.push_str(t.text);
        }
        out
    }

    /// The end of the parenthetical that opens at `p` (one past its ")"),
    /// or the end of the tokens when it is not closed.
    pub fn skip_parenthetical(&self, p: usize) -> usize {
        let mut depth = 0usize;
        for q in p..self.len() {
            if self.punct(q, "(") {
                depth += 1;
            } else if self.punct(q, ")") {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return q + 1;
                }
            }
        }
        self.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agency::token::tokenize_expanded;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn no_mention_starts_where_no_word_can_start_one(
            words in proptest::collection::vec(
                prop_oneof![
                    Just("Sở"), Just("sở"), Just("UBND"), Just("các"), Just(","), Just("và"),
                    Just("Văn phòng"), Just("tỉnh"), Just("huyện"), Just("Nội vụ"), Just("Vu"),
                    Just("Kế hoạch"), Just("Thủ trưởng"), Just("Bộ trưởng"), Just("cơ quan"),
                    Just("Giám đốc"), Just("thực hiện"), Just("Ban"), Just("Tổ"), Just("("),
                    Just("Phòng"), Just("ngành"), Just("đơn vị"), Just("Chính phủ"), Just(":"),
                ],
                0..12,
            )
        ) {
            let text = words.join(" ");
            let tokens = tokenize_expanded(&text, &LEXICON);
            let mut aliases = Aliases::new();
            aliases.scan("Văn phòng Ủy ban nhân dân tỉnh (sau đây viết tắt là Văn phòng)");
            for aliases in [None, Some(&aliases)] {
                let scanner = Scanner::new(&tokens, aliases);
                for p in 0..tokens.len() {
                    if scanner.may_start_mention(p) {
                        continue;
                    }
                    for mode in [Mode::Strict, Mode::List] {
                        for plural in [false, true] {
                            prop_assert!(scanner.role_mention(p, p, plural, mode).is_none());
                            prop_assert!(scanner.org(p, p, plural, mode, false).is_none());
                            prop_assert!(scanner.org(p, p, plural, mode, true).is_none());
                        }
                    }
                }
            }
        }
    }
}
