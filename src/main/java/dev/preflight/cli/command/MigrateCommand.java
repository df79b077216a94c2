package dev.preflight.cli.command;

import dev.preflight.cli.Command;
import dev.preflight.cli.Console;
import dev.preflight.cli.ExitCode;
import dev.preflight.cli.Options;
import dev.preflight.job.migrate.MigrateJobConfiguration;
import dev.preflight.run.Session;

/** {@code migrate}: pre-flight checks of the server and extensions, Flyway migrate, then the report. */
public final class MigrateCommand implements Command {

    @Override
    public String name() {
        return "migrate";
    }

    @Override
    public String summary() {
        return "check the server and extensions, apply pending migrations, write the report";
    }

    @Override
    public ExitCode run(Options options, Console console) throws Exception {
        try (Session session = Session.open(name(), options, console)) {
            session.runJob(MigrateJobConfiguration.JOB);
            return session.finish();
        }
    }
}
