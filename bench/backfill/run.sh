#!/usr/bin/env bash
# Backfill benchmark, one run: 100,000 rows of vector(384), no vector index.
#   1. Preflight's backfill (deterministic provider) against (a) one UPDATE per row and (b) one binary
#      COPY into a temp table plus one join UPDATE, both done outside Preflight (Baseline.java);
#   2. the same Preflight-vs-(b) comparison on a durable server (fsync, synchronous_commit and
#      full_page_writes on, as production): a second throwaway cluster with PostgreSQL's defaults
#      (the first one turns durability off, as Preflight's embedded cluster does); target >= 0.9x on both;
#   3. Preflight's backfill through a mock OpenAI server enforcing requests/min and tokens/min:
#      achieved rate against the allowed rate, failed rows.
# (b) and Preflight alternate RUNS times (default 5) on each server; the figures are medians (the ratio is the median
# of each run's ratio), with the 1-minute load average at each run: on a shared machine the load moves them more than the code.
# Uses BENCH_DB_URL (postgresql://user:pass@host:port/db) when set, else starts a throwaway cluster with durability off.
# ROWS=... changes the row count; QUICK=1 skips (a) and the mock server. Run from anywhere: bench/backfill/run.sh
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
ROWS="${ROWS:-100000}"
RUNS="${RUNS:-5}"
cd "$ROOT"

echo "== building (jar, test classes for the mock server, class path)" >&2
./preflight help >/dev/null
mvn -B -q test-compile >/dev/null
CP="$ROOT/target/classes:$ROOT/target/test-classes:$(mvn -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
JAR="$ROOT/target/preflight.jar"

WORK="$(mktemp -d)"
CLASSES="$(mktemp -d)"
cp -r "$HERE/project/." "$WORK/"
MOCK_PID=""
CLUSTERS=()
AS_PG=()
[ "$(id -u)" = 0 ] && AS_PG=(runuser -u postgres --)
PGBIN="${PGBIN:-/usr/lib/postgresql/15/bin}"
cleanup() {
  [ -n "$MOCK_PID" ] && kill "$MOCK_PID" 2>/dev/null || true
  for dir in "${CLUSTERS[@]}"; do
    "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
  done
  rm -rf "$WORK" "$CLASSES"
}
trap cleanup EXIT

# A throwaway cluster with the given server options (none: PostgreSQL's defaults); sets URL, SETTINGS.
# The bench starts its own rather than `migrate --keep`, which prints the password masked.
start_cluster() {
  local dir port
  dir="$(mktemp -d)"
  CLUSTERS+=("$dir")
  chmod 755 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  "${AS_PG[@]}" "$PGBIN/initdb" -D "$dir/data" -U bench --auth=trust -E UTF8 --no-locale >/dev/null
  port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $1" start >/dev/null
  SETTINGS="$("${AS_PG[@]}" "$PGBIN/psql" -h 127.0.0.1 -p "$port" -U bench -d postgres -Atc \
      "SELECT string_agg(name || '=' || setting, ' ') FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes')")"
  URL="postgresql://bench:bench@127.0.0.1:$port/postgres"
}

if [ -n "${BENCH_DB_URL:-}" ]; then
  URL="$BENCH_DB_URL"
  SETTINGS="given by BENCH_DB_URL"
else
  # the same durability settings as Preflight's embedded cluster (EmbeddedPostgres)
  start_cluster "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
fi
EMB_SETTINGS="$SETTINGS"
java -jar "$JAR" migrate --project "$WORK" --db-url "$URL" >/dev/null
parse_url() { # sets DBUSER DBPASS JDBC from a postgresql:// URL
  [[ "$1" =~ ^postgres(ql)?://([^:]+):([^@]+)@([^/]+)/([^?]+) ]] || { echo "cannot parse the database URL" >&2; exit 2; }
  DBUSER="${BASH_REMATCH[2]}"; DBPASS="${BASH_REMATCH[3]}"; JDBC="jdbc:postgresql://${BASH_REMATCH[4]}/${BASH_REMATCH[5]}"
}
parse_url "$URL"

# compiled once: the source launcher compiled them at every call, seconds of CPU each on a loaded machine
javac -d "$CLASSES" -cp "$CP" "$HERE/Baseline.java" "$ROOT/bench/JsonField.java"
baseline() { java -cp "$CLASSES:$CP" Baseline "$1" "$JDBC" "$DBUSER" "$DBPASS" "$ROWS"; }
# One target's figures from the report's embeddings section; a missing path stops the bench (exit 3).
json() { java -cp "$CLASSES:$CP" JsonField "$WORK/reports/latest/readiness.json" "${@/#/embeddings.targets[0].}"; }
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
load1() { cut -d' ' -f1 /proc/loadavg; }

# RUNS x ((b), then Preflight's backfill) on the database of $URL / $JDBC; $1 names the server in the per-run lines.
# Sets B, P, R (medians of (b), Preflight's job rate and their ratio), PW (median wall-clock rate), LOADS, PE, PN (last run).
copy_vs_preflight() {
  local bs=() ps=() rs=() ws=() i N S T0 T1 b p name vals
  LOADS=""
  for i in $(seq "$RUNS"); do
    baseline reset; read -r N S < <(baseline copy); b="$(rate "$N" "$S")"
    baseline reset
    T0=$(date +%s.%N)
    "$ROOT/preflight" backfill --project "$WORK" --db-url "$URL" --provider deterministic >"$WORK/p.log" 2>&1 || true
    T1=$(date +%s.%N)
    vals="$(json name rowsPerSecond embedded nullsRemaining)"   # an assignment, so a missing path stops the bench
    read -r name p PE PN <<<"$vals"
    [ "$name" = items ] || { echo "the report's first embeddings target is not 'items'" >&2; exit 3; }
    [ "$PE" = "$ROWS" ] && [ "$PN" = 0 ] || { echo "Preflight's backfill embedded $PE of $ROWS rows, $PN NULL left (log: $WORK/p.log)" >&2; exit 3; }
    bs+=("$b"); ps+=("$p"); rs+=("$(awk -v p="$p" -v b="$b" 'BEGIN { printf "%.3f", p / b }')")
    ws+=("$(awk -v n="$PE" -v a="$T0" -v z="$T1" 'BEGIN { printf "%.0f", n / (z - a) }')")
    LOADS="$LOADS $(load1)"
    printf '  %s run %d: (b) %s rows/s, Preflight %s rows/s, ratio %s, load %s\n' "$1" "$i" "$b" "$p" "${rs[-1]}" "$(load1)" >&2
  done
  B="$(printf '%s\n' "${bs[@]}" | median)"; P="$(printf '%s\n' "${ps[@]}" | median)"
  R="$(printf '%s\n' "${rs[@]}" | median)"; PW="$(printf '%s\n' "${ws[@]}" | median)"
  LOADS="${LOADS# }"
}

A="skipped"
if [ "${QUICK:-0}" != 1 ]; then
  echo "== (a) one UPDATE per row" >&2
  baseline reset; read -r N S < <(baseline per-row); A="$(rate "$N" "$S")"
fi
echo "== durability off: (b) binary COPY into a temp table + one join UPDATE, then Preflight's backfill, $RUNS times" >&2
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
copy_vs_preflight "durability off"
EMB_B="$B"; EMB_P="$P"; EMB_R="$R"; EMB_LOADS="$LOADS"; EMB_PW="$PW"

EMB_URL="$URL"
echo "== durable server: a throwaway cluster with PostgreSQL's default durability (fsync, synchronous_commit on), $RUNS times" >&2
start_cluster ""
DURABLE_SETTINGS="$SETTINGS"
parse_url "$URL"
java -jar "$JAR" migrate --project "$WORK" --db-url "$URL" >/dev/null
copy_vs_preflight "durable"
DUR_B="$B"; DUR_P="$P"; DUR_R="$R"; DUR_LOADS="$LOADS"
URL="$EMB_URL"; parse_url "$URL"
B="$EMB_B"; P="$EMB_P"; PW="$EMB_PW"

# The two ratios, each with its medians and the load at each of its runs.
ratios() {
  echo "load average before: $LOAD_BEFORE; $(nproc) cores; median of $RUNS runs, (b) and Preflight alternating"
  printf '%-62s %10s rows/s\n' "durability off ($EMB_SETTINGS): (b) COPY + join" "$EMB_B"
  printf '%-62s %10s rows/s\n' "durability off: Preflight backfill (job time)" "$EMB_P"
  printf '%-62s %10s rows/s\n' "durable ($DURABLE_SETTINGS): (b) COPY + join" "$DUR_B"
  printf '%-62s %10s rows/s\n' "durable: Preflight backfill (job time)" "$DUR_P"
  printf 'ratio Preflight / (b) COPY + join, durability off: %.2fx   (target >= 0.90x; 1-min load at each run: %s)\n' "$EMB_R" "$EMB_LOADS"
  printf 'ratio Preflight / (b) COPY + join, durable server: %.2fx   (target >= 0.90x; 1-min load at each run: %s)\n' "$DUR_R" "$DUR_LOADS"
}

if [ "${QUICK:-0}" = 1 ]; then
  echo
  echo "Backfill of $ROWS rows, vector(384), no vector index (QUICK: (a) and the mock server skipped)"
  ratios
  exit 0
fi

echo "== Preflight backfill through a mock OpenAI server (600 requests/min, 450,000 tokens/min), 2 threads" >&2
baseline reset
STATS="$WORK/mock.stats"
java -cp "$CP" dev.preflight.testing.MockOpenAiServer 384 600 450000 "$STATS" >"$WORK/mock.url" &
MOCK_PID=$!
for _ in $(seq 100); do [ -s "$WORK/mock.url" ] && break; sleep 0.1; done
sed -i "s#baseUrl: .*#baseUrl: $(cat "$WORK/mock.url")#" "$WORK/jobs/preflight.yaml"
BENCH_KEY=k "$ROOT/preflight" backfill --project "$WORK" --db-url "$URL" --provider openai --threads 2 >"$WORK/o.log" 2>&1 || true
sleep 1.5
read -r REQS TOKS R429 FIRST LAST <"$STATS"
vals="$(json embedded failed nullsRemaining rowsPerSecond)"
read -r OE OF ON OR <<<"$vals"

echo
echo "Backfill of $ROWS rows, vector(384), no vector index"
ratios
printf '%-62s %10s rows/s\n' "(a) one UPDATE per row, autocommit (one run, durability off)" "$A"
printf '%-62s %10s rows/s\n' "Preflight backfill, wall clock incl. JVM and Spring start" "$PW"
awk -v p="$P" -v a="$A" -v b="$B" -v w="$PW" 'BEGIN {
  printf "ratio Preflight / (a) per-row UPDATE:   %.2fx\n", p / a
  printf "ratio wall clock / (b) COPY + join:     %.2fx\n", w / b }'
awk -v r="$REQS" -v t="$TOKS" -v f="$FIRST" -v l="$LAST" -v q="$R429" -v e="$OE" -v fl="$OF" -v n="$ON" -v rr="$OR" 'BEGIN {
  m = (l - f) / 1e9 / 60
  printf "mock OpenAI: %d requests, %d tokens in %.1f s; %d x 429; %s embedded, %s failed, %s NULL left; %s rows/s\n", r, t, m * 60, q, e, fl, n, rr
  printf "  requests/min %.0f of 600 allowed (%.1f%%); tokens/min %.0f of 450000 allowed (%.1f%%)\n", r / m, 100 * r / m / 600, t / m, 100 * t / m / 450000
  bind = (r / m / 600 > t / m / 450000) ? r / m / 600 : t / m / 450000
  printf "  achieved rate on the binding limit: %.1f%% of allowed (target >= 90%%), failed rows: %s\n", 100 * bind, fl }'
