package dev.preflight.run;

import dev.preflight.kernel.Console;
import dev.preflight.config.DatabaseTarget;
import dev.preflight.config.DatabaseUrl;
import dev.preflight.config.ProjectConfig;
import dev.preflight.config.ProjectLayout;
import dev.preflight.db.DataSourceConfiguration;
import dev.preflight.run.RunContext;
import dev.preflight.run.RunLedger;
import dev.preflight.migration.MigrationFiles;
import dev.preflight.run.ReportAssembler;
import dev.preflight.report.render.ReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The class-data-sharing training run the launcher makes once per jar ({@code -XX:ArchiveClassesAtExit}):
 * loads what every command loads (the command line, the project's YAML and migrations, the report
 * renderers) and then starts the Spring context against a database it never connects to (beans are
 * lazy). With {@code -Dspring.context.exit=onRefresh} Spring ends the JVM once the context is
 * refreshed, as Spring Boot documents for CDS. No database, no network, nothing written outside a
 * temporary folder.
 */
public final class StartupTraining {

    /** The argument that selects the training run instead of a command (not listed by help). */
    public static final String ARGUMENT = "--cds-training";

    private StartupTraining() {
    }

    /** Runs the training on {@code projectDir} (the example project next to the launcher) and returns 0. */
    public static int run(Path projectDir, Console console) throws Exception {
        Path reports = Files.createTempDirectory("preflight-cds");
        try {
            ProjectLayout project = new ProjectLayout(projectDir, reports);
            ProjectConfig config = ProjectConfig.load(project);
            MigrationFiles files = MigrationFiles.read(project.migrations());
            RunLedger ledger = new RunLedger("cds-training");
            new ReportWriter(project).write(ReportAssembler.assemble(ledger, "report", project, null, null), ledger.attachments());
            DatabaseTarget nowhere = DatabaseTarget.of(DatabaseUrl.of("127.0.0.1", 1, "cds_training", "nobody", "unused"), null,
                    DatabaseTarget.Source.FLAG);
            try (var pool = new DataSourceConfiguration().dataSource(nowhere);
                 var context = Session.startContext(new RunContext(nowhere, project, config, files, ledger), console, pool,
                         dev.preflight.config.ShadowSettings.isolated())) {
                context.getBeanDefinitionNames(); // without spring.context.exit: the context was refreshed; close it
            }
        } finally {
            try (Stream<Path> walk = Files.walk(reports)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }
}
