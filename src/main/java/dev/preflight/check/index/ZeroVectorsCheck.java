package dev.preflight.check.index;

import dev.preflight.check.Check;
import dev.preflight.check.CheckContext;
import dev.preflight.db.Catalog;
import dev.preflight.db.VectorCensus;
import dev.preflight.report.DatabaseInfo.VectorColumn;
import dev.preflight.report.DatabaseInfo.VectorIndex;
import dev.preflight.report.Finding;
import dev.preflight.report.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * IDX002: no zero vector sits in a column with a cosine index. pgvector leaves zero vectors out of
 * cosine IVFFlat and HNSW indexes (their cosine distance is undefined), so such rows are never
 * returned by a similarity search that uses the index, with no error. Placeholders written as
 * zeros before the real embedding are the usual cause; NULL is the placeholder the index and the
 * backfill understand. The count is the column's non-NULL vectors less the rows its whole-table
 * cosine index holds, both counted by the run's {@link VectorCensus}; partial and expression
 * indexes are not judged.
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
        VectorCensus census = ctx.vectorCensus();
        Map<VectorColumn, Long> zeros = new LinkedHashMap<>();
        Map<VectorColumn, Set<String>> indexes = new LinkedHashMap<>();
        for (VectorIndex ix : census.indexes()) {
            VectorColumn column = census.columnOf(ix);
            if (column == null || ix.predicate() != null || ix.opclass() == null || !ix.opclass().endsWith("_cosine_ops")) {
                continue;
            }
            long left = column.rows() - column.nulls() - ix.indexedRows();
            if (left > 0) {
                zeros.put(column, left);
                indexes.computeIfAbsent(column, k -> new TreeSet<>()).add(ix.name());
            }
        }
        List<Finding> out = new ArrayList<>();
        zeros.forEach((column, count) -> {
            String name = column.table() + "." + column.column();
            String quoted = Catalog.ident(column.column());
            String norm = column.type().equals("vector") ? "vector_norm" : "l2_norm"; // halfvec and sparsevec
            out.add(finding("column " + name, count + " of " + (column.rows() - column.nulls()) + " vectors in " + name
                            + " are zero vectors, which the cosine index " + String.join(", ", indexes.get(column))
                            + " leaves out: a similarity search that uses it never returns those rows",
                    "0 zero vectors", count + " zero vectors",
                    "store NULL instead of a zero vector and embed the text (UPDATE " + Catalog.quoteTable(column.table())
                            + " SET " + quoted + " = NULL WHERE " + quoted + " IS NOT NULL AND " + norm + "(" + quoted
                            + ") = 0; then ./preflight backfill)"));
        });
        return out;
    }
}
