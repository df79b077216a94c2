package dev.preflight.cli.command;

import dev.preflight.check.smoke.SmokeSuite;
import dev.preflight.cli.StepCommand;
import dev.preflight.config.ProjectLayout;
import dev.preflight.job.verify.VerifyJobConfiguration;
import dev.preflight.kernel.Options;
import dev.preflight.run.Session;
import java.util.Set;
import org.springframework.batch.core.BatchStatus;

/**
 * {@code verify}: is this database what the migrations say, does it work, can we ship? Schema
 * drift against a replay of the migrations (writes drift.sql), smoke checks, git and CI readiness,
 * then the report. Changes nothing in the database.
 */
public final class VerifyCommand implements StepCommand {

    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String summary() {
        return "schema drift against the migrations (drift.sql), smoke checks, git and CI readiness, then the report";
    }

    @Override
    public Set<String> parameters() {
        return Set.of();
    }

    /** A broken smoke suite stops the run before anything changes, naming file and line. */
    @Override
    public void validate(ProjectLayout project, Options options) {
        SmokeSuite.load(project);
    }

    @Override
    public boolean execute(Session session, Options options) throws Exception {
        if (session.run().ledger().jobs().contains("migrate") && session.run().ledger().migrationError() != null) {
            // After a failed migration a replay would only repeat its error: verify's items stay NOT_RUN.
            return true;
        }
        return VerifyJobConfiguration.run(session) == BatchStatus.COMPLETED;
    }
}
