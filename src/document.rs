//! One document, end to end: read its bytes, hash them, decode them, and
//! extract — every failure, a panic included, becomes its error record.

use std::io::Read;
use std::panic::{self, AssertUnwindSafe};

use kehoach_extract::Config;
use kehoach_extract::schema::{Output, Source};
use sha2::{Digest, Sha256};

use crate::decode;
use crate::messages::io_message;
use crate::walk::{Input, Location};

/// The output for one input, and why it failed when it is an error record.
#[derive(Debug)]
pub struct Extracted {
    /// The record to write; an error record when `failure` is set.
    pub output: Output,
    /// Why the input failed ("empty file"); the record's message is this
    /// reason after `source.path`.
    pub failure: Option<String>,
}

/// Reads and extracts one input. Never fails and never panics: a file that
/// cannot be read or decoded, or a panic inside the extractor, yields an
/// error record (codes `read-failed`, `not-utf8`, `binary`, `empty`, `panic`).
pub fn extract_input(input: &Input, config: &Config) -> Extracted {
    let bytes = match read(&input.location) {
        Ok(bytes) => bytes,
        Err(err) => {
            let source = Source {
                path: input.name.clone(),
                sha256: String::new(),
                bytes: 0,
            };
            return failed(source, "read-failed", io_message(&err));
        }
    };
    let source = || Source {
        path: input.name.clone(),
        sha256: sha256_hex(&bytes),
        bytes: bytes.len() as u64,
    };
    let text = match decode::decode(&bytes) {
        Ok(text) => text,
        Err(err) => return failed(source(), err.code(), err.to_string()),
    };
    guarded(source, |source| {
        kehoach_extract::extract(&text, source, config)
    })
}

/// Runs `extract` on the source `source` makes, turning a panic into an
/// error record (code `panic`) so that one bad document cannot stop a
/// batch. The extractor is written never to panic; this is the safety
/// net, and only then is the source made a second time, for the record.
fn guarded(source: impl Fn() -> Source, extract: impl FnOnce(Source) -> Output) -> Extracted {
    let result = panic::catch_unwind(AssertUnwindSafe(|| extract(source())));
    match result {
        Ok(output) => Extracted {
            output,
            failure: None,
        },
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .copied()
                .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
                .unwrap_or("no message");
            let reason = format!(
                "the extractor panicked ({what}); this is a bug in kehoach, please report it"
            );
            failed(source(), "panic", reason)
        }
    }
}

fn failed(source: Source, code: &str, reason: String) -> Extracted {
    tracing::debug!(path = %source.path, code, %reason, "document failed");
    let message = format!("{}: {reason}", source.path);
    Extracted {
        output: kehoach_extract::failed(source, code, message),
        failure: Some(reason),
    }
}

fn read(location: &Location) -> std::io::Result<Vec<u8>> {
    match location {
        Location::File(path) => std::fs::read(path),
        Location::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin().lock().read_to_end(&mut bytes)?;
            Ok(bytes)
        }
    }
}

/// Lowercase hex SHA-256.
fn sha256_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(2 * digest.len());
    for &byte in digest.iter() {
        hex.push(char::from(DIGITS[usize::from(byte >> 4)]));
        hex.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_record() {
        let source = Source {
            path: "sub/kh.txt".to_owned(),
            sha256: "00".to_owned(),
            bytes: 3,
        };
        let extracted = guarded(|| source.clone(), |_| panic!("index out of bounds"));
        let reason = "the extractor panicked (index out of bounds); this is a bug in kehoach, please report it";
        assert_eq!(extracted.failure.as_deref(), Some(reason));
        assert_eq!(extracted.output.source, source);
        assert_eq!(extracted.output.diagnostics[0].code, "panic");
        assert_eq!(
            extracted.output.diagnostics[0].message,
            format!("sub/kh.txt: {reason}")
        );
    }

    #[test]
    fn sha256_hex_as_formatted() {
        for input in [&b""[..], b"abc", b"k\xe1\xba\xbf ho\xe1\xba\xa1ch"] {
            let formatted: String = Sha256::digest(input)
                .iter()
                .map(|byte| format!("{byte:02x}"))
                .collect();
            assert_eq!(sha256_hex(input), formatted);
        }
    }

    #[test]
    fn sha256_of_nothing() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
