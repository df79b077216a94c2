package dev.preflight.db.schema;

import dev.preflight.db.schema.SchemaModel.Column;
import dev.preflight.db.schema.SchemaModel.Constraint;
import dev.preflight.db.schema.SchemaModel.DefaultPrivilege;
import dev.preflight.db.schema.SchemaModel.EnumType;
import dev.preflight.db.schema.SchemaModel.Extension;
import dev.preflight.db.schema.SchemaModel.Function;
import dev.preflight.db.schema.SchemaModel.Index;
import dev.preflight.db.schema.SchemaModel.Owner;
import dev.preflight.db.schema.SchemaModel.Partition;
import dev.preflight.db.schema.SchemaModel.Policy;
import dev.preflight.db.schema.SchemaModel.Privilege;
import dev.preflight.db.schema.SchemaModel.RowSecurity;
import dev.preflight.db.schema.SchemaModel.Sequence;
import dev.preflight.db.schema.SchemaModel.Table;
import dev.preflight.db.schema.SchemaModel.Trigger;
import dev.preflight.db.schema.SchemaModel.UserType;
import dev.preflight.db.schema.SchemaModel.View;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a database's schema model from {@code pg_catalog} with one query per object kind (read-only). */
public final class SchemaIntrospector {

    /** Maps one result row to a model object. */
    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Connection connection;
    private final String historyTable;

    public SchemaIntrospector(Connection connection, String historyTable) {
        this.connection = connection;
        this.historyTable = historyTable;
    }

    public SchemaModel read() throws SQLException {
        return new SchemaModel(
                list(SchemaQueries.TABLES, true, rs -> new Table(rs.getString(1))),
                list(SchemaQueries.COLUMNS, true, rs -> new Column(rs.getString(1), rs.getString(2), rs.getInt(3),
                        rs.getString(4), rs.getBoolean(5), rs.getString(6))),
                list(SchemaQueries.CONSTRAINTS, true, rs -> new Constraint(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))),
                list(SchemaQueries.INDEXES, true, rs -> new Index(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getBoolean(4), strings(rs.getArray(5)), strings(rs.getArray(6)), options(rs.getArray(7)),
                        rs.getString(8), rs.getString(9))),
                list(SchemaQueries.ENUMS, false, rs -> new EnumType(rs.getString(1), strings(rs.getArray(2)))),
                list(SchemaQueries.EXTENSIONS, false, rs -> new Extension(rs.getString(1), rs.getString(2))),
                list(SchemaQueries.SEQUENCES, false, rs -> new Sequence(rs.getString(1), rs.getString(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getBoolean(7), rs.getString(8))),
                list(SchemaQueries.VIEWS, false, rs -> new View(rs.getString(1), rs.getBoolean(2), rs.getString(3))),
                list(SchemaQueries.FUNCTIONS, false, rs -> new Function(rs.getString(1), rs.getString(2))),
                list(SchemaQueries.TRIGGERS, false, rs -> new Trigger(rs.getString(1), rs.getString(2), rs.getString(3))),
                list(SchemaQueries.ROW_SECURITY, true, rs -> new RowSecurity(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3))),
                list(SchemaQueries.POLICIES, true, rs -> new Policy(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        strings(rs.getArray(5)), rs.getString(6), rs.getString(7))),
                privileges(),
                list(SchemaQueries.DEFAULT_PRIVILEGES, false, rs -> new DefaultPrivilege(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getBoolean(6))),
                list(SchemaQueries.OWNERS, true, rs -> new Owner(rs.getString(1), rs.getString(2), rs.getString(3))),
                list(SchemaQueries.USER_TYPES, false, rs -> new UserType(rs.getString(1), rs.getString(2), rs.getString(3))),
                list(SchemaQueries.PARTITIONS, false, rs -> new Partition(rs.getString(1), rs.getString(2), rs.getString(3))));
    }

    private List<Privilege> privileges() throws SQLException {
        RowMapper<Privilege> mapper = rs -> new Privilege(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getBoolean(6));
        List<Privilege> out = new ArrayList<>(list(SchemaQueries.TABLE_PRIVILEGES, true, mapper));
        out.addAll(list(SchemaQueries.COLUMN_PRIVILEGES, true, mapper));
        out.addAll(list(SchemaQueries.SCHEMA_PRIVILEGES, false, mapper));
        return out;
    }

    private <T> List<T> list(String sql, boolean historyParam, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (historyParam) {
                ps.setString(1, historyTable);
            }
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        List<String> out = new ArrayList<>();
        if (array != null) {
            for (Object o : (Object[]) array.getArray()) {
                out.add(String.valueOf(o));
            }
        }
        return out;
    }

    /** Storage options ({@code {lists=100}}) as a map, in catalog order. */
    private static Map<String, String> options(Array array) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String o : strings(array)) {
            int eq = o.indexOf('=');
            out.put(eq < 0 ? o : o.substring(0, eq), eq < 0 ? "" : o.substring(eq + 1));
        }
        return out;
    }
}
