package dev.preflight.check.lint;

import java.util.List;

/**
 * What running one statement on the shadow database measured: the locks its session held before
 * commit (mode on relation), the tables whose files it rewrote (relfilenode changed), how long it
 * ran, the rows its tables held, and the error when it failed.
 */
public record StatementMeasurement(String file, int line, List<String> locks, List<String> rewritten, long millis,
                                   long rows, String error) {

    public boolean rewrote() {
        return !rewritten.isEmpty();
    }

    public boolean accessExclusive() {
        return locks.stream().anyMatch(l -> l.startsWith("ACCESS EXCLUSIVE "));
    }

    /** The strongest lock as PostgreSQL's documentation names it, e.g. {@code ACCESS EXCLUSIVE on chunks}. */
    public String strongestLock() {
        return locks.isEmpty() ? "none" : locks.get(0);
    }
}
