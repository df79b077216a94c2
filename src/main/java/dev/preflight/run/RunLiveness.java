package dev.preflight.run;

import dev.preflight.config.DatabaseUrl;
import dev.preflight.db.Connections;
import dev.preflight.kernel.PreflightException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Proof that a run's process is alive: a session-level advisory lock keyed by its run id, held on
 * its own connection to the target for as long as the run lasts. A killed process's session ends
 * with it and the lock is free, so a {@code RUNNING} history row whose lock nobody holds belongs
 * to a dead run: {@link RunHistory} shows and records it as {@code ABANDONED}.
 */
public final class RunLiveness implements AutoCloseable {

    /** First key of the lock: "PFRN". */
    static final int LOCK_CLASS = 0x5046524e;

    /** SQL condition, over a row of {@code preflight.run_history}: its run holds its lock in this database. */
    static final String ALIVE = "EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 "
            + "AND l.classid = " + LOCK_CLASS + "::oid AND l.objid = hashtext(run_id)::oid "
            + "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))";

    private final Connection connection;

    private RunLiveness(Connection connection) {
        this.connection = connection;
    }

    /** Takes the run's lock; another live process already running this run id is an error. */
    public static RunLiveness hold(DatabaseUrl url, String runId) {
        return hold(Connections.open(url), runId);
    }

    /** Takes the run's lock on a connection of its own (closed with the lock, or at once when the lock fails). */
    public static RunLiveness hold(Connection c, String runId) {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
            ps.setInt(1, LOCK_CLASS);
            ps.setString(2, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    c.close();
                    throw PreflightException.config("run " + runId + " is already running in another Preflight process",
                            "wait for it to end (./preflight history shows it RUNNING), or start a new run without --run-id");
                }
            }
            return new RunLiveness(c);
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing a connection that failed anyway
            }
            throw PreflightException.config("db: taking the run's liveness lock failed: " + e.getMessage(), "check the database connection");
        }
    }

    /** Ends the session, which releases the lock. */
    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the session ends either way
        }
    }
}
