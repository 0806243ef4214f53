//! Measuring instruments for kehoach: a generator of large, realistic
//! corpora built from the pieces of the real documents in `corpus/`, and
//! the shared code of the benchmarks (`benches/`) and the end-to-end script
//! (`scripts/e2e.sh`).
//!
//! The generator is deterministic: the same seed and index give the same
//! document on any machine and with any number of threads.
//!
//! ```no_run
//! use kehoach_bench::{Generator, Pieces, read_corpus};
//!
//! let files = read_corpus("corpus".as_ref())?;
//! let pieces = Pieces::harvest(&files)?;
//! let generator = Generator::new(&pieces, 42);
//! let document = generator.document(0);
//! assert!(document.text.len() > 1_000);
//! # Ok::<(), anyhow::Error>(())
//! ```

#![deny(missing_docs)]

pub mod generate;
pub mod pieces;

pub use generate::{GeneratedDocument, Generator, Layout};
pub use pieces::{CorpusFile, Pieces, corpus_fingerprint, read_corpus};

/// The `corpus/` folder of this repository, for benches and tests.
pub fn repository_corpus() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}
