package dev.preflight.job.verify;

import dev.preflight.config.DatabaseUrl;
import dev.preflight.db.Connections;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A throwaway {@code preflight_shadow_<random>} database on the shadow server that the migrations
 * are replayed into, always dropped on close. While it exists, its owner holds a session-level
 * advisory lock keyed by its name ({@link #LOCK_CLASS}, {@code hashtext(name)}), taken before
 * {@code CREATE DATABASE}: a shadow database whose lock nobody holds was left by a dead run
 * ({@link OrphanShadows}).
 */
public final class ShadowDatabase implements AutoCloseable {

    /** First key of the owner's advisory lock: "PFSH". */
    static final int LOCK_CLASS = 0x50465348;
    static final String PREFIX = "preflight_shadow_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DatabaseUrl serverUrl;
    private final String name;
    private final Connection owner;

    private ShadowDatabase(DatabaseUrl serverUrl, String name, Connection owner) {
        this.serverUrl = serverUrl;
        this.name = name;
        this.owner = owner;
    }

    /** Creates {@code preflight_shadow_<random>} on the server of {@code url} (the role needs CREATEDB). */
    public static ShadowDatabase create(DatabaseUrl url) throws SQLException {
        String name = PREFIX + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
        Connection owner = Connections.open(url);
        try {
            try (PreparedStatement ps = owner.prepareStatement("SELECT pg_advisory_lock(?, hashtext(?))")) {
                ps.setInt(1, LOCK_CLASS);
                ps.setString(2, name);
                ps.execute();
            }
            try (Statement st = owner.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException | RuntimeException e) {
            owner.close();
            throw e;
        }
        return new ShadowDatabase(url, name, owner);
    }

    public String name() {
        return name;
    }

    public DatabaseUrl url() {
        return serverUrl.withDatabase(name);
    }

    public DataSource dataSource() {
        DatabaseUrl url = url();
        SimpleDriverDataSource ds = new SimpleDriverDataSource(new org.postgresql.Driver(), url.jdbcUrl());
        java.util.Properties props = url.connectionProperties();
        props.putIfAbsent("ApplicationName", dev.preflight.db.Connections.APPLICATION_NAME); // a signal finds the replay's statements
        ds.setConnectionProperties(props);
        return ds;
    }

    /** Drops the database, then ends the owner's session (which releases its lock). */
    @Override
    public void close() throws SQLException {
        try (owner; Statement st = owner.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
