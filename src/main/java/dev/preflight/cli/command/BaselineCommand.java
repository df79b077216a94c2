package dev.preflight.cli.command;

import dev.preflight.cli.Command;
import dev.preflight.config.ProjectConfig;
import dev.preflight.config.ProjectLayout;
import dev.preflight.job.migrate.Baseline;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.Options;
import dev.preflight.migration.AppliedChecksums;
import dev.preflight.migration.MigrationFiles;
import dev.preflight.run.Session;

/**
 * {@code baseline [--to VERSION]}: adopts a database built by hand or by another tool by
 * recording the native history rows of the migrations up to VERSION (all by default), after a
 * drift check against a replay of those migrations; then writes the report.
 */
public final class BaselineCommand implements Command {

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public java.util.Set<String> flags() {
        return java.util.Set.of("to");
    }

    @Override
    public String summary() {
        return "adopt an existing database: after a drift check, record the migrations up to --to VERSION as applied in the native history table";
    }

    @Override
    public ExitCode run(Options options, Console console) throws Exception {
        ProjectLayout project = new ProjectLayout(options.project(), options.reportsDir());
        MigrationFiles.resolve(project, ProjectConfig.load(project)).require(name()); // before anything connects
        try (Session session = Session.openWithoutJobs(name(), options, console)) {
            var run = session.run();
            var source = run.migrationFiles().source();
            Baseline.Result r = new Baseline(session.dataSource(), run.target(), run.migrationFiles(), run.config(), session.shadowSettings())
                    .run(options.flag("to"));
            if (r.recorded().isEmpty() && r.checksumsRecorded().isEmpty()) {
                console.out().println("baseline: nothing to record: every " + source.layout() + " migration up to " + r.upTo()
                        + " is already in " + source.historyTable());
            } else {
                console.out().println("baseline: the schema matches a replay of the migrations up to " + r.upTo() + " (" + r.objectsCompared()
                        + " objects compared on shadow " + r.shadowDatabase() + ", replay " + r.replayMs() + " ms)");
            }
            if (!r.recorded().isEmpty()) {
                console.out().println("baseline: recorded " + r.recorded().size() + " migration(s) as applied in " + source.historyTable()
                        + ": " + String.join(", ", r.recorded()));
            }
            if (!r.checksumsRecorded().isEmpty()) {
                console.out().println("baseline: recorded the checksums of " + r.checksumsRecorded().size() + " migration(s) " + source.layout()
                        + " applied itself in " + AppliedChecksums.TABLE + " (" + source.layout() + " keeps none): "
                        + String.join(", ", r.checksumsRecorded()));
            }
            return session.finish();
        }
    }
}
