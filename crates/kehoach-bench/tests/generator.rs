//! Checks that the scale-corpus generator is deterministic, sized as
//! documented, and writes documents the extractor reads as intended.

use std::collections::HashMap;
use std::sync::LazyLock;

use kehoach_bench::{Generator, Layout, Pieces, read_corpus, repository_corpus};
use kehoach_extract::schema::Source;
use kehoach_extract::{Config, extract};

static PIECES: LazyLock<Pieces> = LazyLock::new(|| {
    let files = read_corpus(&repository_corpus()).expect("the repository corpus");
    Pieces::harvest(&files).expect("pieces of the corpus")
});

#[test]
fn same_seed_same_documents() {
    let first = Generator::new(&PIECES, 7);
    // A second harvest must cut the same pieces in the same order.
    let files = read_corpus(&repository_corpus()).unwrap();
    let pieces = Pieces::harvest(&files).unwrap();
    let second = Generator::new(&pieces, 7);
    for index in [0, 1, 17, 9_999] {
        assert_eq!(first.document(index).text, second.document(index).text);
    }
    assert_ne!(first.document(0).text, first.document(1).text);
    assert_ne!(
        first.document(0).text,
        Generator::new(&PIECES, 8).document(0).text
    );
}

#[test]
fn mean_size_is_near_the_requested_one() {
    let generator = Generator::new(&PIECES, 42);
    let n_documents = 300;
    let total: usize = (0..n_documents)
        .map(|index| generator.document(index).text.len())
        .sum();
    let mean = total / n_documents as usize;
    assert!((25_000..=36_000).contains(&mean), "mean size {mean}");
}

#[test]
fn every_layout_appears() {
    let generator = Generator::new(&PIECES, 42);
    let mut seen: HashMap<Layout, usize> = HashMap::new();
    for index in 0..300 {
        *seen.entry(generator.document(index).layout).or_default() += 1;
    }
    for (layout, _) in Layout::MIX {
        assert!(
            seen.contains_key(&layout),
            "no {} document",
            layout.as_str()
        );
    }
}

/// The extractor finds (nearly) every task the generator wrote, in every
/// layout: the generated text is plausible to the parser. A header block
/// may hold a few tasks of its own (a decision's "Điều 2. Giao Sở …"), so
/// each document may be off by a few.
#[test]
fn extractor_finds_the_written_tasks() {
    let generator = Generator::new(&PIECES, 42).with_mean_bytes(6_000);
    let mut written: HashMap<Layout, usize> = HashMap::new();
    let mut found: HashMap<Layout, usize> = HashMap::new();
    let mut documents: HashMap<Layout, usize> = HashMap::new();
    for index in 0..40 {
        let document = generator.document(index);
        let source = Source {
            path: format!("doc-{index:06}.txt"),
            sha256: String::new(),
            bytes: document.text.len() as u64,
        };
        let output = extract(&document.text, source, &Config::default());
        *written.entry(document.layout).or_default() += document.n_tasks;
        *found.entry(document.layout).or_default() += output.tasks.len();
        *documents.entry(document.layout).or_default() += 1;
    }
    for (layout, n_written) in written {
        let n_found = found[&layout];
        let slack = n_written / 10 + 4 * documents[&layout];
        assert!(
            n_found.abs_diff(n_written) <= slack,
            "{}: wrote {n_written} tasks, the extractor found {n_found}",
            layout.as_str()
        );
    }
}
