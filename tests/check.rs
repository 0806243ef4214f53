//! `kehoach check` on temporary fixture folders: blessing, passing, and
//! catching a changed field.

mod util;

use serde_json::Value;
use util::{Dir, seeds};

/// A fixture folder with two seeds, one in a subfolder, not yet blessed.
fn fixtures() -> Dir {
    let dir = Dir::new();
    let seeds = seeds();
    dir.copy_corpus(&format!("seeds/{}", seeds[0]), "fixtures/first.txt");
    dir.copy_corpus(&format!("seeds/{}", seeds[1]), "fixtures/sub/second.txt");
    dir
}

#[test]
fn a_fixture_without_expected_output_fails_and_shows_the_output() {
    let dir = fixtures();
    let run = dir.run(&["check", "fixtures"]);
    run.code(1).no_panic();
    run.stdout_has("FAIL   first.txt: no first.expected.json beside it; the output is:\n{\n  \"schema_version\"");
    run.stdout_has("\"path\": \"sub/second.txt\"");
    run.stdout_has("check: 2 fixtures: 0 passed, 2 failed\n");
    assert!(!dir.path().join("fixtures/first.expected.json").exists());
}

#[test]
fn check_passes_after_bless_and_catches_a_changed_field() {
    let dir = fixtures();
    let run = dir.run(&["check", "fixtures", "--bless"]);
    run.code(0).no_panic();
    assert_eq!(
        run.stdout,
        "bless  first.txt: wrote first.expected.json\nbless  sub/second.txt: wrote sub/second.expected.json\n\n\
         check: 2 fixtures: 0 unchanged, 2 blessed (2 new), 0 failed\n"
    );
    let blessed = dir.read("fixtures/sub/second.expected.json");
    assert!(
        blessed.starts_with("{\n  \"schema_version\"") && blessed.ends_with("}\n"),
        "pretty, with a newline"
    );

    let run = dir.run(&["check", "fixtures"]);
    run.code(0);
    assert_eq!(
        run.stdout,
        "ok     first.txt\nok     sub/second.txt\n\ncheck: 2 fixtures: 2 passed, 0 failed\n"
    );

    // A reviewer's expectation that the code does not meet: a task's layout.
    let mut expected: Value = dir.read_json("fixtures/first.expected.json");
    let task = &mut expected["tasks"][0];
    let id = task["id"].as_str().unwrap().to_owned();
    let layout = task["layout"].clone();
    let edited = if layout == "table" {
        "directive"
    } else {
        "table"
    };
    task["layout"] = Value::from(edited);
    dir.create(
        "fixtures/first.expected.json",
        serde_json::to_string_pretty(&expected).unwrap(),
    );
    let run = dir.run(&["check", "fixtures"]);
    run.code(1).no_panic();
    run.stdout_has("FAIL   first.txt: 1 difference\n");
    run.stdout_has(&format!(
        "task {id}: layout: expected \"{edited}\", got {layout}\n"
    ));
    run.stdout_has("ok     sub/second.txt\n");
    run.stdout_has("check: 2 fixtures: 1 passed, 1 failed\n");

    // UPDATE_EXPECT=1 is --bless.
    let output = dir
        .command()
        .args(["check", "fixtures"])
        .env("UPDATE_EXPECT", "1")
        .output()
        .unwrap();
    let run = util::Run::from(output);
    run.code(0)
        .stdout_has("bless  first.txt: rewrote first.expected.json\n");
    dir.run(&["check", "fixtures"]).code(0);
}

#[test]
fn missing_and_removed_tasks_are_named() {
    let dir = fixtures();
    dir.run(&["check", "fixtures", "--bless"]).code(0);
    let mut expected: Value = dir.read_json("fixtures/first.expected.json");
    let tasks = expected["tasks"].as_array_mut().unwrap();
    let removed = tasks.remove(1);
    let mut invented = tasks[0].clone();
    invented["id"] = Value::from("IX.9");
    tasks.push(invented);
    dir.create(
        "fixtures/first.expected.json",
        serde_json::to_string_pretty(&expected).unwrap(),
    );
    let run = dir.run(&["check", "fixtures"]);
    run.code(1);
    run.stdout_has("task IX.9: missing (expected ");
    run.stdout_has(&format!(
        "task {}: unexpected (got {})",
        removed["id"].as_str().unwrap(),
        removed["title"]
    ));
}

#[test]
fn check_reports_bad_folders_and_bad_expected_files() {
    let dir = Dir::new();
    let run = dir.run(&["check", "nope"]);
    run.code(2).no_panic();
    assert_eq!(run.stderr, "kehoach: nope: no such file or directory\n");

    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let run = dir.run(&["check", "empty"]);
    run.code(0).stderr_has("kehoach: empty: no fixtures");

    dir.copy_corpus(&format!("seeds/{}", seeds()[0]), "broken/a.txt");
    dir.create("broken/a.expected.json", "{ not json");
    dir.create("broken/gone.expected.json", "{}");
    let run = dir.run(&["check", "broken"]);
    run.code(1)
        .stdout_has("FAIL   a.txt: a.expected.json: not valid JSON: ");
    run.stderr_has("kehoach: broken/gone.expected.json: no gone.txt beside it");
}
