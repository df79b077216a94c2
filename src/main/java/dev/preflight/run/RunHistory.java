package dev.preflight.run;

import dev.preflight.config.DatabaseUrl;
import dev.preflight.kernel.ExitCode;
import dev.preflight.kernel.PreflightException;
import dev.preflight.kernel.Secrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Preflight's run history in the target database ({@code preflight.run_history}) joined with
 * Spring Batch's job repository: what ran, when, how it ended, and the verdict.
 */
public final class RunHistory {

    static final String START = "INSERT INTO preflight.run_history (run_id, plan, command, status) VALUES (?, ?, ?, 'RUNNING') "
            + "ON CONFLICT (run_id) DO UPDATE SET status = 'RUNNING', finished_at = NULL, attempts = run_history.attempts + 1";
    static final String FINISH = "UPDATE preflight.run_history SET finished_at = now(), status = ?, verdict = ?, exit_code = ?, report_dir = ? "
            + "WHERE run_id = ?";
    static final String PLAN = "UPDATE preflight.run_history SET plan = ? WHERE run_id = ?";
    /** A RUNNING row whose run no longer holds its liveness lock reads as ABANDONED (its process died). */
    static final String STATUS = "CASE WHEN status = 'RUNNING' AND NOT " + RunLiveness.ALIVE + " THEN 'ABANDONED' ELSE status END";
    static final String LIST = "SELECT run_id, plan, command, started_at, finished_at, " + STATUS + ", verdict, exit_code, report_dir, attempts "
            + "FROM preflight.run_history ORDER BY started_at DESC LIMIT ?";
    static final String ONE = "SELECT run_id, plan, command, started_at, finished_at, " + STATUS + ", verdict, exit_code, report_dir, attempts "
            + "FROM preflight.run_history WHERE run_id = ?";
    static final String ABANDON = "UPDATE preflight.run_history SET status = 'ABANDONED' WHERE status = 'RUNNING' AND NOT "
            + RunLiveness.ALIVE + " RETURNING run_id";
    static final String JOBS = "SELECT i.job_name, e.status, e.start_time, e.end_time FROM preflight.batch_job_execution e "
            + "JOIN preflight.batch_job_instance i ON i.job_instance_id = e.job_instance_id "
            + "JOIN preflight.batch_job_execution_params p ON p.job_execution_id = e.job_execution_id AND p.parameter_name = 'run.id' "
            + "WHERE p.parameter_value = ? ORDER BY e.job_execution_id";

    /** One run as listed by {@code ./preflight history}. */
    public record Run(String runId, String plan, String command, Instant started, Instant finished, String status,
                      String verdict, Integer exitCode, String reportDir, int attempts, List<JobRun> jobs) {

        public Duration duration() {
            return started == null || finished == null ? null : Duration.between(started, finished);
        }

        /**
         * Whether a restart has nothing left to do: the run finished and the last execution of each
         * of its jobs completed (an earlier FAILED execution that a restart completed does not count).
         */
        public boolean completed() {
            java.util.Map<String, String> lastStatus = new java.util.LinkedHashMap<>();
            jobs.forEach(j -> lastStatus.put(j.job(), j.status()));
            return "FINISHED".equals(status) && lastStatus.values().stream().allMatch("COMPLETED"::equals);
        }
    }

    /** One job execution of a run, from the job repository. */
    public record JobRun(String job, String status, Instant started, Instant ended) {
    }

    private final DataSource dataSource;

    public RunHistory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void started(String runId, String plan, String command) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(START)) {
            ps.setString(1, runId);
            ps.setString(2, Secrets.scrub(plan));
            ps.setString(3, command);
            ps.executeUpdate();
        }
    }

    /** Records as ABANDONED the RUNNING runs whose process is gone; returns their ids. */
    public List<String> markAbandoned() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ABANDON); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    public void plan(String runId, String plan) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(PLAN)) {
            ps.setString(1, Secrets.scrub(plan));
            ps.setString(2, runId);
            ps.executeUpdate();
        }
    }

    public void finished(String runId, String status, String verdict, int exitCode, String reportDir) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(FINISH)) {
            ps.setString(1, status);
            ps.setString(2, verdict);
            ps.setInt(3, exitCode);
            ps.setString(4, Secrets.scrub(reportDir));
            ps.setString(5, runId);
            ps.executeUpdate();
        }
    }

    /** True when Preflight's run history exists in this database (a database no recording run touched has none). */
    public boolean exists() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT to_regclass('preflight.run_history') IS NOT NULL AND to_regclass('preflight.batch_job_execution') IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    public List<Run> recent(int limit) throws SQLException {
        if (!exists()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LIST)) {
            ps.setInt(1, limit);
            return read(c, ps);
        } catch (SQLException e) {
            throw orForeign(e);
        }
    }

    public Run find(String runId) throws SQLException {
        if (!exists()) {
            return null;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ONE)) {
            ps.setString(1, runId);
            List<Run> runs = read(c, ps);
            return runs.isEmpty() ? null : runs.get(0);
        } catch (SQLException e) {
            throw orForeign(e);
        }
    }

    private static List<Run> read(Connection c, PreparedStatement ps) throws SQLException {
        List<Run> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String id = rs.getString(1);
                out.add(new Run(id, rs.getString(2), rs.getString(3), instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)),
                        rs.getString(6), rs.getString(7), (Integer) rs.getObject(8), rs.getString(9), rs.getInt(10), jobs(c, id)));
            }
        }
        return out;
    }

    private static List<JobRun> jobs(Connection c, String runId) throws SQLException {
        List<JobRun> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(JOBS)) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new JobRun(rs.getString(1), rs.getString(2), instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4))));
                }
            }
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** Creating the job repository and run history was refused: which grant the role lacks (status and report need none). */
    static PreflightException repositoryRefused(DatabaseUrl url, java.sql.SQLException e) {
        String role = url.user() == null ? "<role>" : url.user();
        return new PreflightException(ExitCode.USAGE_OR_CONNECTION,
                "db: creating Preflight's job repository in schema 'preflight' failed: " + e.getMessage(), repositoryRemedy(url, role, e));
    }

    /** The remedy for the refusal PostgreSQL gave, by its SQLSTATE: a read-only database, a schema another role owns, a foreign table. */
    static String repositoryRemedy(DatabaseUrl url, String role, java.sql.SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (state.equals("25006")) {
            return "the database is read-only (default_transaction_read_only is on, or it is a standby): run the job commands against the "
                    + "writable primary; status and report work read-only";
        }
        if (state.equals("42501") && message.contains("schema preflight")) {
            return "schema preflight exists but belongs to another role: as its owner, run GRANT USAGE, CREATE ON SCHEMA preflight TO \"" + role
                    + "\" and GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA preflight TO \"" + role
                    + "\" and GRANT USAGE, UPDATE ON ALL SEQUENCES IN SCHEMA preflight TO \"" + role + "\" (or run Preflight as that owner)";
        }
        if (state.equals("42703") || state.equals("42P01") || state.equals("42804")) {
            return foreignSchemaRemedy();
        }
        return "as an administrator, run GRANT CREATE ON DATABASE \"" + url.database() + "\" TO \"" + role
                + "\" or CREATE SCHEMA preflight AUTHORIZATION \"" + role + "\" (status and report need neither)";
    }

    /** A table of schema preflight that is not Preflight's shape: another tool's schema of the same name, or a damaged one. */
    static String foreignSchemaRemedy() {
        return "a table in schema preflight does not have the columns Preflight keeps there (another tool's schema named preflight?): "
                + "rename that schema (ALTER SCHEMA preflight RENAME TO preflight_other) and run again, and Preflight creates its own";
    }

    /** A query of the run history that failed because its tables are not Preflight's: a clear error rather than an internal one. */
    static SQLException orForeign(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("42703") || state.equals("42P01") || state.equals("42804")) {
            throw new PreflightException(ExitCode.USAGE_OR_CONNECTION, "db: reading Preflight's run history in schema 'preflight' failed: "
                    + e.getMessage().lines().findFirst().orElse(""), foreignSchemaRemedy());
        }
        return e;
    }
}
