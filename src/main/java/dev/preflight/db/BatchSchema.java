package dev.preflight.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Creates Spring Batch's job repository tables (and Preflight's run history and scheduler
 * ticks) in Preflight's own schema when missing. Boot's
 * initializer ignores the table prefix and is not idempotent, so this runs our qualified script
 * under an advisory lock (two Preflights starting together must not race).
 */
public final class BatchSchema {

    private static final String SCRIPT = "preflight/batch/schema-postgresql.sql";
    private static final String OWN_TABLES = "preflight/batch/preflight-tables.sql";
    /** Arbitrary constant key for the advisory lock guarding schema creation. */
    private static final long LOCK_KEY = 0x5052_4546_4C49_4748L;

    private BatchSchema() {
    }

    private static String resource(String name) {
        try (InputStream in = BatchSchema.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the schema script " + name + " is missing from the jar", e);
        }
    }

    public static void ensure(DataSource dataSource) throws SQLException {
        String script = resource(SCRIPT) + ";\n" + resource(OWN_TABLES);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
                st.execute("SET LOCAL client_min_messages = warning");
                Schemas.ensure(st, "preflight");
                for (String sql : script.split(";")) {
                    String stmt = sql.lines().filter(l -> !l.trim().startsWith("--")).reduce("", (a, b) -> a + "\n" + b).trim();
                    if (!stmt.isEmpty() && !stmt.toUpperCase(java.util.Locale.ROOT).startsWith("CREATE SCHEMA")) {
                        st.execute(stmt);
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
