package dev.preflight.config;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settings written in PostgreSQL's units, checked when the configuration is read rather than when
 * PostgreSQL first sees them (the retune job's index swap, long after the run began).
 */
final class PostgresUnits {

    /** The largest value of an integer setting such as {@code lock_timeout} (ms) or {@code maintenance_work_mem} (kB). */
    static final long INT_MAX = Integer.MAX_VALUE;

    private static final Pattern VALUE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([A-Za-z]*)\\s*");
    private static final Map<String, Long> TIME_MS = Map.of("", 1L, "ms", 1L, "s", 1_000L, "min", 60_000L, "h", 3_600_000L,
            "d", 86_400_000L);
    private static final Map<String, Long> SIZE_BYTES = Map.of("", 1L, "kb", 1L << 10, "mb", 1L << 20, "gb", 1L << 30, "tb", 1L << 40);

    private PostgresUnits() {
    }

    /** Refuses what is not a time {@code lock_timeout} accepts: a number with ms, s, min, h, d or no unit (milliseconds). */
    static void requireTime(String text) {
        if (scaled(text, TIME_MS, false) > INT_MAX) {
            throw new IllegalArgumentException("more than " + INT_MAX + "ms");
        }
    }

    /** Refuses what is not a size as {@code pg_size_bytes} reads it: a number with kB, MB, GB, TB or no unit (bytes). */
    static void requireSize(String text) {
        long bytes = scaled(text, SIZE_BYTES, true);
        if (bytes == 0 || bytes > INT_MAX * 1024) {
            throw new IllegalArgumentException("not from 1 byte to " + INT_MAX + "kB");
        }
    }

    private static long scaled(String text, Map<String, Long> units, boolean ignoreCase) {
        Matcher m = VALUE.matcher(text);
        String unit = m.matches() ? (ignoreCase ? m.group(2).toLowerCase(Locale.ROOT) : m.group(2)) : null;
        if (unit == null || !units.containsKey(unit)) {
            throw new IllegalArgumentException("not a number with one of the units");
        }
        BigDecimal value = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(units.get(unit)));
        return value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE : value.longValue();
    }
}
