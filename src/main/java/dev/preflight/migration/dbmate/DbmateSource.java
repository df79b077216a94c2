package dev.preflight.migration.dbmate;

import dev.preflight.kernel.PreflightException;
import dev.preflight.migration.AppliedChecksums;
import dev.preflight.migration.AppliedMigration;
import dev.preflight.migration.Migration;
import dev.preflight.migration.MigrationSource;
import dev.preflight.migration.MigrationText;
import dev.preflight.migration.OneQueryFiles;
import dev.preflight.migration.SourceProblem;
import dev.preflight.migration.SqlSplitter;
import dev.preflight.migration.SqlStatement;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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

    /** dbmate's {@code migrationFileRegexp}: the leading digits are the version. */
    static final Pattern FILE = Pattern.compile("^(\\d+)(.*)\\.sql$");
    // dbmate's upRegExp and downRegExp (pkg/dbmate/migration.go).
    private static final Pattern UP = Pattern.compile("(?m)^--\\s*migrate:up(\\s*$|\\s+\\S+)");
    private static final Pattern DOWN = Pattern.compile("(?m)^--\\s*migrate:down(\\s*$|\\s+\\S+)$");
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");

    private final Path projectRoot;
    private final Path folder;
    private final String schema;
    private final String table;
    private final AppliedChecksums checksums;
    private List<Migration> migrations;
    private List<SourceProblem> problems;

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
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> Files.isRegularFile(p) && FILE.matcher(p.getFileName().toString()).matches()).anyMatch(p -> {
                try {
                    return UP.matcher(Files.readString(p, StandardCharsets.UTF_8)).find();
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            return false;
        }
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
            problems = new ArrayList<>();
            migrations = read();
            problems = List.copyOf(problems);
        }
        return migrations;
    }

    /** Files dbmate itself cannot run: a concurrent index in a transactional section, or beside other statements. */
    @Override
    public synchronized List<SourceProblem> problems() {
        migrations();
        return problems;
    }

    private List<Migration> read() {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile).filter(p -> FILE.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw PreflightException.config("cannot read the dbmate migrations folder " + relative(folder) + ": " + e.getMessage(),
                    "check the folder's permissions");
        }
        List<Migration> out = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path file : files) {
            Matcher m = FILE.matcher(file.getFileName().toString());
            m.matches();
            String version = m.group(1);
            Path other = seen.put(version, file);
            if (other != null) {
                throw PreflightException.config("two dbmate migrations with version " + version + ": " + relative(other) + " and "
                        + relative(file), "renumber one of them: dbmate records only the version, so it would take the second for applied");
            }
            String description = m.group(2).replaceFirst("^_", "");
            String text = readText(file);
            List<SqlStatement> statements = upStatements(file, text);
            out.add(new Migration(version, description, file, MigrationText.sha256Hex(upSection(text).getBytes(StandardCharsets.UTF_8)),
                    statements));
            if (transactional(text)) {
                statements.stream().filter(s -> s.mode() == SqlStatement.Mode.NON_TRANSACTIONAL).findFirst().ifPresent(s -> problems.add(
                        new SourceProblem(relative(file), relative(file) + " line " + s.line() + ": " + s.summary(60) + " cannot run inside "
                                + "a transaction block, and dbmate runs this up section in one: dbmate itself fails on this file; "
                                + "Preflight runs the statement alone",
                                "write '-- migrate:up transaction:false' and keep the statement alone in its file, so that dbmate can apply the project too")));
            } else {
                OneQueryFiles.check("dbmate", relative(file), statements).ifPresent(problems::add);
            }
        }
        return List.copyOf(out);
    }

    /**
     * The statements of the {@code -- migrate:up} section, with their lines in the whole file.
     * dbmate refuses a file without both sections, with the down section first, or with a statement
     * before the up section; so does Preflight, naming the file.
     */
    List<SqlStatement> upStatements(Path file, String text) {
        Matcher up = UP.matcher(text);
        Matcher down = DOWN.matcher(text);
        if (!up.find()) {
            throw parseError(file, "has no '-- migrate:up' section", "add a '-- migrate:up' line before the statements to apply");
        }
        if (!down.find()) {
            throw parseError(file, "has no '-- migrate:down' section (dbmate 2 requires one)", "add a '-- migrate:down' line after the up statements");
        }
        if (up.start() > down.start()) {
            throw parseError(file, "has its '-- migrate:down' section before '-- migrate:up'", "put the up section first");
        }
        for (String line : text.substring(0, up.start()).split("\n", -1)) {
            if (!line.isBlank() && !line.stripLeading().startsWith("--")) {
                throw parseError(file, "has a statement before '-- migrate:up' (line " + lineOf(text, text.indexOf(line)) + ")",
                        "move it into the up section");
            }
        }
        // Blank everything outside the up section but its line breaks, so statement lines stay file lines.
        StringBuilder script = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            script.append((i >= up.start() && i < down.start()) || c == '\n' ? c : ' ');
        }
        return SqlSplitter.split(script.toString());
    }

    /** The up section of a file {@link #upStatements} accepted: from its {@code -- migrate:up} line to the {@code -- migrate:down} line. */
    static String upSection(String text) {
        Matcher up = UP.matcher(text);
        Matcher down = DOWN.matcher(text);
        if (!up.find() || !down.find() || up.start() > down.start()) {
            throw new IllegalArgumentException("not a dbmate migration: " + text.lines().findFirst().orElse(""));
        }
        return text.substring(up.start(), down.start());
    }

    /**
     * dbmate's options of the up section ({@code -- migrate:up transaction:false}): whether dbmate
     * wraps the section in a transaction. Preflight runs statements by their own mode either way
     * (a section's transactional statements together, {@code CREATE INDEX CONCURRENTLY} alone), so
     * this only tells whether dbmate itself could run the file.
     */
    static boolean transactional(String text) {
        Matcher up = UP.matcher(text);
        if (!up.find()) {
            return true;
        }
        int end = text.indexOf('\n', up.start());
        String first = text.substring(up.start(), end < 0 ? text.length() : end);
        Map<String, String> options = new HashMap<>();
        for (String pair : first.trim().split("\\s+")) {
            String[] kv = pair.split(":", -1);
            if (kv.length == 2) {
                options.put(kv[0], kv[1]);
            }
        }
        return !"false".equals(options.get("transaction"));
    }

    @Override
    public List<AppliedMigration> history(Connection c) throws SQLException {
        if (!exists(c)) {
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
            st.execute("CREATE SCHEMA IF NOT EXISTS " + quote(schema));
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

    private boolean exists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, historyTable());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    private PreflightException parseError(Path file, String what, String remedy) {
        return PreflightException.config("the dbmate migration " + relative(file) + " " + what, remedy);
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private String readText(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw PreflightException.config("cannot read migration " + relative(file) + ": " + e.getMessage(), "check the file's permissions");
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
