package dev.preflight.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's timing decisions without a database or a clock: which plan ticks next, which
 * ticks were missed while no scheduler ran (capped), and the warning that says so. Claiming a tick
 * once across schedulers is {@link SchedulerIntegrationTests}'.
 *
 * <p>Mutations known to be killed (PIT): the later of two plans chosen; no plan chosen; a
 * missed-tick list that includes {@code now}'s own tick or is not capped at 100; the "+" of a
 * capped count dropped or always printed; the warning left empty.
 */
class SchedulerTests {

    private static final ZoneId UTC = ZoneOffset.UTC;

    private static Plan plan(String name, String schedule) {
        return new Plan(name, "", "jobs/" + name + ".yaml", schedule, List.of(new Plan.Step("report", Map.of(), Plan.OnFailure.STOP, 3)));
    }

    @Test
    void theNextTickIsTheEarliestOfAllPlansAndATieGoesToTheFirstPlan() {
        Plan every5s = plan("fast", "*/5 * * * * *");
        Plan everyMinute = plan("minutely", "* * * * *");

        assertThat(Scheduler.next(List.of(everyMinute, every5s), Instant.parse("2026-11-30T10:00:02Z"), UTC))
                .isEqualTo(new Scheduler.Next(every5s, Instant.parse("2026-11-30T10:00:05Z")));
        // a tick is strictly after "from": the loop asks again from the tick it just ran
        assertThat(Scheduler.next(List.of(every5s), Instant.parse("2026-11-30T10:00:05Z"), UTC).tick())
                .isEqualTo(Instant.parse("2026-11-30T10:00:10Z"));
        // both tick at 10:01:00
        assertThat(Scheduler.next(List.of(everyMinute, every5s), Instant.parse("2026-11-30T10:00:58Z"), UTC).plan()).isEqualTo(everyMinute);
        assertThat(Scheduler.next(List.of(every5s, everyMinute), Instant.parse("2026-11-30T10:00:58Z"), UTC).plan()).isEqualTo(every5s);
        assertThat(Scheduler.next(List.of(), Instant.parse("2026-11-30T10:00:58Z"), UTC)).isNull();
    }

    @Test
    void missedTicksLieStrictlyBetweenTheLastClaimedTickAndNow() {
        var every5s = PlanLoader.Schedules.parse("*/5 * * * * *");
        Instant last = Instant.parse("2026-11-30T10:00:00Z");

        assertThat(Scheduler.missedTicks(every5s, last, Instant.parse("2026-11-30T10:00:17Z"), UTC)).containsExactly(
                Instant.parse("2026-11-30T10:00:05Z"), Instant.parse("2026-11-30T10:00:10Z"), Instant.parse("2026-11-30T10:00:15Z"));
        // the tick due now is the scheduler's to run, not a missed one
        assertThat(Scheduler.missedTicks(every5s, last, Instant.parse("2026-11-30T10:00:15Z"), UTC)).containsExactly(
                Instant.parse("2026-11-30T10:00:05Z"), Instant.parse("2026-11-30T10:00:10Z"));
        assertThat(Scheduler.missedTicks(every5s, last, Instant.parse("2026-11-30T10:00:04Z"), UTC)).isEmpty();
    }

    @Test
    void aLongGapIsCappedAtOneHundredTicksAndSaidSo() {
        var everySecond = PlanLoader.Schedules.parse("* * * * * *");
        Instant last = Instant.parse("2026-11-30T10:00:00Z");

        List<Instant> missed = Scheduler.missedTicks(everySecond, last, Instant.parse("2026-11-30T11:00:00Z"), UTC);

        assertThat(missed).hasSize(100);
        assertThat(missed.get(0)).isEqualTo(Instant.parse("2026-11-30T10:00:01Z"));
        assertThat(missed.get(99)).isEqualTo(Instant.parse("2026-11-30T10:01:40Z"));
        assertThat(Scheduler.missedWarning("tick", missed)).isEqualTo("plan tick missed 100+ scheduled run(s) between "
                + "2026-11-30T10:00:01Z and 2026-11-30T10:01:40Z (no scheduler was running)");
        assertThat(Scheduler.missedWarning("nightly", missed.subList(0, 99))).startsWith("plan nightly missed 99 scheduled run(s) between");
        assertThat(Scheduler.missedWarning("nightly", missed.subList(4, 5)))
                .isEqualTo("plan nightly missed 1 scheduled run(s) between 2026-11-30T10:00:05Z and 2026-11-30T10:00:05Z (no scheduler was running)");
    }
}
