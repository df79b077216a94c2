package dev.preflight.job.seed;

import dev.preflight.seed.SeedSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.util.PSQLException;

/**
 * Asks PostgreSQL whether text values convert to their columns' types, so the seed accepts exactly
 * what the server accepts (enum labels, numeric ranges, timestamps, JSON, vectors). All columns of
 * a block go in one query; only when that fails is each column probed and its list halved to find
 * the first bad value. It runs before anything is written, so a failed probe simply rolls the
 * transaction back (no savepoint round trips on the common, valid path).
 */
final class TypeProbe {

    /** The first value (index into the column's list) that does not convert, and PostgreSQL's reason. */
    record Failure(int column, int index, String reason) {
    }

    private static final String PROBE_TABLE = "pg_temp.preflight_seed_probe";

    private final Connection connection;

    TypeProbe(Connection connection) {
        this.connection = connection;
    }

    /** One failure per column with a value that does not convert; empty when all convert. */
    List<Failure> failures(List<SeedSchema.Column> columns, List<List<String>> values) throws SQLException {
        List<Failure> out = new ArrayList<>();
        if (columns.isEmpty() || converts(columns, values) == null) {
            return out;
        }
        for (int c = 0; c < columns.size(); c++) {
            List<String> column = values.get(c);
            List<SeedSchema.Column> one = List.of(columns.get(c));
            if (column.isEmpty() || converts(one, List.of(column)) == null) {
                continue;
            }
            int lo = 0;
            int hi = column.size();
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (converts(one, List.of(column.subList(lo, mid))) != null) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            out.add(new Failure(c, lo, converts(one, List.of(column.subList(lo, hi)))));
        }
        return out;
    }

    /**
     * Null when every value converts to its column's type, else PostgreSQL's message. A column with a length (varchar(5),
     * char(3), bit(8)) is checked as the seed writes it: cast to the type without the length, then assigned to a column
     * of the full type (here a temporary table's), which refuses a value too long where an explicit cast would truncate.
     */
    private String converts(List<SeedSchema.Column> columns, List<List<String>> values) throws SQLException {
        boolean assign = columns.stream().anyMatch(SeedSchema.Column::modified);
        StringBuilder casts = new StringBuilder();
        StringBuilder arrays = new StringBuilder();
        StringBuilder names = new StringBuilder();
        StringBuilder definitions = new StringBuilder();
        for (int c = 0; c < columns.size(); c++) {
            String sep = c == 0 ? "" : ", ";
            String cast = "CAST(v" + c + " AS " + columns.get(c).castType() + ")";
            casts.append(sep).append(assign ? cast : "count(" + cast + ")");
            arrays.append(sep).append("?::text[]");
            names.append(sep).append('v').append(c);
            definitions.append(sep).append('v').append(c).append(' ').append(columns.get(c).type());
        }
        // unnest pads shorter arrays with NULLs, which count() skips and the probe table takes.
        String select = "SELECT " + casts + " FROM unnest(" + arrays + ") AS u(" + names + ")";
        try (Statement st = connection.createStatement()) {
            if (assign) {
                st.execute("CREATE TEMP TABLE " + PROBE_TABLE + " (" + definitions + ") ON COMMIT DROP");
            }
            try (PreparedStatement ps = connection.prepareStatement(assign ? "INSERT INTO " + PROBE_TABLE + " " + select : select)) {
                for (int c = 0; c < columns.size(); c++) {
                    ps.setArray(c + 1, connection.createArrayOf("text", values.get(c).toArray()));
                }
                ps.execute();
            }
            if (assign) {
                st.execute("DROP TABLE " + PROBE_TABLE);
            }
            return null;
        } catch (SQLException e) {
            connection.rollback(); // nothing is written before validation ends: the rollback loses nothing
            if ("42501".equals(e.getSQLState())) {
                throw e; // a role that may not create the probe's temporary table: not the values' fault
            }
            return message(e);
        }
    }

    static String message(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            var m = p.getServerErrorMessage();
            return m.getMessage() + (m.getDetail() == null ? "" : " (" + m.getDetail() + ")");
        }
        return e.getMessage();
    }
}
