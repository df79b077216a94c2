#!/usr/bin/env bash
# Distributed backfill benchmark: the same rows re-embedded by 1 and by 2 worker processes
# (./preflight worker) under one manager (backfill --distributed), printed as ratios. Each measured
# manager run re-embeds every target, one job each, one after the other:
#   items (ROWS rows) through a mock OpenAI server (MockServer.java) that answers each request after
#         DELAY_MS with a body prepared once, so the provider's latency, not this machine's CPU, limits a
#         worker (goal: 2 workers >= 1.8x one worker);
#   bulk  (DET_ROWS rows) on the deterministic provider (hash-seeded vectors, no network): CPU-bound.
# Time measured: each job's backfillStep, from the job's start to its end (split into id ranges, send,
# the workers' run, the manager's last poll), read from the report's steps; JVM and Spring start-up
# are outside it. Each new worker first takes part in one unmeasured run of the same size (JIT, HTTP
# client, connections), and the first of those fills the NULL vectors, so every measured run overwrites
# every row alike: the figures are a long backfill's steady state.
# Order: 1 worker, 2 workers, 1 worker again (w2 stopped with SIGTERM); the 1-worker figure is the mean
# of the runs before and after, so a load that drifts during the bench favours neither side.
# Needs RabbitMQ on 127.0.0.1:5672 (BROKER_URL overrides). Uses BENCH_DB_URL when set, else a throwaway
# PostgreSQL cluster (trust authentication, durability off as Preflight's embedded one).
# ROWS (default 10000), DET_ROWS (30000), CHUNK (100), PARTITIONS (16), DELAY_MS (500); KEEP_LOGS=DIR keeps
# the manager and worker logs.
set -euo pipefail
shopt -s inherit_errexit # a failed $(measure ...) or $(json ...) stops the bench

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ROWS="${ROWS:-10000}"; DET_ROWS="${DET_ROWS:-30000}"; CHUNK="${CHUNK:-100}"; PARTITIONS="${PARTITIONS:-16}"
DELAY_MS="${DELAY_MS:-500}"
BROKER="${BROKER_URL:-amqp://guest:guest@127.0.0.1:5672}"
PGBIN="${PGBIN:-/usr/lib/postgresql/15/bin}"
cd "$ROOT"

echo "== building (jar, class path for the mock server and JsonField)" >&2
./preflight help >/dev/null
CP="$(mvn -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
PREFLIGHT="$ROOT/preflight" # the launcher: its class-data-sharing archive shortens each JVM start (not measured anyway)

WORK="$(mktemp -d)"
chmod 755 "$WORK"
mkdir -p "$WORK/migrations" "$WORK/jobs"
cat >"$WORK/migrations/V1__tables.sql" <<'SQL'
CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE items (id bigint PRIMARY KEY, body text, embedding vector(384));
CREATE TABLE bulk (id bigint PRIMARY KEY, body text, embedding vector(384));
SQL
AS_PG=()
[ "$(id -u)" = 0 ] && AS_PG=(runuser -u postgres --)
CLUSTER=""; MOCK_PID=""; WORKERS=()
cleanup() {
  for p in "${WORKERS[@]}" $MOCK_PID; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -n "$CLUSTER" ] && "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$CLUSTER" -m fast -w stop >/dev/null 2>&1 || true
  [ -n "${KEEP_LOGS:-}" ] && mkdir -p "$KEEP_LOGS" && cp "$WORK"/*.log "$KEEP_LOGS"/ 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

java -cp "$CP" "$HERE/MockServer.java" 384 "$DELAY_MS" >"$WORK/mock.url" &
MOCK_PID=$!
for _ in $(seq 600); do [ -s "$WORK/mock.url" ] && break; sleep 0.1; done
[ -s "$WORK/mock.url" ] || { echo "the mock OpenAI server did not start" >&2; exit 1; }
cat >"$WORK/jobs/preflight.yaml" <<YAML
embeddings:
  provider: openai
  chunkSize: $CHUNK
  openai: {baseUrl: $(cat "$WORK/mock.url"), model: mock-embed, apiKeyEnv: BENCH_KEY, maxInputsPerRequest: $CHUNK}
  targets:
    items: {table: items, text: body, vector: embedding}
    bulk: {table: bulk, text: body, vector: embedding, provider: deterministic}
YAML

if [ -n "${BENCH_DB_URL:-}" ]; then
  URL="$BENCH_DB_URL"
else
  # Not migrate --keep: it prints the embedded cluster's URL with the password masked.
  CLUSTER="$WORK/pg"
  [ "$(id -u)" = 0 ] && chown postgres "$WORK"
  "${AS_PG[@]}" "$PGBIN/initdb" -D "$CLUSTER" -U bench --auth=trust -E UTF8 --no-locale >/dev/null
  PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$CLUSTER" -l "$WORK/pg.log" -w -o "-p $PORT -k $WORK -c listen_addresses=127.0.0.1 \
      -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" start >/dev/null
  URL="postgresql://bench:trust-ignores-it@127.0.0.1:$PORT/postgres" # a password that appears nowhere else: output masks it
fi
"$PREFLIGHT" migrate --project "$WORK" --db-url "$URL" >"$WORK/migrate.log" 2>&1 || { tail -20 "$WORK/migrate.log" >&2; exit 1; }
for t in "items $ROWS" "bulk $DET_ROWS"; do
  set -- $t
  "$PGBIN/psql" -q "$URL" -c "INSERT INTO $1 (id, body) SELECT g, 'row-' || g || ': the quick brown fox number ' || g \
      || ' jumps over the lazy dog' FROM generate_series(1, $2) g"
done

export BENCH_KEY=k
start_worker() {
  "$PREFLIGHT" worker --project "$WORK" --db-url "$URL" --broker-url "$BROKER" --worker-id "$1" >"$WORK/$1.log" 2>&1 &
  WORKERS+=($!)
  for _ in $(seq 1500); do grep -q "waiting for partitions" "$WORK/$1.log" && return; sleep 0.2; done
  echo "worker $1 did not start: $(tail -3 "$WORK/$1.log")" >&2; exit 1
}
stop_worker() { kill -TERM "${WORKERS[$1]}"; wait "${WORKERS[$1]}" 2>/dev/null || true; }
# Values at paths of the last run's report; a missing path stops the bench (JsonField exits 3). Compiled once: the
# source launcher would compile it again at every call.
mkdir -p "$WORK/classes"
javac -cp "$CP" -d "$WORK/classes" "$ROOT/bench/JsonField.java"
json() { java -cp "$WORK/classes:$CP" JsonField "$WORK/reports/latest/readiness.json" "$@"; }
manager() { # LOG [OPTIONS...]: one manager run re-embedding every row of the targets
  local log="$WORK/manager-$1.log"; shift
  "$PREFLIGHT" backfill --project "$WORK" --db-url "$URL" --distributed --broker-url "$BROKER" --partitions "$PARTITIONS" \
    --reembed "$@" >"$log" 2>&1 || { tail -20 "$log" >&2; exit 1; }
}
# paths I S N: the report paths figures reads for target I, whose job's backfillStep is steps[S], run by N workers.
paths() {
  local t="embeddings.targets[$1]" w
  echo "$t.name $t.status $t.embedded $t.refreshed $t.nullsRemaining steps[$2].step steps[$2].status steps[$2].durationMs"
  for ((w = 0; w < $3; w++)); do echo "$t.workers[$w].rows"; done
}
# figures NAME ROWS N VALUES...: checks the values read at paths (target NAME done, ROWS rows, none left, its job's step
# COMPLETED, N workers committed all the rows); prints "rows/s seconds rows-per-worker".
figures() {
  local name="$1" rows="$2" n="$3"; shift 3
  local got="$1 $2 $(($3 + $4)) $5 $6 $7" ms="$8" per
  if [ "$got" != "$name COMPLETED $rows 0 backfillStep COMPLETED" ]; then
    echo "report: expected '$name COMPLETED $rows 0 backfillStep COMPLETED' (target, status, rows done, NULL left, its" \
      "job's step and status), got '$got'" >&2
    exit 1
  fi
  shift 8
  per="$(IFS=/; echo "${*:1:$n}")"
  if [ $(($(IFS=+; echo "${*:1:$n}"))) != "$rows" ]; then
    echo "report: the $n worker(s) of $name committed $per rows, not $rows" >&2
    exit 1
  fi
  awk -v r="$rows" -v ms="$ms" -v per="$per" 'BEGIN { printf "%.0f %.1f %s\n", r * 1000 / ms, ms / 1000, per }'
}
# measure N LABEL: one manager run with N workers over both targets in order (items, bulk: one job each, each job's
# steps listed as its backfillStep then its partitions); prints "mock-figures|deterministic-figures".
measure() {
  local n="$1" values m d
  echo "== $2" >&2
  manager "$n-workers-$(date +%s)"
  # shellcheck disable=SC2046 # one path per word
  values=($(json $(paths 0 0 "$n") $(paths 1 $((PARTITIONS + 1)) "$n")))
  m="$(figures items "$ROWS" "$n" "${values[@]:0:$((8 + n))}")"
  d="$(figures bulk "$DET_ROWS" "$n" "${values[@]:$((8 + n))}")"
  echo "$m|$d"
}
warm_up() { # N: the same run, not measured; fails unless the N workers did it all
  measure "$1" "warm-up, $1 worker(s) (not measured)" >/dev/null
}

LOAD0="$(uptime | sed 's/.*load average: //')"
start_worker w1
warm_up 1
A="$(measure 1 "1 worker")"
start_worker w2
warm_up 2
B="$(measure 2 "2 workers")"
stop_worker 1
C="$(measure 1 "1 worker again (w2 stopped)")"
LOAD1="$(uptime | sed 's/.*load average: //')"

IFS='|' read -r M1A D1A <<<"$A"; IFS='|' read -r M2 D2 <<<"$B"; IFS='|' read -r M1B D1B <<<"$C"
echo
echo "Distributed backfill, vector(384), $PARTITIONS partitions, chunks of $CHUNK, $(nproc) cores. Time: each job's start to"
echo "its end (report steps[].durationMs of backfillStep), JVM starts excluded, workers warm."
echo "Load average (1, 5, 15 min): $LOAD0 at the start, $LOAD1 at the end (a shared machine)."
row() { read -r r s p <<<"$2"; printf '%-52s %7s rows/s %7s s   rows per worker %s\n' "$1" "$r" "$s" "$p"; }
row "mock OpenAI ($DELAY_MS ms/request), $ROWS rows, 1 worker" "$M1A"
row "mock OpenAI ($DELAY_MS ms/request), $ROWS rows, 2 workers" "$M2"
row "mock OpenAI ($DELAY_MS ms/request), $ROWS rows, 1 worker again" "$M1B"
row "deterministic, $DET_ROWS rows, 1 worker" "$D1A"
row "deterministic, $DET_ROWS rows, 2 workers" "$D2"
row "deterministic, $DET_ROWS rows, 1 worker again" "$D1B"
awk -v a="${M1A%% *}" -v a2="${M1B%% *}" -v b="${M2%% *}" -v c="${D1A%% *}" -v c2="${D1B%% *}" -v d="${D2%% *}" \
    -v cores="$(nproc)" 'BEGIN {
  printf "ratio 2 workers / 1 worker (mean of before and after), provider-bound: %.2fx   (goal >= 1.80x)\n", b / ((a + a2) / 2)
  printf "ratio 2 workers / 1 worker (mean of before and after), deterministic:  %.2fx\n", d / ((c + c2) / 2)
  printf "note: the deterministic run is CPU-bound. On %d cores the manager, both workers, PostgreSQL, RabbitMQ (and any\n", cores
  printf "other work on this machine) share the same cores, so a second worker process can only use CPU the first left idle; on\n"
  printf "separate machines each worker brings its own cores and the database write rate becomes the ceiling.\n" }'
