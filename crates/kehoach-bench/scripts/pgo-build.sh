#!/usr/bin/env bash
# Builds `kehoach` with profile-guided optimisation: an instrumented build
# runs over the real documents bundled in the repository (corpus/ and
# fixtures/, never the generated benchmark corpus), LLVM merges the
# profile, and the release build uses it to lay out code and choose what
# to inline. The output is the same byte for byte; only speed changes.
#
# Usage (from anywhere in the repository):
#   crates/kehoach-bench/scripts/pgo-build.sh
# Environment:
#   CARGO_TARGET_DIR  where cargo builds (default: target); the binary is
#                     $CARGO_TARGET_DIR/pgo/release/kehoach
# Needs the rustup component llvm-tools (for llvm-profdata matching the
# compiler's LLVM); it is installed when missing.
set -euo pipefail

repo=$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)
cd "$repo"

target_dir=$(realpath -m "${CARGO_TARGET_DIR:-target}")
sysroot=$(rustc --print sysroot)
host=$(rustc -vV | awk '/^host:/ { print $2 }')
profdata="$sysroot/lib/rustlib/$host/bin/llvm-profdata"
if [[ ! -x "$profdata" ]]; then
    echo "== installing llvm-tools (llvm-profdata)" >&2
    rustup component add llvm-tools
fi

data="$target_dir/pgo-data"
echo "== instrumented build" >&2
RUSTFLAGS="-Cprofile-generate=$data" CARGO_TARGET_DIR="$target_dir/pgo-generate" \
    cargo build --release --locked --bin kehoach
# Build scripts were instrumented too and wrote profiles while building:
# only the training run's count.
rm -rf "$data"
mkdir -p "$data"

echo "== training on corpus/ and fixtures/" >&2
for threads in 1 2; do
    "$target_dir/pgo-generate/release/kehoach" extract --jsonl --quiet -j "$threads" corpus fixtures >/dev/null
done
"$profdata" merge -o "$data/kehoach.profdata" "$data"

echo "== optimised build" >&2
RUSTFLAGS="-Cprofile-use=$data/kehoach.profdata" CARGO_TARGET_DIR="$target_dir/pgo" \
    cargo build --release --locked --bin kehoach
echo "$target_dir/pgo/release/kehoach"
