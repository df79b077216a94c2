package dev.preflight.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.Projects;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith(PostgresExtension.class)
class PlanIntegrationTests {

    private static JsonNode latest(Path project) throws Exception {
        return JsonMapper.builder().build().readTree(Files.readString(project.resolve("reports/latest/readiness.json")));
    }

    private static Path brokenProject(Path tmp, String onFailure) throws Exception {
        Path project = Projects.copyExample(tmp);
        Files.writeString(project.resolve("migrations/V6__broken.sql"), "SELECT 1/0;\n");
        Files.writeString(project.resolve("jobs/custom.yaml"), "description: test plan\nsteps:\n  - job: migrate\n    onFailure: " + onFailure
                + "\n  - job: report\n");
        return project;
    }

    @Test
    void markNotReadyGoesOnWithTheNextStep(TestDatabase db, @TempDir Path tmp) throws Exception {
        Path project = brokenProject(tmp, "mark-not-ready");

        CliRun r = CliRun.run("run", "custom", "--project", project.toString(), "--db-url", db.uri());

        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode report = latest(project);
        assertThat(report.get("verdict").asString()).isEqualTo("NOT_READY");
        assertThat(report.get("steps").findValuesAsString("step")).contains("migrateFlywayStep", "report");
        assertThat(stepStatus(report, "report")).isEqualTo("COMPLETED");
        JsonNode plan = finding(report, "PLAN001");
        assertThat(plan.get("severity").asString()).isEqualTo("blocker");
        assertThat(plan.get("file").asString()).isEqualTo("jobs/custom.yaml");
        assertThat(plan.get("line").asInt()).isEqualTo(3);
        assertThat(Files.readString(project.resolve("reports/latest/junit.xml"))).contains("name=\"migrateFlywayStep\"").contains("<failure");
    }

    @Test
    void stopSkipsTheRemainingSteps(TestDatabase db, @TempDir Path tmp) throws Exception {
        Path project = brokenProject(tmp, "stop");

        CliRun r = CliRun.run("run", "custom", "--project", project.toString(), "--db-url", db.uri());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(stepStatus(latest(project), "report")).isEqualTo("SKIPPED");
    }

    @Test
    void continueMakesAFailureAWarningOnly(TestDatabase db, @TempDir Path tmp) throws Exception {
        Path project = Projects.copyExample(tmp);
        Files.writeString(project.resolve("jobs/custom.yaml"), "steps:\n  - job: migrate\n  - job: report\n    onFailure: continue\n");
        // a report step cannot fail, so check the policy through the loader's parse and the migrate path instead
        CliRun r = CliRun.run("run", "custom", "--project", project.toString(), "--db-url", db.uri());

        assertThat(r.exitCode()).isZero();
        assertThat(finding(latest(project), "PLAN001")).isNull();
    }

    @Test
    void aBadStepParameterStopsThePlanBeforeMigrateChangesAnything(TestDatabase db, @TempDir Path tmp) throws Exception {
        Path project = Projects.copyExample(tmp);
        Files.writeString(project.resolve("jobs/evil.yaml"), "steps: [{job: migrate}, {job: backfill, params: {limit: -5}}]\n");

        CliRun r = CliRun.run("run", "evil", "--project", project.toString(), "--db-url", db.uri());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("jobs/evil.yaml line 1 (step backfill): --limit must be a positive whole number, not '-5'")
                .doesNotContain("\tat ");
        assertThat(db.queryLong("SELECT count(*) FROM pg_tables WHERE tablename = 'flyway_schema_history'")).isZero();
    }

    @Test
    void aPlanAlreadyRunningIsRefused(TestDatabase db, @TempDir Path tmp) throws Exception {
        Path project = Projects.copyExample(tmp);
        try (Connection holder = db.connect(); Statement st = holder.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + PlanLock.NAMESPACE + ", hashtext('gate'))");

            CliRun r = CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri());

            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("plan 'gate' is already running against this database");
        }
        assertThat(CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
    }

    @Test
    void restartResumesAFailedRunFromTheFailedStep(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a gate run that failed in migrate
        Path project = Projects.copyExample(tmp);
        Path broken = project.resolve("migrations/V6__broken.sql");
        Files.writeString(broken, "CREATE TABLE t6 (id int);\nSELECT 1/0;\n");
        assertThat(CliRun.run("gate", "--project", project.toString(), "--db-url", db.uri(), "--run-id", "nightly-1").exitCode()).isEqualTo(1);
        CliRun history = CliRun.run("history", "--project", project.toString(), "--db-url", db.uri());
        assertThat(history.out()).containsPattern("nightly-1 +gate +FAILED .*NOT_READY .*migrate:FAILED");

        // when the migration is fixed and the run restarted
        Files.writeString(broken, "CREATE TABLE t6 (id int);\n");
        CliRun restart = CliRun.run("restart", "nightly-1", "--project", project.toString(), "--db-url", db.uri());

        // then the same run finishes: the failed job resumed (a second execution of the same instance)
        assertThat(restart.exitCode()).as(restart.err()).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM flyway_schema_history WHERE version = '6' AND success")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM preflight.batch_job_instance WHERE job_name = 'migrate'")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM preflight.batch_job_execution e JOIN preflight.batch_job_instance i "
                + "ON i.job_instance_id = e.job_instance_id WHERE i.job_name = 'migrate'")).isEqualTo(2);
        // the gate seeds after migrating: the seed job ran once, in the restarted run
        assertThat(db.queryLong("SELECT count(*) FROM preflight.batch_job_instance WHERE job_name = 'seed'")).isEqualTo(1);
        // lint, which writes nothing, ran again: the restart's report lints the V6 it applied instead of dropping lint's results
        assertThat(db.queryLong("SELECT count(*) FROM preflight.batch_job_instance WHERE job_name = 'lint'")).isEqualTo(2);
        JsonNode restarted = JsonMapper.builder().build().readTree(Files.readString(project.resolve("reports/latest/readiness.json")));
        assertThat(restarted.get("checklist").valueStream().filter(c -> c.get("id").asString().startsWith("LINT"))
                .map(c -> c.get("status").asString())).isNotEmpty().doesNotContain("NOT_RUN");
        CliRun after = CliRun.run("history", "--project", project.toString(), "--db-url", db.uri());
        assertThat(after.out()).containsPattern("nightly-1 +gate +FINISHED .*READY_WITH_WARNINGS .*migrate:FAILED lint:COMPLETED migrate:COMPLETED");
        assertThat(CliRun.run("restart", "nightly-1", "--project", project.toString(), "--db-url", db.uri()).err())
                .contains("completed; there is nothing to restart");
    }

    @Test
    void aRestartReportsWhatTheJobsItSkipsMeasuredInTheEarlierAttempt(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a plan whose migrate and retune completed on a never-migrated database, then whose seed failed
        SeedPlan plan = SeedPlan.of(tmp, "migrate", "retune");
        Path project = plan.project();
        assertThat(plan.runBroken(db, "r1")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM preflight.job_contributions WHERE run_id = 'r1'")).isEqualTo(2);

        // when the seed is fixed and the run restarted
        plan.fix();
        CliRun restart = CliRun.run("restart", "r1", "--project", project.toString(), "--db-url", db.uri());

        // then the report tells what this run did, the skipped jobs included: migrate applied all five from nothing
        assertThat(restart.exitCode()).as(restart.err()).isZero();
        JsonNode report = latest(project);
        assertThat(report.at("/migrationStatus/appliedInThisRun").asInt()).isEqualTo(5);
        assertThat(report.at("/migrationStatus/before/state").asString()).isEqualTo("NEVER_MIGRATED");
        assertThat(report.get("jobs").valueStream().map(JsonNode::asString)).containsExactly("migrate", "retune", "seed");
        assertThat(report.get("steps").valueStream().filter(s -> s.get("step").asString().equals("migrateFlywayStep"))
                .map(s -> s.get("exitCode").asString())).containsExactly("COMPLETED, in an earlier attempt of run r1");
        assertThat(checkStatus(report, "SRV001")).isEqualTo("PASSED"); // migrate's own pre-flight checks, kept from then
        assertThat(checkStatus(report, "IDX103")).isEqualTo("PASSED"); // retune's, and its section
        assertThat(checkStatus(report, "IDX000")).isNull();
        assertThat(report.at("/vectorIndexTuning/indexes").size()).isEqualTo(3);
        assertThat(checkStatus(report, "SEED001")).isEqualTo("PASSED");

        // given a second run that fails the same way, and whose retune results were lost (as when a process dies between
        // the job's end and their record)
        assertThat(plan.runBroken(db, "r2")).isEqualTo(1);
        db.execute("DELETE FROM preflight.job_contributions WHERE run_id = 'r2' AND job_name = 'retune'");
        plan.fix();

        // when it is restarted, then retune is not passed off as measured: its items read NOT RUN, and a warning says why
        assertThat(CliRun.run("restart", "r2", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
        JsonNode lost = latest(project);
        assertThat(checkStatus(lost, "IDX000")).isEqualTo("NOT_RUN");
        assertThat(lost.get("vectorIndexTuning")).isNull();
        assertThat(lost.get("warnings").valueStream().map(JsonNode::asString))
                .anyMatch(w -> w.startsWith("job retune completed earlier in run r2, but its results were not kept"));
    }

    @Test
    void aJobWhoseEndWasNotRecordedIsRestartedRatherThanRefused(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a run whose seed failed and whose end Spring Batch could not record (UNKNOWN: the connection died at the
        // step's last commit), which Spring Batch itself refuses to restart ("manual intervention is probably necessary")
        SeedPlan plan = SeedPlan.of(tmp, "migrate");
        assertThat(plan.runBroken(db, "u1")).isEqualTo(1);
        String seedOfU1 = "SELECT e.job_execution_id FROM preflight.batch_job_execution e JOIN preflight.batch_job_instance i "
                + "ON i.job_instance_id = e.job_instance_id WHERE i.job_name = 'seed'";
        db.execute("UPDATE preflight.batch_step_execution SET status = 'UNKNOWN' WHERE job_execution_id IN (" + seedOfU1 + ")",
                "UPDATE preflight.batch_job_execution SET status = 'UNKNOWN' WHERE job_execution_id IN (" + seedOfU1 + ")");
        assertThat(db.queryLong("SELECT count(*) FROM brands")).isZero(); // the seed's one transaction rolled back

        // when the seed is fixed and the run restarted
        plan.fix();
        CliRun restart = CliRun.run("restart", "u1", "--project", plan.project().toString(), "--db-url", db.uri());

        // then the step is settled as FAILED, said so, and redone: the seed is in
        assertThat(restart.exitCode()).as(restart.err()).isZero();
        assertThat(restart.err()).contains("step seedStep of job seed").contains("ended UNKNOWN");
        assertThat(db.queryLong("SELECT count(*) FROM brands")).isPositive();
        assertThat(db.queryLong("SELECT count(*) FROM preflight.batch_step_execution WHERE status = 'UNKNOWN'")).isZero();
    }

    /** The example with a plan {@code custom} of these jobs then seed, whose seed a brand without its organisation breaks. */
    private record SeedPlan(Path project, Path brands, String good) {

        static SeedPlan of(Path tmp, String... before) throws Exception {
            Path project = Projects.copyExample(tmp);
            StringBuilder plan = new StringBuilder("steps:\n");
            for (String job : before) {
                plan.append("  - job: ").append(job).append('\n');
            }
            Files.writeString(project.resolve("jobs/custom.yaml"), plan + "  - job: seed\n");
            Path brands = project.resolve("jobs/seed/20-brands.yaml");
            return new SeedPlan(project, brands, Files.readString(brands));
        }

        /** Runs the plan with the seed broken; returns the exit code. */
        int runBroken(TestDatabase db, String runId) throws Exception {
            Files.writeString(brands, good.replace("organizationId: org_acme", "organizationId: org_missing"));
            return CliRun.run("run", "custom", "--project", project.toString(), "--db-url", db.uri(), "--run-id", runId).exitCode();
        }

        void fix() throws Exception {
            Files.writeString(brands, good);
        }
    }

    private static String checkStatus(JsonNode report, String id) {
        return report.get("checklist").valueStream().filter(c -> c.get("id").asString().equals(id))
                .map(c -> c.get("status").asString()).findFirst().orElse(null);
    }

    private static String stepStatus(JsonNode report, String step) {
        for (JsonNode s : report.get("steps")) {
            if (s.get("step").asString().equals(step)) {
                return s.get("status").asString();
            }
        }
        return null;
    }

    private static JsonNode finding(JsonNode report, String id) {
        for (JsonNode f : report.get("findings")) {
            if (f.get("id").asString().equals(id)) {
                return f;
            }
        }
        return null;
    }
}
