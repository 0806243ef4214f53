//! The data-driven fixture test: `kehoach check fixtures` over the
//! repository's `fixtures/` folder. Adding a `NAME.txt` + `NAME.expected.json`
//! pair adds a case; no code changes.

mod util;

use std::path::Path;

#[test]
fn fixtures_match_their_expected_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = assert_cmd::Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .current_dir(root)
        .args(["check", "fixtures"])
        // UPDATE_EXPECT=1 passes through: `UPDATE_EXPECT=1 cargo test` blesses.
        .env_remove("RUST_LOG")
        .output()
        .expect("run kehoach");
    let run = util::Run::from(output);
    assert_eq!(
        run.code,
        Some(0),
        "`kehoach check fixtures` failed; if the new output is right, run \
         `cargo run -- check fixtures --bless` and review the diff\n--- stdout\n{}\n--- stderr\n{}",
        run.stdout,
        run.stderr
    );
}
