package dev.preflight.check.seed;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.seed.SeedFiles;
import dev.preflight.seed.SeedPresence;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.List;

/**
 * SEED002: every row of the seed files is in the database, looked up by primary key after the
 * load. A missing row means something deleted seeded data after it was loaded, or the load did not
 * commit. Run {@code ./preflight seed} again: it inserts only what is missing.
 */
public final class SeedRowsPresentCheck implements Check {

    private final SeedFiles files;
    private final String schema;

    public SeedRowsPresentCheck(SeedFiles files, String schema) {
        this.files = files;
        this.schema = schema;
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
        return SeedPresence.measure(context.connection(), schema, files).stream().filter(p -> p.present() < p.seeded())
                .map(p -> finding("table " + p.table(), (p.seeded() - p.present()) + " seeded row(s) of " + p.table()
                                + " are missing from the database", p.seeded() + " rows by primary key", p.present() + " present",
                        "run ./preflight seed again: it inserts what is missing and leaves the rest"))
                .toList();
    }
}
