//! `kehoach extract`: documents in parallel, records out in input order.
//!
//! Workers on a rayon pool take the sorted inputs one by one and write their
//! records in input order as they complete (the worker that finishes the
//! next document in order writes it), through a window
//! of [`WINDOW_PER_THREAD`] documents per thread: memory is bounded by the
//! window whatever the size of the corpus, no thread waits for a slow
//! document at a batch boundary, and the output does not depend on the
//! number of threads. With one thread (`-j 1`) the main thread extracts
//! and writes in turn.

use std::collections::HashMap;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kehoach_extract::Config;

use crate::Status;
use crate::args::ExtractArgs;
use crate::document::extract_input;
use crate::messages::io_message;
use crate::ordered::for_each_ordered;
use crate::output;
use crate::summary::Totals;
use crate::walk::{self, Input, Location};

/// Documents a thread may finish ahead of the one being written: enough
/// to ride out a slow document, few enough to keep the memory small.
const WINDOW_PER_THREAD: usize = 16;

/// Where records go.
#[derive(Debug)]
enum Sink<'a> {
    /// One pretty file per document below this folder.
    Folder(&'a Path),
    /// One compact line per document on stdout.
    Lines,
}

/// What the main thread needs of one processed document.
#[derive(Debug)]
struct Done {
    totals: Totals,
    /// Messages naming the file: why it failed, or why its JSON could not be
    /// written.
    errors: Vec<String>,
    /// The JSON line, for `--jsonl`.
    line: Option<Vec<u8>>,
}

/// The buffers of lines already written, for the lines still to render.
///
/// A record is hundreds of kilobytes: a buffer taken back has room for
/// the next one, where a new one would grow from empty, copying the record
/// a dozen times over, and each block that size the allocator hands out
/// and takes back makes it sweep its free lists.
#[derive(Debug, Default)]
struct Buffers(Mutex<Vec<Vec<u8>>>);

impl Buffers {
    /// A buffer whose line has been written, or a new one.
    fn take(&self) -> Vec<u8> {
        self.0
            .lock()
            .ok()
            .and_then(|mut free| free.pop())
            .unwrap_or_default()
    }

    /// Takes back a buffer whose line has been written.
    fn give(&self, buffer: Vec<u8>) {
        if let Ok(mut free) = self.0.lock() {
            free.push(buffer);
        }
    }
}

/// Runs `kehoach extract`.
pub fn run(args: &ExtractArgs, chatty_logs: bool) -> anyhow::Result<Status> {
    let started = Instant::now();
    let sink = match &args.out {
        Some(folder) => Sink::Folder(folder),
        None => Sink::Lines,
    };
    let walked = walk::walk(&args.paths, args.out.as_deref(), walk::is_document)?;
    if !args.quiet {
        for note in &walked.notes {
            eprintln!("kehoach: {note}");
        }
    }
    for error in &walked.errors {
        eprintln!("kehoach: {error}");
    }
    let inputs = walked.inputs;
    if inputs.is_empty() {
        let names: Vec<String> = args
            .paths
            .iter()
            .map(|path| path.display().to_string())
            .collect();
        bail!(
            "{}: no documents found (looked for *.txt and *.md files)",
            names.join(", ")
        );
    }
    if let Sink::Folder(folder) = sink {
        check_out_paths(&inputs, folder)?;
        std::fs::create_dir_all(folder).map_err(|err| {
            anyhow::anyhow!(
                "{}: cannot create the output folder: {}",
                folder.display(),
                io_message(&err)
            )
        })?;
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.map_or(0, |threads| threads.get()))
        .build()
        .context("cannot start the worker threads")?;
    let threads = pool.current_num_threads();
    tracing::info!(documents = inputs.len(), threads, "extracting");

    let progress = progress_bar(inputs.len() as u64, args.quiet || chatty_logs);
    let config = Config {
        plan_year: args.year,
    };
    let mut totals = Totals {
        failed: walked.errors.len() as u64,
        ..Totals::default()
    };
    // Not locked for the run: the worker whose document is next in order
    // writes, whichever thread that is.
    let mut stdout = io::BufWriter::new(io::stdout());
    let buffers = Buffers::default();
    for_each_ordered(
        &pool,
        &inputs,
        WINDOW_PER_THREAD * threads,
        |input| {
            let done = process(input, &sink, &config, &buffers);
            progress.inc(1);
            done
        },
        |document| -> anyhow::Result<()> {
            if !document.errors.is_empty() {
                progress.suspend(|| {
                    for error in &document.errors {
                        eprintln!("kehoach: {error}");
                    }
                });
            }
            if let Some(line) = document.line {
                stdout
                    .write_all(&line)
                    .context("cannot write to standard output")?;
                buffers.give(line);
            }
            totals.merge(&document.totals);
            Ok(())
        },
    )?;
    stdout.flush().context("cannot write to standard output")?;
    progress.finish_and_clear();
    if !args.quiet {
        eprintln!("{}", totals.report(started.elapsed()));
    }
    Ok(if totals.failed > 0 {
        Status::Failed
    } else {
        Status::Success
    })
}

/// Extracts one input and writes its file (`--out`) or renders its line
/// (`--jsonl`). Runs on a worker thread.
fn process(input: &Input, sink: &Sink<'_>, config: &Config, buffers: &Buffers) -> Done {
    let extracted = extract_input(input, config);
    let mut totals = Totals::default();
    totals.add(&extracted.output);
    let mut errors: Vec<String> = extracted
        .failure
        .iter()
        .map(|reason| format!("{}: {reason}", input.display()))
        .collect();
    let line = match sink {
        Sink::Lines => Some(output::line(&extracted.output, buffers.take())),
        Sink::Folder(folder) => {
            let path = folder.join(input.out_path());
            if let Err(err) = write_file(&path, &output::pretty(&extracted.output)) {
                errors.push(format!("{}: {}", path.display(), io_message(&err)));
            }
            None
        }
    };
    if !errors.is_empty() {
        totals.failed = 1;
    }
    Done {
        totals,
        errors,
        line,
    }
}

fn write_file(path: &Path, contents: &[u8]) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    output::write_atomically(path, contents)
}

/// Refuses, before any work, inputs that would overwrite each other's JSON
/// (`a.txt` and `a.md`, or the same name under two folder arguments), and
/// standard input, which has no file name to mirror.
fn check_out_paths(inputs: &[Input], folder: &Path) -> anyhow::Result<()> {
    let mut seen: HashMap<PathBuf, &str> = HashMap::with_capacity(inputs.len());
    for input in inputs {
        if input.location == Location::Stdin {
            bail!("-: standard input can only be read with --jsonl");
        }
        if let Some(other) = seen.insert(input.out_path(), &input.name) {
            bail!(
                "{}: would be written for both {other} and {}; extract them in separate runs",
                folder.join(input.out_path()).display(),
                input.name
            );
        }
    }
    Ok(())
}

/// A progress bar on stderr when it is a terminal; hidden otherwise, when
/// asked to be quiet, or when logs would be interleaved with it.
fn progress_bar(len: u64, hidden: bool) -> ProgressBar {
    if hidden || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let style =
        ProgressStyle::with_template("{elapsed:>4} [{wide_bar}] {pos}/{len} documents, {eta} left")
            .map(|style| style.progress_chars("=> "))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
    ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr()).with_style(style)
}
