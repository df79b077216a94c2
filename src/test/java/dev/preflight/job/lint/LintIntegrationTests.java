package dev.preflight.job.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.Projects;
import dev.preflight.testing.TestDatabase;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lint job against a real PostgreSQL: the NeonHub hazards with file, line and the measured
 * lock, the cases where the measurement overrules the text, SARIF that validates, suppressions
 * and severity overrides as the report shows them.
 *
 * <p>Mutations these tests kill: measuring without data (no rows, so no rewrite evidence), a
 * relfilenode comparison that never differs, locks read after commit (none held), downgrading a
 * measured rewrite, dropping LINT018, a SARIF location without the line, a suppression missing from
 * the report (or its reason lost, or still counted as a finding), the project's {@code severity:}
 * overrides not reaching lint.
 */
@ExtendWith(PostgresExtension.class)
class LintIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void neonHubHazardsAreFoundWithFileLineAndTheMeasuredLock(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given
        Path project = Projects.copyExample(tmp);

        // when
        CliRun run = CliRun.run("lint", "--project", project.toString(), "--db-url", db.uri());

        // then
        assertThat(run.exitCode()).as(run.err()).isIn(0, 1); // a verdict, not a usage or connection error
        JsonNode report = JSON.readTree(Files.readString(project.resolve("reports/latest/readiness.json")));
        List<JsonNode> hazards = list(report.get("lint").get("hazards"));
        assertThat(hazards).as(run.out() + run.err()).isNotEmpty();
        assertThat(at(hazards, "LINT007", "migrations/V3__realign_schema.sql", 21)).isNotNull();
        assertThat(at(hazards, "LINT001", "migrations/V3__realign_schema.sql", 28)).isNotNull();
        JsonNode typeChange = at(hazards, "LINT006", "migrations/V3__realign_schema.sql", 57);
        assertThat(typeChange.get("measured").asString()).startsWith("ACCESS EXCLUSIVE on invoices").contains("rewrote invoices");
        assertThat(typeChange.get("severity").asString()).isEqualTo("medium");
        assertThat(report.get("lint").get("measured").asBoolean()).isTrue();
        assertThat(db.queryLong("SELECT count(*) FROM pg_database WHERE datname LIKE 'preflight_shadow_%'")).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).as("lint changes nothing").isZero();
        assertThat(findingIds(report)).contains("LINT001", "LINT006", "LINT007");
    }

    @Test
    void theMeasurementDecidesWhereTheTextMisleads(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given
        Path project = tmp.resolve("app");
        Projects.copyTree(Projects.repositoryRoot().resolve("src/test/resources/projects/lint-measured"), project);

        // when
        CliRun run = CliRun.run("lint", "--project", project.toString(), "--db-url", db.uri());

        // then
        assertThat(run.exitCode()).as(run.err()).isIn(0, 1); // a verdict, not a usage or connection error
        JsonNode report = JSON.readTree(Files.readString(project.resolve("reports/latest/readiness.json")));
        List<JsonNode> hazards = list(report.get("lint").get("hazards"));
        String file = "migrations/V2__reshape.sql";
        // varchar(50) -> varchar(100) and -> text: the text says type change, the server rewrote nothing
        assertThat(at(hazards, "LINT006", file, 3).get("severity").asString()).as(hazards.toString()).isEqualTo("info");
        assertThat(at(hazards, "LINT006", file, 3).get("measured").asString()).contains("no rewrite");
        assertThat(at(hazards, "LINT006", file, 5).get("severity").asString()).isEqualTo("info");
        // integer -> bigint: a real rewrite under ACCESS EXCLUSIVE
        JsonNode widen = at(hazards, "LINT006", file, 13);
        assertThat(widen.get("severity").asString()).isEqualTo("medium");
        assertThat(widen.get("measured").asString()).startsWith("ACCESS EXCLUSIVE on accounts").contains("rewrote accounts").contains("1000 rows");
        // constant default: nothing to report; volatile default: confirmed rewrite
        assertThat(hazards.stream().filter(h -> h.get("line").asInt() == 7)).isEmpty();
        assertThat(at(hazards, "LINT011", file, 9).get("measured").asString()).contains("rewrote accounts");
        // bigserial: no rule reads a rewrite in the text, the measurement finds it
        assertThat(at(hazards, "LINT018", file, 11).get("measured").asString()).contains("rewrote accounts");
    }

    @Test
    void lintSarifValidatesAgainstTheSarif210Schema(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given
        Path project = tmp.resolve("app");
        Projects.copyTree(Projects.repositoryRoot().resolve("src/test/resources/projects/lint-measured"), project);

        // when
        CliRun.run("lint", "--project", project.toString(), "--db-url", db.uri(), "--static-only");

        // then
        String sarif = Files.readString(project.resolve("reports/latest/lint.sarif"));
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-2.1.0-rtm.5.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        Set<ValidationMessage> errors = schema.validate(new ObjectMapper().readTree(sarif));
        assertThat(errors).isEmpty();
        JsonNode log = JSON.readTree(sarif);
        JsonNode result = log.get("runs").get(0).get("results").get(0);
        assertThat(result.get("ruleId").asString()).startsWith("LINT");
        assertThat(result.get("locations").get(0).get("physicalLocation").get("artifactLocation").get("uri").asString())
                .isEqualTo("migrations/V2__reshape.sql");
        assertThat(result.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt()).isPositive();
    }

    @Test
    void aSuppressionIsListedWithItsReasonAndASeverityOverrideReachesTheReport(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a migration with a rename silenced by nolint and a non-concurrent index, first with the default severities
        Path project = tmp.resolve("app");
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(project.resolve("migrations/V1__items.sql"), "CREATE TABLE items (id bigint PRIMARY KEY, owner bigint, name text);\n");
        Files.writeString(project.resolve("migrations/V2__change.sql"), """
                SET lock_timeout = '5s';
                SET statement_timeout = '10min';
                -- preflight:nolint LINT007 the app reads both names through a view since release 41
                ALTER TABLE items RENAME COLUMN name TO title;
                CREATE INDEX items_owner_idx ON items (owner);
                """);

        // when
        CliRun defaults = CliRun.run("lint", "--project", project.toString(), "--db-url", db.uri(), "--static-only");
        JsonNode before = JSON.readTree(Files.readString(project.resolve("reports/latest/readiness.json")));
        Files.createDirectories(project.resolve("jobs"));
        Files.writeString(project.resolve("jobs/preflight.yaml"), "severity:\n  LINT001: high\n");
        CliRun overridden = CliRun.run("lint", "--project", project.toString(), "--db-url", db.uri(), "--static-only");
        JsonNode after = JSON.readTree(Files.readString(project.resolve("reports/latest/readiness.json")));
        String markdown = Files.readString(project.resolve("reports/latest/readiness.md"));

        // then the suppressed rename is listed with its reason, and is neither a hazard nor a finding
        String file = "migrations/V2__change.sql";
        JsonNode suppressed = after.get("lint").get("suppressed");
        assertThat(suppressed).as(after.get("lint").toString()).hasSize(1);
        assertThat(suppressed.get(0).get("rule").asString()).isEqualTo("LINT007");
        assertThat(suppressed.get(0).get("file").asString()).isEqualTo(file);
        assertThat(suppressed.get(0).get("line").asInt()).isEqualTo(4);
        assertThat(suppressed.get(0).get("suppressedBecause").asString()).isEqualTo("the app reads both names through a view since release 41");
        assertThat(list(after.get("lint").get("hazards"))).extracting(h -> h.get("rule").asString()).containsExactly("LINT001");
        assertThat(findingIds(after)).contains("LINT001").doesNotContain("LINT007");
        assertThat(markdown).contains("1 hazard(s), 1 suppressed")
                .contains("- LINT007 at `" + file + ":4`: the app reads both names through a view since release 41");
        // and severity: LINT001 is medium by default, high with the override, in the lint section and among the findings (the
        // verdict is NOT_READY either way: a database never migrated is a blocker of its own, MIG001)
        assertThat(at(list(before.get("lint").get("hazards")), "LINT001", file, 5).get("severity").asString()).isEqualTo("medium");
        assertThat(severities(before, "LINT001")).containsExactly("medium");
        assertThat(at(list(after.get("lint").get("hazards")), "LINT001", file, 5).get("severity").asString()).isEqualTo("high");
        assertThat(severities(after, "LINT001")).containsExactly("high");
        assertThat(defaults.exitCode()).as(defaults.err()).isIn(0, 1);
        assertThat(overridden.exitCode()).as(overridden.err()).isIn(0, 1);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static JsonNode at(List<JsonNode> hazards, String rule, String file, int line) {
        return hazards.stream().filter(h -> h.get("rule").asString().equals(rule) && h.get("file").asString().equals(file)
                && h.get("line").asInt() == line).findFirst().orElseThrow(() -> new AssertionError(rule + " at " + file + ":" + line
                + " not among " + hazards.stream().map(h -> h.get("rule").asString() + "@" + h.get("line").asInt()).toList()));
    }

    private static List<String> severities(JsonNode report, String id) {
        return report.get("findings").valueStream().filter(f -> f.get("id").asString().equals(id)).map(f -> f.get("severity").asString()).toList();
    }

    private static List<String> findingIds(JsonNode report) {
        List<String> ids = new ArrayList<>();
        report.get("findings").forEach(f -> ids.add(f.get("id").asString()));
        return ids;
    }
}
