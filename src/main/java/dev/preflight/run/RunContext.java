package dev.preflight.run;

import dev.preflight.check.SeverityPolicy;
import dev.preflight.config.DatabaseTarget;
import dev.preflight.config.ProjectConfig;
import dev.preflight.config.ProjectLayout;
import dev.preflight.migration.MigrationFiles;

/**
 * The inputs of one run, shared by every job in it: the target database, the project, its
 * settings and migration files, and the ledger the jobs write their measurements to.
 */
public record RunContext(DatabaseTarget target, ProjectLayout project, ProjectConfig config,
                         MigrationFiles migrationFiles, RunLedger ledger) {

    public SeverityPolicy severityPolicy() {
        return new SeverityPolicy(config.severities());
    }
}
