package dev.preflight.cli.command;

import dev.preflight.cli.StepCommand;
import dev.preflight.config.ProjectConfig;
import dev.preflight.config.ProjectLayout;
import dev.preflight.job.migrate.MigrateJobConfiguration;
import dev.preflight.kernel.Options;
import dev.preflight.migration.MigrationFiles;
import dev.preflight.run.ProjectInputs;
import dev.preflight.run.Session;
import java.util.Set;
import org.springframework.batch.core.BatchStatus;

/** {@code migrate}: pre-flight checks of the server and extensions, Flyway migrate, then the report. */
public final class MigrateCommand implements StepCommand {

    @Override
    public String name() {
        return "migrate";
    }

    @Override
    public String summary() {
        return "check the server and extensions, apply pending migrations, write the report";
    }

    @Override
    public Set<String> parameters() {
        return Set.of();
    }

    /** Migrate needs migrations: a project without any is a configuration error before anything connects. */
    @Override
    public void validate(ProjectLayout project, Options options) {
        MigrationFiles.resolve(project, ProjectConfig.load(project)).require(name());
    }

    /** The same check on the migrations its session has already read. */
    @Override
    public void validate(ProjectInputs inputs, Options options) {
        inputs.migrationFiles().require(name());
    }

    @Override
    public boolean execute(Session session, Options options) throws Exception {
        return session.runJob(MigrateJobConfiguration.JOB) == BatchStatus.COMPLETED;
    }
}
