package dev.preflight.job.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Migrate's order check (MIG005) replays the whole history before applying anything; that replay must never run the
 * history's role statements on the target's cluster again, where they would undo what a DBA changed since.
 */
@ExtendWith(PostgresExtension.class)
class OrderCheckShadowIntegrationTests {

    @Test
    void theOrderReplayLeavesTheTargetClustersRolesAlone(TestDatabase db, @TempDir Path project) throws Exception {
        // given: a golang-migrate history that set a role's timeout, applied; then a DBA raised it; then a new migration
        String role = db.createRole("pf_api", "NOLOGIN");
        Files.createDirectories(project.resolve("migrations"));
        write(project, "000001_init.up.sql", "ALTER ROLE " + role + " SET statement_timeout = '3s';\nCREATE TABLE t (id int);\n");
        write(project, "000001_init.down.sql", "DROP TABLE t;\n");
        assertThat(migrate(project, db).exitCode()).isZero();
        assertThat(timeout(db, role)).isEqualTo("statement_timeout=3s");
        db.execute("ALTER ROLE " + role + " SET statement_timeout = '60s'");
        write(project, "000002_more.up.sql", "CREATE TABLE u (id int);\n");
        write(project, "000002_more.down.sql", "DROP TABLE u;\n");

        // when: the role is undeclared, so the isolated cluster cannot replay the history
        CliRun undeclared = migrate(project, db);

        // then: the new migration is applied, the check says what to declare, and the DBA's setting stands
        assertThat(undeclared.exitCode()).as(undeclared.err()).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'u'")).isEqualTo(1);
        assertThat(mig005(project).get("status").asString()).isEqualTo("NOT_RUN");
        assertThat(mig005(project).get("evidence").asString()).contains("declare it under verify.shadowRoles: [" + role + "]");
        assertThat(timeout(db, role)).isEqualTo("statement_timeout=60s");

        // when: declared, the replay runs in the isolated cluster, where the role is made for it
        Files.createDirectories(project.resolve("jobs"));
        Files.writeString(project.resolve("jobs/preflight.yaml"), "verify:\n  shadowRoles: [" + role + "]\n");
        write(project, "000003_third.up.sql", "CREATE TABLE w (id int);\n");
        write(project, "000003_third.down.sql", "DROP TABLE w;\n");
        CliRun declared = migrate(project, db);

        // then
        assertThat(declared.exitCode()).as(declared.err()).isZero();
        assertThat(mig005(project).get("status").asString()).isEqualTo("PASSED");
        assertThat(mig005(project).get("evidence").asString()).contains("replayed 3 migration(s)").contains("isolated PostgreSQL");
        assertThat(timeout(db, role)).isEqualTo("statement_timeout=60s");

        // when: the replay is allowed on the target's own cluster, the role statement is left out of it
        write(project, "000004_fourth.up.sql", "CREATE TABLE x (id int);\n");
        write(project, "000004_fourth.down.sql", "DROP TABLE x;\n");
        CliRun sameCluster = CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri(), "--shadow-same-cluster");

        // then
        assertThat(sameCluster.exitCode()).as(sameCluster.err()).isZero();
        assertThat(mig005(project).get("status").asString()).isEqualTo("PASSED");
        assertThat(mig005(project).get("evidence").asString()).contains("the target's own cluster")
                .contains("left out 1 cluster-global statement(s), first 000001_init.up.sql:1");
        assertThat(timeout(db, role)).isEqualTo("statement_timeout=60s");
    }

    private static CliRun migrate(Path project, TestDatabase db) {
        return CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri());
    }

    private static void write(Path project, String name, String sql) throws Exception {
        Files.writeString(project.resolve("migrations").resolve(name), sql);
    }

    private static String timeout(TestDatabase db, String role) {
        return db.queryString("SELECT array_to_string(setconfig, ',') FROM pg_db_role_setting WHERE setrole = '" + role + "'::regrole");
    }

    private static JsonNode mig005(Path project) throws Exception {
        JsonNode report = JsonMapper.builder().build().readTree(Files.readString(project.resolve("reports/latest/readiness.json")));
        for (JsonNode item : report.get("checklist")) {
            if (item.get("id").asString().equals("MIG005")) {
                return item;
            }
        }
        throw new AssertionError("no MIG005 in the checklist");
    }
}
