package dev.preflight.migration;

import dev.preflight.config.ProjectConfig;
import dev.preflight.migration.flyway.FlywaySource;
import dev.preflight.report.MigrationEntry;
import dev.preflight.report.MigrationStatus.DatabaseState;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * What applies a project's migrations and says where a database stands: Flyway itself for the
 * Flyway layout ({@link FlywayMigration}), the seam ({@link SeamMigration}) for every other layout.
 */
public interface MigrationEngine {

    /** What the history table and the catalog say now; decides never-migrated vs up to date. */
    DatabaseState state() throws SQLException;

    /** Every migration known to the files or the history table. */
    List<MigrationEntry> entries(Set<String> appliedInThisRun);

    /** Where the database stands and every migration, as {@link #state()} and {@link #entries} give them. */
    record Measured(DatabaseState state, List<MigrationEntry> entries) {
    }

    /** The state and the entries together: an engine may read its history once for both (the end of a run, status). */
    default Measured measure(Set<String> appliedInThisRun) throws SQLException {
        return new Measured(state(), entries(appliedInThisRun));
    }

    /** Applies the pending migrations, recording each in the native history table. */
    FlywayMigration.Result migrate();

    /** The engine for the project's layout; the only place that chooses between Flyway and the seam. */
    static MigrationEngine of(DataSource dataSource, MigrationFiles files, ProjectConfig config) {
        var source = files.require("migrate");
        if (source instanceof FlywaySource) {
            return new FlywayMigration(dataSource, files, config);
        }
        return new SeamMigration(dataSource, source, config);
    }
}
