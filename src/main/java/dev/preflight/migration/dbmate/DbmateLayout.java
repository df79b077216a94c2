package dev.preflight.migration.dbmate;

import dev.preflight.migration.LayoutSettings;
import dev.preflight.migration.MigrationLayout;
import dev.preflight.migration.MigrationSource;
import dev.preflight.migration.ProjectTree;
import java.nio.file.Path;
import java.util.Optional;

/** dbmate's layout: {@code db/migrations/<version>_<name>.sql} with {@code -- migrate:up} / {@code -- migrate:down} sections, history in {@code schema_migrations}. */
public final class DbmateLayout implements MigrationLayout {

    @Override
    public String name() {
        return "dbmate";
    }

    @Override
    public String describe() {
        return "db/migrations/<version>_<name>.sql with '-- migrate:up'";
    }

    /** dbmate's default folder ({@code db/migrations}) first, then the shallowest folder holding a dbmate file. */
    @Override
    public Optional<Path> detect(ProjectTree project) {
        Path conventional = project.root().resolve("db/migrations");
        if (accepts(conventional)) {
            return Optional.of(conventional);
        }
        return project.directories().stream().filter(this::accepts).findFirst();
    }

    @Override
    public boolean accepts(Path folder) {
        return DbmateSource.accepts(folder);
    }

    @Override
    public MigrationSource open(LayoutSettings settings) {
        // migrations.historyTable defaults to Flyway's table name: only a name the user set applies here
        String table = "flyway_schema_history".equals(settings.historyTable()) ? null : settings.historyTable();
        return new DbmateSource(settings.projectRoot(), settings.folder(), settings.schema(), table);
    }
}
