//! Tracing logs on stderr, set by `-v` or `RUST_LOG`.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

/// Installs the subscriber: `-v` flags win, then `RUST_LOG`, then warnings
/// only. Returns whether logs beyond warnings may be printed, so that the
/// progress bar can stay out of their way.
pub fn init(verbose: u8) -> bool {
    let (filter, chatty) = match verbose {
        0 => match std::env::var("RUST_LOG") {
            Ok(directives) if !directives.is_empty() => (EnvFilter::new(directives), true),
            _ => (EnvFilter::new("warn"), false),
        },
        1 => (EnvFilter::new("info"), true),
        2 => (EnvFilter::new("debug"), true),
        _ => (EnvFilter::new("trace"), true),
    };
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    chatty
}
