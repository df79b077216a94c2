package dev.preflight.migration.dbmate;

import dev.preflight.db.Schemas;
import dev.preflight.migration.AppliedChecksums;
import dev.preflight.migration.AppliedMigration;
import dev.preflight.migration.Migration;
import dev.preflight.migration.MigrationSource;
import dev.preflight.migration.SourceProblem;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A dbmate project's migrations: every {@code <digits>*.sql} file of the folder (default
 * {@code db/migrations}) in file-name order, each with a {@code -- migrate:up} section (what
 * Preflight applies) and a {@code -- migrate:down} section, as dbmate 2 parses them; recorded in
 * {@code schema_migrations (version varchar PRIMARY KEY)}, one row per applied version. dbmate keeps
 * no checksum: Preflight records the SHA-256 of the up section of each file it applies in
 * {@link AppliedChecksums} (its own schema), so an edited applied file is found; an edit of the down
 * section alone changes nothing that was applied and is not reported. For versions dbmate applied
 * itself there is no record until {@code baseline} adopts them.
 */
public final class DbmateSource implements MigrationSource {

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");

    private final Path projectRoot;
    private final Path folder;
    private final String schema;
    private final String table;
    private final AppliedChecksums checksums;
    private List<Migration> migrations;
    private List<SourceProblem> problems;
    private Set<String> transactional;

    /**
     * @param schema the schema of the history table (dbmate uses the URL's first {@code search_path}
     *     entry or the connection's current schema, normally {@code public})
     * @param table the history table, {@code schema_migrations} unless {@code --migrations-table} says otherwise
     */
    public DbmateSource(Path projectRoot, Path folder, String schema, String table) {
        this.projectRoot = projectRoot.toAbsolutePath().normalize();
        this.folder = folder.toAbsolutePath().normalize();
        this.schema = schema == null ? "public" : schema;
        this.table = table == null ? "schema_migrations" : table;
        this.checksums = new AppliedChecksums(historyTable());
    }

    public DbmateSource(Path projectRoot, Path folder) {
        this(projectRoot, folder, null, null);
    }

    /** Whether {@code folder} holds a dbmate migration: a {@code <digits>*.sql} file with a {@code -- migrate:up} line. */
    public static boolean accepts(Path folder) {
        return DbmateFiles.accepts(folder);
    }

    @Override
    public String layout() {
        return "dbmate";
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
            DbmateFiles files = new DbmateFiles(projectRoot, folder);
            migrations = files.read();
            problems = files.problems();
            transactional = files.transactional();
        }
        return migrations;
    }

    /** Files dbmate itself cannot run: a concurrent index in a transactional section, or beside other statements. */
    @Override
    public synchronized List<SourceProblem> problems() {
        migrations();
        return problems;
    }

    /**
     * dbmate runs an up section in a transaction unless its {@code -- migrate:up} line says
     * {@code transaction:false}, whatever the section holds; Lint's LINT003 reads it.
     */
    @Override
    public synchronized String transactionBlock(Migration migration) {
        migrations();
        return transactional.contains(migration.id())
                ? "dbmate runs this up section in a transaction (its '-- migrate:up' line does not say 'transaction:false')"
                : null;
    }

    @Override
    public List<AppliedMigration> history(Connection c) throws SQLException {
        if (!historyExists(c)) {
            return List.of();
        }
        List<AppliedMigration> out = new ArrayList<>();
        Map<String, String> descriptions = new HashMap<>();
        migrations().forEach(m -> descriptions.put(m.id(), m.description()));
        Map<String, String> recorded = checksums.read(c);
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version FROM " + historyTable() + " ORDER BY version")) {
            while (rs.next()) {
                String version = rs.getString(1);
                out.add(new AppliedMigration(version, descriptions.getOrDefault(version, ""), recorded.get(version),
                        AppliedMigration.Status.SUCCESS, null, null));
            }
        }
        return out;
    }

    /** dbmate's {@code CreateMigrationsTable} for PostgreSQL (2.36 creates {@code version varchar primary key}). */
    @Override
    public void createHistoryTable(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            Schemas.ensure(st, quote(schema));
            st.execute("CREATE TABLE IF NOT EXISTS " + historyTable() + " (version varchar primary key)");
        }
    }

    /** dbmate's {@code InsertMigration} (the version alone), and Preflight's checksum record beside it. */
    @Override
    public void recordApplied(Connection c, Migration m, Instant startedAt, long executionMillis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + historyTable() + " (version) VALUES (?)")) {
            ps.setString(1, m.id());
            ps.executeUpdate();
        }
        checksums.record(c, m);
    }

    @Override
    public AppliedChecksums preflightChecksums() {
        return checksums;
    }

    static String quote(String identifier) {
        return PLAIN_IDENTIFIER.matcher(identifier).matches() ? identifier : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
