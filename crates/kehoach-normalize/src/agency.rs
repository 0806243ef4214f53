//! Agency names (đơn vị): splitting field values into agencies, canonical
//! names, document-local aliases, and the agencies a directive sentence
//! addresses.
//!
//! | text | agencies |
//! |---|---|
//! | `Trung tâm Phục vụ - Kiểm soát TTHC tỉnh; Trung tâm Công báo và Tin học.` | Trung tâm Phục vụ - Kiểm soát thủ tục hành chính (trung tâm, tỉnh); Trung tâm Công báo và Tin học |
//! | `Sở Giáo dục và Đào tạo, Sở Y tế, Sở Văn hóa, Thể thao và Du lịch` | three sở; the comma inside the third name stays |
//! | `Các sở, ban, ngành tỉnh; UBND cấp huyện` | Các sở, ban, ngành tỉnh (group); Ủy ban nhân dân cấp huyện (group of ủy ban nhân dân, huyện) |
//! | `Các Sở: Nội vụ, Tư pháp, Khoa học và CN` | Sở Nội vụ; Sở Tư pháp; Sở Khoa học và Công nghệ |
//! | `Sở Nội vụ chủ trì tham mưu Ủy ban nhân dân Thành phố …; Sở Tư pháp …` | Sở Nội vụ; Sở Tư pháp (subjects only) |
//! | `Chánh Văn phòng` | Chánh Văn phòng (person role) |
//! | `Thủ trưởng các sở, ban, ngành tỉnh` | group of person roles |
//! | `Các cơ quan, đơn vị được giao chủ trì có trách nhiệm …` | Các cơ quan, đơn vị (group): the clause of assignment is not a part of the name |
//! | `Thủ trưởng các cơ quan tham mưu, quản lý nhà nước thuộc Bộ` | one group of person roles: the attribute after the comma places the collection |
//! | `Các cơ quan, đơn vị có liên quan` | Các cơ quan, đơn vị liên quan (group), as the same collection without "có" |
//! | `ỦY BAN NHÂN DÂN` | Ủy ban nhân dân (ủy ban nhân dân, tier unknown) |
//! | `Vu Kế hoạch - Tài chính` | Vụ Kế hoạch - Tài chính: a head typed without its marks, before a name |
//! | `Bộ trưởng, Thủ trưởng cơ quan ngang bộ, …` | Bộ trưởng (group of person roles), then the other groups |
//!
//! The grammar of one mention:
//!
//! ```text
//! mention := plural? role? plural? org | plural? role
//! org     := alias | entry qualifier* | head name | group-noun (sep group-noun)* name
//! list    := mention ((',' | ';' | 'và' | 'hoặc') mention)* | plural? role? plural? head ':' item (',' item)*
//! ```
//!
//! Splitting does not cut at every comma or "và": official names contain
//! them ("Sở Văn hóa, Thể thao và Du lịch", "Trung tâm Công báo và Tin
//! học"). A name runs on over a comma, "và" or hyphen unless the next word
//! starts another mention (a head noun with its capitalised name, a
//! gazetteer entry, a role, a plural marker, a group noun) or the name so
//! far is a complete gazetteer entry; it stops at a lowercase verb that
//! starts the predicate ("chủ trì", "có trách nhiệm") or at a clause of
//! assignment ("được giao", "được phân công"), at a semicolon, colon or
//! parenthesis. In a collective mention a comma is kept before a further
//! attribute that places the collection ("các cơ quan tham mưu, quản lý nhà
//! nước thuộc Bộ"). A gazetteer entry's extent wins over the grammar, so two
//! names with no separator between them ("Bộ Thông tin và Truyền thông Bộ
//! Khoa học và Công nghệ") still split where the first ends. Lists of levels
//! ("các huyện, thị xã, thành phố") and of group nouns ("sở, ban, ngành")
//! stay inside one collective mention. A bare role ("Bộ trưởng") followed
//! by a comma and a collective role ("Thủ trưởng cơ quan ngang bộ") is
//! collective too.
//!
//! The knowledge is data: the gazetteer (`data/agencies.toml`), the words of
//! the grammar (`data/agency_grammar.toml`) and the abbreviations
//! (`data/abbreviations.tsv`), embedded in the crate and parsed once.
//! Agencies are compared by [`kehoach_text::fold`] of their canonical name.

mod alias;
pub(crate) mod chars;
mod cooperation;
pub(crate) mod key;
pub(crate) mod lexicon;
pub(crate) mod render;
pub(crate) mod scan;
pub(crate) mod token;
pub(crate) mod trie;

pub(crate) use cooperation::may_cooperate;

use std::ops::Range;

pub use alias::Aliases;
pub(crate) use alias::Definition;

use lexicon::LEXICON;
use scan::{Mention, Mode, Scanner};
use token::{Class, Token};

use crate::Text;

/// One agency named in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agency {
    /// The mention as written in the text, trimmed.
    pub raw: String,
    /// The canonical name, e.g. "Ủy ban nhân dân tỉnh", "Sở Văn hóa, Thể
    /// thao và Du lịch".
    pub name: String,
    /// What kind of agency it is; [`AgencyKind::Group`] for a collective
    /// mention.
    pub kind: AgencyKind,
    /// The tier, when the name states or implies one.
    pub level: Option<AdminLevel>,
    /// A collective mention ("Các sở, ban, ngành"); always the same as
    /// `kind == AgencyKind::Group`.
    pub group: bool,
    /// For a collective mention whose members share a kind ("UBND các
    /// huyện …" → [`AgencyKind::UyBanNhanDan`]).
    pub member_kind: Option<AgencyKind>,
}

/// The kind of an agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgencyKind {
    /// A provincial department (sở).
    So,
    /// A board or committee (ban).
    Ban,
    /// A division (phòng).
    Phong,
    /// A centre (trung tâm).
    TrungTam,
    /// An office (văn phòng).
    VanPhong,
    /// A People's Committee (ủy ban nhân dân).
    UyBanNhanDan,
    /// An inspectorate (thanh tra).
    ThanhTra,
    /// A public service unit: press, broadcaster, institute, school.
    DonViSuNghiep,
    /// A mass organisation: Mặt trận Tổ quốc, Đoàn Thanh niên, hội.
    ToChucDoanThe,
    /// A central body: Chính phủ, a ministry and its units, a vertically
    /// organised agency (Kho bạc, Công an tỉnh).
    CoQuanTrungUong,
    /// A collective mention.
    Group,
    /// A person by position: Thủ tướng, Chủ tịch UBND, Giám đốc Sở,
    /// Người đứng đầu.
    PersonRole,
    /// Anything else: a party committee, a task force, a company.
    Other,
}

impl AgencyKind {
    /// Every kind, in declaration order.
    pub const ALL: [AgencyKind; 13] = [
        AgencyKind::So,
        AgencyKind::Ban,
        AgencyKind::Phong,
        AgencyKind::TrungTam,
        AgencyKind::VanPhong,
        AgencyKind::UyBanNhanDan,
        AgencyKind::ThanhTra,
        AgencyKind::DonViSuNghiep,
        AgencyKind::ToChucDoanThe,
        AgencyKind::CoQuanTrungUong,
        AgencyKind::Group,
        AgencyKind::PersonRole,
        AgencyKind::Other,
    ];

    /// The identifier used in data files and JSON, e.g. "trung_tam".
    pub fn as_str(self) -> &'static str {
        match self {
            AgencyKind::So => "so",
            AgencyKind::Ban => "ban",
            AgencyKind::Phong => "phong",
            AgencyKind::TrungTam => "trung_tam",
            AgencyKind::VanPhong => "van_phong",
            AgencyKind::UyBanNhanDan => "uy_ban_nhan_dan",
            AgencyKind::ThanhTra => "thanh_tra",
            AgencyKind::DonViSuNghiep => "don_vi_su_nghiep",
            AgencyKind::ToChucDoanThe => "to_chuc_doan_the",
            AgencyKind::CoQuanTrungUong => "co_quan_trung_uong",
            AgencyKind::Group => "group",
            AgencyKind::PersonRole => "person_role",
            AgencyKind::Other => "other",
        }
    }
}

/// The tier of an agency in the administration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AdminLevel {
    /// Central (trung ương).
    TrungUong,
    /// Province or centrally-run city (tỉnh).
    Tinh,
    /// District, town or provincial city (huyện).
    Huyen,
    /// Commune, ward, township or special zone (xã).
    Xa,
}

impl AdminLevel {
    /// Every level, from the top.
    pub const ALL: [AdminLevel; 4] = [
        AdminLevel::TrungUong,
        AdminLevel::Tinh,
        AdminLevel::Huyen,
        AdminLevel::Xa,
    ];

    /// The identifier used in data files and JSON, e.g. "huyen".
    pub fn as_str(self) -> &'static str {
        match self {
            AdminLevel::TrungUong => "trung_uong",
            AdminLevel::Tinh => "tinh",
            AdminLevel::Huyen => "huyen",
            AdminLevel::Xa => "xa",
        }
    }
}

/// The agencies of a field value, and the text that could not be placed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgencyList {
    /// The agencies, in order of appearance.
    pub agencies: Vec<Agency>,
    /// Text that is neither an agency nor a connective, quoted as written.
    pub leftover: Vec<String>,
}

/// The agencies a sentence or heading opens with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadingAgencies {
    /// The agencies, in order of appearance.
    pub agencies: Vec<Agency>,
    /// The byte offset where the agency phrase ends: after the last agency,
    /// any parenthetical that follows it and a closing colon, so that
    /// `text[end..]` is the rest of the sentence.
    pub end: usize,
}

/// Splits a field value or table cell into the agencies it names,
/// resolving document aliases.
///
/// A value may be a list ("Trung tâm Phục vụ - Kiểm soát thủ tục hành
/// chính; Trung tâm Công báo và Tin học.") or sentences ("Sở Nội vụ chủ trì
/// tham mưu Ủy ban nhân dân Thành phố ban hành Kế hoạch; Sở Tư pháp và các
/// sở, ban, ngành Thành phố … chủ động tổ chức triển khai …"): in a
/// sentence, the agencies are the subjects of each clause, not the objects
/// of its predicate. A shared head is distributed ("Các Sở: Nội vụ, Tư
/// pháp" is two agencies). Parentheticals after an agency are comments and
/// are skipped. Text that is not an agency is returned in `leftover`.
pub fn split_agencies(value: &str, aliases: &Aliases) -> AgencyList {
    Text::new(value).split_agencies(aliases)
}

/// [`split_agencies`] of the tokens of `value`.
pub(crate) fn split_tokens(value: &str, tokens: &[Token<'_>], aliases: &Aliases) -> AgencyList {
    let scanner = Scanner::new(tokens, Some(aliases));
    let mut list = AgencyList::default();
    // The mentions parsed and the index of each one's agency, for reading a
    // bare role at the head of a list of collective roles.
    let mut parsed: Vec<(usize, Mention)> = Vec::new();
    // The head of the last mention, for an elliptical level after it
    // ("UBND cấp huyện; cấp xã").
    let mut last_head: Option<&str> = None;
    let mut p = 0;
    while p < tokens.len() {
        let token = &tokens[p];
        if token.class == Class::Punct {
            p = if token.is_punct("(") {
                scanner.skip_parenthetical(p)
            } else {
                p + 1
            };
            continue;
        }
        if let Some(len) = LEXICON.connectives.len_at(tokens, p) {
            p += len;
            continue;
        }
        if let Some((mentions, end)) = scanner.distributed(p) {
            list.agencies
                .extend(mentions.iter().map(|m| agency_from(value, tokens, m)));
            p = end;
            continue;
        }
        if let Some(mention) = scanner.mention(p, Mode::List) {
            list.agencies.push(agency_from(value, tokens, &mention));
            last_head = LEXICON
                .head_trie
                .at(tokens, mention.tokens.start)
                .map(|(_, &id)| LEXICON.heads[id as usize].name.as_str());
            p = skip_predicate(&scanner, mention.tokens.end);
            parsed.push((list.agencies.len() - 1, mention));
            continue;
        }
        let end = leftover_end(&scanner, p);
        if let Some(head) = last_head
            && let Some(len) = LEXICON.levels.len_at(tokens, p)
            && tokens.get(p + len).is_none_or(|t| t.class == Class::Punct)
            && let Some(segment) = quote(value, tokens, p..p + len)
        {
            let mut whole = split_agencies(&format!("{head} {segment}"), &Aliases::new());
            if let [agency] = whole.agencies.as_mut_slice() {
                agency.raw = segment;
                list.agencies.push(agency.clone());
                p += len;
                continue;
            }
        }
        if let Some(text) = quote(value, tokens, p..end) {
            list.leftover.push(text);
        }
        p = end;
    }
    for index in (1..parsed.len()).rev() {
        let (before, after) = parsed.split_at_mut(index);
        let (agency_index, role) = &mut before[index - 1];
        if heads_collective_roles(tokens, role, &after[0].1) {
            make_collective_role(role);
            let agency = &mut list.agencies[*agency_index];
            agency.kind = role.kind;
            agency.group = role.group;
            agency.member_kind = role.member_kind;
        }
    }
    list
}

/// The agencies a sentence or heading opens with, for directive tasks, and
/// the byte offset where that phrase ends.
///
/// "Sở Nội vụ (cơ quan Thường trực Ban Chỉ đạo CCHC tỉnh): chịu trách
/// nhiệm …", "Giao Sở Khoa học và Công nghệ: Tăng cường …", "Bộ Công
/// Thương chủ trì, phối hợp với …", "Các Bộ: Công Thương, Xây dựng:",
/// "Thủ trưởng các sở, ngành phụ trách lĩnh vực CCHC của tỉnh:",
/// "Người đứng đầu phải …". Enumeration marks ("a)", "2.", "Điều 4.", "-") and an
/// opening "Giao", "Đề nghị" or "Yêu cầu" are skipped. Returns `None` when
/// the text opens with anything else ("Chủ trì, phối hợp với …", "Ban hành
/// kế hoạch …", "Phòng, chống dịch …", "Trong năm 2022, …").
pub fn leading_agencies(text: &str, aliases: &Aliases) -> Option<LeadingAgencies> {
    Text::new(text).leading_agencies(aliases)
}

/// [`leading_agencies`] of the tokens of `text`.
pub(crate) fn leading_tokens(
    text: &str,
    tokens: &[Token<'_>],
    aliases: &Aliases,
) -> Option<LeadingAgencies> {
    let scanner = Scanner::new(tokens, Some(aliases));
    let (p, opens_as_name) = opening(tokens);
    if !opens_as_name {
        return None;
    }
    let (mentions, mut end) = mention_list(&scanner, p);
    let [first, ..] = mentions.as_slice() else {
        return None;
    };
    if first.group
        && first.member_kind.is_none()
        && LEXICON.plural.len_at(tokens, first.tokens.start).is_none()
        && !tokens[first.tokens.clone()].iter().any(|t| t.is_punct(","))
        && tokens.get(end).is_some_and(|t| t.is_punct(":"))
    {
        // "Cơ quan chủ quản: Bộ Tài nguyên và Môi trường." is a label and
        // its value, not a directive to a class of agencies.
        return None;
    }
    let mut agencies: Vec<Agency> = mentions
        .iter()
        .map(|m| agency_from(text, tokens, m))
        .collect();
    if let [only] = agencies.as_slice()
        && only.group
        && let Some((members, after)) = enumerated_members(&scanner, text, end)
    {
        // "Các cơ quan tham mưu quản lý ngành, lĩnh vực (gồm các Sở: Xây
        // dựng, …)": the heading addresses the members it lists.
        agencies = members;
        end = after;
    }
    while tokens.get(end).is_some_and(|t| t.is_punct("(")) {
        end = scanner.skip_parenthetical(end);
    }
    let next = tokens.get(end);
    let phrase_ends = match next {
        None => true,
        Some(t) if t.class == Class::Punct => match &*t.key {
            ":" | "-" | ";" => true,
            "." => end + 1 == tokens.len(),
            "," => {
                scanner.end_verb_len(end + 1).is_some()
                    || LEXICON.adverbials.len_at(tokens, end + 1).is_some()
            }
            _ => false,
        },
        Some(_) => {
            scanner.end_verb_len(end).is_some() || LEXICON.adverbials.len_at(tokens, end).is_some()
        }
    };
    if !phrase_ends {
        return None;
    }
    let end_byte = match next {
        Some(t) if t.is_punct(":") => t.span.end,
        _ => tokens[end - 1].span.end,
    };
    Some(LeadingAgencies {
        agencies,
        end: end_byte,
    })
}

/// Where the agencies a sentence opens with would start, past enumeration
/// marks and an opener ("Giao", "Đề nghị:"), and whether a name opens
/// there. Reads no token more than [`opening_reach`] past that index.
fn opening(tokens: &[Token<'_>]) -> (usize, bool) {
    let mut p = skip_enumeration(tokens);
    if let Some(len) = LEXICON.openers.len_at(tokens, p) {
        p += len;
        if tokens.get(p).is_some_and(|t| t.is_punct(":")) {
            p += 1;
        }
    }
    // A sentence names its agencies with a capital ("Sở Y tế chủ trì"), or
    // as a collection ("các sở, ngành"); "cơ sở phát thải …" is not one.
    let opens_as_name = tokens.get(p).is_some_and(|t| t.is_capitalized())
        || LEXICON.plural.len_at(tokens, p).is_some();
    (p, opens_as_name)
}

/// How far past the index [`opening`] returns it and the check for a
/// mention after a plural marker read: two tokens of an enumeration mark,
/// an opener, a plural marker.
fn opening_reach() -> usize {
    LEXICON.openers.depth().max(LEXICON.plural.depth()).max(2)
}

/// Whether `text` opens with no agency, as its first words alone tell: most
/// sentences open with a verb ("Thực hiện …"), which a few tokens show. Only
/// the first words are tokenized (see [`token::tokenize_prefix`]); `false`
/// when they do not tell.
pub(crate) fn opens_without_agency(text: &str, aliases: &Aliases) -> bool {
    /// Words enough for an opening and the look-ahead of reading it.
    const PREFIX_WORDS: usize = 4;
    let Some(cut) = after_words(text, PREFIX_WORDS) else {
        return false;
    };
    let (tokens, exact) = token::tokenize_prefix(&text[..cut], &LEXICON);
    let (p, opens_as_name) = opening(&tokens);
    if p + opening_reach() >= exact {
        return false;
    }
    if !opens_as_name {
        return true;
    }
    let q = p + LEXICON.plural.len_at(&tokens, p).unwrap_or(0);
    // Neither a mention nor a distributed list can start there.
    !Scanner::new(&tokens, Some(aliases)).may_start_mention(q)
}

/// The byte just after the whitespace that ends the `words`-th word of
/// `text`, if it has more words.
fn after_words(text: &str, words: usize) -> Option<usize> {
    let mut seen = 0;
    let mut in_word = false;
    for (at, c) in text.char_indices() {
        if !c.is_whitespace() {
            in_word = true;
            continue;
        }
        if in_word {
            seen += 1;
            if seen == words {
                return Some(at + c.len_utf8());
            }
        }
        in_word = false;
    }
    None
}

/// Agencies named as supporters in a sentence: after "phối hợp với",
/// "phối hợp chặt chẽ với", "cùng với" … up to the verb that ends the list.
///
/// "Bộ Công Thương chủ trì, phối hợp với các cơ quan liên quan rà soát …"
/// gives [các cơ quan liên quan (group)].
pub fn cooperating_agencies(text: &str, aliases: &Aliases) -> Vec<Agency> {
    Text::new(text).cooperating_agencies(aliases)
}

/// [`cooperating_agencies`] of the tokens of `text`.
pub(crate) fn cooperating_tokens(
    text: &str,
    tokens: &[Token<'_>],
    aliases: &Aliases,
) -> Vec<Agency> {
    let scanner = Scanner::new(tokens, Some(aliases));
    let mut agencies = Vec::new();
    let mut p = 0;
    while p < tokens.len() {
        let marker = LEXICON
            .cooperation
            .len_at(tokens, p)
            .filter(|_| tokens[p].case != token::Case::Upper);
        match marker {
            Some(len) => {
                let (mentions, end) = mention_list(&scanner, p + len);
                agencies.extend(mentions.iter().map(|m| agency_from(text, tokens, m)));
                p = end.max(p + len);
            }
            None => p += 1,
        }
    }
    agencies
}

/// The canonical name of one agency mention (no splitting).
///
/// Abbreviations are expanded, tone marks placed traditionally, case and
/// spacing normalized and punctuation at either end dropped; a gazetteer
/// entry's spelling wins when the text is one of its names. A clause of
/// assignment is dropped ("Các cơ quan được phân công chủ trì …" is "Các cơ
/// quan") and "có liên quan" is written "liên quan". Idempotent:
/// `canonical_name(&canonical_name(x)) == canonical_name(x)`.
///
/// ```
/// use kehoach_normalize::agency::canonical_name;
///
/// assert_eq!(canonical_name("Trung tâm phục vụ - Kiểm soát TTHC tỉnh."), "Trung tâm Phục vụ - Kiểm soát thủ tục hành chính");
/// assert_eq!(canonical_name("SỞ VĂN HOÁ, THỂ THAO VÀ DU LỊCH"), "Sở Văn hóa, Thể thao và Du lịch");
/// assert_eq!(canonical_name("UBND các huyện, thị xã, thành phố"), "Ủy ban nhân dân các huyện, thị xã, thành phố");
/// ```
pub fn canonical_name(raw: &str) -> String {
    render::canonical(raw)
}

/// Builds the public value of a mention found in `text`.
pub(crate) fn agency_from(text: &str, tokens: &[Token<'_>], mention: &Mention) -> Agency {
    let range = mention.tokens.clone();
    let raw = quote(text, tokens, range.clone()).unwrap_or_default();
    let name = match &mention.name {
        Some(name) => name.clone(),
        None => render::render(&tokens[range]),
    };
    Agency {
        raw,
        name,
        kind: mention.kind,
        level: mention.level,
        group: mention.group,
        member_kind: mention.member_kind,
    }
}

/// The text of a token range as written, trimmed of whitespace and of
/// separators at its end.
fn quote(text: &str, tokens: &[Token<'_>], range: Range<usize>) -> Option<String> {
    let trimmed = render::trim(&tokens[range]);
    let first = trimmed.first()?;
    let last = trimmed.last()?;
    text.get(first.span.start..last.span.end)
        .map(|s| s.trim().to_owned())
}

/// A list of mentions joined by commas, semicolons and "và", in running
/// text; returns the mentions and the token index after the last one.
fn mention_list(scanner: &Scanner<'_, '_>, start: usize) -> (Vec<Mention>, usize) {
    let tokens = scanner.toks;
    let mut mentions = Vec::new();
    let mut p = start;
    loop {
        if let Some((items, end)) = scanner.distributed(p) {
            mentions.extend(items);
            p = end;
        } else if let Some(mention) = scanner.mention(p, Mode::Strict) {
            p = mention.tokens.end;
            mentions.push(mention);
        } else {
            break;
        }
        let separator = LEXICON
            .connectives
            .len_at(tokens, p)
            .filter(|_| !tokens[p].is_punct("|"));
        match separator {
            Some(len)
                if scanner.starts_mention(p + len, Mode::Strict)
                    || scanner.distributed(p + len).is_some() =>
            {
                p += len;
            }
            _ => break,
        }
    }
    for index in (1..mentions.len()).rev() {
        let (before, after) = mentions.split_at_mut(index);
        if heads_collective_roles(tokens, &before[index - 1], &after[0]) {
            make_collective_role(&mut before[index - 1]);
        }
    }
    (mentions, p)
}

/// Whether `role` is a bare role ("Bộ trưởng", no agency and no person's
/// name after it) that a comma joins to a collective role (`next`, "Thủ
/// trưởng cơ quan ngang bộ"): at the head of such a list the role means
/// everyone who holds it, as "Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ,
/// …" says outright.
fn heads_collective_roles(tokens: &[Token<'_>], role: &Mention, next: &Mention) -> bool {
    let bare_role = role.kind == AgencyKind::PersonRole
        && role.name.is_none()
        && LEXICON
            .role_trie
            .at(tokens, role.tokens.start)
            .is_some_and(|(len, &id)| {
                len == role.tokens.len() && LEXICON.roles[id as usize].standalone
            });
    bare_role
        && next.group
        && next.member_kind == Some(AgencyKind::PersonRole)
        && next.tokens.start == role.tokens.end + 1
        && tokens[role.tokens.end].is_punct(",")
}

fn make_collective_role(role: &mut Mention) {
    role.kind = AgencyKind::Group;
    role.group = true;
    role.member_kind = Some(AgencyKind::PersonRole);
}

/// The agencies a parenthetical lists as the members of the collective
/// mention before it ("(gồm các Sở: Xây dựng, Công Thương)"), searched up
/// to the colon or full stop that ends the phrase; returns them and the
/// token after the parenthetical.
fn enumerated_members(
    scanner: &Scanner<'_, '_>,
    text: &str,
    from: usize,
) -> Option<(Vec<Agency>, usize)> {
    let tokens = scanner.toks;
    let open = (from..tokens.len())
        .take_while(|&p| {
            !tokens[p].is_punct(":") && !tokens[p].is_punct(".") && !tokens[p].is_punct(";")
        })
        .find(|&p| {
            tokens[p].is_punct("(") && LEXICON.enumeration.len_at(tokens, p + 1).is_some()
        })?;
    let start = open + 1 + LEXICON.enumeration.len_at(tokens, open + 1)?;
    let (members, _) = mention_list(scanner, start);
    if members.is_empty() {
        return None;
    }
    let agencies = members
        .iter()
        .map(|m| agency_from(text, tokens, m))
        .collect();
    Some((agencies, scanner.skip_parenthetical(open)))
}

/// After a mention in a field value: skips a parenthetical comment, and a
/// predicate up to the end of its clause ("chủ trì tham mưu … ban hành Kế
/// hoạch;") or an adverbial up to the next agency ("trong phạm vi chức
/// năng, nhiệm vụ của mình và các cơ quan …").
fn skip_predicate(scanner: &Scanner<'_, '_>, mut p: usize) -> usize {
    let tokens = scanner.toks;
    while tokens.get(p).is_some_and(|t| t.is_punct("(")) {
        p = scanner.skip_parenthetical(p);
    }
    let verb = scanner.end_verb_len(p);
    let adverbial = LEXICON.adverbials.len_at(tokens, p);
    match (verb, adverbial) {
        (Some(v), a) if a.is_none_or(|a| v > a) => clause_end(tokens, p),
        (_, Some(_)) => leftover_end(scanner, p),
        _ => p,
    }
}

/// The next clause boundary: a semicolon, a table bar or a full stop.
fn clause_end(tokens: &[Token<'_>], start: usize) -> usize {
    tokens[start..]
        .iter()
        .position(|t| t.class == Class::Punct && matches!(&*t.key, ";" | "|" | "."))
        .map_or(tokens.len(), |offset| start + offset)
}

/// The end of text that is not an agency: the next semicolon, or the next
/// comma or "và" that an agency follows.
fn leftover_end(scanner: &Scanner<'_, '_>, start: usize) -> usize {
    let tokens = scanner.toks;
    let mut p = start + 1;
    while p < tokens.len() {
        let t = &tokens[p];
        if t.class == Class::Punct && matches!(&*t.key, ";" | "|") {
            break;
        }
        if (t.is_punct(",") || t.key == "và") && scanner.starts_mention(p + 1, Mode::Strict) {
            break;
        }
        p += 1;
    }
    p
}

/// Skips enumeration marks at the start of a heading or sentence: "a)",
/// "2.", "1.2.", "II.", "Điều 4.", "-", "+", "•".
fn skip_enumeration(tokens: &[Token<'_>]) -> usize {
    let mut p = 0;
    loop {
        let Some(t) = tokens.get(p) else { return p };
        if t.class == Class::Punct && matches!(&*t.key, "-" | "+" | "•" | "." | ")") {
            p += 1;
            continue;
        }
        // "Điều 2." opens an article of a decision.
        if t.key == "điều"
            && tokens.get(p + 1).is_some_and(|n| n.class == Class::Number)
            && tokens.get(p + 2).is_some_and(|n| n.is_punct("."))
        {
            p += 3;
            continue;
        }
        let marker = match t.class {
            Class::Number => true,
            Class::Word => {
                let chars = t.text.chars().count();
                (chars == 1 && t.text.chars().all(|c| c.is_lowercase()))
                    || t.text.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
            }
            Class::Punct => false,
        };
        if marker
            && tokens
                .get(p + 1)
                .is_some_and(|n| n.is_punct(".") || n.is_punct(")"))
        {
            p += 2;
            continue;
        }
        return p;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agency::token::tokenize_expanded;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn a_text_told_by_its_first_words_opens_with_no_agency(
            words in proptest::collection::vec(
                prop_oneof![
                    Just("1."), Just("a)"), Just("-"), Just("Giao"), Just("Đề nghị:"), Just("các"),
                    Just("Thực hiện"), Just("thực hiện"), Just("Sở"), Just("Bộ"), Just("UBND"),
                    Just("TT&TT"), Just("LĐ-TB&XH"), Just("KH & ĐT"), Just("Vu"), Just("Kế"),
                    Just("hoạch"), Just("Tài chính"), Just("tỉnh"), Just("Văn phòng"), Just(","),
                    Just("Trong"), Just("năm"), Just("2023"), Just("Điều 2."), Just("Thủ trưởng"),
                ],
                12..40,
            )
        ) {
            let text = words.join(" ");
            let mut aliases = Aliases::new();
            for defined in [false, true] {
                if defined {
                    aliases.scan("Văn phòng Ủy ban nhân dân tỉnh (sau đây viết tắt là Văn phòng)");
                }
                if opens_without_agency(&text, &aliases) {
                    let tokens = tokenize_expanded(&text, &LEXICON);
                    prop_assert_eq!(leading_tokens(&text, &tokens, &aliases), None);
                }
            }
        }

        #[test]
        fn the_first_tokens_of_a_prefix_are_the_text_s(
            words in proptest::collection::vec(
                prop_oneof![
                    Just("Sở"), Just("UBND"), Just("TT&TT"), Just("LĐ-TB&XH"), Just("KH & ĐT"),
                    Just("TN, MT"), Just("Vu"), Just("Kế"), Just("hoạch"), Just("Tài chính"),
                    Just("Văn"), Just("Nam"), Just("tỉnh"), Just("TT"), Just("&"), Just("XH"),
                ],
                1..30,
            ),
            cut in 1usize..30,
        ) {
            let text = words.join(" ");
            let Some(end) = after_words(&text, cut) else {
                return Ok(());
            };
            let (prefix, exact) = token::tokenize_prefix(&text[..end], &LEXICON);
            let whole = tokenize_expanded(&text, &LEXICON);
            let fields = |t: &Token<'_>| {
                (t.text.to_owned(), t.key.to_string(), t.span.clone(), t.class, t.case, t.expanded, t.traditional)
            };
            for index in 0..exact {
                prop_assert_eq!(fields(&prefix[index]), fields(&whole[index]));
            }
        }
    }
}
