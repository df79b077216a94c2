package dev.preflight.migration.flyway;

import dev.preflight.migration.LayoutSettings;
import dev.preflight.migration.MigrationLayout;
import dev.preflight.migration.MigrationSource;
import dev.preflight.migration.ProjectTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Flyway's layout: {@code V<version>__<description>.sql} and {@code R__<description>.sql}, history in {@code flyway_schema_history}. */
public final class FlywayLayout implements MigrationLayout {

    /** Where Flyway projects keep their SQL: Preflight's own {@code migrations/}, then Flyway's defaults. */
    private static final List<String> FOLDERS = List.of("migrations", "db/migration", "sql");

    @Override
    public String name() {
        return "flyway";
    }

    @Override
    public String describe() {
        return "migrations/V<version>__<description>.sql (or db/migration/)";
    }

    @Override
    public Optional<Path> detect(ProjectTree project) {
        for (String f : FOLDERS) {
            Path direct = project.root().resolve(f);
            if (accepts(direct)) {
                return Optional.of(direct);
            }
        }
        for (String f : FOLDERS) {
            Optional<Path> nested = project.find(f, this);
            if (nested.isPresent()) {
                return nested;
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean accepts(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(folder, 3)) {
            return s.filter(Files::isRegularFile).anyMatch(p -> FlywaySource.isMigration(p.getFileName().toString()));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public MigrationSource open(LayoutSettings settings) {
        return FlywaySource.read(settings);
    }
}
