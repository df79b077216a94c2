#!/usr/bin/env bash
# Distributed backfill benchmark: the same rows re-embedded by 1 and then 2 worker processes
# (./preflight worker) under one manager (backfill --distributed), printed as a ratio.
#   1. provider-bound: the mock OpenAI server answers each request after DELAY_MS (default 200 ms), so
#      the provider, not the CPU, limits a worker (goal: 2 workers >= 1.8x one worker);
#   2. the deterministic provider (hash-seeded vectors, no network): CPU-bound on this machine.
# Needs RabbitMQ on 127.0.0.1:5672 (BROKER_URL overrides). Uses BENCH_DB_URL when set, else an embedded
# PostgreSQL. ROWS (default 20000), CHUNK (100), PARTITIONS (8), DELAY_MS (200).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ROWS="${ROWS:-20000}"; CHUNK="${CHUNK:-100}"; PARTITIONS="${PARTITIONS:-8}"; DELAY_MS="${DELAY_MS:-200}"
BROKER="${BROKER_URL:-amqp://guest:guest@127.0.0.1:5672}"
cd "$ROOT"

echo "== building (jar, test classes for the mock server, class path)" >&2
./preflight help >/dev/null
mvn -B -q test-compile >/dev/null
CP="$ROOT/target/classes:$ROOT/target/test-classes:$(mvn -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
JAR="$ROOT/target/preflight.jar"

WORK="$(mktemp -d)"
mkdir -p "$WORK/migrations" "$WORK/jobs"
cat >"$WORK/migrations/V1__items.sql" <<'SQL'
CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE items (id bigint PRIMARY KEY, body text, embedding vector(384));
SQL
PGDATA_DIR=""; MOCK_PID=""; WORKERS=()
cleanup() {
  for p in "${WORKERS[@]}" $MOCK_PID; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "$PGDATA_DIR" ] && [ -f "$PGDATA_DIR/postmaster.pid" ]; then
    kill -INT "$(head -1 "$PGDATA_DIR/postmaster.pid")" 2>/dev/null || true
    sleep 2
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

java -cp "$CP" "$HERE/MockServer.java" 384 "$DELAY_MS" >"$WORK/mock.url" &
MOCK_PID=$!
for _ in $(seq 300); do [ -s "$WORK/mock.url" ] && break; sleep 0.1; done
cat >"$WORK/jobs/preflight.yaml" <<YAML
embeddings:
  provider: openai
  chunkSize: $CHUNK
  openai: {baseUrl: $(cat "$WORK/mock.url"), model: mock-embed, apiKeyEnv: BENCH_KEY, maxInputsPerRequest: $CHUNK}
  targets:
    items: {table: items, text: body, vector: embedding}
YAML

if [ -n "${BENCH_DB_URL:-}" ]; then
  URL="$BENCH_DB_URL"
  java -jar "$JAR" migrate --project "$WORK" --db-url "$URL" >/dev/null
else
  OUT="$(java -jar "$JAR" migrate --project "$WORK" --keep 2>&1)"
  URL="$(cat "$(echo "$OUT" | sed -n 's/^Its URL, password included: //p')")"
  PGDATA_DIR="$(echo "$OUT" | sed -n 's/^Stop it with: .* -D \(.*\) stop$/\1/p')"
fi
PSQL="$(ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | tail -1)"; PSQL="${PSQL:-psql}"
"$PSQL" -q "$URL" -c "INSERT INTO items (id, body) SELECT g, 'row-' || g || ': the quick brown fox number ' || g || ' jumps over the lazy dog' FROM generate_series(1, $ROWS) g"

export BENCH_KEY=k
start_worker() {
  java -jar "$JAR" worker --project "$WORK" --db-url "$URL" --broker-url "$BROKER" --worker-id "$1" >"$WORK/$1.log" 2>&1 &
  WORKERS+=($!)
  for _ in $(seq 600); do grep -q "waiting for partitions" "$WORK/$1.log" && return; sleep 0.2; done
  echo "worker $1 did not start: $(tail -3 "$WORK/$1.log")" >&2; exit 1
}
json() { sed -n "s/.*\"$1\" : \\([0-9.]*\\).*/\\1/p" "$WORK/reports/latest/readiness.json" | head -1; }
# every row re-embedded, each run a new job instance; rowsPerSecond is the manager's job time (no JVM starts)
run() {
  java -jar "$JAR" backfill --project "$WORK" --db-url "$URL" --distributed --broker-url "$BROKER" --partitions "$PARTITIONS" \
    --reembed "$@" >"$WORK/manager.log" 2>&1 || { tail -20 "$WORK/manager.log" >&2; exit 1; }
  json rowsPerSecond
}

echo "== 1 worker, mock OpenAI (${DELAY_MS} ms per request of $CHUNK)" >&2
start_worker w1
M1="$(run)"
echo "== 1 worker, deterministic provider" >&2
D1="$(run --provider deterministic)"
echo "== 2 workers, mock OpenAI" >&2
start_worker w2
M2="$(run)"
echo "== 2 workers, deterministic provider" >&2
D2="$(run --provider deterministic)"

echo
echo "Distributed backfill of $ROWS rows, vector(384), $PARTITIONS partitions, chunks of $CHUNK, $(nproc) cores"
printf '%-52s %10s rows/s\n' "mock OpenAI (${DELAY_MS} ms/request), 1 worker" "$M1" "mock OpenAI (${DELAY_MS} ms/request), 2 workers" "$M2" \
  "deterministic provider, 1 worker" "$D1" "deterministic provider, 2 workers" "$D2"
awk -v a="$M1" -v b="$M2" -v c="$D1" -v d="$D2" -v cores="$(nproc)" 'BEGIN {
  printf "ratio 2 workers / 1 worker, provider-bound:  %.2fx   (goal >= 1.80x)\n", b / a
  printf "ratio 2 workers / 1 worker, deterministic:   %.2fx\n", d / c
  printf "note: the deterministic run is CPU-bound. On %d cores the manager, both workers, PostgreSQL and RabbitMQ share\n", cores
  printf "the same cores, so a second worker process adds little there; on separate machines each worker brings its own CPU.\n" }'
