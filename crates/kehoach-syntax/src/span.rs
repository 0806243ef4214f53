//! Line spans into the parsed text.

/// An inclusive range of 1-based line numbers in the text given to
/// [`parse`](crate::parse).
///
/// Lines are counted by `\n`; a `\r\n` pair ends one line, and a form feed
/// does not start a new line. NFC normalization never changes line numbers,
/// so a span also points into the original file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First line, 1-based.
    pub start_line: u32,
    /// Last line, 1-based and inclusive.
    pub end_line: u32,
}

impl Span {
    /// A span covering one line.
    pub fn line(line: u32) -> Self {
        Span {
            start_line: line,
            end_line: line,
        }
    }

    /// The smallest span covering both `self` and `other`.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start_line: self.start_line.min(other.start_line),
            end_line: self.end_line.max(other.end_line),
        }
    }
}

/// A piece of text together with the lines it was found on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The text, with emphasis stripped and broken lines rejoined.
    pub text: String,
    /// Where the text came from.
    pub span: Span,
}
