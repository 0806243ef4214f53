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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_before_a_space() {
        let text = "a, b,c. Sở, ,";
        let commas: Vec<usize> = before_space(text, b',').collect();
        let expected: Vec<usize> = text.match_indices(", ").map(|(at, _)| at).collect();
        assert_eq!(commas, expected);
        assert_eq!(before_space(text, b'.').collect::<Vec<_>>(), [6]);
    }
}
