package dev.preflight.job.retune;

import dev.preflight.db.Catalog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds an IVFFlat index without blocking writes and without a moment with no index: builds a
 * copy {@code CONCURRENTLY} under a temporary name, checks it is valid, swaps the names in one
 * short transaction under {@code lock_timeout}, then drops the old index {@code CONCURRENTLY}.
 * Any failure before the swap commits leaves the old index as it was and drops the leftover copy.
 */
final class OnlineRebuild {

    private static final Logger log = LoggerFactory.getLogger(OnlineRebuild.class);
    static final String TMP_SUFFIX = "_retune_tmp";
    static final String OLD_SUFFIX = "_retune_old";
    /** PostgreSQL truncates identifiers longer than this. */
    private static final int MAX_IDENTIFIER = 63;

    /** What a successful rebuild produced; {@code warning} is set when the old index could not be dropped. */
    record Result(long buildMillis, long maintenanceWorkMemBytes, String warning) {
    }

    /** A rebuild that failed; the original index is still in place and valid. */
    static final class RebuildFailedException extends Exception {
        RebuildFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final DataSource dataSource;
    private final RetuneSettings settings;

    OnlineRebuild(DataSource dataSource, RetuneSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    /** A name in the index's family: base truncated so that base + suffix fits PostgreSQL's 63 bytes. */
    static String derivedName(String base, String suffix) {
        return (base.length() + suffix.length() > MAX_IDENTIFIER ? base.substring(0, MAX_IDENTIFIER - suffix.length()) : base) + suffix;
    }

    /** The CREATE INDEX CONCURRENTLY statement for a copy of {@code ix} with {@code lists} lists. */
    static String createStatement(VectorIndexTarget ix, String name, int lists) {
        return "CREATE INDEX CONCURRENTLY " + Catalog.ident(name) + " ON " + ix.qualifiedTable() + " USING ivfflat ("
                + ix.keyExpression() + " " + ix.opclass() + ") WITH (lists = " + lists + ")"
                + (ix.tablespace() == null ? "" : " TABLESPACE " + Catalog.ident(ix.tablespace()))
                + (ix.predicate() == null ? "" : " WHERE " + ix.predicate());
    }

    Result rebuild(VectorIndexTarget ix, long rows, int lists) throws RebuildFailedException {
        String tmp = derivedName(ix.name(), TMP_SUFFIX);
        String old = derivedName(ix.name(), OLD_SUFFIX);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true); // CONCURRENTLY refuses to run inside a transaction block
            dropIfExists(c, ix, tmp); // a leftover of an interrupted run
            long memory = raiseMaintenanceWorkMem(c, IvfflatAdvice.buildMemoryBytes(rows, lists, ix.dimensions()));
            long t0 = System.nanoTime();
            try {
                log.info("{}: building {} with lists={} (maintenance_work_mem {} MB)", ix.name(), tmp, lists, memory >> 20);
                RetuneJdbc.execute(c, createStatement(ix, tmp, lists));
                long buildMillis = (System.nanoTime() - t0) / 1_000_000;
                requireValid(c, ix, tmp);
                swap(c, ix, tmp, old);
                log.info("{}: rebuilt in {} ms and swapped in", ix.name(), buildMillis);
                return new Result(buildMillis, memory, dropOld(c, ix, old));
            } catch (SQLException | RuntimeException e) {
                String cleanup = cleanup(c, ix, tmp);
                throw new RebuildFailedException("rebuilding " + ix.name() + " failed, the original index is unchanged: "
                        + e.getMessage() + cleanup, e);
            } finally {
                resetQuietly(c); // the connection returns to the pool
            }
        } catch (SQLException e) {
            throw new RebuildFailedException("rebuilding " + ix.name() + " failed before it started: " + e.getMessage(), e);
        }
    }

    /** Sets the session's maintenance_work_mem to what the build needs, never below the current value, never above the cap. */
    private long raiseMaintenanceWorkMem(Connection c, long needed) throws SQLException {
        long current = RetuneJdbc.bytes(c, RetuneSql.MAINTENANCE_WORK_MEM_BYTES, null);
        long cap = RetuneJdbc.bytes(c, RetuneSql.SIZE_BYTES, settings.config().maintenanceWorkMemCap());
        long value = Math.min(cap, Math.max(current, needed));
        RetuneJdbc.execute(c, "SET maintenance_work_mem = '" + Math.max(1024, value / 1024) + "kB'");
        return value;
    }

    private void requireValid(Connection c, VectorIndexTarget ix, String tmp) throws SQLException {
        Long oid = RetuneJdbc.oid(c, ix.schema(), tmp);
        try (PreparedStatement ps = c.prepareStatement(RetuneSql.INDEX_VALID)) {
            ps.setLong(1, oid == null ? 0 : oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    throw new SQLException(tmp + " was built but is not valid (indisvalid = false)");
                }
            }
        }
    }

    /** Renames old -> _retune_old and tmp -> old in one transaction: queries always find an index under the name. */
    private void swap(Connection c, VectorIndexTarget ix, String tmp, String old) throws SQLException {
        int attempts = settings.config().swapAttempts();
        for (int attempt = 1; ; attempt++) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL lock_timeout = '" + settings.config().lockTimeout().replace("'", "") + "'");
                st.execute("ALTER INDEX " + ix.qualified(ix.name()) + " RENAME TO " + Catalog.ident(old));
                st.execute("ALTER INDEX " + ix.qualified(tmp) + " RENAME TO " + Catalog.ident(ix.name()));
                c.commit();
                return;
            } catch (SQLException e) {
                c.rollback();
                if (!RetuneSql.LOCK_NOT_AVAILABLE.equals(e.getSQLState()) || attempt >= attempts) {
                    throw new SQLException(String.format(Locale.ROOT, "swapping names (attempt %d of %d, lock_timeout %s): %s",
                            attempt, attempts, settings.config().lockTimeout(), e.getMessage()), e.getSQLState(), e);
                }
                log.warn("{}: swap attempt {} of {} timed out waiting for a lock; retrying", ix.name(), attempt, attempts);
                RetuneJdbc.sleep(250L * attempt);
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    /** Drops the replaced index; a failure here leaves a valid spare index behind, which is reported, not fatal. */
    private String dropOld(Connection c, VectorIndexTarget ix, String old) {
        try {
            RetuneJdbc.execute(c, "DROP INDEX CONCURRENTLY IF EXISTS " + ix.qualified(old));
            return null;
        } catch (SQLException e) {
            return "the replaced index " + old + " could not be dropped (" + e.getMessage() + "): drop it with DROP INDEX CONCURRENTLY "
                    + ix.qualified(old);
        }
    }

    private String cleanup(Connection c, VectorIndexTarget ix, String tmp) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            dropIfExists(c, ix, tmp);
            return "";
        } catch (SQLException e) {
            return "; the leftover " + tmp + " could not be dropped (" + e.getMessage() + "): DROP INDEX CONCURRENTLY " + ix.qualified(tmp);
        }
    }

    private static void resetQuietly(Connection c) {
        try {
            RetuneJdbc.execute(c, "RESET maintenance_work_mem");
        } catch (SQLException e) {
            log.debug("RESET maintenance_work_mem failed: {}", e.getMessage());
        }
    }

    private static void dropIfExists(Connection c, VectorIndexTarget ix, String name) throws SQLException {
        if (RetuneJdbc.oid(c, ix.schema(), name) != null) {
            log.info("{}: dropping leftover index {}", ix.name(), name);
            RetuneJdbc.execute(c, "DROP INDEX CONCURRENTLY IF EXISTS " + ix.qualified(name));
        }
    }
}
