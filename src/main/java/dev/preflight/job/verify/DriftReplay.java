package dev.preflight.job.verify;

import dev.preflight.config.ShadowSettings;
import dev.preflight.db.schema.SchemaDiffer;
import dev.preflight.db.schema.SchemaDifference;
import dev.preflight.db.schema.SchemaIntrospector;
import dev.preflight.db.schema.SchemaModel;
import dev.preflight.migration.FlywayMigration;
import dev.preflight.migration.MigrationEngine;
import dev.preflight.migration.MigrationFiles;
import dev.preflight.run.RunContext;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drift by replay: applies the project's migrations to a shadow database, reads both schemas from
 * the catalog and diffs them. The shadow database lives in an isolated cluster by default (see
 * {@link ShadowServer}); it is dropped whatever happens, and shadows left by killed runs are
 * dropped first.
 */
public final class DriftReplay {

    private static final Logger log = LoggerFactory.getLogger(DriftReplay.class);
    private static final Pattern MISSING_ROLE = Pattern.compile("role \"([^\"]+)\" does not exist");

    /** What a replay found; {@code error} is set when the migrations could not be replayed. */
    public record Result(SchemaModel actual, SchemaModel expected, List<SchemaDifference> differences, String shadowDatabase,
                         long replayMs, long introspectMs, long diffMs, String error, Shadow shadow) {
    }

    /**
     * Where the replay ran and what it cleaned or left out: orphans of killed runs removed (or that
     * could not be), cluster-global statements not replayed (file and line), a version warning.
     */
    public record Shadow(String server, List<String> orphansRemoved, List<String> orphansLeft, List<SkippedStatement> skipped,
                        String warning) {

        static Shadow none() {
            return new Shadow(null, List.of(), List.of(), List.of(), null);
        }
    }

    /** A cluster-global statement that was not replayed because the shadow shares the target's cluster. */
    public record SkippedStatement(String file, int line, String statement) {
    }

    private final RunContext run;
    private final DataSource target;
    private final ShadowSettings settings;

    /** A replay in an isolated cluster, with no declared roles. */
    public DriftReplay(RunContext run, DataSource target) {
        this(run, target, ShadowSettings.isolated());
    }

    public DriftReplay(RunContext run, DataSource target, ShadowSettings settings) {
        this.run = run;
        this.target = target;
        this.settings = settings;
    }

    public Result run() throws SQLException {
        long t0 = System.nanoTime();
        SchemaModel actual;
        int targetMajor;
        try (Connection c = target.getConnection()) {
            actual = new SchemaIntrospector(c, run.config().historyTable()).read();
            targetMajor = majorVersion(c);
        }
        long introspectTarget = millisSince(t0);
        List<String> removed = new ArrayList<>();
        List<String> left = new ArrayList<>();
        EmbeddedShadowCluster.removeOrphans().forEach(p -> removed.add("shadow cluster " + p + " (its run's process is gone)"));
        ShadowServer server;
        try {
            server = ShadowServer.resolve(settings, run.target());
        } catch (ShadowServer.RefusedException e) {
            return failed(actual, introspectTarget, new Shadow(null, removed, left, List.of(), null), e.getMessage());
        } catch (SQLException | RuntimeException e) {
            return failed(actual, introspectTarget, new Shadow(null, removed, left, List.of(), null),
                    "cannot reach the shadow server (" + e.getMessage() + ")");
        }
        cleanOrphans(server.adminUrl(), removed, left);
        if (!run.target().ddlUrl().hosts().equals(server.adminUrl().hosts()) || server.kind() == ShadowServer.Kind.ISOLATED) {
            cleanOrphans(run.target().ddlUrl(), removed, left); // shadows an older run left on the target's own server
        }
        String warning = server.majorVersion() != null && server.majorVersion() != targetMajor
                ? "the target runs PostgreSQL " + targetMajor + " but the shadow replay ran on PostgreSQL " + server.majorVersion()
                        + (server.kind() == ShadowServer.Kind.ISOLATED ? " (the machine's binaries)" : "")
                        + ": catalog details may differ between major versions; give --shadow-url to a server of the target's version"
                : null;
        try (ShadowSession.Replayed replayed = ShadowSession.Replayed.on(server, run.migrationFiles(), run.config())) {
            Shadow shadow = new Shadow(server.description(), removed, left, replayed.skipped(), warning);
            return replay(server, replayed.files(), actual, introspectTarget, shadow);
        } catch (IOException e) {
            return failed(actual, introspectTarget, new Shadow(server.description(), removed, left, List.of(), warning),
                    "cannot copy the migrations for the replay: " + e.getMessage());
        }
    }

    private Result replay(ShadowServer server, MigrationFiles files, SchemaModel actual, long introspectTarget, Shadow info)
            throws SQLException {
        ShadowDatabase shadow;
        try {
            shadow = ShadowDatabase.create(server.adminUrl());
        } catch (SQLException | RuntimeException e) {
            return failed(actual, introspectTarget, info, "cannot create a shadow database on " + server.description() + " ("
                    + e.getMessage() + "): the role needs CREATEDB");
        }
        try (ShadowRoles roles = server.replaysClusterGlobalStatements() ? ShadowRoles.prepare(server.adminUrl(), settings.roles()) : null;
             shadow) {
            log.info("verify: replaying {} migration(s) on shadow database {} in {}", files.files().size(), shadow.name(), server.description());
            long t1 = System.nanoTime();
            MigrationEngine engine = MigrationEngine.of(shadow.dataSource(), files, run.config());
            FlywayMigration.Result migrated = engine instanceof FlywayMigration flyway
                    ? flyway.migrate(run.config().timeouts().replayTimeout()) : engine.migrate();
            long replayMs = millisSince(t1);
            if (migrated.error() != null) {
                return new Result(actual, null, List.of(), shadow.name(), replayMs, introspectTarget, 0,
                        explain(migrated.error(), server, settings.roles()), info);
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
            return new Result(actual, expected, differences, shadow.name(), replayMs, introspectMs, diffMs, null, info);
        }
    }

    /** A role the shadow cluster lacks is a missing declaration, not a broken migration: say so and how to declare it. */
    static String explain(String error, ShadowServer server, List<String> declaredRoles) {
        String missing = missingRole(error, server, declaredRoles);
        return missing != null ? missing : "the migrations do not replay on an empty database: " + error;
    }

    /** When {@code error} is a role the shadow cluster lacks and nobody declared: what to declare; otherwise null. */
    public static String missingRole(String error, ShadowServer server, List<String> declaredRoles) {
        Matcher m = MISSING_ROLE.matcher(error);
        if (m.find() && server.replaysClusterGlobalStatements() && !declaredRoles.contains(m.group(1))) {
            return "the migrations use role " + m.group(1) + ", which does not exist in " + server.description()
                    + " (roles are cluster-wide: the shadow has only the roles declared in jobs/preflight.yaml): "
                    + "declare it under verify.shadowRoles: [" + m.group(1) + "] (" + error + ")";
        }
        return null;
    }

    private static void cleanOrphans(dev.preflight.config.DatabaseUrl server, List<String> removed, List<String> left) {
        try {
            for (OrphanShadows.Orphan o : OrphanShadows.clean(server)) {
                if (o.dropped()) {
                    removed.add("shadow database " + o.database() + " on " + o.server() + " (no live run holds it)");
                } else {
                    left.add("shadow database " + o.database() + " on " + o.server() + ": " + o.error());
                }
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("verify: could not look for orphan shadow databases on {}: {}", server.masked(), e.getMessage());
        }
    }

    private static Result failed(SchemaModel actual, long introspectMs, Shadow shadow, String error) {
        return new Result(actual, null, List.of(), null, 0, introspectMs, 0, error, shadow);
    }

    private static int majorVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
