package dev.preflight.job.verify;

import dev.preflight.db.schema.SchemaDiffer;
import dev.preflight.db.schema.SchemaDifference;
import dev.preflight.db.schema.SchemaIntrospector;
import dev.preflight.db.schema.SchemaModel;
import dev.preflight.job.RunContext;
import dev.preflight.job.migrate.FlywayMigration;
import dev.preflight.job.migrate.MigrationEngine;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drift by replay: applies the project's migrations to a shadow database on the same server, reads
 * both schemas from the catalog and diffs them. The shadow database is dropped whatever happens.
 */
public final class DriftReplay {

    private static final Logger log = LoggerFactory.getLogger(DriftReplay.class);

    /** What a replay found; {@code error} is set when the migrations could not be replayed. */
    public record Result(SchemaModel actual, SchemaModel expected, List<SchemaDifference> differences, String shadowDatabase,
                         long replayMs, long introspectMs, long diffMs, String error) {
    }

    private final RunContext run;
    private final DataSource target;

    public DriftReplay(RunContext run, DataSource target) {
        this.run = run;
        this.target = target;
    }

    public Result run() throws SQLException {
        long t0 = System.nanoTime();
        SchemaModel actual;
        try (Connection c = target.getConnection()) {
            actual = new SchemaIntrospector(c, run.config().historyTable()).read();
        }
        long introspectTarget = millisSince(t0);
        ShadowDatabase shadow;
        try {
            shadow = ShadowDatabase.create(run.target().ddlUrl());
        } catch (SQLException e) {
            return new Result(actual, null, List.of(), null, 0, introspectTarget, 0, "cannot create a shadow database on the server of "
                    + run.target().ddlUrl().masked() + " (" + e.getMessage() + "): the role needs CREATEDB");
        }
        try (shadow) {
            log.info("verify: replaying {} migration(s) on shadow database {}", run.migrationFiles().files().size(), shadow.name());
            long t1 = System.nanoTime();
            FlywayMigration.Result migrated = MigrationEngine.of(shadow.dataSource(), run.migrationFiles(), run.config()).migrate();
            long replayMs = millisSince(t1);
            if (migrated.error() != null) {
                return new Result(actual, null, List.of(), shadow.name(), replayMs, introspectTarget, 0,
                        "the migrations do not replay on an empty database: " + migrated.error());
            }
            long t2 = System.nanoTime();
            SchemaModel expected;
            try (Connection c = shadow.dataSource().getConnection()) {
                expected = new SchemaIntrospector(c, run.config().historyTable()).read();
            }
            long introspectMs = introspectTarget + millisSince(t2);
            long t3 = System.nanoTime();
            List<SchemaDifference> differences = SchemaDiffer.diff(expected, actual);
            long diffMs = millisSince(t3);
            log.info("verify: compared {} objects: {} difference(s); replay {} ms, introspection {} ms, diff {} ms",
                    expected.size(), differences.size(), replayMs, introspectMs, diffMs);
            return new Result(actual, expected, differences, shadow.name(), replayMs, introspectMs, diffMs, null);
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Work done in a throwaway shadow database. */
    @FunctionalInterface
    public interface ShadowWork<T> {
        T run(DataSource shadow, String shadowName) throws SQLException;
    }

    /**
     * Runs {@code work} in a shadow database created on the server of {@code server} and dropped
     * afterwards: the migrate job's order check and baseline's drift check replay through it.
     */
    public static <T> T inShadow(dev.preflight.config.DatabaseUrl server, ShadowWork<T> work) throws SQLException {
        try (ShadowDatabase shadow = ShadowDatabase.create(server)) {
            return work.run(shadow.dataSource(), shadow.name());
        }
    }
}
