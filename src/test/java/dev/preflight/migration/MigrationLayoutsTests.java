package dev.preflight.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.kernel.PreflightException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationLayoutsTests {

    private static MigrationLayouts.Detected detect(Path root, String layout, String path) {
        return MigrationLayouts.detect(root, layout, path, "public", null, Map.of());
    }

    @Test
    void detectsEachFixtureLayoutWithoutSettings() {
        Path fixtures = Path.of("src/test/resources/projects");
        assertThat(detect(fixtures.resolve("flyway"), null, null).source().layout()).isEqualTo("flyway");
        assertThat(detect(fixtures.resolve("prisma"), null, null).source().layout()).isEqualTo("prisma");
        assertThat(detect(fixtures.resolve("drizzle"), null, null).source().layout()).isEqualTo("drizzle");
        var drizzle = detect(fixtures.resolve("drizzle"), null, null).source();
        assertThat(drizzle.migrations()).extracting(Migration::id).containsExactly("0000_init", "0001_chunks", "0002_document_status",
                "0003_chunks_hnsw", "0004_chunks_document_index");
        assertThat(drizzle.historyTable()).isEqualTo("drizzle.__drizzle_migrations");
    }

    @Test
    void findsAPrismaFolderDeepInAMonorepoAndOrdersByFolderName(@TempDir Path root) throws Exception {
        Path m = root.resolve("apps/api/prisma/migrations");
        for (String name : new String[] {"20251012154609_initial", "20250105_phase4_beta"}) {
            Files.createDirectories(m.resolve(name));
            Files.writeString(m.resolve(name).resolve("migration.sql"), "SELECT 1;\n");
        }
        var source = detect(root, null, null).source();
        assertThat(source.layout()).isEqualTo("prisma");
        assertThat(source.migrations()).extracting(Migration::id).containsExactly("20250105_phase4_beta", "20251012154609_initial");
    }

    @Test
    void findsFoldersFiveLevelsDeepAsDocumented(@TempDir Path root) throws Exception {
        // given: Spring Boot's standard Flyway folder and Mattermost's golang-migrate folder, five folders below the project
        Path flyway = root.resolve("service/src/main/resources/db/migration");
        Files.createDirectories(flyway);
        Files.writeString(flyway.resolve("V1__init.sql"), "CREATE TABLE t (id int);\n");
        Path golang = root.resolve("mm/server/channels/db/migrations/postgres");

        // then
        assertThat(detect(root.resolve("service"), null, null).source().layout()).isEqualTo("flyway");
        assertThat(detect(root.resolve("service"), null, null).source().folder()).isEqualTo(flyway.toAbsolutePath().normalize());
        Files.createDirectories(golang);
        Files.writeString(golang.resolve("000001_init.up.sql"), "CREATE TABLE t (id int);\n");
        assertThat(detect(root.resolve("mm"), null, null).source().layout()).isEqualTo("golang-migrate");
        // and six folders deep is past the documented depth
        Path six = root.resolve("deep/a/b/c/d/e/migrations");
        Files.createDirectories(six);
        Files.writeString(six.resolve("V1__init.sql"), "CREATE TABLE t (id int);\n");
        assertThat(detect(root.resolve("deep"), null, null).source()).isNull();
    }

    @Test
    void noMigrationsIsNotAnErrorButAForcedLayoutThatIsMissingIs(@TempDir Path root) {
        var none = detect(root, null, null);
        assertThat(none.source()).isNull();
        assertThat(none.absentReason()).contains("prisma/migrations").contains("V<version>__");
        assertThatThrownBy(() -> detect(root, "prisma", null)).isInstanceOf(PreflightException.class).hasMessageContaining("no prisma");
        assertThatThrownBy(() -> detect(root, "liquibase", null)).hasMessageContaining("unknown migrations.layout 'liquibase'");
    }

    @Test
    void aDrizzleSqlFileMissingFromTheJournalIsAProblemNotAMigration(@TempDir Path root) throws Exception {
        dev.preflight.testing.Projects.copyTree(Path.of("src/test/resources/projects/drizzle"), root);
        Files.writeString(root.resolve("drizzle/0009_stray.sql"), "CREATE TABLE stray (id int);\n");
        var source = detect(root, null, "drizzle").source();
        assertThat(source.migrations()).hasSize(5);
        assertThat(source.problems()).singleElement().satisfies(p -> assertThat(p.file()).isEqualTo("drizzle/0009_stray.sql"));
    }
}
