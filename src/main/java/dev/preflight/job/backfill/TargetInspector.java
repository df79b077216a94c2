package dev.preflight.job.backfill;

import dev.preflight.config.EmbeddingTarget;
import dev.preflight.db.Schemas;
import dev.preflight.kernel.PreflightException;
import dev.preflight.report.EmbeddingsSection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what the backfill must know about a target before any work: that its table and columns
 * exist, the id column's type, the vector column's declared dimension, and the counts of rows.
 */
public final class TargetInspector {

    /** The id column's SQL type and the vector column's declared dimension. */
    public record Shape(String idType, int dimensions) {
    }

    /** Rows in the table, rows with a NULL vector, and NULL rows with a recorded skip and with a recorded failure. */
    public record Totals(long rows, long nulls, long nullsSkipped, long nullsFailed) {
    }

    private final Connection connection;

    public TargetInspector(Connection connection) {
        this.connection = connection;
    }

    /** Creates Preflight's side tables when missing. */
    public void ensureStateTables() throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET client_min_messages = warning");
            Schemas.ensure(st, "preflight");
            for (String ddl : BackfillSql.STATE_DDL.split(";")) {
                st.execute(ddl);
            }
            st.execute("RESET client_min_messages");
        }
    }

    /** The shape of the target, or null when its table does not exist. */
    public Shape shape(EmbeddingTarget t) throws SQLException {
        String table = BackfillSql.qualified(t.table());
        String[] id = column(table, t.idColumn());
        String[] vector = column(table, t.vectorColumn());
        if (id == null && vector == null && !exists(table)) {
            return null;
        }
        String where = "embedding target '" + t.name() + "' (jobs/preflight.yaml): ";
        if (id == null) {
            throw PreflightException.config(where + "table " + t.table() + " has no id column '" + t.idColumn() + "'",
                    "set embeddings.targets." + t.name() + ".id to its primary key column");
        }
        if (vector == null || !vector[2].equals("vector")) {
            throw PreflightException.config(where + "column " + t.table() + "." + t.vectorColumn() + " is "
                    + (vector == null ? "missing" : "of type " + vector[0] + ", not vector(n)"), "set embeddings.targets." + t.name()
                    + ".vector to a pgvector column");
        }
        int dims = Integer.parseInt(vector[1]);
        if (dims <= 0) {
            throw PreflightException.config(where + "column " + t.table() + "." + t.vectorColumn() + " is declared as plain vector,"
                    + " with no dimension", "declare it as vector(n) in a migration, n the model's dimension");
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT has_column_privilege(current_user, to_regclass(?), ?, 'UPDATE')")) {
            ps.setString(1, table);
            ps.setString(2, t.vectorColumn());
            try (ResultSet rs = ps.executeQuery()) {
                // checked before any text is embedded: a provider's calls are paid for, and a vector that cannot be written is lost
                if (rs.next() && !rs.getBoolean(1)) {
                    throw PreflightException.config(where + "the connecting role may not UPDATE " + t.table() + "." + t.vectorColumn()
                                    + ", so no vector could be written", "GRANT UPDATE (" + t.vectorColumn() + ") ON " + t.table()
                                    + " TO the role Preflight runs as, or run the backfill as the table's owner");
                }
            }
        }
        return new Shape(id[0], dims);
    }

    /** Throws, naming both numbers, when the provider's dimension differs from the column's. */
    public static void checkDimensions(EmbeddingTarget t, Shape shape, String provider, String model, int providerDims) {
        if (providerDims != shape.dimensions()) {
            throw new DimensionMismatchException(t, shape.dimensions(), provider, model, providerDims);
        }
    }

    public Totals totals(EmbeddingTarget t, BackfillSql sql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.totals())) {
            ps.setString(1, t.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }

    public long pending(EmbeddingTarget t, BackfillSql sql, String model, boolean reembed) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql.countPending(reembed))) {
            ps.setString(1, t.name());
            if (!reembed) {
                ps.setString(2, model);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Recorded skips and failures of rows still NULL, per reason, with the first ids. */
    public List<EmbeddingsSection.Issue> issues(EmbeddingTarget t, BackfillSql sql) throws SQLException {
        List<EmbeddingsSection.Issue> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql.issues())) {
            ps.setString(1, t.name());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new EmbeddingsSection.Issue(rs.getString(1), rs.getString(2), rs.getLong(3),
                            List.of((String[]) rs.getArray(4).getArray())));
                }
            }
        }
        return out;
    }

    public boolean hasIssues(EmbeddingTarget t) throws SQLException {
        return exists(BackfillSql.HAS_ISSUES, t);
    }

    /** Whether any row of the target has a record in {@code preflight.embedding_state}. */
    public boolean hasRecords(EmbeddingTarget t) throws SQLException {
        return exists(BackfillSql.HAS_RECORDS, t);
    }

    private boolean exists(String sql, EmbeddingTarget t) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, t.name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private String[] column(String table, String column) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(BackfillSql.COLUMN_TYPE)) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), String.valueOf(rs.getInt(2)), rs.getString(3)} : null;
            }
        }
    }

    private boolean exists(String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(BackfillSql.TABLE_EXISTS)) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The provider's vectors do not fit the column: nothing was done. */
    public static final class DimensionMismatchException extends PreflightException {
        public DimensionMismatchException(EmbeddingTarget t, int columnDims, String provider, String model, int providerDims) {
            super(dev.preflight.kernel.ExitCode.USAGE_OR_CONNECTION, "dimension mismatch for embedding target '" + t.name() + "': column "
                    + t.table() + "." + t.vectorColumn() + " is vector(" + columnDims + ") but provider " + provider + " (model "
                    + model + ") gives " + providerDims + " dimensions; nothing was embedded",
                    "use a model with " + columnDims + " dimensions (e.g. set embeddings.openai.dimensions), or migrate the column to vector("
                            + providerDims + ") (placeholder embedding_dimension in jobs/preflight.yaml)");
        }
    }
}
