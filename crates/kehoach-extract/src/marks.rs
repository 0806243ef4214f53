//! Where punctuation marks stand in a text.

/// The byte offset of every `mark` followed by a space (every ", " for a
/// comma). A single character is found with memchr, where a search for
/// the two-character pattern would read the text byte by byte.
pub(crate) fn before_space(text: &str, mark: char) -> impl Iterator<Item = usize> + '_ {
    text.match_indices(mark)
        .map(|(at, _)| at)
        .filter(move |&at| text.as_bytes().get(at + mark.len_utf8()) == Some(&b' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_before_a_space() {
        let text = "a, b,c. Sở, ,";
        let commas: Vec<usize> = before_space(text, ',').collect();
        let expected: Vec<usize> = text.match_indices(", ").map(|(at, _)| at).collect();
        assert_eq!(commas, expected);
        assert_eq!(before_space(text, '.').collect::<Vec<_>>(), [6]);
    }
}
