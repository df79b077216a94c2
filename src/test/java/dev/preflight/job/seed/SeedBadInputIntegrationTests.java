package dev.preflight.job.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.Projects;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class SeedBadInputIntegrationTests {

    /** A bad seed file, and what the error must say (besides the file name). */
    record Case(String file, String content, List<String> message) {
    }

    private static final Map<String, Case> CASES = new LinkedHashMap<>();

    static {
        // Every case also edits a good row first, to prove the edit is rolled back with the rest.
        CASES.put("unknown table", new Case("60-bad.yaml", "organisations:\n  - {id: org_x, name: X, slug: x}\n",
                List.of("line 2", "unknown table 'organisations'")));
        CASES.put("unknown column", new Case("60-bad.yaml", "agents:\n  - id: agent_x\n    organizationId: org_neon\n    name: X\n    colour: red\n",
                List.of("line 5 (agents record 1, column colour)", "unknown column 'colour'")));
        CASES.put("bad enum label", new Case("60-bad.yaml",
                "agents:\n  - {id: agent_ok, organizationId: org_neon, name: Fine, kind: SUPPORT}\n  - {id: agent_x, organizationId: org_neon, name: X, kind: ROBOT}\n",
                List.of("line 3 (agents record 2, column kind)", "agents.kind = 'ROBOT'", "AgentKind", "COPILOT")));
        CASES.put("bad type", new Case("60-bad.yaml",
                "campaigns:\n  - {id: camp_x, organizationId: org_neon, name: X, budget: lots}\n",
                List.of("line 2 (campaigns record 1, column budget)", "campaigns.budget = 'lots'", "numeric")));
        CASES.put("bad type in CSV", new Case("61-messages.csv",
                "id,conversationId,role,content,tokenCount\nmsg_a,conv_neon_support,user,hello,3\nmsg_b,conv_neon_support,user,\"hi, there\",three\n",
                List.of("61-messages.csv line 3 (messages record 2)", "messages.tokenCount = 'three'")));
        CASES.put("missing parent", new Case("60-bad.yaml",
                "datasets:\n  - {id: ds_x, organizationId: org_nowhere, name: X}\n",
                List.of("line 2 (datasets record 1, column organizationId)", "org_nowhere", "no parent row in organizations(id)")));
        CASES.put("duplicate id", new Case("60-bad.yaml", "users:\n  - {id: usr_kofi, email: kofi2@neonlabs.ai}\n",
                List.of("line 2 (users record 1)", "duplicate primary key users(id) = (usr_kofi)", "10-identity.yaml line")));
        CASES.put("YAML syntax error", new Case("60-bad.yaml", "users:\n  - {id: usr_x, email: x@y.z\n  - name: [unclosed\n",
                List.of("line ", "YAML syntax error")));
    }

    @Test
    void eachKindOfBadInputExitsTwoNamingFileAndRecordAndChangesNoRow(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a seeded database
        Path project = Projects.copyExample(tmp);
        // migrate and seed (the gate would also embed, retune and verify)
        assertThat(CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
        assertThat(CliRun.run("seed", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
        Map<String, String> contents = TableChecksums.contents(db);
        Map<String, String> versions = TableChecksums.versions(db);
        Path campaigns = project.resolve("jobs/seed/50-campaigns.yaml");
        String good = Files.readString(campaigns);
        Files.writeString(campaigns, good.replace("name: Summer Launch", "name: Summer Launch (edited)"));

        for (Map.Entry<String, Case> e : CASES.entrySet()) {
            Case c = e.getValue();
            Path bad = project.resolve("jobs/seed").resolve(c.file());
            Files.writeString(bad, c.content());

            // when
            CliRun run = CliRun.run("seed", "--project", project.toString(), "--db-url", db.uri());

            // then
            assertThat(run.exitCode()).as(e.getKey() + ": " + run.err()).isEqualTo(2);
            assertThat(run.err()).as(e.getKey()).contains("jobs/seed/" + c.file());
            c.message().forEach(m -> assertThat(run.err()).as(e.getKey()).contains(m));
            assertThat(TableChecksums.contents(db)).as(e.getKey() + ": no row changed").isEqualTo(contents);
            assertThat(TableChecksums.versions(db)).as(e.getKey() + ": no row rewritten").isEqualTo(versions);
            assertThat(Files.readString(project.resolve("reports/latest/readiness.json")))
                    .as(e.getKey()).contains("\"INVALID\"").contains("SEED001");
            Files.delete(bad);
        }
    }

    @Test
    void theGateWithABadSeedFileIsNotReadyNamesTheLineAndSeedsNothing(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given the example with one bad enum label
        Path project = Projects.copyExample(tmp);
        Path agents = project.resolve("jobs/seed/30-agents.yaml");
        Files.writeString(agents, Files.readString(agents).replace("kind: RESEARCH", "kind: RESEARCHER"));

        // when
        CliRun gate = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());

        // then the migration stands, the seed step failed as a whole and says where
        assertThat(gate.exitCode()).isEqualTo(1);
        assertThat(gate.err()).contains("jobs/seed/30-agents.yaml line 18 (agents record 2, column kind)").contains("'RESEARCHER'");
        assertThat(db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE success")).isEqualTo(5);
        assertThat(db.queryLong("SELECT (SELECT count(*) FROM organizations) + (SELECT count(*) FROM users) + (SELECT count(*) FROM chunks)"))
                .isZero();
        String json = Files.readString(project.resolve("reports/latest/readiness.json"));
        assertThat(json).contains("\"NOT_READY\"").contains("\"SEED001\"").contains("RESEARCHER");
    }

    @Test
    void seedingAnUnmigratedDatabaseSaysToMigrateFirst(TestDatabase db, @TempDir Path tmp) {
        Path project = Projects.copyExample(tmp);

        CliRun run = CliRun.run("seed", "--project", project.toString(), "--db-url", db.uri());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("has no tables to seed").contains("./preflight migrate");
    }

    @Test
    void aRoleThatMayNotWriteATableIsToldSoAndTheSeedFilesAreNotBlamed(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given: the example migrated by the owner, and a role that may read every table but write none (Preflight's own schema aside)
        Path project = Projects.copyExample(tmp);
        assertThat(CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
        String role = db.createRole("pf_reader", "LOGIN PASSWORD 'seed-Pass-8642'");
        db.execute("GRANT USAGE ON SCHEMA public TO " + role, "GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role,
                "GRANT USAGE, CREATE ON SCHEMA preflight TO " + role, "GRANT ALL ON ALL TABLES IN SCHEMA preflight TO " + role,
                "GRANT ALL ON ALL SEQUENCES IN SCHEMA preflight TO " + role);
        String url = dev.preflight.config.DatabaseUrl.parse("postgresql://" + role + ":seed-Pass-8642@" + db.url().hosts() + "/"
                + db.url().database()).secretUri();

        // when
        CliRun run = CliRun.run("seed", "--project", project.toString(), "--db-url", url);

        // then: the role and the grant are named, the seed files are not called wrong, and nothing was written
        assertThat(run.exitCode()).as(run.err()).isNotZero();
        String report = Files.readString(project.resolve("reports/latest/readiness.md"));
        assertThat(report).contains("the connecting role may not write").contains("GRANT INSERT, UPDATE ON")
                .doesNotContain("fix the seed rows named");
        assertThat(db.queryLong("SELECT count(*) FROM organizations")).isZero();
    }
}
