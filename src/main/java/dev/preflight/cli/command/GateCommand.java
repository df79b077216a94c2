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
            session.runJob(MigrateJobConfiguration.JOB);
            VerifyJobConfiguration.run(session); // last: it checks what the other jobs left behind
            return session.finish();
        }
    }
}
