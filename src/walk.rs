//! Which files to read: the paths on the command line, folders walked
//! recursively in sorted order, hidden entries and the output folder skipped.

use std::io;
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, bail};
use walkdir::WalkDir;

use crate::messages::io_message;

/// Extensions of the files read when a folder is walked.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "md"];

/// One document to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where its bytes are.
    pub location: Location,
    /// Its `source.path`: relative to the folder it was found under, or as
    /// given for a file, `/`-separated, never absolute.
    pub name: String,
}

/// Where an input's bytes are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A file.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

impl Input {
    /// The input as the user knows it, for messages: the path on disk
    /// (`corpus/x.txt`, where the record says `x.txt`), or `-`.
    pub fn display(&self) -> std::path::Display<'_> {
        match &self.location {
            Location::File(path) => path.display(),
            Location::Stdin => Path::new("-").display(),
        }
    }

    /// The path of its JSON file below the output folder: the name with the
    /// extension replaced by `.json`, without `..` components, so it cannot
    /// escape the folder.
    pub fn out_path(&self) -> PathBuf {
        let relative: PathBuf = Path::new(&self.name)
            .components()
            .filter(|component| matches!(component, Component::Normal(_)))
            .collect();
        relative.with_extension("json")
    }
}

/// What the walk found.
#[derive(Debug, Default)]
pub struct Walk {
    /// The documents, in input order.
    pub inputs: Vec<Input>,
    /// Notes for the user (a skipped output folder).
    pub notes: Vec<String>,
    /// Entries that could not be read while walking (a folder without
    /// permission); each counts as a failed file.
    pub errors: Vec<String>,
}

/// Walks the command-line paths in order. A path that does not exist is a
/// fatal error; `skip` is the output folder, never read as input.
pub fn walk(
    paths: &[PathBuf],
    skip: Option<&Path>,
    is_document: fn(&Path) -> bool,
) -> anyhow::Result<Walk> {
    let skip = skip.map(resolve);
    let mut walk = Walk::default();
    for path in paths {
        if path.as_os_str() == "-" {
            walk.inputs.push(Input {
                location: Location::Stdin,
                name: "-".to_owned(),
            });
            continue;
        }
        let metadata = std::fs::metadata(path)
            .map_err(|err| anyhow::anyhow!("{}: {}", path.display(), io_message(&err)))?;
        if !metadata.is_dir() {
            walk.inputs.push(Input {
                location: Location::File(path.clone()),
                name: file_name(path),
            });
            continue;
        }
        let skip_inside = match &skip {
            Some(skip) => inside(path, skip)?,
            None => None,
        };
        if let Some(skipped) = &skip_inside {
            if skipped == path {
                bail!(
                    "{}: the output folder is the input folder; choose another --out",
                    path.display()
                );
            }
            walk.notes.push(format!(
                "{}: skipping the output folder, which lies inside the input folder {}",
                skipped.display(),
                path.display()
            ));
        }
        let entries = WalkDir::new(path)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| {
                entry.depth() == 0
                    || (!is_hidden(entry.file_name())
                        && skip_inside.as_deref() != Some(entry.path()))
            });
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let at = err.path().unwrap_or(path).display().to_string();
                    let message = err.io_error().map_or_else(|| err.to_string(), io_message);
                    walk.errors.push(format!("{at}: {message}"));
                    continue;
                }
            };
            if entry.file_type().is_file() && is_document(entry.path()) {
                let relative = entry.path().strip_prefix(path).unwrap_or(entry.path());
                walk.inputs.push(Input {
                    location: Location::File(entry.path().to_owned()),
                    name: slash_path(relative),
                });
            }
        }
    }
    Ok(walk)
}

/// Whether a walked file is a document: `.txt` or `.md`, in any case.
pub fn is_document(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| {
            DOCUMENT_EXTENSIONS
                .iter()
                .any(|known| extension.eq_ignore_ascii_case(known))
        })
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// The `source.path` of a file argument: as given, made relative to the
/// current folder when it is absolute (or reduced to its file name when it
/// lies elsewhere), so that records never hold absolute paths.
fn file_name(path: &Path) -> String {
    if !path.is_absolute() {
        return slash_path(path);
    }
    if let Ok(current) = std::env::current_dir()
        && let Ok(relative) = path.strip_prefix(current)
    {
        return slash_path(relative);
    }
    path.file_name().map_or_else(
        || slash_path(path),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// A relative path with `/` separators and no `.` components.
pub fn slash_path(path: &Path) -> String {
    let mut out = String::new();
    for component in path.components() {
        let part = match component {
            Component::Normal(part) => part.to_string_lossy(),
            Component::ParentDir => "..".into(),
            Component::CurDir | Component::RootDir | Component::Prefix(_) => continue,
        };
        if !out.is_empty() {
            out.push('/');
        }
        out.push_str(&part);
    }
    out
}

/// If `skip` lies inside the folder `root`, the path of `skip` as the walk
/// of `root` will meet it (`root` joined with the rest).
fn inside(root: &Path, skip: &Path) -> anyhow::Result<Option<PathBuf>> {
    let resolved_root = root
        .canonicalize()
        .with_context(|| root.display().to_string())?;
    Ok(skip
        .strip_prefix(&resolved_root)
        .ok()
        .map(|rest| root.join(rest))
        .map(|joined| {
            // `root.join("")` adds a trailing separator; keep the path as given.
            if joined.as_os_str().len() > root.as_os_str().len() {
                joined
            } else {
                root.to_owned()
            }
        }))
}

/// The canonical form of a path that may not exist yet: its nearest
/// existing ancestor canonicalized, joined with the rest.
fn resolve(path: &Path) -> PathBuf {
    match path.canonicalize() {
        Ok(resolved) => resolved,
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            match (
                path.parent()
                    .filter(|parent| !parent.as_os_str().is_empty()),
                path.file_name(),
            ) {
                (Some(parent), Some(name)) => resolve(parent).join(name),
                (None, Some(name)) => std::env::current_dir()
                    .map(|current| current.join(name))
                    .unwrap_or_else(|_| path.to_owned()),
                _ => path.to_owned(),
            }
        }
        Err(_) => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_paths_stay_inside_the_output_folder() {
        let input = |name: &str| Input {
            location: Location::Stdin,
            name: name.to_owned(),
        };
        assert_eq!(input("sub/kh.txt").out_path(), Path::new("sub/kh.json"));
        assert_eq!(input("../x/kh.md").out_path(), Path::new("x/kh.json"));
        assert_eq!(input("a.b.txt").out_path(), Path::new("a.b.json"));
    }

    #[test]
    fn slash_paths() {
        assert_eq!(slash_path(Path::new("./a/b.txt")), "a/b.txt");
        assert_eq!(slash_path(Path::new("../a.txt")), "../a.txt");
    }

    #[test]
    fn documents_by_extension() {
        assert!(is_document(Path::new("a/KH.TXT")));
        assert!(is_document(Path::new("a/readme.md")));
        assert!(!is_document(Path::new("a/kh.json")));
        assert!(!is_document(Path::new("a/txt")));
    }
}
