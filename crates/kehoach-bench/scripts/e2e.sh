#!/usr/bin/env bash
# End-to-end benchmark of `kehoach extract --jsonl` over the generated
# scale corpus: throughput (MB/s, documents/s), peak RSS, the speed-up
# from 1 to 2 threads, and the floor (`cat`, `wc -l`) of the same files.
#
# Usage (from anywhere in the repository):
#   crates/kehoach-bench/scripts/e2e.sh
# Environment:
#   RUNS=3            timed runs per configuration (min and median reported)
#   COUNT=10000       documents in the large corpus
#   SMALL_COUNT=2000  documents in the small corpus (memory must not grow)
#   SEED=42           generator seed
#   THREADS="1 2"     thread counts to measure
#   CARGO_TARGET_DIR  where cargo builds (default: target)
#   SCALE_DIR=target  where corpora go: SCALE_DIR/scale, SCALE_DIR/scale-2000
#   NO_BUILD=1        use the binaries already built
#   PGO=1             measure the profile-guided build of pgo-build.sh
#                     ($CARGO_TARGET_DIR/pgo/release/kehoach) instead of
#                     the plain release build
#   WAIT_IDLE=85      before each timed run, wait (at most WAIT_MAX=180 s)
#                     until the CPUs were this % idle over 2 s (other
#                     engineers' builds share the machine)
#   COLD=1            do not read the corpus into the page cache just before
#                     each timed run. By default it is read (untimed) after
#                     the wait: this VM reclaims files idle for under a
#                     minute, so without it a run reads part of its input
#                     from disk, and the figure mixes disk and CPU.
# Writes crates/kehoach-bench/runs/e2e-DATE-COMMIT.tsv (every run) and
# prints a summary table (also appended to the file as comment lines).
set -euo pipefail

repo=$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)
cd "$repo"

runs=${RUNS:-3}
count=${COUNT:-10000}
small_count=${SMALL_COUNT:-2000}
seed=${SEED:-42}
threads_list=${THREADS:-"1 2"}
target_dir=${CARGO_TARGET_DIR:-target}
scale_dir=${SCALE_DIR:-target}
large="$scale_dir/scale"
small="$scale_dir/scale-$small_count"
if [[ "$count" != 10000 ]]; then
    large="$scale_dir/scale-$count"
fi
runs_dir=crates/kehoach-bench/runs

if [[ -z "${NO_BUILD:-}" ]]; then
    echo "== building (release)" >&2
    cargo build --release --locked --bin kehoach
    cargo build --release --locked -p kehoach-bench --bin gen-corpus
    if [[ -n "${PGO:-}" ]]; then
        crates/kehoach-bench/scripts/pgo-build.sh >/dev/null
    fi
fi
kehoach="$target_dir/release/kehoach"
build=release
if [[ -n "${PGO:-}" ]]; then
    kehoach="$target_dir/pgo/release/kehoach"
    build=pgo
fi
gen="$target_dir/release/gen-corpus"

# Generates a corpus unless it is already there (gen-corpus --keep checks
# the manifest's settings line).
ensure_corpus() {
    local dir=$1 n=$2
    /usr/bin/time -f "gen-corpus: %e s wall, %M KB peak RSS" \
        "$gen" --count "$n" --seed "$seed" --out "$dir" --from corpus --keep
}
ensure_corpus "$large" "$count"
ensure_corpus "$small" "$small_count"

corpus_bytes() { awk -F'\t' '$1 ~ /^[0-9]+$/ { s += $3 } END { print s }' "$1/MANIFEST.tsv"; }
corpus_docs() { awk -F'\t' '$1 ~ /^[0-9]+$/' "$1/MANIFEST.tsv" | wc -l; }

commit=$(git rev-parse --short HEAD)
if [[ -n $(git status --porcelain --untracked-files=no) ]]; then
    commit="$commit-dirty"
fi
if [[ $build == pgo ]]; then
    commit="$commit-pgo"
fi
stamp=$(date -u +%Y-%m-%dT%H%M%SZ)
mkdir -p "$runs_dir"
out="$runs_dir/e2e-$stamp-$commit.tsv"
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
{
    echo "# kehoach end-to-end benchmark"
    echo "# date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "# commit: $commit"
    echo "# machine: $(nproc) cores, $cpu, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(uname -sr)"
    echo "# build: $build"
    echo "# command: WAIT_IDLE=${WAIT_IDLE:-} COLD=${COLD:-} PGO=${PGO:-} RUNS=$runs COUNT=$count SMALL_COUNT=$small_count SEED=$seed THREADS=\"$threads_list\" crates/kehoach-bench/scripts/e2e.sh"
    echo "# kehoach: $kehoach extract --jsonl -j N DIR > /dev/null"
    printf 'label\tcorpus\tdocs\tbytes\tthreads\trun\twall_s\tuser_s\tsys_s\tmax_rss_kb\tload1\tidle_pct_before\tothers_cpu_s\tmb_per_s\tdocs_per_s\tmb_per_cpu_s\n'
} >"$out"

timing=$(mktemp)
stderr_file=$(mktemp)
trap 'rm -f "$timing" "$stderr_file"' EXIT

# Percent of CPU time idle over the next 2 seconds, from /proc/stat.
idle_percent() {
    local before after
    before=$(awk '/^cpu / { print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
    sleep 2
    after=$(awk '/^cpu / { print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
    awk -v b="$before" -v a="$after" 'BEGIN {
        split(b, x, " "); split(a, y, " ")
        total = y[1] - x[1]; idle = y[2] - x[2]
        printf "%d\n", (total > 0) ? (100 * idle / total) : 100
    }'
}

# CPU time spent by the whole machine so far, in jiffies (1/100 s).
busy_jiffies() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }

# measure LABEL CORPUS THREADS RUN -- COMMAND...: times the command (its
# stdout to /dev/null) and appends one row.
measure() {
    local label=$1 dir=$2 threads=$3 run=$4
    shift 5
    local load bytes docs idle waited=0
    idle=$(idle_percent)
    if [[ -n "${WAIT_IDLE:-}" ]]; then
        while [[ $idle -lt $WAIT_IDLE && $waited -lt ${WAIT_MAX:-180} ]]; do
            idle=$(idle_percent)
            waited=$((waited + 2))
        done
    fi
    if [[ -z "${COLD:-}" ]]; then
        find "$dir" -name '*.txt' -print0 | xargs -0 cat >/dev/null
    fi
    load=$(cut -d' ' -f1 /proc/loadavg)
    bytes=$(corpus_bytes "$dir")
    docs=$(corpus_docs "$dir")
    local busy_before busy_after
    busy_before=$(busy_jiffies)
    /usr/bin/time -f '%e %U %S %M' -o "$timing" "$@" >/dev/null 2>"$stderr_file"
    busy_after=$(busy_jiffies)
    read -r wall user sys rss <"$timing"
    awk -v label="$label" -v dir="$dir" -v docs="$docs" -v bytes="$bytes" -v threads="$threads" \
        -v run="$run" -v wall="$wall" -v user="$user" -v sys="$sys" -v rss="$rss" -v load="$load" -v idle="$idle" \
        -v busy="$((busy_after - busy_before))" \
        'BEGIN {
            cpu = user + sys; if (cpu == 0) cpu = 0.001; if (wall == 0) wall = 0.001
            # CPU time other processes used while this one ran: the
            # interference that makes a wall time unreliable.
            others = busy / 100 - cpu; if (others < 0) others = 0
            printf "%s\t%s\t%d\t%d\t%d\t%d\t%.2f\t%.2f\t%.2f\t%d\t%s\t%d\t%.2f\t%.1f\t%.1f\t%.1f\n",
                label, dir, docs, bytes, threads, run, wall, user, sys, rss, load, idle, others,
                bytes / 1e6 / wall, docs / wall, bytes / 1e6 / cpu
        }' >>"$out"
    tail -n 1 "$out" >&2
}

# Warm the page cache and check the output once: one JSON line per document.
echo "== warm-up and output check" >&2
for dir in "$small" "$large"; do
    lines=$("$kehoach" extract --jsonl --quiet -j 2 "$dir" | wc -l)
    docs=$(corpus_docs "$dir")
    if [[ "$lines" -ne "$docs" ]]; then
        echo "e2e: kehoach wrote $lines lines for $docs documents in $dir" >&2
        exit 1
    fi
done

echo "== floor: cat and wc -l" >&2
for run in $(seq 1 "$runs"); do
    measure cat "$large" 1 "$run" -- sh -c "find '$large' -name '*.txt' -print0 | sort -z | xargs -0 cat"
    measure wc-l "$large" 1 "$run" -- sh -c "find '$large' -name '*.txt' -print0 | sort -z | xargs -0 cat | wc -l"
done

echo "== kehoach extract --jsonl" >&2
# Thread counts alternate within each round, so a burst of other work on
# the machine does not fall on every run of one configuration.
for dir in "$large" "$small"; do
    for run in $(seq 1 "$runs"); do
        for threads in $threads_list; do
            measure kehoach "$dir" "$threads" "$run" -- "$kehoach" extract --jsonl -j "$threads" "$dir"
            if [[ $run -eq $runs ]]; then
                echo "#   kehoach's own summary (-j $threads, $dir, last run): $(tail -n 1 "$stderr_file")" >>"$out"
            fi
        done
    done
done

# Summary: min and median wall time per configuration, and the ratios.
summary=$(awk -F'\t' -v large="$large" '
    /^#/ || $1 == "label" { next }
    {
        key = $1 "\t" $2 "\t" $5
        if (!(key in n)) { order[++keys] = key }
        walls[key, ++n[key]] = $7; bytes[key] = $4; docs[key] = $3
        if ($10 > rss[key]) rss[key] = $10
        cpu[key, n[key]] = $8 + $9
    }
    function sort_and_pick(arr, key, count, what,    i, j, t, v) {
        for (i = 1; i <= count; i++) v[i] = arr[key, i]
        for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
        if (what == "min") return v[1]
        return (count % 2) ? v[(count + 1) / 2] : (v[count / 2] + v[count / 2 + 1]) / 2
    }
    END {
        printf "%-8s %-22s %7s %3s %8s %8s %9s %9s %8s %10s\n", "what", "corpus", "docs", "-j", "min_s", "med_s", "MB/s", "MB/s/core", "docs/s", "peakRSS_MB"
        for (k = 1; k <= keys; k++) {
            key = order[k]; split(key, f, "\t")
            mn = sort_and_pick(walls, key, n[key], "min"); md = sort_and_pick(walls, key, n[key], "median")
            if (mn == 0) mn = 0.001
            if (md == 0) md = 0.001
            mbs = bytes[key] / 1e6 / md
            printf "%-8s %-22s %7d %3d %8.2f %8.2f %9.1f %9.1f %8.1f %10.1f\n", f[1], f[2], docs[key], f[3], mn, md, mbs, mbs / f[3], docs[key] / md, rss[key] / 1024
            median[key] = md; minimum[key] = mn; medcpu[key] = sort_and_pick(cpu, key, n[key], "median")
        }
        for (k = 1; k <= keys; k++) {
            key = order[k]; split(key, f, "\t")
            if (f[1] == "cat") cat_key = key
            if (f[1] == "kehoach" && f[3] == 1 && !(f[2] in one)) one[f[2]] = key
            if (f[1] == "kehoach" && f[3] == 2 && !(f[2] in two)) two[f[2]] = key
        }
        for (c in one) if (c in two) printf "speed-up 1 -> 2 threads (%s): %.2fx on median wall, %.2fx on min wall\n", c, median[one[c]] / median[two[c]], minimum[one[c]] / minimum[two[c]]
        for (c in one) printf "CPU-time throughput -j 1 (%s): %.1f MB per CPU-second\n", c, bytes[one[c]] / 1e6 / medcpu[one[c]]
        if (cat_key != "" && (large in one)) {
            printf "ratio to cat (%s, -j 1): %.0fx the time of cat\n", large, median[one[large]] / median[cat_key]
            if (large in two) printf "ratio to cat (%s, -j 2): %.0fx the time of cat\n", large, median[two[large]] / median[cat_key]
        }
    }' "$out")
echo "$summary"
echo "$summary" | sed 's/^/# /' >>"$out"
echo "results: $out" >&2
