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

/// The lines of `text`, as [`str::lines`] gives them (a line ends at
/// "\n", a "\r" before it dropped, no empty line after a final "\n"),
/// each end found with memchr.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> + '_ {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(end) => {
                let line = &rest[..end];
                rest = &rest[end + 1..];
                Some(line.strip_suffix('\r').unwrap_or(line))
            }
            None => Some(std::mem::take(&mut rest)),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn lines_as_str_lines(text in "[a\r\n ớ]{0,24}") {
            let ours: Vec<&str> = lines(&text).collect();
            let std: Vec<&str> = text.lines().collect();
            prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn lines_at_the_edges() {
        for text in [
            "", "\n", "\r", "\r\n", "a\r", "a\r\n", "a\n\nb", "\r\r\n", "a\rb\n",
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
