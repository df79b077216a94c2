package dev.preflight.kernel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One command-line option: its name, the placeholder of its value (null for a switch) and its help
 * line. {@link #ALL} is the one list the parser, the per-command check and {@code help} read, so
 * help cannot go stale; a command declares which of them it takes ({@code Command.flags()}).
 */
public record OptionSpec(String name, String value, String help) {

    /** Every option, in the order help prints them. */
    public static final Map<String, OptionSpec> ALL = index(List.of(
            new OptionSpec("project", "DIR", "the project: its migrations (any layout), jobs/, templates/ (default: the current folder)"),
            new OptionSpec("db-url", "URL", "the database (postgresql://user:pass@host:5432/db or jdbc:postgresql://...); default "
                    + "DATABASE_URL; with neither, an embedded throwaway PostgreSQL"),
            new OptionSpec("direct-url", "URL", "a direct connection for DDL and locks, past a pooler (default DIRECT_DATABASE_URL)"),
            new OptionSpec("keep", null, "keep the embedded database running; its URL goes to an owner-only connection.url"),
            new OptionSpec("reports", "DIR", "where reports go (default: <project>/reports)"),
            new OptionSpec("fail-on", "LEVEL", "not-ready (default) or warning: exit 1 on READY_WITH_WARNINGS too"),
            new OptionSpec("run-id", "ID", "the run's name and report folder (default: time stamp and command)"),
            new OptionSpec("shadow-url", "URL", "verify and lint: replay on this server (default SHADOW_DATABASE_URL; with neither, an "
                    + "isolated cluster)"),
            new OptionSpec("shadow-same-cluster", null, "verify: allow the target's own cluster (cluster-global statements are skipped)"),
            new OptionSpec("debug", null, "stack traces on the terminal (also PREFLIGHT_DEBUG=true)"),
            new OptionSpec("help", null, "this help (also -h); help COMMAND for one command"),
            new OptionSpec("dry-run", null, "seed, backfill, retune: measure and count, write nothing"),
            new OptionSpec("duration", "SECONDS", "schedule and worker: stop after this many seconds (default: run until SIGTERM)"),
            new OptionSpec("target", "NAME", "backfill: only this embedding target"),
            new OptionSpec("provider", "NAME", "backfill: openai, local or deterministic"),
            new OptionSpec("limit", "N", "backfill: at most N rows"),
            new OptionSpec("reembed", null, "backfill: embed every row again, not only NULL and stale ones"),
            new OptionSpec("threads", "N", "backfill: embedding threads"),
            new OptionSpec("distributed", null, "backfill: send partitions to worker processes over the broker"),
            new OptionSpec("broker-url", "URL", "backfill --distributed and worker: the AMQP broker (default amqp://guest:guest@127.0.0.1:5672)"),
            new OptionSpec("partitions", "N", "backfill --distributed: id-range partitions"),
            new OptionSpec("worker-timeout", "S", "backfill --distributed: a partition whose worker is silent this long is sent again"),
            new OptionSpec("broker-timeout", "S", "backfill --distributed: give up when the broker is unreachable this long"),
            new OptionSpec("worker-id", "ID", "worker: this worker's name in progress and reports"),
            new OptionSpec("target-recall", "R", "retune: the recall to reach (default 0.95)"),
            new OptionSpec("index", "NAME", "retune: only this index"),
            new OptionSpec("compare-hnsw", null, "retune: also build and measure an HNSW index beside each IVFFlat one"),
            new OptionSpec("apply-settings", null, "retune: set the chosen ivfflat.probes / hnsw.ef_search on the database"),
            new OptionSpec("apply-probes", null, "retune: the former name of --apply-settings"),
            new OptionSpec("since", "VERSION", "lint: the migrations after this one"),
            new OptionSpec("all", null, "lint: every migration, applied or not"),
            new OptionSpec("static-only", null, "lint: the static rules only, no shadow database"),
            new OptionSpec("to", "VERSION", "baseline: record the migrations up to this native id")));

    /** Options every command takes: where the project and the database are, and how the run is reported. */
    public static final Set<String> COMMON = Set.of("project", "db-url", "direct-url", "keep", "reports", "fail-on", "run-id",
            "shadow-url", "shadow-same-cluster", "debug", "help");

    /** Whether the option takes a value. */
    public boolean valued() {
        return value != null;
    }

    /** {@code --name VALUE} or {@code --name}, as help and errors print it. */
    public String usage() {
        return "--" + name + (value == null ? "" : " " + value);
    }

    /** The options {@code command} takes, common ones included; an unknown or inapplicable one is a usage error naming them. */
    public static void check(Options options, String command, Set<String> allowed) {
        for (String name : options.flags().keySet()) {
            if (!COMMON.contains(name) && !allowed.contains(name)) {
                String own = allowed.isEmpty() ? "only the common options" : allowed.stream().sorted().map(n -> ALL.get(n).usage())
                        .collect(Collectors.joining(", "));
                throw PreflightException.config("option --" + name + " does not apply to " + command + " (" + command
                        + " takes " + own + ")", "see ./preflight help " + command);
            }
        }
    }

    private static Map<String, OptionSpec> index(List<OptionSpec> specs) {
        Map<String, OptionSpec> out = new LinkedHashMap<>();
        specs.forEach(s -> out.put(s.name(), s));
        return java.util.Collections.unmodifiableMap(out);
    }
}
