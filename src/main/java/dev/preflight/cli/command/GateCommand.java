package dev.preflight.cli.command;

import dev.preflight.cli.Command;
import dev.preflight.cli.Console;
import dev.preflight.cli.ExitCode;
import dev.preflight.cli.Options;
import dev.preflight.check.smoke.SmokeSuite;
import dev.preflight.config.ProjectLayout;
import dev.preflight.job.migrate.MigrateJobConfiguration;
import dev.preflight.job.verify.VerifyJobConfiguration;
import dev.preflight.run.Session;
import org.springframework.batch.core.BatchStatus;

/**
 * {@code gate}: the main job and CI gate: migrate, then the readiness report; exit code 1 when
 * the database is not ready. Verify runs last, over what the other jobs left.
 */
public final class GateCommand implements Command {

    @Override
    public String name() {
        return "gate";
    }

    @Override
    public String summary() {
        return "the CI gate: migrate, verify and report (embedded database when none is given); exit 1 if not ready";
    }

    @Override
    public ExitCode run(Options options, Console console) throws Exception {
        SmokeSuite.load(new ProjectLayout(options.project(), options.reportsDir())); // fail before migrating on a broken suite
        try (Session session = Session.open(name(), options, console)) {
            BatchStatus migrated = session.runJob(MigrateJobConfiguration.JOB);
            if (migrated == BatchStatus.COMPLETED) {
                // Last, over what the other jobs left. After a failed migration a replay would only repeat its error:
                // verify's checklist items then stay NOT_RUN.
                VerifyJobConfiguration.run(session);
            }
            return session.finish();
        }
    }
}
