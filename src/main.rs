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
    small_pages();
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

/// Turns transparent huge pages off for this process, where the system
/// leaves them to the program (`madvise`) and mimalloc asks for them.
///
/// The allocator hands pages back and takes them again document after
/// document, and the first touch of a huge page zeroes 2 MiB: with huge
/// pages, zeroing was 6–11 % of the samples (most with two threads) and
/// peak RSS twice as high (docs/performance.md, round 5). A system that
/// refuses the call keeps its default: this is no reason to stop.
fn small_pages() {
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
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

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn small_pages_turns_transparent_huge_pages_off_for_the_process() {
        super::small_pages();
        assert!(rustix::thread::transparent_huge_pages_are_disabled().expect("prctl answers"));
    }
}
