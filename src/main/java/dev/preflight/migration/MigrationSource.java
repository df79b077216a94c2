package dev.preflight.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The seam for migration layouts: the ordered migrations of a project and how a database applied
 * them, in one tool's own file naming and history table. A new layout is one implementation.
 */
public interface MigrationSource {

    /** The layout's name as users write it in the configuration ({@code flyway}, {@code prisma}, ...). */
    String layout();

    /** The native history table, qualified ({@code public._prisma_migrations}); never application schema. */
    String historyTable();

    /** The migrations in the order the native tool applies them. */
    List<Migration> migrations();

    /** The native history rows, in the order they were applied; empty when the table does not exist. */
    List<AppliedMigration> history(Connection connection) throws SQLException;
}
