package dev.preflight.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.testing.CliRun;
import dev.preflight.testing.JarRun;
import dev.preflight.testing.PostgresExtension;
import dev.preflight.testing.Projects;
import dev.preflight.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** What one scheduler process said about each tick: the ticks it won (ran) and those it found claimed. */
    private record Claims(String name, Set<String> won, Set<String> lost) {
        static Claims of(JarRun run) {
            Matcher name = Pattern.compile("scheduler (\\S+) watching").matcher(run.output());
            assertThat(name.find()).as(run.output()).isTrue();
            return new Claims(name.group(1), ticks(run.output(), "starting plan tick for tick (\\S+) as run"),
                    ticks(run.output(), "tick (\\S+) of plan tick was claimed by another scheduler"));
        }

        private static Set<String> ticks(String output, String regex) {
            Set<String> out = new TreeSet<>();
            Matcher m = Pattern.compile(regex).matcher(output);
            while (m.find()) {
                assertThat(out.add(m.group(1))).as("tick " + m.group(1) + " seen twice by one scheduler").isTrue();
            }
            return out;
        }

        Set<String> attempted() {
            Set<String> all = new TreeSet<>(won);
            all.addAll(lost);
            return all;
        }
    }

    private static JarRun schedule(Path project, TestDatabase db) {
        try {
            return JarRun.run(project, Map.of(), "schedule", "--project", project.toString(), "--db-url", db.uri(), "--duration", "24");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Mutations known to be killed: a claim that always succeeds (both schedulers run every tick: a
     * tick won twice, none lost); a claim that always fails (no tick won).
     */
    @Test
    void twoSchedulersRunEachTickExactlyOnce(TestDatabase db, @TempDir Path tmp) throws Exception {
        // given a migrated database and a plan that ticks every 5 seconds
        Path project = tickingProject(tmp);
        assertThat(CliRun.run("migrate", "--project", project.toString(), "--db-url", db.uri()).exitCode()).isZero();

        // when two scheduler processes watch it for 24 seconds
        var a = CompletableFuture.supplyAsync(() -> schedule(project, db));
        var b = CompletableFuture.supplyAsync(() -> schedule(project, db));
        assertThat(a.get().exitCode()).as(a.get().output()).isZero();
        assertThat(b.get().exitCode()).as(b.get().output()).isZero();

        // then each tick both of them tried was won by exactly one and found claimed by the other
        Claims ca = Claims.of(a.get());
        Claims cb = Claims.of(b.get());
        assertThat(ca.name()).isNotEqualTo(cb.name());
        Set<String> both = new TreeSet<>(ca.attempted());
        both.retainAll(cb.attempted());
        assertThat(both).as("ticks both schedulers tried (their JVMs start at different times)").isNotEmpty();
        for (String tick : both) {
            assertThat(ca.won().contains(tick) ^ cb.won().contains(tick)).as("tick " + tick + " won by exactly one").isTrue();
            assertThat(ca.lost().contains(tick) ^ cb.lost().contains(tick)).as("tick " + tick + " lost by exactly one").isTrue();
        }
        // and the table agrees: one row per tick won, claimed by the scheduler that ran it, and each ran once
        long ticks = db.queryLong("SELECT count(*) FROM preflight.schedule_ticks WHERE plan = 'tick' AND outcome IS DISTINCT FROM 'MISSED'");
        assertThat(ticks).isEqualTo(ca.won().size() + cb.won().size());
        assertThat(db.queryLong("SELECT count(*) FROM preflight.schedule_ticks WHERE plan = 'tick' AND claimed_by = '" + ca.name() + "'"))
                .isEqualTo(ca.won().size());
        // a won tick either ran (EXIT_n) or found the previous tick's run still holding the plan's lock (BUSY: on a
        // loaded machine a run can outlast the 5-second interval); only the ones that ran have a run-history row
        String outcomes = String.join(", ", db.queryStrings("SELECT tick || ' ' || claimed_by || ' ' || coalesce(outcome, 'NULL') "
                + "FROM preflight.schedule_ticks WHERE plan = 'tick' ORDER BY tick"));
        long ran = db.queryLong("SELECT count(*) FROM preflight.schedule_ticks WHERE plan = 'tick' AND outcome LIKE 'EXIT_%'");
        long busy = db.queryLong("SELECT count(*) FROM preflight.schedule_ticks WHERE plan = 'tick' AND outcome = 'BUSY'");
        assertThat(ran + busy).as("every won tick ran or was busy: " + outcomes).isEqualTo(ticks);
        assertThat(ran).as("ticks that ran: " + outcomes).isPositive();
        assertThat(db.queryLong("SELECT count(*) FROM preflight.run_history WHERE plan = 'tick'")).isEqualTo(ran);
        assertThat(db.queryLong("SELECT max(attempts) FROM preflight.run_history WHERE plan = 'tick'")).isEqualTo(1);
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
