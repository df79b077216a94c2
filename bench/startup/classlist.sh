#!/usr/bin/env bash
# Makes src/main/resources/preflight/cds/classlist: what real runs of Preflight's commands load, in the
# JDK's class-list format (-XX:DumpLoadedClassList), for the launcher's class-data-sharing archive
# (java -Xshare:dump -XX:SharedClassListFile). Besides the classes, the list names the lambdas whose
# classes the JVM would otherwise spin at each start (@lambda-proxy) and the method-handle forms they
# use (@lambda-form-invoker): the archive holds both.
#
# Runs every command once on the example against a throwaway embedded PostgreSQL, from an extracted
# layout (the class path the archive is made for; the fat jar's own class loader is not recorded) without
# any archive, and merges the lists in run order. Re-run it after changes that add classes
# or lambdas to a command; a stale list costs start-up time, never correctness (a class or lambda the list
# misses is made at run time, one it names that the jar no longer has is skipped with a warning).
# StartupArchiveTests fails when too few of the Preflight classes it names still exist.
#
# Usage: bench/startup/classlist.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/src/main/resources/preflight/cds/classlist"
. "$ROOT/bench/example.sh"
example_work "$ROOT"
LISTS="$WORK/class-lists"
mkdir -p "$LISTS"

"$PREFLIGHT" help >/dev/null # builds the jar once, outside the recorded runs
# The extracted layout, run by a launcher of its own: the recording needs no archive (there may be none yet)
java -Djarmode=tools -jar "$ROOT/target/preflight.jar" extract --destination "$WORK/app" >/dev/null
cat >"$WORK/recording-launcher" <<LAUNCHER
#!/usr/bin/env bash
exec java -Xshare:off -XX:DumpLoadedClassList="\$CLASS_LIST_OUT" -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -jar "$WORK/app/preflight.jar" "\$@"
LAUNCHER
chmod +x "$WORK/recording-launcher"
PREFLIGHT="$WORK/recording-launcher"
# $1 = list name, $2... = command line
recorded() {
  local name="$1"; shift
  CLASS_LIST_OUT="$LISTS/$name.lst" "$PREFLIGHT" "$@"
}

recorded help help >/dev/null
example_database "" "CLASS_LIST_OUT=$LISTS/migrate.lst"

for entry in "migrate-again|migrate" "seed|seed" "backfill|backfill --provider deterministic" "retune|retune --dry-run" \
    "verify|verify" "lint|lint" "report|report" "status|status" "history|history"; do
  name="${entry%%|*}"
  read -r -a args <<<"${entry#*|}"
  recorded "$name" "${args[@]}" --project "$WORK" --db-url "$DB_URL" >/dev/null 2>&1 || true
done

# In run order, each line once; without comments, dynamic proxies and JFR event handlers (generated: nothing to load by name).
# A lambda line follows the classes it names in the list it came from, and so in the merged list.
mkdir -p "$(dirname "$OUT")"
for name in help migrate migrate-again seed backfill retune verify lint report status history; do
  [ -s "$LISTS/$name.lst" ] || { echo "classlist: the $name run recorded nothing" >&2; exit 1; }
  cat "$LISTS/$name.lst"
done | grep -v -e '^#' -e '\$Proxy[0-9]' -e '^jdk/jfr/internal/handlers/' -e '\$\$SpringCGLIB\$\$' -e '^[[:space:]]*$' | awk '!seen[$0]++' >"$OUT"
echo "classlist: $(grep -vc '^@' "$OUT") classes, $(grep -c '^@lambda-proxy' "$OUT") lambdas," \
  "$(grep -c '^@lambda-form-invoker' "$OUT") method-handle forms -> ${OUT#"$ROOT"/}"
