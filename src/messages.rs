//! How the binary words its messages: lowercase, naming the path, no trailing
//! period, the way `kehoach: corpus/x: no such file or directory` reads.

use std::io;

/// An I/O error as a short lowercase phrase, without the "(os error N)" that
/// the standard library appends: "no such file or directory".
pub fn io_message(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => return "no such file or directory".to_owned(),
        io::ErrorKind::PermissionDenied => return "permission denied".to_owned(),
        _ => {}
    }
    let text = err.to_string();
    let text = match text.find(" (os error ") {
        Some(at) => &text[..at],
        None => &text[..],
    };
    lowercase_first(text)
}

/// Whether the error is a closed stdout (`kehoach … | head`), which ends the
/// run quietly and successfully, as ripgrep does.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io_err| io_err.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// "1 document", "2 documents".
pub fn plural(count: u64, singular: &str, plural: &str) -> String {
    if count == 1 {
        format!("1 {singular}")
    } else {
        format!("{count} {plural}")
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        // Keep acronyms ("UTF-8 …") as they are.
        Some(first) if !chars.next().is_some_and(char::is_uppercase) => first
            .to_lowercase()
            .chain(text[first.len_utf8()..].chars())
            .collect(),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_read_lowercase() {
        let err = io::Error::from_raw_os_error(2);
        assert_eq!(io_message(&err), "no such file or directory");
        let err = io::Error::other("Disk quota exceeded");
        assert_eq!(io_message(&err), "disk quota exceeded");
        let err = io::Error::other("UTF-8 trouble");
        assert_eq!(io_message(&err), "UTF-8 trouble");
    }

    #[test]
    fn plurals() {
        assert_eq!(plural(1, "file", "files"), "1 file");
        assert_eq!(plural(0, "file", "files"), "0 files");
    }
}
