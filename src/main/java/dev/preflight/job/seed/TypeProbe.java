package dev.preflight.job.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import org.postgresql.util.PSQLException;

/**
 * Asks PostgreSQL whether text values convert to a column's type, so the seed accepts exactly what
 * the server accepts (enum labels, numeric ranges, timestamps, JSON, vectors). All values of a
 * column go in one query; only when that fails is the list halved to find the first bad value.
 * Every probe runs under a savepoint, so a failed cast does not abort the seed's transaction.
 */
final class TypeProbe {

    /** The first value (index into the list) that does not convert, and PostgreSQL's reason. */
    record Failure(int index, String reason) {
    }

    private final Connection connection;

    TypeProbe(Connection connection) {
        this.connection = connection;
    }

    Failure firstFailure(String type, List<String> values) throws SQLException {
        if (values.isEmpty() || converts(type, values, 0, values.size()) == null) {
            return null;
        }
        int lo = 0;
        int hi = values.size();
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (converts(type, values, lo, mid) != null) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return new Failure(lo, converts(type, values, lo, hi));
    }

    /** Null when every value in {@code [from, to)} converts, else PostgreSQL's message. */
    private String converts(String type, List<String> values, int from, int to) throws SQLException {
        Savepoint sp = connection.setSavepoint();
        try (PreparedStatement ps = connection.prepareStatement("SELECT count(v::" + type + ") FROM unnest(?::text[]) AS v")) {
            ps.setArray(1, connection.createArrayOf("text", values.subList(from, to).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
            connection.releaseSavepoint(sp);
            return null;
        } catch (SQLException e) {
            connection.rollback(sp);
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
