package dev.preflight.run;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckRegistry;
import dev.preflight.check.CheckRunner;
import dev.preflight.db.Catalog;
import dev.preflight.db.VectorCensus;
import dev.preflight.migration.MigrationEngine;
import dev.preflight.migration.MigrationFiles;
import dev.preflight.report.CheckOutcome;
import dev.preflight.report.DatabaseInfo;
import dev.preflight.report.MigrationEntry;
import dev.preflight.report.MigrationStatus;
import dev.preflight.report.ReadinessReport;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * What every run ends with, whatever its jobs: the migration state measured against the files, the
 * migration checks and IDX001-003 on the database as it is now, the catalog snapshot, and the report
 * assembled from all the run recorded.
 */
final class RunEnd {

    /** The checks every run ends with (the migration family but the order replay, which migrate runs before applying). */
    private static final String[] MIGRATION_CHECKS = {"MIG001", "MIG002", "MIG003", "MIG004", "MIG006"};

    private RunEnd() {
    }

    static ReadinessReport measure(RunContext run, DataSource dataSource, String command) throws Exception {
        MigrationFiles files = run.migrationFiles();
        MigrationStatus.DatabaseState after;
        List<MigrationEntry> entries;
        if (files.present()) {
            // one measurement for both (Flyway's info scans the files and reads the history once)
            MigrationEngine.Measured measured = MigrationEngine.of(dataSource, files, run.config()).measure(run.ledger().appliedVersions());
            after = measured.state();
            entries = measured.entries();
        } else {
            after = new MigrationStatus.DatabaseState(MigrationStatus.State.UNKNOWN, null, 0, 0, 0, 0, false);
            entries = List.of();
        }
        run.ledger().stateBefore(after); // a run that did not migrate: before == after
        run.ledger().migrations(entries);
        DatabaseInfo database;
        try (Connection c = dataSource.getConnection()) {
            Catalog catalog = new Catalog(c, run.config().historyTable());
            VectorCensus census = VectorCensus.measure(catalog);
            CheckContext ctx = CheckContext.of(c, run.target(), run.project(), files)
                    .withMigrations(after, entries, run.ledger().migrationError()).with(census);
            CheckRunner runner = new CheckRunner(run.severityPolicy());
            List<Check> migrationChecks = CheckRegistry.get().checks(MIGRATION_CHECKS);
            if (files.present()) {
                run.ledger().addAll(runner.run(command, migrationChecks, ctx));
            } else {
                // a database-only project: the migration checks cannot run, and the report says why instead of failing
                migrationChecks.forEach(check -> run.ledger().add(new CheckOutcome(check.id(), check.title(), command,
                        CheckOutcome.Status.NOT_RUN, "no migrations: " + files.absentReason(), List.of())));
            }
            run.ledger().addAll(runner.run(command, CheckRegistry.get().checks("IDX001", "IDX002", "IDX003"), ctx));
            database = catalog.snapshot(run.target().url().masked(), run.target().source().name().toLowerCase(Locale.ROOT), census);
        }
        MigrationStatus status = new MigrationStatus(run.ledger().stateBefore(), after, files.files().size(), files.totalLines(),
                run.ledger().appliedInThisRun(), run.ledger().migrationError());
        return ReportAssembler.assemble(run.ledger(), command, run.project(), database, status);
    }
}
