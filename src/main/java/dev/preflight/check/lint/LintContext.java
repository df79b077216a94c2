package dev.preflight.check.lint;

import dev.preflight.migration.Migration;
import dev.preflight.migration.SqlStatement;
import dev.preflight.migration.ddl.Ddl;
import java.util.List;

/**
 * What a rule may look at for one statement: the statement and what it does, its migration, the
 * schema the history built before it, and the statements of the same file before it.
 *
 * @param earlier the statements of the same migration before this one, with what they do
 * @param nativeTransaction whether the project's own tool runs this file inside one transaction
 *     block (Prisma, golang-migrate and Drizzle do; Flyway does unless the file is all non-transactional)
 * @param transactionBlock why the project's own tool runs this migration inside a transaction block
 *     even when the statement stands alone in its file (Drizzle); null when it does not
 * @param serverVersionNum the target server's {@code server_version_num} (150000 when unknown)
 * @param copyDataRefusal why the project's own tool cannot run {@code COPY ... FROM stdin} with its data lines; null
 *     when it can (Flyway)
 */
public record LintContext(Migration migration, SqlStatement statement, Ddl ddl, SchemaState schema,
                          List<Parsed> earlier, boolean nativeTransaction, String transactionBlock, int serverVersionNum,
                          String copyDataRefusal) {

    /** A statement with what it does. */
    public record Parsed(SqlStatement statement, Ddl ddl) {
    }

    /** True when the table exists from an earlier migration (or outside the history): it may hold rows and traffic. */
    public boolean existingTable(Ddl.Name table) {
        return schema.existsBefore(table, migration.id());
    }

    /** True when a {@code SET lock_timeout} came earlier in this file. */
    public boolean lockTimeoutSet() {
        return earlier.stream().anyMatch(p -> p.ddl() instanceof Ddl.Setting s && s.name().equals("lock_timeout"));
    }

    /** True when an explicit BEGIN earlier in this file has not been closed. */
    public boolean insideExplicitTransaction() {
        boolean open = false;
        for (Parsed p : earlier) {
            if (p.statement().mode() == SqlStatement.Mode.TRANSACTION_CONTROL) {
                String word = p.statement().sql().trim().split("\\s+")[0].toLowerCase(java.util.Locale.ROOT);
                open = word.equals("begin") || word.equals("start");
            }
        }
        return open;
    }
}
