#!/usr/bin/env bash
# Reruns every benchmark of switchboard and regenerates the results tables of BENCHMARKS.md.
#
#   bench/run.sh            everything, 5 repetitions (about 40 minutes on 2 cores)
#   REPS=3 bench/run.sh     fewer repetitions
#   QUICK=1 bench/run.sh    small sizes, 1 repetition: checks that everything works, in minutes;
#                           prints the tables instead of writing BENCHMARKS.md
#
# Measure on a quiet machine: the script prints the load before it starts and records it with
# the results. Needs cargo, node/npm (for the AWS CDK app), GNU time (/usr/bin/time, Debian
# package `time`) and, for the profile of the macro build, perf (Debian package `linux-perf`).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
REPS="${REPS:-5}"
if [[ -n "${QUICK:-}" ]]; then
    REPS=1
    COMPILE_SIZES=(--sizes 20,60)
    WARNING_SIZES=(--sizes 20,60)
    PROCESS_SIZES=(--sizes 1,100,300)
    CRITERION_SIZES="1,100"
    REPORT=(--print)
    # Not bench/results: a quick run must not overwrite the measured results.
    RESULTS=(--results "$CARGO_TARGET_DIR/bench-gen/quick-results")
else
    COMPILE_SIZES=()
    WARNING_SIZES=()
    PROCESS_SIZES=()
    CRITERION_SIZES="1,100,1000,5000"
    REPORT=()
    RESULTS=()
fi

echo "load: $(cut -d' ' -f1-3 /proc/loadavg); rustc processes: $(pgrep -c -x rustc || true)"
[[ -x /usr/bin/time ]] || { echo "needs GNU time: apt-get install time" >&2; exit 1; }

# The AWS CDK, pinned by bench/cdk-app/package-lock.json.
if [[ ! -d bench/cdk-app/node_modules/aws-cdk-lib ]]; then
    (cd bench/cdk-app && npm ci --no-audit --no-fund)
fi

# The drivers and the example binaries (release and debug, both measured).
cargo build --release -p switchboard-bench --bins
cargo build -p switchboard-bench --bins
BENCH="$CARGO_TARGET_DIR/release/switchboard-bench"

# 1 and 3: macro cost and error path.
"$BENCH" compile --reps "$REPS" "${COMPILE_SIZES[@]}" "${RESULTS[@]}"
# Cold builds (each one a whole dependency build: at most 3 repetitions).
"$BENCH" cold --reps "$(( REPS < 3 ? REPS : 3 ))" "${RESULTS[@]}"
# Warnings: one invocation of N profiles with two warnings each against the same without.
"$BENCH" warnings --reps "$REPS" "${WARNING_SIZES[@]}" "${RESULTS[@]}"
# Where the macro build's time goes (skipped where perf cannot sample).
if perf stat -e instructions true >/dev/null 2>&1; then
    "$BENCH" profile "${COMPILE_SIZES[@]}" "${RESULTS[@]}"
else
    echo "perf unavailable: no profile of the macro build" >&2
fi

# 2: synthesis, whole process, against the AWS CDK and the serde_json floor (from the job file,
# and from the job compiled in as static data).
"$BENCH" process --reps "$REPS" "${PROCESS_SIZES[@]}" "${RESULTS[@]}"
# 2: synthesis in-process, criterion.
SWITCHBOARD_BENCH_SIZES="$CRITERION_SIZES" cargo bench -p switchboard-bench --bench synth
"$BENCH" criterion --sizes "$CRITERION_SIZES" "${RESULTS[@]}"

"$BENCH" report "${REPORT[@]}" "${RESULTS[@]}"
