package dev.preflight.check.seed;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import dev.preflight.seed.SeedFiles;
import dev.preflight.seed.SeedPresence;
import java.util.List;

/**
 * SEED002: every row of the seed files is in the database, looked up by primary key after the
 * load. A missing row means something deleted seeded data after it was loaded, or the load did not
 * commit. Run {@code ./preflight seed} again: it inserts only what is missing.
 */
public final class SeedRowsPresentCheck implements Check {

    /** What the seed job applied: its files and the schema it wrote to. */
    public record Seeded(SeedFiles files, String schema) {
    }

    @Override
    public String id() {
        return "SEED002";
    }

    @Override
    public String title() {
        return "Every seeded row is present in the database";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        SeedFiles files = context.fact(Seeded.class).files();
        String schema = context.fact(Seeded.class).schema();
        return SeedPresence.measure(context.connection(), schema, files).stream().filter(p -> p.present() < p.seeded())
                .map(p -> finding("table " + p.table(), (p.seeded() - p.present()) + " seeded row(s) of " + p.table()
                                + " are missing from the database", p.seeded() + " rows by primary key", p.present() + " present",
                        "run ./preflight seed again: it inserts what is missing and leaves the rest"))
                .toList();
    }
}
