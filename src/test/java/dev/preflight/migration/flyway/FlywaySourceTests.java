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

    @Test
    void aSymbolicLinkBackToAFolderThatHoldsItIsRefusedNamingTheLink(@TempDir Path dir) throws Exception {
        // given a link Flyway's scanner would follow round and round (it found V1 "more than once", or spun for minutes)
        write(dir, "V1__s.sql");
        Files.createDirectories(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("sub/loop"), Path.of(".."));

        assertThatThrownBy(() -> open(dir).migrations()).isInstanceOf(PreflightException.class)
                .hasMessageContaining("symbolic link sub/loop -> ..").hasMessageContaining("leads back to a folder that holds it")
                .satisfies(e -> assertThat(((PreflightException) e).remedy()).startsWith("remove the link"));
    }

    @Test
    void filesBehindASymbolicLinkAreReadAsFlywayFollowsIt(@TempDir Path dir) throws Exception {
        // given a link to a folder outside the migrations folder, and one to a folder inside it
        Path migrations = dir.resolve("migrations");
        write(migrations, "V1__a.sql");
        write(dir, "shared/V2__b.sql");
        Files.createSymbolicLink(migrations.resolve("shared"), dir.resolve("shared"));

        assertThat(open(migrations).migrations()).extracting(Migration::id).containsExactly("1", "2");

        Files.createSymbolicLink(migrations.resolve("again"), migrations.resolve("shared"));
        assertThatThrownBy(() -> open(migrations).migrations()).isInstanceOf(PreflightException.class)
                .hasMessageContaining("two Flyway migrations with version 2");
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
