#!/usr/bin/env bash
# Lint benchmark on the NeonHub example: `lint --all` against the verify job's shadow replay, in the
# same script run, on the same database (issue 15's goal: lint < 1.5x the replay).
#
# Both start an isolated shadow cluster and replay the whole migration history on it; lint also loads
# 1,000 generated rows into each table and measures locks and rewrites statement by statement. The
# figures come from each run's readiness.json (read with bench/JsonField.java, which fails on a
# missing path):
#   lint      = the lint step's duration (steps[0].durationMs): shadow cluster, static rules, sample
#               rows, measured replay;
#   replay    = verify's drift step minus its introspection and diff (verifyDriftStep durationMs -
#               verify.drift.introspectMs - verify.drift.diffMs): shadow cluster and replay;
# and, for the inner parts alone, lint's loadMs + measureMs against verify.drift.replayMs.
#
# Usage: bench/lint/run.sh [--db-url URL] [--runs N]   (default 5 runs; an embedded PostgreSQL without --db-url)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS=5
DB_URL="${BENCH_DB_URL:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --db-url) DB_URL="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    *) echo "usage: $0 [--db-url URL] [--runs N]" >&2; exit 2 ;;
  esac
done

# A copy of the example project (removed at exit), so reports land in the temporary folder.
. "$ROOT/bench/example.sh"
example_work "$ROOT"
"$PREFLIGHT" help >/dev/null # builds the jar once, outside the measurement
CP="$(cd "$ROOT" && mvn -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
field() { java -cp "$CP" "$ROOT/bench/JsonField.java" "$@"; } # FILE PATH...: fails loudly on a missing path
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

example_database "$DB_URL"

echo "bench: load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; median of $RUNS runs, lint and verify alternating"
LINT=(); INNER=(); REPLAY=(); RINNER=()
for i in $(seq 1 "$RUNS"); do
  "$PREFLIGHT" lint --all --project "$WORK" --db-url "$DB_URL" --run-id "lint-$i" >/dev/null 2>&1 || true
  "$PREFLIGHT" verify --project "$WORK" --db-url "$DB_URL" --run-id "verify-$i" >/dev/null 2>&1 || true
  L="$WORK/reports/lint-$i/readiness.json"
  V="$WORK/reports/verify-$i/readiness.json"
  [ -f "$L" ] && [ -f "$V" ] || { echo "bench: run $i wrote no report" >&2; exit 1; }
  [ "$(field "$V" steps[0].step)" = verifyDriftStep ] || { echo "bench: verify's first step is not the drift step" >&2; exit 1; }
  [ "$(field "$L" lint.measured)" = true ] || { echo "bench: lint did not measure: $(field "$L" lint.measuredNote)" >&2; exit 1; }
  read -r lstep load measure < <(field "$L" steps[0].durationMs lint.loadMs lint.measureMs)
  read -r dstep replay intro diff < <(field "$V" steps[0].durationMs verify.drift.replayMs verify.drift.introspectMs verify.drift.diffMs)
  LINT+=("$lstep"); INNER+=($((load + measure))); REPLAY+=($((dstep - intro - diff))); RINNER+=("$replay")
done
statements="$(field "$WORK/reports/lint-1/readiness.json" lint.statements)"
lint=$(printf '%s\n' "${LINT[@]}" | median)
inner=$(printf '%s\n' "${INNER[@]}" | median)
replay=$(printf '%s\n' "${REPLAY[@]}" | median)
rinner=$(printf '%s\n' "${RINNER[@]}" | median)

echo
echo "lint --all on the NeonHub example ($statements statements): median of $RUNS runs"
printf '  %-62s %6s ms\n' "lint step (shadow cluster, rules, sample rows, measured replay)" "$lint"
printf '  %-62s %6s ms\n' "verify's shadow replay (drift step - introspection - diff)" "$replay"
printf '  %-62s %6s ms\n' "lint's sample rows + measured replay alone" "$inner"
printf '  %-62s %6s ms\n' "verify's replay alone (replayMs)" "$rinner"
awk -v a="$lint" -v b="$replay" -v c="$inner" -v d="$rinner" 'BEGIN {
  printf "  ratio lint / shadow replay:              %.2fx (goal < 1.5x)\n", a / b;
  printf "  ratio inner parts (load+measure)/replay: %.2fx\n", c / d }'
echo "bench: load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
