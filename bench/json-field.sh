# Sourced by the bench scripts that read figures from a readiness.json without a Maven class path.
#   json_field_init JAR DIR   compiles bench/JsonField.java into DIR against the jar's Jackson libraries
#   json_field FILE PATH...   prints the values at those paths (see bench/JsonField.java); a missing
#                             path or file prints why and returns 3, so a renamed report field stops
#                             the bench instead of being read as another key's number.
# Call it as `v="$(json_field ...)"` (set -e then stops the script), never inside `< <(...)` or as a
# bare command argument, where a failure would go unnoticed.

JSON_FIELD_DIR=""

json_field_init() {
  local jar libs
  jar="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
  JSON_FIELD_DIR="$2"
  mkdir -p "$JSON_FIELD_DIR/lib" || return 1
  # Only the Jackson jars: the packaged jar is large, and `jar` comes with every JDK (unzip may not).
  libs="$(jar tf "$jar" | grep '^BOOT-INF/lib/jackson-.*\.jar$')" \
    || { echo "bench: no Jackson libraries in $jar; build it with ./preflight help" >&2; return 1; }
  # shellcheck disable=SC2086 # one name a word
  (cd "$JSON_FIELD_DIR/lib" && jar xf "$jar" $libs && mv BOOT-INF/lib/*.jar . && rm -rf BOOT-INF) \
    || { echo "bench: could not extract the Jackson libraries of $jar" >&2; return 1; }
  javac -nowarn -cp "$JSON_FIELD_DIR/lib/*" -d "$JSON_FIELD_DIR" "$(dirname "${BASH_SOURCE[0]}")/JsonField.java" \
    || { echo "bench: could not compile bench/JsonField.java" >&2; return 1; }
}

json_field() {
  [ -n "$JSON_FIELD_DIR" ] || { echo "bench: json_field called before json_field_init" >&2; return 2; }
  java -cp "$JSON_FIELD_DIR:$JSON_FIELD_DIR/lib/*" JsonField "$@"
}
