package dev.preflight.job.seed;

import dev.preflight.db.CatalogQueries;
import dev.preflight.report.SeedSection;
import dev.preflight.seed.SeedSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves the sequences a seeded table's columns own (serial and identity columns) past the largest value in the column,
 * so the application's first INSERT after a seed with explicit ids does not collide with a seeded row. A sequence is
 * never moved backwards. {@code ALTER SEQUENCE ... RESTART} is used rather than {@code setval}, which is not rolled
 * back: a dry run or a failed seed must leave the sequences as they were.
 */
final class OwnedSequences {

    private final Connection connection;

    OwnedSequences(Connection connection) {
        this.connection = connection;
    }

    /** Advances the table's owned sequences where the column holds values they would hand out again. */
    List<SeedSection.SequenceAdvance> advance(String qualifiedTable) throws SQLException {
        List<SeedSection.SequenceAdvance> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(CatalogQueries.SEED_OWNED_SEQUENCES)) {
            ps.setString(1, qualifiedTable);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(3) > 0) { // a descending sequence hands out values below the column's: nothing collides upwards
                        advance(qualifiedTable, rs.getString(1), rs.getString(2), rs.getLong(3), out);
                    }
                }
            }
        }
        return out;
    }

    private void advance(String table, String column, String sequence, long increment, List<SeedSection.SequenceAdvance> out)
            throws SQLException {
        // the value nextval would return next; the sequence moves only when the column already holds it or a larger one
        String sql = "SELECT m.v FROM (SELECT max(" + SeedSchema.ident(column) + ")::bigint AS v FROM " + table
                + ") m, " + sequence + " s WHERE m.v >= CASE WHEN s.is_called THEN s.last_value + " + increment + " ELSE s.last_value END";
        long max;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            if (!rs.next()) {
                return;
            }
            max = rs.getLong(1);
        }
        try (Statement st = connection.createStatement()) {
            st.execute("ALTER SEQUENCE " + sequence + " RESTART WITH " + (max + 1));
        }
        out.add(new SeedSection.SequenceAdvance(column, sequence, max + 1));
    }
}
