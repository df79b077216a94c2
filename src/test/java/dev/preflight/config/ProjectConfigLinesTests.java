package dev.preflight.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Errors in jobs/preflight.yaml name the line of the setting, not only its key (issue 13, case 8); OPENAI_BASE_URL (case 9). */
class ProjectConfigLinesTests {

    private static void write(Path dir, String yaml) throws Exception {
        Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("jobs/preflight.yaml"), yaml);
    }

    @Test
    void unknownAndBadSettingsNameTheirLine(@TempDir Path dir) throws Exception {
        write(dir, "migrations:\n  schema: public\nembeddings:\n  chunkSize: 10\n  openai:\n    model: m\n    bogus: 1\n");
        assertThatThrownBy(() -> ProjectConfig.load(ProjectLayout.of(dir))).hasMessageContaining("jobs/preflight.yaml line 7:")
                .hasMessageContaining("embeddings.openai.bogus");

        write(dir, "retune:\n  k: 10\n  queries: -1\n");
        assertThatThrownBy(() -> ProjectConfig.load(ProjectLayout.of(dir))).hasMessageContaining("line 3:");

        write(dir, "severity:\n  IDX001: high\n  MIG003: severe\n");
        assertThatThrownBy(() -> ProjectConfig.load(ProjectLayout.of(dir))).hasMessageContaining("line 3:");

        write(dir, "# settings\nmigrationz: {}\n");
        assertThatThrownBy(() -> ProjectConfig.load(ProjectLayout.of(dir))).hasMessageContaining("line 2:");

        write(dir, "verify:\n  domains:\n    Identity: users\n");
        assertThatThrownBy(() -> ProjectConfig.load(ProjectLayout.of(dir))).hasMessageContaining("line 3:");
    }

    @Test
    void openAiBaseUrlFromTheEnvironmentIsTheLowestPrecedenceDefault(@TempDir Path dir) throws Exception {
        var env = Map.of("OPENAI_BASE_URL", "http://proxy.internal/v1");
        assertThat(ProjectConfig.load(ProjectLayout.of(dir)).embeddings().openai().resolve(env::get).baseUrl())
                .isEqualTo("http://proxy.internal/v1");
        assertThat(ProjectConfig.load(ProjectLayout.of(dir)).embeddings().openai().resolve(k -> null).baseUrl())
                .isEqualTo("https://api.openai.com/v1");

        write(dir, "embeddings:\n  openai:\n    baseUrl: http://configured/v1\n");
        assertThat(ProjectConfig.load(ProjectLayout.of(dir)).embeddings().openai().resolve(env::get).baseUrl())
                .isEqualTo("http://configured/v1");
    }
}
