package dev.preflight.plan;

import dev.preflight.config.DatabaseUrl;
import dev.preflight.db.Connections;
import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.PreflightException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A session-level PostgreSQL advisory lock per plan, held on its own connection to the direct
 * URL for as long as the plan runs, so two schedulers (or a scheduler and a manual run) never run
 * the same plan against one database at once.
 */
public final class PlanLock implements AutoCloseable {

    /** First key of the two-key advisory lock: Preflight's namespace ("PF" as an int). */
    static final int NAMESPACE = 0x5046;

    private static final String TRY_LOCK = "SELECT pg_try_advisory_lock(?, hashtext(?))";
    private static final String HOLDER = "SELECT l.pid, a.application_name FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
            + "WHERE l.locktype = 'advisory' AND l.classid = ? AND l.objid = hashtext(?)::oid AND l.granted LIMIT 1";

    private final Connection connection;

    private PlanLock(Connection connection) {
        this.connection = connection;
    }

    /** Takes the lock or returns null when another session holds it. */
    public static PlanLock tryAcquire(DatabaseUrl url, String plan) {
        Connection c = Connections.open(url);
        try (PreparedStatement ps = c.prepareStatement(TRY_LOCK)) {
            ps.setInt(1, NAMESPACE);
            ps.setString(2, plan);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getBoolean(1)) {
                    return new PlanLock(c);
                }
            }
            c.close();
            return null;
        } catch (SQLException e) {
            closeQuietly(c);
            throw new PreflightException(ExitCode.USAGE_OR_CONNECTION, "db: taking the advisory lock for plan '" + plan + "' failed: "
                    + e.getMessage(), "a transaction-mode pooler breaks advisory locks: set DIRECT_DATABASE_URL");
        }
    }

    /** Takes the lock or fails with an error naming who holds it. */
    public static PlanLock acquire(DatabaseUrl url, String plan) {
        PlanLock lock = tryAcquire(url, plan);
        if (lock != null) {
            return lock;
        }
        String holder = "another session";
        try (Connection c = Connections.open(url); PreparedStatement ps = c.prepareStatement(HOLDER)) {
            ps.setInt(1, NAMESPACE);
            ps.setString(2, plan);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    holder = "backend pid " + rs.getInt(1) + " (" + rs.getString(2) + ")";
                }
            }
        } catch (SQLException ignored) {
            // the holder is a nicety; the refusal is what matters
        }
        throw new PreflightException(ExitCode.USAGE_OR_CONNECTION, "plan '" + plan + "' is already running against this database, held by " + holder,
                "wait for it to finish (./preflight history shows runs), then run again");
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close(); // closing the session releases its advisory locks
        } catch (SQLException ignored) {
            // the server releases the lock when the connection drops anyway
        }
    }
}
