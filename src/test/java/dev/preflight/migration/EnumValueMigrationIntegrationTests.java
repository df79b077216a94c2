package dev.preflight.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue #11 scope 6 for {@code ALTER TYPE ... ADD VALUE}: on PostgreSQL 12 and later every native
 * tool runs it inside the migration's transaction (Flyway's parser marks it non-transactional only
 * before 12; Prisma, golang-migrate and Postgrator send the file as one implicit transaction;
 * dbmate and drizzle-orm open one), so Preflight must too, in each layout, without waiting on
 * anything. A later migration may use the new label: its own transaction starts after that one
 * committed.
 */
@ExtendWith(PostgresExtension.class)
class EnumValueMigrationIntegrationTests {

    private static final String CREATE = "CREATE TYPE status AS ENUM ('draft', 'published');\n"
            + "CREATE TABLE posts (id serial PRIMARY KEY, status status NOT NULL DEFAULT 'draft');\n";
    // the transaction id next to the label: the label's pg_enum row must carry the same one
    private static final String ADD_VALUE = "ALTER TYPE status ADD VALUE 'archived';\n"
            + "CREATE TABLE add_value_tx AS SELECT txid_current() % 4294967296 AS xid;\n";
    private static final String USE_VALUE = "ALTER TABLE posts ALTER COLUMN status SET DEFAULT 'archived';\n"
            + "INSERT INTO posts DEFAULT VALUES;\n";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"flyway", "prisma", "drizzle", "postgrator", "golang-migrate", "dbmate"})
    void anEnumValueIsAddedInItsMigrationsTransactionAndALaterMigrationUsesIt(String layout, TestDatabase db, @TempDir Path project)
            throws Exception {
        // given three migrations in the layout: the enum, a new label, a use of the label; short timeouts so a wait fails, not hangs
        write(layout, project, List.of(CREATE, ADD_VALUE, USE_VALUE));
        Files.createDirectories(project.resolve("jobs"));
        Files.writeString(project.resolve("jobs/preflight.yaml"), "migrations:\n  lockTimeout: 5s\n  statementTimeout: 60s\n");

        // when
        CliRun migrate = assertTimeoutPreemptively(Duration.ofMinutes(3),
                () -> CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri()));

        // then all three are applied and recorded natively
        assertThat(migrate.exitCode()).as(migrate.err()).isZero();
        MigrationSource source = MigrationLayouts.detect(project, null, null, "public", null, Map.of()).source();
        assertThat(source.layout()).isEqualTo(layout);
        try (Connection c = db.connect()) {
            assertThat(source.history(c)).hasSize(3).allSatisfy(h -> assertThat(h.status()).isEqualTo(AppliedMigration.Status.SUCCESS));
        }
        // the label was added in the transaction that ran the rest of its migration, not alone beside it
        assertThat(db.queryString("SELECT string_agg(enumlabel::text, ',' ORDER BY enumsortorder) FROM pg_enum "
                + "WHERE enumtypid = 'status'::regtype")).isEqualTo("draft,published,archived");
        assertThat(db.queryString("SELECT xmin::text FROM pg_enum WHERE enumlabel = 'archived'"))
                .isEqualTo(db.queryString("SELECT xid::text FROM add_value_tx"));
        // and the next migration used it
        assertThat(db.queryStrings("SELECT status::text FROM posts")).containsExactly("archived");
    }

    /** The migrations in the layout's own file naming, in order. */
    private static void write(String layout, Path project, List<String> sql) throws Exception {
        String[] names = {"status", "status_archived", "posts_archived"};
        for (int i = 0; i < sql.size(); i++) {
            int n = i + 1;
            String body = sql.get(i);
            switch (layout) {
                case "flyway" -> put(project.resolve("migrations/V" + n + "__" + names[i] + ".sql"), body);
                case "prisma" -> {
                    put(project.resolve("prisma/migrations/migration_lock.toml"), "provider = \"postgresql\"\n");
                    put(project.resolve("prisma/migrations/2024010" + n + "000000_" + names[i] + "/migration.sql"), body);
                }
                case "drizzle" -> put(project.resolve("drizzle/000" + i + "_" + names[i] + ".sql"),
                        body.replace(";\n", ";--> statement-breakpoint\n").replaceAll("--> statement-breakpoint\n$", "\n"));
                case "postgrator" -> put(project.resolve("migrations/00" + n + ".do." + names[i] + ".sql"), body);
                case "golang-migrate" -> put(project.resolve("db/migrations/00000" + n + "_" + names[i] + ".up.sql"), body);
                case "dbmate" -> put(project.resolve("db/migrations/2024010" + n + "000000_" + names[i] + ".sql"),
                        "-- migrate:up\n" + body + "\n-- migrate:down\n");
                default -> throw new AssertionError(layout);
            }
        }
        if (layout.equals("drizzle")) {
            StringBuilder entries = new StringBuilder();
            for (int i = 0; i < sql.size(); i++) {
                entries.append(i == 0 ? "" : ",\n").append("    { \"idx\": ").append(i).append(", \"version\": \"7\", \"when\": ")
                        .append(1704067200000L + i * 86_400_000L).append(", \"tag\": \"000").append(i).append('_').append(names[i])
                        .append("\", \"breakpoints\": true }");
            }
            put(project.resolve("drizzle/meta/_journal.json"), "{\n  \"version\": \"7\",\n  \"dialect\": \"postgresql\",\n  \"entries\": [\n"
                    + entries + "\n  ]\n}\n");
        }
    }

    private static void put(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
