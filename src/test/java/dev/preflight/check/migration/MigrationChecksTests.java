package dev.preflight.check.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.config.ProjectLayout;
import dev.preflight.migration.AppliedMigration;
import dev.preflight.migration.Migration;
import dev.preflight.migration.MigrationFiles;
import dev.preflight.migration.MigrationSource;
import dev.preflight.migration.SourceProblem;
import dev.preflight.report.Finding;
import dev.preflight.report.MigrationEntry;
import dev.preflight.report.MigrationStatus.DatabaseState;
import dev.preflight.report.MigrationStatus.State;
import dev.preflight.report.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration checks (MIG001 to MIG005) on measured states and history entries built in
 * memory: what each finds, with its subject, expected and actual, and what it leaves alone.
 *
 * <p>Mutations known to be killed (PIT): MIG001 silent for a never-migrated or an unmanaged
 * database, or raised for a migrated one; MIG002 silent for an error of this run or a failed row,
 * without the repair the error carries, or without the file and line it names; MIG003 raised for
 * a never-migrated database or nothing pending, or without the pending files; MIG004 silent for a
 * missing file or a checksum mismatch, or raised for matching or unknown checksums; MIG005 raised
 * without a problem, or without its file, line and the migration that creates what is missing.
 */
class MigrationChecksTests {

    private static DatabaseState state(State state, int pending, int tables) {
        return new DatabaseState(state, state == State.NEVER_MIGRATED ? null : "3", 3, pending, 0, tables, state != State.NEVER_MIGRATED);
    }

    private static CheckContext ctx(DatabaseState state, List<MigrationEntry> entries, String error) {
        return CheckContext.of(null, null, null, null).withMigrations(state, entries, error);
    }

    private static MigrationEntry entry(String version, String file, String checksum, String applied, String state) {
        return new MigrationEntry(version, "step " + version, file, 3, checksum, applied, state, null, null, false);
    }

    @Test
    void mig001FindsANeverMigratedAndAnUnmanagedDatabase() {
        MigratedCheck check = new MigratedCheck();

        Finding never = check.run(ctx(state(State.NEVER_MIGRATED, 3, 0), List.of(), null)).get(0);
        Finding unmanaged = check.run(ctx(state(State.UNMANAGED, 3, 12), List.of(), null)).get(0);

        assertThat(never.id()).isEqualTo("MIG001");
        assertThat(never.severity()).isEqualTo(Severity.BLOCKER);
        assertThat(never.actual()).isEqualTo("empty, never migrated");
        assertThat(never.remedy()).contains("./preflight migrate");
        assertThat(unmanaged.message()).startsWith("the database has 12 tables but no schema history table");
        assertThat(unmanaged.actual()).isEqualTo("absent");
        assertThat(unmanaged.remedy()).contains("./preflight baseline");
        for (State migrated : List.of(State.PENDING, State.UP_TO_DATE, State.FAILED)) {
            assertThat(check.run(ctx(state(migrated, 1, 12), List.of(), null))).as(migrated.name()).isEmpty();
        }
    }

    @Test
    void mig002SaysWhatToFixForAMissingPlaceholderAHeldLockAndAPrivilege() {
        assertThat(MigrationsAppliedCheck.remedyFor("Flyway: No value provided for placeholder: ${DB_OWNER}.  Check your configuration!"))
                .isEqualTo("give the placeholder a value: migrations.placeholders.DB_OWNER in jobs/preflight.yaml");
        assertThat(MigrationsAppliedCheck.remedyFor("Flyway: Number of retries exceeded while attempting to acquire PostgreSQL advisory lock"))
                .contains("pg_terminate_backend");
        assertThat(MigrationsAppliedCheck.remedyFor("migration V2__x.sql failed at line 3: ERROR: permission denied for schema public "
                + "(SQLSTATE 42501)")).startsWith("grant the connecting role USAGE and CREATE on schema public")
                .contains("GRANT USAGE, CREATE ON SCHEMA public TO <role>");
        assertThat(MigrationsAppliedCheck.remedyFor("migration V2__x.sql failed at line 3: ERROR: permission denied for table t "
                + "(SQLSTATE 42501)")).startsWith("grant the connecting role what the statement needs");
        assertThat(MigrationsAppliedCheck.remedyFor("migration V2__x.sql failed at line 3: syntax error")).startsWith("fix the statement");
    }

    @Test
    void mig001FindsAHistoryTableThatRecordsNothingOnAnEmptyDatabase() {
        // given: the tool created its history table, then the first migration failed and rolled back
        MigratedCheck check = new MigratedCheck();
        DatabaseState historyOnly = new DatabaseState(State.PENDING, null, 0, 1, 0, 0, true);

        // then: not "migrated"; with one migration applied, or with tables, it is
        assertThat(check.run(ctx(historyOnly, List.of(), null))).singleElement()
                .satisfies(f -> assertThat(f.actual()).isEqualTo("history table only, 0 applied"));
        assertThat(check.run(ctx(new DatabaseState(State.PENDING, "1", 1, 1, 0, 0, true), List.of(), null))).isEmpty();
        assertThat(check.run(ctx(new DatabaseState(State.FAILED, null, 0, 1, 1, 2, true), List.of(), null))).isEmpty();
    }

    @Test
    void mig002FindsThisRunsErrorWithItsRepairAndLocationAndEveryFailedRow(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(folder.resolve("V6__index.sql"), "CREATE INDEX CONCURRENTLY i ON t (c);\n");
        CheckContext project = new CheckContext(null, null, ProjectLayout.of(dir), MigrationFiles.read(folder), state(State.FAILED, 0, 4),
                List.of(entry("5", "V5__x.sql", "1", "1", "SUCCESS"), entry("6", "V6__index.sql", "2", null, "FAILED")),
                "migration V6__index.sql failed at line 1: canceling statement due to lock timeout. Repair: DROP INDEX CONCURRENTLY i;");
        MigrationsAppliedCheck check = new MigrationsAppliedCheck();

        List<Finding> found = check.run(project);

        assertThat(found).hasSize(2);
        Finding error = found.get(0);
        assertThat(error.subject()).isEqualTo("migrations");
        assertThat(error.remedy()).isEqualTo("DROP INDEX CONCURRENTLY i;");
        assertThat(error.file()).isEqualTo("migrations/V6__index.sql");
        assertThat(error.line()).isEqualTo(1);
        Finding row = found.get(1);
        assertThat(row.subject()).isEqualTo("migration 6");
        assertThat(row.message()).isEqualTo("the schema history records migration V6__index.sql as failed");
        assertThat(row.actual()).isEqualTo("FAILED");
        assertThat(row.remedy()).startsWith("undo what the failed attempt left behind");

        // an error without a repair or a location: the generic remedy, no file
        Finding plain = check.run(ctx(state(State.FAILED, 0, 4), List.of(), "connection refused")).get(0);
        assertThat(plain.remedy()).startsWith("fix the statement at that line");
        assertThat(plain.file()).isNull();
        assertThat(check.run(ctx(state(State.UP_TO_DATE, 0, 4), List.of(entry("5", "V5__x.sql", "1", "1", "SUCCESS")), null))).isEmpty();
    }

    @Test
    void mig003ListsThePendingFilesOfAMigratedOrNeverMigratedDatabase() {
        NoPendingMigrationsCheck check = new NoPendingMigrationsCheck();
        List<MigrationEntry> entries = List.of(entry("1", "V1__a.sql", "1", "1", "SUCCESS"), entry("2", "V2__b.sql", "2", null, "PENDING"),
                entry("3", "V3__c.sql", "3", null, "PENDING"));

        Finding pending = check.run(ctx(state(State.PENDING, 2, 4), entries, null)).get(0);

        assertThat(pending.message()).isEqualTo("2 migration(s) pending: V2__b.sql, V3__c.sql");
        assertThat(pending.actual()).isEqualTo("2 pending");
        // never migrated: every file is pending, and the checklist must not tick "no migration is pending" (MIG001 adds its own)
        List<MigrationEntry> none = List.of(entry("1", "V1__a.sql", "1", null, "PENDING"), entry("2", "V2__b.sql", "2", null, "PENDING"));
        assertThat(check.run(ctx(state(State.NEVER_MIGRATED, 2, 0), none, null))).singleElement()
                .satisfies(f -> assertThat(f.message()).isEqualTo("2 migration(s) pending: V1__a.sql, V2__b.sql"));
        assertThat(check.run(ctx(state(State.UP_TO_DATE, 0, 4), entries.subList(0, 1), null))).isEmpty();
    }

    @Test
    void mig004FindsAMissingFileAndAChangedChecksumOnly() {
        HistoryMatchesFilesCheck check = new HistoryMatchesFilesCheck();
        List<MigrationEntry> entries = List.of(entry("1", "V1__a.sql", "111", "111", "SUCCESS"),
                entry("2", "V2__b.sql", "222", "999", "SUCCESS"), entry("3", null, null, "333", "MISSING_SUCCESS"),
                entry("4", "V4__d.sql", "444", null, "PENDING"), entry("5", "V5__e.sql", null, "555", "SUCCESS"));

        List<Finding> found = check.run(ctx(state(State.UP_TO_DATE, 0, 4), entries, null));

        assertThat(found).extracting(Finding::subject).containsExactly("migration 2", "migration 3");
        assertThat(found.get(0).message()).isEqualTo("Migration checksum mismatch for migration 2 (V2__b.sql)");
        assertThat(found.get(0).expected()).isEqualTo("applied to database: 999");
        assertThat(found.get(0).actual()).isEqualTo("resolved locally: 222");
        assertThat(found.get(1).message()).isEqualTo("migration 3 (step 3) is applied to the database but has no file in the project");
    }

    @Test
    void mig005NamesTheFailingFileAndTheMigrationThatCreatesWhatItNeeds() {
        var problem = new MigrationOrderCheck.OrderProblem("prisma", "prisma/migrations/20240101_alter/migration.sql", 4,
                "relation \"chunks\" does not exist", "chunks", "prisma/migrations/20240301_init/migration.sql", 12, "rename the folders");

        Finding f = new MigrationOrderCheck().run(ctx(null, List.of(), null).with(new MigrationOrderCheck.Replay(problem))).get(0);

        assertThat(f.message()).isEqualTo("prisma applies the migrations in name order, and on an empty database "
                + "prisma/migrations/20240101_alter/migration.sql fails at line 4: relation \"chunks\" does not exist; chunks is created "
                + "later, by prisma/migrations/20240301_init/migration.sql line 12");
        assertThat(f.file()).isEqualTo("prisma/migrations/20240101_alter/migration.sql");
        assertThat(f.line()).isEqualTo(4);
        assertThat(f.remedy()).isEqualTo("rename the folders");
        assertThat(new MigrationOrderCheck().run(ctx(null, List.of(), null).with(new MigrationOrderCheck.Replay(null)))).isEmpty();
        var unknownCreator = new MigrationOrderCheck.OrderProblem("prisma", "a.sql", 1, "boom", null, null, null, "r");
        assertThat(new MigrationOrderCheck().run(ctx(null, List.of(), null).with(new MigrationOrderCheck.Replay(unknownCreator))).get(0).message()).endsWith("fails at line 1: boom");
    }

    /** A layout held in memory: the files its native tool would skip, and its own repair for a failed row. */
    private record FakeLayout(Path folder, List<SourceProblem> problems, String repair) implements MigrationSource {
        @Override
        public String layout() {
            return "faketool";
        }

        @Override
        public String historyTable() {
            return "public.fake_history";
        }

        @Override
        public List<Migration> migrations() {
            return List.of();
        }

        @Override
        public List<AppliedMigration> history(Connection connection) {
            return List.of();
        }

        @Override
        public void createHistoryTable(Connection connection) {
        }

        @Override
        public void recordApplied(Connection connection, Migration migration, Instant startedAt, long executionMillis) {
        }

        @Override
        public String failedRemedy(String id) {
            return repair == null ? null : repair + " " + id;
        }
    }

    private static CheckContext withLayout(Path dir, FakeLayout layout, DatabaseState state, List<MigrationEntry> entries, String error) {
        MigrationFiles files = new MigrationFiles(layout.folder(), List.of(), List.of(), layout, null, List.of());
        return new CheckContext(null, null, ProjectLayout.of(dir), files, state, entries, error);
    }

    @Test
    void mig002TakesTheRepairAnErrorStartsWithAndTheLayoutsOwnRemedyForAFailedRow(@TempDir Path dir) {
        MigrationsAppliedCheck check = new MigrationsAppliedCheck();
        // an error that is nothing but its repair
        assertThat(check.run(ctx(state(State.FAILED, 0, 4), List.of(), "Repair: DROP INDEX CONCURRENTLY i;")).get(0).remedy())
                .isEqualTo("DROP INDEX CONCURRENTLY i;");

        // a failed row, and a failed row whose file is gone: the layout's repair for each
        List<MigrationEntry> failed = List.of(entry("7", "V7__x.sql", "7", null, "FAILED"), entry("8", null, null, "8", "MISSING_FAILED"));
        FakeLayout golang = new FakeLayout(dir.resolve("migrations"), List.of(), "migrate force");
        assertThat(check.run(withLayout(dir, golang, state(State.FAILED, 0, 4), failed, null)))
                .extracting(Finding::subject, Finding::remedy)
                .containsExactly(tuple("migration 7", "migrate force 7"),
                        tuple("migration 8", "migrate force 8"));
        // a layout without its own repair, and no migrations at all: the generic one
        FakeLayout flyway = new FakeLayout(dir.resolve("migrations"), List.of(), null);
        assertThat(check.run(withLayout(dir, flyway, state(State.FAILED, 0, 4), failed.subList(0, 1), null)).get(0).remedy())
                .startsWith("undo what the failed attempt left behind");
        CheckContext noMigrations = new CheckContext(null, null, ProjectLayout.of(dir),
                new MigrationFiles(dir, List.of(), List.of(), null, "no migrations folder", List.of()), state(State.FAILED, 0, 4), failed, null);
        assertThat(check.run(noMigrations).get(0).remedy()).startsWith("undo what the failed attempt left behind");
    }

    @Test
    void mig006ReportsEachFileTheNativeToolWouldSkip(@TempDir Path dir) throws Exception {
        LayoutFilesCheck check = new LayoutFilesCheck();
        FakeLayout drizzle = new FakeLayout(dir.resolve("drizzle"), List.of(
                new SourceProblem("drizzle/0003_extra.sql", "drizzle/0003_extra.sql is not in the journal", "add it to the journal"),
                new SourceProblem("drizzle/0004_more.sql", "drizzle/0004_more.sql is not in the journal", "delete it")), null);

        List<Finding> found = check.run(withLayout(dir, drizzle, state(State.UP_TO_DATE, 0, 4), List.of(), null));

        assertThat(found).extracting(Finding::id, Finding::subject, Finding::file, Finding::line, Finding::expected, Finding::actual, Finding::remedy)
                .containsExactly(
                        tuple("MIG006", "drizzle/0003_extra.sql", "drizzle/0003_extra.sql", null,
                                "applied by faketool", "skipped", "add it to the journal"),
                        tuple("MIG006", "drizzle/0004_more.sql", "drizzle/0004_more.sql", null,
                                "applied by faketool", "skipped", "delete it"));
        assertThat(found.get(0).message()).isEqualTo("drizzle/0003_extra.sql is not in the journal");
        // nothing to check without migrations
        assertThat(check.run(ctx(state(State.UP_TO_DATE, 0, 4), List.of(), null))).isEmpty();
        CheckContext absent = new CheckContext(null, null, ProjectLayout.of(dir),
                new MigrationFiles(dir, List.of(), List.of(), null, "no migrations folder", List.of()), state(State.UP_TO_DATE, 0, 4), List.of(), null);
        assertThat(check.run(absent)).isEmpty();
    }

    @Test
    void eachCheckHasTheIdTitleAndDefaultSeverityTheReadmeDocuments() throws Exception {
        // the README's checks table is what users configure severities against
        String readme = Files.readString(Path.of("README.md"));
        List<Check> checks = List.of(new MigratedCheck(), new MigrationsAppliedCheck(), new NoPendingMigrationsCheck(),
                new HistoryMatchesFilesCheck(), new MigrationOrderCheck(), new LayoutFilesCheck());
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            assertThat(check.id()).isEqualTo("MIG00" + (i + 1));
            Matcher row = Pattern.compile("^\\| " + check.id() + " \\| (.+) \\| ([a-z]+)[^|]* \\|$", Pattern.MULTILINE).matcher(readme);
            assertThat(row.find()).as("README row for " + check.id()).isTrue();
            assertThat(Severity.parse(row.group(2))).as(check.id()).isEqualTo(check.defaultSeverity());
            assertThat(check.title()).as(check.id()).isNotBlank().doesNotEndWith(".");
            assertThat(Character.isUpperCase(check.title().charAt(0))).as(check.title()).isTrue();
        }
    }
}
