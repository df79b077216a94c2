package dev.preflight.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.job.backfill.BackfillSql;
import dev.preflight.testing.Projects;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingsConfigTests {

    private static ProjectConfig load(Path dir, String yaml) throws Exception {
        Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("jobs/preflight.yaml"), yaml);
        return ProjectConfig.load(ProjectLayout.of(dir));
    }

    @Test
    void theExampleDeclaresTheNeonHubTargetsWithTheLocalModelAnd384Dimensions() {
        ProjectConfig c = ProjectConfig.load(ProjectLayout.of(Projects.repositoryRoot()));

        assertThat(c.placeholders()).containsEntry("embedding_dimension", "384");
        assertThat(c.embeddings().provider()).isEqualTo("local");
        assertThat(c.embeddings().targets()).extracting(EmbeddingTarget::name).containsExactly("chunks", "messages", "brand_voices");
        assertThat(BackfillSql.textExpression(c.embeddings().target("brand_voices")))
                .isEqualTo("concat_ws(E'\\n', t.\"name\", t.\"description\", t.\"sampleText\")");
        assertThat(BackfillSql.textExpression(c.embeddings().target("chunks"))).isEqualTo("t.\"content\"::text");
    }

    @Test
    void readsTargetsAndOpenAiSettings(@TempDir Path dir) throws Exception {
        ProjectConfig c = load(dir, """
                embeddings:
                  provider: openai
                  chunkSize: 200
                  openai:
                    baseUrl: http://localhost:8080/v1
                    dimensions: 512
                    requestsPerMinute: 60
                  targets:
                    docs:
                      table: app.documents
                      textSql: "title || ' ' || body"
                      vector: vec
                      model: text-embedding-3-large
                """);

        EmbeddingsConfig e = c.embeddings();
        assertThat(e.chunkSize()).isEqualTo(200);
        assertThat(e.openai().dimensions()).isEqualTo(512);
        assertThat(e.openai().requestsPerMinute()).isEqualTo(60);
        assertThat(e.openai().tokensPerMinute()).isEqualTo(1_000_000); // default kept
        EmbeddingTarget docs = e.target("docs");
        assertThat(BackfillSql.textExpression(docs)).isEqualTo("(title || ' ' || body)");
        assertThat(docs.idColumn()).isEqualTo("id");
        assertThat(docs.builtIn()).isFalse();
    }

    @Test
    void badSettingsAreErrorsNamingTheFileAndSetting(@TempDir Path dir) {
        assertThatThrownBy(() -> load(dir, "embeddings:\n  provider: cohere\n"))
                .hasMessageContaining("jobs/preflight.yaml").hasMessageContaining("embeddings.provider");
        assertThatThrownBy(() -> load(dir, "embeddings:\n  chunkSize: -5\n")).hasMessageContaining("embeddings.chunkSize");
        assertThatThrownBy(() -> load(dir, "embeddings:\n  targets:\n    x:\n      table: x\n")).hasMessageContaining("exactly one of 'text'");
        assertThatThrownBy(() -> load(dir, "embeddings:\n  openai:\n    key: abc\n")).hasMessageContaining("embeddings.openai.key");
        assertThatThrownBy(() -> ProjectConfig.defaults().embeddings().target("nope")).hasMessageContaining("'nope'")
                .extracting("remedy").asString().contains("declared targets: [chunks, messages, brand_voices]");
    }
}
