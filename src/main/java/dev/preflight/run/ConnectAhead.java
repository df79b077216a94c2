package dev.preflight.run;

import com.zaxxer.hikari.HikariDataSource;
import dev.preflight.config.DatabaseTarget;
import dev.preflight.config.DatabaseUrl;
import dev.preflight.db.Connections;
import dev.preflight.db.DataSourceConfiguration;
import dev.preflight.kernel.Console;
import dev.preflight.kernel.Options;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A run's first connections, and its pool with one connection in it, opened on a thread of their own while the main
 * thread reads the inputs. Opening a connection is mostly waiting (the server starts a backend and authenticates) and
 * reading the inputs is CPU work, so the two overlap.
 * Only a database the options or the environment name is connected to ahead, never an embedded cluster. What an attempt
 * found is reported by {@link Connectivity} where a run has always reported it: after the inputs, so a bad input is still
 * the first error.
 */
final class ConnectAhead {

    /** One URL's attempt: its connection, or the failure (a classified {@link dev.preflight.kernel.PreflightException}), and how long it took. */
    record Attempt(DatabaseUrl url, Connection connection, RuntimeException failure, long millis) {

        /** Connects to {@code url} now, on the calling thread. */
        static Attempt of(DatabaseUrl url) {
            long t0 = System.nanoTime();
            try {
                Connection c = Connections.open(url);
                return new Attempt(url, c, null, (System.nanoTime() - t0) / 1_000_000);
            } catch (RuntimeException e) {
                return new Attempt(url, null, e, (System.nanoTime() - t0) / 1_000_000);
            }
        }
    }

    private final DatabaseTarget target;
    private final CompletableFuture<List<Attempt>> attempts = new CompletableFuture<>();
    /** The run's pool, once every attempt connected (else null). */
    private final CompletableFuture<HikariDataSource> pool = new CompletableFuture<>();
    /** Whether the run took the attempts: the pool is then the run's. */
    private volatile boolean taken;

    private ConnectAhead(DatabaseTarget target) {
        this.target = target;
    }

    /** Starts connecting to the database the options name; null when they name none or a URL does not parse (the inputs report that). */
    static ConnectAhead start(Options options, Console console) {
        DatabaseTarget target;
        try {
            target = TargetResolver.given(options, console);
        } catch (RuntimeException e) {
            return null; // reported, with its remedy, where the run reads its target
        }
        if (target == null) {
            return null;
        }
        ConnectAhead ahead = new ConnectAhead(target);
        Thread t = new Thread(() -> {
            List<Attempt> done = connect(urls(target));
            ahead.attempts.complete(done);
            ahead.pool.complete(done.stream().allMatch(a -> a.failure() == null) ? warmPool(target) : null);
        }, "preflight:connect");
        t.setDaemon(true); // a run that ends on a bad input does not wait for an unreachable server's timeout
        t.start();
        return ahead;
    }

    /** The URLs a run checks, in order: the target's, then its direct URL if it has one. */
    static List<DatabaseUrl> urls(DatabaseTarget target) {
        return target.directUrl() == null ? List.of(target.url()) : List.of(target.url(), target.directUrl());
    }

    /**
     * The run's pool, holding one idle connection: its first {@code getConnection} would otherwise wait for one to be
     * opened. A failure here is left to the run's own use of the pool, which reports it.
     */
    private static HikariDataSource warmPool(DatabaseTarget target) {
        HikariDataSource ds = new DataSourceConfiguration().dataSource(target);
        try (Connection c = ds.getConnection()) {
            c.isValid(1);
        } catch (SQLException | RuntimeException e) {
            // the run meets it again, and reports it with its remedy
        }
        return ds;
    }

    /** Each URL in turn, stopping at the first that fails (as the check stops there). */
    private static List<Attempt> connect(List<DatabaseUrl> urls) {
        List<Attempt> done = new ArrayList<>();
        for (DatabaseUrl url : urls) {
            Attempt a = Attempt.of(url);
            done.add(a);
            if (a.failure() != null) {
                break;
            }
        }
        return done;
    }

    /**
     * The attempts, waiting for them, if they were made to this target; null (and the connections closed) when the run
     * resolved another one, which it then connects to itself.
     */
    List<Attempt> take(DatabaseTarget resolved) {
        if (!same(resolved.url(), target.url()) || !same(resolved.directUrl(), target.directUrl())) {
            discard();
            return null;
        }
        taken = true;
        return attempts.join();
    }

    /** The run's pool made ahead, waiting for it; null when the attempts were not taken or one failed. */
    HikariDataSource pool() {
        return taken ? pool.join() : null;
    }

    /** Closes what was or will be connected: the run ended before it used its connections and pool. */
    void discard() {
        var unused = attempts.thenAccept(list -> list.forEach(a -> Connectivity.closeQuietly(a.connection()))); // closing never fails
        var unusedPool = pool.thenAccept(p -> {
            if (p != null) {
                p.close();
            }
        });
    }

    private static boolean same(DatabaseUrl a, DatabaseUrl b) {
        return a == null ? b == null : b != null && a.jdbcUrl().equals(b.jdbcUrl()) && a.connectionProperties().equals(b.connectionProperties());
    }
}
