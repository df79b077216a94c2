package dev.preflight.db;

import dev.preflight.report.DatabaseInfo;
import dev.preflight.report.DatabaseInfo.Extension;
import dev.preflight.report.DatabaseInfo.SchemaCounts;
import dev.preflight.report.DatabaseInfo.VectorColumn;
import dev.preflight.report.DatabaseInfo.VectorIndex;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Read-only access to the catalog: every number in the report's database section comes from here. */
public final class Catalog {

    public static final String DEFAULT_HISTORY_TABLE = "flyway_schema_history";

    private final Connection connection;
    private final String historyTable;

    public Catalog(Connection connection, String historyTable) {
        this.connection = connection;
        this.historyTable = historyTable;
    }

    /** Measures the whole database section; row and NULL counts of vector columns are exact counts. */
    public DatabaseInfo snapshot(String maskedUrl, String source) throws SQLException {
        return snapshot(maskedUrl, source, VectorCensus.measure(this));
    }

    /** The database section with the vector columns and indexes already counted in this run. */
    public DatabaseInfo snapshot(String maskedUrl, String source, VectorCensus census) throws SQLException {
        Object[] server = row(CatalogQueries.SERVER);
        return new DatabaseInfo(maskedUrl, source, (String) server[0], (Integer) server[1], (String) server[2],
                (String) server[3], Boolean.TRUE.equals(server[4]), counts(), extensions(), census.columns(), census.indexes());
    }

    public SchemaCounts counts() throws SQLException {
        return new SchemaCounts(count(CatalogQueries.TABLE_COUNT, historyTable), count(CatalogQueries.ENUM_COUNT),
                count(CatalogQueries.FOREIGN_KEY_COUNT), count(CatalogQueries.INDEX_COUNT, historyTable),
                count(CatalogQueries.UNIQUE_COUNT, historyTable), count(CatalogQueries.VIEW_COUNT),
                count(CatalogQueries.SEQUENCE_COUNT), count(CatalogQueries.FUNCTION_COUNT));
    }

    public int applicationTableCount() throws SQLException {
        return count(CatalogQueries.TABLE_COUNT, historyTable);
    }

    public boolean tableExists(String schema, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(CatalogQueries.TABLE_EXISTS)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    public List<Extension> extensions() throws SQLException {
        List<Extension> out = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(CatalogQueries.EXTENSIONS)) {
            while (rs.next()) {
                out.add(new Extension(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }

    public List<VectorColumn> vectorColumns() throws SQLException {
        record Col(String schema, String table, String column, String type, int typmod) {
        }
        List<Col> cols = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(CatalogQueries.VECTOR_COLUMNS)) {
            while (rs.next()) {
                cols.add(new Col(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)));
            }
        }
        List<VectorColumn> out = new ArrayList<>();
        for (Col c : cols) {
            String sql = "SELECT count(*), count(*) FILTER (WHERE " + ident(c.column) + " IS NULL) FROM "
                    + ident(c.schema) + "." + ident(c.table);
            try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                out.add(new VectorColumn(qualified(c.schema, c.table), c.column, c.type, c.typmod > 0 ? c.typmod : null,
                        rs.getLong(1), rs.getLong(2)));
            }
        }
        return out;
    }

    public List<VectorIndex> vectorIndexes() throws SQLException {
        return VectorCensus.measure(this).indexes();
    }

    /**
     * The vector indexes, each with the rows it holds counted: rows whose first key is not NULL, inside a partial
     * index's predicate, and, for a cosine opclass, with a norm above 0 (pgvector leaves zero vectors out of those).
     * A plain column without predicate or norm takes its count from {@code columns}, which already scanned the table.
     */
    public List<VectorIndex> vectorIndexes(List<VectorColumn> columns) throws SQLException {
        List<VectorIndex> out = new ArrayList<>();
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(CatalogQueries.VECTOR_INDEXES)) {
            while (rs.next()) {
                List<String> options = new ArrayList<>();
                Array arr = rs.getArray(7);
                if (arr != null) {
                    for (Object o : (Object[]) arr.getArray()) {
                        options.add(String.valueOf(o));
                    }
                }
                String method = rs.getString(5);
                Integer lists = option(options, "lists");
                if (lists == null && method.equals("ivfflat")) {
                    lists = 100; // pgvector's default when the index names no lists
                }
                String table = qualified(rs.getString(1), rs.getString(3));
                String column = rs.getString(4);
                long rows = indexedRows(columns, rs.getString(1), rs.getString(3), table, column, rs.getString(10),
                        rs.getString(11), rs.getString(12));
                out.add(new VectorIndex(rs.getString(2), table, column, method, rs.getString(6), lists,
                        option(options, "m"), option(options, "ef_construction"), rs.getLong(8), rs.getBoolean(9), rows,
                        rs.getString(11)));
            }
        }
        return out;
    }

    private long indexedRows(List<VectorColumn> columns, String schema, String relname, String table, String column,
                             String key, String predicate, String norm) throws SQLException {
        if (column != null && predicate == null && norm == null) {
            for (VectorColumn c : columns) {
                if (c.table().equals(table) && c.column().equals(column)) {
                    return c.rows() - c.nulls();
                }
            }
        }
        // key, predicate and norm come from the server's own deparsing (pg_get_indexdef, pg_get_expr, regproc).
        String where = "(" + key + ") IS NOT NULL" + (predicate == null ? "" : " AND (" + predicate + ")")
                + (norm == null ? "" : " AND " + norm + "(" + key + ") > 0");
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + ident(schema) + "." + ident(relname) + " WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Integer option(List<String> options, String name) {
        for (String o : options) {
            if (o.startsWith(name + "=")) {
                return Integer.valueOf(o.substring(name.length() + 1));
            }
        }
        return null;
    }

    /** A table as the catalog shows it: {@code table} in public, {@code schema.table} elsewhere ({@link #quoteTable} reverses it). */
    public static String qualified(String schema, String table) {
        return "public".equals(schema) ? table : schema + "." + table;
    }

    /** Quotes a table named as the catalog shows it ({@code table}, or {@code schema.table} outside public) for SQL. */
    public static String quoteTable(String table) {
        int dot = table.indexOf('.');
        return dot < 0 ? ident(table) : ident(table.substring(0, dot)) + "." + ident(table.substring(dot + 1));
    }

    /** Quotes an identifier the way PostgreSQL's quote_ident does. */
    public static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private int count(String sql, String... params) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private Object[] row(String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            Object[] out = new Object[rs.getMetaData().getColumnCount()];
            for (int i = 0; i < out.length; i++) {
                out[i] = rs.getObject(i + 1);
            }
            return out;
        }
    }
}
