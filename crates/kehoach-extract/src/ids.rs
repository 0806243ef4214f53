//! Outline paths: the `id` of every heading, task and target.
//!
//! A path joins the markers from the top of the document down with dots:
//! `II.2.a`. A decimal heading already carries its parent's number (`2.4`
//! under `2.` gives `III.2.4`, not `III.2.2.4`); bullets are numbered among
//! their siblings (`III.2.4-1`); an article is `Điều 2`; a list that
//! restarted without a heading is a group `G2`, `G3`.

use kehoach_syntax::{Document, MarkerStyle, NodeKind};

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
            NodeKind::Group(_) => join(base, &format!("G{}", same_kind_before + 2)),
            NodeKind::Item(MarkerStyle::Dash) => format!("{base}-{}", same_kind_before + 1),
            NodeKind::Item(MarkerStyle::Plus) => format!("{base}+{}", same_kind_before + 1),
            NodeKind::Item(MarkerStyle::Decimal(_)) => {
                // "2.4" under "2." replaces the parent's own number.
                let parent_node = &document.nodes[parent];
                let parent_label = parent_node.marker.as_ref().map_or("", |m| &*m.label);
                let numbered = matches!(
                    parent_node.kind,
                    NodeKind::Item(MarkerStyle::Arabic | MarkerStyle::Decimal(_))
                );
                if numbered && label.starts_with(&format!("{parent_label}.")) {
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
        format!("{base}.{segment}")
    }
}

/// Makes every id unique by suffixing a repeat with `~2`, `~3` … (the
/// first suffix not already taken).
pub(crate) fn dedupe<'a>(ids: impl IntoIterator<Item = &'a mut String>) {
    let ids: Vec<&mut String> = ids.into_iter().collect();
    // Most documents repeat no id: find out without copying any.
    let mut distinct = FxHashSet::with_capacity_and_hasher(ids.len(), Default::default());
    if ids.iter().all(|id| distinct.insert(id.as_str())) {
        return;
    }
    let mut taken: FxHashSet<String> = ids.iter().map(|id| (**id).clone()).collect();
    let mut seen: FxHashSet<String> =
        FxHashSet::with_capacity_and_hasher(ids.len(), Default::default());
    for id in ids {
        if seen.insert(id.clone()) {
            continue;
        }
        let mut suffix = 2;
        while taken.contains(&format!("{id}~{suffix}")) {
            suffix += 1;
        }
        let unique = format!("{id}~{suffix}");
        taken.insert(unique.clone());
        seen.insert(unique.clone());
        *id = unique;
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

    #[test]
    fn repeats_get_a_suffix() {
        let mut ids = vec![
            "1".to_owned(),
            "1".to_owned(),
            "1~2".to_owned(),
            "1".to_owned(),
        ];
        dedupe(ids.iter_mut());
        let unique: FxHashSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), 4, "{ids:?}");
        assert_eq!(ids[0], "1");
        assert!(ids[1].starts_with("1~"), "{ids:?}");
    }
}
