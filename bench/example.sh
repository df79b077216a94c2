# Sourced by benches: a throwaway copy of the example project, and a database migrated with it.
#
#   example_work ROOT            WORK (the copy, removed at exit), PREFLIGHT (ROOT's launcher)
#   example_database [URL] [OPTIONS...]
#                                DB_URL: URL migrated, or (no URL) an embedded PostgreSQL started by
#                                `migrate --keep` on the copy and stopped at exit; OPTIONS go to the
#                                launcher's environment (for example PREFLIGHT_JAVA_OPTS=...)

example_work() {
  WORK="$(mktemp -d)"
  chmod 755 "$WORK"
  STOP_CMD=""
  trap 'if [ -n "$STOP_CMD" ]; then $STOP_CMD >/dev/null 2>&1 || true; fi; rm -rf "$WORK"' EXIT
  cp -r "$1/migrations" "$1/jobs" "$WORK/"
  if [ -d "$1/templates" ]; then cp -r "$1/templates" "$WORK/"; fi
  PREFLIGHT="$1/preflight"
}

example_database() {
  DB_URL="${1:-}"
  shift || true
  if [ -z "$DB_URL" ]; then
    echo "bench: starting an embedded PostgreSQL and migrating the example..."
    local out
    out="$(env "$@" "$PREFLIGHT" migrate --project "$WORK" --keep 2>&1)" || { echo "$out" | tail -20; exit 1; }
    DB_URL="$(cat "$(echo "$out" | sed -n 's/^Its URL, password included: //p')")"
    STOP_CMD="$(echo "$out" | sed -n 's/^Stop it with: //p')"
    if [ "$(id -u)" = 0 ] && [ -n "$STOP_CMD" ]; then STOP_CMD="runuser -u postgres -- $STOP_CMD"; fi
  else
    env "$@" "$PREFLIGHT" migrate --project "$WORK" --db-url "$DB_URL" >/dev/null 2>&1 || true
  fi
  [ -n "$DB_URL" ] || { echo "bench: could not get a database URL" >&2; exit 1; }
}
