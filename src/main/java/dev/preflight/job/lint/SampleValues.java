package dev.preflight.job.lint;

import java.util.Locale;

/** The generated value of one column of {@link SampleData}'s rows: an SQL expression of the row number {@code g}, by type. */
final class SampleValues {

    /**
     * Distinct vectors per vector column, built once (an uncorrelated subquery is an InitPlan): a random
     * vector per row cost 170 ms per 1,000 rows of vector(1536), the pool 27 ms.
     */
    private static final int VECTOR_POOL = 64;

    private SampleValues() {
    }

    /** An expression of {@code g} for one column, or null when none fits (the column stays NULL). */
    static String of(String type, String typtype, String typname, String where) {
        String t = type.toLowerCase(Locale.ROOT);
        if (t.endsWith("[]") || t.startsWith("json")) {
            return "'{}'"; // an empty array, or an empty JSON object
        }
        if (typtype.equals("e")) {
            return "(enum_range(NULL::" + type + "))[1 + g % array_length(enum_range(NULL::" + type + "), 1)]";
        }
        java.util.regex.Matcher vector = java.util.regex.Pattern.compile("^(vector|halfvec)\\((\\d+)\\)$").matcher(t);
        if (vector.find()) {
            return "(SELECT array_agg((SELECT array_agg(random())::real[] FROM generate_series(1, " + vector.group(2) + ") WHERE i > 0)::"
                    + vector.group(1) + ") FROM generate_series(1, " + VECTOR_POOL + ") i)[1 + g % " + VECTOR_POOL + "]";
        }
        if (typname.equals("vector") || typname.equals("halfvec") || typname.equals("sparsevec")) {
            return null; // no dimension declared: any length would be a guess
        }
        if (t.startsWith("smallint")) {
            return "g % 32000";
        }
        if (t.startsWith("integer") || t.startsWith("bigint") || t.startsWith("numeric") || t.startsWith("real") || t.startsWith("double")) {
            return "g";
        }
        if (t.startsWith("text") || t.startsWith("character") || t.startsWith("citext") || t.equals("name")) {
            return t.matches("character\\((\\d)\\)") ? "left(md5(g::text), " + t.replaceAll("\\D", "") + ")" : "'v' || g";
        }
        if (t.startsWith("boolean")) {
            return "g % 2 = 0";
        }
        if (t.startsWith("uuid")) {
            return "md5('" + where.replace("'", "''") + "' || g)::uuid";
        }
        if (t.startsWith("timestamp") || t.startsWith("date") || t.startsWith("time")) {
            return "now() - g * interval '1 minute'";
        }
        if (t.startsWith("bytea")) {
            return "'\\x00'";
        }
        if (t.startsWith("interval")) {
            return "g * interval '1 second'";
        }
        if (t.startsWith("inet") || t.startsWith("cidr")) {
            return "'10.0.0.1'";
        }
        if (t.startsWith("tsvector")) {
            return "to_tsvector('simple', 'v' || g)";
        }
        return null;
    }
}
