//! Bytes to text at the boundary: BOMs, UTF-16, and the files that are not
//! documents (binary, invalid UTF-8, empty), each with a stable error code.

use std::borrow::Cow;
use std::fmt;

/// Why a file's bytes are not a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// A NUL byte outside UTF-16: the file is binary.
    Binary {
        /// Offset of the first NUL byte in the file.
        offset: usize,
    },
    /// Invalid UTF-8 (or UTF-16 after a UTF-16 byte-order mark).
    Invalid {
        /// `"UTF-8"` or `"UTF-16"`.
        encoding: &'static str,
        /// Offset of the first bad sequence in the file.
        offset: usize,
        /// The 1-based line it is on.
        line: usize,
    },
    /// Nothing but whitespace.
    Empty,
}

impl DecodeError {
    /// The stable code of the error record (`binary`, `not-utf8`, `empty`).
    pub fn code(&self) -> &'static str {
        match self {
            DecodeError::Binary { .. } => "binary",
            DecodeError::Invalid { .. } => "not-utf8",
            DecodeError::Empty => "empty",
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary { offset } => write!(f, "binary file (NUL byte at byte {offset})"),
            DecodeError::Invalid {
                encoding,
                offset,
                line,
            } => {
                write!(f, "not valid {encoding} at byte {offset} (line {line})")
            }
            DecodeError::Empty => write!(f, "empty file"),
        }
    }
}

impl std::error::Error for DecodeError {}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16_LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16_BE_BOM: &[u8] = b"\xFE\xFF";

/// Decodes a document file: UTF-8 with or without a byte-order mark, or
/// UTF-16 (either byte order) when the file starts with its byte-order mark.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, DecodeError> {
    let text = if let Some(rest) = bytes.strip_prefix(UTF16_LE_BOM) {
        Cow::Owned(decode_utf16(rest, u16::from_le_bytes)?)
    } else if let Some(rest) = bytes.strip_prefix(UTF16_BE_BOM) {
        Cow::Owned(decode_utf16(rest, u16::from_be_bytes)?)
    } else {
        let (rest, bom_len) = match bytes.strip_prefix(UTF8_BOM) {
            Some(rest) => (rest, UTF8_BOM.len()),
            None => (bytes, 0),
        };
        if let Some(at) = memchr::memchr(0, rest) {
            return Err(DecodeError::Binary {
                offset: bom_len + at,
            });
        }
        // simdutf8 validates Vietnamese text (mostly multi-byte letters) an
        // order of magnitude faster than `std::str::from_utf8`; the standard
        // library reads the position of the error, on the rare bad file.
        let checked = match simdutf8::basic::from_utf8(rest) {
            Ok(text) => Ok(text),
            Err(_) => std::str::from_utf8(rest),
        };
        match checked {
            Ok(text) => Cow::Borrowed(text),
            Err(err) => {
                let valid = &rest[..err.valid_up_to()];
                return Err(DecodeError::Invalid {
                    encoding: "UTF-8",
                    offset: bom_len + err.valid_up_to(),
                    line: 1 + valid.iter().filter(|&&byte| byte == b'\n').count(),
                });
            }
        }
    };
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(text)
}

/// Decodes UTF-16 code units (after the 2-byte BOM), reporting the file
/// offset of the first unpaired surrogate or odd trailing byte, or of the
/// first NUL character.
fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, DecodeError> {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len());
    let mut units_done = 0;
    for decoded in char::decode_utf16(units) {
        match decoded {
            Ok(ch) => {
                text.push(ch);
                units_done += ch.len_utf16();
            }
            Err(_) => return Err(invalid_utf16(&text, units_done)),
        }
    }
    if bytes.len() % 2 == 1 {
        return Err(invalid_utf16(&text, units_done));
    }
    if let Some(at) = text.find('\0') {
        return Err(DecodeError::Binary {
            offset: 2 + 2 * text[..at].encode_utf16().count(),
        });
    }
    Ok(text)
}

fn invalid_utf16(decoded: &str, units_done: usize) -> DecodeError {
    DecodeError::Invalid {
        encoding: "UTF-16",
        offset: 2 + 2 * units_done,
        line: 1 + decoded.matches('\n').count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8], expected: Result<&str, &str>) {
        let got = decode(bytes)
            .map(|text| text.into_owned())
            .map_err(|err| err.to_string());
        assert_eq!(
            got.as_deref().map_err(String::as_str),
            expected,
            "{bytes:?}"
        );
    }

    fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
        let mut bytes = if little_endian {
            UTF16_LE_BOM.to_vec()
        } else {
            UTF16_BE_BOM.to_vec()
        };
        for unit in text.encode_utf16() {
            bytes.extend(if little_endian {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        bytes
    }

    #[test]
    fn utf8() {
        check("KẾ HOẠCH\n".as_bytes(), Ok("KẾ HOẠCH\n"));
        check("\u{feff}KẾ HOẠCH".as_bytes(), Ok("KẾ HOẠCH"));
        check(b"ab\ncd\n\xFFx", Err("not valid UTF-8 at byte 6 (line 3)"));
        check(
            b"\xEF\xBB\xBFab\xC3",
            Err("not valid UTF-8 at byte 5 (line 1)"),
        );
    }

    #[test]
    fn utf16_both_byte_orders() {
        check(&utf16("Sở Nội vụ\r\n", true), Ok("Sở Nội vụ\r\n"));
        check(&utf16("Sở Nội vụ", false), Ok("Sở Nội vụ"));
        let mut odd = utf16("ab", true);
        odd.push(b'c');
        check(&odd, Err("not valid UTF-16 at byte 6 (line 1)"));
        let mut lone = utf16("a\nb", true);
        lone.extend(0xD800u16.to_le_bytes());
        check(&lone, Err("not valid UTF-16 at byte 8 (line 2)"));
    }

    #[test]
    fn binary_and_empty() {
        check(
            b"PK\x03\x04\x00\x00",
            Err("binary file (NUL byte at byte 4)"),
        );
        check(&utf16("a\0", true), Err("binary file (NUL byte at byte 4)"));
        check(b"", Err("empty file"));
        check(b" \r\n\t\n", Err("empty file"));
        check(b"\xEF\xBB\xBF\n", Err("empty file"));
    }
}
