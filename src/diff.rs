//! Field-level differences between an expected record and the one produced,
//! for `kehoach check`: tasks matched by `id`, other arrays by index,
//! objects by key.
//!
//! ```text
//! task II.2.a: lead[0].name: expected "Phòng Nội chính", got "Phòng Nội Chính"
//! task III.4: missing (expected "Tổ chức hội nghị sơ kết")
//! summary.tasks: expected 12, got 11
//! ```

use std::collections::{HashMap, HashSet};

use serde_json::Value;

/// Strings up to this many characters are quoted whole; longer ones are
/// shown around their first difference.
const SHORT_STRING: usize = 100;
/// Characters shown around the first difference of two long strings.
const CONTEXT: usize = 40;
/// Longest rendering of a value in a message.
const LONGEST_VALUE: usize = 120;

/// Every difference between `expected` and `got`, one readable line each,
/// in a stable order; empty when they are equal.
pub fn diff(expected: &Value, got: &Value) -> Vec<String> {
    let mut differ = Differ::default();
    match (expected, got) {
        (Value::Object(expected), Value::Object(got)) => {
            // The tasks come first: they are what a reviewer looks for, and
            // a changed count in `summary` follows from them.
            if let (Some(Value::Array(expected)), Some(Value::Array(got))) =
                (expected.get("tasks"), got.get("tasks"))
            {
                differ.tasks(expected, got);
            }
            differ.object("", "", expected, got, |key, expected, got| {
                key == "tasks" && expected.is_array() && got.is_array()
            })
        }
        _ => differ.value("", "", expected, got),
    }
    differ.lines
}

#[derive(Debug, Default)]
struct Differ {
    lines: Vec<String>,
}

/// Whether a key of the top-level object was compared already.
type Done = fn(&str, &Value, &Value) -> bool;

impl Differ {
    /// Records a difference at `path` below `prefix` (a task, or nothing).
    fn push(&mut self, prefix: &str, path: &str, what: String) {
        let line = match (prefix.is_empty(), path.is_empty()) {
            (true, true) => what,
            (true, false) => format!("{path}: {what}"),
            (false, true) => format!("{prefix}: {what}"),
            (false, false) => format!("{prefix}: {path}: {what}"),
        };
        self.lines.push(line);
    }

    fn value(&mut self, prefix: &str, path: &str, expected: &Value, got: &Value) {
        match (expected, got) {
            (Value::Object(expected), Value::Object(got)) => {
                self.object(prefix, path, expected, got, |_, _, _| false)
            }
            (Value::Array(expected), Value::Array(got)) => self.array(prefix, path, expected, got),
            (Value::String(expected), Value::String(got)) if expected != got => {
                self.push(prefix, path, strings(expected, got));
            }
            _ if expected != got => {
                self.push(
                    prefix,
                    path,
                    format!("expected {}, got {}", render(expected), render(got)),
                );
            }
            _ => {}
        }
    }

    /// Compares two objects key by key: the expected keys in order, then the
    /// unexpected ones, except the keys that are `done`.
    fn object(
        &mut self,
        prefix: &str,
        path: &str,
        expected: &serde_json::Map<String, Value>,
        got: &serde_json::Map<String, Value>,
        done: Done,
    ) {
        for (key, expected_value) in expected {
            let child = join_key(path, key);
            match got.get(key) {
                Some(got_value) if done(key, expected_value, got_value) => {}
                Some(got_value) => self.value(prefix, &child, expected_value, got_value),
                None => self.push(
                    prefix,
                    &child,
                    format!("expected {}, got nothing", render(expected_value)),
                ),
            }
        }
        for (key, got_value) in got {
            if !expected.contains_key(key) {
                self.push(
                    prefix,
                    &join_key(path, key),
                    format!("expected nothing, got {}", render(got_value)),
                );
            }
        }
    }

    fn array(&mut self, prefix: &str, path: &str, expected: &[Value], got: &[Value]) {
        if expected.len() != got.len() {
            self.push(
                prefix,
                path,
                format!("expected {} items, got {}", expected.len(), got.len()),
            );
        }
        for index in 0..expected.len().max(got.len()) {
            let child = format!("{path}[{index}]");
            match (expected.get(index), got.get(index)) {
                (Some(expected), Some(got)) => self.value(prefix, &child, expected, got),
                (Some(expected), None) => self.push(
                    prefix,
                    &child,
                    format!("expected {}, got nothing", render(expected)),
                ),
                (None, Some(got)) => self.push(
                    prefix,
                    &child,
                    format!("expected nothing, got {}", render(got)),
                ),
                (None, None) => {}
            }
        }
    }

    /// Matches tasks by `id`: missing and unexpected tasks first, then a
    /// change of order, then the fields of each task present in both.
    /// Falls back to comparing by index when ids are absent or repeated.
    fn tasks(&mut self, expected: &[Value], got: &[Value]) {
        let (Some(expected_ids), Some(got_ids)) = (task_ids(expected), task_ids(got)) else {
            return self.array("", "tasks", expected, got);
        };
        let expected_by_id: HashMap<&str, &Value> =
            expected_ids.iter().copied().zip(expected).collect();
        let got_by_id: HashMap<&str, &Value> = got_ids.iter().copied().zip(got).collect();
        for (id, task) in expected_ids.iter().zip(expected) {
            if !got_by_id.contains_key(id) {
                self.push(
                    &format!("task {id}"),
                    "",
                    format!("missing (expected {})", render_title(task)),
                );
            }
        }
        for (id, task) in got_ids.iter().zip(got) {
            if !expected_by_id.contains_key(id) {
                self.push(
                    &format!("task {id}"),
                    "",
                    format!("unexpected (got {})", render_title(task)),
                );
            }
        }
        let common_expected: Vec<&str> = expected_ids
            .iter()
            .copied()
            .filter(|id| got_by_id.contains_key(id))
            .collect();
        let common_got: Vec<&str> = got_ids
            .iter()
            .copied()
            .filter(|id| expected_by_id.contains_key(id))
            .collect();
        if let Some(at) = common_expected
            .iter()
            .zip(&common_got)
            .position(|(expected, got)| expected != got)
        {
            self.push(
                "",
                "tasks",
                format!(
                    "order changed: expected task {} after {}, got task {}",
                    common_expected[at],
                    previous(&common_expected, at),
                    common_got[at]
                ),
            );
        }
        for id in common_expected {
            self.value(&format!("task {id}"), "", expected_by_id[id], got_by_id[id]);
        }
    }
}

/// The ids of the tasks, when every task has a distinct one.
fn task_ids(tasks: &[Value]) -> Option<Vec<&str>> {
    let ids: Vec<&str> = tasks
        .iter()
        .map(|task| task.get("id")?.as_str())
        .collect::<Option<_>>()?;
    let distinct: HashSet<&str> = ids.iter().copied().collect();
    (distinct.len() == ids.len()).then_some(ids)
}

fn previous(ids: &[&str], at: usize) -> String {
    match at.checked_sub(1) {
        Some(before) => format!("task {}", ids[before]),
        None => "the start".to_owned(),
    }
}

fn join_key(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn render_title(task: &Value) -> String {
    task.get("title")
        .map_or_else(|| "a task".to_owned(), render)
}

/// A value as compact JSON, cut short when long.
fn render(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(LONGEST_VALUE) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

/// Two different strings: quoted whole when short, else the stretch around
/// their first difference.
fn strings(expected: &str, got: &str) -> String {
    let quote = |text: &str| Value::from(text).to_string();
    if expected.chars().count() <= SHORT_STRING && got.chars().count() <= SHORT_STRING {
        return format!("expected {}, got {}", quote(expected), quote(got));
    }
    let first = expected
        .chars()
        .zip(got.chars())
        .take_while(|(left, right)| left == right)
        .count();
    let start = first.saturating_sub(CONTEXT / 2);
    let excerpt = |text: &str| {
        let total = text.chars().count();
        let piece: String = text.chars().skip(start).take(CONTEXT).collect();
        let before = if start > 0 { "…" } else { "" };
        let after = if start + CONTEXT < total { "…" } else { "" };
        format!("{before}{}{after}", quote(&piece))
    };
    format!(
        "expected {}, got {} (first difference at character {first})",
        excerpt(expected),
        excerpt(got)
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn check(expected: Value, got: Value, lines: &[&str]) {
        assert_eq!(diff(&expected, &got), lines);
    }

    #[test]
    fn equal_records_have_no_difference() {
        let record = json!({"tasks": [{"id": "I.1", "lead": []}], "summary": {"tasks": 1}});
        check(record.clone(), record, &[]);
    }

    #[test]
    fn fields_inside_tasks_are_named_by_task_id() {
        check(
            json!({"tasks": [{"id": "I.1"}, {"id": "II.2.a", "lead": [{"name": "Phòng Nội chính"}]}]}),
            json!({"tasks": [{"id": "I.1"}, {"id": "II.2.a", "lead": [{"name": "Phòng Nội Chính"}]}]}),
            &[r#"task II.2.a: lead[0].name: expected "Phòng Nội chính", got "Phòng Nội Chính""#],
        );
    }

    #[test]
    fn missing_unexpected_and_reordered_tasks() {
        check(
            json!({"tasks": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}, {"id": "c", "title": "C"}]}),
            json!({"tasks": [{"id": "c", "title": "C"}, {"id": "a", "title": "A"}, {"id": "d", "title": "D"}]}),
            &[
                r#"task b: missing (expected "B")"#,
                r#"task d: unexpected (got "D")"#,
                "tasks: order changed: expected task a after the start, got task c",
            ],
        );
    }

    #[test]
    fn tasks_without_distinct_ids_compare_by_index() {
        check(
            json!({"tasks": [{"id": "a"}, {"id": "a"}]}),
            json!({"tasks": [{"id": "a"}]}),
            &[
                "tasks: expected 2 items, got 1",
                r#"tasks[1]: expected {"id":"a"}, got nothing"#,
            ],
        );
    }

    #[test]
    fn objects_by_key_and_arrays_by_index() {
        check(
            json!({"references": ["a", "b"], "summary": {"old": true, "tasks": 2}}),
            json!({"references": ["a"], "summary": {"new": null, "tasks": 3}}),
            &[
                "references: expected 2 items, got 1",
                r#"references[1]: expected "b", got nothing"#,
                "summary.old: expected true, got nothing",
                "summary.tasks: expected 2, got 3",
                "summary.new: expected nothing, got null",
            ],
        );
    }

    #[test]
    fn long_strings_show_their_first_difference() {
        let expected = format!("{}X{}", "a".repeat(150), "b".repeat(10));
        let got = format!("{}Y{}", "a".repeat(150), "b".repeat(10));
        check(
            json!({"text": expected}),
            json!({"text": got}),
            &[
                r#"text: expected …"aaaaaaaaaaaaaaaaaaaaXbbbbbbbbbb", got …"aaaaaaaaaaaaaaaaaaaaYbbbbbbbbbb" (first difference at character 150)"#,
            ],
        );
    }
}
