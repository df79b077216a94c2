package dev.preflight.cli.command;

import dev.preflight.cli.Command;
import dev.preflight.db.Catalog;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.Options;
import dev.preflight.migration.MigrationEngine;
import dev.preflight.report.MigrationEntry;
import dev.preflight.report.MigrationStatus.DatabaseState;
import dev.preflight.run.Session;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code status}: a short summary of the database's migration state on stdout; writes no files. */
public final class StatusCommand implements Command {

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String summary() {
        return "print the database's migration state and schema counts (no report written)";
    }

    @Override
    public ExitCode run(Options options, Console console) throws Exception {
        try (Session session = Session.openReadOnly(name(), options, console)) {
            var run = session.run();
            var out = console.out();
            out.println("Database:   " + run.target().url().masked() + " (" + run.target().source().name().toLowerCase(Locale.ROOT) + ")");
            if (!run.migrationFiles().present()) {
                // a database-only project: the schema counts still tell the team where it stands
                out.println("State:      migrations not checked (" + run.migrationFiles().absentReason() + ")");
                try (Connection c = session.dataSource().getConnection()) {
                    var counts = new Catalog(c, run.config().historyTable()).counts();
                    out.println("Schema:     " + counts.tables() + " tables, " + counts.enums() + " enums, " + counts.foreignKeys()
                            + " foreign keys, " + counts.indexes() + " indexes");
                }
                return ExitCode.NOT_READY;
            }
            MigrationEngine.Measured measured = MigrationEngine.of(session.dataSource(), run.migrationFiles(), run.config()).measure(Set.of());
            DatabaseState s = measured.state();
            out.println("Layout:     " + run.migrationFiles().layout() + " (" + run.project().relative(run.migrationFiles().folder())
                    + ", history " + run.migrationFiles().source().historyTable() + ")");
            out.println("State:      " + describe(s));
            try (Connection c = session.dataSource().getConnection()) {
                var counts = new Catalog(c, run.config().historyTable()).counts();
                out.println("Schema:     " + counts.tables() + " tables, " + counts.enums() + " enums, " + counts.foreignKeys()
                        + " foreign keys, " + counts.indexes() + " indexes");
            }
            out.println("Migrations:");
            List<MigrationEntry> entries = measured.entries();
            // Native ids are as long as the layout makes them (Prisma folder names, Drizzle tags): align on the longest.
            int width = entries.stream().mapToInt(e -> e.version() == null ? 1 : e.version().length()).max().orElse(1);
            for (MigrationEntry e : entries) {
                out.printf("  %-" + width + "s  %-10s %s%n", e.version() == null ? "R" : e.version(), e.state(),
                        e.file() == null ? e.description() : e.file());
            }
            return s.state() == dev.preflight.report.MigrationStatus.State.UP_TO_DATE ? ExitCode.READY : ExitCode.NOT_READY;
        }
    }

    /** Plain words for a state; "never migrated" and "up to date" are never confused. */
    static String describe(DatabaseState s) {
        return switch (s.state()) {
            case NEVER_MIGRATED -> "never migrated (no schema history, no tables)";
            case UNMANAGED -> "not managed by these migrations (" + s.applicationTables() + " tables, no schema history)";
            case PENDING -> "at version " + (s.currentVersion() == null ? "none" : s.currentVersion()) + ", " + s.pending() + " migration(s) pending";
            case UP_TO_DATE -> "up to date at version " + s.currentVersion() + " (" + s.applied() + " applied)";
            case FAILED -> "a migration failed (" + s.failed() + " failed in the history)";
            case UNKNOWN -> "unknown";
        };
    }
}
