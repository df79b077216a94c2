package dev.preflight.migration;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a layout needs to read a project's migrations.
 *
 * @param projectRoot the project folder, for paths in messages
 * @param folder the layout's migrations folder
 * @param schema the schema the history table lives in when the layout lets it be configured
 *     (Flyway's {@code migrations.schema}); layouts with a fixed place ignore it
 * @param historyTable the configured history table name, or null for the layout's default
 * @param placeholders Flyway-style {@code ${name}} placeholders (only the Flyway layout replaces them)
 */
public record LayoutSettings(Path projectRoot, Path folder, String schema, String historyTable, Map<String, String> placeholders) {

    public LayoutSettings {
        placeholders = placeholders == null ? Map.of() : Map.copyOf(placeholders);
    }

    /** A path relative to the project root, for messages. */
    public String relative(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path root = projectRoot.toAbsolutePath().normalize();
        return abs.startsWith(root) ? root.relativize(abs).toString() : abs.toString();
    }
}
