package dev.preflight.migration.drizzle;

import dev.preflight.db.Schemas;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Drizzle project's migrations as drizzle-orm's migrator reads them ({@code readMigrationFiles}):
 * the journal's entries are the order, each {@code <tag>.sql} is cut at
 * {@code --> statement-breakpoint}, its hash is the SHA-256 of the file text, and the row in
 * {@code drizzle.__drizzle_migrations} carries the entry's {@code when} as {@code created_at},
 * which is what the migrator decides applied-ness with. A .sql file missing from the journal is
 * reported, never applied.
 */
public final class DrizzleSource implements MigrationSource {

    public static final String SCHEMA = "drizzle";
    public static final String TABLE = "__drizzle_migrations";

    private final LayoutSettings settings;
    private final List<Migration> migrations;
    private final Map<String, Long> whenByTag;
    private final List<SourceProblem> problems;

    private DrizzleSource(LayoutSettings settings, List<Migration> migrations, Map<String, Long> whenByTag, List<SourceProblem> problems) {
        this.settings = settings;
        this.migrations = List.copyOf(migrations);
        this.whenByTag = whenByTag;
        this.problems = List.copyOf(problems);
    }

    static DrizzleSource read(LayoutSettings settings) {
        Path folder = settings.folder();
        Path journalFile = folder.resolve("meta").resolve("_journal.json");
        String where = settings.relative(journalFile);
        JsonNode journal;
        try {
            journal = JsonMapper.builder().build().readTree(MigrationText.text(journalFile));
        } catch (JacksonException e) {
            throw PreflightException.config(where + " is not valid JSON: " + e.getOriginalMessage(), "fix the journal (drizzle-kit writes it)");
        }
        if (journal.has("dialect") && !journal.get("dialect").asString().startsWith("postgres")) {
            throw PreflightException.config(where + " is for dialect '" + journal.get("dialect").asString() + "'",
                    "Preflight works on PostgreSQL: point --project at a project whose Drizzle dialect is postgresql");
        }
        JsonNode entries = journal.get("entries");
        if (entries == null || !entries.isArray()) {
            throw PreflightException.config(where + " has no \"entries\" array", "regenerate the journal with drizzle-kit generate");
        }
        List<Migration> out = new ArrayList<>();
        Map<String, Long> when = new HashMap<>();
        Set<String> listed = new HashSet<>();
        List<SourceProblem> problems = new ArrayList<>();
        int i = 0;
        for (JsonNode e : entries) {
            i++;
            String tag = e.path("tag").asString(null);
            if (tag == null || !e.path("when").isNumber()) {
                throw PreflightException.config(where + ": entry " + i + " has no tag or no numeric when",
                        "each entry needs \"tag\" and \"when\" (drizzle-kit generate writes them)");
            }
            Path file = folder.resolve(tag + ".sql");
            if (!Files.isRegularFile(file)) {
                throw PreflightException.config(where + ": entry " + tag + " has no file " + settings.relative(file),
                        "restore " + tag + ".sql or remove its journal entry");
            }
            String text = MigrationText.text(file);
            String description = tag.matches("^\\d+_.+") ? tag.substring(tag.indexOf('_') + 1).replace('_', ' ') : tag;
            out.add(new Migration(tag, description, file, MigrationText.sha256Hex(MigrationText.bytes(file)), SqlSplitter.split(text)));
            when.put(tag, e.get("when").asLong());
            listed.add(file.getFileName().toString());
        }
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".sql")).sorted().toList()) {
                if (!listed.contains(p.getFileName().toString())) {
                    problems.add(new SourceProblem(settings.relative(p), settings.relative(p) + " is not in " + where
                            + ": drizzle-orm's migrator never applies it, and neither does Preflight",
                            "add it to the journal (drizzle-kit generate --custom writes the entry) or delete it, then run ./preflight migrate"));
                }
            }
        } catch (IOException e) {
            throw PreflightException.config("cannot read " + folder + ": " + e.getMessage(), "check the folder's permissions");
        }
        return new DrizzleSource(settings, out, when, problems);
    }

    @Override
    public String layout() {
        return "drizzle";
    }

    @Override
    public String historyTable() {
        return SCHEMA + "." + TABLE;
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

    /** drizzle-orm's PgDialect.migrate opens one transaction and runs every pending migration's statements in it. */
    @Override
    public String transactionBlock(Migration migration) {
        return "drizzle-orm's migrator runs every pending migration in one transaction";
    }

    /** The journal's {@code when} of a migration: the {@code created_at} its row carries. */
    public long when(Migration m) {
        return whenByTag.get(m.id());
    }

    /**
     * Rows are matched to journal entries as drizzle-orm wrote them: created_at = the entry's when and hash = the
     * file's SHA-256, so entries sharing a when are told apart; a row left over is matched by created_at alone to an
     * entry of its when (an applied file edited since, which MIG004 reports), and a row no entry has keeps its
     * created_at as id.
     */
    @Override
    public List<AppliedMigration> history(Connection c) throws SQLException {
        if (!historyExists(c)) {
            return List.of();
        }
        List<String> hashes = new ArrayList<>();
        List<Long> createdAts = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT hash, created_at FROM " + historyTable()
                + " ORDER BY created_at, id")) {
            while (rs.next()) {
                hashes.add(rs.getString(1));
                createdAts.add(rs.getLong(2));
            }
        }
        String[] tags = new String[hashes.size()];
        Set<Migration> matched = new HashSet<>();
        for (boolean byHash : new boolean[] {true, false}) {
            for (int r = 0; r < tags.length; r++) {
                for (Migration m : migrations) {
                    if (tags[r] == null && !matched.contains(m) && when(m) == createdAts.get(r) && (!byHash || m.checksum().equals(hashes.get(r)))) {
                        tags[r] = m.id();
                        matched.add(m);
                    }
                }
            }
        }
        List<AppliedMigration> out = new ArrayList<>();
        for (int r = 0; r < tags.length; r++) {
            String tag = tags[r] != null ? tags[r] : "created_at " + createdAts.get(r);
            out.add(new AppliedMigration(tag, tag, hashes.get(r), AppliedMigration.Status.SUCCESS, Instant.ofEpochMilli(createdAts.get(r)), null));
        }
        return out;
    }

    /**
     * drizzle-orm's migrator applies only the entries whose when is later than the newest created_at
     * ({@code PgDialect.migrate}): an entry without a row whose when is not (a branch merged after a later
     * migration was applied) never runs, so Preflight does not apply it either and MIG006 reports it.
     */
    @Override
    public Map<String, SourceProblem> ignored(List<AppliedMigration> history) {
        Map<String, SourceProblem> out = new LinkedHashMap<>();
        AppliedMigration newest = history.stream().max(Comparator.comparing(AppliedMigration::appliedOn)).orElse(null);
        if (newest == null) {
            return out;
        }
        long last = newest.appliedOn().toEpochMilli();
        Set<String> applied = new HashSet<>();
        history.forEach(a -> applied.add(a.id()));
        for (Migration m : migrations) {
            if (!applied.contains(m.id()) && when(m) <= last) {
                String file = settings.relative(m.file());
                out.put(m.id(), new SourceProblem(file, "journal entry " + m.id() + " (when " + when(m) + ") was never applied and is not"
                        + " later than the newest applied migration, " + newest.id() + " (created_at " + last + "): drizzle-orm's migrator"
                        + " only applies entries with a later when, so it never applies it, and neither does Preflight",
                        "give " + m.id() + " a \"when\" later than " + last + " in meta/_journal.json (or regenerate it with drizzle-kit"
                                + " generate so that it comes after the applied ones), then run ./preflight migrate"));
            }
        }
        return out;
    }

    /** The schema and table exactly as drizzle-orm's PgDialect.migrate creates them. */
    @Override
    public void createHistoryTable(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            Schemas.ensure(st, MigrationText.quote(SCHEMA));
            st.execute("CREATE TABLE IF NOT EXISTS " + MigrationText.quote(SCHEMA) + "." + MigrationText.quote(TABLE)
                    + " (\n\tid SERIAL PRIMARY KEY,\n\thash text NOT NULL,\n\tcreated_at bigint\n)");
        }
    }

    @Override
    public void recordApplied(Connection c, Migration m, Instant startedAt, long executionMillis) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + historyTable() + " (\"hash\", \"created_at\") VALUES (?, ?)")) {
            ps.setString(1, m.checksum());
            ps.setLong(2, when(m));
            ps.executeUpdate();
        }
    }
}
