package dev.preflight.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The known names nearest to a misspelt one (edit distance, case ignored), for "did you mean" remedies. */
final class Nearest {

    private Nearest() {
    }

    /** Up to {@code limit} of {@code known}, nearest to {@code given} first. */
    static List<String> of(String given, Collection<String> known, int limit) {
        return known.stream().sorted(Comparator.comparingInt((String k) -> distance(given, k)).thenComparing(Comparator.naturalOrder()))
                .limit(limit).toList();
    }

    /** Levenshtein distance of the two names in upper case. */
    static int distance(String a, String b) {
        String x = a.toUpperCase(Locale.ROOT);
        String y = b.toUpperCase(Locale.ROOT);
        int[] previous = new int[y.length() + 1];
        int[] current = new int[y.length() + 1];
        for (int j = 0; j <= y.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= y.length(); j++) {
                int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[y.length()];
    }
}
