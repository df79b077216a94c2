package dev.preflight.migration.golangmigrate;

import dev.preflight.migration.LayoutSettings;
import dev.preflight.migration.MigrationLayout;
import dev.preflight.migration.MigrationSource;
import dev.preflight.migration.ProjectTree;
import java.nio.file.Path;
import java.util.Optional;

/** golang-migrate's layout: {@code NNN_name.up.sql} / {@code NNN_name.down.sql} in one folder, history in {@code schema_migrations} with {@code dirty}. */
public final class GolangMigrateLayout implements MigrationLayout {

    @Override
    public String name() {
        return "golang-migrate";
    }

    @Override
    public String describe() {
        return "<folder>/NNN_<name>.up.sql";
    }

    /** golang-migrate takes its folder from {@code -path}: the shallowest folder holding an up file. */
    @Override
    public Optional<Path> detect(ProjectTree project) {
        return project.directories().stream().filter(this::accepts).findFirst();
    }

    @Override
    public boolean accepts(Path folder) {
        return GolangMigrateSource.accepts(folder);
    }

    @Override
    public MigrationSource open(LayoutSettings settings) {
        // migrations.historyTable defaults to Flyway's table name: only a name the user set applies here
        String table = "flyway_schema_history".equals(settings.historyTable()) ? null : settings.historyTable();
        return new GolangMigrateSource(settings.projectRoot(), settings.folder(), settings.schema(), table);
    }
}
