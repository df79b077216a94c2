package dev.preflight.migration.postgrator;

import dev.preflight.migration.LayoutSettings;
import dev.preflight.migration.MigrationLayout;
import dev.preflight.migration.MigrationSource;
import dev.preflight.migration.ProjectTree;
import java.nio.file.Path;
import java.util.Optional;

/** Postgrator's layout: {@code NNN.do.name.sql} (and {@code NNN.undo.name.sql}) in one folder, history in {@code schemaversion}. */
public final class PostgratorLayout implements MigrationLayout {

    @Override
    public String name() {
        return "postgrator";
    }

    @Override
    public String describe() {
        return "<folder>/NNN.do.<name>.sql";
    }

    /** Postgrator has no conventional folder (its {@code migrationPattern} names one): the shallowest folder holding a do file. */
    @Override
    public Optional<Path> detect(ProjectTree project) {
        return project.directories().stream().filter(this::accepts).findFirst();
    }

    @Override
    public boolean accepts(Path folder) {
        return PostgratorSource.accepts(folder);
    }

    @Override
    public MigrationSource open(LayoutSettings settings) {
        // migrations.historyTable defaults to Flyway's table name: only a name the user set applies here
        return new PostgratorSource(settings.projectRoot(), settings.folder(), settings.schema(),
                "flyway_schema_history".equals(settings.historyTable()) ? null : settings.historyTable());
    }
}
