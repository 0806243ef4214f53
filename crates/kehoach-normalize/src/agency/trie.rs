//! A map from sequences of token keys to values, matched longest first.
//!
//! Every key carries its hash, computed once when the token is read (see
//! [`Key`]), so a lookup at a token position costs one probe per word
//! matched and a string comparison only when the probe finds a child.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::key::{Key, key_hash};
use super::token::Token;

/// A map from sequences of token keys to values, matched longest first.
#[derive(Debug)]
pub(crate) struct Trie<V> {
    nodes: Vec<Node<V>>,
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
    /// Children by the hash of their key.
    children: HashMap<u64, u32, BuildHasherDefault<Premixed>>,
    value: Option<V>,
}

impl<V> Node<V> {
    fn new(key: &str) -> Self {
        Node {
            key: key.into(),
            children: HashMap::default(),
            value: None,
        }
    }
}

impl<V> Default for Trie<V> {
    fn default() -> Self {
        Trie {
            nodes: vec![Node::new("")],
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
            node = match self.nodes[node].children.get(&hash) {
                Some(&child) => {
                    let child = child as usize;
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
                    self.nodes[node].children.insert(hash, child as u32);
                    child
                }
            };
        }
        self.depth = self.depth.max(depth);
        self.nodes[node].value.replace(value)
    }

    /// The most keys an entry has: a lookup never reads further.
    pub fn depth(&self) -> usize {
        self.depth
    }

    /// The child of `node` along `key`.
    fn child(&self, node: usize, key: &Key<'_>) -> Option<usize> {
        if node == 0 {
            let (word, bit) = first_key_bit(key.hash());
            if self.first_keys[word] & bit == 0 {
                return None;
            }
        }
        let &child = self.nodes[node].children.get(&key.hash())?;
        let child = child as usize;
        (*self.nodes[child].key == **key).then_some(child)
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

    /// Whether some entry starts with `key`, already hashed.
    pub fn starts_with(&self, key: &Key<'_>) -> bool {
        self.child(0, key).is_some()
    }

    /// The longest entry matching the folded keys of `tokens` from `start`.
    pub fn at(&self, tokens: &[Token<'_>], start: usize) -> Option<(usize, &V)> {
        if start >= tokens.len() {
            return None;
        }
        self.longest(tokens.len() - start, |offset| {
            Some(&tokens[start + offset].key)
        })
    }

    /// Whether an entry matches at `start`; returns its length.
    pub fn len_at(&self, tokens: &[Token<'_>], start: usize) -> Option<usize> {
        self.at(tokens, start).map(|(len, _)| len)
    }
}

/// The word and bit of [`Trie::first_keys`] for a key's hash.
fn first_key_bit(hash: u64) -> (usize, u64) {
    let bits = (hash >> 54) as usize;
    (bits >> 6, 1 << (bits & 63))
}

/// The hasher of the child maps, whose keys are already hashes: it only
/// spreads their bits, so that the map's bucket and tag bits both vary.
#[derive(Default)]
struct Premixed(u64);

impl Hasher for Premixed {
    fn finish(&self) -> u64 {
        let h = self.0 ^ (self.0 >> 31);
        h.wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 << 8) ^ u64::from(byte) ^ (self.0 >> 56);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}
