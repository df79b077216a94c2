package dev.preflight.job.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.config.ProjectConfig;
import dev.preflight.config.ProjectLayout;
import dev.preflight.migration.FlywayMigration;
import dev.preflight.migration.MigrationFiles;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Shared steps of the verify tests: migrating a test database directly with Flyway, seed-like rows, reading the report. */
final class VerifyFixtures {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private VerifyFixtures() {
    }

    static void migrate(TestDatabase db, Path project) {
        SimpleDriverDataSource ds = new SimpleDriverDataSource(new org.postgresql.Driver(), db.url().jdbcUrl());
        ds.setConnectionProperties(db.url().connectionProperties());
        ProjectLayout layout = ProjectLayout.of(project);
        FlywayMigration.Result r = new FlywayMigration(ds, MigrationFiles.resolve(layout, ProjectConfig.load(layout)), ProjectConfig.load(layout)).migrate();
        assertThat(r.error()).isNull();
    }

    /** The rows the NeonHub suite's seed check expects: 2 organizations, 2 brands, 2 agents (as the seed job creates). */
    static void insertSeedLikeRows(TestDatabase db) {
        db.execute("INSERT INTO organizations (id, name, slug, \"updatedAt\") VALUES ('org_neon', 'Neon Labs', 'neon-labs', now()), "
                        + "('org_acme', 'Acme Corp', 'acme-corp', now())",
                "INSERT INTO brands (id, \"organizationId\", name, slug, \"updatedAt\") VALUES ('brand_neon', 'org_neon', 'Neon Labs', 'neon-labs', now()), "
                        + "('brand_acme', 'org_acme', 'Acme Corp', 'acme-corp', now())",
                "INSERT INTO agents (id, \"organizationId\", name, \"updatedAt\") VALUES ('agent_voice', 'org_neon', 'Voice Copilot', now()), "
                        + "('agent_research', 'org_acme', 'Research Assistant', now())");
    }

    static JsonNode latestReport(Path project) throws Exception {
        return JSON.readTree(Files.readString(project.resolve("reports/latest/readiness.json")));
    }

    static List<JsonNode> findings(JsonNode report, String idPrefix) {
        return report.get("findings").valueStream().filter(f -> f.get("id").asString().startsWith(idPrefix)).toList();
    }

    static List<JsonNode> outcomes(JsonNode report, String idPrefix) {
        return report.get("checklist").valueStream().filter(f -> f.get("id").asString().startsWith(idPrefix)).toList();
    }
}
