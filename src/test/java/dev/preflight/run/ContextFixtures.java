package dev.preflight.run;

import dev.preflight.cli.Preflight;
import dev.preflight.config.DatabaseTarget;
import dev.preflight.config.DatabaseUrl;
import dev.preflight.config.ProjectConfig;
import dev.preflight.config.ProjectLayout;
import dev.preflight.kernel.Console;
import dev.preflight.migration.MigrationFiles;
import dev.preflight.testing.Projects;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;

/** What the tests of a run's Spring context start it with: a quiet console and a run of the example against no database. */
final class ContextFixtures {

    private ContextFixtures() {
    }

    /** A console that prints nowhere; made as the launcher's main makes Preflight, which sets the runs' configuration. */
    static Console console() {
        Console console = new Console(new HashMap<>(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        new Preflight(console);
        return console;
    }

    /** A run of the example project whose target is never connected to. */
    static RunContext run(String ledger) {
        return run(ledger, DatabaseTarget.of(DatabaseUrl.of("127.0.0.1", 1, "nowhere", "nobody", "unused"), null, DatabaseTarget.Source.FLAG));
    }

    /** A run of the example project against {@code target}. */
    static RunContext run(String ledger, DatabaseTarget target) {
        ProjectLayout project = new ProjectLayout(Projects.repositoryRoot(), null);
        ProjectConfig config = ProjectConfig.load(project);
        return new RunContext(target, project, config, MigrationFiles.resolve(project, config), new RunLedger(ledger));
    }
}
