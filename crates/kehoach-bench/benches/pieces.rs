//! Benchmarks of the hot pieces of kehoach, each over every input of its
//! kind found in `corpus/` (and, for the whole-document stages, over a
//! sample of the generated scale corpus): Unicode normalization, text
//! repair, parsing (repair and segmentation),
//! extraction, agency splitting, deadline parsing, reference finding and
//! JSON serialisation.
//!
//! Every timed closure checks its answer against a figure computed once
//! beforehand, so a change that makes a stage wrong cannot make it look
//! fast. Run with `cargo bench -p kehoach-bench`; pass a filter to run some
//! (`cargo bench -p kehoach-bench -- deadline`).

use std::sync::LazyLock;

use divan::Bencher;
use divan::counter::{BytesCount, ItemsCount};
use kehoach_bench::{Generator, Pieces, read_corpus, repository_corpus};
use kehoach_extract::schema::{Output, Source};
use kehoach_extract::{Config, extract};
use kehoach_normalize::agency::{Aliases, split_agencies};
use kehoach_normalize::deadline::{Deadline, DeadlineContext, parse_deadline};
use kehoach_normalize::reference::find_references;

fn main() {
    divan::main();
}

/// How many generated documents the scale-sample benches read.
const SAMPLE_DOCUMENTS: u64 = 100;

/// One input set of whole documents with the figures the benches check.
struct Documents {
    texts: Vec<String>,
    bytes: usize,
    /// Sum over documents of nodes + tables + table rows.
    parse_count: usize,
    /// Sum over documents of repaired units.
    repaired_units: usize,
    /// Sum over documents of tasks.
    tasks: usize,
    outputs: Vec<Output>,
    /// Length of every output serialised with `serde_json::to_writer`.
    json_bytes: usize,
}

impl Documents {
    fn new(texts: Vec<String>) -> Documents {
        let bytes = texts.iter().map(String::len).sum();
        let parse_count = texts.iter().map(|text| parse_count(text)).sum();
        let repaired_units = texts.iter().map(|text| repaired_units(text)).sum();
        let outputs: Vec<Output> = texts.iter().map(|text| run_extract(text)).collect();
        let tasks = outputs.iter().map(|output| output.tasks.len()).sum();
        let json_bytes = outputs.iter().map(json_len).sum();
        Documents {
            texts,
            bytes,
            parse_count,
            repaired_units,
            tasks,
            outputs,
            json_bytes,
        }
    }
}

/// The phrase-level inputs, gathered once from the corpus.
struct Phrases {
    /// Lead and support values of every task (field values and table
    /// cells), as written.
    agency_values: Vec<String>,
    /// Agencies `split_agencies` finds in them, in total.
    agencies: usize,
    /// Every deadline phrase of every task.
    deadlines: Vec<String>,
    /// What `parse_deadline` gives for each, to compare whole results.
    deadline_results: Vec<Deadline>,
    /// Every paragraph, title, field value and table cell.
    paragraphs: Vec<String>,
    paragraph_bytes: usize,
    /// References `find_references` finds in them, in total.
    references: usize,
    /// Every repaired line (unit) of every document, where field labels
    /// are looked for.
    units: Vec<String>,
    unit_bytes: usize,
    /// Units that open with a field label.
    labelled_units: usize,
}

struct Fixture {
    corpus: Documents,
    sample: Documents,
    phrases: Phrases,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let files = read_corpus(&repository_corpus()).expect("the repository corpus");
    let pieces = Pieces::harvest(&files).expect("pieces of the corpus");
    let generator = Generator::new(&pieces, 42);
    let sample_texts = (0..SAMPLE_DOCUMENTS)
        .map(|index| generator.document(index).text)
        .collect();
    let corpus = Documents::new(files.into_iter().map(|file| file.text).collect());
    let phrases = phrases(&corpus);
    Fixture {
        corpus,
        sample: Documents::new(sample_texts),
        phrases,
    }
});

fn source(text: &str) -> Source {
    Source {
        path: "bench.txt".to_owned(),
        sha256: String::new(),
        bytes: text.len() as u64,
    }
}

fn run_extract(text: &str) -> Output {
    extract(text, source(text), &Config::default())
}

fn parse_count(text: &str) -> usize {
    let document = kehoach_syntax::parse(text).document;
    let rows: usize = document.tables.iter().map(|table| table.rows.len()).sum();
    document.nodes.len() + document.tables.len() + rows
}

fn repaired_units(text: &str) -> usize {
    kehoach_syntax::repair(text).units.len()
}

fn labelled_count(units: &[String]) -> usize {
    units
        .iter()
        .filter(|unit| kehoach_syntax::match_label(unit).is_some())
        .count()
}

fn json_len(output: &Output) -> usize {
    let mut buffer = Vec::new();
    serde_json::to_writer(&mut buffer, output).expect("serialising an output");
    buffer.len()
}

/// The context of every benchmarked deadline phrase: a plan for 2023.
fn deadline_context() -> DeadlineContext {
    DeadlineContext {
        plan_year: Some(2023),
        ..DeadlineContext::default()
    }
}

fn agency_count(values: &[String]) -> usize {
    let aliases = Aliases::new();
    values
        .iter()
        .map(|value| split_agencies(value, &aliases).agencies.len())
        .sum()
}

fn deadline_results(phrases: &[String]) -> Vec<Deadline> {
    let context = deadline_context();
    phrases
        .iter()
        .map(|phrase| parse_deadline(phrase, &context))
        .collect()
}

fn reference_count(paragraphs: &[String]) -> usize {
    paragraphs
        .iter()
        .map(|paragraph| find_references(paragraph).len())
        .sum()
}

fn phrases(corpus: &Documents) -> Phrases {
    let mut agency_values = Vec::new();
    let mut deadlines = Vec::new();
    for output in &corpus.outputs {
        for task in &output.tasks {
            for field in &task.fields {
                match &*field.role {
                    "lead" | "support" if !field.value.trim().is_empty() => {
                        agency_values.push(field.value.clone());
                    }
                    "deadline" if !field.value.trim().is_empty() => {
                        deadlines.push(field.value.clone());
                    }
                    _ => {}
                }
            }
            // Deadlines found inside a directive's sentence have no field.
            if let Some(deadline) = &task.deadline
                && !task.fields.iter().any(|field| field.role == "deadline")
            {
                deadlines.push(deadline.raw.to_string());
            }
        }
    }
    let mut paragraphs = Vec::new();
    for text in &corpus.texts {
        let document = kehoach_syntax::parse(text).document;
        for part in &document.parts {
            if let Some(title) = &part.metadata.title {
                paragraphs.push(title.text.clone());
            }
            paragraphs.extend(part.closing.iter().map(|closing| closing.text.clone()));
        }
        for node in &document.nodes {
            paragraphs.push(node.title.clone());
            paragraphs.extend(node.body.iter().map(|paragraph| paragraph.text.clone()));
            paragraphs.extend(
                node.fields
                    .iter()
                    .map(|field| field.full_value().into_owned()),
            );
        }
        for table in &document.tables {
            for row in &table.rows {
                paragraphs.extend(row.cells.iter().map(|cell| cell.text.clone()));
            }
        }
    }
    paragraphs.retain(|paragraph| !paragraph.is_empty());
    let units: Vec<String> = corpus
        .texts
        .iter()
        .flat_map(|text| kehoach_syntax::repair(text).units)
        .map(|unit| unit.text)
        .collect();
    Phrases {
        unit_bytes: units.iter().map(String::len).sum(),
        labelled_units: labelled_count(&units),
        units,
        agencies: agency_count(&agency_values),
        agency_values,
        deadline_results: deadline_results(&deadlines),
        deadlines,
        paragraph_bytes: paragraphs.iter().map(String::len).sum(),
        references: reference_count(&paragraphs),
        paragraphs,
    }
}

/// Benches `count` over every text of `documents`, in bytes per second,
/// checking inside the timed closure that the counts add up to `expected`.
fn count_per_document(
    bencher: Bencher<'_, '_>,
    documents: &'static Documents,
    expected: usize,
    count: impl Fn(&str) -> usize + Sync,
) {
    bencher.counter(BytesCount::new(documents.bytes)).bench(|| {
        let total: usize = documents.texts.iter().map(|text| count(text)).sum();
        assert_eq!(total, expected);
        total
    });
}

/// Unicode NFC normalization, the first step of text repair.
#[divan::bench]
fn nfc_corpus(bencher: Bencher<'_, '_>) {
    let corpus = &FIXTURE.corpus;
    count_per_document(bencher, corpus, corpus.bytes, |text| {
        kehoach_text::nfc(text).len()
    });
}

/// `kehoach_syntax::repair`: text repair alone (NFC, line cleaning, hard
/// wraps and page breaks rejoined, one-cell-per-line tables rebuilt).
mod repair {
    use super::*;

    fn run(bencher: Bencher<'_, '_>, documents: &'static Documents) {
        count_per_document(bencher, documents, documents.repaired_units, repaired_units);
    }

    /// Every document of `corpus/`.
    #[divan::bench(sample_count = 50)]
    fn corpus(bencher: Bencher<'_, '_>) {
        run(bencher, &FIXTURE.corpus);
    }

    /// The first 100 documents of the scale corpus (seed 42).
    #[divan::bench(sample_count = 20)]
    fn scale_sample(bencher: Bencher<'_, '_>) {
        run(bencher, &FIXTURE.sample);
    }
}

/// `kehoach_syntax::parse`: text repair and segmentation.
mod parse {
    use super::*;

    fn run(bencher: Bencher<'_, '_>, documents: &'static Documents) {
        count_per_document(bencher, documents, documents.parse_count, parse_count);
    }

    /// Every document of `corpus/`.
    #[divan::bench(sample_count = 50)]
    fn corpus(bencher: Bencher<'_, '_>) {
        run(bencher, &FIXTURE.corpus);
    }

    /// The first 100 documents of the scale corpus (seed 42).
    #[divan::bench(sample_count = 20)]
    fn scale_sample(bencher: Bencher<'_, '_>) {
        run(bencher, &FIXTURE.sample);
    }
}

/// `kehoach_extract::extract`: parsing, normalization and task building.
mod extract {
    use super::*;

    fn run(bencher: Bencher<'_, '_>, documents: &'static Documents) {
        count_per_document(bencher, documents, documents.tasks, |text| {
            run_extract(text).tasks.len()
        });
    }

    /// Every document of `corpus/`.
    #[divan::bench(sample_count = 50)]
    fn corpus(bencher: Bencher<'_, '_>) {
        run(bencher, &FIXTURE.corpus);
    }

    /// The first 100 documents of the scale corpus (seed 42).
    #[divan::bench(sample_count = 20)]
    fn scale_sample(bencher: Bencher<'_, '_>) {
        run(bencher, &FIXTURE.sample);
    }
}

/// Extraction and serialisation into one reused buffer: what one thread
/// of `kehoach extract --jsonl` does per document, without file I/O and
/// hashing.
mod pipeline {
    use super::*;

    /// The first 100 documents of the scale corpus (seed 42).
    #[divan::bench(sample_count = 20)]
    fn scale_sample(bencher: Bencher<'_, '_>) {
        let documents = &FIXTURE.sample;
        let mut buffer = Vec::with_capacity(1 << 20);
        bencher
            .counter(BytesCount::new(documents.bytes))
            .bench_local(|| {
                let mut json_bytes = 0;
                for text in &documents.texts {
                    buffer.clear();
                    kehoach_extract::json::to_writer(&mut buffer, &run_extract(text))
                        .expect("serialising an output");
                    json_bytes += buffer.len();
                }
                assert_eq!(json_bytes, documents.json_bytes);
                json_bytes
            });
    }
}

/// `split_agencies` over every lead and support value of the corpus.
#[divan::bench]
fn split_agencies_corpus(bencher: Bencher<'_, '_>) {
    let phrases = &FIXTURE.phrases;
    bencher
        .counter(ItemsCount::new(phrases.agency_values.len()))
        .bench(|| {
            let count = agency_count(&phrases.agency_values);
            assert_eq!(count, phrases.agencies);
            count
        });
}

/// `parse_deadline` over every deadline phrase of the corpus.
#[divan::bench]
fn parse_deadline_corpus(bencher: Bencher<'_, '_>) {
    let phrases = &FIXTURE.phrases;
    bencher
        .counter(ItemsCount::new(phrases.deadlines.len()))
        .bench(|| {
            let context = deadline_context();
            let n_equal = phrases
                .deadlines
                .iter()
                .zip(&phrases.deadline_results)
                .filter(|(phrase, expected)| parse_deadline(phrase, &context) == **expected)
                .count();
            assert_eq!(n_equal, phrases.deadlines.len());
            n_equal
        });
}

/// `find_references` over every paragraph, title, field value and table
/// cell of the corpus.
#[divan::bench]
fn find_references_corpus(bencher: Bencher<'_, '_>) {
    let phrases = &FIXTURE.phrases;
    bencher
        .counter(BytesCount::new(phrases.paragraph_bytes))
        .counter(ItemsCount::new(phrases.paragraphs.len()))
        .bench(|| {
            let count = reference_count(&phrases.paragraphs);
            assert_eq!(count, phrases.references);
            count
        });
}

/// Field extraction's label step, `kehoach_syntax::match_label`, over
/// every repaired line of the corpus.
#[divan::bench]
fn match_label_corpus(bencher: Bencher<'_, '_>) {
    let phrases = &FIXTURE.phrases;
    bencher
        .counter(BytesCount::new(phrases.unit_bytes))
        .counter(ItemsCount::new(phrases.units.len()))
        .bench(|| {
            let count = labelled_count(&phrases.units);
            assert_eq!(count, phrases.labelled_units);
            count
        });
}

/// `kehoach_extract::json::to_writer`, the compact writer of `kehoach
/// extract --jsonl`, of every output of the corpus into a `Vec`; the
/// counter is the JSON written.
mod json {
    use super::*;

    fn run(bencher: Bencher<'_, '_>, documents: &'static Documents) {
        let mut buffer = Vec::with_capacity(1 << 20);
        bencher
            .counter(BytesCount::new(documents.json_bytes))
            .bench_local(|| {
                let mut json_bytes = 0;
                for output in &documents.outputs {
                    buffer.clear();
                    kehoach_extract::json::to_writer(&mut buffer, output)
                        .expect("serialising an output");
                    json_bytes += buffer.len();
                }
                assert_eq!(json_bytes, documents.json_bytes);
                json_bytes
            });
    }

    /// Outputs of every document of `corpus/`.
    #[divan::bench]
    fn corpus(bencher: Bencher<'_, '_>) {
        run(bencher, &FIXTURE.corpus);
    }

    /// Outputs of the first 100 documents of the scale corpus.
    #[divan::bench(sample_count = 50)]
    fn scale_sample(bencher: Bencher<'_, '_>) {
        run(bencher, &FIXTURE.sample);
    }
}
