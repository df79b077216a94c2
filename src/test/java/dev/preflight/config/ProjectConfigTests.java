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

    @Test
    void readsRetuneSettingsAndRejectsBadOnes(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("jobs"));
        Path f = dir.resolve("jobs/preflight.yaml");
        assertThat(ProjectConfig.load(ProjectLayout.of(dir)).retune()).isEqualTo(RetuneConfig.defaults());

        Files.writeString(f, "retune:\n  maintenanceWorkMemCap: 2GB\n  lockTimeout: 500ms\n  queries: 20\n");
        RetuneConfig r = ProjectConfig.load(ProjectLayout.of(dir)).retune();
        assertThat(r.maintenanceWorkMemCap()).isEqualTo("2GB");
        assertThat(r.lockTimeout()).isEqualTo("500ms");
        assertThat(r.queries()).isEqualTo(20);
        assertThat(r.k()).isEqualTo(10);

        Files.writeString(f, "retune:\n  probes: 3\n");
        assertThatThrownBy(() -> ProjectConfig.load(ProjectLayout.of(dir))).hasMessageContaining("unknown setting 'retune.probes'");
        Files.writeString(f, "retune:\n  queries: many\n");
        assertThatThrownBy(() -> ProjectConfig.load(ProjectLayout.of(dir))).hasMessageContaining("retune.queries must be a positive whole number");
    }

    @Test
    void aFileThatIsNotUtf8NamesTheLineAndTheByte(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("jobs"));
        Files.write(dir.resolve("jobs/preflight.yaml"), "migrations:\n  schema: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> ProjectConfig.load(ProjectLayout.of(dir))).isInstanceOf(dev.preflight.kernel.PreflightException.class)
                .hasMessage("jobs/preflight.yaml line 2 is not UTF-8 (byte 0xE9 at offset 25)")
                .satisfies(e -> assertThat(((dev.preflight.kernel.PreflightException) e).remedy()).contains("save the file as UTF-8"));
    }
}
