package dev.preflight.migration;

import dev.preflight.kernel.PreflightException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A layout's migrations folder inside its project: its files, and their names relative to the project for messages. */
public final class MigrationFolder {

    private final Path projectRoot;
    private final Path folder;
    private final String tool;

    /**
     * @param projectRoot the project folder, absolute and normalized
     * @param folder the migrations folder, absolute and normalized
     * @param tool the native tool's name, for messages ({@code dbmate}, {@code Postgrator})
     */
    public MigrationFolder(Path projectRoot, Path folder, String tool) {
        this.projectRoot = projectRoot;
        this.folder = folder;
        this.tool = tool;
    }

    /** Whether {@code folder} is a folder holding a regular file that passes {@code test}; an unreadable folder holds none. */
    public static boolean anyFile(Path folder, Predicate<Path> test) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).anyMatch(test);
        } catch (IOException e) {
            return false;
        }
    }

    /** The folder's regular files in name order; an unreadable folder is a configuration error naming it. */
    public List<Path> files() {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw PreflightException.config("cannot read the " + tool + " migrations folder " + relative(folder) + ": " + e.getMessage(),
                    "check the folder's permissions");
        }
    }

    /** A path relative to the project root, for messages. */
    public String relative(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(projectRoot) ? projectRoot.relativize(abs).toString() : abs.toString();
    }
}
