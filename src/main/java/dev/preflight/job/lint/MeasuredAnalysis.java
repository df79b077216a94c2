package dev.preflight.job.lint;

import dev.preflight.check.lint.StatementMeasurement;
import dev.preflight.migration.Migration;
import dev.preflight.migration.MigrationExecutor;
import dev.preflight.migration.SessionRestore;
import dev.preflight.migration.SqlStatement;
import dev.preflight.migration.ddl.Ddl;
import dev.preflight.migration.ddl.DdlParser;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the migrations under analysis statement by statement on a shadow database whose tables hold
 * generated rows, and records for each statement the locks its session held before commit, the
 * tables it rewrote (relfilenode changed) and how long it ran. What nobody can guess from the text.
 */
final class MeasuredAnalysis {

    private static final Logger log = LoggerFactory.getLogger(MeasuredAnalysis.class);

    private static final String RELFILENODES = """
            SELECT c.oid, c.relfilenode, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'm', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'""";
    private static final String OWN_LOCKS = """
            SELECT l.mode, c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted AND c.relkind IN ('r', 'm', 'p')
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'""";
    private static final List<String> STRENGTH = List.of("AccessExclusiveLock", "ExclusiveLock", "ShareRowExclusiveLock", "ShareLock",
            "ShareUpdateExclusiveLock", "RowExclusiveLock", "RowShareLock", "AccessShareLock");

    /** Measurements by {@code file:line}, timings, what the sample load did, and the error that stopped the replay. */
    record Result(Map<String, StatementMeasurement> measurements, long replayMs, long loadMs, long measureMs, int statements,
                  Map<String, Long> sampleRows, List<String> sampleSkipped, String error) {
    }

    private final int sampleRows;
    private final boolean restoreSession;

    /** @param restoreSession whether the project's tool puts search_path and role back after each migration (Flyway) */
    MeasuredAnalysis(int sampleRows, boolean restoreSession) {
        this.sampleRows = sampleRows;
        this.restoreSession = restoreSession;
    }

    Result run(Connection c, List<Migration> history, Predicate<Migration> analysed) throws SQLException {
        Map<String, StatementMeasurement> out = new LinkedHashMap<>();
        Map<String, Long> loaded = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        long replay = 0;
        long load = 0;
        long measure = 0;
        int statements = 0;
        MigrationExecutor executor = new MigrationExecutor(Duration.ofSeconds(10), Duration.ofMinutes(10));
        SessionRestore session = SessionRestore.of(restoreSession, c);
        for (Migration m : history) {
            long t0 = System.nanoTime();
            c.setAutoCommit(true);
            session.restore(c); // after the migration before, as the project's tool does
            if (!analysed.test(m)) {
                MigrationExecutor.Result r = executor.apply(c, m.statements(), null);
                replay += millisSince(t0);
                if (!r.success()) {
                    return new Result(out, replay, load, measure, statements, loaded, skipped, "migration " + m.id() + " (" + m.file() + ") line "
                            + r.failed().line() + " does not replay on the shadow database: " + firstLine(r.error()));
                }
                continue;
            }
            c.setAutoCommit(false);
            SampleData.Load l = new SampleData(sampleRows).fillEmptyTables(c);
            c.commit();
            l.filled().forEach((table, rows) -> loaded.put(unquote(table), rows));
            skipped.addAll(l.skipped());
            load += millisSince(t0);
            long t1 = System.nanoTime();
            Map<Long, Object[]> snapshot = null; // the relfilenodes after the last measured statement, while nothing else ran
            for (SqlStatement s : m.statements()) {
                if (s.mode() == SqlStatement.Mode.TRANSACTION_CONTROL) {
                    continue;
                }
                statements++;
                if (worthMeasuring(DdlParser.parse(s))) {
                    Measured r = measure(c, m, s, loaded, snapshot);
                    out.put(m.file() + ":" + s.line(), r.measurement());
                    snapshot = r.after();
                } else {
                    snapshot = null;
                    String error = run(c, s);
                    if (error != null) {
                        out.put(m.file() + ":" + s.line(), new StatementMeasurement(m.file().toString(), s.line(), List.of(), List.of(), 0, 0, error));
                    }
                }
            }
            measure += millisSince(t1);
        }
        c.setAutoCommit(true);
        log.info("lint: measured {} statement(s) on the shadow database: replay {} ms, sample rows {} ms, measuring {} ms",
                statements, replay, load, measure);
        return new Result(out, replay, load, measure, statements, loaded, skipped, null);
    }

    /** Statements that act on tables that may already exist; the rest (CREATE TABLE, CREATE TYPE, ...) only run. */
    private static boolean worthMeasuring(Ddl ddl) {
        return ddl instanceof Ddl.AlterTable || ddl instanceof Ddl.CreateIndex || ddl instanceof Ddl.DropIndex || ddl instanceof Ddl.DropTable
                || ddl instanceof Ddl.RenameTable || ddl instanceof Ddl.DataChange || ddl instanceof Ddl.AddEnumValue || ddl instanceof Ddl.Unparsed;
    }

    /** Runs a statement without measuring it; returns its error, or null. */
    private static String run(Connection c, SqlStatement s) throws SQLException {
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            s.execute(c, st);
            return null;
        } catch (SQLException e) {
            return firstLine(e);
        }
    }

    /** A statement's measurement, and the relfilenodes after it (null when it failed: the next one reads its own). */
    private record Measured(StatementMeasurement measurement, Map<Long, Object[]> after) {
    }

    /**
     * @param snapshot the relfilenodes as the previous measured statement left them, when nothing ran since
     *                 (saves one catalog scan per statement), or null
     */
    private static Measured measure(Connection c, Migration m, SqlStatement s, Map<String, Long> loaded, Map<Long, Object[]> snapshot)
            throws SQLException {
        boolean transactional = s.mode() == SqlStatement.Mode.TRANSACTIONAL;
        c.setAutoCommit(!transactional);
        Map<Long, Object[]> before = snapshot != null ? snapshot : relfilenodes(c);
        List<String> locks = List.of();
        long t0 = System.nanoTime();
        try (Statement st = c.createStatement()) {
            s.execute(c, st);
            long ms = millisSince(t0);
            if (transactional) {
                locks = ownLocks(c);
            }
            Map<Long, Object[]> after = relfilenodes(c);
            List<String> rewritten = rewritten(before, after);
            if (transactional) {
                c.commit();
            }
            followRenames(before, after, loaded);
            long rows = rows(locks, rewritten, loaded);
            return new Measured(new StatementMeasurement(m.file().toString(), s.line(), locks, rewritten, ms, rows, null), after);
        } catch (SQLException e) {
            if (transactional) {
                c.rollback();
            }
            return new Measured(new StatementMeasurement(m.file().toString(), s.line(), locks, List.of(), millisSince(t0), 0, firstLine(e)), null);
        }
    }

    private static Map<Long, Object[]> relfilenodes(Connection c) throws SQLException {
        Map<Long, Object[]> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(RELFILENODES)) {
            while (rs.next()) {
                out.put(rs.getLong(1), new Object[] {rs.getLong(2), rs.getString(3)});
            }
        }
        return out;
    }

    /** A table the statement renamed keeps its loaded rows under its new name: its locks and rewrites are named so. */
    static void followRenames(Map<Long, Object[]> before, Map<Long, Object[]> after, Map<String, Long> loaded) {
        before.forEach((oid, b) -> {
            Object[] a = after.get(oid);
            if (a != null && !a[1].equals(b[1]) && loaded.containsKey((String) b[1])) {
                loaded.put((String) a[1], loaded.remove((String) b[1]));
            }
        });
    }

    private static List<String> rewritten(Map<Long, Object[]> before, Map<Long, Object[]> after) {
        List<String> out = new ArrayList<>();
        before.forEach((oid, b) -> {
            Object[] a = after.get(oid);
            if (a != null && !a[0].equals(b[0])) {
                out.add((String) a[1]);
            }
        });
        out.sort(null);
        return out;
    }

    /** Locks this session holds on tables, strongest first, as {@code ACCESS EXCLUSIVE on chunks}. */
    private static List<String> ownLocks(Connection c) throws SQLException {
        List<String[]> raw = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(OWN_LOCKS)) {
            while (rs.next()) {
                raw.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        // strongest first; among equal modes by table name, not pg_locks' (hash) order, so reports are reproducible
        raw.sort(java.util.Comparator.<String[]>comparingInt(x -> rank(x[0])).thenComparing(x -> x[1]));
        // PostgreSQL's documentation names the modes ACCESS EXCLUSIVE, SHARE ROW EXCLUSIVE, ...
        List<String> out = new ArrayList<>();
        for (String[] r : raw) {
            String text = r[0].replace("Lock", "").replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(java.util.Locale.ROOT) + " on " + r[1];
            if (!out.contains(text)) {
                out.add(text);
            }
        }
        return out;
    }

    private static int rank(String mode) {
        int i = STRENGTH.indexOf(mode);
        return i < 0 ? STRENGTH.size() : i;
    }

    private static long rows(List<String> locks, List<String> rewritten, Map<String, Long> loaded) {
        long max = 0;
        for (String table : rewritten) {
            max = Math.max(max, loaded.getOrDefault(table, 0L));
        }
        for (String lock : locks) {
            max = Math.max(max, loaded.getOrDefault(lock.substring(lock.indexOf(" on ") + 4), 0L));
        }
        return max;
    }

    private static String unquote(String qualified) {
        String name = qualified.substring(qualified.indexOf("\".\"") + 3);
        return name.substring(0, name.length() - 1).replace("\"\"", "\"");
    }

    /** The error's first line with its SQLSTATE, which tells a data failure (classes 22, 23) from a broken statement. */
    private static String firstLine(SQLException e) {
        String text = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        return e.getSQLState() == null ? text : text + " (SQLSTATE " + e.getSQLState() + ")";
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
