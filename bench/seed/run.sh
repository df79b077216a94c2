#!/usr/bin/env bash
# Seed benchmark: 100,000 generated chunk rows loaded by `./preflight seed` (a scale fixture in
# jobs/seed/), against `psql \copy` of the very same rows into a second database, in the same run.
#
#   bench/seed/run.sh [--db-url URL] [--rows N]
#
# With --db-url (or BENCH_DB_URL) the server must allow CREATE DATABASE; without it, an embedded
# throwaway PostgreSQL is started (./preflight migrate --keep) and stopped at the end.
# Prints, against the \copy time, as ratios: the seed load time (read + generate + validate + load +
# commit: the report's seed.durationMs), the seed step with its SEED checks, and the whole command's
# wall time (JVM and Spring start, report included).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ROWS=100000
URL="${BENCH_DB_URL:-}"
while [ $# -gt 0 ]; do
  case "$1" in
    --db-url) URL="$2"; shift 2 ;;
    --rows) ROWS="$2"; shift 2 ;;
    *) echo "usage: $0 [--db-url URL] [--rows N]" >&2; exit 2 ;;
  esac
done
PSQL="${PSQL:-$(command -v psql || echo /usr/bin/psql)}"
WORK="$(mktemp -d /tmp/preflight-bench-seed.XXXXXX)"
STOP=""
cleanup() { [ -n "$STOP" ] && eval "$STOP" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT

now_ms() { date +%s%3N; }
json_get() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

# Two projects: both hold the parents (organization, dataset, document); only "fixture" asks for the rows.
for p in fixture parents; do
  mkdir -p "$WORK/$p/jobs/seed"
  cp -r "$ROOT/migrations" "$WORK/$p/"
  [ -f "$ROOT/jobs/preflight.yaml" ] && cp "$ROOT/jobs/preflight.yaml" "$WORK/$p/jobs/"
  cat > "$WORK/$p/jobs/seed/10-parents.yaml" <<'YAML'
organizations:
  - {id: org_bench, name: Bench Org, slug: bench-org}
datasets:
  - {id: ds_bench, organizationId: org_bench, name: Bench dataset, kind: DOCUMENTS}
documents:
  - {id: doc_bench, datasetId: ds_bench, organizationId: org_bench, title: Bench document, status: ready}
YAML
done
cat > "$WORK/fixture/jobs/seed/20-chunks.yaml" <<YAML
chunks:
  generate: $ROWS
  template:
    id: chunk_bench_{n}
    documentId: doc_bench
    datasetId: ds_bench
    organizationId: org_bench
    ordinal: "{n}"
    content: "{text}"
    metadata: '{"bucket": {n%10}}'
YAML

PREFLIGHT="$ROOT/preflight"
if [ -z "$URL" ]; then
  echo "[bench] starting an embedded PostgreSQL (./preflight migrate --keep)..."
  "$PREFLIGHT" migrate --project "$WORK/parents" --keep --run-id bench-start >"$WORK/start.log" 2>&1 || { tail -20 "$WORK/start.log"; exit 1; }
  URL="$(cat "$(sed -n 's/^Its URL, password included: //p' "$WORK/start.log")")"
  STOP="$(sed -n 's/^Stop it with: //p' "$WORK/start.log")"
fi
base="${URL%%\?*}"; query=""; [ "$URL" != "$base" ] && query="?${URL#*\?}"
A="${base%/*}/bench_seed$query"
B="${base%/*}/bench_copy$query"
for db in bench_seed bench_copy; do
  "$PSQL" "$URL" -qc "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
done

echo "[bench] migrating both databases and seeding the parents..."
"$PREFLIGHT" migrate --project "$WORK/parents" --db-url "$A" --run-id a-migrate >/dev/null 2>&1
"$PREFLIGHT" gate --project "$WORK/parents" --db-url "$B" --run-id b-gate >/dev/null 2>&1 || true

echo "[bench] ./preflight seed with a fixture of $ROWS chunks (empty table: COPY path)..."
t0=$(now_ms)
"$PREFLIGHT" seed --project "$WORK/fixture" --db-url "$A" --run-id a-seed >"$WORK/seed1.log" 2>&1 || { tail -30 "$WORK/seed1.log"; exit 1; }
seed_wall=$(( $(now_ms) - t0 ))
R="$WORK/fixture/reports/a-seed/readiness.json"
seed_step=$(json_get "$R" "d['seed']['durationMs']")
seed_checks=$(json_get "$R" "[s['durationMs'] for s in d['steps'] if s['step']=='seedStep'][0]")
seed_inserted=$(json_get "$R" "d['seed']['inserted']")

echo "[bench] exporting the seeded rows as CSV and loading them with psql \\copy..."
COLS='id, "documentId", "datasetId", "organizationId", ordinal, content, metadata'
"$PSQL" "$A" -qc "\\copy (SELECT $COLS FROM chunks ORDER BY id) TO '$WORK/chunks.csv' WITH (FORMAT csv)"
t0=$(now_ms)
"$PSQL" "$B" -qc "\\copy chunks ($COLS) FROM '$WORK/chunks.csv' WITH (FORMAT csv)"
copy_wall=$(( $(now_ms) - t0 ))

sum_a=$("$PSQL" "$A" -Atc "SELECT count(*) || ' ' || md5(string_agg(md5(ROW($COLS)::text), '' ORDER BY id)) FROM chunks")
sum_b=$("$PSQL" "$B" -Atc "SELECT count(*) || ' ' || md5(string_agg(md5(ROW($COLS)::text), '' ORDER BY id)) FROM chunks")
[ "$sum_a" = "$sum_b" ] || { echo "[bench] the two tables differ: $sum_a vs $sum_b" >&2; exit 1; }

echo "[bench] second ./preflight seed (every row unchanged: staging table + ON CONFLICT path)..."
t0=$(now_ms)
"$PREFLIGHT" seed --project "$WORK/fixture" --db-url "$A" --run-id a-seed2 >"$WORK/seed2.log" 2>&1 || { tail -30 "$WORK/seed2.log"; exit 1; }
seed2_wall=$(( $(now_ms) - t0 ))
R2="$WORK/fixture/reports/a-seed2/readiness.json"
seed2_step=$(json_get "$R2" "d['seed']['durationMs']")
seed2_unchanged=$(json_get "$R2" "d['seed']['unchanged']")

ratio() { python3 -c "print(f'{$1 / max($2, 1):.2f}')"; }
echo
echo "Seed benchmark: $ROWS generated chunk rows ($(grep -c . "$WORK/chunks.csv") CSV lines, $(du -h "$WORK/chunks.csv" | cut -f1)); rows identical: $sum_a"
printf '  %-52s %8s ms\n' "psql \\copy (baseline)" "$copy_wall"
printf '  %-52s %8s ms   ratio %sx   (%s inserted)\n' "seed load, first run (read+generate+validate+COPY)" "$seed_step" "$(ratio "$seed_step" "$copy_wall")" "$seed_inserted"
printf '  %-52s %8s ms   ratio %sx\n' "seed step, first run (load + SEED001/SEED002 checks)" "$seed_checks" "$(ratio "$seed_checks" "$copy_wall")"
printf '  %-52s %8s ms   ratio %sx\n' "seed command wall time, first run (JVM+Spring+report)" "$seed_wall" "$(ratio "$seed_wall" "$copy_wall")"
printf '  %-52s %8s ms   ratio %sx   (%s unchanged)\n' "seed load, second run (upsert, all unchanged)" "$seed2_step" "$(ratio "$seed2_step" "$copy_wall")" "$seed2_unchanged"
printf '  %-52s %8s ms   ratio %sx\n' "seed command wall time, second run" "$seed2_wall" "$(ratio "$seed2_wall" "$copy_wall")"
grep -hE "TableWriter|seed: read|validated in" "$WORK/seed1.log" "$WORK/seed2.log" | sed 's/^/  log: /' || true
echo "  target: seed load within 2x of \\copy"
