package dev.preflight.job.backfill;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Writes one chunk in the chunk's transaction: binary COPY of the vectors into a temporary table,
 * one join UPDATE of the target, the upsert of the side table (model and content hash per row),
 * and the rows that got no vector, with their reasons. A rejected chunk arrives as FAILED rows, so
 * none of its vectors is written.
 */
public class VectorWriter implements ItemWriter<EmbeddedRow> {

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
                writeVectors(c, vectors);
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

    private void writeVectors(Connection c, List<EmbeddedRow> vectors) throws SQLException {
        String target = task.target().name();
        int dims = task.provider().dimensions();
        try (Statement st = c.createStatement()) {
            st.execute(BackfillSql.tempTable(dims));
            try {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(BackfillSql.COPY_IN,
                        new ByteArrayInputStream(BinaryCopy.encode(vectors, dims)));
            } catch (java.io.IOException e) {
                throw new SQLException("COPY of " + vectors.size() + " vectors failed: " + e.getMessage(), e);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(task.sql().joinUpdate())) {
            ps.setString(1, vectors.get(0).id());
            ps.setString(2, vectors.get(vectors.size() - 1).id());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(BackfillSql.UPSERT_STATE)) {
            ps.setString(1, target);
            ps.setString(2, task.provider().model());
            ps.executeUpdate();
        }
        if (clearIssues) {
            try (PreparedStatement ps = c.prepareStatement(BackfillSql.CLEAR_ISSUES)) {
                ps.setString(1, target);
                ps.executeUpdate();
            }
        }
    }

    private void writeIssues(Connection c, List<EmbeddedRow> issues) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BackfillSql.UPSERT_ISSUE)) {
            for (EmbeddedRow r : issues) {
                ps.setString(1, task.target().name());
                ps.setString(2, r.id());
                ps.setString(3, r.issue().name().toLowerCase());
                ps.setString(4, r.reason());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
