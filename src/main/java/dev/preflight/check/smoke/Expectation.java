package dev.preflight.check.smoke;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a smoke query must return: a row count ({@code rows: ">= 2"}, {@code "= 0"} for zero rows),
 * a scalar (first column of the first row) compared to a value ({@code scalar: ">= 40"}), and/or a
 * latency limit ({@code maxMillis: 200}). Comparisons are numeric when both sides are numbers.
 */
public record Expectation(String rows, String scalar, Long maxMillis) {

    private static final Pattern COMPARISON = Pattern.compile("^\\s*(>=|<=|!=|=|>|<)?\\s*(.+?)\\s*$");

    /** Validates a comparison string; the message says what is accepted. */
    public static void validate(String comparison, String what) {
        if (comparison != null && !COMPARISON.matcher(comparison).matches()) {
            throw new IllegalArgumentException(what + " must be a comparison such as \">= 2\" or \"= 0\"");
        }
    }

    /** The unmet parts of this expectation as sentences; empty when met. */
    public List<String> failures(long rowCount, Object firstValue, long millis) {
        List<String> out = new ArrayList<>();
        if (rows != null && !holds(rowCount, rows)) {
            out.add("expected rows " + rows.trim() + ", got " + rowCount);
        }
        if (scalar != null && !holds(firstValue, scalar)) {
            out.add("expected value " + scalar.trim() + ", got " + firstValue);
        }
        if (maxMillis != null && millis > maxMillis) {
            out.add("expected at most " + maxMillis + " ms, took " + millis + " ms");
        }
        return out;
    }

    static boolean holds(Object actual, String comparison) {
        Matcher m = COMPARISON.matcher(comparison);
        if (!m.matches()) {
            return false;
        }
        String op = m.group(1) == null ? "=" : m.group(1);
        String wanted = m.group(2);
        int cmp;
        try {
            cmp = new BigDecimal(String.valueOf(actual)).compareTo(new BigDecimal(wanted));
        } catch (NumberFormatException e) {
            boolean eq = String.valueOf(actual).equals(wanted);
            return op.equals("=") ? eq : op.equals("!=") && !eq;
        }
        return switch (op) {
            case ">=" -> cmp >= 0;
            case "<=" -> cmp <= 0;
            case ">" -> cmp > 0;
            case "<" -> cmp < 0;
            case "!=" -> cmp != 0;
            default -> cmp == 0;
        };
    }
}
