package dev.preflight.check.index;

import dev.preflight.report.VectorIndexTuning;
import dev.preflight.report.VectorIndexTuning.Decision;
import dev.preflight.report.VectorIndexTuning.IndexTuning;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Why an IDX1xx check has nothing to verify: retune measured no index it covers (none exists, or
 * every table is under {@code retune.minRows} and left to exact search). Such a check is NOT_RUN
 * with this reason, never PASSED: IDX001 measures the small indexes at report time.
 */
final class RetuneCoverage {

    private RetuneCoverage() {
    }

    /** The NOT_RUN reason when no index matching {@code covered} was measured or decided on, else null. */
    static String notMeasured(VectorIndexTuning section, Predicate<IndexTuning> covered, String what) {
        List<IndexTuning> relevant = section.indexes().stream().filter(covered).toList();
        if (relevant.isEmpty()) {
            return "retune found no " + what;
        }
        boolean anyMeasured = relevant.stream().anyMatch(t -> !t.current().ladder().isEmpty() || t.decision() != Decision.EXACT_IS_FASTER);
        if (anyMeasured) {
            return null;
        }
        String rows = String.join(", ", relevant.stream().map(t -> String.format(Locale.ROOT, "%s %,d", t.name(), t.current().rows())).toList());
        return "nothing measured: every " + what + " is on a table under retune.minRows vectors (" + rows
                + "), left to exact search; IDX001 measures these indexes";
    }

    /** Every index retune found. */
    static boolean any(IndexTuning t) {
        return true;
    }

    static boolean ivfflat(IndexTuning t) {
        return "ivfflat".equals(t.method());
    }
}
