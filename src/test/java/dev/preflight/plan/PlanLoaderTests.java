package dev.preflight.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.preflight.cli.Preflight;
import dev.preflight.config.ProjectLayout;
import dev.preflight.kernel.Console;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanLoaderTests {

    private static PlanLoader loader(Path dir) {
        return new PlanLoader(ProjectLayout.of(dir), new Preflight(Console.system()).steps());
    }

    private static void write(Path dir, String name, String yaml) throws Exception {
        Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(dir.resolve("jobs/" + name + ".yaml"), yaml);
    }

    @Test
    void readsStepsParamsFailurePolicyAndSchedule(@TempDir Path dir) throws Exception {
        write(dir, "nightly", "name: nightly\nschedule: \"30 2 * * *\"\nsteps:\n  - migrate\n  - job: report\n    onFailure: continue\n");

        Plan plan = loader(dir).load("nightly");

        assertThat(plan.schedule()).isEqualTo("30 2 * * *");
        assertThat(plan.steps()).extracting(Plan.Step::job).containsExactly("migrate", "report");
        assertThat(plan.steps().get(1).onFailure()).isEqualTo(Plan.OnFailure.CONTINUE);
        assertThat(plan.steps().get(1).line()).isEqualTo(5);
        assertThat(plan.file()).isEqualTo("jobs/nightly.yaml");
    }

    @Test
    void builtInPlansApplyWhenTheProjectHasNone(@TempDir Path dir) {
        assertThat(loader(dir).load("gate").steps()).isNotEmpty();
        assertThat(loader(dir).load("gate").file()).startsWith("built-in");
    }

    @Test
    void unknownStepParameterOrKeyIsRejectedWithFileAndLine(@TempDir Path dir) throws Exception {
        write(dir, "p1", "steps:\n  - migrate\n  - job: deploy\n");
        assertThatThrownBy(() -> loader(dir).load("p1")).hasMessageContaining("jobs/p1.yaml line 3").hasMessageContaining("unknown step 'deploy'");

        write(dir, "p2", "steps:\n  - job: migrate\n    params:\n      turbo: true\n");
        assertThatThrownBy(() -> loader(dir).load("p2")).hasMessageContaining("jobs/p2.yaml line 2")
                .hasMessageContaining("no parameter 'turbo' (it takes none)");
        write(dir, "p2b", "steps:\n  - job: seed\n    params:\n      turbo: true\n");
        assertThatThrownBy(() -> loader(dir).load("p2b")).hasMessageContaining("step 'seed' has no parameter 'turbo' (it takes: dry-run)");

        write(dir, "p3", "stepz:\n  - migrate\n");
        assertThatThrownBy(() -> loader(dir).load("p3")).hasMessageContaining("line 1").hasMessageContaining("unknown key 'stepz'");

        write(dir, "p4", "steps:\n  - job: migrate\n    onFailure: explode\n");
        assertThatThrownBy(() -> loader(dir).load("p4")).hasMessageContaining("line 3").hasMessageContaining("onFailure");

        write(dir, "p5", "schedule: \"every day\"\nsteps: [migrate]\n");
        assertThatThrownBy(() -> loader(dir).load("p5")).hasMessageContaining("line 1").hasMessageContaining("bad cron");

        write(dir, "p6", "steps:\n  - job: [migrate\n");
        assertThatThrownBy(() -> loader(dir).load("p6")).hasMessageContaining("jobs/p6.yaml line 3:");

        assertThatThrownBy(() -> loader(dir).load("nope")).hasMessageContaining("no plan named 'nope'");
    }

    @Test
    void availableListsTheBuiltInPlansThenTheProjectsPlanFiles(@TempDir Path dir) throws Exception {
        // no jobs folder: the built-in plans
        assertThat(loader(dir).available()).containsExactly("gate", "nightly", "backfill");

        // given a plan of the project's own, its own gate, a settings file and a file that is not YAML
        write(dir, "weekly", "name: weekly\nsteps:\n  - report\n");
        write(dir, "gate", "steps:\n  - migrate\n");
        write(dir, "preflight", "retune:\n  lockTimeout: 2s\n  steps: 3\n");
        Files.writeString(dir.resolve("jobs/notes.txt"), "steps:\n");

        // then each plan is listed once, and only files with a top-level steps: list are plans
        assertThat(loader(dir).available()).containsExactly("gate", "nightly", "backfill", "weekly");
    }

    @Test
    void fiveAndSixFieldCronAreAccepted() {
        assertThat(PlanLoader.Schedules.parse("0 3 * * *")).isNotNull();
        assertThat(PlanLoader.Schedules.parse("*/5 * * * * *")).isNotNull();
    }

    @Test
    void aRecursiveAliasIsRefusedWithFileAndLine(@TempDir Path dir) throws Exception {
        write(dir, "evil", "name: evil\nsteps: &s [{job: report, params: *s}]\n");

        assertThatThrownBy(() -> loader(dir).load("evil")).hasMessageStartingWith("jobs/evil.yaml line 2: YAML alias refused");
    }

    @Test
    void aPlanThatIsNotUtf8NamesTheLine(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("jobs"));
        Files.write(dir.resolve("jobs/evil.yaml"), "description: caf\u00e9\nsteps: [report]\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> loader(dir).load("evil")).hasMessageStartingWith("jobs/evil.yaml line 1 is not UTF-8 (byte 0xE9");
    }

    @Test
    void aPlanNameARunIdCannotHoldIsRefusedWithFileAndLine(@TempDir Path dir) throws Exception {
        for (String name : new String[] {"Nightly check (prod) \u00e9", "\"../../escaped/x\"", "a..b", "-x", "x".repeat(44)}) {
            write(dir, "bad", "description: d\nname: " + name + "\nsteps: [report]\n");

            assertThatThrownBy(() -> loader(dir).load("bad")).hasMessageStartingWith("jobs/bad.yaml line 2: plan name '")
                    .hasMessageContaining("cannot be part of a run id")
                    .satisfies(e -> assertThat(((dev.preflight.kernel.PreflightException) e).remedy()).contains("letters, digits"));
        }
        write(dir, "good", "name: nightly_check-2.prod\nsteps: [report]\n");
        assertThat(loader(dir).load("good").name()).isEqualTo("nightly_check-2.prod");
        write(dir, "longest", "name: " + "x".repeat(43) + "\nsteps: [report]\n");
        assertThat(dev.preflight.run.RunId.check(dev.preflight.run.RunId.generate(loader(dir).load("longest").name()))).isNotNull();
    }
}
