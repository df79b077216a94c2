package dev.preflight.migration.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.kernel.PreflightException;
import dev.preflight.migration.LayoutSettings;
import dev.preflight.migration.Migration;
import dev.preflight.migration.MigrationSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlywaySourceTests {

    @Test
    void versionsAreOrderedAsNumbersAcrossSubfolders(@TempDir Path dir) throws Exception {
        write(dir, "V1__a.sql", "V10__j.sql", "V1.1__b.sql", "sub/V1_2__c.sql", "R__views.sql");

        assertThat(open(dir).migrations()).extracting(Migration::id).containsExactly("1", "1.1", "1.2", "10", null);
    }

    @Test
    void twoFilesWithOneVersionAreRefusedNamingBoth(@TempDir Path dir) throws Exception {
        write(dir, "V1__a.sql", "V1.1__b.sql", "sub/V01.1__dup.sql");

        assertThatThrownBy(() -> open(dir).migrations()).isInstanceOf(PreflightException.class)
                .hasMessageContaining("two Flyway migrations with version").hasMessageContaining("V1.1__b.sql")
                .hasMessageContaining("sub/V01.1__dup.sql").satisfies(e -> assertThat(((PreflightException) e).remedy()).contains("renumber"));
    }

    @Test
    void twoRepeatableFilesWithOneDescriptionAreRefused(@TempDir Path dir) throws Exception {
        write(dir, "V1__a.sql", "R__views.sql", "sub/R__views.sql");

        assertThatThrownBy(() -> open(dir).migrations()).isInstanceOf(PreflightException.class)
                .hasMessageContaining("two Flyway repeatable migrations with description 'views'");
    }

    private static MigrationSource open(Path dir) {
        return new FlywayLayout().open(new LayoutSettings(dir, dir, "public", null, Map.of()));
    }

    private static void write(Path dir, String... names) throws Exception {
        for (String name : names) {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "SELECT 1;\n");
        }
    }
}
