//! Outline paths: the `id` of every heading, task and target.
//!
//! A path joins the markers from the top of the document down with dots:
//! `II.2.a`. A decimal heading already carries its parent's number (`2.4`
//! under `2.` gives `III.2.4`, not `III.2.2.4`); bullets are numbered among
//! their siblings (`III.2.4-1`); an article is `Điều 2`; a list that
//! restarted without a heading is a group `G2`, `G3`.

use kehoach_syntax::{Document, MarkerStyle, NodeKind};

use std::sync::Arc;

use rustc_hash::FxHashSet;

/// The path of every node of `document`, indexed by node id.
pub(crate) fn node_ids(document: &Document) -> Vec<String> {
    let mut ids: Vec<String> = Vec::with_capacity(document.nodes.len());
    for node in &document.nodes {
        let Some(parent) = node.parent else {
            ids.push(String::new());
            continue;
        };
        let siblings = &document.nodes[parent].children;
        let position = siblings
            .iter()
            .position(|&sibling| ids.len() == sibling)
            .unwrap_or(0);
        let same_kind_before = siblings[..position]
            .iter()
            .filter(|&&sibling| document.nodes[sibling].kind == node.kind)
            .count();
        let mut base = ids[parent].as_str();
        let label = node.marker.as_ref().map_or("", |marker| &*marker.label);
        let id = match node.kind {
            NodeKind::Root => String::new(),
            NodeKind::Group(_) => {
                let mut number = itoa::Buffer::new();
                let number = number.format(same_kind_before + 2);
                if base.is_empty() {
                    ["G", number].concat()
                } else {
                    [base, ".G", number].concat()
                }
            }
            NodeKind::Item(MarkerStyle::Dash) => {
                [base, "-", itoa::Buffer::new().format(same_kind_before + 1)].concat()
            }
            NodeKind::Item(MarkerStyle::Plus) => {
                [base, "+", itoa::Buffer::new().format(same_kind_before + 1)].concat()
            }
            NodeKind::Item(MarkerStyle::Decimal(_)) => {
                // "2.4" under "2." replaces the parent's own number.
                let parent_node = &document.nodes[parent];
                let parent_label = parent_node.marker.as_ref().map_or("", |m| &*m.label);
                let numbered = matches!(
                    parent_node.kind,
                    NodeKind::Item(MarkerStyle::Arabic | MarkerStyle::Decimal(_))
                );
                if numbered
                    && label
                        .strip_prefix(parent_label)
                        .is_some_and(|rest| rest.starts_with('.'))
                {
                    base = parent_node.parent.map_or("", |grand| ids[grand].as_str());
                }
                join(base, label)
            }
            NodeKind::Item(_) => join(base, label),
        };
        ids.push(id);
    }
    ids
}

fn join(base: &str, segment: &str) -> String {
    if base.is_empty() {
        segment.to_owned()
    } else {
        [base, ".", segment].concat()
    }
}

/// Makes every id unique by suffixing a repeat with `~2`, `~3` … (the
/// first suffix not already taken).
pub(crate) fn dedupe<'a>(ids: impl IntoIterator<Item = &'a mut Arc<str>>) {
    let ids: Vec<&mut Arc<str>> = ids.into_iter().collect();
    // Most documents repeat no id: find out without copying any.
    let mut distinct = FxHashSet::with_capacity_and_hasher(ids.len(), Default::default());
    if ids.iter().all(|id| distinct.insert(&***id)) {
        return;
    }
    let mut taken: FxHashSet<String> = ids.iter().map(|id| id.to_string()).collect();
    let mut seen: FxHashSet<String> =
        FxHashSet::with_capacity_and_hasher(ids.len(), Default::default());
    for id in ids {
        if seen.insert(id.to_string()) {
            continue;
        }
        let mut suffix = 2;
        while taken.contains(&format!("{id}~{suffix}")) {
            suffix += 1;
        }
        let unique = format!("{id}~{suffix}");
        taken.insert(unique.clone());
        seen.insert(unique.clone());
        *id = unique.into();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids_of(text: &str) -> Vec<(String, String)> {
        let parse = kehoach_syntax::parse(text);
        let ids = node_ids(&parse.document);
        parse
            .document
            .nodes
            .iter()
            .zip(ids)
            .skip(1)
            .map(|(node, id)| (id, node.title.clone()))
            .collect()
    }

    #[test]
    fn paths_follow_the_outline() {
        let got = ids_of(
            "II. NHIỆM VỤ\n\n2. Cải cách\n\n2.4. Phát triển\n\n- Cổng thông tin\n\n- Số hóa\n\na) Một\n\nĐiều 2. Giao Sở Nội vụ\n",
        );
        let ids: Vec<&str> = got.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "II",
                "II.2",
                "II.2.4",
                "II.2.4-1",
                "II.2.4-2",
                "II.2.4.a",
                "Điều 2"
            ]
        );
    }

    #[test]
    fn restarted_lists_are_groups() {
        let got =
            ids_of("a) Một\n\nb) Hai\n\nChủ trì thực hiện các nhiệm vụ sau:\n\na) Ba\n\na) Bốn\n");
        let ids: Vec<&str> = got.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "G2", "G2.a", "G3", "G3.a"]);
    }

    proptest::proptest! {
        #[test]
        fn joined_as_format_writes(base in "[a-zIVĐ. 0-9]{0,8}", segment in "[a-z0-9.]{0,4}") {
            let expected = if base.is_empty() { segment.clone() } else { format!("{base}.{segment}") };
            proptest::prop_assert_eq!(join(&base, &segment), expected);
            proptest::prop_assert_eq!(
                base.strip_prefix(segment.as_str()).is_some_and(|rest| rest.starts_with('.')),
                base.starts_with(&format!("{segment}."))
            );
        }
    }

    #[test]
    fn repeats_get_a_suffix() {
        let mut ids: Vec<Arc<str>> = vec!["1".into(), "1".into(), "1~2".into(), "1".into()];
        dedupe(ids.iter_mut());
        let unique: FxHashSet<&Arc<str>> = ids.iter().collect();
        assert_eq!(unique.len(), 4, "{ids:?}");
        assert_eq!(&*ids[0], "1");
        assert!(ids[1].starts_with("1~"), "{ids:?}");
    }
}
