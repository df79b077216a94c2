package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.report.CheckOutcome.Status;
import dev.preflight.report.VerifySection.Ci;
import dev.preflight.report.VerifySection.Comparison;
import dev.preflight.report.VerifySection.DomainStatus;
import dev.preflight.report.VerifySection.Drift;
import dev.preflight.report.VerifySection.DriftItem;
import dev.preflight.report.VerifySection.FindingRef;
import dev.preflight.report.VerifySection.Git;
import dev.preflight.report.VerifySection.History;
import dev.preflight.report.VerifySection.SmokeResult;
import dev.preflight.report.VerifySection.Workflow;
import dev.preflight.testing.Projects;
import freemarker.template.Configuration;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifySectionTemplateTests {

    private static String render(VerifySection section) throws Exception {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setDirectoryForTemplateLoading(Projects.repositoryRoot().resolve("templates").toFile());
        ReadinessReport report = new ReadinessReport(1, "r2", "verify", "2026-01-02T00:00:00Z", "dev", "p", Verdict.NOT_READY,
                Verdict.RULE, 1.0, List.of("verify"), List.of(), List.of(), null, null, List.of(), List.of(), List.of(), ReadinessReport.sections(null, null, null, section));
        StringWriter out = new StringWriter();
        cfg.getTemplate("sections/verify.md.ftl").process(Map.of("report", report, "text", new dev.preflight.report.render.ReportText()), out);
        return out.toString();
    }

    @Test
    void rendersDriftSmokeGitCiDomainsAndTheComparison() throws Exception {
        VerifySection s = new VerifySection(
                new Drift("preflight_shadow_1", 688, List.of(new DriftItem("DRIFT001", Severity.HIGH, "column messages.embedding",
                        "changed (type)", "vector(1536)", "vector(768)", true)), "drift.sql", 2900, 400, 40, null),
                new History(5, 0, 0, 1, 0),
                List.of(new SmokeResult("SMOKE003", "Seed data present", Severity.MEDIUM, Status.FAILED, "organizations has 0 of 2",
                        "jobs/checks/neonhub.yaml", 3)),
                new Git(true, "main", "abc1234", List.of("migrations/V6.sql (untracked)"), List.of(), List.of(".env"), null),
                new Ci(List.of(new Workflow(".github/workflows/db.yml", List.of("push"), List.of("./preflight gate"))), true, false, null),
                List.of(new DomainStatus("Conversations", List.of("conversations", "messages"), 2, List.of(), 1, 2, 0, "regressed")),
                new Comparison("r1", "2026-01-01T00:00:00Z", "READY", List.of(new FindingRef("DRIFT001", Severity.HIGH,
                        "column messages.embedding", "x")), List.of(), List.of()),
                4200, null);

        String md = render(s);

        assertThat(md).contains("## Verification", "Verify ran in 4200 ms",
                "| Schema drift | ⚠ 1 difference(s) | 688 objects compared",
                "| DRIFT001 | high | column messages.embedding | changed (type) | vector(1536) | vector(768) |",
                "| SMOKE003 | Seed data present | medium | ⚠ failed | 3 ms | organizations has 0 of 2 |",
                "- Migration not committed: `migrations/V6.sql (untracked)`", "- Secret-bearing file tracked by git: `.env`",
                "in CI: DATABASE_URL **not set**", "| Conversations | 2 of 2 | 1 | 2 tables, 0 findings | regressed |",
                "1 new, 0 fixed, 0 still open", "- 🆕 new: DRIFT001 (high) column messages.embedding",
                "| 1 checksum mismatch(es)".substring(2));
    }

    @Test
    void rendersNothingWithoutTheSectionAndSaysWhenThereIsNothingToCompare() throws Exception {
        assertThat(render(null)).isBlank();
        assertThat(render(VerifySection.empty())).contains("No earlier report in the reports folder to compare with.");
    }
}
