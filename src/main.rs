//! The `kehoach` command (built in issue 4).

fn main() {}
