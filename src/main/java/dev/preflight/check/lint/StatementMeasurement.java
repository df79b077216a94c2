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

    /**
     * The strongest lock as PostgreSQL's documentation names it, with every table it was taken on:
     * {@code ACCESS EXCLUSIVE on chunks}, or {@code SHARE ROW EXCLUSIVE on accounts, users} for a
     * foreign key (both tables are locked alike, so naming one would depend on pg_locks' order).
     */
    public String strongestLock() {
        if (locks.isEmpty()) {
            return "none";
        }
        String mode = locks.get(0).substring(0, locks.get(0).indexOf(" on "));
        List<String> tables = locks.stream().filter(l -> l.startsWith(mode + " on ")).map(l -> l.substring(mode.length() + 4)).sorted().toList();
        return mode + " on " + String.join(", ", tables);
    }
}
