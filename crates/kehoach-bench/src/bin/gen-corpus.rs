//! `gen-corpus`: writes a scale corpus of realistic plan documents built
//! from the pieces of the real documents in `corpus/`, deterministic from a
//! seed, for the end-to-end benchmark.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use clap::Parser;
use kehoach_bench::{Generator, Pieces, corpus_fingerprint, read_corpus};
use rayon::prelude::*;

/// Write N realistic plan documents recombined from the real ones in
/// `corpus/` (headers, sections, items, fields, tables, deadline phrases),
/// renumbered and laid out as Word, web and PDF extracts are.
///
/// Files are named doc-000000.txt, doc-000001.txt, … and a MANIFEST.tsv
/// (a `#` line with the settings, then index, file, bytes, layout, tasks
/// written) is written beside them.
/// Document i is the same for the same --seed and --from whatever --count
/// and --threads, so a 2 000-document corpus is the first 2 000 documents
/// of the 10 000-document one.
#[derive(Debug, Parser)]
#[command(name = "gen-corpus")]
#[command(
    after_help = "Example:\n  cargo run --release -p kehoach-bench --bin gen-corpus -- \
                        --count 10000 --seed 42 --out target/scale"
)]
struct Args {
    /// Number of documents to write.
    #[arg(long, default_value_t = 10_000)]
    count: u64,

    /// Seed of the pseudo-random choices.
    #[arg(long, default_value_t = 42)]
    seed: u64,

    /// Folder to write the documents into (created if missing).
    #[arg(long, value_name = "DIR", default_value = "target/scale")]
    out: PathBuf,

    /// Folder of real documents (*.txt, read recursively) to take pieces from.
    #[arg(long, value_name = "DIR", default_value = "corpus")]
    from: PathBuf,

    /// Average document size in KB (sizes spread from a third of it to five
    /// thirds).
    #[arg(long, value_name = "KB", default_value_t = 30)]
    mean_kb: usize,

    /// Threads to generate and write with (default: one per core).
    #[arg(short = 'j', long = "threads", value_name = "N")]
    threads: Option<usize>,

    /// Replace the doc-*.txt files and manifest already in --out.
    #[arg(long)]
    force: bool,

    /// Do nothing when --out already holds the corpus these settings give
    /// (same generator format, count, seed, source and size); replace it
    /// otherwise.
    #[arg(long)]
    keep: bool,

    /// Print how many pieces of each kind the corpus gave, and exit.
    #[arg(long)]
    pieces: bool,

    /// Print every piece the corpus gave, one per line after its kind, and
    /// exit.
    #[arg(long)]
    dump_pieces: bool,
}

/// What the manifest records of one document.
struct Written {
    bytes: usize,
    layout: &'static str,
    n_tasks: usize,
}

fn main() {
    if let Err(error) = run() {
        eprintln!("gen-corpus: {error:#}");
        std::process::exit(1);
    }
}

fn run() -> anyhow::Result<()> {
    let args = Args::parse();
    let started = Instant::now();
    let files = read_corpus(&args.from)?;
    if args.pieces || args.dump_pieces {
        let pieces = Pieces::harvest(&files)?;
        let text = if args.pieces {
            pieces.describe()
        } else {
            pieces.dump()
        };
        print!("{text}");
        return Ok(());
    }
    let settings = format!(
        "# gen-corpus format {} --count {} --seed {} --from {} (fingerprint {:016x}) --mean-kb {}",
        kehoach_bench::generate::FORMAT,
        args.count,
        args.seed,
        args.from.display(),
        corpus_fingerprint(&files),
        args.mean_kb
    );
    if args.keep && manifest_settings(&args.out).as_deref() == Some(settings.as_str()) {
        eprintln!(
            "gen-corpus: {} already holds this corpus; kept",
            args.out.display()
        );
        return Ok(());
    }
    // Harvested only when the corpus is written: a kept corpus needs the
    // files' fingerprint alone.
    let pieces = Pieces::harvest(&files)?;
    let harvested = started.elapsed();
    prepare_out(&args.out, args.force || args.keep)?;
    if let Some(threads) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .context("starting the thread pool")?;
    }
    let generator = Generator::new(&pieces, args.seed).with_mean_bytes(args.mean_kb * 1000);
    let written: Vec<Written> = (0..args.count)
        .into_par_iter()
        .map(|index| {
            let document = generator.document(index);
            let path = args.out.join(file_name(index));
            fs::write(&path, &document.text)
                .with_context(|| format!("writing {}", path.display()))?;
            Ok(Written {
                bytes: document.text.len(),
                layout: document.layout.as_str(),
                n_tasks: document.n_tasks,
            })
        })
        .collect::<anyhow::Result<_>>()?;
    write_manifest(&args.out, &settings, &written)?;
    let elapsed = started.elapsed().as_secs_f64();
    let total: usize = written.iter().map(|w| w.bytes).sum();
    let mut layouts: BTreeMap<&str, usize> = BTreeMap::new();
    for document in &written {
        *layouts.entry(document.layout).or_default() += 1;
    }
    let mix: Vec<String> = layouts
        .iter()
        .map(|(layout, n)| format!("{layout} {n}"))
        .collect();
    eprintln!(
        "gen-corpus: {} documents, {:.1} MB (mean {:.1} KB) from {} corpus files in {:.2} s \
         ({:.2} s reading pieces; {:.0} MB/s) into {}\ngen-corpus: layouts: {}",
        written.len(),
        total as f64 / 1e6,
        total as f64 / 1e3 / written.len().max(1) as f64,
        files.len(),
        elapsed,
        harvested.as_secs_f64(),
        total as f64 / 1e6 / elapsed,
        args.out.display(),
        mix.join(", "),
    );
    Ok(())
}

fn file_name(index: u64) -> String {
    format!("doc-{index:06}.txt")
}

/// Creates `out`, refusing to mix with an earlier corpus unless `force`,
/// in which case only files this tool writes are removed.
fn prepare_out(out: &Path, force: bool) -> anyhow::Result<()> {
    fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let mut ours = Vec::new();
    let mut others = 0;
    for entry in fs::read_dir(out).with_context(|| format!("reading {}", out.display()))? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name == "MANIFEST.tsv" || (name.starts_with("doc-") && name.ends_with(".txt")) {
            ours.push(entry.path());
        } else {
            others += 1;
        }
    }
    if ours.is_empty() {
        return Ok(());
    }
    if !force {
        bail!(
            "{} already holds a generated corpus ({} files); pass --force to replace it",
            out.display(),
            ours.len()
        );
    }
    if others > 0 {
        eprintln!(
            "gen-corpus: note: {} holds {others} other entries, left in place",
            out.display()
        );
    }
    ours.par_iter()
        .try_for_each(fs::remove_file)
        .with_context(|| format!("clearing {}", out.display()))
}

/// The settings line of the manifest in `out`, if there is one.
fn manifest_settings(out: &Path) -> Option<String> {
    let text = fs::read_to_string(out.join("MANIFEST.tsv")).ok()?;
    text.lines()
        .next()
        .filter(|line| line.starts_with('#'))
        .map(str::to_owned)
}

/// Writes MANIFEST.tsv: the settings as a `#` line, then one row per
/// document.
fn write_manifest(out: &Path, settings: &str, written: &[Written]) -> anyhow::Result<()> {
    let path = out.join("MANIFEST.tsv");
    let file = fs::File::create(&path).with_context(|| format!("writing {}", path.display()))?;
    let mut writer = std::io::BufWriter::new(file);
    writeln!(writer, "{settings}")?;
    writeln!(writer, "index\tfile\tbytes\tlayout\ttasks_written")?;
    for (index, document) in written.iter().enumerate() {
        writeln!(
            writer,
            "{index}\t{}\t{}\t{}\t{}",
            file_name(index as u64),
            document.bytes,
            document.layout,
            document.n_tasks
        )?;
    }
    writer.flush()?;
    Ok(())
}
