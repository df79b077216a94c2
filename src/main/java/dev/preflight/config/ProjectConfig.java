package dev.preflight.config;

import dev.preflight.kernel.PreflightException;
import dev.preflight.report.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The project's settings from {@code jobs/preflight.yaml}: the migrations' layout and folder (detected when not set),
 * Flyway placeholders, schema and history table, migration timeouts,
 * severity overrides per check id, and the settings of the retune and backfill jobs. Every setting has a default,
 * so the file is optional.
 */
public record ProjectConfig(Map<String, String> placeholders, String schema, String historyTable, Map<String, Severity> severities,
                            RetuneConfig retune, EmbeddingsConfig embeddings, MigrationTimeouts timeouts, String layout, String migrationsPath) {

    public static final String FILE = "preflight.yaml";
    private static final Set<String> TOP_LEVEL = Set.of("migrations", "severity", "verify", "retune", "embeddings");
    private static final Set<String> MIGRATION_KEYS = Set.of("placeholders", "schema", "historyTable",
            "lockTimeout", "statementTimeout", "replayTimeout", "layout", "path");

    /** Defaults: the embedding dimension of OpenAI's text-embedding-3-small and ada-002. */
    public static ProjectConfig defaults() {
        return new ProjectConfig(Map.of("embedding_dimension", "1536"), "public", "flyway_schema_history", Map.of(),
                RetuneConfig.defaults(), EmbeddingsConfig.defaults(), MigrationTimeouts.defaults(), null, null);
    }

    /** The settings, severity overrides not checked against the ids findings carry (see {@link #load(ProjectLayout, java.util.function.Supplier)}). */
    public static ProjectConfig load(ProjectLayout project) {
        return load(project, null);
    }

    /**
     * The settings; a {@code severity:} override of an id outside {@code findingIds} (unless null) is an error naming its
     * line. The ids are asked for only when the file overrides a severity: most runs do not load the checks for it.
     */
    public static ProjectConfig load(ProjectLayout project, java.util.function.Supplier<Set<String>> findingIds) {
        Path file = project.jobs().resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return defaults();
        }
        String where = project.relative(file);
        String text = TextFile.read(file, where);
        Object doc = YamlSyntax.load(text, where);
        if (doc == null) {
            return defaults();
        }
        YamlLines lines = YamlLines.of(text);
        try {
            ProjectConfig config = parse(doc, where);
            if (findingIds != null && !config.severities().isEmpty()) {
                requireKnown(config.severities().keySet(), findingIds.get(), where);
            }
            DomainMapping.load(project); // verify.domains is read by the verify job; its errors belong before any job
            return config;
        } catch (PreflightException e) {
            throw lines.locate(e, where);
        }
    }

    private static ProjectConfig parse(Object doc, String where) {
        Map<?, ?> root = asMap(doc, where, "the document");
        for (Object key : root.keySet()) {
            if (!TOP_LEVEL.contains(String.valueOf(key))) {
                throw PreflightException.config(where + ": unknown setting '" + key + "'", "allowed top-level settings: " + TOP_LEVEL);
            }
        }
        Map<String, String> placeholders = new LinkedHashMap<>(defaults().placeholders());
        String history = defaults().historyTable();
        String schema = defaults().schema();
        MigrationTimeouts timeouts = MigrationTimeouts.defaults();
        String layout = null;
        String path = null;
        if (root.get("migrations") != null) {
            Map<?, ?> m = asMap(root.get("migrations"), where, "migrations");
            for (Object key : m.keySet()) {
                if (!MIGRATION_KEYS.contains(String.valueOf(key))) {
                    throw PreflightException.config(where + ": unknown setting 'migrations." + key + "'", "allowed: " + MIGRATION_KEYS);
                }
            }
            if (m.get("placeholders") != null) {
                asMap(m.get("placeholders"), where, "migrations.placeholders")
                        .forEach((k, v) -> placeholders.put(String.valueOf(k), String.valueOf(v)));
            }
            if (m.get("schema") != null) {
                schema = String.valueOf(m.get("schema"));
            }
            if (m.get("historyTable") != null) {
                history = String.valueOf(m.get("historyTable"));
            }
            timeouts = MigrationTimeouts.parse(m, where);
            if (m.get("layout") != null) {
                layout = String.valueOf(m.get("layout")); // checked against the registry when the migrations are read
            }
            if (m.get("path") != null) {
                path = String.valueOf(m.get("path"));
            }
        }
        Map<String, Severity> severities = new LinkedHashMap<>();
        if (root.get("severity") != null) {
            for (Map.Entry<?, ?> e : asMap(root.get("severity"), where, "severity").entrySet()) {
                try {
                    severities.put(String.valueOf(e.getKey()), Severity.parse(String.valueOf(e.getValue())));
                } catch (IllegalArgumentException ex) {
                    throw PreflightException.config(where + ": severity." + e.getKey() + ": " + ex.getMessage(), "use one of blocker, high, medium, low, info");
                }
            }
        }
        RetuneConfig retune = root.get("retune") == null ? RetuneConfig.defaults()
                : RetuneConfig.parse(asMap(root.get("retune"), where, "retune"), where);
        EmbeddingsConfig embeddings = root.get("embeddings") == null ? EmbeddingsConfig.defaults()
                : EmbeddingsConfig.parse(asMap(root.get("embeddings"), where, "embeddings"), where);
        return new ProjectConfig(Map.copyOf(placeholders), schema, history, Map.copyOf(severities), retune, embeddings, timeouts, layout, path);
    }

    /** An override of an unknown id would be ignored without a word: refused, with the nearest known ids. */
    private static void requireKnown(Set<String> overridden, Set<String> known, String where) {
        for (String id : overridden) {
            if (!known.contains(id)) {
                throw PreflightException.config(where + ": severity." + id + ": no check or lint rule has the id '" + id + "'",
                        "did you mean " + String.join(", ", Nearest.of(id, known, 3)) + "? (README, section Checks, lists the ids)");
            }
        }
    }

    private static Map<?, ?> asMap(Object o, String where, String what) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw PreflightException.config(where + ": " + what + " must be a mapping (key: value)", "see README, section Configuration");
    }
}
