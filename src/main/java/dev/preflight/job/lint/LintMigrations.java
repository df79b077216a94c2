package dev.preflight.job.lint;

import dev.preflight.migration.AppliedMigration;
import dev.preflight.migration.Migration;
import dev.preflight.migration.MigrationSource;
import dev.preflight.run.RunContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The project's migrations as lint reads them, through the migration-source seam so every layout
 * is linted with its own files and lines: in the order the native tool applies them, placeholders
 * replaced, each file named relative to the project folder.
 */
final class LintMigrations {

    private LintMigrations() {
    }

    static List<Migration> read(RunContext run) {
        MigrationSource source = run.migrationFiles().require("lint");
        List<Migration> out = new ArrayList<>();
        for (Migration m : source.migrations()) {
            Path file = m.file() == null ? null : Path.of(run.project().relative(m.file().toAbsolutePath().normalize()));
            out.add(new Migration(m.id(), m.description(), file, m.checksum(), m.statements()));
        }
        return out;
    }

    /** Ids the native history table records as applied; none when it does not exist. */
    static Set<String> applied(RunContext run, Connection c) throws SQLException {
        Set<String> out = new HashSet<>();
        for (AppliedMigration a : run.migrationFiles().require("lint").history(c)) {
            if (a.status() == AppliedMigration.Status.SUCCESS) {
                out.add(a.id());
            }
        }
        return out;
    }

    /** The ids after {@code since} in history order; an unknown id is an error naming the known ones. */
    static Set<String> after(List<Migration> history, String since) {
        Set<String> out = new HashSet<>();
        boolean seen = false;
        for (Migration m : history) {
            if (seen) {
                out.add(m.id());
            }
            seen |= m.id().equals(since);
        }
        if (!seen) {
            throw dev.preflight.kernel.PreflightException.config("--since " + since + ": no migration has that id",
                    "use one of: " + String.join(", ", history.stream().map(Migration::id).toList()));
        }
        return out;
    }
}
