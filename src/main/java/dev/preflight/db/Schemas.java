package dev.preflight.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates a schema only when it is missing, so a role without CREATE on the database can use one made for it. */
public final class Schemas {

    private Schemas() {
    }

    /**
     * Creates the schema, given as a quoted or plain identifier, unless it exists. PostgreSQL's {@code CREATE SCHEMA IF NOT
     * EXISTS} checks CREATE on the database before it looks for the schema, so it fails for a role an administrator gave
     * the schema to ({@code CREATE SCHEMA preflight AUTHORIZATION app}), the remedy Preflight itself prints.
     */
    public static void ensure(Statement st, String identifier) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT to_regnamespace('" + identifier.replace("'", "''") + "') IS NULL")) {
            if (rs.next() && !rs.getBoolean(1)) {
                return;
            }
        }
        st.execute("CREATE SCHEMA IF NOT EXISTS " + identifier);
    }
}
