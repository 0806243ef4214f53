//! `kehoach deadline` and `kehoach units`: one JSON line per argument or per
//! line of standard input.

mod util;

use serde_json::{Value, json};
use util::Dir;

#[track_caller]
fn check_deadline(args: &[&str], expected: Value) {
    let dir = Dir::new();
    let mut all = vec!["deadline"];
    all.extend(args);
    let run = dir.run(&all);
    run.code(0).no_panic();
    let lines = run.json_lines();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    for (key, value) in expected.as_object().unwrap() {
        assert_eq!(&lines[0][key], value, "{key} in {}", lines[0]);
    }
}

#[test]
fn deadline_phrases() {
    check_deadline(
        &["Quý III/2023"],
        json!({"raw": "Quý III/2023", "kind": "period", "start": "2023-07-01", "end": "2023-09-30"}),
    );
    check_deadline(
        &["--year", "2024", "Quý I"],
        json!({"kind": "period", "start": "2024-01-01", "end": "2024-03-31"}),
    );
}

#[test]
fn units_splits_a_list() {
    let dir = Dir::new();
    let run = dir.run(&["units", "Sở Nội vụ, Sở Tư pháp"]);
    run.code(0).no_panic();
    let lines = run.json_lines();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["raw"], "Sở Nội vụ, Sở Tư pháp");
    let names: Vec<&str> = lines[0]["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|unit| unit["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Sở Nội vụ", "Sở Tư pháp"]);
}

#[test]
fn stdin_gives_one_line_per_line() {
    let dir = Dir::new();
    let output = dir
        .command()
        .args(["deadline", "--year", "2023"])
        .write_stdin("Quý II\r\n\nhàng tháng\n")
        .output()
        .unwrap();
    let run = util::Run::from(output);
    run.code(0);
    let raws: Vec<Value> = run
        .json_lines()
        .iter()
        .map(|line| line["raw"].clone())
        .collect();
    assert_eq!(raws, ["Quý II", "", "hàng tháng"]);

    let output = dir
        .command()
        .arg("units")
        .write_stdin("Sở Nội vụ\nSở Tư pháp\n")
        .output()
        .unwrap();
    let run = util::Run::from(output);
    run.code(0);
    assert_eq!(run.json_lines().len(), 2);
}

#[test]
fn each_command_has_an_example_in_its_help() {
    let dir = Dir::new();
    for command in ["extract", "check", "deadline", "units", "schema"] {
        let run = dir.run(&[command, "--help"]);
        run.code(0).stdout_has(&format!("\n  kehoach {command}"));
    }
}
