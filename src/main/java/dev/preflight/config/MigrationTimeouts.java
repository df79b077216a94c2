package dev.preflight.config;

import dev.preflight.kernel.PreflightException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long migrate and verify's replay may wait ({@code migrations.lockTimeout},
 * {@code migrations.statementTimeout}, {@code migrations.replayTimeout} in {@code jobs/preflight.yaml}):
 * every wait ends in a finding, never in a hang. Zero disables a timeout.
 *
 * @param lockTimeout {@code lock_timeout} of every migration statement, Flyway's own included
 * @param statementTimeout {@code statement_timeout} of every migration statement
 * @param replayTimeout the longest verify's replay of all migrations may take
 */
public record MigrationTimeouts(Duration lockTimeout, Duration statementTimeout, Duration replayTimeout) {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|min|h)?");

    public static MigrationTimeouts defaults() {
        return new MigrationTimeouts(Duration.ofSeconds(10), Duration.ofMinutes(30), Duration.ofMinutes(30));
    }

    /** Reads the three keys from the {@code migrations:} mapping; a bad value is an error naming the key. */
    static MigrationTimeouts parse(Map<?, ?> m, String where) {
        MigrationTimeouts d = defaults();
        return new MigrationTimeouts(duration(m, "lockTimeout", d.lockTimeout(), where),
                duration(m, "statementTimeout", d.statementTimeout(), where), duration(m, "replayTimeout", d.replayTimeout(), where));
    }

    private static Duration duration(Map<?, ?> m, String key, Duration fallback, String where) {
        Object v = m.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            Duration d = parse(String.valueOf(v));
            if (!key.equals("replayTimeout") && d.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("PostgreSQL's timeouts end at " + Integer.MAX_VALUE + "ms");
            }
            return d;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw PreflightException.config(where + ": migrations." + key + " must be a duration such as 500ms, 10s, 30min or 2h (0 disables it), not '"
                    + v + "'", "for example migrations." + key + ": " + fallback.toSeconds() + "s");
        }
    }

    /** {@code 500ms}, {@code 10s}, {@code 30min}, {@code 2h}; a bare number is seconds. */
    public static Duration parse(String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        long n = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "min" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
