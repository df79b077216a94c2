package dev.preflight.migration;

/**
 * One SQL statement of a migration file, with the line it starts on and how it may run.
 *
 * @param sql the statement without its terminating semicolon; comments inside it are kept
 * @param line the 1-based line of the file on which the statement's first token stands
 * @param comments the text of the comments that stand before the statement (since the previous
 *     one ended) and inside it, one per line; directives such as {@code -- preflight:nolint} live here
 * @param mode whether PostgreSQL lets it run inside a transaction block
 */
public record SqlStatement(String sql, int line, String comments, Mode mode) {

    /** How a statement may be executed. */
    public enum Mode {
        /** Runs inside a transaction block with its neighbours. */
        TRANSACTIONAL,
        /** PostgreSQL refuses it inside a transaction block ({@code CREATE INDEX CONCURRENTLY}, {@code VACUUM}, ...). */
        NON_TRANSACTIONAL,
        /** {@code BEGIN}, {@code COMMIT}, ... written in the file: a boundary between groups, not run itself. */
        TRANSACTION_CONTROL
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
