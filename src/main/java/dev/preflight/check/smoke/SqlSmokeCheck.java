package dev.preflight.check.smoke;

import dev.preflight.check.CheckContext;
import dev.preflight.report.Finding;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * A declared SQL query with an expectation on its rows, first value or latency. It runs alone (the suite refuses
 * more than one statement) inside a read-only transaction that is always rolled back, so a smoke query can never
 * change the database.
 */
public final class SqlSmokeCheck extends SmokeCheck {

    public SqlSmokeCheck(SmokeSpec spec) {
        super(spec);
    }

    @Override
    public List<Finding> run(CheckContext context) throws Exception {
        long rows = 0;
        Object first = null;
        long t0 = System.nanoTime();
        try (RolledBack tx = RolledBack.readOnly(context.connection()); Statement st = tx.connection().createStatement();
             ResultSet rs = st.executeQuery(spec.sql())) {
            while (rs.next()) {
                if (rows == 0) {
                    first = rs.getObject(1);
                }
                rows++;
            }
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        List<String> failures = spec.expect().failures(rows, first, millis);
        if (failures.isEmpty()) {
            return List.of();
        }
        return List.of(fail("smoke " + spec.id(), spec.title() + ": " + String.join("; ", failures),
                describe(spec.expect()), rows + " row(s), first value " + first + ", " + millis + " ms",
                "find out why the query gives this result"));
    }

    private static String describe(Expectation e) {
        StringBuilder sb = new StringBuilder();
        if (e.rows() != null) {
            sb.append("rows ").append(e.rows().trim()).append(' ');
        }
        if (e.scalar() != null) {
            sb.append("value ").append(e.scalar().trim()).append(' ');
        }
        if (e.maxMillis() != null) {
            sb.append("within ").append(e.maxMillis()).append(" ms");
        }
        return sb.toString().trim();
    }

    /** Opens a transaction on a shared connection and rolls it back on close, restoring autocommit. */
    static final class RolledBack implements AutoCloseable {

        private final Connection connection;
        private final boolean autoCommit;

        RolledBack(Connection connection) throws java.sql.SQLException {
            this.connection = connection;
            this.autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
        }

        /** A read-only one: the server refuses the project's query's writes, rather than the rollback undoing them. */
        static RolledBack readOnly(Connection connection) throws java.sql.SQLException {
            RolledBack tx = new RolledBack(connection);
            try (Statement st = connection.createStatement()) {
                st.execute("SET TRANSACTION READ ONLY");
            } catch (java.sql.SQLException e) {
                tx.close();
                throw e;
            }
            return tx;
        }

        Connection connection() {
            return connection;
        }

        @Override
        public void close() throws java.sql.SQLException {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
    }
}
