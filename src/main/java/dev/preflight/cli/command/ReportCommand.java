package dev.preflight.cli.command;

import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckRunner;
import dev.preflight.cli.Command;
import dev.preflight.cli.Console;
import dev.preflight.cli.ExitCode;
import dev.preflight.cli.Options;
import dev.preflight.job.migrate.PreflightChecksTasklet;
import dev.preflight.run.Session;
import java.sql.Connection;

/** {@code report}: measures the database as it is (changes nothing) and writes the readiness report. */
public final class ReportCommand implements Command {

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String summary() {
        return "measure the database without changing it and write the readiness report";
    }

    @Override
    public ExitCode run(Options options, Console console) throws Exception {
        try (Session session = Session.open(name(), options, console)) {
            var run = session.run();
            try (Connection c = session.dataSource().getConnection()) {
                CheckContext ctx = CheckContext.of(c, run.target(), run.project(), run.migrationFiles());
                run.ledger().addAll(new CheckRunner(run.severityPolicy()).run(name(), PreflightChecksTasklet.checks(), ctx));
            }
            return session.finish();
        }
    }
}
