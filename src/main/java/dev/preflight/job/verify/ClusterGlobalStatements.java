package dev.preflight.job.verify;

import dev.preflight.config.ProjectConfig;
import dev.preflight.migration.Migration;
import dev.preflight.migration.MigrationFiles;
import dev.preflight.migration.MigrationFiles.MigrationFile;
import dev.preflight.migration.MigrationLayouts;
import dev.preflight.migration.SqlSplitter;
import dev.preflight.migration.SqlStatement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The statements of the migrations that reach beyond one database: roles and their membership,
 * tablespaces, databases, {@code ALTER SYSTEM}. Replayed on the target's own cluster they would
 * change what production uses, so there they are reported and left out of a copy of the files.
 */
final class ClusterGlobalStatements {

    /** One cluster-global statement, with where it stands. */
    record Statement(String file, int line, String summary) {
    }

    private static final Pattern GLOBAL = Pattern.compile(
            "^(?:(?:CREATE|ALTER|DROP)\\s+(?:ROLE|GROUP)\\b"
                    + "|(?:CREATE|ALTER|DROP)\\s+USER\\b(?!\\s+MAPPING\\b)"
                    + "|ALTER\\s+SYSTEM\\b"
                    + "|(?:CREATE|ALTER|DROP)\\s+(?:TABLESPACE|DATABASE)\\b"
                    + "|(?:GRANT|REVOKE)\\b.*\\bON\\s+(?:DATABASE|TABLESPACE)\\b" // privileges on shared objects
                    + "|COMMENT\\s+ON\\s+(?:DATABASE|ROLE|TABLESPACE)\\b"
                    + "|(?:GRANT|REVOKE)\\b(?!.*\\bON\\b).*\\b(?:TO|FROM)\\b)", // GRANT role TO role: no ON clause
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** A DO block or function body that runs one of them. */
    private static final Pattern GLOBAL_INSIDE = Pattern.compile(
            "\\b(?:(?:CREATE|ALTER|DROP)\\s+(?:ROLE|GROUP)|(?:CREATE|ALTER|DROP)\\s+USER\\b(?!\\s+MAPPING\\b)|ALTER\\s+SYSTEM"
                    + "|(?:CREATE|DROP)\\s+(?:TABLESPACE|DATABASE)"
                    + "|(?:GRANT|REVOKE)\\s+(?:(?!\\bON\\b)[^;'])*?\\b(?:TO|FROM)\\b)\\b", // GRANT role TO role: no ON before TO
            Pattern.CASE_INSENSITIVE);

    private ClusterGlobalStatements() {
    }

    static boolean isGlobal(String sql) {
        String code = sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ").strip();
        return GLOBAL.matcher(code).find() || (code.regionMatches(true, 0, "DO", 0, 2) && GLOBAL_INSIDE.matcher(code).find());
    }

    /**
     * The cluster-global statements the migrations apply, in order, as their own layout reads them:
     * a dbmate file's down section or a golang-migrate down file is never replayed, so a
     * {@code DROP ROLE} there is not one.
     */
    static List<Statement> find(MigrationFiles files) {
        if (files.source() == null) {
            return List.of(); // no migrations: nothing is replayed
        }
        Map<Path, String> names = new HashMap<>();
        files.files().forEach(f -> names.put(f.path().toAbsolutePath().normalize(), f.name()));
        List<Statement> out = new ArrayList<>();
        for (Migration m : files.source().migrations()) {
            String name = names.getOrDefault(m.file().toAbsolutePath().normalize(), m.file().getFileName().toString());
            for (SqlStatement s : m.statements()) {
                if (isGlobal(s.sql())) {
                    out.add(new Statement(name, s.line(), s.summary(100)));
                }
            }
        }
        return out;
    }

    /**
     * A copy of the migrations in {@code into} with the cluster-global statements blanked out
     * (lines kept, so the replay's errors still name the right line), read by the project's own
     * layout: the folder's other files up to two levels down come along unchanged, because a layout
     * may need them to read its migrations (Prisma's {@code migration_lock.toml}, Drizzle's
     * {@code meta/_journal.json}).
     */
    static MigrationFiles without(MigrationFiles files, Path into, ProjectConfig config) throws IOException {
        Set<Path> migrations = new HashSet<>();
        for (MigrationFile f : files.files()) {
            Path copy = copyPath(files, f.path(), into);
            Files.writeString(copy, blank(Files.readString(f.path(), StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            migrations.add(f.path().toAbsolutePath().normalize());
        }
        try (Stream<Path> others = Files.walk(files.folder(), 2)) {
            for (Path p : (Iterable<Path>) others.filter(Files::isRegularFile)::iterator) {
                if (!migrations.contains(p.toAbsolutePath().normalize())) {
                    Files.copy(p, copyPath(files, p, into));
                }
            }
        }
        return MigrationFiles.of(MigrationLayouts.detect(into, files.layout(), ".", config.schema(), config.historyTable(),
                config.placeholders()).source(), List.of());
    }

    private static Path copyPath(MigrationFiles files, Path file, Path into) throws IOException {
        Path copy = into.resolve(files.folder().relativize(file).toString());
        Files.createDirectories(copy.getParent());
        return copy;
    }

    static String blank(String script) {
        StringBuilder out = new StringBuilder(script);
        int searchFrom = 0;
        for (SqlStatement s : SqlSplitter.split(script)) {
            int start = script.indexOf(s.sql(), Math.max(searchFrom, lineStart(script, s.line())));
            if (start < 0) {
                continue;
            }
            int end = start + s.sql().length();
            searchFrom = end;
            if (!isGlobal(s.sql())) {
                continue;
            }
            int semi = end;
            while (semi < script.length() && Character.isWhitespace(script.charAt(semi))) {
                semi++;
            }
            if (semi < script.length() && script.charAt(semi) == ';') {
                end = semi + 1;
            }
            for (int i = start; i < end; i++) {
                if (out.charAt(i) != '\n') {
                    out.setCharAt(i, ' ');
                }
            }
            String note = "/* skipped */";
            int newline = script.indexOf('\n', start);
            if (Math.min(end, newline < 0 ? end : newline) - start >= note.length()) {
                out.replace(start, start + note.length(), note);
            }
        }
        return out.toString();
    }

    private static int lineStart(String script, int line) {
        int at = 0;
        for (int l = 1; l < line && at >= 0; l++) {
            at = script.indexOf('\n', at) + 1;
            if (at == 0) {
                return 0;
            }
        }
        return at;
    }
}
