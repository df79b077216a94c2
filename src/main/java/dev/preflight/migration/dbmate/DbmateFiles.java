package dev.preflight.migration.dbmate;

import dev.preflight.kernel.PreflightException;
import dev.preflight.migration.Migration;
import dev.preflight.migration.MigrationFolder;
import dev.preflight.migration.MigrationText;
import dev.preflight.migration.OneQueryFiles;
import dev.preflight.migration.SourceProblem;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a dbmate migrations folder once: its migrations in file-name order, and the files dbmate itself could not run. */
final class DbmateFiles {

    /** dbmate's {@code migrationFileRegexp}: the leading digits are the version. */
    static final Pattern FILE = Pattern.compile("^(\\d+)(.*)\\.sql$");

    private final MigrationFolder folder;
    private final List<SourceProblem> problems = new ArrayList<>();
    private final Set<String> transactional = new HashSet<>();

    DbmateFiles(Path projectRoot, Path folder) {
        this.folder = new MigrationFolder(projectRoot, folder, "dbmate");
    }

    /** Whether {@code folder} holds a dbmate migration: a {@code <digits>*.sql} file with a {@code -- migrate:up} line. */
    static boolean accepts(Path folder) {
        return MigrationFolder.anyFile(folder, p -> {
            if (!FILE.matcher(p.getFileName().toString()).matches()) {
                return false;
            }
            try {
                return DbmateSections.hasUpSection(Files.readString(p, StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                return false;
            }
        });
    }

    List<Migration> read() {
        List<Path> files = folder.files().stream().filter(p -> FILE.matcher(p.getFileName().toString()).matches()).toList();
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
            String text = MigrationText.text(file);
            List<SqlStatement> statements = DbmateSections.upStatements(relative(file), text);
            out.add(new Migration(version, description, file,
                    MigrationText.sha256Hex(DbmateSections.upSection(text).getBytes(StandardCharsets.UTF_8)), statements));
            if (DbmateSections.transactional(text)) {
                transactional.add(version);
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

    /** What {@link #read} found that dbmate itself fails on: a concurrent index in a transactional section, or beside other statements. */
    List<SourceProblem> problems() {
        return List.copyOf(problems);
    }

    /** The versions whose up section dbmate wraps in a transaction (no {@code transaction:false}). */
    Set<String> transactional() {
        return Set.copyOf(transactional);
    }

    /** A path relative to the project root, for messages. */
    String relative(Path p) {
        return folder.relative(p);
    }
}
