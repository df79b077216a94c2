package dev.preflight.job.retune;

import dev.preflight.db.Catalog;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One vector index as the retune job needs it: enough to query through it, count what it covers
 * and rebuild it with the same definition under another name.
 *
 * @param keyExpression the indexed column or expression, as PostgreSQL prints it
 * @param keyType the key's type with its modifier ({@code vector(384)})
 * @param predicate the WHERE clause of a partial index, else null
 */
public record VectorIndexTarget(long oid, boolean valid, String schema, String table, String name, String keyExpression,
                                String predicate, String method, String opclass, String keyType, int dimensions,
                                long sizeBytes, String tablespace, Integer lists, Integer m, Integer efConstruction) {

    /** Reads one index by schema and name; null when it does not exist. */
    public static VectorIndexTarget read(Connection c, String schema, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RetuneSql.INDEX_DETAIL)) {
            ps.setString(1, schema);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String options = optionsText(rs.getArray(13));
                String method = rs.getString(7);
                Integer lists = option(options, "lists");
                return new VectorIndexTarget(rs.getLong(1), rs.getBoolean(2), rs.getString(3), rs.getString(4), name,
                        rs.getString(5), rs.getString(6), method, rs.getString(8), rs.getString(9), Math.max(0, rs.getInt(10)),
                        rs.getLong(11), rs.getString(12), lists == null && method.equals("ivfflat") ? Integer.valueOf(100) : lists,
                        option(options, "m"), option(options, "ef_construction"));
            }
        }
    }

    private static String optionsText(Array arr) throws SQLException {
        StringBuilder sb = new StringBuilder(",");
        if (arr != null) {
            for (Object o : (Object[]) arr.getArray()) {
                sb.append(o).append(',');
            }
        }
        return sb.toString();
    }

    private static Integer option(String options, String key) {
        int at = options.indexOf("," + key + "=");
        if (at < 0) {
            return null;
        }
        int from = at + key.length() + 2;
        return Integer.valueOf(options.substring(from, options.indexOf(',', from)));
    }

    /** The table, schema-qualified and quoted. */
    public String qualifiedTable() {
        return Catalog.ident(schema) + "." + Catalog.ident(table);
    }

    /** An index name in this index's schema, quoted. */
    public String qualified(String indexName) {
        return Catalog.ident(schema) + "." + Catalog.ident(indexName);
    }

    /** The distance operator matching the index's opclass. */
    public String operator() {
        return RetuneSql.operator(opclass);
    }

    /** The filter every query over this index carries: rows with a vector, within a partial index's predicate. */
    public String rowFilter() {
        return keyExpression + " IS NOT NULL" + (predicate == null ? "" : " AND (" + predicate + ")");
    }

    /** The table as the report names it: unqualified in {@code public}. */
    public String displayTable() {
        return "public".equals(schema) ? table : schema + "." + table;
    }
}
