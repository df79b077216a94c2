package dev.preflight.job.backfill;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes one chunk in the chunk's transaction: binary COPY of the vectors into a temporary table,
 * then one statement for the join UPDATE of the target and the side table's records (model and
 * content hash per row) not written ahead, and the rows that got no vector, with their reasons. A rejected chunk
 * arrives as FAILED rows, so none of its vectors is written.
 */
public class VectorWriter implements ItemWriter<EmbeddedRow> {

    /**
     * Physical connections whose staging table exists: creating it for every chunk cost a round trip
     * per chunk. Weak, so a connection the pool closes is forgotten.
     */
    private static final Set<PGConnection> STAGED = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private final DataSource dataSource;
    private final BackfillTask task;
    private final boolean clearIssues;

    /** @param clearIssues whether the target has recorded issues that rows embedded now must clear */
    public VectorWriter(DataSource dataSource, BackfillTask task, boolean clearIssues) {
        this.dataSource = dataSource;
        this.task = task;
        this.clearIssues = clearIssues;
    }

    @Override
    public void write(Chunk<? extends EmbeddedRow> chunk) throws Exception {
        List<EmbeddedRow> vectors = new ArrayList<>(chunk.size());
        List<EmbeddedRow> issues = new ArrayList<>();
        for (EmbeddedRow r : chunk) {
            (r.vector() != null ? vectors : issues).add(r);
        }
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
            if (!vectors.isEmpty()) {
                writeVectors(c, vectors, chunk instanceof Page page ? page.vectorCopy() : null);
            }
            if (!issues.isEmpty()) {
                writeIssues(c, issues);
            }
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
        long refreshed = vectors.stream().filter(EmbeddedRow::hadVector).count();
        task.stats().written(vectors.size() - refreshed, refreshed);
        issues.forEach(task.stats()::issue);
        task.progress().add(chunk.size());
    }

    private void writeVectors(Connection c, List<EmbeddedRow> vectors, byte[] encoded) throws SQLException {
        stage(c, vectors, encoded);
        boolean recordsLeft = vectors.stream().anyMatch(r -> r.record() != EmbeddedRow.StateRecord.WRITTEN_AHEAD);
        boolean full = recordsLeft || clearIssues;
        try (PreparedStatement ps = c.prepareStatement(full ? task.sql().write(clearIssues) : task.sql().writeVectorsOnly())) {
            int i = 1;
            ps.setString(i++, vectors.get(0).id());
            ps.setString(i++, vectors.get(vectors.size() - 1).id());
            if (full) {
                if (clearIssues) {
                    ps.setString(i++, task.target().name());
                }
                for (int records = 0; records < 2; records++) { // rows read without a record, then with one
                    ps.setString(i++, task.target().name());
                    ps.setString(i++, task.provider().model());
                }
            }
            ps.executeUpdate();
        }
    }

    /**
     * The chunk's vectors into the connection's staging table, created first when this connection has none yet;
     * {@code encoded}: their COPY as the producer encoded it ({@link Page}), or null to encode them here.
     */
    private void stage(Connection c, List<EmbeddedRow> vectors, byte[] encoded) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        if (!STAGED.contains(pg)) {
            try (Statement st = c.createStatement()) {
                st.execute(BackfillSql.STAGING_TABLE);
            }
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                // created in the chunk's transaction: a rollback drops it again, so later chunks may skip it only after a commit
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        STAGED.add(pg);
                    }
                });
            }
        }
        try {
            byte[] copy = encoded != null ? encoded : BinaryCopy.encode(vectors, task.provider().dimensions());
            pg.getCopyAPI().copyIn(BackfillSql.COPY_IN, new ByteArrayInputStream(copy));
        } catch (java.io.IOException e) {
            throw new SQLException("COPY of " + vectors.size() + " vectors failed: " + e.getMessage(), e);
        }
    }

    private void writeIssues(Connection c, List<EmbeddedRow> issues) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BackfillSql.UPSERT_ISSUE)) {
            for (EmbeddedRow r : issues) {
                ps.setString(1, task.target().name());
                ps.setString(2, r.id());
                ps.setString(3, r.issue().name().toLowerCase(java.util.Locale.ROOT));
                ps.setString(4, r.reason());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
