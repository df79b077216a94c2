package dev.preflight.testing;

import dev.preflight.config.DatabaseUrl;
import dev.preflight.db.Connections;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test that asks for a {@link TestDatabase} parameter a fresh empty database on the
 * shared test server (see {@link TestServer}); drops it and the roles the test created afterwards,
 * and a failed drop fails the test. A server that cannot be had fails the test: database tests
 * are never skipped.
 */
public final class PostgresExtension implements ParameterResolver, AfterEachCallback {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        DatabaseUrl admin = TestServer.adminUrl();
        String name = "t_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = Connections.open(admin); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot create test database on " + TestServer.description() + ": " + ex.getMessage(), ex);
        }
        TestDatabase db = new TestDatabase(admin.withDatabase(name));
        e.getStore(NS).put(e.getUniqueId(), name);
        e.getStore(NS).put(e.getUniqueId() + "/db", db);
        return db;
    }

    @Override
    public void afterEach(ExtensionContext e) {
        String name = e.getStore(NS).remove(e.getUniqueId(), String.class);
        TestDatabase db = e.getStore(NS).remove(e.getUniqueId() + "/db", TestDatabase.class);
        if (name == null) {
            return;
        }
        // a database or role left behind would leak into later tests on the same server: failing to drop one fails the test
        try (Connection c = Connections.open(TestServer.adminUrl()); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            for (String role : db == null ? java.util.List.<String>of() : db.roles()) {
                st.execute("DROP ROLE IF EXISTS " + role);
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot drop test database " + name + " (or its roles) on " + TestServer.description()
                    + ": " + ex.getMessage(), ex);
        }
    }
}
