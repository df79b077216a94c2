package dev.preflight.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.cli.Preflight;
import dev.preflight.kernel.Console;
import dev.preflight.testing.Projects;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupTrainingTests {

    @Test
    void theTrainingRunReadsTheMigrationsOfAnyLayoutAndWritesNothingInTheProject(@TempDir Path dir) throws Exception {
        // given a Prisma project: no migrations/ folder (the training once read only that one)
        Path project = dir.resolve("app");
        Projects.copyTree(Projects.repositoryRoot().resolve("src/test/resources/projects/prisma"), project);
        long before = count(project);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(new HashMap<>(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        // when run as the launcher runs it (PreflightApplication: the command line first, which sets the Spring configuration)
        new Preflight(console).run(new String[] {"help"});
        int code = StartupTraining.run(project, console);

        // then
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(count(project)).isEqualTo(before);
    }

    private static long count(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.count();
        }
    }
}
