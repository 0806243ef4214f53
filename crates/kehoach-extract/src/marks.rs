//! Where punctuation marks stand in a text, found with memchr.

/// The byte offset of every `mark`, an ASCII character, followed by a
/// space (every ", " for a comma). The mark alone is found with memchr,
/// where a search for the two-character pattern would read the text byte
/// by byte.
pub(crate) fn before_space(text: &str, mark: u8) -> impl Iterator<Item = usize> + '_ {
    debug_assert!(mark.is_ascii(), "{mark:#x} is not ASCII");
    let bytes = text.as_bytes();
    memchr::memchr_iter(mark, bytes).filter(move |&at| bytes.get(at + 1) == Some(&b' '))
}

/// The lines of `text`, as [`str::lines`] gives them (a line ends at "\n"
/// or "\r\n", and a last line ending gives no empty line after it), each
/// end found with memchr.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        match ends.next() {
            Some(end) => {
                let line = &text[start..end];
                start = end + 1;
                Some(line.strip_suffix('\r').unwrap_or(line))
            }
            None => {
                let line = &text[start..];
                start = text.len();
                Some(line)
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn lines_are_those_of_str_lines(text in "[a\r\n ơ]{0,12}") {
            prop_assert_eq!(lines(&text).collect::<Vec<_>>(), text.lines().collect::<Vec<_>>());
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
