package dev.preflight.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.Projects;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Embeddings section's per-worker table of a distributed backfill. */
class EmbeddingsWorkersTemplateTests {

    private static String render(EmbeddingsSection.Target target) throws Exception {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
        cfg.setDirectoryForTemplateLoading(Projects.repositoryRoot().resolve("templates").toFile());
        cfg.setObjectWrapper(new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_34).build());
        ReadinessReport report = new ReadinessReport(1, "r", "backfill", "now", "dev", "p", Verdict.READY, "rule", 1, List.of(),
                List.of(), List.of(), null, null, List.of(), List.of(), List.of(), ReadinessReport.sections(null, new EmbeddingsSection(false, List.of(target)), null, null));
        StringWriter out = new StringWriter();
        cfg.getTemplate("sections/embeddings.md.ftl").process(Map.of("report", report), out);
        return out.toString();
    }

    private static EmbeddingsSection.Target items(List<EmbeddingsSection.Worker> workers) {
        return new EmbeddingsSection.Target("items", "items", "embedding", 8, "openai", "m", true, "COMPLETED", 100, 100, 100, 0, 0, 0,
                0, 0, 0, List.of(), 50, 2000, null, workers);
    }

    @Test
    void listsEachWorkersRowsPartitionsAndRate() throws Exception {
        String md = render(items(List.of(new EmbeddingsSection.Worker("w1", "host-a", 60, 3, 30.5),
                new EmbeddingsSection.Worker("w2", "host-b", 40, 2, 20))));

        assertThat(md).contains("Workers of the distributed backfill of items")
                .contains("| w1 | host-a | 3 | 60 | 30.5 |")
                .contains("| w2 | host-b | 2 | 40 | 20 |");
    }

    @Test
    void anInProcessBackfillHasNoWorkerTable() throws Exception {
        assertThat(render(items(List.of()))).doesNotContain("Workers of the distributed backfill");
    }
}
