package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.Projects;
import freemarker.template.Configuration;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The "Next steps" fragment: what needs an edit comes before the commands (a failed migration must be
 * fixed before `migrate` can clear anything), and the table is followed by a blank line so the next
 * section does not join it.
 */
class NextStepsTemplateTests {

    private static String render(NextSteps plan) throws Exception {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setDirectoryForTemplateLoading(Projects.repositoryRoot().resolve("templates").toFile());
        ReadinessReport report = new ReadinessReport(1, "r1", "gate", "2026-01-02T00:00:00Z", "dev", "p", Verdict.NOT_READY,
                Verdict.RULE, 1.0, List.of("migrate"), List.of(), List.of(), null, null, List.of(), List.of(), List.of(), ReadinessReport.sections(null, null, null, null, plan, null));
        StringWriter out = new StringWriter();
        cfg.getTemplate("sections/next-steps.md.ftl").process(Map.of("report", report, "text", new dev.preflight.report.render.ReportText()), out);
        return out.toString();
    }

    @Test
    void editsComeBeforeTheCommands() throws Exception {
        String md = render(new NextSteps(List.of(new NextSteps.Step(1, "preflight", "./preflight migrate", "migrate the database", List.of("MIG003"))),
                List.of(new NextSteps.Manual("MIG002", "V2__b.sql", "fix the statement at that line"))));

        assertThat(md).contains("First, these need a decision or an edit", "- **MIG002** V2\\_\\_b.sql: fix the statement at that line",
                "Then:", "| 1 | `./preflight migrate` | MIG003 | migrate the database |");
        assertThat(md.indexOf("MIG002")).isLessThan(md.indexOf("./preflight migrate"));
        assertThat(md).endsWith("|\n\n");
    }

    @Test
    void aCommandShowsAsTypedSoItCanBeCopied() throws Exception {
        // Markdown escapes inside a code span show literally: V2\_\_x.sql would not be the file's name
        String md = render(new NextSteps(List.of(new NextSteps.Step(1, "git", "git add migrations/V2__x.sql && git commit -m 'a|b'",
                "commit the migration", List.of("GIT001"))), List.of()));

        assertThat(md).contains("| 1 | `git add migrations/V2__x.sql && git commit -m 'a\\|b'` | GIT001 | commit the migration |");
    }

    @Test
    void commandsAloneNeedNoPreamble() throws Exception {
        String md = render(new NextSteps(List.of(new NextSteps.Step(1, "preflight", "./preflight gate", "run again", List.of())), List.of()));

        assertThat(md).doesNotContain("First,").doesNotContain("Then:").contains("| 1 | `./preflight gate` | - | run again |");
    }
}
