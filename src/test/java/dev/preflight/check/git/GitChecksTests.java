package dev.preflight.check.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.check.CheckContext;
import dev.preflight.config.ProjectConfig;
import dev.preflight.config.ProjectLayout;
import dev.preflight.migration.MigrationFiles;
import dev.preflight.report.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitChecksTests {

    private static final PersonIdent WHO = new PersonIdent("Test", "test@example.com");

    @Test
    void secretFilesAreRecognisedAndTemplatesAreNot() {
        assertThat(List.of(".env", "apps/api/.env", ".env.production", "keys/server.pem", "deploy/id_rsa", "credentials.json"))
                .allMatch(NoSecretsTrackedCheck::isSecret);
        assertThat(List.of(".env.example", "apps/api/.env.sample", "environment.md", "src/env.ts", "docs/keys.md"))
                .noneMatch(NoSecretsTrackedCheck::isSecret);
    }

    @Test
    void schemaAndSeedFilesAreRecognised() {
        assertThat(List.of("jobs/seed/neonhub.yaml", "prisma/schema.prisma", "db/schema.sql", "apps/api/prisma/seed.ts"))
                .allMatch(SchemaAndSeedCommittedCheck::covers);
        assertThat(List.of("README.md", "src/main/App.java", "migrations/V1__x.sql")).noneMatch(SchemaAndSeedCommittedCheck::covers);
    }

    @Test
    void aProjectBelowTheRepositoryRootSeesItsOwnPathsAndEachKindOfUncommittedFile(@TempDir Path repo) throws Exception {
        // given a repository whose project lives in apps/api, with one committed, one modified, one staged and one untracked migration
        Path project = repo.resolve("apps/api");
        Files.createDirectories(project.resolve("migrations"));
        try (Git git = Git.init().setDirectory(repo.toFile()).call()) {
            Files.writeString(project.resolve("migrations/V1__a.sql"), "SELECT 1;\n");
            Files.writeString(project.resolve("migrations/V2__b.sql"), "SELECT 2;\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("init").setAuthor(WHO).setCommitter(WHO).call();
            Files.writeString(project.resolve("migrations/V2__b.sql"), "SELECT 22;\n");
            Files.writeString(project.resolve("migrations/V3__c.sql"), "SELECT 3;\n");
            git.add().addFilepattern("apps/api/migrations/V3__c.sql").call();
            Files.writeString(project.resolve("migrations/V4__d.sql"), "SELECT 4;\n");
        }

        // when
        GitState state = GitState.read(project);
        List<Finding> findings = new MigrationsCommittedCheck().run(context(project).with(state));

        // then
        assertThat(state.repository()).isTrue();
        assertThat(state.tracked()).contains("migrations/V1__a.sql");
        assertThat(findings).extracting(Finding::subject, Finding::actual).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("migration migrations/V4__d.sql", "untracked"),
                org.assertj.core.groups.Tuple.tuple("migration migrations/V2__b.sql", "modified, not staged"),
                org.assertj.core.groups.Tuple.tuple("migration migrations/V3__c.sql", "staged, not committed"));
        assertThat(findings).allSatisfy(f -> assertThat(f.severity().id()).isEqualTo("blocker"));
    }

    @Test
    void theMigrationsAreTheDetectedLayoutsFolderNotAFolderNamedMigrations(@TempDir Path project) throws Exception {
        // given a Prisma project: one committed migration, one untracked, and an untracked note in an unrelated migrations/ folder
        Path prisma = project.resolve("prisma/migrations");
        Files.createDirectories(prisma.resolve("20240101000000_init"));
        Files.createDirectories(project.resolve("migrations"));
        Files.writeString(prisma.resolve("migration_lock.toml"), "provider = \"postgresql\"\n");
        Files.writeString(prisma.resolve("20240101000000_init/migration.sql"), "CREATE TABLE a (id int);\n");
        try (Git git = Git.init().setDirectory(project.toFile()).call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("init").setAuthor(WHO).setCommitter(WHO).call();
        }
        Files.createDirectories(prisma.resolve("20240102000000_b"));
        Files.writeString(prisma.resolve("20240102000000_b/migration.sql"), "CREATE TABLE b (id int);\n");
        Files.writeString(project.resolve("migrations/README.md"), "notes\n");

        // when
        List<Finding> findings = new MigrationsCommittedCheck().run(context(project).with(GitState.read(project)));

        // then only the Prisma migration is a migration file
        assertThat(findings).extracting(Finding::subject).containsExactly("migration prisma/migrations/20240102000000_b/migration.sql");
    }

    @Test
    void withoutMigrationsTheCheckIsNotRunAndSaysWhy(@TempDir Path project) throws Exception {
        assertThat(new MigrationsCommittedCheck().notRunReason(context(project))).startsWith("no migrations: no migrations found under");
        assertThat(new MigrationsCommittedCheck().notRunReason(CheckContext.of(null, null, null, null))).isEqualTo("no migrations: none in this run");
    }

    /** The project's migrations as a run detects them. */
    private static CheckContext context(Path project) {
        ProjectLayout layout = ProjectLayout.of(project);
        return CheckContext.of(null, null, layout, MigrationFiles.resolve(layout, ProjectConfig.load(layout)));
    }

    @Test
    void noRepositoryIsAFindingNotAnException(@TempDir Path dir) {
        GitState state = GitState.read(dir);

        assertThat(state.repository()).isFalse();
        assertThat(new RepositoryCheck().run(CheckContext.of(null, null, null, null).with(state))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("no git repository"));
    }

    @Test
    void theRemedyAddsTheProjectsOwnMigrationsFolder(@TempDir Path dir) throws Exception {
        // given a Prisma project in a monorepo folder, outside any git repository
        Path folder = dir.resolve("packages/database/prisma/migrations/20240101000000_init");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("migration.sql"), "CREATE TABLE t (id int);\n");

        // then
        assertThat(new RepositoryCheck().run(context(dir).with(GitState.read(dir)))).singleElement()
                .satisfies(f -> assertThat(f.remedy()).endsWith("(git init && git add packages/database/prisma/migrations)"));
    }
}
