package dev.preflight.db;

import dev.preflight.config.DatabaseUrl;
import dev.preflight.kernel.PreflightException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens plain JDBC connections with bounded timeouts and turns connection failures into errors
 * that say which failure it was and what to do, without ever echoing the password.
 */
public final class Connections {

    /** Seconds to wait for a TCP connection and for the login to finish. */
    public static final int CONNECT_TIMEOUT_SECONDS = 10;

    /** Held so the setting is not collected: pgJDBC logs through java.util.logging straight to stderr. */
    private static final java.util.logging.Logger DRIVER_LOG = java.util.logging.Logger.getLogger("org.postgresql");

    static {
        quietDriver();
    }

    private Connections() {
    }

    /**
     * Silences pgJDBC's own logging (java.util.logging, printed to stderr in its own format): every
     * failure it would log also reaches Preflight as an exception, reported as one line with a remedy.
     * Done as this class loads, before its first connection, not as the process starts: setting up
     * java.util.logging searches the whole class path, which a command without a database never needs.
     */
    public static void quietDriver() {
        DRIVER_LOG.setLevel(java.util.logging.Level.OFF);
    }

    /**
     * Has the server check every second, while a statement runs, that Preflight is still connected: a killed run's
     * statement (a long migration, a pg_sleep, an index build) is then cancelled within a second instead of running on
     * and holding its locks (Flyway's advisory lock among them) until its statement_timeout. PostgreSQL 14+, on the
     * platforms that have the setting (not Windows); elsewhere the statement sets nothing.
     */
    static final String WATCH_CLIENT = "SELECT (SELECT set_config('client_connection_check_interval', '1000', false) "
            + "WHERE current_setting('server_version_num')::int >= 140000 AND version() !~* '(windows|mingw|visual c)')";

    /**
     * The application_name of every Preflight session: {@code preflight/<process id>}, so that
     * pg_stat_activity tells Preflight's sessions apart from the application's, and one run's from
     * another's (a signal cancels this process's statements only).
     */
    public static final String APPLICATION_NAME = "preflight/" + ProcessHandle.current().pid();

    public static Connection open(DatabaseUrl url) {
        Properties props = url.connectionProperties();
        props.putIfAbsent("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        props.putIfAbsent("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        props.putIfAbsent("socketTimeout", "0");
        props.putIfAbsent("ApplicationName", APPLICATION_NAME);
        Connection c;
        try {
            c = DriverManager.getConnection(url.jdbcUrl(), props);
        } catch (SQLException e) {
            throw describe(url, e);
        }
        try (java.sql.Statement st = c.createStatement()) {
            st.execute(WATCH_CLIENT);
        } catch (SQLException e) {
            // a server that refuses the setting still works; only a killed run's statement lasts longer there
        }
        return c;
    }

    /** A small pool for short-lived work outside a run's Spring context (the scheduler's bookkeeping). */
    public record Pooled(com.zaxxer.hikari.HikariDataSource dataSource) implements AutoCloseable {
        @Override
        public void close() {
            dataSource.close();
        }
    }

    /** A small pool checked first with one connection, so an unreachable database fails with a classified error. */
    public static Pooled dataSource(DatabaseUrl url) {
        try (Connection probe = open(url)) {
            probe.isValid(1); // fail early with a classified error when the database is unreachable
        } catch (SQLException e) {
            throw describe(url, e);
        }
        return new Pooled(pool(url, "preflight-scheduler", 2));
    }

    /**
     * The one pool configuration of Preflight: the URL's own connection properties, the application
     * name {@link #APPLICATION_NAME} (what a terminated-connection check and pg_stat_activity look for), no idle
     * connections kept, and the connect timeout of a single connection.
     */
    public static com.zaxxer.hikari.HikariDataSource pool(DatabaseUrl url, String name, int size) {
        com.zaxxer.hikari.HikariDataSource ds = new com.zaxxer.hikari.HikariDataSource();
        ds.setPoolName(name);
        ds.setJdbcUrl(url.jdbcUrl());
        ds.setDataSourceProperties(url.connectionProperties());
        ds.addDataSourceProperty("ApplicationName", APPLICATION_NAME);
        ds.setMaximumPoolSize(size);
        ds.setMinimumIdle(0);
        ds.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS * 1000L);
        ds.setConnectionInitSql(WATCH_CLIENT);
        return ds;
    }

    /** Classifies a connection failure by its SQLSTATE into a message and a remedy. */
    static PreflightException describe(DatabaseUrl url, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = url.masked();
        String detail = scrub(e.getMessage(), url);
        String message;
        String remedy;
        switch (state) {
            case "28P01", "28000" -> {
                message = "authentication failed for user '" + url.user() + "' at " + where + " (" + detail + ")";
                remedy = "check the user name and password in the URL (percent-encode @ : / % in passwords)";
            }
            case "3D000" -> {
                message = "database '" + url.database() + "' does not exist at " + url.hosts();
                remedy = "create it (createdb " + url.database() + ") or fix the database name in the URL";
            }
            case "08001", "08004", "08006" -> {
                message = "cannot reach the database server at " + url.hosts() + " (" + detail + ")";
                remedy = "check that the host and port are right, the server is running and accepts TCP connections"
                        + " (timeout " + CONNECT_TIMEOUT_SECONDS + " s)";
            }
            default -> {
                message = "cannot connect to " + where + " (SQLSTATE " + state + ": " + detail + ")";
                remedy = "check the URL, the network and the server log";
            }
        }
        return new PreflightException(dev.preflight.kernel.ExitCode.USAGE_OR_CONNECTION, "db: " + message, remedy);
    }

    /** Removes the password from a driver message, should the driver ever include it. */
    public static String scrub(String text, DatabaseUrl url) {
        if (text == null) {
            return "";
        }
        String pw = url.secretPassword();
        return dev.preflight.kernel.Secrets.scrub(pw == null || pw.isEmpty() ? text : text.replace(pw, "****"));
    }
}
