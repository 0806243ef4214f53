//! `kehoach extract` run from outside on temporary folders: good and bad
//! files, output modes, order across thread counts, interrupted runs and
//! the messages for bad command lines.

mod util;

use std::path::Path;
use std::time::Duration;

use serde_json::Value;
use util::{Dir, seeds};

/// `seed` encoded as UTF-16 LE with its byte-order mark.
fn utf16_le(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

/// A folder of good and bad documents: two seeds (one below a subfolder,
/// as `.md`), a seed in UTF-16, an empty file, invalid UTF-8, a binary
/// file, and files that are not read (hidden, not a document).
fn mixed_folder() -> Dir {
    let dir = Dir::new();
    let seeds = seeds();
    dir.copy_corpus(&format!("seeds/{}", seeds[0]), "in/good.txt");
    dir.copy_corpus(&format!("seeds/{}", seeds[1]), "in/sub/good.md");
    let text = std::fs::read_to_string(util::corpus(&format!("seeds/{}", seeds[0]))).unwrap();
    dir.create("in/utf16.txt", utf16_le(&text));
    dir.create("in/empty.txt", " \n\n");
    dir.create(
        "in/bad-utf8.txt",
        b"K\xE1\xBA\xBE HO\xE1\xBA\xA0CH\nd\xF2ng hai\n",
    );
    dir.create("in/binary.txt", b"PK\x03\x04\x14\x00\x00\x00");
    dir.create("in/.hidden.txt", "KẾ HOẠCH");
    dir.create("in/notes.json", "{}");
    dir
}

fn tasks(record: &Value) -> &Vec<Value> {
    record["tasks"].as_array().expect("tasks is an array")
}

#[track_caller]
fn assert_error_record(record: &Value, path: &str, code: &str, message: &str) {
    assert_eq!(record["source"]["path"], path, "{record:#}");
    assert!(tasks(record).is_empty(), "{record:#}");
    let diagnostics = record["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{record:#}");
    assert_eq!(diagnostics[0]["severity"], "error");
    assert_eq!(diagnostics[0]["code"], code);
    assert_eq!(diagnostics[0]["message"], message);
}

#[test]
fn good_and_bad_files_each_get_a_record() {
    let dir = mixed_folder();
    let run = dir.run(&["extract", "in", "--out", "out"]);
    run.code(1)
        .no_panic()
        .stderr_has("kehoach: in/empty.txt: empty file\n")
        .stderr_has("kehoach: in/bad-utf8.txt: not valid UTF-8 at byte 14 (line 2)\n")
        .stderr_has("kehoach: in/binary.txt: binary file (NUL byte at byte 5)\n")
        .stderr_has("6 documents, 3 files failed");

    let good = dir.read_json("out/good.json");
    assert!(!tasks(&good).is_empty());
    let bytes = std::fs::metadata(dir.path().join("in/good.txt"))
        .unwrap()
        .len();
    assert_eq!(good["source"]["path"], "good.txt");
    assert_eq!(good["source"]["bytes"], bytes);
    let sha256 = good["source"]["sha256"].as_str().unwrap();
    assert!(
        sha256.len() == 64
            && sha256
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    );
    assert!(
        dir.read("out/good.json").ends_with("}\n"),
        "pretty JSON ends with a newline"
    );

    let sub = dir.read_json("out/sub/good.json");
    assert_eq!(sub["source"]["path"], "sub/good.md");
    assert!(!tasks(&sub).is_empty());

    // UTF-16 decodes to the same document.
    let utf16 = dir.read_json("out/utf16.json");
    assert_eq!(tasks(&utf16), tasks(&good));

    assert_error_record(
        &dir.read_json("out/empty.json"),
        "empty.txt",
        "empty",
        "empty.txt: empty file",
    );
    assert_error_record(
        &dir.read_json("out/bad-utf8.json"),
        "bad-utf8.txt",
        "not-utf8",
        "bad-utf8.txt: not valid UTF-8 at byte 14 (line 2)",
    );
    assert_error_record(
        &dir.read_json("out/binary.json"),
        "binary.txt",
        "binary",
        "binary.txt: binary file (NUL byte at byte 5)",
    );

    assert!(!dir.path().join("out/.hidden.json").exists());
    assert!(!dir.path().join("out/notes.json").exists());
}

#[test]
fn jsonl_writes_one_line_per_document_in_path_order() {
    let dir = mixed_folder();
    let run = dir.run(&["extract", "in", "--jsonl"]);
    run.code(1).no_panic();
    let records = run.json_lines();
    let paths: Vec<&str> = records
        .iter()
        .map(|record| record["source"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "bad-utf8.txt",
            "binary.txt",
            "empty.txt",
            "good.txt",
            "sub/good.md",
            "utf16.txt"
        ]
    );
    assert_error_record(&records[2], "empty.txt", "empty", "empty.txt: empty file");
    assert!(!tasks(&records[3]).is_empty());
}

#[test]
fn jsonl_is_identical_whatever_the_thread_count() {
    let dir = Dir::new();
    let mut sources: Vec<String> = ["seeds", "dev"]
        .iter()
        .flat_map(|folder| {
            util::corpus_documents(folder)
                .into_iter()
                .map(move |name| format!("{folder}/{name}"))
        })
        .collect();
    sources.sort();
    for index in 0..20 {
        dir.copy_corpus(
            &sources[index % sources.len()],
            &format!("docs/d{}/doc-{index:02}.txt", index % 3),
        );
    }
    let one = dir.run(&["extract", "docs", "--jsonl", "-j", "1"]);
    let four = dir.run(&["extract", "docs", "--jsonl", "-j", "4"]);
    one.code(0).no_panic();
    four.code(0).no_panic();
    assert_eq!(one.stdout, four.stdout, "-j 1 and -j 4 differ");
    let paths: Vec<String> = one
        .json_lines()
        .iter()
        .map(|record| record["source"]["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(paths.len(), 20);
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
}

/// Every `*.json` below `folder` is complete JSON; anything else is a hidden
/// `*.tmp` file. Returns the number of JSON files.
fn assert_only_complete_json(folder: &Path) -> usize {
    let mut n_json = 0;
    for entry in walk(folder) {
        let name = entry.file_name().unwrap().to_str().unwrap().to_owned();
        if name.ends_with(".json") {
            let text = std::fs::read_to_string(&entry).unwrap();
            let record: Value = serde_json::from_str(&text)
                .unwrap_or_else(|err| panic!("{name} is half-written ({err})"));
            assert!(record["summary"].is_object());
            n_json += 1;
        } else {
            assert!(
                name.starts_with('.') && name.ends_with(".tmp"),
                "unexpected file {name}"
            );
        }
    }
    n_json
}

/// The files below `folder`, none when it does not exist (yet).
fn walk(folder: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(folder)
        .into_iter()
        .flatten()
        .filter(|entry| entry.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect()
}

#[test]
fn an_interrupted_run_leaves_no_half_written_json() {
    let dir = Dir::new();
    // The two smallest documents of the corpus keep the test quick in a
    // debug build; what matters is the number of files being written.
    let mut documents: Vec<(u64, String)> = util::corpus_documents("dev")
        .into_iter()
        .map(|name| {
            let size = std::fs::metadata(util::corpus("dev").join(&name))
                .unwrap()
                .len();
            (size, format!("dev/{name}"))
        })
        .collect();
    documents.sort();
    let small = [&documents[0].1, &documents[1].1];
    for index in 0..300 {
        dir.copy_corpus(
            small[index % 2],
            &format!("in/{}/doc-{index:03}.txt", index % 7),
        );
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["extract", "in", "--out", "out", "-q", "-j", "2"])
        .current_dir(dir.path())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it as soon as it has written something (or has finished).
    let out = dir.path().join("out");
    while child.try_wait().unwrap().is_none() && walk(&out).is_empty() {
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let n_json = assert_only_complete_json(&out);
    assert!(n_json <= 300);

    // A second run completes the output over the leftovers.
    dir.run(&["extract", "in", "--out", "out", "-q"]).code(0);
    assert_eq!(assert_only_complete_json(&out), 300);
}

#[test]
fn file_arguments_keep_their_path_and_stdin_is_dash() {
    let dir = mixed_folder();
    let run = dir.run(&["extract", "in/sub/good.md", "./in/good.txt", "--jsonl"]);
    run.code(0).no_panic();
    let paths: Vec<Value> = run
        .json_lines()
        .iter()
        .map(|record| record["source"]["path"].clone())
        .collect();
    assert_eq!(paths, ["in/sub/good.md", "in/good.txt"]);

    let absolute = dir.path().join("in/good.txt");
    let run = dir.run(&["extract", absolute.to_str().unwrap(), "--jsonl"]);
    run.code(0);
    assert_eq!(
        run.json_lines()[0]["source"]["path"],
        "in/good.txt",
        "records never hold absolute paths"
    );

    let stdin = std::fs::read(dir.path().join("in/good.txt")).unwrap();
    let output = dir
        .command()
        .args(["extract", "-", "--jsonl"])
        .write_stdin(stdin)
        .output()
        .unwrap();
    let run = util::Run::from(output);
    run.code(0);
    let record = &run.json_lines()[0];
    assert_eq!(record["source"]["path"], "-");
    assert!(!tasks(record).is_empty());
}

#[test]
fn a_missing_path_is_a_fatal_error() {
    let dir = mixed_folder();
    let run = dir.run(&["extract", "in", "corpus/x", "--jsonl"]);
    run.code(2).no_panic();
    assert_eq!(run.stderr, "kehoach: corpus/x: no such file or directory\n");
    assert_eq!(run.stdout, "");
}

#[test]
fn a_folder_without_documents_is_a_fatal_error() {
    let dir = Dir::new();
    dir.create("empty/notes.json", "{}");
    dir.create("empty/.hidden.txt", "KẾ HOẠCH");
    let run = dir.run(&["extract", "empty", "--out", "out"]);
    run.code(2).no_panic();
    assert_eq!(
        run.stderr,
        "kehoach: empty: no documents found (looked for *.txt and *.md files)\n"
    );
    assert!(
        !dir.path().join("out").exists(),
        "no output folder is created for nothing"
    );
}

#[test]
fn an_output_folder_inside_the_input_is_skipped() {
    let dir = mixed_folder();
    dir.run(&["extract", "in", "--out", "in/out", "-q"]).code(1);
    // The second run must not read the first run's output (or its own).
    dir.create("in/out/stale.txt", "KẾ HOẠCH\n");
    let run = dir.run(&["extract", "in", "--out", "in/out"]);
    run.code(1).no_panic().stderr_has(
        "kehoach: in/out: skipping the output folder, which lies inside the input folder in\n",
    );
    run.stderr_has("6 documents");
    assert!(!dir.path().join("in/out/out").exists());
    assert!(!dir.path().join("in/out/stale.json").exists());

    let run = dir.run(&["extract", "in", "--out", "in"]);
    run.code(2)
        .stderr_has("kehoach: in: the output folder is the input folder; choose another --out\n");
}

#[test]
fn bad_output_setups_are_fatal_errors() {
    let dir = mixed_folder();
    dir.create("file", "not a folder");
    let run = dir.run(&["extract", "in/good.txt", "--out", "file/out"]);
    run.code(2)
        .no_panic()
        .stderr_has("kehoach: file/out: cannot create the output folder: ");

    dir.create("twins/a.txt", "KẾ HOẠCH\n");
    dir.create("twins/a.md", "KẾ HOẠCH\n");
    let run = dir.run(&["extract", "twins", "--out", "out"]);
    run.code(2)
        .stderr_has("out/a.json: would be written for both a.md and a.txt");

    let run = dir.run(&["extract", "-", "--out", "out"]);
    run.code(2)
        .stderr_has("kehoach: -: standard input can only be read with --jsonl\n");

    let run = dir.run(&["extract", "in"]);
    run.code(2).stderr_has("--out <DIR>|--jsonl");
}

#[test]
fn the_summary_counts_tasks_and_quiet_silences_it() {
    let dir = mixed_folder();
    let run = dir.run(&["extract", "in/good.txt", "--jsonl"]);
    run.code(0);
    let record = &run.json_lines()[0];
    let summary = &record["summary"];
    let expected = format!(
        "1 document, 0 files failed: {} tasks, {} without a lead, ",
        summary["tasks"], summary["tasks_without_lead"]
    );
    run.stderr_has(&expected)
        .stderr_has(" MB/s, ")
        .stderr_has(" documents/s");
    let quiet = dir.run(&["extract", "in/good.txt", "--jsonl", "-q"]);
    quiet.code(0);
    assert_eq!(quiet.stderr, "");
    assert_eq!(quiet.stdout, run.stdout);
}
