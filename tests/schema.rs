//! The committed `docs/schema.json` is what `kehoach schema` prints, so the
//! documented schema cannot drift from the Rust types.

mod util;

use std::path::Path;

#[test]
fn committed_schema_is_up_to_date() {
    let dir = util::Dir::new();
    let run = dir.run(&["schema"]);
    run.code(0);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).expect("the schema is JSON");
    assert!(
        schema["$defs"]["Task"].is_object(),
        "the schema describes tasks"
    );

    let committed_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema.json");
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    assert!(
        committed == run.stdout,
        "docs/schema.json is not what `kehoach schema` prints; \
         run `cargo run -- schema > docs/schema.json` and commit the result"
    );
}
