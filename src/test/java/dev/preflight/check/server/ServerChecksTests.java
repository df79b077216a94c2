package dev.preflight.check.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.check.CheckContext;
import dev.preflight.check.CheckFamily;
import dev.preflight.check.CheckRegistry;
import dev.preflight.migration.MigrationFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SRV family without a server: the extensions the migrations create are found with file and
 * line, nothing is asked of the server when none is required, and a missing pgvector is told how to
 * install it. What the server answers is covered by the migrate integration tests.
 */
class ServerChecksTests {

    @Test
    void theExtensionsTheMigrationsCreateAreRequiredWithFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__init.sql"), "-- setup\nCREATE EXTENSION IF NOT EXISTS vector;\nCREATE TABLE t (id int);\n");
        Files.writeString(dir.resolve("V2__more.sql"), "create extension \"uuid-ossp\";\n");

        MigrationFiles files = MigrationFiles.read(dir);

        assertThat(files.requiredExtensions()).extracting(r -> r.name() + " " + r.file() + ":" + r.line())
                .containsExactlyInAnyOrder("vector V1__init.sql:2", "uuid-ossp V2__more.sql:1");
    }

    @Test
    void noRequiredExtensionAsksNothingOfTheServerAndAMissingPgvectorSaysHowToInstallIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__init.sql"), "CREATE TABLE t (id int);\n");
        // no connection: a check that needed the server here would fail
        CheckContext ctx = CheckContext.of(null, null, null, MigrationFiles.read(dir));

        assertThat(new ExtensionsAvailableCheck().run(ctx)).isEmpty();
        assertThat(ExtensionsAvailableCheck.remedy("vector")).contains("pgvector", "scripts/install-postgres.sh");
        assertThat(ExtensionsAvailableCheck.remedy("pg_trgm")).contains("postgresql-contrib");
        assertThat(ServerVersionCheck.MIN_VERSION_NUM).isEqualTo(140000);
        assertThat(CheckRegistry.get().family(CheckFamily.SRV)).allSatisfy(c -> assertThat(c.family().job()).isEqualTo("migrate"));
    }
}
