package dev.preflight.migration.prisma;

import dev.preflight.kernel.PreflightException;
import dev.preflight.migration.AppliedMigration;
import dev.preflight.migration.LayoutSettings;
import dev.preflight.migration.Migration;
import dev.preflight.migration.MigrationSource;
import dev.preflight.migration.MigrationText;
import dev.preflight.migration.SourceProblem;
import dev.preflight.migration.SqlSplitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Prisma project's migrations: one folder per migration, applied in folder-name order (as
 * {@code prisma migrate deploy} sorts them), recorded in {@code _prisma_migrations} of the
 * connection's schema with Prisma's own columns, checksum and status conventions (a row with
 * {@code rolled_back_at} set does not count; one without {@code finished_at} is a failed attempt).
 */
public final class PrismaSource implements MigrationSource {

    private static final Pattern NAME = Pattern.compile("^(\\d+)_(.+)$");
    private static final Pattern PROVIDER = Pattern.compile("(?m)^\\s*provider\\s*=\\s*\"([^\"]+)\"");

    private final LayoutSettings settings;
    private final List<Migration> migrations;
    private final Map<String, String> scripts;
    private final List<SourceProblem> problems;
    /** The history row of each attempt started in this run, by migration name, finished or failed later. */
    private final Map<String, String> started = new HashMap<>();

    private PrismaSource(LayoutSettings settings, List<Migration> migrations, Map<String, String> scripts, List<SourceProblem> problems) {
        this.settings = settings;
        this.migrations = List.copyOf(migrations);
        this.scripts = scripts;
        this.problems = List.copyOf(problems);
    }

    static PrismaSource read(LayoutSettings settings) {
        Path folder = settings.folder();
        Path lock = folder.resolve("migration_lock.toml");
        if (Files.isRegularFile(lock)) {
            Matcher m = PROVIDER.matcher(MigrationText.text(lock));
            if (m.find() && !m.group(1).equals("postgresql")) {
                throw PreflightException.config(settings.relative(lock) + " says provider = \"" + m.group(1) + "\"",
                        "Preflight works on PostgreSQL: point --project at a project whose Prisma provider is postgresql");
            }
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(folder)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw PreflightException.config("cannot read " + folder + ": " + e.getMessage(), "check the folder's permissions");
        }
        List<Migration> out = new ArrayList<>();
        Map<String, String> scripts = new HashMap<>();
        List<SourceProblem> problems = new ArrayList<>();
        for (Path dir : dirs) {
            String name = dir.getFileName().toString();
            Path file = dir.resolve("migration.sql");
            if (!Files.isRegularFile(file)) {
                problems.add(new SourceProblem(settings.relative(dir), "the Prisma migration folder " + name + " has no migration.sql: "
                        + "prisma migrate deploy stops on it", "add its migration.sql or remove the folder, then run ./preflight migrate"));
                continue;
            }
            String script = MigrationText.text(file);
            Matcher m = NAME.matcher(name);
            String description = m.matches() ? m.group(2).replace('_', ' ') : name;
            out.add(new Migration(name, description, file, PrismaChecksum.of(script), SqlSplitter.split(script)));
            scripts.put(name, script);
        }
        return new PrismaSource(settings, out, scripts, problems);
    }

    @Override
    public String layout() {
        return "prisma";
    }

    /** Prisma keeps its table in the schema of the connection ({@code ?schema=}, default public). */
    @Override
    public String historyTable() {
        return MigrationText.quote(settings.schema() == null ? "public" : settings.schema()) + "._prisma_migrations";
    }

    @Override
    public Path folder() {
        return settings.folder();
    }

    @Override
    public List<Migration> migrations() {
        return migrations;
    }

    @Override
    public List<SourceProblem> problems() {
        return problems;
    }

    @Override
    public boolean checksumMatches(Migration migration, String recorded) {
        String script = scripts.get(migration.id());
        return script == null || PrismaChecksum.matches(script, recorded);
    }

    @Override
    public List<AppliedMigration> history(Connection c) throws SQLException {
        if (!historyExists(c)) {
            return List.of();
        }
        List<AppliedMigration> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT migration_name, checksum, started_at, finished_at, "
                + "rolled_back_at FROM " + historyTable() + " ORDER BY started_at, migration_name")) {
            while (rs.next()) {
                Timestamp started = rs.getTimestamp(3);
                Timestamp finished = rs.getTimestamp(4);
                AppliedMigration.Status status = rs.getTimestamp(5) != null ? AppliedMigration.Status.ROLLED_BACK
                        : finished == null ? AppliedMigration.Status.FAILED : AppliedMigration.Status.SUCCESS;
                String name = rs.getString(1);
                Matcher m = NAME.matcher(name);
                out.add(new AppliedMigration(name, m.matches() ? m.group(2).replace('_', ' ') : name, rs.getString(2), status,
                        finished == null ? null : finished.toInstant(),
                        finished == null || started == null ? null : finished.getTime() - started.getTime()));
            }
        }
        return out;
    }

    /** The table as prisma-engines creates it on PostgreSQL. */
    @Override
    public void createHistoryTable(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + historyTable() + " (\n"
                    + "    \"id\"                    VARCHAR(36) PRIMARY KEY NOT NULL,\n"
                    + "    \"checksum\"              VARCHAR(64) NOT NULL,\n"
                    + "    \"finished_at\"           TIMESTAMPTZ,\n"
                    + "    \"migration_name\"        VARCHAR(255) NOT NULL,\n"
                    + "    \"logs\"                  TEXT,\n"
                    + "    \"rolled_back_at\"        TIMESTAMPTZ,\n"
                    + "    \"started_at\"            TIMESTAMPTZ NOT NULL DEFAULT now(),\n"
                    + "    \"applied_steps_count\"   INTEGER NOT NULL DEFAULT 0\n"
                    + ")");
        }
    }

    /**
     * prisma-engines records a migration as started before it runs it (a row with no finished_at,
     * committed), so that a deploy killed part-way leaves a failed attempt that Prisma and Preflight
     * both refuse to go past until it is resolved.
     */
    @Override
    public void recordStarted(Connection c, Migration m, Instant startedAt) throws SQLException {
        String rowId = UUID.randomUUID().toString();
        insert(c, rowId, m, startedAt, false, null);
        if (!c.getAutoCommit()) {
            c.commit();
        }
        started.put(m.id(), rowId);
    }

    @Override
    public void recordApplied(Connection c, Migration m, Instant startedAt, long executionMillis) throws SQLException {
        String rowId = started.remove(m.id());
        if (rowId == null) {
            insert(c, UUID.randomUUID().toString(), m, startedAt, true, null); // baseline: no attempt was started
        } else {
            update(c, rowId, "finished_at = now(), applied_steps_count = 1", null);
        }
    }

    /** Prisma leaves the attempt with no finished_at and the error in logs: deploy refuses until it is resolved. */
    @Override
    public void recordFailed(Connection c, Migration m, Instant startedAt, String error) throws SQLException {
        String rowId = started.remove(m.id());
        if (rowId == null) {
            insert(c, UUID.randomUUID().toString(), m, startedAt, false, error);
        } else {
            update(c, rowId, "logs = ?", error);
        }
    }

    /** Prisma's own way out of a failed attempt (P3009), once the database is put right by hand. */
    @Override
    public String failedRemedy(String id) {
        return "undo what the failed attempt of " + id + " applied, then run npx prisma migrate resolve --rolled-back " + id
                + " (or --applied " + id + " if it did complete), and migrate again";
    }

    private void insert(Connection c, String rowId, Migration m, Instant startedAt, boolean finished, String logs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + historyTable() + " (id, checksum, finished_at, migration_name, logs, "
                + "rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, " + (finished ? "now()" : "NULL") + ", ?, ?, NULL, ?, ?)")) {
            ps.setString(1, rowId);
            ps.setString(2, m.checksum());
            ps.setString(3, m.id());
            ps.setString(4, logs);
            ps.setTimestamp(5, Timestamp.from(startedAt));
            ps.setInt(6, finished ? 1 : 0);
            ps.executeUpdate();
        }
    }

    private void update(Connection c, String rowId, String set, String logs) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + historyTable() + " SET " + set + " WHERE id = ?")) {
            int i = 1;
            if (logs != null) {
                ps.setString(i++, logs);
            }
            ps.setString(i, rowId);
            ps.executeUpdate();
        }
    }
}
