package dev.preflight.check.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.check.SeverityPolicy;
import dev.preflight.migration.LayoutSettings;
import dev.preflight.migration.MigrationSource;
import dev.preflight.migration.NativeTools;
import dev.preflight.migration.SourceRuns;
import dev.preflight.migration.dbmate.DbmateSource;
import dev.preflight.migration.flyway.FlywayLayout;
import dev.preflight.migration.postgrator.PostgratorSource;
import dev.preflight.report.Severity;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * LINT023 against the tools themselves: dbmate 2.36 (its binary) and Postgrator 8 (with pg) fail on a pg_dump-style
 * {@code COPY ... FROM stdin} with its rows in the file, where Preflight's migrate succeeds; Flyway runs it, and the rule
 * stays quiet there.
 */
@ExtendWith(PostgresExtension.class)
class CopyDataRuleIntegrationTests {

    private static final String TABLE = "CREATE TABLE items (id int PRIMARY KEY, name text);\n";
    private static final String COPY = "COPY items (id, name) FROM stdin;\n1\tone\n2\ttwo\n\\.\n";

    @Test
    void dbmateFailsOnTheDataLinesThatLint023Flags(TestDatabase db, @TempDir Path dir) throws Exception {
        // given
        Path folder = Files.createDirectories(dir.resolve("db/migrations"));
        Files.writeString(folder.resolve("20250101120000_items.sql"), "-- migrate:up\n" + TABLE + COPY + "\n-- migrate:down\nDROP TABLE items;\n");
        DbmateSource source = new DbmateSource(dir, folder);

        // when
        NativeTools.Run dbmate = NativeTools.dbmate(db.uri(), folder, "up");
        List<LintIssue> issues = lint(source);

        // then dbmate reads the first row as SQL and rolls back; lint said so, at the COPY's line
        assertThat(dbmate.exitCode()).as(dbmate.output()).isNotZero();
        assertThat(dbmate.output()).contains("syntax error at or near \"1\"");
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'items'")).isZero();
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.severity()).isEqualTo(Severity.HIGH);
            assertThat(i.file()).endsWith("20250101120000_items.sql");
            assertThat(i.line()).isEqualTo(3);
            assertThat(i.message()).contains("2 data line(s) after it (from line 4)").contains("dbmate sends");
            assertThat(i.remedy()).contains("--inserts");
        });

        // and Preflight's own migrate, which feeds the rows through the copy protocol, applies it
        db.execute("DROP TABLE IF EXISTS schema_migrations");
        assertThat(SourceRuns.applyPending(source, db)).containsExactly("20250101120000");
        assertThat(db.queryLong("SELECT count(*) FROM items")).isEqualTo(2);
    }

    @Test
    void postgratorFailsOnTheDataLinesThatLint023Flags(TestDatabase db, @TempDir Path dir) throws Exception {
        // given
        Path folder = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(folder.resolve("001.do.items.sql"), TABLE + COPY);

        // when
        NativeTools.Run postgrator = NativeTools.postgrator(db.uri(), folder);
        List<LintIssue> issues = lint(new PostgratorSource(dir, folder));

        // then
        assertThat(postgrator.exitCode()).as(postgrator.output()).isNotZero();
        assertThat(postgrator.output()).contains("syntax error at or near \\\"1\\\"");
        assertThat(issues).singleElement().satisfies(i -> {
            assertThat(i.line()).isEqualTo(2);
            assertThat(i.message()).contains("postgrator sends");
        });
    }

    @Test
    void flywayRunsTheDataLinesSoLint023StaysQuiet(TestDatabase db, @TempDir Path dir) throws Exception {
        // given the same SQL as a Flyway migration
        Files.writeString(dir.resolve("V1__items.sql"), TABLE + COPY);
        MigrationSource source = new FlywayLayout().open(new LayoutSettings(dir, dir, "public", null, Map.of()));

        // when
        List<LintIssue> issues = lint(source);
        NativeTools.flyway(db, dir).migrate();

        // then
        assertThat(source.copyDataRefusal()).isNull();
        assertThat(issues).isEmpty();
        assertThat(db.queryLong("SELECT count(*) FROM items")).isEqualTo(2);
    }

    private static List<LintIssue> lint(MigrationSource source) {
        return StaticAnalysis.run(source.migrations(), m -> true, StaticAnalysis.Settings.of(source, 150000, SeverityPolicy.defaults()))
                .stream().filter(i -> i.ruleId().equals("LINT023")).toList();
    }
}
