package dev.preflight.run;

import dev.preflight.kernel.Secrets;
import dev.preflight.report.JobContribution;
import dev.preflight.report.render.JsonReportRenderer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The contributions of a plan's completed jobs ({@code preflight.job_contributions}), by job instance: what a
 * restart reports for a job it skips because an earlier attempt of the run completed it.
 */
final class JobContributions {

    static final String SAVE = "INSERT INTO preflight.job_contributions (job_instance_id, run_id, job_name, contribution) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT (job_instance_id) DO UPDATE SET contribution = EXCLUDED.contribution, recorded_at = now()";
    static final String LOAD = "SELECT contribution FROM preflight.job_contributions WHERE job_instance_id = ?";

    private final DataSource dataSource;

    JobContributions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    void save(long jobInstanceId, String runId, String job, JobContribution contribution) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SAVE)) {
            ps.setLong(1, jobInstanceId);
            ps.setString(2, runId);
            ps.setString(3, job);
            ps.setString(4, Secrets.scrub(JsonReportRenderer.contribution(contribution))); // as the reports themselves
            ps.executeUpdate();
        }
    }

    /** The contribution kept for this job instance; empty when none was kept (an older Preflight ran it, or it was never saved). */
    Optional<JobContribution> load(long jobInstanceId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LOAD)) {
            ps.setLong(1, jobInstanceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(JsonReportRenderer.readContribution(rs.getString(1))) : Optional.empty();
            }
        }
    }
}
