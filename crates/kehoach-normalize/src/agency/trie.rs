//! A map from sequences of token keys to values, matched longest first.
//!
//! Every key carries its hash, computed once when the token is read (see
//! [`Key`]), so a lookup at a token position costs one probe of a flat
//! table per word matched and a string comparison only when the probe
//! finds a child.

use std::borrow::Borrow;

use super::key::{Key, key_hash};
use super::token::Token;
use crate::hash::same_word;

/// A map from sequences of token keys to values, matched longest first.
#[derive(Debug)]
pub(crate) struct Trie<V> {
    nodes: Vec<Node<V>>,
    /// Every edge by its parent and the hash of its key, open addressing
    /// with linear probing: a power of two long, at most half full.
    edges: Vec<Edge>,
    /// One bit for each hash of a first key (a Bloom filter): most tokens
    /// start no entry, and this tells them apart without a probe.
    first_keys: [u64; 16],
    /// The most keys of an entry.
    depth: usize,
}

#[derive(Debug)]
struct Node<V> {
    /// The key of the edge into this node (empty for the root).
    key: Box<str>,
    value: Option<V>,
}

/// An edge of the trie, a slot of [`Trie::edges`].
#[derive(Debug, Clone, Copy, Default)]
struct Edge {
    /// The hash of the child's key.
    hash: u64,
    parent: u32,
    /// The node the edge leads to; 0 (the root, which is no child) for an
    /// empty slot.
    child: u32,
}

impl<V> Node<V> {
    fn new(key: &str) -> Self {
        Node {
            key: key.into(),
            value: None,
        }
    }
}

impl<V> Default for Trie<V> {
    fn default() -> Self {
        Trie {
            nodes: vec![Node::new("")],
            edges: vec![Edge::default(); 8],
            first_keys: [0; 16],
            depth: 0,
        }
    }
}

impl<V> Trie<V> {
    /// Inserts `value` under `keys`; returns the value it replaces.
    ///
    /// # Panics
    ///
    /// When two different keys of the data share a hash, which the tests
    /// that load the data would show.
    pub fn insert<'k>(&mut self, keys: impl IntoIterator<Item = &'k str>, value: V) -> Option<V> {
        let mut node = 0usize;
        let mut depth = 0;
        for key in keys {
            depth += 1;
            let hash = key_hash(key);
            if node == 0 {
                let (word, bit) = first_key_bit(hash);
                self.first_keys[word] |= bit;
            }
            node = match self.edge(node, hash) {
                Some(child) => {
                    assert!(
                        *self.nodes[child].key == *key,
                        "the keys '{}' and '{key}' share a hash",
                        self.nodes[child].key
                    );
                    child
                }
                None => {
                    let child = self.nodes.len();
                    self.nodes.push(Node::new(key));
                    self.add_edge(Edge {
                        hash,
                        parent: node as u32,
                        child: child as u32,
                    });
                    child
                }
            };
        }
        self.depth = self.depth.max(depth);
        self.nodes[node].value.replace(value)
    }

    /// The first slot to probe for the edge from `parent` along `hash`.
    #[inline]
    fn slot(&self, parent: usize, hash: u64) -> usize {
        let mixed = hash.wrapping_add((parent as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
        mixed as usize & (self.edges.len() - 1)
    }

    /// The child of `parent` whose key has the hash `hash`.
    #[inline]
    fn edge(&self, parent: usize, hash: u64) -> Option<usize> {
        let mask = self.edges.len() - 1;
        let mut slot = self.slot(parent, hash);
        loop {
            let edge = self.edges[slot];
            if edge.child == 0 {
                return None;
            }
            if edge.hash == hash && edge.parent as usize == parent {
                return Some(edge.child as usize);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Adds an edge not in the table, doubling the table when it would be
    /// more than half full.
    fn add_edge(&mut self, edge: Edge) {
        // Every node but the root has one edge into it.
        if 2 * self.nodes.len() > self.edges.len() {
            let grown = vec![Edge::default(); 2 * self.edges.len()];
            let old = std::mem::replace(&mut self.edges, grown);
            for edge in old.into_iter().filter(|e| e.child != 0) {
                self.place(edge);
            }
        }
        self.place(edge);
    }

    /// Puts `edge` in the first empty slot of its probe sequence.
    fn place(&mut self, edge: Edge) {
        let mask = self.edges.len() - 1;
        let mut slot = self.slot(edge.parent as usize, edge.hash);
        while self.edges[slot].child != 0 {
            slot = (slot + 1) & mask;
        }
        self.edges[slot] = edge;
    }

    /// The most keys an entry has: a lookup never reads further.
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// Whether an entry may start with the key whose hash is `hash`: `false`
    /// when [`Trie::first_keys`] shows none does.
    #[inline]
    fn may_start(&self, hash: u64) -> bool {
        let (word, bit) = first_key_bit(hash);
        self.first_keys[word] & bit != 0
    }

    /// The child of `node` along `key`.
    fn child(&self, node: usize, key: &Key<'_>) -> Option<usize> {
        if node == 0 && !self.may_start(key.hash()) {
            return None;
        }
        let child = self.edge(node, key.hash())?;
        same_word(&self.nodes[child].key, key).then_some(child)
    }

    /// The longest entry whose keys are a prefix of the sequence `key_at(0),
    /// key_at(1), …` (at most `available` keys), with its length.
    pub fn longest<'k, K: Borrow<Key<'k>>>(
        &self,
        available: usize,
        key_at: impl Fn(usize) -> Option<K>,
    ) -> Option<(usize, &V)> {
        let mut node = 0usize;
        let mut best = None;
        for offset in 0..available {
            let Some(key) = key_at(offset) else { break };
            match self.child(node, key.borrow()) {
                Some(child) => node = child,
                None => break,
            }
            if let Some(value) = &self.nodes[node].value {
                best = Some((offset + 1, value));
            }
        }
        best
    }

    /// Every value, in no particular order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.nodes.iter().filter_map(|node| node.value.as_ref())
    }

    /// Whether some entry starts with `key`.
    pub fn starts_with_key(&self, key: &str) -> bool {
        self.starts_with(&Key::new(key))
    }

    /// Whether some entry starts with `key`, already hashed; inlined as
    /// [`Trie::at`] is.
    #[inline]
    pub fn starts_with(&self, key: &Key<'_>) -> bool {
        self.may_start(key.hash()) && self.child(0, key).is_some()
    }

    /// The longest entry matching the folded keys of `tokens` from `start`.
    ///
    /// Inlined, so that the common answer, that the token at `start` starts
    /// no entry, costs a caller no call.
    #[inline]
    pub fn at(&self, tokens: &[Token<'_>], start: usize) -> Option<(usize, &V)> {
        if !self.may_start(tokens.get(start)?.key.hash()) {
            return None;
        }
        self.longest(tokens.len() - start, |offset| {
            Some(&tokens[start + offset].key)
        })
    }

    /// Whether an entry matches at `start`; returns its length.
    #[inline]
    pub fn len_at(&self, tokens: &[Token<'_>], start: usize) -> Option<usize> {
        self.at(tokens, start).map(|(len, _)| len)
    }
}

/// The word and bit of [`Trie::first_keys`] for a key's hash.
fn first_key_bit(hash: u64) -> (usize, u64) {
    let bits = (hash >> 54) as usize;
    (bits >> 6, 1 << (bits & 63))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    fn sequence() -> impl Strategy<Value = Vec<&'static str>> {
        const KEYS: [&str; 8] = ["sở", "ủy", "ban", "nhân", "dân", "tỉnh", "a", "bộ"];
        proptest::collection::vec(proptest::sample::select(&KEYS[..]), 1..5)
    }

    proptest! {
        #[test]
        fn the_longest_entry_is_the_longest_prefix_inserted(
            entries in proptest::collection::vec(sequence(), 0..60),
            query in sequence(),
        ) {
            let mut trie = Trie::default();
            let mut map = HashMap::new();
            for (index, entry) in entries.iter().enumerate() {
                prop_assert_eq!(trie.insert(entry.iter().copied(), index), map.insert(entry.clone(), index));
            }
            let keys: Vec<Key<'_>> = query.iter().map(|k| Key::new(k)).collect();
            let expected = (1..=query.len())
                .rev()
                .find_map(|len| map.get(&query[..len]).map(|value| (len, value)));
            prop_assert_eq!(trie.longest(keys.len(), |offset| keys.get(offset)), expected);
        }
    }
}
