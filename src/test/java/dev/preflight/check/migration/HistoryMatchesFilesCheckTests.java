package dev.preflight.check.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.check.CheckContext;
import dev.preflight.migration.MigrationFiles;
import dev.preflight.migration.golangmigrate.GolangMigrateSource;
import dev.preflight.report.Finding;
import dev.preflight.report.MigrationEntry;
import dev.preflight.report.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryMatchesFilesCheckTests {

    private static final Path FIXTURE = Path.of("src/test/resources/projects/golang-migrate");
    private static final String NONE = null;

    private static CheckContext golangMigrate(MigrationEntry... entries) {
        var files = MigrationFiles.of(new GolangMigrateSource(FIXTURE, FIXTURE.resolve("db/migrations")), List.of());
        return new CheckContext(null, null, null, files, null, List.of(entries), null);
    }

    private static MigrationEntry entry(String version, String file, String local, String recorded, String state) {
        return new MigrationEntry(version, "x", file, 1, local, recorded, state, null, null, false);
    }

    @Test
    void appliedMigrationsWithoutARecordedChecksumAreOneLowFindingNeverAPass() {
        // given versions 1 and 2 applied by golang-migrate itself, 3 applied by Preflight, 4 pending
        CheckContext ctx = golangMigrate(entry("1", "000001_a.up.sql", "aa", NONE, "SUCCESS"), entry("2", "000002_b.up.sql", "bb", NONE, "SUCCESS"),
                entry("3", "000003_c.up.sql", "cc", "cc", "SUCCESS"), entry("4", "000004_d.up.sql", "dd", NONE, "PENDING"));

        // when
        List<Finding> findings = new HistoryMatchesFilesCheck().run(ctx);

        // then: the files are named, and baseline is asked up to the newest applied version (a replay to 2 would differ)
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.LOW);
            assertThat(f.message()).contains("could not run for 2 applied migration(s) (000001_a.up.sql, 000002_b.up.sql)")
                    .contains("golang-migrate keeps no checksum").contains("preflight.applied_checksums");
            assertThat(f.remedy()).contains("./preflight baseline --to 3");
        });
    }

    @Test
    void aMismatchWithPreflightsRecordSaysWhereTheRecordIsAndHowToForgetIt() {
        // given
        CheckContext ctx = golangMigrate(entry("3", "000003_c.up.sql", "new", "old", "SUCCESS"));

        // when
        List<Finding> findings = new HistoryMatchesFilesCheck().run(ctx);

        // then
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.message()).contains("000003_c.up.sql");
            assertThat(f.expected()).isEqualTo("recorded by Preflight when applied (preflight.applied_checksums): old");
            assertThat(f.actual()).isEqualTo("resolved locally: new");
            assertThat(f.remedy()).contains("DELETE FROM preflight.applied_checksums WHERE history_table = 'public.schema_migrations' AND id = '3';")
                    .contains("./preflight baseline --to 3");
        });
    }

    @Test
    void aLayoutWhoseHistoryKeepsChecksumsIsNotSentToBaseline() {
        // given no migrations folder (no source): a row without a checksum still cannot pass silently
        CheckContext ctx = new CheckContext(null, null, null, null, null, List.of(entry("1", "V1__a.sql", "1", NONE, "SUCCESS")), null);

        // when
        List<Finding> findings = new HistoryMatchesFilesCheck().run(ctx);

        // then
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.LOW);
            assertThat(f.message()).contains("their rows in the history table hold no checksum");
            assertThat(f.remedy()).doesNotContain("baseline");
        });
    }
}
