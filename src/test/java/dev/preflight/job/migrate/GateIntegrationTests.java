package dev.preflight.job.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.Projects;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith(PostgresExtension.class)
class GateIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static tools.jackson.databind.JsonNode latestJson(Path project) throws Exception {
        return JSON.readTree(Files.readString(project.resolve("reports/latest/readiness.json")));
    }

    @Test
    void gateMigratesAnEmptyDatabaseAndTheReportMatchesTheCatalog(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given an empty database and the NeonHub example
        Path project = Projects.copyExample(tmp);

        // when
        CliRun run = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());

        // then: migrated, with warnings only for the untrained IVFFlat indexes
        assertThat(run.exitCode()).as(run.err()).isZero();
        var report = latestJson(project);
        assertThat(report.get("verdict").asString()).isEqualTo("READY_WITH_WARNINGS");
        var counts = report.get("database").get("counts");
        String appSchemas = "(SELECT oid FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema','preflight'))";
        long tables = db.queryLong("SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relnamespace IN " + appSchemas
                + " AND relname <> 'flyway_schema_history'");
        assertThat(tables).isGreaterThanOrEqualTo(40);
        assertThat(counts.get("tables").asLong()).isEqualTo(tables);
        assertThat(counts.get("enums").asLong()).isEqualTo(8).isEqualTo(db.queryLong("SELECT count(*) FROM pg_type WHERE typtype = 'e'"));
        assertThat(counts.get("foreignKeys").asLong()).isEqualTo(db.queryLong("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace"));
        assertThat(counts.get("uniqueConstraints").asLong()).isGreaterThanOrEqualTo(15);
        assertThat(report.get("database").get("extensions").findValuesAsString("name")).contains("vector", "uuid-ossp");
        var indexes = report.get("database").get("vectorIndexes");
        assertThat(indexes).hasSize(3);
        assertThat(indexes.findValuesAsString("name")).containsExactlyInAnyOrderElementsOf(db.queryStrings(
                "SELECT indexrelid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'ivfflat'"));
        indexes.forEach(ix -> assertThat(ix.get("lists").asInt()).isEqualTo(100));
        var columns = report.get("database").get("vectorColumns");
        assertThat(columns).hasSize(3);
        columns.forEach(c -> assertThat(c.get("dimensions").asInt()).isEqualTo(384)); // jobs/preflight.yaml: the local model
        assertThat(report.get("jobs").toString()).contains("\"migrate\"", "\"backfill\""); // the gate fills the embeddings after migrate
        assertThat(report.get("checklist").findValuesAsString("id")).contains("EMB001").doesNotContain("EMB000");
        assertThat(report.get("migrationStatus").get("before").get("state").asString()).isEqualTo("NEVER_MIGRATED");
        assertThat(report.get("migrationStatus").get("after").get("state").asString()).isEqualTo("UP_TO_DATE");
        assertThat(report.get("migrationStatus").get("appliedInThisRun").asInt()).isEqualTo(5);
        assertThat(report.get("migrations").findValuesAsString("state")).containsOnly("SUCCESS").hasSize(5);
        // verify ran last: no drift; only warnings for the IVFFlat indexes built on empty tables (their measured recall),
        // no git and no CI workflow. The gate seeds and embeds before verifying, so the seed and NULL-embedding smoke checks pass.
        assertThat(report.get("jobs").valueStream().map(j -> j.asString()).toList())
                .containsExactly("lint", "migrate", "seed", "backfill", "retune", "verify");
        // lint ran first: the example's own hazards (V3's renames and type changes, non-concurrent indexes) are risks, not blockers
        assertThat(report.get("findings").findValuesAsString("id")).contains("IDX001", "LINT006", "LINT007").doesNotContain("SMOKE003", "SMOKE007")
                .allMatch(id -> java.util.Set.of("IDX001", "GIT004", "CI001").contains(id) || id.startsWith("LINT"));
        assertThat(report.get("seed").get("status").asString()).isEqualTo("APPLIED");
        // retune measured nothing (every table under retune.minRows): its index items are NOT_RUN with the reason, never
        // PASSED beside IDX001's measured recall of the same indexes
        for (String id : new String[] {"IDX101", "IDX102", "IDX104"}) {
            var item = checklistItem(report, id);
            assertThat(item.get("status").asString()).as(item.toString()).isEqualTo("NOT_RUN");
            assertThat(item.get("evidence").asString()).contains("under retune.minRows", "IDX001");
        }
        assertThat(checklistItem(report, "IDX001").get("status").asString()).isEqualTo("FAILED");
        assertThat(Files.readString(project.resolve("reports/latest/readiness.md")))
                .contains("**IDX101** Vector indexes reach the target recall@k against exact search (NOT RUN in this run): nothing measured");
        assertThat(db.queryLong("SELECT count(*) FROM organizations")).isEqualTo(2);
        assertThat(Files.readString(project.resolve("reports/latest/readiness.md"))).isNotBlank();
        assertThat(Files.readString(project.resolve("reports/latest/readiness.html"))).contains("<html");

        // when run again
        CliRun again = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());

        // then nothing is applied and the report is still right
        assertThat(again.exitCode()).as(again.err()).isZero();
        var second = latestJson(project);
        assertThat(second.get("migrationStatus").get("appliedInThisRun").asInt()).isZero();
        assertThat(second.get("migrationStatus").get("before").get("state").asString()).isEqualTo("UP_TO_DATE");
        assertThat(second.get("database").get("counts").get("tables").asLong()).isEqualTo(tables);
        assertThat(second.get("migrations").findValues("appliedInThisRun")).allMatch(n -> !n.asBoolean());
        assertThat(second.get("seed").get("inserted").asLong() + second.get("seed").get("updated").asLong()).isZero();
        try (var dirs = Files.list(project.resolve("reports"))) {
            assertThat(dirs.filter(Files::isDirectory).count()).isEqualTo(3); // two runs + latest
        }
    }

    @Test
    void neverMigratedAndUpToDateAreToldApart(TestDatabase db, @TempDir Path tmp) throws Exception {
        Path project = Projects.copyExample(tmp);

        // when the empty database is only measured
        CliRun empty = CliRun.run("report", "--project", project.toString(), "--db-url", db.uri());

        // then it is NOT_READY because it was never migrated, never "up to date"
        assertThat(empty.exitCode()).isEqualTo(1);
        var before = latestJson(project);
        assertThat(before.get("verdict").asString()).isEqualTo("NOT_READY");
        assertThat(before.get("migrationStatus").get("after").get("state").asString()).isEqualTo("NEVER_MIGRATED");
        assertThat(before.get("findings").findValuesAsString("id")).contains("MIG001");
        // and the checklist does not tick "no migration is pending" while all five are
        assertThat(before.get("checklist").valueStream().filter(c -> c.get("id").asString().equals("MIG003"))
                .map(c -> c.get("status").asString())).containsExactly("FAILED");
        assertThat(Files.readString(project.resolve("reports/latest/readiness.md"))).containsIgnoringCase("never migrated");
        CliRun status = CliRun.run("status", "--project", project.toString(), "--db-url", db.uri());
        assertThat(status.out()).contains("never migrated").doesNotContain("up to date");

        // when migrated, then measured again
        assertThat(CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
        CliRun migrated = CliRun.run("report", "--project", project.toString(), "--db-url", db.uri());

        // then
        assertThat(migrated.exitCode()).isZero();
        var after = latestJson(project);
        assertThat(after.get("migrationStatus").get("after").get("state").asString()).isEqualTo("UP_TO_DATE");
        assertThat(after.get("findings").findValuesAsString("id")).doesNotContain("MIG001", "MIG003");
        assertThat(CliRun.run("status", "--project", project.toString(), "--db-url", db.uri()).out()).contains("up to date at version 5");
    }

    @Test
    void pendingMigrationsAreReportedAsNotReady(TestDatabase db, @TempDir Path tmp) throws Exception {
        Path project = Projects.copyExample(tmp);
        assertThat(CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
        Files.writeString(project.resolve("migrations/V6__add_column.sql"), "ALTER TABLE organizations ADD COLUMN region TEXT;\n");

        CliRun r = CliRun.run("report", "--project", project.toString(), "--db-url", db.uri());

        assertThat(r.exitCode()).isEqualTo(1);
        var report = latestJson(project);
        assertThat(report.get("migrationStatus").get("after").get("state").asString()).isEqualTo("PENDING");
        assertThat(report.get("findings").findValuesAsString("id")).contains("MIG003");
    }

    @Test
    void changedAppliedMigrationIsAChecksumMismatch(TestDatabase db, @TempDir Path tmp) throws Exception {
        Path project = Projects.copyExample(tmp);
        assertThat(CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
        Path v5 = project.resolve("migrations/V5__gpt5_merge_vector.sql");
        Files.writeString(v5, Files.readString(v5) + "\n-- edited after it was applied\n");

        CliRun r = CliRun.run("report", "--project", project.toString(), "--db-url", db.uri());

        assertThat(r.exitCode()).isEqualTo(1);
        var mismatch = latestJson(project).get("findings").valueStream().filter(f -> f.get("id").asString().equals("MIG004")).findFirst().orElseThrow();
        assertThat(mismatch.get("message").asString()).contains("Migration checksum mismatch for migration 5");
        assertThat(mismatch.get("remedy").asString()).contains("revert");
    }

    private static tools.jackson.databind.JsonNode checklistItem(tools.jackson.databind.JsonNode report, String id) {
        for (var item : report.get("checklist")) {
            if (item.get("id").asString().equals(id)) {
                return item;
            }
        }
        throw new AssertionError(id + " is not in the checklist: " + report.get("checklist"));
    }
}
