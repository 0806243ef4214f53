//! Helpers for the integration tests: a temporary folder to run the real
//! `kehoach` binary in, and its output read back as text and JSON.

#![allow(dead_code)] // Each test file uses a different part of this module.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

/// A temporary folder, deleted when dropped.
pub struct Dir {
    temp: tempfile::TempDir,
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            temp: tempfile::Builder::new()
                .prefix("kehoach-test-")
                .tempdir()
                .expect("create a temporary folder"),
        }
    }

    pub fn path(&self) -> &Path {
        self.temp.path()
    }

    /// Writes a file (and its folders) below this folder.
    pub fn create(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// Copies a document of the repository's corpus below this folder.
    pub fn copy_corpus(&self, corpus_relative: &str, relative: &str) -> PathBuf {
        self.create(relative, std::fs::read(corpus(corpus_relative)).unwrap())
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path().join(relative))
            .unwrap_or_else(|err| panic!("read {relative}: {err}"))
    }

    pub fn read_json(&self, relative: &str) -> Value {
        let text = self.read(relative);
        serde_json::from_str(&text)
            .unwrap_or_else(|err| panic!("{relative} is not JSON ({err}):\n{text}"))
    }

    /// The `kehoach` command, run in this folder, with no logging or
    /// blessing asked through the environment.
    pub fn command(&self) -> assert_cmd::Command {
        let mut command = assert_cmd::Command::new(env!("CARGO_BIN_EXE_kehoach"));
        command
            .current_dir(self.path())
            .env_remove("RUST_LOG")
            .env_remove("UPDATE_EXPECT");
        command
    }

    /// Runs `kehoach ARGS…` in this folder.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.command().args(args).output().expect("run kehoach"))
    }
}

/// A path in the repository's `corpus/` folder.
pub fn corpus(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(relative)
}

/// The documents of `corpus/FOLDER` ("seeds", "dev"), by file name, sorted.
pub fn corpus_documents(folder: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(corpus(folder))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".txt"))
        .collect();
    names.sort();
    names
}

/// The seed documents, by file name, sorted.
pub fn seeds() -> Vec<String> {
    corpus_documents("seeds")
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        }
    }
}

impl Run {
    /// Asserts the exit code, showing both streams when it is wrong.
    #[track_caller]
    pub fn code(&self, expected: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(expected),
            "exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stderr_has(&self, needle: &str) -> &Run {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn stdout_has(&self, needle: &str) -> &Run {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}:\n{}",
            self.stdout
        );
        self
    }

    /// Asserts that nothing panicked (Rust's panic message is absent).
    #[track_caller]
    pub fn no_panic(&self) -> &Run {
        assert!(
            !self.stderr.contains("panicked"),
            "a panic:\n{}",
            self.stderr
        );
        self
    }

    /// The JSON lines of stdout.
    pub fn json_lines(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|line| {
                serde_json::from_str(line)
                    .unwrap_or_else(|err| panic!("not a JSON line ({err}): {line}"))
            })
            .collect()
    }
}
