#!/usr/bin/env bash
# Start-up benchmark: every command's wall time against its own job time, on the NeonHub example.
#
# For each command, the median of N runs (default 5) of: the wall time of `./preflight CMD` (the
# launcher included: fast start with the extracted jar and the CDS archive, unless
# PREFLIGHT_FAST_START=0), the job time (the sum of the job steps' durations the run's
# readiness.json records, steps[*].durationMs; 0 for commands that write no report), and
# the fixed overhead (wall minus job). The goals (issue 14): status, help and help COMMAND <= 1.5 s,
# report <= 2.5 s, and every command's overhead <= 1.5 s, on a quiet 2-core machine. The machine's
# load average and a bare JVM's start (java -version) are printed with the figures: on a shared
# machine, compare the ratios, not the seconds; across machines, compare against that start.
#
# CPU time (user + system of the command and its children) is printed too: on a shared, loaded
# machine the wall time mostly measures the queue for a core, the CPU time what start-up costs.
#
# Usage: bench/startup/run.sh [--db-url URL] [--runs N] [--plain] [--only "help status ..."]
#   --plain   also measure each command from the plain jar (PREFLIGHT_FAST_START=0) and print the ratios
#   --only    measure only these commands
#   Without --db-url an embedded PostgreSQL is started (and stopped at the end).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS=5
PLAIN=0
ONLY=""
DB_URL="${BENCH_DB_URL:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --db-url) DB_URL="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --plain) PLAIN=1; shift ;;
    --only) ONLY=" $2 "; shift 2 ;;
    *) echo "usage: $0 [--db-url URL] [--runs N] [--plain] [--only \"help status ...\"]" >&2; exit 2 ;;
  esac
done

. "$ROOT/bench/example.sh"
example_work "$ROOT"

ms() { date +%s%3N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
# Report figures by path (bench/json-field.sh): a renamed field stops the bench.
. "$ROOT/bench/json-field.sh"
# Sum of the job steps' durations (steps[*].durationMs) in a readiness.json; 0 when the command wrote
# no report. Only the steps: the seed and embeddings sections carry durations of their own.
job_ms() {
  [ -f "$1" ] || { echo 0; return 0; }
  local ms
  ms="$(json_field "$1" 'steps[*].durationMs')" || return 3
  echo "$ms" | awk '{ for (i = 1; i <= NF; i++) s += $i } END { print s + 0 }'
}

"$PREFLIGHT" help >/dev/null # builds the jar and the fast-start files once, outside the measurement
json_field_init "$ROOT/target/preflight.jar" "$WORK/json-field"

example_database "$DB_URL"
"$PREFLIGHT" seed --project "$WORK" --db-url "$DB_URL" >/dev/null 2>&1 || true

# name | arguments (the project and database are added)
COMMANDS=(
  "help|help"
  "help-cmd|help migrate"
  "status|status"
  "history|history"
  "report|report"
  "migrate|migrate"
  "seed|seed"
  "backfill|backfill --provider deterministic"
  "retune|retune --dry-run"
  "verify|verify"
)

measure() { # $1 = fast-start setting, $2... = arguments; prints "wall cpu job" (ms) for one run
  local fast="$1"; shift
  rm -rf "$WORK/reports/latest"
  local TIMEFORMAT='%R %U %S' t
  t="$( { time PREFLIGHT_FAST_START="$fast" "$PREFLIGHT" "$@" >/dev/null 2>&1 || true; } 2>&1 | tail -1)"
  j="$(job_ms "$WORK/reports/latest/readiness.json")" || exit 3
  awk -v t="$t" -v j="$j" 'BEGIN { split(t, a, " "); printf "%d %d %d\n", a[1] * 1000, (a[2] + a[3]) * 1000, j }'
}

echo "bench: load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; median of $RUNS runs"
# The machine's own speed, to compare figures across machines: a bare JVM's start and exit
# (java -version, with the JDK's default archive), median of the same number of runs.
refs=()
for _ in $(seq "$RUNS"); do
  s0=$(ms); java -version >/dev/null 2>&1; refs+=("$(( $(ms) - s0 ))")
done
echo "bench: machine reference: java -version $(printf '%s\n' "${refs[@]}" | median) ms (100-130 ms on the machines of the first start-up sessions)"
printf '%-9s %9s %9s %9s %12s' "command" "wall ms" "cpu ms" "job ms" "overhead ms"
[ "$PLAIN" = 1 ] && printf ' %14s %13s %10s %10s' "plain wall ms" "plain cpu ms" "wall ratio" "cpu ratio"
echo
for entry in "${COMMANDS[@]}"; do
  name="${entry%%|*}"
  if [ -n "$ONLY" ] && [[ "$ONLY" != *" $name "* ]]; then continue; fi
  read -r -a args <<<"${entry#*|}"
  if [[ "$name" != help* ]]; then args+=(--project "$WORK" --db-url "$DB_URL"); fi
  walls=(); cpus=(); jobs=(); plains=(); pcpus=()
  for _ in $(seq "$RUNS"); do
    # $(...), not < <(...): a failed measure (a missing report path) must stop the bench
    run="$(measure 1 "${args[@]}")"; read -r w c j <<<"$run"
    walls+=("$w"); cpus+=("$c"); jobs+=("$j")
    if [ "$PLAIN" = 1 ]; then run="$(measure 0 "${args[@]}")"; read -r w c _ <<<"$run"; plains+=("$w"); pcpus+=("$c"); fi
  done
  wall=$(printf '%s\n' "${walls[@]}" | median)
  cpu=$(printf '%s\n' "${cpus[@]}" | median)
  job=$(printf '%s\n' "${jobs[@]}" | median)
  printf '%-9s %9d %9d %9d %12d' "$name" "$wall" "$cpu" "$job" "$((wall - job))"
  if [ "$PLAIN" = 1 ]; then
    plain=$(printf '%s\n' "${plains[@]}" | median)
    pcpu=$(printf '%s\n' "${pcpus[@]}" | median)
    printf ' %14d %13d %10s %10s' "$plain" "$pcpu" "$(awk -v a="$wall" -v b="$plain" 'BEGIN {printf "%.2fx", a / b}')" \
        "$(awk -v a="$cpu" -v b="$pcpu" 'BEGIN {printf "%.2fx", a / b}')"
  fi
  echo
done
echo "bench: load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
