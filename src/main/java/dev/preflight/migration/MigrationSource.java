package dev.preflight.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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

    /** Creates the native history table when it is missing, exactly as the native tool would. */
    void createHistoryTable(Connection connection) throws SQLException;

    /**
     * Writes the native row saying {@code migration} was applied, in the caller's transaction (the
     * executor runs it in the migration's last transaction), so that the native tool agrees.
     */
    void recordApplied(Connection connection, Migration migration, Instant startedAt, long executionMillis) throws SQLException;

    /** The migrations folder. */
    java.nio.file.Path folder();

    /**
     * Whether the recorded checksum {@code recorded} matches {@code migration} the way the native
     * tool compares them (Prisma accepts other line endings and unpadded hex, for example).
     */
    default boolean checksumMatches(Migration migration, String recorded) {
        return recorded == null || migration.checksum() == null || migration.checksum().equals(recorded);
    }

    /**
     * Why the native tool runs {@code migration} inside a transaction block even when the file holds a
     * single statement (drizzle-orm runs every pending migration in one), where PostgreSQL refuses
     * {@code CREATE INDEX CONCURRENTLY}; null when it runs a lone statement outside one, as Flyway,
     * Prisma, golang-migrate and Postgrator do. Lint's LINT003 reads it.
     */
    default String transactionBlock(Migration migration) {
        return null;
    }

    /**
     * Why the native tool cannot run a {@code COPY ... FROM stdin} whose rows follow it in the file (pg_dump's
     * format), or null when it can. Only psql and Flyway read those data lines and feed them through the copy
     * protocol; the other tools send a file's SQL to PostgreSQL as query text, which reads the first data line as SQL
     * (dbmate and Postgrator, run here: "syntax error at or near" the first value). Lint's LINT023 reads it.
     */
    default String copyDataRefusal() {
        return layout() + " sends a migration's SQL to PostgreSQL as query text, which reads the first data line as SQL";
    }

    /**
     * Whether the native tool puts the session's {@code search_path} and role back after each migration (Flyway does,
     * on the one connection it migrates with); the others run every migration on as the one before left the session, so
     * pg_dump's {@code set_config('search_path', '', false)} in one file applies to the next. Replays that run the
     * migrations themselves (lint's measurement, baseline's drift check) follow it: {@link SessionRestore}.
     */
    default boolean restoresSessionBetweenMigrations() {
        return false;
    }

    /** Files the native tool would skip or refuse, reported as findings; none by default. */
    default List<SourceProblem> problems() {
        return List.of();
    }

    /**
     * The migrations the native tool will never apply on a database with this history though no row records them
     * (drizzle-orm runs only journal entries newer than the newest applied one), by id, each with why and the remedy:
     * they are IGNORED, as Flyway calls a file older than the applied version, never applied, and reported by MIG006.
     * None by default.
     */
    default Map<String, SourceProblem> ignored(List<AppliedMigration> history) {
        return Map.of();
    }

    /** Whether the native history table exists. */
    default boolean historyExists(Connection connection) throws SQLException {
        try (var ps = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, historyTable());
            try (var rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * Records, committed before the migration's first statement runs, that it has started, the way
     * the native tool does (golang-migrate marks the version dirty), so that a run that fails or is
     * killed part-way leaves the trace the native tool would; nothing by default.
     */
    default void recordStarted(Connection connection, Migration migration, Instant startedAt) throws SQLException {
    }

    /**
     * Preflight's own record of applied checksums, for a layout whose native history keeps none
     * (golang-migrate, dbmate): written with each native row Preflight writes, read back into
     * {@link AppliedMigration#checksum()}. Null when the native table keeps the checksums.
     */
    default AppliedChecksums preflightChecksums() {
        return null;
    }

    /** Records a failed attempt the way the native tool does (a failed row, a dirty flag); nothing by default. */
    default void recordFailed(Connection connection, Migration migration, Instant startedAt, String error) throws SQLException {
    }

    /**
     * The repair for a migration the native history records as failed, in the native tool's words, or
     * null for the generic one (undo, delete the failed row, migrate again). A tool whose history is a
     * single row (golang-migrate) must not have that row deleted.
     */
    default String failedRemedy(String id) {
        return null;
    }
}
