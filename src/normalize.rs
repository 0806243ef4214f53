//! `kehoach deadline` and `kehoach units`: the normalizers from the command
//! line, one JSON line per argument or per line of standard input.

use std::io::{self, BufRead, IsTerminal, Write};

use anyhow::Context;
use serde::Serialize;

use crate::Status;
use crate::args::{DeadlineArgs, UnitsArgs};
use crate::output;

/// Runs `kehoach deadline`: prints a `schema::Deadline` per phrase.
pub fn deadline(args: &DeadlineArgs) -> anyhow::Result<Status> {
    for_each_value(&args.phrases, "deadline phrases", |phrase| {
        output::line(
            &kehoach_extract::normalize_deadline(phrase, args.year, args.end_year),
            Vec::new(),
        )
    })
}

/// What `kehoach units` prints for one value.
#[derive(Debug, Serialize)]
struct Units<'a> {
    raw: &'a str,
    units: Vec<kehoach_extract::schema::Agency>,
}

/// Runs `kehoach units`: prints `{"raw": VALUE, "units": [Agency…]}` per value.
pub fn units(args: &UnitsArgs) -> anyhow::Result<Status> {
    for_each_value(&args.values, "agency lists", |value| {
        output::line(
            &Units {
                raw: value,
                units: kehoach_extract::normalize_units(value),
            },
            Vec::new(),
        )
    })
}

/// Prints `render(value)` for each argument, or for each line of standard
/// input when there is none. Lines from stdin are flushed one by one, so a
/// script can feed one phrase and read its answer.
fn for_each_value(
    values: &[String],
    what: &str,
    render: impl Fn(&str) -> Vec<u8>,
) -> anyhow::Result<Status> {
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    if !values.is_empty() {
        for value in values {
            stdout.write_all(&render(value))?;
        }
        stdout.flush()?;
        return Ok(Status::Success);
    }
    let stdin = io::stdin().lock();
    if stdin.is_terminal() {
        eprintln!("kehoach: reading {what} from standard input, one per line (Ctrl-D to end)");
    }
    for line in stdin.lines() {
        let line = line.context("cannot read standard input")?;
        let value = line.strip_suffix('\r').unwrap_or(&line);
        stdout.write_all(&render(value))?;
        stdout.flush()?;
    }
    Ok(Status::Success)
}
