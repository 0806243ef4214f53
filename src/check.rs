//! `kehoach check`: regression testing against reviewed fixtures.
//!
//! Every `NAME.txt` below the folder is extracted (with `source.path`
//! relative to the folder) and compared, as JSON values, with the
//! `NAME.expected.json` beside it. `--bless` (or `UPDATE_EXPECT=1`) writes
//! the current output over the expected files instead.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use kehoach_extract::Config;
use rayon::prelude::*;
use serde_json::Value;

use crate::Status;
use crate::args::CheckArgs;
use crate::diff::diff;
use crate::document::extract_input;
use crate::messages::{io_message, plural};
use crate::output;
use crate::walk::{self, Input, Location};

/// Differences printed per fixture before "… and N more".
const DIFFERENCES_SHOWN: usize = 40;

/// What became of one fixture.
#[derive(Debug)]
enum Outcome {
    /// The output equals the expected file.
    Passed,
    /// Field-level differences.
    Differs(Vec<String>),
    /// No expected file: the output, pretty, for review.
    NoExpected(Vec<u8>),
    /// The expected file could not be read or is not JSON.
    BadExpected(String),
    /// The expected file was (re)written by `--bless`.
    Blessed { new: bool },
    /// `--bless` could not write the expected file.
    BlessFailed(String),
}

/// Runs `kehoach check`.
pub fn run(args: &CheckArgs) -> anyhow::Result<Status> {
    let bless = args.bless
        || std::env::var_os("UPDATE_EXPECT").is_some_and(|value| !value.is_empty() && value != "0");
    let dir = &args.dir;
    let metadata = std::fs::metadata(dir)
        .map_err(|err| anyhow::anyhow!("{}: {}", dir.display(), io_message(&err)))?;
    if !metadata.is_dir() {
        bail!(
            "{}: not a folder (check takes a folder of NAME.txt and NAME.expected.json files)",
            dir.display()
        );
    }
    let fixtures = walk::walk(std::slice::from_ref(dir), None, is_fixture)?;
    for error in &fixtures.errors {
        eprintln!("kehoach: {error}");
    }
    warn_about_orphans(dir)?;
    if fixtures.inputs.is_empty() {
        eprintln!(
            "kehoach: {}: no fixtures (NAME.txt files with NAME.expected.json beside them)",
            dir.display()
        );
        return Ok(if fixtures.errors.is_empty() {
            Status::Success
        } else {
            Status::Failed
        });
    }

    let outcomes: Vec<Outcome> = fixtures
        .inputs
        .par_iter()
        .map(|input| check_fixture(input, bless))
        .collect();

    let mut stdout = io::BufWriter::new(io::stdout().lock());
    let mut n_passed = 0;
    let mut n_failed = 0;
    let mut n_blessed = 0;
    let mut n_new = 0;
    for (input, outcome) in fixtures.inputs.iter().zip(&outcomes) {
        let name = &input.name;
        let expected = expected_name(name);
        match outcome {
            Outcome::Passed => {
                n_passed += 1;
                writeln!(stdout, "ok     {name}")?;
            }
            Outcome::Differs(lines) => {
                n_failed += 1;
                writeln!(
                    stdout,
                    "FAIL   {name}: {}",
                    plural(lines.len() as u64, "difference", "differences")
                )?;
                for line in lines.iter().take(DIFFERENCES_SHOWN) {
                    writeln!(stdout, "         {line}")?;
                }
                if lines.len() > DIFFERENCES_SHOWN {
                    writeln!(
                        stdout,
                        "         … and {} more",
                        lines.len() - DIFFERENCES_SHOWN
                    )?;
                }
            }
            Outcome::NoExpected(json) => {
                n_failed += 1;
                writeln!(
                    stdout,
                    "FAIL   {name}: no {expected} beside it; the output is:"
                )?;
                stdout.write_all(json)?;
            }
            Outcome::BadExpected(message) => {
                n_failed += 1;
                writeln!(stdout, "FAIL   {name}: {message}")?;
            }
            Outcome::Blessed { new } => {
                n_blessed += 1;
                n_new += u64::from(*new);
                let how = if *new { "wrote" } else { "rewrote" };
                writeln!(stdout, "bless  {name}: {how} {expected}")?;
            }
            Outcome::BlessFailed(message) => {
                n_failed += 1;
                writeln!(stdout, "FAIL   {name}: {message}")?;
            }
        }
    }
    let total = plural(outcomes.len() as u64, "fixture", "fixtures");
    if bless {
        writeln!(
            stdout,
            "\ncheck: {total}: {n_passed} unchanged, {n_blessed} blessed ({n_new} new), {n_failed} failed"
        )?;
    } else {
        writeln!(
            stdout,
            "\ncheck: {total}: {n_passed} passed, {n_failed} failed"
        )?;
        if n_failed > 0 {
            writeln!(
                stdout,
                "review the output above; if it is right, run `kehoach check {} --bless` to accept it",
                dir.display()
            )?;
        }
    }
    stdout.flush()?;
    Ok(if n_failed > 0 || !fixtures.errors.is_empty() {
        Status::Failed
    } else {
        Status::Success
    })
}

fn check_fixture(input: &Input, bless: bool) -> Outcome {
    let Location::File(path) = &input.location else {
        unreachable!("fixtures are files found by walking");
    };
    let extracted = extract_input(input, &Config::default());
    let got = serde_json::to_value(&extracted.output).expect("output converts to a JSON value");
    let expected_path = expected_path(path);
    let expected_name = expected_name(&input.name);
    let outcome = match std::fs::read(&expected_path) {
        Ok(bytes) => match serde_json::from_slice::<Value>(&bytes) {
            Ok(expected) => {
                let lines = diff(&expected, &got);
                if lines.is_empty() {
                    Outcome::Passed
                } else {
                    Outcome::Differs(lines)
                }
            }
            Err(err) => Outcome::BadExpected(format!("{expected_name}: not valid JSON: {err}")),
        },
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            Outcome::NoExpected(output::pretty(&extracted.output))
        }
        Err(err) => Outcome::BadExpected(format!("{expected_name}: {}", io_message(&err))),
    };
    if !bless || matches!(outcome, Outcome::Passed) {
        return outcome;
    }
    match output::write_atomically(&expected_path, &output::pretty(&extracted.output)) {
        Ok(()) => Outcome::Blessed {
            new: matches!(outcome, Outcome::NoExpected(_)),
        },
        Err(err) => Outcome::BlessFailed(format!(
            "cannot write {expected_name}: {}",
            io_message(&err)
        )),
    }
}

/// Fixtures are the `.txt` files.
fn is_fixture(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("txt"))
}

fn is_expected_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| name.ends_with(EXPECTED_SUFFIX))
}

const EXPECTED_SUFFIX: &str = ".expected.json";

/// `sub/NAME.txt` → `sub/NAME.expected.json`.
fn expected_path(fixture: &Path) -> PathBuf {
    fixture.with_extension("expected.json")
}

fn expected_name(fixture_name: &str) -> String {
    walk::slash_path(&expected_path(Path::new(fixture_name)))
}

fn stem_name(stem: &str) -> &str {
    stem.rsplit('/').next().unwrap_or(stem)
}

/// Warns about expected files whose `NAME.txt` is gone (a renamed or
/// deleted fixture); they are not failures, since nothing can be compared.
fn warn_about_orphans(dir: &Path) -> anyhow::Result<()> {
    let expected = walk::walk(&[dir.to_owned()], None, is_expected_file)
        .context("cannot list the expected files")?;
    for input in &expected.inputs {
        let Location::File(path) = &input.location else {
            continue;
        };
        let stem = input
            .name
            .strip_suffix(EXPECTED_SUFFIX)
            .unwrap_or(&input.name);
        let fixture = path.with_file_name(format!("{}.txt", stem_name(stem)));
        if !fixture.exists() {
            eprintln!(
                "kehoach: {}: no {}.txt beside it (renamed or deleted fixture?)",
                input.display(),
                stem_name(stem)
            );
        }
    }
    Ok(())
}
