package dev.preflight.job.backfill.distributed;

import dev.preflight.job.backfill.EmbeddedRow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import javax.sql.DataSource;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * A worker's writer: the backfill's own writer, then this worker's counts for the job execution
 * added in the same transaction, so the manager's progress and the report's per-worker rows are
 * exactly the committed rows (a chunk rolled back counts nothing).
 */
final class CountingWriter implements ItemWriter<EmbeddedRow> {

    private final ItemWriter<EmbeddedRow> delegate;
    private final DataSource dataSource;
    private final String worker;

    CountingWriter(ItemWriter<EmbeddedRow> delegate, DataSource dataSource, String worker) {
        this.delegate = delegate;
        this.dataSource = dataSource;
        this.worker = worker;
    }

    @Override
    public void write(Chunk<? extends EmbeddedRow> chunk) throws Exception {
        delegate.write(chunk);
        long embedded = 0;
        long refreshed = 0;
        long skipped = 0;
        long failed = 0;
        for (EmbeddedRow r : chunk) {
            if (r.vector() != null) {
                if (r.hadVector()) {
                    refreshed++;
                } else {
                    embedded++;
                }
            } else if (r.issue() == EmbeddedRow.Issue.SKIPPED) {
                skipped++;
            } else {
                failed++;
            }
        }
        long jobExecutionId = StepSynchronizationManager.getContext().getStepExecution().getJobExecutionId();
        Connection c = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement ps = c.prepareStatement(WorkerTable.ADD_ROWS)) {
            ps.setLong(1, chunk.size());
            ps.setLong(2, embedded);
            ps.setLong(3, refreshed);
            ps.setLong(4, skipped);
            ps.setLong(5, failed);
            ps.setLong(6, jobExecutionId);
            ps.setString(7, worker);
            ps.executeUpdate();
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }
}
