package dev.preflight.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.transaction.TransactionSystemException;

/** A lost connection is recognised under Spring's wrappers and named in one line (issue 13, case 7). */
class ConnectionLossTests {

    @Test
    void recognisesConnectionStatesUnderWrappers() {
        var terminated = new TransactionSystemException("JDBC rollback failed",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        var io = new RuntimeException(new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        assertThat(ConnectionLoss.is(terminated)).isTrue();
        assertThat(ConnectionLoss.is(io)).isTrue();
        assertThat(ConnectionLoss.is(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(ConnectionLoss.is(new IllegalStateException("no cause"))).isFalse();
    }

    @Test
    void theLineSaysWhatWasCommittedAndHowToResume() {
        JobExecution execution = new JobExecution(1L, new JobInstance(1L, "backfill"), new JobParameters());
        StepExecution step = new StepExecution(2L, "backfill:partition0", execution);
        step.setCommitCount(3);
        step.setWriteCount(150);
        step.setStatus(BatchStatus.FAILED);
        execution.addStepExecutions(List.of(step));
        execution.setStatus(BatchStatus.FAILED);
        execution.addFailureException(new TransactionSystemException("JDBC rollback failed", new SQLException("gone", "08006")));

        assertThat(ConnectionLoss.is(execution)).isTrue();
        assertThat(ConnectionLoss.line(ConnectionLoss.committed(execution), "run-7")).isEqualTo(
                "the database connection was terminated (server restart or network): job backfill: 3 chunk(s) with 150 item(s)"
                        + " committed and kept; once the database is back, resume with ./preflight restart run-7");
    }
}
