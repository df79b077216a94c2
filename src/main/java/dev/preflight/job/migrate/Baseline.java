package dev.preflight.job.migrate;

import dev.preflight.config.DatabaseTarget;
import dev.preflight.config.ProjectConfig;
import dev.preflight.config.ShadowSettings;
import dev.preflight.db.schema.SchemaDiffer;
import dev.preflight.db.schema.SchemaDifference;
import dev.preflight.db.schema.SchemaIntrospector;
import dev.preflight.db.schema.SchemaModel;
import dev.preflight.job.verify.DriftReplay;
import dev.preflight.job.verify.ShadowSession;
import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.PreflightException;
import dev.preflight.migration.Migration;
import dev.preflight.migration.MigrationExecutor;
import dev.preflight.migration.MigrationFiles;
import dev.preflight.migration.MigrationSource;
import dev.preflight.migration.MigrationStateClassifier;
import dev.preflight.migration.SeamMigration;
import dev.preflight.migration.SessionRestore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Adopts a database built by hand or by another tool: after checking that its schema matches a
 * replay of the migrations up to a version (on a shadow database), records the native history
 * rows for the migrations not yet recorded, in one transaction, so the native tool and Preflight
 * then apply only what comes after. A difference refuses the baseline: adopting never hides one.
 * For a layout whose native history keeps no checksum (golang-migrate, dbmate), it also records
 * Preflight's checksum of each migration the native tool applied and Preflight has no record of,
 * so that later runs report an edit of those files.
 */
public final class Baseline {

    /**
     * What was recorded (native rows, and Preflight's checksums of migrations the native tool
     * applied), and what the drift check compared.
     */
    public record Result(List<String> recorded, List<String> checksumsRecorded, String upTo, int objectsCompared, String shadowDatabase,
                         long replayMs) {
    }

    private final DataSource target;
    private final DatabaseTarget targetInfo;
    private final MigrationFiles files;
    private final MigrationSource source;
    private final ProjectConfig config;
    private final String historyTable;
    private final ShadowSettings shadowSettings;

    /** The drift check replays on the server verify would use ({@link ShadowSession}), never the target's cluster unless allowed. */
    public Baseline(DataSource target, DatabaseTarget targetInfo, MigrationFiles files, ProjectConfig config, ShadowSettings shadowSettings) {
        this.target = target;
        this.targetInfo = targetInfo;
        this.files = files;
        this.source = files.source();
        this.config = config;
        this.historyTable = config.historyTable();
        this.shadowSettings = shadowSettings;
    }

    /** The migrations up to {@code to} (all when null), in native order; an unknown id is a usage error listing the known ones. */
    public List<Migration> upTo(String to) {
        List<Migration> all = source.migrations();
        if (to == null) {
            return all;
        }
        for (int i = 0; i < all.size(); i++) {
            if (to.equals(all.get(i).id())) {
                return all.subList(0, i + 1);
            }
        }
        throw PreflightException.config("baseline --to " + to + ": no " + source.layout() + " migration has that id",
                "use one of " + all.stream().map(Migration::id).toList());
    }

    public Result run(String to) throws SQLException {
        List<Migration> range = upTo(to);
        if (range.isEmpty()) {
            throw PreflightException.config("baseline: the project has no migrations to record", "add migrations first");
        }
        String last = range.get(range.size() - 1).id();
        List<Migration> toRecord = new ArrayList<>();
        List<Migration> checksumsToRecord = new ArrayList<>();
        try (Connection c = target.getConnection()) {
            var classified = MigrationStateClassifier.classify(source.migrations(), source.history(c), source::checksumMatches);
            for (var x : classified) {
                if (x.migration() != null && range.contains(x.migration())) {
                    if (x.state().equals("FAILED")) {
                        throw new PreflightException(ExitCode.NOT_READY, "baseline: " + x.migration().id() + " is recorded as failed in "
                                + source.historyTable(), "resolve the failed attempt first (see the MIG002 finding of ./preflight report)");
                    }
                    if (x.state().equals("PENDING")) {
                        toRecord.add(x.migration());
                    } else if (x.state().equals("SUCCESS") && x.applied().checksum() == null && source.preflightChecksums() != null) {
                        checksumsToRecord.add(x.migration());
                    }
                }
            }
        }
        long t0 = System.nanoTime();
        Object[] replay;
        try {
            replay = ShadowSession.run(shadowSettings, targetInfo, config, files, site -> {
                MigrationExecutor executor = new MigrationExecutor(SeamMigration.LOCK_TIMEOUT, Duration.ZERO);
                List<Migration> replayed = site.files().source().migrations().subList(0, range.size());
                try (Connection c = site.shadow().getConnection()) {
                    SessionRestore session = SessionRestore.of(site.files().source().restoresSessionBetweenMigrations(), c);
                    for (Migration m : replayed) {
                        session.restore(c);
                        var r = executor.apply(c, m.statements(), null);
                        if (!r.success()) {
                            String error = r.error().getMessage().lines().findFirst().orElse("");
                            String role = DriftReplay.missingRole(error, site.server(), shadowSettings.roles());
                            throw new PreflightException(ExitCode.NOT_READY, "baseline: the migrations up to " + last + " do not replay on "
                                    + "an empty database: " + m.file().getFileName() + " line " + (r.failed() == null ? 0 : r.failed().line())
                                    + ": " + (role != null ? role : error), "fix the migrations first (./preflight verify shows the replay)");
                        }
                    }
                    return new Object[] {new SchemaIntrospector(c, historyTable).read(), site.name()};
                }
            });
        } catch (IOException e) {
            throw new PreflightException(ExitCode.USAGE_OR_CONNECTION, "baseline: cannot copy the migrations for the replay: " + e.getMessage(),
                    "check the temporary folder's free space and permissions");
        }
        long replayMs = (System.nanoTime() - t0) / 1_000_000;
        SchemaModel expected = (SchemaModel) replay[0];
        SchemaModel actual;
        try (Connection c = target.getConnection()) {
            actual = new SchemaIntrospector(c, historyTable).read();
        }
        List<SchemaDifference> differences = SchemaDiffer.diff(expected, actual);
        if (!differences.isEmpty()) {
            StringBuilder list = new StringBuilder();
            differences.stream().limit(10).forEach(d -> list.append("\n  - ").append(d.describe()));
            throw new PreflightException(ExitCode.NOT_READY, "baseline refused: the database differs from a replay of the migrations up to "
                    + last + " in " + differences.size() + " object(s); nothing was recorded:" + list
                    + (differences.size() > 10 ? "\n  - ... (" + (differences.size() - 10) + " more)" : ""),
                    "baseline at the version the database really is at (./preflight baseline --to VERSION), or make the schema "
                            + "match first (./preflight verify writes drift.sql)");
        }
        if (!toRecord.isEmpty() || !checksumsToRecord.isEmpty()) {
            try (Connection c = target.getConnection()) {
                c.setAutoCommit(false);
                try {
                    for (Migration m : checksumsToRecord) {
                        source.preflightChecksums().record(c, m);
                    }
                    source.createHistoryTable(c);
                    Instant now = Instant.now();
                    for (Migration m : toRecord) {
                        source.recordApplied(c, m, now, 0);
                    }
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
        return new Result(toRecord.stream().map(Migration::id).toList(), checksumsToRecord.stream().map(Migration::id).toList(), last,
                expected.size(), (String) replay[1], replayMs);
    }
}
