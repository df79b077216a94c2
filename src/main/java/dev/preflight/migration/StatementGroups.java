package dev.preflight.migration;

import dev.preflight.migration.SqlStatement.Mode;
import java.util.ArrayList;
import java.util.List;

/** How a migration's statements are cut into the units PostgreSQL can run: one transaction each, or one statement alone in autocommit. */
final class StatementGroups {

    private StatementGroups() {
    }

    /** Runs of transactional statements, and each non-transactional statement alone; control statements split runs. */
    static List<List<SqlStatement>> of(List<SqlStatement> statements) {
        List<List<SqlStatement>> out = new ArrayList<>();
        List<SqlStatement> run = new ArrayList<>();
        for (SqlStatement s : statements) {
            if (s.mode() == Mode.TRANSACTIONAL) {
                run.add(s);
                continue;
            }
            if (!run.isEmpty()) {
                out.add(run);
                run = new ArrayList<>();
            }
            if (s.mode() == Mode.NON_TRANSACTIONAL) {
                out.add(List.of(s));
            }
        }
        if (!run.isEmpty()) {
            out.add(run);
        }
        return out;
    }
}
