package dev.preflight.seed;

import dev.preflight.db.CatalogQueries;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live schema the seed is loaded into, read from the catalog: tables with their columns,
 * primary keys and foreign keys. Nothing about the schema is kept by hand.
 */
public record SeedSchema(String schema, Map<String, Table> tables) {

    /**
     * A column: its SQL type as {@code format_type} writes it ({@code "AgentKind"}, {@code vector(1536)}), the same
     * type without its length or other modifier ({@code castType}: {@code character varying}, {@code vector}), and
     * whether the type has an equality operator (json, xml and point have none).
     */
    public record Column(String name, String type, boolean notNull, boolean hasDefault, boolean generated, String typeName,
                         String castType, boolean comparable) {

        /** True when the type has a modifier (a length, precision or dimension) that a cast to {@code castType} leaves out. */
        public boolean modified() {
            return !type.equals(castType);
        }

        /** Columns of these types accept any text, so there is nothing to ask PostgreSQL. */
        public boolean acceptsAnyText() {
            return type.equals("text") || type.equals("character varying");
        }
    }

    /** A foreign key of {@code table} ({@code columns}) referring to {@code parent} ({@code parentColumns}). */
    public record ForeignKey(String name, String table, List<String> columns, String parent, List<String> parentColumns) {
    }

    public record Table(String name, Map<String, Column> columns, List<String> primaryKey, List<ForeignKey> foreignKeys) {
    }

    public static SeedSchema read(Connection c, String schema) throws SQLException {
        Map<String, Map<String, Column>> columns = new LinkedHashMap<>();
        query(c, CatalogQueries.SEED_COLUMNS, schema, rs -> columns.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                .put(rs.getString(2), new Column(rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getBoolean(5),
                        rs.getBoolean(6), rs.getString(7), rs.getString(8), rs.getBoolean(9))));
        Map<String, List<String>> keys = new LinkedHashMap<>();
        query(c, CatalogQueries.SEED_PRIMARY_KEYS, schema, rs -> keys.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)));
        Map<String, ForeignKey> fks = new LinkedHashMap<>();
        query(c, CatalogQueries.SEED_FOREIGN_KEYS, schema, rs -> {
            if (!rs.getString(4).equals(schema)) {
                return; // a parent in another schema is not seeded here; only same-schema keys order the load
            }
            String name = rs.getString(1);
            String table = rs.getString(2);
            String parent = rs.getString(3);
            ForeignKey fk = fks.computeIfAbsent(table + "." + name,
                    k -> new ForeignKey(name, table, new ArrayList<>(), parent, new ArrayList<>()));
            fk.columns().add(rs.getString(5));
            fk.parentColumns().add(rs.getString(6));
        });
        Map<String, Table> tables = new LinkedHashMap<>();
        columns.forEach((name, cols) -> tables.put(name, new Table(name, cols, keys.getOrDefault(name, List.of()),
                fks.values().stream().filter(f -> f.table().equals(name)).toList())));
        return new SeedSchema(schema, tables);
    }

    public Table table(String name) {
        return tables.get(name);
    }

    /** The schema-qualified, quoted name of a table. */
    public String qualified(String table) {
        return ident(schema) + "." + ident(table);
    }

    public static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, String schema, RowHandler handler) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handler.row(rs);
                }
            }
        }
    }
}
