package dev.preflight.check;

import dev.preflight.config.DatabaseTarget;
import dev.preflight.config.ProjectLayout;
import dev.preflight.db.Catalog;
import dev.preflight.db.VectorCensus;
import dev.preflight.migration.MigrationFiles;
import dev.preflight.report.MigrationEntry;
import dev.preflight.report.MigrationStatus.DatabaseState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a check may look at: one open connection, the project, its migration files, for the
 * migration checks the measured migration state (null before it is known), and the facts the job
 * running the check measured (a section of the report, the git state, the drift replay), by type.
 */
public record CheckContext(Connection connection, DatabaseTarget target, ProjectLayout project, MigrationFiles migrations,
                           DatabaseState migrationState, List<MigrationEntry> migrationEntries, String migrationError,
                           Map<Class<?>, Object> facts) {

    public CheckContext {
        facts = Map.copyOf(facts);
    }

    public CheckContext(Connection connection, DatabaseTarget target, ProjectLayout project, MigrationFiles migrations,
                        DatabaseState migrationState, List<MigrationEntry> migrationEntries, String migrationError) {
        this(connection, target, project, migrations, migrationState, migrationEntries, migrationError, Map.of());
    }

    public static CheckContext of(Connection connection, DatabaseTarget target, ProjectLayout project, MigrationFiles migrations) {
        return new CheckContext(connection, target, project, migrations, null, List.of(), null);
    }

    public CheckContext withMigrations(DatabaseState state, List<MigrationEntry> entries, String error) {
        return new CheckContext(connection, target, project, migrations, state, entries, error, facts);
    }

    /** This context with facts added, each under its own type (a later fact of the same type replaces the earlier). */
    public CheckContext with(Object... added) {
        Map<Class<?>, Object> all = new LinkedHashMap<>(facts);
        for (Object fact : added) {
            all.put(fact.getClass(), fact);
        }
        return new CheckContext(connection, target, project, migrations, migrationState, migrationEntries, migrationError, all);
    }

    /** The vector census the run already took (a fact), or one counted now for this check alone. */
    public VectorCensus vectorCensus() throws SQLException {
        Object fact = facts.get(VectorCensus.class);
        return fact != null ? (VectorCensus) fact : VectorCensus.measure(new Catalog(connection, Catalog.DEFAULT_HISTORY_TABLE));
    }

    /** The fact of this type the running job measured; a check run without it is a programming error, named here. */
    public <T> T fact(Class<T> type) {
        Object fact = facts.get(type);
        if (fact == null) {
            throw new IllegalStateException("no " + type.getSimpleName() + " in the check context: the job that runs this check must add it"
                    + " with CheckContext.with(...)");
        }
        return type.cast(fact);
    }
}
