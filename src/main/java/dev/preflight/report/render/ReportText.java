package dev.preflight.report.render;

import dev.preflight.kernel.Markdown;
import dev.preflight.kernel.Secrets;
import dev.preflight.report.MigrationStatus.DatabaseState;
import java.util.Locale;

/**
 * Formatting helpers the report templates call as {@code text.xxx(...)}: Markdown escaping, plain
 * words for migration states, percentages, sizes and durations.
 */
public final class ReportText {

    /**
     * Free text made safe for one Markdown line and table cell: line breaks would end the row or
     * the list item, a bare pipe would split the cell, and HTML or Markdown in a database value
     * must show as typed, not take effect (every special character is backslash-escaped).
     */
    public String esc(String s) {
        return s == null ? "" : Markdown.escapeInline(Secrets.scrub(s));
    }

    /** A code span showing the text literally (backticks inside are fenced, a pipe does not split a table cell). */
    public String code(String s) {
        return s == null ? "" : Markdown.codeSpan(Secrets.scrub(s));
    }

    /** A migration state in plain words, so "never migrated" and "up to date" can never be confused. */
    public String state(DatabaseState s) {
        if (s == null || s.state() == null) {
            return "not measured";
        }
        String version = s.currentVersion() == null ? "no version" : "version " + s.currentVersion();
        return switch (s.state()) {
            case NEVER_MIGRATED -> "never migrated (no history table, no application tables)";
            case UNMANAGED -> "unmanaged (" + s.applicationTables() + " application tables but no migration history)";
            case PENDING -> s.applied() == 0
                    ? "nothing applied yet, " + s.pending() + " pending"
                    : "at " + version + ", " + s.pending() + " pending";
            case UP_TO_DATE -> "up to date at " + version;
            case FAILED -> "failed at " + version + " (" + s.failed() + " failed migration(s) recorded)";
            case UNKNOWN -> "not measured (the database could not be reached)";
        };
    }

    /** {@code part} of {@code whole} as a percentage with one decimal, or "n/a" when there is nothing to divide. */
    public String share(long part, long whole) {
        return whole <= 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }

    /** A share between 0 and 1 as a whole percentage ("0.857" reads "86%"). */
    public String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    /** A size in binary units, as pg_size_pretty would print it but with one decimal. */
    public String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /** A duration for humans: "850 ms", "12.3 s" or "2 min 5 s". */
    public String duration(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return (ms / 60_000) + " min " + (ms % 60_000) / 1000 + " s";
    }
}
