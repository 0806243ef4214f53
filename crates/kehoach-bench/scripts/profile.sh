#!/usr/bin/env bash
# Profile of `kehoach extract --jsonl -j 1` under callgrind: instruction
# counts, which do not depend on the machine's load, over a few hundred
# generated documents. Writes the top functions by inclusive and by self
# cost, and the cost of each stage, into crates/kehoach-bench/runs/.
#
# Usage: crates/kehoach-bench/scripts/profile.sh
# Environment:
#   COUNT=200         generated documents to profile (seed 42)
#   CARGO_TARGET_DIR  where cargo builds (default: target)
#   NO_BUILD=1        use the binaries already built
#   REUSE=1           summarize the raw profile of the last run again
# The raw profile stays in $CARGO_TARGET_DIR/callgrind.out.kehoach; open it
# with callgrind_annotate or kcachegrind.
set -euo pipefail

repo=$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)
cd "$repo"

count=${COUNT:-200}
target_dir=${CARGO_TARGET_DIR:-target}
corpus_dir="$target_dir/scale-profile-$count"
raw="$target_dir/callgrind.out.kehoach"
runs_dir=crates/kehoach-bench/runs

# The profiled binary is built without line tables: with them callgrind
# splits every function into one entry per source file inlined into it,
# and inclusive costs can no longer be read per function. Symbols stay.
profile_target="$target_dir/profiling"
if [[ -z "${NO_BUILD:-}" ]]; then
    CARGO_PROFILE_RELEASE_DEBUG=false CARGO_TARGET_DIR="$profile_target" \
        cargo build --release --locked --bin kehoach
    cargo build --release --locked -p kehoach-bench --bin gen-corpus
fi
kehoach="$profile_target/release/kehoach"
"$target_dir/release/gen-corpus" --count "$count" --seed 42 --out "$corpus_dir" --keep

commit=$(git rev-parse --short HEAD)
if [[ -n $(git status --porcelain --untracked-files=no) ]]; then
    commit="$commit-dirty"
fi
stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
mkdir -p "$runs_dir"

if [[ -z "${REUSE:-}" ]]; then
    valgrind --tool=callgrind --callgrind-out-file="$raw" \
        "$kehoach" extract --jsonl --quiet -j 1 "$corpus_dir" >/dev/null 2>"$target_dir/callgrind.log"
    echo "$commit" >"$raw.commit"
fi
# The commit the raw profile was recorded at, when summarizing it again.
commit=$(cat "$raw.commit" 2>/dev/null || echo "$commit")
out="$runs_dir/profile-$stamp-$commit.txt"

annotate_inclusive=$(mktemp)
annotate_self=$(mktemp)
trap 'rm -f "$annotate_inclusive" "$annotate_self"' EXIT
callgrind_annotate --inclusive=yes "$raw" >"$annotate_inclusive" 2>/dev/null
callgrind_annotate "$raw" >"$annotate_self" 2>/dev/null
annotate_callers=$(mktemp)
trap 'rm -f "$annotate_inclusive" "$annotate_self" "$annotate_callers"' EXIT
callgrind_annotate --tree=caller --inclusive=yes "$raw" >"$annotate_callers" 2>/dev/null
total=$(awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }' "$annotate_self")

# Costs by function name: callgrind_annotate splits a function into one
# entry per source file its inlined code comes from; this strips the file
# and the binary and adds the entries up. Output: cost TAB name, sorted.
by_function() {
    awk '
        /file:function/ { listing = 1; next }
        /Auto-annotated source|User-annotated source/ { listing = 0 }
        listing && /^ *[0-9,]+ \(/ {
            cost = $1; gsub(",", "", cost)
            name = $0
            sub(/^ *[0-9,]+ \([^)]*\) +/, "", name)
            sub(/ \[[^]]*\]$/, "", name)
            sub(/^(\?\?\?|[^ ]*\.(rs|c|S|h|cc|cpp)):/, "", name)
            sum[name] += cost
        }
        END { for (name in sum) printf "%.0f\t%s\n", sum[name], name }
    ' "$1" | sort -t "$(printf '\t')" -k1,1nr
}
# A native cross-check: where the CPU time goes without valgrind (which,
# for one, hides SHA-NI from sha2), by sampling; skipped without perf.
perf_top=""
if command -v perf >/dev/null 2>&1; then
    perf_data="$target_dir/perf.data.kehoach"
    if perf record -q -e cpu-clock -o "$perf_data" \
        "$kehoach" extract --jsonl --quiet -j 1 "$corpus_dir" >/dev/null 2>&1; then
        perf_top=$(perf report -i "$perf_data" --stdio --sort symbol 2>/dev/null \
            | awk '/^ *[0-9.]+%/ && n < 40 { n++; sub(/[ -]*$/, ""); print }')
    fi
fi

inclusive=$(by_function "$annotate_inclusive")
exclusive=$(by_function "$annotate_self")

# The inclusive cost of the costliest function whose name matches each
# pattern: one line per stage. Stages nest (parse holds repair and the
# outline; extract holds parse and the normalizers), so the lines do not
# add up; docs/performance.md explains the arithmetic.
stage() {
    local name=$1 pattern=$2
    awk -F '\t' -v name="$name" -v pattern="$pattern" -v total="$total" '
        $2 ~ pattern && !done {
            printf "%-26s %15.0f Ir %6.2f%%  %s\n", name, $1, 100 * $1 / total, $2
            done = 1
        }
        END { if (!done) printf "%-26s %15s\n", name, "(inlined into its caller)" }' <<<"$inclusive"
}

# Who calls FUNCTION, and how much of its cost each caller accounts for.
callers() {
    local function=$1
    echo "### $function"
    awk -v fn="$function" '
        /^ *[0-9,]+ \(/ && index($0, "*  ") == 0 { buffer[++n] = $0; next }
        index($0, "*  ???:" fn " [") > 0 {
            for (i = 1; i <= n; i++) print buffer[i]
            print
            exit
        }
        /^$/ { n = 0 }
    ' "$annotate_callers" | sed -E 's# \[[^]]*\]$##; s#\?\?\?:##' | sort -t '(' -k2,2 -rn | awk 'NR <= 8'
}

table() {
    awk -F '\t' -v total="$total" 'NR <= 60 { printf "%15.0f %6.2f%%  %s\n", $1, 100 * $1 / total, substr($2, 1, 150) }' <<<"$1"
}

{
    echo "# callgrind profile of kehoach extract --jsonl -j 1"
    echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "# commit: $commit"
    echo "# corpus: $count generated documents (seed 42), $(awk -F'\t' '$1 ~ /^[0-9]+$/ { s += $3 } END { printf "%d bytes", s }' "$corpus_dir/MANIFEST.tsv")"
    echo "# command: COUNT=$count crates/kehoach-bench/scripts/profile.sh"
    echo "# raw profile: $raw, recorded $(date -u -r "$raw" +%Y-%m-%dT%H:%M:%SZ)"
    echo "# total instructions: $total"
    echo
    echo "## stages (inclusive instructions; nested, see docs/performance.md)"
    stage "extract (library)" '^kehoach_extract::extract$'
    stage "parse" '^kehoach_syntax::parse$'
    stage "nfc" '^kehoach_text::nfc$'
    stage "split_lines" 'kehoach_syntax::lines::split_lines'
    stage "build_units" 'kehoach_syntax::units::build_units'
    stage "split_parts (metadata)" 'kehoach_syntax::metadata::split_parts'
    stage "outline add_units" 'OutlineBuilder>?::add_units'
    stage "quality::assess" 'kehoach_syntax::quality::assess'
    stage "collect_aliases" 'kehoach_extract::collect_aliases'
    stage "documents (metadata)" 'kehoach_extract::document::documents'
    stage "extract_tasks" 'kehoach_extract::tasks::extract_tasks'
    stage "document_references" 'kehoach_extract::document_references'
    stage "find_references" 'kehoach_normalize::reference::find_references'
    stage "split_agencies" 'kehoach_normalize::agency::split_agencies'
    stage "leading_agencies" 'kehoach_normalize::agency::leading_agencies'
    stage "parse_deadline" 'kehoach_normalize::deadline::parse_deadline'
    stage "find_deadline" 'kehoach_normalize::deadline::find_deadline'
    stage "Aliases::scan" 'Aliases>?::scan'
    stage "tokenize_expanded" 'kehoach_normalize::agency::token::tokenize_expanded'
    stage "regex searches" 'regex_automata::meta::regex::Regex>?::search'
    stage "json line (kehoach_extract::json)" 'kehoach::output::line'
    stage "sha256" 'sha256_hex'
    stage "read file" 'kehoach::document::read'
    stage "decode" 'kehoach::decode::decode'
    stage "malloc" '^malloc$'
    stage "free" '^free$'
    stage "realloc" '^realloc$'
    echo
    echo "## callers of the cross-cutting costs"
    callers "core::unicode::unicode_data::alphabetic::lookup_slow"
    callers "kehoach_normalize::agency::token::tokenize_with"
    callers "kehoach_normalize::reference::find_references"
    callers "kehoach_text::fold"
    callers "kehoach_text::ascii_key"
    callers "kehoach_normalize::agency::lexicon::Trie<V>::longest"
    echo
    echo "## top 60 functions by inclusive cost"
    table "$inclusive"
    echo
    echo "## top 60 functions by self cost"
    table "$exclusive"
    if [[ -n "$perf_top" ]]; then
        echo
        echo "## native cross-check: perf record -e cpu-clock, top 40 symbols by self time"
        echo "$perf_top"
    fi
} >"$out"
awk '/^## top 60 functions by inclusive/ { exit } { print }' "$out"
echo "profile: $out (raw: $raw)" >&2
