package dev.preflight.job.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.config.ProjectConfig;
import dev.preflight.config.ProjectLayout;
import dev.preflight.migration.MigrationFiles;
import dev.preflight.testing.Projects;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Which statements reach the whole cluster, and how they are blanked out of a replayed copy.
 *
 * <p>Mutations known to be killed (PIT): the statement's semicolon, or the blanks before it, left
 * behind; the note written over a line break or into a line too short for it; the copy of a
 * statement quoted in a comment above it blanked instead of the statement; a file's global
 * statements not listed, or listed without file and line; the copy for the replay not written; the
 * search for a statement started before its line; the end of the script read past; a short
 * statement after another given the note.
 */
class ClusterGlobalStatementsTests {

    @ParameterizedTest
    @ValueSource(strings = {"CREATE ROLE app_reader", "create user bob with password 'x'", "DROP ROLE IF EXISTS x", "ALTER ROLE app SET work_mem = '1MB'",
            "CREATE GROUP readers", "GRANT app_reader TO bob", "REVOKE app_reader FROM bob", "ALTER SYSTEM SET work_mem = '4MB'",
            "CREATE TABLESPACE fast LOCATION '/ssd'", "CREATE DATABASE other", "GRANT CONNECT ON DATABASE app TO bob",
            "COMMENT ON ROLE bob IS 'x'", "-- a comment first\nDROP ROLE x",
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'x') THEN CREATE ROLE x; END IF; END $$",
            // supabase's migrations: a user created, and a role granted, inside DO blocks
            "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'supabase_replication_admin') THEN\n"
                    + "  create user supabase_replication_admin with login replication; END IF; END $$",
            "DO $$ BEGIN GRANT pg_read_all_data TO supabase_read_only_user; END $$",
            "DO $$ BEGIN ALTER USER authenticator SET statement_timeout = '8s'; END $$"})
    void clusterGlobalStatementsAreRecognised(String sql) {
        assertThat(ClusterGlobalStatements.isGlobal(sql)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GRANT SELECT ON documents TO app_reader", "REVOKE ALL ON TABLE t FROM PUBLIC", "CREATE USER MAPPING FOR bob SERVER s",
            "ALTER TABLE t OWNER TO app", "CREATE POLICY p ON t TO app USING (true)", "CREATE TABLE roles (id int)",
            "DO $$ BEGIN PERFORM 1; END $$",
            "DO $$ BEGIN GRANT SELECT ON TABLE t TO app; REVOKE ALL ON t FROM PUBLIC; END $$",
            "DO $$ BEGIN CREATE USER MAPPING FOR bob SERVER s; END $$"})
    void databaseLocalStatementsAreNot(String sql) {
        assertThat(ClusterGlobalStatements.isGlobal(sql)).isFalse();
    }

    @Test
    void blankingKeepsLinesAndTheOtherStatements() {
        String script = "CREATE TABLE a (id int);\nCREATE ROLE app_reader\n  NOLOGIN;\nGRANT SELECT ON a TO PUBLIC;\n";

        String blanked = ClusterGlobalStatements.blank(script);

        assertThat(blanked.lines()).hasSize(4);
        assertThat(blanked).startsWith("CREATE TABLE a (id int);\n/* skipped */").doesNotContain("ROLE", "NOLOGIN")
                .endsWith("\nGRANT SELECT ON a TO PUBLIC;\n");
    }

    @Test
    void blankingReplacesExactlyTheStatementAndItsSemicolon() {
        // the semicolon and the blanks before it go too; the note fits the statement's first line exactly
        assertThat(ClusterGlobalStatements.blank("CREATE ROLE x ;\nSELECT 1;\n")).isEqualTo("/* skipped */  \nSELECT 1;\n");
        assertThat(ClusterGlobalStatements.blank("DROP ROLE xy;\n")).isEqualTo("/* skipped */\n");
        // a line too short for the note is only blanked
        assertThat(ClusterGlobalStatements.blank("DROP ROLE x;\nSELECT 1;\n")).isEqualTo("            \nSELECT 1;\n");
        // the note never overwrites a line break: a short first line stays blank
        assertThat(ClusterGlobalStatements.blank("CREATE ROLE\n  abcdefghijklmn;\n")).isEqualTo("           \n                 \n");
        // the statement is blanked, not its copy in a comment or a string before it
        assertThat(ClusterGlobalStatements.blank("-- was: CREATE ROLE x\nCREATE ROLE x;\n")).isEqualTo("-- was: CREATE ROLE x\n/* skipped */ \n");
        assertThat(ClusterGlobalStatements.blank("SELECT 'CREATE ROLE x';\nCREATE ROLE x;")).isEqualTo("SELECT 'CREATE ROLE x';\n/* skipped */ ");
    }

    @Test
    void blankingFindsTheStatementOnItsOwnLineAndStopsAtTheEndOfTheScript() {
        // a copy of the statement in a comment on the line above, after another statement: the statement on line 3 goes
        assertThat(ClusterGlobalStatements.blank("SELECT 1;\n-- was: CREATE ROLE x\nCREATE ROLE x;\n"))
                .isEqualTo("SELECT 1;\n-- was: CREATE ROLE x\n/* skipped */ \n");
        // a short statement after another one: blanked, the note does not run over the line break
        assertThat(ClusterGlobalStatements.blank("SELECT 1;\nDROP ROLE x;\nSELECT 2;\n")).isEqualTo("SELECT 1;\n            \nSELECT 2;\n");
        // no semicolon, only blanks up to the end of the script
        assertThat(ClusterGlobalStatements.blank("DROP ROLE abcdefgh \n")).isEqualTo("/* skipped */      \n");
    }

    @Test
    void globalStatementsAreListedWithFileAndLineAndLeftOutOfTheCopy(@TempDir Path dir) throws Exception {
        // given two migrations, the second creating a role on its third line
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__init.sql"), "CREATE TABLE a (id int);\n");
        Files.writeString(migrations.resolve("V2__roles.sql"), "CREATE TABLE b (id int);\n\nCREATE ROLE   app_reader\n  NOLOGIN;\n"
                + "GRANT SELECT ON b TO app_reader;\n");
        MigrationFiles files = MigrationFiles.read(migrations);

        // when
        var found = ClusterGlobalStatements.find(files);
        MigrationFiles copy = ClusterGlobalStatements.without(files, dir.resolve("copy"), ProjectConfig.defaults());

        // then
        assertThat(found).containsExactly(new ClusterGlobalStatements.Statement("V2__roles.sql", 3, "CREATE ROLE app_reader NOLOGIN"));
        assertThat(copy.folder()).isEqualTo(dir.resolve("copy"));
        assertThat(copy.files()).extracting(MigrationFiles.MigrationFile::name).containsExactly("V1__init.sql", "V2__roles.sql");
        assertThat(Files.readString(dir.resolve("copy/V1__init.sql"))).isEqualTo("CREATE TABLE a (id int);\n");
        assertThat(Files.readString(dir.resolve("copy/V2__roles.sql")))
                .isEqualTo("CREATE TABLE b (id int);\n\n/* skipped */           \n          \nGRANT SELECT ON b TO app_reader;\n");
        assertThat(ClusterGlobalStatements.find(copy)).isEmpty();
    }

    @Test
    void aDbmateDownSectionIsNotReplayedSoItsRoleStatementsAreNotListed(@TempDir Path dir) throws Exception {
        // given a dbmate project whose last migration creates a role in its up section and drops it in its down section
        Path project = dir.resolve("project");
        Projects.copyTree(Projects.repositoryRoot().resolve("src/test/resources/projects/dbmate"), project);
        Path last = project.resolve("db/migrations/20250102120000_create_chunks.sql");
        Files.writeString(last, Files.readString(last).replace("-- migrate:down\n", "CREATE ROLE app_reader NOLOGIN;\n\n-- migrate:down\nDROP ROLE app_reader;\n"));
        ProjectLayout projectLayout = ProjectLayout.of(project);
        MigrationFiles files = MigrationFiles.resolve(projectLayout, ProjectConfig.load(projectLayout));

        // when
        var found = ClusterGlobalStatements.find(files);

        // then only the up section's statement is listed, at its line in the file
        assertThat(found).containsExactly(new ClusterGlobalStatements.Statement("20250102120000_create_chunks.sql", 11, "CREATE ROLE app_reader NOLOGIN"));
    }

    /** The copy is read by the project's own layout, with what that layout needs besides the SQL (Prisma's lock file, Drizzle's journal). */
    @ParameterizedTest
    @ValueSource(strings = {"prisma", "drizzle"})
    void theCopyOfAnAdoptedLayoutIsReadByThatLayout(String layout, @TempDir Path dir) throws Exception {
        // given a layout fixture whose last migration also creates a role
        Path project = dir.resolve("project");
        Projects.copyTree(Projects.repositoryRoot().resolve("src/test/resources/projects").resolve(layout), project);
        ProjectLayout projectLayout = ProjectLayout.of(project);
        List<MigrationFiles.MigrationFile> before = MigrationFiles.resolve(projectLayout, ProjectConfig.load(projectLayout)).files();
        Path last = before.get(before.size() - 1).path();
        Files.writeString(last, Files.readString(last) + "\nCREATE ROLE app_reader NOLOGIN;\n");
        MigrationFiles files = MigrationFiles.resolve(projectLayout, ProjectConfig.load(projectLayout)); // sources read the files once

        // when
        MigrationFiles copy = ClusterGlobalStatements.without(files, dir.resolve("copy"), ProjectConfig.load(projectLayout));

        // then the same migrations in the same layout and order, without the role
        assertThat(copy.layout()).isEqualTo(layout);
        assertThat(copy.files()).extracting(MigrationFiles.MigrationFile::name)
                .containsExactlyElementsOf(files.files().stream().map(MigrationFiles.MigrationFile::name).toList());
        assertThat(ClusterGlobalStatements.find(files)).hasSize(1);
        assertThat(ClusterGlobalStatements.find(copy)).isEmpty();
    }
}
