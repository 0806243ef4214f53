//! Where punctuation marks and newlines stand in a text, found with memchr.

/// The byte offset of every `mark`, an ASCII character, followed by a
/// space (every ", " for a comma). The mark alone is found with memchr,
/// where a search for the two-character pattern would read the text byte
/// by byte.
pub(crate) fn before_space(text: &str, mark: u8) -> impl Iterator<Item = usize> + '_ {
    debug_assert!(mark.is_ascii(), "{mark:#x} is not ASCII");
    let bytes = text.as_bytes();
    memchr::memchr_iter(mark, bytes).filter(move |&at| bytes.get(at + 1) == Some(&b' '))
}

/// The lines of `text`, as [`str::lines`] gives them (a `\r` before a
/// `\n` dropped, no empty line after a final `\n`), with the newlines
/// found by memchr.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    // Each newline, and the end of the text after the last line.
    let ends = memchr::memchr_iter(b'\n', text.as_bytes())
        .map(|end| (end, true))
        .chain([(text.len(), false)]);
    let mut start = 0;
    ends.filter_map(move |(end, newline)| {
        let line = &text[start..end];
        start = end + 1;
        if newline {
            Some(line.strip_suffix('\r').unwrap_or(line))
        } else {
            (!line.is_empty()).then_some(line)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_those_of_str_lines() {
        for text in [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "a\r",
            "\r\n",
            "a\rb\n\r",
            "x\n\ny\r",
        ] {
            assert_eq!(
                lines(text).collect::<Vec<_>>(),
                text.lines().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn marks_before_a_space() {
        let text = "a, b,c. Sở, ,";
        let commas: Vec<usize> = before_space(text, b',').collect();
        let expected: Vec<usize> = text.match_indices(", ").map(|(at, _)| at).collect();
        assert_eq!(commas, expected);
        assert_eq!(before_space(text, b'.').collect::<Vec<_>>(), [6]);
    }
}
