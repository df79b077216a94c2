package dev.preflight.cli.command;

import dev.preflight.check.smoke.SmokeSuite;
import dev.preflight.cli.Command;
import dev.preflight.cli.Console;
import dev.preflight.cli.ExitCode;
import dev.preflight.cli.Options;
import dev.preflight.config.ProjectLayout;
import dev.preflight.job.verify.VerifyJobConfiguration;
import dev.preflight.run.Session;

/**
 * {@code verify}: is this database what the migrations say, does it work, can we ship? Schema
 * drift against a replay of the migrations (writes drift.sql), smoke checks, git and CI readiness,
 * then the report. Changes nothing in the database.
 */
public final class VerifyCommand implements Command {

    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String summary() {
        return "schema drift against the migrations (drift.sql), smoke checks, git and CI readiness, then the report";
    }

    @Override
    public ExitCode run(Options options, Console console) throws Exception {
        SmokeSuite.load(new ProjectLayout(options.project(), options.reportsDir())); // a broken suite stops here, naming file and line
        try (Session session = Session.open(name(), options, console)) {
            VerifyJobConfiguration.run(session);
            return session.finish();
        }
    }
}
