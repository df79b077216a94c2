package dev.preflight.migration.postgrator;

import dev.preflight.kernel.PreflightException;
import dev.preflight.migration.AppliedMigration;
import dev.preflight.migration.Migration;
import dev.preflight.migration.MigrationSource;
import dev.preflight.migration.OneQueryFiles;
import dev.preflight.migration.SourceProblem;
import dev.preflight.migration.SqlSplitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Postgrator project's migrations ({@code NNN.do.name.sql}, {@code NNN.undo.name.sql} beside
 * them), read as Postgrator 8 reads them: the number before the first dot is the version, the part
 * after the second dot up to the next one the name, the checksum is the MD5 of the file's text;
 * recorded in {@code schemaversion (version bigint PRIMARY KEY, name text, md5 text, run_at
 * timestamptz)}, where Postgrator takes the highest version as the database's version.
 */
public final class PostgratorSource implements MigrationSource {

    /** The file names Postgrator runs: a number, {@code do} or {@code undo}, then anything. */
    static final Pattern FILE = Pattern.compile("^(\\d+)\\.(do|undo)(\\..*)?\\.sql$");
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");

    private final Path projectRoot;
    private final Path folder;
    private final String schema;
    private final String table;
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
    }

    public PostgratorSource(Path projectRoot, Path folder) {
        this(projectRoot, folder, null, null);
    }

    /** Whether {@code folder} holds at least one Postgrator {@code do} migration. */
    public static boolean accepts(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.anyMatch(p -> Files.isRegularFile(p) && FILE.matcher(p.getFileName().toString()).matches()
                    && p.getFileName().toString().contains(".do."));
        } catch (IOException e) {
            return false;
        }
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
            migrations = read();
        }
        return migrations;
    }

    /** Files Postgrator itself cannot run (it sends a file as one query). */
    @Override
    public List<SourceProblem> problems() {
        return migrations().stream().flatMap(m -> OneQueryFiles.check("Postgrator", relative(m.file()), m.statements()).stream()).toList();
    }

    private List<Migration> read() {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw PreflightException.config("cannot read the Postgrator migrations folder " + relative(folder) + ": " + e.getMessage(),
                    "check the folder's permissions");
        }
        List<Migration> out = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String[] parts = stripExtension(name).split("\\.", -1);
            if (parts.length >= 2 && parts[0].matches("\\d+") && (parts[1].equals("do") || parts[1].equals("undo"))
                    && !name.endsWith(".sql")) {
                // Postgrator also runs .js/.cjs/.mjs migrations (generateSql()); Preflight cannot evaluate them.
                throw PreflightException.config("the Postgrator migration " + relative(file) + " is JavaScript: Preflight applies SQL migrations only",
                        "apply it with Postgrator (npx postgrator) first, or rewrite it as " + stripExtension(name) + ".sql");
            }
            if (!FILE.matcher(name).matches()) {
                continue; // Postgrator skips names whose first part is not a number; so do we
            }
            long version = parseVersion(parts[0], file);
            Path other = seen.put(version + ":" + parts[1], file);
            if (other != null) {
                throw PreflightException.config("two Postgrator migrations with version " + version + " and action " + parts[1] + ": "
                        + relative(other) + " and " + relative(file), "renumber one of them (Postgrator refuses the folder too)");
            }
            if (!parts[1].equals("do") || version == 0) {
                continue; // undo files are for rolling back; Postgrator never runs version 0
            }
            byte[] bytes = readBytes(file);
            String text = new String(bytes, StandardCharsets.UTF_8);
            String description = parts.length > 2 ? parts[2] : "";
            out.add(new Migration(Long.toString(version), description, file, md5(text), SqlSplitter.split(text)));
        }
        out.sort(Comparator.comparingLong(m -> Long.parseLong(m.id())));
        return List.copyOf(out);
    }

    /**
     * The MD5 Postgrator records: over the file decoded as UTF-8 and encoded again (so a byte-order
     * mark counts and nothing is trimmed), line endings as they are (Postgrator's {@code newline}
     * option, off by default, is not supported).
     */
    public static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    @Override
    public List<AppliedMigration> history(Connection c) throws SQLException {
        if (!exists(c)) {
            return List.of();
        }
        Set<String> columns = columns(c);
        String name = columns.contains("name") ? "name" : "NULL";
        String md5 = columns.contains("md5") ? "md5" : "NULL";
        String runAt = columns.contains("run_at") ? "run_at" : "NULL::timestamptz";
        List<AppliedMigration> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version, " + name + ", " + md5 + ", " + runAt
                + " FROM " + historyTable() + " WHERE version > 0 ORDER BY version")) {
            while (rs.next()) {
                String checksum = rs.getString(3);
                Timestamp at = rs.getTimestamp(4);
                // An empty or missing md5 is one Postgrator does not validate (its documented way to skip a check).
                out.add(new AppliedMigration(Long.toString(rs.getLong(1)), rs.getString(2) == null ? "" : rs.getString(2),
                        checksum == null || checksum.isEmpty() ? null : checksum, AppliedMigration.Status.SUCCESS,
                        at == null ? null : at.toInstant(), null));
            }
        }
        return out;
    }

    /**
     * Postgrator's {@code ensureTable}: the table with its version column and the version-0 row,
     * then the columns later versions added, each only when missing (an older table is upgraded the
     * same way Postgrator upgrades it).
     */
    @Override
    public void createHistoryTable(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (!exists(c)) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
                st.execute("CREATE TABLE " + historyTable() + " (version BIGINT PRIMARY KEY)");
                st.execute("INSERT INTO " + historyTable() + " (version) VALUES (0)");
            }
            Set<String> columns = columns(c);
            if (!columns.contains("name")) {
                st.execute("ALTER TABLE " + historyTable() + " ADD COLUMN name TEXT");
            }
            if (!columns.contains("md5")) {
                st.execute("ALTER TABLE " + historyTable() + " ADD COLUMN md5 TEXT");
            }
            if (!columns.contains("run_at")) {
                st.execute("ALTER TABLE " + historyTable() + " ADD COLUMN run_at TIMESTAMP WITH TIME ZONE");
            }
        }
    }

    /** Postgrator's {@code persistActionSql} for a {@code do} migration. */
    @Override
    public void recordApplied(Connection c, Migration m, Instant startedAt, long executionMillis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + historyTable() + " (version, name, md5, run_at) VALUES (?, ?, ?, clock_timestamp())")) {
            ps.setLong(1, Long.parseLong(m.id()));
            ps.setString(2, m.description());
            ps.setString(3, m.checksum());
            ps.executeUpdate();
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

    private Set<String> columns(Connection c) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private long parseVersion(String digits, Path file) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw PreflightException.config("the Postgrator migration " + relative(file) + " has a version beyond 64 bits",
                    "renumber it: Postgrator keeps versions in a bigint column");
        }
    }

    private byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw PreflightException.config("cannot read migration " + relative(file) + ": " + e.getMessage(), "check the file's permissions");
        }
    }

    private String relative(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(projectRoot) ? projectRoot.relativize(abs).toString() : abs.toString();
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    static String quote(String identifier) {
        return PLAIN_IDENTIFIER.matcher(identifier).matches() ? identifier : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
