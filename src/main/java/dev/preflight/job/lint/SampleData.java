package dev.preflight.job.lint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills the shadow database's empty tables with generated rows before a migration is measured, so
 * that locks, rewrites and failures show as they would on a table in use: parents first (from the
 * foreign keys), values by column type, foreign keys pointing at existing parent rows. A table whose
 * rows cannot be generated stays empty and is listed with the reason.
 */
final class SampleData {

    private static final String TABLES = """
            SELECT c.oid, n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'preflight') AND n.nspname NOT LIKE 'pg\\_%'
            ORDER BY n.nspname, c.relname""";
    private static final String COLUMNS = """
            SELECT a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, a.atthasdef,
                   t.typtype, a.attgenerated <> '' OR a.attidentity <> '', t.typname, a.atttypmod
            FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
            WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""";
    private static final String FOREIGN_KEYS = """
            SELECT conrelid, conkey[1], confrelid, confkey[1] FROM pg_constraint
            WHERE contype = 'f' AND array_length(conkey, 1) = 1""";

    /** Foreign keys of several columns, whose generated values are not read from the parent together (see {@link #fill}). */
    private static final String MULTI_COLUMN_FOREIGN_KEYS = "SELECT 1 FROM pg_constraint WHERE contype = 'f' AND array_length(conkey, 1) > 1";

    /** What a load did: rows per filled table, and the tables left empty with why. */
    record Load(Map<String, Long> filled, List<String> skipped) {
    }

    private final int rows;

    SampleData(int rows) {
        this.rows = rows;
    }

    /** Fills every empty table; runs in the connection's current transaction, which the caller commits. */
    Load fillEmptyTables(Connection c) throws SQLException {
        Map<Long, String> tables = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(TABLES)) {
            while (rs.next()) {
                tables.put(rs.getLong(1), quote(rs.getString(2)) + "." + quote(rs.getString(3)));
            }
        }
        Map<Long, Map<Integer, long[]>> foreignKeys = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(FOREIGN_KEYS)) {
            while (rs.next()) {
                foreignKeys.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getInt(2), new long[] {rs.getLong(3), rs.getInt(4)});
            }
        }
        Map<String, Long> filled = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        boolean unchecked = !exists(c, MULTI_COLUMN_FOREIGN_KEYS) && role(c, "replica");
        for (long table : order(tables.keySet(), foreignKeys)) {
            String name = tables.get(table);
            if (hasRows(c, name)) {
                continue;
            }
            String insert;
            try {
                insert = insert(c, table, name, tables, foreignKeys.getOrDefault(table, Map.of()));
            } catch (IllegalStateException e) {
                skipped.add(name + ": " + e.getMessage());
                continue;
            }
            try {
                filled.put(name, fill(c, insert, unchecked));
            } catch (SQLException e) {
                skipped.add(name + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        if (!filled.isEmpty()) {
            // Statistics for the tables just filled only: a database-wide ANALYZE before every measured migration
            // re-read every table again and again.
            try (Statement st = c.createStatement()) {
                st.execute("ANALYZE " + String.join(", ", filled.keySet()));
            }
        }
        return new Load(filled, skipped);
    }

    /**
     * Inserts one table's rows in a savepoint. {@code unchecked}: under {@code session_replication_role =
     * replica}, which skips the foreign-key checks (every generated key is read from its parent, so they
     * would only confirm it; they were half the load, 1.1 s -> 0.6 s on the example) and ordinary
     * triggers; a table whose insert fails so is tried once more with both, as the application would.
     */
    private static long fill(Connection c, String insert, boolean unchecked) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try (Statement st = c.createStatement()) {
            long n = st.executeUpdate(insert);
            c.releaseSavepoint(sp);
            return n;
        } catch (SQLException e) {
            c.rollback(sp);
            if (!unchecked) {
                throw e;
            }
            role(c, "origin");
            try {
                return fill(c, insert, false);
            } finally {
                role(c, "replica");
            }
        }
    }

    /** Sets {@code session_replication_role} for the transaction; false where this role may not (not a superuser). */
    private static boolean role(Connection c, String role) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL session_replication_role = " + role);
            c.releaseSavepoint(sp);
            return true;
        } catch (SQLException e) {
            c.rollback(sp);
            return false;
        }
    }

    private String insert(Connection c, long table, String name, Map<Long, String> tables, Map<Integer, long[]> fks) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(COLUMNS)) {
            ps.setLong(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String column = rs.getString(2);
                    String type = rs.getString(3);
                    boolean notNull = rs.getBoolean(4);
                    boolean hasDefault = rs.getBoolean(5);
                    if (rs.getBoolean(7)) {
                        continue; // generated or identity: PostgreSQL fills it
                    }
                    long[] fk = fks.get(rs.getInt(1));
                    String value;
                    if (fk != null) {
                        value = parentValue(c, tables.get(fk[0]), (int) fk[1], fk[0]);
                    } else if (hasDefault) {
                        continue;
                    } else {
                        value = SampleValues.of(type, rs.getString(6), rs.getString(8), name + "." + column);
                    }
                    if (value == null) {
                        if (notNull) {
                            throw new IllegalStateException("no way to generate NOT NULL column " + column + " of type " + type);
                        }
                        continue;
                    }
                    columns.add(quote(column));
                    values.add("(" + value + ")::" + type);
                }
            }
        }
        if (columns.isEmpty()) {
            return "INSERT INTO " + name + " SELECT FROM generate_series(1, " + rows + ") g";
        }
        return "INSERT INTO " + name + " (" + String.join(", ", columns) + ") SELECT " + String.join(", ", values)
                + " FROM generate_series(1, " + rows + ") g";
    }

    private static String parentValue(Connection c, String parent, int attnum, long parentOid) throws SQLException {
        String column;
        try (PreparedStatement ps = c.prepareStatement("SELECT attname FROM pg_attribute WHERE attrelid = ? AND attnum = ?")) {
            ps.setLong(1, parentOid);
            ps.setInt(2, attnum);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                column = quote(rs.getString(1));
            }
        }
        long count;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + parent)) {
            rs.next();
            count = rs.getLong(1);
        }
        if (count == 0) {
            return null;
        }
        // An uncorrelated subquery runs once (an InitPlan): the parent keys are read once per table, not per row.
        return "(SELECT array_agg(" + column + " ORDER BY " + column + ") FROM " + parent + ")[1 + g % " + count + "]";
    }

    /** Parents before children; tables in a foreign-key cycle come last, in catalog order. */
    private static List<Long> order(Set<Long> tables, Map<Long, Map<Integer, long[]>> fks) {
        Set<Long> done = new LinkedHashSet<>();
        boolean progress = true;
        while (progress && done.size() < tables.size()) {
            progress = false;
            for (long t : tables) {
                if (done.contains(t)) {
                    continue;
                }
                boolean ready = fks.getOrDefault(t, Map.of()).values().stream().allMatch(p -> p[0] == t || done.contains(p[0]) || !tables.contains(p[0]));
                if (ready) {
                    done.add(t);
                    progress = true;
                }
            }
        }
        List<Long> out = new ArrayList<>(done);
        tables.stream().filter(t -> !done.contains(t)).forEach(out::add);
        return out;
    }

    private static boolean hasRows(Connection c, String table) throws SQLException {
        return exists(c, "SELECT 1 FROM " + table);
    }

    private static boolean exists(Connection c, String query) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT EXISTS (" + query + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
