package dev.preflight.check.index;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.db.Catalog;
import dev.preflight.report.DatabaseInfo.VectorColumn;
import dev.preflight.report.DatabaseInfo.VectorIndex;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * IDX002: no zero vector sits in a column with a cosine index. pgvector leaves zero vectors out of
 * cosine IVFFlat and HNSW indexes (their cosine distance is undefined), so such rows are never
 * returned by a similarity search that uses the index, with no error. Placeholders written as
 * zeros before the real embedding are the usual cause; NULL is the placeholder the index and the
 * backfill understand.
 */
public final class ZeroVectorsCheck implements Check {

    @Override
    public String id() {
        return "IDX002";
    }

    @Override
    public String title() {
        return "No zero vectors in a column with a cosine index (the index leaves them out)";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.MEDIUM;
    }

    @Override
    public List<Finding> run(CheckContext ctx) throws Exception {
        Catalog catalog = new Catalog(ctx.connection(), Catalog.DEFAULT_HISTORY_TABLE);
        List<VectorColumn> columns = catalog.vectorColumns();
        List<VectorIndex> indexes = catalog.vectorIndexes(columns);
        List<Finding> out = new ArrayList<>();
        for (VectorColumn column : columns) {
            Set<String> cosine = new TreeSet<>();
            for (VectorIndex ix : indexes) {
                if (column.table().equals(ix.table()) && column.column().equals(ix.column()) && ix.opclass() != null
                        && ix.opclass().endsWith("_cosine_ops")) {
                    cosine.add(ix.name());
                }
            }
            if (cosine.isEmpty() || column.rows() == column.nulls()) {
                continue;
            }
            String norm = column.type().equals("vector") ? "vector_norm" : "l2_norm"; // halfvec and sparsevec
            String quotedColumn = Catalog.ident(column.column());
            String where = quotedColumn + " IS NOT NULL AND " + norm + "(" + quotedColumn + ") = 0";
            long zeros;
            try (Statement st = ctx.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM " + Catalog.quoteTable(column.table()) + " WHERE " + where)) {
                rs.next();
                zeros = rs.getLong(1);
            }
            if (zeros > 0) {
                out.add(finding("column " + column.table() + "." + column.column(), zeros + " of " + (column.rows() - column.nulls())
                                + " vectors in " + column.table() + "." + column.column() + " are zero vectors, which the cosine index "
                                + String.join(", ", cosine) + " leaves out: a similarity search that uses it never returns those rows",
                        "0 zero vectors", zeros + " zero vectors",
                        "store NULL instead of a zero vector and embed the text (UPDATE " + Catalog.quoteTable(column.table()) + " SET "
                                + quotedColumn + " = NULL WHERE " + where + "; then ./preflight backfill)"));
            }
        }
        return out;
    }
}
