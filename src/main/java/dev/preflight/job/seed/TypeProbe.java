package dev.preflight.job.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    private final Connection connection;

    TypeProbe(Connection connection) {
        this.connection = connection;
    }

    /** One failure per column with a value that does not convert; empty when all convert. */
    List<Failure> failures(List<String> types, List<List<String>> values) throws SQLException {
        List<Failure> out = new ArrayList<>();
        if (types.isEmpty() || converts(types, values) == null) {
            return out;
        }
        for (int c = 0; c < types.size(); c++) {
            List<String> column = values.get(c);
            List<String> type = List.of(types.get(c));
            if (column.isEmpty() || converts(type, List.of(column)) == null) {
                continue;
            }
            int lo = 0;
            int hi = column.size();
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (converts(type, List.of(column.subList(lo, mid))) != null) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            out.add(new Failure(c, lo, converts(type, List.of(column.subList(lo, hi)))));
        }
        return out;
    }

    /** Null when every value converts to its column's type, else PostgreSQL's message. */
    private String converts(List<String> types, List<List<String>> values) throws SQLException {
        StringBuilder counts = new StringBuilder();
        StringBuilder arrays = new StringBuilder();
        StringBuilder names = new StringBuilder();
        for (int c = 0; c < types.size(); c++) {
            String sep = c == 0 ? "" : ", ";
            counts.append(sep).append("count(v").append(c).append("::").append(types.get(c)).append(')');
            arrays.append(sep).append("?::text[]");
            names.append(sep).append('v').append(c);
        }
        // unnest pads shorter arrays with NULLs, which count() skips.
        String sql = "SELECT " + counts + " FROM unnest(" + arrays + ") AS u(" + names + ")";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int c = 0; c < types.size(); c++) {
                ps.setArray(c + 1, connection.createArrayOf("text", values.get(c).toArray()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
            return null;
        } catch (SQLException e) {
            connection.rollback(); // nothing is written before validation ends: the rollback loses nothing
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
