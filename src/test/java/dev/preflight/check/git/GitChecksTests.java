package dev.preflight.check.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitChecksTests {

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
        PersonIdent who = new PersonIdent("Test", "test@example.com");
        try (Git git = Git.init().setDirectory(repo.toFile()).call()) {
            Files.writeString(project.resolve("migrations/V1__a.sql"), "SELECT 1;\n");
            Files.writeString(project.resolve("migrations/V2__b.sql"), "SELECT 2;\n");
            git.add().addFilepattern(".").call();
            git.commit().setMessage("init").setAuthor(who).setCommitter(who).call();
            Files.writeString(project.resolve("migrations/V2__b.sql"), "SELECT 22;\n");
            Files.writeString(project.resolve("migrations/V3__c.sql"), "SELECT 3;\n");
            git.add().addFilepattern("apps/api/migrations/V3__c.sql").call();
            Files.writeString(project.resolve("migrations/V4__d.sql"), "SELECT 4;\n");
        }

        // when
        GitState state = GitState.read(project);
        List<Finding> findings = new MigrationsCommittedCheck().run(CheckContext.of(null, null, null, null).with(state));

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
    void noRepositoryIsAFindingNotAnException(@TempDir Path dir) {
        GitState state = GitState.read(dir);

        assertThat(state.repository()).isFalse();
        assertThat(new RepositoryCheck().run(CheckContext.of(null, null, null, null).with(state))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("no git repository"));
    }
}
