package dev.preflight.report;

import java.util.List;

/** What the catalog says about the target database at the end of a run. */
public record DatabaseInfo(
        String url,
        String source,
        String serverVersion,
        int serverVersionNum,
        String name,
        String currentUser,
        boolean superuser,
        SchemaCounts counts,
        List<Extension> extensions,
        List<VectorColumn> vectorColumns,
        List<VectorIndex> vectorIndexes) {

    /** Counts of schema objects in the application's schemas (Preflight's own schema and the history table excluded). */
    public record SchemaCounts(int tables, int enums, int foreignKeys, int indexes, int uniqueConstraints,
                               int views, int sequences, int functions) {
    }

    /** An installed extension. */
    public record Extension(String name, String version) {
    }

    /** A pgvector column: declared dimensions (null when undeclared), rows and NULLs measured by count. */
    public record VectorColumn(String table, String column, String type, Integer dimensions, long rows, long nulls) {
    }

    /**
     * An ANN index on a vector column (column null for an expression index) with its build options, the rows it holds
     * measured by count (see Catalog), and a partial index's predicate (null when it covers the whole table).
     */
    public record VectorIndex(String name, String table, String column, String method, String opclass,
                              Integer lists, Integer m, Integer efConstruction, long sizeBytes, boolean valid,
                              long indexedRows, String predicate) {
    }
}
