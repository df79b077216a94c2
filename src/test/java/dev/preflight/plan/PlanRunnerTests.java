package dev.preflight.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.preflight.cli.Preflight;
import dev.preflight.config.ProjectLayout;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.Options;
import dev.preflight.kernel.PreflightException;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PLAN001 finding a failed step leaves, built from plans in memory: its severity and wording
 * per failure policy, and where it points. Running the steps is {@link PlanIntegrationTests}'.
 *
 * <p>Mutations known to be killed (PIT): a step allowed to fail (continue) reported as a blocker,
 * or a stopping one as low; a policy's sentence left out; a built-in plan given a file location,
 * or a plan file none.
 */
class PlanRunnerTests {

    private static Plan.Step step(String job, Plan.OnFailure onFailure, int line) {
        return new Plan.Step(job, Map.of(), onFailure, line);
    }

    @Test
    void aFailedStepIsABlockerUnlessThePlanMayContinueAndNamesWhatThePlanDidNext() {
        Plan plan = new Plan("nightly", "", "jobs/nightly.yaml", null, List.of(step("migrate", Plan.OnFailure.STOP, 4)));

        Finding stop = PlanRunner.failure(plan, step("migrate", Plan.OnFailure.STOP, 4));
        Finding mark = PlanRunner.failure(plan, step("seed", Plan.OnFailure.MARK_NOT_READY, 6));
        Finding cont = PlanRunner.failure(plan, step("retune", Plan.OnFailure.CONTINUE, 8));

        assertThat(stop.id()).isEqualTo("PLAN001");
        assertThat(stop.severity()).isEqualTo(Severity.BLOCKER);
        assertThat(stop.subject()).isEqualTo("step migrate");
        assertThat(stop.message()).isEqualTo("step 'migrate' of plan 'nightly' failed; the plan stopped there");
        assertThat(stop.expected()).isEqualTo("COMPLETED");
        assertThat(stop.actual()).isEqualTo("FAILED");
        assertThat(stop.remedy()).contains("./preflight restart <run-id>");
        assertThat(mark.severity()).isEqualTo(Severity.BLOCKER);
        assertThat(mark.message()).endsWith("failed; the plan went on, the run is not ready");
        assertThat(cont.severity()).isEqualTo(Severity.LOW);
        assertThat(cont.message()).endsWith("failed; the plan went on (onFailure: continue)");
        // each points at its step in the plan file
        assertThat(List.of(stop, mark, cont)).extracting(Finding::file, Finding::line)
                .containsExactly(tuple("jobs/nightly.yaml", 4), tuple("jobs/nightly.yaml", 6),
                        tuple("jobs/nightly.yaml", 8));
    }

    @Test
    void aBuiltInPlanHasNoFileToPointAt() {
        Plan builtIn = new Plan("gate", "", "built-in plan gate", null, List.of(step("verify", Plan.OnFailure.STOP, 1)));

        Finding f = PlanRunner.failure(builtIn, builtIn.steps().get(0));

        assertThat(f.file()).isNull();
        assertThat(f.line()).isNull();
    }

    /** The runner checked before any step runs, on a project in {@code dir}: the first refused step's error, or null. */
    private static PreflightException refused(Path dir, String planYaml) throws Exception {
        Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("jobs/evil.yaml"), planYaml);
        List<PlanStep> steps = List.copyOf(new Preflight(Console.system()).steps());
        Plan plan = new PlanLoader(ProjectLayout.of(dir), steps).load("evil");
        Options options = Options.parse(new String[] {"run", "evil", "--project", dir.toString()});
        try {
            for (Plan.Step step : plan.steps()) {
                new PlanRunner(steps).validate(plan, step, ProjectLayout.of(dir), options);
            }
            return null;
        } catch (PreflightException e) {
            return e;
        }
    }

    @Test
    void aStepsParameterValuesAreCheckedBeforeAnyStepRunsAndNameThePlanLine(@TempDir Path dir) throws Exception {
        PreflightException limit = refused(dir, "steps:\n  - report\n  - {job: backfill, params: {limit: -5}}\n");
        assertThat(limit.exitCode()).isEqualTo(ExitCode.USAGE_OR_CONNECTION);
        assertThat(limit.getMessage()).isEqualTo("jobs/evil.yaml line 3 (step backfill): --limit must be a positive whole number, not '-5'");

        assertThat(refused(dir, "steps:\n  - report\n  - job: backfill\n    params: {provider: nope}\n").getMessage())
                .isEqualTo("jobs/evil.yaml line 3 (step backfill): --provider must be one of " + dev.preflight.config.EmbeddingsConfig.PROVIDERS
                        + ", not 'nope'");
        assertThat(refused(dir, "steps:\n  - {job: backfill, params: {target: nope}}\n").getMessage())
                .startsWith("jobs/evil.yaml line 2 (step backfill): no embedding target named 'nope'");
        assertThat(refused(dir, "steps:\n  - {job: backfill, params: {distributed: true, partitions: 0}}\n").getMessage())
                .startsWith("jobs/evil.yaml line 2 (step backfill): --partitions must be a positive whole number");
        assertThat(refused(dir, "steps:\n  - {job: retune, params: {target-recall: 2}}\n").getMessage())
                .startsWith("jobs/evil.yaml line 2 (step retune): --target-recall must be a number in (0, 1]");
        assertThat(refused(dir, "steps:\n  - {job: backfill, params: {limit: 5, provider: deterministic}}\n  - retune\n")).isNull();
    }
}
