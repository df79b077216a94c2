package dev.preflight.job.backfill.distributed;

import dev.preflight.db.Schemas;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The distributed backfill's bookkeeping beside the job repository, all in one place: a row per
 * worker process (heartbeat, the partition it claimed) and its rows per job execution (counted in
 * each chunk's own transaction, so they are exactly what was committed). Times are the database's
 * clock, so machines with skewed clocks agree.
 */
final class WorkerTable {

    /** Run after the schema preflight exists. */
    static final String DDL = """
            CREATE TABLE IF NOT EXISTS preflight.backfill_workers (
              worker_id text PRIMARY KEY, host text NOT NULL, pid bigint NOT NULL,
              started_at timestamptz NOT NULL DEFAULT now(), heartbeat_at timestamptz NOT NULL DEFAULT now(),
              step_execution_id bigint, idle_since timestamptz DEFAULT now(), stopped_at timestamptz);
            CREATE TABLE IF NOT EXISTS preflight.backfill_worker_rows (
              job_execution_id bigint NOT NULL, worker_id text NOT NULL,
              rows bigint NOT NULL DEFAULT 0, embedded bigint NOT NULL DEFAULT 0, refreshed bigint NOT NULL DEFAULT 0,
              skipped bigint NOT NULL DEFAULT 0, failed bigint NOT NULL DEFAULT 0, partitions int NOT NULL DEFAULT 0,
              started_at timestamptz NOT NULL DEFAULT now(), last_at timestamptz NOT NULL DEFAULT now(),
              PRIMARY KEY (job_execution_id, worker_id));
            CREATE TABLE IF NOT EXISTS preflight.backfill_queue (
              id int PRIMARY KEY DEFAULT 1 CHECK (id = 1), name text NOT NULL);
            INSERT INTO preflight.backfill_queue (name) VALUES ('preflight.backfill.' || gen_random_uuid()) ON CONFLICT DO NOTHING""";

    static final String REGISTER = "INSERT INTO preflight.backfill_workers (worker_id, host, pid) VALUES (?, ?, ?) "
            + "ON CONFLICT (worker_id) DO UPDATE SET host = EXCLUDED.host, pid = EXCLUDED.pid, started_at = now(), "
            + "heartbeat_at = now(), step_execution_id = NULL, idle_since = now(), stopped_at = NULL";

    static final String HEARTBEAT = "UPDATE preflight.backfill_workers SET heartbeat_at = now() WHERE worker_id = ? AND stopped_at IS NULL";

    static final String STOPPED = "UPDATE preflight.backfill_workers SET stopped_at = now(), step_execution_id = NULL WHERE worker_id = ?";

    /**
     * Parameters: step execution, worker, step execution, step execution. Claims an unfinished partition no other worker
     * holds; runs under the partition's advisory lock, as does the manager's failing of a partition.
     */
    static final String CLAIM = "UPDATE preflight.backfill_workers SET step_execution_id = ?, idle_since = NULL WHERE worker_id = ? "
            + "AND NOT EXISTS (SELECT 1 FROM preflight.backfill_workers o WHERE o.step_execution_id = ?) "
            + "AND EXISTS (SELECT 1 FROM preflight.batch_step_execution s WHERE s.step_execution_id = ? AND s.status IN ('STARTING', 'STARTED'))";

    /** Parameter: step execution. Frees a partition whose worker is gone, before it is re-sent. */
    static final String RELEASE_LOST = "UPDATE preflight.backfill_workers SET step_execution_id = NULL WHERE step_execution_id = ?";

    static long lockKey(long stepExecutionId) {
        return 0x5046_4450_0000_0000L ^ stepExecutionId;
    }

    static final String RELEASE = "UPDATE preflight.backfill_workers SET step_execution_id = NULL, idle_since = now() "
            + "WHERE worker_id = ? AND step_execution_id = ?";

    /** Parameters: job execution, worker. The worker's row for this job execution, started before its first chunk. */
    static final String START_ROWS = "INSERT INTO preflight.backfill_worker_rows (job_execution_id, worker_id, partitions) VALUES (?, ?, 1) "
            + "ON CONFLICT (job_execution_id, worker_id) DO UPDATE SET partitions = backfill_worker_rows.partitions + 1";

    /** Parameters: rows, embedded, refreshed, skipped, failed, job execution, worker. Runs in the chunk's transaction. */
    static final String ADD_ROWS = "UPDATE preflight.backfill_worker_rows SET rows = rows + ?, embedded = embedded + ?, "
            + "refreshed = refreshed + ?, skipped = skipped + ?, failed = failed + ?, last_at = now() "
            + "WHERE job_execution_id = ? AND worker_id = ?";

    /** The unfinished partitions of a job execution, each with its claimant's state; parameters: timeout seconds, job execution. */
    static final String UNFINISHED = "SELECT s.step_execution_id, s.status, w.worker_id, "
            + "(w.worker_id IS NOT NULL AND w.stopped_at IS NULL AND w.heartbeat_at > now() - make_interval(secs => ?)) AS alive, "
            + "extract(epoch FROM now() - w.heartbeat_at) FROM preflight.batch_step_execution s "
            + "LEFT JOIN preflight.backfill_workers w ON w.step_execution_id = s.step_execution_id "
            + "WHERE s.job_execution_id = ? AND s.step_name LIKE 'backfillWorkerStep:%' AND s.status IN ('STARTING', 'STARTED') "
            + "ORDER BY s.step_execution_id";

    /** Live workers, and of them those idle for longer than the timeout; parameters: timeout, timeout. */
    static final String LIVE = "SELECT count(*), count(*) FILTER (WHERE idle_since < now() - make_interval(secs => ?)) "
            + "FROM preflight.backfill_workers WHERE stopped_at IS NULL AND heartbeat_at > now() - make_interval(secs => ?)";

    static final String SUM_ROWS = "SELECT coalesce(sum(rows), 0) FROM preflight.backfill_worker_rows WHERE job_execution_id = ?";

    static final String PER_WORKER = "SELECT r.worker_id, coalesce(w.host, '?'), r.rows, r.embedded, r.refreshed, r.skipped, r.failed, "
            + "r.partitions, extract(epoch FROM r.last_at - r.started_at) FROM preflight.backfill_worker_rows r "
            + "LEFT JOIN preflight.backfill_workers w USING (worker_id) WHERE r.job_execution_id = ? ORDER BY r.worker_id";

    /** A partition still to finish, and whether a live worker holds it. */
    record Partition(long stepExecutionId, String status, String worker, boolean alive, double silentSeconds) {
    }

    /** One worker's share of a job execution. */
    record WorkerRows(String worker, String host, long rows, long embedded, long refreshed, long skipped, long failed, int partitions,
                      double seconds) {
    }

    private final DataSource dataSource;

    WorkerTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void ensure() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + 0x5046_4457_0000_0001L + ")");
            try {
                st.execute("SET client_min_messages = warning");
                Schemas.ensure(st, "preflight");
                for (String ddl : DDL.split(";")) {
                    st.execute(ddl);
                }
                st.execute("RESET client_min_messages");
            } finally {
                st.execute("SELECT pg_advisory_unlock(" + 0x5046_4457_0000_0001L + ")");
            }
        }
    }

    /**
     * This database's partition queue: one per database, so workers of another database sharing the broker never receive
     * (and misread) this one's step execution ids.
     */
    String queue() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM preflight.backfill_queue")) {
            rs.next();
            return rs.getString(1);
        }
    }

    int update(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    /** Claims the partition for the worker unless another worker holds it; serialized per partition by an advisory lock. */
    boolean claim(String worker, long stepExecutionId) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)");
                 PreparedStatement ps = c.prepareStatement(CLAIM)) {
                lock.setLong(1, lockKey(stepExecutionId));
                lock.execute();
                ps.setLong(1, stepExecutionId);
                ps.setString(2, worker);
                ps.setLong(3, stepExecutionId);
                ps.setLong(4, stepExecutionId);
                boolean claimed = ps.executeUpdate() == 1;
                c.commit();
                return claimed;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    List<Partition> unfinished(long jobExecutionId, double timeoutSeconds) throws SQLException {
        List<Partition> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(UNFINISHED)) {
            ps.setDouble(1, timeoutSeconds);
            ps.setLong(2, jobExecutionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Partition(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getDouble(5)));
                }
            }
        }
        return out;
    }

    /** {live workers, of them idle for longer than the timeout}. */
    long[] live(double timeoutSeconds) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LIVE)) {
            ps.setDouble(1, timeoutSeconds);
            ps.setDouble(2, timeoutSeconds);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    long rowsDone(long jobExecutionId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SUM_ROWS)) {
            ps.setLong(1, jobExecutionId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    List<WorkerRows> perWorker(long jobExecutionId) throws SQLException {
        List<WorkerRows> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(PER_WORKER)) {
            ps.setLong(1, jobExecutionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WorkerRows(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                            rs.getLong(7), rs.getInt(8), rs.getDouble(9)));
                }
            }
        }
        return out;
    }
}
