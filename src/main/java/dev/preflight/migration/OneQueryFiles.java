package dev.preflight.migration;

import dev.preflight.migration.SqlStatement.Mode;
import java.util.List;
import java.util.Optional;

/**
 * Files that a tool sending each migration as one multi-statement query (Postgrator, golang-migrate,
 * dbmate's {@code transaction:false}) cannot run: PostgreSQL wraps such a query in an implicit
 * transaction, so a {@code CREATE INDEX CONCURRENTLY} in it fails with "cannot run inside a
 * transaction block". Preflight splits and runs the statement alone; the team's own tool would not.
 */
public final class OneQueryFiles {

    private OneQueryFiles() {
    }

    /** The problem with {@code statements} of {@code file} for {@code tool}, when one of them must run alone and is not alone. */
    public static Optional<SourceProblem> check(String tool, String file, List<SqlStatement> statements) {
        if (statements.size() < 2) {
            return Optional.empty();
        }
        return statements.stream().filter(s -> s.mode() == Mode.NON_TRANSACTIONAL).findFirst().map(s -> new SourceProblem(file,
                file + " line " + s.line() + ": " + s.summary(60) + " cannot run inside a transaction block, and " + tool
                        + " sends the file's " + statements.size() + " statements as one query (an implicit transaction): " + tool
                        + " itself fails on this file; Preflight runs the statement alone",
                "move the statement into a migration file of its own, so that " + tool + " can apply the project too"));
    }
}
