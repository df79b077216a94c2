package dev.preflight.cli.command;

import dev.preflight.cli.Command;
import dev.preflight.cli.Console;
import dev.preflight.cli.ExitCode;
import dev.preflight.cli.Options;
import dev.preflight.job.seed.SeedJobConfiguration;
import dev.preflight.report.SeedSection;
import dev.preflight.run.Session;
import java.util.Map;

/**
 * {@code seed [--dry-run]}: loads {@code jobs/seed/} into a migrated database (idempotent upserts
 * in one transaction), prints what it did per table, then writes the report. Bad seed input exits
 * with 2 and names the file and line; nothing is written.
 */
public final class SeedCommand implements Command {

    @Override
    public String name() {
        return "seed";
    }

    @Override
    public String summary() {
        return "load jobs/seed/ (idempotent upserts, one transaction); --dry-run counts and writes nothing";
    }

    @Override
    public ExitCode run(Options options, Console console) throws Exception {
        try (Session session = Session.open(name(), options, console)) {
            return runSeed(session, options, console);
        }
    }

    /** Runs the seed job in an open session, prints its summary and finishes the report; shared with gate. */
    static ExitCode runSeed(Session session, Options options, Console console) throws Exception {
        session.runJob(SeedJobConfiguration.JOB, Map.of(SeedJobConfiguration.DRY_RUN, String.valueOf(options.has("dry-run"))));
        SeedSection seed = session.run().ledger().seed();
        print(seed, console);
        ExitCode code = session.finish();
        if (seed != null && seed.invalid()) {
            console.err().println("preflight: seed: " + seed.errors().get(0)
                    + (seed.errors().size() > 1 ? " (and " + (seed.errors().size() - 1) + " more, see the log and the report)" : "")
                    + " -> " + seed.remedy());
            return ExitCode.USAGE_OR_CONNECTION;
        }
        return code;
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
