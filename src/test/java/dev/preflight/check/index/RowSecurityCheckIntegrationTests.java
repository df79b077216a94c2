package dev.preflight.check.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.config.DatabaseUrl;
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
 * A report measured through a role that row-level security filters, or that may not read a vector column, says so with
 * a high finding (so it cannot be READY) and is still written; the owner's report has no such finding.
 */
@ExtendWith(PostgresExtension.class)
class RowSecurityCheckIntegrationTests {

    @Test
    void rowsHiddenByPoliciesAndUnreadableColumnsAreNamedAndTheReportIsStillWritten(TestDatabase db, @TempDir Path project)
            throws Exception {
        // given: 4 rows, 2 of them without a vector, and a policy that shows the role only the even ids (one NULL among them);
        // and a second vector table the role may not read at all
        Files.createDirectories(project);
        String role = db.createRole("pf_app", "LOGIN PASSWORD 'app-Pass-1357'");
        db.execute("CREATE EXTENSION vector",
                "CREATE TABLE items (id int PRIMARY KEY, body text, embedding vector(3))",
                "INSERT INTO items VALUES (1, 'a', NULL), (2, 'b', NULL), (3, 'c', '[1,2,3]'), (4, 'd', '[3,2,1]')",
                "ALTER TABLE items ENABLE ROW LEVEL SECURITY", "CREATE POLICY even ON items USING (id % 2 = 0)",
                "CREATE TABLE secrets (id int PRIMARY KEY, v vector(3))",
                "CREATE INDEX secrets_v ON secrets USING hnsw (v vector_l2_ops)",
                "GRANT SELECT ON items TO " + role);
        String url = DatabaseUrl.parse("postgresql://" + role + ":app-Pass-1357@" + db.url().hosts() + "/" + db.url().database())
                .secretUri();

        // when
        CliRun filtered = CliRun.run("report", "--project", project.toString(), "--db-url", url);

        // then: not ready, one finding per table, the counts it could make, and no crash
        assertThat(filtered.exitCode()).as(filtered.err()).isEqualTo(1);
        JsonNode report = report(project);
        assertThat(report.get("verdict").asString()).isEqualTo("NOT_READY");
        assertThat(report.get("findings").valueStream().filter(f -> f.get("id").asString().equals("IDX003"))
                .map(f -> f.get("subject").asString() + ": " + f.get("actual").asString()))
                .containsExactlyInAnyOrder("column items.embedding: rows filtered by policies", "column secrets.v: no SELECT");
        // the visible rows are what was counted (the finding says why they are not the table's)
        assertThat(report.get("database").get("vectorColumns").valueStream().map(c -> c.get("table").asString() + "="
                + c.get("rows").asLong() + "/" + c.get("nulls").asLong())).containsExactly("items=2/1");
        assertThat(report.get("database").get("vectorIndexes").valueStream().map(i -> i.get("name").asString())).isEmpty();

        // when: the owner (here the superuser) measures
        CliRun owner = CliRun.run("report", "--project", project.toString(), "--db-url", db.uri());

        // then
        assertThat(owner.exitCode()).as(owner.err()).isIn(0, 1);
        assertThat(report(project).get("findings").valueStream().map(f -> f.get("id").asString())).doesNotContain("IDX003");
        assertThat(report(project).get("database").get("vectorColumns").valueStream().map(c -> c.get("table").asString() + "="
                + c.get("rows").asLong() + "/" + c.get("nulls").asLong())).containsExactly("items=4/2", "secrets=0/0");
    }

    private static JsonNode report(Path project) throws Exception {
        return JsonMapper.builder().build().readTree(Files.readString(project.resolve("reports/latest/readiness.json")));
    }
}
