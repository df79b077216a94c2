package dev.preflight.migration.flyway;

import dev.preflight.kernel.PreflightException;
import dev.preflight.migration.AppliedMigration;
import dev.preflight.migration.LayoutSettings;
import dev.preflight.migration.Migration;
import dev.preflight.migration.MigrationSource;
import dev.preflight.migration.MigrationText;
import dev.preflight.migration.SqlSplitter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The Flyway layout's files and history table. Flyway itself stays the engine that migrates
 * (job/migrate/FlywayMigration); this source is what the rest of Preflight reads the files
 * through, and what {@code baseline} records rows with, in Flyway's own table format.
 */
public final class FlywaySource implements MigrationSource {

    private static final Pattern VERSIONED = Pattern.compile("^V([0-9][0-9._]*?)__(.+)\\.sql$");
    private static final Pattern REPEATABLE = Pattern.compile("^R__(.+)\\.sql$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)}");

    private final LayoutSettings settings;
    private final List<Migration> migrations;

    private FlywaySource(LayoutSettings settings, List<Migration> migrations) {
        this.settings = settings;
        this.migrations = List.copyOf(migrations);
    }

    static boolean isMigration(String name) {
        return VERSIONED.matcher(name).matches() || REPEATABLE.matcher(name).matches();
    }

    static FlywaySource read(LayoutSettings settings) {
        List<Path> files = files(settings);
        List<Migration> versioned = new ArrayList<>();
        List<Migration> repeatable = new ArrayList<>();
        for (Path p : files) {
            String name = p.getFileName().toString();
            byte[] bytes = MigrationText.bytes(p);
            String text = MigrationText.text(p, bytes);
            String checksum = String.valueOf(checksum(text));
            // Flyway drops a leading byte order mark before it runs a file; PostgreSQL itself refuses one.
            String script = text.startsWith("\uFEFF") ? text.substring(1) : text;
            var statements = SqlSplitter.split(replacePlaceholders(script, settings.placeholders()));
            Matcher v = VERSIONED.matcher(name);
            if (v.matches()) {
                versioned.add(new Migration(v.group(1).replace('_', '.'), v.group(2).replace('_', ' '), p, checksum, statements));
            } else {
                Matcher r = REPEATABLE.matcher(name);
                r.matches();
                repeatable.add(new Migration(null, r.group(1).replace('_', ' '), p, checksum, statements));
            }
        }
        versioned.sort(Comparator.comparing(m -> versionKey(m.id()), FlywaySource::compareVersions));
        repeatable.sort(Comparator.comparing(Migration::description));
        for (int i = 1; i < versioned.size(); i++) {
            Migration a = versioned.get(i - 1);
            Migration b = versioned.get(i);
            if (compareVersions(versionKey(a.id()), versionKey(b.id())) == 0) {
                throw PreflightException.config("two Flyway migrations with version " + b.id() + ": " + settings.folder().relativize(a.file())
                                + " and " + settings.folder().relativize(b.file()) + " (Flyway compares versions as numbers: 1.1, 01.1 and 1_1 are one)",
                        "renumber one of them; Flyway itself refuses the folder");
            }
        }
        for (int i = 1; i < repeatable.size(); i++) {
            if (repeatable.get(i - 1).description().equals(repeatable.get(i).description())) {
                throw PreflightException.config("two Flyway repeatable migrations with description '" + repeatable.get(i).description() + "': "
                                + settings.folder().relativize(repeatable.get(i - 1).file()) + " and " + settings.folder().relativize(repeatable.get(i).file()),
                        "rename one of them; Flyway itself refuses the folder");
            }
        }
        List<Migration> all = new ArrayList<>(versioned);
        all.addAll(repeatable);
        return new FlywaySource(settings, all);
    }

    /**
     * The migration files as Flyway's scanner of {@code filesystem:<folder>} finds them: it follows symbolic links, so
     * this walk does too, and a link back to a folder that holds it is refused here, before Flyway scans: Flyway would
     * find every file under it again on each turn (as duplicate versions, or for as long as paths can grow).
     */
    private static List<Path> files(LayoutSettings settings) {
        List<Path> out = new ArrayList<>();
        try {
            Files.walkFileTree(settings.folder(), Set.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && isMigration(file.getFileName().toString())) {
                        out.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof FileSystemLoopException) {
                        throw PreflightException.config("the symbolic link " + settings.relative(file) + " -> " + target(file)
                                        + " in the Flyway migrations folder leads back to a folder that holds it: Flyway follows links and would"
                                        + " find the same migrations again on every turn of the loop",
                                "remove the link (or point it outside " + settings.relative(settings.folder()) + "), then run the command again");
                    }
                    throw e;
                }
            });
        } catch (IOException e) {
            throw PreflightException.config("cannot read migrations in " + settings.folder() + ": " + e.getMessage(), "check the folder's permissions");
        }
        return out;
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "(unreadable)";
        }
    }

    /** Flyway's checksum: CRC32 over the UTF-8 bytes of each line without its line break, BOM removed. */
    static int checksum(String text) {
        CRC32 crc = new CRC32();
        try (BufferedReader r = new BufferedReader(new StringReader(text))) {
            String line = r.readLine();
            boolean first = true;
            while (line != null) {
                if (first && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                first = false;
                crc.update(line.getBytes(StandardCharsets.UTF_8));
                line = r.readLine();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return (int) crc.getValue();
    }

    static String replacePlaceholders(String text, Map<String, String> placeholders) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = placeholders.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<BigInteger> versionKey(String version) {
        return Arrays.stream(version.split("\\.")).map(BigInteger::new).toList();
    }

    private static int compareVersions(List<BigInteger> a, List<BigInteger> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
            BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
            int c = x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @Override
    public String layout() {
        return "flyway";
    }

    /** Flyway restores the connection's original search_path and role after each migration (run here: a later file ran unqualified). */
    @Override
    public boolean restoresSessionBetweenMigrations() {
        return true;
    }

    /** Flyway's PostgreSQL parser reads a COPY's data lines up to {@code \.} and sends them through pgJDBC's copy API. */
    @Override
    public String copyDataRefusal() {
        return null;
    }

    @Override
    public String historyTable() {
        return MigrationText.quote(schema()) + "." + MigrationText.quote(table());
    }

    private String schema() {
        return settings.schema() == null ? "public" : settings.schema();
    }

    private String table() {
        return settings.historyTable() == null ? "flyway_schema_history" : settings.historyTable();
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
    public List<AppliedMigration> history(Connection c) throws SQLException {
        if (!historyExists(c)) {
            return List.of();
        }
        List<AppliedMigration> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version, description, checksum, success, "
                + "installed_on, execution_time, type FROM " + historyTable() + " ORDER BY installed_rank")) {
            while (rs.next()) {
                if ("SCHEMA".equals(rs.getString(7))) {
                    continue;
                }
                Object checksum = rs.getObject(3);
                Timestamp on = rs.getTimestamp(5);
                out.add(new AppliedMigration(rs.getString(1), rs.getString(2), checksum == null ? null : checksum.toString(),
                        rs.getBoolean(4) ? AppliedMigration.Status.SUCCESS : AppliedMigration.Status.FAILED,
                        on == null ? null : on.toInstant(), rs.getLong(6)));
            }
        }
        return out;
    }

    /** Flyway 10's PostgreSQL history table, as its {@code createSchemaHistoryTable.sql} writes it. */
    @Override
    public void createHistoryTable(Connection c) throws SQLException {
        if (historyExists(c)) {
            return;
        }
        String t = historyTable();
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + t + " (installed_rank INT NOT NULL, version VARCHAR(50), description VARCHAR(200) NOT NULL, "
                    + "type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT NULL, checksum INT, installed_by VARCHAR(100) NOT NULL, "
                    + "installed_on TIMESTAMP NOT NULL DEFAULT now(), execution_time INT NOT NULL, success BOOLEAN NOT NULL)");
            st.execute("ALTER TABLE " + t + " ADD CONSTRAINT " + MigrationText.quote(table() + "_pk") + " PRIMARY KEY (installed_rank)");
            st.execute("CREATE INDEX " + MigrationText.quote(table() + "_s_idx") + " ON " + t + " (success)");
        }
    }

    @Override
    public void recordApplied(Connection c, Migration m, Instant startedAt, long executionMillis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + historyTable() + " (installed_rank, version, description, type, "
                + "script, checksum, installed_by, execution_time, success) SELECT coalesce(max(installed_rank), 0) + 1, ?, ?, 'SQL', ?, ?, "
                + "current_user, ?, true FROM " + historyTable())) {
            ps.setString(1, m.id());
            ps.setString(2, m.description());
            ps.setString(3, settings.folder().relativize(m.file()).toString());
            ps.setInt(4, Integer.parseInt(m.checksum()));
            ps.setInt(5, (int) Math.min(Integer.MAX_VALUE, executionMillis));
            ps.executeUpdate();
        }
    }
}
