#!/usr/bin/env bash
# Runs the divan benchmarks of the hot pieces (`cargo bench -p
# kehoach-bench`) and keeps their table, with the date, commit, machine and
# command, in crates/kehoach-bench/runs/bench-DATE-COMMIT.txt.
#
# Usage: crates/kehoach-bench/scripts/bench.sh [DIVAN ARGS...]
#   e.g. crates/kehoach-bench/scripts/bench.sh deadline
set -euo pipefail

repo=$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)
cd "$repo"

commit=$(git rev-parse --short HEAD)
if [[ -n $(git status --porcelain --untracked-files=no) ]]; then
    commit="$commit-dirty"
fi
stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
runs_dir=crates/kehoach-bench/runs
mkdir -p "$runs_dir"
out="$runs_dir/bench-$stamp-$commit.txt"
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)

cargo bench --locked -p kehoach-bench --bench pieces --no-run
{
    echo "# kehoach piece benchmarks (divan)"
    echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "# commit: $commit"
    echo "# machine: $(nproc) cores, $cpu; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "# command: cargo bench -p kehoach-bench --bench pieces -- $*"
    cargo bench --locked -p kehoach-bench --bench pieces -- "$@" 2>&1
    echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out"
echo "results: $out" >&2
