package dev.preflight.job.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.config.ProjectLayout;
import dev.preflight.seed.SeedBlock;
import dev.preflight.seed.SeedFiles;
import dev.preflight.seed.SeedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedReadersTests {

    private static SeedFiles read(Path root, String name, String content) throws Exception {
        Files.createDirectories(root.resolve("jobs/seed"));
        Files.writeString(root.resolve("jobs/seed").resolve(name), content);
        return SeedFiles.read(ProjectLayout.of(root));
    }

    @Test
    void yamlRecordsKeepTheirLinesAndGroupByColumnSet(@TempDir Path root) throws Exception {
        SeedFiles files = read(root, "10-a.yaml", """
                # comment
                agents:
                  - id: a1
                    name: One
                    metadata: {model: gpt, temperature: 0.3, tags: [x, y], on: true}
                  - {id: a2, name: "08"}
                  - id: a3
                    name: ~
                    description: 'null'
                """);

        assertThat(files.files()).containsExactly("jobs/seed/10-a.yaml");
        List<SeedBlock> blocks = files.blocks();
        assertThat(blocks).hasSize(3);
        assertThat(blocks.get(0).columns()).containsExactly("id", "name", "metadata");
        assertThat(blocks.get(0).rows().get(0)[2]).isEqualTo("{\"model\":\"gpt\",\"temperature\":0.3,\"tags\":[\"x\",\"y\"],\"on\":true}");
        assertThat(blocks.get(0).where(0)).isEqualTo("jobs/seed/10-a.yaml line 3 (agents record 1)");
        assertThat(blocks.get(0).where(0, "metadata")).isEqualTo("jobs/seed/10-a.yaml line 5 (agents record 1, column metadata)");
        assertThat(blocks.get(1).rows().get(0)).containsExactly("a2", "08");
        assertThat(blocks.get(1).where(0)).isEqualTo("jobs/seed/10-a.yaml line 6 (agents record 2)");
        assertThat(blocks.get(2).rows().get(0)).containsExactly("a3", null, "null");
    }

    @Test
    void yamlMergeKeysAddTheColumnsARecordDoesNotSetItself(@TempDir Path root) throws Exception {
        // given records sharing defaults through an anchor and YAML's merge key (one mapping, then a list of them)
        SeedFiles files = read(root, "20-b.yaml", """
                brands:
                  - &acme {id: b1, organizationId: org_acme, tone: calm}
                  - <<: *acme
                    id: b2
                  - <<: [{tone: loud, id: x}, *acme]
                    id: b3
                """);

        // then each record has every column, its own values winning, then the first merged mapping's
        List<SeedBlock> blocks = files.blocks();
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(0).columns()).containsExactly("id", "organizationId", "tone");
        assertThat(blocks.get(1).columns()).containsExactly("id", "tone", "organizationId");
        assertThat(blocks.get(0).rows().get(1)).containsExactly("b2", "org_acme", "calm");
        assertThat(blocks.get(1).rows().get(0)).containsExactly("b3", "loud", "org_acme");
        assertThatThrownBy(() -> read(root, "21-c.yaml", "brands:\n  - <<: [1, 2]\n    id: b4\n"))
                .isInstanceOf(SeedInputException.class).hasMessageContaining("jobs/seed/21-c.yaml line 2")
                .hasMessageContaining("a merge key (<<) takes a mapping");
    }

    @Test
    void yamlRefusesARepeatedColumnNamingTheLine(@TempDir Path root) {
        assertThatThrownBy(() -> read(root, "a.yaml", "users:\n  - id: u1\n    email: a@b.c\n    email: d@e.f\n"))
                .isInstanceOf(SeedInputException.class).hasMessageContaining("jobs/seed/a.yaml line 4").hasMessageContaining("twice");
    }

    @Test
    void csvTellsNullFromEmptyAndCountsLinesOfMultilineFields(@TempDir Path root) throws Exception {
        SeedFiles files = read(root, "41-chunks.csv", "id,content,note\nc1,\"two\nlines, and \"\"quotes\"\"\",\nc2,plain,\"\"\n");

        SeedBlock b = files.blocks().get(0);
        assertThat(b.table()).isEqualTo("chunks");
        assertThat(b.rows().get(0)).containsExactly("c1", "two\nlines, and \"quotes\"", null);
        assertThat(b.rows().get(1)).containsExactly("c2", "plain", "");
        assertThat(b.where(1)).isEqualTo("jobs/seed/41-chunks.csv line 4 (chunks record 2)");
    }

    @Test
    void csvRowWithTheWrongNumberOfFieldsNamesItsLine(@TempDir Path root) {
        assertThatThrownBy(() -> read(root, "users.csv", "id,email\nu1,a@b.c\nu2,x,y\n"))
                .isInstanceOf(SeedInputException.class).hasMessageContaining("jobs/seed/users.csv line 3 (users record 2): 3 fields");
    }

    @Test
    void noSeedFolderMeansNothingToLoad(@TempDir Path root) {
        assertThat(SeedFiles.read(ProjectLayout.of(root)).blocks()).isEmpty();
    }

    @Test
    void aRecursiveAliasOrAnAliasBombIsAnInputErrorAtItsLine(@TempDir Path root) throws Exception {
        assertThatThrownBy(() -> read(root, "10-s.yaml", "agents: []\nsettings: &s {self: *s}\n"))
                .isInstanceOf(SeedInputException.class).hasMessageStartingWith("jobs/seed/10-s.yaml line 2: YAML alias refused");
        Files.delete(root.resolve("jobs/seed/10-s.yaml"));
        assertThatThrownBy(() -> read(root, "20-b.yaml", dev.preflight.config.YamlAliasesTests.bomb(25)))
                .isInstanceOf(SeedInputException.class).hasMessageContaining("alias bomb");
    }

    @Test
    void aFileThatIsNotUtf8IsAnInputErrorNamingTheLineAndByte(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("jobs/seed"));
        Files.write(root.resolve("jobs/seed/10-s.yaml"), "agents:\n  - id: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> SeedFiles.read(ProjectLayout.of(root))).isInstanceOf(SeedInputException.class)
                .hasMessage("jobs/seed/10-s.yaml line 2 is not UTF-8 (byte 0xE9 at offset 19)")
                .satisfies(e -> assertThat(((SeedInputException) e).remedy()).contains("save the file as UTF-8"));
        Files.delete(root.resolve("jobs/seed/10-s.yaml"));
        Files.write(root.resolve("jobs/seed/20-agents.csv"), "id\ncaf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> SeedFiles.read(ProjectLayout.of(root))).isInstanceOf(SeedInputException.class)
                .hasMessageStartingWith("jobs/seed/20-agents.csv line 2 is not UTF-8 (byte 0xE9");
    }
}
