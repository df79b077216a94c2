#!/usr/bin/env bash
# Benchmark: the build time retune measures for its online rebuild (CREATE INDEX CONCURRENTLY under
# a temporary name) against the same CREATE INDEX CONCURRENTLY and a plain CREATE INDEX run by psql
# on the same data, with the same lists and maintenance_work_mem. Both sides time only the statement
# in an open session (Preflight around its JDBC call, psql by \timing): no start-up, no connect.
# The lists it assumes are checked in pg_class.reloptions (before, after, and for the baseline).
#
#   bench/retune/run.sh [postgresql://user:pass@host:port/db]   (default: a throwaway local cluster)
#
# Data: ROWS (default 100000) x 384 clustered vectors generated in SQL (deterministic, setseed),
# loaded after an IVFFlat index was created on the empty table, as NeonHub's migrations do.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROWS="${ROWS:-100000}"
WORK="$(mktemp -d /tmp/preflight-bench-retune.XXXXXX)"
chmod 755 "$WORK"
PGBIN="${PGBIN:-/usr/lib/postgresql/15/bin}"
CLUSTER=""

cleanup() {
  if [ -n "$CLUSTER" ]; then
    run_pg "$PGBIN/pg_ctl" -D "$CLUSTER" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

run_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$(printf '%q ' "$@")"; else "$@"; fi; }

if [ $# -ge 1 ]; then
  URL="$1"
else
  [ -x "$PGBIN/initdb" ] || { echo "bench: no PostgreSQL at $PGBIN; pass a URL or run scripts/install-postgres.sh" >&2; exit 2; }
  CLUSTER="$WORK/data"
  [ "$(id -u)" = 0 ] && chown postgres "$WORK"
  PORT=$(( 20000 + RANDOM % 20000 ))
  run_pg "$PGBIN/initdb" -D "$CLUSTER" -A trust -U bench >/dev/null
  run_pg "$PGBIN/pg_ctl" -D "$CLUSTER" -l "$WORK/pg.log" -o "-p $PORT -c listen_addresses=127.0.0.1 -k $WORK -c fsync=off" -w start >/dev/null
  URL="postgresql://bench@127.0.0.1:$PORT/postgres"
fi
PSQL=(psql "$URL" -X -q -v ON_ERROR_STOP=1)

# The project: one migration creating the table and an IVFFlat index while it is empty.
mkdir -p "$WORK/project/migrations" "$WORK/project/jobs"
cat > "$WORK/project/migrations/V1__bench_items.sql" <<'SQL'
CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE bench_items (id bigserial PRIMARY KEY, embedding vector(384));
CREATE INDEX bench_items_embedding_idx ON bench_items USING ivfflat (embedding vector_cosine_ops) WITH (lists = 100);
SQL

echo "== migrate (index built on the empty table)"
"$ROOT/preflight" migrate --project "$WORK/project" --db-url "$URL" >/dev/null 2>"$WORK/migrate.log" || { cat "$WORK/migrate.log" >&2; exit 1; }

echo "== load $ROWS x 384 clustered vectors (SQL, deterministic)"
t0=$(date +%s%N)
"${PSQL[@]}" <<SQL
SELECT setseed(0.42) \g /dev/null
CREATE TEMP TABLE centres AS
  SELECT c, (SELECT array_agg(random() - 0.5) FROM generate_series(1, 384) WHERE c > 0) AS v FROM generate_series(1, 100) c;
INSERT INTO bench_items (embedding)
  SELECT (SELECT array_agg(ce.v[d] + random() - 0.5) FROM generate_series(1, 384) d)::vector
  FROM generate_series(1, $ROWS) i JOIN centres ce ON ce.c = 1 + i % 100;
ANALYZE bench_items;
SQL
echo "   loaded in $(( ($(date +%s%N) - t0) / 1000000 )) ms"

# The migration's index must be what the bench assumes: IVFFlat, lists=100, built on the empty table.
reloption() { "${PSQL[@]}" -At -c "SELECT coalesce((SELECT split_part(o, '=', 2) FROM unnest(c.reloptions) o WHERE o LIKE 'lists=%'), '-')
  FROM pg_class c JOIN pg_am a ON a.oid = c.relam WHERE c.relname = '$1' AND a.amname = 'ivfflat'"; }
[ "$(reloption bench_items_embedding_idx)" = 100 ] || { echo "bench: bench_items_embedding_idx is not an IVFFlat index with lists=100" >&2; exit 1; }

echo "== retune (online rebuild, build timed by Preflight around its CREATE INDEX CONCURRENTLY statement)"
t0=$(date +%s%N)
set +e
"$ROOT/preflight" retune --project "$WORK/project" --db-url "$URL" --reports "$WORK/reports" >"$WORK/retune.out" 2>"$WORK/retune.log"
CODE=$?
set -e
RETUNE_WALL_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
JSON="$WORK/reports/latest/readiness.json"
[ -f "$JSON" ] || { cat "$WORK/retune.log" >&2; echo "bench: retune wrote no report (exit $CODE)" >&2; exit 1; }
# psql reads the report (no jq or python needed): the rebuilt index's entry, which must exist.
read -r DECISION REBUILD_MS LISTS_AFTER PROBES RECALL BEFORE_RECALL < <("${PSQL[@]}" -At -F ' ' -v j="$(cat "$JSON")" <<'SQL'
SELECT t->>'decision', coalesce(t->'after'->>'buildMillis', '-'), coalesce(t->'after'->>'lists', '-'),
       coalesce(t->>'chosenProbes', '-'), coalesce(t->>'recallAtChosen', '-'),
       coalesce((SELECT p->>'recall' FROM jsonb_array_elements(t->'before'->'ladder') p WHERE (p->>'probes')::int = 10), '-')
FROM jsonb_array_elements(:'j'::jsonb->'vectorIndexTuning'->'indexes') t WHERE t->>'name' = 'bench_items_embedding_idx';
SQL
) || true
[ -n "${DECISION:-}" ] || { echo "bench: the report has no vectorIndexTuning.indexes entry for bench_items_embedding_idx" >&2; exit 1; }
echo "   decision $DECISION; recall@10 before at probes=10: $BEFORE_RECALL; after: lists=$LISTS_AFTER, probes=$PROBES, recall $RECALL"
echo "   retune wall time (start-up, measuring, rebuild, re-measuring): $RETUNE_WALL_MS ms"
[ "$REBUILD_MS" = "-" ] && { echo "bench: retune did not rebuild (decision $DECISION); see $WORK/retune.log" >&2; exit 1; }
# Every figure printed must have been read: '-' is a path the report no longer has.
for f in "after.lists=$LISTS_AFTER" "chosenProbes=$PROBES" "recallAtChosen=$RECALL" "before.ladder[probes=10].recall=$BEFORE_RECALL"; do
  [ "${f##*=}" != "-" ] || { echo "bench: the report's bench_items_embedding_idx entry has no ${f%=*}; was the field renamed?" >&2; exit 1; }
done
# The report's lists must be the rebuilt index's, as the catalog has it.
[ "$(reloption bench_items_embedding_idx)" = "$LISTS_AFTER" ] \
  || { echo "bench: the report says lists=$LISTS_AFTER, pg_class.reloptions says $(reloption bench_items_embedding_idx)" >&2; exit 1; }
# The baseline builds with retune's lists and its maintenance_work_mem (from its log line), so only the client differs.
MWM_MB="$(sed -n 's/.* with lists=[0-9]* (maintenance_work_mem \([0-9]*\) MB).*/\1/p' "$WORK/retune.log" | head -1)"
[ -n "$MWM_MB" ] || { echo "bench: no 'maintenance_work_mem N MB' line in the retune log; cannot match the baseline to it" >&2; exit 1; }

echo "== baseline: the same builds by psql in one session, timed by \\timing (statement time, no connect), lists=$LISTS_AFTER"
# Read the whole table first (retune's measurements warmed the cache before its build too).
TIMES="$("${PSQL[@]}" <<SQL
SET maintenance_work_mem = '${MWM_MB}MB';
SELECT count(*) FROM bench_items WHERE embedding IS NOT NULL \g /dev/null
\timing on
CREATE INDEX CONCURRENTLY bench_conc_idx ON bench_items USING ivfflat (embedding vector_cosine_ops) WITH (lists = $LISTS_AFTER);
CREATE INDEX bench_plain_idx ON bench_items USING ivfflat (embedding vector_cosine_ops) WITH (lists = $LISTS_AFTER);
\timing off
SELECT 'lists', (SELECT split_part(o, '=', 2) FROM pg_class c, unnest(c.reloptions) o WHERE c.relname = 'bench_conc_idx' AND o LIKE 'lists=%'),
       (SELECT split_part(o, '=', 2) FROM pg_class c, unnest(c.reloptions) o WHERE c.relname = 'bench_plain_idx' AND o LIKE 'lists=%');
DROP INDEX bench_conc_idx;
DROP INDEX bench_plain_idx;
SQL
)"
CONC_MS="$(echo "$TIMES" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | sed -n 1p)"
PLAIN_MS="$(echo "$TIMES" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' | sed -n 2p)"
[ -n "$CONC_MS" ] && [ -n "$PLAIN_MS" ] || { echo "bench: psql printed no timings:" >&2; echo "$TIMES" >&2; exit 1; }
echo "$TIMES" | grep -q "lists *| *$LISTS_AFTER *| *$LISTS_AFTER" \
  || { echo "bench: the baseline indexes do not have lists=$LISTS_AFTER:" >&2; echo "$TIMES" >&2; exit 1; }
echo
echo "rows=$ROWS dims=384 lists=$LISTS_AFTER maintenance_work_mem=${MWM_MB}MB"
echo "psql CREATE INDEX CONCURRENTLY:       $CONC_MS ms"
echo "psql plain CREATE INDEX:              $PLAIN_MS ms"
echo "retune CREATE INDEX CONCURRENTLY:     $REBUILD_MS ms"
echo "ratio retune build / psql same build: $(awk "BEGIN { printf \"%.2f\", $REBUILD_MS / $CONC_MS }")   (the same statement; ~1.0 expected)"
echo "ratio retune build / plain build:     $(awk "BEGIN { printf \"%.2f\", $REBUILD_MS / $PLAIN_MS }")   (the price of building online)"
