package dev.preflight.check.migration;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.MigrationStatus.State;
import dev.preflight.report.Severity;
import java.util.List;

/**
 * MIG001: the database must have been migrated. A database with no history table and no tables
 * was never migrated (the seed document's "up to date" that was not); one with tables but no
 * history was built by hand or another tool and cannot be trusted to match the migrations.
 */
public final class MigratedCheck implements Check {

    @Override
    public String id() {
        return "MIG001";
    }

    @Override
    public String title() {
        return "Database has been migrated (schema history present)";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.BLOCKER;
    }

    @Override
    public List<Finding> run(CheckContext ctx) {
        var s = ctx.migrationState();
        if (s.state() == State.NEVER_MIGRATED) {
            return List.of(finding("database", "the database was never migrated: no schema history table and no application tables",
                    "migrated", "empty, never migrated", "run ./preflight migrate (or gate) against this database"));
        }
        if (s.historyTable() && s.applied() == 0 && s.applicationTables() == 0) {
            // a history table alone is not a migration: the tool creates it before the first migration, which may have failed
            return List.of(finding("database", "the database was never migrated: its schema history table records no applied "
                            + "migration and there are no application tables", "migrated", "history table only, 0 applied",
                    "run ./preflight migrate (or gate) against this database; if a migration failed, fix it first (MIG002)"));
        }
        if (s.state() == State.UNMANAGED) {
            return List.of(finding("database", "the database has " + s.applicationTables() + " tables but no schema history table: "
                            + "it was not built by these migrations", "schema history table", "absent",
                    "migrate a fresh database, or adopt this one with ./preflight baseline [--to VERSION], which records the "
                            + "history rows only after checking that the schema matches a replay of the migrations"));
        }
        return List.of();
    }
}
