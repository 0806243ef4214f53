//! The `kehoach` command: files, threads, flags, logging and printing over
//! the `kehoach-extract` library, which holds all knowledge of documents.
//!
//! Exit codes: 0 when every document was extracted (or every fixture
//! matched), 1 when some files failed (their error records are written) or
//! `check` found differences, 2 on a usage or fatal error.

mod args;
mod check;
mod decode;
mod diff;
mod document;
mod extract;
mod logging;
mod messages;
mod normalize;
mod ordered;
mod output;
mod summary;
mod walk;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};

/// mimalloc, not the system allocator: extraction allocates many small
/// strings per document from every worker thread, and glibc's malloc and
/// free were a fifth of all instructions (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How a command ended, when it ran to the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Everything worked: exit code 0.
    Success,
    /// Some files failed, or `check` found differences: exit code 1.
    Failed,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let chatty_logs = logging::init(cli.verbose);
    match run(&cli, chatty_logs) {
        Ok(Status::Success) => ExitCode::SUCCESS,
        Ok(Status::Failed) => ExitCode::from(1),
        Err(err) if messages::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("kehoach: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli, chatty_logs: bool) -> anyhow::Result<Status> {
    match &cli.command {
        Command::Extract(args) => extract::run(args, chatty_logs),
        Command::Check(args) => check::run(args),
        Command::Deadline(args) => normalize::deadline(args),
        Command::Units(args) => normalize::units(args),
        Command::Schema => schema(),
    }
}

/// Prints the JSON Schema of the output, pretty, with a trailing newline.
fn schema() -> anyhow::Result<Status> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(&output::pretty(&kehoach_extract::schema::json_schema()))?;
    stdout.flush()?;
    Ok(Status::Success)
}
