package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.Projects;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddingsTemplateTests {

    private static String render(EmbeddingsSection section) throws Exception {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setDirectoryForTemplateLoading(Projects.repositoryRoot().resolve("templates").toFile());
        cfg.setObjectWrapper(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34).build());
        ReadinessReport report = new ReadinessReport(1, "r", "backfill", "now", "dev", "p", Verdict.READY, "rule", 1, List.of(),
                List.of(), List.of(), null, null, List.of(), List.of(), List.of(), ReadinessReport.sections(null, section, null, null));
        StringWriter out = new StringWriter();
        cfg.getTemplate("sections/embeddings.md.ftl").process(Map.of("report", report, "text", new dev.preflight.report.render.ReportText()), out);
        return out.toString();
    }

    @Test
    void rendersEachTargetWithItsCountsSkipsAndSemanticFlag() throws Exception {
        var chunks = new EmbeddingsSection.Target("chunks", "chunks", "embedding", 384, "local", "all-MiniLM-L6-v2", true, "COMPLETED",
                2000, 1990, 1980, 5, 3, 0, 3, 3, 0,
                List.of(new EmbeddingsSection.Issue("skipped", "empty text", 3, List.of("c1", "c2", "c3"))), 150.5, 13_200, null);
        var items = new EmbeddingsSection.Target("items", "items", "embedding", 8, "deterministic", "deterministic-sha256", false,
                "STOPPED", 100, 100, 40, 0, 0, 0, 60, 0, 0, List.of(), 1000, 40, null);

        String md = render(new EmbeddingsSection(false, List.of(chunks, items)));

        assertThat(md).contains("## Embeddings")
                .contains("| chunks | chunks.embedding vector(384) | local | all-MiniLM-L6-v2 | yes | COMPLETED | 2000 | 1990 | 1980 | 5 | 3 | 0 | 3 | 150.5 | 13.2 s |")
                .contains("chunks: 3 row(s) skipped: empty text (ids: c1, c2, c3)")
                .contains("| **NO** |").contains("items: the vectors are NOT semantic")
                .contains("items: 60 row(s) still have a NULL vector with no recorded reason");
    }

    @Test
    void rendersNothingWithoutASection() throws Exception {
        assertThat(render(null)).isBlank();
    }
}
