package dev.preflight.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.kernel.PreflightException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationFilesTests {

    @Test
    void readsFilesLinesAndRequiredExtensions(@TempDir Path dir) throws Exception {
        // given
        Files.writeString(dir.resolve("V1__init.sql"), "-- create extension ignored_in_comment;\nCREATE EXTENSION IF NOT EXISTS vector;\n"
                + "create extension \"uuid-ossp\";\nCREATE TABLE t (id int);\n");
        Files.writeString(dir.resolve("V2__more.sql"), "CREATE EXTENSION IF NOT EXISTS vector;\n");
        Files.writeString(dir.resolve("README.md"), "not a migration");

        // when
        MigrationFiles files = MigrationFiles.read(dir);

        // then
        assertThat(files.files()).extracting(MigrationFiles.MigrationFile::name).containsExactly("V1__init.sql", "V2__more.sql");
        assertThat(files.totalLines()).isEqualTo(5);
        assertThat(files.requiredExtensions()).extracting(MigrationFiles.RequiredExtension::name).containsExactly("vector", "uuid-ossp");
        assertThat(files.requiredExtensions().get(0).line()).isEqualTo(2);
    }

    @Test
    void emptyOrMissingFolderIsAnError(@TempDir Path dir) {
        assertThatThrownBy(() -> MigrationFiles.read(dir)).isInstanceOf(PreflightException.class).hasMessageContaining("holds no migration files");
        assertThatThrownBy(() -> MigrationFiles.read(dir.resolve("nope"))).hasMessageContaining("no migrations folder");
    }

    @Test
    void bundledNeonHubMigrationsNeedVectorAndUuidOssp() {
        MigrationFiles files = MigrationFiles.read(Path.of("migrations"));

        assertThat(files.files()).hasSize(5);
        assertThat(files.requiredExtensions()).extracting(MigrationFiles.RequiredExtension::name).contains("vector", "uuid-ossp");
    }
}
