package dev.preflight.migration.golangmigrate;

import dev.preflight.migration.AppliedChecksums;
import dev.preflight.migration.AppliedMigration;
import dev.preflight.migration.Migration;
import dev.preflight.migration.MigrationSource;
import dev.preflight.migration.OneQueryFiles;
import dev.preflight.migration.SourceProblem;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

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

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");

    private final Path projectRoot;
    private final Path folder;
    private final String schema;
    private final String table;
    private final AppliedChecksums checksums;
    private final GolangMigrateFiles files;
    private final VersionTable versionTable;
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
        this.files = new GolangMigrateFiles(this.projectRoot, this.folder);
        this.versionTable = new VersionTable(historyTable());
    }

    public GolangMigrateSource(Path projectRoot, Path folder) {
        this(projectRoot, folder, null, null);
    }

    /** Whether {@code folder} holds at least one golang-migrate {@code .up.sql} migration. */
    public static boolean accepts(Path folder) {
        return GolangMigrateFiles.accepts(folder);
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
            migrations = files.read();
        }
        return migrations;
    }

    /** Files golang-migrate itself cannot run (its postgres driver sends a file as one query). */
    @Override
    public List<SourceProblem> problems() {
        return migrations().stream().flatMap(m -> OneQueryFiles.check("golang-migrate", files.relative(m.file()), m.statements()).stream()).toList();
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
        return historyExists(c) ? versionTable.read(c) : Optional.empty();
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
                + "'migrate -path " + files.relative(folder) + " -database \"$DATABASE_URL\" force " + version + "' (it is now fully applied) or 'force "
                + previous + "' (nothing of it remains), and run Preflight again";
    }

    /** golang-migrate's {@code ensureVersionTable}. */
    @Override
    public void createHistoryTable(Connection c) throws SQLException {
        versionTable.create(c);
    }

    /**
     * golang-migrate's {@code SetVersion(version, dirty=true)} before it runs a migration: committed
     * first, so that a migration that fails or is killed part-way leaves its version dirty.
     */
    @Override
    public void recordStarted(Connection c, Migration m, Instant startedAt) throws SQLException {
        versionTable.setVersion(c, Long.parseLong(m.id()), true);
    }

    /**
     * golang-migrate's {@code SetVersion(version, false)} after a migration (the table holds only the
     * newest version), and Preflight's checksum record beside it.
     */
    @Override
    public void recordApplied(Connection c, Migration m, Instant startedAt, long executionMillis) throws SQLException {
        versionTable.setVersion(c, Long.parseLong(m.id()), false);
        checksums.record(c, m);
    }

    @Override
    public AppliedChecksums preflightChecksums() {
        return checksums;
    }

    /** What golang-migrate leaves after a failed migration: its version, dirty; it refuses to run until forced. */
    @Override
    public void recordFailed(Connection c, Migration m, Instant startedAt, String error) throws SQLException {
        versionTable.setVersion(c, Long.parseLong(m.id()), true);
    }

    static String quote(String identifier) {
        return PLAIN_IDENTIFIER.matcher(identifier).matches() ? identifier : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
