package dev.preflight.job.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.Projects;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith(PostgresExtension.class)
class MigrateFailureIntegrationTests {

    @Test
    void brokenMigrationNamesFileAndLineAndLeavesThePreviousVersion(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a sixth migration whose third statement is broken, after a valid one
        Path project = Projects.copyExample(tmp);
        Files.writeString(project.resolve("migrations/V6__broken.sql"),
                "-- adds a table, then fails\nCREATE TABLE release_notes (id TEXT PRIMARY KEY);\n\nALTER TABLE organizations ADD COLUMN region TEXT;\n"
                        + "ALTER TABLE no_such_table ADD COLUMN x INT;\n");

        // when
        CliRun r = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());

        // then: not ready, message names file, line and the database's error
        assertThat(r.exitCode()).isEqualTo(1);
        var report = JsonMapper.builder().build().readTree(Files.readString(project.resolve("reports/latest/readiness.json")));
        assertThat(report.get("verdict").asString()).isEqualTo("NOT_READY");
        String message = report.get("migrationStatus").get("error").asString();
        assertThat(message).contains("V6__broken.sql").contains("line 5").contains("no_such_table").contains("version 5");
        assertThat(report.get("findings").findValuesAsString("id")).contains("MIG002");
        // and the database stays at version 5: V6's first statements were rolled back with it
        assertThat(db.queryString("SELECT max(version::int)::text FROM flyway_schema_history WHERE success")).isEqualTo("5");
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'release_notes'")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM information_schema.columns WHERE table_name = 'organizations' AND column_name = 'region'")).isZero();
        assertThat(report.get("migrationStatus").get("appliedInThisRun").asInt()).isEqualTo(5);
    }

    @Test
    void unreachableHostExitsTwoQuickly(@TempDir Path tmp) {
        Path project = Projects.copyExample(tmp);
        Instant t0 = Instant.now();

        CliRun r = CliRun.run("gate", "--project", project.toString(), "--db-url", "postgresql://u:pw@127.0.0.1:1/db");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("cannot reach the database server at 127.0.0.1:1").contains("check that the host and port");
        assertThat(Duration.between(t0, Instant.now())).isLessThan(Duration.ofSeconds(30));
        assertThat(Files.exists(project.resolve("reports/latest/readiness.json"))).as("a report explains the failure").isTrue();
    }

    @Test
    void wrongPasswordExitsTwoNamingAuthentication(TestDatabase db, @TempDir Path tmp) {
        Path project = Projects.copyExample(tmp);
        String user = db.createRole("wrongpw_user", "LOGIN PASSWORD 'right-one'");
        String url = "postgresql://" + user + ":not-the-right-one@" + db.url().hosts() + "/" + db.url().database();

        CliRun r = CliRun.run("gate", "--project", project.toString(), "--db-url", url);

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("authentication failed for user '" + user + "'").doesNotContain("not-the-right-one");
    }

    @Test
    void missingExtensionExitsTwoNamingItAndTheRemedy(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given migrations that need an extension this server does not have
        Path project = Projects.copyExample(tmp);
        Files.writeString(project.resolve("migrations/V6__needs_missing.sql"), "CREATE EXTENSION IF NOT EXISTS \"pg_nonexistent_ext\";\n");

        // when
        CliRun r = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());

        // then: exit 2, the extension named, and nothing migrated
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("pg_nonexistent_ext").contains("V6__needs_missing.sql").contains("install");
        assertThat(db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'organizations'")).isZero();
        var report = JsonMapper.builder().build().readTree(Files.readString(project.resolve("reports/latest/readiness.json")));
        assertThat(report.get("findings").findValuesAsString("id")).contains("SRV003");
    }
}
