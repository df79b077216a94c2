package dev.preflight.migration;

import static dev.preflight.migration.LayoutProjects.finding;
import static dev.preflight.migration.LayoutProjects.report;
import static dev.preflight.migration.LayoutProjects.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * golang-migrate and dbmate keep no checksum: Preflight records one per migration it applies (and
 * at baseline) in preflight.applied_checksums, never in the native table, and reports an edited
 * applied file with its name; versions the native tool applied itself are reported as unchecked,
 * never silently passed. dbmate runs for real (its npm binary); golang-migrate's table is written
 * here in its documented format (no golang-migrate binary is available offline).
 */
@ExtendWith(PostgresExtension.class)
class PreflightChecksumsIntegrationTests {

    private static final String SIDE = "SELECT id || ' ' || checksum FROM preflight.applied_checksums WHERE history_table = "
            + "'public.schema_migrations' ORDER BY id";

    @Test
    void golangMigrateAnEditedFilePreflightAppliedIsReportedWithItsName(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given the fixture applied by Preflight
        Path project = LayoutProjects.copy("golang-migrate", tmp);
        Path file = project.resolve("db/migrations/000003_document_source.up.sql");
        String applied = sha256(file);
        assertThat(CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
        assertThat(db.queryStrings(SIDE)).hasSize(5).contains("3 " + applied);
        // the native table stays exactly golang-migrate's: one clean row, its two columns
        assertThat(db.queryStrings("SELECT version || ' ' || dirty FROM schema_migrations")).containsExactly("5 false");
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'schema_migrations'")).isEqualTo(2);

        // when the applied file is edited
        Files.writeString(file, Files.readString(file) + "ALTER TABLE documents ADD COLUMN lang text;\n");
        CliRun report = CliRun.run("report", "--project", project.toString(), "--db-url", db.uri());

        // then
        assertThat(report.exitCode()).as(report.err()).isEqualTo(1);
        JsonNode mismatch = finding(report(project), "MIG004");
        assertThat(mismatch.get("message").asString()).contains("000003_document_source.up.sql");
        assertThat(mismatch.get("expected").asString()).contains("preflight.applied_checksums").contains(applied);
        assertThat(mismatch.get("actual").asString()).contains(sha256(file));
        assertThat(mismatch.get("remedy").asString()).contains("DELETE FROM preflight.applied_checksums");
    }

    @Test
    void dbmateAnEditedUpSectionIsReportedWithItsNameAndAnEditedDownSectionIsNot(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given the fixture applied by Preflight, which dbmate then finds fully applied
        Path project = LayoutProjects.copy("dbmate", tmp);
        Path folder = project.resolve("db/migrations");
        Path file = folder.resolve("20250103120000_document_source.sql");
        String original = Files.readString(file);
        assertThat(CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
        assertThat(db.queryStrings(SIDE)).hasSize(5).contains("20250103120000 " + upSectionSha256(original));
        NativeTools.Run status = NativeTools.dbmate(db.uri(), folder, "status", "--exit-code");
        assertThat(status.output()).as(status.output()).contains("Applied: 5").contains("Pending: 0");

        // when only the down section changes: nothing that was applied changed
        Files.writeString(file, original.replace("DROP COLUMN source;", "DROP COLUMN IF EXISTS source;"));
        CliRun downOnly = CliRun.run("report", "--project", project.toString(), "--db-url", db.uri());
        assertThat(downOnly.exitCode()).as(downOnly.err() + report(project).get("findings")).isZero();

        // when the up section changes
        Files.writeString(file, original.replace("DEFAULT 'upload'", "DEFAULT 'import'"));
        CliRun edited = CliRun.run("report", "--project", project.toString(), "--db-url", db.uri());

        // then
        assertThat(edited.exitCode()).isEqualTo(1);
        JsonNode mismatch = finding(report(project), "MIG004");
        assertThat(mismatch.get("message").asString()).contains("20250103120000_document_source.sql");
        assertThat(mismatch.get("expected").asString()).contains(upSectionSha256(original));
        assertThat(mismatch.get("actual").asString()).contains(upSectionSha256(Files.readString(file)));
    }

    @Test
    void golangMigrateVersionsItAppliedItselfAreUncheckedUntilBaselineRecordsThem(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given the schema and the one row golang-migrate leaves after 'migrate up' (its documented format)
        Path project = LayoutProjects.copy("golang-migrate", tmp);
        Path folder = project.resolve("db/migrations");
        try (var files = Files.list(folder)) {
            for (Path up : files.filter(p -> p.toString().endsWith(".up.sql")).sorted().toList()) {
                db.execute(Files.readString(up));
            }
        }
        db.execute("CREATE TABLE IF NOT EXISTS \"public\".\"schema_migrations\" (version bigint not null primary key, dirty boolean not null)",
                "INSERT INTO \"public\".\"schema_migrations\" (version, dirty) VALUES (5, false)");

        assertUncheckedUntilBaseline(project, db, "000001_create_documents.up.sql", "5");

        // and once recorded, an edit is reported
        Path file = folder.resolve("000002_create_chunks.up.sql");
        Files.writeString(file, Files.readString(file).replace("vector(384)", "vector(768)"));
        assertThat(CliRun.run("report", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isEqualTo(1);
        assertThat(finding(report(project), "MIG004").get("message").asString()).contains("000002_create_chunks.up.sql");
    }

    @Test
    void dbmateVersionsItAppliedItselfAreUncheckedUntilBaselineRecordsThem(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a database migrated by dbmate itself
        Path project = LayoutProjects.copy("dbmate", tmp);
        Path folder = project.resolve("db/migrations");
        NativeTools.Run up = NativeTools.dbmate(db.uri(), folder, "up");
        assertThat(up.exitCode()).as(up.output()).isZero();

        assertUncheckedUntilBaseline(project, db, "20250101120000_create_documents.sql", "20250105120000");

        // and once recorded, an edit is reported
        Path file = folder.resolve("20250105120000_create_feedback.sql");
        Files.writeString(file, Files.readString(file).replace("helpful boolean NOT NULL", "helpful boolean"));
        assertThat(CliRun.run("report", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isEqualTo(1);
        assertThat(finding(report(project), "MIG004").get("message").asString()).contains("20250105120000_create_feedback.sql");
    }

    /** The report says the edit check could not run (a low finding naming the files) until baseline records the checksums. */
    private static void assertUncheckedUntilBaseline(Path project, TestDatabase db, String firstFile, String current) throws Exception {
        CliRun before = CliRun.run("report", "--project", project.toString(), "--db-url", db.uri());
        assertThat(before.exitCode()).as(before.err()).isZero(); // a warning, not a failure
        JsonNode unchecked = finding(report(project), "MIG004");
        assertThat(unchecked.get("severity").asString()).isEqualTo("low");
        assertThat(unchecked.get("message").asString()).contains("could not run for 5 applied migration(s)").contains(firstFile)
                .contains("keeps no checksum");
        assertThat(unchecked.get("remedy").asString()).contains("./preflight baseline --to " + current);
        assertThat(report(project).get("verdict").asString()).isEqualTo("READY_WITH_WARNINGS");

        CliRun baseline = CliRun.run("baseline", "--to", current, "--project", project.toString(), "--db-url", db.uri());
        assertThat(baseline.out()).as(baseline.err()).contains("recorded the checksums of 5 migration(s)");
        assertThat(db.queryLong("SELECT count(*) FROM preflight.applied_checksums")).isEqualTo(5);
        CliRun after = CliRun.run("report", "--project", project.toString(), "--db-url", db.uri());
        assertThat(after.exitCode()).isZero();
        List<String> ids = report(project).get("findings").findValuesAsString("id");
        assertThat(ids).doesNotContain("MIG004");
    }

    /** SHA-256 hex of a dbmate file's up section, from its '-- migrate:up' line to '-- migrate:down', computed here independently. */
    private static String upSectionSha256(String text) throws Exception {
        String up = text.substring(text.indexOf("-- migrate:up"), text.indexOf("-- migrate:down"));
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(up.getBytes(StandardCharsets.UTF_8)));
    }
}
