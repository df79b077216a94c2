package dev.preflight.migration.drizzle;

import dev.preflight.migration.LayoutSettings;
import dev.preflight.migration.MigrationLayout;
import dev.preflight.migration.MigrationSource;
import dev.preflight.migration.ProjectTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Drizzle Kit's layout: {@code <out>/meta/_journal.json} and {@code <out>/<tag>.sql}, history in {@code drizzle.__drizzle_migrations}. */
public final class DrizzleLayout implements MigrationLayout {

    @Override
    public String name() {
        return "drizzle";
    }

    @Override
    public String describe() {
        return "<folder>/meta/_journal.json with <folder>/<tag>.sql (drizzle-kit generate)";
    }

    @Override
    public Optional<Path> detect(ProjectTree project) {
        return project.directories().stream().filter(this::accepts).findFirst();
    }

    @Override
    public boolean accepts(Path folder) {
        return Files.isRegularFile(folder.resolve("meta").resolve("_journal.json"));
    }

    @Override
    public MigrationSource open(LayoutSettings settings) {
        return DrizzleSource.read(settings);
    }
}
