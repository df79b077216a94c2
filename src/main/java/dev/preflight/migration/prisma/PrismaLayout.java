package dev.preflight.migration.prisma;

import dev.preflight.migration.LayoutSettings;
import dev.preflight.migration.MigrationLayout;
import dev.preflight.migration.MigrationSource;
import dev.preflight.migration.ProjectTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Prisma Migrate's layout: {@code prisma/migrations/<name>/migration.sql} and {@code migration_lock.toml}, history in {@code _prisma_migrations}. */
public final class PrismaLayout implements MigrationLayout {

    @Override
    public String name() {
        return "prisma";
    }

    @Override
    public String describe() {
        return "prisma/migrations/<timestamp>_<name>/migration.sql";
    }

    @Override
    public Optional<Path> detect(ProjectTree project) {
        return project.find("prisma/migrations", this);
    }

    @Override
    public boolean accepts(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        if (Files.isRegularFile(folder.resolve("migration_lock.toml"))) {
            return true;
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.anyMatch(d -> Files.isRegularFile(d.resolve("migration.sql")));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public MigrationSource open(LayoutSettings settings) {
        return PrismaSource.read(settings);
    }
}
