package dev.preflight.run;

import java.sql.SQLException;
import java.util.Set;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * Recognises a lost database connection (a server restart, a terminated backend, a network cut)
 * among a failure's causes, and says so in one line with what was committed and how to resume,
 * instead of the driver's "I/O error" or Spring's "JDBC rollback failed" under a stack trace.
 */
public final class ConnectionLoss {

    /** SQLSTATEs of a connection that is gone: class 08 (connection exception) and the shutdown/termination ones. */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "57P05");

    private ConnectionLoss() {
    }

    /** True when the failure, or any of its causes, is a lost connection. */
    public static boolean is(Throwable failure) {
        return is(failure, 0);
    }

    private static boolean is(Throwable failure, int depth) {
        for (Throwable t = failure; t != null && depth < 8; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    String state = e.getSQLState();
                    if (state != null && (state.startsWith("08") || STATES.contains(state))) {
                        return true;
                    }
                }
            }
            // A failed rollback on the dead connection replaces the job's own exception: look at that one too.
            if (t instanceof org.springframework.transaction.TransactionSystemException tse && tse.getApplicationException() != null
                    && is(tse.getApplicationException(), depth + 1)) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (is(s, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when the job failed, or ended in an unknown state, because its connection was lost. */
    public static boolean is(JobExecution execution) {
        // UNKNOWN: the step could not record its own end because the repository's connections died with the job's
        boolean failed = execution.getStatus() == BatchStatus.FAILED || execution.getStatus() == BatchStatus.UNKNOWN;
        return failed && execution.getAllFailureExceptions().stream().anyMatch(ConnectionLoss::is);
    }

    /** What the job's steps committed before the loss, from the executions in memory (the database may be down). */
    public static String committed(JobExecution execution) {
        StringBuilder out = new StringBuilder();
        long chunks = 0;
        long items = 0;
        for (StepExecution s : execution.getStepExecutions()) {
            if (s.getStatus() == BatchStatus.COMPLETED) {
                out.append(out.isEmpty() ? "" : ", ").append(s.getStepName()).append(" completed");
            }
            chunks += s.getCommitCount();
            items += s.getWriteCount();
        }
        String work = items > 0 ? chunks + " chunk(s) with " + items + " item(s) committed and kept" : "no chunk committed";
        return "job " + execution.getJobInstance().getJobName() + ": " + work + (out.isEmpty() ? "" : " (" + out + ")");
    }

    /** The one line printed on stderr. */
    public static String line(String committed, String runId) {
        return "the database connection was terminated (server restart or network): " + committed
                + "; once the database is back, resume with ./preflight restart " + runId;
    }
}
