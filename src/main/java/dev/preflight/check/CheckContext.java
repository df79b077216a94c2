package dev.preflight.check;

import dev.preflight.config.DatabaseTarget;
import dev.preflight.config.ProjectLayout;
import dev.preflight.migration.MigrationFiles;
import dev.preflight.report.MigrationEntry;
import dev.preflight.report.MigrationStatus.DatabaseState;
import java.sql.Connection;
import java.util.List;

/**
 * What a check may look at: one open connection, the project, its migration files and, for the
 * migration checks, the measured migration state (null before it is known).
 */
public record CheckContext(Connection connection, DatabaseTarget target, ProjectLayout project, MigrationFiles migrations,
                           DatabaseState migrationState, List<MigrationEntry> migrationEntries, String migrationError) {

    public static CheckContext of(Connection connection, DatabaseTarget target, ProjectLayout project, MigrationFiles migrations) {
        return new CheckContext(connection, target, project, migrations, null, List.of(), null);
    }

    public CheckContext withMigrations(DatabaseState state, List<MigrationEntry> entries, String error) {
        return new CheckContext(connection, target, project, migrations, state, entries, error);
    }
}
