package dev.preflight.migration;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource for tools that run migration SQL themselves (Flyway): every connection it hands out
 * has {@code lock_timeout} and {@code statement_timeout} set for its session, is watched for lock
 * waits while it is open, and gets its settings reset when it goes back to the pool.
 */
public final class TimeoutDataSource implements DataSource, AutoCloseable {

    private static final String SET = "SELECT pg_backend_pid(), set_config('lock_timeout', ?, false), set_config('statement_timeout', ?, false)";

    private final DataSource delegate;
    private final Duration lockTimeout;
    private final Duration statementTimeout;
    private final BlockingWatcher watcher;
    private final Set<Integer> open = ConcurrentHashMap.newKeySet();

    public TimeoutDataSource(DataSource delegate, Duration lockTimeout, Duration statementTimeout) {
        this.delegate = delegate;
        this.lockTimeout = lockTimeout;
        this.statementTimeout = statementTimeout;
        this.watcher = BlockingWatcher.start(delegate);
    }

    /** Sessions that blocked one of this DataSource's connections, as last seen while it waited. */
    public java.util.List<BlockingSession> blockers() {
        return watcher.allBlockers();
    }

    /** Process ids of the connections open now (to cancel them when a deadline passes). */
    public Set<Integer> openPids() {
        return Set.copyOf(open);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = delegate.getConnection();
        int pid;
        try (PreparedStatement ps = c.prepareStatement(SET)) {
            ps.setString(1, lockTimeout.toMillis() + "ms");
            ps.setString(2, statementTimeout.toMillis() + "ms");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                pid = rs.getInt(1);
            }
            if (!c.getAutoCommit()) {
                c.commit(); // set_config(..., false) is a session setting, but a transaction must not stay open
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        open.add(pid);
        watcher.watch(pid);
        return wrap(c, pid);
    }

    private Connection wrap(Connection c, int pid) {
        // The application's loader, not java.sql's: Flyway loads pgJDBC's CopyManager through the
        // loader of the connection's class to run a migration's COPY ... FROM stdin
        return (Connection) Proxy.newProxyInstance(TimeoutDataSource.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
            if (method.getName().equals("equals") && method.getParameterCount() == 1) {
                return proxy == args[0];
            }
            if (method.getName().equals("hashCode") && method.getParameterCount() == 0) {
                return System.identityHashCode(proxy);
            }
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                watcher.unwatch(pid);
                open.remove(pid);
                reset(c);
            }
            try {
                return method.invoke(c, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    private static void reset(Connection c) {
        try {
            if (c.isClosed()) {
                return;
            }
            if (!c.getAutoCommit()) {
                c.rollback();
            }
            try (Statement st = c.createStatement()) {
                st.execute("RESET lock_timeout; RESET statement_timeout");
            }
        } catch (SQLException e) {
            // A broken connection is discarded by its pool; the caller already has the error that broke it.
        }
    }

    @Override
    public void close() {
        watcher.close();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("migration connections use the run's credentials");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || delegate.isWrapperFor(iface);
    }
}
