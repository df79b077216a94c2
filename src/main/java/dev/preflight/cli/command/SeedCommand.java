package dev.preflight.cli.command;

import dev.preflight.cli.StepCommand;
import dev.preflight.job.seed.SeedJobConfiguration;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.Options;
import dev.preflight.report.SeedSection;
import dev.preflight.run.Session;
import java.util.Set;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * {@code seed [--dry-run]}: loads {@code jobs/seed/} into a migrated database (idempotent upserts
 * in one transaction), prints what it did per table, then writes the report. Bad seed input names
 * the file and line on stderr and writes nothing; on its own the command then exits with 2, as a
 * plan step (the gate) it fails the step, so the run is NOT_READY.
 */
public final class SeedCommand implements StepCommand {

    @Override
    public String name() {
        return "seed";
    }

    @Override
    public String summary() {
        return "load jobs/seed/ (idempotent upserts, one transaction); --dry-run counts and writes nothing";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("dry-run");
    }

    @Override
    public boolean execute(Session session, Options options) throws Exception {
        JobParametersBuilder params = new JobParametersBuilder()
                .addString(SeedJobConfiguration.DRY_RUN, String.valueOf(options.has("dry-run")), false);
        BatchStatus status = session.runJob(SeedJobConfiguration.JOB, params);
        SeedSection seed = session.run().ledger().seed();
        Console console = session.console();
        print(seed, console);
        if (seed != null && !seed.errors().isEmpty()) {
            console.error("seed: " + seed.errors().get(0)
                    + (seed.errors().size() > 1 ? " (and " + (seed.errors().size() - 1) + " more, see the log and the report)" : "")
                    + " -> " + seed.remedy());
        }
        return status == BatchStatus.COMPLETED;
    }

    @Override
    public ExitCode run(Options options, Console console) throws Exception {
        try (Session session = Session.open(name(), options, console)) {
            execute(session, options);
            return session.finish();
        }
    }

    private static void print(SeedSection seed, Console console) {
        if (seed == null || seed.tables().isEmpty()) {
            return;
        }
        var out = console.out();
        out.println(seed.dryRun() ? "Seed (dry run: nothing written; a real run would do this):" : "Seed:");
        out.printf("  %-26s %9s %9s %9s %9s%n", "table", "inserted", "updated", "unchanged", "rows");
        for (SeedSection.TableCounts t : seed.tables()) {
            out.printf("  %-26s %9d %9d %9d %9d%n", t.table(), t.inserted(), t.updated(), t.unchanged(), t.rowsAfter());
        }
        out.printf("  %-26s %9d %9d %9d   (%d ms)%n", "total", seed.inserted(), seed.updated(), seed.unchanged(), seed.durationMs());
    }
}
