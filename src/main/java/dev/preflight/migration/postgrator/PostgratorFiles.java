package dev.preflight.migration.postgrator;

import dev.preflight.kernel.PreflightException;
import dev.preflight.migration.Migration;
import dev.preflight.migration.MigrationFolder;
import dev.preflight.migration.MigrationText;
import dev.preflight.migration.SqlSplitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads a Postgrator folder as Postgrator 8 does: the {@code do} migrations in version order, each with its MD5. */
final class PostgratorFiles {

    /** The file names Postgrator runs: a number, {@code do} or {@code undo}, then anything. */
    static final Pattern FILE = Pattern.compile("^(\\d+)\\.(do|undo)(\\..*)?\\.sql$");

    private final MigrationFolder folder;

    PostgratorFiles(Path projectRoot, Path folder) {
        this.folder = new MigrationFolder(projectRoot, folder, "Postgrator");
    }

    /** Whether {@code folder} holds at least one Postgrator {@code do} migration. */
    static boolean accepts(Path folder) {
        return MigrationFolder.anyFile(folder, p -> FILE.matcher(p.getFileName().toString()).matches()
                && p.getFileName().toString().contains(".do."));
    }

    List<Migration> read() {
        List<Path> files = folder.files();
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
            String text = MigrationText.text(file, bytes);
            String description = parts.length > 2 ? parts[2] : "";
            out.add(new Migration(Long.toString(version), description, file, PostgratorChecksum.md5(text), SqlSplitter.split(text)));
        }
        out.sort(Comparator.comparingLong(m -> Long.parseLong(m.id())));
        return List.copyOf(out);
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

    /** A path relative to the project root, for messages. */
    String relative(Path p) {
        return folder.relative(p);
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
