package dev.preflight.run;

import dev.preflight.db.Connections;
import dev.preflight.report.CheckOutcome;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * SRV001, before anything else of a run: every URL of the target (and the direct URL) accepts a
 * connection with the given credentials. A failure is a PreflightException naming the server and
 * the remedy.
 */
final class Connectivity {

    private Connectivity() {
    }

    /**
     * Checks each URL and records SRV001; returns the DDL URL's connection when the run records
     * (it then holds the liveness lock: each new session costs a password exchange, SCRAM's 4,096
     * hash rounds, one of the dearer steps of a cold start), else null.
     */
    static Connection check(RunContext run, String command, boolean keepDdl) {
        Connection kept = null;
        var urls = run.target().directUrl() == null ? List.of(run.target().url()) : List.of(run.target().url(), run.target().directUrl());
        for (var url : urls) {
            long t0 = System.nanoTime();
            Connection c = null;
            try {
                c = Connections.open(url);
                long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
                run.ledger().add(new CheckOutcome("SRV001", "Database is reachable with the given credentials", command,
                        CheckOutcome.Status.PASSED, "connected to " + url.masked() + " in " + ms + " ms", List.of()));
                if (keepDdl && url == run.target().ddlUrl() && kept == null) {
                    kept = c;
                    c = null;
                }
            } finally {
                closeQuietly(c);
            }
        }
        return kept;
    }

    static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // a connection that only proved the server reachable
            }
        }
    }
}
