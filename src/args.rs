//! The command line: every command, flag and help text of `kehoach`.

use std::num::NonZeroUsize;
use std::path::PathBuf;

use clap::{ArgAction, ArgGroup, Args, Parser, Subcommand};

/// Turn Vietnamese government plan documents into structured JSON tasks.
#[derive(Debug, Parser)]
#[command(name = "kehoach", version, propagate_version = true)]
#[command(after_help = "Example:\n  kehoach extract corpus --out out/\n\n\
                        Exit codes: 0 success, 1 some files failed or `check` found differences, \
                        2 usage or fatal error.")]
pub struct Cli {
    /// Log more to stderr: -v info, -vv debug, -vvv trace (default: warnings;
    /// RUST_LOG is used when no -v is given).
    #[arg(short, long, action = ArgAction::Count, global = true)]
    pub verbose: u8,

    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract the tasks of documents (files or folders) into JSON.
    #[command(after_help = "Examples:\n  kehoach extract corpus --out out/\n  \
                            kehoach extract -j 4 --jsonl plan.txt notes/ > tasks.jsonl")]
    Extract(ExtractArgs),

    /// Compare the output for NAME.txt with NAME.expected.json, for every fixture in a folder.
    #[command(after_help = "Examples:\n  kehoach check fixtures\n  \
                            kehoach check fixtures --bless   # after reviewing the differences")]
    Check(CheckArgs),

    /// Normalize deadline phrases: one JSON line per phrase (or per stdin line).
    #[command(
        after_help = "Example:\n  kehoach deadline --year 2023 \"Quý III/2023\" \"trước ngày 15/12\""
    )]
    Deadline(DeadlineArgs),

    /// Split agency lists into agencies: one JSON line per value (or per stdin line).
    #[command(after_help = "Example:\n  kehoach units \"Sở Nội vụ, Sở Tư pháp\"")]
    Units(UnitsArgs),

    /// Print the JSON Schema of the output (what docs/schema.json holds).
    #[command(after_help = "Example:\n  kehoach schema > docs/schema.json")]
    Schema,
}

/// Arguments of `kehoach extract`.
#[derive(Debug, Args)]
#[command(group(ArgGroup::new("output").required(true).args(["out", "jsonl"])))]
pub struct ExtractArgs {
    /// Files or folders to read. Folders are walked recursively for *.txt and
    /// *.md files, skipping hidden ones; a file named explicitly is always
    /// read; `-` reads standard input (with --jsonl).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Write one pretty JSON file per document into DIR, mirroring the input
    /// tree (sub/NAME.txt becomes DIR/sub/NAME.json).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Print one compact JSON object per document and line on stdout, in
    /// input order whatever the number of threads.
    #[arg(long)]
    pub jsonl: bool,

    /// Number of threads to parse with (default: one per core).
    #[arg(short = 'j', long = "threads", value_name = "N")]
    pub threads: Option<NonZeroUsize>,

    /// Plan year for deadlines that name no year, instead of the year read
    /// from each document.
    #[arg(long, value_name = "YYYY", value_parser = clap::value_parser!(i16).range(1000..=9999))]
    pub year: Option<i16>,

    /// Print neither progress bar, notes nor summary (errors are still printed).
    #[arg(short, long)]
    pub quiet: bool,
}

/// Arguments of `kehoach check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Folder of NAME.txt files, each with a NAME.expected.json beside it
    /// (walked recursively).
    #[arg(value_name = "FIXTURES_DIR")]
    pub dir: PathBuf,

    /// Rewrite the expected files from the current output, once you have
    /// reviewed the differences (UPDATE_EXPECT=1 does the same).
    #[arg(long)]
    pub bless: bool,
}

/// Arguments of `kehoach deadline`.
#[derive(Debug, Args)]
pub struct DeadlineArgs {
    /// Year for phrases that name no year ("Quý III", "trước ngày 15/12").
    #[arg(long, value_name = "YYYY", value_parser = clap::value_parser!(i16).range(1000..=9999))]
    pub year: Option<i16>,

    /// Last year of the plan's horizon ("giai đoạn 2025 - 2030" gives
    /// 2030): recurring and ongoing phrases run until its end.
    #[arg(long, value_name = "YYYY", value_parser = clap::value_parser!(i16).range(1000..=9999))]
    pub end_year: Option<i16>,

    /// Deadline phrases; each line of standard input when none is given.
    #[arg(value_name = "PHRASE")]
    pub phrases: Vec<String>,
}

/// Arguments of `kehoach units`.
#[derive(Debug, Args)]
pub struct UnitsArgs {
    /// Agency lists as written in a field; each line of standard input when
    /// none is given.
    #[arg(value_name = "VALUE")]
    pub values: Vec<String>,
}
