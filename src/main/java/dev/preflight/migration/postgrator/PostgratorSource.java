package dev.preflight.migration.postgrator;

import dev.preflight.migration.AppliedMigration;
import dev.preflight.migration.Migration;
import dev.preflight.migration.MigrationSource;
import dev.preflight.migration.OneQueryFiles;
import dev.preflight.migration.SourceProblem;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Postgrator project's migrations ({@code NNN.do.name.sql}, {@code NNN.undo.name.sql} beside
 * them), read as Postgrator 8 reads them: the number before the first dot is the version, the part
 * after the second dot up to the next one the name, the checksum is the MD5 of the file's text;
 * recorded in {@code schemaversion (version bigint PRIMARY KEY, name text, md5 text, run_at
 * timestamptz)}, where Postgrator takes the highest version as the database's version.
 */
public final class PostgratorSource implements MigrationSource {

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");

    private final Path projectRoot;
    private final Path folder;
    private final String schema;
    private final String table;
    private final PostgratorFiles files;
    private final SchemaVersionTable versionTable;
    private List<Migration> migrations;

    /**
     * @param schema the schema of the history table (Postgrator's {@code schemaTable} may name one;
     *     unqualified it lands in the connection's current schema, normally {@code public})
     * @param table the history table, {@code schemaversion} unless the project configured another
     */
    public PostgratorSource(Path projectRoot, Path folder, String schema, String table) {
        this.projectRoot = projectRoot.toAbsolutePath().normalize();
        this.folder = folder.toAbsolutePath().normalize();
        this.schema = schema == null ? "public" : schema;
        this.table = table == null ? "schemaversion" : table;
        this.files = new PostgratorFiles(this.projectRoot, this.folder);
        this.versionTable = new SchemaVersionTable(this.schema, this.table, historyTable());
    }

    public PostgratorSource(Path projectRoot, Path folder) {
        this(projectRoot, folder, null, null);
    }

    /** Whether {@code folder} holds at least one Postgrator {@code do} migration. */
    public static boolean accepts(Path folder) {
        return PostgratorFiles.accepts(folder);
    }

    @Override
    public String layout() {
        return "postgrator";
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

    /** Files Postgrator itself cannot run (it sends a file as one query). */
    @Override
    public List<SourceProblem> problems() {
        return migrations().stream().flatMap(m -> OneQueryFiles.check("Postgrator", files.relative(m.file()), m.statements()).stream()).toList();
    }

    @Override
    public List<AppliedMigration> history(Connection c) throws SQLException {
        return historyExists(c) ? versionTable.read(c) : List.of();
    }

    /** Postgrator's {@code ensureTable}, which also upgrades a table an older Postgrator created. */
    @Override
    public void createHistoryTable(Connection c) throws SQLException {
        versionTable.ensure(c, !historyExists(c));
    }

    /** Postgrator's {@code persistActionSql} for a {@code do} migration. */
    @Override
    public void recordApplied(Connection c, Migration m, Instant startedAt, long executionMillis) throws SQLException {
        versionTable.recordApplied(c, m);
    }

    static String quote(String identifier) {
        return PLAIN_IDENTIFIER.matcher(identifier).matches() ? identifier : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
