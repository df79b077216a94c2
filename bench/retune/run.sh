#!/usr/bin/env bash
# Benchmark: the build time retune measures for its online rebuild (CREATE INDEX CONCURRENTLY under
# a temporary name) against a plain CREATE INDEX run by psql on the same data, same lists.
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

LISTS=$(( ROWS / 1000 )); [ "$LISTS" -lt 1 ] && LISTS=1
echo "== baseline: plain CREATE INDEX by psql, lists=$LISTS"
# Read the whole table first: retune's measurements warm the cache before its build, so should the baseline.
"${PSQL[@]}" -c "SELECT count(*) FROM bench_items WHERE embedding IS NOT NULL" >/dev/null
t0=$(date +%s%N)
"${PSQL[@]}" -c "CREATE INDEX bench_plain_idx ON bench_items USING ivfflat (embedding vector_cosine_ops) WITH (lists = $LISTS)"
PLAIN_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
"${PSQL[@]}" -c "DROP INDEX bench_plain_idx"
echo "   plain CREATE INDEX: $PLAIN_MS ms"

echo "== retune (online rebuild, measured by Preflight)"
t0=$(date +%s%N)
set +e
"$ROOT/preflight" retune --project "$WORK/project" --db-url "$URL" --reports "$WORK/reports" >"$WORK/retune.out" 2>"$WORK/retune.log"
CODE=$?
set -e
RETUNE_WALL_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
JSON="$WORK/reports/latest/readiness.json"
[ -f "$JSON" ] || { cat "$WORK/retune.log" >&2; echo "bench: retune wrote no report (exit $CODE)" >&2; exit 1; }
# psql reads the report (no jq or python needed): the rebuilt index's entry.
read -r DECISION REBUILD_MS LISTS_AFTER PROBES RECALL BEFORE_RECALL < <("${PSQL[@]}" -At -F ' ' -v j="$(cat "$JSON")" <<'SQL'
SELECT t->>'decision', coalesce(t->'after'->>'buildMillis', '-'), coalesce(t->'after'->>'lists', '-'),
       coalesce(t->>'chosenProbes', '-'), coalesce(t->>'recallAtChosen', '-'),
       coalesce((SELECT p->>'recall' FROM jsonb_array_elements(t->'before'->'ladder') p WHERE (p->>'probes')::int = 10), '-')
FROM jsonb_array_elements(:'j'::jsonb->'vectorIndexTuning'->'indexes') t WHERE t->>'name' = 'bench_items_embedding_idx';
SQL
)
echo "   decision $DECISION; recall@10 before at probes=10: $BEFORE_RECALL; after: lists=$LISTS_AFTER, probes=$PROBES, recall $RECALL"
echo "   retune wall time (start-up, measuring, rebuild, re-measuring): $RETUNE_WALL_MS ms"
echo
echo "rows=$ROWS dims=384 lists=$LISTS"
echo "plain CREATE INDEX (psql):            $PLAIN_MS ms"
echo "retune CREATE INDEX CONCURRENTLY:     $REBUILD_MS ms"
[ "$REBUILD_MS" = "-" ] && { echo "bench: retune did not rebuild (decision $DECISION); see $WORK/retune.log" >&2; exit 1; }
echo "ratio retune build / plain build:     $(awk "BEGIN { printf \"%.2f\", $REBUILD_MS / $PLAIN_MS }")"
