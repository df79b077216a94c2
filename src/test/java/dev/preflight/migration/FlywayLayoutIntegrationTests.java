package dev.preflight.migration;

import static dev.preflight.migration.LayoutProjects.finding;
import static dev.preflight.migration.LayoutProjects.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The Flyway layout through the seam's detection, with Flyway itself as the engine (flyway_schema_history). */
@ExtendWith(PostgresExtension.class)
class FlywayLayoutIntegrationTests {

    @Test
    void gateAppliesAllThenNothingReportsAnEditedFileAndAppliesANewFileAlone(TestDatabase db, @TempDir Path tmp) throws Exception {
        Path project = LayoutProjects.copy("flyway", tmp);

        CliRun first = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());

        var report = report(project);
        assertThat(first.exitCode()).as(first.err() + report.get("findings")).isZero();
        assertThat(report.get("migrationStatus").get("after").get("state").asString()).isEqualTo("UP_TO_DATE");
        assertThat(report.get("migrationStatus").get("appliedInThisRun").asInt()).isEqualTo(5);
        assertThat(db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo(5);
        assertThat(db.queryLong("SELECT count(*) FROM pg_index WHERE indexrelid = 'chunks_document_id_idx'::regclass AND indisvalid")).isEqualTo(1);
        assertThat(report.get("database").get("counts").get("tables").asInt()).isEqualTo(2);

        CliRun second = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(report(project).get("migrationStatus").get("appliedInThisRun").asInt()).isZero();

        // an edited applied file: Flyway's CRC32 checksums, as Flyway recorded and resolves them
        Path v4 = project.resolve("migrations/V4__chunks_ivfflat.sql");
        String original = Files.readString(v4);
        String recorded = db.queryString("SELECT checksum::text FROM flyway_schema_history WHERE version = '4'");
        Files.writeString(v4, original + "-- edited after it was applied\n");
        assertThat(CliRun.run("report", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isEqualTo(1);
        var mismatch = finding(report(project), "MIG004");
        assertThat(mismatch.get("message").asString()).contains("V4__chunks_ivfflat.sql");
        assertThat(mismatch.get("expected").asString()).contains(recorded);
        assertThat(mismatch.get("remedy").asString()).doesNotContain("flyway repair");
        Files.writeString(v4, original);

        Files.writeString(project.resolve("migrations/V6__chunk_tokens.sql"), "ALTER TABLE chunks ADD COLUMN tokens INT;\n");
        CliRun third = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());
        assertThat(third.exitCode()).as(third.err()).isZero();
        assertThat(report(project).get("migrations").valueStream().filter(m -> m.get("appliedInThisRun").asBoolean())
                .map(m -> m.get("version").asString()).toList()).containsExactly("6");
        // and Flyway itself agrees: nothing pending, every checksum validates
        assertThat(NativeTools.flyway(db, project.resolve("migrations")).info().pending()).isEmpty();
        assertThat(NativeTools.flyway(db, project.resolve("migrations")).validateWithResult().validationSuccessful).isTrue();
    }

    @Test
    void aDatabaseMigratedByFlywayItselfIsUpToDate(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given the fixture migrated by Flyway (the library, as the Flyway CLI runs it)
        Path project = LayoutProjects.copy("flyway", tmp);
        assertThat(NativeTools.flyway(db, project.resolve("migrations")).migrate().migrationsExecuted).isEqualTo(5);

        // when
        CliRun status = CliRun.run("status", "--project", project.toString(), "--db-url", db.uri());
        CliRun report = CliRun.run("report", "--project", project.toString(), "--db-url", db.uri());

        // then
        assertThat(status.out()).as(status.err()).contains("up to date at version 5").doesNotContain("not managed");
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report(project).get("migrationStatus").get("after").get("state").asString()).isEqualTo("UP_TO_DATE");
        assertThat(report(project).get("findings").findValuesAsString("id")).doesNotContain("MIG001", "MIG002", "MIG003", "MIG004");
    }

    @Test
    void aSymbolicLinkLoopInTheFolderIsAConfigurationErrorBeforeFlywayScans(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given two links back to the migrations folder (Flyway's scanner found V1 "more than once", or spun for minutes)
        Files.createDirectories(tmp.resolve("migrations/sub"));
        Files.createDirectories(tmp.resolve("migrations/other"));
        Files.writeString(tmp.resolve("migrations/V1__s.sql"), "CREATE TABLE s (id int);\n");
        Files.createSymbolicLink(tmp.resolve("migrations/sub/loop"), Path.of(".."));
        Files.createSymbolicLink(tmp.resolve("migrations/other/loop"), Path.of(".."));

        for (String command : new String[] {"status", "migrate"}) {
            // when
            CliRun run = CliRun.run(command, "--project", tmp.toString(), "--db-url", db.uri());

            // then
            assertThat(run.exitCode()).as(command + ": " + run.out() + run.err()).isEqualTo(2);
            assertThat(run.out() + run.err()).contains("loop -> ..").contains("in the Flyway migrations folder").contains("remove the link")
                    .doesNotContain("internal error").doesNotContain("FlywayException").doesNotContain("\tat ");
        }
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename IN ('s', 'flyway_schema_history')")).isZero();
    }
}
