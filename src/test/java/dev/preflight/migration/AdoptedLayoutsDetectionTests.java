package dev.preflight.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection of the Postgrator, golang-migrate and dbmate layouts through the registry, and their settings. */
class AdoptedLayoutsDetectionTests {

    private static final Path FIXTURES = Path.of("src/test/resources/projects");

    private static MigrationSource detect(Path root, String layout, String path, String historyTable) {
        return MigrationLayouts.detect(root, layout, path, "public", historyTable, Map.of()).source();
    }

    @Test
    void detectsEachFixtureWithoutSettingsWithItsNativeHistoryTable() {
        // when
        MigrationSource postgrator = detect(FIXTURES.resolve("postgrator"), null, null, "flyway_schema_history");
        MigrationSource golang = detect(FIXTURES.resolve("golang-migrate"), null, null, "flyway_schema_history");
        MigrationSource dbmate = detect(FIXTURES.resolve("dbmate"), null, null, "flyway_schema_history");

        // then: migrations.historyTable's default (Flyway's name) does not leak into the other layouts
        assertThat(postgrator.layout()).isEqualTo("postgrator");
        assertThat(postgrator.folder()).endsWith(Path.of("postgrator/migrations"));
        assertThat(postgrator.historyTable()).isEqualTo("public.schemaversion");
        assertThat(golang.layout()).isEqualTo("golang-migrate");
        assertThat(golang.historyTable()).isEqualTo("public.schema_migrations");
        assertThat(dbmate.layout()).isEqualTo("dbmate");
        assertThat(dbmate.folder()).endsWith(Path.of("dbmate/db/migrations"));
        assertThat(dbmate.historyTable()).isEqualTo("public.schema_migrations");
    }

    @Test
    void findsTheFoldersDeepInAProjectAndHonoursAConfiguredHistoryTable(@TempDir Path root) throws Exception {
        // given
        Path sql = Files.createDirectories(root.resolve("services/api/sql/migrations"));
        Files.writeString(sql.resolve("001.do.init.sql"), "SELECT 1;\n");

        // when
        MigrationSource source = detect(root, null, null, "app_migrations");

        // then
        assertThat(source.layout()).isEqualTo("postgrator");
        assertThat(source.folder()).isEqualTo(sql.toAbsolutePath().normalize());
        assertThat(source.historyTable()).isEqualTo("public.app_migrations");
    }

    @Test
    void aForcedLayoutAndPathAreHonoured(@TempDir Path root) throws Exception {
        // given: golang-migrate files in a folder dbmate would not accept
        Path folder = Files.createDirectories(root.resolve("migrations"));
        Files.writeString(folder.resolve("1_init.up.sql"), "SELECT 1;\n");

        // when
        MigrationSource byPath = detect(root, null, "migrations", null);
        MigrationSource byLayout = detect(root, "golang-migrate", null, null);

        // then
        assertThat(byPath.layout()).isEqualTo("golang-migrate");
        assertThat(byLayout.folder()).isEqualTo(folder.toAbsolutePath().normalize());
        assertThat(MigrationLayouts.names()).contains("postgrator", "golang-migrate", "dbmate");
    }
}
