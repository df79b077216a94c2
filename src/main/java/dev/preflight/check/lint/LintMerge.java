package dev.preflight.check.lint;

import dev.preflight.check.SeverityPolicy;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merges what the rules guessed from the text with what the shadow database measured, statement by
 * statement: a measurement confirms, downgrades (a type change that rewrote nothing) or adds a
 * hazard the text did not show (a rewrite, or a failure on a table with rows).
 */
public final class LintMerge {

    /** A statement that rewrote a table with rows although no rule predicted it. */
    public static final String MEASURED_REWRITE = "LINT018";
    /** A statement that failed on the shadow database loaded with rows. */
    public static final String MEASURED_FAILURE = "LINT019";
    public static final String BROKEN_STATEMENT = "LINT021";

    private static final Set<String> REWRITE_RULES = Set.of("LINT006", "LINT011");
    private static final Set<String> FAILURE_RULES = Set.of("LINT003", "LINT004", "LINT012", "LINT015");
    /** Lint could not analyse the statement: once the shadow database measured it failing, LINT019 or LINT021 says more. */
    private static final String UNANALYSED = "LINT020";

    private LintMerge() {
    }

    public static List<LintIssue> merge(List<LintIssue> issues, Map<String, StatementMeasurement> measured, Map<String, String> statements,
                                        Map<String, Map<String, String>> suppressions, SeverityPolicy severities) {
        List<LintIssue> out = new ArrayList<>();
        for (LintIssue i : issues) {
            String at = i.file() + ":" + i.line();
            StatementMeasurement m = measured.get(at);
            if (m == null) {
                out.add(i);
                continue;
            }
            if (i.ruleId().equals(UNANALYSED) && m.error() != null) {
                continue;
            }
            LintIssue withM = i.withMeasurement(m);
            if (REWRITE_RULES.contains(i.ruleId()) && m.error() == null && !m.rewrote()) {
                // Measured beats guessed: the text looked like a rewrite, PostgreSQL did none.
                withM = withM.withSeverity(Severity.INFO, i.message() + "; measured on the shadow database: no rewrite ("
                        + evidence(m) + "), so only a brief lock");
            }
            out.add(withM);
        }
        String firstFailure = null; // in replay order: what fails after it may fail only because it did
        for (Map.Entry<String, StatementMeasurement> e : measured.entrySet()) {
            String at = e.getKey();
            StatementMeasurement m = e.getValue();
            String statement = statements.getOrDefault(at, "");
            Map<String, String> nolint = suppressions.getOrDefault(at, Map.of());
            String earlier = firstFailure;
            if (m.error() != null && firstFailure == null) {
                firstFailure = at;
            }
            if (m.error() != null && earlier != null && !dataDependent(m.error())) {
                out.add(issue(BROKEN_STATEMENT, Severity.INFO, m, statement, "fails on the shadow database after " + earlier + " failed "
                                + "there, so the replay went on without that statement's effect: " + m.error()
                                + "; not judged on its own", "fix " + earlier + " first, then lint again", nolint, severities));
            } else if (m.error() != null && !predicted(issues, at, FAILURE_RULES)) {
                if (dataDependent(m.error())) {
                    out.add(issue(MEASURED_FAILURE, Severity.MEDIUM, m, statement, "fails on the shadow database, whose tables hold generated rows: "
                                    + m.error(), "check whether the production data fails the same way; make the statement work on a table with rows",
                            nolint, severities));
                } else {
                    out.add(issue(BROKEN_STATEMENT, Severity.HIGH, m, statement, "fails on the shadow database whatever the rows: " + m.error()
                                    + "; migrate stops at this statement", statement.startsWith("\\") ? PSQL_META_COMMAND
                                    : "fix the statement (or the migration before it that it depends on)", nolint, severities));
                }
            } else if (m.error() == null && m.rewrote() && m.rows() > 0 && !predicted(issues, at, REWRITE_RULES)) {
                out.add(issue(MEASURED_REWRITE, Severity.MEDIUM, m, statement, "rewrote " + String.join(", ", m.rewritten())
                                + " (" + evidence(m) + "), which no rule predicted from the text",
                        "expect the table to be unavailable for the duration on production data; split the change so no rewrite is needed", nolint, severities));
            }
        }
        out.sort((a, b) -> a.file().equals(b.file()) ? Integer.compare(a.line(), b.line()) : a.file().compareTo(b.file()));
        return out;
    }

    /** The remedy for a line such as pg_dump's {@code \restrict KEY}: PostgreSQL refuses what only psql understands. */
    static final String PSQL_META_COMMAND = "delete the line: it is a psql meta-command, which only psql runs (the server refuses it, and so does"
            + " every migration tool that sends it there); pg_dump writes \\restrict and \\unrestrict at the start and end of a plain dump"
            + " since PostgreSQL 17.6, 16.10, 15.14, 14.19 and 13.22";

    /**
     * Whether an error comes from the rows (SQLSTATE class 22 data exception, 23 integrity violation) rather than from
     * the statement itself (syntax, an undefined type or column), which fails on any table.
     */
    static boolean dataDependent(String error) {
        java.util.regex.Matcher state = java.util.regex.Pattern.compile("\\(SQLSTATE (\\w{5})\\)").matcher(error);
        return !state.find() || state.group(1).startsWith("22") || state.group(1).startsWith("23");
    }

    private static boolean predicted(List<LintIssue> issues, String at, Set<String> rules) {
        return issues.stream().anyMatch(i -> (i.file() + ":" + i.line()).equals(at) && rules.contains(i.ruleId()));
    }

    /** The measurement in words: strongest lock, rewrite, time and rows. */
    public static String evidence(StatementMeasurement m) {
        if (m.error() != null) {
            return "failed: " + m.error();
        }
        // none measured: the statement took no lock, or ran outside a transaction, where locks are not sampled
        String lock = m.locks().isEmpty() ? "no lock measured" : m.strongestLock();
        return lock + ", " + (m.rewrote() ? "rewrote " + String.join(", ", m.rewritten()) : "no rewrite") + ", " + m.millis() + " ms on "
                + m.rows() + " rows";
    }

    private static LintIssue issue(String id, Severity severity, StatementMeasurement m, String statement, String message, String remedy,
                                   Map<String, String> nolint, SeverityPolicy severities) {
        Severity s = severities.apply(Finding.of(id, severity, "", "", "")).severity();
        return new LintIssue(id, LintRules.title(id), s, null, m.file(), m.line(), statement, "'" + statement + "' " + message, remedy,
                nolint.get(id), m);
    }
}
