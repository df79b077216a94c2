package dev.preflight.job.retune;

import dev.preflight.config.RetuneConfig;
import dev.preflight.report.DatabaseInfo.VectorIndex;
import java.util.Locale;
import java.util.Map;

/**
 * What one retune run does: the command line's choices (from job parameters) and the project's
 * retune settings.
 *
 * @param index only this index (by name, optionally schema-qualified), or null for all
 */
public record RetuneSettings(double targetRecall, String index, boolean dryRun, boolean compareHnsw, boolean applyProbes,
                             RetuneConfig config) {

    public static final String TARGET_RECALL = "target-recall";
    public static final String INDEX = "index";
    public static final String DRY_RUN = "dry-run";
    public static final String COMPARE_HNSW = "compare-hnsw";
    public static final String APPLY_PROBES = "apply-probes";
    /** The name that fits both methods: applies ivfflat.probes and hnsw.ef_search ({@code --apply-probes} does the same). */
    public static final String APPLY_SETTINGS = "apply-settings";
    public static final double DEFAULT_TARGET = 0.95;

    /** Reads the settings from a job's parameters (strings, as the command passes them). */
    public static RetuneSettings from(Map<String, Object> parameters, RetuneConfig config) {
        Object target = parameters.get(TARGET_RECALL);
        Object index = parameters.get(INDEX);
        return new RetuneSettings(target == null ? DEFAULT_TARGET : Double.parseDouble(target.toString()),
                index == null || index.toString().isBlank() ? null : index.toString(),
                flag(parameters, DRY_RUN), flag(parameters, COMPARE_HNSW), flag(parameters, APPLY_PROBES) || flag(parameters, APPLY_SETTINGS),
                config);
    }

    private static boolean flag(Map<String, Object> parameters, String name) {
        Object v = parameters.get(name);
        return v != null && Boolean.parseBoolean(v.toString());
    }

    /** Whether an index is selected by {@code --index} (bare name or schema.name). */
    public boolean selects(VectorIndex vi) {
        return matches(index, vi);
    }

    /** Whether {@code --index} names this catalog entry (bare name or schema.name); null names every index. */
    public static boolean matches(String index, VectorIndex vi) {
        return index == null || index.equals(vi.name()) || index.equals(schemaOf(vi) + "." + vi.name());
    }

    /** The schema of a catalog entry: the catalog names tables unqualified in {@code public}. */
    public static String schemaOf(VectorIndex vi) {
        int dot = vi.table().indexOf('.');
        return dot < 0 ? "public" : vi.table().substring(0, dot);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "target recall %.2f, k=%d, %d-%d held-out queries%s%s", targetRecall, config.k(), config.queries(),
                config.maxQueries(),
                dryRun ? ", dry run" : "", index == null ? "" : ", index " + index);
    }
}
