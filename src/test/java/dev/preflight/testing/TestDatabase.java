package dev.preflight.testing;

import dev.preflight.config.DatabaseUrl;
import dev.preflight.db.Connections;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A fresh, empty database on the test server, created for one test and dropped after it. */
public final class TestDatabase {

    private final DatabaseUrl url;
    private final List<String> roles = new ArrayList<>();

    TestDatabase(DatabaseUrl url) {
        this.url = url;
    }

    /**
     * Creates a login role for this test, named {@code prefix} plus this database's name (roles are
     * cluster-wide: the suffix keeps concurrent tests apart); {@link PostgresExtension} drops it
     * after the database.
     */
    public String createRole(String prefix, String attributes) {
        String name = prefix + "_" + url.database();
        execute("CREATE ROLE " + name + " " + attributes);
        roles.add(name);
        return name;
    }

    List<String> roles() {
        return List.copyOf(roles);
    }

    public DatabaseUrl url() {
        return url;
    }

    /** The URL with its password, as a user would pass it to {@code --db-url}. */
    public String uri() {
        return url.secretUri();
    }

    public Connection connect() {
        return Connections.open(url);
    }

    public void execute(String... sql) {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: " + e.getMessage(), e);
        }
    }

    public long queryLong(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("test query failed: " + e.getMessage(), e);
        }
    }

    public String queryString(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("test query failed: " + e.getMessage(), e);
        }
    }

    public List<String> queryStrings(String sql) {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("test query failed: " + e.getMessage(), e);
        }
    }
}
