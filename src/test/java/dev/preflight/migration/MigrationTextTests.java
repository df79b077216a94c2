package dev.preflight.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.kernel.PreflightException;
import dev.preflight.migration.flyway.FlywayLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationTextTests {

    @Test
    void aFileThatIsNotUtf8IsRefusedNamingTheFileLineAndByte(@TempDir Path dir) throws Exception {
        // given a Latin-1 'é' on line 2 of a Flyway file
        Path file = dir.resolve("V1__latin1.sql");
        Files.write(file, "CREATE TABLE a (id int);\nCREATE TABLE caf\u00e9 (id int);\n".getBytes(StandardCharsets.ISO_8859_1));

        // when the layout reads the folder, then
        assertThatThrownBy(() -> new FlywayLayout().open(new LayoutSettings(dir, dir, "public", null, Map.of())).migrations())
                .isInstanceOf(PreflightException.class)
                .hasMessageContaining("V1__latin1.sql line 2 is not UTF-8 (byte 0xE9 at offset 41)")
                .satisfies(e -> assertThat(((PreflightException) e).remedy()).contains("iconv -f LATIN1 -t UTF-8"));
    }

    @Test
    void utf8WithAByteOrderMarkAndMultibyteCharactersReadsAsWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("V1__utf8.sql");
        Files.write(file, "\uFEFFCREATE TABLE caf\u00e9 (note text DEFAULT '\u6f22\u5b57 \ud83d\ude00');\n".getBytes(StandardCharsets.UTF_8));

        assertThat(MigrationText.text(file)).isEqualTo("\uFEFFCREATE TABLE caf\u00e9 (note text DEFAULT '\u6f22\u5b57 \ud83d\ude00');\n");
    }
}
