#!/usr/bin/env bash
# Makes src/main/resources/preflight/cds/classes.txt: the classes that real runs of Preflight's commands
# load, for the launcher's class-data-sharing training (StartupTraining.preload). The training itself has
# no database, so without this list the archive lacks the job infrastructure, Flyway, JDBC and each job's
# own classes, and every job command loads and verifies them from the jars at each start.
#
# Runs every command once on the example against a throwaway embedded PostgreSQL, with the JVM's class
# loading log, and keeps the names of classes a class loader can find by name (no lambdas, proxies or
# generated classes). Re-run it after changes that add many classes to a command; a stale list costs
# start-up time, never correctness (a missing class loads from the jar, a removed one is skipped).
#
# Usage: bench/startup/classlist.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/src/main/resources/preflight/cds/classes.txt"
. "$ROOT/bench/example.sh"
example_work "$ROOT"
LOGS="$WORK/class-logs"
mkdir -p "$LOGS"

"$PREFLIGHT" help >/dev/null # builds the jar once, outside the logged runs
# $1 = log name, $2... = command line; the plain jar: the names matter, not where the classes come from
logged() {
  local name="$1"; shift
  PREFLIGHT_FAST_START=0 PREFLIGHT_JAVA_OPTS="-Xlog:class+load=info:file=$LOGS/$name.txt" "$PREFLIGHT" "$@"
}

example_database "" PREFLIGHT_FAST_START=0 "PREFLIGHT_JAVA_OPTS=-Xlog:class+load=info:file=$LOGS/migrate.txt"

for entry in "migrate-again|migrate" "seed|seed" "backfill|backfill --provider deterministic" "retune|retune --dry-run" \
    "verify|verify" "lint|lint" "report|report" "status|status" "history|history"; do
  name="${entry%%|*}"
  read -r -a args <<<"${entry#*|}"
  logged "$name" "${args[@]}" --project "$WORK" --db-url "$DB_URL" >/dev/null 2>&1 || true
done
logged help help >/dev/null

# "[0.123s][info][class,load] some.Name source: ..." -> some.Name, without classes that have no name to load by
mkdir -p "$(dirname "$OUT")"
cat "$LOGS"/*.txt | sed -n 's/^.*\[class,load\] \([^ ]*\) source: \(.*\)$/\1 \2/p' \
  | grep -v -e '__JVM_LookupDefineClass__' -e '__dynamic_proxy__' -e '__Lookup_defineClass__' \
  | awk '{print $1}' | grep -v -e '/0x' -e '\$\$Lambda' -e '^jdk\.proxy' -e '\$\$SpringCGLIB\$\$' -e '^\$Proxy' \
  | LC_ALL=C sort -u >"$OUT"
echo "classlist: $(wc -l <"$OUT") classes -> ${OUT#"$ROOT"/}"
