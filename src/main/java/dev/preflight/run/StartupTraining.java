package dev.preflight.run;

import dev.preflight.config.DatabaseTarget;
import dev.preflight.config.DatabaseUrl;
import dev.preflight.config.ProjectConfig;
import dev.preflight.config.ProjectLayout;
import dev.preflight.db.DataSourceConfiguration;
import dev.preflight.kernel.Console;
import dev.preflight.migration.MigrationFiles;
import dev.preflight.report.render.ReportWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The class-data-sharing training run the launcher makes once per jar ({@code -XX:ArchiveClassesAtExit}):
 * loads what every command loads (the command line, the project's YAML and migrations, the report
 * renderers) and then starts the Spring context against a database it never connects to (beans are
 * lazy), on its own thread as a job command starts it, and closes it. No database, no network, nothing
 * written outside a temporary folder.
 */
public final class StartupTraining {

    /** The argument that selects the training run instead of a command (not listed by help). */
    public static final String ARGUMENT = "--cds-training";
    /** Class names, one a line, that runs of every command load. */
    static final String CLASS_LIST = "preflight/cds/classes.txt";

    private StartupTraining() {
    }

    /** Runs the training on {@code projectDir} (the example project next to the launcher) and returns 0. */
    public static int run(Path projectDir, Console console) throws Exception {
        preload();
        Path reports = Files.createTempDirectory("preflight-cds");
        try {
            ProjectLayout project = new ProjectLayout(projectDir, reports);
            ProjectConfig config = ProjectConfig.load(project);
            MigrationFiles files = MigrationFiles.resolve(project, config); // detected as every run detects it, in any layout
            RunLedger ledger = new RunLedger("cds-training");
            new ReportWriter(project).write(ReportAssembler.assemble(ledger, "report", project, null, null), ledger.attachments());
            DatabaseTarget nowhere = DatabaseTarget.of(DatabaseUrl.of("127.0.0.1", 1, "cds_training", "nobody", "unused"), null,
                    DatabaseTarget.Source.FLAG);
            // the way a job command starts its context: on its own thread, handed the run and the pool as they come
            SpringStart spring = SpringStart.begin(console, true);
            spring.inputs(new RunContext(nowhere, project, config, files, ledger), dev.preflight.config.ShadowSettings.isolated());
            try (var pool = new DataSourceConfiguration().dataSource(nowhere)) {
                spring.pool(pool);
                try (var context = spring.context()) {
                    context.getBeanDefinitionNames(); // refreshed: closed here
                }
            }
        } finally {
            try (Stream<Path> walk = Files.walk(reports)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    /**
     * Loads, without initialising (no static code runs), the classes that real runs of every command loaded
     * ({@value #CLASS_LIST}, made by {@code bench/startup/classlist.sh}): the archive then holds the job
     * infrastructure, Flyway, JDBC and each job's own classes that this database-less run never reaches.
     * A class the list names but the jar no longer has is skipped; one it misses loads from the jar as before.
     */
    static int preload() throws IOException {
        ClassLoader loader = StartupTraining.class.getClassLoader();
        int loaded = 0;
        try (InputStream in = loader.getResourceAsStream(CLASS_LIST)) {
            if (in == null) {
                return 0;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String name = lines.readLine(); name != null; name = lines.readLine()) {
                try {
                    Class.forName(name.strip(), false, loader);
                    loaded++;
                } catch (ClassNotFoundException | LinkageError e) {
                    // renamed or removed since the list was made, or needs what this JVM lacks: loaded on demand
                }
            }
        }
        return loaded;
    }
}
