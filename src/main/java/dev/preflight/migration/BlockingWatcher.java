package dev.preflight.migration;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Watches migration sessions from a second connection: while one of them waits for a lock, it
 * remembers who blocks it ({@code pg_blocking_pids} joined to {@code pg_stat_activity}), so that a
 * lock or statement timeout can name the blocking session after the wait has ended.
 */
public final class BlockingWatcher implements AutoCloseable {

    /** How often the waits are sampled: fine enough for a lock timeout of a second, cheap enough on a small server. */
    static final Duration INTERVAL = Duration.ofMillis(200);

    private static final String BLOCKERS = """
            SELECT w.pid AS waiting, b.pid, b.application_name, b.state, b.xact_start, left(regexp_replace(b.query, '\\s+', ' ', 'g'), 160)
            FROM unnest(?::int[]) AS w(pid)
            CROSS JOIN LATERAL unnest(pg_blocking_pids(w.pid)) AS bp(pid)
            JOIN pg_stat_activity b ON b.pid = bp.pid
            ORDER BY w.pid, b.pid""";

    private final DataSource source;
    private final Set<Integer> watched = ConcurrentHashMap.newKeySet();
    private final Map<Integer, List<BlockingSession>> lastSeen = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    private BlockingWatcher(DataSource source) {
        this.source = source;
        this.thread = new Thread(this::loop, "preflight-lock-watcher");
        this.thread.setDaemon(true);
    }

    /** Starts watching; the watcher opens its connection from {@code source} only while something is watched. */
    public static BlockingWatcher start(DataSource source) {
        BlockingWatcher w = new BlockingWatcher(source);
        w.thread.start();
        return w;
    }

    public void watch(int pid) {
        watched.add(pid);
    }

    public void unwatch(int pid) {
        watched.remove(pid);
    }

    /** The sessions that last blocked {@code pid} (empty when it was never seen waiting). */
    public List<BlockingSession> blockersOf(int pid) {
        return lastSeen.getOrDefault(pid, List.of());
    }

    /** The sessions that last blocked any watched session, without repeats. */
    public List<BlockingSession> allBlockers() {
        Map<Integer, BlockingSession> byPid = new java.util.LinkedHashMap<>();
        lastSeen.values().forEach(list -> list.forEach(b -> byPid.putIfAbsent(b.pid(), b)));
        return List.copyOf(byPid.values());
    }

    private void loop() {
        Connection c = null;
        try {
            while (!closed) {
                if (watched.isEmpty()) {
                    sleep();
                    continue;
                }
                try {
                    if (c == null) {
                        c = source.getConnection();
                        c.setAutoCommit(true);
                    }
                    sample(c);
                } catch (SQLException e) {
                    // The watcher only adds detail to an error; without its connection the migration still runs under its timeouts.
                    close(c);
                    c = null;
                }
                sleep();
            }
        } finally {
            close(c);
        }
    }

    private void sample(Connection c) throws SQLException {
        Integer[] pids = watched.toArray(Integer[]::new);
        Map<Integer, List<BlockingSession>> now = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(BLOCKERS)) {
            Array array = c.createArrayOf("int4", pids);
            ps.setArray(1, array);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp xact = rs.getTimestamp(5);
                    now.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(new BlockingSession(rs.getInt(2), rs.getString(3),
                            rs.getString(4), xact == null ? null : xact.toInstant(), rs.getString(6)));
                }
            }
        }
        now.forEach((pid, list) -> lastSeen.put(pid, List.copyOf(list)));
    }

    private void sleep() {
        try {
            Thread.sleep(INTERVAL.toMillis());
        } catch (InterruptedException e) {
            closed = true;
            Thread.currentThread().interrupt();
        }
    }

    private static void close(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing to do: the watcher is going away
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
