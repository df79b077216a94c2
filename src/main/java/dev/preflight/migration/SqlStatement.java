package dev.preflight.migration;

/**
 * One SQL statement of a migration file, with the line it starts on and how it may run.
 *
 * @param sql the statement without its terminating semicolon; comments inside it are kept
 * @param line the 1-based line of the file on which the statement's first token stands
 * @param comments the text of the comments that stand before the statement (since the previous
 *     one ended) and inside it, one per line; directives such as {@code -- preflight:nolint} live here
 * @param mode whether PostgreSQL lets it run inside a transaction block
 * @param copyData for {@code COPY ... FROM stdin}, the data lines that follow it in the file (up to,
 *     not including, the {@code \.} line), as psql and Flyway read them; null for any other statement
 */
public record SqlStatement(String sql, int line, String comments, Mode mode, String copyData) {

    public SqlStatement(String sql, int line, String comments, Mode mode) {
        this(sql, line, comments, mode, null);
    }

    /** How a statement may be executed. */
    public enum Mode {
        /** Runs inside a transaction block with its neighbours. */
        TRANSACTIONAL,
        /** PostgreSQL refuses it inside a transaction block ({@code CREATE INDEX CONCURRENTLY}, {@code VACUUM}, ...). */
        NON_TRANSACTIONAL,
        /** {@code BEGIN}, {@code COMMIT}, ... written in the file: a boundary between groups, not run itself. */
        TRANSACTION_CONTROL
    }

    /**
     * Runs the statement on {@code st}, a statement of {@code c}: a {@code COPY ... FROM stdin} with
     * its data through pgJDBC's copy API, anything else as it is.
     */
    public void execute(java.sql.Connection c, java.sql.Statement st) throws java.sql.SQLException {
        if (copyData == null) {
            st.execute(sql);
            return;
        }
        try {
            new org.postgresql.copy.CopyManager(c.unwrap(org.postgresql.core.BaseConnection.class)).copyIn(sql, new java.io.StringReader(copyData));
        } catch (java.io.IOException e) {
            throw new java.sql.SQLException("COPY at line " + line + ": " + e.getMessage(), e);
        }
    }

    public boolean transactional() {
        return mode == Mode.TRANSACTIONAL;
    }

    /** The statement on one line, shortened to {@code max} characters, for messages. */
    public String summary(int max) {
        String flat = sql.replaceAll("\\s+", " ").trim();
        return flat.length() <= max ? flat : flat.substring(0, Math.max(0, max - 3)) + "...";
    }
}
