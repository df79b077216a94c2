package dev.preflight.job.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.config.ProjectLayout;
import dev.preflight.seed.SeedBlock;
import dev.preflight.seed.SeedFiles;
import dev.preflight.seed.SeedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixtureTests {

    private static SeedFiles read(Path root, String yaml) throws Exception {
        Files.createDirectories(root.resolve("jobs/seed"));
        Files.writeString(root.resolve("jobs/seed/90-scale.yaml"), yaml);
        return SeedFiles.read(ProjectLayout.of(root));
    }

    @Test
    void generatesTheSameRowsEveryTime(@TempDir Path a, @TempDir Path b) throws Exception {
        // given
        String yaml = """
                chunks:
                  generate: 1000
                  template:
                    id: chunk_{n}
                    documentId: doc_{n%3}
                    content: "{text}"
                    note: ~
                """;

        // when
        long t0 = System.nanoTime();
        SeedFiles first = read(a, yaml);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        SeedFiles second = read(b, yaml);

        // then
        SeedBlock block = first.blocks().get(0);
        assertThat(block.generated()).isTrue();
        assertThat(block.size()).isEqualTo(1000);
        assertThat(block.columns()).containsExactly("id", "documentId", "content", "note");
        assertThat(block.rows().get(0)).startsWith("chunk_1", "doc_1");
        assertThat(block.rows().get(2)[1]).isEqualTo("doc_0");
        assertThat(block.rows().get(0)[3]).isNull();
        assertThat(block.rows().get(0)[2]).endsWith(".").isNotEqualTo(block.rows().get(1)[2]);
        for (int i = 0; i < 1000; i++) {
            assertThat(second.blocks().get(0).rows().get(i)).containsExactly(block.rows().get(i));
        }
        assertThat(block.where(41)).isEqualTo("jobs/seed/90-scale.yaml line 2 (chunks generated row 42)");
        System.out.println("generated 1000 rows in " + ms + " ms");
    }

    @Test
    void generatesOneHundredThousandRows(@TempDir Path a) throws Exception {
        long t0 = System.nanoTime();
        SeedFiles files = read(a, "chunks:\n  generate: 100000\n  template: {id: 'c{n}', content: '{text}', ordinal: '{n}'}\n");
        System.out.println("generated 100000 rows in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertThat(files.rows()).isEqualTo(100_000);
    }

    @Test
    void aFixtureWithoutATemplateNamesTheLine(@TempDir Path a) {
        assertThatThrownBy(() -> read(a, "# scale\nchunks:\n  generate: 10\n"))
                .isInstanceOf(SeedInputException.class)
                .hasMessageContaining("jobs/seed/90-scale.yaml line 3")
                .hasMessageContaining("template");
        assertThatThrownBy(() -> read(a, "chunks:\n  generate: lots\n  template: {id: x}\n"))
                .hasMessageContaining("line 2").hasMessageContaining("whole number");
    }
}
