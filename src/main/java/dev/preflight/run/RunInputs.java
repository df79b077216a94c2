package dev.preflight.run;

import dev.preflight.check.CheckRegistry;
import dev.preflight.config.KnownSecrets;
import dev.preflight.config.ProjectConfig;
import dev.preflight.config.ProjectLayout;
import dev.preflight.config.ShadowSettings;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.Options;
import dev.preflight.migration.MigrationFiles;
import dev.preflight.report.render.ReportWriter;
import java.util.List;
import java.util.stream.Stream;

/**
 * A run's inputs, read before any connection or job (a bad run id, an unusable reports folder or
 * a broken settings file costs nothing): the run id, the project and its settings, the migrations,
 * the shadow database settings and the target database.
 */
record RunInputs(String runId, ProjectLayout project, ProjectConfig config, MigrationFiles files, ShadowSettings shadow,
                 TargetResolver.Resolved resolved) {

    static RunInputs read(String command, Options options, Console console, boolean writesReport,
            java.util.function.Consumer<ProjectInputs> check) {
        String runId = options.flag("run-id") != null ? RunId.check(options.flag("run-id")) : RunId.generate(command);
        ProjectLayout project = new ProjectLayout(options.project(), options.reportsDir());
        ProjectConfig config = ProjectConfig.load(project, () -> CheckRegistry.get().findingIds()); // an unknown id in severity: is an error
        KnownSecrets.registerEnvironmentValue(console.env(), config.embeddings().openai().apiKeyEnv());
        MigrationFiles files = MigrationFiles.resolve(project, config);
        check.accept(new ProjectInputs(project, config, files)); // before the reports folder is made: nothing is written
        if (writesReport) {
            ReportWriter.checkFolder(project, runId);
        }
        ShadowSettings shadow = ShadowSettings.of(options.flag("shadow-url"), console.env("SHADOW_DATABASE_URL"),
                options.has("shadow-same-cluster"), project);
        return new RunInputs(runId, project, config, files, shadow, TargetResolver.resolve(options, console, project));
    }

    /** What the target and the migrations warned about, for the console and the report. */
    List<String> warnings() {
        return Stream.concat(resolved.target().warnings().stream(), files.warnings().stream()).toList();
    }
}
