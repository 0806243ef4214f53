//! Writing JSON: pretty files replaced atomically, compact lines.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use kehoach_extract::json;

/// Pretty JSON with a trailing newline, as the `--out` files and the
/// expected fixtures are written.
pub fn pretty<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("output serializes to JSON");
    bytes.push(b'\n');
    bytes
}

/// One compact JSON line, newline included, written into `buffer` after
/// emptying it: a buffer that held a line before has room for the next.
pub fn line<T: Serialize>(value: &T, mut buffer: Vec<u8>) -> Vec<u8> {
    buffer.clear();
    json::to_writer(&mut buffer, value).expect("output serializes to JSON");
    buffer.push(b'\n');
    buffer
}

/// Writes `contents` to `path` through a temporary file in the same folder
/// that is renamed over `path`, so that a reader (or an interrupted run)
/// never sees a half-written file. The temporary file is hidden and named
/// `*.tmp`, so a killed run leaves nothing that looks like output.
pub fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".kehoach-").suffix(".tmp");
    // tempfile creates files readable by their owner only; outputs are
    // ordinary files, so ask for the usual mode (the umask still applies).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut temp = builder.tempfile_in(folder)?;
    temp.write_all(contents)?;
    // No fsync: the rename is what protects against an interrupted run, and
    // syncing every file would cost more than a whole extraction.
    temp.persist(path).map_err(|err| err.error)?;
    Ok(())
}
