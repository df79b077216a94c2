package dev.preflight.check.ci;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.check.CheckContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkflowFilesTests {

    @Test
    void readsTriggersAndWhatTheStepsRunAndReportsBrokenFilesWithTheirLine(@TempDir Path project) throws Exception {
        // given the seed document's db-deploy workflow and a broken one
        Path wf = Files.createDirectories(project.resolve(".github/workflows"));
        Files.writeString(wf.resolve("db-deploy.yml"), """
                name: db-deploy
                on:
                  workflow_dispatch:
                  push:
                    branches: [main]
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - run: |
                          ./preflight gate
                          echo done
                """);
        Files.writeString(wf.resolve("zz-broken.yml"), "on: [push\njobs: {}\n");

        // when
        WorkflowFiles files = WorkflowFiles.read(project);

        // then
        assertThat(files.workflows()).singleElement().satisfies(w -> {
            assertThat(w.file()).isEqualTo(".github/workflows/db-deploy.yml");
            assertThat(w.triggers()).containsExactly("workflow_dispatch", "push");
            assertThat(w.runs()).containsExactly("uses actions/checkout@v4", "./preflight gate");
        });
        assertThat(files.errors()).singleElement().asString().startsWith(".github/workflows/zz-broken.yml line 2");
        assertThat(new WorkflowPresentCheck().run(CheckContext.of(null, null, null, null).with(files))).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("zz-broken.yml line 2"));
    }

    @Test
    void outsideCiNothingIsAskedAndInCiAMissingDatabaseUrlIsAWarning() {
        assertThat(new CiSecretsCheck().run(CheckContext.of(null, null, null, null).with(new CiSecretsCheck.Environment(false, false, false)))).isEmpty();
        assertThat(new CiSecretsCheck().run(CheckContext.of(null, null, null, null).with(new CiSecretsCheck.Environment(true, false, false)))).extracting(f -> f.subject() + " " + f.severity().id())
                .containsExactly("DATABASE_URL medium", "DIRECT_DATABASE_URL info");
        assertThat(new CiSecretsCheck().run(CheckContext.of(null, null, null, null).with(new CiSecretsCheck.Environment(true, true, true)))).isEmpty();
    }
}
