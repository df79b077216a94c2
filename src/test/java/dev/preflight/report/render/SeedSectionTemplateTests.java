package dev.preflight.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.report.ReadinessReport;
import dev.preflight.report.SeedSection;
import dev.preflight.report.Verdict;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedSectionTemplateTests {

    private static String render(SeedSection seed) throws Exception {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setDirectoryForTemplateLoading(Path.of("templates").toFile());
        cfg.setObjectWrapper(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34).build());
        ReadinessReport report = new ReadinessReport(1, "r", "seed", "now", "dev", "p", Verdict.READY, "rule", 1.0, List.of(),
                List.of(), List.of(), null, null, List.of(), List.of(), List.of(), ReadinessReport.sections(seed, null, null, null));
        StringWriter out = new StringWriter();
        cfg.getTemplate("sections/seed.md.ftl").process(Map.of("report", report, "text", new ReportText()), out);
        return out.toString();
    }

    @Test
    void appliedSeedShowsTablesAndOrganizations() throws Exception {
        var org = new SeedSection.OrganizationCounts("org_neon", "Neon Labs", 1, 1, 1, 1, 1, 8, 48, 1, 2, 1, 1);
        var total = new SeedSection.OrganizationCounts("total", null, 2, 2, 2, 2, 2, 9, 52, 2, 3, 2, 2);
        SeedSection seed = new SeedSection("APPLIED", false, List.of("jobs/seed/10-identity.yaml"), 121, 250, 121, 0, 0,
                List.of(new SeedSection.TableCounts("organizations", 2, 2, 0, 0, 2, List.of())), List.of(org), total, List.of(), null);

        String md = render(seed);

        assertThat(md).contains("## Seed status").contains("121 row(s) inserted, 0 updated, 0 unchanged")
                .contains("| organizations | 2 | 2 | 0 | 0 | 2 |").contains("| Rows now |")
                .contains("| Neon Labs (`org_neon`) | 1 | 1 | 1 | 1 | 8 | 48 | 1 | 2 | 1 | 1 |")
                .contains("| **all 2 organizations** | 2 | 2 | 2 | 2 | 9 | 52 | 2 | 3 | 2 | 2 |");
    }

    @Test
    void sequencesMovedPastTheSeededIdsAreListedOnce() throws Exception {
        var users = new SeedSection.TableCounts("users", 3, 3, 0, 0, 3, List.of(new SeedSection.SequenceAdvance("id", "users_id_seq", 6)));
        var teams = new SeedSection.TableCounts("teams", 1, 1, 0, 0, 1, List.of(new SeedSection.SequenceAdvance("id", "teams_id_seq", 2)));
        SeedSection seed = new SeedSection("APPLIED", false, List.of("jobs/seed/10-identity.yaml"), 4, 5, 4, 0, 0, List.of(users, teams),
                List.of(), null, List.of(), null);

        String md = render(seed);

        assertThat(md).containsOnlyOnce("Sequences moved past the seeded ids").contains("- `users_id_seq` (users.id): next value 6")
                .contains("- `teams_id_seq` (teams.id): next value 2");
        assertThat(render(new SeedSection("APPLIED", false, List.of("a.yaml"), 1, 5, 1, 0, 0,
                List.of(new SeedSection.TableCounts("organizations", 1, 1, 0, 0, 1, List.of())), List.of(), null, List.of(), null)))
                .doesNotContain("Sequences moved");
    }

    @Test
    void theReadinessReportIncludesTheSection() {
        ReadinessReport base = ReportFixtures.notReady();
        SeedSection seed = new SeedSection("APPLIED", false, List.of("jobs/seed/10-identity.yaml"), 2, 5, 2, 0, 0,
                List.of(new SeedSection.TableCounts("organizations", 2, 2, 0, 0, 2, List.of())), List.of(), null, List.of(), null);
        ReadinessReport withSeed = new ReadinessReport(base.schemaVersion(), base.runId(), base.command(), base.generatedAt(),
                base.preflightVersion(), base.project(), base.verdict(), base.verdictRule(), base.confidence(), base.jobs(), base.steps(),
                base.warnings(), base.database(), base.migrationStatus(), base.migrations(), base.findings(), base.checklist(), ReadinessReport.sections(seed, null, null, null));

        String md = new MarkdownRenderer(null).render(withSeed);

        assertThat(md).contains("## Seed status").contains("| organizations | 2 | 2 | 0 | 0 | 2 |");
        assertThat(new MarkdownRenderer(null).render(base)).doesNotContain("## Seed status");
    }

    @Test
    void invalidSeedListsTheErrorsAndTheRemedy() throws Exception {
        SeedSection seed = new SeedSection("INVALID", false, List.of(), 0, 0, 0, 0, 0, List.of(), List.of(), null,
                List.of("jobs/seed/60-bad.yaml line 3 (agents record 2): agents.kind = 'ROBOT' | is not a valid \"AgentKind\""), "fix it");

        assertThat(render(seed)).contains("**Seed invalid**").contains("- jobs/seed/60-bad.yaml line 3 (agents record 2)")
                .contains("'ROBOT' \\| is not")
                .contains("Remedy: fix it").doesNotContain("| table |");
    }

    @Test
    void dryRunAndNotRunAreSaidPlainly() throws Exception {
        SeedSection dry = new SeedSection("DRY_RUN", true, List.of("a.yaml"), 5, 10, 5, 0, 0,
                List.of(new SeedSection.TableCounts("users", 5, 5, 0, 0, 5, List.of())), List.of(), null, List.of(), null);

        assertThat(render(dry)).contains("**Dry run**").contains("would insert 5 row(s)").contains("Rows would be");
        assertThat(render(null)).as("a section renders only when its job ran").isBlank();
    }
}
