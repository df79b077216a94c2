package dev.preflight.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folders of the project Preflight works on ({@code --project DIR}): its job files, templates,
 * state and report output. Its migrations are not among them: where they are and how their files
 * are named is the migration layouts' knowledge ({@code MigrationLayouts}), whatever the layout.
 */
public record ProjectLayout(Path root, Path reportsDir) {

    public ProjectLayout {
        root = root.toAbsolutePath().normalize();
        reportsDir = reportsDir == null ? root.resolve("reports") : reportsDir.toAbsolutePath().normalize();
    }

    public static ProjectLayout of(Path root) {
        return new ProjectLayout(root, null);
    }

    public Path jobs() {
        return root.resolve("jobs");
    }

    /** The project's own templates, or null when it has none (the built-in ones apply). */
    public Path templatesOrNull() {
        Path t = root.resolve("templates");
        return Files.isDirectory(t) ? t : null;
    }

    /** Where the embedded cluster keeps its data. */
    public Path stateDir() {
        return root.resolve(".preflight");
    }

    /** A path relative to the project root, for messages and reports. */
    public String relative(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    }
}
