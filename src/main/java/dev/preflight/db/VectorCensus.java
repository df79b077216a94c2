package dev.preflight.db;

import dev.preflight.report.DatabaseInfo.VectorColumn;
import dev.preflight.report.DatabaseInfo.VectorIndex;
import java.sql.SQLException;
import java.util.List;

/**
 * The vector columns and indexes with their rows counted, measured once at the end of a run and shared by the index
 * checks and the report's database section: each count is a scan of a table that may hold millions of vectors.
 */
public record VectorCensus(List<VectorColumn> columns, List<VectorIndex> indexes) {

    public VectorCensus {
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
    }

    /** Counts the database's vector columns and indexes now. */
    public static VectorCensus measure(Catalog catalog) throws SQLException {
        List<VectorColumn> columns = catalog.vectorColumns();
        return new VectorCensus(columns, catalog.vectorIndexes(columns));
    }

    /** The column an index's first key is, or null (an expression index, or a column not measured). */
    public VectorColumn columnOf(VectorIndex index) {
        for (VectorColumn c : columns) {
            if (c.table().equals(index.table()) && c.column().equals(index.column())) {
                return c;
            }
        }
        return null;
    }
}
