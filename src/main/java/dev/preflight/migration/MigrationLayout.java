package dev.preflight.migration;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One migration tool's project layout: how to find its migrations folder in a project and how to
 * read it. Adding a layout is one implementation plus one line in {@link MigrationLayouts#ALL}.
 */
public interface MigrationLayout {

    /** The name users write in {@code migrations.layout} ({@code flyway}, {@code prisma}, ...). */
    String name();

    /** The folder naming users recognise, for messages ({@code prisma/migrations/<name>/migration.sql}). */
    String describe();

    /** The layout's migrations folder in this project, when the project has one. */
    Optional<Path> detect(ProjectTree project);

    /** Whether {@code folder} holds this layout's migrations: used when {@code migrations.path} is set without a layout. */
    boolean accepts(Path folder);

    /** Reads the migrations of {@code settings.folder()}; a malformed folder is a {@code PreflightException} naming the file. */
    MigrationSource open(LayoutSettings settings);
}
