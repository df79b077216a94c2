package dev.preflight.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.report.CheckOutcome;
import dev.preflight.report.Finding;
import dev.preflight.report.JobContribution;
import dev.preflight.report.MigrationStatus;
import dev.preflight.report.SeedSection;
import dev.preflight.report.Severity;
import dev.preflight.report.StepRecord;
import dev.preflight.report.render.JsonReportRenderer;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunLedgerTests {

    private static final MigrationStatus.DatabaseState NEVER = new MigrationStatus.DatabaseState(MigrationStatus.State.NEVER_MIGRATED,
            null, 0, 12, 0, 0, false);

    private static SeedSection seed(long rows) {
        return new SeedSection("COMPLETED", false, List.of("10-identity.yaml"), rows, 5, rows, 0, 0, List.of(), List.of(), null,
                List.of(), null);
    }

    private static CheckOutcome outcome(String id) {
        Finding f = new Finding(id, Severity.HIGH, "public", "what was found", "expected", "actual", "the remedy");
        return new CheckOutcome(id, "title of " + id, "migrate", CheckOutcome.Status.FAILED, "evidence", List.of(f));
    }

    @Test
    void aJobsContributionIsWhatItAddedAfterTheMarkAndSurvivesItsJsonIntoAnotherLedger() {
        // given a ledger with an earlier job's results, and a job that adds its own after the mark
        RunLedger ledger = new RunLedger("r1");
        ledger.add(outcome("LINT001"));
        ledger.warn("an earlier warning");
        ledger.seed(seed(1));
        ledger.step(new StepRecord("lint", "lintStep", "COMPLETED", "COMPLETED", 40));
        RunLedger.Mark mark = ledger.mark();
        ledger.stateBefore(NEVER);
        ledger.migrationsApplied(List.of("9", "10"), null);
        ledger.add(outcome("MIG003"));
        ledger.warn("a warning of this job");
        ledger.seed(seed(121)); // replaced: this job's now
        ledger.step(new StepRecord("migrate", "migrateFlywayStep", "COMPLETED", "COMPLETED", 550));

        // when it is kept as JSON and restored into the ledger of a restart
        JobContribution kept = JsonReportRenderer.readContribution(JsonReportRenderer.contribution(ledger.since(mark)));
        RunLedger restart = new RunLedger("r1");
        restart.restore(kept);

        // then the restart holds exactly what the job added, in the order it was applied
        assertThat(restart.outcomes()).containsExactly(outcome("MIG003"));
        assertThat(restart.warnings()).containsExactly("a warning of this job");
        assertThat(restart.seed()).isEqualTo(seed(121));
        assertThat(restart.stateBefore()).isEqualTo(NEVER);
        assertThat(restart.appliedInThisRun()).isEqualTo(2);
        assertThat(kept.appliedVersions()).containsExactly("9", "10");
        assertThat(restart.steps()).containsExactly(
                new StepRecord("migrate", "migrateFlywayStep", "COMPLETED", "COMPLETED, in an earlier attempt of run r1", 550));
    }

    @Test
    void aJobThatChangedNothingContributesNothing() {
        RunLedger ledger = new RunLedger("r1");
        ledger.seed(seed(1));
        ledger.stateBefore(NEVER);
        JobContribution none = ledger.since(ledger.mark());

        assertThat(none.sections()).isEmpty();
        assertThat(none.stateBefore()).isNull(); // an earlier job's state before is not this job's
        assertThat(none.outcomes()).isEmpty();
    }
}
