package dev.preflight.migration.golangmigrate;

import dev.preflight.kernel.PreflightException;
import dev.preflight.migration.Migration;
import dev.preflight.migration.MigrationFolder;
import dev.preflight.migration.MigrationText;
import dev.preflight.migration.SqlSplitter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a golang-migrate folder's {@code .up.sql} files as its file source does: one migration per version, in version order. */
final class GolangMigrateFiles {

    /** golang-migrate's {@code source.Regex}, for SQL files: version, identifier, direction. */
    static final Pattern FILE = Pattern.compile("^([0-9]+)_(.*)\\.(down|up)\\.sql$");

    private final MigrationFolder folder;

    GolangMigrateFiles(Path projectRoot, Path folder) {
        this.folder = new MigrationFolder(projectRoot, folder, "golang-migrate");
    }

    /** Whether {@code folder} holds at least one golang-migrate {@code .up.sql} migration. */
    static boolean accepts(Path folder) {
        return MigrationFolder.anyFile(folder, p -> {
            Matcher m = FILE.matcher(p.getFileName().toString());
            return m.matches() && m.group(3).equals("up");
        });
    }

    List<Migration> read() {
        List<Path> files = folder.files();
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
                    SqlSplitter.split(MigrationText.text(file, bytes))));
        }
        out.sort(Comparator.comparingLong(x -> Long.parseLong(x.id())));
        return List.copyOf(out);
    }

    /** A path relative to the project root, for messages. */
    String relative(Path p) {
        return folder.relative(p);
    }
}
