package dev.preflight.job.verify;

import dev.preflight.config.DatabaseUrl;
import dev.preflight.db.Connections;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A throwaway database on the target's server that the migrations are replayed into. Created with
 * {@code CREATE DATABASE} (the role needs CREATEDB) and always dropped on close.
 */
public final class ShadowDatabase implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseUrl serverUrl;
    private final String name;

    private ShadowDatabase(DatabaseUrl serverUrl, String name) {
        this.serverUrl = serverUrl;
        this.name = name;
    }

    /** Creates {@code preflight_shadow_<random>} on the server of {@code url}. */
    public static ShadowDatabase create(DatabaseUrl url) throws SQLException {
        String name = "preflight_shadow_" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
        try (Connection c = Connections.open(url); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return new ShadowDatabase(url, name);
    }

    public String name() {
        return name;
    }

    DatabaseUrl url() {
        return serverUrl.withDatabase(name);
    }

    public DataSource dataSource() {
        DatabaseUrl url = url();
        SimpleDriverDataSource ds = new SimpleDriverDataSource(new org.postgresql.Driver(), url.jdbcUrl());
        ds.setConnectionProperties(url.connectionProperties());
        return ds;
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = Connections.open(serverUrl); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
