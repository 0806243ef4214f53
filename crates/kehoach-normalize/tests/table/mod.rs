//! The runner the table-driven tests share: every line of a tab-separated
//! table that is neither blank nor a `#` comment is a case.

use std::ops::RangeInclusive;

/// Runs `check` on the fields of every case of `table` (named `name` in
/// messages) and fails listing every failing line, not just the first;
/// also fails when a case has a field count outside `fields` or the table
/// holds fewer than `min_cases` cases. Returns the number of cases.
pub fn run_table(
    name: &str,
    table: &str,
    fields: RangeInclusive<usize>,
    min_cases: usize,
    mut check: impl FnMut(&[&str]) -> Result<(), String>,
) -> usize {
    let mut failures = Vec::new();
    let mut n_cases = 0;
    for (index, line) in table.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        n_cases += 1;
        let columns: Vec<&str> = line.split('\t').collect();
        let result = if fields.contains(&columns.len()) {
            check(&columns)
        } else {
            Err(format!(
                "expected {fields:?} tab-separated fields, found {}",
                columns.len()
            ))
        };
        if let Err(message) = result {
            let case = columns.join(" ⇥ ");
            failures.push(format!("{name}:{}: {case}\n      {message}", index + 1));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {n_cases} cases failed:\n\n{}\n",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(
        n_cases >= min_cases,
        "{name} should hold at least {min_cases} cases, found {n_cases}"
    );
    n_cases
}
