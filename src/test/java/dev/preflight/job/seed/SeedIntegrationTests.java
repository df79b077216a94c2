package dev.preflight.job.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.Projects;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Seeding through the CLI on a real database: counts, idempotency, targeted updates, dry run.
 *
 * <p>Mutations it kills (issue #17's audit killed every seed-idempotency mutation it tried), each by
 * the assertion named: a second seed that re-inserts or re-updates unchanged rows (inserted/updated
 * zero); one that rewrites rows with the same values (xmin versions of {@code TableChecksums});
 * an upsert that nulls columns the seed does not mention (the edited-value test keeps the
 * embedding); a dry run that writes (table contents before and after).
 */
@ExtendWith(PostgresExtension.class)
class SeedIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static JsonNode seedSection(Path project) throws Exception {
        return JSON.readTree(Files.readString(project.resolve("reports/latest/readiness.json"))).get("seed");
    }

    static JsonNode table(JsonNode seed, String name) {
        return seed.get("tables").valueStream().filter(t -> t.get("table").asString().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void gateSeedsTheDocumentsCountsAndASecondRunTouchesNothing(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given an empty database and the NeonHub example
        Path project = Projects.copyExample(tmp);

        // when the gate migrates and seeds it
        CliRun gate = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());

        // then every organization has the rows the seed document lists, measured in the database and in the report
        assertThat(gate.exitCode()).as(gate.err()).isZero();
        JsonNode seed = seedSection(project);
        assertThat(seed.get("status").asString()).isEqualTo("APPLIED");
        assertThat(seed.get("updated").asLong()).isZero();
        assertThat(seed.get("inserted").asLong()).isEqualTo(seed.get("seededRows").asLong());
        JsonNode totals = seed.get("organizationTotals");
        assertThat(totals.get("organizations").asLong()).isEqualTo(2).isEqualTo(db.queryLong("SELECT count(*) FROM organizations"));
        assertThat(totals.get("messages").asLong()).isEqualTo(3).isEqualTo(db.queryLong("SELECT count(*) FROM messages"));
        assertThat(totals.get("metrics").asLong()).isEqualTo(2).isEqualTo(db.queryLong("SELECT count(*) FROM campaign_metrics"));
        assertThat(totals.get("chunks").asLong()).isGreaterThanOrEqualTo(40).isEqualTo(db.queryLong("SELECT count(*) FROM chunks"));
        for (JsonNode org : seed.get("organizations")) {
            String id = org.get("id").asString();
            assertThat(id).isIn("org_neon", "org_acme");
            for (String k : new String[] {"organizations", "users", "brands", "agents", "datasets", "conversations", "campaigns", "metrics"}) {
                assertThat(org.get(k).asLong()).as(id + " " + k).isEqualTo(1);
            }
            assertThat(org.get("messages").asLong()).isEqualTo(id.equals("org_neon") ? 2 : 1);
        }
        assertThat(db.queryString("SELECT u.email || ' ' || m.role FROM organization_memberships m JOIN users u ON u.id = m.\"userId\" "
                + "WHERE m.\"organizationId\" = 'org_neon'")).isEqualTo("kofi@neonlabs.ai admin");
        assertThat(db.queryString("SELECT a.name FROM agents a WHERE a.\"organizationId\" = 'org_acme'")).isEqualTo("Research Assistant");
        assertThat(db.queryLong("SELECT count(*) FROM brand_voices WHERE \"sampleText\" <> ''")).isEqualTo(2);
        // the gate's backfill embedded every seeded chunk (distinct texts) with the local model, and search over them works:
        // a question in other words finds the single sign-on chunks (exact search: the migration's IVFFlat index was built empty)
        assertThat(db.queryLong("SELECT count(DISTINCT content) FROM chunks")).isEqualTo(totals.get("chunks").asLong());
        assertThat(db.queryLong("SELECT count(*) FROM chunks WHERE embedding IS NULL")).isZero();
        try (var model = new dev.preflight.job.backfill.provider.LocalMiniLmProvider();
             java.sql.Connection c = db.connect()) {
            c.setAutoCommit(false);
            c.createStatement().execute("SET LOCAL enable_indexscan = off");
            try (var ps = c.prepareStatement("SELECT id FROM chunks ORDER BY embedding <=> ? LIMIT 1")) {
                ps.setObject(1, new com.pgvector.PGvector(model.embed(java.util.List.of("How do I let my team log in with Okta or Azure AD?")).get(0)));
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getString(1)).startsWith("chunk_faq_sso_");
                }
            }
            c.rollback();
        }
        assertThat(Files.readString(project.resolve("reports/latest/readiness.json"))).contains("\"SEED001\"", "\"SEED002\"");
        Map<String, String> contents = TableChecksums.contents(db);
        Map<String, String> versions = TableChecksums.versions(db);

        // when seeded again
        CliRun again = CliRun.run("seed", "--project", project.toString(), "--db-url", db.uri());

        // then nothing was inserted or updated, and no row was even rewritten
        assertThat(again.exitCode()).as(again.err()).isZero();
        JsonNode second = seedSection(project);
        assertThat(second.get("inserted").asLong()).isZero();
        assertThat(second.get("updated").asLong()).isZero();
        assertThat(second.get("unchanged").asLong()).isEqualTo(seed.get("seededRows").asLong());
        assertThat(TableChecksums.contents(db)).isEqualTo(contents);
        assertThat(TableChecksums.versions(db)).isEqualTo(versions);
        assertThat(again.out()).contains("organizations").contains("unchanged");
    }

    @Test
    void editingOneValueUpdatesExactlyThatRowAndKeepsColumnsTheSeedDoesNotMention(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a seeded database, a chunk embedding filled since (as the backfill would)
        Path project = Projects.copyExample(tmp);
        // migrate and seed (the gate would also embed, retune and verify)
        assertThat(CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
        assertThat(CliRun.run("seed", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
        db.execute("UPDATE chunks SET embedding = array_fill(0.5, ARRAY[384])::vector WHERE id = 'chunk_faq_sso_1'");
        String createdAt = db.queryString("SELECT \"createdAt\"::text FROM campaigns WHERE id = 'camp_summer_launch'");
        Map<String, String> before = TableChecksums.versions(db);
        Path file = project.resolve("jobs/seed/50-campaigns.yaml");
        Files.writeString(file, Files.readString(file).replace("name: Summer Launch", "name: Summer Launch 2025"));

        // when
        CliRun run = CliRun.run("seed", "--project", project.toString(), "--db-url", db.uri());

        // then exactly that row changed
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode seed = seedSection(project);
        assertThat(seed.get("updated").asLong()).isEqualTo(1);
        assertThat(seed.get("inserted").asLong()).isZero();
        assertThat(table(seed, "campaigns").get("updated").asLong()).isEqualTo(1);
        assertThat(db.queryString("SELECT name FROM campaigns WHERE id = 'camp_summer_launch'")).isEqualTo("Summer Launch 2025");
        assertThat(db.queryString("SELECT \"createdAt\"::text FROM campaigns WHERE id = 'camp_summer_launch'")).isEqualTo(createdAt);
        Map<String, String> after = TableChecksums.versions(db);
        before.keySet().stream().filter(t -> !t.equals("campaigns")).forEach(t -> assertThat(after.get(t)).as(t).isEqualTo(before.get(t)));
        assertThat(db.queryLong("SELECT count(*) FROM campaigns WHERE xmin::text <> (SELECT xmin::text FROM campaigns WHERE id = 'camp_product_demo')"))
                .as("only the edited campaign row was rewritten").isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM chunks WHERE embedding IS NOT NULL")).isEqualTo(1);
    }

    @Test
    void dryRunOnAnEmptyDatabaseWritesNothingAndPredictsTheRealRun(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a migrated, empty database
        Path project = Projects.copyExample(tmp);
        assertThat(CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
        Map<String, String> empty = TableChecksums.contents(db);

        // when
        CliRun dry = CliRun.run("seed", "--dry-run", "--project", project.toString(), "--db-url", db.uri());

        // then nothing is written, and the counts are those of a real run
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("dry run");
        assertThat(TableChecksums.contents(db)).isEqualTo(empty);
        JsonNode predicted = seedSection(project);
        assertThat(predicted.get("status").asString()).isEqualTo("DRY_RUN");
        assertThat(predicted.get("inserted").asLong()).isGreaterThan(100);
        CliRun real = CliRun.run("seed", "--project", project.toString(), "--db-url", db.uri());
        assertThat(real.exitCode()).as(real.err()).isZero();
        JsonNode done = seedSection(project);
        assertThat(done.get("tables")).isEqualTo(predicted.get("tables"));
        assertThat(done.get("organizations")).isEqualTo(predicted.get("organizations"));
        for (JsonNode t : done.get("tables")) {
            assertThat(db.queryLong("SELECT count(*) FROM \"" + t.get("table").asString() + "\"")).isEqualTo(t.get("rowsAfter").asLong());
        }
    }

    @Test
    void scaleFixtureLoadsByCopyAndIsIdempotent(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given the example without its FAQ chunks, and a fixture of generated chunks
        Path project = Projects.copyExample(tmp);
        Files.delete(project.resolve("jobs/seed/41-chunks.csv"));
        // migrate and seed (the gate would also embed, retune and verify)
        assertThat(CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
        assertThat(CliRun.run("seed", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
        int rows = TableWriter.COPY_THRESHOLD + 500;
        Path fixture = project.resolve("jobs/seed/90-scale.yaml");
        Files.writeString(fixture, """
                chunks:
                  generate: %d
                  template: {id: "chunk_gen_{n}", documentId: doc_faq_billing, datasetId: ds_neon_faq, organizationId: org_neon,
                             ordinal: "{n}", content: "{text}", metadata: '{"bucket": {n%%7}}'}
                """.formatted(rows));

        // when loaded into the empty table, then again, then with a changed template
        CliRun first = CliRun.run("seed", "--project", project.toString(), "--db-url", db.uri());
        JsonNode s1 = table(seedSection(project), "chunks");
        CliRun second = CliRun.run("seed", "--project", project.toString(), "--db-url", db.uri());
        JsonNode s2 = table(seedSection(project), "chunks");
        Files.writeString(fixture, Files.readString(fixture).replace("content: \"{text}\"", "content: \"{text} (v2)\""));
        CliRun third = CliRun.run("seed", "--project", project.toString(), "--db-url", db.uri());
        JsonNode s3 = table(seedSection(project), "chunks");

        // then
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(s1.get("inserted").asLong()).isEqualTo(rows);
        assertThat(second.exitCode()).isZero();
        assertThat(s2.get("unchanged").asLong()).isEqualTo(rows);
        assertThat(s2.get("inserted").asLong() + s2.get("updated").asLong()).isZero();
        assertThat(third.exitCode()).isZero();
        assertThat(s3.get("updated").asLong()).isEqualTo(rows);
        assertThat(db.queryLong("SELECT count(*) FROM chunks WHERE content LIKE '%. (v2)' AND metadata->>'bucket' IS NOT NULL")).isEqualTo(rows);
        assertThat(db.queryLong("SELECT count(DISTINCT content) FROM chunks")).isGreaterThan(rows / 2);
    }
}
