package dev.preflight.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.Projects;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class SchedulerIntegrationTests {

    private static Path tickingProject(Path tmp) throws Exception {
        Path project = Projects.copyExample(tmp);
        Files.writeString(project.resolve("jobs/tick.yaml"), "description: every few seconds\nschedule: \"*/5 * * * * *\"\nsteps:\n  - report\n");
        return project;
    }

    @Test
    void twoSchedulersRunEachTickExactlyOnce(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a migrated database and a plan that ticks every 5 seconds
        Path project = tickingProject(tmp);
        assertThat(CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();

        // when two schedulers watch it for 16 seconds
        var a = CompletableFuture.supplyAsync(() -> CliRun.run("schedule", "--project", project.toString(), "--db-url", db.uri(), "--duration", "16"));
        var b = CompletableFuture.supplyAsync(() -> CliRun.run("schedule", "--project", project.toString(), "--db-url", db.uri(), "--duration", "16"));
        assertThat(a.get().exitCode()).as(a.get().err()).isZero();
        assertThat(b.get().exitCode()).as(b.get().err()).isZero();

        // then every tick was claimed once and ran once
        long ticks = db.queryLong("SELECT count(*) FROM preflight.schedule_ticks WHERE plan = 'tick'");
        assertThat(ticks).isGreaterThanOrEqualTo(2);
        assertThat(db.queryLong("SELECT count(DISTINCT tick) FROM preflight.schedule_ticks WHERE plan = 'tick'")).isEqualTo(ticks);
        assertThat(db.queryLong("SELECT count(*) FROM preflight.schedule_ticks WHERE plan = 'tick' AND outcome LIKE 'EXIT_%'")).isEqualTo(ticks);
        assertThat(db.queryLong("SELECT count(*) FROM preflight.run_history WHERE plan = 'tick'")).isEqualTo(ticks);
        assertThat(db.queryLong("SELECT max(attempts) FROM preflight.run_history WHERE plan = 'tick'")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(DISTINCT claimed_by) FROM preflight.schedule_ticks WHERE plan = 'tick'")).isBetween(1L, 2L);
    }

    @Test
    void missedRunsAreReportedNotSkippedSilently(TestDatabase db, @TempDir Path tmp) throws Exception {
        Path project = tickingProject(tmp);
        assertThat(CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();
        // a scheduler ran a minute ago, then none
        db.execute("INSERT INTO preflight.schedule_ticks (plan, tick, claimed_by, outcome) "
                + "VALUES ('tick', date_trunc('second', now()) - interval '60 seconds', 'old-host:1', 'EXIT_0')");

        CliRun r = CliRun.run("schedule", "--project", project.toString(), "--db-url", db.uri(), "--duration", "6");

        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).containsPattern("plan tick missed 1[0-9] scheduled run\\(s\\)");
        assertThat(db.queryLong("SELECT count(*) FROM preflight.schedule_ticks WHERE outcome = 'MISSED'")).isBetween(10L, 13L);
        // the first run after the gap carries the warning in its report
        try (var reports = Files.walk(project.resolve("reports"))) {
            assertThat(reports.filter(p -> p.getFileName().toString().equals("readiness.json")).map(p -> {
                try {
                    return Files.readString(p);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            })).anyMatch(json -> json.contains("\"warnings\" : [ \"plan tick missed"));
        }
    }

    @Test
    void schedulerNeedsARealDatabaseAndAScheduledPlan(@TempDir Path tmp) {
        Path project = Projects.copyExample(tmp);
        assertThat(CliRun.run("schedule", "--project", project.toString()).err()).contains("needs a database");
    }
}
