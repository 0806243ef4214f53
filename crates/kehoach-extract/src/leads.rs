//! Who a sentence or a heading names as the actor, where no field says so:
//! the subject after an introductory clause, a collection a heading
//! defines or describes.

use std::cell::OnceCell;
use std::sync::LazyLock;

use kehoach_normalize::agency::{self, Aliases};
use regex::Regex;

use crate::convert;
use crate::marks;
use crate::memo::Texts;
use crate::phrases::{self, ASSIGN_VERBS, INTRODUCTIONS};
use crate::schema;

/// An actor a text describes rather than names ("đối tượng thực hiện
/// kiểm kê", "các cấp chính quyền địa phương", "Các cơ quan chủ trì thực
/// hiện các nội dung CCHC"): a short phrase taken as written, a group.
pub(crate) fn described_group(phrase: &str) -> Option<schema::Agency> {
    const WORDS: usize = 12;
    let phrase = phrase.trim().trim_end_matches([':', '.', ';']).trim_end();
    let words = phrase.split_whitespace().count();
    if !phrase.starts_with(char::is_alphabetic) || words == 0 || words > WORDS {
        return None;
    }
    Some(schema::Agency {
        raw: phrase.into(),
        name: agency::canonical_name(phrase).into(),
        kind: "group".into(),
        level: None,
        group: true,
    })
}

/// The collection a heading defines for the list under it: "b) Các cơ
/// quan chủ trì thực hiện các nội dung CCHC gồm:" names the group "Các cơ
/// quan chủ trì thực hiện các nội dung CCHC", not just "Các cơ quan".
pub(crate) fn defined_group(title: &str) -> Option<schema::Agency> {
    let head = title.trim().trim_end_matches(':').trim_end();
    let key = kehoach_text::ascii_key(head);
    let cut = ["bao gom", "gom co", "gom"].iter().find(|word| {
        key.strip_suffix(**word)
            .is_some_and(|rest| rest.ends_with(' '))
    })?;
    let words = head.split_whitespace().count() - cut.split(' ').count();
    let phrase: Vec<&str> = head.split_whitespace().take(words).collect();
    described_group(&phrase.join(" "))
}

/// The subject of a sentence that opens with an introductory clause:
/// "Trên cơ sở …, căn cứ …, Bộ trưởng, Thủ trưởng … có trách nhiệm …".
/// After an introduction ("Căn cứ Kế hoạch này, Trưởng các phòng … tổ
/// chức …", "Trong năm 2022, các bộ, ngành; các cấp chính quyền địa
/// phương … hoàn thành …") any predicate will do, and the subject may be
/// a collection in lower case; otherwise the agencies must be followed by
/// an assigning verb. A conditional clause ("nếu có vướng mắc, các cơ
/// quan … phản ánh …") states a contingency, not a task.
pub(crate) fn subject_after_introduction<'d>(
    text: &'d str,
    texts: &Texts<'d>,
    aliases: &Aliases,
) -> Option<Vec<schema::Agency>> {
    /// How far after the agencies an assigning verb may start.
    const VERB_WINDOW: usize = 40;
    static CONDITION: LazyLock<Regex> = LazyLock::new(condition_pattern);
    // Both read only once a comma may open a subject, which most texts
    // have none of.
    let introduced = OnceCell::new();
    let introduced = || *introduced.get_or_init(|| phrases::starts_with_any(text, &INTRODUCTIONS));
    let condition_at = OnceCell::new();
    let condition_at = || {
        *condition_at.get_or_init(|| {
            let found = may_hold_condition(text)
                .then(|| CONDITION.find(text))
                .flatten();
            found.map_or(text.len(), |m| m.start())
        })
    };
    for at in marks::before_space(text, b',') {
        if at > condition_at() {
            break;
        }
        let rest = &text[at + 2..];
        let collection = rest.starts_with("các ") && introduced();
        if !rest.starts_with(char::is_uppercase) && !collection {
            continue;
        }
        let Some((agencies, end)) = subject_list(rest, texts, aliases) else {
            continue;
        };
        let after = &rest[end..];
        let predicate = after.trim_start().starts_with(char::is_lowercase) && introduced();
        if predicate
            || phrases::contains_any(
                &after[..after.floor_char_boundary(VERB_WINDOW)],
                &ASSIGN_VERBS,
            )
        {
            return Some(agencies);
        }
    }
    None
}

/// The pattern of a conditional clause's "nếu".
fn condition_pattern() -> Regex {
    Regex::new(r"(?i)\bnếu\b").expect("valid condition pattern")
}

/// Whether [`condition_pattern`] may match in `text`: only where a byte
/// 0xBE or 0xBF (found with memchr) ends an "Ế" or "ế" that "n" or "N"
/// comes before and "u" or "U" after, the only spellings of "nếu" without
/// regard to case. The pattern itself then says whether and where.
fn may_hold_condition(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(0xBE, 0xBF, bytes).any(|at| {
        at >= 3
            && bytes[at - 2..at] == [0xE1, 0xBA]
            && matches!(bytes[at - 3], b'n' | b'N')
            && matches!(bytes.get(at + 1), Some(b'u' | b'U'))
    })
}

/// The agencies a subject lists, also across semicolons ("các bộ, ngành;
/// các cấp chính quyền địa phương; các tập đoàn …"), where a member the
/// normalizer does not know is kept as a described collection. Returns
/// them and where the subject ends.
fn subject_list<'d>(
    text: &'d str,
    texts: &Texts<'d>,
    aliases: &Aliases,
) -> Option<(Vec<schema::Agency>, usize)> {
    let found = texts.leading_agencies(text, aliases)?;
    let mut agencies: Vec<schema::Agency> = found.agencies.iter().map(convert::agency).collect();
    let mut end = text.floor_char_boundary(found.end);
    while let Some(next) = text[end..].trim_start().strip_prefix(';') {
        let start = text.len() - next.trim_start().len();
        let member = &text[start..];
        if let Some(found) = texts.leading_agencies(member, aliases) {
            agencies.extend(found.agencies.iter().map(convert::agency));
            end = start + member.floor_char_boundary(found.end);
            continue;
        }
        // Only a collection followed by another member of the list.
        let Some(piece) = member.split_once(';').map(|(piece, _)| piece) else {
            break;
        };
        match described_group(piece).filter(|_| piece.starts_with("các ")) {
            Some(group) => {
                agencies.push(group);
                end = start + piece.len();
            }
            None => break,
        }
    }
    Some((agencies, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The pattern matches only where the prefilter says it may.
        #[test]
        fn a_condition_is_never_missed(text in "[nNuUếẾểeá ,.\u{301}_1a]{0,24}") {
            if condition_pattern().is_match(&text) {
                prop_assert!(may_hold_condition(&text), "{:?}", text);
            }
        }
    }

    #[test]
    fn conditions_are_seen_in_every_case() {
        for text in ["nếu", "NẾU có", "Nếu", "nẾu", "vướng mắc, nếu có", "NếU"] {
            assert!(condition_pattern().is_match(text), "{text:?}");
            assert!(may_hold_condition(text), "{text:?}");
        }
        for text in ["kế hoạch", "nêu", "neu", "nếm", ""] {
            assert!(!may_hold_condition(text), "{text:?}");
        }
    }

    fn names(agencies: &[schema::Agency]) -> Vec<&str> {
        agencies.iter().map(|a| &*a.name).collect()
    }

    #[test]
    fn subject_after_an_introduction() {
        let aliases = Aliases::new();
        let texts = Texts::default();
        let subject = subject_after_introduction(
            "Trong năm 2022, các bộ, ngành; các cấp chính quyền địa phương; các tập đoàn kinh tế, \
             tổng công ty của Nhà nước và các cơ quan, tổ chức liên quan hoàn thành việc phổ biến.",
            &texts,
            &aliases,
        )
        .expect("a subject");
        assert_eq!(
            names(&subject),
            [
                "Các bộ, ngành",
                "Các cấp chính quyền địa phương",
                "Các tập đoàn kinh tế, tổng công ty của Nhà nước",
                "Các cơ quan, tổ chức liên quan"
            ]
        );
        assert!(
            subject_after_introduction(
                "Trong quá trình thực hiện, nếu có vướng mắc, các cơ quan, đơn vị phản ánh về Sở Nội vụ.",
                &texts,
                &aliases
            )
            .is_none()
        );
        // "nêu trên" (above) is no condition ("nếu").
        let subject = subject_after_introduction(
            "Trên cơ sở nội dung Kế hoạch nêu trên, các sở, ban, ngành tỉnh căn cứ Kế hoạch để thành lập Ban Chỉ đạo.",
            &texts,
            &aliases,
        );
        assert_eq!(
            subject.as_deref().map(names),
            Some(vec!["Các sở, ban, ngành tỉnh"])
        );
        // No introduction: a lower-case collection is not a subject.
        assert!(
            subject_after_introduction("Rà soát văn bản, các sở thực hiện.", &texts, &aliases)
                .is_none()
        );
    }

    #[test]
    fn a_heading_defines_its_group() {
        let group =
            defined_group("Các cơ quan chủ trì thực hiện các nội dung CCHC gồm:").expect("a group");
        assert_eq!(
            &*group.raw,
            "Các cơ quan chủ trì thực hiện các nội dung CCHC"
        );
        assert!(group.group);
        assert!(defined_group("Sở Nội vụ chủ trì rà soát.").is_none());
    }
}
