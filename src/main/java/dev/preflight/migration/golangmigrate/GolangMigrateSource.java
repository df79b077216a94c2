package dev.preflight.migration.golangmigrate;

import dev.preflight.kernel.PreflightException;
import dev.preflight.migration.AppliedChecksums;
import dev.preflight.migration.AppliedMigration;
import dev.preflight.migration.Migration;
import dev.preflight.migration.MigrationSource;
import dev.preflight.migration.MigrationText;
import dev.preflight.migration.OneQueryFiles;
import dev.preflight.migration.SourceProblem;
import dev.preflight.migration.SqlSplitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A golang-migrate project's migrations ({@code NNN_name.up.sql}, {@code NNN_name.down.sql}),
 * read as its file source parses them, with its PostgreSQL history: {@code schema_migrations
 * (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)} holding one row, the last version
 * applied, marked dirty while a migration runs and left dirty when it fails. golang-migrate keeps
 * no checksum: Preflight records the SHA-256 of each {@code .up.sql} file it applies in
 * {@link AppliedChecksums} (its own schema), so an edited applied file is found; for versions
 * golang-migrate applied itself there is no record until {@code baseline} adopts them.
 */
public final class GolangMigrateSource implements MigrationSource {

    /** golang-migrate's {@code source.Regex}, for SQL files: version, identifier, direction. */
    static final Pattern FILE = Pattern.compile("^([0-9]+)_(.*)\\.(down|up)\\.sql$");
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");

    private final Path projectRoot;
    private final Path folder;
    private final String schema;
    private final String table;
    private final AppliedChecksums checksums;
    private List<Migration> migrations;

    /**
     * @param schema the schema of the history table (golang-migrate uses the connection's current
     *     schema, normally {@code public})
     * @param table the history table, {@code schema_migrations} unless {@code x-migrations-table} says otherwise
     */
    public GolangMigrateSource(Path projectRoot, Path folder, String schema, String table) {
        this.projectRoot = projectRoot.toAbsolutePath().normalize();
        this.folder = folder.toAbsolutePath().normalize();
        this.schema = schema == null ? "public" : schema;
        this.table = table == null ? "schema_migrations" : table;
        this.checksums = new AppliedChecksums(historyTable());
    }

    public GolangMigrateSource(Path projectRoot, Path folder) {
        this(projectRoot, folder, null, null);
    }

    /** Whether {@code folder} holds at least one golang-migrate {@code .up.sql} migration. */
    public static boolean accepts(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.anyMatch(p -> {
                Matcher m = FILE.matcher(p.getFileName().toString());
                return Files.isRegularFile(p) && m.matches() && m.group(3).equals("up");
            });
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public String layout() {
        return "golang-migrate";
    }

    @Override
    public String historyTable() {
        return quote(schema) + "." + quote(table);
    }

    @Override
    public Path folder() {
        return folder;
    }

    @Override
    public synchronized List<Migration> migrations() {
        if (migrations == null) {
            migrations = read();
        }
        return migrations;
    }

    /** Files golang-migrate itself cannot run (its postgres driver sends a file as one query). */
    @Override
    public List<SourceProblem> problems() {
        return migrations().stream().flatMap(m -> OneQueryFiles.check("golang-migrate", relative(m.file()), m.statements()).stream()).toList();
    }

    private List<Migration> read() {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw PreflightException.config("cannot read the golang-migrate migrations folder " + relative(folder) + ": " + e.getMessage(),
                    "check the folder's permissions");
        }
        List<Migration> out = new ArrayList<>();
        Map<Long, Path> seen = new HashMap<>();
        for (Path file : files) {
            Matcher m = FILE.matcher(file.getFileName().toString());
            if (!m.matches() || !m.group(3).equals("up")) {
                continue; // down files roll back; other names golang-migrate does not read either
            }
            long version;
            try {
                version = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw PreflightException.config("the golang-migrate migration " + relative(file) + " has a version beyond 64 bits",
                        "renumber it: golang-migrate keeps the version in a bigint column");
            }
            Path other = seen.put(version, file);
            if (other != null) {
                throw PreflightException.config("two golang-migrate up migrations with version " + version + ": " + relative(other) + " and "
                        + relative(file), "renumber one of them (golang-migrate refuses the folder too: duplicate migration file)");
            }
            byte[] bytes = MigrationText.bytes(file);
            out.add(new Migration(Long.toString(version), m.group(2), file, MigrationText.sha256Hex(bytes),
                    SqlSplitter.split(new String(bytes, StandardCharsets.UTF_8))));
        }
        out.sort(Comparator.comparingLong(x -> Long.parseLong(x.id())));
        return List.copyOf(out);
    }

    /**
     * The history as golang-migrate sees it: its one row says every migration up to that version is
     * applied (golang-migrate never goes back to a lower file), and a dirty row says the migration
     * of that version failed or was interrupted part-way. Checksums are Preflight's records (null
     * for a version golang-migrate applied itself).
     */
    @Override
    public List<AppliedMigration> history(Connection c) throws SQLException {
        Optional<Version> current = version(c);
        if (current.isEmpty()) {
            return List.of();
        }
        Version v = current.get();
        Map<String, String> recorded = checksums.read(c);
        List<AppliedMigration> out = new ArrayList<>();
        boolean currentListed = false;
        for (Migration m : migrations()) {
            long version = Long.parseLong(m.id());
            if (version < v.version) {
                out.add(new AppliedMigration(m.id(), m.description(), recorded.get(m.id()), AppliedMigration.Status.SUCCESS, null, null));
            } else if (version == v.version) {
                out.add(row(v, m.description(), recorded.get(m.id())));
                currentListed = true;
            }
        }
        if (!currentListed) {
            out.add(row(v, "", null)); // applied by a file that is no longer here
        }
        return out;
    }

    private static AppliedMigration row(Version v, String description, String checksum) {
        return new AppliedMigration(Long.toString(v.version), description, checksum,
                v.dirty ? AppliedMigration.Status.DIRTY : AppliedMigration.Status.SUCCESS, null, null);
    }

    /** golang-migrate's version and dirty flag; empty when the table is missing or has no row (nothing applied). */
    public Optional<Version> version(Connection c) throws SQLException {
        if (!exists(c)) {
            return Optional.empty();
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version, dirty FROM " + historyTable() + " LIMIT 1")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            long version = rs.getLong(1);
            boolean dirty = rs.getBoolean(2);
            // -1 (golang-migrate's NilVersion) is written only with dirty=true, after a failed down migration of the first file.
            return version < 0 && !dirty ? Optional.empty() : Optional.of(new Version(version, dirty));
        }
    }

    /** golang-migrate's version row. */
    public record Version(long version, boolean dirty) {
    }

    /** The remedy golang-migrate itself gives for a dirty database: repair by hand, then {@code force} the version that is true. */
    @Override
    public String failedRemedy(String id) {
        return id != null && id.matches("\\d+") ? dirtyRemedy(Long.parseLong(id)) : null;
    }

    public String dirtyRemedy(long version) {
        long previous = migrations().stream().mapToLong(m -> Long.parseLong(m.id())).filter(x -> x < version).max().orElse(-1);
        return "golang-migrate recorded version " + version + " as dirty: the migration failed or was interrupted part-way. Check which of "
                + "its statements took effect and finish or undo them by hand, then record the true version with golang-migrate's "
                + "'migrate -path " + relative(folder) + " -database \"$DATABASE_URL\" force " + version + "' (it is now fully applied) or 'force "
                + previous + "' (nothing of it remains), and run Preflight again";
    }

    /** golang-migrate's {@code ensureVersionTable}. */
    @Override
    public void createHistoryTable(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + historyTable() + " (version bigint not null primary key, dirty boolean not null)");
        }
    }

    /**
     * golang-migrate's {@code SetVersion(version, dirty=true)} before it runs a migration: committed
     * first, so that a migration that fails or is killed part-way leaves its version dirty.
     */
    @Override
    public void recordStarted(Connection c, Migration m, Instant startedAt) throws SQLException {
        setVersion(c, Long.parseLong(m.id()), true);
    }

    /**
     * golang-migrate's {@code SetVersion(version, false)} after a migration (the table holds only the
     * newest version), and Preflight's checksum record beside it.
     */
    @Override
    public void recordApplied(Connection c, Migration m, Instant startedAt, long executionMillis) throws SQLException {
        setVersion(c, Long.parseLong(m.id()), false);
        checksums.record(c, m);
    }

    @Override
    public AppliedChecksums preflightChecksums() {
        return checksums;
    }

    /** What golang-migrate leaves after a failed migration: its version, dirty; it refuses to run until forced. */
    @Override
    public void recordFailed(Connection c, Migration m, Instant startedAt, String error) throws SQLException {
        setVersion(c, Long.parseLong(m.id()), true);
    }

    /** golang-migrate's {@code SetVersion}: TRUNCATE and INSERT in one transaction (the caller's, or one of its own). */
    private void setVersion(Connection c, long version, boolean dirty) throws SQLException {
        boolean own = c.getAutoCommit();
        if (own) {
            c.setAutoCommit(false);
        }
        try {
            try (Statement st = c.createStatement()) {
                st.execute("TRUNCATE " + historyTable());
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + historyTable() + " (version, dirty) VALUES (?, ?)")) {
                ps.setLong(1, version);
                ps.setBoolean(2, dirty);
                ps.executeUpdate();
            }
            if (own) {
                c.commit();
            }
        } catch (SQLException e) {
            if (own) {
                c.rollback();
            }
            throw e;
        } finally {
            if (own) {
                c.setAutoCommit(true);
            }
        }
    }

    private boolean exists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, historyTable());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private String relative(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(projectRoot) ? projectRoot.relativize(abs).toString() : abs.toString();
    }

    static String quote(String identifier) {
        return PLAIN_IDENTIFIER.matcher(identifier).matches() ? identifier : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
