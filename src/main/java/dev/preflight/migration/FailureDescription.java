package dev.preflight.migration;

import dev.preflight.kernel.ShutdownGate;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/** A failed migration in words: the database's error, who blocked it, what took effect, what was rolled back, what it left behind. */
final class FailureDescription {

    private FailureDescription() {
    }

    /** {@link MigrationExecutor.Result#describe} of a failed result. */
    static String of(MigrationExecutor.Result r, String file) {
        SqlStatement failed = r.failed();
        SQLException error = r.error();
        StringBuilder s = new StringBuilder("migration ").append(file).append(" failed at line ").append(failed.line()).append(": ")
                .append(firstLine(error)).append(" (SQLSTATE ").append(error.getSQLState()).append(") in ")
                .append(failed.summary(120));
        s.append(blockedBy(r)).append(". ");
        List<SqlStatement> rolledBack = r.rolledBack();
        if (r.committed().isEmpty()) {
            s.append("Nothing of it took effect").append(rolledBack.isEmpty() ? "" : " (" + lines(rolledBack) + " rolled back)").append(". ");
        } else {
            s.append("Partially applied: these statements took effect: ").append(lines(r.committed())).append("; this one failed: line ")
                    .append(failed.line()).append(rolledBack.size() > 1 ? " (rolled back with it: " + lines(rolledBack) + ")" : "").append(". ");
        }
        return s.append(leftBehind(r)).toString().stripTrailing();
    }

    /** Why a timed-out statement waited ("; blocked by pid ..."), or why it was cancelled; empty when it did not time out. */
    static String blockedBy(MigrationExecutor.Result r) {
        if (!r.timedOut()) {
            return "";
        }
        return r.blockers().isEmpty() || ShutdownGate.signalled() ? ShutdownGate.cancelledBecause()
                : "; blocked by " + r.blockers().stream().map(BlockingSession::describe).collect(Collectors.joining("; "));
    }

    /** What a failed statement left behind that a re-run must clear ("It left the invalid index ..."), or empty. */
    static String leftBehind(MigrationExecutor.Result r) {
        return r.invalidIndexes().isEmpty() ? "" : "It left the invalid index " + String.join(", ", r.invalidIndexes()) + ". ";
    }

    private static String lines(List<SqlStatement> statements) {
        return statements.stream().map(st -> "line " + st.line() + " (" + st.summary(60) + ")").collect(Collectors.joining(", "));
    }

    private static String firstLine(SQLException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }
}
