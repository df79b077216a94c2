package dev.preflight.check.seed;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import dev.preflight.report.SeedSection;
import dev.preflight.report.Severity;
import java.util.List;
import java.util.Locale;

/**
 * SEED001: the seed files loaded without error. A seed that fails leaves the application without
 * the organizations, users and content it expects (the whole load is rolled back, so the data is
 * absent rather than half there). Fix the file and line named in the finding and run seed again.
 */
public final class SeedAppliedCheck implements Check {

    @Override
    public String id() {
        return "SEED001";
    }

    @Override
    public String title() {
        return "Seed data applied without error";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.HIGH;
    }

    @Override
    public List<Finding> run(CheckContext context) {
        SeedSection section = context.fact(SeedSection.class);
        if (!section.invalid() && !"FAILED".equals(section.status())) {
            return List.of();
        }
        return section.errors().stream().map(e -> finding("seed", e, "seed files that load without error",
                section.status().toLowerCase(Locale.ROOT) + ": nothing was written", section.remedy())).toList();
    }
}
