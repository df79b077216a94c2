package dev.preflight.cli.command;

import dev.preflight.cli.Command;
import dev.preflight.cli.Console;
import dev.preflight.cli.ExitCode;
import dev.preflight.cli.Options;
import dev.preflight.job.backfill.BackfillRunner;
import dev.preflight.job.migrate.MigrateJobConfiguration;
import dev.preflight.run.Session;
import org.springframework.batch.core.BatchStatus;

/**
 * {@code gate}: the main job and CI gate: migrate, then the readiness report; exit code 1 when
 * the database is not ready. After migrate, the backfill fills the vector columns. Later steps (seed,
 * verify) join the gate as their jobs land.
 */
public final class GateCommand implements Command {

    @Override
    public String name() {
        return "gate";
    }

    @Override
    public String summary() {
        return "the CI gate: migrate and report (embedded database when none is given); exit 1 if not ready";
    }

    @Override
    public ExitCode run(Options options, Console console) throws Exception {
        try (Session session = Session.open(name(), options, console)) {
            if (session.runJob(MigrateJobConfiguration.JOB) == BatchStatus.COMPLETED) {
                // Fills the embeddings with the project's provider (the example: all-MiniLM-L6-v2, in-process).
                new BackfillRunner(session).runAndRecord(BackfillRunner.Request.defaults());
            }
            return session.finish();
        }
    }
}
