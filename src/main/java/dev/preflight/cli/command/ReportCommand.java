package dev.preflight.cli.command;

import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckRunner;
import dev.preflight.cli.StepCommand;
import dev.preflight.job.migrate.PreflightChecksTasklet;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.Options;
import dev.preflight.run.Session;
import java.sql.Connection;
import java.util.Set;

/**
 * {@code report}: measures the database as it is (changes nothing) and writes the readiness
 * report. As a plan step it adds the server checks when no migrate step ran them.
 */
public final class ReportCommand implements StepCommand {

    @Override
    public String name() {
        return "report";
    }

    @Override
    public String summary() {
        return "measure the database without changing it and write the readiness report";
    }

    @Override
    public Set<String> parameters() {
        return Set.of();
    }

    /** On its own, {@code report} writes nothing to the database: no job repository, no run-history row. */
    @Override
    public ExitCode run(Options options, Console console) throws Exception {
        try (Session session = Session.openMeasuring(name(), options, console)) {
            execute(session, options);
            return session.finish();
        }
    }

    @Override
    public boolean execute(Session session, Options options) throws Exception {
        var run = session.run();
        if (run.ledger().hasOutcome("SRV002")) {
            return true; // migrate already checked the server in this run
        }
        try (Connection c = session.dataSource().getConnection()) {
            CheckContext ctx = CheckContext.of(c, run.target(), run.project(), run.migrationFiles());
            run.ledger().addAll(new CheckRunner(run.severityPolicy()).run(name(), PreflightChecksTasklet.checks(), ctx));
        }
        return true;
    }
}
