package dev.preflight.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.report.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectConfigTests {

    @Test
    void defaultsWithoutAFile(@TempDir Path dir) {
        ProjectConfig c = ProjectConfig.load(ProjectLayout.of(dir));

        assertThat(c.placeholders()).containsEntry("embedding_dimension", "1536"); // the default when no file sets it
        assertThat(c.schema()).isEqualTo("public");
    }

    @Test
    void readsPlaceholdersAndSeverities(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("jobs/preflight.yaml"), "migrations:\n  placeholders:\n    embedding_dimension: 384\nseverity:\n  IDX001: high\n");

        ProjectConfig c = ProjectConfig.load(ProjectLayout.of(dir));

        assertThat(c.placeholders()).containsEntry("embedding_dimension", "384");
        assertThat(c.severities()).containsEntry("IDX001", Severity.HIGH);
    }

    @Test
    void errorsNameTheFileAndLine(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("jobs"));
        Path f = dir.resolve("jobs/preflight.yaml");
        Files.writeString(f, "migrations:\n  placeholders: [\n");
        assertThatThrownBy(() -> ProjectConfig.load(ProjectLayout.of(dir))).hasMessageContaining("jobs/preflight.yaml line");

        Files.writeString(f, "migrationz: {}\n");
        assertThatThrownBy(() -> ProjectConfig.load(ProjectLayout.of(dir))).hasMessageContaining("unknown setting 'migrationz'");

        Files.writeString(f, "severity:\n  IDX001: critical\n");
        assertThatThrownBy(() -> ProjectConfig.load(ProjectLayout.of(dir))).hasMessageContaining("severity.IDX001");
    }
}
