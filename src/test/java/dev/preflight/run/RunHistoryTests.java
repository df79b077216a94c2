package dev.preflight.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.preflight.config.DatabaseUrl;
import dev.preflight.run.RunHistory.JobRun;
import dev.preflight.run.RunHistory.Run;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The restart decision ({@code ./preflight restart RUN}): a run is done only when it finished and
 * the last execution of each job completed.
 *
 * <p>Mutations known to be killed: the run's own status ignored; any job's status taken instead of
 * its last execution's (a failed-then-restarted job counted as failed); one completed job taken
 * for all (allMatch replaced by anyMatch).
 */
class RunHistoryTests {

    private static final Instant T = Instant.parse("2026-11-30T08:00:00Z");

    private static Run run(String status, JobRun... jobs) {
        return new Run("r1", "gate", "run", T, T.plusSeconds(60), status, null, 0, null, 1, List.of(jobs));
    }

    private static JobRun job(String name, String status) {
        return new JobRun(name, status, T, T.plusSeconds(1));
    }

    @Test
    void aFinishedRunWhoseJobsAllCompletedHasNothingToRestart() {
        assertThat(run("FINISHED", job("migrate", "COMPLETED"), job("verify", "COMPLETED")).completed()).isTrue();
    }

    @Test
    void aJobThatFailedThenCompletedOnRestartCountsAsCompleted() {
        assertThat(run("FINISHED", job("migrate", "COMPLETED"), job("backfill", "FAILED"), job("backfill", "COMPLETED")).completed())
                .isTrue();
    }

    @Test
    void aJobWhoseLastExecutionFailedOrStoppedIsRestartable() {
        assertThat(run("FINISHED", job("migrate", "COMPLETED"), job("backfill", "COMPLETED"), job("backfill", "FAILED")).completed())
                .isFalse();
        assertThat(run("FINISHED", job("backfill", "STOPPED")).completed()).isFalse();
        assertThat(run("FINISHED", job("migrate", "COMPLETED"), job("backfill", "FAILED")).completed()).isFalse();
    }

    @Test
    void aRunThatDidNotFinishIsRestartableEvenWithCompletedJobs() {
        assertThat(run("FAILED", job("migrate", "COMPLETED")).completed()).isFalse();
        assertThat(run("RUNNING", job("migrate", "COMPLETED")).completed()).isFalse();
    }

    @Test
    void theRepositorysRefusalGetsTheRemedyOfItsCause() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app@h/appdb");

        assertThat(RunHistory.repositoryRemedy(url, "app", new java.sql.SQLException(
                "ERROR: cannot execute CREATE TABLE in a read-only transaction", "25006"))).startsWith("the database is read-only");
        assertThat(RunHistory.repositoryRemedy(url, "app", new java.sql.SQLException("ERROR: permission denied for schema preflight", "42501")))
                .contains("GRANT USAGE, CREATE ON SCHEMA preflight TO \"app\"").doesNotContain("ON DATABASE");
        assertThat(RunHistory.repositoryRemedy(url, "app", new java.sql.SQLException("ERROR: column \"status\" does not exist", "42703")))
                .contains("ALTER SCHEMA preflight RENAME");
        assertThat(RunHistory.repositoryRemedy(url, "app", new java.sql.SQLException("ERROR: permission denied for database appdb", "42501")))
                .contains("GRANT CREATE ON DATABASE \"appdb\" TO \"app\"");
    }
}
