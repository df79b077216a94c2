#!/usr/bin/env bash
# Benchmark of ./preflight verify on the 40-table NeonHub example.
#
# Measures, on the same database: Preflight's schema introspection + diff (as verify reports it in
# readiness.json: both the target and the shadow replay are read, then compared) against
# `pg_dump --schema-only` of the target alone, and prints the ratio. Also prints verify's total
# time (job start to end, shadow replay included) and the wall time of the whole command.
#
# Usage: bench/verify/run.sh [--db-url URL] [--runs N]
#   Without --db-url an embedded PostgreSQL is started (and stopped at the end).
#   The database must be empty or already hold the example; it is migrated first.
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
PG_DUMP="${PG_DUMP:-/usr/lib/postgresql/15/bin/pg_dump}"
[ -x "$PG_DUMP" ] || PG_DUMP="$(command -v pg_dump || true)"
[ -n "$PG_DUMP" ] || { echo "bench: pg_dump not found (set PG_DUMP)" >&2; exit 2; }

# A copy of the example project (removed at exit), so reports land in the temporary folder.
. "$ROOT/bench/example.sh"
example_work "$ROOT"

ms() { date +%s%3N; }
# Report figures by path (bench/json-field.sh): a renamed field stops the bench.
. "$ROOT/bench/json-field.sh"
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

example_database "$DB_URL"
json_field_init "$ROOT/target/preflight.jar" "$WORK/json-field"

TABLES="$("$PREFLIGHT" status --project "$WORK" --db-url "$DB_URL" 2>/dev/null | sed -n 's/^Schema: *//p')"
echo "bench: database schema: $TABLES"

# pg_dump first, as a warm-up of the server's catalog caches for both tools.
"$PG_DUMP" --schema-only "$DB_URL" >/dev/null
DUMP=(); INTRO=(); DIFF=(); TOTAL=(); WALL=()
for i in $(seq 1 "$RUNS"); do
  t0=$(ms); "$PG_DUMP" --schema-only "$DB_URL" > "$WORK/schema.sql"; t1=$(ms)
  DUMP+=($((t1 - t0)))
  t0=$(ms)
  "$PREFLIGHT" verify --project "$WORK" --db-url "$DB_URL" --run-id "bench-$i" >/dev/null 2>&1 || true
  t1=$(ms)
  WALL+=($((t1 - t0)))
  JSON="$WORK/reports/bench-$i/readiness.json"
  [ -f "$JSON" ] || { echo "bench: verify wrote no report (run $i)" >&2; exit 1; }
  figures="$(json_field "$JSON" verify.drift.introspectMs verify.drift.diffMs verify.totalMs)"
  read -r intro_i diff_i total_i <<<"$figures"
  INTRO+=("$intro_i"); DIFF+=("$diff_i"); TOTAL+=("$total_i")
done

dump=$(printf '%s\n' "${DUMP[@]}" | median)
intro=$(printf '%s\n' "${INTRO[@]}" | median)
diff=$(printf '%s\n' "${DIFF[@]}" | median)
total=$(printf '%s\n' "${TOTAL[@]}" | median)
wall=$(printf '%s\n' "${WALL[@]}" | median)
objects="$(json_field "$WORK/reports/bench-1/readiness.json" verify.drift.objectsCompared)"
lines=$(wc -l < "$WORK/schema.sql")

echo
echo "verify on the NeonHub example: median of $RUNS runs ($objects objects compared; pg_dump output $lines lines)"
printf '  %-52s %6s ms\n' "pg_dump --schema-only (1 database, process)" "$dump"
printf '  %-52s %6s ms\n' "introspection of target + shadow (2 databases)" "$intro"
printf '  %-52s %6s ms\n' "diff (in memory)" "$diff"
printf '  %-52s %6s ms\n' "introspection + diff" "$((intro + diff))"
printf '  %-52s %6s ms\n' "verify job total (incl. shadow replay, smoke, git, CI)" "$total"
printf '  %-52s %6s ms\n' "./preflight verify wall time (incl. JVM and Spring)" "$wall"
awk -v i="$intro" -v d="$diff" -v b="$dump" 'BEGIN {
  printf "  ratio (introspection + diff) / pg_dump:                 %.2f\n", (b > 0 ? (i + d) / b : 0);
  printf "  ratio per database (introspection/2 + diff) / pg_dump:  %.2f\n", (b > 0 ? (i / 2 + d) / b : 0) }'
