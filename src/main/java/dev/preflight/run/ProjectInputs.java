package dev.preflight.run;

import dev.preflight.config.ProjectConfig;
import dev.preflight.config.ProjectLayout;
import dev.preflight.migration.MigrationFiles;

/** What a run reads from the project before it resolves its database: what a command's own checks look at. */
public record ProjectInputs(ProjectLayout project, ProjectConfig config, MigrationFiles migrationFiles) {
}
