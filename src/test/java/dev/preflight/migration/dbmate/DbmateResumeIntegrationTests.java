package dev.preflight.migration.dbmate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dbmate migration whose statements commit alone ({@code transaction:false}) and that fails (or is killed) part way is
 * resumed by the next migrate after the statements that took effect, rather than failing forever on what they created.
 */
@ExtendWith(PostgresExtension.class)
class DbmateResumeIntegrationTests {

    @Test
    void aPartlyAppliedNonTransactionalMigrationResumesAfterWhatTookEffect(TestDatabase db, @TempDir Path project) throws Exception {
        // given: a table with a row the next migration cannot handle (the empty shadow of the order check has no rows, so
        // only the target fails), and that migration: a table and a concurrent index commit, then a statement fails
        Path migrations = Files.createDirectories(project.resolve("db/migrations"));
        Files.writeString(migrations.resolve("20240101000000_src.sql"), "-- migrate:up\nCREATE TABLE src (v int);\n\n"
                + "-- migrate:down\nDROP TABLE src;\n");
        assertThat(CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
        db.execute("INSERT INTO src VALUES (0)");
        Files.writeString(migrations.resolve("20240102000000_audit.sql"), "-- migrate:up transaction:false\nCREATE TABLE audit_a (id int);\n"
                + "CREATE INDEX CONCURRENTLY audit_a_idx ON audit_a (id);\nSELECT 1 / v FROM src;\nCREATE TABLE audit_b (id int);\n\n"
                + "-- migrate:down\nDROP TABLE audit_b;\nDROP TABLE audit_a;\n");

        // when
        CliRun first = CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri());

        // then: it says what took effect and stays, and nothing is recorded as applied
        assertThat(first.exitCode()).isEqualTo(1);
        String report = Files.readString(project.resolve("reports/latest/readiness.md"));
        assertThat(report).contains("division by zero").contains("2 statement(s) before it took effect and stay")
                .doesNotContain("was rolled back");
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname IN ('audit_a', 'audit_a_idx')")).isEqualTo(2);
        assertThat(db.queryStrings("SELECT version FROM schema_migrations")).containsExactly("20240101000000");

        // when: the data is fixed and migrate runs again, the file unchanged
        db.execute("UPDATE src SET v = 1");
        CliRun second = CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri());

        // then: it resumes after the index (no "already exists"), completes, and dbmate's row is written
        assertThat(second.exitCode()).as(second.err()).isIn(0, 1); // MIG006: dbmate itself cannot run the concurrent index
        assertThat(Files.readString(project.resolve("reports/latest/readiness.md"))).doesNotContain("already exists")
                .doesNotContain("**MIG002** (blocker)");
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'audit_b'")).isEqualTo(1);
        assertThat(db.queryStrings("SELECT version FROM schema_migrations ORDER BY 1")).containsExactly("20240101000000", "20240102000000");
        assertThat(db.queryLong("SELECT count(*) FROM preflight.migration_progress")).isZero();
    }
}
