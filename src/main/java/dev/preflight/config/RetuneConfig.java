package dev.preflight.config;

import dev.preflight.kernel.PreflightException;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The retune job's settings ({@code retune:} in {@code jobs/preflight.yaml}).
 *
 * @param maintenanceWorkMemCap the most {@code maintenance_work_mem} a rebuild may raise its session to (PostgreSQL size syntax)
 * @param lockTimeout {@code lock_timeout} of the short transaction that swaps the rebuilt index in
 * @param swapAttempts how often the swap is tried before the rebuild is given up (the old index stays)
 * @param queries how many held-out query vectors are drawn from the table to start measuring recall
 * @param k neighbours per query (recall@k)
 * @param minRows below this many vectors an ANN index is not worth it: exact search is faster
 * @param maxQueries the most queries the measurement grows to while the recall interval at the chosen setting is wider than +-0.02;
 *                   for HNSW, the vectors held out of the copy of the graph that is measured
 */
public record RetuneConfig(String maintenanceWorkMemCap, String lockTimeout, int swapAttempts, int queries, int k, long minRows,
                           int maxQueries) {

    static final Set<String> KEYS = Set.of("maintenanceWorkMemCap", "lockTimeout", "swapAttempts", "queries", "k", "minRows", "maxQueries");

    public RetuneConfig(String maintenanceWorkMemCap, String lockTimeout, int swapAttempts, int queries, int k, long minRows) {
        this(maintenanceWorkMemCap, lockTimeout, swapAttempts, queries, k, minRows, Math.max(queries, 400));
    }

    public static RetuneConfig defaults() {
        return new RetuneConfig("1GB", "2s", 3, 50, 10, 5_000, 400);
    }

    /** Reads the {@code retune:} mapping; unknown keys, numbers out of range and values PostgreSQL would refuse are errors naming the file and key. */
    static RetuneConfig parse(Map<?, ?> m, String where) {
        for (Object key : m.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw PreflightException.config(where + ": unknown setting 'retune." + key + "'", "allowed: " + KEYS);
            }
        }
        RetuneConfig d = defaults();
        return new RetuneConfig(postgres(m, "maintenanceWorkMemCap", d.maintenanceWorkMemCap(), where, PostgresUnits::requireSize,
                        "a size PostgreSQL accepts (a number with kB, MB, GB, TB or none for bytes, at most " + PostgresUnits.INT_MAX + "kB)"),
                postgres(m, "lockTimeout", d.lockTimeout(), where, PostgresUnits::requireTime, "a time PostgreSQL's lock_timeout accepts (a number"
                        + " with ms, s, min, h, d or none for milliseconds, at most " + PostgresUnits.INT_MAX + "ms)"),
                whole(m, "swapAttempts", d.swapAttempts(), where), whole(m, "queries", d.queries(), where), whole(m, "k", d.k(), where),
                number(m, "minRows", d.minRows(), where), whole(m, "maxQueries", Math.max(d.maxQueries(), whole(m, "queries", d.queries(), where)), where));
    }

    /** A text setting PostgreSQL reads later, checked now by {@code check} (which throws for a value it would refuse). */
    private static String postgres(Map<?, ?> m, String key, String fallback, String where, Consumer<String> check, String accepted) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            check.accept(String.valueOf(v));
        } catch (IllegalArgumentException e) {
            throw PreflightException.config(where + ": retune." + key + " must be " + accepted + ", not '" + v + "'",
                    "for example retune." + key + ": " + fallback);
        }
        return String.valueOf(v);
    }

    /** A setting held in an {@code int}: a larger number is an error, not a value wrapped around by a cast. */
    private static int whole(Map<?, ?> m, String key, int fallback, String where) {
        long n = number(m, key, fallback, where);
        if (n > Integer.MAX_VALUE) {
            throw PreflightException.config(where + ": retune." + key + " must be a whole number from 1 to " + Integer.MAX_VALUE + ", not '"
                    + m.get(key) + "'", "for example retune." + key + ": " + fallback);
        }
        return (int) n;
    }

    private static long number(Map<?, ?> m, String key, long fallback, String where) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(String.valueOf(v));
            if (n < (key.equals("minRows") ? 0 : 1)) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw PreflightException.config(where + ": retune." + key + " must be a positive whole number, not '" + v + "'",
                    "for example retune." + key + ": " + fallback);
        }
    }
}
