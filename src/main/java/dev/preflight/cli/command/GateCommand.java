package dev.preflight.cli.command;

import dev.preflight.cli.Command;
import dev.preflight.cli.Console;
import dev.preflight.cli.ExitCode;
import dev.preflight.cli.Options;
import dev.preflight.job.migrate.MigrateJobConfiguration;
import dev.preflight.run.Session;
import org.springframework.batch.core.BatchStatus;

/**
 * {@code gate}: the main job and CI gate: migrate, then seed (when the migration succeeded), then
 * the readiness report; exit code 1 when the database is not ready, 2 when the seed files are bad.
 */
public final class GateCommand implements Command {

    @Override
    public String name() {
        return "gate";
    }

    @Override
    public String summary() {
        return "the CI gate: migrate, seed and report (embedded database when none is given); exit 1 if not ready";
    }

    @Override
    public ExitCode run(Options options, Console console) throws Exception {
        try (Session session = Session.open(name(), options, console)) {
            if (session.runJob(MigrateJobConfiguration.JOB) != BatchStatus.COMPLETED) {
                return session.finish(); // seeding a half-migrated schema would only add noise to the report
            }
            return SeedCommand.runSeed(session, options, console);
        }
    }
}
