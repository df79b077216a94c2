package dev.preflight.job.verify;

import dev.preflight.config.DatabaseUrl;
import dev.preflight.db.Connections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and drops the {@code preflight_shadow_*} databases of a server whose owning run is dead: a
 * live run holds an advisory lock named after its shadow database for as long as it exists (see
 * {@link ShadowDatabase}); a killed run's session ended with it, so its lock is free.
 * {@code pg_locks} shows every database's locks, whatever database we are connected to.
 */
final class OrphanShadows {

    /** What happened to one orphan: dropped, or why not. */
    record Orphan(String database, String server, boolean dropped, String error) {
    }

    static final String FIND = "SELECT d.datname FROM pg_database d WHERE d.datname LIKE 'preflight\\_shadow\\_%' "
            + "AND NOT EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 "
            + "AND l.classid = ?::oid AND l.objid = hashtext(d.datname)::oid) ORDER BY 1";

    private OrphanShadows() {
    }

    static List<Orphan> clean(DatabaseUrl server) throws SQLException {
        List<Orphan> out = new ArrayList<>();
        try (Connection c = Connections.open(server)) {
            List<String> names = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(FIND)) {
                ps.setInt(1, ShadowDatabase.LOCK_CLASS);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
            for (String name : names) {
                try (Statement st = c.createStatement()) {
                    st.execute("DROP DATABASE IF EXISTS \"" + name.replace("\"", "\"\"") + "\" WITH (FORCE)");
                    out.add(new Orphan(name, server.masked(), true, null));
                } catch (SQLException e) {
                    out.add(new Orphan(name, server.masked(), false, e.getMessage()));
                }
            }
        }
        return out;
    }
}
